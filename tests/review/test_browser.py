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


# ------------------------------------------------------------------------------------------ issue 20: the page
def current_id(pg):
    return pg.locator("#claims li.current").get_attribute("data-id")


def status_of(pg, cid):
    return pg.locator(f"#claims li[data-id='{cid}'] .st").inner_text()


def test_undo_by_key_and_button_restores_the_state_before(site, page, db):
    app, url = site
    page.goto(url + "#status=all")
    ready(page)
    first = current_id(page)
    page.keyboard.press("a")                                   # accept, the selection moves on
    page.wait_for_function("document.querySelector(`#claims li[data-id='%s'] .st`).textContent.startsWith('accepted')"
                           % first)
    second = current_id(page)
    assert second != first
    page.keyboard.press("r")                                   # reject the next one
    page.wait_for_function("document.querySelector(`#claims li[data-id='%s'] .st`).textContent.startsWith('rejected')"
                           % second)
    page.keyboard.press("u")                                   # undo the reject: back to pending, selected again
    page.wait_for_function("document.querySelector(`#claims li[data-id='%s'] .st`).textContent.startsWith('pending')"
                           % second)
    assert current_id(page) == second
    assert status_of(page, first) == "accepted"
    page.locator(f"#claims li[data-id='{first}']").click()
    page.click("#btn-undo")                                    # the button undoes the accept
    page.wait_for_function("document.querySelector(`#claims li[data-id='%s'] .st`).textContent.startsWith('pending')"
                           % first)
    got = rows(db, "SELECT claim_id, decision, undoes IS NOT NULL FROM reviews ORDER BY review_id")
    assert got == [(first, "accepted", False), (second, "rejected", False), (second, "pending", True),
                   (first, "pending", True)]
    assert rows(db, "SELECT count(*) FROM claims_reviewed WHERE reviewed")[0][0] == 0
    page.keyboard.press("u")                                   # nothing left to undo: said on the page
    page.wait_for_selector("#toast.bad")
    assert "nothing to undo" in page.locator("#toast").inner_text()
    assert page.errors == []


def test_undo_of_an_added_claim_removes_it(site, page, db):
    app, url = site
    page.goto(url + "#status=all")
    ready(page)
    n = page.locator("#claims li").count()
    page.evaluate("""() => {
        const box = document.getElementById('text');
        const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode())) {
            const i = node.data.indexOf('market');
            if (i >= 0) {
                const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 6);
                const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(r);
                box.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
                return;
            }
        }
    }""")
    page.wait_for_selector("#add-panel:not([hidden])")
    page.select_option("#add-type", "place")
    page.click("#add-save")
    page.wait_for_function(f"document.querySelectorAll('#claims li').length === {n + 1}")
    page.keyboard.press("u")
    page.wait_for_function(f"document.querySelectorAll('#claims li').length === {n}")
    assert rows(db, "SELECT decision FROM reviews ORDER BY review_id") == [("added",), ("pending",)]
    assert rows(db, "SELECT count(*) FROM claims_reviewed WHERE span_text = 'market'")[0][0] == 0
    assert page.locator("#text .seg.hl", has_text="market").count() == 0
    assert page.errors == []


def test_slash_search_and_enter_opens_the_claim(site, page, db):
    app, url = site
    page.goto(url + "#status=all")
    ready(page)
    assert page.locator("#articles li.current").inner_text().startswith("Test article hostile")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "search"
    page.keyboard.type("ambush")
    page.wait_for_selector("#results li[data-kind='claim']")
    ambush = claim_id(db, "an ambush on a convoy")
    assert page.locator("#results li.active").get_attribute("data-kind") == "article"   # the article first
    for _ in range(page.locator("#results li").count()):
        if page.locator("#results li.active").get_attribute("data-claim") == ambush:
            break
        page.keyboard.press("ArrowDown")
    assert page.locator("#results li.active").get_attribute("data-claim") == ambush
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#articles li.current') && "
                           "document.querySelector('#articles li.current').textContent.startsWith('Test article plain')")
    page.wait_for_function("document.activeElement && document.activeElement.classList.contains('sel')")
    assert page.evaluate("document.activeElement.textContent") in "an ambush on a convoy"
    assert f"claim={ambush}" in page.url
    assert page.locator("#results").is_hidden()
    # the page's keys work from there: accept the claim found
    page.keyboard.press("a")
    page.wait_for_function("document.querySelector(`#claims li[data-id='%s'] .st`).textContent.startsWith('accepted')"
                           % ambush)
    # a search for an article title, Enter on the first result opens the article; Esc closes the list
    page.keyboard.press("/")
    page.keyboard.type("Test article h")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#articles li.current').textContent.startsWith('Test article hostile')")
    page.keyboard.press("/")
    page.keyboard.type("nothing like this")
    page.wait_for_selector("#results li.muted")
    page.keyboard.press("Escape")
    assert page.locator("#results").is_hidden() and page.evaluate("document.activeElement.id") != "search"
    assert page.errors == []


