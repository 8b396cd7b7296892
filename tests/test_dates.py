"""Dates in Indonesian news: weekday + d/m, ranges, month/year precision, vague words, junk."""

import datetime as dt
import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pantau.pipeline.extract.dates as dates_module
from conftest import CORPUS, shared
from pantau.pipeline.extract.dates import DateMention, find_dates, infer_reference_year, parse_publish_date

D = dt.date


def one(text, **kw) -> DateMention:
    found = find_dates(text, **kw)
    assert len(found) == 1, found
    m = found[0]
    assert text[m.start : m.end] == m.text
    return m


def spans(text, **kw):
    return [(m.text, m.start_date, m.end_date, m.precision) for m in find_dates(text, **kw)]


# --- weekday + numeric day/month (Indonesian d/m order) -----------------------------------


def test_weekday_day_month_takes_the_reference_year():
    m = one("Rakor digelar Selasa (3/9) di Gedung Puteri Karang Melenu.", ref_year=2024)
    assert (m.text, m.start_date, m.end_date, m.precision) == ("Selasa (3/9)", D(2024, 9, 3), D(2024, 9, 3), "day")
    assert m.weekday == 1 and not m.weekday_mismatch and m.year_inferred


@pytest.mark.parametrize(
    "text, expected, weekday",
    [
        ("Sosialisasi berlangsung di Hotel Grand Elty Singgasana pada Sabtu (9/11/2024).", D(2024, 11, 9), 5),
        ("kata Ketua KPU di Jakarta, Kamis (23/11/2023).", D(2023, 11, 23), 3),
        ("ujarnya di Jakarta, Senin(24/7/2017).", D(2017, 7, 24), 0),  # no space before the bracket
        ("dalam keterangannya, Jum'at (20/10/2023).", D(2023, 10, 20), 4),
        ("kata dia kemarin (Rabu, 12/4/2017) di Jakarta.", D(2017, 4, 12), 2),
        ("Pemantauan dilakukan Minggu (4/2/18) di Kecamatan Cikedung.", D(2018, 2, 4), 6),
    ],
)
def test_weekday_with_full_numeric_date(text, expected, weekday):
    (m,) = [m for m in find_dates(text) if m.start_date is not None]
    assert m.start_date == m.end_date == expected
    assert m.weekday == weekday and not m.weekday_mismatch and not m.year_inferred


def test_reference_date_gives_the_year():
    m = one("ujar Bupati, Selasa (10/10).", ref_date=D(2023, 10, 12))
    assert m.start_date == D(2023, 10, 10) and m.year_inferred


def test_reference_date_near_new_year_looks_back():
    m = one("Rapat pleno digelar Kamis (28/12).", ref_date=D(2024, 1, 3))
    assert m.start_date == D(2023, 12, 28) and not m.weekday_mismatch


def test_part_of_day_between_weekday_and_date():
    m = one("Debat digelar Selasa malam (3/9) di Samarinda.", ref_year=2024)
    assert m.text == "Selasa malam (3/9)" and m.start_date == D(2024, 9, 3)


def test_hari_before_weekday_stays_in_one_mention():
    m = one("Korban ditemukan pada hari Minggu (4/6/2023), sekitar pukul 10.00 WIB.")
    assert m.text == "hari Minggu (4/6/2023)" and m.start_date == D(2023, 6, 4) and m.weekday == 6


def test_weekday_range_with_numeric_day_range():
    m = one("Kejuaraan digelar Sabtu-Minggu (2-3/12) di Buriram.", ref_year=2023)
    assert (m.start_date, m.end_date) == (D(2023, 12, 2), D(2023, 12, 3)) and not m.weekday_mismatch


