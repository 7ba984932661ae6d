"""Build the spaCy pipeline from models/pipeline.cfg."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Optional

import spacy
from spacy.language import Language
from thinc.api import Config

from pipeline.nlp import runs
from pipeline.paths import model_file

DEFAULT_CONFIG = "pipeline.cfg"


def load_config(path: Optional[str | Path] = None) -> Config:
    return Config().from_disk(model_file(path or DEFAULT_CONFIG), interpolate=False)


def config_hash(path: Optional[str | Path] = None) -> str:
    """The pipeline identity hash (recorded on each run): the same function as `pipeline.batch.pipeline_identity`
    (pipeline/identity.py: package version, the config, every data file under models/, gazetteer sources)."""
    from pipeline.identity import pipeline_identity

    return pipeline_identity(path)[1]


def _import_components() -> None:
    # importing the modules registers the factories
    from pipeline.extract.attribution import component as _a  # noqa: F401
    from pipeline.extract.casualties import component as _c  # noqa: F401
    from pipeline.extract.dates import component as _d  # noqa: F401
    from pipeline.extract.events import component as _e  # noqa: F401
    from pipeline.extract.places import component as _p  # noqa: F401
    from pipeline.nlp import lemmacache, nerdecode, tagmap  # noqa: F401


def _replace_base(nlp: Language, replace: dict) -> None:
    """`[base] replace = {"stock component": "factory"}`: a faster component with the same output takes the stock
    one's place (it is built from the stock component, e.g. tagmap from the attribute_ruler's patterns). A stock
    component the replacement cannot handle exactly is kept (`supports(stock)` in the replacement's module)."""
    from pipeline.nlp import lemmacache, nerdecode, tagmap

    checks = {"claimscope_tagmap_v1": tagmap.supports, "claimscope_lemmacache_v1": lemmacache.supports,
              "claimscope_nerdecode_v1": nerdecode.supports}
    for stock, factory in replace.items():
        if stock not in nlp.pipe_names:
            continue
        check = checks.get(factory)
        if check is not None and not check(nlp.get_pipe(stock)):
            continue
        new_name = factory.removeprefix("claimscope_").removesuffix("_v1")  # not claimscope_*: a stock stage
        nlp.add_pipe(factory, name=new_name, after=stock, config={"source": stock})
        nlp.remove_pipe(stock)


def build_nlp(path: Optional[str | Path] = None) -> Language:
    """Load the base model and add our components as the config lists them."""
    _import_components()
    cfg = load_config(path)
    base = cfg["base"]
    nlp = spacy.load(base["model"], exclude=list(base.get("exclude", [])))
    runs.install(nlp)  # linear on long whitespace-free runs (pipeline/nlp/runs.py)
    _replace_base(nlp, dict(base.get("replace", {})))
    for name in cfg["nlp"]["pipeline"]:
        comp = dict(cfg["components"][name])
        factory = comp.pop("factory")
        nlp.add_pipe(factory, name=name, config=comp)
    return nlp


@lru_cache(maxsize=2)
def get_nlp(path: Optional[str] = None) -> Language:
    """The pipeline, built once per process."""
    return build_nlp(path)
