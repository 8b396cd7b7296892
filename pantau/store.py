"""Stage 6-7: validated tables -> Parquet parts -> one DuckDB file with comments and views.

Parquet is written sorted with zstd, so two builds of the same input give byte-identical files.
DuckDB holds real tables (copied from the Parquet) so the file works on its own when moved, plus the
views in `warehouse/views.sql`, and a `COMMENT ON` for every table and column from the pandera models.
"""
from __future__ import annotations

import os
import shutil
from importlib import resources
from pathlib import Path

import duckdb
import polars as pl

import schemas

TABLES = ["articles", "actors", "actor_mentions", "statements", "events", "indicators", "quarantine"]


def write_parquet(tables: dict[str, pl.DataFrame], parquet_dir: Path, rows_per_part: int = 250_000) -> dict[str, list[Path]]:
    """`parquet_dir/<table>/part-00000.parquet` … for every table; returns the files written."""
    written: dict[str, list[Path]] = {}
    for t in TABLES:
        df = tables[t]
        folder = parquet_dir / t
        folder.mkdir(parents=True, exist_ok=True)
        files = []
        n_parts = max(1, -(-df.height // rows_per_part))
        for i in range(n_parts):
            part = df.slice(i * rows_per_part, rows_per_part)
            p = folder / f"part-{i:05d}.parquet"
            part.write_parquet(p, compression="zstd", statistics=True)
            files.append(p)
        written[t] = files
    return written


def _sql_str(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def views_sql() -> str:
    """The warehouse views shipped with the package (copied from `warehouse/views.sql`)."""
    try:
        return resources.files("warehouse").joinpath("views.sql").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return ""


def write_duckdb(parquet_dir: Path, db_path: Path) -> None:
    """Create the DuckDB file from the Parquet folder: tables, comments, views."""
    if db_path.exists():
        db_path.unlink()
    con = duckdb.connect(str(db_path))
    try:
        con.execute("SET threads TO 2")
        for t in TABLES:
            glob = (parquet_dir / t / "*.parquet").as_posix()
            cols = schemas.columns(t)
            select = ", ".join(f'"{n}"' for n, *_ in cols)
            con.execute(f"CREATE TABLE {t} AS SELECT {select} FROM read_parquet({_sql_str(glob)}) ORDER BY {schemas.PRIMARY_KEYS[t]}")
            con.execute(f"COMMENT ON TABLE {t} IS {_sql_str(schemas.table_description(t))}")
            for n, _, _, desc in cols:
                con.execute(f'COMMENT ON COLUMN {t}."{n}" IS {_sql_str(desc)}')
        sql = views_sql()
        if sql.strip():
            con.execute(sql)
        con.execute("CHECKPOINT")
    finally:
        con.close()


def publish_build(tables: dict[str, pl.DataFrame], out: Path) -> dict[str, int]:
    """Write Parquet and DuckDB into a staging folder beside OUT, then move them into place.

    Readers of OUT see the previous files until the final renames.
    """
    out.mkdir(parents=True, exist_ok=True)
    staging = out / f".staging-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    write_parquet(tables, staging / "parquet")
    write_duckdb(staging / "parquet", staging / "pantau.duckdb")
    old = out / f".old-{os.getpid()}"
    if (out / "parquet").exists():
        os.replace(out / "parquet", old)
    os.replace(staging / "parquet", out / "parquet")
    os.replace(staging / "pantau.duckdb", out / "pantau.duckdb")
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)
    return {t: tables[t].height for t in TABLES}
