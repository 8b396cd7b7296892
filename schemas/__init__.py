"""One pandera (polars) model per published table: the single source of column types and docs.

The data dictionary, DuckDB `COMMENT ON`s and the published `datapackage.json` are generated from
these models (`schemas.MODELS`); `tests/test_schemas.py` fails when a column lacks a description.
"""

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

MODELS = {
    "articles": Articles,
    "actors": Actors,
    "actor_mentions": ActorMentions,
    "statements": Statements,
    "events": Events,
    "indicators": Indicators,
    "quarantine": Quarantine,
}
PRIMARY_KEYS = {
    "articles": "article_id",
    "actors": "actor_id",
    "actor_mentions": "mention_id",
    "statements": "statement_id",
    "events": "event_id",
    "indicators": "indicator_id",
    "quarantine": "quarantine_id",
}
FOREIGN_KEYS = {
    "actor_mentions": [("article_id", "articles", "article_id"), ("actor_id", "actors", "actor_id")],
    "statements": [("article_id", "articles", "article_id"), ("speaker_actor_id", "actors", "actor_id")],
    "indicators": [("article_id", "articles", "article_id"), ("source_actor_id", "actors", "actor_id")],
}


def columns(table: str) -> list[tuple[str, object, bool, str]]:
    """(name, polars dtype, nullable, description) for each column of a table, in model order."""
    schema = MODELS[table].to_schema()
    return [(n, c.dtype.type, c.nullable, c.description or "") for n, c in schema.columns.items()]


def table_description(table: str) -> str:
    return " ".join((MODELS[table].__doc__ or "").split())