# --- textual dates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, span, expected, weekday",
    [
        ("KPU menetapkan pasangan calon pada 13 November 2023.", "13 November 2023", D(2023, 11, 13), None),
        ("Rapat pleno digelar Senin, 4 Maret 2024, di aula kantor KPU.", "Senin, 4 Maret 2024", D(2024, 3, 4), 0),
        ("Pemungutan suara Pilkada serentak pada 27 November 2024.", "27 November 2024", D(2024, 11, 27), None),
        (
            "KPU RI pada hari Senin, 13 November 2023, menetapkan tiga pasangan.",
            "hari Senin, 13 November 2023",
            D(2023, 11, 13),
            0,
        ),
        ("Pendaftaran dibuka 1 Jul 2023 pukul 08.00 WIB.", "1 Jul 2023", D(2023, 7, 1), None),
        ("Masa sanggah hingga 10 Nopember 2019.", "10 Nopember 2019", D(2019, 11, 10), None),
    ],
)
def test_day_month_year_in_words(text, span, expected, weekday):
    m = one(text)
    assert (m.text, m.start_date, m.end_date, m.precision, m.weekday) == (span, expected, expected, "day", weekday)
    assert not m.weekday_mismatch and not m.year_inferred


def test_day_month_without_year_uses_reference_year():
    m = one("Tahapan pencalonan dimulai 4 Maret.", ref_year=2024)
    assert m.start_date == D(2024, 3, 4) and m.year_inferred


def test_day_month_without_any_reference_is_unknown():
    m = one("Tahapan pencalonan dimulai 4 Maret.")
    assert m.start_date is None and m.precision == "unknown"


def test_abbreviated_month_needs_capital_and_agus_is_a_name():
    assert spans("Nomor urut 27 Agus Nova, 14 Fadil.") == []
    assert spans("skor 7 des 3") == []


# --- ranges -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("Pelatihan di Hotel Harris, Samarinda, dari 27 hingga 31 Oktober 2024 ini.", D(2024, 10, 27), D(2024, 10, 31)),
        ("Masa kampanye 28 November 2023 hingga 10 Februari 2024.", D(2023, 11, 28), D(2024, 2, 10)),
        ("Bimtek digelar 1-3 Desember 2023 di Balikpapan.", D(2023, 12, 1), D(2023, 12, 3)),
        ("Pendaftaran dibuka 12 s.d. 14 Juni 2024.", D(2024, 6, 12), D(2024, 6, 14)),
        ("Pendaftaran dibuka 12 s/d 14 Juni 2024.", D(2024, 6, 12), D(2024, 6, 14)),
        ("Uji publik 20 Juni hingga 14 Juli 2024.", D(2024, 6, 20), D(2024, 7, 14)),
        ("Libur 28 Desember hingga 2 Januari 2024.", D(2023, 12, 28), D(2024, 1, 2)),
        ("Kampanye tambahan 21 Januari-10 Febuari 2024.", D(2024, 1, 21), D(2024, 2, 10)),  # typo as printed
        ("Rekapitulasi 15 Februari 2024 sampai dengan 20 Maret 2024.", D(2024, 2, 15), D(2024, 3, 20)),
    ],
)
def test_day_ranges(text, start, end):
    m = one(text)
    assert (m.start_date, m.end_date, m.precision) == (start, end, "day")
    assert m.text[0].isdigit()  # the span may leave out "dari"


# --- month and year precision -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, span",
    [
        ("Inflasi Oktober 2024 tercatat rendah.", "Oktober 2024"),
        ("Data pada bulan Oktober 2024 menunjukkan.", "bulan Oktober 2024"),
    ],
)
def test_month_year(text, span):
    m = one(text)
    assert (m.text, m.start_date, m.end_date, m.precision) == (span, D(2024, 10, 1), D(2024, 10, 31), "month")


def test_month_range_and_bare_month_with_cue():
    assert spans("penjualan selama Januari-Maret 2024 naik") == [
        ("Januari-Maret 2024", D(2024, 1, 1), D(2024, 3, 31), "month")
    ]
    m = one("Pameran digelar pada Oktober lalu.", ref_date=D(2024, 11, 9))
    assert (m.text, m.start_date, m.end_date, m.precision) == ("Oktober", D(2024, 10, 1), D(2024, 10, 31), "month")
    m = one("Forum itu digelar pada Mei tahun depan.", ref_year=2023)
    assert m.start_date == D(2024, 5, 1) and m.text == "Mei tahun depan"


def test_bare_month_without_cue_or_capital_is_not_a_date():
    assert spans("April Jasmine hadir.") == []
    assert spans("pada april lalu", ref_year=2024) == []


