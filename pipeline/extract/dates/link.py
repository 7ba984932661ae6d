"""The dates link stage: the date the text assigns to each event, as a table of named rules.

`link(doc, events, lexicon)` sets `ev["date"]` (in place) on each event to a copy of one `cs_dates` value, or
to None (undated). The decisions are the rows of `EVENT_RULES` (tried in order
for each event, from the first event of the text on; the first rule whose condition holds and whose action
finds a date wins) and then the passes of `PASSES` (over all events once every event has a date). A rule's
`name` is recorded as the linked date's `rule` (the date's own rule then moves to `source_rule`), except for
the rules marked `keeps_rule`: a date stated for the event itself keeps the grammar rule that found it.

The order of `EVENT_RULES`:
- "toll-period": an aggregate toll ("more than 300 killed since March") is dated by the period it covers: a
  "since" date of its clause runs to the publication date; else the nearest date of its clause;
- "offset-from-event": a date counted from another incident: "Three days before the raid, rebels shelled ..."
  counts from the date of the earlier event whose trigger word is that noun; "This was five days after a mob
  torched ..." counts the event after it back from the article's first dated incident;
- "later-mention" (reported): the clause's date follows a reporting verb ("the agency said on Monday"): a
  later mention's stated date wins;
- "in-clause": the nearest date in the event's clause (not across ";" or a line break, not behind "since",
  "than", "unlike", "after", "before" ..., not in a parenthesis about something else; a possessive date before
  the event counts as adjacent; a date of a state - "still ... yesterday" - comes last);
- "when-clause": a date introducing a "when ..." clause that holds the event (also after "since": "the
  worst raid since March 2009, when mortars hit ...");
- "in-sentence": the nearest acceptable date in the event's sentence;
- "carried-over" (segment): in a ";" segment without a date, the last date of the segments before it;
- "later-mention": a later mention of the same incident (`ev["mentions"]`, from the events component) that
  states a date in its clause, within `link_mention_sentences` sentences (any distance for a mention that
  names the incident's place or day, `agrees`), not an arrest;
- "carried-over" (earlier sentences): the previous sentence, up to `link_mention_sentences` back in the same
  paragraph, or the previous paragraph when the sentence refers back ("the attack", "as a result"); the last
  dated event's date first; never into "in a separate ...";
- "carried-forward": a headline/lead mention before any dated event: the first day-level date of the next
  two sentences, not one in the clause of an arrest or of an event of another kind (see `compatible`);
- "dateline": unless the incident is named only as a reference ("three weeks after a sniper wounded ..." ->
  None), the dateline's date ("KABUL, May 3 -"), a date the text states. Else None: the event is undated (never
  silently the publication date, which stays the article's).
Dates of "that morning", "two days later" count from the date of the event just mentioned (`reanchor`).

`PASSES`: "carried-forward" (an event left without a stated date takes the stated date of the next event
when that one is within `link_mention_sentences` sentences and of a compatible type), "refined" (an event
dated by a period takes a day inside it stated for the same incident), "offset-from-event" (a date mention
counted from a named incident takes its value once that incident is dated).
Dates with context "since"/"other", the dateline and unresolved dates are never linked as stated dates, except
that a political act (`link_act_types`) takes an "other" date: the date of a decree, a law or an appointment.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from contextlib import contextmanager
from functools import lru_cache
from dataclasses import dataclass
from typing import Callable, Optional

from spacy.tokens import Doc

from pipeline.extract._doc import doc_text, meta, values
from pipeline.extract.dates.grammar import apply_offset, to_date

__all__ = ["EVENT_RULES", "PASSES", "LinkRule", "LinkPass", "link", "link_one", "compatible", "same_stem"]

_PAREN_OPEN, _PAREN_CLOSE = "([", ")]"
_SENT_END = re.compile(r"(?<!\b[A-Z])[.!?][\"\u201d\u2019)]?(?=\s+[\"\u201c(]?[A-Z0-9])|\n+")
_NAMED_INSIDE = re.compile(
    r"\b(?:before|after)[ \t\u00a0]+(?:the|this|that)[ \t\u00a0]+((?:[\w-]+[ \t\u00a0]+){0,2}[\w-]+)$", re.I)
_NAMED_AFTER = re.compile(r"[ \t\u00a0]+(?:the|this|that)[ \t\u00a0]+((?:[\w-]+[ \t\u00a0]+){0,2}[\w-]+)")
_WHEN = re.compile(r"[\s,]*(?:\u2014\s*)?when\b")


def _words_rx(words, tail: str = "") -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b" + tail, re.I)


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        return [(s.start_char, s.end_char) for s in doc.sents]
    out, start = [], 0
    for m in _SENT_END.finditer(doc_text(doc)):
        out.append((start, m.end()))
        start = m.end()
    out.append((start, len(doc_text(doc))))
    return out


def _scan_paren(text: str, positions, opens: str, closes: str) -> Optional[int]:
    """The first position of `positions` holding an unmatched `opens` character (nested pairs skipped)."""
    depth = 0
    for i in positions:
        ch = text[i]
        if ch in closes:
            depth += 1
        elif ch in opens:
            if depth == 0:
                return i
            depth -= 1
    return None


def _enclosing_paren(text: str, pos: int, lo: int, hi: int) -> Optional[tuple[int, int]]:
    """The innermost (...) or [...] around `pos` within [lo, hi), as (open, close) offsets."""
    open_at = _scan_paren(text, range(pos - 1, lo - 1, -1), _PAREN_OPEN, _PAREN_CLOSE)
    if open_at is None:
        return None
    close_at = _scan_paren(text, range(pos, hi), _PAREN_CLOSE, _PAREN_OPEN)
    return open_at, (close_at + 1 if close_at is not None else hi)


@lru_cache(maxsize=1)
def _event_nouns() -> tuple[dict, dict, set, set]:
    """The events lexicon's trigger nouns (word -> type, singular and plural), its kind families, the generic
    nouns that name any violent incident, and the event classes that are no incident."""
    from pipeline.extract._component import load_lexicon

    lx = load_lexicon("lexicons/events.json")
    nouns = dict(lx["nouns"])
    nouns.update({w + "s": t for w, t in lx["nouns"].items()})
    generic = {"attack", "attacks", "assault", "incident"}
    nouns.update({"incident": "incident"})
    return nouns, lx["kind_families"], generic, set(lx["event_classes"])


def same_stem(a: str, b: str, lexicon: dict) -> bool:
    """'ambush' / 'ambushed', 'bombing' / 'bomb': the first letters (at least `link_stem_min`) agree."""
    n = min(lexicon["link_stem_max"], len(a), len(b))
    return n >= lexicon["link_stem_min"] and a[:n] == b[:n]


def compatible(ev: dict, other: dict, lexicon: dict) -> bool:
    """May `other`'s date be carried to `ev`? Not from an arrest (it follows the incident), and between a
    protest/strike/riot/operation and anything else only when both are of the same type."""
    a, b = ev.get("type"), other.get("type")
    later, non_violent = lexicon["link_later_acts"], lexicon["link_non_violent"]
    if b in later and a not in later:
        return False
    return a == b or not (a in non_violent or b in non_violent)


def _stamp(d: dict, name: str) -> dict:
    """A copy of `d` linked by rule `name` (the date's own rule moves to `source_rule`)."""
    out = dict(d)
    out["source_rule"] = d.get("source_rule") or d.get("rule")
    out["rule"] = name
    return out


def _dated(ev: dict) -> bool:
    """The event has a stated date (a span in the text) with a value."""
    d = ev.get("date")
    return bool(d and d.get("start") and d.get("start_char") is not None)


@dataclass
class EventCtx:
    """One event being linked: its sentence and the events before it (already linked)."""

    ev: dict
    sent: tuple[int, int]
    done: list[dict]
    _clause: object = False  # the nearest date of the clause, once computed (None: none)

    def clause_date(self, linker: "_Linker") -> Optional[dict]:
        if self._clause is False:
            cs, ce = self.ev.get("clause_start"), self.ev.get("clause_end")
            self._clause = None if cs is None or ce is None else linker.nearest(self.ev, cs, ce, self.sent)
        return self._clause


@dataclass(frozen=True)
class LinkRule:
    """A date-linking decision: `name` (recorded as the linked date's `rule` unless `keeps_rule`), when it
    applies (`condition`) and the date it finds (`action`, None: try the next rule)."""

    name: str
    condition: Callable[["_Linker", EventCtx], bool]
    action: Callable[["_Linker", EventCtx], Optional[dict]]
    keeps_rule: bool = False


@dataclass(frozen=True)
class LinkPass:
    """A decision over all linked events (in text order), run after `EVENT_RULES`; `name` is the rule it records."""

    name: str
    run: Callable[["_Linker", list, str], None]


class _Linker:
    """What the rules look at: the text, its sentences, its dates and the lexicon's cue patterns."""

    def __init__(self, doc: Doc, lexicon: dict):
        self.lex = lexicon
        self.doc, self.text = doc, doc_text(doc)
        self.meta = meta(doc)
        self.all_dates = sorted(values(doc, "cs_dates"), key=lambda d: d["start_char"])
        self.usable = [d for d in self.all_dates if d.get("start") and d.get("rule") != "dateline"
                       and d.get("context") not in lexicon["link_skip_contexts"]]
        # a date about an act ("the decree of 19 January", context "other") is no incident's, but it is the
        # date of that act when the act is the event: political events may take it
        self._incident_usable = self.usable
        self._act_usable = sorted(self.usable + [d for d in self.all_dates if d.get("start") and d.get("context")
                                                 == "other" and d.get("rule") != "dateline"],
                                  key=lambda d: d["start_char"])
        self._compile(lexicon)
        self.sents = _sentences(doc)
        self.sent_starts = [s for s, _ in self.sents]
        self.events: list[dict] = []

    def _compile(self, lex: dict) -> None:
        not_after = "".join(rf"(?<!\b{re.escape(w)} )" for w in lex["blocking_not_after"])
        self.block = re.compile(not_after + r"\b(?:" + "|".join(re.escape(w) for w in lex["blocking_cues"]) + r")\b",
                                re.I)
        self.new_incident = _words_rx(lex["new_incident_cues"])
        self.state = _words_rx(lex["state_cues"])
        self.anaphora = _words_rx(lex["anaphora_cues"])
        self.reporting = _words_rx(lex.get("reporting_cues", []), r"[^,;.:]{0,20}$")
        hedges = "|".join(re.escape(w) for w in lex["sequence_hedges"])
        self.sequence = _words_rx(lex.get("sequence_cues", []), rf"(?:[ \t\u00a0]+(?:{hedges}))?[ \t\u00a0]+$")

    @contextmanager
    def dating(self, ev: dict):
        """While `ev` is dated: the dates it may take (an act's dates too for a political event)."""
        self.usable = self._act_usable if ev.get("type") in self.lex["link_act_types"] else self._incident_usable
        try:
            yield
        finally:
            self.usable = self._incident_usable

    # ------------------------------------------------------------------ positions
    def sent_of(self, pos: int) -> tuple[int, int]:
        i = max(0, bisect_right(self.sent_starts, pos) - 1)
        return self.sents[i]

    def sent_index(self, pos: int) -> int:
        return bisect_right(self.sent_starts, pos)

    def event_sent(self, ev: dict) -> tuple[int, int]:
        sent = (ev.get("sent_start"), ev.get("sent_end"))
        if sent[0] is None or sent[1] is None:
            sent = self.sent_of(ev["start_char"])
        return sent

    def _between(self, d: dict, ev: dict) -> str:
        if d["end_char"] <= ev["start_char"]:
            return self.text[d["end_char"]:ev["start_char"]]
        if d["start_char"] >= ev["end_char"]:
            return self.text[ev["end_char"]:d["start_char"]]
        return ""

    @staticmethod
    def distance(d: dict, ev: dict) -> int:
        if d["end_char"] <= ev["start_char"]:
            return ev["start_char"] - d["end_char"]
        if d["start_char"] >= ev["end_char"]:
            return d["start_char"] - ev["end_char"]
        return 0

    def compatible(self, ev: dict, other: dict) -> bool:
        return compatible(ev, other, self.lex)

    def trigger_words(self, other: dict) -> list[str]:
        """The words that name an event: its triggers, its mentions and its trigger."""
        trig = [self.text[a:b].lower() for a, b in other.get("triggers") or []]
        trig += [self.text[m["start_char"]:m["end_char"]].lower() for m in other.get("mentions") or []]
        trig.append((other.get("trigger") or {}).get("text", "").lower())
        return trig

    def names_event(self, words: list[str], other: dict) -> bool:
        """Does a noun phrase ("the blast", "the raid") name the event `other`: a word of its trigger's stem,
        or a trigger noun of the events lexicon whose type or kind family is `other`'s ("two days after the
        blast" counts from "a bomb exploded")?"""
        if any(same_stem(w, t, self.lex) for w in words for t in self.trigger_words(other)):
            return True
        nouns, family, generic, classes = _event_nouns()
        typ = other.get("type")
        # "the attack", "the incident" name any violent incident; other nouns their type or kind family
        words = words + ["".join(words[i:i + 2]) for i in range(len(words) - 1)]  # "air strike" = "airstrike"
        return any(nouns.get(w) is not None and (nouns[w] == typ or family.get(nouns[w], 0) == family.get(typ, 1)
                                                 or (w in generic and typ not in classes)) for w in words)

    # ------------------------------------------------------------------ acceptable dates
    def acceptable(self, d: dict, ev: dict, lo: int, hi: int) -> bool:
        """A date in the same stretch of text as the event that is not about something else."""
        between = self._between(d, ev)
        if ";" in between or "\n" in between or self.block.search(between):
            return False
        paren = _enclosing_paren(self.text, d["start_char"], lo, hi)
        if paren and not (paren[0] <= ev["start_char"] < paren[1]):
            # a parenthesis about the date itself ("(June 5)", "(on 5 June 2016)") may give the event's date
            if d["start_char"] - paren[0] > self.lex["link_date_paren_reach"] or d["start_char"] < ev["start_char"]:
                return False
        ev_paren = _enclosing_paren(self.text, ev["start_char"], lo, hi)
        if ev_paren and not (ev_paren[0] <= d["start_char"] < ev_paren[1]) and d["start_char"] > ev_paren[1]:
            return False  # event inside "( ... )": the date after the parenthesis belongs to the next item
        return True

    def _anchors(self, ev: dict, lo: int, hi: int) -> list[dict]:
        # the event's other trigger words ("a woman died after being stabbed on Sunday": "stabbed") also anchor a date
        return [ev] + [{"start_char": a, "end_char": b} for a, b in ev.get("triggers") or []
                       if lo <= a < hi and not (ev["start_char"] <= a < ev["end_char"])]

    def _nearness(self, d: dict, ev: dict, lo: int, dist: int) -> tuple[int, int]:
        # "June 5, 2016's ... attack": a possessive date before the event is its date
        if d["end_char"] <= ev["start_char"] and self.text[d["end_char"]:d["end_char"] + 2] in ("'s", "\u2019s"):
            dist = 0
        window = self.lex["link_state_window"]
        left = re.split(r"[,;:(]", self.text[max(lo, d["start_char"] - window):d["start_char"]])[-1]
        if self.state.search(left):
            dist += self.lex["link_state_penalty"]  # "were still holding out yesterday": a state's date
        return dist, d["start_char"]

    def nearest(self, ev: dict, lo: int, hi: int, sent: tuple[int, int]) -> Optional[dict]:
        """The nearest acceptable date within [lo, hi) (its sentence `sent` bounds the parentheses)."""
        anchors = self._anchors(ev, lo, hi)
        dists = {}
        for d in self.usable:
            if lo <= d["start_char"] and d["end_char"] <= hi:
                ok = [self.distance(d, a) for a in anchors if self.acceptable(d, a, sent[0], sent[1])]
                if ok:
                    dists[d["start_char"]] = min(ok)
        cands = [d for d in self.usable if d["start_char"] in dists and lo <= d["start_char"] and d["end_char"] <= hi]
        if not cands:
            return None
        return min(cands, key=lambda d: self._nearness(d, ev, lo, dists[d["start_char"]]))

    def reported(self, d: dict) -> bool:
        """'the Attorney General's Office said yesterday': the date right after a reporting verb."""
        reach = self.lex["link_reported_window"]
        return bool(self.reporting.search(self.text[max(0, d["start_char"] - reach):d["start_char"]]))

    def is_reference_point(self, ev: dict) -> bool:
        """'three weeks after a sniper wounded nine shoppers': an earlier incident used as a reference, date unknown."""
        reach = self.lex["link_reference_reach"]
        for d in self.all_dates:
            # the incident named inside the expression ("two weeks before the shooting") or right after it
            if d.get("rule") == "offset-from-next" and d.get("start") is None \
                    and d["start_char"] < ev["start_char"] and ev["start_char"] - d["end_char"] <= reach \
                    and not re.search(r"[,;.:()\n]", self.text[d["end_char"]:max(d["end_char"], ev["start_char"])]):
                return True
        return False

    def reanchor(self, d: dict, done: list[dict]) -> dict:
        """'That morning', 'two days later' linked to an event: count from the date of the event just mentioned."""
        off = d.get("offset")
        if not off or d.get("rule") != "offset-from-previous":
            return d
        prev = [o for o in done if o["start_char"] < d["start_char"] and _dated(o)
                and o["date"]["start_char"] != d["start_char"]]
        if not prev:
            return d
        pd = prev[-1]["date"]
        r = apply_offset(to_date(pd["start"]), pd["granularity"], off[0], off[1])
        if r is None:
            return d
        out = dict(d)
        out.update(start=r[0].isoformat(), end=r[1].isoformat(), granularity=r[2])
        return out


# ---------------------------------------------------------------------------- actions of EVENT_RULES
def _unresolved_offsets(lk: _Linker):
    """Date mentions 'N days before/after X' whose reference X is not yet known."""
    return [d for d in lk.all_dates
            if d.get("rule") == "offset-from-next" and d.get("start") is None and d.get("offset")]


def _offset_anchor(lk: _Linker, d: dict, c: EventCtx) -> tuple[Optional[dict], int]:
    """The event an offset counts from (and the sign): the incident it names, or the article's own incident."""
    ev, sent = c.ev, c.sent
    # the named incident: inside the expression ("two days before the ambush") or right after it
    inside = _NAMED_INSIDE.search(lk.text[d["start_char"]:d["end_char"]])
    named = inside or _NAMED_AFTER.match(lk.text[d["end_char"]:d["end_char"] + lk.lex["link_named_after_reach"]])
    if named and (inside or ev["start_char"] - d["end_char"] > len(named.group(0))):
        words = [w.lower() for w in re.findall(r"[\w-]+", named.group(1))]
        for other in reversed(c.done):
            if _dated(other) and lk.names_event(words, other):
                return other, 1
        return None, 1
    if ev["start_char"] - d["end_char"] <= lk.lex["link_sequence_gap"] \
            and lk.sequence.search(lk.text[sent[0]:d["start_char"]]):
        return next((o for o in c.done if _dated(o)), None), -1
    return None, 1


def _counted_from_event(lk: _Linker, c: EventCtx) -> Optional[dict]:
    """'Three days before the raid, rebels shelled ...': the offset counts from the date of the incident it
    names (an earlier event whose trigger word is that noun); 'This was also five days after a mob
    torched ...': the event after the offset is counted back from the article's own incident (the first dated event)."""
    ev, sent = c.ev, c.sent
    for d in _unresolved_offsets(lk):
        if not (sent[0] <= d["start_char"] and d["end_char"] <= ev["start_char"] < sent[1]):
            continue
        if ";" in lk.text[d["end_char"]:ev["start_char"]]:
            continue
        anchor, sign = _offset_anchor(lk, d, c)
        if anchor is None:
            continue
        ad = anchor["date"]
        r = apply_offset(to_date(ad["start"]), ad["granularity"], sign * d["offset"][0], d["offset"][1])
        if r is None:
            continue
        # the mention itself is resolved too (cs_dates): its reference is now known
        d.update(start=r[0].isoformat(), end=r[1].isoformat(), granularity=r[2], rule="offset-from-event")
        return d
    return None


def _when_clause(lk: _Linker, c: EventCtx) -> Optional[dict]:
    # "the worst raid since March 2009, when mortars hit ...": a "since" date is the when-clause's
    ev, sent = c.ev, c.sent
    since = [d for d in lk.all_dates if d.get("start") and d.get("context") == "since" and d.get("rule") != "dateline"]
    for d in reversed(sorted(lk.usable + since, key=lambda x: x["start_char"])):
        if d["end_char"] > ev["start_char"] or d["start_char"] < sent[0]:
            continue
        between = lk.text[d["end_char"]:ev["start_char"]]
        if _WHEN.match(between) and not re.search(r"[;.!?]", between):
            return d
    return None


def _previous_segment(lk: _Linker, c: EventCtx) -> Optional[dict]:
    """An event in a ';' segment without a date: the last date of the segments before it."""
    ev, sent = c.ev, c.sent
    seg_start = lk.text.rfind(";", sent[0], ev["start_char"])
    if seg_start < 0:
        return None
    for d in reversed(lk.usable):
        if sent[0] <= d["start_char"] and d["end_char"] <= seg_start:
            between = lk.text[d["end_char"]:ev["start_char"]]
            if "\n" in between or lk.block.search(between):
                return None
            paren = _enclosing_paren(lk.text, d["start_char"], sent[0], sent[1])
            if paren and d["start_char"] - paren[0] > lk.lex["link_date_paren_reach"]:
                continue
            return d
    return None


def _mention_date(lk: _Linker, m: dict, ev_sent: int) -> Optional[dict]:
    """The date a later mention `m` of an incident states in its clause (not a year-like date from afar)."""
    limit = lk.lex["link_mention_sentences"]
    spans = {tuple(x) for x in m.get("dates") or []}
    if not spans or m.get("type") in lk.lex["link_later_acts"]:
        return None  # "... was arrested Saturday": the arrest's date, not the shooting's
    far = lk.sent_index(m["start_char"]) - ev_sent > limit
    if far and not m.get("agrees"):
        return None  # a mention that names the same place or day as the incident may come later
    sent = lk.event_sent(m)
    coarse = lk.lex["link_far_mention_coarse"]
    cands = [d for d in lk.usable if (d["start_char"], d["end_char"]) in spans
             and lk.acceptable(d, m, sent[0], sent[1]) and not (far and d.get("granularity") in coarse)]
    return min(cands, key=lambda d: (lk.distance(d, m), d["start_char"])) if cands else None


def _later_mention(lk: _Linker, c: EventCtx) -> Optional[dict]:
    """'A cyclist was stabbed ... The stabbing took place near midnight Tuesday': a later mention of the same
    incident (`ev["mentions"]`, set by the events component) that states a date in its clause. Only the
    mentions' own stated dates (not a reporting verb's) count."""
    ev_sent = lk.sent_index(c.ev.get("sent_start") or c.ev["start_char"])
    for m in c.ev.get("mentions") or []:
        d = _mention_date(lk, m, ev_sent)
        if d:
            return d
    return None


def _last_linked(lk: _Linker, c: EventCtx) -> Optional[tuple[int, dict]]:
    """The last stated date before the event's sentence: the last dated event's, or a bare date after it."""
    best: Optional[tuple[int, dict]] = None
    for other in c.done:
        od = other.get("date")
        if not od or od.get("start_char") is None or other["start_char"] >= c.sent[0] or od.get("rule") == "dateline":
            continue
        if not lk.compatible(c.ev, other) and other.get("type") in lk.lex["link_act_types"]:
            continue  # a decree's date is not the date of the attack told after it
        if best is None or other["start_char"] > best[0]:
            best = (other["start_char"], od)
    # a bare date wins over the last dated event only from a later sentence than that event's: in the
    # event's own sentence its linked date is the one the text gives it ("on Friday ... still ... yesterday")
    ev_sent = lk.sent_of(best[0])[0] if best else -1
    for d in lk.usable:
        if d["end_char"] <= c.sent[0] and (best is None or d["start_char"] > best[0]) \
                and lk.sent_of(d["start_char"])[0] > ev_sent:
            best = (d["start_char"], d)
    return best


def _para_starts(lk: _Linker, sent_start: int) -> tuple[int, int]:
    """Start of the paragraph holding `sent_start` and of the one before (past blank lines)."""
    para_start = lk.text.rfind("\n", 0, sent_start) + 1
    k = para_start - 1
    while k > 0 and lk.text[k - 1] in "\n \t\u00a0":
        k -= 1
    return para_start, lk.text.rfind("\n", 0, k) + 1


def _prev_sentence(lk: _Linker, sent_start: int) -> Optional[tuple[int, int]]:
    k = sent_start - 1
    while k > 0 and lk.text[k].isspace():
        k -= 1
    return lk.sent_of(k) if k >= 0 and sent_start > 0 else None


def _carried(lk: _Linker, c: EventCtx) -> Optional[dict]:
    """A stated date from the previous sentence(s) about the same incident."""
    sent = c.sent
    if lk.new_incident.search(lk.text[sent[0]:sent[1]]):
        return None
    best = _last_linked(lk, c)
    if best is None:
        return None
    pos, d = best
    para_start, prev_para_start = _para_starts(lk, sent[0])
    prev_sent = _prev_sentence(lk, sent[0])
    same_para = pos >= para_start
    back = lk.sent_index(sent[0]) - lk.sent_index(pos)  # sentences back
    near = (prev_sent is not None and pos >= prev_sent[0]) or (same_para and back <= lk.lex["link_mention_sentences"])
    anaphoric = bool(lk.anaphora.search(lk.text[sent[0]:sent[1]]))
    if not (near or (same_para and anaphoric) or (anaphoric and pos >= prev_para_start)):
        return None
    return d


def _lead_date_ok(lk: _Linker, c: EventCtx, d: dict) -> bool:
    """May the lead event take date `d` of a following sentence?"""
    ev, sent = c.ev, c.sent
    owner = next((o for o in lk.events if o is not ev and o.get("clause_start") is not None
                  and o["clause_start"] <= d["start_char"] < o["clause_end"]), None)
    if owner is not None and not lk.compatible(ev, owner):
        return False  # "... He was arrested on Saturday": the date of another kind of event
    mention = next((m for m in ev.get("mentions") or [] if m.get("clause_start") is not None
                    and m["clause_start"] <= d["start_char"] < m["clause_end"]), None)
    if mention is not None and (mention.get("type") in lk.lex["link_later_acts"] or (d["start_char"], d["end_char"])
                                not in {tuple(x) for x in mention.get("dates") or []}):
        return False  # a mention of this incident whose clause says the date is not the incident's
    between = lk.text[sent[1]:d["start_char"]]
    return not (lk.block.search(lk.text[sent[0]:d["start_char"]]) and not between.strip())


def _lead_forward(lk: _Linker, c: EventCtx) -> Optional[dict]:
    """A headline or lead mention without a date: the first day-level date of the next sentences (only while
    no earlier event has a stated date: the top of a news story names the incident first and dates it next)."""
    if any(o.get("date") and o["date"].get("start_char") is not None for o in c.done):
        return None
    i = max(0, bisect_right(lk.sent_starts, c.sent[0]) - 1)
    nxt = lk.sents[i + 1:i + 1 + lk.lex["link_lead_sentences"]]
    if not nxt:
        return None
    lo, hi = c.sent[1], nxt[-1][1]
    for d in lk.usable:
        if lo <= d["start_char"] < hi and d["granularity"] in lk.lex["link_lead_granularities"] \
                and _lead_date_ok(lk, c, d):
            return d
    return None


def _dateline(lk: _Linker, c: EventCtx) -> Optional[dict]:
    return next((d for d in lk.all_dates if d.get("rule") == "dateline" and d.get("start")), None)


def _in_clause(lk: _Linker, c: EventCtx) -> Optional[dict]:
    return c.clause_date(lk)


def _in_sentence(lk: _Linker, c: EventCtx) -> Optional[dict]:
    return lk.nearest(c.ev, c.sent[0], c.sent[1], c.sent)


def _always(lk: _Linker, c: EventCtx) -> bool:
    return True


def _has_clause_date(lk: _Linker, c: EventCtx) -> bool:
    return c.clause_date(lk) is not None


def _reported_clause_date(lk: _Linker, c: EventCtx) -> bool:
    d = c.clause_date(lk)
    return d is not None and lk.reported(d)


def _not_reference(lk: _Linker, c: EventCtx) -> bool:
    return not lk.is_reference_point(c.ev)


def _is_aggregate(lk: _Linker, c: EventCtx) -> bool:
    return c.ev.get("type") == "aggregate"


def _toll_period(lk: _Linker, c: EventCtx) -> Optional[dict]:
    """The period a toll covers: a "since" date of its clause runs to the publication date ("killed since
    January" = from 1 January to the day of publication; to the date's own end when the article is undated);
    else the nearest date of its clause ("in July", "between January and June")."""
    cs, ce = c.ev.get("clause_start"), c.ev.get("clause_end")
    if cs is None or ce is None:
        return None
    since = [d for d in lk.all_dates if d.get("start") and d.get("context") == "since" and cs <= d["start_char"] < ce]
    if not since:
        return c.clause_date(lk)
    d = dict(since[0])
    pub = to_date(lk.meta.get("published"))
    if pub is not None and pub.isoformat() >= d["start"]:
        d["end"] = pub.isoformat()
    d["granularity"] = "range"
    return d


EVENT_RULES: tuple[LinkRule, ...] = (
    LinkRule("toll-period", _is_aggregate, _toll_period),
    LinkRule("offset-from-event", _always, _counted_from_event, keeps_rule=True),
    LinkRule("later-mention", _reported_clause_date, _later_mention),
    LinkRule("in-clause", _has_clause_date, _in_clause, keeps_rule=True),
    LinkRule("when-clause", _always, _when_clause, keeps_rule=True),
    LinkRule("in-sentence", _always, _in_sentence, keeps_rule=True),
    LinkRule("carried-over", _always, _previous_segment),
    LinkRule("later-mention", _always, _later_mention),
    LinkRule("carried-over", _always, _carried),
    LinkRule("carried-forward", _always, _lead_forward),
    LinkRule("dateline", _not_reference, _dateline, keeps_rule=True),
)
# No rule falls back to the publication date: an event the text does not date is undated (`date` None, the
# Event's `date_rule` "undated"); the publication date stays the article's (`article.published`).


def link_one(lk: _Linker, ev: dict, done: list[dict], rules: tuple = EVENT_RULES) -> Optional[dict]:
    """The date of one event (the events before it in `done` are linked): the first rule of `rules` that
    finds one, re-anchored when it counts from the previous event."""
    c = EventCtx(ev, lk.event_sent(ev), done)
    for rule in rules:
        if not rule.condition(lk, c):
            continue
        d = rule.action(lk, c)
        if d is not None:
            d = dict(d) if rule.keeps_rule else _stamp(d, rule.name)
            return lk.reanchor(d, done)
    return None


# ---------------------------------------------------------------------------- PASSES
def _next_stated(lk: _Linker, ev: dict, nxt: Optional[dict]) -> Optional[dict]:
    """The stated date of the next event when it may date `ev` (see `_forward_from_next_event`)."""
    nd = nxt.get("date") if nxt else None
    if not nd or nd.get("start_char") is None or nd["start_char"] < ev["end_char"] \
            or nd.get("rule") in ("dateline", "publication-date") or not nd.get("start"):
        return None
    if not lk.compatible(ev, nxt):
        return None
    back = lk.sent_index(nd["start_char"]) - lk.sent_index(ev.get("sent_start") or ev["start_char"])
    if back > lk.lex["link_mention_sentences"]:
        return None
    if back == 0 and any(m.group(0).lower() not in lk.lex["link_forward_not_blocking"]
                         for m in lk.block.finditer(lk.text[ev["end_char"]:nd["start_char"]])):
        # "the deadliest since the riots of December 2011": a comparison names another incident ("after"
        # is no sign: a headline run into its lead reads "... charged after a boy was killed Thursday")
        return None
    return nd


def _forward_from_next_event(lk: _Linker, events: list[dict], name: str) -> None:
    """'Deadly shooting of teen ... Police responded to shots fired Saturday on Elm Drive': an event that got
    no stated date (only the publication date, or nothing) takes the stated date of the next event when that
    one follows within a few sentences, is of a compatible type and its date is stated after this event. News
    leads name the incident first and date it when they tell it. From the last event back, so that a headline
    takes the date its lead took."""
    for i in range(len(events) - 1, -1, -1):
        ev = events[i]
        d = ev.get("date")
        if (d and d.get("start_char") is not None) or lk.is_reference_point(ev):
            continue
        nd = _next_stated(lk, ev, events[i + 1] if i + 1 < len(events) else None)
        if nd:
            ev["date"] = _stamp(nd, name)


def _days_stated_for(lk: _Linker, events: list[dict], i: int) -> list[dict]:
    """Dates stated for event i: its later mentions' dates, and the next event's date when of the same type."""
    ev = events[i]
    days = []
    for m in ev.get("mentions") or []:
        if m.get("type") in lk.lex["link_later_acts"]:
            continue
        spans = {tuple(x) for x in m.get("dates") or []}
        days += [x for x in lk.usable if (x["start_char"], x["end_char"]) in spans]
    nxt = events[i + 1] if i + 1 < len(events) else None
    if nxt and nxt.get("type") == ev.get("type") and nxt.get("date") and nxt["date"].get("start_char") \
            is not None and nxt["date"]["start_char"] > ev["end_char"]:
        days.append(nxt["date"])
    return days


def _refine(lk: _Linker, events: list[dict], name: str) -> None:
    """'a deadly stabbing last month ... the stabbing was at dawn on October 9': an event dated by a
    period (week, weekend, month, range) takes a day inside that period that the text states for the same
    incident - in a later mention of it, or as the date of the next event of the same type within a few
    sentences (`source_rule` keeps the day's own rule)."""
    for i in range(len(events) - 1, -1, -1):  # from the last back: a headline takes its lead's refined day
        ev = events[i]
        d = ev.get("date")
        if not d or not d.get("start") or not d.get("end") or d.get("granularity") not in lk.lex["link_periods"] \
                or d.get("rule") == "publication-date":
            continue
        ev_sent = lk.sent_index(ev.get("sent_start") or ev["start_char"])
        for x in _days_stated_for(lk, events, i):
            back = lk.sent_index(x["start_char"]) - ev_sent
            if x.get("granularity") == "day" and x.get("start") and d["start"] <= x["start"] <= d["end"] \
                    and 0 <= back <= lk.lex["link_mention_sentences"] and x.get("start_char") != d.get("start_char"):
                ev["date"] = _stamp(x, name)
                break


def _resolve_named_offsets(lk: _Linker, events: list[dict], name: str) -> None:
    """'a week after the raid': a date mention counted from a named incident takes its value from that incident's
    date once the events are dated (the mention in cs_dates), whether or not it dates an event itself."""
    for d in _unresolved_offsets(lk):
        named = _NAMED_INSIDE.search(lk.text[d["start_char"]:d["end_char"]])
        if not named:
            continue
        words = [w.lower() for w in re.findall(r"[\w-]+", named.group(1))]
        before = [e for e in events if e["start_char"] < d["start_char"] and _dated(e)
                  and not (d["start_char"] <= e["date"]["start_char"] < d["end_char"])]
        other = next((o for o in reversed(before) if lk.names_event(words, o)), None)
        if other is None:
            continue
        ad = other["date"]
        r = apply_offset(to_date(ad["start"]), ad["granularity"], d["offset"][0], d["offset"][1])
        if r is not None:
            d.update(start=r[0].isoformat(), end=r[1].isoformat(), granularity=r[2], rule=name)


PASSES: tuple[LinkPass, ...] = (
    LinkPass("carried-forward", _forward_from_next_event),
    LinkPass("refined", _refine),
    LinkPass("offset-from-event", _resolve_named_offsets),
)


def link(doc: Doc, events: list[dict], lexicon: dict, rules: tuple = EVENT_RULES, passes: tuple = PASSES) -> None:
    """Set `ev["date"]` on each event (in place): `rules` per event in text order, then `passes`.
    `lexicon` is the dates component's configured lexicon (models/lexicons/dates.json); the tables are
    parameters so that a test can show which row decides."""
    if not events:
        return
    lk = _Linker(doc, lexicon)
    lk.events = events
    done: list[dict] = []
    for ev in sorted(events, key=lambda e: e["start_char"]):
        with lk.dating(ev):
            ev["date"] = link_one(lk, ev, done, rules)
        done.append(ev)
    for p in passes:
        p.run(lk, done, p.name)
