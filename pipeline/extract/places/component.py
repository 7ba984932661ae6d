"""Places extractor: every place mention, resolved offline to GeoNames, and the places of each event.

The rules are tables of named rules, each in its module (word lists, windows and weights in
models/lexicons/places.json, one `_doc` note per section):
- scan.py, SCANS -- where a mention is found: datelines in capitals ("LAKEVILLE —", "PORT ELLIS, Maine (AP)"),
  facilities named after a place ("Oskby Airport", "Camp Vell"), the model's GPE/LOC/FAC spans (NER_STEPS
  adjust them), demonyms modifying a noun ("the Ruritanian border": rule "demonym"), and a gazetteer scan of
  capitalised n-grams the small model labels PERSON, ORG or nothing, with RUN_RULES for unknown names after a
  type noun or a military post ("the hamlet of Vell Oskby", "the army base at Tsombe"), named parts of a place
  ("the Harbour district of Lakeville") and echoes of a name the model tags as a place elsewhere.
- cues.py, CUE_RULES -- the words around a mention: a type noun before or after it, its preposition, a weak
  preposition ("the road to Tsombe"), a distance ("some 40 km from"), a dateline, a shared plural type noun.
- accept.py, ACCEPT_RULES -- whether a mention is a place on its own evidence: a gazetteer-only match needs a
  cue, a strong reading (country, first-level region, known region) or the article's countries; a match
  inside a longer person or organisation name ("Mara Vell", "the Vell Liberation Front") is not a place,
  nor a bare name that is the subject of a speech verb ("Oskby said"), unless a country.
- evidence.py, SECOND_PASS_RULES -- article-level evidence: one sense per discourse ("in Oskby" ... "The Oskby
  raid"), coordination with a sure place of the same country ("Vell, Oskby and Tsombe"), spelling variants
  ("Gimry (now written Gimri)", which take its reading); a bare name the article uses inside a person's
  name is vetoed.
- here: containment ("Duncan, Oklahoma": resolved inside the region that follows), the usage of a name shared
  by a division and a settlement ("the province of Vell" twice makes a bare "Vell" the province, unless it
  is coordinated with a settlement), names inside an organisation the article spells out before its acronym
  ("the Brotherhood of the Greater Sahara (BGS)"), title-case headlines (their words count only when the
  article uses them as places), EMIT_RULES (what an accepted mention emits) and RELATION_RULES.
- link.py -- the linking stage (`link(doc, events, lexicon)`, with the lexicon the events component passes).

How a mention is resolved: candidates from the gazetteer (exact name, alternate or former name, then
transliteration skeleton), scored (lexicon `score`) by kind, population, the cue ("the town of X" -> a
settlement, "X district" -> a division), the countries and first-level regions the article names, spatial
coherence with the article's other names, a containing region given right after the name, and a demonym
before a type noun ("the Tarvish hamlet of Vell": only places of that country; the reading holds for the
later mentions). An alternate name that only drops a generic word of the main name, or only abbreviates it,
counts as the main name. A name that cannot be resolved is kept with `geonameid` None; a transliteration match
is used only in a country the article names.

What we emit (`doc._.cs_places`): literal, metonymic ("Ruritania's economy") and mixed uses and toponyms used
as modifiers ("the Lakeville police"); not places inside organisation names (GeoWebNews' Embedded types),
languages, or demonyms (references only, kept in `doc.user_data`, see `references(doc)`; lexicon option
`demonyms_as_toponyms: true` emits them too). `rule` says how a mention was found: ner, gazetteer, demonym,
facility, dateline, cue, echo, jurisdiction, with "+fuzzy" for a transliteration match and "+discourse",
"+coordination", "+alias", "+containment" for the article-level evidence that accepted it. Lexicon option
`embedded_in_names: true` also keeps a well-known place inside an organisation name (rule "embedded") as a
reference, like demonyms (output `references[]`, never linked to events).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline.extract._component import Component, LinkStage
from pipeline.extract._doc import doc_text, tokens
from pipeline.extract.places import gazetteer as gz
from pipeline.extract.places import ranker as ranker_mod
from pipeline.paths import model_file
from pipeline.extract.places.shapes import (  # noqa: F401
    _DIST, _lex, _ALIAS_GAP, _ACRONYM, _WORD, _APPOSITION, _GLUED_DATELINE, _LINE_CAPS, _WITHIN_GAP, _COORD_GAP, _NUMERIC, _COUNTS, _list_entity, _real_ent, _has_cue, _core_name, _unabbreviate, _in_quoted_name, _quoted, _cap, _trim,
)
from pipeline.extract.places.accept import accept
from pipeline.extract.places.cues import cue
from pipeline.extract.places.evidence import second_pass
from pipeline.extract.places.scan import scan
from pipeline.extract.places.link import REFS_KEY, _dateline, is_reference, link, references  # noqa: F401 (re-exported)

class PlaceFinder:
    """The rules of the module docstring over one doc; `find()` returns cs_places payloads."""

    def __init__(self, lexicon: dict, gaz: gz.Gazetteer):
        self.lx = lexicon
        self.gaz = gaz
        self.labels = set(lexicon.get("ner_labels", ["GPE", "LOC", "FAC"]))
        self.block = {gz.norm(w) for w in lexicon.get("not_places", [])}
        self.preps = {k.lower(): v for k, v in lexicon.get("prepositions", {}).items()}
        self.type_of = {k.lower(): v for k, v in lexicon.get("type_nouns_before", {}).items()}
        self.type_after = {k.lower(): v for k, v in lexicon.get("type_nouns_after", {}).items()}
        self.facility_heads = _lex(lexicon, "facility_heads")
        self.street_heads = _lex(lexicon, "street_heads")
        self.jurisdiction_heads = _lex(lexicon, "jurisdiction_heads")
        self.qualified_heads = {k.lower(): {w.lower() for w in v}
                                for k, v in lexicon.get("qualified_facility_heads", {}).items()}
        self.speech = _lex(lexicon, "speech_verbs")
        self.connectors = _lex(lexicon, "name_connectors")
        self.titles = _lex(lexicon, "person_titles")
        self.place_nouns = _lex(lexicon, "place_nouns")
        self.prefix_heads = set(lexicon.get("facility_prefix_heads", []))  # case-sensitive: "Camp Vell"
        self.weak_preps = _lex(lexicon, "weak_prepositions")
        self.locality_heads = _lex(lexicon, "locality_heads")
        self.post_heads = _lex(lexicon, "post_heads")
        self.weak_prep_heads = _lex(lexicon, "weak_preposition_excluded_heads")
        self.demonym_mode = lexicon.get("demonyms", "modifiers")
        self.embedded = bool(lexicon.get("embedded_in_names", False))
        self.directions = _lex(lexicon, "direction_words")
        self.town_part_heads = _lex(lexicon, "town_part_heads")
        self.acronym_connectors = _lex(lexicon, "acronym_connectors")
        self.sure_preps = _lex(lexicon, "sure_prepositions")
        self.generic_words = _lex(lexicon, "generic_name_words")
        self.abbreviations = {k.lower(): v.lower() for k, v in lexicon["name_abbreviations"].items()}
        self.w = lexicon["score"]
        self.level_prior = {getattr(gz, k.upper()): v for k, v in self.w["level_prior"].items()}
        self._memo: dict[tuple[str, bool], list] = {}
        self._named_countries: set = set()
        self._skels: dict[str, str] = {}
        self._text_doc: Optional[Doc] = None
        self._text = ""
        self.ranker: Optional[ranker_mod.Ranker] = None  # the learned namesake ranker (places/ranker.py)
        self.recorder: Optional[dict] = None  # training: (start, end) -> candidates and their features

    def _txt(self, doc: Doc) -> str:
        """The doc's text, computed once per doc (spaCy rebuilds the string on every access)."""
        if self._text_doc is not doc:
            self._text_doc, self._text = doc, doc_text(doc)
        return self._text

    def lookup(self, text: str, fuzzy: bool = True) -> list:
        """Gazetteer lookup, memoised per finder (names repeat within and across articles)."""
        key = (text, fuzzy)
        got = self._memo.get(key)
        if got is None:
            if len(self._memo) > 200000:
                self._memo.clear()
            got = self._memo[key] = self.gaz.lookup(text, fuzzy=fuzzy)
        return got

    # ------------------------------------------------------------------ candidates in the text
    def find(self, doc: Doc) -> list[dict]:
        st = scan(self, doc)
        mentions = st.mentions
        self._annotate(doc, mentions, st.heads)
        ok, ctx = self._decide(doc, mentions, st.ents, st.heads)
        out = self._emit(doc, mentions, ok, ctx, st.ents)
        self._relations(doc, out)
        out = [p for p in out if not (p.pop("_weak", False) and p["relation"] is None)]
        return self._glued_datelines(doc, out, ctx)

    def _annotate(self, doc: Doc, mentions: list[dict], heads: list[tuple[int, int]]) -> None:
        """Each mention's candidates, cue, headline flag, and whether it lies inside an acronym's name."""
        orgs = self._acronym_names(doc)
        for m in mentions:
            a0, b0 = m["span"].start_char, m["span"].end_char
            if any(a <= a0 and b0 <= b and (a, b) != (a0, b0) for a, b in orgs):
                m["in_org"] = True  # "the People's Front of Lower Vell (PFLV)"
            m["cands"] = self._candidates(m)
            m["cue"] = self._cue(doc, m["span"])
            m["headline"] = any(a <= a0 < b for a, b in heads)

    def _decide(self, doc: Doc, mentions: list[dict], ents: list, heads) -> tuple[list[bool], dict]:
        """Which mentions are places: the accept rules, again with the accepted mentions' countries, then the
        article-level evidence (second pass, containment, admin usage)."""
        ctx = self._context(mentions)
        self._named_countries = self._countries_named(mentions)
        # tokens of multi-word person names outside headlines ("Mara Oskby" -> a later bare "Oskby" is her)
        self._persons = {gz.norm(t.text) for e in ents if e.label_ == "PERSON" and 2 <= len(e) <= 3
                         and not any(a <= e.start_char < b for a, b in heads)
                         and all(_cap(t) for t in e) for t in e}
        ok = [self._accept(doc, m, ctx) for m in mentions]
        if any(ok):
            # the countries of the accepted mentions (a country the model calls a person included) decide
            # again on the rejected ones ("the road to Tsombe" in an article about Ruritania)
            ctx = self._context([m for m, a in zip(mentions, ok) if a], accepted=True)
            ok = [a or self._accept(doc, m, ctx) for m, a in zip(mentions, ok)]
            ctx = self._context([m for m, a in zip(mentions, ok) if a], accepted=True)
        if self.ranker is not None or self.recorder is not None:
            ctx["points"] = ranker_mod.context_points(self, mentions, ok)
            ctx["dateline"] = ranker_mod.dateline_reading(self, mentions, ok)
        self._second_pass(doc, mentions, ok, ctx)
        self._region_namesakes(mentions, ok, ctx)
        self._containment(doc, mentions, ok, ctx)
        ctx["support"] = self._support(mentions, ok)
        self._admin_usage(doc, mentions, ok, ctx)
        return ok, ctx

    def _countries_named(self, mentions: list[dict]) -> set:
        """Countries the article names as countries (by a main name)."""
        named = set()
        for m in mentions:
            if m["cands"] and m["source"] != "demonym":
                e, alt, fz = max(m["cands"], key=lambda c: self._prior(*c))
                if e.level == gz.COUNTRY and not alt and not fz:
                    named.add(e.country)
        return named

    def _emit(self, doc: Doc, mentions: list[dict], ok: list[bool], ctx: dict, ents: list) -> list[dict]:
        """Payloads of the accepted mentions; a name resolved under a constraint ("the Tarvish hamlet of Vell")
        keeps that reading in its other mentions ("near Vell")."""
        people = {gz.norm(t.text) for e in ents if e.label_ in self.lx["resolve"]["person_labels"] for t in e}
        fixed: dict[str, Optional[tuple]] = {}
        for m, accepted in zip(mentions, ok):
            if accepted and m.get("constrained") and "copy" not in m:
                fixed.setdefault(gz.norm(m["span"].text), self._resolve(m, ctx))
        out = []
        for m, accepted in zip(mentions, ok):
            if not accepted:
                continue
            key = gz.norm(m["span"].text)
            best = m["copy"] if "copy" in m else fixed[key] if key in fixed else self._resolve(m, ctx)
            best = self._emit_rules(m, best, ctx, people)
            if best is _DROP:
                continue
            if m.get("outside") is not None:
                best = None  # none of its namesakes lies in the area the text puts it in
            m["best"] = best
            pl = self._payload(doc, m, best)
            if self._weak(m, best, pl, ctx):
                pl["_weak"] = True
            out.append(pl)
        return out

    def _emit_rules(self, m: dict, best, ctx: dict, people: set):
        """EMIT_RULES in order: the resolution to emit (None: unresolved), or _DROP."""
        for _name, cond, action in EMIT_RULES:
            if cond(self, m, best, ctx, people):
                if action == "drop":
                    return _DROP
                best = None
        return best

    def _weak(self, m: dict, best, pl: dict, ctx: dict) -> bool:
        """The model's place label alone, on a name the gazetteer does not know ("Glimmerton" as a brand) or on
        a village far from the article's countries: kept only with a locative relation."""
        rx = self.lx["resolve"]
        return m["source"] == "ner" and not m.get("via") and (
            (best is None and pl["feature"] in rx["weak_unknown_features"])
            or (best is not None and best[0].level == gz.CITY and best[0].population < gz.VILLAGE_MAX_POP
                and not ctx["countries"].get(best[0].country)))

    def _glued_datelines(self, doc: Doc, out: list[dict], ctx: dict) -> list[dict]:
        """A dateline glued to the text before it by a lost line break ("...cleaning gunCOLTON, Ore. (KOIN) —"):
        the capitals are the place, whatever token the model made of them."""
        text = self._txt(doc)
        found = []
        for mt in _GLUED_DATELINE.finditer(text, 0, min(len(text), 2000)):
            a, b = mt.span("name")
            name = mt.group("name")
            if gz.norm(name) in self.block or any(p["start_char"] <= a < p["end_char"] and p["start_char"] == a
                                                  for p in out):
                continue
            cands = [(self.gaz.entry(i), alt, fz) for i, alt, fz in self.lookup(name, fuzzy=False)]
            if not cands:
                continue
            pseudo = {"cands": cands, "source": "dateline", "span": None,
                      "cue": {"type_before": None, "type_after": None, "prep": "in", "distance": None}}
            within = next((p for p in out if p["start_char"] >= b and p["start_char"] - b <= 3
                           and p["feature"] in ("country", "admin_region") and p["geonameid"]), None)
            if within is not None:  # "COLTON, Ore.": inside that state
                pseudo["cands"] = [c for c in cands if c[0].country == within["country"] and (
                    within["feature"] == "country" or within["admin1"] is None
                    or self.gaz.admin1_name(c[0].country, c[0].admin1_code) == within["admin1"])]
                if not pseudo["cands"]:
                    # a place the gazetteer does not know in that state: located by the state, no id
                    found.append({"start_char": a, "end_char": b, "name": name.title(), "geonameid": None,
                                  "country": within["country"], "admin1": within["admin1"], "lat": None,
                                  "lon": None, "coords": None, "feature": "city", "relation": "in", "distance_km": None,
                                  "rule": "dateline"})
                    continue
            e = max(self._score_all(pseudo, ctx), key=lambda sc: sc[0])[1][0]
            p = {"start_char": a, "end_char": b, "name": e.name, "geonameid": e.geonameid, "country": e.country,
                 "admin1": self.gaz.admin1_name(e.country, e.admin1_code) if e.level not in (gz.ADMIN1, gz.COUNTRY)
                 else (e.name if e.level == gz.ADMIN1 else None),
                 "lat": e.lat, "lon": e.lon, "coords": e.coords, "feature": e.feature, "relation": "in",
                 "distance_km": None,
                 "rule": "dateline"}
            found.append(p)
        if not found:
            return out
        # a model entity across the glued boundary ("shootingDUNCANNON") is replaced by the dateline
        keep = [p for p in out if not any(p["start_char"] < f["start_char"] < p["end_char"] for f in found)]
        return sorted(keep + found, key=lambda p: p["start_char"])

    def _acronym_names(self, doc: Doc) -> list[tuple[int, int]]:
        """Character ranges of organisation names that the article spells out before their acronym ("the
        Brotherhood of the Greater Sahara (BGS)", "the National Guard of Ruritania (NGR)"), and of their
        later repetitions: a place inside such a name is part of the name. A name that is itself a place
        ("Democratic Republic of the Congo (DRC)") is not one."""
        text = self._txt(doc)
        names = set()
        for mt in _ACRONYM.finditer(text):
            letters = [c for c in mt.group(1) if c.isupper()]
            lo = max(0, mt.start() - 160)
            words = list(_WORD.finditer(text, lo, mt.start()))
            k, need, start = len(words) - 1, len(letters) - 1, None
            while k >= 0 and need >= 0:
                w = words[k].group()
                if w[0].isupper():
                    if w[0] != letters[need]:
                        break
                    need -= 1
                    start = words[k].start()
                elif w.lower() not in self.acronym_connectors:
                    break
                k -= 1
            if need >= 0 or start is None:
                continue
            name = text[start: words[-1].end()]
            if "," in name or len(name.split()) < 2 or self.lookup(name, fuzzy=False) or self._lists_places(name):
                continue  # "Europe, the Middle East and Africa (EMEA)" lists places
            names.add(name)
        out = []
        for name in names:
            out.extend((mt.start(), mt.end()) for mt in re.finditer(re.escape(name), text))
        return out

    def _lists_places(self, name: str) -> bool:
        """Every capitalised word of the name belongs to a place name ("Middle East and Africa")."""
        words = [w for w in name.split() if w[:1].isupper()]
        i = 0
        while i < len(words):
            if i + 1 < len(words) and self.lookup(f"{words[i]} {words[i + 1]}", fuzzy=False):
                i += 2
            elif self.lookup(words[i], fuzzy=False):
                i += 1
            else:
                return False
        return True

    def _headlines(self, doc: Doc) -> list[tuple[int, int]]:
        """Lines in title case ("Rebels Shell Kirkuk While Mosul Talks Stall"): the small model's
        entities there are unreliable, and capitalised common words ("Market", "Kill") are no evidence."""
        text = self._txt(doc)
        out, pos = [], 0
        for line in text.split("\n"):
            start, pos = pos, pos + len(line) + 1
            words = re.findall(r"[A-Za-z][\w'’-]*", line)
            if not 3 <= len(words) <= 25 or line.rstrip().endswith((".", "!", '"', "”")):
                continue
            long_words = [w for w in words if len(w) >= 4]
            if len(long_words) >= 2 and sum(w[0].isupper() for w in long_words) >= 0.75 * len(long_words) \
                    and not all(w.isupper() for w in long_words):
                out.append((start, start + len(line)))
        return out

    def _titled_city(self, m: dict) -> bool:
        """A city whose main name opens with a title word ("General Santos", "Presidente Prudente")."""
        return len(m["span"]) >= 2 and any(not alt and not fz and e.level == gz.CITY and e.population >= 100000
                                           for e, alt, fz in m["cands"])

    def _person_like(self, doc: Doc, m: dict) -> bool:
        """A bare name that the article also uses inside a person's name, or after a title."""
        toks = tokens(doc)
        sp: Span = m["span"]
        if sp[0].lower_ in self.titles and self._titled_city(m):
            return False
        if sp[0].lower_ in self.titles or (sp.start > 0 and toks[sp.start - 1].lower_.rstrip(".") in self.titles):
            return True
        return len(sp) == 1 and gz.norm(sp.text) in self._persons

    def _second_pass(self, doc: Doc, mentions: list[dict], ok: list[bool], ctx: dict) -> None:
        """Evidence from the accepted mentions (places/evidence.py): one sense per discourse, coordination,
        spelling variants."""
        second_pass(self, doc, mentions, ok, ctx)

    def _confident(self, m: dict, ctx: dict) -> bool:
        """An accepted mention whose place reading does not rest on the name alone: a locative cue or type
        noun, a dateline, or a model place entity that names a country or first-level region."""
        cue = m["cue"]
        sp = m["span"]
        if sp.end < len(sp.doc) and sp.doc[sp.end].text in ("'s", "’s"):
            return False  # "in Noma's case", "at Zara's headquarters"
        sure_cue = m["source"] == "dateline" or cue["type_before"] is not None or cue["type_after"] is not None \
            or (cue.get("prep_word") or "").split(" ")[-1] in self.sure_preps
        if not m["cands"]:
            # "in Boulkessi", "the village of Mondoro": an unknown name, but a place (not "in their Dropbox")
            e = m.get("ent")
            # "the military base at Inates" (not "at Google"): "at" after a military post
            sure_cue = sure_cue or (cue.get("prep_word") == "at" and sp.start >= 2
                                    and sp.doc[sp.start - 2].lower_ in self.post_heads)
            return sure_cue and not (sp.text.isupper() and len(sp.text) <= 5) and (
                m["source"] == "cue" or (m["source"] == "ner" and e is not None and e.label_ in ("GPE", "LOC")
                                         and sp.start > 0 and sp.doc[sp.start - 1].lower_ in ("in", "near", "at")))
        if all(c[2] for c in m["cands"]):
            return False
        if sure_cue:
            return True
        e = m.get("ent")
        top = self._top(m, ctx)
        return (m["source"] == "ner" and e is not None and e.label_ in ("GPE", "LOC") and top is not None
                and not top[1] and top[0].level in (gz.COUNTRY, gz.ADMIN1, gz.REGION, gz.CONTINENT))

    def _containment(self, doc: Doc, mentions: list[dict], ok: list[bool], ctx: dict) -> None:
        """"Gainesville, Va.", "Duncan, Oklahoma", "Chibok, in neighbouring Borno State", "Walker County (Ga.)":
        a place followed by a first-level region or country it lies in is resolved inside it (and accepted,
        when it has a candidate there)."""
        text = self._txt(doc)
        for i, m in enumerate(mentions):
            j = next((k for k in range(i + 1, len(mentions)) if ok[k]), None)
            if j is None or not m["cands"]:
                continue
            o = mentions[j]
            gap = text[m["span"].end_char: o["span"].start_char]
            if not (_WITHIN_GAP.fullmatch(gap) or (gap.strip() == "(" and text[o["span"].end_char:
                                                                              o["span"].end_char + 1] == ")")):
                continue
            top = self._top(o, ctx)
            if top is None or top[2] or top[0].level not in (gz.COUNTRY, gz.ADMIN1, gz.ADMIN2):
                continue
            if top[0].level == gz.ADMIN2 and self._within_district(doc, m, o, ok, i):
                continue
            area = top[0]
            inside = [c for c in m["cands"] if c[0] is not area and c[0].country == area.country and c[0].level != gz.COUNTRY
                      and (area.level == gz.COUNTRY or c[0].admin1_code == area.admin1_code)]
            if not inside:
                if ok[i] and self._none_inside(m, area):
                    m["outside"] = area  # "Vell, in Oskby province": no candidate there, so none of them
                continue
            if area.level == gz.ADMIN2:
                continue  # a district: containment resolves inside first-level regions and countries only
            m["within"] = area
            if not ok[i] and not m.get("veto") and not self._person_like(doc, m) and not all(c[2] for c in inside):
                ok[i] = True
                m["via"] = m.get("via") or "containment"

    def _region_namesakes(self, mentions: list[dict], ok: list[bool], ctx: dict) -> None:
        """A name of both a country and a first-level region elsewhere ("Georgia"): the region, when the article's
        other places lie in that region and none in the country (Dalton and Macon, not Tbilisi)."""
        tops = [self._top(m, ctx) if a and m["source"] != "demonym" else None for m, a in zip(mentions, ok)]
        for i, m in enumerate(mentions):
            region = self._namesake_region(m) if ok[i] else None
            if region is None:
                continue
            key = gz.norm(m["span"].text)
            others = [t[0] for j, t in enumerate(tops) if t is not None and j != i
                      and gz.norm(mentions[j]["span"].text) != key and t[0].level != gz.COUNTRY]
            country = next(c[0].country for c in m["cands"] if c[0].level == gz.COUNTRY)
            if any(e.country == country for e in others):
                continue
            if any(e.country == region.country and e.admin1_code == region.admin1_code and e is not region
                   for e in others):
                m["cands"] = [c for c in m["cands"] if c[0] is region]

    @staticmethod
    def _namesake_region(m: dict) -> Optional[gz.Entry]:
        """The first-level region a mention names (not by a fuzzy match: "Niger" for Niger State), when it also
        names a country by that country's main name."""
        regions = [c[0] for c in m["cands"] if c[0].level == gz.ADMIN1 and not c[2]]
        if len(regions) == 1 and any(c[0].level == gz.COUNTRY and c[0].country != regions[0].country and not c[1]
                                     and not c[2] for c in m["cands"]):
            return regions[0]
        return None

    @staticmethod
    def _none_inside(m: dict, area: gz.Entry) -> bool:
        """No reading of the mention lies in the area that follows it: it has no namesake even in the area's
        country (coordinated regions, "Vell, Oskby", are of one country), or the area is a first-level region and
        every reading is a settlement elsewhere ("Lakeville Township, Ohio" with only a namesake in another
        state; a region's name before it, "Texas, Ohio and Utah", is a list, not a containment)."""
        if not any(c[0].country == area.country or c[0].level == gz.COUNTRY for c in m["cands"]):
            return True
        return area.level == gz.ADMIN1 and all(c[0].level == gz.CITY for c in m["cands"])

    def _within_district(self, doc: Doc, m: dict, o: dict, ok: list[bool], i: int) -> bool:
        """"Paris, in Lamar County": the settlements of that name in a first-level region that has a district of
        the following name (any of its namesakes: districts have no point or code of their own here) are the
        mention's readings; of those regions, the one of the likeliest reading (by prior) keeps its readings
        (`within_district`; accepted like a containment) and the district's reading there is preferred
        (`district_regions`). False: no such settlement."""
        regions = {(c[0].country, c[0].admin1_code) for c in o["cands"] if c[0].level == gz.ADMIN2 and not c[2]}
        fit = [c for c in m["cands"] if c[0].level == gz.CITY and not c[2] and (c[0].country, c[0].admin1_code) in regions]
        fit = [c for c in fit if not c[1]] or fit  # main names first
        if not fit:
            return False
        best = max(fit, key=lambda c: self._prior(*c))[0]
        region = (best.country, best.admin1_code)
        # "in Y County" rules out a country, or a city in a region without such a district; of the regions with
        # one, the most likely reading's (by prior) decides both names
        m["cands"] = [c for c in fit if (c[0].country, c[0].admin1_code) == region]
        m["within_district"] = {c[0].idx for c in m["cands"]}
        o["district_regions"] = {region}
        if not ok[i] and not m.get("veto") and not self._person_like(doc, m):
            ok[i] = True
            m["via"] = m.get("via") or "containment"
        return True

    def _admin_usage(self, doc: Doc, mentions: list[dict], ok: list[bool], ctx: dict) -> None:
        """One sense per discourse for a name shared by an administrative division and a settlement ("the
        province of Vell" / "the town of Vell", "Oskby region" / the city of Oskby): the bare mentions of the
        name take the reading the article's typed mentions give most often (the first on a tie) -- unless the
        bare mention is coordinated with a settlement ("between Lakeville and Vell", "from Tsombe and Oskby"),
        or the name also names a larger region."""
        by, keys = self._typed_usage(mentions, ok, ctx)
        admin_keys = set()
        for key, lst in by.items():
            kinds = [k for _, k in lst if k]
            n_admin, n_settle = kinds.count("admin"), kinds.count("settlement")
            if n_admin > n_settle or (kinds and n_admin == n_settle and kinds[0] == "admin"):
                admin_keys.add(key)
        for key in admin_keys:
            for i, kind in by[key]:
                m = mentions[i]
                if kind is not None or any(c[0].level in (gz.REGION, gz.CONTINENT) for c in m["cands"]):
                    continue
                # a first-level division, or a second-level one by its own name (not a "Vellskiy Rayon" alias)
                if any((c[0].level == gz.ADMIN1 or (c[0].level == gz.ADMIN2 and not c[1])) and not c[2]
                       for c in m["cands"]) and not self._settlement_neighbour(doc, mentions, ok, ctx, i,
                                                                               keys, admin_keys):
                    m["admin_usage"] = True

    def _typed_usage(self, mentions: list[dict], ok: list[bool], ctx: dict) -> tuple[dict, list]:
        """The accepted mentions by name: (index, "admin" | "settlement" | None by their type noun); and the
        name key of each mention (None when not counted)."""
        by: dict[str, list] = {}
        keys = []
        for i, (m, a) in enumerate(zip(mentions, ok)):
            keys.append(None)
            if not a or not m["cands"] or m["source"] in ("demonym", "facility"):
                continue
            cue = m["cue"]
            keys[i] = key = gz.norm(m["span"][:-1].text if cue.get("inside") else m["span"].text)
            if any(c[0].level == gz.COUNTRY for c in m["cands"]):
                continue  # a country or a state of that name: not a settlement's ambiguity
            kind = "settlement" if cue["type_before"] in ("city", "village") else None
            if "admin" in (cue["type_after"], cue["type_before"]):
                top = self._top(m, ctx)
                kind = "admin" if top is not None and top[0].level in (gz.ADMIN1, gz.ADMIN2) else None
            by.setdefault(key, []).append((i, kind))
        return by, keys

    def _settlement_neighbour(self, doc: Doc, mentions: list[dict], ok: list[bool], ctx: dict, i: int,
                              keys: list, admin_keys: set) -> bool:
        """Mention i is coordinated with a settlement: an accepted city, or a proper name the gazetteer does
        not know ("from Tsombe and Oskby")."""
        text = self._txt(doc)
        sp = mentions[i]["span"]
        for j in (i - 1, i + 1):
            if not 0 <= j < len(mentions) or not ok[j] or keys[j] in admin_keys:
                continue
            o = mentions[j]["span"]
            a, b = (o.end_char, sp.start_char) if j < i else (sp.end_char, o.start_char)
            if b < a or not _COORD_GAP.fullmatch(text[a:b]):
                continue
            top = self._top(mentions[j], ctx)
            if top is not None and top[0].level == gz.CITY:
                return True
        near = [mentions[j]["span"] for j in (i - 1, i + 1) if 0 <= j < len(mentions)]
        for k, w in ((sp.end, sp.end + 1), (sp.start - 1, sp.start - 2)):
            if 0 <= w < len(doc) and 0 <= k < len(doc) and doc[k].lower_ in self.lx["cue"]["coordinators"] \
                    and doc[w].pos_ == "PROPN" and _cap(doc[w]) and not doc[w].is_sent_start \
                    and not any(s.start <= w < s.end for s in near) and not self.lookup(doc[w].text, fuzzy=False):
                return True
        return False

    def _support(self, mentions: list[dict], ok: list[bool]) -> Counter:
        """For each first-level region, how many accepted names have a candidate in it (spatial coherence:
        "Charleston" in an article that also names Gainesville, Va. and Manassas is the one in Virginia)."""
        sup: Counter = Counter()
        for m, a in zip(mentions, ok):
            if not a or not m["cands"] or len(m["cands"]) > 40 or all(c[2] for c in m["cands"]):
                continue
            keys = {c[0].admin1_key for c in m["cands"] if c[0].admin1_key and not c[2]}
            m["a1keys"] = keys
            sup.update(keys)
        return sup

    def _top(self, m: dict, ctx: dict):
        """The best-scored candidate of a mention, or None."""
        if not m["cands"]:
            return None
        return max(self._score_all(m, ctx), key=lambda sc: sc[0])[1]

    def _datelines(self, doc: Doc) -> list[Span]:
        """All-capitals runs at the start of a line that the gazetteer knows, followed by a comma, a dash,
        a parenthesis, a colon or a capitalised word of running text (a dateline, not a capitals headline)."""
        text = self._txt(doc)
        out = []
        for mt in _LINE_CAPS.finditer(text):
            t = doc.char_span(mt.start(), mt.end(), alignment_mode="expand")
            if t is None or not len(t):
                continue
            t = t[0]
            if t.idx != mt.start() or not t.is_alpha or not t.text.isupper() or len(t) < 3:
                continue
            run = t.i
            while run < len(doc) and run - t.i < 6 and "\n" not in doc[run].whitespace_ and (
                    (doc[run].text.isupper() and doc[run].is_alpha)
                    or (doc[run].text == "-" and not doc[run - 1].whitespace_ and run + 1 < len(doc)
                        and doc[run + 1].text.isupper())):
                run += 1
            if run < len(doc) and "\n" in doc[run - 1].whitespace_:
                continue
            nxt = doc[run] if run < len(doc) else None
            if nxt is None or not (nxt.text[:1] in (",", "—", "–", "-", "(", ":")
                                   or (_cap(nxt) and not nxt.text.isupper())):
                continue
            sp = doc[t.i:run]
            if gz.norm(sp.text) in self.block or not self.lookup(sp.text, fuzzy=False):
                continue
            out.append(sp)
        return out

    def _facility_head(self, sp: Span) -> bool:
        head = sp[-1].lower_
        if head in self.facility_heads:
            return True
        quals = self.qualified_heads.get(head)
        return bool(quals) and len(sp) >= 3 and sp[-2].lower_ in quals

    def _longest_match(self, doc: Doc, start: int, stop: int, taken=None) -> Optional[Span]:
        """The longest capitalised n-gram from `start` (ending before `stop`) that the gazetteer knows."""
        best = None
        end = start
        toks = tokens(doc)
        if start >= len(toks):
            return None
        txt = self._txt(doc)
        first = toks[start].idx
        for j in range(start, min(stop, start + self.gaz.max_words + 4)):
            t = toks[j]
            if taken is not None and taken[j]:
                break
            if j > start and not (_cap(t) or t.lower_ in self.connectors or (t.text == "-" and not toks[j - 1].whitespace_)):
                break
            if j > start and toks[j - 1].text == "-" and toks[j - 1].whitespace_:
                break
            if t.text in ("'s", "’s") or (t.is_punct and t.text != "-"):
                break
            end = j + 1
            if not _cap(t):
                continue
            text = txt[first:t.idx + len(t.text)]  # == doc[start:end].text
            if gz.norm(text) in self.block:
                continue
            if self.lookup(text, fuzzy=True):
                best = doc[start:end]
        return best

    def _candidates(self, m: dict) -> list[tuple[gz.Entry, bool, bool]]:
        if m["source"] == "demonym":
            return [(self.gaz.entry(m["entry"]), False, False)]
        sp: Span = m["span"]
        text = sp.text
        if self._town_part(sp):
            m["town_part"] = True  # "the North Side", "the East End": a part of the town the article names
            return []
        if m["source"] == "facility":
            base = m.get("base")
            text = base.text if base is not None else ""
        cands = self.lookup(text) if text else []
        if text.replace(".", "").isupper() and len(text.replace(".", "")) <= 3:
            # "SA", "EU": an abbreviation names a country or region (explicit alias), never a village
            cands = [c for c in cands if self.gaz.level[c[0]] in (gz.COUNTRY, gz.ADMIN1)]
        words = text.split()
        if not cands and len(words) >= 3 and words[0].lower() in self.directions and words[1].lower() == "of":
            # "East of Ukraine", "north of Syria": a part of the place, located by the place
            m["part_of"] = True
            cands = self.lookup(" ".join(words[2:]), fuzzy=False)
        elif not cands and len(words) >= 2 and words[0].lower() in self.directions and m["source"] == "ner":
            # "West Texas", "Northern Iraq", "West Philadelphia": a region inside the place
            cands = self.lookup(" ".join(words[1:]), fuzzy=False)
            m["part_of"] = bool(cands)
        if not cands and m["source"] == "ner":
            # "the Chechen Republic of Ichkeria" -> "Chechen Republic"; "North Caucasus Federal District" -> ...
            words = text.split()
            for cut in range(len(words) - 1, 0, -1):
                head = " ".join(words[:cut])
                if words[cut].lower() in ("of", "federal") or words[cut].lower() in self.type_after:
                    cands = self.lookup(head, fuzzy=False)
                    if cands:
                        m["partial"] = True
                        break
        out = [(self.gaz.entry(i), alt, fz) for i, alt, fz in cands]
        if any(c[1] for c in out) and _unabbreviate(gz.norm(text), self.abbreviations) != gz.norm(text):
            # an alternate name that only abbreviates the main one ("St. Petersburg" for "Saint Petersburg")
            # is as good as the main name
            key = _unabbreviate(gz.norm(text), self.abbreviations)
            out = [(e, False, fz) if alt and not fz and self._skel(e.name) == key else (e, alt, fz)
                   for e, alt, fz in out]
        if any(c[1] and c[0].level == gz.CITY for c in out) and not any(
                not c[1] and c[0].level in (gz.COUNTRY, gz.ADMIN1) for c in out):
            # an alternate name that only drops a generic word of the main one ("Lázaro Cárdenas" for "Ciudad
            # Lázaro Cárdenas", "Marawi" for "Marawi City") is as good as the main name
            key = gz.norm(text)
            out = [(e, False, fz) if alt and not fz and e.level == gz.CITY and _core_name(e.name, self.generic_words) == key
                   else (e, alt, fz) for e, alt, fz in out]
        sp_doc = sp.doc
        j = sp.start - 1
        if j >= 1 and sp_doc[j].lower_ == "of":
            j -= 1
        if j >= 1 and sp_doc[j].lower_ in self.type_of and sp_doc[j].text.islower():
            dem = self.gaz.demonym(sp_doc[j - 1].text) if _cap(sp_doc[j - 1]) else None
            if dem is not None and self.gaz.entry(dem).country:
                # "the Tarvish hamlet of Vell", "the Ruritanian enclave of Oskby": only places of that country
                cc = self.gaz.entry(dem).country
                out = [c for c in out if c[0].country == cc]
                m["constrained"] = cc
        return out

    def _town_part(self, sp: Span) -> bool:
        """A direction word with a part-of-town head ("North Side", "East End"; lexicon `town_part_heads`),
        also when the mention is the direction word alone before the head."""
        words = [t.lower_ for t in sp]
        nxt = sp.doc[sp.end] if sp.end < len(sp.doc) else None
        if len(words) == 1 and nxt is not None and nxt.text[:1].isupper():
            words.append(nxt.lower_)
        return len(words) == 2 and words[0] in self.directions and words[1] in self.town_part_heads

    def _skel(self, name: str) -> str:
        got = self._skels.get(name)
        if got is None:
            if len(self._skels) > 100000:
                self._skels.clear()
            got = self._skels[name] = _unabbreviate(gz.norm(name), self.abbreviations)
        return got

    def _cue(self, doc: Doc, sp: Span) -> dict:
        """Words around the mention (the rule table of places/cues.py)."""
        return cue(self, doc, sp)

    # ------------------------------------------------------------------ context and resolution
    def _prior(self, e: gz.Entry, alt: bool, fuzzy: bool) -> float:
        w = self.w
        s = math.log10(max(e.population, 0) + 10)
        s += self.level_prior[e.level]
        if e.idx in self.gaz.capitals:
            s += w["capital"]
        if alt:
            s -= w["alternate_name"]
        if fuzzy:
            s -= w["transliteration"]
        return s

    def _context(self, mentions: list[dict], accepted: bool = False) -> dict:
        countries: Counter = Counter()
        admin1: Counter = Counter()
        for m in mentions:
            country, a1 = self._context_share(m, accepted)
            if country:
                countries[country] += 1
            if a1:
                admin1[a1] += 1
        return {"countries": countries, "admin1": admin1}

    def _context_share(self, m: dict, accepted: bool = False) -> tuple[Optional[str], Optional[str]]:
        """The country and first-level region one mention adds to the article's context (None: nothing)."""
        if not m["cands"] or m.get("partial") or m.get("part_of"):
            return None, None
        e, alt, fz = max(m["cands"], key=lambda c: self._prior(*c))
        if fz:
            return None, None
        if not accepted and m["source"] == "gazetteer" and m.get("ent") is not None and m["ent"].label_ == "PERSON":
            return None, None
        if e.level in (gz.COUNTRY, gz.ADMIN1, gz.ADMIN2) or (
                e.level == gz.CITY and e.population >= self.w["context_city_population"]):
            a1 = e.admin1_key if e.level in (gz.ADMIN1, gz.ADMIN2, gz.CITY) else None
            return e.country or None, a1 or None
        if e.level == gz.REGION and e.country:
            return e.country, None
        return None, None

    def _score(self, m: dict, c: tuple[gz.Entry, bool, bool], ctx: dict) -> float:
        e, alt, fz = c
        w = self.w
        s = self._prior(e, alt, fz)
        if e.country and ctx["countries"].get(e.country):
            s += w["article_country"] + min(w["article_country_max_extra"],
                                            w["article_country_per_mention"] * ctx["countries"][e.country])
        elif not e.country and e.level in (gz.REGION, gz.CONTINENT):
            s += w["article_country"]  # supranational regions fit any context
        if e.admin1_key and ctx["admin1"].get(e.admin1_key) and e.level != gz.ADMIN1:
            s += w["article_admin1"]
        within = m.get("within")
        if within is not None and e.country == within.country and e is not within and (
                within.level == gz.COUNTRY or e.admin1_code == within.admin1_code):
            s += w["containing_area"]
        if e.idx in m.get("within_district", ()) or (
                e.level == gz.ADMIN2 and (e.country, e.admin1_code) in m.get("district_regions", ())):
            s += w["containing_area"]
        sup = ctx.get("support")
        if sup and e.admin1_key:
            others = sup.get(e.admin1_key, 0) - (1 if e.admin1_key in m.get("a1keys", ()) else 0)
            s += min(w["support_max"], w["support_per_name"] * others)
        cue = m["cue"]
        if (cue["type_after"] == "admin" or m.get("admin_usage")) and e.level in (gz.ADMIN1, gz.ADMIN2):
            s += w["admin_type_after"] + (w["admin2_type_after_extra"] if e.level == gz.ADMIN2
                                          and not m.get("admin_usage") else 0.0)
        if cue["type_after"] == "admin" and e.level == gz.CITY:
            s -= w["city_before_admin_noun"]
        if cue["type_before"] in ("city", "village") and e.level == gz.CITY:
            s += w["settlement_type_before"]
        if cue["type_before"] == "admin" and e.level in (gz.ADMIN1, gz.ADMIN2):
            s += w["admin_type_before"]
        if cue["type_before"] == "country" and e.level == gz.COUNTRY:
            s += w["country_type_before"]
        if m["source"] == "facility" and e.level == gz.CITY:
            s += w["facility_city"]
        return s

    def _score_all(self, m: dict, ctx: dict) -> list[tuple[float, tuple]]:
        """Scores of all candidates. A region that only shares its name with a sizeable city of the same
        country ('Moscow', 'Karaganda', 'Aktyubinsk') yields to the city unless a type noun says region."""
        w = self.w
        cities = [c for c in m["cands"] if c[0].level == gz.CITY and c[0].population >= w["namesake_city_population"]]
        admin_cue = m["cue"]["type_after"] == "admin" or m["cue"]["type_before"] == "admin" or m.get("admin_usage")
        out = []
        for c in m["cands"]:
            s = self._score(m, c, ctx)
            e = c[0]
            if e.level in (gz.ADMIN1, gz.ADMIN2) and not admin_cue and any(
                    ct[0].country == e.country and (ct[1] <= c[1]) and (
                        ct[0].admin1_code == e.admin1_code or ct[0].population >= w["namesake_city_any_admin1"])
                    for ct in cities):
                s -= w["region_yields_to_city"]
            out.append((s, c))
        return out

    def _resolve(self, m: dict, ctx: dict) -> Optional[tuple[gz.Entry, bool]]:
        if m.get("partial"):
            # a resolution from part of the name must agree with the article's countries
            m["cands"] = [c for c in m["cands"] if c[0].country and ctx["countries"].get(c[0].country)]
        if not m["cands"]:
            return None
        scored = self._score_all(m, ctx)
        if self.recorder is not None:
            self.recorder[(m["span"].start_char, m["span"].end_char)] = {
                "cands": [(c[0].geonameid, c[0].lat, c[0].lon) for _s, c in scored],
                "X": [ranker_mod.features(self, m, c, ctx, s) for s, c in scored]}
        if self.ranker is not None and len(scored) > 1:
            scored = self.ranker.rescore(self, m, ctx, scored)
        best = max(scored, key=lambda sc: (sc[0], -(sc[1][0].geonameid or 1 << 40)))[1]
        return best[0], best[2]

    def _accept(self, doc: Doc, m: dict, ctx: dict) -> bool:
        """A place on its own evidence (the rule table of places/accept.py)."""
        return accept(self, doc, m, ctx)

    def _speech_subject(self, sp: Span) -> bool:
        root = sp.root
        return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in self.speech

    # ------------------------------------------------------------------ payloads and relations
    def _payload(self, doc: Doc, m: dict, best: Optional[tuple[gz.Entry, bool]]) -> dict:
        sp: Span = m["span"]
        src = m["source"]
        e, fuzzy = best if best is not None else (None, False)
        p = {
            "start_char": sp.start_char, "end_char": sp.end_char, "name": sp.text,
            "geonameid": None, "country": None, "admin1": None, "lat": None, "lon": None, "coords": None,
            "feature": "other", "relation": None, "distance_km": m["cue"]["distance"],
            "rule": src,
        }
        if e is not None:
            p.update(name=e.name, country=e.country, lat=e.lat, lon=e.lon, coords=e.coords, feature=e.feature)
            p["admin1"] = self.gaz.admin1_name(e.country, e.admin1_code) if e.level != gz.ADMIN1 else e.name
            if e.level == gz.COUNTRY:
                p["admin1"] = None
            if src != "facility" and not m.get("part_of"):
                p["geonameid"] = e.geonameid
            else:  # a building or part of a place: its point is that place's (not output; see places/geo.py)
                p["within_feature"] = e.feature
            if m.get("part_of"):
                p.update(name=sp.text, feature="region")
            if fuzzy:
                p["rule"] += "+fuzzy"
        if m.get("via"):
            p["rule"] += "+" + m["via"]
        if src == "facility" and e is None and m.get("demonym") is not None:
            # "Dagestani Uytash Airport": located in the place its demonym names (no id of its own, and no
            # point: it does not borrow the region's)
            d = self.gaz.entry(m["demonym"])
            p.update(country=d.country, admin1=d.name if d.level == gz.ADMIN1 else None, country_from="demonym")
        if src == "facility" or (e is None and m.get("ent") is not None and m["ent"].label_ == "FAC"):
            p["feature"] = "facility"
            p["name"] = sp.text
        if e is None and src in ("ner", "cue", "gazetteer"):
            p["feature"] = _guess_feature(m, self)
        if m.get("town_part"):
            p["feature"] = "region"  # a part of a town: the event takes the town around it (places/link.py)
        if e is None and len(sp) >= 2 and sp[-1].lower_ in self.street_heads:
            p["feature"] = "facility"  # "Elm St.", "Lincoln Rd": a street
        if e is None and m.get("outside") is not None:
            area = m["outside"]  # located by the area the text puts it in, no id and no point of its own
            p.update(country=area.country, admin1=None if area.level == gz.COUNTRY else
                     area.name if area.level == gz.ADMIN1 else self.gaz.admin1_name(area.country, area.admin1_code))
            p["rule"] += "+outside"
        if e is None and isinstance(m.get("constrained"), str):
            p["country"] = m["constrained"]  # "the Tarvish hamlet of Vell": in that country, not in GeoNames
        p["_cue"] = m["cue"]
        p["_ent"] = m["ent"].label_ if m.get("ent") is not None else None
        return p

    def _relations(self, doc: Doc, out: list[dict]) -> None:
        """Each payload's `relation`: its cue's preposition, else RELATION_RULES (the first that gives one)."""
        prev = None
        for p in out:
            cue = p.pop("_cue")
            p.pop("_ent", None)
            rel = cue["prep"]
            if cue["type_after"] == "admin" and not cue.get("inside"):
                rel = self._type_noun_relation(doc, p)
            elif rel is None and prev is not None:
                gap = self._txt(doc)[prev["end_char"]: p["start_char"]]
                rel = next((got[0] for got in (r(self, gap, prev) for _name, r in RELATION_RULES) if got), None)
            p["relation"] = rel
            prev = p

    def _type_noun_relation(self, doc: Doc, p: dict) -> str:
        """"Vell district" -> district_of (lexicon `relations.type_noun_relation`; default region_of)."""
        rx = self.lx["relations"]
        word = doc.char_span(p["end_char"], len(self._txt(doc)), alignment_mode="expand")
        nxt = word[0].lower_ if word is not None and len(word) else "region"
        return rx["type_noun_relation"].get(nxt, rx["default_type_noun_relation"])


