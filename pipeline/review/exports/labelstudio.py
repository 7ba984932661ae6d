"""Label Studio import JSON and the labelling config it goes with.

A task per article: `data.text` (+ id, sha256, title); `predictions` = what the pipeline extracted, one
prediction per run that extracted the article's claims, `model_version` = that run's pipeline identity
(`claimscope <config hash>`: models/pipeline.cfg and its lexicons, as `pipeline.batch.pipeline_identity`
gives it; the current identity when the run is not recorded), each region with the review confidence
(`confidence.score`) as `score` and the prediction's `score` their mean; `annotations` = one annotation with
the reviewed claims only (accepted, corrected with the corrected value, added; never a pending or rejected
one), `ground_truth` when no claim of the article is pending. A region's `id` is the claim id and its
`meta.text` holds the value as JSON.
"""
from __future__ import annotations

import json
from xml.sax.saxutils import quoteattr

from pipeline.review.confidence import score
from pipeline.review.exports.common import TYPE_NAMES

FROM_NAME, TO_NAME = "label", "text"


def label_config() -> str:
    """The labelling config the export imports with (Text `text`, Labels `label`, one Label per claim type)."""
    labels = "\n".join(f"    <Label value={quoteattr(v)}/>" for v in TYPE_NAMES.values())
    return (f'<View>\n  <Labels name="{FROM_NAME}" toName="{TO_NAME}">\n{labels}\n  </Labels>\n'
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


def model_version(run: dict | None) -> str:
    if run and run.get("config_hash"):
        return f"claimscope {run['config_hash']}"
    from pipeline.batch import pipeline_identity

    return f"claimscope {pipeline_identity()[1]}"


def _predictions(data: dict, claims: list[dict]) -> list[dict]:
    by_run: dict = {}
    for c in claims:
        if c["origin"] == "extracted":
            by_run.setdefault(c["run_id"], []).append(c)
    out = []
    for run_id, cs in by_run.items():
        regs = [_region(c, c["extracted_value"], "prediction",
                        score(c["claim_type"], c["rule"], c["extracted_value"], data["flags"].get(c["claim_id"])))
                for c in cs]
        out.append({"model_version": model_version(data["runs"].get(run_id)),
                    "score": round(sum(r["score"] for r in regs) / len(regs), 4), "result": regs})
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
                "predictions": _predictions(data, claims)}
        if reviewed:
            task["annotations"] = [{
                "result": [_region(c, c["value"], "annotation") for c in reviewed if c["status"] != "rejected"],
                "ground_truth": all(c["reviewed"] for c in claims), "was_cancelled": False}]
        tasks.append(task)
    return tasks
