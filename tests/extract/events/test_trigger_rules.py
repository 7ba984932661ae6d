"""The trigger and not-an-incident rule tables (pipeline/extract/events/triggers.py), rule by rule, on the real
parse. Every sentence here is invented; each rule has firing cases and cases where it must not fire."""
from __future__ import annotations

import pytest

from pipeline.extract.events.triggers import Tok


def _tok(doc, word: str):
    return next(t for t in doc if t.text == word)


def _deciding_rule(tr, tok) -> str | None:
    """The name of the trigger rule that decides about a token (vetoes included)."""
    low, lemma = tok.lower_, tok.lemma_.lower()
    gerund = low.endswith("ing") and tok.pos_ == "VERB" and any(c.lower_ == "of" for c in tok.rights)
    t = Tok(tok, low, lemma, tok.pos_ in ("NOUN", "PROPN") or gerund)
    if t.nounish:
        t.key = tr._noun_key(t)
    hit = tr.rules.decide(t)
    return hit[0] if hit else None


@pytest.fixture(scope="module")
def tr(nlp):
    return nlp.get_pipe("claimscope_events").tr


# (sentence, trigger word, expected (type, strength, rule) or None, the rule that decides)
TRIGGERS = [
    # compound-trigger: the modifier names the incident; not when the head is no act
    ("On Monday, artillery shells struck the market in Varno.", "artillery", ("shelling", "strong", "compound-trigger"),
     "compound-trigger"),
    ("A drone strike destroyed a truck near the border on Friday.", "drone", ("airstrike", "strong", "compound-trigger"),
     "compound-trigger"),
    ("Mortar bombs fell on the camp overnight.", "Mortar", ("shelling", "strong", "compound-trigger"), "compound-trigger"),
    ("The artillery museum reopened on Monday.", "artillery", None, "modifier"),
    ("She bought a drone camera for the wedding.", "drone", None, "modifier"),
    # modifier: a trigger word modifying another noun
    ("The bomb squad cleared the station on Monday.", "bomb", None, "modifier"),
    # victims-of-casualty-verb: hostages killed are the victims, the verb names the act
    ("The hostages were killed by their captors on Monday.", "hostages", None, "victims-of-casualty-verb"),
    ("Troops killed two hostages in the rescue.", "hostages", None, "victims-of-casualty-verb"),
    ("Three hostages died in the fire.", "hostages", None, "victims-of-casualty-verb"),
    ("Gunmen took six hostages at the hotel.", "hostages", ("kidnapping", "strong", "trigger-noun"),
     "trigger-noun"),
    ("An attack helicopter flew over the valley.", "attack", None, "modifier"),
    # trigger-noun (with the hyphenated word) / not-a-trigger-noun
    ("The raid on the warehouse began at dawn on Tuesday.", "raid", ("raid", "strong", "trigger-noun"), "trigger-noun"),
    ("A blast shook the harbour in Pellow on Sunday.", "blast", ("bombing", "strong", "trigger-noun"), "trigger-noun"),
    ("Clashes broke out in the square on Friday.", "Clashes", ("clash", "strong", "trigger-noun"), "trigger-noun"),
    ("The shoot-out lasted an hour.", "out", ("clash", "strong", "trigger-noun"), "trigger-noun"),
    ("The meeting ended on Tuesday.", "meeting", None, "not-a-trigger-noun"),
    ("Her speech was a bombshell.", "bombshell", None, "not-a-trigger-noun"),
    # weak-noun / operation-unmodified / air-strike
    ("The incident in the port happened on Monday.", "incident", ("incident", "weak", "weak-noun"), "weak-noun"),
    ("A special operation began in the hills on Friday.", "operation", ("operation", "weak", "weak-noun"), "weak-noun"),
    ("Dock workers went on strike on Monday.", "strike", ("strike", "weak", "weak-noun"), "weak-noun"),
    ("The operation on her knee went well.", "operation", None, "operation-unmodified"),
    ("An air strike hit the bridge on Monday.", "strike", ("airstrike", "strong", "air-strike"), "air-strike"),
    ("A missile strike hit a depot on Monday.", "strike", ("airstrike", "strong", "air-strike"), "air-strike"),
    # attack-on-settlement (and its verb form through killing_type)
    ("The attack on the village of Moru left many dead.", "attack", ("massacre", "strong", "attack-on-settlement"),
     "attack-on-settlement"),
    ("An attack on two hamlets near the river was reported.", "attack", ("massacre", "strong", "attack-on-settlement"),
     "attack-on-settlement"),
    ("Raiders attacked villages near the lake on Sunday.", "attacked", ("massacre", "strong", "killing-by-agent"),
     "killing-by-agent"),
    ("Raiders attacked a bank in the town on Sunday.", "attacked", ("attack", "strong", "trigger-verb"), "trigger-verb"),
    # compared-or-counted-from
    ("It was the worst bombing in the province since 2012.", "bombing", None, "compared-or-counted-from"),
    ("It was one of the bloodiest raids on the army.", "raids", None, "compared-or-counted-from"),
    ("Three days before the raid, a patrol crossed the river.", "raid", None, "compared-or-counted-from"),
    ("A week after the attack, the school reopened.", "attack", None, "compared-or-counted-from"),
    # verb frames: "blow up", "open fire" (on people a shooting, on a post an attack)
    ("Insurgents blew up a bridge near Tarsk on Monday.", "blew", ("bombing", "strong", "trigger-verb"), "trigger-verb"),
    ("The wind blew across the plain.", "blew", None, "frame-missing"),
    ("Gunmen opened fire on a wedding party on Saturday.", "opened", ("shooting", "strong", "open-fire"), "open-fire"),
    ("Gunmen opened fire on a border post on Saturday.", "opened", ("attack", "strong", "open-fire"), "open-fire"),
    ("The shop opened on Saturday.", "opened", None, "frame-missing"),
    ("A fired worker sued the firm.", "fired", None, "fire-as-modifier"),
    # seize-materiel: seizing goods is part of an arrest; seizing a place is an attack
    ("Police seized 20 pistols and cash in the raid.", "seized", None, "seize-materiel"),
    ("Officers seized two trucks at the border.", "seized", None, "seize-materiel"),
    ("Rebels seized the airport on Monday.", "seized", ("attack", "strong", "trigger-verb"), "trigger-verb"),
    # casualty-people: "the wounded" are people
    ("The army offered to fly the injured to the capital.", "injured", None, "casualty-people"),
    ("Doctors treated the wounded at the field clinic.", "wounded", None, "casualty-people"),
    ("Six guards were wounded in the blast.", "wounded", ("attack", "casualty", "trigger-verb"), "trigger-verb"),
    # killing-by-agent: a killing named by its agent (a shooting) or victims (a massacre)
    ("A gunman killed a shopkeeper in Ravel on Friday.", "killed", ("shooting", "strong", "killing-by-agent"),
     "killing-by-agent"),
    ("Gunmen killed about 40 herders near the river on Friday.", "killed", ("shooting", "strong", "killing-by-agent"),
     "killing-by-agent"),
    ("A sniper killed two guards at the gate.", "killed", ("shooting", "strong", "killing-by-agent"), "killing-by-agent"),
    ("The flood killed nine people.", "killed", ("killing", "casualty", "trigger-verb"), "trigger-verb"),
    ("A man killed his neighbour with an axe on Sunday.", "killed", ("killing", "casualty", "trigger-verb"),
     "trigger-verb"),
    # trigger-verb
    ("Raiders massacred the farmers of Lomo on Friday.", "massacred", ("massacre", "strong", "trigger-verb"),
     "trigger-verb"),
    ("Two men stabbed a guard outside the bank.", "stabbed", ("attack", "strong", "trigger-verb"), "trigger-verb"),
    ("Protesters stormed the parliament on Monday.", "stormed", ("attack", "strong", "trigger-verb"), "trigger-verb"),
    # territorial-act: an armed subject or a territorial object; not a person as object
    ("Rebels entered the town of Sedo on Monday.", "entered", ("political", "strong", "takeover"), "takeover"),
    ("The militia captured the airport at dawn.", "captured", ("attack", "strong", "territorial-act"), "territorial-act"),
    ("Fighters occupied the base on Monday.", "occupied", ("attack", "strong", "territorial-act"), "territorial-act"),
    ("Police captured a suspect on Monday.", "captured", None, None),
    ("She entered the room quietly.", "entered", None, None),
]


