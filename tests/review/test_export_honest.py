"""Honest exports (issue 20): a pending machine claim is never exported as a reviewed one.

One DuckDB file with pending, accepted, corrected, rejected and added claims, exported as Prodigy, Label
Studio (checked with the Label Studio SDK's own validator, offline) and brat (checked with a standoff reader
written from the format's description, tests/review/brat_standoff.py)."""
from __future__ import annotations

import json

import pytest

from pipeline.review.decisions import added_claim_id, make_review, store_review
from pipeline.review.export import ExportOptionError, export
from tests.review import brat_standoff as bs
from tests.review.conftest import HOSTILE, PLAIN, hostile_extraction, plain_extraction, write
from tests.review.test_export import _all, _lines

GEONAME = 7654321  # an invented GeoNames id the reviewer gives Kira


def _add(db, text, sha, ctype, needle, value):
    s = text.index(needle)
    add = dict(claim_id="", claim_type=ctype, article_sha256=sha, start_char=s, end_char=s + len(needle),
               span_text=needle, run_id=None, value=None)
    r = make_review(claim=add, decision="added", reviewer="t", new_value=value, text_len=len(text))
    r["claim_id"] = added_claim_id(sha, ctype, s, s + len(needle), r["new_value"])
    store_review(db, r)
    return r["claim_id"]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """A real DuckDB file with every status in both articles (built once: the tests only export from it)."""
    db = tmp_path_factory.mktemp("mixed") / "claims.duckdb"
    write(db, [hostile_extraction(), plain_extraction()])
    cl = _all(db)

    def decide(aid, span, decision, **new):
        store_review(db, make_review(claim=cl[(aid, span)], decision=decision, reviewer="t", new_value=new or None))

    decide("plain", "Two soldiers were killed", "corrected", count=3, low=3, high=3)
    decide("plain", "Rivertown", "rejected")
    decide("plain", "an ambush on a convoy", "accepted")
    att = next(k for k, c in cl.items() if k[0] == "plain" and c["claim_type"] == "attribution")
    decide(*att, "accepted")
    decide("hostile", "30 wounded", "accepted")
    decide("hostile", "Kira", "corrected", geonameid=GEONAME)
    decide("hostile", "Dalmo", "rejected")
    sha = {aid: c["article_sha256"] for (aid, _), c in cl.items()}
    _add(db, PLAIN, sha["plain"], "date", "Saturday", {"start": "2023-06-03", "end": "2023-06-03"})
    s = HOSTILE.index("Officials")
    _add(db, HOSTILE, sha["hostile"], "attribution", "Officials blamed the Northern Front",
         {"kind": "accusation", "source": "Officials", "source_start": s, "source_end": s + 9})
    return db


def _statuses(db):
    return {r["claim_id"]: r["status"] for r in _export_lines(db, "jsonl")}


def _export_lines(db, fmt, **kw):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        export(db, fmt, Path(d) / "x.jsonl", **kw)
        return _lines(Path(d) / "x.jsonl")


def test_fixture_has_every_status(mixed):
    assert set(_statuses(mixed).values()) == {"pending", "accepted", "corrected", "rejected", "added"}


# ---------------------------------------------------------------- what each format says about each status
def _prodigy(db, tmp):
    export(db, "prodigy", tmp / "p.jsonl")
    return {t["meta"]["claim_id"]: t["answer"] for t in _lines(tmp / "p.jsonl")}


def _ls_annotations(db, tmp):
    export(db, "labelstudio", tmp / "ls.json")
    tasks = json.loads((tmp / "ls.json").read_text(encoding="utf-8"))
    return {r["id"]: "annotation" for t in tasks for a in t.get("annotations", []) for r in a["result"]
            if r.get("from_name") == "label"}


def _ls_predictions(db, tmp):
    export(db, "labelstudio", tmp / "ls.json")
    tasks = json.loads((tmp / "ls.json").read_text(encoding="utf-8"))
    return {r["id"]: "prediction" for t in tasks for p in t["predictions"] for r in p["result"]
            if r.get("from_name") == "label"}


