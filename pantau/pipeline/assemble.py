"""Resolved rows -> the published tables, validated, in memory bounded by the resolution state.

`assemble` takes the extracted parts (see `pantau.pipeline.build`) and the live input units, and
1. picks one copy of every article (the same text twice is one article: the first source path wins),
2. resolves actors across the corpus from per-part statistics (`pantau.pipeline.resolve.ActorResolver`),
3. resolves events (few rows: one list) and their `event_mentions` (one per article-level event),
4. streams mentions, statements, indicators and articles part by part: ids, offsets and foreign-key
   checks, then into id-range buckets on disk,
5. validates each bucket against its pandera model and sorts it: the buckets in order are the table
   sorted by id, written as Parquet parts.
Rows that fail a check go to `quarantine` with the check's name and reason; the good rows are kept.
The output depends only on the set of live units, never on how units were grouped into parts, which
is what makes incremental builds byte-identical to full ones.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandera.polars as pa
import polars as pl

import schemas
from pantau.pipeline import regions as _regions
from pantau.pipeline.fingerprint import assembly_fingerprint
from pantau.pipeline.parts import STAGED_SCHEMAS, read_part
from pantau.pipeline.resolve import ActorResolver, region_names, resolve_events_with_mentions, stable_id

# the tables assembled part by part into id-range buckets on disk (see `schemas.registry.Table.bucketed`)
BIG_TABLES = tuple(t.name for t in schemas.all_tables() if t.bucketed)
SPILL_ROWS_BYTES = 96 * 1024 * 1024  # flush bucket buffers to disk beyond this


def region_name(code: str | None) -> str | None:
    """The gazetteer name of a region code (None when empty or unknown)."""
    if not code:
        return None
    region = _regions.get_region(code)
    return region.name if region else None


def _region_names(codes: pl.Series) -> pl.DataFrame:
    """`region_code` -> `region` for the distinct non-empty codes."""
    return region_names(codes, region_name)


def _with_levels(df: pl.DataFrame) -> pl.DataFrame:
    """`df` with `regency_code` and `province_code` rolled up from `region_code` (the same rule for articles,
    actors, events and indicators: `regions.level_codes`)."""
    return df.with_columns(_regions.level_codes("region_code"))


def _frame(table: str, rows: list[dict] | pl.DataFrame) -> pl.DataFrame:
    """`rows` with exactly the columns and types of `table` (missing columns null)."""
    schema = {name: dtype for name, dtype, _, _ in schemas.columns(table)}
    if isinstance(rows, pl.DataFrame):
        return rows.select(
            [
                pl.col(name).cast(dtype) if name in rows.columns else pl.lit(None, dtype).alias(name)
                for name, dtype in schema.items()
            ]
        )
    if not rows:
        return pl.DataFrame(schema=schema)
    return pl.DataFrame([{col: row.get(col) for col in schema} for row in rows], schema=schema, orient="row")


def sort_table(table: str, df: pl.DataFrame) -> pl.DataFrame:
    """Deterministic row order: by the table's sort key, its primary key (ids are content hashes)."""
    return df.sort(list(schemas.table(table).sort_key))


def _ids(*cols: pl.Series) -> list[str]:
    return [stable_id(*parts) for parts in zip(*(c.to_list() for c in cols))]


class PartedTable:
    """A table kept on disk as sorted Parquet buckets (in id order), read a slice at a time.

    It offers what `pantau.pipeline.store.publish_build` uses of a polars DataFrame (`height`, `slice`,
    `write_parquet`), so the warehouse is written without holding the whole table in memory.
    """

    def __init__(self, files: list[Path], schema: dict[str, pl.DataType]):
        self.files = [Path(f) for f in files]
        self.schema = pl.Schema(schema)
        self.columns = list(schema)
        self.height = sum(pl.scan_parquet(f).select(pl.len()).collect().item() for f in self.files)

    def __len__(self) -> int:
        return self.height

    def lazy(self) -> pl.LazyFrame:
        if not self.files:
            return pl.DataFrame(schema=self.schema).lazy()
        return pl.scan_parquet(self.files)

    def slice(self, offset: int, length: int | None = None) -> pl.DataFrame:
        return self.lazy().slice(offset, length).collect()

    def collect(self) -> pl.DataFrame:
        return self.lazy().collect()

    def __getitem__(self, col: str) -> pl.Series:
        return self.lazy().select(col).collect()[col]

    def iter_rows(self, named: bool = False):
        for f in self.files:
            yield from pl.read_parquet(f).iter_rows(named=named)

    def write_parquet(self, path, **kw) -> None:
        self.collect().write_parquet(path, **kw)


