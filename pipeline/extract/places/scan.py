"""Where a place mention is found: the scans of `PlaceFinder.find`, as tables of named rules.

`SCANS` runs in order over one doc; each scan claims spans (a claimed token is not scanned again) and names
the mention's `source`, which becomes the payload's `rule` (dateline, facility, ner, demonym, cue, echo,
gazetteer). Within a scan the rules are tables of (name, condition, outcome), tried in order. Every word list
and window comes from the lexicon (`scan` and the lists named in places.json's `_comment`).
"""
from __future__ import annotations

from typing import Callable, Optional

from spacy.tokens import Doc, Span

from pipeline.extract._doc import tokens
from pipeline.extract.places import gazetteer as gz
from pipeline.extract.places.shapes import _NUMERIC, _cap, _real_ent, _trim


class Scan:
    """The state of the scans over one doc: entities by token, claimed tokens, the mentions so far."""

    def __init__(self, f, doc: Doc):
        self.doc = doc
        self.ents = list(doc.ents)
        self.ent_of = {t.i: e for e in self.ents for t in e}
        self.mentions: list[dict] = []
        self.taken = [False] * len(doc)
        self.text = f._txt(doc)
        self.toks = tokens(doc)
        self.caps = [t.i for t in self.toks if t.text[:1].isupper()]  # candidates for every scan below
        self.heads = f._headlines(doc)
        self.sx = f.lx["scan"]

    def claim(self, span: Span, **kw) -> None:
        for t in span:
            self.taken[t.i] = True
        self.mentions.append(dict(span=span, **kw))

    def in_headline(self, char: int) -> bool:
        return any(a <= char < b for a, b in self.heads)

    def free(self, sp: Span) -> bool:
        return not any(self.taken[t.i] for t in sp)


# ---------------------------------------------------------------------- 0. datelines
def scan_datelines(f, st: Scan) -> None:
    """An all-capitals place name opening a line ("LAKEVILLE —", "PORT ELLIS, Maine (AP)"); the small model
    tags such words as anything (ADV, VERB, ORG)."""
    for sp in f._datelines(st.doc):
        st.claim(sp, source="dateline", ent=_real_ent(st.ent_of.get(sp.start)))


# ---------------------------------------------------------------------- 1. facilities
def scan_facilities(f, st: Scan) -> None:
    """Facilities named after a place: "<Place> ... Airport" (ORG/FAC/no entity), and streets the model
    calls a place ("Birch Ave."); a leading demonym ("the Ruritanian Vell Airport") is its own mention."""
    for e in st.ents:
        if len(e) < 2 or not (e.label_ in st.sx["facility_entity_labels"] and f._facility_head(e) or (
                e.label_ in st.sx["street_entity_labels"] and e[-1].lower_ in f.street_heads)):
            continue
        sp = _trim(e)
        if sp is None or not st.free(sp):
            continue
        sp, dem = _strip_demonyms(f, st, sp)
        if len(sp) < 2 or not all(_cap(t) or t.text == "-" for t in sp):
            continue
        # a street is not in the place it is named after ("Bordeaux Avenue" in a US town): it gets the settlement
        # it is in from the article (places/link.py), an airport or a port keeps its name's place
        base = None if sp[-1].lower_ in f.street_heads else f._longest_match(st.doc, sp.start, sp.end - 1)
        if base is not None and st.in_headline(sp.start_char):
            continue  # "... Guards at Vell Checkpoint" in a headline: its capitals, the place is its own mention
        st.claim(sp, source="facility", ent=e, base=base, demonym=dem)


def _strip_demonyms(f, st: Scan, sp: Span) -> tuple[Span, Optional[int]]:
    """The facility name without its leading demonyms, and the demonym (inside, else right before it)."""
    dem = None
    while len(sp) > 2 and f.gaz.demonym(sp[0].text) is not None:
        dem = f.gaz.demonym(sp[0].text)
        sp = sp[1:]
    if dem is None and sp.start > 0 and _cap(st.toks[sp.start - 1]):
        dem = f.gaz.demonym(st.toks[sp.start - 1].text)  # the demonym outside the entity
    return sp, dem


