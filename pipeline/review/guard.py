"""Checks on what reaches the review server: request bodies (size, JSON depth, lone surrogates), the password
of a remote server, and the Host names it answers to. Plain functions, no HTTP; server.py calls them."""
from __future__ import annotations

import base64
import binascii
import hmac
import json
import os
import re
import socket
from pathlib import Path
from typing import Iterable, Optional

MAX_BODY = 1 << 20          # bytes of a POST body
MAX_DEPTH = 32              # nesting of JSON arrays and objects in a body (a decision needs 3)
READ_TIMEOUT = float(os.environ.get("CLAIMSCOPE_REVIEW_TIMEOUT", "30"))  # seconds a connection may stay silent
PASSWORD_ENV = "CLAIMSCOPE_REVIEW_PASSWORD"

_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_BRACKETS = re.compile(r"[\[\]{}]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class BadRequest(ValueError):
    """A body the server answers 400 to, with this message."""


def json_depth(text: str) -> int:
    """The deepest nesting of arrays/objects in JSON text (brackets inside strings do not count)."""
    depth = deepest = 0
    for m in _BRACKETS.finditer(_STRINGS.sub('""', text)):
        depth += 1 if m.group(0) in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _surrogate_in(value) -> Optional[str]:
    """The first lone surrogate in any string (or key) of a parsed JSON value, as U+XXXX, else None."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            m = _SURROGATE.search(v)
            if m:
                return f"U+{ord(m.group(0)):04X}"
        elif isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return None


def parse_body(raw: bytes) -> dict:
    """A POST body -> dict, or BadRequest saying what is wrong with it."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(f"body is not UTF-8 (byte {exc.start})") from None
    if json_depth(text) > MAX_DEPTH:
        raise BadRequest(f"JSON nested deeper than {MAX_DEPTH} levels")
    try:
        body = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise BadRequest(f"body is not valid JSON: {exc}") from None
    if not isinstance(body, dict):
        raise BadRequest("body is not a JSON object")
    bad = _surrogate_in(body)
    if bad:
        raise BadRequest(f"text with a lone surrogate ({bad}), which is not a character; send valid Unicode")
    return body


# ------------------------------------------------------------------------------------------------ remote
def read_password(password_file: Optional[str | Path] = None) -> Optional[str]:
    """The remote server's password: the first line of `password_file`, else $CLAIMSCOPE_REVIEW_PASSWORD."""
    if password_file is not None:
        lines = Path(password_file).read_text(encoding="utf-8").splitlines()
        value = lines[0].strip() if lines else ""
        if not value:
            raise ValueError(f"{password_file}: the first line (the password) is empty")
        return value
    return os.environ.get(PASSWORD_ENV) or None


def password_ok(header: Optional[str], password: str) -> bool:
    """`Authorization: Basic base64(any-user:password)` (what a browser sends) or `Bearer password`."""
    if not header:
        return False
    scheme, _, value = header.strip().partition(" ")
    scheme, value = scheme.lower(), value.strip()
    if scheme == "basic":
        try:
            given = base64.b64decode(value, validate=True).decode("utf-8").partition(":")[2]
        except (binascii.Error, UnicodeDecodeError):
            return False
    elif scheme == "bearer":
        given = value
    else:
        return False
    return hmac.compare_digest(given.encode("utf-8", "surrogatepass"), password.encode("utf-8"))


def host_names(host: str, extra: Iterable[str] = ()) -> set[str]:
    """The Host header names a remote server answers to: those given, the bind address when it is one
    address, and for a wildcard bind (0.0.0.0, ::) this machine's host names. Lower case, no port."""
    names = {n.strip().lower().strip("[]") for n in extra if n.strip()}
    h = host.strip("[]").lower()
    if h in ("0.0.0.0", "::", ""):
        if not names:
            names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
    else:
        names.add(h)
    return names


def split_host(header: str) -> tuple[str, str]:
    """'name:port' / '[v6]:port' / 'name' -> (name, port) in lower case, brackets removed."""
    h = header.strip().lower()
    if h.startswith("["):
        name, _, rest = h[1:].partition("]")
        return name, rest[1:] if rest.startswith(":") else ""
    name, sep, port = h.rpartition(":")
    return (name, port) if sep and port.isdigit() else (h, "")