def _brat(db, tmp):
    export(db, "brat", tmp / "brat")
    out = {}
    for ann_file in (tmp / "brat").glob("*.ann"):
        ann = bs.parse_ann(ann_file.read_text(encoding="utf-8"))
        status = {target: value for name, target, value in ann.a.values() if name == "Status"}
        for target, note in ann.notes.values():
            out[json.loads(note)["claim_id"]] = status[target]
    return out


READERS = {"prodigy": _prodigy, "ls-annotations": _ls_annotations, "ls-predictions": _ls_predictions,
           "brat": _brat}
ABSENT = None
EXPECTED = [  # (what is read, claim status, what the export says about such a claim)
    ("prodigy", "pending", ABSENT), ("prodigy", "accepted", "accept"), ("prodigy", "corrected", "accept"),
    ("prodigy", "added", "accept"), ("prodigy", "rejected", "reject"),
    ("ls-annotations", "pending", ABSENT), ("ls-annotations", "rejected", ABSENT),
    ("ls-annotations", "accepted", "annotation"), ("ls-annotations", "corrected", "annotation"),
    ("ls-annotations", "added", "annotation"),
    ("ls-predictions", "pending", "prediction"), ("ls-predictions", "rejected", "prediction"),
    ("ls-predictions", "accepted", "prediction"), ("ls-predictions", "corrected", "prediction"),
    ("ls-predictions", "added", ABSENT),                       # no machine made it
    ("brat", "pending", "pending"), ("brat", "rejected", ABSENT), ("brat", "accepted", "accepted"),
    ("brat", "corrected", "corrected"), ("brat", "added", "added"),
]


@pytest.fixture(scope="module")
def said(mixed, tmp_path_factory):
    """reader -> {claim_id: what the export says}, each export made once."""
    cache = {}

    def get(reader):
        if reader not in cache:
            cache[reader] = READERS[reader](mixed, tmp_path_factory.mktemp(reader.replace("-", "_")))
        return cache[reader]
    return get


@pytest.fixture(scope="module")
def statuses(mixed):
    return _statuses(mixed)


@pytest.mark.parametrize("reader, status, expected", EXPECTED)
def test_each_status_in_each_format(said, statuses, reader, status, expected):
    claims = [cid for cid, s in statuses.items() if s == status]
    assert claims, status
    assert {said(reader).get(cid) for cid in claims} == {expected}


def test_pending_never_accepted_in_prodigy_even_when_included(mixed, tmp_path):
    export(mixed, "prodigy", tmp_path / "p.jsonl", include_pending=True)
    tasks = _lines(tmp_path / "p.jsonl")
    st = _statuses(mixed)
    assert {t["meta"]["claim_id"] for t in tasks} == set(st)        # every claim, rejected and pending too
    for t in tasks:
        assert t["answer"] == {"pending": "ignore", "rejected": "reject"}.get(st[t["meta"]["claim_id"]], "accept")