def scan_prefix_facilities(f, st: Scan) -> None:
    """Facilities named by a leading head noun (lexicon `facility_prefix_heads`, case-sensitive): "Camp Vell"."""
    if not (f.prefix_heads and any(h in st.text for h in f.prefix_heads)):  # once per doc
        return
    toks, n, limit = st.toks, len(st.doc), st.sx["prefix_facility_max_words"]
    for t in (toks[i] for i in st.caps):
        if t.text in f.prefix_heads and t.i + 1 < n and _cap(toks[t.i + 1]) and not st.taken[t.i] \
                and not st.taken[t.i + 1] and (t.i == 0 or not _cap(toks[t.i - 1]) or toks[t.i - 1].is_sent_start):
            end = t.i + 1
            while end < n and end - t.i < limit and _cap(toks[end]) and not st.taken[end]:
                end += 1
            st.claim(st.doc[t.i:end], source="facility", ent=st.ent_of.get(t.i), base=None)


# ---------------------------------------------------------------------- 2. the model's place entities
SKIP = object()  # an NER step's verdict: not a mention (the step may have claimed another span)


def ner_extend(f, st: Scan, e: Span, sp: Span):
    """A gazetteer match that extends the entity ("Vell" + "-Oskby") wins; a trailing "'s" goes."""
    longer = f._longest_match(st.doc, sp.start, min(len(st.doc), sp.end + st.sx["ner_extension_words"]))
    if longer is not None and longer.end > sp.end and longer.start == sp.start:
        sp = longer
    if sp.text.endswith("'s"):
        sp = st.doc[sp.start: sp.end - 1] if len(sp) > 1 else sp
    return sp


def ner_direction_of(f, st: Scan, e: Span, sp: Span):
    """"the North of Ruritania": Ruritania, located by "north of"."""
    if len(sp) >= 3 and sp[0].lower_ in f.directions and sp[1].lower_ == "of" and f.lookup(sp[2:].text, fuzzy=False):
        sp = sp[2:]
    return sp


def ner_demonym(f, st: Scan, e: Span, sp: Span):
    """A demonym the model tags as a place ("Ruritanian"): the demonym scan decides."""
    if len(sp) == 1 and f.gaz.demonym(sp.text) is not None and not f.lookup(sp.text, fuzzy=False):
        return SKIP
    return sp


def ner_headline_run(f, st: Scan, e: Span, sp: Span):
    """A headline's capitals run on after the place ("Siege of Lakeville Library Ends"): the place alone,
    as a headline word (the article must use it as a place)."""
    if len(sp) >= 2 and st.in_headline(sp.start_char) and not f.lookup(sp.text, fuzzy=False):
        pre = f._longest_match(st.doc, sp.start, sp.end)
        if pre is not None and pre.end < sp.end:
            st.claim(pre, source="gazetteer", ent=None)
            return SKIP
    return sp


def ner_type_noun_modifier(f, st: Scan, e: Span, sp: Span):
    """"the Tarvish village of Oskby": an unknown word modifying the type noun is not a place."""
    toks, end = st.toks, sp.end
    if end + 1 < len(st.doc) and toks[end].lower_ in f.type_of and toks[end].text.islower() \
            and toks[end + 1].lower_ == "of" and not f.lookup(sp.text, fuzzy=False):
        return SKIP
    return sp


# (name, step): each returns the span (perhaps changed) or SKIP
NER_STEPS: list[tuple[str, Callable]] = [
    ("extend-by-gazetteer", ner_extend),
    ("direction-of", ner_direction_of),
    ("demonym-as-place", ner_demonym),
    ("headline-run", ner_headline_run),
    ("type-noun-modifier", ner_type_noun_modifier),
]


def scan_ner(f, st: Scan) -> None:
    """The model's place spans (lexicon `ner_labels`, minus `not_places`), adjusted by NER_STEPS."""
    for e in st.ents:
        if e.label_ not in f.labels or not st.free(e):
            continue
        sp = _trim(e)
        if sp is None or gz.norm(sp.text) in f.block or not any(c.isupper() for c in sp.text):
            continue
        for _name, step in NER_STEPS:
            sp = step(f, st, e, sp)
            if sp is SKIP:
                break
        if sp is not SKIP:
            st.claim(sp, source="ner", ent=e)


