"""Dates extractor: every temporal expression as an interval, and the date of each event.

`find` runs the grammar of `datetime_rules` (word lists in models/lexicons/dates.json) over the whole text,
accepts bare years that spaCy also tags as DATE, sends the spaCy DATE entities the grammar does not cover
to dateparser (English, RELATIVE_BASE = publication date, cached), and marks the article's dateline date
with rule "dateline" (also an in-text dateline such as "CITY, St. (Dec. 10, 2015) -" near the top; when
the article has no publication date, relative dates then resolve against it). Decisions (intervals,
relative dates without a publication date, "April and May this year" as one range ...) are documented at
the top of `datetime_rules`.

`link(doc, events)` gives each event the date the text assigns to it (see `link`).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract._component import Component, LinkStage, load_lexicon
from pipeline.extract._doc import doc_text, meta, values
from pipeline.extract.dates.grammar import (
    DEFAULT_LEXICON, Grammar, apply_offset, dateparser_fallback, grammar, parse_expression, to_date,
)

__all__ = ["DatesExtractor", "find_dates", "link", "parse_expression"]

_ENT_LABELS = ("DATE", "TIME")


def find_dates(text: str, published=None, dateline: Optional[tuple[int, int]] = None,
               ents: list[tuple[int, int, str]] = (), lexicon: str = DEFAULT_LEXICON,
               use_dateparser: bool = True) -> list[dict]:
    """All temporal expressions of `text` (payload dicts in text order). `ents`: (start, end, label) from spaCy."""
    g: Grammar = grammar(lexicon)
    date_ents = [(s, e) for s, e, label in ents if label == "DATE"]
    cands = g.candidates(text, date_ents)
    found = g.resolve(text, cands, published, skip_anchor=dateline)
    if dateline:
        ds, de = dateline
        inside = [p for p in found if p["start_char"] < de and p["end_char"] > ds]
        if inside:
            best = max(inside, key=lambda p: min(p["end_char"], de) - max(p["start_char"], ds))
            best["rule"] = "dateline"
        elif 0 <= ds < de <= len(text):
            p = parse_expression(text[ds:de], published, lexicon, fallback=False)
            if p and p["start"]:
                p.update(start_char=p["start_char"] + ds, end_char=p["end_char"] + ds, rule="dateline",
                         relative=False)
                found.append(p)
    else:
        dl = _mark_inline_dateline(text, found)
        if dl and not to_date(published):
            # the dateline is the only publication date we have: relative dates resolve against it
            found = g.resolve(text, cands, dl["start"], skip_anchor=(dl["start_char"], dl["end_char"]))
            _mark_inline_dateline(text, found)
    if use_dateparser:
        for s, e, label in ents:
            if label != "DATE":
                continue
            inside = [p for p in found if p["start_char"] < e and p["end_char"] > s]
            if any(p["start_char"] < s or p["end_char"] > e for p in inside):
                continue  # the grammar's expression is wider than the entity
            coarse = ("month", "year", "season", "decade", "century", "approximate")
            if inside and (any(p["granularity"] not in coarse for p in inside) or not re.search(r"\d", text[s:e])):
                continue  # the entity adds no day the grammar missed
            p = dateparser_fallback(text[s:e], published)
            if not p or (inside and p["granularity"] != "day"):
                continue
            p.update(start_char=p["start_char"] + s, end_char=p["end_char"] + s)
            p["context"] = g.context(text, p["start_char"])
            for old in inside:
                found.remove(old)
            found.append(p)
    found.sort(key=lambda p: p["start_char"])
    return found


_INLINE_DATELINE_AFTER = re.compile(r"\)?[ \t\u00a0]*(?:[\u2013\u2014]|--?)[ \t\u00a0]")
_INLINE_DATELINE_BEFORE = re.compile(
    r"(?:[A-Z][\w.]*[ ,.\u00a0]*)+\([ \t\u00a0]*$|(?:^|\n)[ \t\u00a0]*(?:[A-Z][\w.]*[ ,.\u00a0]*)*$")


def _mark_inline_dateline(text: str, found: list[dict], within: int = 400) -> Optional[dict]:
    """'INDIANAPOLIS, Ind. (Dec. 10, 2015) - ...': a dateline inside the first lines is the publication date.

    The first absolute day date near the top, after a capitalised place (in parentheses) or at a line start,
    and followed by a dash, gets rule "dateline" (the linker uses it only as a fallback). Returns it."""
    for p in found:
        if p["start_char"] > within:
            break
        if p["granularity"] != "day" or p["relative"] or not p["start"]:
            continue
        after = text[p["end_char"]:p["end_char"] + 6]
        before = text[max(0, p["start_char"] - 60):p["start_char"]]
        if _INLINE_DATELINE_AFTER.match(after) and _INLINE_DATELINE_BEFORE.search(before):
            p["rule"] = "dateline"
            return p
    return None


class DatesExtractor(Component):
    ext = "cs_dates"

    def find(self, doc: Doc) -> list[dict]:
        m = meta(doc)
        ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in _ENT_LABELS]
        dl = m.get("dateline")
        return find_dates(doc_text(doc), m.get("published"), tuple(dl) if dl else None, ents, self.lexicon_path)


# ------------------------------------------------------------------------------------------------ linking
_PAREN_OPEN, _PAREN_CLOSE = "([", ")]"


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        return [(s.start_char, s.end_char) for s in doc.sents]
    out, start = [], 0
    for m in re.finditer(r"(?<!\b[A-Z])[.!?][\"\u201d\u2019)]?(?=\s+[\"\u201c(]?[A-Z0-9])|\n+", doc_text(doc)):
        out.append((start, m.end()))
        start = m.end()
    out.append((start, len(doc_text(doc))))
    return out


def _enclosing_paren(text: str, pos: int, lo: int, hi: int) -> Optional[tuple[int, int]]:
    """The innermost (...) or [...] around `pos` within [lo, hi), as (open, close) offsets."""
    depth, open_at = 0, None
    for i in range(pos - 1, lo - 1, -1):
        ch = text[i]
        if ch in _PAREN_CLOSE:
            depth += 1
        elif ch in _PAREN_OPEN:
            if depth == 0:
                open_at = i
                break
            depth -= 1
    if open_at is None:
        return None
    depth = 0
    for j in range(pos, hi):
        ch = text[j]
        if ch in _PAREN_OPEN:
            depth += 1
        elif ch in _PAREN_CLOSE:
            if depth == 0:
                return open_at, j + 1
            depth -= 1
    return open_at, hi


_LATER_ACTS = ("arrest",)   # mention types that happen after the incident they refer to
_MENTION_SENTENCES = 3      # how many sentences after the event a later mention may date it
_PERIODS = ("week", "range", "month", "part_of_month")  # a day stated inside one refines it (not a year)
_NON_VIOLENT = ("protest", "strike", "arrest", "operation", "riot")  # dated forward only by the same type


def _same_stem(a: str, b: str) -> bool:
    """'ambush' / 'ambushed', 'bombing' / 'bomb': the first letters (at least four) agree."""
    n = min(5, len(a), len(b))
    return n >= 4 and a[:n] == b[:n]


def _compatible(ev: dict, other: dict) -> bool:
    """May `other`'s date be carried to `ev`? Not from an arrest (it follows the incident), and between a
    protest/strike/riot/operation and anything else only when both are of the same type."""
    a, b = ev.get("type"), other.get("type")
    if b in _LATER_ACTS and a not in _LATER_ACTS:
        return False
    return a == b or not (a in _NON_VIOLENT or b in _NON_VIOLENT)


class _Linker:
    def __init__(self, doc: Doc, lexicon: str = DEFAULT_LEXICON):
        lex = load_lexicon(lexicon)
        self.doc, self.text = doc, doc_text(doc)
        self.meta = meta(doc)
        self.all_dates = sorted(values(doc, "cs_dates"), key=lambda d: d["start_char"])
        self.usable = [d for d in self.all_dates
                       if d.get("start") and d.get("rule") != "dateline" and d.get("context") not in ("since", "other")]
        not_after = "".join(rf"(?<!\b{re.escape(w)} )" for w in lex["blocking_not_after"])
        self.block = re.compile(not_after + r"\b(?:" + "|".join(re.escape(w) for w in lex["blocking_cues"]) + r")\b",
                                re.I)
        self.new_incident = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in lex["new_incident_cues"]) + r")\b",
                                       re.I)
        self.state = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in lex["state_cues"]) + r")\b", re.I)
        self.anaphora = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in lex["anaphora_cues"]) + r")\b", re.I)
        self.reporting = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in lex.get("reporting_cues", [])) +
                                    r")\b[^,;.:]{0,20}$", re.I)
        self.sequence = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in lex.get("sequence_cues", [])) +
                                   r")\b(?:[ \t\u00a0]+(?:also|only|just|barely|almost))?[ \t\u00a0]+$", re.I)
        self.sents = _sentences(doc)
        self.sent_starts = [s for s, _ in self.sents]
        self.events: list[dict] = []

    def sent_of(self, pos: int) -> tuple[int, int]:
        i = max(0, bisect_right(self.sent_starts, pos) - 1)
        return self.sents[i]

    def _between(self, d: dict, ev: dict) -> str:
        if d["end_char"] <= ev["start_char"]:
            return self.text[d["end_char"]:ev["start_char"]]
        if d["start_char"] >= ev["end_char"]:
            return self.text[ev["end_char"]:d["start_char"]]
        return ""

    def _distance(self, d: dict, ev: dict) -> int:
        if d["end_char"] <= ev["start_char"]:
            return ev["start_char"] - d["end_char"]
        if d["start_char"] >= ev["end_char"]:
            return d["start_char"] - ev["end_char"]
        return 0

    def _acceptable(self, d: dict, ev: dict, lo: int, hi: int) -> bool:
        """A date in the same stretch of text as the event that is not about something else."""
        between = self._between(d, ev)
        if ";" in between or "\n" in between or self.block.search(between):
            return False
        paren = _enclosing_paren(self.text, d["start_char"], lo, hi)
        if paren and not (paren[0] <= ev["start_char"] < paren[1]):
            # a parenthesis about the date itself ("(June 5)", "(on 5 June 2016)") may give the event's date
            if d["start_char"] - paren[0] > 12 or d["start_char"] < ev["start_char"]:
                return False
        ev_paren = _enclosing_paren(self.text, ev["start_char"], lo, hi)
        if ev_paren and not (ev_paren[0] <= d["start_char"] < ev_paren[1]) and d["start_char"] > ev_paren[1]:
            return False  # event inside "( ... )": the date after the parenthesis belongs to the next item
        return True

    def _nearest(self, ev: dict, lo: int, hi: int, sent: tuple[int, int]) -> Optional[dict]:
        # the event's other trigger words ("a man has died after he was shot Thursday": "shot") also anchor a date
        anchors = [ev] + [{"start_char": a, "end_char": b} for a, b in ev.get("triggers") or []
                          if lo <= a < hi and not (ev["start_char"] <= a < ev["end_char"])]
        dists = {}
        for d in self.usable:
            if lo <= d["start_char"] and d["end_char"] <= hi:
                ok = [self._distance(d, a) for a in anchors if self._acceptable(d, a, sent[0], sent[1])]
                if ok:
                    dists[d["start_char"]] = min(ok)
        cands = [d for d in self.usable if d["start_char"] in dists and lo <= d["start_char"] and d["end_char"] <= hi]
        if not cands:
            return None

        def key(d):
            dist = dists[d["start_char"]]
            # "June 5, 2016's ... attack": a possessive date before the event is its date
            if d["end_char"] <= ev["start_char"] and self.text[d["end_char"]:d["end_char"] + 2] in ("'s", "\u2019s"):
                dist = 0
            left = re.split(r"[,;:(]", self.text[max(lo, d["start_char"] - 60):d["start_char"]])[-1]
            if self.state.search(left):
                dist += 500  # "were still holding out yesterday": the date of a state, not of the incident
            return dist, d["start_char"]
        return min(cands, key=key)

    def _when_clause(self, ev: dict, sent: tuple[int, int]) -> Optional[dict]:
        # "the deadliest attack since October 2017, when a truck bomb ...": a "since" date is the when-clause's
        since = [d for d in self.all_dates if d.get("start") and d.get("context") == "since" and d.get("rule") != "dateline"]
        for d in reversed(sorted(self.usable + since, key=lambda x: x["start_char"])):
            if d["end_char"] > ev["start_char"] or d["start_char"] < sent[0]:
                continue
            between = self.text[d["end_char"]:ev["start_char"]]
            if re.match(r"[\s,]*(?:\u2014\s*)?when\b", between) and not re.search(r"[;.!?]", between):
                return d
        return None

    def _reanchor(self, d: dict, ev: dict, done: list[dict]) -> dict:
        """'That morning', 'two days later' linked to an event: count from the date of the event just mentioned."""
        off = d.get("offset")
        if not off or d.get("rule") != "offset-from-previous":
            return d
        prev = [o for o in done if o["start_char"] < d["start_char"] and o.get("date")
                and o["date"].get("start_char") is not None and o["date"].get("start")
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

    def link_one(self, ev: dict, done: list[dict]) -> Optional[dict]:
        d = self._link_one(ev, done)
        return self._reanchor(d, ev, done) if d else d

    def _link_one(self, ev: dict, done: list[dict]) -> Optional[dict]:
        sent = (ev.get("sent_start"), ev.get("sent_end"))
        if sent[0] is None or sent[1] is None:
            sent = self.sent_of(ev["start_char"])
        d = self._counted_from_event(ev, sent, done)
        if d:
            return d
        cs, ce = ev.get("clause_start"), ev.get("clause_end")
        if cs is not None and ce is not None:
            d = self._nearest(ev, cs, ce, sent)
            if d:
                if self._reported(d):
                    # "..., the ministry said yesterday": a statement's date; a later mention may state the incident's
                    later = self._later_mention(ev)
                    if later:
                        return later
                return dict(d)
        d = self._when_clause(ev, sent)
        if d:
            return dict(d)
        d = self._nearest(ev, sent[0], sent[1], sent)
        if d:
            return dict(d)
        d = self._previous_segment(ev, sent)
        if d:
            return d
        d = self._later_mention(ev)
        if d:
            return d
        d = self._carried(ev, sent, done)
        if d:
            return d
        d = self._same_incident(ev, sent, done)
        if d:
            return d
        d = self._lead_forward(ev, sent, done)
        if d:
            return d
        if self._is_reference_point(ev):
            return None
        return self._fallback()

    def resolve_named_offsets(self, events: list[dict]) -> None:
        """'a week after the raid': a date mention counted from a named incident takes its value from that incident's
        date once the events are dated (the mention in cs_dates, rule "offset-from-event"), whether or not it dates
        an event itself."""
        for d in self.all_dates:
            if d.get("rule") != "offset-from-next" or d.get("start") is not None or not d.get("offset"):
                continue
            named = re.search(r"\b(?:before|after)[ \t\u00a0]+(?:the|this|that)[ \t\u00a0]+((?:[\w-]+[ \t\u00a0]+){0,2}[\w-]+)$",
                              self.text[d["start_char"]:d["end_char"]], re.I)
            if not named:
                continue
            words = [w.lower() for w in re.findall(r"[\w-]+", named.group(1))]
            before = [e for e in events if e["start_char"] < d["start_char"] and e.get("date")
                      and e["date"].get("start") and e["date"].get("start_char") is not None
                      and not (d["start_char"] <= e["date"]["start_char"] < d["end_char"])]
            for other in reversed(before):
                trig = [self.text[a:b].lower() for a, b in other.get("triggers") or []]
                trig += [self.text[m["start_char"]:m["end_char"]].lower() for m in other.get("mentions") or []]
                trig.append((other.get("trigger") or {}).get("text", "").lower())
                if any(_same_stem(w, t) for w in words for t in trig):
                    ad = other["date"]
                    r = apply_offset(to_date(ad["start"]), ad["granularity"], d["offset"][0], d["offset"][1])
                    if r is not None:
                        d.update(start=r[0].isoformat(), end=r[1].isoformat(), granularity=r[2], rule="offset-from-event")
                    break

    def _reported(self, d: dict) -> bool:
        """'the Attorney General's Office said yesterday': the date right after a reporting verb."""
        return bool(self.reporting.search(self.text[max(0, d["start_char"] - 40):d["start_char"]]))

    def _counted_from_event(self, ev: dict, sent: tuple[int, int], done: list[dict]) -> Optional[dict]:
        """'Two days before the ambush, a drone dropped ...': the offset counts from the date of the incident it
        names (an earlier event whose trigger word is that noun); 'It also came eight days after a man opened fire
        ...': the event after the offset is counted back from the article's own incident (the first dated event).
        Rule "offset-from-event"."""
        for d in self.all_dates:
            if d.get("rule") != "offset-from-next" or d.get("start") is not None or not d.get("offset"):
                continue
            if not (sent[0] <= d["start_char"] and d["end_char"] <= ev["start_char"] < sent[1]):
                continue
            if ";" in self.text[d["end_char"]:ev["start_char"]]:
                continue
            n, unit = d["offset"]
            # the named incident: inside the expression ("two days before the ambush") or right after it
            inside = re.search(r"\b(?:before|after)[ \t\u00a0]+(?:the|this|that)[ \t\u00a0]+((?:[\w-]+[ \t\u00a0]+){0,2}[\w-]+)$",
                               self.text[d["start_char"]:d["end_char"]], re.I)
            after = self.text[d["end_char"]:d["end_char"] + 60]
            named = inside or re.match(r"[ \t\u00a0]+(?:the|this|that)[ \t\u00a0]+((?:[\w-]+[ \t\u00a0]+){0,2}[\w-]+)", after)
            anchor, sign = None, 1
            if named and (inside or ev["start_char"] - d["end_char"] > len(named.group(0))):
                words = [w.lower() for w in re.findall(r"[\w-]+", named.group(1))]
                for other in reversed(done):
                    od = other.get("date")
                    if not od or not od.get("start") or od.get("start_char") is None:
                        continue
                    trig = [self.text[a:b].lower() for a, b in other.get("triggers") or []]
                    trig += [self.text[m["start_char"]:m["end_char"]].lower() for m in other.get("mentions") or []]
                    trig.append((other.get("trigger") or {}).get("text", "").lower())
                    if any(_same_stem(w, t) for w in words for t in trig):
                        anchor = other
                        break
            elif ev["start_char"] - d["end_char"] <= 3 and self.sequence.search(self.text[sent[0]:d["start_char"]]):
                anchor = next((o for o in done if o.get("date") and o["date"].get("start")
                               and o["date"].get("start_char") is not None), None)
                sign = -1
            if anchor is None:
                continue
            ad = anchor["date"]
            r = apply_offset(to_date(ad["start"]), ad["granularity"], sign * n, unit)
            if r is None:
                continue
            # the mention itself is resolved too (cs_dates): its reference is now known
            d.update(start=r[0].isoformat(), end=r[1].isoformat(), granularity=r[2], rule="offset-from-event")
            return dict(d)
        return None

    def _later_mention(self, ev: dict) -> Optional[dict]:
        """'A teenager was shot ... The shooting happened around 10 p.m. Wednesday': a later mention of the same
        incident (`ev["mentions"]`, set by the events component) that states a date in its clause -> that date,
        rule "later-mention". Only the mentions' own stated dates (not a reporting verb's) count."""
        ev_sent = bisect_right(self.sent_starts, ev.get("sent_start") or ev["start_char"])
        for m in ev.get("mentions") or []:
            spans = {tuple(x) for x in m.get("dates") or []}
            if not spans or m.get("type") in _LATER_ACTS:
                continue  # "... was arrested Saturday": the arrest's date, not the shooting's
            if bisect_right(self.sent_starts, m["start_char"]) - ev_sent > _MENTION_SENTENCES and not m.get("agrees"):
                continue  # a mention that names the same place or day as the incident may come later
            sent = (m.get("sent_start"), m.get("sent_end"))
            if sent[0] is None or sent[1] is None:
                sent = self.sent_of(m["start_char"])
            far = bisect_right(self.sent_starts, m["start_char"]) - ev_sent > _MENTION_SENTENCES
            cands = [d for d in self.usable if (d["start_char"], d["end_char"]) in spans
                     and self._acceptable(d, m, sent[0], sent[1])
                     and not (far and d.get("granularity") in ("year", "decade", "century", "approximate"))]
            if not cands:
                continue
            d = min(cands, key=lambda d: (self._distance(d, m), d["start_char"]))
            out = dict(d)
            out["source_rule"] = d.get("rule")
            out["rule"] = "later-mention"
            return out
        return None

    def refine(self, events: list[dict]) -> None:
        """'a fatal shooting last week ... the shooting happened at 12:10 p.m. on December 2': an event dated by a
        period (week, weekend, month, range) takes a day inside that period that the text states for the same
        incident - in a later mention of it, or as the date of the next event of the same type within 3
        sentences -> rule "refined" (`source_rule` keeps the day's own rule)."""
        for i in range(len(events) - 1, -1, -1):  # from the last back: a headline takes its lead's refined day
            ev = events[i]
            d = ev.get("date")
            if not d or not d.get("start") or not d.get("end") or d.get("granularity") not in _PERIODS \
                    or d.get("rule") in ("publication-date",):
                continue
            lo, hi = d["start"], d["end"]
            ev_sent = bisect_right(self.sent_starts, ev.get("sent_start") or ev["start_char"])
            days = []
            for m in ev.get("mentions") or []:
                if m.get("type") in _LATER_ACTS:
                    continue
                spans = {tuple(x) for x in m.get("dates") or []}
                days += [x for x in self.usable if (x["start_char"], x["end_char"]) in spans]
            nxt = events[i + 1] if i + 1 < len(events) else None
            if nxt and nxt.get("type") == ev.get("type") and nxt.get("date") and nxt["date"].get("start_char") \
                    is not None and nxt["date"]["start_char"] > ev["end_char"]:
                days.append(nxt["date"])
            for x in days:
                back = bisect_right(self.sent_starts, x["start_char"]) - ev_sent
                if x.get("granularity") == "day" and x.get("start") and lo <= x["start"] <= hi \
                        and 0 <= back <= _MENTION_SENTENCES and x.get("start_char") != d.get("start_char"):
                    out = dict(x)
                    out["source_rule"] = x.get("source_rule") or x.get("rule")
                    out["rule"] = "refined"
                    ev["date"] = out
                    break

    def forward_from_next_event(self, events: list[dict]) -> None:
        """'Deadly shooting of teen ... Police responded to shots fired Saturday on Santa Fe Drive': an event
        that got no stated date (only the publication date, or nothing) takes the stated date of the next event
        when that one follows within 3 sentences, is of a compatible type (both violent, or the same type) and
        its date is stated after this event -> rule "carried-forward". News leads name the incident first and
        date it when they tell it. From the last event back, so that a headline takes the date its lead took."""
        for i in range(len(events) - 1, -1, -1):
            ev = events[i]
            d = ev.get("date")
            if d and d.get("start_char") is not None:
                continue
            if self._is_reference_point(ev):
                continue
            nxt = events[i + 1] if i + 1 < len(events) else None
            nd = nxt.get("date") if nxt else None
            if not nd or nd.get("start_char") is None or nd["start_char"] < ev["end_char"] \
                    or nd.get("rule") in ("dateline", "publication-date") or not nd.get("start"):
                continue
            if not _compatible(ev, nxt):
                continue
            ev_sent = bisect_right(self.sent_starts, ev.get("sent_start") or ev["start_char"])
            back = bisect_right(self.sent_starts, nd["start_char"]) - ev_sent
            if back > _MENTION_SENTENCES:
                continue
            if back == 0 and any(m.group(0).lower() not in ("after", "before", "prior to")
                                 for m in self.block.finditer(self.text[ev["end_char"]:nd["start_char"]])):
                # "the deadliest since the riots of December 2011": a comparison names another incident ("after"
                # is no sign: a headline run into its lead reads "... charged after a boy was killed Thursday")
                continue
            out = dict(nd)
            out["source_rule"] = nd.get("source_rule") or nd.get("rule")
            out["rule"] = "carried-forward"
            ev["date"] = out

    def _is_reference_point(self, ev: dict) -> bool:
        """'four weeks after a gunman killed 22 people': an earlier incident used as a reference, date unknown."""
        for d in self.all_dates:
            # the incident named inside the expression ("two weeks before the shooting") or right after it
            if d.get("rule") == "offset-from-next" and d.get("start") is None \
                    and d["start_char"] < ev["start_char"] and ev["start_char"] - d["end_char"] <= 40 \
                    and not re.search(r"[,;.:()\n]", self.text[d["end_char"]:max(d["end_char"], ev["start_char"])]):
                return True
        return False

    _PLACE = re.compile(r"\b(?:in|near|at|outside|of)[ \t\u00a0]+(?:the[ \t\u00a0]+(?:city|town|village|region|"
                        r"district|province|county)[ \t\u00a0]+of[ \t\u00a0]+)?([A-Z][\w\u2019'-]{2,})")
    _DEFINITE = re.compile(r"\b(?:the|this|these|that|those)\b[^.;,]{0,40}$", re.I)

    def _same_incident(self, ev: dict, sent: tuple[int, int], done: list[dict]) -> Optional[dict]:
        """'The attacks in the city of X' (definite, named place) after dated events in X: their date(s).

        Several earlier dated events at X within 31 days give their span as a range; rule "same-incident".
        """
        head = self.text[max(sent[0], ev["start_char"] - 40):ev["start_char"]]
        mention = self.text[ev["start_char"]:min(sent[1], ev["end_char"] + 60)]
        if not (self._DEFINITE.search(head) or re.match(r"(?i)(?:the|this|these|that|those)\b", mention)):
            return None
        names = {m.group(1) for m in self._PLACE.finditer(mention)}
        if not names:
            return None
        hits = []
        for other in done:
            od = other.get("date")
            if not od or od.get("start_char") is None or od.get("rule") == "dateline":
                continue
            ss, se = other.get("sent_start"), other.get("sent_end")
            if ss is None or se is None:
                ss, se = self.sent_of(other["start_char"])
            if any(re.search(rf"\b{re.escape(n)}\b", self.text[ss:se]) for n in names):
                hits.append(od)
        if not hits:
            return None
        last = hits[-1]
        close = [h for h in hits if abs((to_date(h["start"]) - to_date(last["start"])).days) <= 31]
        out = dict(last)
        out["source_rule"] = last.get("source_rule") or last.get("rule")
        out["rule"] = "same-incident"
        if len(close) > 1:
            out["start"] = min(h["start"] for h in close)
            out["end"] = max(h["end"] for h in close)
            out["granularity"] = "range" if out["start"] != out["end"] else out["granularity"]
        return out

    def _lead_forward(self, ev: dict, sent: tuple[int, int], done: list[dict]) -> Optional[dict]:
        """A headline or lead mention without a date: the first day-level date of the next two sentences.

        Only while no earlier event has a stated date (the top of a news story names the incident first and
        dates it in the next sentence); rule "carried-forward".
        """
        if any(o.get("date") and o["date"].get("start_char") is not None for o in done):
            return None
        i = max(0, bisect_right(self.sent_starts, sent[0]) - 1)
        nxt = [s for s in self.sents[i + 1:i + 3]]
        if not nxt:
            return None
        lo, hi = sent[1], nxt[-1][1]
        for d in self.usable:
            if lo <= d["start_char"] < hi and d["granularity"] in ("day", "range", "part_of_month"):
                owner = next((o for o in self.events if o is not ev and o.get("clause_start") is not None
                              and o["clause_start"] <= d["start_char"] < o["clause_end"]), None)
                if owner is not None and not _compatible(ev, owner):
                    continue  # "... He was arrested on Saturday": the date of another kind of event
                mention = next((m for m in ev.get("mentions") or [] if m.get("clause_start") is not None
                                and m["clause_start"] <= d["start_char"] < m["clause_end"]), None)
                if mention is not None and (mention.get("type") in _LATER_ACTS or (d["start_char"], d["end_char"])
                                            not in {tuple(x) for x in mention.get("dates") or []}):
                    continue  # a mention of this incident whose clause says the date is not the incident's
                between = self.text[sent[1]:d["start_char"]]
                if self.block.search(self.text[sent[0]:d["start_char"]]) and not between.strip():
                    continue
                out = dict(d)
                out["source_rule"] = d.get("rule")
                out["rule"] = "carried-forward"
                return out
        return None

    def _previous_segment(self, ev: dict, sent: tuple[int, int]) -> Optional[dict]:
        """An event in a ';' segment without a date: the last date of the segments before it ("carried-over")."""
        seg_start = self.text.rfind(";", sent[0], ev["start_char"])
        if seg_start < 0:
            return None
        for d in reversed(self.usable):
            if sent[0] <= d["start_char"] and d["end_char"] <= seg_start:
                between = self.text[d["end_char"]:ev["start_char"]]
                if "\n" in between or self.block.search(between):
                    return None
                paren = _enclosing_paren(self.text, d["start_char"], sent[0], sent[1])
                if paren and d["start_char"] - paren[0] > 12:
                    continue
                out = dict(d)
                out["source_rule"] = d.get("rule")
                out["rule"] = "carried-over"
                return out
        return None

    def _carried(self, ev: dict, sent: tuple[int, int], done: list[dict]) -> Optional[dict]:
        """A stated date from the previous sentence(s) about the same incident."""
        para_start = self.text.rfind("\n", 0, sent[0]) + 1
        k = sent[0] - 1
        while k > 0 and self.text[k].isspace():
            k -= 1
        prev_sent = self.sent_of(k) if k >= 0 and sent[0] > 0 else None
        if self.new_incident.search(self.text[sent[0]:sent[1]]):
            return None
        anaphoric = bool(self.anaphora.search(self.text[sent[0]:sent[1]]))
        best: Optional[tuple[int, dict]] = None
        for other in done:
            od = other.get("date")
            if not od or od.get("start_char") is None or other["start_char"] >= sent[0]:
                continue
            if od.get("rule") == "dateline":
                continue
            pos = other["start_char"]
            if best is None or pos > best[0]:
                best = (pos, od)
        # a bare date wins over the last dated event only from a later sentence than that event's: in the
        # event's own sentence its linked date is the one the text gives it ("on Friday ... still ... yesterday")
        ev_sent = self.sent_of(best[0])[0] if best else -1
        for d in self.usable:
            if d["end_char"] <= sent[0] and (best is None or d["start_char"] > best[0]) \
                    and self.sent_of(d["start_char"])[0] > ev_sent:
                best = (d["start_char"], d)
        if best is None:
            return None
        pos, d = best
        same_para = pos >= para_start
        in_prev_sentence = prev_sent is not None and pos >= prev_sent[0]
        back = bisect_right(self.sent_starts, sent[0]) - bisect_right(self.sent_starts, pos)  # sentences back
        in_prev_sentence = in_prev_sentence or (same_para and back <= 3)
        # a blank line between paragraphs: the previous paragraph is the one before the blank line(s)
        k = para_start - 1
        while k > 0 and self.text[k - 1] in "\n \t\u00a0":
            k -= 1
        prev_para_start = self.text.rfind("\n", 0, k) + 1
        in_prev_para = pos >= prev_para_start
        if not (in_prev_sentence or (same_para and anaphoric) or (anaphoric and in_prev_para)):
            return None
        out = dict(d)
        out["source_rule"] = d.get("source_rule") or d.get("rule")
        out["rule"] = "carried-over"
        return out

    def _fallback(self) -> Optional[dict]:
        pub = to_date(self.meta.get("published"))
        if pub:
            iso = pub.isoformat()
            return {"start_char": None, "end_char": None, "start": iso, "end": iso, "granularity": "day",
                    "relative": False, "rule": "publication-date"}
        for d in self.all_dates:
            if d.get("rule") == "dateline" and d.get("start"):
                return dict(d)
        return None


