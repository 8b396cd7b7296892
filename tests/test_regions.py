"""Regions: the Kemendagri code list, aliases, lookup, mentions in running text, datelines."""

from __future__ import annotations

import csv
import doctest
import gzip
import io
import json
import time

import pytest

import pantau.pipeline.regions as regions
from conftest import CORPUS, shared
from pantau import lexicon
from pantau.devtools import build_regions
from pantau.pipeline.regions import (
    find_region_mentions,
    get_region,
    lookup_region,
    normalize_place,
    province_of,
    regency_of,
)

LEXICON = lexicon.DIR

# From the Kukar seed article (seeds/000_*.txt).
SEED_SENTENCE = (
    "Hal tersebut disampaikan oleh Pjs Bupati Kukar, Bambang Arwanto, dalam sosialisasi "
    "netralitas Aparatur Sipil Negara (ASN) yang berlangsung di Kecamatan Loa Janan."
)
SEED_NO_PLACE = "Bambang menekankan pentingnya peran tokoh masyarakat."


def _rows(name: str) -> list[dict[str, str]]:
    path = LEXICON / name
    text = gzip.decompress(path.read_bytes()).decode() if name.endswith(".gz") else path.read_text()
    return list(csv.DictReader(line for line in io.StringIO(text) if not line.startswith("#")))


# --------------------------------------------------------------------------- data files


def test_regions_csv_covers_all_provinces_regencies_and_cities():
    rows = _rows("regions.csv")
    levels = [r["level"] for r in rows]
    assert levels.count("province") == 38
    assert levels.count("regency") + levels.count("city") == 514
    assert levels.count("district") > 7000
    assert set(levels) == {"province", "regency", "city", "district"}
    codes = [r["code"] for r in rows]
    assert codes == sorted(codes, key=lambda c: tuple(c.split("."))) and len(set(codes)) == len(codes)
    known = set(codes)
    assert all(r["parent_code"] in known for r in rows if r["level"] != "province")
    kukar = next(r for r in rows if r["code"] == "64.02")
    assert (kukar["name"], kukar["official_name"], kukar["level"], kukar["parent_code"]) == (
        "Kutai Kartanegara",
        "Kabupaten Kutai Kartanegara",
        "regency",
        "64",
    )
    jaksel = next(r for r in rows if r["code"] == "31.74")
    assert (jaksel["name"], jaksel["level"]) == ("Jakarta Selatan", "city")


def test_region_files_name_source_licence_and_decree():
    for name in ("regions.csv", "villages.csv.gz"):
        path = LEXICON / name
        text = gzip.decompress(path.read_bytes()).decode() if name.endswith(".gz") else path.read_text()
        header = "".join(line for line in text.splitlines(keepends=True) if line.startswith("#"))
        for needed in ("cahyadsn/wilayah", "MIT", "300.2.2-2138 Tahun 2025", "derived_on"):
            assert needed in header, (name, needed)
    assert (LEXICON / "villages.csv.gz").stat().st_size < 1_500_000
    villages = _rows("villages.csv.gz")
    assert len(villages) > 80_000 and {r["level"] for r in villages} == {"village"}