# ---------------------------------------------------------------- Prodigy
def test_prodigy_task_shape(mixed, tmp_path):
    export(mixed, "prodigy", tmp_path / "a.jsonl")
    export(mixed, "prodigy", tmp_path / "b.jsonl")
    tasks = _lines(tmp_path / "a.jsonl")
    assert tasks == _lines(tmp_path / "b.jsonl")                     # hashes stable across exports
    texts = {"plain": PLAIN, "hostile": HOSTILE}
    for t in tasks:
        (span,) = t["spans"]
        off, article = t["meta"]["offset"], texts[t["meta"]["id"]]
        assert t["text"] == article[off:off + len(t["text"])]
        in_article = article[t["meta"]["start_char"]:t["meta"]["end_char"]]
        assert t["text"][span["start"]:span["end"]] == span["text"] == in_article
        assert span["start"] + off == t["meta"]["start_char"]
        toks = t["tokens"]
        assert toks[span["token_start"]]["start"] <= span["start"] and toks[span["token_end"]]["end"] >= span["end"]
        assert t["_view_id"] == "spans"
        for h in ("_input_hash", "_task_hash"):
            assert isinstance(t[h], int) and -2 ** 31 <= t[h] < 2 ** 31
    assert len({t["_task_hash"] for t in tasks}) == len(tasks)
    cas = next(t for t in tasks if t["spans"][0]["label"] == "CASUALTY" and t["meta"]["id"] == "plain")
    assert (cas["meta"]["value"]["count"], cas["meta"]["extracted_value"]["count"]) == (3, 2)
    assert cas["text"] == ("Two soldiers were killed in an ambush on a convoy near Rivertown on Saturday, the army said "
                           "in a statement.")                       # its sentence, not the article
    ev = next(t for t in tasks if t["spans"][0]["label"] == "EVENT")
    assert ev["_input_hash"] == cas["_input_hash"] and ev["_task_hash"] != cas["_task_hash"]   # same sentence


@pytest.mark.parametrize("fmt, kw", [
    ("jsonl", {"include_pending": True}),
    ("labelstudio", {"include_pending": True}),
    ("prodigy", {"include_pending": True, "reviewed_only": True}),
    ("nope", {}),
])
def test_option_conflicts_are_refused(mixed, tmp_path, fmt, kw):
    with pytest.raises(ExportOptionError):
        export(mixed, fmt, tmp_path / "x", **kw)


# ---------------------------------------------------------------- Label Studio, validated by its SDK
@pytest.fixture
def li_class():
    """The SDK's LabelInterface (label-studio-sdk, in the `test` extra; offline: parses and validates only)."""
    return pytest.importorskip("label_studio_sdk.label_interface").LabelInterface


def _ls(db, tmp, **kw):
    s = export(db, "labelstudio", tmp / "ls.json", **kw)
    cfg = (tmp / "ls.config.xml") if "config_out" not in kw else kw["config_out"]
    assert s["config"] == str(cfg)
    return json.loads((tmp / "ls.json").read_text(encoding="utf-8")), cfg.read_text(encoding="utf-8")


def test_labelstudio_validates_with_the_sdk(mixed, tmp_path, li_class):
    from label_studio_sdk.label_interface.objects import PredictionValue

    tasks, config = _ls(mixed, tmp_path)
    li = li_class(config)
    li.validate()                                                     # raises on a bad config
    assert {o.value_name for o in li.objects} == {"text"}
    for t in tasks:
        assert all(t["data"].get(o.value_name) for o in li.objects)
        for p in t["predictions"]:
            assert li.validate_prediction(p, return_errors=True) == []
            PredictionValue(**p)
            assert p["model_version"] == "claimscope x"               # the fixture run's config hash
            claims = [r for r in p["result"] if r.get("from_name") == "label"]
            assert 0 <= p["score"] <= 1 and claims and all(0 <= r["score"] <= 1 for r in claims)
        for a in t.get("annotations", []):
            assert li.validate_annotation(a)
            assert all("score" not in r for r in a["result"])
    by_id = {t["data"]["id"]: t for t in tasks}
    assert by_id["plain"]["annotations"][0]["ground_truth"] is True
    assert by_id["hostile"]["annotations"][0]["ground_truth"] is False


