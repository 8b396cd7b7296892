"""Pandera (polars) models of the published tables and the registry that lists them once.

`schemas.tables` holds one model per table: the single source of column types and docs.
`schemas.registry` lists every table once (name, model, keys, sort order, folder, description); the data
dictionary, DuckDB `COMMENT ON`s and the published `datapackage.json` are generated from it.
`tests/test_schemas.py` fails when a column lacks a description.
"""

from schemas.registry import ForeignKey, Table, all_tables, table, table_names  # noqa: F401
from schemas.tables import (  # noqa: F401
    DATE_PRECISIONS,
    EVENT_TYPES,
    UNITS,
    ActorMentions,
    Actors,
    Articles,
    Events,
    Indicators,
    Quarantine,
    Statements,
)


def columns(name: str) -> list[tuple[str, object, bool, str]]:
    """(name, polars dtype, nullable, description) for each column of a table, in model order."""
    return table(name).columns()


def table_description(name: str) -> str:
    return table(name).description
