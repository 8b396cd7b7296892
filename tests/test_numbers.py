"""Indonesian numbers: parsing and finding figures, with what each figure is."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pantau.pipeline.extract import numbers
from pantau.pipeline.extract.numbers import find_numbers, parse_indonesian_number


@pytest.mark.parametrize(
    "s, expected",
    [
        ("51,28", 51.28),
        ("33.740", 33740),
        ("2.172", 2172),
        ("1.234.567", 1234567),
        ("204.807.222", 204807222),
        ("1,5 juta", 1.5e6),
        ("Rp 70,5 T", 70.5e12),
        ("Rp70,5 triliun", 70.5e12),
        ("Rp 1,2 miliar", 1.2e9),
        ("Rp 875.000", 875000),
        ("500 rb", 500000),
        ("3 jt", 3e6),
        ("lima", 5),
        ("dua puluh lima", 25),
        ("sebelas", 11),
        ("empat belas", 14),
        ("seratus", 100),
        ("seribu", 1000),
        ("tiga ratus ribu", 300000),
        ("seratus dua puluh lima ribu", 125000),
        ("satu juta dua ratus ribu", 1.2e6),
        ("sembilan puluh sembilan", 99),
        ("nol", 0),
        ("ke-48", 48),
        ("keempat", 4),
        ("kelima", 5),
        ("ke lima", 5),
        ("kedua belas", 12),
        ("kesepuluh", 10),
        ("pertama", 1),
        ("50%", 50),
        ("51,28 persen", 51.28),
        ("2.5", 2.5),
    ],
)
def test_parse_indonesian_number(s, expected):
    assert parse_indonesian_number(s) == pytest.approx(expected)


@pytest.mark.parametrize(
    "junk", ["", "   ", "abc", "puluhan", "ratusan", "dua tiga", "puluh", "ribu", "1.2.3", "Rp", "ke-", "%", None, 42]
)
def test_parse_junk_is_none(junk):
    assert parse_indonesian_number(junk) is None


def kinds(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.kind) for m in find_numbers(text)]


def test_quantities_digits_and_words():
    ms = find_numbers("Kegiatan ini dihadiri oleh sekitar 50 peserta selama lima hari.")
    assert [(m.text, m.value, m.kind, m.is_ordinal) for m in ms] == [
        ("50", 50.0, "number", False),
        ("lima", 5.0, "word", False),
    ]


def test_money_keeps_prefix_and_scale():
    [m] = find_numbers("anggaran Rp 70,5 triliun untuk Pemilu")
    assert (m.text, m.value, m.kind) == ("Rp 70,5 triliun", 70.5e12, "number")
    [m] = find_numbers("sebesar Rp5 M.")
    assert m.value == 5e9
    [m] = find_numbers("jarak 2 M dari lokasi")  # without Rp, "M" may be metres
    assert (m.text, m.value) == ("2", 2.0)


@pytest.mark.parametrize(
    "text, figure, kind",
    [
        ("Menjelang Pilkada 2024, Pemkab mengajak tokoh masyarakat", "2024", "year"),
        ("Pilkada Serentak Tahun 2024 dan", "2024", "year"),
        ("rakor itu digelar Selasa (3/9) di Gedung PKM", "3/9", "date_part"),
        ("pada Sabtu (9/11/2024).", "9/11/2024", "date_part"),
        ("di Samarinda, dari 27 hingga 31 Oktober 2024 ini", "27", "date_part"),
        ("di Samarinda, dari 27 hingga 31 Oktober 2024 ini", "31", "date_part"),
        ("tanggal 14 Februari 2024", "14", "date_part"),
        ("dimulai pukul 10.00 WITA", "10.00", "time"),
        ("tiba pukul 9 pagi", "9", "time"),
        ("AMIN akan keluar 10.30, sesuai jadwal", "10.30", "time"),
        ("sesuai UU Nomor 10 Tahun 2016 tentang Pilkada", "10", "law_ref"),
        ("sesuai UU Nomor 10 Tahun 2016 tentang Pilkada", "2016", "year"),
        ("melanggar Pasal 71 ayat 3", "71", "law_ref"),
        ("melanggar Pasal 71 ayat 3", "3", "law_ref"),
        ("Pasal 280 ayat (1), (2) dan (3)", "2", "law_ref"),
        ("diatur dalam PKPU Nomor 8", "8", "law_ref"),
        ("tempat ibadah sesuai PKPU 15 dan 20", "20", "law_ref"),
        ("UU 7/2017 tentang Pemilu", "7/2017", "law_ref"),
        ("pasangan nomor urut 2 menang", "2", "ballot"),
        ("paslon nomor 1 hadir", "1", "ballot"),
        ("capres nomor urut dua, Prabowo", "dua", "ballot"),
        ("pasangan calon (nomor urut) 1, 2, atau 3.", "3", "ballot"),
        ("Dandim Kodim 0726 Sumedang", "0726", "code"),
        ("prajurit Yonif 611 ikut", "611", "code"),
        ("caleg Dapil Jabar 8 itu", "8", "code"),
        ("dampak COVID-19 terasa", "19", "code"),
        ("warga RT 05 berkumpul", "05", "code"),
        ("hubungi 0812-3456-7890 untuk info", "0812-3456-7890", "phone"),
        ("bangun jam 03.00, tidur jam 23.00", "03.00", "time"),
    ],
)
def test_figures_that_are_not_quantities(text, figure, kind):
    assert (figure, kind) in kinds(text)


@pytest.mark.parametrize(
    "text, figure",
    [
        ("“Yang kedua, jalin sinergitas antara unsur Pemerintah", "kedua"),
        ("“Serta yang ke lima, berkoordinasi dengan tokoh agama", "ke lima"),
        ("Ketiga, kepada penyelenggara Pilkada baik KPU dan BAWASLU", "Ketiga"),
        ("tindakan. Empat, Kepada TNI-POLRI selaku institusi", "Empat"),
        ("sebagai berikut, yaitu pertama para Camat, Lurah", "pertama"),
        ("ketertiban masyarakat.5. Mengganggu ketertiban umum.", "5"),
        ("1. Golkar 2. PDIP 3. Gerindra", "2"),
    ],
)
def test_speech_and_list_ordinals(text, figure):
    assert (figure, "list_ordinal") in kinds(text)


def test_ordinals_are_marked():
    ms = {m.text: m for m in find_numbers("Kukar menempati peringkat ke-48, ini kelima kalinya.")}
    assert ms["ke-48"].is_ordinal and ms["ke-48"].value == 48 and ms["ke-48"].kind == "ordinal"
    assert ms["kelima"].is_ordinal and ms["kelima"].value == 5


def test_ke_before_a_cardinal_is_a_preposition():
    # "ke lima kecamatan" is "to five districts", not "fifth"
    [m] = find_numbers("Tim bergerak ke lima kecamatan.")
    assert (m.text, m.kind, m.is_ordinal) == ("lima", "word", False)


def test_vague_quantities_are_not_numbers():
    assert find_numbers("dihadiri puluhan peserta dan ratusan warga serta ribuan relawan") == []


def test_restatement_and_idioms():
    assert kinds("paling lambat 14 (empat belas) hari") == [("14", "number"), ("empat belas", "restatement")]
    assert kinds("Kukar salah satu daerah rawan") == [("satu", "idiom")]
    assert kinds("Asisten I Pemkab Kukar") == []  # Roman numerals are names here, not figures


def test_offsets_and_values_agree():
    text = "Bawaslu menemukan 2.172 dugaan pelanggaran; DPT 204.807.222 pemilih; anggaran Rp 70,5 triliun; dua puluh lima TPS."
    ms = find_numbers(text)
    assert [m.value for m in ms] == [2172, 204807222, 70.5e12, 25]
    for m in ms:
        assert text[m.start : m.end] == m.text
        assert parse_indonesian_number(m.text) == pytest.approx(m.value)


def test_docstring_examples():
    assert doctest.testmod(numbers).failed == 0


# ---- properties ----------------------------------------------------------------------------------

_ONES = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]


def spell(n: int) -> str:
    """Spell 0..999_999_999 the way Indonesian does (a test oracle, independent of the parser)."""
    if n == 0:
        return "nol"

    def below_1000(k: int) -> list[str]:
        out = []
        h, r = divmod(k, 100)
        if h:
            out += ["seratus"] if h == 1 else [_ONES[h], "ratus"]
        if r == 10:
            out.append("sepuluh")
        elif r == 11:
            out.append("sebelas")
        elif 12 <= r <= 19:
            out += [_ONES[r - 10], "belas"]
        else:
            t, o = divmod(r, 10)
            if t:
                out += [_ONES[t], "puluh"]
            if o:
                out.append(_ONES[o])
        return out

    words = []
    for scale, name in ((1_000_000, "juta"), (1_000, "ribu")):
        q, n = divmod(n, scale)
        if q:
            words += ["seribu"] if (q == 1 and name == "ribu") else below_1000(q) + [name]
    words += below_1000(n)
    return " ".join(words)


def indonesian_digits(n: int, decimals: str = "") -> str:
    s = f"{n:,}".replace(",", ".")
    return s + ("," + decimals if decimals else "")


@given(st.integers(min_value=0, max_value=999_999_999))
def test_spelled_numbers_parse_back(n):
    assert parse_indonesian_number(spell(n)) == n


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["", "5", "28", "75"]))
def test_grouped_digits_parse_back(n, dec):
    s = indonesian_digits(n, dec)
    if n < 1000 and not dec:
        assert parse_indonesian_number(s) == n
    else:
        assert parse_indonesian_number(s) == pytest.approx(float(f"{n}.{dec or 0}"))


@given(st.text(max_size=300))
@settings(max_examples=300)
def test_parse_never_raises(s):
    v = parse_indonesian_number(s)
    assert v is None or isinstance(v, float)


_PIECES = [
    "Pilkada",
    "2024",
    "ke-48",
    "kedua",
    "yang ke lima",
    ",",
    ".",
    " ",
    "Rp",
    "Rp 70,5 T",
    "51,28",
    "%",
    "persen",
    "dua puluh",
    "satu",
    "ribu",
    "(",
    ")",
    "/",
    "9/11",
    "pukul",
    "10.00",
    "Nomor",
    "Pasal",
    "nomor urut",
    "0812-3456",
    "sebelas",
    "hari",
    "\n",
    "“",
    "Ketiga,",
    "1.",
    "-",
    "juta",
    "se",
    "ke",
]


@given(st.one_of(st.text(max_size=200), st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)))
@settings(max_examples=400)
def test_find_numbers_never_raises_and_offsets_hold(text):
    ms = find_numbers(text)
    last = -1
    for m in ms:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.start >= last  # ordered, never overlapping
        last = m.end
        assert isinstance(m.value, float)
