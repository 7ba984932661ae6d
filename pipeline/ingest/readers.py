"""Read articles from .txt, .md, .html and .jsonl files (or stdin) into `Article`s.

The text an `Article` carries is exactly what offsets index and what the
database stores: decoded, HTML reduced to text, Markdown front matter removed,
and nothing else changed (no Unicode normalisation, no whitespace folding).
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional

from pipeline.ingest.html_text import html_document
from pipeline.ingest.published import date_from_url, find_published, normalise_date, refuse_out_of_range
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


@dataclass
class Skipped:
    """A file claimscope does not read (its type, a symbolic-link loop ...), with the reason."""

    source: str
    reason: str


# files that are not article text, by suffix: the reason told when a folder holds them (or one is named)
_NOT_READ = {
    **dict.fromkeys((".pdf",), "PDF document: convert it to text first (e.g. pdftotext)"),
    **dict.fromkeys((".doc", ".docx", ".odt", ".rtf", ".pages", ".epub"),
                    "word-processor document or e-book: save it as .txt, .md or .html first"),
    **dict.fromkeys((".xls", ".xlsx", ".ods", ".csv", ".tsv", ".parquet"), "spreadsheet or table, not an article"),
    **dict.fromkeys((".ppt", ".pptx", ".odp"), "presentation, not an article"),
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".svg", ".heic", ".ico"),
                    "image"),
    **dict.fromkeys((".mp3", ".wav", ".ogg", ".flac", ".m4a", ".mp4", ".mov", ".avi", ".mkv", ".webm"),
                    "audio or video"),
    **dict.fromkeys((".zip", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".7z", ".rar", ".tar"),
                    "archive: unpack it first"),
    **dict.fromkeys((".json",), "JSON: claimscope reads JSON Lines (.jsonl), one article per line"),
    **dict.fromkeys((".duckdb", ".db", ".sqlite", ".pkl", ".pickle", ".npy", ".bin", ".exe", ".so", ".dll",
                     ".pyc", ".wal"), "binary data"),
}


def skip_reason(path: Path, named: bool = False) -> Optional[str]:
    """Why a file is not read, or None when it is. In a folder only the readable suffixes (SUFFIXES) are
    read; a file named on the command line is read whatever its suffix unless it is a known non-text type."""
    suffix = path.suffix.lower()
    if suffix in SUFFIXES:
        return None
    if suffix in _NOT_READ:
        return f"not read: {_NOT_READ[suffix]}"
    if named:
        return None
    kinds = " ".join(sorted(SUFFIXES))
    return f"not read: {suffix or 'no'} suffix (claimscope reads {kinds} in folders; name a file to read it as text)"


@dataclass
class Discovery:
    """What a list of paths holds: inputs to read, paths that failed, files skipped with a reason."""

    found: list[Path | str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _walk(root: Path, out: Discovery, seen: dict[tuple[int, int], Path], ancestors: set[tuple[int, int]]) -> None:
    """Files under `root` (following symbolic links to folders, once each; loops reported, not followed)."""
    try:
        with os.scandir(root) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        out.failures.append(Failure(str(root), f"cannot list folder: {exc.strerror or exc}"))
        return
    for e in entries:
        if e.name.startswith("."):
            continue  # hidden files and folders (.git, .cache ...)
        p = Path(e.path)
        try:
            st = os.stat(p)  # follows links
        except OSError as exc:
            if e.is_symlink():
                why = "symbolic link loop" if exc.errno == errno.ELOOP else "broken symbolic link"
                out.skipped.append(Skipped(str(p), f"not read: {why}"))
            else:
                out.failures.append(Failure(str(p), f"cannot read: {exc.strerror or exc}"))
            continue
        key = (st.st_dev, st.st_ino)
        if stat.S_ISDIR(st.st_mode):
            if key in ancestors:
                out.skipped.append(Skipped(str(p), f"not read: symbolic link loop (back to {seen.get(key, root)})"))
            elif key in seen:
                out.skipped.append(Skipped(str(p), f"not read: the same folder as {seen[key]} (read once)"))
            else:
                seen[key] = p
                _walk(p, out, seen, ancestors | {key})
        elif stat.S_ISREG(st.st_mode):
            why = skip_reason(p)
            (out.skipped.append(Skipped(str(p), why)) if why else out.found.append(p))
        else:
            out.skipped.append(Skipped(str(p), "not read: not a regular file (device, pipe or socket)"))


def discover_inputs(paths: Iterable[str | Path]) -> Discovery:
    """Expand files and folders (recursively) into readable inputs, in a stable order, and say what is not
    read and why. `-` stands for stdin. A path that does not exist is reported as a failure."""
    out = Discovery()
    for raw in paths:
        if str(raw) == "-":
            out.found.append("-")
            continue
        p = Path(raw)
        if p.is_dir():
            st = p.stat()
            sub = Discovery()
            _walk(p, sub, {(st.st_dev, st.st_ino): p}, {(st.st_dev, st.st_ino)})
            out.found.extend(sorted(sub.found))
            out.failures.extend(sub.failures)
            out.skipped.extend(sub.skipped)
        elif p.is_file():
            why = skip_reason(p, named=True)
            (out.skipped.append(Skipped(str(p), why)) if why else out.found.append(p))
        elif p.is_symlink():
            out.skipped.append(Skipped(str(p), "not read: broken symbolic link or symbolic link loop"))
        else:
            out.failures.append(Failure(str(p), "no such file or directory"))
    return out


def discover(paths: Iterable[str | Path]) -> tuple[list[Path | str], list[Failure]]:
    """`discover_inputs` without the skipped files: (inputs, failures)."""
    d = discover_inputs(paths)
    return d.found, d.failures


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
    5. else the encoding charset-normalizer guesses (cp1251 Russian, latin-2 Polish ..., named cp1252 when
       that decodes the same), decoded strictly when it can be; failing a guess, cp1252 with undecodable
       bytes replaced by U+FFFD. The note says where UTF-8 failed and what was guessed (stored in
       articles.encoding_note, and told as a warning by `run` and `extract`);
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
        text, encoding, note = guess_decode(data, exc.start)
    sample = text[:4096]
    if sample and sum(1 for ch in sample if ord(ch) in _CONTROL) > 0.1 * len(sample):
        raise IngestError(source, "binary file (control characters), not text")
    return text, encoding, note


# Single-byte encodings in the order they are met in practice: of the detector's candidates that decode the
# bytes equally well, the first listed here names the result.
_COMMON_ENCODINGS = (
    "cp1252", "iso8859_15", "iso8859_1", "cp1250", "iso8859_2", "cp1251", "koi8_r", "koi8_u", "iso8859_5",
    "cp1253", "iso8859_7", "cp1254", "iso8859_9", "cp1257", "iso8859_13", "cp1255", "iso8859_8", "cp1256",
    "iso8859_6", "cp874", "cp1258", "mac_roman", "mac_cyrillic", "cp866", "cp850", "cp437",
)
_CHAOS_SLACK = 0.02  # candidates this close to the least chaotic decoding are compared further
_FEW_LETTERS = 8     # fewer non-ASCII bytes than this: too little to tell languages apart


def _letters_known(text: str, languages: list[str]) -> float:
    """Share of the non-ASCII letters of `text` that belong to the alphabet of one of `languages` (the best)."""
    from charset_normalizer.constant import FREQUENCIES

    letters = [ch.lower() for ch in text if ord(ch) > 127 and ch.isalpha()]
    if not letters:
        return 0.0
    best = 0.0
    for lang in languages:
        alphabet = set(FREQUENCIES.get(lang, ()))
        if alphabet:
            best = max(best, sum(ch in alphabet for ch in letters) / len(letters))
    return best


def _common_name(names: list[str], iso_first: bool = False) -> tuple[int, int, str]:
    """The most common of `names` (codecs giving the same text) with its rank. `iso_first`: the bytes hold
    nothing in 0x80-0x9F, where the Windows code pages put letters (cp1250's š and ž) and ISO 8859 nothing,
    so an ISO 8859 codec is the likelier of two that decode equally well."""
    def key(n: str) -> tuple[int, int, str]:
        windows = n.startswith("cp125")
        return (int(iso_first and windows), _COMMON_ENCODINGS.index(n) if n in _COMMON_ENCODINGS
                else len(_COMMON_ENCODINGS), n)
    return min(key(n) for n in names)


def guess_encoding(data: bytes) -> Optional[tuple[str, str]]:
    """(codec, language) that charset-normalizer finds for bytes that are not UTF-8, else None.

    The detector's own first choice is unreliable between close relatives (latin-2, latin-3 and cp1250 for
    Polish or Czech), so of its candidates that decode with (nearly) the least chaos we take the one whose
    non-ASCII letters are most often frequent letters of the detected language, then the more common
    encoding (cp1252 first; ISO 8859 before Windows when no byte is in 0x80-0x9F). With few non-ASCII
    letters (under _FEW_LETTERS) only the commonness counts. The result is named by the most common
    encoding that gives the same text."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a dependency; without it the cp1252 fallback stays
        return None
    matches = [m for m in from_bytes(data) if not m.encoding.replace("-", "_").startswith(("utf", "ascii"))]
    if not matches:
        return None
    least = min(m.chaos for m in matches)
    close = [m for m in matches if m.chaos <= least + _CHAOS_SLACK]
    few = sum(1 for b in data if b >= 0x80) < _FEW_LETTERS
    iso_first = not few and not any(0x80 <= b <= 0x9F for b in data)

    def rank(m):
        known = 0.0 if few else round(_letters_known(str(m), m.languages or [m.language]), 3)
        return (-known, m.chaos, _common_name(m.could_be_from_charset or [m.encoding], iso_first))

    best = min(close, key=rank)
    return _common_name(best.could_be_from_charset or [best.encoding])[2], best.language or "Unknown"