class _Buckets:
    """Rows of one table, routed by id prefix into `n` ranges and spilled to disk in chunks."""

    def __init__(self, table: str, folder: Path, n: int):
        self.table, self.folder, self.n = table, folder, n
        self.pk = schemas.table(table).primary_key
        self.buf: list[pl.DataFrame] = []
        self.bytes = 0
        self.flushes = 0
        folder.mkdir(parents=True, exist_ok=True)

    def add(self, df: pl.DataFrame) -> None:
        if df.height:
            self.buf.append(df)
            self.bytes += df.estimated_size()
            if self.bytes > SPILL_ROWS_BYTES // len(BIG_TABLES):
                self.flush()

    def flush(self) -> None:
        if not self.buf:
            return
        df = pl.concat(self.buf, how="vertical")
        self.buf, self.bytes = [], 0
        if self.n == 1:
            df.write_parquet(self.folder / f"b00000-{self.flushes:05d}.parquet")
        else:
            # the id's first 32 bits, scaled to 0..n-1: ids are uniform hashes, so the buckets are even
            bucket = (pl.col(self.pk).str.slice(0, 8).str.to_integer(base=16).cast(pl.UInt64) * self.n) // (1 << 32)
            for (i,), part in df.with_columns(bucket.alias("_b")).group_by("_b"):
                part.drop("_b").write_parquet(self.folder / f"b{i:05d}-{self.flushes:05d}.parquet")
        self.flushes += 1

    def finish(self, failed: list[dict]) -> PartedTable:
        """Validate and sort every bucket; returns the table as sorted bucket files."""
        self.flush()
        out_dir = self.folder / "final"
        out_dir.mkdir(exist_ok=True)
        files = []
        schema = {n: dt for n, dt, _, _ in schemas.columns(self.table)}
        for i in range(self.n):
            chunks = sorted(self.folder.glob(f"b{i:05d}-*.parquet"))
            if not chunks:
                continue
            df = pl.concat([pl.read_parquet(c) for c in chunks], how="vertical")
            df, bad = _validate_model(self.table, df)
            failed.extend(bad)
            p = out_dir / f"b{i:05d}.parquet"
            sort_table(self.table, df).write_parquet(p)
            files.append(p)
            for c in chunks:
                c.unlink()
        return PartedTable(files, schema)


def _validate_model(table: str, df: pl.DataFrame) -> tuple[pl.DataFrame, list[dict]]:
    """The pandera model of `table`; failing rows are removed and reported."""
    failed: list[dict] = []
    entry = schemas.table(table)
    try:
        entry.model.validate(df, lazy=True)
    except pa.errors.SchemaErrors as e:
        cases = e.failure_cases
        row_cases = cases.filter(pl.col("index").is_not_null())
        bad_rows = sorted(set(row_cases["index"].to_list()))
        for case in row_cases.unique(["index", "check"]).sort(["index", "check"]).iter_rows(named=True):
            row = df.row(case["index"], named=True)
            failed.append(
                {
                    "source": row.get("article_id") or row[entry.primary_key],
                    "table": table,
                    "stage": "validate",
                    "check": str(case["check"]),
                    "reason": f"{case['column']}: {str(case['failure_case'])[:80]}",
                }
            )
        if row_cases.height == 0 and cases.height:  # a table-level failure (wrong column type): fail the build loudly
            raise RuntimeError(f"{table} does not match its schema: {cases.head(3)}") from None
        df = df.with_row_index("_row").filter(~pl.col("_row").is_in(bad_rows)).drop("_row")
    return df, failed


def _offset_flags(df: pl.DataFrame, bodies: pl.DataFrame) -> pl.DataFrame:
    """Add `_chk`: `article_fk` (no such article), `offsets_match_body` (the offsets do not slice `text`
    out of the body) or null."""
    joined = df.with_row_index("_r").join(bodies, on="article_id", how="left").sort("_r")
    bad = (
        pl.col("body").is_null()
        | (pl.col("char_start") < 0)
        | (pl.col("char_end") > pl.col("body").str.len_chars())
        | (pl.col("char_end") <= pl.col("char_start"))
        | (pl.col("body").str.slice(pl.col("char_start"), pl.col("char_end") - pl.col("char_start")) != pl.col("text"))
    )
    return joined.with_columns(
        pl.when(pl.col("body").is_null())
        .then(pl.lit("article_fk"))
        .when(bad)
        .then(pl.lit("offsets_match_body"))
        .otherwise(pl.lit(None, pl.String))
        .alias("_chk")
    ).drop("_r", "body")


