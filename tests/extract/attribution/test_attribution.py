"""Attribution extractor (issue 7): forms, kinds, sources, hedges, negatives, and linking to events.

Sentences are our own. `find` runs on docs parsed by the real model (the `nlp` fixture); `link` runs on
hand-built event and casualty dicts.
"""
from __future__ import annotations

import pytest

from pipeline.extract._component import load_lexicon
from pipeline.extract.attribution.component import AttributionExtractor, link
from pipeline.extract.attribution.quotes import find_quotes

LEX = load_lexicon("lexicons/attribution.json")


@pytest.fixture(scope="module")
def extractor(nlp):
    return AttributionExtractor(nlp, "test_attribution", "lexicons/attribution.json")


@pytest.fixture(scope="module")
def run(nlp, extractor):
    def _run(text: str) -> tuple[str, list[dict]]:
        with nlp.select_pipes(enable=[p for p in nlp.pipe_names if not p.startswith("claimscope_")]):
            doc = nlp(text)
        return text, extractor.find(doc)

    return _run


def _txt(text: str, d) -> str | None:
    return None if d is None else text[d["start_char"] : d["end_char"]]


def _by_cue(text: str, found: list[dict], cue: str) -> dict:
    hits = [a for a in found if _txt(text, a["cue"]) == cue]
    assert hits, f"no claim with cue {cue!r}: {[(_txt(text, a['cue']), a['kind']) for a in found]}"
    return hits[0]


# text, cue, kind, source name (None = author), source span text, content must contain, content must not contain
FORMS = [
    # direct quotes: after, inverted, spanning sentences, mismatched and doubled marks
    ("“The convoy was hit twice,” the commander said.", "said", "statement", "commander", "the commander",
     "convoy was hit twice", "commander"),
    ("“We lost the bridge at dawn. By noon the road was gone too,” said Colonel Amir Haddad.", "said", "statement",
     "Colonel Amir Haddad", "Colonel Amir Haddad", "By noon the road was gone", "Haddad"),
    ("''The shelling never stopped,'' said Maria Ortiz, a nurse at the clinic.", "said", "statement", "Maria Ortiz",
     None, "shelling never stopped", "nurse"),
    ("The ministry called the riots ”a foreign plot“ on Monday.", "called", "statement", "ministry", "The ministry",
     "a foreign plot", "ministry"),
    # reported speech
    ("The mayor said that the water supply had been restored.", "said", "report", "mayor", "The mayor",
     "that the water supply had been restored", "mayor"),
    ("A police spokesman told reporters that three suspects were arrested overnight.", "told", "report",
     "police spokesman", "A police spokesman", "three suspects were arrested", "reporters"),
    ("The rebel council announced plans to hold elections in the spring.", "announced", "statement",
     "rebel council", "The rebel council", "plans to hold elections", "council"),
    # according to: the clause it modifies, on either side
    ("According to local officials, 12 people were killed in the blast.", "According to", "report",
     "local officials", "local officials", "12 people were killed", "officials"),
    ("Two porters drowned in the flood, according to the regional governor.", "according to", "report",
     "regional governor", "the regional governor", "Two porters drowned in the flood", "governor"),
    # passive agents and naming verbs
    ("The strike was described by the union as a warning.", "was described",
     "opinion", "union", "the union", "a warning", "union"),
    # responsibility, active and passive
    ("The Northern Front claimed responsibility for the attack on the checkpoint.", "claimed responsibility",
     "responsibility", "Northern Front", "The Northern Front", "the attack on the checkpoint", "Front"),
    ("Responsibility for the bombings was claimed by the Southern Brigade.", "was claimed",
     "responsibility", "Southern Brigade", "the Southern Brigade", "the bombings", "Brigade"),
    # opinion and assessment
    ("Independent analysts believe that the ceasefire will not hold.", "believe", "opinion",
     "Independent analysts", "Independent analysts", "the ceasefire will not hold", "analysts"),
    ("Experts are considering other explanations for the sudden drop in violence.", "are considering", "opinion",
     "Experts", "Experts", "other explanations", "Experts"),
    ("Some observers ask the obvious question: who benefits from the chaos?", "ask", "opinion",
     "Some observers", "Some observers", "who benefits from the chaos", "observers"),
    # accusation, denial
    ("The government accused the opposition of organizing the riots.", "accused", "accusation", "government",
     "The government", "the opposition of organizing the riots", "government"),
    ("Officials blamed the militants for the explosion at the market.", "blamed", "accusation", "Officials",
     "Officials", "the militants", "Officials"),
    ("The army denied that its troops had fired on civilians.", "denied", "denial", "army", "The army",
     "its troops had fired on civilians", "army"),
    ("The group denied responsibility for the kidnapping of the engineers.", "denied responsibility", "denial",
     "group", "The group", "the kidnapping of the engineers", "group"),
    # conflict-news phrasings
    ("The Water Ministry said in a short note that 14 pumps were damaged.", "said", "report",
     "Water Ministry", "The Water Ministry", "that 14 pumps were damaged", "note"),
    ("Local media reported that at least 30 people were wounded.", "reported", "report", "Local media",
     "Local media", "at least 30 people were wounded", "media"),
    ("The death toll rose to 40, state television reported.", "reported", "report", "state television",
     "state television", "The death toll rose to 40", "television"),
    ("Officials estimate that around 2,000 families have fled.", "estimate", "report", "Officials", "Officials",
     "around 2,000 families have fled", "Officials"),
    ("Islamic State claimed the bombing through its news agency.", "claimed", "responsibility", "Islamic State",
     "Islamic State", "the bombing", "agency"),
    ("The rebels denied any involvement in the massacre.", "denied", "denial", "rebels", "The rebels",
     "any involvement in the massacre", "rebels"),
    ("The president condemned the raid as an act of spite.", "condemned", "statement", "president",
     "The president", "the raid as an act of spite", "president"),
    # layout: transcript speaker
    ("Transcript of the evening show.\n\nMORGAN: The border will stay closed until March.", ":", "statement",
     "MORGAN", "MORGAN", "The border will stay closed", "MORGAN"),
]


