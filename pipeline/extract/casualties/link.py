"""The casualties link stage: which event each casualty figure belongs to.

`link(doc, events, lexicon)` attaches copies of the casualty payloads to the events they belong to (in place).
It receives the casualties component's configured lexicon (keys `link_cues`, `link_lookback`).

An event is mentioned where it was found and, when the events component recorded them, at its later
mentions (`ev["mentions"]`: dicts with start_char and clause_start/clause_end, e.g. "Figures for the
harbour raid differ widely."). Figures are taken in text order; a figure belongs to
1. the event with a mention whose clause (or parenthesis) contains it;
2. else the event mentioned nearest before it in the same sentence (or the first one after it);
3. else the event of the figure just before it when that figure is in the same or the previous
   sentence and no event starts in between (a run of figures: "... 12 injured. Another 3 detained.");
4. else the event mentioned last in the two sentences before, when the figure's sentence opens with a
   consequence or summing-up cue ("As a result", "In all", lexicon `link_cues`) or is the next
   sentence; an event whose own clause already says "no casualties" for that kind is passed over for
   the event before it (up to `link_lookback` events back). Running totals over a period
   (flag aggregate_or_other_period) are linked only by rules 1-3.
Figures linked to nothing stay only in doc._.cs_casualties.
"""
from __future__ import annotations

import copy
from bisect import bisect_right
from typing import Optional

from spacy.tokens import Doc

AGGREGATE_FLAG = "aggregate_or_other_period"


def link(doc: Doc, events: list[dict], lexicon: dict) -> None:
    """Set `ev["casualties"]` on every event (copies of the cs_casualties dicts that belong to it)."""
    for ev in events:
        ev["casualties"] = []
    cas = doc._.cs_casualties or []
    if not events or not cas:
        return
    _Linker(doc, events, cas, lexicon).run()


class _Linker:
    """One link run: the event mentions in text order and the figures assigned so far."""

    def __init__(self, doc: Doc, events: list[dict], cas: list[dict], lexicon: dict):
        self.events, self.cas = events, cas
        self.cues = tuple(c.lower() for c in lexicon.get("link_cues", []))
        self.lookback = lexicon.get("link_lookback", 2)
        self.sents = list(doc.sents)
        self.starts = [s.start_char for s in self.sents]
        self.marks = self._marks()
        self.evs = sorted(range(len(events)), key=lambda i: events[i]["start_char"])
        self.assigned: dict[int, list[int]] = {i: [] for i in self.evs}
        self.prev_fig: Optional[tuple[int, int, int]] = None  # (figure index, sentence, event)

    def sent_idx(self, char: int) -> int:
        """Index of the sentence containing `char` (the last sentence starting at or before it)."""
        return max(bisect_right(self.starts, char) - 1, 0)

    def _marks(self) -> list[tuple]:
        """(start, clause_start, clause_end, sentence, event) for every mention, in text order. A later mention
        that is a figure's own predicate ("9 people were killed") is the events component's guess; it is kept
        only when it agrees with the incident named last before it ("Figures for the harbour raid differ. ...
        9 people were killed" belongs to the harbour raid, not to the shelling found before)."""
        in_figure = [(c["start_char"], c["end_char"]) for c in self.cas]
        raw = []
        for i, ev in enumerate(self.events):
            for m in [ev] + list(ev.get("mentions") or []):
                fig = m is not ev and any(a <= m["start_char"] < b for a, b in in_figure)
                raw.append((m["start_char"], m.get("clause_start"), m.get("clause_end"),
                            self.sent_idx(m["start_char"]), i, fig))
        raw.sort()
        marks, last_named = [], None
        for m0, c0, c1, si_, i, fig in raw:
            if fig and last_named is not None and i != last_named:
                continue  # (a toll in the lead, before any incident is named, keeps the events component's guess)
            if not fig:
                last_named = i
            marks.append((m0, c0, c1, si_, i))
        return marks

    def has_zero(self, i: int, kind: str) -> bool:
        """"nobody was hurt" / "no casualties" in the event's own clause: a later toll is not about it."""
        kinds = {"killed", "injured"} if kind in ("killed", "injured") else {kind}
        return any(self.cas[c]["count"] == 0 and self.cas[c]["kind"] in kinds for c in self.assigned[i])

    def recent_before(self, char: int) -> list[int]:
        """The last `lookback` + 1 distinct events mentioned before `char`, most recent first."""
        out: list[int] = []
        for mk in reversed([mk for mk in self.marks if mk[0] < char]):
            if mk[4] not in out:
                out.append(mk[4])
        return out[: self.lookback + 1]

    def _in_clause(self, cs: int) -> Optional[int]:
        """Rule 1: the (last) event with a mention whose clause contains the figure."""
        best = None
        for m0, c0, c1, _, i in self.marks:
            if c0 is not None and c1 is not None and c0 <= cs < c1:
                best = i
        return best

    def _same_sentence(self, cs: int, si: int) -> Optional[int]:
        """Rule 2: the event mentioned nearest before the figure in its sentence, else the first after it."""
        same = [mk for mk in self.marks if mk[3] == si]
        if not same:
            return None
        before = [mk for mk in same if mk[0] <= cs]
        return (before[-1] if before else same[0])[4]

    def _run_of_figures(self, cs: int, si: int) -> Optional[int]:
        """Rule 3: the event of the figure just before, in the same or previous sentence, no event between."""
        if self.prev_fig is None:
            return None
        pci, psi, pev = self.prev_fig
        if si - psi <= 1 and not any(self.cas[pci]["start_char"] < mk[0] < cs for mk in self.marks):
            return pev
        return None

    def _follow_on(self, c: dict, cs: int, si: int) -> Optional[int]:
        """Rule 4: a cue sentence (or the next sentence) after the event mentioned last."""
        if AGGREGATE_FLAG in c.get("flags", []):
            return None
        prior = [mk for mk in self.marks if mk[0] < cs]
        if not prior or si - prior[-1][3] > 2:
            return None
        lead = self.sents[si].text.lower().lstrip()
        if lead.startswith(self.cues) or si - prior[-1][3] <= 1:
            return next((i for i in self.recent_before(cs) if not self.has_zero(i, c["kind"])), None)
        return None

    def _best(self, c: dict, si: int) -> Optional[int]:
        cs = c["start_char"]
        best = self._in_clause(cs)
        if best is None:
            best = self._same_sentence(cs, si)
        if best is None:
            best = self._run_of_figures(cs, si)
        if best is None:
            best = self._follow_on(c, cs, si)
        ev = self.events[best] if best is not None else None
        if ev is not None and c["count"] != 0 and self.has_zero(best, c["kind"]) and not (
                ev.get("clause_start") is not None and ev["clause_start"] <= cs < ev["clause_end"]):
            # a figure reached through a later mention ("As a result of the raid, 5 were killed") of an
            # event whose own clause says "no casualties" belongs to the incident before it
            best = next((i for i in self.recent_before(cs) if not self.has_zero(i, c["kind"])), best)
        return best

    def run(self) -> None:
        for ci in sorted(range(len(self.cas)), key=lambda k: self.cas[k]["start_char"]):
            c = self.cas[ci]
            si = self.sent_idx(c["start_char"])
            best = self._best(c, si)
            if best is not None:
                self.assigned[best].append(ci)
                self.prev_fig = (ci, si, best)
        for i in self.evs:
            self.events[i]["casualties"] = [copy.deepcopy(self.cas[ci]) for ci in self.assigned[i]]
