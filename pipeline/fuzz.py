"""`make fuzz`: the readers, the extractor and the DuckDB write on generated inputs (hypothesis), in process.

    python -m pipeline.fuzz [--n 10000] [--seed S] [--show 5]

Texts: random Unicode (control characters, combining marks, right-to-left scripts, odd spaces), very long lines
and runs ("=" x 5000, "killed " x 1000), unbalanced quotes and brackets, odd numerals and impossible dates, and
invented wire-copy sentences mutated (characters inserted, deleted, repeated; numbers made huge; sentences
glued); each with a publication date that may be absent, ordinary, or near year 1 or 9999. Every text goes through
the extractor (`extract_batch_results`, per-article isolation as in `run`) and the extraction is written to an
in-memory DuckDB. Files: random bytes, and JSONL lines with values of the wrong type, lone surrogate escapes
and invalid JSON, read with `read_all`.

Counted: inputs; crashes (an exception out of the readers, the extractor or the write; an article marked failed);
inexact spans (a span whose text is not the article text at its offsets); warnings (values dropped, articles
kept). Prints the first `--show` crashes and inexact spans with their input. Exit status 1 when there is a
crash or an inexact span.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hyp_seed
from hypothesis import strategies as st

# invented sentences of the kinds the pipeline reads (wire copy, reports, claims), to mutate
SEEDS = [
    "A rebel group claimed responsibility in a statement carried by its news agency, saying it killed 30 soldiers.",
    "KANDAR, March 3 (Wire) \u2014 Gunmen killed at least 12 people at a bus station on Tuesday, police said.",
    "\u201cWe will not stop,\u201d the commander said, adding that \u201cthe \u2018traitors\u2019 will pay.\u201d",
    "The ministry (which rarely comments) said 4 (four) civilians were wounded near the border.",
    "Officials said between 20 and 25 people died; local media put the toll at 40.",
    "On 29 February, a car bomb exploded outside the governor's office, killing two guards.",
    "According to the health ministry, 2147483648 people were killed in the fighting.",
    "The army denied it had shelled the village, blaming the militia for the deaths of 7 farmers.",
    "Three days later, a second blast wounded 15 shoppers in the old market, witnesses told reporters.",
    "The blast, which nobody has yet claimed, came a week after the ceasefire talks collapsed in late 2019.",
]
ODD = ["\u0000", "\u0007", "\u000b", "\u001b", "\u200b", "\u200e", "\u200f", "\u202e", "\u2066", "\ufeff", "\ufffd",
       "\u0301", "\u0308", "\u20dd", "\u00a0", "\u202f", "\u2028", "\u2029", "\r", "\n\n", "\t", "\u201c", "\u201d",
       "\u2018", "\u2019", "\"", "'", "(", ")", "[", "]", "{", "}", "\u00ab", "\u00bb", "\u2014", "\u2013", "-",
       "\u0627\u0644\u0642\u062f\u0633", "\u05e9\u05dc\u05d5\u05dd", "\U0001f4a5", "\u0966\u0967", "\u0663\u0664",
       "\u00bd", "\u2155", "IV", "1e9", "0x1F", "99999999999999999999", "3,000,000,000,000", "1.5m", "-7",
       "31 February 2016", "29 February", "0001-01-01", "9999-12-31", "February 30", "the 99th century",
       "12/45/2020", "year 10000", "killed", "said", "claimed responsibility", "according to", " ", ".", ","]
LONG = ["=", "-", "killed ", "a", "\u201c", "(", "1", "said ", "the ", "\n", "ab ", ". ", "10 "]
PUBLISHED = [None, "2016-06-27", "2020-02-29", "0001-01-01", "0001-01-02", "9999-12-31", "9999-12-30",
             "1999-12-31", "2999-12-31", "1000-01-01"]


# ------------------------------------------------------------------------------------------ strategies
def _mutate(text: str, ops: list[tuple[int, int, int]]) -> str:
    for kind, pos, k in ops:
        i = pos % (len(text) + 1)
        if kind == 0:
            text = text[:i] + ODD[k % len(ODD)] + text[i:]
        elif kind == 1:
            text = text[:i] + text[i + 1 + k % 5:]
        elif kind == 2:
            text = text[:i] + text[i:i + 1 + k % 8] * (1 + k % 4) + text[i:]
        else:
            text = text[:i] + SEEDS[k % len(SEEDS)] + " " + text[i:]
    return text


def texts():
    """Generated article texts (no lone surrogates: no reader produces one)."""
    unicode_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=400)
    odd_text = st.lists(st.sampled_from(ODD + SEEDS), max_size=30).map("".join)
    mutated = st.builds(_mutate, st.sampled_from(SEEDS),
                        st.lists(st.tuples(st.integers(0, 3), st.integers(0, 500), st.integers(0, 200)), max_size=12))
    glued = st.lists(st.sampled_from(SEEDS), min_size=1, max_size=8).map(" ".join)
    long_runs = st.builds(lambda s, n, tail: s * n + tail, st.sampled_from(LONG), st.integers(50, 4000),
                          st.sampled_from([""] + SEEDS))
    return st.one_of(unicode_text, odd_text, mutated, mutated, glued, long_runs)


_JSON_VALUE = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                        max_size=3), max_leaves=6)


def jsonl_lines():
    """One line of a JSONL file: a good article, fields of the wrong type, a lone surrogate escape, broken JSON."""
    good = st.builds(lambda t, p: json.dumps({"id": "x", "text": t, "published": p}), st.sampled_from(SEEDS),
                     st.sampled_from(PUBLISHED))
    wrong = st.builds(lambda k, v, t: json.dumps({"text": t, k: v}), st.sampled_from(["title", "url", "id",
                      "published", "publication_date", "text", "doc_id"]), _JSON_VALUE, st.sampled_from(SEEDS))
    surrogate = st.builds(lambda k, e: '{"text": "a %s b", "%s": "%s"}' % (e if k == "text" else "", k, e),
                          st.sampled_from(["text", "title", "url", "id"]),
                          st.sampled_from(["\\ud800", "\\udfff", "\\udc80x", "\\ud83d"]))
    broken = st.sampled_from(['{"text": "a', '{"text": 1}', "[1, 2]", "nul", '{"text": "x"} trailing',
                              '{"text": "' + "[" * 3000 + '"}', "[" * 5000, '"just a string"', "{}"])
    return st.one_of(good, wrong, surrogate, broken, st.text(max_size=80))


def files():
    """(suffix, bytes) of one input file."""
    suffix = st.sampled_from([".txt", ".md", ".html", ".jsonl", ".htm", ".markdown"])
    raw = st.binary(max_size=600)
    text_bytes = st.builds(lambda t, enc: t.encode(enc, errors="replace"), texts(),
                           st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1252", "utf-32", "latin-1"]))
    jsonl = st.lists(jsonl_lines(), min_size=1, max_size=6).map(lambda ls: "\n".join(ls).encode("utf-8", "replace"))
    front = st.builds(lambda k, v, t: f"---\n{k}: {v}\n---\n{t}".encode("utf-8", "replace"),
                      st.sampled_from(["published", "date", "title", "url", "id"]),
                      st.sampled_from(PUBLISHED[1:] + ["29 February", "", "x" * 300, "9999-99-99"]),
                      st.sampled_from(SEEDS))
    return st.tuples(suffix, st.one_of(raw, text_bytes, jsonl, front))


def cases():
    """One input: ("text", text, published) or ("file", suffix, bytes)."""
    return st.one_of(
        st.tuples(st.just("text"), texts(), st.sampled_from(PUBLISHED)),
        st.tuples(st.just("text"), texts(), st.sampled_from(PUBLISHED)),
        st.builds(lambda f: ("file", f[0], f[1]), files()),
    )


# ------------------------------------------------------------------------------------------ checks
@dataclass
class Tally:
    inputs: int = 0
    texts: int = 0
    files: int = 0
    warnings: int = 0
    by_kind: dict = field(default_factory=dict)  # (component, rule) -> warnings
    component_failures: list = field(default_factory=list)  # (input, warning): a component raised or timed out
    crashes: list = field(default_factory=list)   # (input, what)
    inexact: list = field(default_factory=list)   # (input, what)
    seconds: float = 0.0


class Checker:
    """Runs one input through the readers or the extractor and the write, and tallies what went wrong."""

    def __init__(self, nlp=None):
        from pipeline.extract.api import default_nlp
        from pipeline.store import connect

        self.nlp = nlp or default_nlp()
        self.con = connect(":memory:")
        self.tmp = Path(tempfile.mkdtemp(prefix="claimscope-fuzz-"))
        self.tally = Tally()

    def check(self, case: tuple) -> None:
        self.tally.inputs += 1
        if case[0] == "text":
            self.tally.texts += 1
            self.check_text(case[1], case[2])
        else:
            self.tally.files += 1
            self.check_file(case[1], case[2])

    def check_text(self, text: str, published: Optional[str], source: str = "fuzz.txt") -> None:
        from pipeline.extract.api import ArticleFailed, extract_batch_results
        from pipeline.ingest.readers import sha256_text
        from pipeline.store.repo import write_batch
        from pipeline.types import Article, span_errors

        case = (text, published)
        try:
            art = Article(id="fuzz", source=source, text=text, sha256=sha256_text(text), published=published)
            res = extract_batch_results([art], nlp=self.nlp)[0]
        except Exception:  # noqa: BLE001
            self.tally.crashes.append((case, "extract: " + traceback.format_exc(limit=-3)))
            return
        if isinstance(res, ArticleFailed):
            self.tally.crashes.append((case, f"article failed: {res.reason}"))
            return
        self.tally.warnings += len(res.warnings)
        for w in res.warnings:
            key = (w.component, w.rule)
            self.tally.by_kind[key] = self.tally.by_kind.get(key, 0) + 1
            if w.rule in ("find", "annotate", "link"):
                self.tally.component_failures.append((case, f"{w.component}: {w.reason}"))
        bad = span_errors(res, text)
        if bad:
            self.tally.inexact.append((case, bad[0]))
        try:
            write_batch(self.con, "fuzz", [(art, res)])
        except Exception:  # noqa: BLE001
            self.tally.crashes.append((case, "write: " + traceback.format_exc(limit=-3)))

    def check_file(self, suffix: str, data: bytes) -> None:
        from pipeline.ingest import read_all

        path = self.tmp / f"input{suffix}"
        path.write_bytes(data)
        case = (suffix, data[:300])
        try:
            arts, _failures = read_all([path])
        except Exception:  # noqa: BLE001
            self.tally.crashes.append((case, "read: " + traceback.format_exc(limit=-3)))
            return
        for a in arts:
            if a.dateline is not None and a.text[a.dateline.start:a.dateline.end] != a.dateline.text:
                self.tally.inexact.append((case, f"dateline {a.dateline}"))
            try:
                a.text.encode("utf-8")
                json.dumps(a.model_dump())
            except Exception as exc:  # noqa: BLE001 - an article that cannot be stored or printed
                self.tally.crashes.append((case, f"read: unstorable article: {exc}"))


def run(n: int, seed: Optional[int] = None, checker: Optional[Checker] = None) -> Tally:
    """Generate `n` inputs (hypothesis, no shrinking, no example database) and check each."""
    checker = checker or Checker()

    @settings(max_examples=n, database=None, deadline=None, phases=[Phase.generate], derandomize=seed is None,
              suppress_health_check=list(HealthCheck))
    @given(case=cases())
    def one(case):
        checker.check(case)

    if seed is not None:
        one = hyp_seed(seed)(one)
    t0 = time.perf_counter()
    one()
    checker.tally.seconds = time.perf_counter() - t0
    return checker.tally


def report(t: Tally, show: int = 5) -> str:
    lines = [f"fuzz: {t.inputs} inputs ({t.texts} texts, {t.files} files) in {t.seconds:.0f} s: "
             f"{len(t.crashes)} crashes, {len(t.inexact)} inexact spans, {t.warnings} warnings (values dropped, "
             f"articles kept), {len(t.component_failures)} component failures (a component raised or ran over its "
             f"time budget; its output dropped)"]
    top = sorted(t.by_kind.items(), key=lambda kv: -kv[1])[:8]
    if top:
        lines.append("warnings by component and rule: " + ", ".join(f"{c}/{r}: {n}" for (c, r), n in top))
    for title, items in (("crash", t.crashes), ("inexact span", t.inexact), ("component failure", t.component_failures)):
        for case, what in items[:show]:
            lines.append(f"--- {title}: input {case!r:.300}\n{what}")
    return "\n".join(lines)


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.fuzz", description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10_000, help="generated inputs (default 10000)")
    ap.add_argument("--seed", type=int, default=None, help="random seed (default: derandomized, the same inputs)")
    ap.add_argument("--show", type=int, default=5, help="crashes and inexact spans to print")
    args = ap.parse_args(argv)
    t = run(args.n, args.seed)
    print(report(t, args.show), flush=True)
    return 1 if t.crashes or t.inexact else 0


if __name__ == "__main__":
    sys.exit(main())
