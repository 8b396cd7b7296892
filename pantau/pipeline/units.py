"""Input units: the smallest pieces of input that are extracted (and cached) on their own.

A unit is one `.txt` file, one line of a JSON Lines file (`.jsonl`, `.ndjson`, `.jsonl.gz`), or one
file of any other kind `pantau.pipeline.ingest` reads. Each unit has a content key (sha256 of its bytes), so a
rebuild reprocesses only units whose bytes are new, wherever they sit: a huge JSON Lines file is many
units, and inserting a line in the middle, renaming a file or moving a line does not invalidate the
others. The key of a `.txt` file or JSON line does not include its path (its path is attached when
the tables are assembled); the key of any other file does (its records carry paths of their own).

The manifest (`OUT/.work/manifest.parquet`) remembers every unit of the last build with its file's
size and mtime, so unchanged files are not even re-read on the next build.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import polars as pl

from pantau.pipeline.ingest import (
    STREAM_ERRORS,
    InputFile,
    Quarantined,
    RawDoc,
    input_kind,
    iter_json_lines,
    json_line_bytes,
    json_line_doc,
    open_jsonl,
    read_input,
    sniff_jsonl,
)

log = logging.getLogger(__name__)

UNIT_SCHEMA: dict[str, pl.DataType] = {
    "key": pl.String,  # content key (32 hex)
    "source": pl.String,  # where it is now: `rel` or `rel#line`
    "rel": pl.String,  # the file, relative to the input root
    "offset": pl.Int64,  # byte offset of the unit in the (decompressed) file
    "length": pl.Int64,  # bytes of the unit
    "kind": pl.String,  # txt | jsonl (one line) | file (read whole by ingest) | quarantine
    "reason": pl.String,  # for kind `quarantine`: why ingest rejects this line
}
FILE_SCHEMA: dict[str, pl.DataType] = {"rel": pl.String, "size": pl.Int64, "mtime_ns": pl.Int64}


def unit_key(kind: str, data: bytes, rel: str = "") -> str:
    """Content key of one unit; `file` units include their path (their records name it)."""
    h = hashlib.sha256(kind.encode() + b"\0")
    if kind == "file":
        h.update(rel.encode("utf-8") + b"\0")
    h.update(data)
    return h.hexdigest()[:32]


def file_kind(rel: str) -> str:
    kind = input_kind(rel)
    return kind if kind in ("txt", "jsonl") else "file"


@contextmanager
def _jsonl_stream(f: InputFile):
    """The byte stream of a JSON Lines file to cut into lines, or None when ingest must read it whole
    (UTF-16/32, binary content, unreadable)."""
    try:
        fh = open(f.path, "rb")  # noqa: SIM115 - an open that fails must yield None, not wrap the body; `with fh` below
    except OSError:
        yield None
        return
    with fh:
        stream = open_jsonl(f.rel, fh)
        try:
            head = sniff_jsonl(stream)
        except STREAM_ERRORS:
            stream = None
        if stream is not None and (head.wide or head.binary):
            stream = None
        yield stream


def units_of_file(f: InputFile) -> tuple[dict[str, list], list[Quarantined]]:
    """The units of one input file (columns of UNIT_SCHEMA), reading it once."""
    cols: dict[str, list] = {k: [] for k in UNIT_SCHEMA}

    def add(key, source, offset, length, kind, reason=None):
        cols["key"].append(key)
        cols["source"].append(source)
        cols["rel"].append(f.rel)
        cols["offset"].append(offset)
        cols["length"].append(length)
        cols["kind"].append(kind)
        cols["reason"].append(reason)

    kind = file_kind(f.rel)
    if kind == "jsonl":
        with _jsonl_stream(f) as stream:
            if stream is not None:
                for it in iter_json_lines(stream, f.rel):
                    if isinstance(it, Quarantined):  # a line too long, a truncated gzip stream
                        add(unit_key("quarantine", it.reason.encode()), it.source, 0, 1, "quarantine", it.reason)
                    else:
                        add(unit_key("jsonl", it.raw), f"{f.rel}#{it.n}", it.offset, it.length, "jsonl")
                if not cols["key"]:
                    add(unit_key("quarantine", b"empty file"), f.rel, 0, 1, "quarantine", "empty file")
                return cols, []
    try:
        with open(f.path, "rb") as fh:
            data = fh.read()
    except OSError:
        data = b"\0unreadable\0" + str(f.size).encode()
    k = "txt" if kind == "txt" else "file"
    add(unit_key(k, data, f.rel), f.rel, 0, max(f.size, 1), k)
    return cols, []


def scan_units(
    files: list[InputFile], previous: pl.DataFrame | None, prev_files: pl.DataFrame | None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Units of every input file; files whose size and mtime match the previous manifest are not read."""
    reuse: dict[str, tuple[int, int]] = {}
    if previous is not None and prev_files is not None and dict(previous.schema) == UNIT_SCHEMA:
        reuse = {r: (s, m) for r, s, m in prev_files.iter_rows()}
    stats = {k: [] for k in FILE_SCHEMA}
    frames: list[pl.DataFrame] = []
    reused: list[str] = []
    for f in files:
        try:
            mtime = os.stat(f.path).st_mtime_ns
        except OSError:
            mtime = -1
        stats["rel"].append(f.rel)
        stats["size"].append(f.size)
        stats["mtime_ns"].append(mtime)
        if reuse.get(f.rel) == (f.size, mtime) and mtime >= 0:
            reused.append(f.rel)
            continue
        cols, _ = units_of_file(f)
        frames.append(pl.DataFrame(cols, schema=UNIT_SCHEMA))
    if reused:
        frames.append(previous.filter(pl.col("rel").is_in(pl.Series(reused, dtype=pl.String).implode())))
    units = pl.concat(frames, how="vertical") if frames else pl.DataFrame(schema=UNIT_SCHEMA)
    return units.sort(["rel", "offset"]), pl.DataFrame(stats, schema=FILE_SCHEMA)