def test_event_sentence_card_shows_date_places_figures_sources(site, page, db):
    app, url = site
    page.goto(url + "#status=all&type=event")
    ready(page)
    ev = claim_id(db, "a car bomb exploded")
    for _ in range(10):
        if current_id(page) == ev:
            break
        page.keyboard.press("j")
    assert current_id(page) == ev
    card = page.locator("#event-card")
    text = card.inner_text()
    assert "a car bomb exploded near the market in Kira on Monday, police said." in text
    assert "2024-02-26" in text and "on Monday" in text                     # the linked date and its text
    assert "Kira" in card.locator("tr", has_text="places").inner_text()
    figs = card.locator("tr", has_text="figures").inner_text()
    assert "killed = 12" in figs and "injured = 30" in figs and "4" not in figs.replace("2024", "")
    assert "police · report" in card.locator("tr", has_text="sources").inner_text()
    marks = card.locator("blockquote mark")
    assert {m for m in marks.evaluate_all("ms => ms.map(m => m.className)")} >= {"m-event", "m-place", "m-casualty", "m-source"}
    assert card.locator("mark.m-date").inner_text() == "on Monday"
    # a linked figure selects that claim
    card.locator("tr", has_text="figures").locator("a", has_text="injured").click()
    assert page.locator("#detail h3").inner_text().startswith("casualty")           # filtered out, still shown
    assert f"claim={claim_id(db, '30 wounded')}" in page.url
    assert page.locator("#event-card").count() == 0
    assert page.errors == []


def test_link_to_a_claim_scrolls_and_focuses_it(site, browser, db):
    app, url = site
    ctx = browser.new_context(viewport={"width": 1100, "height": 320}, bypass_csp=True)  # a short window
    pg = ctx.new_page()
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    try:
        sha = rows(db, "SELECT sha256 FROM articles WHERE id = 'hostile'")[0][0]
        dalmo = claim_id(db, "Dalmo")
        pg.goto(url + f"#status=pending&sha={sha}&claim={dalmo}")
        ready(pg)
        pg.wait_for_function("document.activeElement && document.activeElement.classList.contains('seg')")
        assert pg.evaluate("document.activeElement.textContent") == "Dalmo"
        assert current_id(pg) == dalmo
        inside = pg.evaluate("""() => { const r = document.activeElement.getBoundingClientRect();
            const c = document.getElementById('center').getBoundingClientRect();
            return r.top >= c.top && r.bottom <= c.bottom; }""")
        assert inside
        assert pg.evaluate("document.getElementById('center').scrollTop") > 0     # it had to scroll
        ring = pg.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert ring == "solid"
        pg.keyboard.press("r")                                                   # the keys act on it
        pg.wait_for_function("document.querySelector(`#claims li[data-id='%s']`) === null || "
                             "document.querySelector(`#claims li[data-id='%s'] .st`).textContent.startsWith('rejected')"
                             % (dalmo, dalmo))
        assert rows(db, "SELECT claim_id, decision FROM reviews") == [(dalmo, "rejected")]
        # a link with only the claim finds its article; a changed hash in the same tab opens it
        plain_place = claim_id(db, "Rivertown")
        pg.evaluate(f"location.hash = 'status=all&claim={plain_place}'")
        pg.wait_for_function("document.activeElement && document.activeElement.textContent === 'Rivertown'")
        assert pg.locator("#articles li.current").inner_text().startswith("Test article plain")
        assert errors == []
    finally:
        ctx.close()


