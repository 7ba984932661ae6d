"""Event extractor: one event per incident the article reports, then the other extractors' values linked to it.

The rules are tables (word lists and thresholds in models/lexicons/events.json):
- `triggers.py`: which token names an incident (`Triggers.rules`: nouns such as "raid", "clashes", "shoot-out";
  verbs such as "stormed", "was stabbed"; weak nouns "incident", "operation" that count only with a stated date
  or figure; compound modifiers "a drone strike"; territorial acts "the rebels entered the town") and which
  trigger is no incident (`Triggers.not_incident`: modal, negated, intended, purpose, generic definition).
  The trigger rule that named an event is recorded on it (`ev["rule"]`).
- `clauses.py`: incidents are looked for in the body, clause by clause (a top-level ";" list gives one event per
  item; a ";" inside a parenthesis does not split).
- this module: a clause's triggers are grouped into incidents (`groups`); a group is an incident only with
  evidence (`candidate`: a stated date, place or figure, or a past-tense verb; a bare plural "protests" only
  with its own figure, date or town; not "in the 1980s the gang robbed trains", a habit of decades).
- `merge.py`: one incident, many sentences (`Merger.coreferent`, a rule table): a mention without a date or
  place of its own continues the incident before it; one whose date and place agree with an earlier incident
  is that incident; a date counted from the incident just told ("the next day") makes a casualty or definite
  mention part of it and another act a sequel; one counted back ("a week earlier") is an earlier incident.
  A mention judged to be an incident already found is kept on that event as `ev["mentions"]` (with the rule
  that decided) so that `dates.link` can date an undated lead by it. Casualty-only clauses that sum up ("in
  all", "have died since", a whole year or country) are running totals. A toll told before the incident is
  named ("... nine people had died. The siege of the mill ended on Sunday") is one incident: the naming is the
  event, the toll a mention of it.
Then the link stages of the components named in the config's `link` run, in that order (`linkers`).
"""
from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline.extract.attribution import component as attribution  # noqa: F401  (registers the factory)
from pipeline.extract.casualties import component as casualties  # noqa: F401
from pipeline.extract.dates import component as dates  # noqa: F401
from pipeline.extract.places import component as places  # noqa: F401
from pipeline.extract._component import Component, load_lexicon, unlink
from pipeline.extract._guard import guarded
from pipeline.extract._doc import children, doc_text, meta, values
from pipeline.extract.events.acled import AcledMap, armed_target
from pipeline.extract.events.clauses import clauses, headline_end  # noqa: F401  (clauses is public)
from pipeline.extract.events.merge import Merger, _in
from pipeline.extract.events.triggers import CASUALTY, STRONG, WEAK, Triggers

# the components whose values are linked to events, in order (casualties first: dates and places use the figures)
LINK_ORDER = ("claimscope_casualties", "claimscope_dates", "claimscope_places", "claimscope_attribution")

_APPOSED_DATE = re.compile(r"\s*,\s*(?:on\s+|in\s+)?", re.I)


class Trig(tuple):
    """One trigger of a clause: (token, type, strength, rule, subtype)."""
    __slots__ = ()

    def __new__(cls, tok: Token, typ: str, strength: str, rule: str, subtype: str | None = None):
        return tuple.__new__(cls, (tok, typ, strength, rule, subtype))

    tok = property(lambda s: s[0])
    typ = property(lambda s: s[1])
    strength = property(lambda s: s[2])
    rule = property(lambda s: s[3])
    subtype = property(lambda s: s[4])


def _add_member(group: dict, f: Trig) -> dict:
    """Add trigger `f` to a group with its indexes (`order`: the member token indexes, sorted)."""
    group["toks"].append(f)
    group["idx"].add(f.tok.i)
    group["heads"].add(f.tok.head.i)
    insort(group["order"], f.tok.i)
    return group


def _member_between(group: dict, lo: int, hi: int) -> bool:
    """Is a member's token index in lo..hi (inclusive)?"""
    order = group["order"]
    k = bisect_left(order, lo)
    return k < len(order) and order[k] <= hi


@dataclass
class Scope:
    """The values inside one group's stretch of a clause, and the article's."""
    lo: int
    hi: int
    sent: Span
    c_dates: list
    c_places: list
    c_cas: list
    stated: list
    all_dates: list
    all_places: list
    all_cas: list


