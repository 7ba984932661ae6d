"""Combination of rule claims and learned claims (attribution/combine.py): tables of invented sentences."""
from __future__ import annotations

import pytest

from pipeline.extract.attribution.combine import PRESETS, combine
from pipeline.extract.attribution.tree import claim_ok


def _claim(text: str, cue: str, content: str, source: str | None, rule: str, score: float = 1.0) -> dict:
    def sp(part):
        s = text.index(part)
        return {"start_char": s, "end_char": s + len(part)}

    src = None if source is None else {"name": source, **sp(source)}
    return {"kind": "statement" if rule != "learned" else "report", "source": src, "cue": sp(cue),
            "content": sp(content), "hedged": rule == "rule-hedged", "hedge": None, "rule": rule, "_score": score}


S1 = "The ferry captain said the harbour was closed, and locals believe the storm will pass."
S2 = "We think the vote was fair, the organisers added on Monday."
S3 = "The union argued that wages had fallen while the firm reported record profits."

# (text, rule claims, learned claims, preset, min_score, expected [(rule, cue text, content text)])
CASES = [
    # rules only: the learned claims are ignored
    (S1, [("said", "the harbour was closed", "The ferry captain", "verb")],
     [("believe", "the storm will pass", "locals", "learned")], "rules", 0.0,
     [("verb", "said", "the harbour was closed")]),
    # union: the rule claim keeps its shared cue, the tagger adds a cue the rules missed
    (S1, [("said", "the harbour was closed", "The ferry captain", "verb")],
     [("said", "the harbour was closed, and", "The ferry captain", "learned"),
      ("believe", "the storm will pass", "locals", "learned")], "union", 0.0,
     [("verb", "said", "the harbour was closed"), ("learned", "believe", "the storm will pass")]),
    # union with a threshold: a weak learned-only claim is left out
    (S1, [("said", "the harbour was closed", "The ferry captain", "verb")],
     [("believe", "the storm will pass", "locals", "learned", -2.0)], "union", 0.0,
     [("verb", "said", "the harbour was closed")]),
    # tagger only: a rule claim without a learned cue is dropped, also the author's voice
    (S2, [("think", "the vote was fair", None, "author-first-person"),
          ("added", "We think the vote was fair", "the organisers", "verb")],
     [("added", "We think the vote was fair", "the organisers", "learned")], "tagger", 0.0,
     [("learned+verb", "added", "We think the vote was fair")]),
    # tagger+author: the author's voice stays with the rules
    (S2, [("think", "the vote was fair", None, "author-first-person"),
          ("added", "We think the vote was fair", "the organisers", "verb")],
     [("added", "We think the vote was fair", "the organisers", "learned")], "tagger+author", 0.0,
     [("author-first-person", "think", "the vote was fair"), ("learned+verb", "added", "We think the vote was fair")]),
    # tagger cues with the rule spans on a shared cue
    (S3, [("argued", "that wages had fallen", "The union", "verb")],
     [("argued", "wages had fallen while the firm", "The union", "learned"),
      ("reported", "record profits", "the firm", "learned")], "tagger_cues", 0.0,
     [("verb", "argued", "that wages had fallen"), ("learned", "reported", "record profits")]),
    # union with tagger spans: the rule claim's kind and hedge, the tagger's content
    (S3, [("argued", "that wages had fallen", "The union", "rule-hedged")],
     [("argued", "wages had fallen", "The union", "learned")], "union_tagger_spans", 0.0,
     [("learned+rule-hedged", "argued", "wages had fallen")]),
]


def _mk(text, spec):
    cue, content, source, rule, *score = spec
    return _claim(text, cue, content, source, rule, *score)


@pytest.mark.parametrize("text, rules, learned, preset, min_score, expected", CASES)
def test_combine(text, rules, learned, preset, min_score, expected):
    got = combine([_mk(text, r) for r in rules], [_mk(text, x) for x in learned], PRESETS[preset], min_score)
    seen = [(a["rule"], text[a["cue"]["start_char"]:a["cue"]["end_char"]],
             text[a["content"]["start_char"]:a["content"]["end_char"]]) for a in got]
    assert sorted(seen) == sorted(expected)
    assert all(claim_ok(text, a) for a in got)


