"""Read side of the review page: the article queue, one article with its claims, filters, candidates.

Every read opens a short-lived read-only connection and closes it before returning, so that `claimscope run`
can take the database between two requests. Decisions still waiting in the journal are laid over what the
database says, so the reviewer sees them at once.
"""
from __future__ import annotations

import json
import re
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

from pipeline.review.confidence import band, score
from pipeline.review.decisions import CLAIM_TYPES, STATUSES, read_journal

# One DuckDB handle at a time in this process: DuckDB refuses a read-only and a read-write connection to the
# same file open together in one process, and short serialized requests keep the file free between them.
DB_LOCK = threading.RLock()


class NotReviewable(RuntimeError):
    """The database cannot be read now (another process holds it) or lacks the review schema."""


@contextmanager
def reading(db_path: str | Path, retries: int = 2, wait: float = 0.15) -> Iterator:
    """A short-lived read-only connection, migrated first if the review views are missing."""
    from pipeline.store import DatabaseBusy, connect
    from pipeline.store.db import writer_waiting

    with DB_LOCK:
        pid = writer_waiting(db_path)
        if pid is not None:  # `run` waits for the file: stay away until it has it (then reads wait anyway)
            raise NotReviewable(f"another process (PID {pid}, e.g. claimscope run) is opening the database "
                                f"to write; the page shows its last answer until it is done")
        try:
            con = connect(db_path, read_only=True, retries=retries, wait=wait)
        except DatabaseBusy as exc:
            raise NotReviewable(str(exc)) from None
        try:
            has = con.execute(  # the review views, and the newest columns they read (migrations 0006, 0012)
                "SELECT (SELECT count(*) FROM duckdb_views() WHERE view_name = 'claims_reviewed') > 0 AND "
                "(SELECT count(*) FROM duckdb_columns() WHERE table_name = 'articles' "
                "AND column_name = 'superseded_by') > 0 AND (SELECT count(*) FROM duckdb_columns() "
                "WHERE table_name = 'reviews' AND column_name = 'undoes') > 0").fetchall()[0][0]
            if not has:  # an older database: migrate it once (needs the write lock)
                con.close()
                try:
                    connect(db_path, retries=retries, wait=wait).close()
                except DatabaseBusy as exc:
                    raise NotReviewable(str(exc)) from None
                con = connect(db_path, read_only=True, retries=retries, wait=wait)
            yield con
        finally:
            con.close()


def _loads(v):
    if v is None or isinstance(v, (dict, list)):
        return v
    try:
        return json.loads(v)
    except ValueError:
        return None


def _rows(con, sql: str, params: list | None = None) -> list[dict]:
    cur = con.execute(sql, params or [])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


CLAIMS_SQL = """
SELECT cr.claim_id, cr.article_sha256, cr.run_id, cr.claim_type, cr.start_char, cr.end_char, cr.span_text,
       cr.rule, cr.origin, cr.status, cr.reviewed, CAST(cr.value AS VARCHAR) AS value,
       CAST(cr.extracted_value AS VARCHAR) AS extracted_value, cr.reviewer,
       CAST(cr.reviewed_at AS VARCHAR) AS reviewed_at, cr.decisions,
       a.attribution_id, a.source_start AS a_source_start, a.source_end AS a_source_end,
       a.cue_start, a.cue_end, a.content_start, a.content_end, a.hedge_start, a.hedge_end,
       CAST(a.event_ids AS VARCHAR) AS attribution_event_ids,
       CAST(cas.flags AS VARCHAR) AS flags, cas.event_claim_id,
       CAST(coalesce(cas.attribution_ids, ev.attribution_ids) AS VARCHAR) AS linked_attributions,
       ev.event_id, ev.date_start_char, ev.date_end_char
FROM claims_reviewed cr
LEFT JOIN attributions a ON a.claim_id = cr.claim_id
LEFT JOIN casualties cas ON cas.claim_id = cr.claim_id
LEFT JOIN events ev ON ev.claim_id = cr.claim_id
{where}
ORDER BY cr.article_sha256, cr.start_char, cr.end_char DESC, cr.claim_type
"""


