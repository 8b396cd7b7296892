"""Domain knowledge as data: each file in this folder names its source in its header.

Loaders are cached: every file is read once per process.
"""

from __future__ import annotations

import csv
import io
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path

DIR = Path(__file__).resolve().parent


def path(name: str) -> Path:
    """Filesystem path of a lexicon data file (`path("calendar.toml")`)."""
    return DIR / name


def read_text(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def read_csv(name: str) -> list[dict]:
    """Rows of a lexicon CSV, skipping `#` comment lines."""
    lines = [ln for ln in read_text(name).splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def read_toml(name: str) -> dict:
    return tomllib.loads(read_text(name))


def read_words(name: str) -> frozenset[str]:
    return frozenset(ln.strip() for ln in read_text(name).splitlines() if ln.strip() and not ln.startswith("#"))


@lru_cache(maxsize=None)
def offices() -> dict[str, str]:
    """Office term as printed -> full form (`Sekda` -> `Sekretaris Daerah`, `Bupati` -> `Bupati`)."""
    return {r["term"]: (r["expansion"] or r["term"]) for r in read_csv("offices.csv")}


@lru_cache(maxsize=None)
def office_categories() -> dict[str, str]:
    return {r["term"]: r["category"] for r in read_csv("offices.csv")}


@lru_cache(maxsize=None)
def titles() -> frozenset[str]:
    return frozenset(r["title"] for r in read_csv("titles.csv"))


@lru_cache(maxsize=None)
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


@lru_cache(maxsize=None)
def org_heads() -> dict[str, str]:
    return {r["word"]: r["position"] for r in read_csv("org_heads.csv")}


@lru_cache(maxsize=None)
def speech() -> dict:
    return read_toml("speech_verbs.toml")


@lru_cache(maxsize=None)
def event_triggers() -> dict[str, str]:
    return {r["trigger"]: r["event_type"] for r in read_csv("event_types.csv")}


@lru_cache(maxsize=None)
def common_words() -> frozenset[str]:
    return read_words("common_words.txt")


@lru_cache(maxsize=None)
def cap_stopwords() -> frozenset[str]:
    return read_words("cap_stopwords.txt")