def test_year_precision():
    m = one("Program itu dimulai pada tahun 2024.")
    assert (m.text, m.start_date, m.end_date, m.precision) == ("tahun 2024", D(2024, 1, 1), D(2024, 12, 31), "year")
    m = one("Ia menjabat sejak 2019.")
    assert (m.text, m.precision) == ("2019", "year")


@pytest.mark.parametrize(
    "text",
    [
        "Menjelang Pilkada 2024, Pemkab Kukar mengajak tokoh masyarakat.",
        "Suksesnya penyelenggaraan Pemilu 2024 menjadi tanggung jawab bersama.",
        "Pemilu tahun 2024 berjalan damai.",
        "sesuai UU Nomor 7 Tahun 2017 tentang Pemilihan Umum",
        "diatur dalam PKPU No. 8 Tahun 2024",
        "berdasarkan Kepmendagri Nomor 300.2.2-2138 Tahun 2025",
        "Peraturan Pemerintah (PP) Tahun 2003 tentang disiplin",
        "setting film pada tahun 1990-an",
    ],
)
def test_years_inside_names_are_not_dates(text):
    assert spans(text) == []


# --- weekdays alone -------------------------------------------------------------------------


def test_bare_weekday_resolves_back_from_reference_date():
    m = one("katanya di Jakarta, pada Jumat.", ref_date=D(2024, 11, 9))  # 9 Nov 2024 was a Saturday
    assert (m.start_date, m.precision, m.weekday, m.year_inferred) == (D(2024, 11, 8), "day", 4, True)
    m = one("ujar dia di Balikpapan, Sabtu.", ref_date=D(2024, 11, 9))
    assert m.start_date == D(2024, 11, 9)  # on the reference day itself
    m = one("Rapat digelar hari Jumat mendatang.", ref_date=D(2024, 11, 9))
    assert m.start_date == D(2024, 11, 15)
    m = one("Rapat digelar Senin lalu.", ref_date=D(2024, 11, 11))
    assert m.start_date == D(2024, 11, 4)


def test_bare_weekday_without_reference_date_is_unknown():
    m = one("katanya di Jakarta, hari Jumat.", ref_year=2024)
    assert (m.text, m.start_date, m.precision, m.weekday) == ("hari Jumat", None, "unknown", 4)


@pytest.mark.parametrize(
    "text",
    [
        "Minggu lalu, KPU menggelar rapat.",  # last week
        "Dalam dua minggu terakhir harga naik.",
        "Minggu depan pendaftaran ditutup.",
        "Kapolsek Pasar Minggu Kompol David hadir.",
        "Jemaah menunaikan salat Jumat di masjid.",
        "Kantor buka setiap Senin pukul 08.00.",
    ],
)
def test_minggu_as_week_and_other_non_dates(text):
    assert [m for m in find_dates(text, ref_date=D(2024, 11, 9)) if m.weekday is not None] == []


def test_weekday_schedule_is_one_unresolved_mention():
    m = one("Layanan buka pada Senin-Jumat, pukul 08.00-16.00 WITA.", ref_date=D(2024, 11, 9))
    assert (m.text, m.start_date, m.precision) == ("Senin-Jumat", None, "unknown")


def test_capitalized_minggu_with_date_is_sunday():
    m = one("Kampanye akbar digelar Minggu (3/11).", ref_year=2024)
    assert m.start_date == D(2024, 11, 3) and m.weekday == 6 and not m.weekday_mismatch


# --- vague and relative expressions ---------------------------------------------------------


def test_vague_expressions_have_no_date():
    text = "ujar Bambang saat memberikan arahan, belum lama ini. Hal serupa disampaikan baru-baru ini."
    assert spans(text, ref_date=D(2024, 11, 9)) == [
        ("belum lama ini", None, None, "unknown"),
        ("baru-baru ini", None, None, "unknown"),
    ]


