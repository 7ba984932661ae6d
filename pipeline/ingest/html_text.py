"""HTML -> plain text with the standard library parser (scripts and styles dropped, entities decoded), and the
publication dates an HTML page declares: `<meta property="article:published_time">` (also `og:` /
`name="article:published_time"`, `itemprop="datePublished"`), `<time datetime>` (one marked `pubdate` or
`itemprop="datePublished"` first) and `<meta name="date">` (also `pubdate`, `publishdate`, `dc.date`,
`dcterms.date`, `dc.date.issued`)."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Optional

_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
    "article", "header", "footer", "blockquote", "pre", "hr", "dd", "dt", "figcaption", "main", "aside",
}
_SKIP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}
PUBLISHED_META = ("article:published_time", "og:published_time", "og:article:published_time", "datepublished")
DATE_META = ("date", "pubdate", "publishdate", "publish-date", "dc.date", "dcterms.date", "dc.date.issued",
             "dcterms.created", "sailthru.date")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip = 0
        self._in_title = False
        self.dates: dict[str, list[str]] = {"meta_published": [], "time_pubdate": [], "time": [], "meta_date": []}

    def _dates_of(self, tag: str, attrs: list) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").strip().lower()
            if key in PUBLISHED_META and a.get("content"):
                self.dates["meta_published"].append(a["content"])
            elif key in DATE_META and a.get("content"):
                self.dates["meta_date"].append(a["content"])
        elif tag == "time" and a.get("datetime"):
            marked = "pubdate" in a or a.get("itemprop", "").lower() == "datepublished"
            self.dates["time_pubdate" if marked else "time"].append(a["datetime"])

    def handle_starttag(self, tag, attrs):
        if tag in ("meta", "time"):
            self._dates_of(tag, attrs)
        if tag == "title":
            self._in_title = True
        elif tag in _SKIP:
            self._skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n\n" if tag != "br" else "\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.parts.append(data)


def _parse(html: str) -> _TextParser:
    p = _TextParser()
    p.feed(html)
    p.close()
    return p


def _text_of(p: _TextParser) -> tuple[Optional[str], str]:
    raw = "".join(p.parts)
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in raw.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"
    title = re.sub(r"\s+", " ", "".join(p.title)).strip() or None
    return title, text


def html_to_text(html: str) -> tuple[Optional[str], str]:
    """Return (title, text). Runs of spaces inside a line fold to one; paragraphs are separated by a blank line."""
    return _text_of(_parse(html))


# published_from value of each HTML source, in the order they are tried (see readers.make_article)
HTML_DATE_SOURCES = (("meta_published", "html_meta"), ("time_pubdate", "html_time"), ("time", "html_time"),
                     ("meta_date", "html_meta"))


def html_document(html: str) -> tuple[Optional[str], str, list[tuple[str, str]]]:
    """(title, text, dates): `dates` are (published_from, raw value) of the page's declared publication dates,
    best first: article:published_time meta, a <time datetime> marked as the publication time, the first
    <time datetime>, a date meta."""
    p = _parse(html)
    title, text = _text_of(p)
    dates = [(name, v) for key, name in HTML_DATE_SOURCES for v in p.dates[key][:1]]
    return title, text, dates
