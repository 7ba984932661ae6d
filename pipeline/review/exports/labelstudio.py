"""Label Studio import JSON and the labelling config it goes with.

A task per article: `data.text` (+ id, sha256, title); `predictions` = what the pipeline extracted, one
prediction per run that extracted the article's claims, `model_version` = that run's pipeline identity
(`claimscope <config hash>`: models/pipeline.cfg and its lexicons, as `pipeline.batch.pipeline_identity`
gives it; the current identity when the run is not recorded), each region with the review confidence
(`confidence.score`) as `score` and the prediction's `score` their mean; `annotations` = one annotation with
the reviewed claims only (accepted, corrected with the corrected value, added; never a pending or rejected
one), `ground_truth` when no claim of the article is pending. A region's `id` is the claim id and its
`meta.text` holds the value as JSON. An attribution adds `part` regions (Cue, Content, Source) and
relations from the cue (`content`, `source`), as the brat export does.
"""
from __future__ import annotations

import json
from xml.sax.saxutils import quoteattr

from pipeline.review.confidence import score
from pipeline.review.exports.common import TYPE_NAMES, attribution_parts

FROM_NAME, TO_NAME, PART_NAME = "label", "text", "part"
PARTS = {"cue": "Cue", "content": "Content", "source": "Source"}
RELATIONS = ("content", "source")   # from the cue (an added attribution: from its region) to the part


def label_config() -> str:
    """The labelling config the export imports with: Text `text`; Labels `label` (a Label per claim type) and
    `part` (an attribution's Source, Cue, Content); Relations `content`, `source`."""
    def labels(name, values):
        items = "\n".join(f"    <Label value={quoteattr(v)}/>" for v in values)
        return f'  <Labels name="{name}" toName="{TO_NAME}">\n{items}\n  </Labels>\n'

    rels = "\n".join(f'    <Relation value="{r}"/>' for r in RELATIONS)
    return (f"<View>\n{labels(FROM_NAME, TYPE_NAMES.values())}{labels(PART_NAME, PARTS.values())}"
            f"  <Relations>\n{rels}\n  </Relations>\n"
            f'  <Text name="{TO_NAME}" value="$text"/>\n</View>\n')


def _region(c: dict, value: dict, kind: str, conf: float | None = None) -> dict:
    r = {"id": c["claim_id"], "from_name": FROM_NAME, "to_name": TO_NAME, "type": "labels",
         "origin": "prediction" if kind == "prediction" else "manual",
         "value": {"start": c["start_char"], "end": c["end_char"], "text": c["span_text"],
                   "labels": [TYPE_NAMES[c["claim_type"]]]},
         "meta": {"text": [json.dumps(value, ensure_ascii=False, sort_keys=True)]}}
    if conf is not None:
        r["score"] = conf
    return r


def _span_region(rid: str, text: str, span: tuple[int, int], label: str) -> dict:
    s, e = span
    return {"id": rid, "from_name": PART_NAME, "to_name": TO_NAME, "type": "labels",
            "value": {"start": s, "end": e, "text": text[s:e], "labels": [label]}}


def _with_parts(text: str, c: dict, region: dict, value: dict, row: dict | None) -> list[dict]:
    """An attribution's region, its Source / Cue / Content regions and the relations from the cue."""
    if c["claim_type"] != "attribution":
        return [region]
    parts = attribution_parts(value, row)
    out = [region]
    for key in ("cue", "content", "source"):
        if parts[key] is not None and (key == "source" or parts["cue"] is not None):
            out.append(_span_region(f"{c['claim_id']}-{key}", text, parts[key], PARTS[key]))
    anchor = f"{c['claim_id']}-cue" if parts["cue"] is not None else c["claim_id"]
    ids = {r["id"] for r in out}
    out += [{"type": "relation", "from_id": anchor, "to_id": f"{c['claim_id']}-{k}", "direction": "right",
             "labels": [k]} for k in RELATIONS if f"{c['claim_id']}-{k}" in ids]
    return out


def model_version(run: dict | None) -> str:
    if run and run.get("config_hash"):
        return f"claimscope {run['config_hash']}"
    from pipeline.batch import pipeline_identity

    return f"claimscope {pipeline_identity()[1]}"


def _predictions(data: dict, text: str, claims: list[dict]) -> list[dict]:
    by_run: dict = {}
    for c in claims:
        if c["origin"] == "extracted":
            by_run.setdefault(c["run_id"], []).append(c)
    out = []
    for run_id, cs in by_run.items():
        regs = [_region(c, c["extracted_value"], "prediction",
                        score(c["claim_type"], c["rule"], c["extracted_value"], data["flags"].get(c["claim_id"])))
                for c in cs]
        result = [r for c, reg in zip(cs, regs)
                  for r in _with_parts(text, c, reg, c["extracted_value"], data["attrs"].get(c["claim_id"]))]
        out.append({"model_version": model_version(data["runs"].get(run_id)),
                    "score": round(sum(r["score"] for r in regs) / len(regs), 4), "result": result})
    return out


def _annotation_result(data: dict, text: str, reviewed: list[dict]) -> list[dict]:
    """The reviewed claims but the rejected ones, with their effective values (and attribution parts)."""
    out = []
    for c in reviewed:
        if c["status"] == "rejected":
            continue
        row = data["attrs"].get(c["claim_id"]) if c["origin"] == "extracted" else None
        out += _with_parts(text, c, _region(c, c["value"], "annotation"), c["value"], row)
    return out


def to_labelstudio(data: dict, reviewed_only: bool) -> list[dict]:
    """Tasks (import JSON); with `reviewed_only` only articles with at least one decision."""
    tasks = []
    for a in data["articles"]:
        claims = data["claims"].get(a["sha256"], [])
        reviewed = [c for c in claims if c["reviewed"]]
        if reviewed_only and not reviewed:
            continue
        task = {"data": {"text": a["text"], "id": a["id"], "sha256": a["sha256"], "title": a["title"]},
                "predictions": _predictions(data, a["text"], claims)}
        if reviewed:
            task["annotations"] = [{"result": _annotation_result(data, a["text"], reviewed),
                                    "ground_truth": all(c["reviewed"] for c in claims), "was_cancelled": False}]
        tasks.append(task)
    return tasks