@pytest.mark.parametrize("text, word, expected, rule", TRIGGERS)
def test_trigger_rules(nlp, tr, text, word, expected, rule):
    doc = nlp(text)
    tok = _tok(doc, word)
    got = tr.trigger(tok)
    assert (got[:3] if got else got) == expected
    assert _deciding_rule(tr, tok) == rule


def test_every_trigger_rule_is_tested():
    rules = {r for _, _, _, r in TRIGGERS if r}
    from pipeline.extract.events.triggers import Triggers
    from pipeline.extract._component import load_lexicon

    from tests.extract.events.test_kind_rules import KINDS

    names = set(Triggers(load_lexicon("lexicons/events.json")).rules.names())
    rules |= {r for *_, r in KINDS if r}  # the rows of kinds.py are tested there
    assert names - rules <= {"other-noun"}  # "other-noun" is the table's catch-all for nouns


# (sentence, trigger word, the not-an-incident rule that fires, or None)
NOT_INCIDENT = [
    # negated-or-modal
    ("The rebels could attack the port.", "attack", "negated-or-modal"),
    ("Officials fear the militia will storm the prison.", "storm", "negated-or-modal"),
    ("The army might shell the ridge tonight.", "shell", "negated-or-modal"),
    # negated-or-denied-governor: a negated verb or a "no" noun above the trigger
    ("The army did not shell the town.", "shell", "negated-or-denied-governor"),
    ("The raiders never attacked the mill.", "attacked", "negated-or-denied-governor"),
    ("There were no reports of clashes in the north.", "clashes", "negated-or-denied-governor"),
    # intended: plans, attempts, prevented acts
    ("The group plans to attack the capital.", "attack", "intended"),
    ("Police foiled a plot to bomb the station.", "bomb", "intended"),
    ("The gang threatened to kidnap the mayor.", "kidnap", "intended"),
    # frequency-adverb: a habit, not an incident
    ("Bandits often ambush trucks on this road.", "ambush", "frequency-adverb"),
    ("Smugglers regularly shoot at patrols here.", "shoot", "frequency-adverb"),
    ("Gangs routinely kidnap traders in the valley.", "kidnap", "frequency-adverb"),
    # generic-definition: a present-tense definition under a generic plural
    ("Analysts count incidents in which three or more people are stabbed.", "stabbed", "generic-definition"),
    ("The index lists attacks that kill more than ten people.", "kill", "generic-definition"),
    ("The report names the towns where two guards were shot last May.", "shot", None),
    # purpose: an infinitive of purpose
    ("Troops were sent to storm the ridge.", "storm", "purpose"),
    # told as incidents: past acts
    ("The rebels attacked the port on Monday.", "attacked", None),
    ("A bomb exploded outside the court.", "exploded", None),
    ("Guards clashed with strikers at the gate.", "clashed", None),
    ("The raid on the farm did not stop the thefts.", "raid", None),
]


