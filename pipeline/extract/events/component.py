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
4. One incident, many sentences (`same_incident`): a mention without a date or place of its own
   ("The attackers fired ...", "As a result, 20 people were killed") continues the incident before it;
   one whose date and place agree with an earlier incident ("the incident in Aktobe in June") is that
   incident; a new incident needs its own differing date or place, or a marker ("another attack").
   Casualty-only clauses that sum up ("in all", "have been killed since", a whole year or country) are
   running totals, not incidents.
   A date counted from the incident just told ("the next day", "later that morning") makes a casualty or
   definite mention part of it ("he died of his wounds the next day") and another act a new incident ("Later
   that morning a suicide bomber blew himself up"); one counted back ("the air strike a week earlier") is an
   earlier incident. A mention judged to be an incident already found is kept on that event as
   `ev["mentions"]` ({start_char, end_char, type, clause/sentence bounds, dates: its stated, non-reported
   date spans}) so that `dates.link` can date an undated lead by it; `ev["triggers"]` lists the (start, end)
   of all trigger words of the event.
5. The dateline and headline are skipped: the body states each incident in full.
6. Also incidents: territorial acts ("the insurgents entered the city", "rebels captured the town": an armed
   actor as subject or a settlement/base as object), hyphenated trigger nouns ("shoot-out"), past-perfect
   acts ("had detained four suspects"). Not incidents: purposes ("the offensive to retake Mosul"), present-tense
   definitions under a generic plural ("incidents in which four or more people are shot"), triggers under a
   noun with "no" ("no figure for its own wounded"), ordinal victims ("a tenth victim was identified").
7. Types: "ambush" and "massacre" are their own; a killing of villagers/passengers or an attack on villages is a
   massacre, a killing by gunmen a shooting (and, with its agent, an incident of its own: "since 2015, when a gunman
   killed ..."); compound modifiers name the incident ("mortar rounds landed", "a drone strike"); seizing weapons or
   cash is part of an arrest, not an attack. Not incidents: superlative comparisons ("the deadliest attack in X
   since 2017", "one of the deadliest attacks"), a definite incident counted from ("two days before the ambush"),
   the wounded as people ("fly the wounded to Nairobi"), acts dated only by decades ("in the 1990s the group seized
   tourists"). Pronoun acts count when the sentence names their antecedents ("the insurgents entered the city a
   year after they had briefly captured it").
8. A toll told before the incident is named ("... at least 21 people had been killed. The assault on the Hayat
   Hotel began on Friday") is one incident: the definite naming in the next sentence is the event, the toll a
   mention of it. A definite mention with the same trigger word and name ("The Marawi siege" after "the siege of
   Marawi") is that incident; such mentions, and those whose place or day agrees, carry `agrees` so that
   `dates.link` may date the incident by them however far they come. A date set off by commas after a definite
   subject ("That attack, on January 27, 2019, killed 23") is the subject's own.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline.extract.attribution import component as attribution
from pipeline.extract.casualties import component as casualties
from pipeline.extract.dates import component as dates
from pipeline.extract.places import component as places
from pipeline.extract._component import Component
from pipeline.extract._doc import doc_text, meta, values

TYPE_TIERS = {"protest": 1, "strike": 1, "operation": 1, "incident": 0}
MODALS = {"will", "would", "could", "may", "might", "can", "should", "must", "shall"}
INTENT_HEADS = {"plan", "threaten", "try", "attempt", "intend", "want", "vow", "seek", "prepare", "prevent",
                "foil", "thwart", "aim", "hope", "fear", "warn", "call", "urge"}
CUT_PUNCT = {",", "(", ";", "—", "–", ":", "\n"}


def clauses(doc: Doc) -> list[tuple[int, int, Span]]:
    """(start_char, end_char, sentence) for each clause: sentences split at top-level ';'."""
    out = []
    text = doc_text(doc)
    for sent in doc.sents:
        depth, start = 0, sent.start_char
        if ";" not in text[sent.start_char:sent.end_char]:
            out.append((start, sent.end_char, sent))  # no semicolon: one clause (the loop below would agree)
            continue
        for tok in sent:
            if tok.text == "(":
                depth += 1
            elif tok.text == ")":
                depth = max(0, depth - 1)
            elif tok.text == ";" and (depth == 0 or self_contained_list(sent, tok)):
                out.append((start, tok.idx, sent))
                start = tok.idx + 1
        out.append((start, sent.end_char, sent))
    return out


def self_contained_list(sent: Span, semi: Token) -> bool:
    """A semicolon inside a parenthesis separates list items when the parenthesis is long ("(including the
    strike of December 16, 2011 in X; protests against the Land Code in April, and so on)"), not when it
    holds short figures ("(four killed; 18 injured)")."""
    doc = sent.doc
    open_i = next((t.i for t in reversed(doc[sent.start:semi.i]) if t.text == "("), None)
    close_i = next((t.i for t in doc[semi.i:sent.end] if t.text == ")"), None)
    return open_i is not None and close_i is not None and close_i - open_i > 25


def headline_end(doc: Doc) -> int:
    """End offset of the dateline and headline block: incidents are taken from the body, where they are
    stated in full (a headline repeats one). The headline is `cs_meta["title"]` when it opens the text, else
    each short line without final punctuation before the first paragraph."""
    m = meta(doc)
    text = doc_text(doc)
    end = 0
    dl = m.get("dateline")
    if dl:
        end = dl[1]
    title = (m.get("title") or "").strip()
    if title:
        i = text.find(title, end, end + 400)
        if i >= 0:
            return i + len(title)
    pos = end
    while True:
        while pos < len(text) and text[pos] in " \t\r\n\u00a0":
            pos += 1
        nl = text.find("\n", pos)
        line = text[pos: nl if nl >= 0 else len(text)].strip()
        if not line or nl < 0 or len(line) > 160 or line[-1] in ".!?\"”" or pos > 600:
            return end
        end = pos + len(line)
        pos = nl + 1


def _in(lo: int, hi: int, d: dict) -> bool:
    return d.get("start_char") is not None and lo <= d["start_char"] and d["end_char"] <= hi


# the components whose values are linked to events, in order (casualties first: dates and places use the figures)
LINK_ORDER = ("claimscope_casualties", "claimscope_dates", "claimscope_places", "claimscope_attribution")


class EventsExtractor(Component):
    ext = "cs_events"

    def __init__(self, nlp, name: str, lexicon: str, link: list[str]):
        super().__init__(nlp, name, lexicon)
        self.nlp = nlp
        self.link_names = list(link)
        self._linkers = None
        lx = self.lexicon
        self.nouns = lx["nouns"]
        self.verbs = lx["verbs"]
        self.weak = lx["weak"]
        self.casualty_verbs = set(lx["casualty_verbs"])
        self.op_mods = set(lx["operation_modifiers"])
        self.generic = set(lx["generic_modifiers"])
        self.backref = set(lx["backref_determiners"])
        self.aggregate = [c.split() for c in lx.get("aggregate_cues", [])]
        self.distinct = set(lx.get("distinct_markers", []))
        self.reporting = set(lx.get("reporting_verbs", []))
        self.frequency = set(lx.get("frequency_adverbs", []))
        self.territorial = lx.get("territorial_verbs", {})
        self.armed = set(lx.get("armed_actors", []))
        self.territory = set(lx.get("territorial_objects", []))
        self.person_objects = set(lx.get("person_objects", []))
        self.casualty_types = {self.verbs[v] for v in self.casualty_verbs if v in self.verbs} - {"attack"} | {"incident"}
        self.compound_triggers = lx.get("compound_triggers", {})
        self.compound_heads = set(lx.get("compound_heads", []))
        self.civilian_victims = set(lx.get("civilian_victims", []))
        self.settlement_victims = set(lx.get("settlement_victims", []))
        self.shooter_subjects = set(lx.get("shooter_subjects", []))
        self.materiel = set(lx.get("materiel_objects", []))
        self.comparison_mods = set(lx.get("comparison_modifiers", []))
        self.reference_units = set(lx.get("reference_units", []))

    # -- triggers -------------------------------------------------------------------------------------------
    def trigger(self, tok: Token) -> tuple[str, str] | None:
        """(type, strength) for a trigger token: strength is strong | weak | casualty."""
        low, lemma = tok.lower_, tok.lemma_.lower()
        if tok.dep_ == "compound" and lemma in self.compound_triggers and tok.head.lemma_.lower() in self.compound_heads:
            # "mortar rounds landed near the airport", "a drone strike": the modifier names the incident
            if self.comparison(tok.head) or self.reference_point(tok.head):
                return None
            return self.compound_triggers[lemma], "strong"
        if tok.dep_ == "compound" or (tok.dep_ == "amod" and tok.pos_ != "VERB"):
            return None
        gerund_noun = low.endswith("ing") and tok.pos_ == "VERB" and any(c.lower_ == "of" for c in tok.rights)
        if tok.pos_ in ("NOUN", "PROPN") or gerund_noun:
            keys = (low, lemma)
            doc = tok.doc
            if tok.i >= 2 and doc[tok.i - 1].text in ("-", "\u2010", "\u2011") and not doc[tok.i - 2].whitespace_ \
                    and not doc[tok.i - 1].whitespace_:
                # "shoot-out", "stand-off": spaCy splits the hyphenated noun; the whole word is the trigger
                keys = (doc[tok.i - 2].lower_ + "-" + low, doc[tok.i - 2].lower_ + "-" + lemma) + keys
            if not any(key in self.weak or key in self.nouns for key in keys):
                return None  # (before the costlier checks below: most nouns are no trigger)
            if self.comparison(tok) or self.reference_point(tok):
                return None
            for key in keys:
                if key in self.weak:
                    if key == "operation" and not any(c.lower_ in self.op_mods for c in tok.lefts):
                        return None
                    if key == "strike" and any(c.lower_ in ("air", "drone", "missile") for c in tok.lefts):
                        return "airstrike", "strong"
                    return self.weak[key], "weak"
                if key in self.nouns:
                    typ = self.nouns[key]
                    if typ == "attack" and self.on_settlement(tok):
                        typ = "massacre"  # "an attack on the village of X"
                    return typ, "strong"
            return None
        if tok.pos_ == "VERB":
            if lemma == "blow" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children):
                return None
            if lemma == "fire" and tok.dep_ == "amod":
                return None
            if lemma == "open" and any(c.lower_ == "fire" and c.dep_ == "dobj" for c in tok.children):
                return ("attack" if self.at_post(tok) else "shooting"), "strong"
            if lemma in ("seize", "capture") and any(
                    c.dep_ == "dobj" and (c.lemma_.lower() in self.materiel or c.lower_ in self.materiel) for c in tok.children):
                return None  # "seized 40 rifles and cash": part of an arrest or raid, not an attack
            if lemma in self.casualty_verbs and any(c.dep_ == "det" for c in tok.children):
                return None  # "offered to fly the wounded to Nairobi": the wounded people, not an act
            if lemma in self.verbs:
                typ = self.verbs[lemma]
                if typ in ("killing", "attack"):
                    typ = self.killing_type(tok, typ)
                    if typ != self.verbs[lemma] and typ in ("shooting", "massacre") and self.agent(tok) is not None:
                        # "when a gunman killed a film director", "gunmen killed about 100 villagers": the killing
                        # names the act by its agent or victims, an incident of its own
                        return typ, "strong"
                return typ, "casualty" if lemma in self.casualty_verbs else "strong"
            if lemma in self.territorial and self.territorial_act(tok):
                return self.territorial[lemma], "strong"
        return None

    def comparison(self, tok: Token) -> bool:
        """'the deadliest attack in Mogadishu since 2017', 'one of the deadliest attacks on the security forces':
        a superlative that compares an incident told elsewhere with others is not an incident."""
        if not any(c.dep_ == "amod" and (c.tag_ == "JJS" or c.lower_ in self.comparison_mods) for c in tok.lefts):
            return False
        head = tok.head
        return tok.dep_ == "attr" or (head.lower_ == "of" and head.head.lower_ == "one") or any(
            t.lower_ == "since" for t in tok.subtree)

    def reference_point(self, tok: Token) -> bool:
        """'Two days before the ambush, a drone ...', 'a week after the attack': a definite incident counted
        from is the reference point of a date, not the incident of its clause."""
        head = tok.head
        if tok.dep_ != "pobj" or head.lower_ not in ("before", "after", "following"):
            return False
        if not any(c.dep_ == "det" and c.lower_ in self.backref or c.dep_ == "poss" for c in tok.lefts):
            return False
        doc = tok.doc
        prev = doc[head.i - 1] if head.i > 0 else None
        return any(c.lower_ in self.reference_units for c in head.children) or (
            prev is not None and prev.lower_ in self.reference_units)

    def at_post(self, tok: Token) -> bool:
        """'gunmen opened fire on a traffic police checkpoint': fire on a post, base or building is an attack on it,
        fire on people a shooting."""
        objs = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "at") for g in c.children
                if g.dep_ == "pobj"]
        return any(o.lemma_.lower() in self.territory for o in objs)

    def on_settlement(self, tok: Token) -> bool:
        """'an attack on the village of X', 'gunmen attacked villages': an attack on a settlement's people."""
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        objs += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "on" for g in c.children if g.dep_ == "pobj"]
        return any(o.lemma_.lower() in self.settlement_victims or o.lower_ in self.settlement_victims for o in objs)

    def killing_type(self, tok: Token, typ: str) -> str:
        """A killing of villagers, herders or passengers is a massacre; a killing by gunmen a shooting;
        an attack on villages a massacre."""
        if typ == "attack":
            return "massacre" if self.on_settlement(tok) else typ
        if tok.lemma_.lower() not in ("kill", "murder", "massacre"):
            return typ
        objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        if any(o.lemma_.lower() in self.civilian_victims or o.lower_ in self.civilian_victims for o in objs):
            return "massacre"
        if tok.lemma_.lower() == "massacre":
            return "massacre"
        subj = self.agent(tok)
        if subj is not None and (subj.lemma_.lower() in self.shooter_subjects or subj.lower_ in self.shooter_subjects):
            return "shooting"
        return typ

    def agent(self, tok: Token) -> Token | None:
        """The active subject of a verb, through coordination ("armed men stopped vehicles ... and killed 58")."""
        verb = tok
        while verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            verb = verb.head
        return next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)

    def territorial_act(self, tok: Token) -> bool:
        """'the insurgents entered the city', 'rebels captured the town': an armed actor as subject (active
        voice) or a settlement, base or building as object."""
        if any(c.dep_ == "dobj" and (c.ent_type_ in ("PERSON", "NORP") or c.lemma_.lower() in self.person_objects
                                     or c.lower_ in self.person_objects) for c in tok.children):
            return False  # "troops captured a suspect": an arrest, not a territorial act
        # "the insurgents entered the city a year after they had briefly captured it": pronouns whose antecedents
        # (an armed actor, a settlement) stand earlier in the sentence
        before = [t for t in tok.sent if t.i < tok.i]
        armed_before = any(t.lemma_.lower() in self.armed and t.pos_ in ("NOUN", "PROPN") for t in before)
        place_before = any(t.pos_ in ("NOUN", "PROPN") and (t.lemma_.lower() in self.territory
                                                             or t.ent_type_ in ("GPE", "FAC")) for t in before)
        subj_pron = any(c.dep_ == "nsubj" and c.lower_ in ("they", "he", "she", "we") for c in tok.children)
        obj_pron = any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children)
        if subj_pron and obj_pron and armed_before and place_before:
            return True
        for c in tok.children:
            if c.dep_ == "nsubj" and c.lemma_.lower() in self.armed:
                return True
            if c.dep_ == "dobj" and c.lemma_.lower() in self.territory:
                return True
            if c.dep_ in ("dobj", "nsubjpass") and c.ent_type_ in ("GPE", "FAC"):
                return True
        return False

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
            if node.pos_ == "VERB":
                break
            if node.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "det" and c.lower_ == "no" for c in node.children):
                return True  # "no figure for its own wounded", "no reports of clashes"
        if any(c.lower_ in self.frequency for c in tok.children):
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
        if tok.dep_ == "relcl" and self.generic_plural(tok.head) and (tok.tag_ in ("VBP", "VBZ") or any(
                c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBP", "VBZ") for c in tok.children)):
            return True  # "incidents in which four or more people are shot": a definition, not an incident
        if tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            return True  # "the offensive to retake Mosul", "forces sent to attack the town": a purpose
        return False

    def generic_modified(self, tok: Token) -> bool:
        return any(c.lower_ in self.generic for c in tok.lefts)

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
            subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i]
            start_tok = subj[0].left_edge if subj else tok
            if tok.dep_ == "relcl" and subj and subj[0].lower_ in ("who", "which", "that"):  # "fighters who infiltrated X"
                start_tok = tok.head.left_edge
            right = [c for c in tok.rights if c.dep_ in ("dobj", "prep", "agent", "prt", "attr", "dative", "oprd")]
        elif (tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ == "VERB" and not self.definite(tok)
              and tok.head.lemma_.lower() not in self.casualty_verbs):
            # "a homemade bomb went off next to two police cars": the subject with its predicate
            start_tok = tok.left_edge
            verb = tok.head
            right = [c for c in verb.rights if c.dep_ in ("dobj", "prep", "agent", "prt", "attr", "dative", "oprd")]
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
        text = doc_text(doc)
        while end > start and not text[end - 1].isalnum() and text[end - 1] not in ")\"”'’":
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        if end <= start or not (start <= tok.idx < end):
            start, end = tok.idx, max(end, tok.idx + len(tok))
        return start, end

    def actors(self, tok: Token) -> list[dict]:
        out = []

        def add(role: str, head: Token) -> None:
            if head.pos_ == "PRON":
                return
            s, e = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
            if e - s > 80:
                s, e = head.idx, head.idx + len(head)
            out.append({"role": role, "name": doc_text(tok.doc)[s:e], "start_char": s, "end_char": e})

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
            subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i]
            return subj[0].left_edge.idx if subj else tok.idx
        return tok.left_edge.idx

    def groups(self, found: list[tuple], lo: int, hi: int, evidence: list[dict]) -> list[dict]:
        """Split a clause's triggers into incidents: a trigger opens a new group when it is outside the first
        trigger's phrase and has a date or place of its own before the next trigger."""
        groups: list[dict] = []
        for k, (t, typ, strength) in enumerate(found):
            start = max(self.phrase_start(t), lo)
            if k and t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ == "VERB":
                # "..., and on 19 January a blast ... caused no casualties": the subject's clause starts earlier
                start = max(min(start, t.head.left_edge.idx), found[k - 1][0].idx + 1, lo)
            # its stretch runs to the next trigger outside its own phrase ("the protests and riots in X ...")
            later = [f[0] for f in found[k + 1:] if not (t.left_edge.i <= f[0].i <= t.right_edge.i)]
            nxt = later[0].idx if later else hi
            if groups:
                members = [m for m, _, _ in groups[-1]["toks"]]
                # a subordinate clause with its own subject is another incident ("..., two years after a gunman
                # killed 26 in X"), unless it tells the circumstances of this one ("... were killed when gunmen
                # opened fire on a checkpoint")
                own_subject = t.pos_ == "VERB" and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children) and not any(
                    c.dep_ in ("advmod", "mark") and c.lower_ in ("when", "as", "while", "where") for c in t.children)
                first = members[0]
                # a noun's phrase holds its coordinated triggers ("protests and riots in X"); a verb's
                # whole subtree is the sentence, so only its direct dependents belong to it
                # "A gunman who opened fire ... killed seven people": a trigger inside this one's subject is its own
                subjects = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
                inside = (first.pos_ != "VERB" and first.left_edge.i <= t.i <= first.right_edge.i) or any(
                    m.head == t or (t.head == m and not own_subject) for m in members) or any(
                    c.left_edge.i <= m.i <= c.right_edge.i for c in subjects for m in members) or (
                    # "two militants were killed in a shoot-out": the incident in which the figure fell
                    t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.lower_ in ("in", "during")
                    and any(t.head.head == m and m.lemma_.lower() in self.casualty_verbs for m in members))
                own = any(start <= d["start_char"] < max(nxt, t.idx + 1) for d in evidence)
                # a casualty verb continues the incident ("..., killing five") unless it is a clause of
                # its own with an agent and its own place or date ("after a gunman killed 26 in X")
                agent = any(c.dep_ == "nsubj" and c.pos_ != "PRON" for c in t.children)
                if (strength == "casualty" and not (agent and own)) or inside or not own:
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
        body = headline_end(doc)
        for lo, hi, sent in clauses(doc):
            if hi <= body:
                continue
            lo = max(lo, body)
            found = []
            for t in sent:
                if lo <= t.idx < hi:
                    trig = self.trigger(t)
                    if trig and t.dep_ == "compound":
                        t = t.head  # "mortar rounds landed ...": the head noun stands for the incident
                    if trig and not self.hypothetical(t) and not any(f[0].i == t.i for f in found):
                        found.append((t, *trig))
            if not found:
                found = self.figure_triggers(doc, lo, hi, all_cas)
            if not found:
                continue
            for g in self.groups(found, lo, hi, stated + all_places):
                cand = self.candidate(doc, g, sent, stated, all_dates, all_places, all_cas, events)
                if cand:
                    events.append(cand)
        return events

    def figure_triggers(self, doc: Doc, lo: int, hi: int, all_cas: list[dict]) -> list[tuple]:
        """A clause with a killed/injured figure but no trigger word ("a dispute ... left four people dead")
        still reports an incident: the figure's head word stands in as a casualty trigger."""
        out = []
        for c in all_cas:
            if _in(lo, hi, c) and c.get("kind") in ("killed", "injured") and c.get("total", True):
                span = doc.char_span(c["start_char"], c["end_char"], alignment_mode="expand")
                if span is not None and any(t.ent_type_ == "ORDINAL" or _ORDINAL.fullmatch(t.lower_) for t in span):
                    continue  # "a tenth victim was identified on Monday": one more victim of a counted incident
                if span is not None:
                    out.append((span.root, "incident", "casualty"))
                    break
        return out

    def candidate(self, doc, g, sent, stated, all_dates, all_places, all_cas, events) -> dict | None:
        lo, hi = g["start"], g["end"]
        c_dates = [d for d in stated if _in(lo, hi, d)]
        c_places = [p for p in all_places if _in(lo, hi, p)]
        c_cas = [c for c in all_cas if _in(lo, hi, c)]
        strong = [(t, ty) for t, ty, s in g["toks"] if s == "strong"]
        weak = [(t, ty) for t, ty, s in g["toks"] if s == "weak"]
        cas_only = [(t, ty) for t, ty, s in g["toks"] if s == "casualty"]
        if c_dates and not c_cas and all(d.get("granularity") in ("decade", "century") for d in c_dates):
            return None  # "In the 1990s and 2000s the group seized tourists from resorts": a habit of decades
        if strong:
            kept = []
            for t, typ in strong:
                sub_lo, sub_hi = t.left_edge.idx, t.right_edge.idx + len(t.right_edge)
                if t.dep_ in ("nsubj", "nsubjpass") and t.head.tag_ in ("VBD", "VBN"):
                    sub_lo, sub_hi = lo, hi  # "Air strikes hit a market in X yesterday": the clause is the event
                if t.pos_ != "VERB" and self.generic_plural(t):
                    # a bare plural is an incident only with its own figure, date or town ("unauthorized
                    # protests in April and May"); with a generic modifier ("daily clashes") only with a
                    # day-level date or a figure
                    fine = ("day", "part_of_month") if self.generic_modified(t) else (
                        "day", "part_of_month", "month", "range", "week")
                    own = [d for d in stated if _in(sub_lo, sub_hi, d) and d.get("granularity") in fine]
                    own += [c for c in all_cas if _in(sub_lo, sub_hi, c)]
                    if not self.generic_modified(t):
                        own += [p for p in all_places if _in(sub_lo, sub_hi, p)
                                and p.get("feature") not in ("country", "admin_region", "region")]
                    if not own:
                        continue
                evidence = c_dates or c_places or c_cas or (t.pos_ == "VERB" and t.tag_ in ("VBD", "VBN"))
                if evidence:
                    kept.append((t, typ))
            if not kept:
                return None
            # the head is the mention that carries the incident's own date or place, else the most
            # violent one; its type is the most violent of it and its coordinated triggers ("protests and riots")
            carriers = [(t, ty) for t, ty in kept if any(self.own_values(t, c_dates, c_places))]
            best = max(TYPE_TIERS.get(ty, 2) for _, ty in kept)
            head, typ = carriers[0] if carriers else next((t, ty) for t, ty in kept if TYPE_TIERS.get(ty, 2) == best)
            for t, ty, _ in g["toks"]:
                if t.dep_ == "conj" and t.head == head and TYPE_TIERS.get(ty, 2) > TYPE_TIERS.get(typ, 2):
                    typ = ty
        elif weak:
            head, typ = weak[0]
            if self.generic_plural(head) and head.lower_ != "events":
                return None
            if not (c_dates or c_cas) or all(d.get("granularity") in ("year", "decade", "century") for d in c_dates) and not c_cas:
                return None
        else:
            head, typ = cas_only[0]
            if not (c_cas or c_dates or c_places) or self.running_total(head, lo, hi, sent, c_dates, c_places):
                return None
        own_dates, own_places = [], []
        describing = [x for x in g["toks"] if x[2] != "casualty"] or g["toks"]
        for t, _, _ in describing:
            d, p = self.own_values(t, c_dates, c_places)
            own_dates += [x for x in d if x not in own_dates]
            own_places += [x for x in p if x not in own_places]
        if not strong and not weak and head.pos_ != "VERB":
            # a figure standing in for the trigger ("a dispute over a road near X left four people dead"):
            # the clause describes the incident, not the figure's phrase
            own_dates = [d for d in c_dates if not self.reported(doc, d)]
            own_places = list(c_places)
        same = self.coreferent(head, typ, own_dates, own_places, bool(c_cas), sent, events, all_places)
        if same is not None:
            # one more mention of an incident already found: keep where it is, so that the linkers can use the
            # values it states (a lead "A teenager was shot ..." dated by "The shooting happened Wednesday")
            if 0 <= same < len(events):
                events[same].setdefault("mentions", []).append({
                    "start_char": head.idx, "end_char": head.idx + len(head), "type": typ,
                    "clause_start": lo, "clause_end": hi,
                    "sent_start": sent.start_char, "sent_end": sent.end_char,
                    "dates": [(d["start_char"], d["end_char"]) for d in c_dates if not self.reported(doc, d)],
                    # the mention names the incident's own place or day ("The Marawi siege, from May to October"):
                    # it is that incident however far from it
                    "agrees": self._agrees,
                })
            return None
        if typ == "bombing" and "suicide" in doc_text(doc)[lo:hi].lower():
            typ = "suicide_bombing"
        s, e = self.event_span(head, lo, hi, all_dates)
        ev = {
            "start_char": s, "end_char": e, "type": typ,
            "trigger": {"start_char": head.idx, "end_char": head.idx + len(head), "text": head.text},
            "triggers": [(t.idx, t.idx + len(t)) for t, _, _ in g["toks"]],
            "sent_start": sent.start_char, "sent_end": sent.end_char, "clause_start": lo, "clause_end": hi,
            "date": None, "places": [], "casualties": [], "actors": self.actors(head), "attribution_idxs": [],
        }
        if strong and self.names_toll(doc, head, own_places, events, sent):
            # "... 21 people had been killed. The assault on the Hayat Hotel began on Friday": the toll told first
            # belongs to the incident the next sentence names; that naming is the event, the toll one mention of it
            prev = events.pop()
            ev["mentions"] = [{
                "start_char": prev["trigger"]["start_char"], "end_char": prev["trigger"]["end_char"],
                "type": prev["type"], "clause_start": prev["clause_start"], "clause_end": prev["clause_end"],
                "sent_start": prev["sent_start"], "sent_end": prev["sent_end"], "dates": [], "agrees": False,
            }] + list(prev.get("mentions") or [])
        return ev

    def names_toll(self, doc: Doc, head: Token, own_places, events: list[dict], sent: Span) -> bool:
        """Is `head` ("The assault on the Hayat Hotel") the first naming of the incident whose toll the event just
        before reports without naming it ("... at least 21 people had been killed")? A definite trigger noun in
        the next sentence, no marker of another incident, no place of its own that differs."""
        if not events or head.pos_ == "VERB" or not self.definite(head):
            return False
        prev = events[-1]
        ptok = doc.char_span(prev["trigger"]["start_char"], prev["trigger"]["end_char"], alignment_mode="expand")
        if ptok is None or ptok.root.lemma_.lower() not in self.casualty_verbs and prev["type"] != "incident":
            return False
        if prev.get("sent_end") is None or sent.start_char < prev["sent_end"]:
            return False
        if doc_text(doc)[prev["sent_end"]:sent.start_char].strip():
            return False  # only the very next sentence
        if any(c.lower_ in self.distinct for c in head.lefts):
            return False
        lo, hi = prev["clause_start"], prev["clause_end"]
        # settlements only: a hotel or an airport says nothing against a city; the dateline's city is the report's
        broad = ("country", "admin_region", "region", "facility")
        theirs = {_place_key(p) for p in values(doc, "cs_places") if _in(lo, hi, p)
                  and p.get("feature") not in broad and not _dateline_place(doc, p)}
        mine = {_place_key(p) for p in own_places if p.get("feature") not in broad}
        return not (mine and theirs and not (mine & theirs))

    def running_total(self, head: Token, lo: int, hi: int, sent: Span, c_dates, c_places) -> bool:
        """A casualty-only clause that sums up rather than reports one incident: "in all", "have been killed
        since ...", a figure for a whole year, or for a whole country."""
        # a cue inside a stated day ("the 2nd of January this year") or a "since <date>, when ..." that tells the
        # incident compared with ("the deadliest shooting since 2015, when a gunman killed ...") sums nothing up
        days = [d for d in c_dates if d.get("granularity") == "day"]
        text = doc_text(sent.doc)
        words = [t.lower_ for t in sent if lo <= t.idx < hi and not any(_in(d["start_char"], d["end_char"], {
            "start_char": t.idx, "end_char": t.idx + len(t)}) for d in days)
                 and not (t.lower_ == "since" and _SINCE_WHEN.match(text, t.idx + len(t)) and head.idx > t.idx)]
        for cue in self.aggregate:
            if any(words[i:i + len(cue)] == cue for i in range(len(words))):
                return True
        if any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBP", "VBZ") for c in head.children):
            return True  # "have been killed since ...": a running total; "had detained" is one past act
        if c_dates and all(d.get("granularity") in ("year", "decade", "century", "range") and not d.get("relative")
                           for d in c_dates):
            return True
        located = [p for p in c_places if not _dateline_place(sent.doc, p)]
        # "killed in Syria", "across the country": the place is where the figure holds; "the Security Service of
        # Ukraine" names an organisation, not the figure's extent
        text = doc_text(sent.doc)
        whole = [p for p in located if _WHOLE.search(text[max(0, p["start_char"] - 30):p["start_char"]])]
        return bool(whole) and all(p.get("feature") in ("country", "region") for p in located)

    def own_values(self, head: Token, c_dates, c_places) -> tuple[list, list]:
        """The date and place mentions that describe this mention itself: the clause for a verb or an
        indefinite subject noun ("a car bomb exploded near a market on Friday"); only the phrase for other
        nouns ("the attack in Aktobe in June" -- in "the attack was claimed on Wednesday" the date is the
        claim's). Dates governed by a reporting verb ("police said on Sunday") are never the incident's."""
        doc = head.doc
        gerund_noun = head.lower_.endswith("ing") and any(c.lower_ == "of" for c in head.rights)
        clause_level = (head.pos_ == "VERB" and not gerund_noun) or (
            head.dep_ in ("nsubj", "nsubjpass") and not self.definite(head))
        if clause_level:
            dates = [d for d in c_dates if not self.reported(doc, d)]
            if head.dep_ == "ccomp" and head.head.lemma_.lower() in self.reporting:
                # "The government in Bamako said that 25 soldiers had been killed": the reported clause only
                a, b = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
                return [d for d in dates if _in(a, b, d)], [p for p in c_places if _in(a, b, p)]
            return dates, c_places
        lo, hi = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
        # a relative clause says something else about the incident ("an assault that officials described
        # as a diversion from the offensive on Mosul")
        holes = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in head.rights if c.dep_ == "relcl"]

        def mine(d: dict) -> bool:
            return _in(lo, hi, d) and not any(_in(a, b, d) for a, b in holes)

        # "the air strike a week earlier": a counted date right after the phrase dates it (the parser often
        # hangs it on the verb)
        after = [d for d in c_dates if d.get("rule") == "offset-from-previous" and d["start_char"] >= hi
                 and not doc_text(doc)[hi:d["start_char"]].strip()]
        # "That attack, on January 27, 2019, killed 23 people": a date set off by commas right after the subject
        if head.dep_ in ("nsubj", "nsubjpass"):
            after += [d for d in c_dates if d["start_char"] >= hi and d not in after
                      and _APPOSED_DATE.fullmatch(doc_text(doc)[hi:d["start_char"]])
                      and doc_text(doc)[d["end_char"]:d["end_char"] + 1] == ","]
        return [d for d in c_dates if mine(d)] + after, [p for p in c_places if mine(p)]

    def reported(self, doc: Doc, d: dict) -> bool:
        span = doc.char_span(d["start_char"], d["end_char"], alignment_mode="expand")
        if span is None:
            return False
        tok = span.root
        for _ in range(3):
            if tok.head is tok or (tok.pos_ in ("AUX", "VERB") and tok.dep_ in ("ccomp", "advcl", "relcl", "xcomp")):
                return False  # "Jan. 23, Taylor was shot ..., authorities said": inside the reported clause
            tok = tok.head
            if tok.pos_ == "VERB":
                return tok.lemma_.lower() in self.reporting
        return False

    def same_incident(self, head: Token, typ: str, own_dates, own_places, has_figures: bool, sent: Span,
                      events: list[dict], all_places) -> bool:
        return self.coreferent(head, typ, own_dates, own_places, has_figures, sent, events, all_places) is not None

    def coreferent(self, head: Token, typ: str, own_dates, own_places, has_figures: bool, sent: Span,
                   events: list[dict], all_places) -> int | None:
        """`same_incident` with the index of the incident it is (None for a new incident).

        Is this mention an incident already found? News and analysis describe one incident over several
        sentences ("Gunmen stormed a hotel ... The attackers fired ... Two guards died"), so a mention is a
        new incident only when it says so: its own date or place that differs from the earlier incidents,
        or a marker such as "another attack" / "a second blast". A mention whose date and place agree with
        an earlier incident ("the incident in Aktobe in June") is that incident. A date counted from the incident
        just told ("the next day", "later that morning") makes a casualty or definite mention part of it ("he died
        of his wounds the next day") and any other mention a new incident ("Later that morning a suicide bomber
        blew himself up ...")."""
        self._agrees = False
        if not events:
            return None
        # "another attack", "a separate group stormed ..."; but "another 9 were detained" is more people
        subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")] if typ not in self.casualty_types else []
        if any(c.lower_ in self.distinct for h in [head] + subj for c in h.lefts):
            return None
        doc = head.doc
        own_places = [p for p in own_places if not _offset(doc, p)]
        broad = [p for p in own_places if p.get("feature") in ("country", "admin_region", "region")]
        narrow = [p for p in own_places if p not in broad]
        casualty = typ in self.casualty_types or head.lemma_.lower() in self.casualty_verbs
        # a date counted from the incident just told ("the next day", "later that morning", "two days later");
        # one counted back ("the air strike a week earlier") is an earlier incident
        counted = [d for d in own_dates if d.get("rule") == "offset-from-previous"]
        if any((d.get("offset") or [0])[0] < 0 for d in counted):
            return None
        sequel = counted
        if own_dates and len(sequel) == len(own_dates) and not narrow:
            if casualty or self.definite(head):
                return len(events) - 1  # "he died of his wounds the next day": the same incident's toll
            return None  # "Later that morning a suicide bomber blew himself up ...": a sequel, a new incident
        if casualty and self.definite(head) and not narrow:
            return len(events) - 1  # "None of the wounded were in critical condition yesterday"
        if not own_dates and not narrow and not (broad and self.definite(head)):
            if has_figures and typ != "incident" and head.pos_ != "VERB" and not self.definite(head):
                return None  # "an explosion killed five": figures of its own, nothing refers back
            return self.kindred(typ, events)
        for k in range(len(events) - 1, -1, -1):
            ev = events[k]
            if typ != ev["type"] and typ in _DISTINCT_KINDS and ev["type"] in _DISTINCT_KINDS:
                continue  # "commandos raiding a position" and "the air strike" that followed: two acts, same day
            lo, hi = ev["clause_start"], ev["clause_end"]
            # a date counted from the previous one in the text ("later that morning") is only known once linked
            # ("three years after the siege of X": an offset from an unknown reference says nothing about the day)
            ev_dates = [d for d in values(doc, "cs_dates") if _in(lo, hi, d) and d.get("rule") != "offset-from-previous"
                        and (d.get("start") or not (d.get("rule") or "").startswith("offset"))]
            ev_places = [p for p in all_places if _in(lo, hi, p) and not _offset(doc, p)]
            date_agrees = any(_overlap(a, b) for a in own_dates for b in ev_dates)
            date_conflicts = bool(own_dates) and bool(ev_dates) and not date_agrees
            keys = {_place_key(p) for p in ev_places} | {p.get("name", "").lower() for p in ev_places}
            same_day = any(a.get("start") and (a.get("start"), a.get("end")) == (b.get("start"), b.get("end"))
                           for a in own_dates for b in ev_dates)
            # a country-level mention ("the events in Kazakhstan") agrees with an incident in that country
            # only when its date is the same: a country holds many incidents, and a period many days
            # ("protests in April and May" vs an attack on May 9 in the same country)
            place_agrees = any(_place_key(p) in keys or p["name"].lower() in keys for p in narrow) or (
                not narrow and _same_country(broad, ev_places) and (same_day or not own_dates))
            place_conflicts = bool(narrow) and bool([p for p in ev_places if p.get("feature") not in
                                                    ("country", "admin_region", "region")]) and not place_agrees
            # "The Marawi siege" after "the siege of Marawi": the same trigger word and the same name
            place_agrees = place_agrees or self.same_name(head, ev)
            if date_conflicts or place_conflicts:
                continue
            # a date that merely falls inside a longer period ("May 14" in "April and May") is not enough
            if place_agrees or same_day:
                self._agrees = True
                return k
        return None

    def kindred(self, typ: str, events: list[dict]) -> int:
        """The incident a mention without values of its own continues: the last one, unless that is another kind
        of act ("commandos raiding a position ... 30 civilians died in the bombing that followed": the bombing is
        the air strike told before the raid)."""
        last = len(events) - 1
        mine = _FAMILY.get(typ)
        theirs = _FAMILY.get(events[last]["type"])
        if events[last]["type"] not in _DISTINCT_KINDS or mine is None or mine == theirs:
            return last
        for k in range(last - 1, max(-1, last - 4), -1):
            if _FAMILY.get(events[k]["type"]) == mine:
                return k
        return last

    def same_name(self, head: Token, ev: dict) -> bool:
        """A definite mention whose trigger noun and a proper name in its phrase ("The Marawi siege") both occur in
        an earlier event's phrase ("the siege of Marawi")."""
        if head.pos_ == "VERB" or not self.definite(head):
            return False
        text = doc_text(head.doc)
        theirs = text[ev["start_char"]:ev["end_char"]]
        trig = (ev.get("trigger") or {}).get("text", "")
        if head.lemma_.lower()[:5] != trig.lower()[:5]:
            return False
        names = [t.text for t in head.subtree if t.pos_ == "PROPN" and len(t.text) > 2 and t.i != head.i]
        return any(re.search(r"\b" + re.escape(n) + r"\b", theirs) for n in names)

    def definite(self, head: Token) -> bool:
        return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in self.backref) for c in head.lefts)

    def set_annotations(self, doc: Doc, found: list[dict]) -> None:
        doc._.cs_events = found
        for pipe in self.linkers():
            pipe.link_stage.run(doc, found, pipe.lexicon)

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


