"""brat standoff: a folder with `<id>.txt` + `<id>.ann` per article, `annotation.conf` and `tools.conf`.

- Claims are text-bound annotations (`T`) typed Event, Date, Place, Casualty; a span across a line break is
  split into fragments (`start end;start end`), brat cannot hold a newline inside one.
- An attribution is three text-bound annotations, Source (absent in the author's own voice), Cue and
  Content, joined by relations from the cue: `R1<TAB>HasSource Arg1:T2 Arg2:T1`, `HasContent`. The cue
  carries the attribution's attributes (`Kind`, `Hedged`). An attribution a reviewer added has no cue or
  content offsets: it is one `Attribution` annotation over the selected text (with its Source, if given).
- Every claim (the cue for an attribution) has a `Status` attribute (pending | accepted | corrected | added)
  and its effective value as JSON in an `AnnotatorNotes` comment (`#`).
- A place with a GeoNames id is normalised: `N1<TAB>Reference T3 GeoNames:2643743<TAB>London`; the
  `GeoNames` database is declared in `tools.conf` ([normalization]: links only, no local lookup DB).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from pipeline.review.exports.common import attribution_parts, effective, selected_articles

ENTITIES = ("Event", "Date", "Place", "Casualty", "Attribution", "Source", "Cue", "Content")
CLAIM_TYPES = {"event": "Event", "date": "Date", "place": "Place", "casualty": "Casualty"}
RELATIONS = {"HasSource": ("Cue|Attribution", "Source"), "HasContent": ("Cue", "Content")}  # arg types a|b
STATUSES = ("pending", "accepted", "corrected", "added")
ATTRIBUTION_KINDS = ("statement", "report", "responsibility", "accusation", "denial", "opinion")
STATUS_TYPES = ("Event", "Date", "Place", "Casualty", "Attribution", "Cue")
NORM_DB = "GeoNames"


def annotation_conf() -> str:
    rel = "\n".join(f"{n}\tArg1:{a}, Arg2:{b}" for n, (a, b) in RELATIONS.items())
    return ("[entities]\n" + "\n".join(ENTITIES) + "\n\n"
            "[relations]\n" + rel + "\n"
            "# claims overlap and nest (an event inside a casualty phrase inside an attribution's content)\n"
            "<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>\n\n"
            "[events]\n\n"
            "[attributes]\n"
            f"Status\tArg:{'|'.join(STATUS_TYPES)}, Value:{'|'.join(STATUSES)}\n"
            f"Kind\tArg:Cue|Attribution, Value:{'|'.join(ATTRIBUTION_KINDS)}\n"
            "Hedged\tArg:Cue|Attribution\n")


def tools_conf() -> str:
    return (f"[normalization]\n{NORM_DB}\t<URL>:https://www.geonames.org/, "
            "<URLBASE>:https://www.geonames.org/%s\n")


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


class _Ann:
    """The lines of one .ann file, numbering each kind of annotation on its own."""

    def __init__(self, text: str):
        self.text, self.lines, self.n = text, [], {"T": 0, "R": 0, "A": 0, "N": 0, "#": 0}

    def _id(self, kind: str) -> str:
        self.n[kind] += 1
        return f"{kind}{self.n[kind]}"

    def t(self, etype: str, start: int, end: int) -> str:
        tid, frags = self._id("T"), brat_fragments(self.text, start, end)
        offs = ";".join(f"{s} {e}" for s, e in frags)
        self.lines.append(f"{tid}\t{etype} {offs}\t{' '.join(self.text[s:e] for s, e in frags)}")
        return tid

    def r(self, rtype: str, arg1: str, arg2: str) -> None:
        self.lines.append(f"{self._id('R')}\t{rtype} Arg1:{arg1} Arg2:{arg2}")

    def a(self, name: str, tid: str, value: str | None = None) -> None:
        self.lines.append(f"{self._id('A')}\t{name} {tid}" + (f" {value}" if value else ""))

    def norm(self, tid: str, ref: str, name: str) -> None:
        self.lines.append(f"{self._id('N')}\tReference {tid} {NORM_DB}:{ref}\t{_flat(name)}")

    def note(self, tid: str, value: dict) -> None:
        note = _flat(json.dumps(value, ensure_ascii=False, sort_keys=True))
        self.lines.append(f"{self._id('#')}\tAnnotatorNotes {tid}\t{note}")


def _flat(s: str) -> str:
    return re.sub(r"[\t\r\n]+", " ", s or "")


def _attribution(ann: _Ann, c: dict, row: dict | None) -> str:
    """Source, Cue and Content joined by relations; the cue (or the whole span when added) is returned."""
    v, parts = c["value"] or {}, attribution_parts(c["value"], row)
    if parts["cue"] is None:
        anchor = ann.t("Attribution", c["start_char"], c["end_char"])
    else:
        anchor = ann.t("Cue", *parts["cue"])
    if parts["content"] is not None and parts["cue"] is not None:
        ann.r("HasContent", anchor, ann.t("Content", *parts["content"]))
    if parts["source"] is not None:
        ann.r("HasSource", anchor, ann.t("Source", *parts["source"]))
    if v.get("kind") in ATTRIBUTION_KINDS:
        ann.a("Kind", anchor, v["kind"])
    if v.get("hedged"):
        ann.a("Hedged", anchor)
    return anchor


def article_ann(a: dict, claims: list[dict], attrs: dict) -> list[str]:
    ann = _Ann(a["text"])
    for c in claims:
        if c["claim_type"] == "attribution":
            tid = _attribution(ann, c, attrs.get(c["claim_id"]) if c["origin"] == "extracted" else None)
        else:
            tid = ann.t(CLAIM_TYPES[c["claim_type"]], c["start_char"], c["end_char"])
        ann.a("Status", tid, c["status"])
        gid = (c["value"] or {}).get("geonameid")
        if c["claim_type"] == "place" and gid:
            ann.norm(tid, str(gid), (c["value"] or {}).get("name") or c["span_text"])
        ann.note(tid, {"status": c["status"], "claim_id": c["claim_id"], **(c["value"] or {})})
    return ann.lines


def to_brat(data: dict, reviewed_only: bool, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "annotation.conf").write_text(annotation_conf(), encoding="utf-8")
    (out_dir / "tools.conf").write_text(tools_conf(), encoding="utf-8")
    written, used = [], set()
    for a in selected_articles(data, reviewed_only):
        stem = _safe(a["id"])
        if stem in used:
            stem = f"{stem}-{a['sha256'][:8]}"
        used.add(stem)
        lines = article_ann(a, effective(data["claims"].get(a["sha256"], []), reviewed_only), data["attrs"])
        (out_dir / f"{stem}.txt").write_text(a["text"], encoding="utf-8", newline="")
        (out_dir / f"{stem}.ann").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        written.append(out_dir / f"{stem}.ann")
    return written


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._")[:80] or "article"