def _apply_checks(table: str, df: pl.DataFrame, actor_ids: pl.Series) -> tuple[pl.DataFrame, list[dict]]:
    """The actor must exist (a failed actor check wins over an offsets one); failing rows are removed
    and reported, the rest become `table`."""
    entry = schemas.table(table)
    pk = entry.primary_key
    fk_col = next(fk.column for fk in entry.foreign_keys if fk.ref_table == "actors")
    df = df.with_columns(
        pl.when(pl.col(fk_col).is_not_null() & ~pl.col(fk_col).is_in(actor_ids.implode()))
        .then(pl.lit("actor_fk"))
        .otherwise(pl.col("_chk"))
        .alias("_chk")
    )
    bad = df.filter(pl.col("_chk").is_not_null())
    failed = [
        {
            "source": row["article_id"],
            "table": table,
            "stage": "validate",
            "check": row["_chk"],
            "reason": f"{row['_chk']} failed for {pk}={row[pk]}",
        }
        for row in bad.select("article_id", pk, "_chk").iter_rows(named=True)
    ]
    return _frame(table, df.filter(pl.col("_chk").is_null())), failed


def _row_checks(
    table: str, df: pl.DataFrame, bodies: pl.DataFrame, actor_ids: pl.Series
) -> tuple[pl.DataFrame, list[dict]]:
    """Offsets must slice `text` out of the article body; the actor must exist."""
    return _apply_checks(table, _offset_flags(df, bodies), actor_ids)


def _slice_mismatch(text: str, start: str, end: str) -> pl.Expr:
    """True where offsets `start`/`end` are given but do not cut `text` out of `body` (null offsets: False)."""
    length = pl.col(end) - pl.col(start)
    return pl.col(start).is_not_null() & (
        (pl.col(start) < 0)
        | pl.col(end).is_null()
        | (pl.col(end) > pl.col("body").str.len_chars())
        | (length <= 0)
        | (pl.col("body").str.slice(pl.col(start), length) != pl.col(text)).fill_null(True)
    ).fill_null(True)


def _event_mention_checks(
    mentions: pl.DataFrame, bodies: pl.DataFrame, event_ids: pl.Series
) -> tuple[pl.DataFrame, list[dict]]:
    """The evidence checks of `event_mentions`: the event and the article exist, the trigger offsets cut
    `text` out of the body and the date offsets cut `date_text`; failing rows are removed and reported."""
    joined = mentions.with_row_index("_r").join(bodies, on="article_id", how="left").sort("_r")
    checked = joined.with_columns(
        pl.when(~pl.col("event_id").is_in(event_ids.implode()))
        .then(pl.lit("event_fk"))
        .when(pl.col("body").is_null())
        .then(pl.lit("article_fk"))
        .when(_slice_mismatch("text", "char_start", "char_end"))
        .then(pl.lit("offsets_match_body"))
        .when(_slice_mismatch("date_text", "date_start", "date_end"))
        .then(pl.lit("date_offsets_match_body"))
        .otherwise(pl.lit(None, pl.String))
        .alias("_chk")
    )
    failed = [
        {
            "source": row["article_id"],
            "table": "event_mentions",
            "stage": "validate",
            "check": row["_chk"],
            "reason": f"{row['_chk']} failed for mention_id={row['mention_id']}",
        }
        for row in checked.filter(pl.col("_chk").is_not_null()).iter_rows(named=True)
    ]
    return _frame("event_mentions", checked.filter(pl.col("_chk").is_null())), failed


def _event_checks(
    events: pl.DataFrame, article_ids: pl.Series, actor_ids: pl.Series
) -> tuple[pl.DataFrame, list[dict]]:
    """Every article and organizer an event names must exist."""
    bad_ev = events.filter(
        pl.col("article_ids").list.eval(pl.element().is_in(article_ids.implode())).list.all().not_()
        | pl.col("organizer_actor_ids").list.eval(pl.element().is_in(actor_ids.implode())).list.all().not_()
    )
    failed = [
        {
            "source": row["event_id"],
            "table": "events",
            "stage": "validate",
            "check": "article_or_actor_fk",
            "reason": f"event {row['event_id']} names an unknown article or actor",
        }
        for row in bad_ev.iter_rows(named=True)
    ]
    return events.filter(~pl.col("event_id").is_in(bad_ev["event_id"].implode())), failed


