"""Dates in Indonesian news text: ``Selasa (3/9)``, ``27 hingga 31 Oktober 2024``, ``belum lama ini``.

Indonesian news writes dates day-first (``3/9`` is 3 September), usually after a weekday
(``Sabtu (9/11/2024)``) and often without a year, which then comes from the article
(its publication date, or the election year it is about, see :func:`infer_reference_year`).
Month, weekday, range and vague words live in ``pantau/lexicon/calendar.toml``.

Every mention keeps its character offsets so an analyst can click back to the sentence.
Nothing here raises on bad input: impossible dates are dropped, not guessed.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from pantau import lexicon
from pantau.pipeline.patterns import alternation, trie_alternation

__all__ = ["DateMention", "find_dates", "infer_reference_year", "parse_publish_date", "CALENDAR"]

CALENDAR: dict = lexicon.read_toml("calendar.toml")

_MONTHS: dict[str, int] = lexicon.months()
_MONTH_ABBR: dict[str, int] = lexicon.month_abbreviations()
_MONTHS_EN: dict[str, int] = CALENDAR["months_english"]
_WEEKDAYS: dict[str, int] = lexicon.weekdays()
_WD_RULES: dict = CALENDAR["weekday_rules"]
_CUES: dict = CALENDAR["cues"]
_VAGUE: dict[str, dict] = CALENDAR["vague"]
_RELATIVE: dict = CALENDAR["relative"]


@dataclass(frozen=True)
class DateMention:
    """One date expression found in a text, with its offsets and resolved calendar dates.

    ``text == given_text[start:end]``. ``end_date == start_date`` for a single day;
    both are ``None`` when the expression cannot be placed on the calendar
    (``belum lama ini``, a bare weekday without a reference date).
    """

    start: int
    end: int
    text: str
    start_date: _dt.date | None
    end_date: _dt.date | None
    precision: str  # "day" | "month" | "year" | "unknown"
    weekday: int | None  # weekday named in the text, 0 = Senin (Monday) ... 6 = Minggu (Sunday)
    weekday_mismatch: bool  # the named weekday does not fall on start_date
    year_inferred: bool  # the year was not printed and came from the reference


# --- regex building blocks (compiled once at import) -------------------------------------

_FLAGS = re.ASCII | re.IGNORECASE  # ASCII: exotic Unicode digits and case folds never match
_SP = r"[ \t\xa0\u2009\u202f]"  # spaces within a line, including no-break and thin spaces
_APOS = "['\u2019\u2018`\u00b4\"]"  # Jum'at, Jum’at, and the scraped Jum "at


def _trie(words) -> str:
    """Regex alternation of literal calendar words as a prefix trie (several times faster in ``re``
    than a flat list), longest match first, a space matching any run of spaces and an apostrophe
    any apostrophe-like mark (``Jum'at``, ``Jum’at``)."""
    return (
        "(?:"
        + trie_alternation((w.lower() for w in words), space=_SP + "+", apostrophe=_SP + "?" + _APOS + _SP + "?")
        + ")"
    )


_WD = _trie(_WEEKDAYS)
_MONTH_FULL = _trie(_MONTHS)
_MONTH_ABBR_RE = "(?-i:" + alternation(alt for a in _MONTH_ABBR for alt in (a.capitalize(), a.upper())) + r")\.?"
_MONTH = rf"(?:{_MONTH_FULL})(?![A-Za-z])|(?:{_MONTH_ABBR_RE})(?![A-Za-z])"
_RANGE = rf"(?:{_trie(CALENDAR['range_words']['words'])})"
_DAYPART = _trie(_WD_RULES["day_parts"])
# digit first, then the look-behind: ``re`` scans far faster when a pattern opens with a class
_DAY = r"[0-9](?<![0-9.,:/][0-9])(?<!\b[A-Za-z]-[0-9])[0-9]?(?![0-9])"  # not "H-7 Oktober"
_YEAR4 = r"(?:19|20)[0-9]{2}(?![0-9]|[.,][0-9])"
_NUM_YEAR = r"(?:(?:19|20)[0-9]{2}|[0-9]{2})(?![0-9])"
_NUM_MONTH = r"(?:1[0-2]|0?[1-9])(?![0-9])"  # 1..12 only, so "(4/2 / 18)" reads as 4 Feb 2018
_S = rf"{_SP}*"

# "27 Oktober 2024", "4 Maret", "1 Jul 2023"; the weekday before it is read by _WD_PREFIX.
_TEXT_DAY = re.compile(
    rf"(?P<d1>{_DAY})(?:{_S}(?:{_RANGE}){_S}(?P<d2>{_DAY}))?{_S}(?P<m>{_MONTH})(?:{_S},?{_S}(?P<y>{_YEAR4}))?",
    _FLAGS,
)
# "(3/9)", "(9/11/2024)", "(Rabu, 12/4)", "(2-3/12)", "(27/10-1/11/2024)"
_NUM_PAREN = re.compile(
    rf"\({_S}(?:(?P<wdi>{_WD}){_S},?{_S})?"
    rf"(?P<d1>[0-9]{{1,2}})(?:{_S}/{_S}(?P<m1>{_NUM_MONTH})(?:{_S}/{_S}(?P<y1>{_NUM_YEAR}))?)?"
    rf"(?:{_S}(?:{_RANGE}){_S}(?P<d2>[0-9]{{1,2}}))?"
    rf"{_S}/{_S}(?P<m>{_NUM_MONTH})(?:{_S}/{_S}(?P<y>{_NUM_YEAR}))?{_S}\)",
    _FLAGS,
)
# "9/11/2024", "09-11-2024" (a bare d/m needs a weekday before it: "Senin, 4/3")
_NUM_BARE = re.compile(
    rf"(?P<d1>[0-9](?<![0-9A-Za-z/.,-][0-9])[0-9]?)(?P<sep>[/-])(?P<m>[0-9]{{1,2}})"
    rf"(?:(?P=sep)(?P<y>{_NUM_YEAR}))?(?![0-9/]|[.,-][0-9])",
    _FLAGS,
)
_ISO_IN_TEXT = re.compile(r"(?P<y>(?:19|20)(?<![0-9A-Za-z/.-]..)[0-9]{2})-(?P<m>[0-9]{2})-(?P<d1>[0-9]{2})(?![0-9])")
# "Oktober 2024", "bulan Oktober 2024", "Januari-Maret 2024"
_MONTH_YEAR = re.compile(
    rf"(?<![A-Za-z])(?:(?P<bulan>bulan){_SP}+)?(?P<m1>{_MONTH_FULL})(?![A-Za-z])"
    rf"(?:{_S}(?:{_RANGE}){_S}(?P<m2>{_MONTH_FULL})(?![A-Za-z]))?{_S},?{_S}(?P<y>{_YEAR4})",
    _FLAGS,
)
# "pada Oktober lalu", "sejak bulan Maret", "selama Januari-Mei", "pada Mei tahun depan":
# a bare month needs a cue word before it
_BARE_MONTH = re.compile(
    rf"(?<![A-Za-z])(?:{_trie(_CUES['bare_month_preceded_by'])}){_SP}+(?P<span>(?:bulan{_SP}+)?(?P<m>{_MONTH_FULL})(?![A-Za-z])"
    rf"(?:{_S}(?:{_RANGE}){_S}(?P<m2>{_MONTH_FULL})(?![A-Za-z]))?"
    rf"(?:{_SP}+tahun{_SP}+(?P<rel>{_trie(_CUES['year_relative'])})(?![A-Za-z]))?)",
    _FLAGS,
)
# "pada tahun 2024", "sejak 2019", "tahun 2020 hingga 2024"
_YEAR = re.compile(
    rf"(?<![A-Za-z])(?P<cue>{_trie(_CUES['bare_year_preceded_by'])}){_SP}+(?P<span>(?:tahun{_SP}+)?(?P<y1>{_YEAR4})"
    # not "1990-an" (the 1990s)
    rf"(?:{_S}(?:{_RANGE}){_S}(?P<y2>{_YEAR4}))?)(?![/0-9]|{_SP}*%|{_S}-?{_S}an(?![A-Za-z]))",
    _FLAGS,
)
_WEEKDAY = re.compile(
    rf"(?<![A-Za-z])(?:(?P<hari>hari){_SP}+)?(?P<wd>{_WD})(?![A-Za-z])"
    rf"(?:{_SP}+(?P<dir>{_trie(_WD_RULES['past_words'] + _WD_RULES['future_words'])})(?![A-Za-z]))?",
    _FLAGS,
)
_VAGUE_RE = re.compile(rf"(?<![A-Za-z-])(?:{_trie(_VAGUE)})(?![A-Za-z-])", _FLAGS)
_RELATIVE_TAIL = rf"{_SP}+(?:{_trie(_RELATIVE['past_words'])})(?![A-Za-z])"
# "dua hari lalu", "setahun lalu", "3 bulan yang lalu"
_RELATIVE_RE = re.compile(
    rf"(?<![A-Za-z0-9])(?:(?P<n>{_trie(list(_RELATIVE['number_words']) + ['beberapa'])})"
    rf"{_SP}+(?P<u>{_trie(_RELATIVE['units'])})"
    rf"|se(?P<su>{_trie(_RELATIVE['units'])})){_RELATIVE_TAIL}",
    _FLAGS,
)
_RELATIVE_NUM = re.compile(
    rf"(?P<n>[0-9](?<![0-9A-Za-z.,][0-9])[0-9]?){_SP}+(?P<u>{_trie(_RELATIVE['units'])}){_RELATIVE_TAIL}", _FLAGS
)
# The weekday (and part of day) printed just before a date: "Selasa malam (", "Senin, 4".
_WD_PREFIX = re.compile(
    rf"(?<![A-Za-z])(?:hari{_SP}+)?(?P<wd>{_WD})(?:{_S}(?:{_RANGE}){_S}(?P<wd2>{_WD}))?(?:{_SP}+(?:{_DAYPART}))?"
    rf"{_S},?{_S}(?:(?:tanggal|tgl\.?){_S})?(?P<open>\()?{_S}$",
    _FLAGS,
)
_RANGE_GAP = re.compile(rf"{_S}(?:{_RANGE}){_S}", _FLAGS)
# What stands before a year that makes it part of a name: "UU Nomor 7 Tahun ", "Pemilu tahun ".
_LAW_WORDS_GLUED = _trie(w for w in _CUES["law_number_words"] if len(w) > 3)  # may follow a letter: "PerdaNomor"
_LAW_WORDS_SHORT = _trie(w for w in _CUES["law_number_words"] if len(w) <= 3)  # only after a non-letter
_LAW_BEFORE = re.compile(
    # "Nomor 300.2.2-2138 Tahun 2025", "PerdaNomor 3 Tahun 2013" (words glued in scraping)
    rf"(?:(?:{_LAW_WORDS_GLUED}|(?<![A-Za-z])(?:{_LAW_WORDS_SHORT}))"
    # "Nomor KM 241 Tahun 2022"
    rf"{_S}\.?{_S}:?{_S}(?:[A-Za-z]{{1,5}}\.?{_S})?[0-9][0-9./-]*[A-Za-z]?{_S}(?:tahun{_S})?"
    rf"|(?:{_trie(_CUES['law_names'])})(?:{_S}\([A-Za-z]+\))?{_SP}+tahun{_S})$",
    _FLAGS,
)
_ELECTION_BEFORE = re.compile(
    rf"(?<![A-Za-z])(?:{_trie(_CUES['election_words'])})(?:{_SP}+(?:serentak|nasional|tahun))*{_SP}+$", _FLAGS
)
# "1 (5/6) X (5/2)", "dua pertiga (2/3)": a bracketed d/m after a number, a lone letter or a
# fraction word is odds or a fraction
_FRACTION_BEFORE = re.compile(rf"(?:[0-9]|\b[A-Za-z]|{_trie(_CUES['fraction_words'])}){_S}$", _FLAGS)
_CLOSE_PAREN = re.compile(rf"{_S}\)")
_MINGGU_AFTER = re.compile(rf"{_SP}*(?:{_trie(_WD_RULES['minggu_not_followed_by'])})(?![A-Za-z])", _FLAGS)
_MINGGU_BEFORE = re.compile(rf"(?<![A-Za-z])(?:{_trie(_WD_RULES['minggu_not_preceded_by'])}){_SP}*-?$", _FLAGS)
_WD_NOT_AFTER = re.compile(
    rf"(?<![A-Za-z])(?:{_trie(_WD_RULES['not_preceded_by'] + _WD_RULES['recurring_words'])}){_SP}+$", _FLAGS
)
_RECURRING_BEFORE = re.compile(rf"(?<![A-Za-z])(?:{_trie(_WD_RULES['recurring_words'])}){_SP}+$", _FLAGS)

# Word-first patterns are not scanned one by one (each scan of a text costs as much as all
# digit-first ones together): one trie scan finds the words they can start with, then each
# pattern is tried only there.
_STARTS: dict = {
    _MONTH_YEAR: ["bulan", *_MONTHS],
    _BARE_MONTH: _CUES["bare_month_preceded_by"],
    _YEAR: _CUES["bare_year_preceded_by"],
    _WEEKDAY: ["hari", *(w.split("'")[0] for w in _WEEKDAYS)],  # "jum" starts Jum'at
    _VAGUE_RE: [re.split(r"[ -]", k)[0] for k in _VAGUE],
    _RELATIVE_RE: [*_RELATIVE["number_words"], "beberapa", *("se" + u for u in _RELATIVE["units"])],
}
_TRIGGERS: dict[str, list] = {}
for _pattern, _words in _STARTS.items():
    for _w in _words:
        if _pattern not in _TRIGGERS.setdefault(_w.lower(), []):
            _TRIGGERS[_w.lower()].append(_pattern)
_TRIGGER = re.compile(rf"(?<![A-Za-z]){_trie(_TRIGGERS)}(?![A-Za-z])", _FLAGS)


def _word_pattern_matches(text: str) -> dict:
    hits: dict = {p: [] for p in _STARTS}
    for t in _TRIGGER.finditer(text):
        for pattern in _TRIGGERS.get(t.group(0).lower(), ()):
            m = pattern.match(text, t.start())
            if m is not None:
                hits[pattern].append(m)
    return hits


_NUMBER_BEFORE = re.compile(
    rf"(?:[0-9]|(?<![A-Za-z])(?:{_trie([*_RELATIVE['number_words'], *_RELATIVE['length_words']])})){_SP}+$", _FLAGS
)
# What may stand between a date and a redundant "kemarin"/"besok": "Rabu (11/10) pagi kemarin".
_DATE_ECHO_GAP = re.compile(rf"{_S},?{_S}(?:(?:{_DAYPART}){_S})?,?{_S}", _FLAGS)

_PAST_DIR = {w.casefold() for w in _WD_RULES["past_words"]}


def _weekday_number(word: str | None) -> int | None:
    if not word:
        return None
    return _WEEKDAYS.get(re.sub(r"[^a-z]", "", word.lower()))


def _month_number(word: str) -> int | None:
    key = word.lower().rstrip(".")
    return _MONTHS.get(key) or _MONTH_ABBR.get(key)


def _year_number(digits: str | None) -> int | None:
    if not digits:
        return None
    y = int(digits)
    return y + 2000 if len(digits) == 2 else y


# --- candidates: what the text says, before the reference date is applied --------------


@dataclass
class _Cand:
    start: int
    end: int
    kind: str  # "date" | "weekday" | "weekday_range" | "vague" | "invalid" (blocks overlaps, then dropped)
    precision: str = "unknown"
    # start and end of the expression as printed: (year or None, month or None, day or None)
    s: tuple = (None, None, None)
    e: tuple = (None, None, None)
    wd: int | None = None
    wd_end: int | None = None
    direction: str = ""  # bare weekday: "" (on or before ref), "past" (before), "future" (after)
    offset: dict | None = None  # vague: {"days": -1} etc.
    year_offset: int | None = None  # "Mei tahun depan": the year is the reference year + this


def _valid(y: int | None, m: int, d: int) -> bool:
    try:
        _dt.date(y or 2000, m, d)  # 2000 is a leap year: 29/2 without a year stays possible
        return True
    except (ValueError, TypeError, OverflowError):
        return False


def _day_cand(start, end, y1, m1, d1, y2, m2, d2, wd, wd_end) -> _Cand:
    if not (m1 and m2 and _valid(y1, m1, d1) and _valid(y2, m2, d2)):
        return _Cand(start, end, "invalid")
    return _Cand(start, end, "date", "day", (y1, m1, d1), (y2, m2, d2), wd, wd_end)


def _with_weekday_prefix(text: str, start: int, allow_open: bool):
    """Extend a date back over a weekday printed before it: ``Selasa malam (3/9)``."""
    window = text[max(0, start - 80) : start]
    m = _WD_PREFIX.search(window)
    if not m or (m.group("open") and not allow_open):
        return start, None, None, False
    first, second = _weekday_number(m.group("wd")), _weekday_number(m.group("wd2"))
    return start - len(window) + m.start(), first, second, bool(m.group("open"))


def _candidates(text: str) -> list[_Cand]:
    """Every date-like span of `text`, overlapping, in the order of the kinds below (`_select` picks)."""
    hits = _word_pattern_matches(text)
    return [
        *_text_day_cands(text),
        *_numeric_paren_cands(text),
        *_numeric_bare_cands(text),
        *_iso_cands(text),
        *_month_year_cands(hits[_MONTH_YEAR]),
        *_bare_month_cands(text, hits[_BARE_MONTH]),
        *_year_cands(text, hits[_YEAR]),
        *_weekday_cands(text, hits[_WEEKDAY]),
        *_vague_cands(text, hits[_VAGUE_RE]),
        *_relative_cands([*hits[_RELATIVE_RE], *_RELATIVE_NUM.finditer(text)]),
    ]


def _text_day_cands(text: str) -> Iterator[_Cand]:
    """Day dates with the month in words: "13 Juni 2024", "Rabu (3-4 Juni)"; not "setiap 13 Juni"."""
    for match in _TEXT_DAY.finditer(text):
        month = _month_number(match.group("m"))
        year = _year_number(match.group("y"))
        d2 = int(match.group("d2") or match.group("d1"))
        start, wd, wd2, opened = _with_weekday_prefix(text, match.start(), allow_open=True)
        end = match.end()
        if opened:
            close = _CLOSE_PAREN.match(text, end)
            if close is None:
                start, wd, wd2 = match.start(), None, None
            else:
                end = close.end()
        if year is None and wd is None and _RECURRING_BEFORE.search(text, max(0, start - 12), start):
            continue  # "setiap 13 Juni": every year, not one date
        yield _day_cand(start, end, year, month, int(match.group("d1")), year, month, d2, wd, wd2)


def _numeric_paren_cands(text: str) -> Iterator[_Cand]:
    """Numeric dates in brackets: "Selasa (3/9)", "(2-3/12)", "(27/10-1/11/2024)"; not odds or fractions."""
    for match in _NUM_PAREN.finditer(text):
        month = int(match.group("m"))
        year = _year_number(match.group("y"))
        wd = _weekday_number(match.group("wdi"))
        start, pwd, pwd2, _ = _with_weekday_prefix(text, match.start(), allow_open=False)
        wd2 = None
        if pwd is not None:
            wd, wd2 = pwd, pwd2
        elif wd is None and _FRACTION_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            continue  # "1 (5/6) X (5/2)": odds and fractions, not dates
        if match.group("d2"):  # a range: "(2-3/12)" or "(27/10-1/11/2024)"
            m1 = int(match.group("m1")) if match.group("m1") else month
            y1 = _year_number(match.group("y1"))
            day1, day2 = int(match.group("d1")), int(match.group("d2"))
            yield _day_cand(start, match.end(), y1, m1, day1, year, month, day2, wd, wd2)
        elif match.group("m1"):
            continue  # "(1/2/3/4)" shapes: not a date
        else:
            day = int(match.group("d1"))
            yield _day_cand(start, match.end(), year, month, day, year, month, day, wd, wd2)


def _numeric_bare_cands(text: str) -> Iterator[_Cand]:
    """Numeric dates without brackets: "10/6/2025", or a bare "3/4" only after a weekday; not law numbers."""
    for match in _NUM_BARE.finditer(text):
        # allow_open: "Selasa (10/6/2025." with the bracket never closed still names one day
        start, wd, wd2, _ = _with_weekday_prefix(text, match.start(), allow_open=True)
        if match.group("y") is None or len(match.group("y")) == 2:
            if wd is None:
                continue  # "3/4 suara", "10-11": a bare d/m is a date only after a weekday
        elif _LAW_BEFORE.search(text, max(0, match.start() - 20), match.start()):
            continue
        year = _year_number(match.group("y"))
        day, month = int(match.group("d1")), int(match.group("m"))
        yield _day_cand(start, match.end(), year, month, day, year, month, day, wd, wd2)


def _iso_cands(text: str) -> Iterator[_Cand]:
    """ISO dates written in the text: "2024-11-27"."""
    for match in _ISO_IN_TEXT.finditer(text):
        year, month, day = int(match.group("y")), int(match.group("m")), int(match.group("d1"))
        yield _day_cand(match.start(), match.end(), year, month, day, year, month, day, None, None)


def _month_year_cands(matches) -> Iterator[_Cand]:
    """Months with a year: "Juni 2024", "Januari-Maret 2025" (invalid when the range runs backwards)."""
    for match in matches:
        year = int(match.group("y"))
        m1 = _month_number(match.group("m1"))
        m2 = _month_number(match.group("m2")) if match.group("m2") else m1
        if m1 and m2 and m1 <= m2:
            yield _Cand(match.start(), match.end(), "date", "month", (year, m1, None), (year, m2, None))
        else:
            yield _Cand(match.start(), match.end(), "invalid")


def _bare_month_cands(text: str, matches) -> Iterator[_Cand]:
    """Months after a cue, without a year: "pada April", "bulan Mei tahun depan"."""
    for match in matches:
        if not text[match.start("m")].isupper():
            continue  # "pada april" in lower case is too rare to be worth the names it would hit
        mo = _month_number(match.group("m"))
        mo2 = _month_number(match.group("m2")) if match.group("m2") else mo
        if mo and mo2 and mo <= mo2:
            rel = re.sub(r"\s+", " ", (match.group("rel") or "").lower())
            offset = _CUES["year_relative"].get(rel) if rel else None
            span_start, span_end = match.start("span"), match.end("span")
            yield _Cand(span_start, span_end, "date", "month", (None, mo, None), (None, mo2, None), year_offset=offset)


def _year_cands(text: str, matches) -> Iterator[_Cand]:
    """Years after a cue: "tahun 2024", "pada 2023-2024"; not law or election names."""
    for match in matches:
        before = text[max(0, match.start("y1") - 50) : match.start("y1")]
        if _LAW_BEFORE.search(before) or _ELECTION_BEFORE.search(before):
            continue  # "UU Nomor 7 Tahun 2017", "Pemilu tahun 2024": names, not dates
        y1 = int(match.group("y1"))
        y2 = int(match.group("y2")) if match.group("y2") else y1
        start = match.start("cue") if match.group("cue").lower() == "tahun" else match.start("span")
        end = match.end("span") if y1 <= y2 else match.end("y1")  # "2024-2019" runs backwards: first year only
        yield _Cand(start, end, "date", "year", (y1, None, None), (max(y1, y2) if y1 <= y2 else y1, None, None))


def _weekday_cands(text: str, matches) -> Iterator[_Cand]:
    """Weekdays alone, with an optional direction ("Jumat lalu"); not "salat Jumat", nor the day name meaning week."""
    for match in matches:
        word = match.group("wd")
        wd = _weekday_number(word)
        if wd is None:
            continue
        before = text[max(0, match.start() - 30) : match.start()]
        if _WD_NOT_AFTER.search(before):
            continue  # "salat Jumat"
        direction_word = (match.group("dir") or "").lower()
        if wd == 6 and word.lower() == _WD_RULES["also_week"] and not match.group("hari"):
            # "Minggu" is also "week": "Minggu lalu", "dua minggu", "minggu depan"
            if not word[0].isupper() or _MINGGU_BEFORE.search(before):
                continue
            if _MINGGU_AFTER.match(text, match.end("wd")):
                continue
        if direction_word:
            direction = "past" if re.sub(r"\s+", " ", direction_word) in _PAST_DIR else "future"
        else:
            direction = ""
        yield _Cand(match.start(), match.end(), "weekday", "unknown", wd=wd, direction=direction)


def _vague_cands(text: str, matches) -> Iterator[_Cand]:
    """Vague times from the lexicon: "kemarin", "tahun ini"; not lengths of time ("dua hari ini")."""
    for match in matches:
        if _NUMBER_BEFORE.search(text, max(0, match.start() - 20), match.start()):
            continue  # "delapan tahun ini", "dua hari ini": a length of time, not a date
        key = re.sub(r"\s+", " ", match.group(0).replace("\xa0", " ").lower())
        yield _Cand(match.start(), match.end(), "vague", offset=dict(_VAGUE.get(key, {})))


def _relative_cands(matches) -> Iterator[_Cand]:
    """Counted times back: "dua hari lalu", "setahun lalu", "3 bulan yang lalu"."""
    for match in matches:
        groups = match.groupdict()
        unit = (groups.get("u") or groups.get("su") or "").lower()
        n_txt = (groups.get("n") or "").lower()
        n = 1 if groups.get("su") else (int(n_txt) if n_txt.isdigit() else _RELATIVE["number_words"].get(n_txt, 0))
        precision = _RELATIVE["units"].get(unit, "unknown")
        offset = {}
        if n and precision != "unknown":
            offset = {{"day": "days", "month": "months", "year": "years"}[precision]: -n}
        yield _Cand(match.start(), match.end(), "vague", offset=offset)


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Leftmost-longest non-overlapping candidates; invalid ones still block what they cover."""
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    chosen: list[_Cand] = []
    last_end = -1
    for c in cands:
        if c.start >= last_end:
            chosen.append(c)
            last_end = c.end
    return chosen


def _order(t: tuple) -> tuple:
    return tuple(v or 0 for v in t)


def _merge_ranges(text: str, cands: list[_Cand]) -> list[_Cand]:
    """Join ``28 November 2023`` + ``hingga`` + ``10 Februari 2024`` into one range."""
    out: list[_Cand] = []
    for c in cands:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == "date" == c.kind
            and prev.precision == c.precision
            and prev.s == prev.e
            and c.s == c.e
            and _RANGE_GAP.fullmatch(text, prev.end, c.start)
        ):
            s = prev.s
            if s[0] is None and c.e[0] is not None:  # "20 Juni hingga 14 Juli 2024": year from the end
                s = (c.e[0] - 1 if _order(s)[1:] > _order(c.e)[1:] else c.e[0],) + s[1:]
            if s[0] is None or c.e[0] is None or _order(s) <= _order(c.e):
                out[-1] = _Cand(prev.start, c.end, "date", prev.precision, s, c.e, prev.wd, c.wd)
                continue
        if prev is not None and prev.kind == "weekday" == c.kind and _RANGE_GAP.fullmatch(text, prev.end, c.start):
            # "Senin-Jumat": a schedule or a span of weekdays; too loose to place on the calendar
            out[-1] = _Cand(prev.start, c.end, "weekday_range", wd=prev.wd)
            continue
        out.append(c)
    return out


# --- resolution against the reference date ------------------------------------------------


def _date_or_none(y, m, d) -> _dt.date | None:
    try:
        return _dt.date(y, m, d)
    except (ValueError, TypeError, OverflowError):
        return None


def _month_end(y: int, m: int) -> _dt.date:
    if m == 12:
        return _dt.date(y, 12, 31)
    return _dt.date(y, m + 1, 1) - _dt.timedelta(days=1)


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _pick_year(cand: _Cand, ref_date, ref_year):
    """Year for a date printed without one: returns (end year, weekday_mismatch) or (None, False)."""
    (_, sm, sd), (_, em, ed) = cand.s, cand.e
    sd, ed = sd or 1, ed or 1
    span_back = 1 if (sm, sd) > (em, ed) else 0  # "28 Desember-2 Januari" crosses a year

    def start_of(y):
        return _date_or_none(y - span_back, sm, sd)

    def fits(y):
        st = start_of(y)
        return st is not None and _date_or_none(y, em, ed) is not None and (cand.wd is None or st.weekday() == cand.wd)

    if ref_date is not None:
        years = [ref_date.year, ref_date.year - 1, ref_date.year + 1]

        def distance(y):  # news mostly looks back: a future date counts double
            days = (start_of(y) - ref_date).days
            return 2 * days if days > 0 else -days

        valid = [y for y in years if start_of(y) is not None and _date_or_none(y, em, ed) is not None]
        good = [y for y in valid if fits(y)]
        if good:
            return min(good, key=distance), False
        if valid:
            return min(valid, key=distance), cand.wd is not None
        return None, False
    if ref_year is not None:
        years = [ref_year, ref_year - 1, ref_year + 1]
        for y in years:
            if fits(y):
                return y, False
        for y in years:
            if start_of(y) is not None and _date_or_none(y, em, ed) is not None:
                return y, cand.wd is not None
    return None, False


def _mention(text: str, cand: _Cand, start_date, end_date, precision, inferred, mismatch=False) -> DateMention:
    """The `DateMention` for `cand`, spanning its printed text, with the dates it resolved to."""
    return DateMention(
        cand.start, cand.end, text[cand.start : cand.end], start_date, end_date, precision, cand.wd, mismatch, inferred
    )


def _resolve_vague(text: str, cand: _Cand, ref_date, ref_year) -> DateMention:
    """``kemarin``, ``bulan lalu``, ``tahun depan``: the offset applied to the reference date or year."""
    offset = cand.offset or {}
    if "days" in offset and ref_date is not None:
        day = ref_date + _dt.timedelta(days=offset["days"])
        return _mention(text, cand, day, day, "day", True)
    if "months" in offset and ref_date is not None:
        year, month = _add_months(ref_date.year, ref_date.month, offset["months"])
        return _mention(text, cand, _dt.date(year, month, 1), _month_end(year, month), "month", True)
    if "years" in offset and (ref_date is not None or ref_year is not None):
        year = (ref_date.year if ref_date is not None else ref_year) + offset["years"]
        if 1 <= year <= 9999:
            return _mention(text, cand, _dt.date(year, 1, 1), _dt.date(year, 12, 31), "year", True)
    return _mention(text, cand, None, None, "unknown", False)


def _resolve_weekday(text: str, cand: _Cand, ref_date) -> DateMention:
    """A bare weekday (``pada Jumat``): the nearest such day on or before, before or after the reference date."""
    if ref_date is None or cand.wd is None:
        return _mention(text, cand, None, None, "unknown", False)
    back = (ref_date.weekday() - cand.wd) % 7
    if cand.direction == "past":
        day = ref_date - _dt.timedelta(days=back or 7)
    elif cand.direction == "future":
        day = ref_date + _dt.timedelta(days=(cand.wd - ref_date.weekday()) % 7 or 7)
    else:
        day = ref_date - _dt.timedelta(days=back)
    return _mention(text, cand, day, day, "day", True)


def _fill_years(cand: _Cand, ref_date, ref_year):
    """Start and end year of a printed date: (start year, end year, inferred, weekday_mismatch), or None."""
    (start_year, start_month, start_day), (end_year, end_month, end_day) = cand.s, cand.e
    crosses_year = (start_month, start_day or 1) > (end_month, end_day or 1)  # "28 Desember-2 Januari"
    inferred = mismatch = False
    if cand.year_offset is not None and end_year is None:  # "Mei tahun depan"
        base = ref_date.year if ref_date is not None else ref_year
        if base is None:
            return None
        start_year = end_year = base + cand.year_offset
        inferred = True
    if start_year is not None and end_year is None:  # "28 November 2023 hingga 10 Februari": the end follows the start
        end_year = start_year + 1 if crosses_year else start_year
    if end_year is None:
        end_year, mismatch = _pick_year(cand, ref_date, ref_year)
        if end_year is None:
            return None
        inferred = True
        start_year = end_year - 1 if crosses_year else end_year
    elif start_year is None:
        start_year = end_year - 1 if crosses_year else end_year
    return start_year, end_year, inferred, mismatch


def _resolve_date(text: str, cand: _Cand, ref_date, ref_year) -> DateMention | None:
    """A printed date or range, its missing years filled in; None when it names no real day."""
    (start_year, start_month, start_day), (end_year, end_month, end_day) = cand.s, cand.e
    if cand.precision == "year":
        return _mention(text, cand, _dt.date(start_year, 1, 1), _dt.date(end_year, 12, 31), "year", False)
    years = _fill_years(cand, ref_date, ref_year)
    if years is None:
        return _mention(text, cand, None, None, "unknown", False)
    start_year, end_year, inferred, mismatch = years
    if cand.precision == "month":
        start_date, end_date = _date_or_none(start_year, start_month, 1), None
        if start_date is not None and 1 <= end_year <= 9999:
            end_date = _month_end(end_year, end_month)
        if start_date is None or end_date is None:
            return None
        return _mention(text, cand, start_date, end_date, "month", inferred)
    start_date = _date_or_none(start_year, start_month, start_day)
    end_date = _date_or_none(end_year, end_month, end_day)
    if start_date is None or end_date is None or start_date > end_date:
        return None  # "31/2/2024", "29 Februari 2023", a range that runs backwards
    if not inferred:
        mismatch = (cand.wd is not None and start_date.weekday() != cand.wd) or (
            cand.wd_end is not None and end_date.weekday() != cand.wd_end
        )
    return _mention(text, cand, start_date, end_date, "day", inferred, mismatch)


def _resolve(text: str, cand: _Cand, ref_date, ref_year) -> DateMention | None:
    """The calendar dates one candidate stands for; None for a candidate that names no real date."""
    if cand.kind == "vague":
        return _resolve_vague(text, cand, ref_date, ref_year)
    if cand.kind == "weekday_range":
        return _mention(text, cand, None, None, "unknown", False)
    if cand.kind == "weekday":
        return _resolve_weekday(text, cand, ref_date)
    if cand.kind == "date":
        return _resolve_date(text, cand, ref_date, ref_year)
    return None


def find_dates(text: str, *, ref_date: _dt.date | None = None, ref_year: int | None = None) -> list[DateMention]:
    """Find date expressions in Indonesian news text, resolved to calendar dates.

    A year that is not printed comes from ``ref_date`` (the publication date; nearest
    fitting year, looking back rather than forward) or else from ``ref_year``; when the
    named weekday does not fit, the year before or after is tried. Bare weekdays
    (``pada Jumat``) resolve against ``ref_date`` only.

    >>> found = find_dates("Rapat digelar Selasa (3/9) di Tenggarong.", ref_year=2024)
    >>> [(m.text, m.start_date.isoformat(), m.weekday) for m in found]
    [('Selasa (3/9)', '2024-09-03', 1)]
    >>> m, = find_dates("Pelatihan dari 27 hingga 31 Oktober 2024 ini.")
    >>> (m.text, str(m.start_date), str(m.end_date), m.precision)
    ('27 hingga 31 Oktober 2024', '2024-10-27', '2024-10-31', 'day')
    >>> [(m.text, m.precision) for m in find_dates("ujar Bambang, belum lama ini.")]
    [('belum lama ini', 'unknown')]
    """
    if not text or not isinstance(text, str):
        return []
    if isinstance(ref_date, _dt.datetime):
        ref_date = ref_date.date()
    if not isinstance(ref_year, int) or isinstance(ref_year, bool) or not 1 <= ref_year <= 9998:
        ref_year = None  # a reference outside the calendar's range is no reference
    if not isinstance(ref_date, _dt.date) or not _dt.date(1, 12, 31) < ref_date < _dt.date(9999, 1, 1):
        ref_date = None
    chosen = _merge_ranges(text, _select(_candidates(text)))
    found = []
    for i, cand in enumerate(chosen):
        if _echoes_a_date(text, chosen, i):
            continue  # "Rabu (11/10) kemarin", "hari ini, Jumat (20/6/2025)": the date already says which day
        mention = _resolve(text, cand, ref_date, ref_year)
        if mention is not None:
            found.append(mention)
    return found


def _echoes_a_date(text: str, chosen: list[_Cand], i: int) -> bool:
    """Whether ``chosen[i]`` is a day word (``kemarin``, ``hari ini``) right beside a date or weekday."""
    cand = chosen[i]
    if cand.kind != "vague" or "days" not in (cand.offset or {}):
        return False
    prev = chosen[i - 1] if i else None
    nxt = chosen[i + 1] if i + 1 < len(chosen) else None
    return bool(
        (prev is not None and prev.kind in ("date", "weekday") and _DATE_ECHO_GAP.fullmatch(text, prev.end, cand.start))
        or (nxt is not None and nxt.kind in ("date", "weekday") and _DATE_ECHO_GAP.fullmatch(text, cand.end, nxt.start))
    )


# --- reference year -------------------------------------------------------------------------

# "Pilkada 2024", "Pemilu Serentak tahun 2024" (group e) or "tahun 2024" (group t)
_NAMED_YEAR = re.compile(
    rf"(?<![A-Za-z])(?:(?P<e>{_trie(_CUES['election_words'])})(?:{_SP}+(?:serentak|nasional|tahun))*|(?P<t>tahun)){_SP}+(?P<y>{_YEAR4})",
    _FLAGS,
)
# A full printed date ("9/11/2024", "9 November 2024") says when the reporting happened.
_FULL_DATE_YEAR = re.compile(
    rf"[0-9](?<![0-9.,][0-9])[0-9]?(?:/[0-9]{{1,2}}/|{_SP}+(?:{_MONTH_FULL}){_SP}+)(?P<y>{_YEAR4})", _FLAGS
)
# Years in "2026-2030", "2024/2025" are plans and periods, not the article's year.
_YEAR_RANGE_AFTER = re.compile(rf"{_S}[-\u2013\u2014\u2500/]{_S}(?:19|20)[0-9]{{2}}")
_YEAR_RANGE_BEFORE = re.compile(rf"(?:19|20)[0-9]{{2}}{_S}[-\u2013\u2014\u2500/]{_S}$")
_ANY_YEAR = re.compile(r"(?P<y>(?:199|20[0-3])(?<![0-9.,]...)[0-9])(?![0-9]|[.,][0-9])")


def infer_reference_year(text: str) -> int | None:
    """The year an article is about, for dates printed without one.

    Years named with an election (``Pilkada 2024``, ``Pemilu 2019``) count first, then
    ``tahun 2024`` and full dates (``9/11/2024``), not law names (``UU Nomor 7 Tahun 2017``)
    nor periods (``tahun 2026-2030``), then any year 1999–2035; the most frequent wins,
    the later one on a tie.

    >>> infer_reference_year("Menjelang Pilkada 2024, Pemkab Kukar mengajak tokoh masyarakat.")
    2024
    >>> infer_reference_year("Tidak ada tahun di sini.") is None
    True
    """
    if not text or not isinstance(text, str):
        return None

    def in_range(m) -> bool:
        return bool(
            _YEAR_RANGE_AFTER.match(text, m.end("y"))
            or _YEAR_RANGE_BEFORE.search(text, max(0, m.start("y") - 12), m.start("y"))
        )

    election: Counter[int] = Counter()
    dated: Counter[int] = Counter()
    for m in _NAMED_YEAR.finditer(text):
        y = int(m.group("y"))
        if not 1999 <= y <= 2035:
            continue
        if m.group("e"):
            election[y] += 1
        elif not _LAW_BEFORE.search(text, max(0, m.start("y") - 50), m.start("y")) and not in_range(m):
            dated[y] += 1  # not "UU Nomor 7 Tahun 2017" (a law's name) nor "tahun 2026-2030" (a plan)
    if not election:
        for m in _FULL_DATE_YEAR.finditer(text):
            y = int(m.group("y"))
            if 1999 <= y <= 2035:
                dated[y] += 1
    for counts in (election, dated):
        if counts:
            return max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]
    counts = Counter(
        int(m.group("y")) for m in _ANY_YEAR.finditer(text) if 1999 <= int(m.group("y")) <= 2035 and not in_range(m)
    )
    if counts:
        return max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]
    return None


# --- publication dates --------------------------------------------------------------------

_PUB_ISO = re.compile(r"^\s*(?P<y>[0-9]{4})[-/.](?P<m>[0-9]{1,2})[-/.](?P<d>[0-9]{1,2})(?![0-9])", re.ASCII)
_PUB_DMY = re.compile(
    r"^\s*(?:[A-Za-z']+,?\s*)?(?P<d>[0-9]{1,2})[-/.](?P<m>[0-9]{1,2})[-/.](?P<y>[0-9]{4})(?![0-9])", re.ASCII
)
_PUB_EN = re.compile(
    rf"(?<![A-Za-z])(?P<mon>{_trie(_MONTHS_EN)})\.?\s+(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>[0-9]{{4}})(?![0-9])"
    rf"|(?<![0-9])(?P<d2>[0-9]{{1,2}})\s+(?P<mon2>{_trie(_MONTHS_EN)})\.?,?\s+(?P<y2>[0-9]{{4}})(?![0-9])",
    re.ASCII | re.IGNORECASE,
)


def parse_publish_date(value: str | None) -> _dt.date | None:
    """Publication date from article metadata; ``None`` for anything it cannot read.

    >>> parse_publish_date("Sabtu, 9 November 2024 10:15 WIB")
    datetime.date(2024, 11, 9)
    >>> parse_publish_date("2024-11-09T10:00:00+08:00")
    datetime.date(2024, 11, 9)
    >>> parse_publish_date("kemarin sore") is None
    True
    """
    try:
        if isinstance(value, _dt.datetime):
            return value.date()
        if isinstance(value, _dt.date):
            return value
        if not isinstance(value, str) or not value.strip():
            return None
        value = value[:200]  # metadata, not an article: a long string is junk
        for pattern in (_PUB_ISO, _PUB_DMY):
            m = pattern.match(value)
            if m:
                return _date_or_none(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        for m in find_dates(value):
            if m.precision == "day" and m.start_date is not None and not m.year_inferred:
                return m.start_date
        m = _PUB_EN.search(value)
        if m:
            mon = (m.group("mon") or m.group("mon2")).lower()
            d = m.group("d") or m.group("d2")
            y = m.group("y") or m.group("y2")
            return _date_or_none(int(y), _MONTHS_EN.get(mon, 0), int(d))
    except (ValueError, TypeError, OverflowError, re.error):
        return None
    return None
