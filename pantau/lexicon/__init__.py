"""Domain knowledge as data: each file in this folder names its source in its header.

This module is the one way code reads these files: one reader per file kind (`read_toml`,
`read_csv`, `read_words`), each cached, so every file is parsed once per process and two calls
return the same object (treat it as read-only). A malformed entry raises `LexiconError` naming the
file and line:

>>> read_toml("calendar.toml")["months"]["oktober"]
10
>>> read_csv("offices.csv") is read_csv("offices.csv")
True
"""

from __future__ import annotations

import csv
import gzip
import re
import tomllib
from collections.abc import Iterator
from functools import cache
from pathlib import Path

DIR = Path(__file__).resolve().parent

__all__ = ["LexiconError", "path", "read_toml", "read_csv", "iter_csv", "read_words"]


class LexiconError(ValueError):
    """A malformed lexicon file: the message starts with `file:line:`."""

    def __init__(self, name: str, line: int | None, problem: str):
        self.name, self.line, self.problem = name, line, problem
        super().__init__(f"{name}:{line}: {problem}" if line is not None else f"{name}: {problem}")


def path(name: str) -> Path:
    """Filesystem path of a lexicon file, for binary models only (`path("ner_crf.model")`)."""
    return DIR / name


def _text(name: str) -> str:
    """The file as text (`.gz` files decompressed); `LexiconError` when missing or not UTF-8."""
    file = DIR / name
    try:
        data = file.read_bytes()
        if name.endswith(".gz"):
            data = gzip.decompress(data)
        return data.decode("utf-8")
    except FileNotFoundError:
        raise LexiconError(name, None, f"no such lexicon file in {DIR}") from None
    except (OSError, EOFError, UnicodeDecodeError) as e:
        raise LexiconError(name, None, f"unreadable: {e}") from None


@cache
def read_toml(name: str) -> dict:
    """A TOML lexicon as a dict (cached: the same dict on every call)."""
    text = _text(name)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        # tomllib says where in its message: "(at line 12, column 5)" or "(at end of document)"
        where = re.search(r"\s*\(at (?:line (\d+), column \d+|end of document)\)", str(e))
        line = int(where.group(1)) if where and where.group(1) else len(text.splitlines()) if where else None
        problem = str(e)[: where.start()] + str(e)[where.end() :] if where else str(e)
        raise LexiconError(name, line, problem) from None


@cache
def read_csv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a CSV lexicon as dicts keyed by its header (cached); see `iter_csv`."""
    return tuple(iter_csv(name))


def iter_csv(name: str) -> Iterator[dict[str, str]]:
    """Rows of a CSV lexicon (`.csv` or `.csv.gz`) as dicts keyed by its header, streamed and not
    cached: for the big gazetteer files whose one caller keeps its own index (`villages.csv.gz`).

    Blank lines and lines starting with `#` are comments; every row must have as many fields as
    the header, else `LexiconError("offices.csv", 37, "expected 3 fields, got 2")`.
    """
    header: list[str] | None = None
    for number, line in enumerate(_text(name).splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = next(csv.reader([line]))
        if header is None:
            header = fields
            continue
        if len(fields) != len(header):
            raise LexiconError(name, number, f"expected {len(header)} fields, got {len(fields)}")
        yield dict(zip(header, fields))
    if header is None:
        raise LexiconError(name, None, "no header row")


@cache
def read_words(name: str) -> tuple[str, ...]:
    """The entries of a one-per-line lexicon, stripped, in file order, without blank and `#` lines (cached)."""
    return tuple(
        entry for entry in (line.strip() for line in _text(name).splitlines()) if entry and not entry.startswith("#")
    )


# ---- derived views, cached like the files -------------------------------------------------------


@cache
def offices() -> dict[str, str]:
    """Office term as printed -> full form (`Sekda` -> `Sekretaris Daerah`, `Bupati` -> `Bupati`)."""
    return {r["term"]: (r["expansion"] or r["term"]) for r in read_csv("offices.csv")}


@cache
def office_categories() -> dict[str, str]:
    return {r["term"]: r["category"] for r in read_csv("offices.csv")}


@cache
def titles() -> frozenset[str]:
    return frozenset(r["title"] for r in read_csv("titles.csv"))


@cache
def organizations() -> list[dict]:
    rows = []
    for r in read_csv("organizations.csv"):
        aliases = [a for a in r["aliases"].split("|") if a]
        rows.append(
            {
                "canonical": r["canonical"],
                "aliases": aliases,
                "regional": r["regional"] == "1",
                "category": r["category"],
            }
        )
    return rows


@cache
def org_heads() -> dict[str, str]:
    return {r["word"]: r["position"] for r in read_csv("org_heads.csv")}


def speech() -> dict:
    """Speech and attribution cues (`speech_verbs.toml`)."""
    return read_toml("speech_verbs.toml")


@cache
def event_triggers() -> dict[str, str]:
    return {r["trigger"]: r["event_type"] for r in read_csv("event_types.csv")}


@cache
def common_words() -> frozenset[str]:
    return frozenset(read_words("common_words.txt"))


@cache
def cap_stopwords() -> frozenset[str]:
    return frozenset(read_words("cap_stopwords.txt"))


# ---- calendar: the one month list and the one weekday list ---------------------------------------


def months() -> dict[str, int]:
    """Full month names and spelling variants -> month number (`calendar.toml [months]`)."""
    return read_toml("calendar.toml")["months"]


def month_abbreviations() -> dict[str, int]:
    """Newsroom month abbreviations -> month number (`agt` -> 8; `calendar.toml [month_abbreviations]`)."""
    return read_toml("calendar.toml")["month_abbreviations"]


def weekdays() -> dict[str, int]:
    """Weekday names -> `datetime.date.weekday()` number (`senin` -> 0; `calendar.toml [weekdays]`)."""
    return read_toml("calendar.toml")["weekdays"]


# ---- region-level prefixes ------------------------------------------------------------------------

REGION_PREFIX_ROLES = ("name", "abbreviation", "government", "head")


@cache
def region_prefixes(*roles: str, levels: tuple[str, ...] | None = None) -> tuple[tuple[str, str | None], ...]:
    """(word, level) pairs of `region_prefixes.csv` with one of `roles`, in file order; level None for `Pemda`.

    >>> region_prefixes("government")[:2]
    (('Pemprov', 'province'), ('Pemkab', 'regency'))
    """
    if unknown := set(roles) - set(REGION_PREFIX_ROLES):
        raise ValueError(f"unknown region prefix roles: {sorted(unknown)}")
    return tuple(
        (r["word"], r["level"] or None)
        for r in read_csv("region_prefixes.csv")
        if r["role"] in roles and (levels is None or r["level"] in levels)
    )


def official_prefix(level: str) -> str:
    """The word that opens a region's official name at this level (`regency` -> `Kabupaten`)."""
    return next(word for word, lvl in region_prefixes("name") if lvl == level)


