"""Spans over a body: paragraphs, sentences and quotations, as (start, end) offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

# abbreviations whose period does not end a sentence (titles, degrees, "dll.", "No.")
_ABBREV = re.compile(
    r"(?:\b(?:Prof|Dr|Drs|Dra|Ir|H|Hj|KH|St|Sdr|No|Nomor|Jl|Jln|Kab|Kec|Kel|Ds|Tgl|dll|dsb|dkk|tsb|a\.n|u\.p|"
    r"Bpk|Yth|Pol|Purn|Inf|Czi|Kav|Arh|Mr|Mrs|Ms|vs|Vol|hlm|S|M|A|B|C|D|E|F|G|I|J|K|L|N|O|P|Q|R|T|U|V|W|X|Y|Z)|"
    r"\b[A-Z]\.[A-Z]|\bS\.[A-Z][a-z]{0,3}|\bM\.[A-Z][a-z]{0,3})$"
)
_SENT_END = re.compile(r"[.!?]+[\"”’)]*(?=\s+[\"“”‘(]?[A-Z0-9])|\n+")


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph; paragraphs are separated by blank lines or newlines."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", body)]


def sentence_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, never crossing a paragraph break.

    >>> b = "Hal itu disampaikan Prof. Bambang Iswanto. Ia hadir."
    >>> [b[s:e] for s, e in sentence_spans(b)]
    ['Hal itu disampaikan Prof. Bambang Iswanto.', 'Ia hadir.']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(body):
        end = m.end()
        if body[m.start()] == ".":
            before = body[max(start, m.start() - 12) : m.start()]
            if _ABBREV.search(before):
                continue
        seg = body[start:end].strip()
        if seg:
            s = start + (len(body[start:end]) - len(body[start:end].lstrip()))
            spans.append((s, s + len(seg)))
        start = end
    seg = body[start:].strip()
    if seg:
        s = start + (len(body[start:]) - len(body[start:].lstrip()))
        spans.append((s, s + len(seg)))
    return spans


def span_at(spans: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The span containing `pos` (spans sorted, non-overlapping)."""
    lo, hi = 0, len(spans) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s, e = spans[mid]
        if pos < s:
            hi = mid - 1
        elif pos >= e:
            lo = mid + 1
        else:
            return spans[mid]
    return None


OPEN_QUOTES = '“"„«'
CLOSE_QUOTES = '”"»'


@dataclass(frozen=True)
class Quote:
    open: int  # offset of the opening quote mark
    close: int  # offset of the closing quote mark (exclusive end of the content)
    start: int  # content start (after the mark and spaces)
    end: int  # content end (before the mark and spaces)


def quote_spans(body: str) -> list[Quote]:
    """Quotations in every house style: “…”, "…", and Kompas-style ”…” used at both ends.

    A quote left open at the end of a paragraph continues when the next paragraph opens with a
    quote mark (the convention for multi-paragraph quotes); otherwise it ends with its paragraph.

    >>> b = '“Kami optimistis,” tegasnya.'
    >>> [b[q.start:q.end] for q in quote_spans(b)]
    ['Kami optimistis,']
    """
    quotes: list[Quote] = []
    paras = paragraph_spans(body)
    i = 0
    while i < len(paras):
        ps, pe = paras[i]
        pos = ps
        while pos < pe:
            o = _next_opener(body, pos, pe)
            if o < 0:
                break
            c = _next_closer(body, o + 1, pe)
            if c < 0:
                # open to the end of the paragraph; a following paragraph opening with a quote continues it
                j = i
                while (
                    j + 1 < len(paras)
                    and body[paras[j + 1][0]] in OPEN_QUOTES + "”"
                    and _next_closer(body, paras[j + 1][0] + 1, paras[j + 1][1]) < 0
                ):
                    j += 1
                end = paras[j][1]
                if j + 1 < len(paras) and body[paras[j + 1][0]] in OPEN_QUOTES + "”":
                    c2 = _next_closer(body, paras[j + 1][0] + 1, paras[j + 1][1])
                    j += 1
                    end = c2
                    quotes.append(_mk(body, o, end, end))
                    i = j
                    pos = end + 1
                    pe = paras[j][1]
                    continue
                quotes.append(_mk(body, o, pe, pe))
                break
            quotes.append(_mk(body, o, c, c + 1))
            pos = c + 1
        i += 1
    return [q for q in quotes if q.end > q.start]


def _mk(body: str, o: int, content_end: int, close: int) -> Quote:
    s = o + 1
    e = content_end
    while s < e and body[s].isspace():
        s += 1
    while e > s and body[e - 1].isspace():
        e -= 1
    return Quote(o, close, s, e)


def _next_opener(body: str, pos: int, end: int) -> int:
    for k in range(pos, end):
        ch = body[k]
        if ch in "“„«":
            return k
        if ch in '"”':
            prev = body[k - 1] if k > 0 else " "
            nxt = body[k + 1] if k + 1 < len(body) else " "
            if (prev.isspace() or prev in "([:—–-" or k == pos and prev == "\n") and not nxt.isspace():
                return k
    return -1


def _next_closer(body: str, pos: int, end: int) -> int:
    for k in range(pos, end):
        ch = body[k]
        if ch in "”»":
            return k
        if ch == '"':
            nxt = body[k + 1] if k + 1 < len(body) else " "
            prev = body[k - 1]
            if not prev.isspace() or nxt.isspace() or nxt in ",.;:!?)":
                return k
        if ch == "“" and k > pos and not body[k - 1].isspace():
            return k  # a wrong-way closing mark after a word
    return -1