@pytest.mark.parametrize("text, word, rule", NOT_INCIDENT)
def test_not_an_incident_rules(nlp, tr, text, word, rule):
    doc = nlp(text)
    assert tr.hypothetical(_tok(doc, word)) == rule


class _OnlyPos:
    """A token that has a part of speech and nothing else: a rule that reads more of it raises."""

    def __init__(self, pos: str):
        self.pos_ = pos

    def __getattr__(self, name):
        raise AssertionError(f"the rule read token.{name}")


@pytest.mark.parametrize("pos", ["ADJ", "ADP", "DET", "PUNCT", "AUX", "NUM", "PRON", "ADV"])
def test_rules_outside_pos_free_need_a_noun_or_a_verb(tr, pos):
    """`Triggers.trigger` skips the table for a token that is neither a noun nor a verb (unless its lemma is a
    compound trigger): sound only while every rule but POS_FREE_RULES is false for such a token."""
    from pipeline.extract.events.triggers import POS_FREE_RULES

    t = Tok(_OnlyPos(pos), "word", "word", False)
    for rule in tr.rules:
        if rule.name not in POS_FREE_RULES:
            assert not rule.when(t), rule.name


def _table_trigger(tr, tok):
    """What the whole table says about a token (the answer `trigger` gives, without its shortcut)."""
    low, lemma = tok.lower_, tok.lemma_.lower()
    gerund = low.endswith("ing") and tok.pos_ == "VERB" and any(c.lower_ == "of" for c in tok.rights)
    t = Tok(tok, low, lemma, tok.pos_ in ("NOUN", "PROPN") or gerund)
    if t.nounish:
        t.key = tr._noun_key(t)
    hit = tr.rules.decide(t)
    if hit is None or hit[1] is None:
        return None
    typ, strength, *sub = hit[1]
    return typ, strength, hit[0], (sub[0] if sub else None)


@pytest.mark.parametrize("text", [
    "On Monday, artillery shells struck the market in Varno, and a drone strike hit a truck.",
    "The bomb squad found no explosive device near the old red bridge, officials said quickly.",
    "Mortar fire and heavy shelling of the shoot-out site killed 4 of the 12 guards at 3 a.m.",
])
def test_trigger_shortcut_gives_what_the_table_gives(nlp, tr, text):
    for tok in nlp(text):
        assert tr.trigger(tok) == _table_trigger(tr, tok), tok.text