def validate_tables(tables: dict[str, pl.DataFrame]) -> tuple[dict[str, pl.DataFrame], list[dict]]:
    """All checks over whole in-memory tables (what `assemble` does part by part and bucket by bucket):
    offsets and foreign keys, then each pandera model; failing rows are removed and reported."""
    failed: list[dict] = []
    tables = dict(tables)
    bodies = tables["articles"].select("article_id", "body")
    actor_ids = tables["actors"]["actor_id"]
    for table in ("actor_mentions", "statements", "indicators"):
        tables[table], bad = _row_checks(table, tables[table], bodies, actor_ids)
        failed.extend(bad)
    tables["events"], bad = _event_checks(tables["events"], tables["articles"]["article_id"], actor_ids)
    failed.extend(bad)
    if "event_mentions" in tables:
        tables["event_mentions"], bad = _event_mention_checks(
            tables["event_mentions"], bodies, tables["events"]["event_id"]
        )
        failed.extend(bad)
    for table, df in list(tables.items()):
        tables[table], bad = _validate_model(table, df)
        failed.extend(bad)
    return tables, failed


_QCOLS = ["source", "table", "stage", "check", "reason"]


def _prepare_part(i: int, reader: _LiveParts) -> dict[str, pl.DataFrame]:
    """Step 4 of `assemble` for one part, up to the actor ids (so it can be cached across builds whose
    actor resolution differs): articles; mentions, statements and indicators deduplicated, with ids
    and offset checks (`_chk`) and their local actor keys; the part's quarantine rows."""
    articles = _part_articles(i, reader)
    bodies = articles.select("article_id", "body")
    return {
        "articles": _frame("articles", articles),
        "actor_mentions": _offset_flags(_part_mentions(reader.kept_rows(i, "mentions")), bodies),
        "statements": _offset_flags(_part_statements(reader.kept_rows(i, "statements")), bodies),
        "indicators": _offset_flags(_part_indicators(reader.kept_rows(i, "indicators")), bodies),
        "quarantine": _part_quarantine(reader.rows(i, "quarantine"), reader.units[i]),
    }


def _part_articles(i: int, reader: _LiveParts) -> pl.DataFrame:
    """The part's kept articles, with the source path of the kept copy and the region name."""
    articles = (
        reader.kept_rows(i, "articles")
        .drop("source_path")
        .join(reader.kept.select("article_id", "source_path"), on="article_id", how="left")
    )
    return _with_levels(articles.join(_region_names(articles["region_code"]), on="region_code", how="left"))


def _part_mentions(mentions: pl.DataFrame) -> pl.DataFrame:
    """One mention per span, with its id."""
    mentions = mentions.sort(["article_id", "char_start", "char_end", "local_key", "text"]).unique(
        ["article_id", "char_start", "char_end"], keep="first", maintain_order=True
    )
    ids = _ids(mentions["article_id"], mentions["char_start"], mentions["char_end"])
    mentions = mentions.with_columns(pl.Series("mention_id", ids, dtype=pl.String))
    return mentions.select("mention_id", "article_id", "local_key", "text", "char_start", "char_end")


def _part_statements(statements: pl.DataFrame) -> pl.DataFrame:
    """One statement per span and kind, with its id."""
    statements = statements.sort(
        ["article_id", "char_start", "char_end", "kind", "local_key", "text"], nulls_last=True
    ).unique(["article_id", "char_start", "char_end", "kind"], keep="first", maintain_order=True)
    ids = _ids(statements["article_id"], statements["char_start"], statements["char_end"], statements["kind"])
    statements = statements.with_columns(pl.Series("statement_id", ids, dtype=pl.String))
    return statements.select(
        "statement_id", "article_id", "local_key", "speaker_label", "text", "kind", "char_start", "char_end", "cue"
    )


def _part_indicators(indicators: pl.DataFrame) -> pl.DataFrame:
    """One indicator per value span, with its id and region name."""
    indicators = indicators.sort(["article_id", "value_start", "value_end", "char_start", "char_end", "metric"]).unique(
        ["article_id", "value_start", "value_end"], keep="first", maintain_order=True
    )
    indicators = _with_levels(indicators.join(_region_names(indicators["region_code"]), on="region_code", how="left"))
    ids = _ids(indicators["article_id"], indicators["value_start"], indicators["value_end"])
    indicators = indicators.with_columns(pl.Series("indicator_id", ids, dtype=pl.String))
    return indicators.select(
        "indicator_id",
        "article_id",
        "metric",
        "value",
        "unit",
        "region",
        "region_code",
        "regency_code",
        "province_code",
        "source_key",
        "text",
        "char_start",
        "char_end",
    )


