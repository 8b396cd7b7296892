"""Resolved rows -> the published tables, validated.

`build_tables` takes the batch folders written by `process_batch`, resolves actors and events across
the whole corpus, assigns stable ids, and validates every table against its pandera model. Rows that
fail a check go to `quarantine` with the check's name and reason; the good rows are kept.
"""
from __future__ import annotations

from pathlib import Path

import pandera.polars as pa
import polars as pl

import schemas
from pantau.frames import read_batches
from pantau.resolve import resolve_actors, resolve_events, stable_id

try:
    from pantau import regions as _regions
except ImportError:  # pragma: no cover
    _regions = None


def region_name(code: str | None) -> str | None:
    if not code or _regions is None:
        return None
    r = _regions.get_region(code)
    return r.name if r else None


def _frame(table: str, rows: list[dict] | pl.DataFrame) -> pl.DataFrame:
    cols = schemas.columns(table)
    schema = {n: dt for n, dt, _, _ in cols}
    if isinstance(rows, pl.DataFrame):
        return rows.select([pl.col(n).cast(d) if n in rows.columns else pl.lit(None, d).alias(n) for n, d in schema.items()])
    if not rows:
        return pl.DataFrame(schema=schema)
    return pl.DataFrame([{c: r.get(c) for c in schema} for r in rows], schema=schema, orient="row")


def build_tables(batch_folders: list[Path]) -> dict[str, pl.DataFrame]:
    """The seven output tables (five contract tables, actor_mentions, quarantine) from batch outputs."""
    arts = read_batches(batch_folders, "articles")
    # the same text in two batches is one article: keep the first source path in sort order
    arts = arts.sort(["article_id", "source_path"]).unique("article_id", keep="first", maintain_order=True)
    arts = arts.with_columns(pl.col("region_code").map_elements(region_name, return_dtype=pl.String).alias("region"))
    kept = set(arts["article_id"].to_list())
    first_source = dict(zip(arts["article_id"].to_list(), arts["source_path"].to_list()))

    def only_kept(df: pl.DataFrame) -> pl.DataFrame:
        # rows from a duplicate copy of an article are dropped: the kept copy has identical rows
        return df.filter(pl.col("article_id").is_in(list(kept)))

    loc_actors = only_kept(read_batches(batch_folders, "actors")).unique(["article_id", "local_key"], keep="first")
    actors, id_map = resolve_actors(loc_actors.to_dicts(), region_name)

    mentions = only_kept(read_batches(batch_folders, "mentions")).unique(["article_id", "char_start", "char_end"])
    mrows = []
    for r in mentions.iter_rows(named=True):
        aid = id_map.get((r["article_id"], r["local_key"]))
        if aid:
            mrows.append({"mention_id": stable_id(r["article_id"], r["char_start"], r["char_end"]),
                          "article_id": r["article_id"], "actor_id": aid, "text": r["text"],
                          "char_start": r["char_start"], "char_end": r["char_end"]})
    stmts = only_kept(read_batches(batch_folders, "statements")).unique(["article_id", "char_start", "char_end", "kind"])
    srows = []
    for r in stmts.iter_rows(named=True):
        srows.append({"statement_id": stable_id(r["article_id"], r["char_start"], r["char_end"], r["kind"]),
                      "article_id": r["article_id"],
                      "speaker_actor_id": id_map.get((r["article_id"], r["local_key"])) if r["local_key"] else None,
                      "speaker_label": r["speaker_label"], "text": r["text"], "kind": r["kind"],
                      "char_start": r["char_start"], "char_end": r["char_end"], "cue": r["cue"]})
    evs = only_kept(read_batches(batch_folders, "events")).unique(["article_id", "event_type"], keep="first")
    events = resolve_events(evs.to_dicts(), id_map, region_name)
    inds = only_kept(read_batches(batch_folders, "indicators")).unique(["article_id", "value_start", "value_end"])
    irows = []
    for r in inds.iter_rows(named=True):
        irows.append({"indicator_id": stable_id(r["article_id"], r["value_start"], r["value_end"]),
                      "article_id": r["article_id"], "metric": r["metric"], "value": r["value"], "unit": r["unit"],
                      "region": region_name(r["region_code"]), "region_code": r["region_code"],
                      "source_actor_id": id_map.get((r["article_id"], r["source_key"])) if r["source_key"] else None,
                      "text": r["text"], "char_start": r["char_start"], "char_end": r["char_end"]})
    quarantine = read_batches(batch_folders, "quarantine")
    tables = {
        "articles": _frame("articles", arts),
        "actors": _frame("actors", actors),
        "actor_mentions": _frame("actor_mentions", mrows),
        "statements": _frame("statements", srows),
        "events": _frame("events", events),
        "indicators": _frame("indicators", irows),
    }
    q_rows = quarantine.to_dicts()
    tables, failed = validate_tables(tables)
    q_rows.extend(failed)
    for q in q_rows:
        q["quarantine_id"] = stable_id(q["source"], q["table"], q["stage"], q["check"], q["reason"])
    tables["quarantine"] = _frame("quarantine", q_rows).unique("quarantine_id", keep="first")
    return {k: sort_table(k, v) for k, v in tables.items()}