def _claim(r: dict) -> dict:
    """A claims_reviewed row as the page shows it."""
    c = {k: r[k] for k in ("claim_id", "article_sha256", "run_id", "claim_type", "start_char", "end_char",
                           "span_text", "rule", "origin", "status", "reviewed", "reviewer", "reviewed_at",
                           "decisions")}
    c["value"] = _loads(r["value"]) or {}
    c["extracted_value"] = _loads(r["extracted_value"])
    c["flags"] = _loads(r.get("flags")) or []
    c["pending_write"] = False
    # where to highlight, and the parts shown when selected (attribution: source, cue, content)
    c["hl_start"], c["hl_end"] = c["start_char"], c["end_char"]
    parts = []
    if c["claim_type"] == "attribution" and r.get("cue_start") is not None:
        c["hl_start"], c["hl_end"] = r["cue_start"], r["cue_end"]
        parts.append({"role": "cue", "start": r["cue_start"], "end": r["cue_end"]})
        parts.append({"role": "content", "start": r["content_start"], "end": r["content_end"]})
        if r.get("hedge_start") is not None:
            parts.append({"role": "hedge", "start": r["hedge_start"], "end": r["hedge_end"]})
        c["attribution_id"] = r["attribution_id"]
        c["event_ids"] = _loads(r.get("attribution_event_ids")) or []
    if c["claim_type"] == "event" and r.get("date_start_char") is not None:
        parts.append({"role": "date", "start": r["date_start_char"], "end": r["date_end_char"]})
    c["parts"] = parts
    c["event_claim_id"] = r.get("event_claim_id")
    c["event_id"] = r.get("event_id")
    c["linked_attributions"] = _loads(r.get("linked_attributions")) or []
    return c


def _finish(claims: list[dict]) -> list[dict]:
    """Derived fields that depend on effective values: sources, confidence, attribution source part."""
    by_attr: dict[tuple, Optional[str]] = {}
    for c in claims:
        if c["claim_type"] == "attribution":
            by_attr[(c["article_sha256"], c.get("attribution_id"))] = c["value"].get("source")
    for c in claims:
        v = c["value"]
        if c["claim_type"] == "attribution":
            c["sources"] = [v.get("source") or "(author)"]
            parts = [p for p in c["parts"] if p["role"] != "source"]
            if v.get("source_start") is not None:
                parts.insert(0, {"role": "source", "start": v["source_start"], "end": v["source_end"]})
            c["parts"] = parts
        else:
            c["sources"] = sorted({by_attr.get((c["article_sha256"], a)) or "(author)"
                                   for a in c["linked_attributions"] if (c["article_sha256"], a) in by_attr})
        c["confidence"] = score(c["claim_type"], c["rule"], c["extracted_value"] or v, c["flags"])
        c["band"] = band(c["confidence"])
    return claims


def _newer(r: dict, c: dict) -> bool:
    """The journal row `r` is newer than the decision the claim `c` shows."""
    return not (c.get("reviewed_at") and str(c["reviewed_at"]).replace(" ", "T") >= str(r.get("created_at")))


def overlay_journal(claims: list[dict], journal: list[dict], sha: Optional[str] = None) -> list[dict]:
    """Apply decisions still in the journal (newer than the stored ones) to the claims shown."""
    if not journal:
        return claims
    latest: dict[str, dict] = {}
    for r in sorted(journal, key=lambda r: (r.get("created_at") or "", r["review_id"])):
        if sha is None or r.get("article_sha256") == sha:
            latest[r["claim_id"]] = r
    index = {c["claim_id"]: c for c in claims}
    for cid, r in latest.items():
        c = index.get(cid)
        if c is not None and r["decision"] == "pending":  # an undo back to unreviewed
            if not _newer(r, c):
                continue
            if c.get("origin") == "review":  # an added claim taken back: gone
                claims.remove(c)
                continue
            c.update(status="pending", reviewed=False, value=c.get("extracted_value") or c.get("value") or {},
                     reviewer=r.get("reviewer"), reviewed_at=r.get("created_at"), pending_write=True,
                     decisions=(c.get("decisions") or 0) + 1)
            continue
        if c is None:
            if r["decision"] != "added":
                continue  # orphaned or not loaded here
            c = dict(claim_id=cid, article_sha256=r["article_sha256"], run_id=None, claim_type=r["claim_type"],
                     start_char=r["start_char"], end_char=r["end_char"], span_text=r["span_text"], rule="review",
                     origin="review", extracted_value=None, flags=[], parts=[], linked_attributions=[],
                     hl_start=r["start_char"], hl_end=r["end_char"], decisions=0, event_claim_id=None,
                     event_id=None)
            claims.append(c)
        elif not _newer(r, c):
            continue
        c.update(status=r["decision"], reviewed=True, value=r.get("new_value") or c.get("value") or {},
                 reviewer=r.get("reviewer"), reviewed_at=r.get("created_at"), pending_write=True,
                 decisions=(c.get("decisions") or 0) + 1)
    claims.sort(key=lambda c: (c["article_sha256"], c["start_char"] or 0, -(c["end_char"] or 0), c["claim_type"]))
    return claims


