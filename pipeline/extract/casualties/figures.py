"""The figure of each casualty kind that one incident's casualty mentions add up to.

Measured on GVDB dev (one incident per article), where it was the article-level combination.
"""
from __future__ import annotations

from pipeline.extract.casualties.component import HOSPITAL_FLAG, SHOT_FLAG

# combination switches, each measured on GVDB dev
ADDITIVE_KINDS = ("injured",)  # "another man was wounded" adds up; for killed, adding lost accuracy
SELF_INFLICTED_ADDS = False  # adding the perpetrator's own death to the killed total lost accuracy
LATE_KILLED_SOFT = True  # "two were wounded ... one of them died": no change measured on GVDB, kept for the semantics


def article_totals(casualties: list[dict]) -> dict:
    """Per-article killed / injured for a one-incident article (measured on GVDB dev, see the README).

    killed  = the largest stated killed total: repeated mentions of the same victims ("a man was shot
              and killed" ... "the victim died") are not added up; a figure flagged "additional"
              ("another man died", "a second victim") is added when an earlier figure of the same kind
              exists.  Figures flagged implied_min ("a fatal shooting") count only when nothing else
              gives a killed figure.
    injured = the same for injured; figures that may include the dead ("two people were shot", "the
              victim was shot", later reported dead) count only for what exceeds the killed figure.
    Returns {"killed": int|None, "injured": int|None}; None when the article gives no figure of that kind.
    """
    soft = (SHOT_FLAG, "singular_may_include_killed", HOSPITAL_FLAG)
    figs = sorted((p for p in casualties if p["total"] and p["count"] is not None and p["kind"] in ("killed", "injured")
                   and "aggregate_or_other_period" not in p["flags"]),
                  key=lambda p: p["start_char"])
    killed_figs = [p for p in figs if p["kind"] == "killed" and "implied_min" not in p["flags"]]

    def combine(kind, pred):
        base, extra = [], 0
        for p in figs:
            if p["kind"] != kind or not pred(p):
                continue
            if "additional" in p["flags"] and base and kind in ADDITIVE_KINDS:
                extra += p["count"]
            else:
                base.append(p["count"])
        return (max(base) + extra) if base else None

    k = combine("killed", lambda p: True)
    if SELF_INFLICTED_ADDS and k is not None and any(
            p["kind"] == "killed" and (p.get("group") or "").startswith("perpetrator") for p in casualties):
        k += 1

    def is_soft(p):
        if any(f in p["flags"] for f in soft):
            return True
        # "Two people were wounded ... the victim died": killed only reported after the injured figure
        return LATE_KILLED_SOFT and bool(killed_figs) and all(q["start_char"] > p["end_char"] for q in killed_figs)

    inj_figs = [p for p in figs if p["kind"] == "injured"]
    def is_extra(p):  # "additional" counts on top only when an earlier figure exists
        return "additional" in p["flags"] and any(q["start_char"] < p["start_char"] and "additional" not in q["flags"]
                                                  for q in inj_figs)

    implied_inj = [p["count"] for p in inj_figs if "implied_min" in p["flags"]]
    inj_figs = [p for p in inj_figs if "implied_min" not in p["flags"]]
    hard = [p["count"] for p in inj_figs if not is_soft(p) and not is_extra(p)]
    softs = [p["count"] for p in inj_figs if is_soft(p) and not is_extra(p)]
    cands = hard + ([max(max(softs) - (k or 0), 0)] if softs else [])
    inj = max(cands) if cands else None
    extra = sum(p["count"] for p in inj_figs if is_extra(p))
    if extra:
        inj = (inj or 0) + extra
    if implied_inj:  # "a double shooting": at least two hit, the dead included
        floor = max(max(implied_inj) - (k or 0), 0)
        inj = max(inj or 0, floor)
    return {"killed": k, "injured": inj}
