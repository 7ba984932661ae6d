"""The attribution link stage: attributions -> events and casualty figures (run by the events component).

`link(doc, events, lexicon)` uses the lexicon it receives (the attribution component's configured lexicon):

- ev["attribution_idxs"]: attributions whose content overlaps the event's span or one of its casualty figures;
  a definite event description naming an earlier event's place ("the events in <town>") links to that event;
  responsibility/denial/accusation claims whose content is an anaphor ("the incidents referred to", "the
  attack") link to the events it refers back to: plural -> every event of the nearest earlier paragraph that
  has events (within `link.anaphor_paragraphs_back` paragraphs), singular -> the earlier event sharing most
  words with the description, else the last one.
- casualty["attribution_idxs"] on doc._.cs_casualties and on the events' copies (matched by
  start_char/end_char/kind/group): attributions whose content overlaps the figure.
- cs_attributions "kind": a statement whose content gives a casualty figure becomes a report.
"""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc

from pipeline.extract._doc import doc_text, values

WRITES = ("attribution_idxs", "casualties.attribution_idxs", "cs_casualties.attribution_idxs",
          "cs_attributions.kind")
WORD = re.compile(r"[\w'’-]+")
DESC_WORD = re.compile(r"[a-z][\w'’-]+")


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _casualty_key(c: dict) -> tuple:
    return (c.get("start_char"), c.get("end_char"), c.get("kind"), c.get("group"))


def _covers(a: dict, c: dict) -> bool:
    """The attribution's content overlaps the value's span (a value without a span is covered by none)."""
    return c.get("start_char") is not None and _overlaps(
        a["content"]["start_char"], a["content"]["end_char"], c["start_char"], c["end_char"])