def load_claims(con, db_path: str | Path, sha: Optional[str] = None) -> list[dict]:
    where, params = ("WHERE cr.article_sha256 = ?", [sha]) if sha else ("", [])
    claims = [_claim(r) for r in _rows(con, CLAIMS_SQL.format(where=where), params)]
    return _finish(overlay_journal(claims, read_journal(db_path), sha))


def matches(c: dict, ctype: Optional[str] = None, status: Optional[str] = None, source: Optional[str] = None,
            confidence: Optional[str] = None) -> bool:
    if ctype and c["claim_type"] != ctype:
        return False
    if status == "reviewed":
        if not c["reviewed"]:
            return False
    elif status and status != "all" and c["status"] != status:
        return False
    if source and source not in c.get("sources", []):
        return False
    if confidence and c.get("band") != confidence:
        return False
    return True


def check_filters(ctype=None, status=None, source=None, confidence=None) -> None:
    if ctype and ctype not in CLAIM_TYPES:
        raise ValueError(f"type must be one of {', '.join(CLAIM_TYPES)}")
    if status and status not in STATUSES + ("reviewed", "all"):
        raise ValueError(f"status must be one of {', '.join(STATUSES)}, reviewed, all")
    if confidence and confidence not in ("high", "medium", "low"):
        raise ValueError("confidence must be high, medium or low")
    if source is not None and len(source) > 300:
        raise ValueError("source too long")


def queue(db_path: str | Path, ctype=None, status=None, source=None, confidence=None) -> dict:
    """Articles with their claim counts (matching the filters), the sources to filter by, orphan counts."""
    check_filters(ctype, status, source, confidence)
    with reading(db_path) as con:
        arts = _rows(con, "SELECT sha256, id, title, CAST(published AS VARCHAR) AS published, source, chars, "
                          "CAST(ingested_at AS VARCHAR) AS ingested_at FROM articles WHERE superseded_by IS NULL "
                          "ORDER BY id, sha256")
        claims = load_claims(con, db_path)
        orphans = {r["article_sha256"]: r["n"] for r in _rows(
            con, "SELECT coalesce(current_sha256, article_sha256) AS article_sha256, count(*) AS n "
                 "FROM reviews_orphaned GROUP BY 1")}
        total_reviews = con.execute("SELECT count(*) FROM reviews").fetchall()[0][0]
    per: dict[str, dict] = {a["sha256"]: dict(a, total=0, pending=0, matching=0, orphaned=orphans.get(a["sha256"], 0))
                            for a in arts}
    sources: set[str] = set()
    for c in claims:
        a = per.get(c["article_sha256"])
        if a is None:
            continue
        a["total"] += 1
        a["pending"] += c["status"] == "pending"
        a["matching"] += matches(c, ctype, status, source, confidence)
        sources.update(c.get("sources", []))
    filtered = any((ctype, source, confidence)) or (status not in (None, "", "all"))
    items = [a for a in per.values() if a["matching"] or not filtered]
    items.sort(key=lambda a: (-(a["matching"] > 0), -a["pending"], a["id"]))
    return {"articles": items, "sources": sorted(sources), "reviews": total_reviews,
            "claims": len(claims), "pending": sum(c["status"] == "pending" for c in claims),
            "orphaned": sum(orphans.values()), "journal": len(read_journal(db_path))}