def test_relative_days_resolve_against_reference_date():
    ref = D(2024, 11, 9)
    assert spans("Rapat digelar kemarin di kantor camat.", ref_date=ref) == [
        ("kemarin", D(2024, 11, 8), D(2024, 11, 8), "day")
    ]
    assert spans("Tahun lalu partisipasi pemilih naik.", ref_date=ref) == [
        ("Tahun lalu", D(2023, 1, 1), D(2023, 12, 31), "year")
    ]
    assert spans("Ia dilantik dua tahun lalu.", ref_date=ref) == [
        ("dua tahun lalu", D(2022, 1, 1), D(2022, 12, 31), "year")
    ]
    assert spans(
        "kemarin",
    ) == [("kemarin", None, None, "unknown")]


def test_length_of_time_is_not_a_date():
    assert spans("sudah hampir delapan tahun ini menunggu", ref_date=D(2024, 11, 9)) == []


def test_redundant_kemarin_next_to_a_date_is_dropped():
    got = spans("kata Kapolres, Rabu (11/10) kemarin.", ref_date=D(2023, 10, 12))
    assert got == [("Rabu (11/10)", D(2023, 10, 11), D(2023, 10, 11), "day")]


# --- weekday checks ---------------------------------------------------------------------------


def test_impossible_weekday_keeps_printed_date_and_flags_it():
    m = one("Rapat pleno terbuka digelar Senin (3/9/2024).")  # 3 September 2024 was a Tuesday
    assert m.start_date == D(2024, 9, 3) and m.weekday == 0 and m.weekday_mismatch and not m.year_inferred


def test_weekday_picks_the_neighbouring_year_when_reference_year_does_not_fit():
    m = one("Debat kandidat digelar Senin (2/9).", ref_year=2025)  # 2 Sept was a Monday in 2024, not 2025
    assert m.start_date == D(2024, 9, 2) and m.year_inferred and not m.weekday_mismatch


def test_weekday_that_fits_no_nearby_year_keeps_reference_year_and_flags():
    # 4 June is a Sunday in 2023 only; from 2025 neither 2024 nor 2026 fits
    m = one("Korban ditemukan Minggu (4/6).", ref_year=2025)
    assert m.start_date == D(2025, 6, 4) and m.weekday_mismatch and m.year_inferred


# --- what is not a date ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Acara dimulai pukul 10.00 WITA dan selesai 10.30.",
        "Ia meraih 3/4 suara di rapat itu.",
        "Paslon nomor urut 1 meraih 51,28 persen suara.",
        "Tanggal 31/2/2024 tidak ada.",
        "Kegiatan 32 Oktober 2024 mustahil.",
        "Odds: 1 (5/6) X (5/2) 2 (10/3).",
        "Disetujui dua pertiga (2/3) anggota.",
        "Skor akhir 3-1 untuk tuan rumah.",
        "Jalan Jenderal Sudirman No 12, Samarinda.",
        "H-7 Oktober semua logistik harus tiba.",
    ],
)
def test_not_dates(text):
    assert [m for m in find_dates(text, ref_year=2024) if m.start_date is not None] == []


def test_invalid_dates_never_raise_and_leave_no_date():
    for text in [
        "Senin (31/2/2024)",
        "30 Februari 2024",
        "29 Februari 2023",
        "(0/0)",
        "00/00/0000",
        "99 Desember 2024",
    ]:
        assert all(m.start_date is None for m in find_dates(text, ref_year=2024)), text


def test_29_february_resolves_to_a_leap_year():
    m = one("Rapat digelar 29 Februari.", ref_year=2025)
    assert m.start_date == D(2024, 2, 29)


# --- reference year ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, year",
    [
        ("Menjelang Pilkada 2024, Pemerintah Kabupaten Kutai Kartanegara mengajak tokoh masyarakat.", 2024),
        ("Sesuai UU Nomor 7 Tahun 2017, tahapan Pemilu 2019 dimulai.", 2019),
        ("Sesuai UU Nomor 7 Tahun 2017 tentang Pemilu, rapat digelar Sabtu (9/11/2024).", 2024),
        ("Target jangka menengah tahun 2026-2030. Emisi 2022 turun, emisi 2022 naik.", 2022),
        ("Harga naik 12 persen dan 2.024 orang hadir.", None),
        ("", None),
    ],
)
def test_infer_reference_year(text, year):
    assert infer_reference_year(text) == year