def test_merged_claim_keeps_the_rule_kind_and_hedge():
    r = _claim(S3, "argued", "that wages had fallen", "The union", "rule-hedged")
    r["kind"], r["hedged"], r["hedge"] = "opinion", True, {"start_char": 0, "end_char": 3}
    x = _claim(S3, "argued", "wages had fallen", "The union", "learned")
    [got] = combine([r], [x], PRESETS["union_tagger_spans"], 0.0)
    assert (got["kind"], got["hedged"], got["hedge"]) == ("opinion", True, {"start_char": 0, "end_char": 3})
    assert got["content"] == x["content"]


def test_unknown_preset_is_refused(nlp):
    from pipeline.extract.attribution.component import AttributionExtractor

    with pytest.raises(ValueError):
        AttributionExtractor(nlp, "bad", "lexicons/attribution.json", "both")


# the rules' vetoes on a learned claim the rules missed (combine.vetted, combine.content_ok): invented sentences
# (text, cue word, source phrase or None, content phrase, passes)
VETTED = [
    ("The harbour master said the ferry would leave at noon.", "said", "The harbour master",
     "the ferry would leave at noon", True),
    ("Two farmers insisted that the river had risen overnight.", "insisted", "Two farmers",
     "that the river had risen overnight", True),
    ("The coach promised to rest his tired players.", "promised", "The coach", "to rest his tired players", True),
    ("No group has claimed the blast at the depot.", "claimed", "No group", "the blast at the depot", False),
    ("Nobody said the bridge was safe.", "said", "Nobody", "the bridge was safe", False),
    ("The minister did not say when the talks would resume.", "say", "The minister",
     "when the talks would resume", False),
    ("This report finds that prices rose sharply.", "finds", "This report", "that prices rose sharply", False),
    ("A porter who asked us not to name him said the ward was full.", "asked", "A porter", "us not to name him", False),
    ("The ferry captain said the harbour was closed.", "said", None, "the harbour was closed", False),
]


def _range(doc, phrase: str) -> tuple[int, int]:
    s = doc.text.index(phrase)
    span = doc.char_span(s, s + len(phrase), alignment_mode="expand")
    return span.start, span.end


@pytest.mark.parametrize("text, cue, source, content, passes", VETTED)
def test_vetted(ex, parse, text, cue, source, content, passes):
    from pipeline.extract.attribution.combine import _root, _source, content_ok, vetted

    doc = parse(text)
    cue_tok = next(t for t in doc if t.text == cue)
    src = _source(ex, doc, *_range(doc, source), []) if source else None
    head = _root(doc, *_range(doc, content))
    cs = doc.text.index(content)
    ok = vetted(ex, doc, cue_tok, src) and content_ok(ex, doc, cue_tok, head, (cs, cs + len(content)))
    assert ok == passes


# (text, cue word, content phrase, accepted): contents the rules would take
CONTENTS = [
    ("The mayor announced that the bridge would reopen in May.", "announced", "that the bridge would reopen in May", True),
    ("The clerk confirmed the deaths of two guards.", "confirmed", "the deaths of two guards", True),
    ("“We are ready,” the captain told the crew.", "told", "“We are ready,”", True),
    ("Police detained a teenager believed to be its driver.", "believed", "to be its driver", False),
    ("Of the victims, the ones identified yesterday were farmers.", "identified", "yesterday", False),
    ("Locals call the valley the garden of the north.", "call", "the valley the garden of the north", False),
]


@pytest.mark.parametrize("text, cue, content, accepted", CONTENTS)
def test_content_ok(ex, parse, text, cue, content, accepted):
    from pipeline.extract.attribution.combine import _root, content_ok

    doc = parse(text)
    cue_tok = next(t for t in doc if t.text == cue)
    cs = doc.text.index(content)
    assert content_ok(ex, doc, cue_tok, _root(doc, *_range(doc, content)), (cs, cs + len(content))) == accepted
