"""The review page lists a decision orphaned by a re-extraction with the value decided (real headless Chromium;
skipped like test_browser.py when chromium or playwright is absent)."""
from __future__ import annotations

import pytest

from pipeline.review.decisions import make_review, store_review
from pipeline.review.queries import claim_for_review
from tests.review.conftest import hostile_extraction, write
from tests.review.test_browser import browser, page, ready, rows, site  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("decision, new_value, shown", [
    ("accepted", None, "value: {start} .. {end} ({granularity})"),
    ("corrected", {"start": "2024-03-05", "end": "2024-03-05"},
     "value: {start} .. {end} ({granularity}) → 2024-03-05 .. 2024-03-05 ({granularity})"),
])
def test_orphaned_decision_shows_its_value(site, page, db, decision, new_value, shown):  # noqa: F811
    app, url = site
    cid = rows(db, "SELECT claim_id FROM claims_reviewed WHERE span_text = 'on Monday'")[0][0]
    claim = claim_for_review(db, cid)
    shown = shown.format(**claim["value"])                          # the extracted value, as the page labels dates
    store_review(db, make_review(claim=claim, decision=decision, reviewer="ana", new_value=new_value,
                                 text_len=claim.get("text_len")))
    write(db, [hostile_extraction(variant=2)], run_id="run-2")     # the re-extraction no longer finds the span
    sha = hostile_extraction()[0].sha256
    page.goto(url + f"#status=all&sha={sha}")
    ready(page)
    page.wait_for_selector("#orphans li")
    text = page.locator("#orphans").inner_text()
    assert "Orphaned decisions (1)" in text and f"{decision} by ana" in text
    assert shown in text, text
    assert page.errors == []