def _part_quarantine(quarantine: pl.DataFrame, units: pl.DataFrame) -> pl.DataFrame:
    """Quarantine rows of live units; a row about the unit itself is repeated for each place it is at now."""
    quarantine = quarantine.join(
        units.select(pl.col("key").alias("input_key"), "source0", "sources"), on="input_key", how="left"
    )
    quarantine = quarantine.with_columns(
        pl.when(pl.col("source") == pl.col("source0"))
        .then(pl.col("sources"))
        .otherwise(pl.concat_list(pl.col("source")))
        .alias("source")
    ).explode("source")
    return quarantine.select(_QCOLS)


def _finish_part(
    pre: dict[str, pl.DataFrame], local_map: pl.DataFrame, actor_ids: pl.Series
) -> tuple[dict[str, pl.DataFrame], list[dict]]:
    """Attach the resolved actor ids to a prepared part and run the remaining checks."""
    failed: list[dict] = []
    mentions = pre["actor_mentions"].join(local_map, on=["article_id", "local_key"], how="inner", maintain_order="left")
    statements = pre["statements"].join(
        local_map.rename({"actor_id": "speaker_actor_id"}),
        on=["article_id", "local_key"],
        how="left",
        maintain_order="left",
    )
    indicators = pre["indicators"].join(
        local_map.rename({"local_key": "source_key", "actor_id": "source_actor_id"}),
        on=["article_id", "source_key"],
        how="left",
        maintain_order="left",
    )
    out = {"articles": pre["articles"], "quarantine": pre["quarantine"]}
    for table, df in (("actor_mentions", mentions), ("statements", statements), ("indicators", indicators)):
        out[table], bad = _apply_checks(table, df, actor_ids)
        failed.extend(bad)
    return out, failed


def _digest(*parts: bytes) -> str:
    """A short hex digest of the parts' digests (so part boundaries cannot collide)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()[:24]


def _frame_digest(df: pl.DataFrame) -> bytes:
    """Order-independent digest of a frame's rows (same polars version, same process or not)."""
    if df.height == 0:
        return str(df.schema).encode()
    # text, not IPC: Arrow string views make IPC bytes depend on how a frame was built
    return df.sort(df.columns, nulls_last=True).write_ndjson().encode("utf-8")


def code_fingerprint() -> str:
    """The code, lexicons and library versions that shape cached per-part assembly results: any change
    recomputes them (`pantau.pipeline.fingerprint.assembly_fingerprint`)."""
    return assembly_fingerprint()


class _LiveParts:
    """The extracted parts read back for the live input units only: a unit extracted into several parts
    belongs to the first part by name. Once `keep_articles` has run, `kept_rows` also keeps one copy of
    each article."""

    def __init__(self, parts: list[Path], live: pl.DataFrame):
        self.paths = sorted(Path(p) for p in parts)
        self.units = _units_by_part(self.paths, live)
        self.kept = pl.DataFrame(schema={"article_id": pl.String, "input_key": pl.String, "source_path": pl.String})

    def __len__(self) -> int:
        return len(self.paths)

    def rows(self, i: int, key: str, columns: list[str] | None = None) -> pl.DataFrame:
        """Rows `key` of part `i` that belong to its live units (`columns` and `input_key`, or all)."""
        if columns is not None:
            columns = sorted(set(columns) | {"input_key"}, key=list(STAGED_SCHEMAS[key]).index)
        df = read_part(self.paths[i], key, columns)
        return df.join(self.units[i].select(pl.col("key").alias("input_key")), on="input_key", how="semi")

    def kept_rows(self, i: int, key: str, columns: list[str] | None = None) -> pl.DataFrame:
        """Like `rows`, restricted to the kept copy of each article."""
        kept_pairs = self.kept.select("article_id", "input_key")
        return self.rows(i, key, columns).join(kept_pairs, on=["article_id", "input_key"], how="semi")

    def keep_articles(self) -> None:
        """Step 1: one copy of each article, the one at the smallest current source path."""
        candidates = [self._article_candidates(i) for i in range(len(self))]
        if candidates:
            self.kept = (
                pl.concat(candidates)
                .sort(["article_id", "source_path", "input_key"])
                .unique("article_id", keep="first", maintain_order=True)
            )

    def _article_candidates(self, i: int) -> pl.DataFrame:
        """Every article of part `i` with where its unit is now (the smallest path if it is in several)."""
        articles = self.rows(i, "articles", ["article_id", "source_path"]).join(
            self.units[i].select(pl.col("key").alias("input_key"), "source0", "source_min"),
            on="input_key",
            how="left",
        )
        return articles.select(
            "article_id",
            "input_key",
            pl.when(pl.col("source_path") == pl.col("source0"))
            .then(pl.col("source_min"))
            .otherwise(pl.col("source_path"))
            .alias("source_path"),
        )


