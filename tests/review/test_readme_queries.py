"""The SQL examples of README.md and pipeline/review/README.md run, as `claimscope sql` runs them, on a database
with review decisions, and the analyst queries read the reviewed values."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from pipeline.store.sql import run_statements
from tests.review.test_reviewed_values import decide, depot_extraction, hostile_extraction, plain_extraction, write

ROOT = Path(__file__).resolve().parents[2]
READMES = ("README.md", "pipeline/review/README.md")


def sql_blocks(name: str) -> list[str]:
    return re.findall(r"```sql\n(.*?)```", (ROOT / name).read_text(encoding="utf-8"), re.S)


@pytest.fixture(scope="module")
def reviewed_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("readme") / "claims.duckdb"
    write(path, [hostile_extraction(), plain_extraction(), depot_extraction()])
    decide(path, "events", "hostile", "a car bomb exploded", "corrected",
           {"date_start": "2024-03-05", "date_end": "2024-03-05"})
    decide(path, "casualties", "depot", "seven people were dead", "rejected")
    return path


@pytest.mark.parametrize("name", READMES)
def test_readme_sql_examples_run(reviewed_db, name):
    blocks = sql_blocks(name)
    assert blocks, f"{name} has no ```sql block"
    for block in blocks:
        results = run_statements(reviewed_db, block)
        assert results and all(r.columns for r in results), block


@pytest.mark.parametrize("name", READMES)
def test_readme_analyst_queries_use_the_reviewed_views(name):
    """Every example over events / casualties / places / dates / attributions / figures reads a _reviewed view
    (claims_reviewed, reviews_orphaned and place_references have no machine twin)."""
    raw = re.compile(r"\b(?:FROM|JOIN)\s+(events|casualties|places|dates|attributions|event_figures|"
                     r"article_figures)\b(?!_reviewed)", re.I)
    # the one comparison of reviewed against machine figures is the exception
    found = [m.group(0) for b in sql_blocks(name) for m in raw.finditer(b.replace("FULL JOIN article_figures m", ""))]
    assert found == []


@pytest.mark.parametrize("query, reviewed, machine", [
    # README query 1 shape: the corrected date moves the bombing from February to March
    ("SELECT month, sum(killed) FROM {v} WHERE article_id = 'hostile' GROUP BY ALL",
     [(dt.date(2024, 3, 1), 12)], [(dt.date(2024, 2, 1), 12)]),
    # the rejected total: the depot's figure is the sum of its groups
    ("SELECT count, rule FROM {v} WHERE article_id = 'depot' AND kind = 'killed'",
     [(5, "sum-of-groups;review")], [(7, "largest-total")]),
])
def test_reviewed_and_machine_answers_differ(reviewed_db, query, reviewed, machine):
    view = "event_figures" if "month" in query else "article_figures"
    assert run_statements(reviewed_db, query.format(v=view + "_reviewed"))[0].rows == reviewed
    assert run_statements(reviewed_db, query.format(v=view))[0].rows == machine
