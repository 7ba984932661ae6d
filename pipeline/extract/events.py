"""Event extractor: one event per incident the article reports, then the other extractors' values linked to it.

How an incident is found (rules; word lists in models/lexicons/events.json):
1. Triggers: nouns ("attack", "clash", "riots", "undermining of ...") and verbs ("attacked", "was shot")
   mapped to an event type; "weak" triggers ("incident", "events", "operation") count only with
   a stated date or casualty figure in their clause.
2. Clauses: sentences split at top-level semicolons, so a list of incidents separated by ";" gives one
   event each. All triggers of one clause form one event (the first strong trigger names the type;
   casualty verbs such as "killed" name it only when nothing else does).
3. Not incidents: hypothetical or negated verbs ("could attack", "did not attack", "plans to attack"),
   generic plurals without a stated date or figure ("almost daily there are attacks"), and triggers
   without any evidence (no date, place or figure in the clause) unless they are past-tense verbs.
4. Back-references: a definite or weak mention ("the incident in Aktobe in June", "the events in
   December 2011") whose date and place agree with an event already found is the same incident,
   not a new one. A casualty-verb clause right after an event ("As a result, 20 people were killed")
   belongs to that event (linked by the casualties extractor), not to a new one.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline.extract import attribution, casualties, dates, places
from pipeline.extract._component import Component
from pipeline.extract._doc import meta, values

TYPE_TIERS = {"protest": 1, "strike": 1, "operation": 1, "incident": 0}
MODALS = {"will", "would", "could", "may", "might", "can", "should", "must", "shall"}
INTENT_HEADS = {"plan", "threaten", "try", "attempt", "intend", "want", "vow", "seek", "prepare", "prevent",
                "foil", "thwart", "aim", "hope", "fear", "warn", "call", "urge"}
CUT_PUNCT = {",", "(", ";", "—", "–", ":", "\n"}


def clauses(doc: Doc) -> list[tuple[int, int, Span]]:
    """(start_char, end_char, sentence) for each clause: sentences split at top-level ';'."""
    out = []
    for sent in doc.sents:
        depth, start = 0, sent.start_char
        for tok in sent:
            if tok.text == "(":
                depth += 1
            elif tok.text == ")":
                depth = max(0, depth - 1)
            elif tok.text == ";" and depth == 0:
                out.append((start, tok.idx, sent))
                start = tok.idx + 1
        out.append((start, sent.end_char, sent))
    return out


def _in(lo: int, hi: int, d: dict) -> bool:
    return d.get("start_char") is not None and lo <= d["start_char"] and d["end_char"] <= hi


class EventsExtractor(Component):
    ext = "cs_events"

    def __init__(self, nlp, name: str, lexicon: str):
        super().__init__(nlp, name, lexicon)
        lx = self.lexicon
        self.nouns = lx["nouns"]
        self.verbs = lx["verbs"]
        self.weak = lx["weak"]
        self.casualty_verbs = set(lx["casualty_verbs"])
        self.op_mods = set(lx["operation_modifiers"])
        self.generic = set(lx["generic_modifiers"])
        self.backref = set(lx["backref_determiners"])

    # -- triggers -------------------------------------------------------------------------------------------
    def trigger(self, tok: Token) -> tuple[str, str] | None:
        """(type, strength) for a trigger token: strength is strong | weak | casualty."""
        low, lemma = tok.lower_, tok.lemma_.lower()
        gerund_noun = low.endswith("ing") and tok.pos_ == "VERB" and any(c.lower_ == "of" for c in tok.rights)
        if tok.pos_ in ("NOUN", "PROPN") or gerund_noun:
            for key in (low, lemma):
                if key in self.weak:
                    if key == "operation" and not any(c.lower_ in self.op_mods for c in tok.lefts):
                        return None
                    if key == "strike" and any(c.lower_ in ("air", "drone", "missile") for c in tok.lefts):
                        return "airstrike", "strong"
                    return self.weak[key], "weak"
                if key in self.nouns:
                    return self.nouns[key], "strong"
            return None
        if tok.pos_ == "VERB":
            if lemma == "blow" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children):
                return None
            if lemma == "fire" and tok.dep_ == "amod":
                return None
            if lemma == "open" and any(c.lower_ == "fire" and c.dep_ == "dobj" for c in tok.children):
                return "shooting", "strong"
            if lemma in self.verbs:
                return self.verbs[lemma], "casualty" if lemma in self.casualty_verbs else "strong"
        return None

    def hypothetical(self, tok: Token) -> bool:
        """Modal, negated, intended or prevented actions are not incidents ("did not have ... riots")."""
        # negation of a governing verb, unless the trigger is (inside) its subject: "the attack did not ..."
        node = tok
        for _ in range(8):
            if node.dep_ in ("nsubj", "nsubjpass", "csubj") or node.head is node:
                break
            node = node.head
            if node.pos_ in ("VERB", "AUX") and any(c.dep_ == "neg" for c in node.children):
                return True
        if tok.pos_ != "VERB":
            return False
        for c in tok.children:
            if c.dep_ == "neg" or (c.dep_ == "aux" and c.lemma_.lower() in MODALS):
                return True
        head = tok.head
        if tok.dep_ in ("xcomp", "ccomp", "advcl") and head.lemma_.lower() in INTENT_HEADS:
            return True
        if tok.tag_ in ("VB", "VBG") and tok.dep_ == "xcomp":
            return True
        return False

    def generic_plural(self, tok: Token) -> bool:
        if tok.tag_ not in ("NNS", "NNPS"):
            return False
        mods = {c.lower_ for c in tok.lefts}
        has_det = any(c.dep_ in ("det", "poss") for c in tok.lefts)
        return bool(mods & self.generic) or not has_det

    # -- spans ------------------------------------------------------------------------------------------------
    def event_span(self, tok: Token, lo: int, hi: int, date_spans: list[dict]) -> tuple[int, int]:
        """The phrase naming the incident: subject + verb + object/place for verbs, the noun phrase for nouns."""
        gerund_noun = tok.lower_.endswith("ing") and any(c.lower_ == "of" for c in tok.rights)
        if tok.pos_ == "VERB" and not gerund_noun:
            subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
            start_tok = subj[0].left_edge if subj else tok
            right = [c for c in tok.rights if c.dep_ in ("dobj", "prep", "agent", "prt", "attr", "dative", "oprd")]
        else:
            start_tok = tok.left_edge
            right = [c for c in tok.rights if c.dep_ in ("prep", "acl", "compound", "amod", "nmod")]
        end_tok = max([tok] + [c.right_edge for c in right], key=lambda t: t.i)
        start = max(start_tok.idx, lo)
        end = end_tok.idx + len(end_tok)
        doc = tok.doc
        for t in doc[tok.i + 1: end_tok.i + 1]:
            if t.text in CUT_PUNCT and not any(d["start_char"] <= t.idx < d["end_char"] for d in date_spans):
                end = t.idx
                break
        end = min(end, hi)
        # trim trailing spaces/punctuation
        text = doc.text
        while end > start and not text[end - 1].isalnum() and text[end - 1] not in ")\"”'’":
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        return start, max(end, tok.idx + len(tok))

    def actors(self, tok: Token) -> list[dict]:
        out = []

        def add(role: str, head: Token) -> None:
            if head.pos_ == "PRON":
                return
            s, e = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
            if e - s > 80:
                s, e = head.idx, head.idx + len(head)
            out.append({"role": role, "name": tok.doc.text[s:e], "start_char": s, "end_char": e})

        if tok.pos_ == "VERB":
            for c in tok.children:
                if c.dep_ == "nsubj" and tok.tag_ != "VB":
                    add("perpetrator", c)
                elif c.dep_ == "agent":
                    for g in c.children:
                        if g.dep_ == "pobj":
                            add("perpetrator", g)
        else:
            for c in tok.lefts:
                if c.dep_ == "poss" and c.ent_type_ not in ("DATE", "GPE", "LOC", "CARDINAL") and not c.like_num:
                    add("perpetrator", c)
        return out

    # -- find -------------------------------------------------------------------------------------------------
    def phrase_start(self, tok: Token) -> int:
        if tok.pos_ == "VERB":
            subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
            return subj[0].left_edge.idx if subj else tok.idx
        return tok.left_edge.idx

    def groups(self, found: list[tuple], lo: int, hi: int, evidence: list[dict]) -> list[dict]:
        """Split a clause's triggers into incidents: a trigger opens a new group when it is outside the first
        trigger's phrase and has a date or place of its own before the next trigger."""
        groups: list[dict] = []
        for k, (t, typ, strength) in enumerate(found):
            start = max(self.phrase_start(t), lo)
            nxt = found[k + 1][0].idx if k + 1 < len(found) else hi
            if groups:
                first = groups[-1]["toks"][0][0]
                inside = first.left_edge.i <= t.i <= first.right_edge.i
                own = any(start <= d["start_char"] < max(nxt, t.idx + 1) for d in evidence)
                if strength == "casualty" or inside or not own:
                    groups[-1]["toks"].append((t, typ, strength))
                    continue
            groups.append({"start": start if groups else lo, "toks": [(t, typ, strength)]})
        # a weak mention ("the events were:", "an incident ..., when militants attacked") introduces the next one
        merged: list[dict] = []
        for g in groups:
            if merged and all(s == "weak" for _, _, s in merged[-1]["toks"]) and any(s == "strong" for _, _, s in g["toks"]):
                merged[-1]["toks"].extend(g["toks"])
            else:
                merged.append(g)
        for i, g in enumerate(merged):
            g["end"] = merged[i + 1]["start"] if i + 1 < len(merged) else hi
        return merged

    def find(self, doc: Doc) -> list[dict]:
        all_dates = [d for d in values(doc, "cs_dates") if d.get("start_char") is not None]
        dateline = meta(doc).get("dateline")
        stated = [d for d in all_dates if not (dateline and d["start_char"] >= dateline[0] and d["end_char"] <= dateline[1])]
        all_places = values(doc, "cs_places")
        all_cas = values(doc, "cs_casualties")
        events: list[dict] = []
        for lo, hi, sent in clauses(doc):
            found = []
            for t in sent:
                if lo <= t.idx < hi:
                    trig = self.trigger(t)
                    if trig and not self.hypothetical(t):
                        found.append((t, *trig))
            if not found:
                continue
            for g in self.groups(found, lo, hi, stated + all_places):
                cand = self.candidate(doc, g, sent, stated, all_dates, all_places, all_cas, events)
                if cand:
                    events.append(cand)
        return events

    def candidate(self, doc, g, sent, stated, all_dates, all_places, all_cas, events) -> dict | None:
        lo, hi = g["start"], g["end"]
        c_dates = [d for d in stated if _in(lo, hi, d)]
        c_places = [p for p in all_places if _in(lo, hi, p)]
        c_cas = [c for c in all_cas if _in(lo, hi, c)]
        strong = [(t, ty) for t, ty, s in g["toks"] if s == "strong"]
        weak = [(t, ty) for t, ty, s in g["toks"] if s == "weak"]
        cas_only = [(t, ty) for t, ty, s in g["toks"] if s == "casualty"]
        if strong:
            kept = []
            for t, typ in strong:
                sub_lo, sub_hi = t.left_edge.idx, t.right_edge.idx + len(t.right_edge)
                if t.pos_ != "VERB" and self.generic_plural(t):
                    own = [d for d in stated + all_cas if _in(sub_lo, sub_hi, d)
                           and d.get("granularity", "day") not in ("year", "decade", "century")]
                    if not own:
                        continue
                evidence = c_dates or c_places or c_cas or (t.pos_ == "VERB" and t.tag_ in ("VBD", "VBN"))
                if evidence:
                    kept.append((t, typ))
            if not kept:
                return None
            best = max(TYPE_TIERS.get(ty, 2) for _, ty in kept)
            head, typ = next((t, ty) for t, ty in kept if TYPE_TIERS.get(ty, 2) == best)
        elif weak:
            head, typ = weak[0]
            if self.generic_plural(head) and head.lower_ != "events":
                return None
            if not (c_dates or c_cas) or all(d.get("granularity") in ("year", "decade", "century") for d in c_dates) and not c_cas:
                return None
        else:
            # casualty verbs alone open an event only when none was found in this or the previous sentence
            if events and events[-1]["sent_start"] >= previous_sentence_start(sent):
                return None
            if not (c_cas or c_dates or c_places):
                return None
            head, typ = cas_only[0]
        if self.refers_back(head, typ, c_dates, c_places, c_cas, events, all_places):
            return None
        s, e = self.event_span(head, lo, hi, all_dates)
        return {
            "start_char": s, "end_char": e, "type": typ,
            "trigger": {"start_char": head.idx, "end_char": head.idx + len(head), "text": head.text},
            "sent_start": sent.start_char, "sent_end": sent.end_char, "clause_start": lo, "clause_end": hi,
            "date": None, "places": [], "casualties": [], "actors": self.actors(head), "attribution_idxs": [],
        }

    def refers_back(self, head: Token, typ: str, c_dates, c_places, c_cas, events: list[dict], all_places) -> bool:
        """A definite or weak mention that agrees in date or place with an earlier event is that event.

        "As a result of the incident, 20 people were killed": no date or place of its own -> the figures
        belong to the event before (linked by the casualties extractor)."""
        if not events:
            return False
        dets = {c.lower_ for c in head.lefts if c.dep_ in ("det", "poss")}
        weakish = typ in ("incident", "operation")
        if not (dets & self.backref or weakish):
            return False
        if not c_dates and not c_places:
            return weakish or not c_cas
        if c_cas and not weakish:
            return False
        mine = {_place_key(p) for p in c_places}
        for ev in events:
            lo, hi = ev["clause_start"], ev["clause_end"]
            ev_dates = [d for d in values(head.doc, "cs_dates") if _in(lo, hi, d)]
            ev_places = [p for p in all_places if _in(lo, hi, p)]
            date_agrees = bool(c_dates) and any(_overlap(a, b) for a in c_dates for b in ev_dates)
            place_agrees = bool(mine & {_place_key(p) for p in ev_places}) or _same_country(c_places, ev_places)
            if (date_agrees or not c_dates) and (place_agrees or not c_places):
                return True
        return False

    def set_annotations(self, doc: Doc, found: list[dict]) -> None:
        doc._.cs_events = found
        for linker in (casualties.link, dates.link, places.link, attribution.link):
            linker(doc, found)


