"""Gold loaders on tiny synthetic lines (written here; nothing copied from ../shared)."""
from __future__ import annotations

import json

import pytest

from pipeline.eval.gold import (
    F_ATTRIBUTIONS, F_EVENTS, F_GVDB, F_TOPONYMS, GoldDoc, Skipped, detect_format, find_stated_date, iter_gold,
)
from pipeline.ingest.readers import sha256_text

GVDB_TEXT = "Man hurt in Springfield shooting. A man was shot Friday, March 4, on Elm Street in Springfield, police said."
GVDB = {
    "doc_id": "gvdb-x1", "source_dataset": "GVDB (arglinking splits)", "split": "dev", "title": "t",
    "url": "http://example.com/news/2016/03/05/man-hurt/", "text": GVDB_TEXT, "publication_date": None,
    "gold": {"events": [{"type": "shooting", "date": "2016-03-04",
                         "location": {"city": "Springfield", "state": "IL - Illinois", "detail": None},
                         "killed": 0, "injured": 1, "victims": [], "shooters": [],
                         "spans": {"city": {"text": "Springfield", "start": 12, "end": 23}, "location_detail": None}}],
             "attributions": []},
}

PN_TEXT = "The mayor said the bridge will reopen in May, and aides, he added, agreed."
PN = {
    "doc_id": "polnear-x1", "source_dataset": "PolNeAR v1.0.0", "split": "dev", "text": PN_TEXT,
    "publication_date": "2016-09-01",
    "gold": {"events": [], "attributions": [
        {"id": "E1", "source": {"text": "The mayor", "spans": [{"start": 0, "end": 9, "text": "The mayor"}]},
         "cue": {"text": "said", "spans": [{"start": 10, "end": 14, "text": "said"}]},
         "content": {"text": "the bridge will reopen in May", "spans": [{"start": 15, "end": 44, "text": "the bridge will reopen in May"}]}},
        {"id": "E2", "source": None,
         "cue": {"text": "agreed", "spans": [{"start": 67, "end": 73, "text": "agreed"}]},
         "content": {"text": "aides … agreed", "spans": [{"start": 50, "end": 55, "text": "aides"},
                                                          {"start": 67, "end": 73, "text": "agreed"}]}},
    ]},
}

GWN_TEXT = "Flooding hit Riverton and the church near Lake Obo; Riverton officials and Irish aid workers responded."
GWN = {
    "doc_id": "gwn-x1", "source_dataset": "GeoWebNews", "url": "http://example.com/a", "text": GWN_TEXT,
    "publication_date": None,
    "gold": {"events": [], "attributions": [], "locations": [
        {"text": "Riverton", "start": 13, "end": 21, "annotated_name": "Riverton", "lat": 10.0, "lon": 20.0,
         "geonames_id": "123", "toponym_type": "Literal", "modifier_type": None, "non_locational": False},
        {"text": "church", "start": 30, "end": 36, "annotated_name": "church", "lat": None, "lon": None,
         "geonames_id": None, "toponym_type": "Literal_Expression", "modifier_type": None, "non_locational": False},
        {"text": "Lake Obo", "start": 42, "end": 50, "annotated_name": "Lake Obo", "lat": 10.1, "lon": 20.1,
         "geonames_id": None, "toponym_type": "Literal", "modifier_type": None, "non_locational": False},
        {"text": "Riverton", "start": 52, "end": 60, "annotated_name": "Riverton", "lat": 10.0, "lon": 20.0,
         "geonames_id": "123", "toponym_type": "Metonymic", "modifier_type": None, "non_locational": False},
        {"text": "Irish", "start": 75, "end": 80, "annotated_name": "Irish", "lat": None, "lon": None,
         "geonames_id": "99", "toponym_type": "Non_Literal_Modifier", "modifier_type": "Adjective",
         "non_locational": False},
        {"text": "aid", "start": 81, "end": 84, "annotated_name": "aid", "lat": None, "lon": None,
         "geonames_id": None, "toponym_type": "Homonym", "modifier_type": None, "non_locational": False},
    ]},
}

OURS_TEXT = "Two soldiers were killed in an attack near Grozny on 9 May 2016, officials said."