def guess_decode(data: bytes, utf8_error_at: int) -> tuple[str, str, str]:
    """Bytes that are not UTF-8 -> (text, encoding, note): the guessed encoding, else cp1252 with replacement."""
    where = f"invalid UTF-8 at byte {utf8_error_at}"
    guess = guess_encoding(data)
    if guess is not None:
        enc, language = guess
        lang = f", {language}" if language and language != "Unknown" else ""
        try:
            return data.decode(enc), enc, f"{where}; encoding guessed by charset-normalizer: {enc}{lang}"
        except (UnicodeDecodeError, LookupError):
            try:
                return (data.decode(enc, errors="replace"), enc,
                        f"{where}; encoding guessed by charset-normalizer: {enc}{lang}, with replacement characters")
            except LookupError:
                pass
    return (data.decode("cp1252", errors="replace"), "cp1252",
            f"{where}; no encoding could be guessed, decoded as cp1252 with replacement characters")


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
    declared_dates: Iterable[tuple[str, str]] = (),
) -> Article:
    """Build an Article; fill the publication date when not given, from (in this order, see README *Inputs*):
    the dates an HTML page declares (`declared_dates`: (published_from, value), best first), a date standing
    alone on the first line, a "CITY, Month D, YYYY -" dateline, a date line under the headline, the URL."""
    if not text.strip():
        raise IngestError(source, "empty or whitespace-only text")
    dl = find_published(text)
    dateline = Span(start=dl[0], end=dl[1], text=text[dl[0]:dl[1]]) if dl else None
    if published is None:
        for how, value in declared_dates:
            published = normalise_date(value)
            if published:
                published_from = how
                break
    if published is None and dl:
        published, published_from = dl[2], dl[3]
    if published is None and url:
        published = date_from_url(url)
        published_from = "url" if published else None
    if title is None and source != "-":
        title = _guess_title(text, dateline.end if dateline and dl[3] == "dateline" else 0)
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
    declared: list[tuple[str, str]] = []
    if suffix in {".html", ".htm"} or (source == "-" and text.lstrip()[:1] == "<"):
        title, text, declared = html_document(text)
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
            id=fields.get("id") or None, declared_dates=declared,
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


