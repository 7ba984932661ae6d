"""Trigger classes beyond violent incidents: political acts, takeovers, operations, displacement, abductions,
remote attacks named by their munition, and light-verb phrases. Each `add_*` method adds named rows to the
trigger table of `triggers.Triggers` (the first row whose condition holds decides); the word classes are data
(models/lexicons/events.json: `political`, `operations`, `displacement`, `munition_subjects`, `light_verbs`,
`kidnap_verbs`).

A row's action returns (type, strength) or (type, strength, subtype). Political acts are `political` with a
subtype (decree, law, emergency, ceasefire, agreement, summit, election, sanction, appointment, coup, takeover,
ban, talks, declaration, vote); nouns of acts are weak triggers (an act only with a date of its own).
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from pipeline.extract._doc import children

from pipeline.extract._rules import RuleTable

STRONG, WEAK = "strong", "weak"
PLACE_ENTS = ("GPE", "LOC", "FAC")


def _lem(tok: Token) -> str:
    return tok.lemma_.lower()


def _words(tok: Token) -> set[str]:
    """The lemma and form of a noun and of its compound modifiers ("rocket fire", "army troops")."""
    return {_lem(tok), tok.lower_} | {_lem(c) for c in children(tok) if c.dep_ == "compound"}


def _objects(tok: Token) -> list[Token]:
    """The verb's object, or its passive subject ("a decree was signed")."""
    return [c for c in children(tok) if c.dep_ in ("dobj", "nsubjpass")]


def _subjects(tok: Token) -> list[Token]:
    return [c for c in children(tok) if c.dep_ in ("nsubj", "nsubjpass")]