# ---------------------------------------------------------------------- 3. demonyms
def dem_name(f, st, sp, n):
    """"Ruritanian Republic" is a name, not a demonym."""
    longer = f._longest_match(st.doc, sp.start, min(len(st.doc), sp.start + st.sx["demonym_name_window"]),
                              taken=st.taken)
    return longer is not None and len(longer) > n


def dem_pair(f, st, sp, n):
    """"the Ruritanian-Tarvish border": two demonyms joined by a hyphen."""
    nxt = st.toks[sp.end] if sp.end < len(st.doc) else None
    return nxt is not None and nxt.text == "-" and not sp[-1].whitespace_ and sp.end + 1 < len(st.doc) \
        and f.gaz.demonym(st.toks[sp.end + 1].text) is not None


def dem_no_noun(f, st, sp, n):
    """A demonym modifies a noun, a proper noun or an adjective (not a hyphen)."""
    nxt = st.toks[sp.end] if sp.end < len(st.doc) else None
    return nxt is None or nxt.pos_ not in st.sx["demonym_next_pos"] or nxt.text == "-"


def dem_language(f, st, sp, n):
    """"Ruritanian-speaking", "the Ruritanian language": a language."""
    return st.toks[sp.end].lower_ in st.sx["language_nouns"] or (
        sp.end + 1 < len(st.doc) and st.toks[sp.end].text == "-")


def dem_in_name(f, st, sp, n):
    """Inside an organisation's name ("the United Ruritanian Front")."""
    e = st.ent_of.get(sp.start)
    return e is not None and e.label_ in st.sx["demonym_name_labels"] and len(e) > n and e.start < sp.start


def dem_not_place_noun(f, st, sp, n):
    """Lexicon `demonyms: place_nouns`: only before a place noun ("the Ruritanian border")."""
    return f.demonym_mode == "place_nouns" and st.toks[sp.end].lower_ not in f.place_nouns


# (name, condition, outcome): True claims the demonym, False stops at this word
DEMONYM_RULES: list[tuple[str, Callable, bool]] = [
    ("name-not-demonym", dem_name, False),
    ("demonym-pair", dem_pair, True),
    ("no-noun-after", dem_no_noun, False),
    ("language", dem_language, False),
    ("inside-organisation", dem_in_name, False),
    ("place-noun-only", dem_not_place_noun, False),
]


def scan_demonyms(f, st: Scan) -> None:
    """Demonyms used as modifiers (rule "demonym"; references, see `link`)."""
    if f.demonym_mode == "off":
        return
    doc, toks, taken, text = st.doc, st.toks, st.taken, st.text
    for i in st.caps:
        if taken[i]:
            continue
        for n in (2, 1):
            if i + n > len(doc):
                continue
            last = toks[i + n - 1]  # doc[i:i + n] is made only for a demonym (most capitals are none)
            if taken[i + n - 1] or last.is_punct:
                continue
            idx = f.gaz.demonym(text[toks[i].idx:last.idx + len(last.text)])  # == doc[i:i + n].text
            if idx is None:
                continue
            sp = doc[i: i + n]
            claim = next((out for _name, cond, out in DEMONYM_RULES if cond(f, st, sp, n)), True)
            if claim:
                st.claim(sp, source="demonym", ent=st.ent_of.get(i), entry=idx)
            break


# ---------------------------------------------------------------------- 4. gazetteer scan and unknown names
def run_type_noun(f, st: Scan, i: int, run: int, sp, e):
    """"the hamlet of Vell Oskby": the whole name after a settlement noun, even when a part of it is a known
    place (rule "cue")."""
    cand = st.doc[i:run]
    if any(st.toks[k].lower_ in f.type_of for k in range(max(0, i - st.sx["type_noun_lookback"]), i)) \
            and f._cue(st.doc, cand)["type_before"] in st.sx["settlement_types"]:
        return cand, {}
    return None


def run_post(f, st: Scan, i: int, run: int, sp, e):
    """An unknown name after a military post ("stormed the army base at Tsombe", lexicon `post_heads`)."""
    toks = st.toks
    if sp is None and i >= 2 and toks[i - 1].lower_ in st.sx["post_prepositions"] \
            and toks[i - 2].lower_ in f.post_heads and not toks[i].is_sent_start \
            and (e is None or (e.start == i and e.end <= run and e.label_ in st.sx["post_entity_labels"])):
        return st.doc[i:run], {}
    return None


