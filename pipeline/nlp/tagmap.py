"""`claimscope_tagmap_v1`: the base model's attribute_ruler rules, applied as a table lookup (same output).

The stock `attribute_ruler` of en_core_web_sm runs a `Matcher` over every token to map fine-grained tags to
POS and MORPH (plus a few word-specific exceptions: pronoun lemmas, "that" as a relative pronoun, ...). That
costs about as much as the parser. This component reads the ruler's own patterns when the pipeline is built
and applies them in two parts:

- rules whose single token pattern is just `{"TAG": ...}` (the tag map) become per-tag tables, applied to the
  whole Doc with `doc.to_array`/`doc.from_array`;
- every other rule (word-, dependency- or whitespace-specific, multi-token) is an exception, indexed by the
  value of one of its attributes (LOWER, else TAG, else any); only tokens that carry an indexed value are
  checked, and for the tokens they match every applicable rule (tag rules included) is applied in the
  ruler's order, with spaCy's own `set_token_attrs`, so later rules win exactly as in the ruler.

All matching is done on the Doc as it comes in, before anything is set (as the ruler does). `supports(ruler)`
says whether every pattern is of a kind handled here (plain values or IN / NOT_IN sets, no operators);
`nlp.build_nlp` keeps the stock ruler otherwise. `tests/extract/test_tagmap.py` checks equality with the ruler.
"""
from __future__ import annotations

import re
from typing import Any, Iterable, Optional

import numpy as np
from spacy.attrs import IDS, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

