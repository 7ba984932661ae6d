"""A brat standoff reader and checker, written from the format's description (brat's standoff page):
`.ann` lines T (text-bound, fragments `start end;start end`, text = fragments joined by a space), R (binary
relation `Type Arg1:T1 Arg2:T2`), E (event), A/M (attribute `Name Target [Value]`), N (normalisation
`Reference Target DB:ID<TAB>text`) and `#` (note `AnnotatorNotes Target<TAB>text`); `annotation.conf`
sections [entities], [relations], [events], [attributes]. `check` returns a list of problems (empty: valid)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

SECTIONS = ("entities", "relations", "events", "attributes")


@dataclass
class Ann:
    t: dict = field(default_factory=dict)      # id -> (type, [(start, end)], text)
    r: dict = field(default_factory=dict)      # id -> (type, {role: target})
    e: dict = field(default_factory=dict)      # id -> (type, trigger, {role: target})
    a: dict = field(default_factory=dict)      # id -> (name, target, value or None)
    n: dict = field(default_factory=dict)      # id -> (target, db, ref, text)
    notes: dict = field(default_factory=dict)  # id -> (target, text)
    errors: list = field(default_factory=list)


T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
R_LINE = re.compile(r"^(R\d+)\t(\S+) (\w+):(\S+) (\w+):(\S+)$")
E_LINE = re.compile(r"^(E\d+)\t(\S+):(T\d+)((?: \S+:\S+)*)$")
A_LINE = re.compile(r"^([AM]\d+)\t(\S+) (\S+)(?: (\S+))?$")
N_LINE = re.compile(r"^(N\d+)\tReference (\S+) ([^:\s]+):(\S+)\t(.*)$")
NOTE_LINE = re.compile(r"^(#\d+)\tAnnotatorNotes (\S+)\t(.*)$")


def parse_ann(body: str) -> Ann:
    ann = Ann()
    for i, line in enumerate(body.split("\n"), 1):
        if not line:
            continue
        if m := T_LINE.match(line):
            frags = [tuple(map(int, f.split())) for f in m.group(3).split(";")]
            _put(ann, ann.t, m.group(1), (m.group(2), frags, m.group(4)), i)
        elif m := R_LINE.match(line):
            _put(ann, ann.r, m.group(1), (m.group(2), {m.group(3): m.group(4), m.group(5): m.group(6)}), i)
        elif m := E_LINE.match(line):
            args = dict(a.split(":", 1) for a in m.group(4).split())
            _put(ann, ann.e, m.group(1), (m.group(2), m.group(3), args), i)
        elif m := A_LINE.match(line):
            _put(ann, ann.a, m.group(1), (m.group(2), m.group(3), m.group(4)), i)
        elif m := N_LINE.match(line):
            _put(ann, ann.n, m.group(1), (m.group(2), m.group(3), m.group(4), m.group(5)), i)
        elif m := NOTE_LINE.match(line):
            _put(ann, ann.notes, m.group(1), (m.group(2), m.group(3)), i)
        else:
            ann.errors.append(f"line {i}: not a standoff line: {line!r}")
    return ann


def _put(ann: Ann, table: dict, key: str, value, lineno: int) -> None:
    if key in table:
        ann.errors.append(f"line {lineno}: duplicate id {key}")
    table[key] = value


def parse_conf(body: str) -> dict:
    """{entities: set, relations: {name: {role: set of types}}, events: set, attributes: {name: (types, values)}}."""
    conf = {"entities": set(), "relations": {}, "events": set(), "attributes": {}, "sections": []}
    section = None
    for line in body.splitlines():
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        if m := re.match(r"^\[(\w+)\]$", s):
            section = m.group(1)
            conf["sections"].append(section)
            continue
        name, _, args = s.partition("\t") if "\t" in s else s.partition(" ")
        roles = dict(a.strip().split(":", 1) for a in args.split(",") if ":" in a)
        if section == "entities":
            conf["entities"].add(name)
        elif section == "relations" and not name.startswith("<"):
            conf["relations"][name] = {k: set(v.split("|")) for k, v in roles.items()}
        elif section == "events":
            conf["events"].add(name)
        elif section == "attributes":
            values = set(roles["Value"].split("|")) if "Value" in roles else None
            conf["attributes"][name] = (set(roles.get("Arg", "").split("|")), values)
    return conf


def check(text: str, ann: Ann, conf: dict) -> list[str]:
    """Every problem with the annotations of `text` under `conf`."""
    errs = list(ann.errors)
    missing = [s for s in SECTIONS if s not in conf["sections"]]
    errs += [f"annotation.conf: no [{s}] section" for s in missing]
    for tid, (typ, frags, frag_text) in ann.t.items():
        if typ not in conf["entities"]:
            errs.append(f"{tid}: entity type {typ} not in annotation.conf")
        if any(not (0 <= s < e <= len(text)) for s, e in frags):
            errs.append(f"{tid}: offsets {frags} outside the text")
        elif " ".join(text[s:e] for s, e in frags) != frag_text:
            errs.append(f"{tid}: text {frag_text!r} is not the text at {frags}")
        if any("\n" in text[s:e] for s, e in frags):
            errs.append(f"{tid}: a fragment holds a line break")
    for rid, (typ, args) in ann.r.items():
        allowed = conf["relations"].get(typ)
        if allowed is None:
            errs.append(f"{rid}: relation type {typ} not in annotation.conf")
            continue
        for role, target in args.items():
            if target not in ann.t:
                errs.append(f"{rid}: {role} {target} does not exist")
            elif ann.t[target][0] not in allowed.get(role, set()):
                ok = sorted(allowed.get(role, []))
                errs.append(f"{rid}: {role} {target} is a {ann.t[target][0]}, not one of {ok}")
    for aid, (name, target, value) in ann.a.items():
        spec = conf["attributes"].get(name)
        if spec is None:
            errs.append(f"{aid}: attribute {name} not in annotation.conf")
        elif target not in ann.t:
            errs.append(f"{aid}: target {target} does not exist")
        elif ann.t[target][0] not in spec[0]:
            errs.append(f"{aid}: {name} not allowed on {ann.t[target][0]}")
        elif (spec[1] is None) != (value is None) or (spec[1] is not None and value not in spec[1]):
            errs.append(f"{aid}: value {value!r} not allowed for {name}")
    for nid, (target, _db, _ref, _txt) in ann.n.items():
        if target not in ann.t:
            errs.append(f"{nid}: target {target} does not exist")
    for cid, (target, _txt) in ann.notes.items():
        if target not in ann.t:
            errs.append(f"{cid}: target {target} does not exist")
    return errs


def parse_tools_conf(body: str) -> dict:
    """[normalization] of tools.conf: {db name: {key: value}} (`Name<TAB>key:value, key:value`)."""
    out, section = {}, None
    for line in body.splitlines():
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        if m := re.match(r"^\[(\w+)\]$", s):
            section = m.group(1)
            continue
        if section == "normalization":
            name, _, args = s.partition("\t")
            out[name] = dict(a.strip().split(":", 1) for a in args.split(", "))
    return out