def article(db_path: str | Path, sha: str, ctype=None, status=None, source=None, confidence=None) -> Optional[dict]:
    """One article: its text, every claim (with `match` for the filters), orphaned decisions, runs."""
    check_filters(ctype, status, source, confidence)
    with reading(db_path) as con:
        rows = _rows(con, "SELECT sha256, id, title, url, CAST(published AS VARCHAR) AS published, published_from, "
                          "source, chars, text, run_id FROM articles WHERE sha256 = ?", [sha])
        if not rows:
            return None
        claims = load_claims(con, db_path, sha)
        orphans = _rows(con, "SELECT review_id, claim_id, claim_type, decision, CAST(new_value AS VARCHAR) AS value, "
                             "CAST(old_value AS VARCHAR) AS old_value, "
                             "reviewer, CAST(created_at AS VARCHAR) AS created_at, start_char, end_char, span_text, "
                             "run_id, decisions FROM reviews_orphaned WHERE article_sha256 = ? OR current_sha256 = ? "
                             "ORDER BY start_char",
                        [sha, sha])
        run_ids = sorted({c["run_id"] for c in claims if c.get("run_id")} | {rows[0]["run_id"]})
        runs = {r["run_id"]: r for r in _rows(
            con, "SELECT run_id, version, model, config_hash, CAST(started_at AS VARCHAR) AS started_at, state "
                 "FROM runs WHERE run_id IN (SELECT unnest(?::VARCHAR[]))", [run_ids])}
        links = _rows(con, "SELECT event_claim_id, place_claim_id, rank, relation FROM event_places "
                           "WHERE article_sha256 = ? ORDER BY rank", [sha])
    for o in orphans:  # value: the value decided (accepted, rejected or corrected to); old_value: before it
        o["value"], o["old_value"] = _loads(o["value"]), _loads(o["old_value"])
    by_event: dict[str, list[str]] = {}
    for link in links:
        by_event.setdefault(link["event_claim_id"], []).append(link["place_claim_id"])
    text = rows[0]["text"]
    for c in claims:
        c["match"] = matches(c, ctype, status, source, confidence)
        if c["claim_type"] == "event":
            c["sentence"] = list(sentence_bounds(text, c["start_char"], c["end_char"]))
            c["linked"] = by_event.get(c["claim_id"], []) + [
                x["claim_id"] for x in claims if x.get("event_claim_id") == c["claim_id"]]
        elif c.get("event_claim_id"):
            c["linked"] = [c["event_claim_id"]]
        else:
            c["linked"] = []
    return {"article": rows[0], "claims": claims, "orphaned": orphans, "runs": runs}


def claim_for_review(db_path: str | Path, claim_id: str) -> Optional[dict]:
    """The claim as it stands now (effective value including the journal), with its article's length."""
    with reading(db_path) as con:
        rows = _rows(con, CLAIMS_SQL.format(where="WHERE cr.claim_id = ?"), [claim_id])
        if not rows:
            return None
        n = con.execute("SELECT chars FROM articles WHERE sha256 = ?", [rows[0]["article_sha256"]]).fetchall()
    c = _finish(overlay_journal([_claim(rows[0])], read_journal(db_path), rows[0]["article_sha256"]))[0]
    c["text_len"] = n[0][0] if n else None
    return c


def article_text(db_path: str | Path, sha: str) -> Optional[str]:
    with reading(db_path) as con:
        r = con.execute("SELECT text FROM articles WHERE sha256 = ?", [sha]).fetchall()
    return r[0][0] if r else None


# ---------------------------------------------------------------------------------------------------------
# The sentence of an event, a claim's decisions (for undo), and text search