def test_labelstudio_attribution_parts_and_relations(mixed, tmp_path):
    tasks, _ = _ls(mixed, tmp_path)
    by_id = {t["data"]["id"]: t for t in tasks}
    for result in (by_id["plain"]["annotations"][0]["result"], by_id["plain"]["predictions"][0]["result"]):
        parts = {r["value"]["labels"][0]: r for r in result if r.get("from_name") == "part"}
        assert {k: r["value"]["text"] for k, r in parts.items()} == {
            "Cue": "said", "Content": "Two soldiers were killed", "Source": "the army"}
        assert all(PLAIN[r["value"]["start"]:r["value"]["end"]] == r["value"]["text"] for r in parts.values())
        rels = {(r["from_id"], r["to_id"], r["labels"][0]) for r in result if r["type"] == "relation"}
        assert rels == {(parts["Cue"]["id"], parts["Content"]["id"], "content"),
                        (parts["Cue"]["id"], parts["Source"]["id"], "source")}
    added = by_id["hostile"]["annotations"][0]["result"]                 # the added attribution: no cue
    (rel,) = [r for r in added if r["type"] == "relation"]
    src = next(r for r in added if r["id"] == rel["to_id"])
    assert src["value"]["text"] == "Officials" and rel["labels"] == ["source"]
    assert next(r for r in added if r["id"] == rel["from_id"])["value"]["labels"] == ["Attribution"]


@pytest.mark.parametrize("mutate", [
    lambda r: r["value"].update(labels=["Weather"]),                 # a label the config does not have
    lambda r: r.update(from_name="nope"),
    lambda r: r.update(to_name="title"),
    lambda r: r.update(type="choices"),
    "relation to nowhere",
])
def test_labelstudio_validator_catches_a_broken_region(mixed, tmp_path, mutate, li_class):
    tasks, config = _ls(mixed, tmp_path)
    li = li_class(config)
    p = json.loads(json.dumps(tasks[0]["predictions"][0]))
    if mutate == "relation to nowhere":
        p["result"].append({"type": "relation", "from_id": p["result"][0]["id"], "to_id": "gone",
                            "direction": "right", "labels": ["source"]})
    else:
        mutate(p["result"][0])
    assert li.validate_prediction(p, return_errors=True) != []


def test_labelstudio_config_out_option_and_cli(mixed, tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    _ls(mixed, tmp_path, config_out=tmp_path / "cfg" / "label.xml")
    r = CliRunner().invoke(app, ["export", "--format", "labelstudio", "--db", str(mixed), "--out",
                                 str(tmp_path / "o.json")])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "o.config.xml").read_text(encoding="utf-8").startswith("<View>")
    r = CliRunner().invoke(app, ["export", "--format", "jsonl", "--db", str(mixed), "--include-pending"])
    assert r.exit_code == 2


def test_labelstudio_model_version_falls_back_to_the_current_identity():
    from pipeline.batch import pipeline_identity
    from pipeline.review.exports.labelstudio import model_version

    assert model_version(None) == f"claimscope {pipeline_identity()[1]}"
    assert model_version({"config_hash": "abc"}) == "claimscope abc"


# ---------------------------------------------------------------- brat, checked by a standoff reader
def _brat_dir(db, tmp):
    export(db, "brat", tmp / "brat")
    return tmp / "brat", bs.parse_conf((tmp / "brat" / "annotation.conf").read_text(encoding="utf-8"))


def test_brat_every_file_is_valid_standoff(mixed, tmp_path):
    out, conf = _brat_dir(mixed, tmp_path)
    assert {"Source", "Cue", "Content"} <= conf["entities"] and set(conf["relations"]) == {"HasSource", "HasContent"}
    for stem in ("plain", "hostile"):
        text = (out / f"{stem}.txt").read_text(encoding="utf-8")
        ann = bs.parse_ann((out / f"{stem}.ann").read_text(encoding="utf-8"))
        assert bs.check(text, ann, conf) == []
        assert ann.t and ann.notes


