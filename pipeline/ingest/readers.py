"""Read articles from .txt, .md, .html and .jsonl files (or stdin) into `Article`s.

The text an `Article` carries is exactly what offsets index and what the
database stores: decoded, HTML reduced to text, Markdown front matter removed,
and nothing else changed (no Unicode normalisation, no whitespace folding).
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional

from pipeline.ingest.html_text import html_to_text
from pipeline.ingest.published import date_from_url, find_dateline, normalise_date, refuse_out_of_range
from pipeline.types import Article, Span

SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".jsonl"}
_SURROGATE = re.compile("[\ud800-\udfff]")


class IngestError(Exception):
    """A file (or one line of a JSONL file) that cannot become an article."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


@dataclass
class Failure:
    source: str
    reason: str
    sha256: Optional[str] = None  # set when the article was read but its extraction failed


def printable(name: str) -> str:
    """A name as it can be stored and printed: a file name that is not valid UTF-8 (Python keeps its bytes as
    lone surrogates) gets U+FFFD in their place."""
    if not _SURROGATE.search(name):
        return name
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return name.encode("utf-8", "replace").decode("utf-8")


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def discover(paths: Iterable[str | Path]) -> tuple[list[Path | str], list[Failure]]:
    """Expand files and folders (recursively) into readable inputs, in a stable order.

    `-` stands for stdin. A path that does not exist is reported as a failure.
    """
    found: list[Path | str] = []
    failures: list[Failure] = []
    for raw in paths:
        if str(raw) == "-":
            found.append("-")
            continue
        p = Path(raw)
        if p.is_dir():
            found.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                                and not any(part.startswith(".") for part in f.relative_to(p).parts)))
        elif p.is_file():
            found.append(p)
        else:
            failures.append(Failure(str(p), "no such file or directory"))
    return found, failures


_MAGIC = {  # formats that are never article text
    b"%PDF": "PDF", b"\x89PNG": "PNG image", b"GIF8": "GIF image", b"\xff\xd8\xff": "JPEG image",
    b"PK\x03\x04": "ZIP archive (docx/xlsx/epub?)", b"\x1f\x8b": "gzip archive", b"\x7fELF": "executable",
    b"BZh": "bzip2 archive", b"\xfd7zXZ": "xz archive", b"7z\xbc\xaf": "7z archive", b"\xd0\xcf\x11\xe0": "MS Office file",
}
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13, 27}


def _utf16_without_bom(head: bytes) -> Optional[str]:
    """'utf-16-le'/'utf-16-be' when NULs sit on every other byte (ASCII-range UTF-16 text), else None."""
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) <= 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) <= 0.05 * len(odd):
        return "utf-16-be"
    return None


def decode(data: bytes, source: str) -> tuple[str, str, Optional[str]]:
    """Bytes -> (text, encoding, note). The documented fallback chain:

    1. a UTF-32 / UTF-16 byte-order mark: decode strictly with it (BOM removed);
    2. known binary signatures (PDF, images, archives, executables) -> IngestError;
    3. NUL bytes: UTF-16 without a BOM when they sit on every other byte (noted), else binary -> IngestError;
    4. strict UTF-8 (a UTF-8 BOM is removed);
    5. else cp1252, undecodable bytes replaced by U+FFFD; the note says where UTF-8 first failed
       (stored in articles.encoding_note);
    then text that is mostly control characters is rejected as binary.
    """
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return _strict(data, "utf-32", source), "utf-32", None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", source), "utf-16", None
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise IngestError(source, f"binary file ({kind}), not text")
    head = data[:8192]
    if b"\x00" in head:
        enc = _utf16_without_bom(head)
        if enc is None:
            raise IngestError(source, "binary file (NUL bytes), not text")
        return _strict(data, enc, source), enc, f"no byte-order mark; NUL pattern says {enc}"
    note = None
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        text, encoding = data.decode("cp1252", errors="replace"), "cp1252"
        note = f"invalid UTF-8 at byte {exc.start}; decoded as cp1252 with replacement"
    sample = text[:4096]
    if sample and sum(1 for ch in sample if ord(ch) in _CONTROL) > 0.1 * len(sample):
        raise IngestError(source, "binary file (control characters), not text")
    return text, encoding, note


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise IngestError(source, f"invalid {encoding}: {exc.reason} at byte {exc.start}") from None


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Markdown front matter (`---` key: value lines `---`) -> (fields, body)."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    fields = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            fields[key.strip().lower()] = value.strip().strip("'\"")
    return fields, text[m.end():]


def _guess_title(text: str, after: int) -> Optional[str]:
    for line in text[after:].splitlines():
        s = line.strip()
        if not s:
            continue
        if len(s) <= 150 and not s.endswith((".", ":", ";")):
            return s
        return None
    return None


