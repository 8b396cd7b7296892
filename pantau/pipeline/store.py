"""Stage 6-7: validated tables -> Parquet parts -> one DuckDB file with comments and views.

Parquet is written sorted with zstd, so two builds of the same input give byte-identical files.
DuckDB holds real tables (copied from the Parquet) so the file works on its own when moved, plus the
views in `warehouse/views.sql`, and a `COMMENT ON` for every table and column from the pandera models.

Crash safety: a build never touches a published warehouse. Each build writes a complete release into
`OUT/.releases/<content-hash>/` (`parquet/`, `pantau.duckdb`, `RELEASE.json`) and then swaps it in
with one atomic rename of the `OUT/current` symlink; the contract paths are fixed symlinks through it:

    OUT/current        -> .releases/<id>
    OUT/parquet        -> current/parquet
    OUT/pantau.duckdb  -> current/pantau.duckdb

A reader (or a build killed at any instant) sees the old release or the new one, never a mix. A DuckDB
session opened before the swap keeps reading the release it opened. The previous release is kept as
well (readers in the middle of a query), older ones are removed. For one consistent multi-table read
of the Parquet files, resolve `OUT/current` once (`current_release(out)`) and read below it.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
from importlib import resources
from pathlib import Path

import duckdb
import polars as pl

import schemas
from pantau.pipeline.lock import build_lock


def write_table(
    df: pl.DataFrame, folder: Path, rows_per_part: int, metadata: dict[str, str] | None = None
) -> list[Path]:
    """The one Parquet writer: `folder/part-00000.parquet` … of `rows_per_part` rows each (at least one file,
    empty tables too), zstd with statistics, rows in the frame's order. With `metadata`, every part carries
    it as key-value metadata plus `pantau.part` (`1/3`, …). `df` is a polars DataFrame or anything with
    `height` and `slice` (the assembly's on-disk `PartedTable`). Returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    n_parts = max(1, -(-df.height // rows_per_part))
    for i in range(n_parts):
        part = df.slice(i * rows_per_part, rows_per_part)
        p = folder / f"part-{i:05d}.parquet"
        tags = None if metadata is None else dict(metadata, **{"pantau.part": f"{i + 1}/{n_parts}"})
        part.write_parquet(p, compression="zstd", statistics=True, metadata=tags)
        files.append(p)
    return files


def write_parquet(
    tables: dict[str, pl.DataFrame], parquet_dir: Path, rows_per_part: int = 50_000
) -> dict[str, list[Path]]:
    """`parquet_dir/<folder>/part-00000.parquet` … for every registry table; returns the files written."""
    return {t.name: write_table(tables[t.name], parquet_dir / t.folder, rows_per_part) for t in schemas.all_tables()}


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
        # bounded memory on big corpora: DuckDB spills to disk instead of taking 80 % of RAM
        con.execute("SET memory_limit = '512MB'")
        con.execute("SET preserve_insertion_order = true")  # the Parquet parts are sorted by primary key
        con.execute(f"SET temp_directory = {_sql_str(str(db_path.parent.parent / '.duckdb_tmp'))}")
        for t in schemas.all_tables():
            glob = (parquet_dir / t.folder / "*.parquet").as_posix()
            cols = t.columns()
            select = ", ".join(f'"{n}"' for n, *_ in cols)
            con.execute(f"CREATE TABLE {t.name} AS SELECT {select} FROM read_parquet({_sql_str(glob)})")
            con.execute(f"COMMENT ON TABLE {t.name} IS {_sql_str(t.description)}")
            for n, _, _, desc in cols:
                con.execute(f'COMMENT ON COLUMN {t.name}."{n}" IS {_sql_str(desc)}')
        sql = views_sql()
        if sql.strip():
            con.execute(sql)
        con.execute("CHECKPOINT")
    finally:
        con.close()


RELEASES = ".releases"
CURRENT = "current"
DB_NAME = "pantau.duckdb"
MANIFEST = "RELEASE.json"
STORE_FORMAT = 1  # bump when the release layout changes
KEEP_RELEASES = 2  # the current one and the one before it


def publish_build(tables: dict[str, pl.DataFrame], out: Path) -> dict[str, int]:
    """Write Parquet and DuckDB as a new release under `OUT/.releases/`, then swap it in atomically.

    Holds the build lock on OUT (`pantau.pipeline.lock.build_lock`, re-entrant: a build that already holds it
    goes straight on). A release with the same content id is reused as it is. Returns rows per table.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rows = {name: tables[name].height for name in schemas.table_names()}
    with build_lock(out):
        releases = out / RELEASES
        releases.mkdir(exist_ok=True)
        previous = current_release_id(out)
        tmp = releases / f".tmp-{os.getpid()}-{secrets.token_hex(4)}"
        try:
            write_parquet(tables, tmp / "parquet")
            files = _digests(tmp / "parquet")
            rid = release_id(files)
            final = releases / rid
            if _is_complete(final):
                shutil.rmtree(tmp)
            else:
                if final.exists() or final.is_symlink():
                    _discard(final)
                write_duckdb(tmp / "parquet", tmp / DB_NAME)
                (tmp / MANIFEST).write_text(
                    json.dumps(
                        {"release": rid, "format": STORE_FORMAT, "rows": rows, "parquet_sha256": files},
                        indent=1,
                        sort_keys=True,
                    )
                    + "\n"
                )
                _fsync_tree(tmp)
                os.rename(tmp, final)
                _fsync_dir(releases)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        _switch_current(out, rid)
        collect_garbage(out, keep={rid, previous})
    return rows


def release_id(parquet_digests: dict[str, str]) -> str:
    """Content id of a release: its Parquet bytes plus everything else that shapes the DuckDB file
    (views, column comments, DuckDB version, layout version)."""
    h = hashlib.sha256()
    for rel, d in sorted(parquet_digests.items()):
        h.update(f"{rel}\0{d}\n".encode())
    h.update(views_sql().encode("utf-8"))
    for t in schemas.all_tables():
        h.update(t.name.encode() + b"\0" + t.description.encode("utf-8"))
        for n, _, _, desc in t.columns():
            h.update(f"{n}\0{desc}\n".encode())
    h.update(f"duckdb {duckdb.__version__} format {STORE_FORMAT}".encode())
    return h.hexdigest()[:20]


def current_release_id(out: Path) -> str | None:
    """The id of the release `OUT/current` points at, or None before the first build."""
    try:
        target = os.readlink(Path(out) / CURRENT)
    except OSError:
        return None
    name = Path(target).name
    return name if Path(target).parent.name == RELEASES else None


def current_release(out: Path) -> Path | None:
    """The folder of the published release (resolved once: read below it for a consistent snapshot)."""
    rid = current_release_id(out)
    return (Path(out) / RELEASES / rid).resolve() if rid else None


def _digests(parquet_dir: Path) -> dict[str, str]:
    out = {}
    for p in sorted(parquet_dir.rglob("*.parquet")):
        out[p.relative_to(parquet_dir).as_posix()] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def _is_complete(release: Path) -> bool:
    # release folders appear only by renaming a finished temp folder, and leave only by renaming away
    return (
        not release.is_symlink()
        and (release / MANIFEST).is_file()
        and (release / DB_NAME).is_file()
        and (release / "parquet").is_dir()
    )


def _switch_current(out: Path, rid: str) -> None:
    """Point OUT/current at the release (one atomic rename), and make sure the contract paths are the
    fixed symlinks through it (an OUT from before releases is converted once)."""
    _replace_with_symlink(out / CURRENT, f"{RELEASES}/{rid}")
    _replace_with_symlink(out / "parquet", f"{CURRENT}/parquet")
    _replace_with_symlink(out / DB_NAME, f"{CURRENT}/{DB_NAME}")
    _fsync_dir(out)


def _replace_with_symlink(path: Path, target: str) -> None:
    if path.is_symlink() and os.readlink(path) == target:
        return
    if path.is_dir() and not path.is_symlink():
        # a real folder (the layout before releases): move it aside; the only non-atomic step, once
        os.rename(path, path.parent / RELEASES / f".trash-legacy-{path.name}-{secrets.token_hex(4)}")
    tmp = path.parent / f".{path.name}-{os.getpid()}-{secrets.token_hex(4)}.link"
    os.symlink(target, tmp)
    os.replace(tmp, path)


def collect_garbage(out: Path, keep: set[str | None]) -> None:
    """Remove releases other than `keep`, unfinished temp folders and leftovers of killed builds.
    Call only while holding the build lock (nothing else is writing there)."""
    out = Path(out)
    releases = out / RELEASES
    keep = {k for k in keep if k}
    if releases.is_dir():
        for p in releases.iterdir():
            if p.name in keep:
                continue
            if p.name.startswith((".trash-", ".tmp-")):
                shutil.rmtree(p, ignore_errors=True) if p.is_dir() and not p.is_symlink() else p.unlink(missing_ok=True)
            else:
                _discard(p)
    for p in out.iterdir():
        if p.name.endswith(".link") and p.name.startswith(".") and p.is_symlink():
            p.unlink(missing_ok=True)
        elif p.name.startswith((".staging-", ".old-")) and p.is_dir():  # the layout before releases
            shutil.rmtree(p, ignore_errors=True)


def _discard(p: Path) -> None:
    """Rename away first (atomic), then delete: a killed delete never leaves a half release under its id."""
    trash = p.parent / f".trash-{p.name}-{secrets.token_hex(4)}"
    try:
        os.rename(p, trash)
    except OSError:
        return
    if trash.is_dir() and not trash.is_symlink():
        shutil.rmtree(trash, ignore_errors=True)
    else:
        trash.unlink(missing_ok=True)


def _fsync_tree(root: Path) -> None:
    """Flush a finished release to disk before it is renamed into place (power loss, not only kills)."""
    if os.environ.get("PANTAU_FSYNC", "1") == "0":
        return
    for dirpath, _dirs, filenames in os.walk(root):
        for name in filenames:
            fd = os.open(os.path.join(dirpath, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _fsync_dir(Path(dirpath))


def _fsync_dir(path: Path) -> None:
    if os.environ.get("PANTAU_FSYNC", "1") == "0":
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
