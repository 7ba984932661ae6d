"""Extraction -> rows, and bulk writes (one transaction per batch, so an article is all there or absent)."""
from __future__ import annotations

import hashlib
import json
import os
import signal
import uuid
from typing import Iterable, Optional

import duckdb
import pyarrow as pa

from pipeline import __version__
from pipeline.store.db import now
from pipeline.types import Article, Extraction

CLAIM_TABLES = ("events", "casualties", "places", "event_places", "dates", "attributions", "place_references")


def claim_key(sha: str, kind: str, start: int, end: int, *extra: object) -> str:
    """Stable claim id: the same claim (type, offsets, discriminator) gets the same key on every run."""
    raw = "|".join([sha, kind, str(start), str(end), *("" if e is None else str(e) for e in extra)])
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


def _j(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def extraction_rows(ex: Extraction, run_id: str) -> dict[str, list[dict]]:
    """Rows for every claim table from one article's extraction."""
    sha = ex.article.sha256
    rows: dict[str, list[dict]] = {t: [] for t in CLAIM_TABLES}
    place_ids: dict[tuple, str] = {}

    def place_row(p) -> str:
        key = (p.span.start, p.span.end)
        if key not in place_ids:
            cid = claim_key(sha, "place", p.span.start, p.span.end)
            place_ids[key] = cid
            rows["places"].append(dict(
                claim_id=cid, article_sha256=sha, run_id=run_id, name=p.name, geonameid=p.geonameid,
                country=p.country, admin1=p.admin1, lat=p.lat, lon=p.lon, coords=p.coords, feature=p.feature,
                relation=p.relation,
                rule=p.rule, start_char=p.span.start, end_char=p.span.end, span_text=p.span.text))
        return place_ids[key]

    for p in ex.places:
        place_row(p)
    seen_refs = set()
    for p in ex.references:
        if (p.span.start, p.span.end) in seen_refs:
            continue
        seen_refs.add((p.span.start, p.span.end))
        rows["place_references"].append(dict(
            claim_id=claim_key(sha, "place_reference", p.span.start, p.span.end), article_sha256=sha, run_id=run_id,
            kind="embedded" if (p.rule or "").startswith("embedded") else "demonym", name=p.name,
            geonameid=p.geonameid, country=p.country, admin1=p.admin1, lat=p.lat, lon=p.lon, coords=p.coords,
            feature=p.feature, relation=p.relation, rule=p.rule, start_char=p.span.start, end_char=p.span.end,
            span_text=p.span.text))

    seen_dates = set()
    for d in ex.dates:
        if d.span is None or (d.span.start, d.span.end) in seen_dates:
            continue
        seen_dates.add((d.span.start, d.span.end))
        rows["dates"].append(dict(
            claim_id=claim_key(sha, "date", d.span.start, d.span.end), article_sha256=sha, run_id=run_id,
            date_start=d.start, date_end=d.end, granularity=d.granularity, relative=d.relative, rule=d.rule,
            start_char=d.span.start, end_char=d.span.end, span_text=d.span.text))

    seen_cas = set()

    def cas_row(c, event_id: Optional[str], event_cid: Optional[str]) -> None:
        key = (c.span.start, c.span.end, c.kind, c.group)
        if key in seen_cas:
            return
        seen_cas.add(key)
        rows["casualties"].append(dict(
            claim_id=claim_key(sha, "casualty", c.span.start, c.span.end, c.kind, c.group), article_sha256=sha,
            run_id=run_id, event_id=event_id, event_claim_id=event_cid, kind=c.kind, count=c.count, low=c.low,
            high=c.high, qualifier=c.qualifier, group_name=c.group, total=c.total, rule=c.rule, flags=_j(c.flags),
            attribution_ids=_j(c.attribution_ids), start_char=c.span.start, end_char=c.span.end,
            span_text=c.span.text))

    for ev in ex.events:
        ecid = claim_key(sha, "event", ev.span.start, ev.span.end)
        top = ev.places[0] if ev.places else None
        d = ev.date
        gp = ev.geo_place

        figs = ev.figures
        fig = {k: (figs[k].count, figs[k].low, figs[k].high) if k in figs else (None, None, None)
               for k in ("killed", "injured")}
        rows["events"].append(dict(
            claim_id=ecid, article_sha256=sha, run_id=run_id, event_id=ev.id, type=ev.type,
            start_char=ev.span.start, end_char=ev.span.end, span_text=ev.span.text,
            date_start=d.start if d else None, date_end=d.end if d else None,
            date_granularity=d.granularity if d else None, date_relative=d.relative if d else None,
            date_rule=ev.date_rule, date_start_char=d.span.start if d and d.span else None,
            date_end_char=d.span.end if d and d.span else None, date_text=d.span.text if d and d.span else None,
            place_name=top.name if top else None, place_geonameid=top.geonameid if top else None,
            country=ev.country, admin1=ev.admin1, lat=ev.lat, lon=ev.lon, admin2=ev.admin2,
            geo_precision=ev.geo_precision, geo_rule=ev.geo_rule, geo_place_name=gp.name if gp else None,
            geo_place_geonameid=gp.geonameid if gp else None, geo_place_start_char=gp.span.start if gp else None,
            geo_place_end_char=gp.span.end if gp else None, geo_coords=gp.coords if gp and ev.lat is not None else None,
            killed=fig["killed"][0], injured=fig["injured"][0],
            actors=_j([a.model_dump() for a in ev.actors]), attribution_ids=_j(ev.attribution_ids),
            killed_low=fig["killed"][1], killed_high=fig["killed"][2],
            injured_low=fig["injured"][1], injured_high=fig["injured"][2],
            figures=_j({k: f.model_dump() for k, f in figs.items()}), subtype=ev.subtype,
            acled_event_type=ev.acled_event_type, acled_sub_event_type=ev.acled_sub_event_type))
        for rank, p in enumerate(ev.places):
            rows["event_places"].append(dict(
                event_claim_id=ecid, place_claim_id=place_row(p), article_sha256=sha, rank=rank, relation=p.relation))
        for c in ev.casualties:
            cas_row(c, ev.id, ecid)
    for c in ex.casualties:
        cas_row(c, None, None)

    for a in ex.attributions:
        parts = [a.cue.span, a.content.span] + ([a.source.span] if a.source else [])
        start, end = min(p.start for p in parts), max(p.end for p in parts)
        rows["attributions"].append(dict(
            claim_id=claim_key(sha, "attribution", a.cue.span.start, a.cue.span.end, a.content.span.start),
            article_sha256=sha, run_id=run_id, attribution_id=a.id, kind=a.kind,
            source_name=a.source.name if a.source else None,
            source_start=a.source.span.start if a.source else None, source_end=a.source.span.end if a.source else None,
            source_text=a.source.span.text if a.source else None,
            cue_start=a.cue.span.start, cue_end=a.cue.span.end, cue_text=a.cue.span.text,
            content_start=a.content.span.start, content_end=a.content.span.end, content_text=a.content.span.text,
            hedged=a.hedged, hedge_start=a.hedge.span.start if a.hedge else None,
            hedge_end=a.hedge.span.end if a.hedge else None, hedge_text=a.hedge.span.text if a.hedge else None,
            event_ids=_j(a.event_ids), start_char=start, end_char=end))
    return rows


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    """Bulk insert through Arrow (never row by row)."""
    if not rows:
        return
    cols = _columns(con, table)
    tbl = pa.table({c: [r.get(c) for r in rows] for c in cols})  # noqa: F841  (read by DuckDB below)
    con.execute(f"INSERT INTO {table} SELECT * FROM tbl")


def known_shas(con: duckdb.DuckDBPyConnection, shas: Iterable[str]) -> set[str]:
    """Which of these article hashes are already stored."""
    shas = list(set(shas))
    if not shas:
        return set()
    tbl = pa.table({"sha": shas})  # noqa: F841
    return {r[0] for r in con.execute("SELECT a.sha256 FROM articles a JOIN tbl ON a.sha256 = tbl.sha").fetchall()}


def known_failures(con: duckdb.DuckDBPyConnection, shas: Iterable[str], config_hash: str) -> set[str]:
    """Which of these article hashes failed extraction before with this pipeline config."""
    shas = list(set(shas))
    if not shas or "extraction_failures" not in {r[0] for r in con.execute("SHOW TABLES").fetchall()}:
        return set()
    tbl = pa.table({"sha": shas})  # noqa: F841
    return {r[0] for r in con.execute(
        "SELECT f.sha256 FROM extraction_failures f JOIN tbl ON f.sha256 = tbl.sha WHERE f.config_hash = ?",
        [config_hash]).fetchall()}


def record_failures(con: duckdb.DuckDBPyConnection, run_id: str, config_hash: str, failures) -> None:
    rows = [dict(sha256=f.sha256, config_hash=config_hash, source=f.source, reason=f.reason, run_id=run_id,
                 failed_at=now()) for f in failures if getattr(f, "sha256", None)]
    if not rows:
        return
    tbl = pa.table({k: [r[k] for r in rows] for k in rows[0]})  # noqa: F841
    con.execute("INSERT OR REPLACE INTO extraction_failures SELECT * FROM tbl")


def record_sources(con: duckdb.DuckDBPyConnection, articles: Iterable[Article]) -> None:
    """Remember every path an article was read from (duplicates under two names are stored once), and which
    stored text is the current version of each (path, article id) (see mark_versions)."""
    rows = [dict(sha256=a.sha256, source=a.source, article_id=a.id, first_seen=now()) for a in articles]
    if not rows:
        return
    tbl = pa.table({k: [r[k] for r in rows] for k in rows[0]})  # noqa: F841
    con.execute("INSERT INTO article_sources SELECT * FROM tbl ON CONFLICT DO NOTHING")
    mark_versions(con, rows)


def mark_versions(con: duckdb.DuckDBPyConnection, rows: list[dict]) -> None:
    """The texts just read are the current versions of their (source, article id): every other stored text
    read before from the same source with the same id is superseded by the one read now, once that one is
    stored (a text read again is current again). Two texts read together under one (source, id), e.g.
    duplicate ids in one JSONL file, supersede neither."""
    if "superseded_by" not in _columns(con, "articles"):
        return
    cur = pa.table({"sha": [r["sha256"] for r in rows], "src": [r["source"] for r in rows],  # noqa: F841
                    "aid": [r["article_id"] for r in rows]})
    con.execute("UPDATE articles SET superseded_by = NULL, superseded_at = NULL "
                "WHERE superseded_by IS NOT NULL AND sha256 IN (SELECT sha FROM cur)")
    con.execute(
        "UPDATE articles SET superseded_by = v.sha, superseded_at = ? "
        "FROM (SELECT DISTINCT s.sha256 AS old, c.sha FROM cur c JOIN articles n ON n.sha256 = c.sha "
        "      JOIN article_sources s ON s.source = c.src AND s.article_id = c.aid AND s.sha256 <> c.sha "
        "      WHERE s.sha256 NOT IN (SELECT sha FROM cur)) AS v "
        "WHERE articles.sha256 = v.old AND articles.superseded_by IS DISTINCT FROM v.sha", [now()])


def warning_rows(ex: Extraction, run_id: str) -> list[dict]:
    """Rows of `extraction_warnings` for one article's extraction."""
    at = now()
    return [dict(article_sha256=ex.article.sha256, run_id=run_id, article_id=w.article, component=w.component,
                 rule=w.rule, reason=w.reason, logged_at=at) for w in ex.warnings]


def write_batch(con: duckdb.DuckDBPyConnection, run_id: str, items: list[tuple[Article, Extraction]]) -> int:
    """Replace the stored claims (and warnings) of these articles in one transaction. Returns articles written."""
    if not items:
        return 0
    uniq: dict[str, tuple[Article, Extraction]] = {}
    for art, ex in items:
        uniq.setdefault(art.sha256, (art, ex))
    shas = list(uniq)
    tables: dict[str, list[dict]] = {t: [] for t in CLAIM_TABLES + ("extraction_warnings",)}
    arts = []
    for art, ex in uniq.values():
        for t, rs in extraction_rows(ex, run_id).items():
            tables[t].extend(rs)
        tables["extraction_warnings"].extend(warning_rows(ex, run_id))
        arts.append(dict(
            sha256=art.sha256, id=art.id, source=art.source, title=art.title, url=art.url, published=ex.article.published,
            published_from=ex.article.published_from, chars=len(art.text), text=art.text, encoding=art.encoding,
            encoding_note=art.encoding_note, run_id=run_id, ingested_at=now()))
    keys = pa.table({"sha": shas})  # noqa: F841
    con.execute("BEGIN TRANSACTION")
    try:
        stored = _keep_stored_fields(con, arts)
        for t in ("articles",) + CLAIM_TABLES + ("extraction_warnings",):
            col = "sha256" if t == "articles" else "article_sha256"
            con.execute(f"DELETE FROM {t} WHERE {col} IN (SELECT sha FROM keys)")
        _insert(con, "articles", arts)
        for t in CLAIM_TABLES + ("extraction_warnings",):
            _insert(con, t, tables[t])
        record_sources(con, [a for a, _ in items if a.sha256 not in stored])
        fault_point("before-commit")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return len(uniq)


def _keep_stored_fields(con: duckdb.DuckDBPyConnection, arts: list[dict]) -> set[str]:
    """An article written again (a re-extraction) keeps its place among the versions of its file and when it
    was first ingested: its rows get the stored superseded_by / superseded_at / ingested_at. Returns the
    hashes that were stored (their sources and versions are left as they are)."""
    cols = ["ingested_at"] + (["superseded_by", "superseded_at"] if "superseded_by" in _columns(con, "articles") else [])
    written = pa.table({"sha": [row["sha256"] for row in arts]})  # noqa: F841  (read by DuckDB below)
    prev = {r[0]: dict(zip(cols, r[1:])) for r in con.execute(
        f"SELECT sha256, {', '.join(cols)} FROM articles WHERE sha256 IN (SELECT sha FROM written)").fetchall()}
    for row in arts:
        row.update(prev.get(row["sha256"], {}))
    return set(prev)


_FAULTS: dict[str, int] = {}


def fault_point(name: str) -> None:
    """Test hook for the exactly-once test: with CLAIMSCOPE_FAULT=<name>:<n> the process SIGKILLs itself the
    n-th time it passes <name> (writing its PID to $CLAIMSCOPE_FAULT_MARKER first). Inert otherwise."""
    spec = os.environ.get("CLAIMSCOPE_FAULT")
    if not spec or not spec.startswith(name + ":"):
        return
    _FAULTS[name] = _FAULTS.get(name, 0) + 1
    if _FAULTS[name] >= int(spec.split(":", 1)[1]):
        marker = os.environ.get("CLAIMSCOPE_FAULT_MARKER")
        if marker:
            with open(marker, "w") as fh:
                fh.write(str(os.getpid()))
        os.kill(os.getpid(), signal.SIGKILL)


def start_run(con: duckdb.DuckDBPyConnection, model: str, config_hash: str, inputs: int) -> str:
    """Record a new run. Runs still marked `running` are from a process that died (we hold the only writable
    connection, so none can be alive): they are marked `crashed`."""
    con.execute("UPDATE runs SET state = 'crashed' WHERE state = 'running'")
    run_id = uuid.uuid4().hex[:16]
    con.execute(
        "INSERT INTO runs (run_id, version, model, config_hash, started_at, state, inputs) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [run_id, __version__, model, config_hash, now(), "running", inputs])
    return run_id


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, state: str, new: int, skipped: int, errors: int,
               seconds: float, flow_run_id: Optional[str] = None, *, timings: Optional[dict] = None,
               processes: Optional[int] = None, executor: Optional[str] = None,
               prefect_state: Optional[str] = None, warnings: Optional[int] = None, kind: Optional[str] = None,
               reviews: Optional[dict] = None) -> None:
    """Record how a run ended. `kind`: run | reextract; `reviews`: a re-extraction's {kept, orphaned, lost}."""
    t = timings or {}
    con.execute(
        "UPDATE runs SET finished_at = ?, state = ?, articles_new = ?, articles_skipped = ?, errors = ?, seconds = ?, "
        "flow_run_id = coalesce(?, flow_run_id) WHERE run_id = ?",
        [now(), state, new, skipped, errors, seconds, flow_run_id, run_id])
    if "processes" in _columns(con, "runs"):
        con.execute(
            "UPDATE runs SET processes = ?, executor = ?, prefect_state = ?, read_seconds = ?, extract_seconds = ?, "
            "write_seconds = ?, pipeline_seconds = ? WHERE run_id = ?",
            [processes, executor, prefect_state, t.get("read"), t.get("extract"), t.get("write"), t.get("pipeline"),
             run_id])
    if warnings is not None and "warnings" in _columns(con, "runs"):
        con.execute("UPDATE runs SET warnings = ? WHERE run_id = ?", [warnings, run_id])
    if kind is not None and "kind" in _columns(con, "runs"):
        r = reviews or {}
        con.execute("UPDATE runs SET kind = ?, reviews_kept = ?, reviews_orphaned = ?, reviews_lost = ? WHERE run_id = ?",
                    [kind, r.get("kept"), r.get("orphaned"), r.get("lost"), run_id])


# ------------------------------------------------------------------------------------------------ re-extraction
def stale_identities(con: duckdb.DuckDBPyConnection, identity: str) -> list[tuple[Optional[str], int]]:
    """(identity, articles) of the current stored articles whose claims another pipeline identity extracted
    (view article_identity; None: the run is not recorded), most articles first."""
    return [(r[0], r[1]) for r in con.execute(
        "SELECT config_hash, count(*) FROM article_identity WHERE current AND config_hash IS DISTINCT FROM ? "
        "GROUP BY 1 ORDER BY 2 DESC, 1", [identity]).fetchall()]


STORED_ARTICLE_COLUMNS = ("sha256", "id", "source", "title", "url", "published", "published_from", "text",
                          "encoding", "encoding_note")


def stored_articles(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Every current stored article (not superseded by a newer version of its file), as rows, oldest first."""
    where = "WHERE superseded_by IS NULL" if "superseded_by" in _columns(con, "articles") else ""
    cur = con.execute(f"SELECT {', '.join(STORED_ARTICLE_COLUMNS)} FROM articles {where} ORDER BY ingested_at, sha256")
    return [dict(zip(STORED_ARTICLE_COLUMNS, r)) for r in cur.fetchall()]


def decided_claims(con: duckdb.DuckDBPyConnection, shas: Iterable[str]) -> set[str]:
    """Claims of these articles with a review decision (view review_latest: one row per claim)."""
    tbl = pa.table({"sha": list(set(shas))})  # noqa: F841
    return {r[0] for r in con.execute(
        "SELECT claim_id FROM review_latest WHERE article_sha256 IN (SELECT sha FROM tbl)").fetchall()}


def review_outcome(con: duckdb.DuckDBPyConnection, before: set[str]) -> dict:
    """What became of the decided claims `before` (decided_claims before a re-extraction): kept (the claim is
    there again, decision re-attached), orphaned (listed in reviews_orphaned), lost (neither: must be 0)."""
    ids = pa.table({"claim_id": sorted(before)})  # noqa: F841
    orphaned = {r[0] for r in con.execute(
        "SELECT claim_id FROM reviews_orphaned WHERE claim_id IN (SELECT claim_id FROM ids)").fetchall()}
    attached = {r[0] for r in con.execute(
        "SELECT claim_id FROM claims_reviewed WHERE reviewed AND claim_id IN (SELECT claim_id FROM ids)").fetchall()}
    kept = len(attached - orphaned)
    return {"before": len(before), "kept": kept, "orphaned": len(orphaned),
            "lost": len(before) - kept - len(orphaned)}


_ERROR_KINDS = (("cannot read", "read"), ("binary", "binary"), ("invalid utf", "decode"), ("empty", "empty"),
                ("invalid json", "json"), ("json line", "json"), ("extraction failed", "extract"), ("write failed", "write"),
                ("no such file", "read"))


def error_kind(reason: str) -> str:
    low = reason.lower()
    for needle, kind in _ERROR_KINDS:
        if needle in low:
            return kind
    return "other"


def record_errors(con: duckdb.DuckDBPyConnection, run_id: str, failures) -> None:
    rows = [dict(run_id=run_id, source=f.source, reason=f.reason, logged_at=now(), kind=error_kind(f.reason))
            for f in failures]
    _insert(con, "ingest_errors", rows)
