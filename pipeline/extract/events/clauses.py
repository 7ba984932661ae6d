"""Where incidents are looked for: the body (after the dateline and headline), in clauses (sentences split at
top-level semicolons, so that a list of incidents separated by ";" gives one event each)."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from pipeline.extract._doc import doc_text, meta


def clauses(doc: Doc) -> list[tuple[int, int, Span]]:
    """(start_char, end_char, sentence) for each clause: sentences split at top-level ';' (a ';' inside a
    parenthesis separates the parenthesis's items, not incidents: "(two dead; nine hurt)")."""
    out = []
    text = doc_text(doc)
    for sent in doc.sents:
        depth, start = 0, sent.start_char
        if ";" not in text[sent.start_char:sent.end_char]:
            out.append((start, sent.end_char, sent))  # no semicolon: one clause (the loop below would agree)
            continue
        for tok in sent:
            if tok.text == "(":
                depth += 1
            elif tok.text == ")":
                depth = max(0, depth - 1)
            elif tok.text == ";" and depth == 0:
                out.append((start, tok.idx, sent))
                start = tok.idx + 1
        out.append((start, sent.end_char, sent))
    return out


def headline_end(doc: Doc, limits: dict) -> int:
    """End offset of the dateline and headline block: incidents are taken from the body, where they are
    stated in full (a headline repeats one). The headline is `cs_meta["title"]` when it opens the text, else
    each short line without final punctuation before the first paragraph (limits: the lexicon's thresholds)."""
    m = meta(doc)
    text = doc_text(doc)
    end = 0
    dl = m.get("dateline")
    if dl:
        end = dl[1]
    title = (m.get("title") or "").strip()
    if title:
        i = text.find(title, end, end + limits["title_window"])
        if i >= 0:
            return i + len(title)
    pos = end
    while True:
        while pos < len(text) and text[pos] in " \t\r\n\u00a0":
            pos += 1
        nl = text.find("\n", pos)
        line = text[pos: nl if nl >= 0 else len(text)].strip()
        if not line or nl < 0 or len(line) > limits["headline_max_line"] or line[-1] in ".!?\"”" \
                or pos > limits["headline_max_start"]:
            return end
        end = pos + len(line)
        pos = nl + 1