class EventsExtractor(Component):
    ext = "cs_events"

    def __init__(self, nlp, name: str, lexicon: str, link: list[str], acled: str):
        super().__init__(nlp, name, lexicon)
        self.acled = AcledMap(load_lexicon(acled))
        self.nlp = nlp
        self.link_names = list(link)
        self._linkers = None
        lx = self.lexicon
        self.tr = Triggers(lx)
        self.merger = Merger(lx, self.tr)
        self.reporting = set(lx.get("reporting_verbs", []))
        self.tiers = lx["type_tiers"]
        self.cut_punct = set(lx["span_cut_punctuation"])
        stems = "|".join(sorted(lx["ordinal_stems"]["stems"], key=len, reverse=True))
        self.ordinal = re.compile(rf"\d+(?:st|nd|rd|th)|(?:{stems})(?:st|nd|rd|th)")
        self.suicide = [w.lower() for w in lx["suicide_cues"]]
        self.circumstance = set(lx["circumstance_markers"])
        self.setting_preps = set(lx["setting_prepositions"])
        self.limits = lx["thresholds"]
        self.armed_targets = set(lx["armed_targets"])

    # -- find -------------------------------------------------------------------------------------------------
    def find(self, doc: Doc) -> list[dict]:
        all_dates = [d for d in values(doc, "cs_dates") if d.get("start_char") is not None]
        dateline = meta(doc).get("dateline")
        stated = [d for d in all_dates if not (dateline and d["start_char"] >= dateline[0] and d["end_char"] <= dateline[1])]
        all_places = values(doc, "cs_places")
        all_cas = values(doc, "cs_casualties")
        events: list[dict] = []
        body = headline_end(doc, self.limits)
        for lo, hi, sent in clauses(doc):
            if hi <= body:
                continue
            lo = max(lo, body)
            found = self.clause_triggers(sent, lo, hi) or self.figure_triggers(doc, lo, hi, all_cas)
            for g in self.groups(found, lo, hi, stated + all_places):
                scope = Scope(g["start"], g["end"], sent, [d for d in stated if _in(g["start"], g["end"], d)],
                              [p for p in all_places if _in(g["start"], g["end"], p)],
                              [c for c in all_cas if _in(g["start"], g["end"], c)], stated, all_dates, all_places,
                              all_cas)
                cand = self.candidate(doc, g, scope, events)
                if cand:
                    events.append(cand)
        return events

    def clause_triggers(self, sent: Span, lo: int, hi: int) -> list[Trig]:
        found: list[Trig] = []
        seen: set[int] = set()
        for t in sent:
            if not lo <= t.idx < hi:
                continue
            trig = self.tr.trigger(t)
            if trig and t.dep_ == "compound":
                t = t.head  # "mortar shells hit ...": the head noun stands for the incident
            if trig and t.i not in seen and not self.tr.hypothetical(t):
                seen.add(t.i)
                found.append(Trig(t, *trig))
        return found

    def figure_triggers(self, doc: Doc, lo: int, hi: int, all_cas: list[dict]) -> list[Trig]:
        """A clause with a killed/injured figure but no trigger word ("a quarrel over grazing land left three
        herders dead") still reports an incident: the figure's head word stands in as a casualty trigger."""
        for c in all_cas:
            if _in(lo, hi, c) and c.get("kind") in ("killed", "injured") and c.get("total", True):
                span = doc.char_span(c["start_char"], c["end_char"], alignment_mode="expand")
                if span is not None and any(t.ent_type_ == "ORDINAL" or self.ordinal.fullmatch(t.lower_) for t in span):
                    continue  # "a sixth victim died in hospital": one more victim of a counted incident
                if span is not None:
                    return [Trig(span.root, "incident", CASUALTY, "casualty-figure")]
        return []

    # -- groups -----------------------------------------------------------------------------------------------
    def phrase_start(self, tok: Token) -> int:
        if tok.pos_ == "VERB":
            subj = [c for c in children(tok) if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i]
            return subj[0].left_edge.idx if subj else tok.idx
        return tok.left_edge.idx

    def groups(self, found: list[Trig], lo: int, hi: int, evidence: list[dict]) -> list[dict]:
        """Split a clause's triggers into incidents: a trigger opens a new group when it is outside the first
        trigger's phrase and has a date or place of its own before the next trigger."""
        groups: list[dict] = []
        for k, f in enumerate(found):
            t = f.tok
            start = max(self.phrase_start(t), lo)
            if k and t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ == "VERB":
                # "..., and on 3 March a blast ... hurt nobody": the subject's clause starts earlier
                start = max(min(start, t.head.left_edge.idx), found[k - 1].tok.idx + 1, lo)
            # its stretch runs to the next trigger outside its own phrase ("the protests and riots in X ...")
            le, re_ = t.left_edge.i, t.right_edge.i
            nxt = next((found[j].tok.idx for j in range(k + 1, len(found)) if not le <= found[j].tok.i <= re_), hi)
            if groups and self.joins(f, groups[-1], start, nxt, evidence):
                _add_member(groups[-1], f)
                continue
            groups.append(_add_member({"start": start if groups else lo, "toks": [], "idx": set(), "heads": set(),
                                       "order": []}, f))
        return self.close_groups(groups, hi)

    def joins(self, f: Trig, group: dict, start: int, nxt: int, evidence: list[dict]) -> bool:
        """Does trigger `f` continue the incident of `group`? Yes when it stands inside its phrase, has no date or
        place of its own, or is a casualty verb without an agent and values of its own ("..., wounding four").
        The group's member indexes (`idx`, `heads`, `order`) answer in constant time what a scan of its members
        would (a group of thousands of triggers, "killed killed ...", was quadratic)."""
        t = f.tok
        kids = children(t)
        # a subordinate clause with its own subject is another incident ("..., a year after a gunman killed 9 in
        # X"), unless it tells the circumstances of this one ("... died when raiders set fire to a barn")
        own_subject = t.pos_ == "VERB" and any(c.dep_ in ("nsubj", "nsubjpass") for c in kids) and not any(
            c.dep_ in ("advmod", "mark") and c.lower_ in self.circumstance for c in kids)
        first = group["toks"][0].tok
        # a noun's phrase holds its coordinated triggers ("protests and riots in X"); a verb's whole subtree is the
        # sentence, so only its direct dependents belong to it; "A man who opened fire ... wounded two": a trigger
        # inside this one's subject is its own
        subjects = [c for c in kids if c.dep_ in ("nsubj", "nsubjpass")]
        inside = (first.pos_ != "VERB" and first.left_edge.i <= t.i <= first.right_edge.i) or (
            t.i in group["heads"] or (not own_subject and t.head.i in group["idx"])) or any(
            _member_between(group, c.left_edge.i, c.right_edge.i) for c in subjects) or (
            # "three guards were wounded in a shoot-out": the incident in which the figure fell
            t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.lower_ in self.setting_preps
            and t.head.head.i in group["idx"] and t.head.head.lemma_.lower() in self.tr.casualty_verbs)
        own = any(start <= d["start_char"] < max(nxt, t.idx + 1) for d in evidence)
        agent = any(c.dep_ == "nsubj" and c.pos_ != "PRON" for c in kids)
        return (f.strength == CASUALTY and not (agent and own)) or inside or not own

    def close_groups(self, groups: list[dict], hi: int) -> list[dict]:
        """A weak mention ("an incident ..., when raiders attacked") introduces the next one;
        each group ends where the next starts."""
        merged: list[dict] = []
        for g in groups:
            if merged and all(x.strength == WEAK for x in merged[-1]["toks"]) and any(
                    x.strength == STRONG for x in g["toks"]):
                merged[-1]["toks"].extend(g["toks"])
            else:
                merged.append(g)
        for i, g in enumerate(merged):
            g["end"] = merged[i + 1]["start"] if i + 1 < len(merged) else hi
        return merged

    # -- candidate --------------------------------------------------------------------------------------------
    def candidate(self, doc: Doc, g: dict, s: Scope, events: list[dict]) -> dict | None:
        if s.c_dates and not s.c_cas and all(d.get("granularity") in ("decade", "century") for d in s.c_dates):
            return None  # "In the 1980s the gang robbed trains": a habit of decades
        chosen = self.choose_head(g, s)
        if chosen is None:
            return None
        head, typ, rule, subtype = chosen
        own_dates, own_places = self.described_values(doc, g, head, s)
        same, merge_rule, agrees = self.merger.coreferent(head, typ, own_dates, own_places, bool(s.c_cas), events,
                                                          s.all_places)
        if same is not None:
            # one more mention of an incident already found: kept where it is, so that the linkers can use the
            # values it states (a lead "A cyclist was stabbed ..." dated by "The stabbing happened Tuesday")
            if 0 <= same < len(events):
                events[same].setdefault("mentions", []).append(self.mention(doc, head, typ, s, merge_rule, agrees))
            return None
        if typ == "bombing" and any(w in doc_text(doc)[s.lo:s.hi].lower() for w in self.suicide):
            typ = "suicide_bombing"
        ev = self.new_event(head, typ, rule, g, s)
        ev["subtype"] = subtype
        if any(x.strength == STRONG for x in g["toks"]) and self.merger.names_toll(doc, head, own_places, events, s.sent):
            self.absorb_toll(ev, events.pop())
        return ev

    def choose_head(self, g: dict, s: Scope) -> tuple[Token, str, str, str | None] | None:
        """(head, type, rule, subtype) of a group: a toll over a period (an aggregate); the strong trigger that
        carries the incident's own date or place, else the most violent; else its weak trigger; else its casualty
        verb (an aggregate when its clause sums up: `Merger.running_total`). None when the group is no event."""
        strong = [x for x in g["toks"] if x.strength == STRONG]
        toll = self.toll_over_period(g, s, strong)
        if toll is not None:
            return toll
        if strong:
            kept = [x for x in strong if self.has_evidence(x.tok, s)]
            if not kept:
                return None
            carriers = [x for x in kept if any(self.own_values(x.tok, s.c_dates, s.c_places))]
            best = max(self.tiers.get(x.typ, 2) for x in kept)
            pick = carriers[0] if carriers else next(x for x in kept if self.tiers.get(x.typ, 2) == best)
            typ = pick.typ
            for x in g["toks"]:  # "protests and riots": the most violent of the coordinated triggers
                if x.tok.dep_ == "conj" and x.tok.head == pick.tok and self.tiers.get(x.typ, 2) > self.tiers.get(typ, 2):
                    typ = x.typ
            return pick.tok, typ, pick.rule, (pick.subtype if typ == pick.typ else None)
        weak = [x for x in g["toks"] if x.strength == WEAK]
        if weak:
            x = weak[0]
            if self.tr.generic_plural(x.tok):
                return None
            if not (s.c_dates or s.c_cas) or all(
                    d.get("granularity") in ("year", "decade", "century") for d in s.c_dates) and not s.c_cas:
                return None
            return x.tok, x.typ, x.rule, x.subtype
        x = g["toks"][0]
        if not (s.c_cas or s.c_dates or s.c_places):
            return None
        over = self.merger.toll_over(x.tok, s.lo, s.hi, s.sent, s.c_dates, s.c_places)
        if over is not None:
            # "more than 2,000 people have been killed since January": a toll over a period or area; a figure
            # "in" a whole country (one day's incidents, told apart elsewhere) is no event of its own
            return (x.tok, "aggregate", "running-total", None) if s.c_cas and over != "place" else None
        return x.tok, x.typ, x.rule, x.subtype

    def toll_over_period(self, g: dict, s: Scope, strong: list) -> tuple | None:
        """"In all, 300 civilians have died in the fighting since May": a casualty verb with a summing-up cue
        ("in all", "so far", "since") beside trigger nouns only (the conflict the toll is counted over) is an
        aggregate, not an incident; "five died in the attack on Monday" has no such cue."""
        cas = [x for x in g["toks"] if x.strength == CASUALTY]
        if not (strong and cas and s.c_cas) or any(x.tok.pos_ == "VERB" for x in strong):
            return None
        verb = cas[0].tok
        lo, hi = verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge)
        # the cue inside the casualty verb's own phrase: in "the deadliest attack since 2017, when a bomb killed
        # 500", "since" compares the attacks and the toll is one incident's
        if self.merger.aggregate_cue(max(lo, s.lo), min(hi, s.hi), s.sent, s.c_dates):
            return verb, "aggregate", "running-total", None
        return None

    def has_evidence(self, t: Token, s: Scope) -> bool:
        """A strong trigger is an incident with a date, place or figure in its clause, or as a past-tense verb; a
        bare plural only with its own figure, date or town ("protests in Ordu in March"); with a generic modifier
        ("weekly clashes") only with a day-level date or a figure."""
        sub_lo, sub_hi = t.left_edge.idx, t.right_edge.idx + len(t.right_edge)
        if t.dep_ in ("nsubj", "nsubjpass") and t.head.tag_ in ("VBD", "VBN"):
            sub_lo, sub_hi = s.lo, s.hi  # "Rockets hit a depot in X on Monday": the clause is the event
        if t.pos_ != "VERB" and self.tr.generic_plural(t):
            generic = self.tr.generic_modified(t)
            fine = ("day", "part_of_month") if generic else ("day", "part_of_month", "month", "range", "week")
            own = [d for d in s.stated if _in(sub_lo, sub_hi, d) and d.get("granularity") in fine]
            own += [c for c in s.all_cas if _in(sub_lo, sub_hi, c)]
            if not generic:
                own += [p for p in s.all_places if _in(sub_lo, sub_hi, p)
                        and p.get("feature") not in ("country", "admin_region", "region")]
            if not own:
                return False
        return bool(s.c_dates or s.c_places or s.c_cas or (t.pos_ == "VERB" and t.tag_ in ("VBD", "VBN")))

    def described_values(self, doc: Doc, g: dict, head: Token, s: Scope) -> tuple[list, list]:
        """The dates and places the group's triggers state of themselves (casualty verbs only when nothing else)."""
        own_dates, own_places = [], []
        describing = [x for x in g["toks"] if x.strength != CASUALTY] or g["toks"]
        for x in describing:
            d, p = self.own_values(x.tok, s.c_dates, s.c_places)
            own_dates += [v for v in d if v not in own_dates]
            own_places += [v for v in p if v not in own_places]
        if not any(x.strength in (STRONG, WEAK) for x in g["toks"]) and head.pos_ != "VERB":
            # a figure standing in for the trigger ("a quarrel over land near X left three dead"): the clause
            # describes the incident, not the figure's phrase
            own_dates = [d for d in s.c_dates if not self.reported(doc, d)]
            own_places = list(s.c_places)
        return own_dates, own_places

    def mention(self, doc: Doc, head: Token, typ: str, s: Scope, rule: str, agrees: bool) -> dict:
        return {
            "start_char": head.idx, "end_char": head.idx + len(head), "type": typ,
            "clause_start": s.lo, "clause_end": s.hi, "sent_start": s.sent.start_char, "sent_end": s.sent.end_char,
            "dates": [(d["start_char"], d["end_char"]) for d in s.c_dates if not self.reported(doc, d)],
            # the mention names the incident's own place or day ("The mill siege, from May to June"): it is that
            # incident however far from it
            "agrees": agrees, "rule": rule,
        }

    def new_event(self, head: Token, typ: str, rule: str, g: dict, s: Scope) -> dict:
        start, end = self.event_span(head, s.lo, s.hi, s.all_dates)
        return {
            "start_char": start, "end_char": end, "type": typ, "rule": rule,
            "trigger": {"start_char": head.idx, "end_char": head.idx + len(head), "text": head.text},
            "triggers": [(x.tok.idx, x.tok.idx + len(x.tok)) for x in g["toks"]],
            "sent_start": s.sent.start_char, "sent_end": s.sent.end_char, "clause_start": s.lo, "clause_end": s.hi,
            "date": None, "places": [], "casualties": [], "actors": self.actors(head), "attribution_idxs": [],
            "target": "armed" if armed_target(head, self.armed_targets) else None,
        }

    @staticmethod
    def absorb_toll(ev: dict, prev: dict) -> None:
        """"... nine people had died. The siege of the mill began on Friday": the toll told first belongs to the
        incident the next sentence names; that naming is the event, the toll one mention of it."""
        ev["mentions"] = [{
            "start_char": prev["trigger"]["start_char"], "end_char": prev["trigger"]["end_char"],
            "type": prev["type"], "clause_start": prev["clause_start"], "clause_end": prev["clause_end"],
            "sent_start": prev["sent_start"], "sent_end": prev["sent_end"], "dates": [], "agrees": False,
            "rule": "toll-before-naming",
        }] + list(prev.get("mentions") or [])

    # -- the values a mention states of itself ------------------------------------------------------------------
    def own_values(self, head: Token, c_dates, c_places) -> tuple[list, list]:
        """The date and place mentions that describe this mention itself: the clause for a verb or an
        indefinite subject noun ("a parcel bomb went off outside a bank on Tuesday"); only the phrase for other
        nouns ("the raid in Tarsk in May" -- in "the raid was condemned on Friday" the date is the
        condemnation's). Dates governed by a reporting verb ("officials said on Monday") are never the incident's."""
        doc = head.doc
        gerund_noun = head.lower_.endswith("ing") and any(c.lower_ == "of" for c in head.rights)
        clause_level = (head.pos_ == "VERB" and not gerund_noun) or (
            head.dep_ in ("nsubj", "nsubjpass") and not self.tr.definite(head))
        if clause_level:
            return self.clause_values(head, c_dates, c_places)
        lo, hi = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
        # a relative clause says something else about the incident ("a raid that critics called a distraction
        # from the talks")
        holes = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in head.rights if c.dep_ == "relcl"]

        def mine(d: dict) -> bool:
            return _in(lo, hi, d) and not any(_in(a, b, d) for a, b in holes)

        return [d for d in c_dates if mine(d)] + self.dates_after(head, hi, c_dates), [p for p in c_places if mine(p)]

    def clause_values(self, head: Token, c_dates, c_places) -> tuple[list, list]:
        dates = [d for d in c_dates if not self.reported(head.doc, d)]
        if head.dep_ == "ccomp" and head.head.lemma_.lower() in self.reporting:
            # "The ministry said that 12 guards had been wounded": the reported clause only
            a, b = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
            return [d for d in dates if _in(a, b, d)], [p for p in c_places if _in(a, b, p)]
        return dates, c_places

    def dates_after(self, head: Token, hi: int, c_dates) -> list:
        """Dates right after a noun phrase that are its own: a counted one ("the raid two days earlier"; the parser
        often hangs it on the verb) and, after a subject, one set off by commas ("The raid, on 4 May 2011, left
        six dead")."""
        text = doc_text(head.doc)
        after = [d for d in c_dates if d.get("rule") == "offset-from-previous" and d["start_char"] >= hi
                 and not text[hi:d["start_char"]].strip()]
        if head.dep_ in ("nsubj", "nsubjpass"):
            after += [d for d in c_dates if d["start_char"] >= hi and d not in after
                      and _APPOSED_DATE.fullmatch(text[hi:d["start_char"]])
                      and text[d["end_char"]:d["end_char"] + 1] == ","]
        return after

    def reported(self, doc: Doc, d: dict) -> bool:
        span = doc.char_span(d["start_char"], d["end_char"], alignment_mode="expand")
        if span is None:
            return False
        tok = span.root
        for _ in range(self.limits["reported_steps"]):
            if tok.head is tok or (tok.pos_ in ("AUX", "VERB") and tok.dep_ in ("ccomp", "advcl", "relcl", "xcomp")):
                return False  # "March 2, a guard was stabbed ..., officials said": inside the reported clause
            tok = tok.head
            if tok.pos_ == "VERB":
                return tok.lemma_.lower() in self.reporting
        return False

    # -- spans ------------------------------------------------------------------------------------------------
    def event_span(self, tok: Token, lo: int, hi: int, date_spans: list[dict]) -> tuple[int, int]:
        """The phrase naming the incident: subject + verb + object/place for verbs, the noun phrase for nouns."""
        start_tok, right = self.span_parts(tok)
        end_tok = max([tok] + [c.right_edge for c in right], key=lambda t: t.i)
        start = max(start_tok.idx, lo)
        end = end_tok.idx + len(end_tok)
        doc = tok.doc
        for t in doc[tok.i + 1: end_tok.i + 1]:
            if t.text in self.cut_punct and not any(d["start_char"] <= t.idx < d["end_char"] for d in date_spans):
                end = t.idx
                break
        end = min(end, hi)
        # trim trailing spaces/punctuation
        text = doc_text(doc)
        while end > start and not text[end - 1].isalnum() and text[end - 1] not in ")\"”'’":
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        if end <= start or not (start <= tok.idx < end):
            start, end = tok.idx, max(end, tok.idx + len(tok))
        return start, end

    def span_parts(self, tok: Token) -> tuple[Token, list[Token]]:
        """The first token of the phrase and the dependents whose right edges may end it."""
        gerund_noun = tok.lower_.endswith("ing") and any(c.lower_ == "of" for c in tok.rights)
        args = ("dobj", "prep", "agent", "prt", "attr", "dative", "oprd")
        if tok.pos_ == "VERB" and not gerund_noun:
            subj = [c for c in children(tok) if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i]
            start_tok = subj[0].left_edge if subj else tok
            if tok.dep_ == "relcl" and subj and subj[0].lower_ in ("who", "which", "that"):  # "men who stormed X"
                start_tok = tok.head.left_edge
            return start_tok, [c for c in tok.rights if c.dep_ in args]
        if (tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ == "VERB" and not self.tr.definite(tok)
                and tok.head.lemma_.lower() not in self.tr.casualty_verbs):
            # "a parcel bomb went off outside a bank": the subject with its predicate
            return tok.left_edge, [c for c in tok.head.rights if c.dep_ in args]
        return tok.left_edge, [c for c in tok.rights if c.dep_ in ("prep", "acl", "compound", "amod", "nmod")]

    def actors(self, tok: Token) -> list[dict]:
        out = []

        def add(role: str, head: Token) -> None:
            if head.pos_ == "PRON":
                return
            s, e = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
            if e - s > self.limits["actor_max_chars"]:
                s, e = head.idx, head.idx + len(head)
            out.append({"role": role, "name": doc_text(tok.doc)[s:e], "start_char": s, "end_char": e})

        if tok.pos_ == "VERB":
            for c in children(tok):
                if c.dep_ == "nsubj" and tok.tag_ != "VB":
                    add("perpetrator", c)
                elif c.dep_ == "agent":
                    for g in children(c):
                        if g.dep_ == "pobj":
                            add("perpetrator", g)
        else:
            for c in tok.lefts:
                if c.dep_ == "poss" and c.ent_type_ not in ("DATE", "GPE", "LOC", "CARDINAL") and not c.like_num:
                    add("perpetrator", c)
        return out

    # -- link stages ------------------------------------------------------------------------------------------
    def set_annotations(self, doc: Doc, found: list[dict]) -> None:
        """The incidents on `doc._.cs_events`, then each link stage under its own guard (its own time budget):
        a link stage that fails leaves the keys it writes empty on every event, with a warning."""
        doc._.cs_events = found
        for pipe in self.linkers():
            stage = pipe.link_stage
            ok = guarded(doc, pipe.name, "link",
                         lambda stage=stage, lex=pipe.lexicon: stage.run(doc, found, lex) or True)
            if ok is None:
                unlink(found, stage.writes)
        for ev in found:
            ev["acled_event_type"], ev["acled_sub_event_type"] = self.acled.types(
                ev["type"], ev.get("subtype"), ev.get("target"))

    def linkers(self) -> list:
        """The components named in the config's `link`, in that order (resolved on first use, as the events
        component may be added before them)."""
        if self._linkers is None:
            missing = [n for n in self.link_names if n not in self.nlp.pipe_names]
            if missing:
                raise ValueError(f"{self.name}: link names components not in the pipeline: {missing}")
            pipes = [self.nlp.get_pipe(n) for n in self.link_names]
            bad = [n for n, p in zip(self.link_names, pipes) if getattr(p, "link_stage", None) is None]
            if bad:
                raise ValueError(f"{self.name}: components without a link stage: {bad}")
            self._linkers = pipes
        return self._linkers


@Language.factory(
    "claimscope_events_v1",
    requires=["doc._.cs_dates", "doc._.cs_places", "doc._.cs_casualties", "doc._.cs_attributions"],
    assigns=["doc._.cs_events"],
    default_config={"lexicon": "lexicons/events.json", "link": list(LINK_ORDER), "acled": "acled_mapping.json"},
)
def make_events(nlp: Language, name: str, lexicon: str, link: list[str], acled: str) -> EventsExtractor:
    return EventsExtractor(nlp, name, lexicon, link, acled)
