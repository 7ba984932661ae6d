"""Places extractor: every place mention, resolved offline to GeoNames, and the places of each event.

How a mention is found (word lists in models/lexicons/places.json):
1. NER spans labelled GPE/LOC/FAC are places (minus a blocklist: "Islamic State", "Caliphate" ...).
2. A gazetteer scan finds capitalised n-grams that name a place even when the small model labels them
   PERSON or ORG or nothing ("Ingushetia", "Aktobe", "Karachay-Cherkessia"). Such a match is accepted
   only with evidence: it names a country, first-level region or known region; or a locative cue precedes
   it ("in", "near", "the village of") or a type noun follows it ("region", "district"); or it resolves to a
   place in a country the article already talks about. A match that is only part of a longer PERSON or
   ORG name ("Jordan Peterson", "Islamic Movement of Uzbekistan") is not a place; a bare name that is the
   subject of a speech verb and is not a country ("Washington said") is a person.
3. Demonyms modifying a noun ("Dagestani Uytash Airport", "the Russian border") resolve to their place
   (rule "demonym"); names ending in a facility noun ("... Airport", "... Checkpoint") are facilities
   located at the place their first words name.

How a mention is resolved: candidates from the gazetteer (exact name, alternate or former name, then
transliteration skeleton), scored by kind (country > region > city), population, the cue around the
mention ("village of" -> a settlement, "X district" -> an administrative region), and the article
context: countries and first-level regions named elsewhere in the article ("Derbent" in an article about
Dagestan is the Russian city). A name that cannot be resolved is kept with `geonameid` None; a
transliteration (skeleton) match is used only for a place in a country the article names.

What we emit, measured against GeoWebNews' toponym types: literal, metonymic ("Kazakhstan's economy",
"Moscow's attempts") and mixed uses, and demonyms that modify a noun (Literal/Non-literal modifiers) are
places; places inside organisation names ("Islamic Movement of Uzbekistan": GeoWebNews' Embedded types),
languages and demonyms naming people ("Russians") are not. `rule` says how a mention was found: ner,
gazetteer, demonym, facility, cue (an unknown name after "village of"), with "+fuzzy" for a
transliteration match. Lexicon option `embedded_in_names: true` also emits a well-known place inside an
organisation name (rule "embedded", never linked to events), as GeoWebNews' Embedded types count them.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline.extract._component import Component, load_lexicon
from pipeline.extract._doc import values
from pipeline.extract import gazetteer as gz

LEVEL_RANK = {"facility": 0, "village": 1, "city": 2, "admin2": 3, "admin_region": 4, "country": 5, "region": 6,
              "other": 7}
_DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "northern",
               "southern", "eastern", "western", "central", "centre", "center"}
_DIST = re.compile(
    r"(?P<num>\d+(?:[.,]\d+)?)\s*(?:-\s*)?(?P<unit>km|kms|kilometers|kilometres|kilometer|kilometre|miles|mile|mi)"
    r"\s+(?:(?:to\s+the\s+)?(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:\s+of)?|from|of|away\s+from)\s+$",
    re.I,
)


def _lex(lexicon: dict, key: str) -> set[str]:
    return {w.lower() for w in lexicon.get(key, [])}


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
        self.qualified_heads = {k.lower(): {w.lower() for w in v}
                                for k, v in lexicon.get("qualified_facility_heads", {}).items()}
        self.speech = _lex(lexicon, "speech_verbs")
        self.connectors = _lex(lexicon, "name_connectors")
        self.titles = _lex(lexicon, "person_titles")
        self.place_nouns = _lex(lexicon, "place_nouns")
        self.demonym_mode = lexicon.get("demonyms", "modifiers")
        self.embedded = bool(lexicon.get("embedded_in_names", False))
        self._memo: dict[tuple[str, bool], list] = {}
        self._text_doc: Optional[Doc] = None
        self._text = ""

    def _txt(self, doc: Doc) -> str:
        """doc.text, computed once per doc (spaCy rebuilds the string on every access)."""
        if self._text_doc is not doc:
            self._text_doc, self._text = doc, doc.text
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
        ents = list(doc.ents)
        ent_of = {}
        for e in ents:
            for t in e:
                ent_of[t.i] = e
        mentions: list[dict] = []
        taken = [False] * len(doc)

        def claim(span: Span, **kw) -> None:
            for t in span:
                taken[t.i] = True
            mentions.append(dict(span=span, **kw))

        # 1. facilities named after a place: "<Place> ... Airport" (ORG/FAC/no entity); a leading demonym
        #    ("Dagestani Uytash Airport") is its own mention
        for e in ents:
            if e.label_ in ("FAC", "ORG") and len(e) >= 2 and self._facility_head(e):
                sp = _trim(e)
                if sp is None or any(taken[t.i] for t in sp):
                    continue
                while len(sp) > 2 and self.gaz.demonym(sp[0].text) is not None:
                    sp = sp[1:]
                if len(sp) < 2 or not all(_cap(t) or t.text == "-" for t in sp):
                    continue
                base = self._longest_match(doc, sp.start, sp.end - 1)
                claim(sp, source="facility", ent=e, base=base)
        # 2. NER place spans
        for e in ents:
            if e.label_ not in self.labels or any(taken[t.i] for t in e):
                continue
            sp = _trim(e)
            if sp is None or gz.norm(sp.text) in self.block or not any(c.isupper() for c in sp.text):
                continue
            # a gazetteer match that extends the entity ("Karachay" + "-Cherkessia") wins
            longer = self._longest_match(doc, sp.start, min(len(doc), sp.end + 4))
            if longer is not None and longer.end > sp.end and longer.start == sp.start:
                sp = longer
            if sp.text.endswith("'s"):
                sp = doc[sp.start: sp.end - 1] if len(sp) > 1 else sp
            claim(sp, source="ner", ent=e)
        # 3. demonyms used as modifiers
        if self.demonym_mode != "off":
            for t in doc:
                if taken[t.i]:
                    continue
                for n in (2, 1):
                    if t.i + n > len(doc):
                        continue
                    sp = doc[t.i: t.i + n]
                    if any(taken[x.i] for x in sp) or not _cap(sp[0]):
                        continue
                    idx = self.gaz.demonym(sp.text)
                    if idx is None:
                        continue
                    longer = self._longest_match(doc, t.i, min(len(doc), t.i + 6), taken=taken)
                    if longer is not None and len(longer) > n:
                        break  # "Russian Federation" is a name, not a demonym
                    nxt = doc[sp.end] if sp.end < len(doc) else None
                    if nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "ADJ") or nxt.text == "-":
                        break
                    if nxt.lower_ in ("speaking", "language", "languages") or (
                            sp.end + 1 < len(doc) and doc[sp.end].text == "-"):
                        break
                    e = ent_of.get(t.i)
                    if e is not None and e.label_ in ("ORG", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT") \
                            and len(e) > n and e.start < t.i:
                        break  # inside an organisation name ("the United Tajik Opposition")
                    if self.demonym_mode == "place_nouns" and nxt.lower_ not in self.place_nouns:
                        break
                    claim(sp, source="demonym", ent=e, entry=idx)
                    break

        # 4. gazetteer scan; unknown names after a settlement noun ("the village of X") are kept too
        i = 0
        while i < len(doc):
            t = doc[i]
            if taken[i] or not _cap(t):
                i += 1
                continue
            sp = self._longest_match(doc, i, min(len(doc), i + self.gaz.max_words + 4), taken=taken)
            if sp is None:
                run = i
                while run < len(doc) and not taken[run] and (_cap(doc[run]) or (
                        doc[run].text == "-" and not doc[run - 1].whitespace_ and run + 1 < len(doc)
                        and _cap(doc[run + 1]))):
                    run += 1
                cand = doc[i:run]
                e = _real_ent(ent_of.get(i))
                if (len(cand) <= 4 and self._cue(doc, cand)["type_before"] in ("village", "city")
                        and (e is None or e.label_ not in _NUMERIC)
                        and gz.norm(cand.text) not in self.block):
                    claim(cand, source="cue", ent=e)
                    i = run
                    continue
                i += 1
                continue
            e = _real_ent(ent_of.get(i))
            claim(sp, source="gazetteer", ent=e)
            i = sp.end
        mentions.sort(key=lambda m: m["span"].start)
        for m in mentions:
            m["cands"] = self._candidates(m)
            m["cue"] = self._cue(doc, m["span"])
        ctx = self._context(mentions)
        people = {gz.norm(t.text) for e in ents if e.label_ in ("PERSON", "ORG") for t in e}
        out = []
        for m in mentions:
            if not self._accept(doc, m, ctx):
                continue
            best = self._resolve(m, ctx)
            if best is None and m["source"] == "ner" and not _has_cue(m["cue"]) \
                    and all(gz.norm(t.text) in people for t in m["span"]):
                continue  # an unknown name the model also calls a person or organisation elsewhere ("Modi")
            if best is not None and best[1] and not ctx["countries"].get(best[0].country):
                best = None  # a transliteration match outside the article's countries is a guess
            out.append(self._payload(doc, m, best))
        self._relations(doc, out)
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
        for j in range(start, min(stop, start + self.gaz.max_words + 4)):
            t = doc[j]
            if taken is not None and taken[j]:
                break
            if j > start and not (_cap(t) or t.lower_ in self.connectors or (t.text == "-" and not doc[j - 1].whitespace_)):
                break
            if j > start and doc[j - 1].text == "-" and doc[j - 1].whitespace_:
                break
            if t.text in ("'s", "’s") or (t.is_punct and t.text != "-"):
                break
            end = j + 1
            if not _cap(t):
                continue
            text = doc[start:end].text
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
        if m["source"] == "facility":
            base = m.get("base")
            text = base.text if base is not None else ""
        cands = self.lookup(text) if text else []
        if text.replace(".", "").isupper() and len(text.replace(".", "")) <= 3:
            # "SA", "EU": an abbreviation names a country or region (explicit alias), never a village
            cands = [c for c in cands if self.gaz.level[c[0]] in (gz.COUNTRY, gz.ADMIN1)]
        words = text.split()
        if not cands and len(words) >= 3 and words[0].lower() in _DIRECTIONS and words[1].lower() == "of":
            # "East of Ukraine", "north of Syria": a part of the place, located by the place
            m["part_of"] = True
            cands = self.lookup(" ".join(words[2:]), fuzzy=False)
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
        return [(self.gaz.entry(i), alt, fz) for i, alt, fz in cands]

    def _cue(self, doc: Doc, sp: Span) -> dict:
        """Words around the mention: a type noun before ('village of') or after ('district'), a preposition."""
        cue = {"type_before": None, "type_after": None, "prep": None, "distance": None}
        j = sp.start - 1
        if j >= 0 and doc[j].lower_ == "of":
            j -= 1
        skip = 0
        while j >= 0 and skip < 4:
            w = doc[j].lower_
            if w in self.type_of and cue["type_before"] is None:
                cue["type_before"] = self.type_of[w]
            elif w in ("the", "a", "an") or doc[j].pos_ == "ADJ" or w in ("former", "town", "city"):
                pass
            else:
                break
            j -= 1
            skip += 1
        # preposition: the word before (after the type noun phrase), or two-word cues ("outskirts of")
        k = j
        had_of = sp.start >= 1 and doc[sp.start - 1].lower_ == "of" and cue["type_before"] is None
        if k >= 0:
            w = doc[k].lower_
            two = f"{doc[k - 1].lower_} {w}" if k >= 1 else ""
            three = f"{doc[k - 2].lower_} {doc[k - 1].lower_} {w}" if k >= 2 else ""
            phrases = [f"{p} of" for p in (three, two, w) if p] if had_of else []
            for cand in phrases + [three, two, w]:
                if cand and cand in self.preps:
                    cue["prep"] = self.preps[cand]
                    break
        # distance: "about 110 km from (the) X"
        left = self._txt(doc)[max(0, sp.start_char - 60): sp.start_char]
        left = re.sub(r"\bthe\s+$", "", left, flags=re.I)
        m = _DIST.search(left)
        if m:
            num = float(m.group("num").replace(",", "."))
            unit = m.group("unit").lower()
            cue["distance"] = round(num * 1.609344, 1) if unit.startswith("mi") else num
            cue["prep"] = "from"
        # a dateline: "TORONTO (Reuters) -", "BEIRUT —" at the start of a line
        line_start = sp.start_char == 0 or self._txt(doc)[sp.start_char - 1] == "\n"
        after = self._txt(doc)[sp.end_char: sp.end_char + 3].lstrip(" ,")
        if line_start and sp.text.isupper() and len(sp.text) > 2 and after[:1] in ("(", "—", "–", "-", ":"):
            cue["prep"] = cue["prep"] or "in"
        nxt = doc[sp.end] if sp.end < len(doc) else None
        if nxt is not None and nxt.lower_ in self.type_after:
            cue["type_after"] = self.type_after[nxt.lower_]
        return cue

    # ------------------------------------------------------------------ context and resolution
    def _prior(self, e: gz.Entry, alt: bool, fuzzy: bool) -> float:
        s = math.log10(max(e.population, 0) + 10)
        s += {gz.COUNTRY: 6.0, gz.ADMIN1: 2.0, gz.ADMIN2: -1.0, gz.CITY: 0.0, gz.REGION: 9.0, gz.CONTINENT: 4.0}[e.level]
        if alt:
            s -= 2.0
        if fuzzy:
            s -= 2.5
        return s

    def _context(self, mentions: list[dict]) -> dict:
        countries: Counter = Counter()
        admin1: Counter = Counter()
        for m in mentions:
            if not m["cands"] or m.get("partial") or m.get("part_of"):
                continue
            e, alt, fz = max(m["cands"], key=lambda c: self._prior(*c))
            if fz:
                continue
            if m["source"] == "gazetteer" and m.get("ent") is not None and m["ent"].label_ == "PERSON":
                continue
            if e.level in (gz.COUNTRY, gz.ADMIN1, gz.ADMIN2) or (e.level == gz.CITY and e.population >= 100000):
                if e.country:
                    countries[e.country] += 1
                if e.level in (gz.ADMIN1, gz.ADMIN2) or e.level == gz.CITY:
                    if e.admin1_key:
                        admin1[e.admin1_key] += 1
            elif e.level == gz.REGION and e.country:
                countries[e.country] += 1
        return {"countries": countries, "admin1": admin1}

    def _score(self, m: dict, c: tuple[gz.Entry, bool, bool], ctx: dict) -> float:
        e, alt, fz = c
        s = self._prior(e, alt, fz)
        if e.country and ctx["countries"].get(e.country):
            s += 3.0 + min(2.0, 0.5 * ctx["countries"][e.country])
        elif not e.country and e.level in (gz.REGION, gz.CONTINENT):
            s += 3.0  # supranational regions fit any context
        if e.admin1_key and ctx["admin1"].get(e.admin1_key) and e.level != gz.ADMIN1:
            s += 2.0
        cue = m["cue"]
        if cue["type_after"] == "admin" and e.level in (gz.ADMIN1, gz.ADMIN2):
            s += 8.0 + (1.0 if e.level == gz.ADMIN2 else 0.0)
        if cue["type_after"] == "admin" and e.level == gz.CITY:
            s -= 2.0
        if cue["type_before"] in ("city", "village") and e.level == gz.CITY:
            s += 6.0
        if cue["type_before"] == "admin" and e.level in (gz.ADMIN1, gz.ADMIN2):
            s += 4.0
        if cue["type_before"] == "country" and e.level == gz.COUNTRY:
            s += 4.0
        if m["source"] == "facility" and e.level == gz.CITY:
            s += 2.0
        return s

    def _score_all(self, m: dict, ctx: dict) -> list[tuple[float, tuple]]:
        """Scores of all candidates. A region that only shares its name with a sizeable city of the same
        country ('Moscow', 'Karaganda', 'Aktyubinsk') yields to the city unless a type noun says region."""
        cities = [c for c in m["cands"] if c[0].level == gz.CITY and c[0].population >= 10000]
        admin_cue = m["cue"]["type_after"] == "admin" or m["cue"]["type_before"] == "admin"
        out = []
        for c in m["cands"]:
            s = self._score(m, c, ctx)
            e = c[0]
            if e.level in (gz.ADMIN1, gz.ADMIN2) and not admin_cue and any(
                    ct[0].country == e.country and (ct[1] <= c[1]) and (
                        ct[0].admin1_code == e.admin1_code or ct[0].population >= 500000) for ct in cities):
                s -= 6.0
            out.append((s, c))
        return out

    def _resolve(self, m: dict, ctx: dict) -> Optional[tuple[gz.Entry, bool]]:
        if m.get("partial"):
            # a resolution from part of the name must agree with the article's countries
            m["cands"] = [c for c in m["cands"] if c[0].country and ctx["countries"].get(c[0].country)]
        if not m["cands"]:
            return None
        best = max(self._score_all(m, ctx), key=lambda sc: (sc[0], -(sc[1][0].geonameid or 1 << 40)))[1]
        return best[0], best[2]

    def _accept(self, doc: Doc, m: dict, ctx: dict) -> bool:
        sp: Span = m["span"]
        src = m["source"]
        if src in ("ner", "demonym", "facility", "cue"):
            return True
        # gazetteer-only evidence
        e = m.get("ent")
        if e is not None and e.label_ not in ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"):
            return False
        if e is not None and (e.start < sp.start or e.end > sp.end) and e.label_ in ("PERSON", "ORG"):
            if self.embedded and e.label_ == "ORG" and m["cands"] and not _quoted(self._txt(doc), sp):
                top, alt, fz = max(self._score_all(m, ctx), key=lambda sc: sc[0])[1]
                if not fz and not alt and (top.level in (gz.COUNTRY, gz.ADMIN1, gz.REGION, gz.CONTINENT)
                                           or top.population >= 100000):
                    m["source"] = "embedded"
                    return True
            return False  # part of a longer person or organisation name
        if sp[0].lower_ in self.titles or (sp.start > 0 and doc[sp.start - 1].lower_ in self.titles):
            return False
        if len(sp) == 1 and sp[0].pos_ not in ("PROPN", "NOUN", "X"):
            return False
        if _quoted(self._txt(doc), sp):
            return False  # "Kavkaz" highway, a "Donetsk" scenario
        cands = m["cands"]
        if not cands:
            return False
        top, alt, fz = max(self._score_all(m, ctx), key=lambda sc: sc[0])[1]
        strong = top.level in (gz.COUNTRY, gz.ADMIN1, gz.REGION, gz.CONTINENT) and not fz
        cue = m["cue"]
        has_cue = bool(cue["prep"] in ("in", "near", "outskirts", "from") and cue["prep"]) \
            or cue["type_before"] is not None or cue["type_after"] is not None
        in_ctx = bool(top.country and ctx["countries"].get(top.country))
        if e is not None and e.label_ == "PERSON":
            if self._speech_subject(sp) and top.level != gz.COUNTRY:
                return False
            return strong or (has_cue and not fz) or (has_cue and in_ctx)
        sentence_initial = sp.start == sp.sent.start
        if len(sp.text) <= 2:
            return False
        if strong and not (alt and len(sp) == 1 and e is None and top.level != gz.COUNTRY):
            return True
        if len(sp) == 1 and e is None:
            # a lone capitalised word ("Hope", "Star") needs a locative cue, or must be the main name of a
            # sizeable city, in the article's countries unless large, where the model tags a proper noun
            if has_cue and not fz:
                return True
            return (not fz and not alt and top.level == gz.CITY and sp[0].pos_ == "PROPN" and not sentence_initial
                    and (top.population >= 100000 or (in_ctx and top.population >= 20000)))
        if fz:
            return has_cue and in_ctx
        if top.level == gz.ADMIN2:
            return cue["type_after"] == "admin" or cue["type_before"] == "admin"
        if has_cue:
            return True
        if sentence_initial:
            return False
        return in_ctx and (top.population >= 5000 or top.level == gz.ADMIN2)

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
            "geonameid": None, "country": None, "admin1": None, "lat": None, "lon": None,
            "feature": "other", "relation": None, "distance_km": m["cue"]["distance"],
            "rule": src,
        }
        if e is not None:
            p.update(name=e.name, country=e.country, lat=e.lat, lon=e.lon, feature=e.feature)
            p["admin1"] = self.gaz.admin1_name(e.country, e.admin1_code) if e.level != gz.ADMIN1 else e.name
            if e.level == gz.COUNTRY:
                p["admin1"] = None
            if src != "facility" and not m.get("part_of"):
                p["geonameid"] = e.geonameid
            if m.get("part_of"):
                p.update(name=sp.text, feature="region")
            if fuzzy:
                p["rule"] += "+fuzzy"
        if src == "facility" or (e is None and m.get("ent") is not None and m["ent"].label_ == "FAC"):
            p["feature"] = "facility"
            p["name"] = sp.text
        if e is None and src in ("ner", "cue", "gazetteer"):
            p["feature"] = _guess_feature(m, self)
        p["_cue"] = m["cue"]
        p["_ent"] = m["ent"].label_ if m.get("ent") is not None else None
        return p

    def _relations(self, doc: Doc, out: list[dict]) -> None:
        prev = None
        for p in out:
            cue = p.pop("_cue")
            p.pop("_ent", None)
            rel = cue["prep"]
            if cue["type_after"] == "admin":
                word = doc.char_span(p["end_char"], len(self._txt(doc)), alignment_mode="expand")
                nxt = word[0].lower_ if word is not None and len(word) else "region"
                rel = {"district": "district_of", "region": "region_of", "province": "province_of",
                       "oblast": "region_of", "rayon": "district_of", "county": "county_of"}.get(nxt, "region_of")
            elif rel is None and prev is not None:
                gap = self._txt(doc)[prev["end_char"]: p["start_char"]]
                gap_l = gap.strip().lower()
                if re.fullmatch(r"(,|and|or|, and|, or|&)?\s*(the\s+)?((village|city|town|region|province)\s*(of\s*)?)?", gap_l) \
                        and "\n" not in gap and prev.get("relation") not in ("district_of", "region_of"):
                    rel = prev.get("relation")
                elif re.fullmatch(r"(district|region|province|oblast|rayon|county)\s+of(\s+the)?", gap_l):
                    rel = "in"
                elif gap_l == "," and prev.get("relation") in ("district_of", "region_of", "in", "near", "outskirts"):
                    rel = "in"
            p["relation"] = rel
            prev = p


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


_NUMERIC = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
_COUNTS = {"CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}


def _real_ent(e: Optional[Span]) -> Optional[Span]:
    """The entity over a token, ignoring numeric labels on digit-free words ('Zhanaozen' as CARDINAL)."""
    if e is not None and e.label_ in _COUNTS and not any(ch.isdigit() for ch in e.text):
        return None
    return e


def _has_cue(cue: dict) -> bool:
    return cue["prep"] in ("in", "near", "outskirts", "from") or cue["type_before"] is not None \
        or cue["type_after"] is not None


def _quoted(text: str, sp: Span) -> bool:
    before = text[max(0, sp.start_char - 1): sp.start_char]
    after = text[sp.end_char: sp.end_char + 1]
    return before in ("\"", "“", "«", "'", "‘") and after in ("\"", "”", "»", "'", "’")


def _cap(t: Token) -> bool:
    s = t.text
    return bool(s) and s[0].isupper() and any(c.isalpha() for c in s)


def _trim(sp: Span) -> Optional[Span]:
    """Drop a leading article and trailing possessive/punctuation from an entity span."""
    doc = sp.doc
    start, end = sp.start, sp.end
    # an entity never runs across a line break ("Karachi\n\nISLAMABAD" from a headline and a dateline):
    # keep the part after the last break
    for i in range(end - 1, start - 1, -1):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            start = i + 1 if "\n" in doc[i].whitespace_ or doc[i].is_space else i
            break
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].text in ("'s", "’s", "'")):
        end -= 1
    return doc[start:end] if end > start else None


# ---------------------------------------------------------------------- component and event linking
class PlacesExtractor(Component):
    ext = "cs_places"

    def __init__(self, nlp, name: str, lexicon: str):
        super().__init__(nlp, name, lexicon)
        self._finder: Optional[PlaceFinder] = None

    @property
    def finder(self) -> PlaceFinder:
        if self._finder is None:
            self._finder = PlaceFinder(self.lexicon, gz.get_gazetteer())
        return self._finder

    def find(self, doc: Doc) -> list[dict]:
        return self.finder.find(doc)


def _rank(p: dict) -> int:
    f = p.get("feature") or "other"
    if f == "other" and p.get("geonameid") is None and p.get("relation") in ("in", "near", "outskirts", "at"):
        f = "village"  # a locality the text places the event in but the gazetteer does not know is small

    if f == "admin_region" and p.get("admin1") and p.get("admin1") != p.get("name"):
        f = "admin2"  # a district inside a named first-level region
    return LEVEL_RANK.get(f, 7)


_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?\s*(?:\([^)]{0,40}\)\s*)?[—–-]")


def _dateline(text: str, p: dict) -> bool:
    """A news dateline ("MAKHACHKALA — ...", "KIRKUK, Iraq — ...") names where the report was filed,
    not necessarily where the incident happened."""
    line_start = text.rfind("\n", 0, p["start_char"]) + 1
    m = _DATELINE.match(text[line_start:line_start + 80])
    return bool(m) and p["end_char"] <= line_start + m.end()


def link(doc: Doc, events: list[dict], lexicon: Optional[dict] = None) -> None:
    """Set ev["places"] to copies of the place payloads of each event, most specific first.

    The places of an event are those in its clause (else its sentence, else the previous sentence of the
    same paragraph); demonyms count only with a relation or before a place noun ("the Russian border"),
    comparisons ("an Aktobe-like incident") not at all; places in another country than the most specific
    place count only as references ("near", "from"), which come after the containing places.
    """
    lx = lexicon if lexicon is not None else load_lexicon("lexicons/places.json")
    place_nouns = {w.lower() for w in lx.get("place_nouns", [])}
    places = values(doc, "cs_places")
    text = doc.text
    if not places:
        for ev in events:
            ev["places"] = []
        return

    def usable(p: dict) -> bool:
        if (p.get("rule") or "").startswith("embedded"):
            return False  # "the Islamic Movement of Uzbekistan" does not locate an event
        after = text[p["end_char"]: p["end_char"] + 7].lower()
        if after.startswith(("-like", "-style", "-type")):
            return False  # "an Aktobe-like incident" compares, it does not locate
        if (p.get("rule") or "").startswith("demonym"):
            if p.get("relation"):
                return True
            nxt = text[p["end_char"]: p["end_char"] + 30].split()
            return bool(nxt) and nxt[0].lower().strip(",.;:") in place_nouns
        return True

    def within(lo: int, hi: int) -> list[dict]:
        return [p for p in places if lo <= p["start_char"] and p["end_char"] <= hi and usable(p)]

    for ev in events:
        lo, hi = ev.get("clause_start"), ev.get("clause_end")
        found = within(lo, hi) if lo is not None and hi is not None else []
        if not found and ev.get("sent_start") is not None:
            found = within(ev["sent_start"], ev["sent_end"])
        if not found and ev.get("sent_start") is not None:
            # the previous sentence of the same paragraph
            para_start = text.rfind("\n", 0, ev["sent_start"]) + 1
            prev = [p for p in places if para_start <= p["start_char"] and p["end_char"] <= ev["sent_start"]
                    and usable(p)]
            if prev:
                last_sent_start = max(text.rfind(". ", para_start, prev[-1]["start_char"]) + 1, para_start)
                found = [p for p in prev if p["start_char"] >= last_sent_start]
        # one mention per place: keep the first, a mention in the running text before one in a dateline
        seen, uniq = set(), []
        for p in sorted(found, key=lambda p: (_dateline(text, p), p["start_char"])):
            key = p.get("geonameid") or (p.get("name"), p.get("feature"))
            if key in seen:
                continue
            seen.add(key)
            uniq.append(p)
        # among equally specific places, one the text locates the event with ("in", "near", "outskirts
        # of") comes before a bare mention (a "MAKHACHKALA —" dateline, a place in a quote)
        uniq.sort(key=lambda p: (p.get("relation") == "from" or _dateline(text, p), _rank(p),
                                 p.get("relation") is None, p["start_char"]))
        # places in another country than the most specific one only count as references ("from", "near")
        anchor = next((p.get("country") for p in uniq if p.get("country")), None)
        uniq = [p for p in uniq if not anchor or not p.get("country") or p["country"] == anchor
                or p.get("relation") in ("from", "near")]
        ev["places"] = [dict(p) for p in uniq]


@Language.factory(
    "claimscope_places_v1",
    requires=["doc.ents"],
    assigns=["doc._.cs_places"],
    default_config={"lexicon": "lexicons/places.json"},
)
def make_places(nlp: Language, name: str, lexicon: str) -> PlacesExtractor:
    return PlacesExtractor(nlp, name, lexicon)
