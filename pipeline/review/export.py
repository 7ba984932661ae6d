"""Export claims after review: Prodigy, Label Studio, brat, our JSONL, and our gold annotations format.

All offsets are code points into the stored article text (Python indices), end exclusive. A pending machine
claim is never exported as a reviewed one:
- `jsonl`: one line per claim with its status, effective and extracted values (rejected ones included, marked).
- `prodigy` (exports/prodigy.py): one task per reviewed claim with the reviewer's answer (accept / reject);
  pending claims only with `include_pending`, answered `ignore`.
- `labelstudio` (exports/labelstudio.py): a task per article; `predictions` = what the pipeline extracted
  (model_version = its pipeline identity, score = review confidence), `annotations` = reviewed claims only;
  the labelling config is written next to it.
- `brat` (exports/brat.py): effective claims (pending ones marked `Status pending`), attributions as
  Source / Cue / Content with relations, GeoNames normalisations; annotation.conf and tools.conf.
- `annotations`: gold for `claimscope eval` (annotations/README.md): only articles whose every claim has a
  decision (no pending claim left), rejected claims left out; spans carry offsets only (no article text).
`reviewed_only` keeps only claims with a decision (and articles with at least one); Prodigy exports only
those anyway.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Optional

from pipeline.review.decisions import flush_journal
from pipeline.review.exports.brat import brat_fragments, to_brat  # noqa: F401  (brat_fragments: public)
from pipeline.review.exports.common import LABELS, TYPE_NAMES, load  # noqa: F401
from pipeline.review.exports.common import loads as _j
from pipeline.review.exports.labelstudio import label_config, to_labelstudio
from pipeline.review.exports.prodigy import to_prodigy

FORMATS = ("prodigy", "labelstudio", "brat", "jsonl", "annotations")
BRAT_TYPES = TYPE_NAMES


# ------------------------------------------------------------------------------------------------- jsonl
def to_jsonl(data: dict, reviewed_only: bool) -> list[dict]:
    out = []
    ids = {a["sha256"]: a["id"] for a in data["articles"]}
    for sha, claims in data["claims"].items():
        if sha not in ids:  # a superseded version of an article
            continue
        for c in claims:
            if reviewed_only and not c["reviewed"]:
                continue
            out.append(dict(
                claim_id=c["claim_id"], article_sha256=sha, article_id=ids.get(sha), claim_type=c["claim_type"],
                span={"start": c["start_char"], "end": c["end_char"], "text": c["span_text"]},
                status=c["status"], reviewed=bool(c["reviewed"]), value=c["value"],
                extracted_value=c["extracted_value"], origin=c["origin"], rule=c["rule"], run_id=c["run_id"],
                reviewer=c["reviewer"], reviewed_at=c["reviewed_at"]))
    return out


# ------------------------------------------------------------------------------------------------- annotations
def _article_path(source: str) -> str:
    """The article's path for annotations/: relative to the repository root when inside it or next to it
    (`../shared/...`), else absolute; the stored source as is when the file is not found."""
    import os

    from pipeline.paths import ROOT

    root = ROOT.resolve()
    for cand in dict.fromkeys([source, re.sub(r":\d+$", "", source), source.split("#")[0]]):
        p = Path(cand)
        for q in ([p] if p.is_absolute() else [Path.cwd() / p, root / p]):
            if q.is_file():
                q = q.resolve()
                return os.path.relpath(q, root) if q.is_relative_to(root.parent) else str(q)
    return source


def _span(s, e) -> Optional[dict]:
    return None if s is None or e is None else {"start": s, "end": e}


def to_annotations(data: dict, reviewed_only: bool = True) -> tuple[list[dict], list[str]]:
    """Gold lines for fully reviewed articles; returns (lines, ids of articles skipped as partly reviewed)."""
    lines, partial = [], []
    for a in data["articles"]:
        claims = data["claims"].get(a["sha256"], [])
        if not any(c["reviewed"] for c in claims):
            continue
        if any(not c["reviewed"] for c in claims):
            partial.append(a["id"])
            continue
        keep = [c for c in claims if c["status"] != "rejected"]
        kept = {c["claim_id"]: c for c in keep}
        places, dates, attributions, events = [], [], [], []
        att_ids = {}
        for c in keep:
            v = c["value"]
            if c["claim_type"] == "place":
                places.append({k: v.get(k) for k in ("name", "geonameid", "country", "admin1", "lat", "lon", "feature")}
                              | {"span": _span(c["start_char"], c["end_char"])})
            elif c["claim_type"] == "date":
                dates.append({"start": v.get("start"), "end": v.get("end"), "granularity": v.get("granularity"),
                              "span": _span(c["start_char"], c["end_char"])})
            elif c["claim_type"] == "attribution":
                r = data["attrs"].get(c["claim_id"])
                aid = (r or {}).get("attribution_id") or f"r{len(attributions) + 1}"
                att_ids[aid] = aid
                src = None
                if v.get("source"):
                    if v.get("source_start") is not None:
                        src = {"span": _span(v["source_start"], v["source_end"])}
                    elif r and r.get("source_start") is not None:
                        src = {"span": _span(r["source_start"], r["source_end"])}
                attributions.append({
                    "id": aid, "kind": v.get("kind"), "hedged": bool(v.get("hedged")), "source": src,
                    "cue": {"span": _span(r["cue_start"], r["cue_end"]) if r else _span(c["start_char"], c["end_char"])},
                    "content": {"span": _span(r["content_start"], r["content_end"]) if r
                                else _span(c["start_char"], c["end_char"])}})
        for c in keep:
            if c["claim_type"] != "event":
                continue
            v, r = c["value"], data["events"].get(c["claim_id"]) or {}
            date = None
            if v.get("date_start") or v.get("date_end"):
                date = {"start": v.get("date_start"), "end": v.get("date_end"),
                        "granularity": v.get("date_granularity"),
                        "span": _span(r.get("date_start_char"), r.get("date_end_char"))}
            ev_places = []
            for link in data["ev_places"].get(c["claim_id"], []):
                p = kept.get(link["place_claim_id"])
                if p:
                    pv = p["value"]
                    ev_places.append({k: pv.get(k) for k in ("name", "geonameid", "country", "lat", "lon")}
                                     | {"relation": link["relation"], "span": _span(p["start_char"], p["end_char"])})
            cas = []
            for o in keep:
                if o["claim_type"] == "casualty" and data["cas_event"].get(o["claim_id"]) == c["claim_id"]:
                    ov = o["value"]
                    cas.append({k: ov.get(k) for k in ("kind", "count", "low", "high", "group", "total")}
                               | {"span": _span(o["start_char"], o["end_char"])})
            links = _j(r.get("attribution_ids")) or []
            events.append({"id": r.get("event_id") or f"r{len(events) + 1}", "type": v.get("type"),
                           "span": _span(c["start_char"], c["end_char"]), "date": date, "places": ev_places,
                           "casualties": cas, "attribution_ids": [x for x in links if x in att_ids]})
        reviewers = sorted({c["reviewer"] for c in claims if c["reviewer"]})
        lines.append({"doc_id": a["id"], "path": _article_path(a["source"]), "sha256": a["sha256"],
                      "published": a["published"],
                      "gold": {"events": events, "attributions": attributions, "places": places, "dates": dates},
                      "reviewed_by": reviewers,
                      "exported": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")})
    return lines, partial


# ------------------------------------------------------------------------------------------------- entry point
class ExportOptionError(ValueError):
    """Options that do not go together (the CLI exits 2)."""


def _check(fmt: str, out, reviewed_only: bool, include_pending: bool) -> None:
    if fmt not in FORMATS:
        raise ExportOptionError(f"format must be one of {', '.join(FORMATS)}")
    if fmt == "brat" and out is None:
        raise ExportOptionError("brat writes a folder: give --out DIR")
    if include_pending and fmt != "prodigy":
        raise ExportOptionError("--include-pending is for --format prodigy (the other formats mark pending claims)")
    if include_pending and reviewed_only:
        raise ExportOptionError("--include-pending and --reviewed-only contradict each other")


def config_path(out, config_out) -> Optional[Path]:
    """Where the Label Studio labelling config goes: `config_out`, else next to `out` (`ls.json` ->
    `ls.config.xml`), else nowhere (stdout export without --config-out)."""
    if config_out is not None:
        return Path(config_out)
    return None if out is None else Path(out).with_suffix(".config.xml")


def _write(body: str, out) -> None:
    import sys

    if out is None:
        sys.stdout.write(body)
        return
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(body, encoding="utf-8")


def export(db_path: str | Path, fmt: str, out: Optional[str | Path] = None, reviewed_only: bool = False,
           include_pending: bool = False, config_out: Optional[str | Path] = None) -> dict:
    """Write the export; `out` None means stdout for the JSON formats. Returns a summary dict."""
    from pipeline.store import connect

    _check(fmt, out, reviewed_only, include_pending)
    con = connect(db_path)  # writable: migrates, and lets pending journal decisions in first
    try:
        flushed = flush_journal(con, db_path)
        data = load(con)
    finally:
        con.close()
    summary = {"format": fmt, "flushed": flushed, "skipped_partial": []}
    if fmt == "brat":
        files = to_brat(data, reviewed_only, Path(out))
        summary.update(articles=len(files), out=str(out))
        return summary
    if fmt == "jsonl":
        items = to_jsonl(data, reviewed_only)
    elif fmt == "prodigy":
        items = to_prodigy(data, include_pending)
    elif fmt == "labelstudio":
        items = to_labelstudio(data, reviewed_only)
    else:
        items, summary["skipped_partial"] = to_annotations(data, reviewed_only)
    if fmt == "labelstudio":
        _write(json.dumps(items, ensure_ascii=False, indent=1, default=str) + "\n", out)
        cfg = config_path(out, config_out)
        if cfg is not None:
            _write(label_config(), cfg)
        summary["config"] = str(cfg) if cfg else None
    else:
        _write("".join(json.dumps(i, ensure_ascii=False, default=str) + "\n" for i in items), out)
    summary.update(items=len(items), out=str(out) if out else "-")
    return summary
