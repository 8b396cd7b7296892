"""Numeric facts in Indonesian election news: what is found, what is never an indicator."""

from __future__ import annotations

import doctest
import gzip
import json
import time
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS, shared
from pantau import lexicon
from pantau.pipeline.extract import indicators
from pantau.pipeline.extract.indicators import UNITS, find_indicators


def one(body: str):
    found = find_indicators(body)
    assert len(found) == 1, found
    return found[0]


# ---- must find -----------------------------------------------------------------------------------


def test_percent_with_metric_and_region():
    c = one(
        "Ia menyebutkan bahwa tingkat kerawanan Pilkada di Kukar mencapai 51,28 persen, "
        "yang dipengaruhi oleh beberapa faktor"
    )
    assert (c.value, c.unit, c.metric, c.region_hint) == (51.28, "percent", "tingkat kerawanan Pilkada", "Kukar")


def test_percent_sign():
    c = one("“Kukar menyumbang tingkat kerawanan Pilkada sebesar 51,28%. Penyebab utamanya adalah petahana.")
    assert (c.value, c.unit, c.metric) == (51.28, "percent", "tingkat kerawanan Pilkada")


def test_rank():
    c = one(
        "Ia mengatakan bahwa Kukar menempati peringkat ke-48 sebagai daerah dengan tingkat "
        "kerawanan pelanggaran Pilkada."
    )
    assert (c.value, c.unit) == (48, "rank")
    assert c.metric == "peringkat tingkat kerawanan pelanggaran Pilkada"


def test_cases():
    c = one(
        "Teguh melaporkan bahwa hingga saat ini, Bawaslu Kukar telah mencatat sebanyak 11 kasus "
        "pelanggaran terkait Pilkada."
    )
    assert (c.value, c.unit, c.metric, c.region_hint) == (11, "case", "kasus pelanggaran", "Kukar")


@pytest.mark.parametrize(
    "body, value, metric",
    [
        ("“Pilkada sudah tinggal 18 hari lagi.", 18, "sisa hari"),
        ("Alhamdulillah, mendekati 18 hari menjelang Pilkada, Kukar aman.", 18, "sisa hari"),
        ("Bimtek yang digelar selama lima hari di Hotel Harris", 5, "durasi"),
        ("Kampanye akan digelar selama 75 hari mulai 28 November 2023.", 75, "durasi"),
    ],
)
def test_days(body, value, metric):
    c = one(body)
    assert (c.value, c.unit, c.metric) == (value, "day", metric)


@pytest.mark.parametrize(
    "body, value, unit, metric",
    [
        ("Kegiatan sosialisasi ini dihadiri oleh sekitar 50 peserta", 50, "person", "peserta"),
        (
            "KPU menyebut jumlah daftar pemilih tetap (DPT) mencapai 204.807.222 pemilih",
            204807222,
            "person",
            "jumlah daftar pemilih tetap (DPT)",
        ),
        ("Bawaslu menemukan 2.172 dugaan pelanggaran selama kampanye.", 2172, "case", "dugaan pelanggaran"),
        ("DPR menyetujui anggaran Rp 70,5 triliun untuk Pemilu 2024.", 70.5e12, "currency_idr", "anggaran"),
        ("KPU mencatat partisipasi pemilih 81,78 persen.", 81.78, "percent", "partisipasi pemilih"),
        ("Pasangan itu meraih 96.214.691 suara.", 96214691, "vote", "suara"),
        ("Pemilu diikuti sembilan partai politik.", 9, "count", "partai politik"),
        ("KPU menyiapkan 33.740 TPS di provinsi itu.", 33740, "count", "TPS"),
        ("PDIP memperoleh 110 kursi di DPR.", 110, "seat", "kursi"),
        ("KPU menetapkan tiga pasangan calon presiden.", 3, "candidate", "pasangan calon presiden"),
        ("Polisi memeriksa enam orang saksi.", 6, "person", "saksi"),
        ("DPT terdiri dari pemilih perempuan 160.111 orang.", 160111, "person", "pemilih perempuan"),
        (
            "Tercatat pemilih laki-laki berjumlah 101.467.243, perempuan lebih banyak.",
            101467243,
            "person",
            "pemilih laki-laki",
        ),
        ("Masa tenang selama 3 hari sebelum pencoblosan.", 3, "day", "durasi masa tenang"),
        ("Syarat capres berusia paling rendah 40 tahun.", 40, "year", "usia"),
        ("Sebanyak 75% kabupaten/kota sudah siap.", 75, "percent", "kabupaten/kota"),
    ],
)
def test_national_news_figures(body, value, unit, metric):
    c = one(body)
    assert (c.value, c.unit, c.metric) == (pytest.approx(value), unit, metric)


