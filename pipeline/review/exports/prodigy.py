"""Prodigy JSONL: one binary task per claim, answered as the reviewer answered it.

A Prodigy task with an `answer` is a finished annotation: `prodigy db-in` stores it as gold, and a task that
has no `answer` is given one (`accept` unless told otherwise). A task per article with every span would be an
all-or-nothing answer, so each claim is its own task:

- `text`: the sentence(s) the claim lies in (spaCy's rule sentencizer on the article), `meta.offset` the
  article offset of `text[0]` (article offset = span offset + `meta.offset`);
- `tokens` (spaCy blank English on `text`) and one span (`start`, `end`, `token_start`, `token_end`,
  `label` EVENT/DATE/PLACE/CASUALTY/ATTRIBUTION, `text`);
- `answer`: accepted, corrected and added claims `accept` (the effective value in `meta.value`, the machine's
  in `meta.extracted_value`), rejected claims `reject`; pending claims only with `include_pending`, then
  `ignore` (never left without an answer, which db-in would turn into `accept`);
- `_input_hash` (the article and the window of text) and `_task_hash` (the claim and its label): signed
  32-bit ints like Prodigy's own, stable across exports; `_view_id` `spans` (claims overlap: an event inside
  a casualty phrase inside an attribution, which the `ner` view cannot show).
"""
from __future__ import annotations

import hashlib
from typing import Optional

from pipeline.review.exports.common import LABELS

ANSWERS = {"accepted": "accept", "corrected": "accept", "added": "accept", "rejected": "reject",
           "pending": "ignore"}
VIEW_ID = "spans"


def stable_hash(*parts) -> int:
    """A signed 32-bit int from the parts (Prodigy's hashes are signed 32-bit ints too)."""
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).digest()
    return int.from_bytes(h[:4], "big", signed=True)


class _Windows:
    """Sentence windows of one article and their tokens (spaCy blank English with the rule sentencizer)."""

    def __init__(self, nlp, text: str):
        self.nlp, self.text = nlp, text
        self.sents = [(s.start_char, s.end_char) for s in nlp(text).sents]
        self._tokens: dict[tuple[int, int], tuple] = {}

    def window(self, start: int, end: int) -> tuple[int, int]:
        """From the start of the first sentence the span touches to the end of the last one."""
        hit = [(s, e) for s, e in self.sents if s < max(end, start + 1) and e > start]
        if not hit:
            return 0, len(self.text)
        return min(hit[0][0], start), max(hit[-1][1], end)

    def tokens(self, ws: int, we: int):
        if (ws, we) not in self._tokens:
            doc = self.nlp.make_doc(self.text[ws:we])
            self._tokens[(ws, we)] = doc, [
                {"text": t.text, "start": t.idx, "end": t.idx + len(t.text), "id": t.i, "ws": bool(t.whitespace_)}
                for t in doc]
        return self._tokens[(ws, we)]


def _task(article: dict, c: dict, win: _Windows) -> dict:
    ws, we = win.window(c["start_char"], c["end_char"])
    doc, toks = win.tokens(ws, we)
    s, e = c["start_char"] - ws, c["end_char"] - ws
    span = {"start": s, "end": e, "label": LABELS[c["claim_type"]], "text": c["span_text"]}
    cs = doc.char_span(s, e, alignment_mode="expand")
    if cs is not None and len(cs):
        span["token_start"], span["token_end"] = cs.start, cs.end - 1
    input_hash = stable_hash("input", article["sha256"], ws, we)
    meta = {"id": article["id"], "sha256": article["sha256"], "source": article["source"],
            "claim_id": c["claim_id"], "status": c["status"], "offset": ws,
            "start_char": c["start_char"], "end_char": c["end_char"], "value": c["value"],
            "extracted_value": c["extracted_value"], "origin": c["origin"], "rule": c["rule"],
            "run_id": c["run_id"], "reviewer": c["reviewer"], "reviewed_at": c["reviewed_at"]}
    return {"text": article["text"][ws:we], "tokens": toks, "spans": [span], "answer": ANSWERS[c["status"]],
            "_input_hash": input_hash, "_task_hash": stable_hash("task", input_hash, c["claim_id"], span["label"]),
            "_view_id": VIEW_ID, "meta": meta}


def to_prodigy(data: dict, include_pending: bool = False, nlp: Optional[object] = None) -> list[dict]:
    """One task per reviewed claim (and per pending claim with `include_pending`, answered `ignore`)."""
    if nlp is None:
        import spacy

        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
    out = []
    for a in data["articles"]:
        claims = [c for c in data["claims"].get(a["sha256"], []) if c["reviewed"] or include_pending]
        if not claims:
            continue
        win = _Windows(nlp, a["text"])
        out.extend(_task(a, c, win) for c in claims)
    return out