def _units_by_part(parts: list[Path], live: pl.DataFrame) -> dict[int, pl.DataFrame]:
    """For each part, the live units it owns: `key`, `source0` (where it was read from when extracted),
    `source_min` and `sources` (where it is now)."""
    sources = live.group_by("key").agg(
        pl.col("source").min().alias("source_min"), pl.col("source").sort().alias("sources")
    )
    owners = [
        pl.read_parquet(p / "units.parquet")
        .join(sources.select("key"), on="key", how="semi")
        .with_columns(pl.lit(i, pl.Int32).alias("part"))
        for i, p in enumerate(parts)
    ]
    owner = (
        pl.concat(owners) if owners else pl.DataFrame(schema={"key": pl.String, "source0": pl.String, "part": pl.Int32})
    )
    del owners
    owner = owner.unique("key", keep="first", maintain_order=True).join(
        sources, on="key", how="left", maintain_order="left"
    )
    # partition_by, not one filter per part: on 1M units each filter kept ~30 MB of the whole frame's
    # string buffers alive (573 parts: the build died at 24 GB)
    by_part = owner.partition_by("part", as_dict=True, include_key=False, maintain_order=True)
    empty = owner.clear().drop("part")
    return {i: by_part.get((i,), empty) for i in range(len(parts))}


class _ResolvedActors:
    """Step 2: actors across the corpus, and the map from each part's local actor keys to their ids."""

    def __init__(self, reader: _LiveParts):
        self.reader = reader
        self.resolver = ActorResolver()
        actor_cols = ["article_id", "local_key", "kind", "name", "role", "region_code", "forms", "unnamed_office"]
        for i in range(len(reader)):
            self.resolver.add(reader.kept_rows(i, "actors", actor_cols))
        self.key_map = self.resolver.finish()
        for i in range(len(reader)):
            names = reader.kept_rows(i, "actors", ["article_id", "kind", "name"])
            self.resolver.add_article_counts(self.resolver.with_keys(names))

    def table(self) -> tuple[pl.DataFrame, list[dict]]:
        """The validated actors table and the rows that failed validation."""
        return _validate_model("actors", _frame("actors", _with_levels(self.resolver.table(region_name))))

    def local_map(self, i: int) -> pl.DataFrame:
        """`article_id`, `local_key` -> `actor_id` for the actors of part `i`."""
        local = self.resolver.with_keys(self.reader.kept_rows(i, "actors", ["article_id", "local_key", "kind", "name"]))
        return local.join(self.key_map, on="key", how="inner").select("article_id", "local_key", "actor_id")


def _assemble_events(
    reader: _LiveParts, actors: _ResolvedActors, actor_ids: pl.Series
) -> tuple[pl.DataFrame, pl.DataFrame, list[dict]]:
    """Step 3: events across the corpus (one list: a few per hundred articles), checked and validated, and
    their mentions (checked against the bodies part by part in step 4, `_EventMentions`)."""
    local_events: list[dict] = []
    for i in range(len(reader)):
        part_events = reader.kept_rows(i, "events")  # several events of one type per article are kept
        if part_events.height:
            local_events.extend(_with_organizer_ids(part_events, actors.local_map(i)).drop("input_key").to_dicts())
    events, mentions = resolve_events_with_mentions(local_events, {}, region_name)
    events = _frame("events", events)
    del local_events
    events = _with_levels(_dateline_regions(events, reader))
    events, failed = _event_checks(events, reader.kept["article_id"], actor_ids)
    events, bad = _validate_model("events", events)
    return events, _frame("event_mentions", mentions), failed + bad