# Matcher token attributes we can read with doc.to_array (plus how to compare them)
_ARRAY_ATTRS = {"ORTH", "LOWER", "NORM", "TAG", "POS", "DEP", "LEMMA", "SHAPE", "ENT_TYPE", "IS_SPACE",
                "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "LIKE_NUM", "IS_STOP"}
_BOOL_ATTRS = {"IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "LIKE_NUM",
               "IS_STOP"}
_STRING_ATTRS = _ARRAY_ATTRS - _BOOL_ATTRS
# which attribute of a pattern's first token indexes it (most selective first)
_INDEX_PREFERENCE = ("LOWER", "ORTH", "NORM", "LEMMA", "TAG", "DEP", "POS", "SHAPE", "ENT_TYPE", *sorted(_BOOL_ATTRS))
_REGEX_CACHE_MAX = 200_000


def _spec_ok(spec: dict) -> bool:
    for key, value in spec.items():
        if key not in _ARRAY_ATTRS:
            return False
        if isinstance(value, dict):
            ops = set(value)
            if not ops or ops - {"IN", "NOT_IN", "REGEX"}:
                return False
            if "REGEX" in ops and (key not in _STRING_ATTRS or not isinstance(value["REGEX"], str)):
                return False
            if not all(isinstance(v, (list, tuple)) for k, v in value.items() if k != "REGEX"):
                return False
        elif not isinstance(value, (str, int, bool)):
            return False
        if key in _BOOL_ATTRS and not isinstance(value, bool):
            return False
    return True


def supports(ruler) -> bool:
    """Whether every pattern of `ruler` is of a kind this component handles exactly."""
    for p in ruler.patterns:
        if not p["patterns"]:
            return False
        for seq in p["patterns"]:
            if not seq or not all(isinstance(s, dict) and _spec_ok(s) for s in seq):
                return False
            idx = p.get("index", 0)
            if not -len(seq) <= idx < len(seq):
                return False
        if "_" in p["attrs"]:
            return False
    return True


class _Cond:
    """One token spec compiled to tests on the int values of the Doc's columns:
    (column, accepted set | None, rejected set | None, regex | None)."""

    __slots__ = ("tests", "strings")

    def __init__(self, spec: dict, strings, cols: dict[str, int]):
        self.strings = strings
        tests = []
        for key, value in spec.items():
            col = cols[key]

            def conv(v: Any, key: str = key) -> int:
                if key in _BOOL_ATTRS:
                    return int(bool(v))
                if isinstance(v, int) and not isinstance(v, bool):
                    return v
                return int(strings.add(v))

            if isinstance(value, dict):
                tests.append((col, frozenset(conv(v) for v in value["IN"]) if "IN" in value else None,
                              frozenset(conv(v) for v in value["NOT_IN"]) if "NOT_IN" in value else None,
                              re.compile(value["REGEX"]) if "REGEX" in value else None))
            else:
                tests.append((col, frozenset((conv(value),)), None, None))
        self.tests = tuple(tests)

    def ok(self, rows: list[list[int]], i: int) -> bool:
        for col, inc, exc, rx in self.tests:
            v = rows[col][i]
            if inc is not None and v not in inc:
                return False
            if exc is not None and v in exc:
                return False
            if rx is not None and not rx.search(self.strings[v]):
                return False
        return True


class TagMap:
    """The attribute_ruler's rules as per-tag tables plus indexed exceptions (see the module docstring)."""

    def __init__(self, nlp: Language, name: str = "tagmap", source: Any = "attribute_ruler"):
        self.name = name
        self.vocab = nlp.vocab
        ruler = nlp.get_pipe(source) if isinstance(source, str) else source
        if not supports(ruler):
            raise ValueError(f"{name}: the patterns of {source!r} use features tagmap does not handle")
        self._build(ruler)

    # ------------------------------------------------------------------ compile
    def _build(self, ruler) -> None:
        strings = self.vocab.strings
        patterns = ruler.patterns
        normed = list(ruler.attrs)  # spaCy's normalised {attr id: value} per rule, in rule order
        assert len(normed) == len(patterns)
        used = sorted({k for p in patterns for seq in p["patterns"] for s in seq for k in s} | {"TAG"})
        self._cols = {k: i for i, k in enumerate(used)}
        self._col_ids = [IDS[k] for k in used]
        self._tag_col = self._cols["TAG"]
        # per tag: the tag-only rules, in order
        tag_rules: dict[int, list[tuple[int, dict]]] = {}
        exceptions = []  # (order, [[_Cond per token] per alternative], index, attrs)
        for order, (p, attrs) in enumerate(zip(patterns, normed)):
            seqs = p["patterns"]
            if (len(seqs) == 1 and len(seqs[0]) == 1 and set(seqs[0][0]) == {"TAG"}
                    and isinstance(seqs[0][0]["TAG"], str)):
                tag_rules.setdefault(int(strings.add(seqs[0][0]["TAG"])), []).append((order, attrs))
            else:
                alts = [[_Cond(s, strings, self._cols) for s in seq] for seq in seqs]
                exceptions.append((order, seqs, alts, p.get("index", 0), attrs))
        self._tag_rules = tag_rules
        # vectorised columns: every attribute a tag rule sets
        vec_attrs = sorted({a for rules in tag_rules.values() for _o, attrs in rules for a in attrs})
        self._vec_attrs = vec_attrs
        self._tables = []  # per column: (sorted tag keys, values)
        for a in vec_attrs:
            pairs = {}
            for tag, rules in tag_rules.items():
                for _o, attrs in rules:  # later rules win
                    if a in attrs:
                        pairs[tag] = attrs[a]
            keys = np.array(sorted(pairs), dtype=np.uint64)
            vals = np.array([pairs[k] for k in sorted(pairs)], dtype=np.uint64)
            self._tables.append((keys, vals))
        # exceptions indexed by one attribute of the token the pattern starts with: a plain value or an IN set
        # (hash lookup); else a REGEX (tested once per distinct value, cached); else every token
        index: dict[str, dict[int, list]] = {}
        regex_rules: list[tuple[int, Any, tuple]] = []  # (column, regex, rule)
        scan_all: list = []
        for order, seqs, alts, idx, attrs in exceptions:
            for seq, conds in zip(seqs, alts):
                first = seq[0]
                rule = (order, conds, idx, attrs)
                key = next((k for k in _INDEX_PREFERENCE if k in first
                            and (not isinstance(first[k], dict) or "IN" in first[k])), None)
                if key is not None:
                    value = first[key]
                    cond = _Cond({key: value if not isinstance(value, dict) else {"IN": value["IN"]}}, strings,
                                 self._cols)
                    for v in cond.tests[0][1]:
                        index.setdefault(key, {}).setdefault(v, []).append(rule)
                    continue
                key = next((k for k in sorted(first) if isinstance(first[k], dict) and "REGEX" in first[k]), None)
                if key is not None:
                    regex_rules.append((self._cols[key], re.compile(first[key]["REGEX"]), rule))
                else:
                    scan_all.append(rule)
        self._index = [(self._cols[k], np.array(sorted(d), dtype=np.uint64), d) for k, d in index.items()]
        self._regex_rules = regex_rules
        self._regex_hits: dict[tuple[int, int], bool] = {}
        self._scan_all = scan_all

    # ------------------------------------------------------------------ apply
    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        arr = doc.to_array(self._col_ids)
        if arr.ndim == 1:
            arr = arr.reshape((n, 1))
        tags = arr[:, self._tag_col]
        # 1. the tag tables, on the whole doc
        if self._vec_attrs:
            cur = doc.to_array(self._vec_attrs)
            if cur.ndim == 1:
                cur = cur.reshape((n, 1))
            for c, (keys, vals) in enumerate(self._tables):
                if not len(keys):
                    continue
                pos = np.searchsorted(keys, tags)
                pos[pos >= len(keys)] = 0
                hit = keys[pos] == tags
                cur[hit, c] = vals[pos[hit]]
            doc.from_array(self._vec_attrs, cur)
        # 2. exceptions: candidates by index, matched on the incoming values
        matched: dict[int, list[tuple[int, dict]]] = {}
        rows: Optional[list[list[int]]] = None
        todo: list[tuple[int, tuple]] = []  # (token, rule)
        for col, keys, rules_by_value in self._index:
            column = arr[:, col]
            cand = np.flatnonzero(np.isin(column, keys))
            if len(cand):
                if rows is None:
                    rows = arr.T.tolist()
                for i in cand.tolist():
                    todo.extend((i, r) for r in rules_by_value[rows[col][i]])
        if self._regex_rules:
            strings = self.vocab.strings
            hits = self._regex_hits
            if len(hits) > _REGEX_CACHE_MAX:
                hits.clear()
            for n_rule, (col, rx, rule) in enumerate(self._regex_rules):
                values, inverse = np.unique(arr[:, col], return_inverse=True)
                ok = np.array([hits[(n_rule, v)] if (n_rule, v) in hits
                               else hits.setdefault((n_rule, v), bool(rx.search(strings[v])))
                               for v in values.tolist()], dtype=bool)
                todo.extend((i, rule) for i in np.flatnonzero(ok[inverse]).tolist())
        if self._scan_all:
            todo.extend((i, r) for i in range(n) for r in self._scan_all)
        if todo and rows is None:
            rows = arr.T.tolist()
        for i, (order, conds, idx, attrs) in todo:
            if i + len(conds) > n:
                continue
            if all(c.ok(rows, i + j) for j, c in enumerate(conds)):
                matched.setdefault(i + (idx if idx >= 0 else len(conds) + idx), []).append((order, attrs))
        if not matched:
            return doc
        for t, rules in matched.items():
            tag = int(tags[t])
            seq = sorted(set((o, id(a)) for o, a in rules + self._tag_rules.get(tag, [])))
            by_id = {id(a): a for _o, a in rules + self._tag_rules.get(tag, [])}
            token = doc[t]
            for _o, aid in seq:
                set_token_attrs(token, by_id[aid])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory("claimscope_tagmap_v1", requires=["token.tag"], assigns=["token.pos", "token.morph"],
                  default_config={"source": "attribute_ruler"})
def make_tagmap(nlp: Language, name: str, source: str) -> TagMap:
    return TagMap(nlp, name, source)