def test_rank_by_ordinal_word():
    c = one("PDIP berada di peringkat keempat dalam survei itu.")
    assert (c.value, c.unit, c.metric) == (4, "rank", "peringkat")


def test_occurrence_ordinal_is_not_a_rank():
    assert find_indicators("Ini kelima kalinya ia maju, pada hari keenam kampanye.") == []


def test_survey_list_keeps_every_figure():
    found = find_indicators(
        "Elektabilitas Partai Golkar sebesar 10,1%, diikuti oleh Partai Nasdem 8,5% dan Partai Demokrat 8,4%."
    )
    assert [(c.value, c.unit) for c in found] == [(10.1, "percent"), (8.5, "percent"), (8.4, "percent")]
    assert all(c.metric.startswith("elektabilitas") or c.metric.startswith("Elektabilitas") for c in found)


def test_same_figure_twice_is_emitted_twice():
    body = "“Pilkada sudah tinggal 18 hari lagi,” ujarnya. Mendekati 18 hari menjelang Pilkada, Kukar aman."
    assert [(c.value, c.unit) for c in find_indicators(body)] == [(18, "day"), (18, "day")]


def test_region_from_the_article_itself():
    body = (
        "Ketua Bawaslu Kukar, Teguh Wibowo, hadir.\n"
        "Ia mengatakan bahwa Kukar menempati peringkat ke-48 sebagai daerah dengan tingkat kerawanan pelanggaran Pilkada."
    )
    [c] = find_indicators(body)
    assert (c.unit, c.region_hint) == ("rank", "Kukar")


def test_person_name_after_an_office_is_not_a_region():
    [c] = find_indicators("Jaksa mendakwa Hasto menyuap komisioner KPU Wahyu Setiawan Rp 600 juta.")
    assert c.unit == "currency_idr" and c.region_hint is None


# ---- must not find -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Menjelang Pilkada 2024, Pemerintah Kabupaten Kutai Kartanegara mengajak tokoh masyarakat.",
        "Camat harus mendukung penyelenggaraan Pilkada Serentak Tahun 2024.",
        "ujarnya pada Rapat Koordinasi Lintas Sektoral, Selasa (3/9) di Gedung Puteri Karang Melenu.",
        "Bimtek di Hotel Harris, Samarinda, dari 27 hingga 31 Oktober 2024 ini melibatkan puluhan peserta.",
        "Rakor berlangsung di Hotel Grand Elty Singgasana pada Sabtu (9/11/2024).",
        "Acara dimulai pukul 10.00 WITA di aula kantor bupati.",
        "“Yang kedua, jalin sinergitas antara unsur Pemerintah, TNI-POLRI, dan seluruh komponen masyarakat.",
        "“Serta yang ke lima, berkoordinasi dengan tokoh agama, tokoh adat, tokoh pemuda.",
        "Ketiga, kepada penyelenggara Pilkada baik KPU dan BAWASLU beserta jajarannya.",
        "Empat, Kepada TNI-POLRI selaku institusi pengamanan Pilkada Serentak.",
        "Rapat dihadiri Asisten I Pemkab Kukar, Akhmad Taufik Hidayat.",
        "Dandim Kodim 0726 Sumedang dan Danyon Yonif 611 hadir.",
        "Hal itu diatur UU Nomor 10 Tahun 2016 Pasal 71 ayat 3 dan PKPU Nomor 8.",
        "Pasangan nomor urut 2 dan paslon nomor 1 sama-sama hadir.",
        "Informasi lebih lanjut hubungi 0812-3456-7890.",
        "Kegiatan ini dihadiri puluhan peserta dan ratusan warga.",
        "Baca juga: Bawaslu cegah 33 ribu pelanggaran sebelum kampanye",
        "Sang ayah memberi nama dua buah hatinya Prabowo dan Gibran.",
        "Partai itu hanya mendapat satu kursi dan satu paslon saja.",
        "Pengumuman hasil survei pada 5 hari sebelum hari pencoblosan.",
        "KPPS dibubarkan paling lambat 2 (dua) bulan setelah pemungutan suara.",
        "Peristiwa itu terjadi tiga hari lalu di Tenggarong.",
        "Seluruh kader sudah 100 persen mendukung Prabowo.",
        "Sekitar 20 dari peserta itu tidak hadir.",
    ],
)
def test_never_an_indicator(body):
    assert find_indicators(body) == []