class _EventMentions:
    """Step 4 for `event_mentions`: each part's mentions checked against that part's bodies (no second read
    of the bodies), then the table; a mention whose article is in no part fails `article_fk`."""

    def __init__(self, mentions: pl.DataFrame, event_ids: pl.Series):
        self.mentions, self.event_ids = mentions, event_ids
        self.kept: list[pl.DataFrame] = []
        self.seen: list[pl.Series] = []

    def add(self, articles: pl.DataFrame, failed: list[dict]) -> None:
        bodies = articles.select("article_id", "body")
        part = self.mentions.join(bodies.select("article_id"), on="article_id", how="semi")
        kept, bad = _event_mention_checks(part, bodies, self.event_ids)
        self.kept.append(kept)
        self.seen.append(part["mention_id"])
        failed.extend(bad)

    def finish(self, failed: list[dict]) -> pl.DataFrame:
        seen = pl.concat(self.seen) if self.seen else pl.Series(dtype=pl.String)
        orphans = self.mentions.filter(~pl.col("mention_id").is_in(seen.implode()))
        _, bad = _event_mention_checks(
            orphans, pl.DataFrame(schema={"article_id": pl.String, "body": pl.String}), self.event_ids
        )
        failed.extend(bad)
        table = pl.concat(self.kept) if self.kept else _frame("event_mentions", [])
        table, bad = _validate_model("event_mentions", table)
        failed.extend(bad)
        return sort_table("event_mentions", table)


def _dateline_regions(events: pl.DataFrame, reader: _LiveParts) -> pl.DataFrame:
    """Events whose text names no place take the article's main region, flagged `region_inferred`.

    The rule: extraction already gives an event with no place in its text its article's dateline place
    (and flags it); an event still without a region (a voting day, which happens everywhere, gets no place)
    takes the dateline region of its reporting articles when those that have one all have the same one.
    """
    missing = events.filter(pl.col("region_code").is_null()).select("event_id", "article_ids").explode("article_ids")
    if missing.is_empty():
        return events
    datelines = pl.concat(
        [reader.kept_rows(i, "articles", ["article_id", "region_code"]) for i in range(len(reader))], how="vertical"
    ).filter(pl.col("region_code").is_not_null() & (pl.col("region_code") != ""))
    shared = (
        missing.join(datelines, left_on="article_ids", right_on="article_id", how="inner")
        .group_by("event_id")
        .agg(pl.col("region_code").unique())
        .filter(pl.col("region_code").list.len() == 1)
        .select("event_id", pl.col("region_code").list.first().alias("dateline_code"))
    )
    if shared.is_empty():
        return events
    # an event's region is a regency or city (a province when the place is one), as in `resolve._merged_event`
    regency = (
        shared.select("dateline_code")
        .unique()
        .with_columns(pl.coalesce(_regions.level_codes("dateline_code")[0], "dateline_code").alias("regency"))
    )
    names = region_names(regency["regency"], region_name).rename({"region_code": "regency", "region": "regency_name"})
    filled = shared.join(regency, on="dateline_code", how="left").join(names, on="regency", how="left")
    events = events.join(filled, on="event_id", how="left", maintain_order="left")
    inferred = pl.col("region_code").is_null() & pl.col("regency").is_not_null()
    return events.with_columns(
        pl.when(inferred).then(pl.col("regency_name")).otherwise(pl.col("region")).alias("region"),
        pl.when(inferred).then(pl.col("regency")).otherwise(pl.col("region_code")).alias("region_code"),
        (pl.col("region_inferred") | inferred).alias("region_inferred"),
    ).drop("dateline_code", "regency", "regency_name")


def _with_organizer_ids(events: pl.DataFrame, local_map: pl.DataFrame) -> pl.DataFrame:
    """Add `organizer_ids`: the actor ids of each event's organizer keys (empty list when none resolve)."""
    organizers = (
        events.select("article_id", "event_type", pl.col("organizer_keys").alias("local_key"))
        .explode("local_key")
        .join(local_map, on=["article_id", "local_key"], how="inner")
        .group_by("article_id", "event_type")
        .agg(pl.col("actor_id").alias("organizer_ids"))
    )
    return events.join(organizers, on=["article_id", "event_type"], how="left").with_columns(
        pl.col("organizer_ids").fill_null(pl.lit([], pl.List(pl.String)))
    )


def _part_cache_key(fingerprint: str, i: int, reader: _LiveParts) -> str:
    """What step 4 of part `i` depends on: the code, the part, its live units and its kept articles."""
    units = reader.units[i]
    kept = reader.kept.join(units.select(pl.col("key").alias("input_key")), on="input_key", how="semi")
    return _digest(
        fingerprint.encode(),
        reader.paths[i].name.encode(),
        _frame_digest(units.with_columns(pl.col("sources").list.join("\x00"))),
        _frame_digest(kept),
    )


