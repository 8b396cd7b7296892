"""Spans over a body: paragraphs, sentences and quotations, as (start, end) offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pantau import lexicon


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph; paragraphs are separated by blank lines or newlines."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", body)]


# Sentence rules. Two call sites have always cut sentences differently, and both are kept so outputs do not
# change: "text" (statements, events, the name recognizer) ends a sentence at `. ! ?` only before a capital or
# a digit and checks abbreviations after any period; "indicators" (the sentence around a figure) ends one
# before any space and checks abbreviations after a lone period. Each has its abbreviation list in the
# lexicon (`abbreviations.txt`); one capital letter (an initial) is an abbreviation for both.
SENTENCE_RULES = ("text", "indicators")
_SENTENCE_END = {
    "text": r"[.!?]+[\"”’)]*(?=\s+[\"“”‘(]?[A-Z0-9])|\n+",
    "indicators": r"[.!?]+[\"”’)]*(?=\s)|\n",
}
_ABBREVIATION_SHAPES = {  # by rule, besides the listed words
    "text": r"\b[A-Z]|\b[A-Z]\.[A-Z]|\bS\.[A-Z][a-z]{0,3}|\bM\.[A-Z][a-z]{0,3}",  # initial, `S.H`, `S.Sos`, `M.Si`
    "indicators": r"\b[A-Z]",  # an initial
}


@dataclass(frozen=True)
class _SentenceRule:
    end: re.Pattern[str]  # what ends a sentence
    abbreviation: re.Pattern[str]  # a word and its period that do not end one (searched up to the period)
    lone_period_only: bool  # abbreviations are checked after a lone `.` only (not `."` or `...`)
    lookback: int  # characters before the period that can hold an abbreviation


def abbreviations(rules: str) -> frozenset[str]:
    """The listed abbreviations (without their period) that the sentence rules `rules` know.

    >>> sorted(abbreviations("indicators") - abbreviations("text"))[:3]
    ['M.M', 'M.Pd', 'M.Si']
    """
    if rules not in SENTENCE_RULES:
        raise ValueError(f"unknown sentence rules {rules!r}; expected one of {SENTENCE_RULES}")
    words = set()
    for entry in lexicon.read_words("abbreviations.txt"):
        word, *scopes = entry.split()
        unknown = set(scopes) - set(SENTENCE_RULES)
        if not scopes or unknown:
            raise ValueError(f"abbreviations.txt: {entry!r}: expected an abbreviation and any of {SENTENCE_RULES}")
        if rules in scopes:
            words.add(word)
    return frozenset(words)


@cache
def _sentence_rule(rules: str) -> _SentenceRule:
    words = sorted(abbreviations(rules), key=lambda w: (-len(w), w))
    listed = "|".join(re.escape(w) for w in words)
    return _SentenceRule(
        end=re.compile(_SENTENCE_END[rules]),
        abbreviation=re.compile(rf"(?:\b(?:{listed})|{_ABBREVIATION_SHAPES[rules]})\.$"),
        lone_period_only=rules == "indicators",
        lookback=max(map(len, words), default=0) + 8,
    )


def sentence_spans(body: str, rules: str = "text") -> list[tuple[int, int]]:
    """(start, end) of each sentence, never crossing a paragraph break; `rules` names the sentence rules
    (`SENTENCE_RULES`): "text" unless cutting the context of a figure.

    >>> b = "Hal itu disampaikan Prof. Bambang Iswanto. Ia hadir."
    >>> [b[s:e] for s, e in sentence_spans(b)]
    ['Hal itu disampaikan Prof. Bambang Iswanto.', 'Ia hadir.']
    >>> b = "Jumlah pemilih naik 3,5 persen. sementara itu TPS bertambah."
    >>> [b[s:e] for s, e in sentence_spans(b, "indicators")]
    ['Jumlah pemilih naik 3,5 persen.', 'sementara itu TPS bertambah.']
    """
    rule = _sentence_rule(rules)
    spans: list[tuple[int, int]] = []
    start = 0
    for m in rule.end.finditer(body):
        mark = m.group()
        if (mark == "." if rule.lone_period_only else mark[0] == ".") and rule.abbreviation.search(
            body, max(0, m.start() - rule.lookback), m.start() + 1
        ):
            continue
        _add_trimmed(spans, body, start, m.end())
        start = m.end()
    _add_trimmed(spans, body, start, len(body))
    return spans


def _add_trimmed(spans: list[tuple[int, int]], body: str, start: int, end: int) -> None:
    """Append [start, end) without its surrounding whitespace, unless nothing is left."""
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


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
