"""`schemas.registry` lists every published table once; store, DuckDB and publish derive from it."""

from __future__ import annotations

import json
import subprocess
import sys

import duckdb
import pandera.polars as pa
import polars as pl
import pyarrow.parquet as pq
import pytest

import schemas
from conftest import ROOT, shared
from schemas import registry
from schemas.registry import ForeignKey, Table

PUBLISHED = [
    "articles",
    "actors",
    "actor_mentions",
    "statements",
    "events",
    "event_mentions",
    "indicators",
    "quarantine",
]


class PollingStations(pa.DataFrameModel):
    """Polling stations (TPS) an article names, with the voters registered there."""

    station_id: str = pa.Field(unique=True, description="Stable id of the polling station.")
    article_id: str = pa.Field(description="The article that names it (foreign key to articles).")
    label: str = pa.Field(str_length={"min_value": 1}, description="The station as printed (`TPS 05 Loa Janan Ilir`).")
    voters: int = pa.Field(ge=0, description="Voters on the final list (DPT) at the station.")

    class Config:
        strict = True


TOY = Table(
    "polling_stations",
    PollingStations,
    "station_id",
    (ForeignKey("article_id", "articles", "article_id"),),
)


def toy_frame(article_ids: list[str]) -> pl.DataFrame:
    # "Di TPS 05 Loa Janan Ilir tercatat 287 pemilih, sedangkan TPS 12 Tenggarong Seberang 301 pemilih."
    return pl.DataFrame(
        {
            "station_id": ["a1b2c3d4e5f60718", "f0e1d2c3b4a59687"],
            "article_id": article_ids[:2],
            "label": ["TPS 05 Loa Janan Ilir", "TPS 12 Tenggarong Seberang"],
            "voters": [287, 301],
        },
        schema={"station_id": pl.String, "article_id": pl.String, "label": pl.String, "voters": pl.Int64},
    )


def test_registry_lists_the_published_tables_in_order():
    assert schemas.table_names() == PUBLISHED
    assert [t.name for t in schemas.all_tables()] == PUBLISHED


@pytest.mark.parametrize("name", PUBLISHED)
def test_every_table_has_key_sort_key_description_and_real_columns(name):
    t = schemas.table(name)
    cols = t.column_names()
    assert t.primary_key in cols
    assert t.sort_key and all(c in cols for c in t.sort_key)
    assert len(t.description) > 20
    assert t.folder == name
    for fk in t.foreign_keys:
        assert fk.column in cols
        assert fk.ref_column == schemas.table(fk.ref_table).primary_key


def test_unknown_table_names_the_known_ones():
    with pytest.raises(KeyError, match="actor_mentions"):
        schemas.table("mentions")


def test_a_table_added_to_the_registry_flows_to_parquet_duckdb_and_datapackage(seeds_build, tmp_path, monkeypatch):
    from pantau.pipeline.store import publish_build
    from pantau.release.publish import publish

    tables = {t: pl.read_parquet(seeds_build / "parquet" / t / "*.parquet") for t in PUBLISHED}
    toy = toy_frame(sorted(tables["articles"]["article_id"].to_list()))
    monkeypatch.setattr(registry, "TABLES", (*registry.TABLES, TOY))
    tables["polling_stations"] = toy

    out = tmp_path / "out"
    rows = publish_build(tables, out)
    assert rows["polling_stations"] == 2

    # Parquet
    part = out / "parquet" / "polling_stations" / "part-00000.parquet"
    assert pl.read_parquet(part).equals(toy)
    # DuckDB: the table, its rows, and COMMENT ON for the table and every column
    with duckdb.connect(str(out / "pantau.duckdb"), read_only=True) as con:
        assert con.execute("SELECT label, voters FROM polling_stations ORDER BY station_id").fetchall() == [
            ("TPS 05 Loa Janan Ilir", 287),
            ("TPS 12 Tenggarong Seberang", 301),
        ]
        comment = con.execute("SELECT comment FROM duckdb_tables() WHERE table_name = 'polling_stations'").fetchone()
        assert comment[0].startswith("Polling stations (TPS)")
        cols = dict(
            con.execute(
                "SELECT column_name, comment FROM duckdb_columns() WHERE table_name = 'polling_stations'"
            ).fetchall()
        )
        assert cols["voters"] == "Voters on the final list (DPT) at the station."
        assert all(cols.values())

    # the published release: datapackage resource with keys, data file, dataset card
    dest = tmp_path / "release"
    publish(out, dest)
    d = json.loads((dest / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in d["resources"]] == [*PUBLISHED, "polling_stations"]
    res = d["resources"][-1]
    assert res["path"] == "data/polling_stations/part-00000.parquet"
    assert res["schema"]["primaryKey"] == ["station_id"]
    assert res["schema"]["foreignKeys"] == [
        {"fields": ["article_id"], "reference": {"resource": "articles", "fields": ["article_id"]}}
    ]
    voters = next(f for f in res["schema"]["fields"] if f["name"] == "voters")
    assert voters["type"] == "integer" and voters["constraints"]["minimum"] == 0
    assert d["pantau"]["rows"]["polling_stations"] == 2
    kv = pq.read_metadata(dest / res["path"]).metadata
    assert kv[b"pantau.table"] == b"polling_stations" and kv[b"pantau.part"] == b"1/1"
    card = (dest / "README.md").read_text(encoding="utf-8")
    assert "- config_name: polling_stations" in card and "| polling_stations | 2 |" in card


def test_one_parquet_writer_splits_parts_and_tags_metadata(tmp_path):
    from pantau.pipeline.store import write_table

    df = pl.DataFrame({"kalimat": ["Bawaslu Kukar menggelar rakor.", "KPU menetapkan DPT.", "Paslon hadir."]})
    plain = write_table(df, tmp_path / "plain", rows_per_part=2)
    tagged = write_table(df, tmp_path / "tagged", rows_per_part=2, metadata={"pantau.table": "x"})
    assert [p.name for p in plain] == ["part-00000.parquet", "part-00001.parquet"]
    assert pl.concat([pl.read_parquet(p) for p in plain]).equals(df)
    assert not any(k.startswith(b"pantau.") for k in (pq.read_metadata(plain[0]).metadata or {}))
    assert [pq.read_metadata(p).metadata[b"pantau.part"] for p in tagged] == [b"1/2", b"2/2"]
    empty = write_table(df.clear(), tmp_path / "empty", rows_per_part=2)
    assert len(empty) == 1 and pl.read_parquet(empty[0]).height == 0


def test_no_table_list_outside_the_registry():
    tool = shared("tools/archcheck.py")
    p = subprocess.run([sys.executable, str(tool)], cwd=ROOT, capture_output=True, text=True)
    lists = [line for line in p.stdout.splitlines() if line.startswith("table list:")]
    assert lists == [], "tables listed outside schemas/registry.py:\n" + "\n".join(lists)
