"""Publish a built warehouse as an open dataset release folder.

    pantau publish --warehouse build --dest release                 # version 0.1.0, or the next one
    pantau publish --warehouse build --dest release --version 1.0.0 --no-bodies

The release folder holds:

    data/<table>/part-00000.parquet   zstd, sorted by primary key; key-value metadata: dataset version,
                                      the build inputs' hash, table name, licence
    datapackage.json                  Frictionless Data Package v2, generated from the pandera models
    README.md                         dataset card (Hugging Face front matter: licence, language, configs)
    CHANGELOG.md                      one entry per version, with row-count differences to the previous one
    SHA256SUMS                        `sha256sum -c SHA256SUMS` checks every other file

Publishing is deterministic: the same warehouse gives a byte-identical folder. Nothing depends on the
wall clock; `created` is (first that applies) the `--created` option, the `SOURCE_DATE_EPOCH`
environment variable (the reproducible-builds convention), the newest date in the data (articles'
publication dates and events' dates: the date the release is "as of"), or the DuckDB file's
modification time (the build's time) when the data has no dates at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

# polars, duckdb and the pandera models load inside the functions: `pantau --help` stays fast
log = logging.getLogger("pantau.release.publish")

ROWS_PER_PART = 250_000
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
BODY_NOTE = (
    "Article titles, bodies and the quoted words in `statements.text` and `indicators.text` are the "
    "news outlets' own text: they stay the outlets' copyright, are included so that every extracted "
    "value can be checked against its sentence, and are not relicensed by CC-BY-4.0."
)
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?$")


class PublishError(RuntimeError):
    """A release that cannot be written; the message is the one-line reason."""


@dataclass
class Release:
    dest: str
    version: str
    created: str
    created_from: str
    rows: dict[str, int]
    files: list[str]
    bytes: int
    inputs_sha256: str
    content_sha256: str
    bodies: bool
    previous_version: str | None = None
    changes: dict[str, int] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# reading the warehouse


def read_tables(db: Path, *, bodies: bool = True) -> dict[str, pl.DataFrame]:
    """Every published table from the DuckDB file, columns in model order, rows sorted by primary key."""
    import duckdb

    import schemas

    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = {}
        for entry in schemas.all_tables():
            columns = [col for col in entry.column_names() if bodies or (entry.name, col) != ("articles", "body")]
            select = ", ".join(f'"{col}"' for col in columns)
            order = ", ".join(f'"{col}"' for col in entry.sort_key)
            try:
                df = con.sql(f'SELECT {select} FROM "{entry.name}" ORDER BY {order}').pl()
            except duckdb.Error as e:
                first_line = str(e).splitlines()[0]
                raise PublishError(f"warehouse {db} has no usable table {entry.name}: {first_line}") from e
            tables[entry.name] = df
        return tables
    finally:
        con.close()


def inputs_sha256(tables: dict[str, pl.DataFrame]) -> str:
    """Hash of the build's inputs as the warehouse knows them.

    sha256 over the sorted `source_path<TAB>article_id` lines of every article (the id is itself a
    sha256 of the article's normalized text) and the sources of inputs quarantined at ingest, so it
    changes whenever an input article's path or text changes, and not when only the extraction does.
    """
    import polars as pl

    articles = tables["articles"].select("source_path", "article_id").iter_rows()
    lines = [f"{source_path}\t{article_id}" for source_path, article_id in articles]
    quarantine = tables["quarantine"]
    if quarantine.height:
        rejected_inputs = quarantine.filter(pl.col("table") == "articles")["source"].to_list()
        lines += [f"quarantined\t{source}" for source in rejected_inputs]
    return hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()


def content_sha256(tables: dict[str, pl.DataFrame]) -> str:
    """Hash of the published rows themselves (independent of version and Parquet encoding)."""
    import schemas

    digest = hashlib.sha256()
    for table in schemas.table_names():
        digest.update(f"\0{table}\0".encode())
        digest.update(tables[table].write_ndjson().encode())
    return digest.hexdigest()


def created_timestamp(tables: dict[str, pl.DataFrame], db: Path, override: str | None = None) -> tuple[str, str]:
    """(`created` as RFC 3339 UTC, where it came from); see the module docstring for the order."""
    if override:
        try:
            when = dt.datetime.fromisoformat(override.replace("Z", "+00:00"))
        except ValueError as e:
            raise PublishError(f"--created {override!r} is not an ISO date or datetime") from e
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), "--created"
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), "SOURCE_DATE_EPOCH"
    dates = []
    for table, column in (("articles", "published_date"), ("events", "start_date"), ("events", "end_date")):
        if column in tables[table].columns:
            newest = tables[table][column].max()
            if newest is not None:
                dates.append(newest)
    if dates:
        return f"{max(dates).isoformat()}T00:00:00Z", "newest date in the data"
    mtime = dt.datetime.fromtimestamp(int(db.stat().st_mtime), dt.UTC)
    return mtime.strftime("%Y-%m-%dT%H:%M:%SZ"), "warehouse build time"


# ---------------------------------------------------------------------------------------------
# the Data Package descriptor, from the pandera models


def field_type(dtype) -> dict:
    """Frictionless field type for a polars dtype (class or instance)."""
    import polars as pl

    if dtype == pl.String or dtype == pl.Categorical or dtype == pl.Enum:
        return {"type": "string"}
    if dtype == pl.Boolean:
        return {"type": "boolean"}
    if dtype == pl.Date:
        return {"type": "date"}
    if dtype == pl.Datetime:
        return {"type": "datetime"}
    if isinstance(dtype, pl.List) or dtype == pl.List:
        inner = getattr(dtype, "inner", pl.String)
        return {"type": "list", "itemType": field_type(inner)["type"]}
    if dtype.is_integer():
        return {"type": "integer"}
    if dtype.is_float():
        return {"type": "number"}
    return {"type": "any"}


def _constraints(column_model, *, nullable: bool, is_primary_key: bool) -> dict:
    """Frictionless constraints of one column: required, unique, and what its pandera checks allow."""
    constraints: dict = {}
    if not nullable:
        constraints["required"] = True
    if is_primary_key or column_model.unique:
        constraints["unique"] = True
    for check in column_model.checks:
        stats = check.statistics or {}
        if check.name == "isin":
            constraints["enum"] = list(stats["allowed_values"])
        elif check.name == "greater_than_or_equal_to":
            constraints["minimum"] = stats["min_value"]
        elif check.name == "str_length":
            if stats.get("min_value") is not None:
                constraints["minLength"] = stats["min_value"]
            if stats.get("max_value") is not None:
                constraints["maxLength"] = stats["max_value"]
    return constraints


def table_schema(table: str, *, bodies: bool = True) -> dict:
    """Table Schema (fields with types, descriptions, constraints; primaryKey; foreignKeys) of a table."""
    import schemas

    entry = schemas.table(table)
    column_models = entry.model.to_schema().columns
    fields = []
    for name, dtype, nullable, description in entry.columns():
        if not bodies and (table, name) == ("articles", "body"):
            continue
        field_spec: dict = {"name": name, **field_type(dtype), "description": description}
        constraints = _constraints(column_models[name], nullable=nullable, is_primary_key=name == entry.primary_key)
        if constraints:
            field_spec["constraints"] = constraints
        fields.append(field_spec)
    schema: dict = {"fields": fields, "primaryKey": [entry.primary_key]}
    foreign_keys = [
        {"fields": [column], "reference": {"resource": ref_table, "fields": [ref_column]}}
        for column, ref_table, ref_column in entry.foreign_keys
    ]
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return schema


def sha256_file(path: Path) -> str:
    """sha256 of a file, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _digest_and_size(parts: list[Path]) -> tuple[str, int]:
    """sha256 and byte size of a resource; a multipart one is hashed and sized as its parts concatenated."""
    if len(parts) == 1:
        return sha256_file(parts[0]), parts[0].stat().st_size
    digest = hashlib.sha256()  # the Data Package spec reads a multipart resource as one stream
    for part in parts:
        digest.update(part.read_bytes())
    return digest.hexdigest(), sum(part.stat().st_size for part in parts)


def _resource_description(entry, *, bodies: bool) -> str:
    """The registry's table description, plus what a reader of this release must know about that table."""
    description = entry.description
    if entry.name == "articles":
        if bodies:
            description += " " + BODY_NOTE
        else:
            description += (
                " Published without `body` (--no-bodies): offsets in other tables point into the text at the "
                "article's source."
            )
    if entry.name == "events":
        description += " `organizer_actor_ids` and `article_ids` hold keys of actors and articles."
    return description


def _resource(entry, parts: list[Path], root: Path, *, bodies: bool) -> dict:
    """One table's entry in `resources`: where its Parquet parts are, their hash and size, and its schema."""
    paths = [part.relative_to(root).as_posix() for part in parts]
    digest, size = _digest_and_size(parts)
    return {
        "name": entry.name,
        "type": "table",
        "title": entry.name.replace("_", " "),
        "description": _resource_description(entry, bodies=bodies),
        "path": paths[0] if len(paths) == 1 else paths,
        "format": "parquet",
        "mediatype": "application/vnd.apache.parquet",
        "bytes": size,
        "hash": f"sha256:{digest}",
        "schema": table_schema(entry.name, bodies=bodies),
    }


def descriptor(
    *,
    name: str,
    version: str,
    created: str,
    tables: dict[str, pl.DataFrame],
    files: dict[str, list[Path]],
    root: Path,
    bodies: bool,
    inputs_hash: str,
    content_hash: str,
    previous: dict | None,
) -> dict:
    """The `datapackage.json` content (a dict, key order fixed)."""
    import schemas

    outlets = sorted({outlet for outlet in tables["articles"]["outlet"].to_list() if outlet})
    resources = [_resource(entry, files[entry.name], root, bodies=bodies) for entry in schemas.all_tables()]
    return {
        "$schema": PROFILE,
        "name": name,
        "title": "pantau: Indonesian election news as open data",
        "description": (
            "Articles about Indonesian elections (Pilkada, Pemilu) turned into validated tables: who said "
            "what (statements with resolved speakers), who is who (actors and every mention), what "
            "happened where and when (events), and the figures stated (indicators), each value with "
            "offsets back to its sentence. " + (BODY_NOTE if bodies else "")
        ).strip(),
        "version": version,
        "created": created,
        "licenses": [LICENSE],
        "keywords": [
            "elections",
            "Indonesia",
            "Pilkada",
            "Pemilu",
            "news",
            "information extraction",
            "Bahasa Indonesia",
        ],
        "sources": [{"title": outlet} for outlet in outlets] or [{"title": "news articles (outlet not named)"}],
        "contributors": [{"title": "pantau", "roles": ["creator"]}],
        "resources": resources,
        "pantau": {
            "rows": {table: tables[table].height for table in schemas.table_names()},
            "bodies": bodies,
            "inputs_sha256": inputs_hash,
            "content_sha256": content_hash,
            "previous": previous,
        },
    }


# ---------------------------------------------------------------------------------------------
# the dataset card and changelog


def _size_category(n: int) -> str:
    for limit, label in (
        (1_000, "n<1K"),
        (10_000, "1K<n<10K"),
        (100_000, "10K<n<100K"),
        (1_000_000, "100K<n<1M"),
        (10_000_000, "1M<n<10M"),
    ):
        if n < limit:
            return label
    return "10M<n<100M"


def _md_cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def limitations(tables: dict[str, pl.DataFrame]) -> list[str]:
    """Known limitations, with this release's own numbers where they can be counted."""
    import polars as pl

    st, ev, ind = tables["statements"], tables["events"], tables["indicators"]
    unresolved = st.filter(pl.col("speaker_actor_id").is_null()).height
    undated = ev.filter(pl.col("start_date").is_null()).height
    no_region = ind.filter(pl.col("region").is_null()).height
    return [
        "Extraction is rules and lexicons (speech verbs, office titles, organizations, a region gazetteer), not a "
        "trained model: statements without a speech cue, and names the lexicons do not know, are missed.",
        f"Speakers: {unresolved} of {st.height} statements have no resolved speaker (`speaker_actor_id` is null; "
        "`speaker_label` keeps the words). Pronoun cues (`ujarnya`, `Ia`) are resolved to the nearest plausible "
        "antecedent, which can be wrong when several people speak in one paragraph.",
        f"Dates: {undated} of {ev.height} events have no resolvable date. Dates without a year (`Selasa (3/9)`) are "
        "read in the election year the article is about, checked against the printed weekday (`weekday_mismatch`).",
        f"Indicators: {no_region} of {ind.height} figures name no region. The same figure repeated in one article may "
        "appear twice; `value` is a number with a `unit`, never a range.",
        "Actors are resolved within and across articles by name; two people with the same full name would be merged, "
        "and a short form is linked to the full name only within the same article.",
        "`is_advertorial` relies on the outlets' credit tags (`(ADV)`, `(ADV/DiskomKukar)`); untagged paid content "
        "counts as independent coverage.",
        f"{tables['quarantine'].height} inputs or rows were set aside with a reason (table `quarantine`); they are "
        "not in the other tables.",
    ]


def _yaml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def _card_front_matter(desc: dict, tables: dict[str, pl.DataFrame]) -> list[str]:
    """Hugging Face front matter: licence, language, tags, size category and one config per table."""
    import schemas

    total = sum(tables[table].height for table in schemas.table_names())
    front = [
        "---",
        "license: cc-by-4.0",
        "language:",
        "- id",
        f"pretty_name: {_yaml_str(desc['title'])}",
        "tags:",
        "- elections",
        "- indonesia",
        "- pilkada",
        "- news",
        "- information-extraction",
        "size_categories:",
        f"- {_size_category(total)}",
        "configs:",
    ]
    for i, entry in enumerate(schemas.all_tables()):
        front += [f"- config_name: {entry.name}"]
        if i == 0:
            front += ["  default: true"]
        front += ["  data_files:", "  - split: train", f"    path: data/{entry.folder}/*.parquet"]
    return front + ["---", ""]


def _card_tables(desc: dict) -> list[str]:
    """Title, the table overview, and each table's columns as the descriptor describes them."""
    import schemas

    rows = desc["pantau"]["rows"]
    body = [
        f"# {desc['title']}",
        "",
        f"Version **{desc['version']}**, as of {desc['created'][:10]}. {desc['description']}",
        "",
        "## What the tables hold",
        "",
        "| table | rows | what |",
        "|---|---:|---|",
    ]
    body += [f"| `{t.name}` | {rows[t.name]} | {_md_cell(t.description)} |" for t in schemas.all_tables()]
    body += [
        "",
        "Every table is one Parquet folder under `data/` (zstd, sorted by its primary key); `datapackage.json` "
        "describes each column with its type, constraints and meaning, the primary keys and the foreign keys. "
        "Offsets (`char_start`, `char_end`) point into `articles.body`: "
        "`body[char_start:char_end] == text`.",
        "",
    ]
    for resource in desc["resources"]:
        body += [f"### `{resource['name']}`", "", resource["description"], "", "| column | type | meaning |"]
        body += ["|---|---|---|"]
        for column in resource["schema"]["fields"]:
            typ = column["type"] + (f"<{column['itemType']}>" if column["type"] == "list" else "")
            nullable = "" if column.get("constraints", {}).get("required") else ", may be null"
            body.append(f"| `{column['name']}` | {typ}{nullable} | {_md_cell(column['description'])} |")
        body.append("")
    return body


def _card_provenance(desc: dict, created_from: str) -> list[str]:
    """How the data was made, the build inputs' hash, and where `created` comes from."""
    return [
        "## How it was made",
        "",
        "pantau reads each article (plain text or JSON Lines), removes site chrome, "
        "captions, bylines and credit tags, and reads the outlet, dateline, headline, author and advertorial flag. "
        "Rules and lexicons then find actors (apposition such as `Ketua Bawaslu Kukar, Teguh Wibowo`, titles, "
        "abbreviation definitions, regional bodies), statements (quote marks and speech cues such as `ujarnya`, "
        "`menurut`), events (sosialisasi, bimtek, rakor, ... with Indonesian dates checked against the weekday, venues "
        "and places matched to the Kemendagri region gazetteer) and numeric facts (`51,28 persen`, `peringkat ke-48`, "
        "`lima hari`). Actors and events are resolved across articles; every id is derived from content, so the same "
        "input gives the same ids. Each table is validated against its pandera model; rows that fail are set aside in "
        "`quarantine` with the check and the reason.",
        "",
        "Build inputs' hash (sha256 over the articles' source paths and content ids): "
        f"`{desc['pantau']['inputs_sha256']}`; it is also in every Parquet file's key-value metadata "
        "(`pantau.inputs_sha256`, with `pantau.dataset_version`).",
        "",
        f"`created` ({desc['created']}) comes from the {created_from}; publishing the same warehouse again gives a "
        "byte-identical release.",
        "",
    ]


def _card_counts_and_limitations(desc: dict, tables: dict[str, pl.DataFrame]) -> list[str]:
    """Row counts per table and the known limitations with this release's numbers."""
    import schemas

    rows = desc["pantau"]["rows"]
    body = ["## Counts", "", "| table | rows |", "|---|---:|"]
    body += [f"| {table} | {rows[table]} |" for table in schemas.table_names()]
    body += ["", "## Known limitations", ""]
    body += [f"- {limitation}" for limitation in limitations(tables)]
    return body


def _card_licence_and_use(*, bodies: bool) -> list[str]:
    """The licence (and the outlets' copyright on their text), how to read the files, how to check them."""
    return [
        "",
        "## Licence",
        "",
        "The extracted data (ids, actors, attributions, events, indicators, offsets and every column pantau derived) "
        "is licensed under [CC-BY-4.0](https://creativecommons.org/licenses/by/4.0/). "
        + BODY_NOTE
        + ("" if bodies else " This release was published without article bodies (`--no-bodies`)."),
        "",
        "## Using it",
        "",
        "```sql",
        "-- DuckDB, from this folder",
        "SELECT a.name, s.kind, s.text FROM 'data/statements/*.parquet' s",
        "JOIN 'data/actors/*.parquet' a ON a.actor_id = s.speaker_actor_id LIMIT 10;",
        "```",
        "",
        "```python",
        "import polars as pl",
        "events = pl.read_parquet('data/events/*.parquet')",
        "# or: datasets.load_dataset('parquet', data_files={'train': 'data/events/*.parquet'})",
        "```",
        "",
        "Check the files: `sha256sum -c SHA256SUMS`. Validate the descriptor: "
        "`frictionless validate --type package datapackage.json` (reading the Parquet data needs pandas).",
        "",
    ]


def _card_citation(desc: dict) -> list[str]:
    """A one-line citation and its BibTeX entry."""
    version, year = desc["version"], desc["created"][:4]
    return [
        "## How to cite",
        "",
        f"pantau contributors ({year}). *{desc['title']}* (version {version}) [Data set]. Licensed CC-BY-4.0.",
        "",
        "```bibtex",
        f"@misc{{pantau_{version.replace('.', '_')},",
        "  author = {{pantau contributors}},",
        f"  title = {{{desc['title']}}},",
        f"  year = {{{year}}},",
        f"  version = {{{version}}},",
        "  note = {Data set, CC-BY-4.0}",
        "}",
        "```",
        "",
    ]


def dataset_card(desc: dict, tables: dict[str, pl.DataFrame], *, bodies: bool, created_from: str) -> str:
    """The release's README.md: front matter, then the tables, provenance, limitations, licence and citation."""
    lines = _card_front_matter(desc, tables)
    lines += _card_tables(desc)
    lines += _card_provenance(desc, created_from)
    lines += _card_counts_and_limitations(desc, tables)
    lines += _card_licence_and_use(bodies=bodies)
    lines += _card_citation(desc)
    return "\n".join(lines)


CHANGELOG_HEAD = (
    "# Changelog\n\nEvery release of this dataset, newest first, with the row counts of each table "
    "and the difference to the release before it.\n"
)


def changelog_entry(
    version: str,
    created: str,
    rows: dict[str, int],
    previous: dict | None,
    *,
    content_hash: str = "",
    bodies: bool = True,
) -> str:
    """This version's CHANGELOG.md entry: its row counts, and what changed since `previous` when there is one."""
    import schemas

    names = schemas.table_names()
    lines = [f"## {version} — {created[:10]}", ""]
    if not previous:
        lines += ["First release.", "", "| table | rows |", "|---|---:|"]
        lines += [f"| {table} | {rows.get(table, 0)} |" for table in names]
    else:
        previous_version, previous_rows = previous["version"], previous["rows"]
        diffs = {table: rows.get(table, 0) - previous_rows.get(table, 0) for table in names}
        changed = [table for table in names if diffs[table]]
        if changed:
            what = ", ".join(f"{table} {diffs[table]:+d}" for table in changed) + " rows"
        elif previous.get("content_sha256") == content_hash:
            what = "the same rows"
        else:
            what = "the same row counts, changed values"
        notes = []
        if "bodies" in previous and previous["bodies"] != bodies:
            notes.append("article bodies are " + ("included again" if bodies else "left out (`--no-bodies`)"))
        lines += [
            f"Compared with {previous_version}: {what}" + "".join(f"; {note}" for note in notes) + ".",
            "",
            f"| table | {previous_version} | {version} | change |",
            "|---|---:|---:|---:|",
        ]
        lines += [
            f"| {table} | {previous_rows.get(table, 0)} | {rows.get(table, 0)} | {diffs[table]:+d} |" for table in names
        ]
    return "\n".join(lines) + "\n"


def merge_changelog(old: str | None, entry: str, version: str) -> str:
    """Put `entry` at the top of the old changelog, replacing an older entry for the same version."""
    entries: list[str] = []
    if old:
        parts = re.split(r"(?m)^(?=## )", old)
        entries = [p.rstrip("\n") + "\n" for p in parts[1:]]
    entries = [e for e in entries if not e.startswith(f"## {version} ")]
    return CHANGELOG_HEAD + "\n" + "\n".join([entry] + entries)


# ---------------------------------------------------------------------------------------------
# the release


def _bump_minor(version: str) -> str:
    """The next minor version (1.2.3 -> 1.3.0); 0.1.0 when `version` is not semantic."""
    match = SEMVER.match(version)
    if not match:
        return "0.1.0"
    return f"{match.group(1)}.{int(match.group(2)) + 1}.0"


def _previous(dest: Path) -> tuple[dict | None, str | None]:
    """The descriptor and changelog of the release already in DEST, (None, None) when there is none."""
    descriptor_path = dest / "datapackage.json"
    if not descriptor_path.exists():
        return None, None
    try:
        previous = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise PublishError(f"{descriptor_path} exists but cannot be read: {e}") from e
    changelog = dest / "CHANGELOG.md"
    return previous, (changelog.read_text(encoding="utf-8") if changelog.exists() else None)


def _check_request(db: Path, dest: Path, *, version: str | None, name: str, force: bool) -> None:
    """Refuse, before reading anything, a warehouse that is missing, a bad version or name, or a DEST in use."""
    if not db.exists():
        raise PublishError(f"no warehouse at {db} (build one with `pantau build --input DIR --out OUT`)")
    if version and not SEMVER.match(version):
        raise PublishError(f"--version {version!r} is not a semantic version X.Y.Z")
    if not name or not re.fullmatch(r"[a-z0-9._-]+", name):
        raise PublishError(f"--name {name!r}: use lower-case letters, digits, '.', '-' or '_'")
    if dest.exists() and not dest.is_dir():
        raise PublishError(f"{dest} exists and is not a folder")
    if dest.exists() and any(dest.iterdir()) and not (dest / "datapackage.json").exists() and not force:
        raise PublishError(
            f"{dest} is not empty and holds no release (datapackage.json); "
            "choose an empty folder or pass --force to replace it"
        )


def _version_and_base(
    previous: dict | None, dest: Path, *, version: str | None, content_hash: str, bodies: bool, force: bool
) -> tuple[str, dict | None]:
    """The version to publish, and the release the changelog compares it with (None for a first release).

    Without --version: 0.1.0 first, the previous version again for the same data, else the next minor one.
    Republishing a version compares with the release before it; a version with different data needs --force.
    """
    previous_info = previous.get("pantau", {}) if previous else {}
    previous_version = previous.get("version") if previous else None
    same_data = previous_info.get("content_sha256") == content_hash and previous_info.get("bodies") == bodies
    if version is None:
        if previous is None:
            version = "0.1.0"
        elif same_data:
            version = previous_version
        else:
            version = _bump_minor(previous_version or "0.0.0")
    if previous is None:
        return version, None
    if version == previous_version:
        if not same_data and not force:
            raise PublishError(
                f"{dest} already holds version {version} with different data; "
                "pass a new --version (or --force to overwrite it)"
            )
        return version, previous_info.get("previous")
    return version, {
        "version": previous_version,
        "rows": previous_info.get("rows", {}),
        "content_sha256": previous_info.get("content_sha256"),
        "bodies": previous_info.get("bodies", True),
    }


def _write_data(
    staging: Path, tables: dict[str, pl.DataFrame], *, version: str, inputs_hash: str, created: str
) -> dict[str, list[Path]]:
    """Each table's Parquet parts under `data/`, with the release's key-value metadata; the files per table."""
    import schemas
    from pantau.pipeline.store import write_table

    files: dict[str, list[Path]] = {}
    for entry in schemas.all_tables():
        metadata = {
            "pantau.dataset_version": version,
            "pantau.inputs_sha256": inputs_hash,
            "pantau.table": entry.name,
            "pantau.license": LICENSE["name"],
            "pantau.created": created,
        }
        files[entry.name] = write_table(tables[entry.name], staging / "data" / entry.folder, ROWS_PER_PART, metadata)
        log.info("wrote %s: %d rows", entry.name, tables[entry.name].height)
    return files


def _write_descriptor(staging: Path, desc: dict) -> None:
    """Write `datapackage.json`, and refuse a descriptor that does not validate: it is never released."""
    (staging / "datapackage.json").write_text(json.dumps(desc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    errors = validate_descriptor(staging / "datapackage.json")
    if errors:
        raise PublishError(f"datapackage.json does not validate: {errors[0]}")


def _write_checksums(staging: Path) -> tuple[list[str], int]:
    """Write SHA256SUMS over every other file; return all files (relative, sorted) and their total size."""
    release_files = sorted(path for path in staging.rglob("*") if path.is_file())
    sums = "".join(f"{sha256_file(path)}  {path.relative_to(staging).as_posix()}\n" for path in release_files)
    (staging / "SHA256SUMS").write_text(sums, encoding="utf-8")
    release_files = sorted(path for path in staging.rglob("*") if path.is_file())
    names = sorted(path.relative_to(staging).as_posix() for path in release_files)
    return names, sum(path.stat().st_size for path in release_files)


def _swap_into_place(staging: Path, dest: Path) -> None:
    """Replace DEST by the finished folder: readers see the old release or the new one, never half of one."""
    old = dest.parent / f".{dest.name}.old-{os.getpid()}"
    if dest.exists():
        os.replace(dest, old)
    os.replace(staging, dest)
    shutil.rmtree(old, ignore_errors=True)


def publish(
    warehouse: str | Path,
    dest: str | Path,
    *,
    version: str | None = None,
    bodies: bool = True,
    created: str | None = None,
    name: str = "pantau",
    force: bool = False,
) -> Release:
    """Write a release folder for the warehouse in OUT (`OUT/pantau.duckdb`) into DEST.

    >>> publish("build", "release")          # doctest: +SKIP
    Release(dest='release', version='0.1.0', created='2024-11-09T00:00:00Z', ...)
    """
    import schemas

    warehouse, dest = Path(warehouse), Path(dest)
    db = warehouse if warehouse.suffix == ".duckdb" else warehouse / "pantau.duckdb"
    _check_request(db, dest, version=version, name=name, force=force)

    log.info("reading %s", db)
    tables = read_tables(db, bodies=bodies)
    inputs_hash, content_hash = inputs_sha256(tables), content_sha256(tables)
    created_at, created_from = created_timestamp(tables, db, created)
    rows = {table: tables[table].height for table in schemas.table_names()}
    previous, previous_changelog = _previous(dest)
    version, base = _version_and_base(
        previous, dest, version=version, content_hash=content_hash, bodies=bodies, force=force
    )

    staging = dest.parent / f".{dest.name}.staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        files = _write_data(staging, tables, version=version, inputs_hash=inputs_hash, created=created_at)
        desc = descriptor(
            name=name,
            version=version,
            created=created_at,
            tables=tables,
            files=files,
            root=staging,
            bodies=bodies,
            inputs_hash=inputs_hash,
            content_hash=content_hash,
            previous=base,
        )
        _write_descriptor(staging, desc)
        card = dataset_card(desc, tables, bodies=bodies, created_from=created_from)
        (staging / "README.md").write_text(card, encoding="utf-8")
        entry = changelog_entry(version, created_at, rows, base, content_hash=content_hash, bodies=bodies)
        (staging / "CHANGELOG.md").write_text(merge_changelog(previous_changelog, entry, version), encoding="utf-8")
        release_files, total_bytes = _write_checksums(staging)
        _swap_into_place(staging, dest)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Release(
        dest=str(dest),
        version=version,
        created=created_at,
        created_from=created_from,
        rows=rows,
        files=release_files,
        bytes=total_bytes,
        inputs_sha256=inputs_hash,
        content_sha256=content_hash,
        bodies=bodies,
        previous_version=base["version"] if base else None,
        changes={table: rows[table] - base["rows"].get(table, 0) for table in rows} if base else {},
    )


def validate_descriptor(path: str | Path) -> list[str]:
    """Errors of a `datapackage.json` against the Data Package profile (empty when valid); needs `frictionless`."""
    from frictionless import Package

    d = json.loads(Path(path).read_text(encoding="utf-8"))
    return [str(e.message if hasattr(e, "message") else e) for e in Package.metadata_validate(d)]