def make_article(
    text: str,
    source: str,
    *,
    id: Optional[str] = None,
    title: Optional[str] = None,
    url: Optional[str] = None,
    published: Optional[str] = None,
    published_from: Optional[str] = None,
    encoding: str = "utf-8",
    encoding_note: Optional[str] = None,
) -> Article:
    """Build an Article; fill the publication date from a dateline or URL when not given."""
    if not text.strip():
        raise IngestError(source, "empty or whitespace-only text")
    dl = find_dateline(text)
    dateline = Span(start=dl[0], end=dl[1], text=text[dl[0]:dl[1]]) if dl else None
    if published is None and dl:
        published, published_from = dl[2], "dateline"
    if published is None and url:
        published = date_from_url(url)
        published_from = "url" if published else None
    if title is None and source != "-":
        title = _guess_title(text, dateline.end if dateline else 0)
    sha = sha256_text(text)
    return refuse_out_of_range(Article(
        id=id or (Path(source).stem if source != "-" else sha[:16]),
        source=source, text=text, sha256=sha, title=title, url=url, published=published,
        published_from=published_from if published else None, dateline=dateline,
        encoding=encoding, encoding_note=encoding_note,
    ))


def read_path(path: Path | str, published: Optional[str] = None) -> Iterator[Article | Failure]:
    """Yield the articles in one input (several for JSONL); a bad file or line yields a Failure."""
    source = printable(str(path))
    override = normalise_date(published) if published else None
    try:
        data = sys.stdin.buffer.read() if source == "-" else Path(path).read_bytes()
    except OSError as exc:
        yield Failure(source, f"cannot read: {exc.strerror or exc}")
        return
    try:
        text, encoding, note = decode(data, source)
    except IngestError as exc:
        yield Failure(source, exc.reason)
        return
    suffix = Path(source).suffix.lower() if source != "-" else ""
    if suffix == ".jsonl" or (source == "-" and text.lstrip().startswith("{")):
        yield from _read_jsonl(text, source, override, encoding, note)
        return
    fields: dict[str, str] = {}
    if suffix in {".html", ".htm"} or (source == "-" and text.lstrip()[:1] == "<"):
        title, text = html_to_text(text)
        fields["title"] = title or ""
    elif suffix in {".md", ".markdown"}:
        fields, text = split_front_matter(text)
    pub, pub_from = override, "option" if override else None
    if pub is None and (fields.get("published") or fields.get("date")):
        pub = normalise_date(fields.get("published") or fields.get("date"))
        pub_from = "front_matter" if pub else None
    try:
        yield make_article(
            text, source, title=fields.get("title") or None, url=fields.get("url") or None,
            published=pub, published_from=pub_from, encoding=encoding, encoding_note=note,
            id=fields.get("id") or None,
        )
    except IngestError as exc:
        yield Failure(source, exc.reason)


def _json_line_problem(obj) -> Optional[str]:
    """Why a parsed JSON line cannot be an article (None: it can)."""
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        return "JSON line has no string field 'text'"
    for key in ("title", "url"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            return f"JSON line field {key!r} is a {type(obj[key]).__name__}, not a string"
    for key in ("text", "title", "url", "id", "doc_id"):
        value = obj.get(key)
        m = _SURROGATE.search(value) if isinstance(value, str) else None
        if m:
            return f"JSON line field {key!r} has a lone surrogate (\\u{ord(m.group()):04x}) at character {m.start()}"
    return None


def _read_jsonl(text: str, source: str, override: Optional[str], encoding: str = "utf-8",
                note: Optional[str] = None) -> Iterator[Article | Failure]:
    """One article per line; a bad line (invalid JSON, a field of the wrong type, a lone surrogate) is a Failure
    naming the file and line, and the other lines are read."""
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            yield _jsonl_article(line, source, lineno, override, encoding, note)
        except IngestError as exc:
            yield Failure(where, exc.reason)
        except Exception as exc:  # noqa: BLE001 - one line never stops the file
            yield Failure(where, f"JSON line cannot be read: {type(exc).__name__}: {str(exc)[:200]}")


def _jsonl_article(line: str, source: str, lineno: int, override: Optional[str], encoding: str,
                   note: Optional[str]) -> Article:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise IngestError(source, f"invalid JSON: {exc.msg}") from None
    except RecursionError:
        raise IngestError(source, "invalid JSON: nested too deeply") from None
    problem = _json_line_problem(obj)
    if problem:
        raise IngestError(source, problem)
    pub = obj.get("published") or obj.get("publication_date")
    pub_from = "jsonl" if pub else None
    if override:
        pub, pub_from = override, "option"
    return make_article(
        obj["text"], source, id=str(obj.get("id") or obj.get("doc_id") or f"{Path(source).stem}-{lineno}"),
        title=obj.get("title"), url=obj.get("url"),
        published=normalise_date(pub) if pub else None, published_from=pub_from,
        encoding=encoding, encoding_note=note,
    )


def read_all(paths: Iterable[str | Path], published: Optional[str] = None) -> tuple[list[Article], list[Failure]]:
    """Discover and read everything; return articles and failures (the batch goes on)."""
    files, failures = discover(paths)
    articles: list[Article] = []
    for f in files:
        try:
            for item in read_path(f, published):
                (failures if isinstance(item, Failure) else articles).append(item)
        except Exception as exc:  # noqa: BLE001 - one input never stops the others
            failures.append(Failure(printable(str(f)), f"cannot read: {type(exc).__name__}: {str(exc)[:200]}"))
    return articles, failures
