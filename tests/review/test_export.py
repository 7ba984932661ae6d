"""Exports after review: Prodigy, Label Studio, brat, our JSONL, and gold annotations read back by eval."""
from __future__ import annotations

import json

import pytest

from pipeline.review import queries
from pipeline.review.decisions import added_claim_id, make_review, store_review
from pipeline.review.export import brat_fragments, export
from tests.review.conftest import HOSTILE, PLAIN, hostile_extraction


def _all(db):
    out = {}
    for a in queries.queue(db, status="all")["articles"]:
        for c in queries.article(db, a["sha256"])["claims"]:
            out[(a["id"], c["span_text"])] = c
    return out


@pytest.fixture
def reviewed(db):
    """Plain article fully reviewed (one correction, one rejection, one added claim); hostile partly."""
    cl = _all(db)
    for (aid, span), c in cl.items():
        if aid != "plain":
            continue
        if c["claim_type"] == "casualty":
            store_review(db, make_review(claim=c, decision="corrected", reviewer="t",
                                         new_value={"count": 3, "low": 3, "high": 3}))
        elif c["claim_type"] == "place":
            store_review(db, make_review(claim=c, decision="rejected", reviewer="t"))
        else:
            store_review(db, make_review(claim=c, decision="accepted", reviewer="t"))
    sha = next(c["article_sha256"] for (aid, _), c in cl.items() if aid == "plain")
    s = PLAIN.index("Saturday")
    add = dict(claim_id="", claim_type="date", article_sha256=sha, start_char=s, end_char=s + 8, span_text="Saturday",
               run_id=None, value=None)
    r = make_review(claim=add, decision="added", reviewer="t", new_value={"start": "2023-06-03", "end": "2023-06-03"})
    r["claim_id"] = added_claim_id(sha, "date", s, s + 8, r["new_value"])
    store_review(db, r)
    store_review(db, make_review(claim=cl[("hostile", "30 wounded")], decision="accepted", reviewer="t"))
    return db