_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?=\s|$)|\n")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """[s, e) of the sentence holding text[start:end]: from after the last . ! ? (before whitespace) or line
    break before `start` to the first one at or after `end` (a plain rule: "Gen." ends a sentence too)."""
    s = 0
    for m in _SENTENCE_END.finditer(text, 0, max(0, start)):
        s = m.end()
    while s < start and text[s].isspace():
        s += 1
    m = _SENTENCE_END.search(text, max(end, start))
    e = len(text) if m is None else (m.start() if m.group(0) == "\n" else m.end())
    return s, max(e, end)


def history(db_path: str | Path, claim_id: str) -> list[dict]:
    """Every decision on a claim: rows of `reviews` and of the journal (read together, under DB_LOCK, so that
    the flusher cannot move a row between the two reads)."""
    with reading(db_path) as con:
        rows = _rows(con, "SELECT review_id, claim_id, claim_type, article_sha256, decision, "
                          "CAST(new_value AS VARCHAR) AS new_value, CAST(created_at AS VARCHAR) AS created_at, "
                          "start_char, end_char, span_text, run_id, undoes FROM reviews WHERE claim_id = ?",
                     [claim_id])
        journal = [r for r in read_journal(db_path) if r["claim_id"] == claim_id]
    for r in rows:
        r["new_value"] = _loads(r["new_value"])
    return rows + journal


SEARCH_MIN, SEARCH_MAX, SNIPPET = 2, 200, 60


def _like(q: str) -> str:
    """An ILIKE pattern matching `q` anywhere, its wildcards escaped (ESCAPE '\\')."""
    return "%" + re.sub(r"([\\%_])", r"\\\1", q) + "%"


def _snippet(text: str, q: str) -> dict:
    i = text.lower().find(q.lower())
    if i < 0:
        return {"before": text[:2 * SNIPPET], "match": "", "after": "", "start": None}
    j = i + len(q)
    return {"before": ("…" if i > SNIPPET else "") + text[max(0, i - SNIPPET):i], "match": text[i:j],
            "after": text[j:j + SNIPPET] + ("…" if j + SNIPPET < len(text) else ""), "start": i}


def _value_has(value, needle: str) -> bool:
    return isinstance(value, dict) and any(needle in str(v).casefold() for v in value.values() if v is not None)


def search(db_path: str | Path, q: Optional[str], limit: int = 30) -> dict:
    """Articles whose title or text holds `q`, and claims whose span text or a value field does (ILIKE,
    parameterised; the current article versions only)."""
    q = (q or "").strip()
    if not SEARCH_MIN <= len(q) <= SEARCH_MAX:
        raise ValueError(f"search: give {SEARCH_MIN} to {SEARCH_MAX} characters")
    pat = _like(q)
    with reading(db_path) as con:
        arts = _rows(con, "SELECT sha256, id, title, text FROM articles WHERE superseded_by IS NULL AND "
                          "(coalesce(title, '') ILIKE ? ESCAPE '\\' OR text ILIKE ? ESCAPE '\\') "
                          "ORDER BY id, sha256 LIMIT ?", [pat, pat, limit])
        claims = _rows(con, "SELECT cr.claim_id, cr.article_sha256, cr.claim_type, cr.start_char, cr.span_text, "
                            "cr.status, CAST(cr.value AS VARCHAR) AS value, a.id AS article_id, a.title "
                            "FROM claims_reviewed cr JOIN articles a ON a.sha256 = cr.article_sha256 "
                            "WHERE a.superseded_by IS NULL AND (cr.span_text ILIKE ? ESCAPE '\\' "
                            "OR CAST(cr.value AS VARCHAR) ILIKE ? ESCAPE '\\') "
                            "ORDER BY a.id, cr.start_char, cr.claim_id LIMIT ?", [pat, pat, 4 * limit])
    needle = q.casefold()
    out_claims = []
    for c in claims:
        c["value"] = _loads(c["value"]) or {}
        if needle in (c["span_text"] or "").casefold() or _value_has(c["value"], needle):
            out_claims.append(c)
    found = []
    for a in arts:
        in_title = needle in (a["title"] or "").casefold()
        found.append(dict(sha256=a["sha256"], id=a["id"], title=a["title"], where="title" if in_title else "text",
                          **_snippet(a["title"] if in_title else a["text"], q)))
    return {"q": q, "articles": found, "claims": out_claims[:limit]}
