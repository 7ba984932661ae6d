"""The gold annotations in annotations/*.jsonl are well-formed and agree with the articles they describe.

Checks the JSON shape, that every span lies inside the article, that `sha256` matches the article text as
claimscope reads it, that span texts (where stored) equal the article text, that casualty breakdowns do not
exceed totals and that date intervals run forwards. The seed file is skipped when ../shared is absent.
"""
from __future__ import annotations

import hashlib
import json

import pytest

from pipeline.paths import ROOT

ANNOTATIONS = ROOT / "annotations"
GOLD_FILES = sorted(ANNOTATIONS.glob("*.jsonl"))

EVENT_TYPES = {
    "attack", "bombing", "suicide_bombing", "shooting", "clash", "riot", "protest", "strike", "raid",
    "arrest", "kidnapping", "shelling", "airstrike", "massacre", "ambush",
}
GRANULARITIES = {"day", "month", "year", "range", "part_of_month", "season", "decade", "approximate", "week",
                 "century"}
CASUALTY_KINDS = {"killed", "injured", "detained", "arrested", "missing", "kidnapped", "displaced"}
ATTRIBUTION_KINDS = {"statement", "report", "responsibility", "accusation", "denial", "opinion"}


def _records() -> list[tuple[str, dict]]:
    out = []
    for f in GOLD_FILES:
        for i, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                out.append((f"{f.name}:{i}", json.loads(line)))
    return out


RECORDS = _records()


def _article_text(rec: dict) -> str:
    path = (ROOT / rec["path"]).resolve()
    if not path.is_file():
        if rec["path"].startswith("../"):
            pytest.skip(f"{rec['path']} is absent (../shared not available)")
        pytest.fail(f"{rec['doc_id']}: article {rec['path']} is missing")
    return path.read_bytes().decode("utf-8-sig")


