"""The extracted-part format: polars schemas of the staged frames, and their Parquet files.

A staged frame is what extraction emits per article, before ids and cross-article resolution: local
actor candidates with per-article keys, mentions and statements pointing at those keys, per-article
event candidates, indicators with their value offsets. These are not the published tables (those are
listed once in `schemas.registry`); the assembly (`pantau.pipeline.assemble`) turns the one into the
other. The staged `articles` and `quarantine` rows are the published ones minus what the assembly
fills in, so their columns are derived from the published models.

Batches are written as Parquet parts under `OUT/.work/` and read back by the resolution stage, so the
flow passes file paths between tasks, never DataFrames.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

import schemas


def _published_minus(table: str, *filled_later: str) -> dict[str, pl.DataType]:
    return {n: dtype for n, dtype, *_ in schemas.columns(table) if n not in filled_later}


STAGED_SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "articles": _published_minus("articles", "region"),  # the region's name is looked up from region_code
    "actors": {
        "article_id": pl.String,
        "local_key": pl.String,
        "kind": pl.String,
        "name": pl.String,
        "role": pl.String,
        "region_code": pl.String,
        "forms": pl.List(pl.String),
        "unnamed_office": pl.Boolean,
        "first": pl.Int64,
    },
    "mentions": {
        "article_id": pl.String,
        "local_key": pl.String,
        "text": pl.String,
        "char_start": pl.Int64,
        "char_end": pl.Int64,
        "how": pl.String,
    },
    "statements": {
        "article_id": pl.String,
        "local_key": pl.String,
        "speaker_label": pl.String,
        "text": pl.String,
        "kind": pl.String,
        "char_start": pl.Int64,
        "char_end": pl.Int64,
        "cue": pl.String,
    },
    "events": {
        "article_id": pl.String,
        "event_type": pl.String,
        "name": pl.String,
        "start_date": pl.Date,
        "end_date": pl.Date,
        "date_precision": pl.String,
        "date_text": pl.String,
        "year_inferred": pl.Boolean,
        "weekday_mismatch": pl.Boolean,
        "venue": pl.String,
        "place": pl.String,
        "region_code": pl.String,
        "region_inferred": pl.Boolean,
        "organizer_keys": pl.List(pl.String),
        "participant_count": pl.Int64,
        "trigger_pos": pl.Int64,
        "trigger_text": pl.String,  # the evidence behind `event_mentions`
        "trigger_start": pl.Int64,
        "trigger_end": pl.Int64,
        "date_start": pl.Int64,
        "date_end": pl.Int64,
    },
    "indicators": {
        "article_id": pl.String,
        "metric": pl.String,
        "value": pl.Float64,
        "unit": pl.String,
        "region_code": pl.String,
        "source_key": pl.String,
        "text": pl.String,
        "char_start": pl.Int64,
        "char_end": pl.Int64,
        "value_start": pl.Int64,
        "value_end": pl.Int64,
    },
    "quarantine": _published_minus("quarantine", "quarantine_id"),  # the id hashes the final row
}


# every staged row also carries the content key of the input unit it came from (see `pantau.pipeline.units`)
for _schema in STAGED_SCHEMAS.values():
    _schema["input_key"] = pl.String


def to_frame(key: str, rows: list[dict]) -> pl.DataFrame:
    schema = STAGED_SCHEMAS[key]
    if not rows:
        return pl.DataFrame(schema=schema)
    return pl.DataFrame([{c: r.get(c) for c in schema} for r in rows], schema=schema, orient="row")


def write_batch(rows: dict[str, list[dict]], folder: Path) -> Path:
    """Write one batch's frames as `folder/<key>.parquet`; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for key in STAGED_SCHEMAS:
        to_frame(key, rows.get(key, [])).write_parquet(folder / f"{key}.parquet", compression="zstd")
    return folder


def write_part(rows: dict[str, list[dict]], units: pl.DataFrame, folder: Path) -> Path:
    """Write one extracted part atomically: the staged frames plus `units.parquet` (key, source0).

    `source0` is the place each unit was read from when it was extracted; the assembly stage swaps
    it for the unit's current place(s), so a renamed or moved unit is never extracted again.
    """
    import shutil

    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    write_batch(rows, tmp)
    units.select(pl.col("key"), pl.col("source").alias("source0")).write_parquet(tmp / "units.parquet")
    (tmp / "_SUCCESS").write_text("ok")
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)
    return folder


def read_part(folder: Path, key: str, columns: list[str] | None = None) -> pl.DataFrame:
    p = Path(folder) / f"{key}.parquet"
    if not p.exists():
        schema = STAGED_SCHEMAS[key]
        return pl.DataFrame(schema={c: schema[c] for c in (columns or schema)})
    return pl.read_parquet(p, columns=columns)
