"""Readers: every kind of bad input gives one clear per-file failure and the others go on; good inputs keep
exactly the text offsets index (decoding, HTML, front matter, JSONL fields, datelines, stdin)."""
from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from pipeline.ingest import Failure, read_all, read_path
from pipeline.ingest.published import find_dateline
from pipeline.ingest.readers import decode, split_front_matter

BODY = "Gunmen killed four people in Kirkuk on Monday, police said.\n"


def _articles(items):
    return [i for i in items if not isinstance(i, Failure)]


def _failures(items):
    return [i for i in items if isinstance(i, Failure)]


# name, bytes, expected failure reason (substring) or None, expected encoding, expected note (substring) or None
BAD_AND_ODD = [
    ("nul.txt", b"\x00\x01\x02\x03binary\x00junk" * 50, "binary", None, None),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + b"\x10" * 200, "binary file (PNG", None, None),
    ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (PDF", None, None),
    ("ctrl.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 100, "binary file (control", None, None),
    ("empty.txt", b"", "empty or whitespace-only", None, None),
    ("blank.md", b"  \n\t\n   \r\n", "empty or whitespace-only", None, None),
    ("frontonly.md", b"---\ntitle: x\n---\n\n", "empty or whitespace-only", None, None),
    ("latin1.txt", "Caf\u00e9 bombing: ".encode("cp1252") + BODY.encode(), None, "cp1252", "invalid UTF-8 at byte 3"),
    ("bom8.txt", b"\xef\xbb\xbf" + BODY.encode(), None, "utf-8", None),
    ("le16.txt", b"\xff\xfe" + BODY.encode("utf-16-le"), None, "utf-16", None),
    ("be16.txt", b"\xfe\xff" + BODY.encode("utf-16-be"), None, "utf-16", None),
    ("nobom16.txt", BODY.encode("utf-16-le"), None, "utf-16-le", "no byte-order mark"),
    ("bad16.txt", b"\xff\xfe" + b"\x00\xd8" + b"a\x00", "invalid utf-16", None, None),
]


@pytest.mark.parametrize("name, data, failure, encoding, note", BAD_AND_ODD, ids=[c[0] for c in BAD_AND_ODD])
def test_bad_and_odd_inputs(tmp_path, name, data, failure, encoding, note):
    p = tmp_path / name
    p.write_bytes(data)
    items = list(read_path(p))
    assert len(items) == 1
    item = items[0]
    if failure:
        assert isinstance(item, Failure), item
        assert failure.lower() in item.reason.lower()
        assert item.source == str(p)
    else:
        assert not isinstance(item, Failure), item
        assert item.encoding == encoding
        assert (note is None and item.encoding_note is None) or (note and note in (item.encoding_note or ""))
        assert "\ufeff" not in item.text  # a BOM is never part of the text offsets index
        assert item.text.endswith(BODY)


def test_invalid_utf8_is_recorded_not_dropped(tmp_path):
    p = tmp_path / "x.txt"
    p.write_bytes(b"Attack in Gao \xff\xfe\xfd: 3 killed.\n")
    art = _articles(read_path(p))[0]
    assert art.encoding == "cp1252" and "byte 14" in art.encoding_note
    assert art.text.startswith("Attack in Gao ")


def test_batch_goes_on_after_bad_files(tmp_path):
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "b.txt").write_bytes(b"\x00\x00\x00\x00")
    (tmp_path / "c.txt").write_text("")
    (tmp_path / "d.html").write_text(f"<p>{BODY}</p>")
    (tmp_path / "skip.bin").write_bytes(b"\x00")  # not an article suffix: not even tried
    arts, fails = read_all([tmp_path, tmp_path / "missing.txt"])
    assert sorted(Path(a.source).name for a in arts) == ["a.txt", "d.html"]
    assert sorted(Path(f.source).name for f in fails) == ["b.txt", "c.txt", "missing.txt"]
    assert all(f.reason for f in fails)


def test_unreadable_file_is_a_failure(tmp_path, monkeypatch):
    """Permissions cannot be tested for real as root: simulate the OSError the read raises."""
    p = tmp_path / "secret.txt"
    p.write_text(BODY)
    ok = tmp_path / "ok.txt"
    ok.write_text(BODY + "More.\n")
    real = Path.read_bytes

    def deny(self):
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    arts, fails = read_all([tmp_path])
    assert [Path(a.source).name for a in arts] == ["ok.txt"]
    assert len(fails) == 1 and "cannot read: Permission denied" in fails[0].reason


def test_directory_named_like_a_file_and_hidden_files(tmp_path):
    (tmp_path / "dir.txt").mkdir()
    (tmp_path / ".hidden.txt").write_text(BODY)
    (tmp_path / "real.txt").write_text(BODY)
    arts, fails = read_all([tmp_path])
    assert [Path(a.source).name for a in arts] == ["real.txt"] and not fails


@pytest.mark.parametrize("html, must_have, must_not_have", [
    ("<html><head><title>T &amp; U</title><script>var x = '<p>evil</p>';</script></head>"
     "<body><p>Police said 3&nbsp;died &mdash; &quot;many&quot; hurt.</p><style>p{}</style></body></html>",
     ["Police said 3\u00a0died \u2014 \"many\" hurt."], ["evil", "var x", "p{}", "&amp;", "T & U"]),
    ("<div>One</div><div>Two &lt;b&gt;</div><noscript>nojs</noscript>", ["One", "Two <b>"], ["nojs"]),
])
def test_html_scripts_and_entities(tmp_path, html, must_have, must_not_have):
    p = tmp_path / "page.html"
    p.write_text(html)
    art = _articles(read_path(p))[0]
    for s in must_have:
        assert s in art.text
    for s in must_not_have:
        assert s not in art.text


def test_html_title_from_title_tag(tmp_path):
    p = tmp_path / "page.html"
    p.write_text("<title>Blast &amp; aftermath</title><p>Text here.</p>")
    assert _articles(read_path(p))[0].title == "Blast & aftermath"


@pytest.mark.parametrize("line, exp_id, exp_pub, exp_from", [
    ({"doc_id": "gvdb-1", "text": BODY, "publication_date": "2016-06-27"}, "gvdb-1", "2016-06-27", "jsonl"),
    ({"id": "a1", "text": BODY, "published": "2016-06-27T10:00:00Z"}, "a1", "2016-06-27", "jsonl"),
    ({"id": "a2", "text": BODY, "published": None}, "a2", None, None),
    ({"text": BODY}, "f-1", None, None),
    ({"id": "a3", "text": BODY, "url": "https://example.org/2015/09/04/attack"}, "a3", "2015-09-04", "url"),
])
def test_jsonl_fields(tmp_path, line, exp_id, exp_pub, exp_from):
    p = tmp_path / "f.jsonl"
    p.write_text(json.dumps(line) + "\n")
    art = _articles(read_path(p))[0]
    assert (art.id, art.published, art.published_from) == (exp_id, exp_pub, exp_from)
    assert art.text == BODY


def test_jsonl_bad_lines_do_not_stop_the_file(tmp_path):
    p = tmp_path / "f.jsonl"
    p.write_text("\n".join([json.dumps({"id": "ok1", "text": BODY}), "{not json", json.dumps({"id": "x"}),
                            json.dumps({"id": "blank", "text": "   "}), "[1, 2]", json.dumps({"id": "ok2", "text": BODY})]))
    items = list(read_path(p))
    assert [a.id for a in _articles(items)] == ["ok1", "ok2"]
    reasons = {f.source.rsplit(":", 1)[1]: f.reason for f in _failures(items)}
    assert set(reasons) == {"2", "3", "4", "5"}
    assert "invalid JSON" in reasons["2"] and "no string field 'text'" in reasons["3"]
    assert "empty" in reasons["4"]


@pytest.mark.parametrize("option, front, exp_pub, exp_from", [
    ("2020-01-02", "published: 2016-06-27", "2020-01-02", "option"),
    (None, "published: 2016-06-27", "2016-06-27", "front_matter"),
    (None, "date: June 27, 2016", "2016-06-27", "front_matter"),
    (None, "title: no date", None, None),
])
def test_published_option_and_front_matter(tmp_path, option, front, exp_pub, exp_from):
    p = tmp_path / "a.md"
    p.write_text(f"---\n{front}\ntitle: Attack\n---\n{BODY}")
    art = _articles(read_path(p, published=option))[0]
    assert (art.published, art.published_from) == (exp_pub, exp_from)
    assert art.text == BODY  # front matter is not part of the text


def test_published_option_overrides_jsonl(tmp_path):
    p = tmp_path / "f.jsonl"
    p.write_text(json.dumps({"id": "a", "text": BODY, "published": "2016-06-27"}) + "\n")
    art = _articles(read_path(p, published="2017-03-04"))[0]
    assert (art.published, art.published_from) == ("2017-03-04", "option")


@pytest.mark.parametrize("text, expected", [
    ("June 27, 2016\n\nBody text here.", "2016-06-27"),
    ("KIRKUK, May 4, 2017 —\nBody.", "2017-05-04"),
    ("\n\n27 June 2016\nBody.", "2016-06-27"),
    ("2016-06-27\nBody.", "2016-06-27"),
    # must not fire: a date inside a long first sentence, or below the top
    ("The attack on June 27, 2016 killed many people in the city centre, officials said on Tuesday.\n", None),
    ("Title\nSub\nMore\nEven more\nJune 27, 2016\n", None),
    ("June 31, 2016\nBody.", None),
])
def test_dateline_detection(tmp_path, text, expected):
    found = find_dateline(text)
    assert (found[2] if found else None) == expected
    if found:
        assert text[found[0]:found[1]].strip()[0].isalnum()
    p = tmp_path / "d.txt"
    p.write_text(text)
    art = _articles(read_path(p))[0]
    assert art.published == expected
    if expected:
        assert art.published_from == "dateline" and art.dateline.text == text[art.dateline.start:art.dateline.end]


def test_front_matter_split():
    fields, body = split_front_matter("---\nTitle: 'A'\nurl: http://x/y\n---\nBody")
    assert fields == {"title": "A", "url": "http://x/y"} and body == "Body"
    assert split_front_matter("No front matter\n---\n") == ({}, "No front matter\n---\n")


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(("June 27, 2016\n" + BODY).encode())))
    art = _articles(read_path("-"))[0]
    assert art.source == "-" and art.published == "2016-06-27" and len(art.id) == 16


def test_same_article_twice_has_same_hash(tmp_path):
    (tmp_path / "one.txt").write_text(BODY)
    (tmp_path / "two.txt").write_text(BODY)
    arts, _ = read_all([tmp_path])
    assert len(arts) == 2 and arts[0].sha256 == arts[1].sha256


def test_large_file_reads_whole(tmp_path):
    para = "Officials said 12 people were killed in the blast near the market on Monday.\n\n"
    p = tmp_path / "big.txt"
    p.write_text(para * 40000)  # ~3 MB; the 50 MB case differs only in size (chunking: tests/test_batch.py)
    art = _articles(read_path(p))[0]
    assert len(art.text) == len(para) * 40000


def test_decode_fallback_chain_is_documented():
    assert "cp1252" in decode.__doc__ and "encoding_note" in decode.__doc__
