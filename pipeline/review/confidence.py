"""Review confidence: how much a reviewer should trust a claim before looking (ranks and filters the queue).

score = rule prior (confidence.json `rules[type][rule]`, else `base[type]`) + adjustments from the value
(an unresolved place, a count-less casualty, a hedged attribution ... lower it), clipped to 0.05..0.99.
Bands: high >= 0.8 > medium >= 0.6 > low. The table is data: tune it from reviewed claims (the share of
accepted claims per rule), not per sentence.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).with_name("confidence.json")
BANDS = ("high", "medium", "low")


@lru_cache(maxsize=1)
def table() -> dict:
    return json.loads(TABLE.read_text(encoding="utf-8"))


def score(claim_type: str, rule: str | None, value: dict | None, flags: list | None = None) -> float:
    t = table()
    adj = t["adjust"]
    s = t["rules"].get(claim_type, {}).get(rule or "", t["base"].get(claim_type, 0.6))
    v = value or {}
    if claim_type == "date":
        if v.get("relative"):
            s += adj["date_relative"]
        if not v.get("start"):
            s += adj["date_unresolved"]
        if v.get("granularity") in ("approximate", "decade", "century", "season"):
            s += adj["date_coarse"]
    elif claim_type == "place":
        s += adj["place_resolved"] if v.get("geonameid") else adj["place_unresolved"]
    elif claim_type == "casualty":
        if v.get("count") is None:
            s += adj["casualty_no_count"]
        elif v.get("qualifier") or (v.get("low") is not None and v.get("low") != v.get("high")):
            s += adj["casualty_approximate"]
        s += adj["casualty_per_flag"] * len(flags or [])
    elif claim_type == "attribution":
        if not v.get("source"):
            s += adj["attribution_author_voice"]
        if v.get("hedged"):
            s += adj["attribution_hedged"]
    elif claim_type == "event":
        if not v.get("date_start"):
            s += adj["event_no_date"]
        if not v.get("place_name"):
            s += adj["event_no_place"]
        if v.get("killed") is not None or v.get("injured") is not None:
            s += adj["event_figures"]
    return round(min(0.99, max(0.05, s)), 2)


def band(s: float) -> str:
    b = table()["bands"]
    return "high" if s >= b["high"] else "medium" if s >= b["medium"] else "low"
