"""Indonesian numbers in news text: digits, number words, ordinals, and what each figure is.

Indonesian writes `.` between thousands and `,` before decimals (`33.740` is 33740,
`51,28` is 51.28). A figure is also often not a quantity at all: a year (`Pilkada 2024`),
a date (`Selasa (3/9)`), a clock time (`pukul 10.00 WITA`), a law reference (`Pasal 71`),
a ballot number (`nomor urut 2`) or part of a name (`Kodim 0726`). `find_numbers` labels each
figure with a `kind` so later stages keep only real quantities.

Vocabulary (number words, ordinals, scale abbreviations, context cues) lives in
`pantau/lexicon/numbers.toml`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from pantau import lexicon
from pantau.pipeline.patterns import alternation

__all__ = ["NumberMention", "find_numbers", "scan_numbers", "parse_indonesian_number", "LEXICON"]

LEXICON: dict = lexicon.read_toml("numbers.toml")

_DIGITS: dict[str, int] = LEXICON["digits"]
_TEEN: dict[str, int] = LEXICON["teen"]
_MULT: dict[str, int] = LEXICON["multipliers"]
_SCALES: dict[str, int] = LEXICON["scales"]
_SE: dict[str, int] = LEXICON["se_forms"]
_ABBR: dict[str, int] = LEXICON["abbreviations"]
_ABBR_RP_ONLY = frozenset(LEXICON["abbreviations_rupiah_only"]["keys"])
_ORDINALS: dict[str, int] = LEXICON["ordinals"]
_CTX: dict = LEXICON["context"]
_ORDINAL_PREFIX: str = LEXICON["ordinal_prefix"]["prefix"]
_ORDINAL_WHOLE_WORDS: list[str] = LEXICON["ordinal_prefix"]["whole_words"]
# the units of the indicators table say what follows a figure: percent words, count words, rank cues
_UNIT_LEXICON = lexicon.read_toml("indicator_units.toml")
_PERCENT_WORDS: list[str] = _UNIT_LEXICON["units"]["percent"]["words"]
_PERCENT_SIGNS = alternation(w for w in _PERCENT_WORDS if not w.isalpha())  # "%": no word boundary after it
_PERCENT_NAMES = alternation(w for w in _PERCENT_WORDS if w.isalpha())


# ---- number words -------------------------------------------------------------------------

_WORD_TOKENS = {**_DIGITS, **_SE}
_CARD_WORD = alternation([*_WORD_TOKENS, *_TEEN, *_MULT, *_SCALES])
_CARD_START = alternation(_WORD_TOKENS)
# a run of number words: "dua puluh lima", "tiga ratus ribu", "seribu lima ratus"
_WORDSEQ = rf"(?:{_CARD_START})(?:\s+(?:{_CARD_WORD}))*"


def _parse_word_tokens(tokens: list[str]) -> float | None:
    """`['dua', 'puluh', 'lima']` -> 25; None when the run is not a well-formed numeral."""
    total = 0
    group = 0  # value below the next scale word ("ribu", "juta" ...)
    last_digit: int | None = None  # a bare digit word waiting for belas/puluh/ratus
    seen = False
    for tok in tokens:
        t = tok.lower()
        if t in _WORD_TOKENS:
            if last_digit is not None:  # "dua tiga": two digits in a row is not one numeral
                return None
            v = _WORD_TOKENS[t]
            if t in _SCALES or v >= 1000:  # seribu, sejuta: a whole scale group on its own
                total += v
                group = 0
                last_digit = None
            else:
                group += v
                last_digit = v if v < 10 else None
        elif t in _TEEN:
            if last_digit is None or last_digit == 0:
                return None
            group += _TEEN[t]
            last_digit = None
        elif t in _MULT:
            if last_digit is None or last_digit == 0:
                return None
            group += last_digit * (_MULT[t] - 1)
            last_digit = None
        elif t in _SCALES:
            if group == 0:
                return None
            total += group * _SCALES[t]
            group = 0
            last_digit = None
        else:
            return None
        seen = True
    if not seen:
        return None
    return float(total + group)


# ---- digits -------------------------------------------------------------------------------

_RE_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")  # 1.234.567 / 1.234,5
_RE_DEC_COMMA = re.compile(r"\d+,\d+")  # 51,28
_RE_EN_GROUPED = re.compile(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?")  # 1,234,567 (English style)
_RE_DOT = re.compile(r"(\d+)\.(\d+)")  # 2.5 / 10.00 / 2.172
_RE_INT = re.compile(r"\d+")


def _parse_digits(s: str) -> float | None:
    """Digit string in Indonesian notation -> float ("33.740" -> 33740.0, "51,28" -> 51.28)."""
    if _RE_INT.fullmatch(s):
        return float(s)
    if _RE_GROUPED.fullmatch(s):
        return float(s.replace(".", "").replace(",", "."))
    if _RE_DEC_COMMA.fullmatch(s):
        return float(s.replace(",", "."))
    if _RE_EN_GROUPED.fullmatch(s):
        return float(s.replace(",", ""))
    m = _RE_DOT.fullmatch(s)
    if m:
        # one dot, not 3 digits after it: a decimal written English-style ("2.5")
        return float(s)
    return None


_RE_PARSE = re.compile(
    rf"""^\s*
    (?P<rp>(?:rp|idr)\.?\s*)?
    (?:
        (?P<num>\d+(?:[.,]\d+)*)\s*(?P<scale>{alternation(_ABBR)})?
      | (?P<words>[a-z]+(?:\s+[a-z]+)*)
    )
    \s*(?P<pct>{alternation(_PERCENT_WORDS)})?\s*$""",
    re.X | re.I,
)
_RE_PARSE_ORD = re.compile(r"^\s*ke(?:-\s*|\s+)?(?P<rest>.+?)\s*$", re.I)


def _parse_plain(s: str) -> float | None:
    m = _RE_PARSE.match(s)
    if not m:
        return None
    if m.group("num"):
        v = _parse_digits(m.group("num"))
        if v is None:
            return None
        sc = m.group("scale")
        if sc:
            key = sc if sc in _ABBR else sc.lower()
            if key not in _ABBR:
                return None
            v *= _ABBR[key]
        return v
    return _parse_word_tokens(m.group("words").split())


def parse_indonesian_number(s: str) -> float | None:
    """Parse one Indonesian number expression; None when it is not one. Never raises.

    >>> parse_indonesian_number("51,28"), parse_indonesian_number("33.740")
    (51.28, 33740.0)
    >>> parse_indonesian_number("Rp 70,5 T"), parse_indonesian_number("dua puluh lima")
    (70500000000000.0, 25.0)
    >>> parse_indonesian_number("ke-48"), parse_indonesian_number("keempat")
    (48.0, 4.0)
    """
    if not isinstance(s, str) or not s.strip() or len(s) > 200:
        return None
    low = s.strip().lower()
    if low in _ORDINALS:
        return float(_ORDINALS[low])
    v = _parse_plain(s)
    if v is None:
        m = _RE_PARSE_ORD.match(s)
        if m:
            v = _parse_plain(m.group("rest"))
    if v is None or not math.isfinite(v):
        return None
    return v


# ---- finding numbers in text --------------------------------------------------------------


@dataclass(frozen=True)
class NumberMention:
    """A figure in text. `text == source[start:end]`; `kind` says what the figure is:

    number (digits), word (number words), ordinal, year, date_part, time, law_ref, ballot,
    code (part of a name/address/identifier), phone, list_ordinal (enumerating points of a
    speech), restatement (`14 (empat belas)`: the spelled-out copy), idiom (`salah satu`).
    """

    start: int
    end: int
    text: str
    value: float
    is_ordinal: bool
    kind: str


QUANTITY_KINDS = frozenset({"number", "word"})

_ORD_WORD = rf"{alternation(_ORDINAL_WHOLE_WORDS)}|{re.escape(_ORDINAL_PREFIX)}-?(?:{_WORDSEQ})"
# scale words after digits: "ribu", "jt" in any case; "M", "T" only as printed (rupiah context)
_SCALE_ANY_CASE = alternation(w for w in _ABBR if w not in _ABBR_RP_ONLY)
_SCALE_RP_CASE = alternation(w for w in _ABBR if w in _ABBR_RP_ONLY)

# Two scans, each led by a lookahead on its possible first characters so the regex engine skips
# the rest of the text in C: figures written with digits, then number words.
_RE_DIGIT_FIGURES = re.compile(
    rf"""(?=[0-9+(KkRI])(?:
    (?P<phone>(?<![\w+])(?:\+62[\s-]?|62|0)8\d{{1,2}}(?:[\s.-]?\d{{3,4}}){{2}}\d{{0,2}}(?![\w])
      | \(0\d{{2,4}}\)\s?\d{{3,4}}[\s-]?\d{{3,4}}(?![\w]))
  | (?P<slash>(?<![\w/.,-])\d{{1,4}}(?:/\d{{1,4}}){{1,2}}(?![\w/]))
  | (?P<ordd>(?<![\w-])[Kk][Ee]-\s?\d+(?![\w]))
  | (?P<dig>(?<![\w])(?P<rp>(?:Rp|RP|rp|IDR)\.?\s?)?(?P<num>\d+(?:[.,]\d+)*)
        (?:\s?(?P<scale>(?i:{_SCALE_ANY_CASE})|{_SCALE_RP_CASE})(?![\w])|(?![\w])))
    )""",
    re.X,
)
_WORD_STARTS = [*_WORD_TOKENS, *_ORDINAL_WHOLE_WORDS, _ORDINAL_PREFIX]
_WORD_INITIALS = "".join(sorted({w[0] for w in _WORD_STARTS} | {w[0].upper() for w in _WORD_STARTS}))
_RE_WORD_FIGURES = re.compile(
    rf"""(?=[{_WORD_INITIALS}])(?<![\w-])(?:
    (?P<ordw>(?i:{_ORD_WORD})(?![\w-]))
  | (?P<word>(?i:{_WORDSEQ})(?![\w-]))
    )""",
    re.X,
)


def _words_re(words) -> str:
    return alternation([w.rstrip(".") for w in words])


# the one month list (calendar.toml): full names, variants and newsroom abbreviations
_MONTH_WORDS = [*lexicon.months(), *lexicon.month_abbreviations()]
_MONTHS = alternation(_MONTH_WORDS)
# what comes after a day number: "Oktober", "hingga 31 Oktober", "-31 Okt"
_DAY_RANGE = alternation(_CTX["day_range_words"], space=r"\s+")
_RE_AFTER_DATE = re.compile(
    rf"\s*(?:(?:{_DAY_RANGE})\s*\d{{1,2}}\s*)?(?:{_MONTHS})\b\.?",
    re.I,
)
_DAY_PARTS = lexicon.read_toml("calendar.toml")["weekday_rules"]["day_parts"]
_RE_AFTER_TIME = re.compile(
    rf"\s*(?:(?:{alternation(_CTX['time_zones'])})\b|[-–]\s*\d{{1,2}}[.:]\d{{2}}|\s*(?:{alternation(_DAY_PARTS)})\b)"
)
_RE_CLOCK = re.compile(r"(\d{1,2})[.:](\d{2})")
_RE_SENT_START = re.compile(r"(?:^|[.!?:;\n“\"‘(]\s*|\s[-–—]\s*|^\s*[-•*]\s*)$")
_RE_AFTER_COMMA = re.compile(r"\s*[,:]")
_RE_AFTER_LIST_MARK = re.compile(r"[.)]\s")
_RE_LINE_START = re.compile(r"(?:^|\n)[ \t]*$")
_RE_AFTER_ITEM = re.compile(r"\.(?:\s*[A-Z“\"(]|\.)")
_RE_PAREN_ITEM = re.compile(r"(?:^|[.:;\n]\s*|\s)\($")
_RANK_CUES: list[str] = _UNIT_LEXICON["rank"]["cues"]
_RE_RANK_CUE = re.compile(rf"\b(?:{alternation(_RANK_CUES)})\s*(?:ke-?\s*)?$", re.I)
_RE_OPEN_PAREN_AFTER_NUM = re.compile(r"\d[\d.,]*\s*\(\s*$")
_RE_OPEN_PAREN_AFTER_WORD = re.compile(rf"(?i:{_CARD_WORD})\s*\(\s*$")
_RE_CLOSE_PAREN = re.compile(r"\s*\)")
_RE_KE_BEFORE = re.compile(r"\b[Kk]e\s$")
_RE_IDIOMS = re.compile(rf"\b(?:{_words_re(_CTX['idioms'])})\b", re.I)
# "yaitu: pertama, ...": an ordinal or number word after these is a list position
_RE_LIST_INTRODUCER = re.compile(rf"\b(?:{alternation(_CTX['list_introducers'])})\s*:?\s*$", re.I)
# words after which "ke <angka>" is an ordinal ("yang ke lima", "peringkat ke 3"), not "to <n>"
_RE_ORDINAL_KE_CUE = re.compile(rf"\b(?:{alternation([*_CTX['ordinal_ke_cues'], *_RANK_CUES])})\s+[Kk]e\s$", re.I)
_RE_CLOCK_LIKE_UNIT = re.compile(rf"\s*(?:{alternation(_CTX['clock_like_units'])})\b", re.I)
# a count word right after a figure makes it a quantity, not a year or a name ("2000 kiai",
# "Yonif 611" but "DPR 575 kursi"); the words are the count units of indicator_units.toml
_COUNT_WORDS = [
    w
    for u, d in _UNIT_LEXICON["units"].items()
    if u in ("case", "person", "candidate", "vote", "seat", "count")
    for w in d["words"]
]
_RE_AFTER_COUNT = re.compile(rf"\s+(?:{alternation(_COUNT_WORDS)})(?![\w-])", re.I)
_RE_AFTER_QUANTITY = re.compile(
    rf"\s*(?:{_PERCENT_SIGNS})|\s*(?:{_PERCENT_NAMES})\b|\s+(?:{alternation(_COUNT_WORDS)})(?![\w-])", re.I
)


def _cue_set(key: str) -> frozenset[str]:
    return frozenset(w.lower().rstrip(".") for w in _CTX[key])


_LAW_CUES = _cue_set("law_cues")
_BALLOT_CUES = _cue_set("ballot_cues")
_NOMOR = _cue_set("number_words")
_NOT_YEAR_AFTER = _NOMOR | _cue_set("not_year_after")
_LAW_WORD_AFTER = _NOMOR | _cue_set("law_word_after")
_YEAR_CUES = _cue_set("year_cues")
_DATE_CUES = _cue_set("date_cues") | frozenset(w.lower().rstrip(".") for w in _MONTH_WORDS)
_TIME_CUES = _cue_set("time_cues")
_CODE_CUES = _cue_set("code_cues")
_LIST_OPENERS = _cue_set("list_openers")
_CHAIN_SEPS = frozenset(_CTX["chain_separators"])
_RE_CHAIN_ITEM = re.compile(r"\(?\d+[a-zA-Z]?\)?[,)]*")
_SENT_END_CHARS = frozenset('.!?:;"“”‘(-–—')


def _tail(before: str) -> list[str]:
    """The last words before a figure: "... UU Nomor " -> [..., "UU", "Nomor"]."""
    toks = before[-48:].split()
    while toks and toks[-1] in ("(", "[", "“", '"'):
        toks.pop()
    return toks


def _cue(tok: str) -> str:
    return tok.lower().strip(".:()[]“”\"‘’'")


def _strip_chain(toks: list[str]) -> list[str]:
    """Drop a preceding run of sibling figures: "Pasal 71 ayat 3, 5, dan" -> "Pasal 71 ayat"."""
    i = len(toks)
    figures = 0
    while i > 0:
        t = toks[i - 1]
        low = t.lower().rstrip(",")
        if low in _CHAIN_SEPS or t == ",":
            i -= 1
        elif _RE_CHAIN_ITEM.fullmatch(t) or low in _WORD_TOKENS:
            figures += 1
            i -= 1
        else:
            break
    return toks[:i] if figures else toks


def _last_is(toks: list[str], cues: frozenset[str]) -> bool:
    if not toks:
        return False
    if _cue(toks[-1]) in cues:
        return True
    return len(toks) >= 2 and f"{_cue(toks[-2])} {_cue(toks[-1])}" in cues


def _is_ballot(toks: list[str]) -> bool:
    """ "nomor urut 2", "paslon 01", "capres nomor 1", "(nomor urut) 1, 2, atau 3"."""
    toks = _strip_chain(toks)
    if not toks:
        return False
    if _last_is(toks, _BALLOT_CUES):
        return True
    return _cue(toks[-1]) in _NOMOR and len(toks) >= 2 and _last_is(toks[:-1], _BALLOT_CUES)


def _is_law(toks: list[str]) -> bool:
    toks = _strip_chain(toks)
    return bool(toks) and _cue(toks[-1]) in _LAW_CUES


def _is_name_before(before: str, toks: list[str]) -> bool:
    """A capitalized word right before the figure that does not start a sentence ("Yonif 611")."""
    if len(toks) < 2 or not before.endswith(" ") or before.endswith("  "):
        return False
    w, prev = toks[-1], toks[-2]
    return w[:1].isupper() and w[:1].isalpha() and w[-1:].isalnum() and prev[-1:] not in _SENT_END_CHARS


def _ctx_before(text: str, start: int, width: int = 60) -> str:
    return text[max(0, start - width) : start]


def _is_year(num: str, toks: list[str], after: str) -> bool:
    """A four-digit figure in 1900..2100, not after a no-year cue, not counting things unless a year cue precedes."""
    if not (len(num) == 4 and num.isdigit() and 1900 <= int(num) <= 2100):
        return False
    if toks and _cue(toks[-1]) in _NOT_YEAR_AFTER:
        return False
    return not _RE_AFTER_COUNT.match(after) or _last_is(toks, _YEAR_CUES)


def _is_day_of_month(num: str, toks: list[str], after: str) -> bool:
    """A figure 1..31 followed by a month or preceded by a date cue."""
    if not (num.isdigit() and len(num) <= 2 and 1 <= int(num) <= 31):
        return False
    return bool(_RE_AFTER_DATE.match(after) or _last_is(toks, _DATE_CUES))


def _classify_digits(text: str, start: int, end: int, num: str) -> str:
    before = _ctx_before(text, start)
    after = text[end : end + 40]
    toks = _tail(before)
    if _is_year(num, toks, after):
        return "year"
    clock = _RE_CLOCK.fullmatch(num)
    if clock and int(clock.group(1)) <= 24 and int(clock.group(2)) < 60:
        if ":" in num or _last_is(toks, _TIME_CUES) or _RE_AFTER_TIME.match(after):
            return "time"
        if not _RE_CLOCK_LIKE_UNIT.match(after):
            return "time"  # "keluar 10.30": two digits after a dot is never Indonesian grouping
    if num.isdigit() and len(num) <= 2 and int(num) <= 24 and toks and _cue(toks[-1]) in ("pukul", "pkl"):
        return "time"  # "pukul 10 pagi"
    if _is_ballot(toks):
        return "ballot"
    if _is_law(toks):
        return "law_ref"
    if _is_day_of_month(num, toks, after):
        return "date_part"
    if len(num) >= 2 and num[0] == "0" and num.isdigit():
        return "code"  # "Kodim 0726", "paslon 01": leading zeros are identifiers
    if num.isdigit() and len(num) >= 9:
        return "code"  # NIK, account and phone numbers without separators
    if _last_is(toks, _CODE_CUES) or (before[-1:] == "-" and before[-2:-1].isalpha()):
        return "code"  # "RT 05", "COVID-19", "H-7"
    if num.isdigit() and len(num) <= 4 and _is_name_before(before, toks) and not _RE_AFTER_QUANTITY.match(after):
        return "code"  # "Yonif 611", "Dapil Jabar 8"
    if num.isdigit() and len(num) <= 2 and not _RE_RANK_CUE.search(before):
        if _RE_LINE_START.search(before) and _RE_AFTER_LIST_MARK.match(after):
            return "list_ordinal"  # "1. ..." / "2) ..." at the start of a line
        if _RE_AFTER_ITEM.match(after):
            return "list_ordinal"  # inline numbered lists: "masyarakat.5. Mengganggu", "1. Golkar 2. PDIP"
        if _RE_PAREN_ITEM.search(before) and after.startswith(")"):
            return "list_ordinal"  # "(2) Pelapor ..."
    return "number"


def _is_list_position(text: str, start: int, end: int) -> bool:
    """`Ketiga, kepada ...`, `“Yang kedua, jalin ...`, `Empat, Kepada ...`."""
    before = _ctx_before(text, start, 30)
    after = text[end : end + 3]
    if _RE_AFTER_COMMA.match(after) and (_RE_SENT_START.search(before) or _last_is(_tail(before), _LIST_OPENERS)):
        return True
    return bool(_RE_LIST_INTRODUCER.search(before))


def _word_runs(s: str, base: int) -> list[tuple[int, int, float]]:
    """Split a run of number words into well-formed numerals: (start, end, value)."""
    toks = [(m.start() + base, m.end() + base, m.group()) for m in re.finditer(r"\S+", s)]
    out = []
    i = 0
    while i < len(toks):
        best = None
        for j in range(len(toks), i, -1):  # longest well-formed prefix
            v = _parse_word_tokens([t[2] for t in toks[i:j]])
            if v is not None:
                best = (j, v)
                break
        if best is None:
            i += 1
            continue
        j, v = best
        out.append((toks[i][0], toks[j - 1][1], v))
        i = j
    return out


def find_numbers(text: str) -> list[NumberMention]:
    """Every figure in `text`, with offsets, value and kind. Never raises.

    >>> [(m.text, m.value, m.kind) for m in find_numbers("Pilkada 2024 diikuti 50 peserta selama lima hari")]
    [('2024', 2024.0, 'year'), ('50', 50.0, 'number'), ('lima', 5.0, 'word')]
    """
    return scan_numbers(text)


def scan_numbers(text: str, worth: Callable[[str, int, int], bool] | None = None) -> list[NumberMention]:
    """`find_numbers`, optionally classifying only figures for which `worth(text, start, end)`
    holds (a cheap look at the words around the raw match); the rest are left out.
    Callers that need only some figures (indicators: those followed by a unit) save the cost
    of classifying the others."""
    if not isinstance(text, str) or not text:
        return []
    out: list[NumberMention] = []
    matches = list(_RE_DIGIT_FIGURES.finditer(text))
    words = list(_RE_WORD_FIGURES.finditer(text))
    if words:
        matches = sorted(matches + words, key=lambda m: m.start())
    last_end = -1
    for m in matches:
        if m.start() < last_end:
            continue
        last_end = m.end()
        if worth is not None and not worth(text, m.start(), m.end()):
            continue
        out.extend(_mentions_for(text, m))
    return out


def _mentions_for(text: str, match: re.Match) -> list[NumberMention]:
    """The number mentions one match of the scanner stands for, by the alternative that matched."""
    kind = match.lastgroup
    if kind == "phone":
        return [_phone_mention(match)]
    if kind == "slash":
        return [_slash_mention(text, match)]
    if kind in ("ordd", "ordw"):
        return _ordinal_word_mentions(text, match)
    if kind == "dig":
        return _digit_mentions(text, match)
    if kind == "word":
        return [
            _word_run_mention(text, start, end, value) for start, end, value in _word_runs(match.group(), match.start())
        ]
    return []


def _phone_mention(match: re.Match) -> NumberMention:
    """A phone number: its digits as one value."""
    digits = re.sub(r"\D", "", match.group())
    return NumberMention(match.start(), match.end(), match.group(), float(digits), False, "phone")


def _slash_mention(text: str, match: re.Match) -> NumberMention:
    """``3/9``, ``12/2024``: a law reference after ``UU``/``Nomor``..., else a date part; valued by its first part."""
    first = match.group().split("/")[0]
    kind = "law_ref" if _is_law(_tail(_ctx_before(text, match.start()))) else "date_part"
    return NumberMention(match.start(), match.end(), match.group(), float(first), False, kind)


def _ordinal_word_mentions(text: str, match: re.Match) -> list[NumberMention]:
    """``ke-3``, ``kedua``: an ordinal, or a list position when it opens a list item."""
    value = parse_indonesian_number(match.group())
    if value is None:
        return []
    start, end = match.start(), match.end()
    kind = "list_ordinal" if _is_list_position(text, start, end) else "ordinal"
    return [NumberMention(start, end, match.group(), value, True, kind)]


def _ke_ordinal(text: str, start: int, end: int, value: float) -> NumberMention | None:
    """``urutan ke 3``: a number after a detached ``ke`` with an ordinal cue is an ordinal that includes the ``ke``."""
    if not (
        _RE_KE_BEFORE.search(text, max(0, start - 3), start) and _RE_ORDINAL_KE_CUE.search(_ctx_before(text, start, 40))
    ):
        return None
    ke_start = start - 3
    kind = "list_ordinal" if _is_list_position(text, ke_start, end) else "ordinal"
    return NumberMention(ke_start, end, text[ke_start:end], value, True, kind)


def _digit_mentions(text: str, match: re.Match) -> list[NumberMention]:
    """A figure in digits, with its ``Rp`` and scale word (``Rp 2,5 miliar``) applied to the value."""
    num = match.group("num")
    value = _parse_digits(num)
    if value is None:
        return []
    start, end = match.start(), match.end()
    rupiah = match.group("rp") is not None
    scale = match.group("scale")
    if scale and scale in _ABBR_RP_ONLY and not rupiah:
        end = match.end("num")  # "2 M" without Rp: may be metres, keep the bare figure
        scale = None
    if scale:
        value *= _ABBR.get(scale if scale in _ABBR else scale.lower(), 1)
    ordinal = _ke_ordinal(text, start, end, value)
    if ordinal is not None:
        return [ordinal]
    kind = "number" if rupiah else _classify_digits(text, start, end, num)
    if (
        kind == "number"
        and _RE_OPEN_PAREN_AFTER_WORD.search(_ctx_before(text, start, 40))
        and _RE_CLOSE_PAREN.match(text, end)
    ):
        kind = "restatement"  # "lima (5) hari": the figure repeats the word
    return [NumberMention(start, end, text[start:end], value, False, kind)]


def _word_run_mention(text: str, start: int, end: int, value: float) -> NumberMention:
    """One run of number words (``dua ratus``) with the kind its surroundings give it."""
    ordinal = _ke_ordinal(text, start, end, value)
    if ordinal is not None:
        return ordinal
    return NumberMention(start, end, text[start:end], value, False, _word_run_kind(text, start, end))


def _word_run_kind(text: str, start: int, end: int) -> str:
    """Ballot number, law reference, idiom, restatement, list position, name part (``code``) or a plain ``word``."""
    raw = text[start:end]
    before = _ctx_before(text, start)
    tokens = _tail(before)
    if _is_ballot(tokens):
        return "ballot"  # "nomor urut dua"
    if tokens and _cue(tokens[-1]) in _LAW_WORD_AFTER:
        return "law_ref"
    if any(
        idiom.start() <= start and idiom.end() >= end
        for idiom in _RE_IDIOMS.finditer(text, max(0, start - 6), end + 12)
    ):
        return "idiom"  # "salah satu", "satu per satu"
    if _RE_OPEN_PAREN_AFTER_NUM.search(before) and _RE_CLOSE_PAREN.match(text, end):
        return "restatement"  # "14 (empat belas) hari"
    if _is_list_position(text, start, end):
        return "list_ordinal"
    if (
        raw[:1].isupper()
        and before
        and not _RE_SENT_START.search(before[-4:])
        and not _RE_AFTER_QUANTITY.match(text, end, end + 40)
    ):
        return "code"  # "Partai Tiga", "Lima Puluh Kota": a name, not a count
    return "word"
