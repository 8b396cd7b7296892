"""The table registry: every published table once, in publishing order.

Everything that walks the published tables derives its list from `TABLES` here: the Parquet writer and
the DuckDB load with its `COMMENT ON`s (`pantau.pipeline.store`), the assembly's return and sort order
(`pantau.pipeline.assemble`), the datapackage, dataset card and changelog (`pantau.release.publish`) and
the report's row counts (`pantau.release.report`). Ids and the datapackage follow this order.

To add a table: write its pandera model in `schemas/tables.py` and add one `Table(...)` below; it then
flows to Parquet, DuckDB and the published datapackage with no other edit (`tests/test_registry.py`).
Code that walks every table reads the registry at call time (`all_tables()`, `table_names()`,
`table(name)`), never through a copy made at import: a test may extend it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import pandera.polars as pa

from schemas.tables import (
    ActorMentions,
    Actors,
    Articles,
    EventMentions,
    Events,
    Indicators,
    Quarantine,
    Statements,
)


class ForeignKey(NamedTuple):
    """`column` of this table holds values of `ref_column` in table `ref_table`."""

    column: str
    ref_table: str
    ref_column: str


@dataclass(frozen=True)
class Table:
    """One published table.

    name          table name in DuckDB and in the datapackage
    model         its pandera model: columns, types, checks and column descriptions
    primary_key   the one id column
    foreign_keys  columns that point into other tables
    sort_key      row order of the Parquet files and DuckDB tables (default: the primary key)
    folder        Parquet folder name under `parquet/` and `data/` (default: the name)
    description   one paragraph (default: the model's docstring)
    bucketed      rows come per article and grow with the corpus: the assembly streams them part by part
                  into id-range buckets on disk; the other tables are resolved or collected in memory
    """

    name: str
    model: type[pa.DataFrameModel]
    primary_key: str
    foreign_keys: tuple[ForeignKey, ...] = ()
    sort_key: tuple[str, ...] = ()
    folder: str = ""
    description: str = ""
    bucketed: bool = False

    def __post_init__(self):
        if not self.sort_key:
            object.__setattr__(self, "sort_key", (self.primary_key,))
        if not self.folder:
            object.__setattr__(self, "folder", self.name)
        if not self.description:
            object.__setattr__(self, "description", " ".join((self.model.__doc__ or "").split()))

    def columns(self) -> list[tuple[str, object, bool, str]]:
        """(name, polars dtype, nullable, description) for each column, in model order."""
        schema = self.model.to_schema()
        return [(n, c.dtype.type, c.nullable, c.description or "") for n, c in schema.columns.items()]

    def column_names(self) -> list[str]:
        return [n for n, *_ in self.columns()]


_ARTICLE = ForeignKey("article_id", "articles", "article_id")

TABLES: tuple[Table, ...] = (
    Table("articles", Articles, "article_id", bucketed=True),
    Table("actors", Actors, "actor_id"),
    Table(
        "actor_mentions",
        ActorMentions,
        "mention_id",
        (_ARTICLE, ForeignKey("actor_id", "actors", "actor_id")),
        bucketed=True,
    ),
    Table(
        "statements",
        Statements,
        "statement_id",
        (_ARTICLE, ForeignKey("speaker_actor_id", "actors", "actor_id")),
        bucketed=True,
    ),
    Table("events", Events, "event_id"),
    Table(
        "event_mentions",
        EventMentions,
        "mention_id",
        (ForeignKey("event_id", "events", "event_id"), _ARTICLE),
    ),
    Table(
        "indicators",
        Indicators,
        "indicator_id",
        (_ARTICLE, ForeignKey("source_actor_id", "actors", "actor_id")),
        bucketed=True,
    ),
    Table("quarantine", Quarantine, "quarantine_id"),
)


def all_tables() -> tuple[Table, ...]:
    """Every published table, in publishing order."""
    return TABLES


def table_names() -> list[str]:
    return [t.name for t in TABLES]


def table(name: str) -> Table:
    """The registry entry of a table; KeyError naming the known tables when there is none."""
    for t in TABLES:
        if t.name == name:
            return t
    raise KeyError(f"no table {name!r} in schemas.registry (known: {', '.join(table_names())})")