def read_manifest(work: Path) -> tuple[pl.DataFrame | None, pl.DataFrame | None]:
    """The previous build's unit manifest, or (None, None) when there is none (every input is hashed again)."""
    if not (work / "manifest.parquet").exists() or not (work / "manifest_files.parquet").exists():
        return None, None
    try:
        return pl.read_parquet(work / "manifest.parquet"), pl.read_parquet(work / "manifest_files.parquet")
    except (OSError, pl.exceptions.PolarsError) as e:  # a damaged cache costs time, never rows
        log.warning("unit manifest in %s unreadable (%s): hashing every input again", work, type(e).__name__)
        return None, None


def write_manifest(work: Path, units: pl.DataFrame, files: pl.DataFrame) -> None:
    work.mkdir(parents=True, exist_ok=True)
    for name, df in (("manifest.parquet", units), ("manifest_files.parquet", files)):
        tmp = work / (name + ".tmp")
        df.write_parquet(tmp)
        os.replace(tmp, work / name)


def read_units(root: str, spec: pl.DataFrame) -> Iterator[tuple[str, RawDoc | Quarantined]]:
    """(unit key, document) for every unit of a part spec (columns of UNIT_SCHEMA plus `path`)."""
    handles: dict[str, object] = {}
    try:
        for r in spec.iter_rows(named=True):
            path = r.get("path") or str(Path(root) / r["rel"])
            if r["kind"] == "quarantine":
                yield r["key"], Quarantined(r["source"], "ingest", r["reason"])
            elif r["kind"] == "jsonl":
                try:
                    fh = handles.get(path)
                    if fh is None:
                        fh = handles[path] = open_jsonl(path)
                    fh.seek(r["offset"])
                    raw = fh.read(r["length"])
                except STREAM_ERRORS as e:
                    yield r["key"], Quarantined(r["source"], "ingest", f"unreadable: {type(e).__name__}")
                    continue
                yield r["key"], json_line_doc(r["source"], json_line_bytes(raw, r["source"].endswith("#1")))
            else:
                for doc in read_input(InputFile(path, r["rel"], r["length"])):
                    yield r["key"], doc
    finally:
        for fh in handles.values():
            fh.close()


def spill_compressed(units: pl.DataFrame, root: str, spill_dir: Path) -> pl.DataFrame:
    """Copy the JSON lines of gzip files that must be extracted into plain files (one read per file)
    so that extraction tasks can seek to them; returns the units with `path`/`offset` pointing there."""
    gz = units.filter((pl.col("kind") == "jsonl") & pl.col("rel").str.to_lowercase().str.ends_with(".gz"))
    if gz.height == 0:
        return units.with_columns(pl.lit(None, pl.String).alias("path"))
    spill_dir.mkdir(parents=True, exist_ok=True)
    moved: dict[tuple[str, int], tuple[str, int]] = {}
    for rel, grp in gz.group_by("rel", maintain_order=True):
        rel = rel[0]
        want = dict(zip(grp["offset"].to_list(), grp["length"].to_list()))
        target = spill_dir / (hashlib.sha256(rel.encode()).hexdigest()[:16] + ".jsonl")
        pos = 0
        with open_jsonl(str(Path(root) / rel)) as src, open(target, "wb") as dst:
            offset = 0
            try:
                for line in src:
                    if offset in want:
                        dst.write(line)
                        moved[(rel, offset)] = (str(target), pos)
                        pos += len(line)
                    offset += len(line)
            except STREAM_ERRORS:
                pass  # a truncated stream: its lines before the break were planned, the rest never were
    paths, offsets = [], []
    for rel, off, kind in zip(units["rel"].to_list(), units["offset"].to_list(), units["kind"].to_list()):
        m = moved.get((rel, off)) if kind == "jsonl" else None
        paths.append(m[0] if m else None)
        offsets.append(m[1] if m else off)
    return units.with_columns(pl.Series("path", paths, dtype=pl.String), pl.Series("offset", offsets, dtype=pl.Int64))
