"""The spaCy pipeline: the builder (`models/pipeline.cfg` -> Language) and the faster stand-ins for stock stages.

    builder.py     build_nlp / get_nlp / load_config / config_hash
    tagmap.py      attribute_ruler stand-in (same POS/MORPH)
    lemmacache.py  lemmatizer stand-in (same lemmas)
    nerdecode.py   ner stand-in (same entities, vectorised greedy decoding)
    runs.py        the tokenizer, linear on long whitespace-free runs (wraps the stock one)
"""
from pipeline.nlp.builder import build_nlp, config_hash, get_nlp, load_config

__all__ = ["build_nlp", "config_hash", "get_nlp", "load_config"]