class KindRules:
    def __init__(self, lx: dict):
        pol = lx["political"]
        self.act_verbs = set(pol["act_verbs"])
        self.act_objects = pol["act_objects"]
        self.object_mods = pol["object_modifiers"]
        self.control_verbs = set(pol["control_verbs"])
        self.control_objects = set(pol["control_objects"])
        self.pol_verbs = pol["verbs"]
        self.person_verbs = pol["person_verbs"]
        self.offices = set(pol["person_objects"])
        self.particle_verbs = pol["particle_verbs"]
        self.pol_nouns = pol["nouns"]
        self.fall_verbs = set(pol["place_fall_verbs"])
        self.fall_nouns = pol["place_fall_nouns"]
        self.bodies = set(pol["body_vote_subjects"])
        self.takeover_verbs = set(pol["takeover_verbs"])
        self.takeover_objects = set(pol["takeover_objects"])
        ops, disp = lx["operations"], lx["displacement"]
        self.op_nouns = set(ops["nouns"])
        self.op_modified = set(ops["modified_nouns"])
        self.op_mods = set(ops["modifiers"]) | set(lx["operation_modifiers"])
        self.deploy_verbs = set(ops["deploy_verbs"])
        self.forces = set(ops["forces"])
        self.disp_verbs = set(disp["verbs"])
        self.disp_nouns = set(disp["nouns"])
        self.people = set(disp["people"])
        self.munition_verbs = set(lx["munition_subjects"]["verbs"])
        self.munitions = lx["munition_subjects"]["subjects"]
        air = lx["munition_subjects"]["aircraft"]
        self.aircraft, self.aircraft_verbs, self.air_type = set(air["subjects"]), set(air["verbs"]), air["type"]
        self.under_nouns = lx["light_verbs"]["under_nouns"]
        self.exchange_objects = set(lx["light_verbs"]["exchange_objects"])
        self.kidnap_verbs = set(lx["kidnap_verbs"]["verbs"])
        self.captives = set(lx["kidnap_verbs"]["people"])
        self._place_doc, self._place_starts = None, set()
        self.fleeing_not_displaced = set(disp["not_displaced"]) | set(lx["armed_actors"]) | set(lx["shooter_subjects"])

    # -- rows of the noun part of the trigger table -----------------------------------------------------------
    def add_noun_rows(self, r: RuleTable) -> None:
        # "the convoy came under fire", "the town came under heavy shelling"
        r.add("under-fire", lambda t: t.nounish and t.lemma in self.under_nouns and self._under(t.tok),
              lambda t: (self.under_nouns[t.lemma], STRONG))
        # "the fall of the city on 3 May", "the capture of the port"
        r.add("fall-of-place", lambda t: t.nounish and t.lemma in self.fall_nouns and self._of_place(t.tok),
              lambda t: ("political", WEAK, self.fall_nouns[t.lemma]))
        r.add("political-noun", lambda t: t.nounish and t.lemma in self.pol_nouns,
              lambda t: ("political", WEAK, self.pol_nouns[t.lemma]))
        r.add("operation-noun", lambda t: t.nounish and t.lemma in self.op_nouns, lambda t: ("operation", STRONG))
        r.add("operation-modified", lambda t: t.nounish and t.lemma in self.op_modified and any(
            c.lower_ in self.op_mods or _lem(c) in self.op_mods for c in t.tok.lefts), lambda t: ("operation", WEAK))
        r.add("displacement-noun", lambda t: t.nounish and t.lemma in self.disp_nouns,
              lambda t: ("displacement", WEAK))

    def _under(self, tok: Token) -> bool:
        return tok.dep_ == "pobj" and tok.head.lower_ == "under"

    def _of_place(self, tok: Token) -> bool:
        return any(c.lower_ == "of" and any(g.dep_ == "pobj" and self._is_place(g) for g in children(c))
                   for c in children(tok))

    def _is_place(self, tok: Token) -> bool:
        """A place entity, a place the places component found there, or a noun of a settlement or territory."""
        return tok.ent_type_ in PLACE_ENTS or _lem(tok) in self.takeover_objects or tok.idx in self._places(tok.doc)

    def _places(self, doc) -> set[int]:
        """The start offsets of the tokens inside the places component's values (once per doc)."""
        if self._place_doc is not doc:
            found = doc._.cs_places if doc.has_extension("cs_places") else None
            spans = [(p["start_char"], p["end_char"]) for p in found or [] if p.get("feature") != "facility"]
            self._place_starts = {t.idx for t in doc for a, b in spans if a <= t.idx < b}
            self._place_doc = doc
        return self._place_starts

    # -- rows of the verb part --------------------------------------------------------------------------------
    def add_verb_rows(self, r: RuleTable, verb) -> None:
        r.add("exchange-fire", lambda t: verb(t) and t.lemma == "exchange" and any(
            _lem(o) in self.exchange_objects for o in _objects(t.tok)), lambda t: ("clash", STRONG))
        # "shells struck a school", "warplanes pounded the market"
        r.add("munition-hits", lambda t: verb(t) and self._munition(t.tok) is not None,
              lambda t: (self._munition(t.tok), STRONG))
        # "gunmen seized twelve passengers", "took thirty workers hostage"
        r.add("seize-people", lambda t: verb(t) and t.lemma in self.kidnap_verbs and self._captives(t.tok),
              lambda t: ("kidnapping", STRONG))
        # "the army seized power", "the rebels took control of the valley"
        r.add("seize-control", lambda t: verb(t) and t.lemma in self.control_verbs and self._control(t.tok),
              lambda t: ("political", STRONG, self._control(t.tok)))
        r.add("political-particle", lambda t: verb(t) and self._particle(t) is not None,
              lambda t: ("political", STRONG, self._particle(t)))
        # "the junta declared martial law", "signed a ceasefire", "a decree was issued"
        r.add("political-act", lambda t: verb(t) and t.lemma in self.act_verbs and self._act_object(t.tok)
              is not None, lambda t: ("political", STRONG, self._act_object(t.tok)))
        # "the town fell on Sunday", "the port was taken", "rebels captured the district capital"
        r.add("takeover", lambda t: verb(t) and self._takeover(t), lambda t: ("political", STRONG, "takeover"))
        r.add("political-verb", lambda t: verb(t) and t.lemma in self.pol_verbs,
              lambda t: ("political", STRONG, self.pol_verbs[t.lemma]))
        r.add("political-person-verb", lambda t: verb(t) and t.lemma in self.person_verbs and self._office(t.tok),
              lambda t: ("political", STRONG, self.person_verbs[t.lemma]))
        r.add("body-vote", lambda t: verb(t) and t.lemma == "vote" and any(
            _words(s) & self.bodies for s in _subjects(t.tok)), lambda t: ("political", STRONG, "vote"))
        r.add("deploy-forces", lambda t: verb(t) and t.lemma in self.deploy_verbs and any(
            _words(o) & self.forces for o in _objects(t.tok)), lambda t: ("operation", STRONG))
        # "forced 300 families to flee", "thousands fled the town", "residents were displaced"
        r.add("forced-to-flee", lambda t: verb(t) and t.lemma in ("force", "compel", "drive") and any(
            c.dep_ in ("xcomp", "ccomp") and _lem(c) in self.disp_verbs for c in children(t.tok)),
            lambda t: ("displacement", STRONG))
        # "have been displaced since ...", "are displaced": a toll standing now, an aggregate
        r.add("people-flee", lambda t: verb(t) and t.lemma in self.disp_verbs and self._people(t.tok),
              lambda t: ("aggregate" if self._standing(t.tok) else "displacement", STRONG))

    @staticmethod
    def _standing(tok: Token) -> bool:
        """A present perfect or present passive ("have fled", "are displaced"): a state that holds now."""
        return any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBP", "VBZ") for c in children(tok))

    def _munition(self, tok: Token) -> Optional[str]:
        verb = _lem(tok)
        for s in (c for c in children(tok) if c.dep_ == "nsubj"):
            words = _words(s)
            if verb in self.aircraft_verbs and words & self.aircraft:
                return self.air_type
            hit = next((self.munitions[w] for w in sorted(words) if w in self.munitions), None)
            if hit and verb in self.munition_verbs:
                return hit
        return None

    def _captives(self, tok: Token) -> bool:
        objs = _objects(tok) + [c for c in children(tok) if c.dep_ in ("oprd", "ccomp", "xcomp")
                                and _lem(c) == "hostage"]
        if any(_lem(o) == "hostage" for o in objs):
            return True
        return any(_lem(o) in self.captives and o.ent_type_ not in PLACE_ENTS for o in _objects(tok)) or (
            tok.lemma_.lower() == "take" and any(c.dep_ == "advmod" and c.lower_ == "away" for c in children(tok))
            and any(o.tag_ in ("NNS", "NNPS") for o in _objects(tok)))

    def _control(self, tok: Token) -> Optional[str]:
        for o in (c for c in children(tok) if c.dep_ == "dobj"):
            if _lem(o) in self.control_objects:
                return "coup" if _lem(o) == "power" else "takeover"
        return None

    def _particle(self, t) -> Optional[str]:
        want = self.particle_verbs.get(t.lemma)
        if not want:
            return None
        ok = any(c.dep_ in ("prt", "advmod") and c.lower_ == want[0] and c.i == t.tok.i + 1 for c in children(t.tok))
        return want[1] if ok else None

    def _act_object(self, tok: Token) -> Optional[str]:
        """The subtype of the act's object: the object itself, or its "of" object ("a state of emergency",
        "three days of mourning"); the noun an act participle modifies counts too ("the charter adopted in
        May", "a truce signed last week")."""
        objs = _objects(tok) + ([tok.head] if tok.dep_ == "acl" and tok.tag_ == "VBN" else [])
        for o in objs:
            for target in [o] + [g for c in children(o) if c.lower_ == "of" for g in children(c) if g.dep_ == "pobj"]:
                sub = self.act_objects.get(_lem(target)) or self.act_objects.get(target.lower_)
                if sub:
                    mods = (self.object_mods[m.lower_] for m in children(target) if m.lower_ in self.object_mods)
                    return next(mods, sub)
        return None

    def _takeover(self, t) -> bool:
        tok = t.tok
        if t.lemma in self.fall_verbs and any(c.dep_ in ("nsubj", "nsubjpass") and self._is_place(c)
                                              and c.ent_type_ not in ("PERSON", "NORP") for c in children(tok)):
            # "the city fell", "the port was taken"; an object makes it another act ("X took part")
            return not any(c.dep_ == "dobj" for c in children(tok)) or t.lemma in ("surrender",)
        return t.lemma in self.takeover_verbs and any(c.dep_ == "dobj" and self._is_place(c) and c.ent_type_ not in (
            "PERSON", "NORP") for c in children(tok))

    def _office(self, tok: Token) -> bool:
        return any(o.ent_type_ == "PERSON" or _words(o) & self.offices for o in _objects(tok))

    def _people(self, tok: Token) -> bool:
        """People as subject of "fled" or passive subject of "were displaced": a noun of people, a plural or a
        number; not one person, a pronoun, or the attackers ("the gunmen fled")."""
        for s in _subjects(tok):
            if s.ent_type_ in ("PERSON", "ORG") or s.pos_ == "PRON":
                continue
            words = _words(s)
            if words & self.fleeing_not_displaced:
                continue
            if words & self.people or s.tag_ in ("NNS", "NNPS") or s.like_num:
                return True
        return False