def link(doc: Doc, events: list[dict]) -> None:
    """Set `ev["date"]` on each event (in place) to a copy of the date the text assigns to it.

    In order:
    0. a date counted from another incident: "Two days before the ambush, a drone ..." counts from the date of the
       earlier event whose trigger word is that noun; "It came eight days after a man opened fire ..." counts the
       event after it back from the article's first dated incident -> rule "offset-from-event";
    1. the nearest date in the event's clause (not across ";" or a line break, not behind "since", "than",
       "unlike", "after", "before" ..., not in a parenthesis about something else; a possessive date before
       the event counts as adjacent; a date of a state - "still ... yesterday" - comes last);
       a date right after a reporting verb ("the ministry said yesterday") gives way to a later mention's date;
    2. a date introducing a "when ..." clause that holds the event (also after "since": "the deadliest attack
       since October 2017, when a truck bomb ...");
    3. the nearest acceptable date in the event's sentence;
    4. in a ";" segment without a date, the last date of the segments before it -> rule "carried-over";
    4b. a later mention of the same incident (`ev["mentions"]`, from the events component) that states a date
       in its clause ("A teenager was shot ... The shooting happened Wednesday"), within 3 sentences (any distance
       for a mention that names the incident's place or day, `agrees`), not an arrest ("... was arrested
       Saturday") -> rule "later-mention";
    5. a stated date from earlier sentences: the previous sentence, up to 3 back in the same paragraph, or
       the previous paragraph when the sentence refers back ("the attack", "as a result"); the last dated
       event's date first; never into "in a separate ..." -> rule "carried-over";
    6. a definite mention naming the place of earlier dated events ("the attacks in the city of X") -> their
       date(s), a range when several within a month -> rule "same-incident";
    7. a headline/lead mention before any dated event: the first day-level date of the next two sentences,
       not one in the clause of an arrest or of an event of another kind (see `_compatible`)
       -> rule "carried-forward";
    8. an incident named only as a reference ("four weeks after a gunman killed ...") -> None;
    9. the publication date (rule "publication-date", no span); else the dateline date; else None;
    10. then, an event left without a stated date takes the stated date of the next event when that one is
       within 3 sentences and of a compatible type -> rule "carried-forward" (a lead dated when told);
    11. an event dated by a period ("last week") takes a day inside it stated within 3 sentences by a later
       mention of it or by the next event of the same type -> rule "refined".
    Dates of "that morning", "two days later" count from the date of the event just mentioned.
    Dates with context "since"/"other", the dateline and unresolved dates are never linked as stated dates.
    """
    if not events:
        return
    linker = _Linker(doc)
    linker.events = events
    done: list[dict] = []
    for ev in sorted(events, key=lambda e: e["start_char"]):
        ev["date"] = linker.link_one(ev, done)
        done.append(ev)
    linker.forward_from_next_event(done)
    linker.refine(done)
    linker.resolve_named_offsets(done)


DatesExtractor.link_stage = LinkStage(writes=("date",), run=lambda doc, events, lexicon: link(doc, events))


@Language.factory(
    "claimscope_dates_v1",
    requires=["doc.ents"],
    assigns=["doc._.cs_dates"],
    default_config={"lexicon": "lexicons/dates.json"},
)
def make_dates(nlp: Language, name: str, lexicon: str) -> DatesExtractor:
    return DatesExtractor(nlp, name, lexicon)