def rel_shared(f: PlaceFinder, gap: str, prev: dict) -> Optional[tuple]:
    """Coordinated with the previous place ("in Vell and Oskby", "in Vell, the town of Oskby"): its relation."""
    gap_l = gap.strip().lower()
    if re.fullmatch(r"(,|and|or|, and|, or|&)?\s*(the\s+)?((village|city|town|region|province)\s*(of\s*)?)?", gap_l) \
            and "\n" not in gap and prev.get("relation") not in f.lx["relations"]["unshared_relations"]:
        return (prev.get("relation"),)
    return None


def rel_division_of(f: PlaceFinder, gap: str, prev: dict) -> Optional[tuple]:
    """"Vell district of Oskby": the place after "district of" contains the event's place."""
    if re.fullmatch(r"(district|region|province|oblast|rayon|county)\s+of(\s+the)?", gap.strip().lower()):
        return ("in",)
    return None


def rel_after_comma(f: PlaceFinder, gap: str, prev: dict) -> Optional[tuple]:
    """"in Vell, Oskby": a place right after a located place, after a comma, contains it."""
    if gap.strip().lower() == "," and prev.get("relation") in f.lx["relations"]["containing_after_comma"]:
        return ("in",)
    return None


# (name, rule): the relation of a payload without a cue of its own, from the gap to the previous payload; a
# rule that decides returns (relation,) -- the relation may be None -- else None and the next rule decides
RELATION_RULES = [
    ("shared-with-previous", rel_shared),
    ("division-of", rel_division_of),
    ("after-comma", rel_after_comma),
]


