"""Region levels: every region-bearing row carries its regency and province codes, and an event with no
place in its text takes its article's dateline region, flagged `region_inferred`."""

from __future__ import annotations

import duckdb
import polars as pl
import pytest

from pantau.pipeline import regions
from pantau.pipeline.build import run_build


def levels(code):
    df = pl.DataFrame({"region_code": [code]}, schema={"region_code": pl.String})
    return df.with_columns(regions.level_codes()).select("regency_code", "province_code").row(0)


@pytest.mark.parametrize(
    "code, regency, province",
    [
        ("64.02.03", "64.02", "64"),  # district Loa Janan -> Kabupaten Kutai Kartanegara, Kalimantan Timur
        ("64.02", "64.02", "64"),  # regency Kutai Kartanegara
        ("64.72", "64.72", "64"),  # city Samarinda
        ("31.71.07", "31.71", "31"),  # district Tanah Abang -> Kota Administrasi Jakarta Pusat, DKI Jakarta
        ("31", None, "31"),  # province DKI Jakarta: no regency
        (None, None, None),
        ("", None, None),
    ],
)
def test_codes_roll_up_to_regency_and_province(code, regency, province):
    assert levels(code) == (regency, province)
    if code:  # the same answer as the gazetteer's own parents
        assert regency == (regions.regency_of(code).code if regions.regency_of(code) else None)
        assert province == regions.province_of(code).code


ARTICLES = {
    # the text names no place for the outreach: it happened in the dateline's town
    "a_inferred.txt": (
        "TENGGARONG – Komisi Pemilihan Umum (KPU) Kutai Kartanegara menggelar sosialisasi tahapan Pilkada 2024 "
        "kepada para pemilih pemula pada Selasa (3/9/2024). Ketua KPU Kutai Kartanegara, Rudi Gunawan, "
        "mengatakan sosialisasi itu diikuti ratusan pelajar.\n"
        "“Kami ingin pemilih pemula datang ke TPS,” ujarnya.\n"
    ),
    # the text places the training in Samarinda while the dateline says Tenggarong
    "b_stated.txt": (
        "TENGGARONG – Badan Pengawas Pemilu (Bawaslu) Kutai Kartanegara menggelar pelatihan pengawas TPS "
        "di Kota Samarinda pada Rabu (4/9/2024). Ketua Bawaslu Kutai Kartanegara, Siti Aminah, mengatakan "
        "pelatihan itu diikuti 120 pengawas.\n"
        "“Pengawas harus paham aturan,” katanya.\n"
    ),
}


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    src = tmp_path_factory.mktemp("region_levels_in")
    for name, text in ARTICLES.items():
        (src / name).write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("region_levels_out")
    run_build(src, out)
    c = duckdb.connect(str(out / "pantau.duckdb"), read_only=True)
    yield c
    c.close()


def rows(con, sql):
    cur = con.execute(sql)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def test_event_without_a_place_takes_the_dateline_region_inferred(con):
    (ev,) = rows(con, "select * from events where event_type = 'outreach'")
    assert ev["region_inferred"] is True
    assert (ev["region"], ev["region_code"]) == ("Kutai Kartanegara", "64.02")
    assert (ev["regency_code"], ev["province_code"]) == ("64.02", "64")


def test_event_with_a_place_keeps_its_own_region(con):
    (ev,) = rows(con, "select * from events where event_type = 'training'")
    assert ev["region_inferred"] is False
    assert (ev["region"], ev["region_code"], ev["regency_code"], ev["province_code"]) == (
        "Samarinda",
        "64.72",
        "64.72",
        "64",
    )


@pytest.mark.parametrize("table", ["articles", "actors", "events", "indicators"])
def test_every_region_bearing_table_rolls_its_codes_up(con, table):
    for r in rows(con, f"select region_code, regency_code, province_code from {table}"):
        assert (r["regency_code"], r["province_code"]) == levels(r["region_code"])


def test_articles_carry_the_dateline_levels(con):
    got = {(r["region_code"], r["regency_code"], r["province_code"]) for r in rows(con, "select * from articles")}
    assert got == {("64.02.06", "64.02", "64")}  # Tenggarong, a district of Kutai Kartanegara
