"""What every exporter reads: the current articles, their claims after review (`claims_reviewed`), the
attribution parts, event links, casualty flags and the runs that extracted the claims."""
from __future__ import annotations

import json
from collections import defaultdict

LABELS = {"event": "EVENT", "date": "DATE", "place": "PLACE", "casualty": "CASUALTY", "attribution": "ATTRIBUTION"}
TYPE_NAMES = {"event": "Event", "date": "Date", "place": "Place", "casualty": "Casualty", "attribution": "Attribution"}
REVIEWED = ("accepted", "corrected", "added", "rejected")


def rows(con, sql: str, params=None) -> list[dict]:
    cur = con.execute(sql, params or [])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def loads(v):
    return json.loads(v) if isinstance(v, str) else v


CLAIMS_SQL = (
    "SELECT claim_id, article_sha256, run_id, claim_type, start_char, end_char, span_text, rule, origin, status, "
    "reviewed, CAST(value AS VARCHAR) AS value, CAST(extracted_value AS VARCHAR) AS extracted_value, reviewer, "
    "CAST(reviewed_at AS VARCHAR) AS reviewed_at FROM claims_reviewed "
    "ORDER BY article_sha256, start_char, end_char, claim_type, claim_id")


def load(con) -> dict:
    """Everything the exporters need, read once."""
    arts = rows(con, "SELECT sha256, id, title, url, CAST(published AS VARCHAR) AS published, source, text, run_id "
                     "FROM articles WHERE superseded_by IS NULL ORDER BY id, sha256")  # current versions only
    claims = rows(con, CLAIMS_SQL)
    for c in claims:
        c["value"], c["extracted_value"] = loads(c["value"]) or {}, loads(c["extracted_value"])
    cas = rows(con, "SELECT claim_id, event_claim_id, CAST(flags AS VARCHAR) AS flags FROM casualties")
    ev_places = defaultdict(list)
    for r in rows(con, "SELECT * FROM event_places ORDER BY rank"):
        ev_places[r["event_claim_id"]].append(r)
    by_article = defaultdict(list)
    for c in claims:
        by_article[c["article_sha256"]].append(c)
    return dict(articles=arts, claims=by_article,
                attrs={r["claim_id"]: r for r in rows(con, "SELECT * FROM attributions")},
                events={r["claim_id"]: r for r in rows(con, "SELECT * FROM events")},
                cas_event={r["claim_id"]: r["event_claim_id"] for r in cas},
                flags={r["claim_id"]: loads(r["flags"]) or [] for r in cas},
                runs={r["run_id"]: r for r in rows(con, "SELECT run_id, version, model, config_hash FROM runs")},
                ev_places=ev_places)


def effective(claims: list[dict], reviewed_only: bool) -> list[dict]:
    """The claims a tool should show as annotations: not rejected, and reviewed when asked."""
    return [c for c in claims if c["status"] != "rejected" and (c["reviewed"] or not reviewed_only)]


def selected_articles(data: dict, reviewed_only: bool) -> list[dict]:
    return [a for a in data["articles"]
            if not reviewed_only or any(c["reviewed"] for c in data["claims"].get(a["sha256"], []))]


def attribution_parts(value: dict | None, row: dict | None) -> dict:
    """{cue, content, source}: (start, end) or None. Cue and content from the extraction (`attributions` row;
    a reviewer cannot move them, an added attribution has none); the source from `value` when it carries a
    span (a reviewer's correction), else the row's; none when the value has no source (the author's voice)."""
    v, r = value or {}, row or {}
    span = lambda s, e: (s, e) if s is not None and e is not None else None  # noqa: E731
    source = span(v.get("source_start"), v.get("source_end")) or span(r.get("source_start"), r.get("source_end"))
    return {"cue": span(r.get("cue_start"), r.get("cue_end")),
            "content": span(r.get("content_start"), r.get("content_end")),
            "source": source if v.get("source") else None}