def _ours(**over):
    line = {"doc_id": "ours-1", "text": OURS_TEXT, "sha256": sha256_text(OURS_TEXT), "published": "2016-05-10",
            "gold": {"events": [{"id": "g1", "type": "attack", "span": {"start": 31, "end": 37},
                                 "date": {"start": "2016-05-09", "end": "2016-05-09", "granularity": "day",
                                          "span": {"start": 53, "end": 63}},
                                 "places": [{"name": "Grozny", "geonameid": 557, "lat": 43.31, "lon": 45.69,
                                             "span": {"start": 43, "end": 49}}],
                                 "casualties": [{"kind": "killed", "count": 2, "total": True,
                                                 "span": {"start": 0, "end": 24}}],
                                 "attribution_ids": ["a1"]}],
                     "attributions": [{"id": "a1", "kind": "report", "hedged": False,
                                       "source": {"span": {"start": 65, "end": 74}}, "cue": {"span": {"start": 75, "end": 79}},
                                       "content": {"span": {"start": 0, "end": 63}}}],
                     "places": [{"name": "Grozny", "geonameid": 557, "span": {"start": 43, "end": 49}}],
                     "dates": [{"start": "2016-05-09", "end": "2016-05-09", "granularity": "day",
                                "span": {"start": 53, "end": 63}}]}}
    line.update(over)
    return line


def _load(tmp_path, *lines, name="gold.jsonl"):
    p = tmp_path / name
    p.write_text("\n".join(json.dumps(x) if isinstance(x, dict) else x for x in lines) + "\n", encoding="utf-8")
    return list(iter_gold(p))


@pytest.mark.parametrize("line, fmt", [(GVDB, "gvdb"), (PN, "polnear"), (GWN, "gwn"), (_ours(), "claimscope"),
                                       ({"doc_id": "x", "path": "corpus/a.txt", "gold": {}}, "claimscope")])
def test_detect_format(line, fmt):
    assert detect_format(line) == fmt


def test_gvdb_loader(tmp_path):
    (doc,) = _load(tmp_path, GVDB)
    assert doc.dataset == "gvdb" and doc.annotated == frozenset({F_GVDB})
    (ev,) = doc.events
    assert (ev.killed, ev.injured, ev.date.start, ev.date.granularity) == (0, 1, "2016-03-04", "day")
    assert ev.places[0].name == "Springfield" and ev.places[0].span == ((12, 23),)
    assert doc.url.endswith("/2016/03/05/man-hurt/") and doc.published is None


def test_polnear_loader_keeps_discontinuous_spans_and_null_source(tmp_path):
    (doc,) = _load(tmp_path, PN)
    assert doc.annotated == frozenset({F_ATTRIBUTIONS}) and doc.published == "2016-09-01"
    a1, a2 = doc.attributions
    assert a1.source == ((0, 9),) and a1.cue == ((10, 14),) and a1.content == ((15, 44),)
    assert a2.source is None and a2.content == ((50, 55), (67, 73))


def test_gwn_loader_filters_toponym_types(tmp_path):
    (doc,) = _load(tmp_path, GWN)
    assert doc.annotated >= {F_TOPONYMS}
    kept = [(p.name, p.counted) for p in doc.places]
    # Homonym "aid" is dropped (a prediction there is a false positive); the church and "Irish" are don't-care
    assert kept == [("Riverton", True), ("church", False), ("Lake Obo", True), ("Riverton", True), ("Irish", False)]
    assert doc.places[0].geonameid == 123 and doc.places[2].geonameid is None and doc.places[2].lat == 10.1


def test_our_format_inline_text(tmp_path):
    (doc,) = _load(tmp_path, _ours())
    assert doc.dataset == "claimscope" and F_EVENTS in doc.annotated and doc.text_is_ours
    ev = doc.events[0]
    assert ev.date.span == ((53, 63),) and ev.places[0].geonameid == 557 and ev.casualties[0].count == 2
    assert doc.attributions[0].kind == "report" and doc.attributions[0].source == ((65, 74),)
    assert len(doc.places) == 1 and len(doc.dates) == 1


def test_our_format_event_level_figure_overrides(tmp_path):
    line = _ours()
    (doc,) = _load(tmp_path, line)
    assert doc.events[0].injured is None and doc.events[0].killed is None
    line["gold"]["events"][0]["injured"] = 3
    (doc,) = _load(tmp_path, line)
    assert doc.events[0].injured == 3 and doc.events[0].killed is None


def test_our_format_reads_path_and_checks_sha(tmp_path):
    art = tmp_path / "article.txt"
    art.write_text(OURS_TEXT, encoding="utf-8")
    line = _ours(path=str(art))
    del line["text"]
    (doc,) = _load(tmp_path, line)
    assert isinstance(doc, GoldDoc) and doc.text == OURS_TEXT

    art.write_text(OURS_TEXT.replace("Two", "Six"), encoding="utf-8")
    (skipped,) = _load(tmp_path, line)
    assert isinstance(skipped, Skipped) and "sha256" in skipped.reason

    art.unlink()
    (skipped,) = _load(tmp_path, line)
    assert isinstance(skipped, Skipped) and "absent" in skipped.reason