def test_typed_corrections_number_words_selects_and_gazetteer_by_keyboard(site, page, db, monkeypatch):
    import pipeline.review.server as server_mod

    monkeypatch.setattr(server_mod, "candidates", lambda name: {"source": "gazetteer", "candidates": [
        {"name": name.title(), "geonameid": 3333, "country": "KE", "admin1": "Nairobi", "lat": -1.28, "lon": 36.8,
         "feature": "city", "population": 10},
        {"name": name.title(), "geonameid": 4444, "country": "TZ", "admin1": "Arusha", "lat": -3.3, "lon": 36.6,
         "feature": "town", "population": 5}]})
    app, url = site
    page.goto(url + "#status=all")
    ready(page)
    wounded = claim_id(db, "30 wounded")
    page.locator(f"#claims li[data-id='{wounded}']").click()
    page.keyboard.press("c")
    assert page.evaluate("document.activeElement.id") == "correct-kind"
    assert page.locator("#correct-kind option").all_inner_texts() == [
        "killed", "injured", "detained", "arrested", "missing", "kidnapped", "displaced"]
    page.fill("#correct-count", "nine-ish")
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('correct-err').textContent.length > 0")
    assert "'nine-ish' is not a whole number" in page.inner_text("#correct-err")
    assert page.get_attribute("#correct-count", "aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "correct-count"
    assert rows(db, "SELECT count(*) FROM reviews")[0][0] == 0
    page.fill("#correct-count", "twenty-one")
    page.fill("#correct-low", "a dozen")
    page.fill("#correct-high", "")
    page.focus("#correct-count")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector(`#claims li[data-id='%s'] .st`).textContent.startsWith('corrected')"
                           % wounded)
    assert rows(db, "SELECT CAST(new_value->>'count' AS INT), CAST(new_value->>'low' AS INT) FROM reviews") == [(21, 12)]
    # event type is a select list of the allowed types
    ev = claim_id(db, "a car bomb exploded")
    page.locator(f"#claims li[data-id='{ev}']").click()
    page.keyboard.press("c")
    opts = page.locator("#correct-type option").all_inner_texts()
    assert "bombing" in opts and "suicide_bombing" in opts and len(opts) == 22
    assert page.input_value("#correct-type") == "bombing"
    page.select_option("#correct-type", "shelling")
    page.fill("#correct-killed", "eleven")
    page.click("#correct-save")
    page.wait_for_function("document.querySelector(`#claims li[data-id='%s'] .st`).textContent.startsWith('corrected')"
                           % ev)
    assert rows(db, "SELECT new_value->>'type', CAST(new_value->>'killed' AS INT) FROM reviews WHERE claim_id = ?",
                [ev]) == [("shelling", 11)]
    # a place from the gazetteer: type a name, Enter, ArrowDown to the second candidate, Enter picks it
    dalmo = claim_id(db, "Dalmo")
    page.locator(f"#claims li[data-id='{dalmo}']").click()
    page.keyboard.press("c")
    page.fill("#correct-gz", "dalmo")
    page.focus("#correct-gz")
    page.keyboard.press("Enter")
    page.wait_for_selector("#correct-cands button.cand")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert "TZ" in page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    assert [page.input_value(f"#correct-{k}") for k in ("name", "geonameid", "country", "admin1", "lat", "lon")] == [
        "Dalmo", "4444", "TZ", "Arusha", "-3.3", "36.6"]
    assert page.evaluate("document.activeElement.id") == "correct-save"
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector(`#claims li[data-id='%s'] .st`).textContent.startsWith('corrected')"
                           % dalmo)
    assert rows(db, "SELECT CAST(new_value->>'geonameid' AS INT), new_value->>'admin1' FROM reviews WHERE claim_id = ?",
                [dalmo]) == [(4444, "Arusha")]
    assert page.errors == []