@dataclass
class Inputs:
    """Everything `run` and `extract` read from their paths: articles, failures, files skipped."""

    articles: list[Article] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def decoding_notes(self) -> list[tuple[str, str]]:
        return decoding_notes(self.articles)


def decoding_notes(articles: Iterable[Article]) -> list[tuple[str, str]]:
    """(source, note) of each article whose bytes were not UTF-8 (the encoding was guessed)."""
    return [(f"{a.source}#{a.id}" if a.source.endswith(".jsonl") else a.source, a.encoding_note)
            for a in articles if a.encoding_note]


def read_inputs(paths: Iterable[str | Path], published: Optional[str] = None) -> Inputs:
    """Discover and read everything (the batch goes on past a bad file); `run` and `extract` both call this,
    so they read the same files and skip the same ones."""
    d = discover_inputs(paths)
    res = Inputs(failures=list(d.failures), skipped=list(d.skipped))
    for f in d.found:
        try:
            for item in read_path(f, published):
                (res.failures if isinstance(item, Failure) else res.articles).append(item)
        except Exception as exc:  # noqa: BLE001 - one input never stops the others
            res.failures.append(Failure(printable(str(f)), f"cannot read: {type(exc).__name__}: {str(exc)[:200]}"))
    return res


def read_all(paths: Iterable[str | Path], published: Optional[str] = None) -> tuple[list[Article], list[Failure]]:
    """Discover and read everything; return articles and failures (the batch goes on)."""
    res = read_inputs(paths, published)
    return res.articles, res.failures