def sort_table(table: str, df: pl.DataFrame) -> pl.DataFrame:
    """Deterministic row order: by primary key (ids are content hashes)."""
    return df.sort(schemas.PRIMARY_KEYS[table])


def _offset_failures(df: pl.DataFrame, bodies: pl.DataFrame, table: str) -> pl.DataFrame:
    """Rows whose offsets fall outside the body or whose slice differs from `text`."""
    j = df.with_row_index("_row").join(bodies, on="article_id", how="left")
    bad = j.filter(
        pl.col("body").is_null()
        | (pl.col("char_start") < 0) | (pl.col("char_end") > pl.col("body").str.len_chars())
        | (pl.col("char_end") <= pl.col("char_start"))
        | (pl.col("body").str.slice(pl.col("char_start"), pl.col("char_end") - pl.col("char_start")) != pl.col("text"))
    )
    return bad.select("_row", pl.when(pl.col("body").is_null()).then(pl.lit("article_fk"))
                      .otherwise(pl.lit("offsets_match_body")).alias("check"))


def validate_tables(tables: dict[str, pl.DataFrame]) -> tuple[dict[str, pl.DataFrame], list[dict]]:
    """Check offsets and foreign keys (polars joins), then each pandera model; failing rows are removed."""
    failed: list[dict] = []
    bodies = tables["articles"].select("article_id", "body")
    actor_ids = tables["actors"]["actor_id"]
    article_ids = tables["articles"]["article_id"]
    pk = schemas.PRIMARY_KEYS
    for t in ("actor_mentions", "statements", "indicators"):
        df = tables[t]
        bad = _offset_failures(df, bodies, t)
        fk_col = {"actor_mentions": "actor_id", "statements": "speaker_actor_id", "indicators": "source_actor_id"}[t]
        fk_bad = df.with_row_index("_row").filter(pl.col(fk_col).is_not_null() & ~pl.col(fk_col).is_in(actor_ids.implode())) \
            .select("_row", pl.lit("actor_fk").alias("check"))
        bad = pl.concat([bad, fk_bad])
        if bad.height:
            rows = set(bad["_row"].to_list())
            checks = dict(zip(bad["_row"].to_list(), bad["check"].to_list()))
            for i, r in enumerate(df.iter_rows(named=True)):
                if i in rows:
                    failed.append({"source": r["article_id"], "table": t, "stage": "validate", "check": checks[i],
                                   "reason": f"{checks[i]} failed for {pk[t]}={r[pk[t]]}"})
            tables[t] = df.with_row_index("_row").filter(~pl.col("_row").is_in(list(rows))).drop("_row")
    ev = tables["events"]
    bad_ev = ev.with_row_index("_row").filter(
        pl.col("article_ids").list.eval(pl.element().is_in(article_ids.implode())).list.all().not_()
        | pl.col("organizer_actor_ids").list.eval(pl.element().is_in(actor_ids.implode())).list.all().not_())
    if bad_ev.height:
        for r in bad_ev.iter_rows(named=True):
            failed.append({"source": r["event_id"], "table": "events", "stage": "validate", "check": "article_or_actor_fk",
                           "reason": f"event {r['event_id']} names an unknown article or actor"})
        tables["events"] = ev.filter(~pl.col("event_id").is_in(bad_ev["event_id"].implode()))
    for t, df in list(tables.items()):
        model = schemas.MODELS[t]
        try:
            model.validate(df, lazy=True)
        except pa.errors.SchemaErrors as e:
            fc = e.failure_cases
            idx = fc.filter(pl.col("index").is_not_null())
            bad_rows = sorted(set(idx["index"].to_list()))
            for r in idx.unique(["index", "check"]).sort(["index", "check"]).iter_rows(named=True):
                row = df.row(r["index"], named=True)
                failed.append({"source": row.get("article_id") or row[pk[t]], "table": t, "stage": "validate",
                               "check": str(r["check"]), "reason": f"{r['column']}: {str(r['failure_case'])[:80]}"})
            if idx.height == 0 and fc.height:  # a table-level failure (wrong column type): fail the build loudly
                raise RuntimeError(f"{t} does not match its schema: {fc.head(3)}") from None
            tables[t] = df.with_row_index("_row").filter(~pl.col("_row").is_in(bad_rows)).drop("_row")
    return tables, failed
