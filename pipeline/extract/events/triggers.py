"""Trigger detection as rule tables: which token names an incident, of which type and strength.

`Triggers.trigger(tok)` runs `TRIGGER` rules in order (the first whose condition holds decides); the trigger
classes (nouns, verbs, weak nouns, casualty verbs, territorial verbs ...) are data in models/lexicons/events.json.
`Triggers.hypothetical(tok)` runs the `NOT_AN_INCIDENT` rules (modal, negated, intended, generic ...) and returns
the name of the rule that fired.

Strengths: "strong" (names an incident), "weak" ("incident", "operation": counts only with a stated date or
figure), "casualty" (a casualty verb: names the type only when nothing else does).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Token

from pipeline.extract._doc import child_deps, children
from pipeline.extract._rules import RuleTable
from pipeline.extract.events.kinds import KindRules

STRONG, WEAK, CASUALTY = "strong", "weak", "casualty"
# The trigger rules whose condition may hold for a token that is neither a noun nor a verb; every other rule
# needs `t.nounish` or a verb (tests/extract/events/test_trigger_rules.py checks it), so `trigger` answers such a
# token without running the table unless its lemma is a compound trigger ("modifier" only vetoes).
POS_FREE_RULES = ("compound-trigger", "modifier")
_NOUN_OR_VERB = frozenset(("NOUN", "PROPN", "VERB"))


@dataclass
class Tok:
    """A token with the features the trigger rules read (computed once per token)."""
    tok: Token
    low: str
    lemma: str
    nounish: bool  # a noun, or a gerund heading an "of" phrase ("the shelling of the bridge")
    key: str | None = None  # the lexicon key a noun matched (the hyphenated word first: "shoot-out")


class Triggers:
    def __init__(self, lx: dict):
        self.lx = lx
        self.nouns = lx["nouns"]
        self.verbs = lx["verbs"]
        self.weak = lx["weak"]
        self.casualty_verbs = set(lx["casualty_verbs"])
        self.victim_nouns = set(lx["victim_nouns"])
        self.op_mods = set(lx["operation_modifiers"])
        self.generic = set(lx["generic_modifiers"])
        self.backref = set(lx["backref_determiners"])
        self.frequency = set(lx.get("frequency_adverbs", []))
        self.territorial = lx.get("territorial_verbs", {})
        self.armed = set(lx.get("armed_actors", []))
        self.territory = set(lx.get("territorial_objects", []))
        self.person_objects = set(lx.get("person_objects", []))
        self.compound_triggers = lx.get("compound_triggers", {})
        self.compound_heads = set(lx.get("compound_heads", []))
        self.civilian_victims = set(lx.get("civilian_victims", []))
        self.settlement_victims = set(lx.get("settlement_victims", []))
        self.shooter_subjects = set(lx.get("shooter_subjects", []))
        self.materiel = set(lx.get("materiel_objects", []))
        self.comparison_mods = set(lx.get("comparison_modifiers", []))
        self.reference_units = set(lx.get("reference_units", []))
        self.modals = set(lx["modal_auxiliaries"])
        self.intent_heads = set(lx["intent_heads"])
        self.air_mods = set(lx["air_strike_modifiers"])
        self.verb_frames = {k: v for k, v in lx["verb_frames"].items() if not k.startswith("_")}
        self._frame_matcher: DependencyMatcher | None = None
        self._frame_doc: Doc | None = None
        self._frame_hits: dict[str, set[int]] = {}
        self.reference_preps = set(lx["reference_prepositions"])
        self.kill_verbs = set(lx["massacre_verbs"])
        self.materiel_verbs = set(lx["materiel_verbs"])
        self.governor_steps = lx["thresholds"]["governor_steps"]
        self.casualty_types = {self.verbs[v] for v in self.casualty_verbs if v in self.verbs} - {"attack"} | {"incident"}
        self.kinds = KindRules(lx)
        self.rules = self._trigger_rules()
        self.not_incident = self._not_incident_rules()

    # -- the trigger table ----------------------------------------------------------------------------------
    def _trigger_rules(self) -> RuleTable:
        r = RuleTable()
        verb = self._verb
        # "mortar shells hit the bus depot", "a drone strike": the modifier names the incident
        r.add("compound-trigger", self._compound_trigger, self._compound_type)
        # "bomb squad", "attack helicopter": a trigger word modifying another noun is no incident
        r.add("modifier", lambda t: t.tok.dep_ == "compound" or (t.tok.dep_ == "amod" and t.tok.pos_ != "VERB"))
        # "the hostages were killed": the victims of a casualty verb, not an abduction; the verb names the act
        r.add("victims-of-casualty-verb", lambda t: t.nounish and t.key in self.victim_nouns
              and t.tok.dep_ in ("nsubjpass", "dobj", "nsubj") and t.tok.head.lemma_.lower() in self.casualty_verbs)
        self.kinds.add_noun_rows(r)  # political acts, takeovers, operations, displacement, "came under fire"
        r.add("not-a-trigger-noun", lambda t: t.nounish and t.key is None)
        r.add("compared-or-counted-from", lambda t: t.nounish and (self.comparison(t.tok) or self.reference_point(t.tok)))
        r.add("operation-unmodified", lambda t: t.nounish and t.key == "operation"
              and not any(c.lower_ in self.op_mods for c in t.tok.lefts))
        r.add("air-strike", lambda t: t.nounish and t.key in self.weak and t.key == "strike"
              and any(c.lower_ in self.air_mods for c in t.tok.lefts), lambda t: ("airstrike", STRONG))
        r.add("weak-noun", lambda t: t.nounish and t.key in self.weak, lambda t: (self.weak[t.key], WEAK))
        # "an attack on the village of Y": an attack on a settlement's people
        r.add("attack-on-settlement", lambda t: t.nounish and self.nouns.get(t.key) == "attack"
              and self.on_settlement(t.tok), lambda t: ("massacre", STRONG))
        r.add("trigger-noun", lambda t: t.nounish and t.key in self.nouns, lambda t: (self.nouns[t.key], STRONG))
        r.add("other-noun", lambda t: t.nounish)
        # a verb that is an act only with its particle or object ("blew up", "opened fire")
        r.add("frame-missing", lambda t: verb(t) and not self._frame_holds(t))
        r.add("fire-as-modifier", lambda t: verb(t) and t.lemma == "fire" and t.tok.dep_ == "amod")
        r.add("open-fire", lambda t: verb(t) and t.lemma in self.verb_frames and self.verb_frames[t.lemma].get("type"),
              lambda t: (("attack" if self.at_post(t.tok) else self.verb_frames[t.lemma]["type"]), STRONG))
        self.kinds.add_verb_rows(r, verb)  # political acts, takeovers, abductions, displacement, munitions
        # "seized 40 rifles and cash": part of an arrest or raid, not an attack
        r.add("seize-materiel", lambda t: verb(t) and t.lemma in self.materiel_verbs and self._materiel_object(t.tok))
        # "offered to airlift the injured home": the wounded people, not an act
        r.add("casualty-people", lambda t: verb(t) and t.lemma in self.casualty_verbs
              and any(c.dep_ == "det" for c in children(t.tok)))
        # "when a gunman killed a shopkeeper", "gunmen killed about 40 herders": the act named by its agent or
        # victims, an incident of its own
        r.add("killing-by-agent", lambda t: verb(t) and self._named_by_agent(t), lambda t: (self._verb_type(t), STRONG))
        r.add("trigger-verb", lambda t: verb(t) and t.lemma in self.verbs,
              lambda t: (self._verb_type(t), CASUALTY if t.lemma in self.casualty_verbs else STRONG))
        # "the insurgents entered the city", "rebels captured the town"
        r.add("territorial-act", lambda t: verb(t) and t.lemma in self.territorial and self.territorial_act(t.tok),
              lambda t: (self.territorial[t.lemma], STRONG))
        return r

    def trigger(self, tok: Token) -> tuple[str, str, str, str | None] | None:
        """(type, strength, rule, subtype) for a trigger token, None when no rule makes it one."""
        pos, lemma = tok.pos_, tok.lemma_.lower()
        if pos not in _NOUN_OR_VERB and lemma not in self.compound_triggers:
            return None  # only POS_FREE_RULES can hold for it, and of them only "compound-trigger" gives a type
        low = tok.lower_
        gerund_noun = low.endswith("ing") and pos == "VERB" and any(c.lower_ == "of" for c in tok.rights)
        t = Tok(tok, low, lemma, pos in ("NOUN", "PROPN") or gerund_noun)
        if t.nounish:
            t.key = self._noun_key(t)
        hit = self.rules.decide(t)
        if hit is None or hit[1] is None:
            return None
        typ, strength, *sub = hit[1]
        return typ, strength, hit[0], (sub[0] if sub else None)

    def _noun_key(self, t: Tok) -> str | None:
        keys = (t.low, t.lemma)
        doc, i = t.tok.doc, t.tok.i
        if i >= 2 and doc[i - 1].text in ("-", "\u2010", "\u2011") and not doc[i - 2].whitespace_ \
                and not doc[i - 1].whitespace_:
            # "shoot-out", "stand-off": spaCy splits the hyphenated noun; the whole word is the trigger
            keys = (doc[i - 2].lower_ + "-" + t.low, doc[i - 2].lower_ + "-" + t.lemma) + keys
        return next((k for k in keys if k in self.weak or k in self.nouns), None)

    def _verb(self, t: Tok) -> bool:
        return t.tok.pos_ == "VERB" and not t.nounish

    def _compound_trigger(self, t: Tok) -> bool:
        tok = t.tok
        return tok.dep_ == "compound" and t.lemma in self.compound_triggers \
            and tok.head.lemma_.lower() in self.compound_heads

    def _compound_type(self, t: Tok) -> tuple[str, str] | None:
        if self.comparison(t.tok.head) or self.reference_point(t.tok.head):
            return None
        return self.compound_triggers[t.lemma], STRONG

    def _frame_holds(self, t: Tok) -> bool:
        """A verb listed in `verb_frames` needs its parse shape ("blow" + prt "up"; "open" + dobj "fire")."""
        if t.lemma not in self.verb_frames:
            return True
        return t.tok.i in self._frames(t.tok.doc).get(t.lemma, ())

    def _frames(self, doc: Doc) -> dict[str, set[int]]:
        """The verbs of a doc that match each `verb_frames` pattern (DependencyMatcher, run once per doc)."""
        if self._frame_doc is not doc:
            if self._frame_matcher is None or self._frame_matcher.vocab is not doc.vocab:
                self._frame_matcher = DependencyMatcher(doc.vocab)
                for lemma, frame in self.verb_frames.items():
                    self._frame_matcher.add(lemma, [frame["pattern"]])
            hits: dict[str, set[int]] = {}
            for match_id, toks in self._frame_matcher(doc):
                hits.setdefault(doc.vocab.strings[match_id], set()).add(toks[0])
            self._frame_doc, self._frame_hits = doc, hits
        return self._frame_hits

    def _materiel_object(self, tok: Token) -> bool:
        return any(c.dep_ == "dobj" and (c.lemma_.lower() in self.materiel or c.lower_ in self.materiel)
                   for c in children(tok))

    def _verb_type(self, t: Tok) -> str:
        typ = self.verbs[t.lemma]
        return self.killing_type(t.tok, typ) if typ in ("killing", "attack") else typ

    def _named_by_agent(self, t: Tok) -> bool:
        base = self.verbs.get(t.lemma)
        if base not in ("killing", "attack"):
            return False
        typ = self.killing_type(t.tok, base)
        return typ != base and typ in ("shooting", "massacre") and self.agent(t.tok) is not None

    # -- conditions on the parse ------------------------------------------------------------------------------
    def comparison(self, tok: Token) -> bool:
        """'the worst bombing in the province since 2012', 'one of the bloodiest raids on the army': a superlative
        that compares an incident told elsewhere with others is not an incident."""
        if not any(c.dep_ == "amod" and (c.tag_ == "JJS" or c.lower_ in self.comparison_mods) for c in tok.lefts):
            return False
        head = tok.head
        return tok.dep_ == "attr" or (head.lower_ == "of" and head.head.lower_ == "one") or any(
            t.lower_ == "since" for t in tok.subtree)

    def reference_point(self, tok: Token) -> bool:
        """'Three days before the raid, a patrol ...', 'a week after the attack': a definite incident counted
        from is the reference point of a date, not the incident of its clause."""
        head = tok.head
        if tok.dep_ != "pobj" or head.lower_ not in self.reference_preps:
            return False
        if not any(c.dep_ == "det" and c.lower_ in self.backref or c.dep_ == "poss" for c in tok.lefts):
            return False
        doc = tok.doc
        prev = doc[head.i - 1] if head.i > 0 else None
        return any(c.lower_ in self.reference_units for c in children(head)) or (
            prev is not None and prev.lower_ in self.reference_units)

    def at_post(self, tok: Token) -> bool:
        """'gunmen opened fire on a border post': fire on a post, base or building is an attack on it, fire on
        people a shooting."""
        objs = [g for c in children(tok) if c.dep_ == "prep" and c.lower_ in ("on", "at") for g in children(c)
                if g.dep_ == "pobj"]
        return any(o.lemma_.lower() in self.territory for o in objs)

    def on_settlement(self, tok: Token) -> bool:
        """'an attack on the village of Y', 'raiders attacked hamlets': an attack on a settlement's people."""
        objs = [c for c in children(tok) if c.dep_ == "dobj"]
        objs += [g for c in children(tok) if c.dep_ == "prep" and c.lower_ == "on" for g in children(c) if g.dep_ == "pobj"]
        return any(o.lemma_.lower() in self.settlement_victims or o.lower_ in self.settlement_victims for o in objs)

    def killing_type(self, tok: Token, typ: str) -> str:
        """A killing of villagers, herders or passengers is a massacre; a killing by gunmen a shooting;
        an attack on villages a massacre."""
        if typ == "attack":
            return "massacre" if self.on_settlement(tok) else typ
        lemma = tok.lemma_.lower()
        if lemma not in self.kill_verbs:
            return typ
        objs = [c for c in children(tok) if c.dep_ in ("dobj", "nsubjpass")]
        if any(o.lemma_.lower() in self.civilian_victims or o.lower_ in self.civilian_victims for o in objs):
            return "massacre"
        if lemma == "massacre":
            return "massacre"
        subj = self.agent(tok)
        if subj is not None and (subj.lemma_.lower() in self.shooter_subjects or subj.lower_ in self.shooter_subjects):
            return "shooting"
        return typ

    def agent(self, tok: Token) -> Token | None:
        """The active subject of a verb, through coordination ("masked men stopped two buses ... and killed 9")."""
        verb = tok
        while verb.dep_ == "conj" and not ({"nsubj", "nsubjpass"} & child_deps(verb).keys()):
            verb = verb.head
        return next((c for c in child_deps(verb).get("nsubj", ()) if c.pos_ != "PRON"), None)

    def territorial_act(self, tok: Token) -> bool:
        """'the insurgents entered the city', 'rebels captured the town': an armed actor as subject (active
        voice) or a settlement, base or building as object; not a person as object ('captured a suspect')."""
        if any(c.dep_ == "dobj" and (c.ent_type_ in ("PERSON", "NORP") or c.lemma_.lower() in self.person_objects
                                     or c.lower_ in self.person_objects) for c in children(tok)):
            return False
        for c in children(tok):
            if c.dep_ == "nsubj" and c.lemma_.lower() in self.armed:
                return True
            if c.dep_ == "dobj" and c.lemma_.lower() in self.territory:
                return True
            if c.dep_ in ("dobj", "nsubjpass") and c.ent_type_ in ("GPE", "FAC"):
                return True
        return False

    # -- the not-an-incident table ----------------------------------------------------------------------------
    def _not_incident_rules(self) -> RuleTable:
        r = RuleTable()
        is_verb = lambda t: t.pos_ == "VERB"  # noqa: E731
        r.add("negated-or-denied-governor", self._negated_governor)
        # "have been raided twice this year": a summary, not an incident
        r.add("frequency-adverb", lambda t: any(c.lower_ in self.frequency for c in children(t)))
        r.add("negated-or-modal", lambda t: is_verb(t) and any(
            c.dep_ == "neg" or (c.dep_ == "aux" and c.lemma_.lower() in self.modals) for c in children(t)))
        # "plans to attack", "tried to storm", "prevented an attack"
        r.add("intended", lambda t: is_verb(t) and t.dep_ in ("xcomp", "ccomp", "advcl")
              and t.head.lemma_.lower() in self.intent_heads)
        r.add("bare-complement", lambda t: is_verb(t) and t.tag_ in ("VB", "VBG") and t.dep_ == "xcomp")
        # "incidents in which three or more people are wounded": a definition, not an incident
        r.add("generic-definition", lambda t: is_verb(t) and t.dep_ == "relcl" and self.generic_plural(t.head) and (
            t.tag_ in ("VBP", "VBZ") or any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBP", "VBZ")
                                            for c in children(t))))
        # "the push to retake the valley", "troops sent to storm the town": a purpose
        r.add("purpose", lambda t: is_verb(t) and t.tag_ == "VB" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in children(t)))
        return r

    def hypothetical(self, tok: Token) -> str | None:
        """The name of the rule that makes the trigger no incident (modal, negated, intended, prevented ...)."""
        hit = self.not_incident.decide(tok)
        return hit[0] if hit else None

    def _negated_governor(self, tok: Token) -> bool:
        """A negated governing verb, unless the trigger is (inside) its subject ("the raid did not ..."), or a
        governing noun with "no" ("no count of its own wounded", "no reports of clashes")."""
        node = tok
        for _ in range(self.governor_steps):
            if node.dep_ in ("nsubj", "nsubjpass", "csubj") or node.head is node:
                return False
            node = node.head
            if node.pos_ in ("VERB", "AUX") and "neg" in child_deps(node):
                return True
            if node.pos_ == "VERB":
                return False
            if node.pos_ in ("NOUN", "PROPN") and any(c.lower_ == "no" for c in child_deps(node).get("det", ())):
                return True
        return False

    # -- noun phrase properties -------------------------------------------------------------------------------
    def generic_modified(self, tok: Token) -> bool:
        return any(c.lower_ in self.generic for c in tok.lefts)

    def generic_plural(self, tok: Token) -> bool:
        if tok.tag_ not in ("NNS", "NNPS"):
            return False
        mods = {c.lower_ for c in tok.lefts}
        has_det = any(c.dep_ in ("det", "poss") for c in tok.lefts)
        return bool(mods & self.generic) or not has_det

    def definite(self, head: Token) -> bool:
        return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in self.backref) for c in head.lefts)