@pytest.mark.parametrize("text, cue, kind, name, span_text, content_has, content_not", FORMS)
def test_forms_and_kinds(run, text, cue, kind, name, span_text, content_has, content_not):
    text, found = run(text)
    a = _by_cue(text, found, cue)
    assert a["kind"] == kind
    assert a["source"] is not None and a["source"]["name"] == name
    if span_text is not None:
        assert _txt(text, a["source"]) == span_text
    content = _txt(text, a["content"])
    assert content_has in content
    assert content_not not in content


@pytest.mark.parametrize("text, cue, name, pronoun", [
    ("Jane Miller, the regional prosecutor, arrived late. She said the investigation would take months.",
     "said", "Jane Miller", "She"),
    ("Several aid workers visited the camp on Friday. They said that food was running out.",
     "said", "Several aid workers", "They"),
    ("The Interior Ministry issued a short statement. It said that the curfew would be lifted.",
     "said", "Interior Ministry", "It"),
])
def test_pronoun_sources_resolve_to_the_nearest_fitting_source(run, text, cue, name, pronoun):
    text, found = run(text)
    a = _by_cue(text, found, cue)
    assert a["source"]["name"] == name
    assert _txt(text, a["source"]) == pronoun  # the span is the pronoun in this claim
    res = a["source"]["resolved"]
    assert name in text[res["start_char"] : res["end_char"]]


def test_relative_pronoun_source_is_the_antecedent(run):
    text, found = run("The fighting was claimed by the Eastern Brigade, which has announced plans to seize the port.")
    a = _by_cue(text, found, "has announced")
    assert "Eastern Brigade" in a["source"]["name"]
    assert "plans to seize the port" in _txt(text, a["content"])


@pytest.mark.parametrize("text, cue, kind, hedge", [
    ("We must not exclude the possibility of sabotage by Ruritania's secret police.",
     "must not exclude the possibility", "accusation", "not exclude the possibility"),
    ("We cannot rule out that heavy floods will return next spring.", None, "opinion", None),
    # first person outside quotations is the author (op-eds)
    ("I think the road is safe now.", "think", "opinion", None),
])
def test_author_voice_has_no_source(run, text, cue, kind, hedge):
    text, found = run(text)
    own = [a for a in found if a["source"] is None]
    assert own, found
    a = own[0]
    assert a["kind"] == kind
    assert a["hedged"] is (hedge is not None or cue is None)
    if cue is not None:
        assert _txt(text, a["cue"]) == cue
    if hedge is not None:
        assert _txt(text, a["hedge"]) == hedge