def run_echo(f, st: Scan, i: int, run: int, sp, e):
    """An unknown name the model tags as a place elsewhere in the article ("The Tsombe raid"; accepted only
    if a confident mention of the same name exists: second pass)."""
    cand = st.doc[i:run]
    if sp is None and gz.norm(cand.text) in st.ner_names:
        if len(cand) > 1 and cand[0].lower_ in st.sx["articles"]:
            cand = cand[1:]
        return cand, {}
    return None


def run_locality(f, st: Scan, i: int, run: int, sp, e):
    """"the Harbour district of Lakeville": a named part of a place (lexicon `locality_heads`), with its noun."""
    toks = st.toks
    if sp is None and run + 2 < len(st.doc) and toks[run].lower_ in f.locality_heads \
            and toks[run + 1].lower_ == "of" and _cap(toks[run + 2]) and not st.taken[run]:
        return st.doc[i:run + 1], {"locality": True}
    return None


# (name, source, condition -> (span, extra keys) | None): tried on a capitalised run the gazetteer does not
# cover whole; the first that holds claims its span with that source
RUN_RULES: list[tuple[str, str, Callable]] = [
    ("type-noun-before", "cue", run_type_noun),
    ("military-post", "cue", run_post),
    ("echo", "echo", run_echo),
    ("named-locality", "cue", run_locality),
]


def _cap_run(st: Scan, i: int) -> int:
    """The end of the capitalised run from token i (hyphen-joined words included)."""
    toks, n, run = st.toks, len(st.doc), i
    while run < n and run - i < st.sx["max_run_words"] and not st.taken[run] and (_cap(toks[run]) or (
            toks[run].text == "-" and not toks[run - 1].whitespace_ and run + 1 < n and _cap(toks[run + 1]))):
        run += 1
    return run


def _scan_at(f, st: Scan, i: int) -> int:
    """Try the run rules, then the gazetteer match, at token i; returns where the scan goes on."""
    sp = f._longest_match(st.doc, i, min(len(st.doc), i + f.gaz.max_words + 4), taken=st.taken)
    run = _cap_run(st, i)
    cand = st.doc[i:run]
    e = _real_ent(st.ent_of.get(i))
    if (sp is None or sp.end < run) and len(cand) <= st.sx["max_run_words"] \
            and (e is None or e.label_ not in _NUMERIC) and gz.norm(cand.text) not in f.block:
        for _name, source, rule in RUN_RULES:
            got = rule(f, st, i, run, sp, e)
            if got is not None:
                span, extra = got
                st.claim(span, source=source, ent=e, **extra)
                return span.end
    if sp is None:
        return i + 1
    if len(sp) > 1 and sp[0].lower_ in st.sx["articles"]:
        sp = sp[1:]  # "The Oskby raid": the name without its article
    st.claim(sp, source="gazetteer", ent=e)
    return sp.end


def scan_gazetteer(f, st: Scan) -> None:
    """Capitalised n-grams the gazetteer knows (rule "gazetteer"), and unknown names by RUN_RULES."""
    st.ner_names = {gz.norm(m["span"].text) for m in st.mentions if m["source"] == "ner"}
    caps, toks = st.caps, st.toks
    ci = i = 0
    while ci < len(caps):
        i = max(i, caps[ci])
        ci += 1
        if i != caps[ci - 1]:
            continue  # inside the previous match
        if st.taken[i] or not _cap(toks[i]):
            continue
        i = _scan_at(f, st, i)


# (name, scan): in order; a claimed token is not scanned again
SCANS: list[tuple[str, Callable]] = [
    ("dateline", scan_datelines),
    ("facility", scan_facilities),
    ("facility-prefix", scan_prefix_facilities),
    ("ner", scan_ner),
    ("demonym", scan_demonyms),
    ("gazetteer", scan_gazetteer),
]


def scan(f, doc: Doc) -> Scan:
    """All mention scans over a doc; the mentions in text order."""
    st = Scan(f, doc)
    for _name, run in SCANS:
        run(f, st)
    st.mentions.sort(key=lambda m: m["span"].start)
    return st
