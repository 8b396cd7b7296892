"""The official election calendar as lookups: which stages cover a day, the day of a named election's
stage, and the year of an election an article names without one.

Pure functions over `pantau.lexicon.election_calendar()` (data: `lexicon/election_calendar.toml`,
with the KPU regulation behind each election); the words that name an election without its year
("Pilkada serentak", "Pilpres") are that file's `[words]`, per level.

>>> stage_date("Pilkada Serentak 2024", "voting")
datetime.date(2024, 11, 27)
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from pantau import lexicon

__all__ = ["stages_on", "stage_date", "election_year_for", "elections_named"]

# an election that ended at most this long before an article is still "the" election it means when it
# names one without a year ("evaluasi Pemilu" in December 2019 is about Pemilu 2019, not 2024)
RECENT_DAYS = 180

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@cache
def _level_patterns() -> dict[str, re.Pattern]:
    """Level -> one whole-word, any-case pattern of the words that name an election of that level."""
    words = lexicon.read_toml("election_calendar.toml")["words"]
    return {
        level: re.compile(
            r"\b(?:"
            + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(entries, key=len, reverse=True))
            + r")\b",
            re.IGNORECASE,
        )
        for level, entries in words.items()
    }


@cache
def _elections() -> dict[str, dict]:
    """Election id -> level, voting day, year (of the voting day), span (first start, last end); file order."""
    found: dict[str, dict] = {}
    for s in lexicon.election_calendar():
        e = found.setdefault(s["election"], {"level": s["level"], "voting": None, "start": s["start"], "end": s["end"]})
        e["start"], e["end"] = min(e["start"], s["start"]), max(e["end"], s["end"])
        if s["stage"] == "voting" and e["voting"] is None:
            e["voting"] = s["start"]
    for e in found.values():
        e["year"] = (e["voting"] or e["end"]).year
    return found


def _day(value: date) -> date:
    """A `datetime` as its `date` (the two do not compare), a `date` as is."""
    return date(value.year, value.month, value.day)


def stages_on(day: date) -> list[dict]:
    """The calendar's stage records whose days cover `day`, in file order.

    >>> [(s["election"], s["stage"]) for s in stages_on(date(2024, 2, 12))]
    [('pemilu-2024', 'quiet_period')]
    """
    day = _day(day)
    return [s for s in lexicon.election_calendar() if s["start"] <= day <= s["end"]]


def elections_named(text: str) -> list[str]:
    """Ids of the elections a text names: by the level words it uses ("Pilkada", "Pemilu") and the years
    it prints; a level word alone names every election of that level, a year alone every election of that year.

    >>> elections_named("debat perdana Pilpres 2019")
    ['pemilu-2019']
    >>> elections_named("Pemilu dan Pilkada 2024")
    ['pemilu-2024', 'pilkada-2024']
    """
    levels = {level for level, pattern in _level_patterns().items() if pattern.search(text)}
    years = {int(y) for y in _YEAR.findall(text)}
    if not levels and not years:
        return []
    return [
        eid
        for eid, e in _elections().items()
        if (not levels or e["level"] in levels) and (not years or e["year"] in years)
    ]


def stage_date(election_hint: str, stage: str) -> date | None:
    """First day of `stage` of the one election `election_hint` names (level word and year), or None
    when it names none or several; a repeated stage (debates) gives its first day.

    >>> stage_date("pemilu 2024", "voting")
    datetime.date(2024, 2, 14)
    >>> stage_date("Pemilu 2024", "debate"), stage_date("Pemilu dan Pilkada 2024", "voting")
    (datetime.date(2023, 12, 12), None)
    """
    named = elections_named(election_hint)
    if len(named) != 1:
        return None
    return next(
        (s["start"] for s in lexicon.election_calendar() if s["election"] == named[0] and s["stage"] == stage),
        None,
    )


def election_year_for(text_hint: str, published: date) -> int | None:
    """Year of the election a text means when it names one without a year, seen from its publish date:
    the year it prints if it prints one (of an election); else, among the elections of the level(s) it
    names, the one under way on `published` (nearest voting day if several), else one that ended at most
    `RECENT_DAYS` before, else the next one, else the last one. None when the text names no election.

    >>> election_year_for("Pilkada serentak", date(2024, 10, 1))
    2024
    >>> election_year_for("evaluasi Pemilu", date(2019, 12, 10)), election_year_for("Pemilu", date(2022, 3, 1))
    (2019, 2024)
    """
    years = {int(y) for y in _YEAR.findall(text_hint)}
    named = elections_named(text_hint)
    if not named or len(years) > 1:
        return None
    if years:
        return years.pop()
    day = _day(published)
    elections = [_elections()[eid] for eid in named]
    running = [e for e in elections if e["start"] <= day <= e["end"]]
    if running:
        return min(running, key=lambda e: abs(((e["voting"] or e["end"]) - day).days))["year"]
    past = [e for e in elections if e["end"] < day]
    recent = [e for e in past if (day - e["end"]).days <= RECENT_DAYS]
    coming = [e for e in elections if e["start"] > day]
    if recent:
        return max(recent, key=lambda e: e["end"])["year"]
    if coming:
        return min(coming, key=lambda e: e["start"])["year"]
    return max(past, key=lambda e: e["end"])["year"]