@pytest.mark.parametrize("text, cue, hedge", [
    ("According to witnesses, the attackers may have come from across the border.", "According to", "may have"),
    ("According to independent engineers, the purpose of the repairs can be safety on the bridge.", "According to",
     "can be"),
    ("The rebels reportedly seized the airport, officials said.", "said", "reportedly"),
    ("Officials said the death toll would possibly rise overnight.", "said", "possibly"),
    ("The governor said the fire was likely started by a faulty cable.", "said", "likely"),
])
def test_hedges_are_flagged_with_their_span(run, text, cue, hedge):
    text, found = run(text)
    a = _by_cue(text, found, cue)
    assert a["hedged"] is True
    assert _txt(text, a["hedge"]) == hedge


@pytest.mark.parametrize("text", [
    "According to the police, the road was reopened on Friday.",
    "“The water is back,” the engineer said.",
])
def test_unhedged_claims_are_not_hedged(run, text):
    text, found = run(text)
    assert found and all(not a["hedged"] and a["hedge"] is None for a in found)


@pytest.mark.parametrize("text", [
    # a reporting verb inside a title, a headline or a quoted work
    "She read the novel “What the Soldier Said” to her class.",
    "Minister Said To Resign Over Bridge Collapse\n\nThe bridge collapsed on Friday.",
    # inch signs are not quotation marks
    'Crews laid 12" pipe along the road and 8" pipe near the school.',
    # reporting verbs without content
    "He said nothing about the attack.",
    "The spokesman would not say.",
    "The said agreement was signed in 2010.",
    # nobody claims
    "No faction has claimed the ambush so far.",
    "No one said that the bridge was closed.",
    # manner, not a source
    "Everything went according to plan.",
])
def test_negatives_make_no_claim(run, text):
    _, found = run(text)
    assert found == []


def test_inch_marks_are_not_quotes_but_real_quotes_are():
    text = 'A 12" pipe burst near “the old mill” on Tuesday.'
    qs = find_quotes(text)
    assert [text[q.start : q.end] for q in qs] == ["“the old mill”"]


def test_quote_running_over_paragraphs_is_one_content(run):
    text = ("“The first convoy never arrived.\n\n“The second one was turned back at the river,” "
            "the aid coordinator said.")
    text, found = run(text)
    a = _by_cue(text, found, "said")
    content = _txt(text, a["content"])
    assert content.startswith("“The first convoy") and "turned back at the river" in content


def test_payload_keys_and_spans_are_exact(run):
    text, found = run("According to several witnesses, 20 people were hurt and 37 were missing.")
    assert len(found) == 1
    a = found[0]
    assert set(a) >= {"kind", "source", "cue", "content", "hedged", "hedge"}
    for key in ("cue", "content"):
        assert 0 <= a[key]["start_char"] < a[key]["end_char"] <= len(text)
    assert a["source"]["name"] == "several witnesses"


# ---------------------------------------------------------------------------------------------- linking
def _span_of(text: str, phrase: str) -> tuple[int, int]:
    s = text.index(phrase)
    return s, s + len(phrase)


def _casualty(text, phrase, kind, group=None):
    s, e = _span_of(text, phrase)
    return {"start_char": s, "end_char": e, "kind": kind, "count": None, "group": group, "total": group is None,
            "attribution_idxs": []}


def _event(text, phrase, casualties=()):
    s, e = _span_of(text, phrase)
    return {"start_char": s, "end_char": e, "type": "attack", "trigger": {"start_char": s, "end_char": e},
            "sent_start": s, "sent_end": e, "clause_start": s, "clause_end": e, "date": None, "places": [],
            "casualties": [dict(c) for c in casualties], "actors": [], "attribution_idxs": []}


