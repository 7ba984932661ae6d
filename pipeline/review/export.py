"""Export claims after review: Prodigy, Label Studio, brat, our JSONL, and our gold annotations format.

All offsets are code points into the stored article text (Python indices), end exclusive.

What is exported:
- `jsonl`: one line per claim with its status, effective and extracted values (rejected ones included, marked).
- `prodigy`, `brat`: per article, the effective claims (rejected ones left out).
- `labelstudio`: per article a task; `predictions` = what the pipeline extracted, `annotations` = the
  effective claims after review (only for articles with at least one decision).
- `annotations`: gold for `claimscope eval` (annotations/README.md): only articles whose every claim has a
  decision (no pending claim left), rejected claims left out; spans carry offsets only (no article text).
`reviewed_only` keeps only claims with a decision (and articles with at least one).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Optional

from pipeline.review.decisions import flush_journal

FORMATS = ("prodigy", "labelstudio", "brat", "jsonl", "annotations")
LABELS = {"event": "EVENT", "date": "DATE", "place": "PLACE", "casualty": "CASUALTY", "attribution": "ATTRIBUTION"}
BRAT_TYPES = {"event": "Event", "date": "Date", "place": "Place", "casualty": "Casualty", "attribution": "Attribution"}


def _rows(con, sql: str, params=None) -> list[dict]:
    cur = con.execute(sql, params or [])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def _j(v):
    return json.loads(v) if isinstance(v, str) else v


def load(con) -> dict:
    """Everything the exporters need, read once."""
    arts = _rows(con, "SELECT sha256, id, title, url, CAST(published AS VARCHAR) AS published, source, text, run_id "
                      "FROM articles WHERE superseded_by IS NULL ORDER BY id, sha256")  # current versions only
    claims = _rows(con, "SELECT claim_id, article_sha256, run_id, claim_type, start_char, end_char, span_text, rule, "
                        "origin, status, reviewed, CAST(value AS VARCHAR) AS value, "
                        "CAST(extracted_value AS VARCHAR) AS extracted_value, reviewer, "
                        "CAST(reviewed_at AS VARCHAR) AS reviewed_at FROM claims_reviewed "
                        "ORDER BY article_sha256, start_char, end_char, claim_type, claim_id")
    for c in claims:
        c["value"], c["extracted_value"] = _j(c["value"]) or {}, _j(c["extracted_value"])
    attrs = {r["claim_id"]: r for r in _rows(con, "SELECT * FROM attributions")}
    events = {r["claim_id"]: r for r in _rows(con, "SELECT * FROM events")}
    cas_event = {r["claim_id"]: r["event_claim_id"] for r in _rows(con, "SELECT claim_id, event_claim_id FROM casualties")}
    ev_places = defaultdict(list)
    for r in _rows(con, "SELECT * FROM event_places ORDER BY rank"):
        ev_places[r["event_claim_id"]].append(r)
    by_article = defaultdict(list)
    for c in claims:
        by_article[c["article_sha256"]].append(c)
    return dict(articles=arts, claims=by_article, attrs=attrs, events=events, cas_event=cas_event,
                ev_places=ev_places)


def _effective(claims: list[dict], reviewed_only: bool) -> list[dict]:
    return [c for c in claims if c["status"] != "rejected" and (c["reviewed"] or not reviewed_only)]


def _selected_articles(data: dict, reviewed_only: bool) -> list[dict]:
    return [a for a in data["articles"]
            if not reviewed_only or any(c["reviewed"] for c in data["claims"].get(a["sha256"], []))]


def _label(c: dict) -> str:
    v = c["value"] or {}
    if c["claim_type"] == "casualty":
        return f"{v.get('kind')}={v.get('count')}"
    if c["claim_type"] == "date":
        return f"{v.get('start')}..{v.get('end')}"
    if c["claim_type"] == "place":
        return f"{v.get('name')} #{v.get('geonameid')}"
    if c["claim_type"] == "attribution":
        return f"{v.get('kind')}: {v.get('source') or '(author)'}"
    return str(v.get("type"))


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


# ------------------------------------------------------------------------------------------------- prodigy
def _tokens(nlp, text: str):
    doc = nlp.make_doc(text)
    toks = [{"text": t.text, "start": t.idx, "end": t.idx + len(t.text), "id": t.i, "ws": bool(t.whitespace_)}
            for t in doc]
    return doc, toks


def to_prodigy(data: dict, reviewed_only: bool) -> list[dict]:
    """Prodigy JSONL: one task per article with `text`, `tokens` and `spans` (label = claim type)."""
    import spacy

    nlp = spacy.blank("en")
    out = []
    for a in _selected_articles(data, reviewed_only):
        doc, toks = _tokens(nlp, a["text"])
        spans = []
        for c in _effective(data["claims"].get(a["sha256"], []), reviewed_only):
            s = {"start": c["start_char"], "end": c["end_char"], "label": LABELS[c["claim_type"]],
                 "text": c["span_text"]}
            cs = doc.char_span(c["start_char"], c["end_char"], alignment_mode="expand")
            if cs is not None:
                s["token_start"], s["token_end"] = cs.start, cs.end - 1
            s.update(claim_id=c["claim_id"], status=c["status"], value=c["value"])
            spans.append(s)
        out.append({"text": a["text"], "tokens": toks, "spans": spans, "answer": "accept",
                    "meta": {"id": a["id"], "sha256": a["sha256"], "source": a["source"]}})
    return out


# ------------------------------------------------------------------------------------------------- label studio
def _ls_region(c: dict, value: dict, i: int) -> dict:
    return {"id": f"{c['claim_id'][:10]}{i}", "from_name": "label", "to_name": "text", "type": "labels",
            "origin": "prediction" if c["origin"] == "extracted" else "manual",
            "value": {"start": c["start_char"], "end": c["end_char"], "text": c["span_text"],
                      "labels": [BRAT_TYPES[c["claim_type"]]]},
            "meta": {"text": [json.dumps(value, ensure_ascii=False, sort_keys=True)]}}


def to_labelstudio(data: dict, reviewed_only: bool) -> list[dict]:
    """Label Studio tasks (import JSON): predictions = extracted claims, annotations = reviewed result.
    Labelling config: <Labels name="label" toName="text"> with Event, Date, Place, Casualty, Attribution."""
    tasks = []
    for a in _selected_articles(data, reviewed_only):
        claims = data["claims"].get(a["sha256"], [])
        pred = [_ls_region(c, c["extracted_value"], i) for i, c in enumerate(claims) if c["origin"] == "extracted"]
        task = {"data": {"text": a["text"], "id": a["id"], "sha256": a["sha256"], "title": a["title"]},
                "predictions": [{"model_version": f"claimscope run {a['run_id']}", "result": pred}]}
        if any(c["reviewed"] for c in claims):
            eff = _effective(claims, reviewed_only)
            reviewers = sorted({c["reviewer"] for c in claims if c["reviewer"]})
            task["annotations"] = [{"result": [_ls_region(c, c["value"], i) for i, c in enumerate(eff)],
                                    "ground_truth": not any(c["status"] == "pending" for c in claims),
                                    "meta": {"reviewers": reviewers}}]
        tasks.append(task)
    return tasks


# ------------------------------------------------------------------------------------------------- brat
def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._")[:80] or "article"


def brat_fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """brat cannot hold a newline inside a fragment: split the span at line breaks (discontinuous span)."""
    frags, s = [], start
    for m in re.finditer(r"[\r\n]+", text[start:end]):
        if start + m.start() > s:
            frags.append((s, start + m.start()))
        s = start + m.end()
    if end > s:
        frags.append((s, end))
    return frags or [(start, end)]


def to_brat(data: dict, reviewed_only: bool, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "annotation.conf").write_text(
        "[entities]\n" + "\n".join(BRAT_TYPES.values()) + "\n[relations]\n[events]\n[attributes]\n", encoding="utf-8")
    written, used = [], set()
    for a in _selected_articles(data, reviewed_only):
        stem = _safe(a["id"])
        if stem in used:
            stem = f"{stem}-{a['sha256'][:8]}"
        used.add(stem)
        lines, t = [], 0
        for c in _effective(data["claims"].get(a["sha256"], []), reviewed_only):
            t += 1
            frags = brat_fragments(a["text"], c["start_char"], c["end_char"])
            frag_text = " ".join(a["text"][s:e] for s, e in frags)
            lines.append(f"T{t}\t{BRAT_TYPES[c['claim_type']]} {';'.join(f'{s} {e}' for s, e in frags)}\t{frag_text}")
            note = json.dumps({"status": c["status"], "claim_id": c["claim_id"], **(c["value"] or {})},
                              ensure_ascii=False, sort_keys=True).replace("\t", " ")
            lines.append(f"#{t}\tAnnotatorNotes T{t}\t{note}")
        (out_dir / f"{stem}.txt").write_text(a["text"], encoding="utf-8", newline="")
        (out_dir / f"{stem}.ann").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        written.append(out_dir / f"{stem}.ann")
    return written


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
def export(db_path: str | Path, fmt: str, out: Optional[str | Path] = None, reviewed_only: bool = False) -> dict:
    """Write the export; `out` None means stdout for the JSON formats. Returns a summary dict."""
    import sys

    from pipeline.store import connect

    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    if fmt == "brat" and out is None:
        raise ValueError("brat writes a folder: give --out DIR")
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
        items = to_prodigy(data, reviewed_only)
    elif fmt == "labelstudio":
        items = to_labelstudio(data, reviewed_only)
    else:
        items, summary["skipped_partial"] = to_annotations(data, reviewed_only)
    if fmt == "labelstudio":
        body = json.dumps(items, ensure_ascii=False, indent=1, default=str) + "\n"
    else:
        body = "".join(json.dumps(i, ensure_ascii=False, default=str) + "\n" for i in items)
    if out is None:
        sys.stdout.write(body)
    else:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(body, encoding="utf-8")
    summary.update(items=len(items), out=str(out) if out else "-")
    return summary