def _lines(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_jsonl_all_and_reviewed_only(reviewed, tmp_path):
    export(reviewed, "jsonl", tmp_path / "all.jsonl")
    rows = _lines(tmp_path / "all.jsonl")
    assert len(rows) == 15 and {r["status"] for r in rows} >= {"pending", "accepted", "corrected", "rejected", "added"}
    export(reviewed, "jsonl", tmp_path / "rev.jsonl", reviewed_only=True)
    rev = _lines(tmp_path / "rev.jsonl")
    assert len(rev) == 6 and all(r["reviewed"] for r in rev)
    cas = next(r for r in rev if r["claim_type"] == "casualty" and r["article_id"] == "plain")
    assert (cas["value"]["count"], cas["extracted_value"]["count"]) == (3, 2)
    for r in rows:                                           # spans index the text exactly
        text = HOSTILE if r["article_id"] == "hostile" else PLAIN
        assert text[r["span"]["start"]:r["span"]["end"]] == r["span"]["text"]


def test_prodigy_one_task_per_reviewed_claim(reviewed, tmp_path):
    export(reviewed, "prodigy", tmp_path / "p.jsonl", reviewed_only=True)   # --reviewed-only: the default anyway
    tasks = _lines(tmp_path / "p.jsonl")
    assert len(tasks) == 6 and {t["meta"]["id"] for t in tasks} == {"plain", "hostile"}
    plain = [t for t in tasks if t["meta"]["id"] == "plain"]
    answers = sorted((t["spans"][0]["label"], t["answer"]) for t in plain)
    assert answers == [("ATTRIBUTION", "accept"), ("CASUALTY", "accept"), ("DATE", "accept"), ("EVENT", "accept"),
                       ("PLACE", "reject")]                                 # the rejected place is a reject
    for t in plain:
        (s,) = t["spans"]
        assert t["text"][s["start"]:s["end"]] == s["text"]
        assert PLAIN[s["start"] + t["meta"]["offset"]:s["end"] + t["meta"]["offset"]] == s["text"]
        toks = t["tokens"]
        assert toks[s["token_start"]]["start"] <= s["start"] and toks[s["token_end"]]["end"] >= s["end"]


def test_labelstudio_predictions_and_annotations(reviewed, tmp_path):
    export(reviewed, "labelstudio", tmp_path / "ls.json")
    tasks = json.loads((tmp_path / "ls.json").read_text())
    plain = next(t for t in tasks if t["data"]["id"] == "plain")
    pred = [r for r in plain["predictions"][0]["result"] if r.get("from_name") == "label"]
    ann = plain["annotations"][0]
    claims = [r for r in ann["result"] if r.get("from_name") == "label"]
    assert len(pred) == 4 and len(claims) == 4 and ann["ground_truth"] is True   # place: rejected; date: added
    for r in pred + claims:
        v = r["value"]
        assert (r["from_name"], r["to_name"], r["type"]) == ("label", "text", "labels")
        assert plain["data"]["text"][v["start"]:v["end"]] == v["text"] and len(v["labels"]) == 1
    cas = next(r for r in claims if r["value"]["labels"] == ["Casualty"])
    assert json.loads(cas["meta"]["text"][0])["count"] == 3
    hostile = next(t for t in tasks if t["data"]["id"] == "hostile")
    assert hostile["annotations"][0]["ground_truth"] is False           # partly reviewed


def test_brat_standoff(reviewed, tmp_path):
    out = tmp_path / "brat"
    export(reviewed, "brat", out)
    assert (out / "annotation.conf").is_file() and (out / "tools.conf").is_file()
    text = (out / "hostile.txt").read_text(encoding="utf-8")
    assert text == HOSTILE
    kinds = set()
    for line in (out / "hostile.ann").read_text(encoding="utf-8").splitlines():
        kinds.add(line[0])
        if not line.startswith("T"):
            continue
        tid, mid, frag_text = line.split("\t")
        label, _, offsets = mid.partition(" ")
        pieces = [tuple(map(int, p.split())) for p in offsets.split(";")]
        assert " ".join(text[s:e] for s, e in pieces) == frag_text
        assert all("\n" not in text[s:e] for s, e in pieces)
    assert kinds == {"T", "R", "A", "#"}          # relations of the attribution's parts, Status attributes


@pytest.mark.parametrize("text, start, end, expected", [
    ("ab\ncd", 0, 5, [(0, 2), (3, 5)]),
    ("ab\r\n\ncd", 0, 7, [(0, 2), (5, 7)]),
    ("abcd", 1, 3, [(1, 3)]),
    ("\nab\n", 0, 4, [(1, 3)]),
])
def test_brat_fragments_split_at_newlines(text, start, end, expected):
    assert brat_fragments(text, start, end) == expected


def test_annotations_are_gold_for_eval(reviewed, tmp_path, monkeypatch):
    """Fully reviewed articles become gold lines that `claimscope eval`'s loader reads back."""
    # the article files, where `path` will point
    (tmp_path / "plain.txt").write_text(PLAIN, encoding="utf-8")
    (tmp_path / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    summary = export(reviewed, "annotations", tmp_path / "gold.jsonl")
    assert summary["skipped_partial"] == ["hostile"]
    (line,) = _lines(tmp_path / "gold.jsonl")
    assert line["doc_id"] == "plain" and line["path"].endswith("plain.txt")
    assert "text" not in json.dumps(line["gold"])                     # offsets only, never sentences
    g = line["gold"]
    assert [d["span"] for d in g["dates"]] == [{"start": PLAIN.index("Saturday"), "end": PLAIN.index("Saturday") + 8}]
    assert g["places"] == []                                           # rejected
    (ev,) = g["events"]
    assert ev["casualties"][0]["count"] == 3 and ev["places"] == [] and ev["attribution_ids"] == ["at-1"]
    gold_mod = pytest.importorskip("pipeline.eval.gold")
    docs = list(gold_mod.iter_gold(tmp_path / "gold.jsonl"))
    assert len(docs) == 1 and getattr(docs[0], "doc_id", None) == "plain", docs
    doc = docs[0]
    assert doc.events[0].casualties[0].count == 3
    assert doc.attributions[0].kind == "statement"


def test_export_flushes_journal_first(db, tmp_path):
    from pipeline.review.decisions import append_journal

    c = _all(db)[("plain", "Two soldiers were killed")]
    append_journal(db, make_review(claim=c, decision="rejected", reviewer="t"))
    s = export(db, "jsonl", tmp_path / "x.jsonl", reviewed_only=True)
    assert s["flushed"] == 1
    assert [r["status"] for r in _lines(tmp_path / "x.jsonl")] == ["rejected"]


def test_cli_export(reviewed, tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    r = CliRunner().invoke(app, ["export", "--format", "prodigy", "--db", str(reviewed), "--out",
                                 str(tmp_path / "p.jsonl"), "--reviewed-only"])
    assert r.exit_code == 0, r.output
    assert len(_lines(tmp_path / "p.jsonl")) == 6                       # one task per reviewed claim
    r = CliRunner().invoke(app, ["export", "--format", "brat", "--db", str(reviewed)])
    assert r.exit_code == 2
    r = CliRunner().invoke(app, ["export", "--format", "nope", "--db", str(reviewed)])
    assert r.exit_code != 0


def test_hostile_extraction_untouched_by_variant():
    a1, _ = hostile_extraction()
    a2, _ = hostile_extraction(variant=2)
    assert a1.sha256 == a2.sha256          # same article, only a rule changed