def test_link_attaches_claims_to_events_and_figures(nlp, run):
    text = ("Gunmen attacked a police post in Tarvan on Monday. According to local officials, 12 people were "
            "killed. Another 5 were injured, the army said.")
    _, found = run(text)
    doc = nlp.make_doc(text)
    doc._.cs_attributions = found
    killed = _casualty(text, "12 people were killed", "killed")
    injured = _casualty(text, "5 were injured", "injured")
    unclaimed = _casualty(text, "Gunmen", "killed", group="gunmen")  # a figure no claim covers
    doc._.cs_casualties = [killed, injured, unclaimed]
    ev = _event(text, "attacked a police post", [killed, injured, unclaimed])
    link(doc, [ev], LEX)
    i_off = next(i for i, a in enumerate(found) if _txt(text, a["cue"]) == "According to")
    i_army = next(i for i, a in enumerate(found) if _txt(text, a["cue"]) == "said")
    assert killed["attribution_idxs"] == [i_off]
    assert injured["attribution_idxs"] == [i_army]
    assert unclaimed["attribution_idxs"] == []
    # the event's own copies carry the same links
    copies = {(c["kind"], c["group"]): c["attribution_idxs"] for c in ev["casualties"]}
    assert copies[("killed", None)] == [i_off] and copies[("injured", None)] == [i_army]
    assert copies[("killed", "gunmen")] == []
    assert ev["attribution_idxs"] == sorted({i_off, i_army})


def test_link_responsibility_anaphor_reaches_the_earlier_paragraph(nlp, run):
    text = ("Gunmen attacked a checkpoint near Varna on Monday. A day later militants bombed a bus depot.\n\n"
            "Responsibility for these attacks was claimed by the Eastern Brigade.\n\n"
            "Floods struck the valley in May.")
    _, found = run(text)
    i_resp = next(i for i, a in enumerate(found) if a["kind"] == "responsibility")
    with nlp.select_pipes(enable=[p for p in nlp.pipe_names if not p.startswith("claimscope_")]):
        doc = nlp(text)  # parsed: the anaphor ("these attacks") is read from the parse
    doc._.cs_attributions = found
    doc._.cs_casualties = []
    evs = [_event(text, "attacked a checkpoint"), _event(text, "bombed a bus depot"), _event(text, "Floods struck")]
    link(doc, evs, LEX)
    assert i_resp in evs[0]["attribution_idxs"] and i_resp in evs[1]["attribution_idxs"]
    assert i_resp not in evs[2]["attribution_idxs"]


def test_link_without_overlap_links_nothing(nlp, run):
    text = "The mayor said that the market will reopen. Gunmen attacked a bus near the border."
    _, found = run(text)
    doc = nlp.make_doc(text)
    doc._.cs_attributions = found
    doc._.cs_casualties = []
    ev = _event(text, "attacked a bus")
    link(doc, [ev], LEX)
    assert ev["attribution_idxs"] == []


# ---------------------------------------------------------------------------------------------- boundaries
@pytest.mark.parametrize("text, cue, content", [
    # "according to" after a participle clause: the clause with the figures
    ("Rebels shelled the market on Sunday, killing four traders and wounding at least nine, according to the "
     "district health office.", "according to", "killing four traders and wounding at least nine"),
    # a dateline glued to the first sentence stays out of the content
    ("March 3, 2019\n\nFloods cut the main road, stranding 40 families, according to the county sheriff.",
     "according to", "stranding 40 families"),
    # a content that opens a quotation takes its closing mark
    ("The senator said the plan was “dead on arrival.”", "said", "the plan was “dead on arrival.”"),
])
def test_content_boundaries(run, text, cue, content):
    text, found = run(text)
    assert _txt(text, _by_cue(text, found, cue)["content"]) == content


@pytest.mark.parametrize("text, cue, name, content_has", [
    # parenthetical "X said," inside the clause it reports
    ("The curfew, the governor said, will stay in force until Friday.", "said", "governor", "will stay in force"),
    # "by saying": the subject of the governing verb
    ("The minister ended the briefing by saying that the border would reopen.", "saying", "minister",
     "the border would reopen"),
])
def test_reported_speech_variants(run, text, cue, name, content_has):
    text, found = run(text)
    a = _by_cue(text, found, cue)
    assert a["source"]["name"] == name
    assert content_has in _txt(text, a["content"])


def test_first_person_inside_reported_content_is_not_the_author(run):
    text, found = run("Some teachers ask the question: why should we not open the library on Sundays?")
    assert found and all(a["source"] is not None for a in found)
    assert _by_cue(text, found, "ask")["source"]["name"] == "Some teachers"


def test_trailing_participle_is_a_claim_of_the_governing_speaker(run):
    text, found = run("The defence ministry denied that its jets had flown over the town, calling the reports "
                      "“fabricated”.")
    denial = _by_cue(text, found, "denied")
    assert denial["kind"] == "denial"
    assert _txt(text, denial["content"]) == "that its jets had flown over the town"
    calling = _by_cue(text, found, "calling")
    assert calling["source"]["name"] == "defence ministry"