def _spans(obj, where="$"):
    """Yield (json_path, span) for every span object {start, end[, text]} in a gold record."""
    if isinstance(obj, dict):
        if isinstance(obj.get("start"), int) and isinstance(obj.get("end"), int) and set(obj) <= {"start", "end", "text"}:
            yield where, obj
            return
        for k, v in obj.items():
            yield from _spans(v, f"{where}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _spans(v, f"{where}[{i}]")


def _check_date(d: dict, where: str) -> None:
    assert d["granularity"] in GRANULARITIES, where
    assert isinstance(d["span"], dict), f"{where}: a gold date needs its span"
    for key in ("start", "end"):
        if d[key] is not None:
            assert len(d[key]) == 10 and d[key][4] == "-" and d[key][7] == "-", f"{where}.{key} = {d[key]!r}"
    if d["start"] is not None and d["end"] is not None:
        assert d["start"] <= d["end"], f"{where}: interval runs backwards {d['start']} > {d['end']}"


def _check_place(p: dict, where: str) -> None:
    assert isinstance(p["name"], str) and p["name"], where
    assert p["geonameid"] is None or isinstance(p["geonameid"], int), where
    assert p.get("country") is None or (isinstance(p["country"], str) and len(p["country"]) == 2), where
    for key in ("lat", "lon"):
        assert p.get(key) is None or isinstance(p[key], (int, float)), where
    assert isinstance(p["span"], dict), where


def test_gold_files_exist():
    names = {f.name for f in GOLD_FILES}
    assert "corpus.jsonl" in names
    assert "seed.jsonl" in names


def test_every_corpus_article_is_annotated_once():
    corpus = {f"corpus/{p.name}" for p in (ROOT / "corpus").glob("*.txt")}
    annotated = [rec["path"] for _, rec in RECORDS if rec["path"].startswith("corpus/")]
    assert len(annotated) == len(set(annotated)), "an article is annotated twice"
    assert set(annotated) == corpus
    assert len(corpus) >= 12


@pytest.mark.parametrize("where, rec", RECORDS, ids=[w for w, _ in RECORDS])
def test_record_shape(where, rec):
    for key in ("doc_id", "path", "sha256", "published", "gold"):
        assert key in rec, f"{where}: missing {key}"
    assert len(rec["sha256"]) == 64
    gold = rec["gold"]
    assert set(gold) >= {"events", "attributions", "places", "dates"}
    attr_ids = [a["id"] for a in gold["attributions"]]
    event_ids = [e["id"] for e in gold["events"]]
    assert len(set(attr_ids)) == len(attr_ids) and len(set(event_ids)) == len(event_ids), where
    for e in gold["events"]:
        w = f"{where} event {e['id']}"
        assert e["type"] in EVENT_TYPES, f"{w}: type {e['type']!r}"
        assert isinstance(e["span"], dict), w
        if e["date"] is not None:
            _check_date(e["date"], f"{w}.date")
        for p in e["places"]:
            _check_place(p, f"{w}.places")
            assert p.get("relation"), f"{w}: event place without relation"
        for c in e["casualties"]:
            assert c["kind"] in CASUALTY_KINDS, w
            assert isinstance(c["total"], bool), w
            assert c["total"] or c["group"], f"{w}: a breakdown needs its group"
            for key in ("count", "low", "high"):
                assert c[key] is None or (isinstance(c[key], int) and c[key] >= 0), w
            if c["low"] is not None and c["high"] is not None:
                assert c["low"] <= c["high"], w
            for aid in c.get("attribution_ids", []):
                assert aid in attr_ids, f"{w}: unknown attribution {aid}"
        for aid in e["attribution_ids"]:
            assert aid in attr_ids, f"{w}: unknown attribution {aid}"
    for a in gold["attributions"]:
        w = f"{where} attribution {a['id']}"
        assert a["kind"] in ATTRIBUTION_KINDS, w
        assert isinstance(a["hedged"], bool), w
        assert a["source"] is None or isinstance(a["source"]["span"], dict), w
        assert isinstance(a["cue"]["span"], dict) and isinstance(a["content"]["span"], dict), w
        if a["hedged"] and "hedge" in a:
            assert a["hedge"] and isinstance(a["hedge"]["span"], dict), f"{w}: hedged without hedge span"
        for eid in a.get("event_ids", []):
            assert eid in event_ids, f"{w}: unknown event {eid}"
    for p in gold["places"]:
        _check_place(p, f"{where} place")
    for d in gold["dates"]:
        _check_date(d, f"{where} date")


@pytest.mark.parametrize("where, rec", RECORDS, ids=[w for w, _ in RECORDS])
def test_spans_match_article(where, rec):
    text = _article_text(rec)
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == rec["sha256"], f"{where}: sha256 differs"
    spans = list(_spans(rec["gold"]))
    assert spans, where
    we_wrote = rec["path"].startswith("corpus/")
    for path, sp in spans:
        assert 0 <= sp["start"] < sp["end"] <= len(text), f"{where} {path}: {sp} out of bounds ({len(text)})"
        if "text" in sp:
            assert text[sp["start"]:sp["end"]] == sp["text"], f"{where} {path}: {sp!r}"
        elif we_wrote:
            pytest.fail(f"{where} {path}: corpus spans carry their text")
    if not we_wrote:
        assert not any("text" in sp for _, sp in spans), f"{where}: spans of articles we did not write store no text"


@pytest.mark.parametrize("where, rec", RECORDS, ids=[w for w, _ in RECORDS])
def test_breakdowns_do_not_exceed_totals(where, rec):
    for e in rec["gold"]["events"]:
        for kind in CASUALTY_KINDS:
            totals = [c for c in e["casualties"] if c["kind"] == kind and c["total"]]
            groups = [c for c in e["casualties"] if c["kind"] == kind and not c["total"] and c["count"] is not None]
            if not totals or not groups:
                continue
            s = sum(g["count"] for g in groups)
            assert any(t["high"] is None or s <= t["high"] for t in totals), (
                f"{where} {e['id']} {kind}: groups sum to {s}, above every total"
            )


@pytest.mark.parametrize("where, rec", RECORDS, ids=[w for w, _ in RECORDS])
def test_every_event_span_and_place_is_listed(where, rec):
    """Event places and dates are mentions, so they appear in the article-level lists too."""
    gold = rec["gold"]
    places = {(p["span"]["start"], p["span"]["end"]) for p in gold["places"]}
    dates = {(d["span"]["start"], d["span"]["end"]) for d in gold["dates"]}
    for e in gold["events"]:
        for p in e["places"]:
            assert (p["span"]["start"], p["span"]["end"]) in places, f"{where} {e['id']}: {p['name']} not in places[]"
        if e["date"] is not None:
            assert (e["date"]["span"]["start"], e["date"]["span"]["end"]) in dates, f"{where} {e['id']}: date"


def test_checks_can_fail():
    """The span walker finds spans, and a shifted span is caught."""
    rec = {"gold": {"events": [], "attributions": [], "dates": [],
                    "places": [{"name": "Kirkuk", "span": {"start": 1, "end": 7, "text": "Kirkuk"}}]}}
    spans = list(_spans(rec["gold"]))
    assert len(spans) == 1
    text = "xKirkuk"
    sp = spans[0][1]
    assert text[sp["start"]:sp["end"]] == sp["text"]
    assert ("y" + text)[sp["start"]:sp["end"]] != sp["text"]
    with pytest.raises(AssertionError):
        _check_date({"start": "2016-06-08", "end": "2016-06-05", "granularity": "day", "span": {}}, "t")