def test_build_regions_is_reproducible(tmp_path):
    source_sql = shared("data/regions/wilayah.sql")
    build_regions.build(source_sql, tmp_path)
    first = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    build_regions.build(source_sql, tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == first

    def without_date(text: str) -> list[str]:
        return [line for line in text.splitlines() if not line.startswith("# derived_on")]

    # the committed file is what the script derives (apart from the derivation date)
    assert without_date((tmp_path / "regions.csv").read_text()) == without_date((LEXICON / "regions.csv").read_text())


def test_aliases_point_at_real_regions():
    rows = _rows("region_aliases.csv")
    assert len(rows) >= 120
    aliases = [r["alias"].lower() for r in rows]
    assert len(aliases) == len(set(aliases))
    assert all(get_region(r["code"]) is not None and r["note"] for r in rows)


def test_stopnames_are_region_names_or_blocking_phrases():
    lex = regions._lex()
    assert {"kota", "bambang", "negara", "raya"} <= lex.stop_keys
    assert "Bima Arya" in lex.block_phrases
    # every blocking phrase contains a region name, otherwise it is a typo in the stop list
    for phrase in lex.block_phrases:
        words = regions._key(phrase).split()
        spans = {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
        assert spans & (set(lex.by_key) | set(lex.alias_by_key)), phrase


# --------------------------------------------------------------------------- lookup


@pytest.mark.parametrize(
    "name, code, how",
    [
        ("Kukar", "64.02", "alias"),
        ("Kutim", "64.08", "alias"),
        ("Kaltim", "64", "alias"),
        ("KUTAI KRTANEGARA", "64.02", "fuzzy"),
        ("Kutai Kartanegara", "64.02", "exact"),
        ("Kabupaten Kutai Kartanegara", "64.02", "prefix"),
        ("Loa Janan", "64.02.03", "exact"),
        ("Kecamatan Loa Janan", "64.02.03", "prefix"),
        ("Tenggarong Seberang", "64.02.16", "exact"),
        ("Tenggarong", "64.02.06", "exact"),
        ("Kota Samarinda", "64.72", "prefix"),
        ("Samarinda", "64.72", "exact"),
        ("SAMARINDA", "64.72", "exact"),
        ("Kota Bogor", "32.71", "prefix"),
        ("Kabupaten Bogor", "32.01", "prefix"),
        ("Kab. Bogor", "32.01", "prefix"),
        ("Jabar", "32", "alias"),
        ("Sumut", "12", "alias"),
        ("NTB", "52", "alias"),
        ("DKI", "31", "alias"),
        ("DKI Jakarta", "31", "alias"),
        ("Jakarta", "31", "alias"),
        ("Provinsi Kalimantan Timur", "64", "prefix"),
        ("Jaksel", "31.74", "alias"),
        ("Kota Administrasi Jakarta Selatan", "31.74", "prefix"),
        ("Solo", "33.72", "alias"),
        ("Jogja", "34.71", "alias"),
        ("PPU", "64.09", "alias"),
        ("Bandarlampung", "18.71", "alias"),
        ("Kota Bahagia", "11.01.17", "exact"),  # a district whose own name starts with "Kota"
    ],
)
def test_lookup_region(name, code, how):
    match = lookup_region(name)
    assert match is not None, name
    assert (match.region.code, match.how, match.matched) == (code, how, name)


def test_lookup_region_district_belongs_to_its_regency():
    loa_janan = lookup_region("Loa Janan").region
    assert loa_janan.level == "district" and loa_janan.parent_code == "64.02"
    assert regency_of(loa_janan.code).code == "64.02"
    assert province_of(loa_janan.code).name == "Kalimantan Timur"


def test_lookup_region_ambiguity_rule():
    # (3) level: Bogor alone is the city, not the regency
    assert lookup_region("Bogor").region.code == "32.71"
    # (2) context: in an article about Kabupaten Bogor (Cibinong, 32.01.01) it is the regency
    assert lookup_region("Bogor", context_codes=["32.01.01"]).region.code == "32.01"
    # (1) prefix beats context
    assert lookup_region("Kota Bogor", context_codes=["32.01.01"]).region.code == "32.71"
    # districts sharing a name: context picks the one in the article's region, else lowest code
    assert lookup_region("Kecamatan Sukabumi", context_codes=["32.02"]).region.code == "32.02.32"
    assert lookup_region("Kecamatan Sukabumi").region.code == "18.71.12"
    assert lookup_region("Tanah Abang", context_codes=["31.74"]).region.code == "31.71.07"
    # a prefix that fits nothing only demotes: Tenggarong is a district, still found after "Kota"
    assert lookup_region("Kota Tenggarong").region.code == "64.02.06"


@pytest.mark.parametrize(
    "name",
    ["Kutai", "Sekarang", "Seorang", "Bupati", "Rapat Pleno", "Washington", "", "   ", "Kabupaten", "Kecamatan Xyzzy"],
)
def test_lookup_region_leaves_non_places_alone(name):
    assert lookup_region(name) is None


def test_lookup_region_options():
    assert lookup_region("KUTAI KRTANEGARA", fuzzy=False) is None
    assert lookup_region("Keude Bakongan") is None  # villages only on request
    village = lookup_region("Keude Bakongan", levels={"village"}).region
    assert (village.code, village.level, village.parent_code) == ("11.01.01.2001", "village", "11.01.01")
    assert regency_of(village.code).official_name == "Kabupaten Aceh Selatan"
    assert lookup_region("Bogor", levels={"regency"}).region.code == "32.01"
    with pytest.raises(ValueError):
        lookup_region("Bogor", levels={"kampung"})


def test_codes():
    assert get_region("64.02").official_name == "Kabupaten Kutai Kartanegara"
    assert regency_of("64.72").code == "64.72"  # a city is its own regency/city
    assert regency_of("64") is None
    assert province_of("64").code == "64"
    assert get_region("99.99") is None and get_region(None) is None and regency_of("nonsense") is None


# --------------------------------------------------------------------------- running text


def _spans(text, **kw):
    mentions = find_region_mentions(text, **kw)
    for m in mentions:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.region.code, m.how) for m in mentions]


def test_mentions_in_seed_sentence():
    mentions = find_region_mentions(SEED_SENTENCE)
    assert [(m.text, m.region.code) for m in mentions] == [("Kukar", "64.02"), ("Kecamatan Loa Janan", "64.02.03")]
    assert all(SEED_SENTENCE[m.start : m.end] == m.text for m in mentions)
    assert SEED_SENTENCE.index("Kukar") == mentions[0].start