def test_cues_inside_a_quotation_belong_to_the_quoted_speaker(run):
    text = "“They told us the bridge was safe, and we believed them,” the driver said."
    text, found = run(text)
    assert [(_txt(text, a["cue"]), a["source"]["name"]) for a in found] == [("said", "driver")]


def test_source_name_keeps_a_named_appositive(run):
    text, found = run("The armed group “Black Banner” said that it had freed two hostages.")
    a = _by_cue(text, found, "said")
    assert "Black Banner" in a["source"]["name"]


@pytest.mark.parametrize("text, cue", [
    ("The council has also said that the dam is safe.", "has also said"),
    ("The union is demanding that wages be paid.", "is demanding"),
    ("The opposition called for an inquiry into the shooting.", "called for"),
    ("The spokesman said: the convoy left at dawn.", "said:"),
])
def test_cue_span_takes_auxiliaries_particles_and_colon(run, text, cue):
    text, found = run(text)
    _by_cue(text, found, cue)


def test_component_runs_in_the_pipeline(nlp):
    doc = nlp("According to the regional police, three people were killed in the blast.")
    atts = doc._.cs_attributions
    assert len(atts) == 1 and atts[0]["kind"] == "report"
    assert doc.text[atts[0]["source"]["start_char"] : atts[0]["source"]["end_char"]] == "the regional police"


def test_link_event_description_by_place(nlp, run):
    text = ("Gunmen attacked a bank in Varna in June. Floods struck Tarsk in May.\n\n"
            "The government called the events in Varna “a provocation”.")
    _, found = run(text)
    i_call = next(i for i, a in enumerate(found) if _txt(text, a["cue"]) == "called")
    with nlp.select_pipes(enable=[p for p in nlp.pipe_names if not p.startswith("claimscope_")]):
        doc = nlp(text)
    doc._.cs_attributions = found
    doc._.cs_casualties = []
    evs = [_event(text, "attacked a bank"), _event(text, "Floods struck")]
    s = text.index("Varna")
    evs[0]["places"] = [{"name": "Varna", "start_char": s, "end_char": s + 5}]
    s = text.index("Tarsk")
    evs[1]["places"] = [{"name": "Tarsk", "start_char": s, "end_char": s + 5}]
    link(doc, evs, LEX)
    assert i_call in evs[0]["attribution_idxs"]
    assert i_call not in evs[1]["attribution_idxs"]


# passive claims of an attack, and a source giving a toll
TOLL_AND_PASSIVE = [
    ("The market attack was claimed by the Halab Brigade, a local militia.", "was claimed", "responsibility",
     "the Halab Brigade, a local militia", "The market attack"),
    ("Both bombings were claimed by the Northern Front, a new group.", "were claimed", "responsibility",
     "the Northern Front, a new group", "Both bombings"),
    ("By nightfall the provincial health office put the death toll at nine.", "put", None,
     "the provincial health office", "the death toll at nine"),
    ("Volunteers gave a higher toll of 14 dead.", "gave", "report", "Volunteers", "a higher toll of 14 dead"),
]


@pytest.mark.parametrize("text, cue, kind, source, content", TOLL_AND_PASSIVE)
def test_passive_claims_and_tolls(run, text, cue, kind, source, content):
    text, found = run(text)
    a = _by_cue(text, found, cue)
    if kind:
        assert a["kind"] == kind
    assert _txt(text, a["source"]) == source
    assert _txt(text, a["content"]) == content


@pytest.mark.parametrize("text", [
    "She gave him a book before the meeting.",
    "They put the car in the garage.",
    "The army raised the flag over the town hall.",
    "The attack was planned by a small cell.",
])
def test_toll_and_claim_verbs_without_a_toll_or_claim_do_not_fire(run, text):
    text, found = run(text)
    assert found == []


def test_statement_giving_a_figure_is_a_report(nlp):
    doc = nlp("May 2, 2018\n\nA bomb exploded at a bus station in Jos on Tuesday. The state police said four "
              "people were killed.")
    kinds = {doc.text[a["cue"]["start_char"]:a["cue"]["end_char"]]: a["kind"] for a in doc._.cs_attributions}
    assert kinds.get("said") == "report"