# ---------------------------------------------------------------------- what an accepted mention emits
_DROP = object()


def emit_person_name(f: PlaceFinder, m: dict, best, ctx: dict, people: set) -> bool:
    """An unknown name the model also calls a person or organisation elsewhere ("Oskby" of "Mara Oskby")."""
    return best is None and m["source"] == "ner" and not _has_cue(m["cue"]) \
        and all(gz.norm(t.text) in people for t in m["span"])


def emit_fuzzy_outside(f: PlaceFinder, m: dict, best, ctx: dict, people: set) -> bool:
    """A transliteration match outside the article's countries is a guess."""
    return best is not None and best[1] and not ctx["countries"].get(best[0].country)


def emit_headline_unknown(f: PlaceFinder, m: dict, best, ctx: dict, people: set) -> bool:
    """A headline's unknown "place" ("Ruritania's North: Embassy Blast")."""
    return best is None and m["headline"] and m["source"] == "ner"


# (name, condition, action), applied in order: "drop" the mention or leave it "unresolved"
EMIT_RULES = [
    ("person-name", emit_person_name, "drop"),
    ("fuzzy-outside-countries", emit_fuzzy_outside, "unresolved"),
    ("headline-unknown", emit_headline_unknown, "drop"),
]


def _guess_feature(m: dict, finder: PlaceFinder) -> str:
    cue = m["cue"]
    if cue["type_before"] in ("city", "village"):
        return cue["type_before"]
    if cue["type_before"] == "admin" or cue["type_after"] == "admin":
        return "admin_region"
    if m.get("ent") is not None and m["ent"].label_ == "FAC":
        return "facility"
    if m.get("ent") is not None and m["ent"].label_ == "LOC":
        return "region"
    return "other"