# --- publication dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-11-09", D(2024, 11, 9)),
        ("2024-11-09T10:00:00+08:00", D(2024, 11, 9)),
        ("2024-11-09 10:00:00", D(2024, 11, 9)),
        ("Sabtu, 9 November 2024 10:15 WIB", D(2024, 11, 9)),
        ("09/11/2024", D(2024, 11, 9)),
        ("Sabtu, 09/11/2024 10:15", D(2024, 11, 9)),
        ("Nov 9, 2024", D(2024, 11, 9)),
        ("", None),
        (None, None),
        ("kemarin sore", None),
        ("2024-13-45", None),
        ("31/02/2024", None),
        (12345, None),
    ],
)
def test_parse_publish_date(value, expected):
    assert parse_publish_date(value) == expected


# --- properties ----------------------------------------------------------------------------------

_date_words = st.sampled_from(
    [
        "Senin",
        "Selasa",
        "Minggu",
        "Jum'at",
        "(",
        ")",
        "/",
        "-",
        "hingga",
        "s.d.",
        "3",
        "9",
        "31",
        "12",
        "2024",
        "24",
        "Oktober",
        "Februari",
        "Des",
        "tahun",
        "pada",
        "bulan",
        "kemarin",
        "lalu",
        "belum lama ini",
        "Pilkada",
        "Nomor",
        ",",
        " ",
        "\xa0",
        "٣",
        "İ",
        "ſ",
        "K",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(), st.lists(_date_words, max_size=30).map("".join), st.lists(_date_words, max_size=30).map(" ".join)
    ),
    st.one_of(st.none(), st.dates()),
    st.one_of(st.none(), st.integers(min_value=-5, max_value=10_000)),
)
def test_find_dates_never_raises_and_offsets_hold(text, ref_date, ref_year):
    for m in find_dates(text, ref_date=ref_date, ref_year=ref_year):
        assert text[m.start : m.end] == m.text
        assert m.precision in {"day", "month", "year", "unknown"}
        assert (m.start_date is None) == (m.end_date is None)
        if m.start_date is not None:
            assert m.start_date <= m.end_date
        else:
            assert m.precision == "unknown"
        assert m.weekday is None or 0 <= m.weekday <= 6


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.none(), st.text(), st.lists(_date_words, max_size=12).map(" ".join)))
def test_parse_publish_date_never_raises(value):
    result = parse_publish_date(value)
    assert result is None or isinstance(result, dt.date)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=D(1950, 1, 1), max_value=D(2099, 12, 31)))
def test_printed_dates_round_trip(day):
    months = [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ]
    weekdays = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
    for text in (
        f"{weekdays[day.weekday()]} ({day.day}/{day.month}/{day.year})",
        f"pada {weekdays[day.weekday()]}, {day.day} {months[day.month - 1]} {day.year}.",
    ):
        m = one(text)
        assert m.start_date == day and m.precision == "day" and not m.weekday_mismatch


def test_docstring_examples():
    assert doctest.testmod(dates_module, raise_on_error=False).failed == 0


def test_unclosed_bracket_after_weekday():
    m = one("kata dia di Jakarta, Selasa (10/6/2025.\nKerja sama dimulai.")
    assert m.text == "Selasa (10/6/2025" and m.start_date == D(2025, 6, 10) and m.weekday == 1


@pytest.mark.slow
def test_throughput_on_the_development_corpus():
    """``pytest -m slow``: find_dates over the 32M-character corpus (~9M chars/s of CPU here)."""
    import gzip
    import json
    import time

    corpus = shared(CORPUS)
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        texts = [json.loads(line).get("text") or "" for line in fh]
    chars = sum(map(len, texts))
    t0 = time.process_time()
    found = sum(len(find_dates(t, ref_year=infer_reference_year(t))) for t in texts)
    rate = chars / max(time.process_time() - t0, 1e-9)
    print(f"\nfind_dates+infer_reference_year: {chars:,} chars, {found:,} mentions, {rate / 1e6:.1f}M chars/s")
    assert found > 0 and rate > 1e6
