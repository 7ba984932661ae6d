"""Doc extensions shared by the claimscope components.

Each component stores plain dicts (JSON-able) with character offsets
`start_char`/`end_char` into `doc.text`; `records.doc_to_extraction` turns them
into the typed output. Char offsets (not token spans) because values such as
"16-17th" or "2007/" do not fall on token boundaries.

Payload keys per extension (besides start_char/end_char):
- cs_dates:        start, end (ISO dates), granularity, relative, rule
- cs_places:       name, geonameid, country, admin1, lat, lon, coords, feature, relation, distance_km, rule
                   (not output: within_feature, the feature of the place a building or part of town lies in;
                   country_from "demonym" when only a demonym gives the country)
- cs_casualties:   kind, count, low, high, qualifier, group, total, rule, flags, attribution_idxs
- cs_attributions: kind, source {name,start_char,end_char} | None, cue {..}, content {..},
                   hedged, hedge {..} | None
- cs_attribution_spans: the learned tagger's predictions (not output): cue {..}, source {..} | None,
                   content {..} | None, score (the cue's margin), _tok (token ranges); read by cs_attributions
- cs_events:       type, date (a cs_dates dict or None), places [cs_places dicts, most specific first],
                   casualties [cs_casualties dicts], actors [{role,name,start_char,end_char}],
                   attribution_idxs [indexes into cs_attributions], trigger {start_char,end_char,text},
                   triggers [(start_char, end_char)] (every trigger word of the mention), clause_start/clause_end,
                   sent_start/sent_end, mentions [{start_char,end_char,type,clause_start,clause_end,sent_start,
                   sent_end,dates,rule}] (later mentions of the same incident; linkers may use them; not output),
                   rule (the trigger rule that found the incident; on a mention, the same-incident rule that
                   merged it; not output),
                   geo (set by places.link: country, admin1, admin2, geo_precision, lat, lon, geo_rule,
                   geo_place {name, geonameid, index, coords, start_char, end_char}; places/geo.py)

doc.user_data["claimscope.place_references"]: demonyms used as places ("the Russian border") and places inside
organisation names (rule "embedded"), with the keys of cs_places; read with places.references(doc); output
as `references[]`, never linked to events as toponyms.
"""
from __future__ import annotations

from spacy.tokens import Doc

EXTENSIONS = ("cs_meta", "cs_dates", "cs_places", "cs_casualties", "cs_attribution_spans", "cs_attributions", "cs_events")


def register_extensions() -> None:
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register_extensions()


def meta(doc: Doc) -> dict:
    """Article context set before the pipeline runs: published (ISO date or None), dateline (start, end) ..."""
    return doc._.cs_meta or {}


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per Doc. spaCy rebuilds `Doc.text` from every token on each access (about 1 ms for
    a news article); components that need the text several times should call this instead."""
    text = doc.user_data.get("cs_text")
    if text is None:
        text = doc.user_data["cs_text"] = doc.text
    return text


_TOKENS: list = [None, []]  # [doc, its tokens]: one doc at a time (components run doc by doc)


def tokens(doc: Doc) -> list:
    """`list(doc)`, built once per Doc. spaCy makes a new Token object on every `doc[i]` and on every
    iteration; hot loops index this list instead (the same tokens, so the same values)."""
    if _TOKENS[0] is not doc:
        _TOKENS[0], _TOKENS[1] = doc, list(doc)
    return _TOKENS[1]


_ENTS: list = [None, ()]


def ents(doc: Doc) -> tuple:
    """`doc.ents`, built once per Doc (spaCy builds every entity Span on each access). Only for components
    that do not change the entities."""
    if _ENTS[0] is not doc:
        _ENTS[0], _ENTS[1] = doc, doc.ents
    return _ENTS[1]


def values(doc: Doc, name: str) -> list[dict]:
    """The payload list of one extension (empty when the component did not run)."""
    return getattr(doc._, name) or []


_KIDS: list = [None, []]


def children(tok) -> list:
    """`list(tok.children)`, from an index built once per Doc. spaCy finds a token's children by scanning its
    whole subtree on every `.children`, so rules that ask it for each token of a long chain ("killed killed
    ...", one verb governing a thousand words) were quadratic; the same tokens in the same order."""
    doc = tok.doc
    if _KIDS[0] is not doc:
        toks = tokens(doc)
        kids: list[list] = [[] for _ in toks]
        for t in toks:
            h = t.head.i
            if h != t.i:
                kids[h].append(t)
        _KIDS[0], _KIDS[1] = doc, kids
    return _KIDS[1][tok.i]


_DEPS: list = [None, {}]


def child_deps(tok) -> dict:
    """The children of `tok` by dependency label ({"nsubj": [...], ...}), built once per token and Doc: a rule
    that asks "has this verb a subject?" for each of a thousand coordinated verbs costs one look-up each."""
    doc = tok.doc
    if _DEPS[0] is not doc:
        _DEPS[0], _DEPS[1] = doc, {}
    memo = _DEPS[1]
    got = memo.get(tok.i)
    if got is None:
        got = memo[tok.i] = {}
        for c in children(tok):
            got.setdefault(c.dep_, []).append(c)
    return got