# ---------------------------------------------------------------------- component
class PlacesExtractor(Component):
    ext = "cs_places"

    def __init__(self, nlp, name: str, lexicon: str, ranker: str = ""):
        super().__init__(nlp, name, lexicon)
        self.ranker_path = model_file(ranker) if ranker else None
        self._finder: Optional[PlaceFinder] = None

    @property
    def finder(self) -> PlaceFinder:
        if self._finder is None:
            self._finder = PlaceFinder(self.lexicon, gz.get_gazetteer())
            self._finder.ranker = ranker_mod.load(self.ranker_path)
        return self._finder

    def __call__(self, doc: Doc) -> Doc:
        # the gazetteer is loaded (on a fresh checkout built and cached, ~35 s, once) before the guarded call:
        # the per-article time budget must not cut the build off, or every article would start it again
        _ = self.finder
        return super().__call__(doc)

    def find(self, doc: Doc) -> list[dict]:
        return self.finder.find(doc)

    def set_annotations(self, doc: Doc, found: list[dict]) -> None:
        """Toponyms on `doc._.cs_places`; demonyms (unless the lexicon's `demonyms_as_toponyms`) and places inside
        organisation names (rule "embedded") aside in `doc.user_data`, where `link` still uses the demonyms as
        references, and the output keeps both as `references[]`."""
        if self.lexicon.get("demonyms_as_toponyms", False):
            doc._.cs_places, doc.user_data[REFS_KEY] = found, []
            return
        aside = [is_reference(p) or (p.get("rule") or "").startswith("embedded") for p in found]
        doc._.cs_places = [p for p, a in zip(found, aside) if not a]
        doc.user_data[REFS_KEY] = [p for p, a in zip(found, aside) if a]


PlacesExtractor.link_stage = LinkStage(writes=("places", "geo"), run=link)


@Language.factory(
    "claimscope_places_v1",
    requires=["doc.ents"],
    assigns=["doc._.cs_places"],
    default_config={"lexicon": "lexicons/places.json", "ranker": ""},
)
def make_places(nlp: Language, name: str, lexicon: str, ranker: str) -> PlacesExtractor:
    return PlacesExtractor(nlp, name, lexicon, ranker)