def test_a_bare_number_is_skipped():
    assert find_indicators("Angka itu 37, katanya.") == []


# ---- contract ------------------------------------------------------------------------------------

SEED_LIKE = (
    "Pada sosialisasi netralitas ASN di Kecamatan Loa Janan, Pjs Bupati Kukar, Bambang Arwanto, menegaskan "
    "pentingnya peran ASN. Ia menyebutkan bahwa tingkat kerawanan Pilkada di Kukar mencapai 51,28 persen, yang "
    "dipengaruhi oleh beberapa faktor.\n“Kukar menyumbang tingkat kerawanan Pilkada sebesar 51,28%. Penyebab "
    "utamanya adalah petahana,” jelas Bambang.\nKegiatan sosialisasi ini dihadiri oleh sekitar 50 peserta, dengan "
    "narasumber dari Bawaslu Kukar. Pilkada 2024 di Kukar akan berlangsung aman."
)


def test_offsets_and_vocabulary_hold():
    found = find_indicators(SEED_LIKE)
    assert [(c.value, c.unit) for c in found] == [(51.28, "percent"), (51.28, "percent"), (50, "person")]
    for c in found:
        assert SEED_LIKE[c.start : c.end] == c.text
        assert c.start <= c.value_start < c.value_end <= c.end
        assert c.unit in UNITS and c.metric
    assert found[1].region_hint == "Kukar"  # "Kukar" is a place elsewhere in this article


def test_unit_vocabulary_is_documented():
    path = lexicon.path("indicator_units.toml")
    text = path.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#   ")]
    documented = {line.split()[1] for line in header}
    assert documented == set(UNITS)
    lex = tomllib.loads(text)
    assert all(d["meaning"] and d["words"] for d in lex["units"].values())
    assert {"percent", "rank", "case", "day", "person", "count"} <= UNITS  # the contract's minimum


def test_docstring_examples():
    assert doctest.testmod(indicators).failed == 0


# ---- properties ----------------------------------------------------------------------------------

_WORDS = [
    "Pilkada",
    "2024",
    "tingkat",
    "kerawanan",
    "di",
    "Kukar",
    "mencapai",
    "51,28",
    "persen",
    "%",
    "peringkat",
    "ke-48",
    "keempat",
    "sebanyak",
    "11",
    "kasus",
    "pelanggaran",
    "hari",
    "lagi",
    "selama",
    "lima",
    "peserta",
    "Rp",
    "70,5",
    "triliun",
    "suara",
    "TPS",
    "partai",
    "politik",
    "Bawaslu",
    "nomor",
    "urut",
    "(",
    ")",
    ",",
    ".",
    "“",
    "”",
    "\n",
    "Baca juga:",
    "jumlah",
    "DPT",
    "(DPT)",
    "berjumlah",
    "yang",
    "ke",
    "satu",
    "orang",
    "tahun",
    "usia",
    "pukul",
    "10.00",
    "Pasal",
    "3/9",
    "dua puluh",
    "Kabupaten",
    "Kota",
]


@given(st.one_of(st.text(max_size=300), st.lists(st.sampled_from(_WORDS), max_size=60).map(" ".join)))
@settings(max_examples=400, deadline=None)
def test_never_raises_and_offsets_valid(body):
    for c in find_indicators(body):
        assert 0 <= c.start <= c.value_start < c.value_end <= c.end <= len(body)
        assert body[c.start : c.end] == c.text
        assert c.unit in UNITS
        assert isinstance(c.value, float) and c.metric


# ---- speed ---------------------------------------------------------------------------------------


@pytest.mark.slow
def test_speed_on_real_news():
    texts = []
    with gzip.open(shared(CORPUS), "rt", encoding="utf-8") as f:
        for line in f:
            texts.append(json.loads(line)["text"])
            if len(texts) == 3000:
                break
    chars = sum(map(len, texts))
    t0 = time.perf_counter()
    for t in texts:
        find_indicators(t)
    rate = chars / (time.perf_counter() - t0)
    print(f"find_indicators: {rate / 1e6:.2f} M chars/s")
    assert rate > 1e6
