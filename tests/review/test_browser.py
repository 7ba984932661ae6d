"""The review page in real headless Chromium (Debian's `chromium`, driven by Playwright; no browser download).

Skipped with a reason when chromium or playwright is absent locally; CI installs both (.ci/run, [test] extras).
"""
from __future__ import annotations

import os
import shutil

import pytest

from pipeline.review.server import make_server, shutdown, start_background
from pipeline.store import connect
from tests.review.conftest import HOSTILE

pytestmark = pytest.mark.slow

CHROMIUM = os.environ.get("CLAIMSCOPE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"chromium not found at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def site(db):
    httpd, app = make_server(db, port=0, reviewer="browser-test", flush_interval=0.3)
    start_background(httpd, app)
    yield app, f"http://127.0.0.1:{app.port}/"
    shutdown(httpd, app)


@pytest.fixture
def page(browser):
    # bypass_csp: the page must be inert by construction (text nodes only), not merely because the
    # Content-Security-Policy header blocks inline scripts (that header is checked in test_server.py)
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)
    pg = ctx.new_page()
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))
    pg.errors = errors
    yield pg
    ctx.close()


def ready(pg):
    pg.wait_for_selector("body[data-ready='1']", timeout=15000)


def rows(db, sql, params=None):
    con = connect(db, read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def claim_id(db, span_text):
    return rows(db, "SELECT claim_id FROM claims_reviewed WHERE span_text = ?", [span_text])[0][0]


def test_keyboard_accept_and_correct_count_persist_after_reload(site, page, db):
    app, url = site
    page.goto(url + "#status=all")
    ready(page)
    assert page.locator("#articles li.current").inner_text().startswith("Test article hostile")
    # shortcuts are shown on the page
    assert "accept" in page.locator("#keys").inner_text() and "reject" in page.locator("#keys").inner_text()
    first = page.locator("#claims li").nth(0)
    first_id = first.get_attribute("data-id")
    assert "current" in first.get_attribute("class")
    page.keyboard.press("j")
    page.keyboard.press("k")
    assert page.locator("#claims li.current").get_attribute("data-id") == first_id
    page.keyboard.press("a")
    page.wait_for_function("document.querySelector(`#claims li[data-id='%s'] .st`).textContent.startsWith('accepted')"
                           % first_id)
    # after accepting, the selection moved on to the next claim
    assert page.locator("#claims li.current").get_attribute("data-id") != first_id
    # correct a count: select the claim by clicking its highlight, 'c', edit, save
    wounded = claim_id(db, "30 wounded")
    page.locator("#text .seg", has_text="30 wounded").first.click()
    assert page.locator("#claims li.current").get_attribute("data-id") == wounded
    page.keyboard.press("c")
    page.fill("#correct-count", "31")
    page.fill("#correct-low", "31")
    page.fill("#correct-high", "")
    page.click("#correct-save")
    page.wait_for_function("document.querySelector(`#claims li[data-id='%s'] .st`).textContent.startsWith('corrected')"
                           % wounded)
    page.reload()
    ready(page)
    page.wait_for_selector(f"#claims li[data-id='{first_id}']")
    assert page.locator(f"#claims li[data-id='{first_id}'] .st").inner_text() == "accepted"
    assert page.locator(f"#claims li[data-id='{wounded}'] .st").inner_text() == "corrected"
    assert "= 31" in page.locator(f"#claims li[data-id='{wounded}'] .lab").inner_text()
    assert rows(db, "SELECT decision, reviewer FROM reviews ORDER BY review_id") == [
        ("accepted", "browser-test"), ("corrected", "browser-test")]
    assert rows(db, "SELECT CAST(value->>'count' AS INT) FROM claims_reviewed WHERE claim_id = ?", [wounded]) == [(31,)]
    assert page.errors == []


def test_hostile_article_renders_inert(site, page, db):
    app, url = site
    page.goto(url + "#status=all")
    ready(page)
    text = page.locator("#text")
    page.wait_for_timeout(300)                 # give an injected <img onerror> the chance to fire
    assert page.evaluate("typeof window.__pwned") == "undefined"
    # the markup is shown as text, nothing of it became an element
    assert "<script>window.__pwned = 1</script>" in text.inner_text()
    assert "</textarea>" in text.inner_text()
    assert text.locator("script, img, b, textarea").count() == 0
    # select the claim whose span *and value* are markup, hover the would-be handler, click around
    page.locator("#text .seg", has_text="onerror").first.click()
    assert "onerror" in page.locator("#detail").inner_text()
    assert page.locator("#detail img").count() == 0
    page.locator("#text .seg", has_text="bold").first.hover()
    page.keyboard.press("j")
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('script').length") == 1  # app.js only
    assert page.errors == []


def test_overlapping_highlights_and_click_selects_claim(site, page, db):
    app, url = site
    page.goto(url + "#status=all")
    ready(page)
    # "At least 12 people were killed" (casualty) lies inside the attribution content and beside the event
    seg = page.locator("#text .seg.t-casualty", has_text="At least 12").first
    seg.click()
    killed = claim_id(db, "At least 12 people were killed")
    assert page.locator("#claims li.current").get_attribute("data-id") == killed
    assert "num-verb" in page.locator("#detail").inner_text()           # provenance: rule
    assert "run-1" in page.locator("#detail").inner_text()              # provenance: run
    colours = page.evaluate("""() => [...new Set([...document.querySelectorAll('#text .seg.hl')]
        .map(s => getComputedStyle(s).backgroundColor))].length""")
    assert colours >= 4


def test_add_missed_claim_by_selecting_text_after_emoji(site, page, db):
    app, url = site
    page.goto(url + "#status=all")
    ready(page)
    # select "Dalmo hospital" (after an astral-plane emoji: UTF-16 and code point offsets differ)
    page.evaluate("""() => {
        const box = document.getElementById('text');
        const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
        let n, startNode, startOff, endNode, endOff;
        while ((n = walker.nextNode())) {
            const i = n.data.indexOf('Dalmo');
            if (i >= 0 && !startNode) { startNode = n; startOff = i; }
            const j = n.data.indexOf(' hospital');
            if (j >= 0) { endNode = n; endOff = j + ' hospital'.length; }
        }
        const r = document.createRange();
        r.setStart(startNode, startOff); r.setEnd(endNode, endOff);
        const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(r);
        box.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
    }""")
    page.wait_for_selector("#add-panel:not([hidden])")
    page.select_option("#add-type", "place")
    assert page.input_value("#add-name") == "Dalmo hospital"
    page.fill("#add-feature", "facility")
    page.click("#add-save")
    page.wait_for_function("document.querySelector('#claims li.current .st') && "
                           "document.querySelector('#claims li.current .st').textContent.startsWith('added')")
    s = HOSTILE.index("Dalmo hospital")
    got = rows(db, "SELECT decision, start_char, end_char, span_text, new_value->>'feature' FROM reviews")
    assert got == [("added", s, s + len("Dalmo hospital"), "Dalmo hospital", "facility")]


def test_correct_place_by_picking_a_gazetteer_candidate(site, page, db, monkeypatch):
    import pipeline.review.server as server_mod

    monkeypatch.setattr(server_mod, "candidates", lambda name: {"source": "gazetteer", "candidates": [
        {"name": "Kira", "geonameid": 1111, "country": "UG", "admin1": "Central", "lat": 0.39, "lon": 32.64,
         "feature": "city", "population": 317000},
        {"name": "Kira", "geonameid": 2222, "country": "NG", "admin1": "Kano", "lat": 12.0, "lon": 8.5,
         "feature": "village", "population": 0}]})
    app, url = site
    page.goto(url + "#status=all&type=place")
    ready(page)
    kira = claim_id(db, "Kira")
    page.locator(f"#claims li[data-id='{kira}']").click()
    page.keyboard.press("c")
    page.click("#correct-find")
    page.locator("#correct-cands li", has_text="NG").click()
    assert page.input_value("#correct-geonameid") == "2222"
    page.click("#correct-save")
    page.wait_for_function("document.querySelector(`#claims li[data-id='%s'] .st`).textContent.startsWith('corrected')"
                           % kira)
    assert rows(db, "SELECT CAST(new_value->>'geonameid' AS INT), new_value->>'country', old_value->>'country' "
                    "FROM reviews") == [(2222, "NG", "XX")]