def test_brat_attribution_parts_and_relations(mixed, tmp_path):
    out, _ = _brat_dir(mixed, tmp_path)
    ann = bs.parse_ann((out / "plain.ann").read_text(encoding="utf-8"))
    by_text = {(typ, txt): tid for tid, (typ, _f, txt) in ann.t.items()}
    cue, src = by_text[("Cue", "said")], by_text[("Source", "the army")]
    content = by_text[("Content", "Two soldiers were killed")]
    rels = {(typ, args["Arg1"], args["Arg2"]) for typ, args in ann.r.values()}
    assert rels == {("HasSource", cue, src), ("HasContent", cue, content)}
    attrs = {(name, target, value) for name, target, value in ann.a.values()}
    assert ("Kind", cue, "statement") in attrs and ("Status", cue, "accepted") in attrs
    hostile = bs.parse_ann((out / "hostile.ann").read_text(encoding="utf-8"))
    added = next(tid for tid, (typ, _f, _t) in hostile.t.items() if typ == "Attribution")  # added: no cue offsets
    assert any(typ == "HasSource" and args["Arg1"] == added for typ, args in hostile.r.values())


def test_brat_geonames_normalisation(mixed, tmp_path):
    out, _ = _brat_dir(mixed, tmp_path)
    ann = bs.parse_ann((out / "hostile.ann").read_text(encoding="utf-8"))
    (norm,) = ann.n.values()
    target, db, ref, txt = norm
    assert (db, ref, txt) == ("GeoNames", str(GEONAME), "Kira") and ann.t[target][:1] == ("Place",)
    plain = bs.parse_ann((out / "plain.ann").read_text(encoding="utf-8"))
    assert plain.n == {}                                             # Rivertown has an id but was rejected
    tools = bs.parse_tools_conf((out / "tools.conf").read_text(encoding="utf-8"))
    assert tools["GeoNames"]["<URLBASE>"].endswith("%s")


def test_brat_reviewed_only_drops_pending(mixed, tmp_path):
    export(mixed, "brat", tmp_path / "b", reviewed_only=True)
    statuses = [v for f in (tmp_path / "b").glob("*.ann")
                for n, _t, v in bs.parse_ann(f.read_text(encoding="utf-8")).a.values() if n == "Status"]
    assert statuses and "pending" not in statuses


CONF = ("[entities]\nPlace\nCue\nSource\n[relations]\nHasSource\tArg1:Cue, Arg2:Source\n[events]\n"
        "[attributes]\nStatus\tArg:Place, Value:accepted|pending\nHedged\tArg:Cue\n")
TEXT = "Officials said rain fell in Kira."


@pytest.mark.parametrize("ann, problem", [
    ("T1\tPlace 28 32\tKira\n", None),
    ("T1\tPlace 28 32\tKiro\n", "is not the text"),
    ("T1\tPlace 28 40\tKira.\n", "outside the text"),
    ("T1\tTown 28 32\tKira\n", "entity type Town"),
    ("T1\tCue 10 14\tsaid\nR1\tHasSource Arg1:T1 Arg2:T9\n", "does not exist"),
    ("T1\tCue 10 14\tsaid\nT2\tPlace 28 32\tKira\nR1\tHasSource Arg1:T1 Arg2:T2\n", "is a Place"),
    ("T1\tPlace 28 32\tKira\nN1\tReference T5 GeoNames:1\tKira\n", "N1: target T5"),
    ("T1\tPlace 28 32\tKira\nA1\tStatus T1 maybe\n", "value 'maybe'"),
    ("T1\tPlace 28 32\tKira\nA1\tHedged T1\n", "not allowed on Place"),
    ("T1\tPlace 28 32\tKira\nT1\tPlace 28 32\tKira\n", "duplicate id"),
    ("T1 Place 28 32 Kira\n", "not a standoff line"),
])
def test_brat_checker_finds_each_problem(ann, problem):
    errs = bs.check(TEXT, bs.parse_ann(ann), bs.parse_conf(CONF))
    assert (errs == []) if problem is None else any(problem in e for e in errs), errs


def test_readme_shows_the_labelling_config_written():
    from pathlib import Path

    from pipeline.review.exports.labelstudio import label_config

    readme = (Path(__file__).parents[2] / "pipeline" / "review" / "README.md").read_text(encoding="utf-8")
    assert "```xml\n" + label_config() + "```" in readme
