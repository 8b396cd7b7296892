"""Statements: quote styles, after/before cues, -nya back-references, unnamed speakers, titles are not speech."""

from pantau.pipeline.extract.actors import extract_actors
from pantau.pipeline.extract.statements import extract_statements
from pantau.pipeline.text import quote_spans


def stmts(body):
    r = extract_actors(body)
    return [(s.kind, s.text, s.speaker_key) for s in extract_statements(body, r)]


def test_after_quote_cue_with_short_form():
    b = (
        "Hal tersebut disampaikan oleh Pjs Bupati Kukar, Bambang Arwanto, dalam sosialisasi.\n\n"
        "“Keterlibatan tokoh masyarakat sangat penting untuk menjaga kestabilan politik,” ujar Bambang saat memberikan arahan."
    )
    direct = [s for s in stmts(b) if s[0] == "direct"]
    assert direct == [
        (
            "direct",
            "Keterlibatan tokoh masyarakat sangat penting untuk menjaga kestabilan politik",
            "person|Bambang Arwanto",
        )
    ]


def test_nya_cue_points_back_to_unnamed_office_holder():
    b = (
        "Sekretaris Camat Loa Janan menyampaikan apresiasi atas inisiatif tersebut. Ia menilai kegiatan ini sebagai "
        "langkah awal yang positif.\n\n“Kami akan terus mendorong komunikasi intensif di antara pemangku kepentingan,” ujarnya."
    )
    out = stmts(b)
    assert (
        "direct",
        "Kami akan terus mendorong komunikasi intensif di antara pemangku kepentingan",
        "person|Sekretaris Camat Loa Janan",
    ) in out
    assert ("indirect", "kegiatan ini sebagai langkah awal yang positif", "person|Sekretaris Camat Loa Janan") in out


def test_theme_in_quotes_is_not_a_statement():
    b = (
        "Pemkab Kutim menggelar Bimbingan Teknis (Bimtek) bertema “Mitigasi dan Penanganan Konflik Sosial pada "
        "Penyelenggaraan Pilkada 2024”."
    )
    assert stmts(b) == []


def test_scare_quotes_are_not_statements():
    assert stmts("Partai itu menampilkan ”wajah baru” dalam kampanye.") == []


def test_representative_of_organization_speaks():
    b = (
        "Perwakilan dari Smart Academy, yang menjadi mitra penyelenggara, mengapresiasi inisiatif Pemkab Kutim. "
        "“Keberhasilan Pilkada tidak hanya bergantung pada aspek teknis,” ungkapnya."
    )
    direct = [s for s in stmts(b) if s[0] == "direct"]
    assert direct[0][2] == "organization|Smart Academy"


def test_before_quote_cue_and_straight_quotes():
    b = 'Ketua KPU Kukar, Rudi Gunawan, mengatakan: "Logistik sudah tiba di semua kecamatan."'
    direct = [s for s in stmts(b) if s[0] == "direct"]
    assert direct == [("direct", "Logistik sudah tiba di semua kecamatan.", "person|Rudi Gunawan")]


def test_menurut_and_reported_speech():
    b = (
        "Ketua Bawaslu Kukar, Teguh Wibowo, hadir. Menurutnya, Kaltim merupakan salah satu daerah yang perlu "
        "diwaspadai. Teguh melaporkan bahwa Bawaslu Kukar telah mencatat sebanyak 11 kasus pelanggaran."
    )
    out = stmts(b)
    assert ("indirect", "Kaltim merupakan salah satu daerah yang perlu diwaspadai", "person|Teguh Wibowo") in out
    assert ("indirect", "Bawaslu Kukar telah mencatat sebanyak 11 kasus pelanggaran", "person|Teguh Wibowo") in out


def test_kompas_style_same_mark_both_ends_and_offsets():
    b = "”Kami akan menindak tegas setiap pelanggaran,” kata Ketua Bawaslu Jabar Zaki Zamzam."
    qs = quote_spans(b)
    assert [b[q.start : q.end] for q in qs] == ["Kami akan menindak tegas setiap pelanggaran,"]


def test_multi_paragraph_quote_continues():
    b = "“Paragraf pertama dari kutipan panjang ini.\n\n“Paragraf kedua menutup kutipan,” ujar Rizali."
    qs = quote_spans(b)
    assert len(qs) == 1 and b[qs[0].start : qs[0].end].endswith("menutup kutipan,")


def test_lowercase_office_after_cue_names_the_person_not_the_body():
    b = "“Dalam dua hingga tiga hari ini akan segera diluncurkan,” kata anggota Bawaslu RI Puadi dalam konferensi pers."
    assert [s[2] for s in stmts(b) if s[0] == "direct"] == ["person|Puadi"]


def test_title_period_does_not_end_the_cue():
    b = "“Beberapa warga jemaat menjadi anggota partai, tetapi juga pengurus,” kata Pdt. Gustav Wutoy. Dalam pertemuan itu, Kaesang hadir."
    assert [s[2] for s in stmts(b) if s[0] == "direct"] == ["person|Gustav Wutoy"]


def test_quoted_name_without_cue_is_not_speech():
    b = 'Tema CIFP 2023 adalah "From Non-Alignment to Creative Alignments" untuk mencerminkan realita baru.'
    assert stmts(b) == []


def test_dialogue_cues_tanya_jawab():
    b = '"Ada hubungan darah?" tanya hakim Rios Rahmanto.\n\n"Tidak ada," jawab Maruarar Siahaan.'
    out = [s for s in stmts(b) if s[0] == "direct"]
    assert [s[2] for s in out] == ["person|Rios Rahmanto", "person|Maruarar Siahaan"]


def test_nya_prefers_the_sentence_subject_over_a_later_object():
    b = (
        "Rosan mengatakan strategi itu diambil dengan menghadirkan sosok Gibran sebagai pendamping Prabowo.\n\n"
        "“Dalam struktur tim, yang paling banyak itu pemilih muda,” kata dia."
    )
    assert [s[2] for s in stmts(b) if s[0] == "direct"] == ["person|Rosan"]


def test_nya_after_apposition_subject_following_an_earlier_quote():
    b = (
        "“Netralitas mutlak bagi ASN,” ujar Taufik.\n\nDi samping itu, Ketua Bawaslu Kukar, Teguh Wibowo, "
        "menggarisbawahi pentingnya rakor ini.\n\n“Pilkada sudah tinggal 18 hari lagi,” ujarnya."
    )
    assert [s[2] for s in stmts(b) if s[0] == "direct"][-1] == "person|Teguh Wibowo"