def test_bad_lines_are_skipped_with_a_reason_and_limit_counts_lines(tmp_path):
    bad_span = _ours()
    bad_span["gold"]["events"][0]["span"] = {"start": 10, "end": 999}
    items = _load(tmp_path, "{not json", bad_span, GVDB, PN)
    assert [type(i).__name__ for i in items] == ["Skipped", "Skipped", "GoldDoc", "GoldDoc"]
    assert "invalid JSON" in items[0].reason and "outside the text" in items[1].reason
    p = tmp_path / "gold.jsonl"
    assert len(list(iter_gold(p, limit=2))) == 2


def test_span_text_must_match(tmp_path):
    line = json.loads(json.dumps(PN))
    line["gold"]["attributions"][0]["cue"]["spans"][0]["text"] = "says"
    (item,) = _load(tmp_path, line)
    assert isinstance(item, Skipped) and "!=" in item.reason


@pytest.mark.parametrize("text, iso, stated", [
    ("was shot Friday, March 4, on Elm Street", "2016-03-04", True),
    ("on Mar. 4th a man", "2016-03-04", True),
    ("the 4 March shooting", "2016-03-04", True),
    ("on 3/4/2016 at noon", "2016-03-04", True),
    ("on 03/04/16 at noon", "2016-03-04", True),
    ("Sept. 9 was quiet", "2016-09-09", True),
    ("was shot Friday night", "2016-03-04", False),       # weekday only
    ("on March 14 a man", "2016-03-04", False),           # another day
    ("4 people were shot in March", "2016-03-04", False),
    ("on 13/4/2016", "2016-03-04", False),
    ("may 4 people", "2016-05-04", True),                 # accepted: the rule is lexical, a known over-match
])
def test_find_stated_date(text, iso, stated):
    assert (find_stated_date(text, iso) is not None) is stated


@pytest.mark.parametrize("line, fmt", [
    ({"doc_id": "g", "source_dataset": "SemEval-2018 T5 pilot (GVA)", "text": "x",
      "gold": {"events": [{"incident_id": "1", "killed": 0}]}}, "gva"),
    ({"doc_id": "t", "source_dataset": "AQUAINT", "text": "x", "gold": {"locations": [], "timexes": []}}, "timex"),
    ({"doc_id": "v", "source_dataset": "GVDB", "text": "x", "gold": {"events": [{"killed": 0}]}}, "gvdb"),
])
def test_detect_new_formats(line, fmt):
    assert detect_format(line) == fmt


def test_shared_relative_path_is_found_under_shared_dir(tmp_path, monkeypatch):
    """`../shared/eval/analytical/NAME.txt` is relative to the checkout; when ../shared sits elsewhere
    (CLAIMSCOPE_SHARED), the same path is looked up under SHARED_DIR."""
    import pipeline.eval.gold as gold_mod

    root, shared = tmp_path / "repo", tmp_path / "elsewhere" / "shared"
    (shared / "eval" / "analytical").mkdir(parents=True)
    root.mkdir()
    (shared / "eval" / "analytical" / "piece.txt").write_text(OURS_TEXT, encoding="utf-8")
    monkeypatch.setattr(gold_mod, "ROOT", root)
    monkeypatch.setattr(gold_mod, "SHARED_DIR", shared)
    line = _ours(path="../shared/eval/analytical/piece.txt")
    del line["text"]
    (doc,) = _load(tmp_path, line)
    assert isinstance(doc, GoldDoc) and doc.text == OURS_TEXT and not doc.text_is_ours

    beside = tmp_path / "shared" / "eval" / "analytical"   # the usual layout: ../shared beside the checkout
    beside.mkdir(parents=True)
    (beside / "piece.txt").write_text(OURS_TEXT, encoding="utf-8")
    assert gold_mod.article_path("../shared/eval/analytical/piece.txt") == root / "../shared/eval/analytical/piece.txt"
    monkeypatch.setattr(gold_mod, "SHARED_DIR", tmp_path / "nowhere")
    assert gold_mod.article_path("../shared/eval/analytical/absent.txt") == root / "../shared/eval/analytical/absent.txt"


def test_analytical_dev_loads_as_our_format(shared_dir):
    path = shared_dir / "eval" / "analytical_dev.jsonl"
    if not path.is_file():
        pytest.skip("analytical_dev.jsonl absent")
    items = list(iter_gold(path))
    assert items and all(isinstance(i, GoldDoc) for i in items), [i for i in items if not isinstance(i, GoldDoc)][:2]
    assert all(i.dataset == "claimscope" and not i.text_is_ours and F_EVENTS in i.annotated for i in items)
    types = {e.type for i in items for e in i.events}
    assert {"political", "aggregate"} <= types   # its two convention changes
