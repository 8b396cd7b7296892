"""Cleaning: site chrome, captions, bylines and credit tags leave the body; normalization keeps text."""

from pantau.pipeline.clean import clean_text, drop_repeated_lead, is_advertorial_marked, normalize_text
from pantau.pipeline.meta import article_meta, parse_dateline

CHROME_ARTICLE = """Follow:

Baca Berita Terbaik di sini!
Follow:

Baca Berita Terbaik di sini!

Search
Close this search box.
Foto: Rapat Koordinasi (Rakor) berlangsung di Hotel Grand Elty Singgasana pada Sabtu (9/11/2024).

Pemkab Kukar dan Bawaslu Sebut Pentingnya Rakor Dalam Menghadapi Pilkada 2024

Bebaca.id, TENGGARONG – Pemerintah Kabupaten (Pemkab) Kutai Kartanegara (Kukar) bekerja sama dengan Badan Pengawas Pemilu (Bawaslu) Kukar dalam upaya mewujudkan pelaksanaan Pemilu yang demokratis.

“Mari kita bersama-sama menjaga persatuan dan kesatuan bangsa,” pungkas Teguh.

Penulis : Bayu

Facebook
Twitter
WhatsApp
Telegram"""


def test_chrome_caption_byline_removed_from_body():
    ct = clean_text(CHROME_ARTICLE)
    assert ct.body.startswith("Bebaca.id, TENGGARONG – Pemerintah Kabupaten")
    for chrome in ("Follow:", "Search", "Close this search box", "Facebook", "Telegram", "Penulis", "Foto:"):
        assert chrome not in ct.body
    assert ct.captions == [
        "Rapat Koordinasi (Rakor) berlangsung di Hotel Grand Elty Singgasana pada Sabtu (9/11/2024)."
    ]
    assert ct.bylines == [("penulis", "Bayu")]
    assert ct.pre_lead == ["Pemkab Kukar dan Bawaslu Sebut Pentingnya Rakor Dalam Menghadapi Pilkada 2024"]


def test_meta_from_chrome_article():
    m = article_meta(clean_text(CHROME_ARTICLE))
    assert (m.outlet, m.dateline, m.author, m.is_advertorial) == ("Bebaca.id", "Tenggarong", "Bayu", False)
    assert m.title == "Pemkab Kukar dan Bawaslu Sebut Pentingnya Rakor Dalam Menghadapi Pilkada 2024"


def test_credit_tag_marks_advertorial_and_leaves_body():
    text = (
        "Portalborneo.or.id, Kukar – Menjelang Pilkada 2024, Pemerintah Kabupaten Kutai Kartanegara (Kukar) "
        "mengajak tokoh masyarakat untuk berperan aktif.\nDengan langkah proaktif seperti ini, Pemerintah "
        "Kabupaten Kutai Kartanegara menunjukkan komitmen. (ADV/DiskomKukar)"
    )
    ct = clean_text(text)
    assert ct.credit_tags == ["ADV/DiskomKukar"]
    assert ct.body.endswith("menunjukkan komitmen.")
    assert is_advertorial_marked(ct)


def test_desk_code_is_not_advertorial_nor_author():
    ct = clean_text(
        "KUTAI KRTANEGARA (Amanah Ummat.Com) Tidak dapat dipungkiri bahwa pelaksanaan Pilkada "
        "mempunyai nilai positif bagi masyarakat luas.\n“Serta yang ke lima, berkoordinasi,” demikian ujarnya. (prokom04)"
    )
    m = article_meta(ct)
    assert ct.credit_tags == ["prokom04"]
    assert not m.is_advertorial and m.author is None
    assert m.outlet == "Amanah Ummat.Com" and m.dateline == "Kutai Kartanegara"  # typo KRTANEGARA fixed


def test_repeated_scraper_preview_dropped():
    assert drop_repeated_lead(["Judul", "Paragraf satu.", "Judul", "Paragraf satu.", "Dua."]) == [
        "Judul",
        "Paragraf satu.",
        "Dua.",
    ]


def test_normalize_nfc_crlf_dashes_spaces():
    raw = "SAMARINDA \u2014 Pemkab\u00a0Kutim  menyatakan\r\nCafe\u0301 baru"
    assert normalize_text(raw) == "SAMARINDA – Pemkab Kutim menyatakan\nCafé baru"


def test_dateline_house_styles():
    assert parse_dateline("JAKARTA, KOMPAS.com - Komisi Pemilihan Umum")[:2] == ("KOMPAS.com", "JAKARTA")
    assert parse_dateline("Jakarta (ANTARA) - Ketua KPU")[:2] == ("ANTARA", "Jakarta")
    assert parse_dateline("Liputan6.com, Jakarta - Ketua Bawaslu")[:2] == ("Liputan6.com", "Jakarta")
    assert parse_dateline("SAMARINDA – Pemerintah Kabupaten Kutai Timur")[:2] == (None, "SAMARINDA")
    assert parse_dateline("Pemerintah Kabupaten Kutai Timur menyatakan optimisme")[:2] == (None, None)


def test_national_outlet_house_styles_and_glued_bylines():
    m = article_meta(
        clean_text(
            "Jakarta, CNN Indonesia - - Komisi Pemilihan Umum menetapkan daftar pemilih tetap untuk Pemilu 2024 hari ini."
        )
    )
    assert (m.outlet, m.dateline) == ("CNN Indonesia", "Jakarta")
    m = article_meta(
        clean_text(
            "jpnn.com - JAKARTA - Ketua Bidang Kehormatan DPP PDI Perjuangan menyampaikan sikap partai soal pemilu."
        )
    )
    assert (m.outlet, m.dateline) == ("jpnn.com", "Jakarta")
    m = article_meta(
        clean_text("Rimanews - Kepolisian Resor Jember membongkar sindikat pembuatan dokumen negara menjelang pilkada.")
    )
    assert (m.outlet, m.dateline) == ("Rimanews", None)
    ct = clean_text(
        "Pontianak (ANTARA) - Ketua Umum Partai Hanura hadir dalam konsolidasi partai menjelang pemilu.\n"
        "Konsolidasi berlangsung tertutup BudayaPewarta: Fianda Sjofjan RassatEditor: Guido Merung COPYRIGHT © ANTARA 2023"
    )
    m = article_meta(ct)
    assert (m.outlet, m.dateline, m.author, m.editor) == (
        "ANTARA",
        "Pontianak",
        "Fianda Sjofjan Rassat",
        "Guido Merung",
    )
    assert "Pewarta" not in ct.body and "COPYRIGHT" not in ct.body
    m = article_meta(
        clean_text(
            "Laporan wartawan Sripoku.com, Angga Dwi TRIBUNSUMSEL. COM, PALEMBANG - Perlombaan panjat pinang "
            "digelar warga di tepi sungai pada Kamis pagi."
        )
    )
    assert (m.outlet, m.dateline, m.author) == ("TRIBUNSUMSEL.COM", "Palembang", "Angga Dwi")
