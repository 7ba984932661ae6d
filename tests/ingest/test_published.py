"""Publication dates found by ingest, in the documented order (README *Inputs*): given fields, then the dates an
HTML page declares, then the top of the text (a date alone on the first line, a "CITY, date -" dateline, a date
line under the headline), then the URL. `published_from` names the source. Invented articles."""
from __future__ import annotations

import pytest

from pipeline.ingest.html_text import html_document
from pipeline.ingest.published import find_city_dateline, find_date_line, find_published
from pipeline.ingest.readers import make_article, read_path

BODY = "Gunmen attacked a convoy on Saturday evening, the governor said.\n"


@pytest.mark.parametrize("text, iso, how", [
    # a date alone on the first line (as before)
    ("April 11, 2024\n\n" + BODY, "2024-04-11", "dateline"),
    # a city dateline opening the first paragraph
    ("BAMAKO, April 11, 2024 \u2014 " + BODY, "2024-04-11", "city_dateline"),
    ("Convoy hit near the border\n\nTALLOWMERE, Ore. (AP), Jan. 5, 1998 - " + BODY, "1998-01-05", "city_dateline"),
    ("Port Ellery, 3 March 2019 -- " + BODY, "2019-03-03", "city_dateline"),
    # a date line under the headline
    ("Convoy attacked near the border\nApril 11, 2024\n\n" + BODY, "2024-04-11", "date_line"),
    ("Convoy attacked near the border\nBy Jane Roe | 11 April 2024 10:32 GMT\n\n" + BODY, "2024-04-11", "date_line"),
    ("Convoy attacked\nUpdated: April 12, 2024\nPublished: April 11, 2024\n\n" + BODY, "2024-04-11", "date_line"),
])
def test_published_from_the_text(text, iso, how):
    found = find_published(text)
    assert found is not None and found[2:] == (iso, how)
    assert text[found[0]:found[1]].strip()[:1].isalnum()
    art = make_article(text, "a.txt")
    assert (art.published, art.published_from) == (iso, how)
    assert art.dateline is not None and art.dateline.text == text[art.dateline.start:art.dateline.end]


@pytest.mark.parametrize("text", [
    # no date at the top, or a date inside a sentence of the body
    BODY,
    "Convoy attacked near the border\n\nThe governor said on April 11, 2024 that gunmen attacked a convoy near the "
    "border town, killing four.\n",
    "Convoy attacked\nIt happened on April 11, 2024.\n",
    "The attack on May 4, 2017 \u2014 the worst in years \u2014 killed many.\n",
])
def test_no_publication_date_in_the_text(text):
    assert find_published(text) is None
    assert make_article(text, "a.txt").published is None


def test_city_dateline_needs_a_dash():
    assert find_city_dateline("BAMAKO, April 11, 2024 gunmen attacked a convoy.\n") is None
    assert find_date_line("Headline\n" + "word " * 20 + "April 11, 2024\n") is None


HTML = ("<html><head><title>Convoy attacked</title>{meta}</head><body><h1>Convoy attacked</h1>{time}"
        "<p>Gunmen attacked a convoy on Saturday evening, the governor said.</p></body></html>")


@pytest.mark.parametrize("meta, time, iso, how", [
    ('<meta property="article:published_time" content="2024-04-11T08:15:00+00:00">', "", "2024-04-11", "html_meta"),
    ('<meta name="date" content="2023-02-09">', "", "2023-02-09", "html_meta"),
    ("", '<time datetime="2022-07-30T10:00">July 30</time>', "2022-07-30", "html_time"),
    # the article's published_time wins over a time element and a date meta
    ('<meta name="date" content="2020-01-01"><meta property="article:published_time" content="2024-04-11">',
     '<time datetime="2021-05-05">May 5</time>', "2024-04-11", "html_meta"),
    # a time marked as the publication time wins over a date meta and other time elements
    ('<meta name="date" content="2020-01-01">',
     '<time datetime="2021-05-05">x</time><time pubdate datetime="2021-06-06">y</time>', "2021-06-06", "html_time"),
])
def test_published_from_html(tmp_path, meta, time, iso, how):
    p = tmp_path / "page.html"
    p.write_text(HTML.format(meta=meta, time=time), encoding="utf-8")
    art = next(iter(read_path(p)))
    assert (art.published, art.published_from) == (iso, how)
    assert "Gunmen attacked a convoy" in art.text and "2024-04-11T" not in art.text


def test_html_without_dates():
    title, text, dates = html_document(HTML.format(meta='<meta name="author" content="Jane Roe">', time=""))
    assert title == "Convoy attacked" and dates == []


def test_given_date_wins(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(HTML.format(meta='<meta property="article:published_time" content="2024-04-11">', time=""))
    art = next(iter(read_path(p, published="2024-04-13")))
    assert (art.published, art.published_from) == ("2024-04-13", "option")


def test_relative_dates_resolve_against_a_found_dateline():
    from pipeline.extract.api import extract_articles

    art = make_article("BAMAKO, April 11, 2024 \u2014 " + BODY, "a.txt")
    ex = next(iter(extract_articles([art])))
    sat = [d for d in ex.dates if d.span and d.span.text.startswith("on Saturday")]
    assert sat and sat[0].start == "2024-04-06"