def _overlap(a: dict, b: dict) -> bool:
    if not (a.get("start") and b.get("start")):
        return False
    return a["start"] <= (b.get("end") or b["start"]) and b["start"] <= (a.get("end") or a["start"])


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)|(?:fir|seco|thi|four|fif|six|seven|eigh|nin|ten|eleven|twelf)(?:st|nd|rd|th)")

# kinds of act that are never one another, even on the same day and at the same place
_DISTINCT_KINDS = {"raid", "airstrike", "arrest", "kidnapping", "protest", "strike", "shelling"}

# acts that a later definite mention of another word may name ("the bombing" for an air strike)
_FAMILY = {"airstrike": "air", "bombing": "air", "shelling": "air", "raid": "raid", "arrest": "arrest",
           "kidnapping": "kidnapping", "protest": "protest", "strike": "protest"}

_APPOSED_DATE = re.compile(r"\s*,\s*(?:on\s+|in\s+)?", re.I)

_SINCE_WHEN = re.compile(r"\s[^.;,]{1,40},\s+when\b", re.I)

_WHOLE = re.compile(r"\b(?:in|across|throughout|all\s+over|nationwide\s+in)\s+(?:the\s+)?$", re.I)

_OFFSET = re.compile(r"(?:\b(?:north|south|east|west)[\w-]*\s+of|\bkm\b[^.;]{0,30}|\bmiles?\b[^.;]{0,30}|\bfrom)"
                     r"\s+(?:the\s+)?$", re.I)


def _offset(doc: Doc, p: dict) -> bool:
    """A place used as a reference point ("40 km south of Kirkuk", "north-west of Kirkuk") is not where
    the incident happened."""
    if p.get("relation") == "from" or p.get("distance_km"):
        return True
    return bool(_OFFSET.search(doc_text(doc)[max(0, p["start_char"] - 40): p["start_char"]]))


def _dateline_place(doc: Doc, p: dict) -> bool:
    from pipeline.extract.places.component import _dateline

    return _dateline(doc_text(doc), p)


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
    default_config={"lexicon": "lexicons/events.json", "link": list(LINK_ORDER)},
)
def make_events(nlp: Language, name: str, lexicon: str, link: list[str]) -> EventsExtractor:
    return EventsExtractor(nlp, name, lexicon, link)