def previous_sentence_start(sent: Span) -> int:
    """Start of the sentence before `sent` (events from there on count as 'the previous sentence')."""
    doc = sent.doc
    if sent.start == 0:
        return sent.start_char
    prev = doc[sent.start - 1].sent
    return prev.start_char


def _overlap(a: dict, b: dict) -> bool:
    if not (a.get("start") and b.get("start")):
        return False
    return a["start"] <= (b.get("end") or b["start"]) and b["start"] <= (a.get("end") or a["start"])


def _place_key(p: dict):
    return p.get("geonameid") or p["name"].lower()


def _same_country(c_places: list[dict], ev_places: list[dict]) -> bool:
    """A country-level mention ("the events in Kazakhstan") agrees with any event in that country."""
    mine = {p.get("country") for p in c_places if p.get("country")}
    theirs = {p.get("country") for p in ev_places if p.get("country")}
    only_countries = all(p.get("feature") == "country" for p in c_places)
    return bool(mine & theirs) and only_countries


@Language.factory(
    "claimscope_events_v1",
    requires=["doc._.cs_dates", "doc._.cs_places", "doc._.cs_casualties", "doc._.cs_attributions"],
    assigns=["doc._.cs_events"],
    default_config={"lexicon": "lexicons/events.json"},
)
def make_events(nlp: Language, name: str, lexicon: str) -> EventsExtractor:
    return EventsExtractor(nlp, name, lexicon)