# ---- indicator units ------------------------------------------------------------------------------


@cache
def indicator_units() -> dict[str, str]:
    """Unit of the indicators table -> its meaning (`indicator_units.toml`): the word-list units,
    then `rank` and `currency_idr`, which are recognized by cues and prefixes instead of unit words."""
    lex = read_toml("indicator_units.toml")
    meanings = {unit: entry["meaning"] for unit, entry in lex["units"].items()}
    for section in ("rank", "currency"):
        meanings[lex[section]["unit"]] = lex[section]["meaning"]
    return meanings


# ---- election calendar ----------------------------------------------------------------------------


@cache
def election_calendar() -> tuple[dict, ...]:
    """Every stage of every election in `election_calendar.toml`, in file order, as read-only records with
    `election` (id), `name`, `level` (national | regional), `stage`, `start` and `end` (`datetime.date`),
    `source` (the KPU regulation) and `note`; an entry that is not a known stage with dates in order
    raises `LexiconError` at its line.

    >>> [(s["stage"], str(s["start"])) for s in election_calendar() if s["election"] == "pemilu-2024"][-1]
    ('inauguration', '2024-10-20')
    """
    import datetime

    name = "election_calendar.toml"
    lex = read_toml(name)
    kinds = set(lex.get("stage_kinds", ()))
    # tomllib keeps no positions: the n-th [[election.stage]] header is the n-th stage read, and a stage's
    # key is on the first `key =` line after its header
    lines = _text(name).splitlines()
    headers = [i for i, line in enumerate(lines) if re.match(r"\s*\[\[\s*election(\s*\.\s*stage)?\s*\]\]", line)]
    stage_headers = iter(i for i in headers if "stage" in lines[i])
    election_headers = iter(i for i in headers if "stage" not in lines[i])

    def line_of(header: int | None, key: str) -> int | None:
        if header is None:  # an inline table, not a [[...]] header: no line to name
            return None
        following = [h for h in headers if h > header]
        block = range(header, following[0] if following else len(lines))
        return next((i for i in block if re.match(rf"\s*{key}\s*=", lines[i])), header) + 1

    records = []
    for election in lex.get("election", ()):
        at = next(election_headers, None)
        for key in ("id", "name", "level", "source"):
            if not isinstance(election.get(key), str) or not election[key]:
                raise LexiconError(name, line_of(at, key), f"election needs a text `{key}`")
        if election["level"] not in ("national", "regional"):
            raise LexiconError(name, line_of(at, "level"), f"unknown level {election['level']!r}")
        for stage in election.get("stage", ()):
            here = next(stage_headers, None)
            if stage.get("stage") not in kinds:
                raise LexiconError(name, line_of(here, "stage"), f"unknown stage {stage.get('stage')!r}")
            for key in ("start", "end"):
                if type(stage.get(key)) is not datetime.date:
                    raise LexiconError(name, line_of(here, key), f"`{key}` must be a date (YYYY-MM-DD)")
            if stage["start"] > stage["end"]:
                raise LexiconError(name, line_of(here, "end"), f"ends {stage['end']} before it starts {stage['start']}")
            records.append(
                {
                    "election": election["id"],
                    "name": election["name"],
                    "level": election["level"],
                    "stage": stage["stage"],
                    "start": stage["start"],
                    "end": stage["end"],
                    "source": election["source"],
                    "note": stage.get("note", ""),
                }
            )
    return tuple(records)