def _anaphor(doc: Doc, content: dict, lex: dict) -> Optional[str]:
    """'the incidents referred to' -> 'plural'; 'the attack' -> 'singular'; otherwise None."""
    span = doc.char_span(content["start_char"], content["end_char"], alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    heads = set(lex["anaphoric_event_heads"])
    dets = set(lex["anaphoric_determiners"])
    window = lex["link"]["anaphor_head_window"]
    if not doc.has_annotation("DEP"):
        words = [t.lower_ for t in span if not t.is_punct]
        if len(words) < 2 or words[0] not in dets or not any(w in heads for w in words[1:window]):
            return None
        head = next(w for w in words[1:window] if w in heads)
        return "plural" if head.endswith("s") else "singular"
    root = span.root
    if root.lower_ not in heads:
        return None
    if not any(c.lower_ in dets for c in root.children) and not any(
            t.lower_ in lex["link"]["anaphor_markers"] for t in span):
        return None
    return "plural" if root.tag_ in ("NNS", "NNPS") else "singular"


def _link_casualties(atts: list[dict], casualties: list[dict]) -> dict[tuple, list[int]]:
    """casualty["attribution_idxs"] on cs_casualties; a statement that gives a figure reports it."""
    cas_links: dict[tuple, list[int]] = {}
    for c in casualties:
        idxs = [i for i, a in enumerate(atts) if _covers(a, c)]
        c["attribution_idxs"] = idxs
        cas_links[_casualty_key(c)] = idxs
        for i in idxs:
            if atts[i]["kind"] == "statement":  # "the health ministry said 180 were wounded"
                atts[i]["kind"] = "report"
    return cas_links


def _link_overlaps(atts: list[dict], ev: dict, cas_links: dict[tuple, list[int]]) -> None:
    """ev["attribution_idxs"] by overlap with the event or its figures; the event's figure copies linked."""
    idxs = set(ev.get("attribution_idxs") or [])
    for i, a in enumerate(atts):
        if _covers(a, ev) or any(_covers(a, c) for c in ev.get("casualties") or []):
            idxs.add(i)
    for c in ev.get("casualties") or []:
        key = _casualty_key(c)
        c["attribution_idxs"] = list(cas_links[key]) if key in cas_links else [
            i for i, a in enumerate(atts) if _covers(a, c)]
    ev["attribution_idxs"] = sorted(idxs)


def _add(ev: dict, i: int) -> None:
    ev["attribution_idxs"] = sorted(set(ev["attribution_idxs"]) | {i})


def _by_place(text: str, a: dict, events: list[dict], lex: dict) -> list[dict]:
    """'the events in <town>': a definite event description naming an earlier event's place."""
    heads, dets = set(lex["anaphoric_event_heads"]), set(lex["anaphoric_determiners"])
    cs, ce = a["content"]["start_char"], a["content"]["end_char"]
    words = WORD.findall(text[cs:ce].lower())[:lex["link"]["description_words"]]
    if not (any(w in heads for w in words) and any(w in dets for w in words[:lex["link"]["determiner_window"]])):
        return []
    seg = text[cs:ce]
    pos = min(a["cue"]["start_char"], cs)
    return [ev for ev in events if ev.get("start_char") is not None and ev["end_char"] <= pos and any(
        (p.get("name") and p["name"] in seg) or
        (p.get("start_char") is not None and text[p["start_char"]:p["end_char"]] in seg)
        for p in ev.get("places") or [])]


def _singular_target(text: str, a: dict, earlier: list[dict], lex: dict) -> dict:
    """'the checkpoint attack': the earlier event that shares a word with the description, else the last."""
    heads, dets = set(lex["anaphoric_event_heads"]), set(lex["anaphoric_determiners"])
    desc = {w for w in DESC_WORD.findall(text[a["content"]["start_char"]:a["content"]["end_char"]].lower())
            if w not in heads and w not in dets and len(w) > lex["link"]["description_min_letters"]}

    def shared(ev: dict) -> int:
        said = text[ev["start_char"]:ev["end_char"]].lower() + " " + " ".join(
            (p.get("name") or "").lower() for p in ev.get("places") or [])
        return len({w for w in desc if w in said})

    return max(earlier, key=lambda ev: (shared(ev), ev["end_char"]))


def _plural_targets(text: str, pos: int, earlier: list[dict], lex: dict) -> list[dict]:
    """Every earlier event of the nearest paragraph (at or before pos's) that has events."""
    paras = [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)]

    def para_of(p: int) -> int:
        return max(j for j, start in enumerate(paras) if start <= p) if p >= 0 else 0

    here = para_of(pos)
    for back in range(0, lex["link"]["anaphor_paragraphs_back"] + 1):
        p = here - back
        if p < 0:
            break
        targets = [ev for ev in earlier if para_of(ev["start_char"]) == p]
        if targets:
            return targets
    return []


def _link_anaphor(doc: Doc, text: str, i: int, a: dict, events: list[dict], lex: dict) -> None:
    """An unlinked attribution whose content refers back to earlier events (by place, or as an anaphor)."""
    places = _by_place(text, a, events, lex)
    if places:
        for ev in places:
            _add(ev, i)
        return
    if a["kind"] not in lex["link"]["anaphor_kinds"]:
        return
    number = _anaphor(doc, a["content"], lex)
    if number is None:
        return
    pos = min(a["cue"]["start_char"], a["content"]["start_char"])
    earlier = [ev for ev in events if ev.get("start_char") is not None and ev["end_char"] <= pos]
    if not earlier:
        return
    targets = [_singular_target(text, a, earlier, lex)] if number == "singular" else \
        _plural_targets(text, pos, earlier, lex)
    for ev in targets:
        _add(ev, i)


def link(doc: Doc, events: list[dict], lexicon: dict) -> None:
    """Attach attributions to events and casualty figures (in place); see the module docstring."""
    atts = values(doc, "cs_attributions")
    cas_links = _link_casualties(atts, values(doc, "cs_casualties"))
    for ev in events:
        _link_overlaps(atts, ev, cas_links)
    text = doc_text(doc)
    for i, a in enumerate(atts):
        if not any(i in ev["attribution_idxs"] for ev in events):
            _link_anaphor(doc, text, i, a, events, lexicon)