def _read_cached_part(entry: Path) -> dict[str, pl.DataFrame] | None:
    """A prepared part from the cache, or None when the entry is missing or was never completed."""
    if not (entry / "_SUCCESS").exists():
        return None
    return {table: pl.read_parquet(entry / f"{table}.parquet") for table in (*BIG_TABLES, "quarantine")}


def _write_cached_part(entry: Path, prepared: dict[str, pl.DataFrame]) -> None:
    """Store a prepared part: written beside the entry, marked complete, then renamed into place."""
    tmp = entry.with_name(entry.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for table, df in prepared.items():
        df.write_parquet(tmp / f"{table}.parquet")
    (tmp / "_SUCCESS").write_text("ok")
    shutil.rmtree(entry, ignore_errors=True)
    tmp.rename(entry)


def _prepared_part(
    i: int, reader: _LiveParts, fingerprint: str, cache: Path | None, used_cache: set[str]
) -> dict[str, pl.DataFrame]:
    """Step 4 up to the actor ids for part `i`: read back from the cache when its inputs did not change."""
    if cache is None:
        return _prepare_part(i, reader)
    key = _part_cache_key(fingerprint, i, reader)
    prepared = _read_cached_part(cache / key)
    if prepared is None:
        prepared = _prepare_part(i, reader)
        _write_cached_part(cache / key, prepared)
    used_cache.add(key)
    return prepared


def _quarantine_table(parts: list[pl.DataFrame], extra: list[dict]) -> pl.DataFrame:
    """All quarantine rows, each once, with its id, in table order."""
    qschema = dict.fromkeys(_QCOLS, pl.String)
    rows = pl.DataFrame(extra, schema=qschema, orient="row") if extra else pl.DataFrame(schema=qschema)
    quarantine = pl.concat([df.select(_QCOLS) for df in parts] + [rows], how="vertical")
    ids = _ids(*(quarantine[c] for c in _QCOLS))
    quarantine = quarantine.with_columns(pl.Series("quarantine_id", ids, dtype=pl.String))
    return sort_table("quarantine", _frame("quarantine", quarantine).unique("quarantine_id", keep="first"))


def assemble(
    parts: list[Path],
    live: pl.DataFrame,
    spill: Path,
    extra_quarantine: list[dict],
    n_buckets: int = 1,
    cache: Path | None = None,
    used_cache: set[str] | None = None,
) -> dict[str, pl.DataFrame | PartedTable]:
    """The output tables of `schemas.registry` from the extracted parts.

    `live` has one row per current input unit: `key` (content key) and `source` (where it is now).
    A unit extracted into several parts is read from the first part (by name) only.
    """
    shutil.rmtree(spill, ignore_errors=True)
    spill.mkdir(parents=True)
    used_cache = set() if used_cache is None else used_cache
    reader = _LiveParts(parts, live)
    reader.keep_articles()  # 1. one copy of each article
    resolved = _ResolvedActors(reader)  # 2. actors across the corpus
    actors, failed = resolved.table()
    actor_ids = actors["actor_id"]
    events, mentions, bad = _assemble_events(reader, resolved, actor_ids)  # 3. events
    failed.extend(bad)
    event_mentions = _EventMentions(mentions, events["event_id"])

    # 4. the big tables, part by part, into id-range buckets (a part whose inputs to this step did not
    # change since the last build is read back from the cache instead of being recomputed)
    buckets = {table: _Buckets(table, spill / table, n_buckets) for table in BIG_TABLES}
    quarantine: list[pl.DataFrame] = []
    fingerprint = code_fingerprint()
    for i in range(len(reader)):
        prepared = _prepared_part(i, reader, fingerprint, cache, used_cache)
        out, bad = _finish_part(prepared, resolved.local_map(i), actor_ids)
        failed.extend(bad)
        for table in BIG_TABLES:
            buckets[table].add(out[table])
        event_mentions.add(out["articles"], failed)
        quarantine.append(out["quarantine"])

    tables: dict[str, pl.DataFrame | PartedTable] = {table: buckets[table].finish(failed) for table in BIG_TABLES}
    tables["actors"] = sort_table("actors", actors)
    tables["events"] = sort_table("events", events)
    tables["event_mentions"] = event_mentions.finish(failed)
    tables["quarantine"] = _quarantine_table(quarantine, extra_quarantine + failed)
    return {table: tables[table] for table in schemas.table_names()}