def test_no_mention_in_sentence_about_a_person():
    assert find_region_mentions(SEED_NO_PLACE) == []


def test_mentions_prefixes_and_longest_match():
    text = (
        "Menjelang Pilkada 2024, Pemerintah Kabupaten Kutai Kartanegara mengajak warga Tenggarong "
        "Seberang dan Tenggarong, Kota Samarinda serta Provinsi Kalimantan Timur menjaga situasi."
    )
    assert _spans(text) == [
        ("Kabupaten Kutai Kartanegara", "64.02", "prefix"),
        ("Tenggarong Seberang", "64.02.16", "exact"),
        ("Tenggarong", "64.02.06", "exact"),
        ("Kota Samarinda", "64.72", "prefix"),
        ("Provinsi Kalimantan Timur", "64", "prefix"),
    ]


def test_mentions_case_rules():
    assert _spans("KPU KALTIM menetapkan DPT, sementara Bawaslu kaltim belum.") == [("KALTIM", "64", "alias")]
    assert _spans("Camat di kecamatan Loa Janan dan Kab.Kukar hadir.") == [
        ("kecamatan Loa Janan", "64.02.03", "prefix"),
        ("Kab.Kukar", "64.02", "alias"),
    ]
    # a prefix never reaches across a line break
    assert _spans("Kecamatan\nLoa Janan") == [("Loa Janan", "64.02.03", "exact")]


def test_mentions_level_hints_and_stop_names():
    assert _spans("Wali Kota Bogor Bima Arya bertemu Bupati Bogor di Cibinong.") == [
        ("Kota Bogor", "32.71", "prefix"),
        ("Bogor", "32.01", "exact"),
        ("Cibinong", "32.01.01", "exact"),
    ]
    # common words and names that are also district names: only with a prefix
    assert _spans("Kota ini Raya dan Jaya, kata Bambang di Jalan Merdeka.") == []
    assert _spans("Ia berkunjung ke Kecamatan Bambang di Mamasa.") == [
        ("Kecamatan Bambang", "76.03.11", "prefix"),
        ("Mamasa", "76.03", "exact"),
    ]
    # a village, street or saint named like a district is not the district
    assert _spans("Warga Kelurahan Tenggarong dan makam Sunan Bonang.") == []


def test_mentions_use_the_articles_context():
    # the Jakarta Tanah Abang, because the same text names Jakarta Pusat
    assert _spans("Pedagang Tanah Abang, Jakarta Pusat, mengeluh.") == [
        ("Tanah Abang", "31.71.07", "exact"),
        ("Jakarta Pusat", "31.71", "exact"),
    ]
    # a text context never turns a well-known city into a same-named district elsewhere
    assert _spans("Pasar di Surabaya dan Bandung ramai.")[1][1] == "32.73"
    # explicit context decides between a regency and a city of the same name
    assert _spans("Warga Bogor antre.", context_codes=["32.01.01"]) == [("Bogor", "32.01", "exact")]


def test_mentions_never_crash_on_odd_input():
    assert find_region_mentions("") == [] and find_region_mentions(None) == []
    assert _spans("«Samarinda»—Kukar/Kaltim; (Balikpapan)") == [
        ("Samarinda", "64.72", "exact"),
        ("Kukar", "64.02", "alias"),
        ("Kaltim", "64", "alias"),
        ("Balikpapan", "64.71", "exact"),
    ]


# --------------------------------------------------------------------------- datelines


@pytest.mark.parametrize(
    "raw, place",
    [
        ("TENGGARONG", "Tenggarong"),
        ("KUTAI KRTANEGARA", "Kutai Kartanegara"),
        ("SAMARINDA", "Samarinda"),
        ("Kukar", "Kukar"),
        ("KUKAR", "Kukar"),
        ("JAKARTA", "Jakarta"),
        ("NTB", "NTB"),
        ("KOTA BOGOR", "Kota Bogor"),
        ("Washington", "Washington"),
        ("WASHINGTON", "Washington"),
        ("  Samarinda, ", "Samarinda"),
        ("", None),
        (None, None),
        (42, None),
    ],
)
def test_normalize_place(raw, place):
    assert normalize_place(raw) == place


def test_module_docstring_examples():
    failures, tried = doctest.testmod(regions)
    assert tried > 10 and failures == 0


# --------------------------------------------------------------------------- speed


@pytest.mark.slow
def test_find_region_mentions_speed_on_news():
    with gzip.open(shared(CORPUS), "rt", encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for _, line in zip(range(2000), f)]
    find_region_mentions("Kukar")  # build the matcher outside the timing
    start = time.perf_counter()
    count = sum(len(find_region_mentions(t)) for t in texts)
    rate = sum(map(len, texts)) / (time.perf_counter() - start)
    print(f"{count} mentions, {rate:,.0f} chars/s")
    assert count > 1000 and rate > 2_000_000
