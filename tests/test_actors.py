"""Actors: offices, apposition, titles, abbreviations, short forms, two Bambangs, compound orgs."""

from pantau.pipeline.extract.actors import clean_person_name, extract_actors


def names(body, kind):
    return sorted(a.name for a in extract_actors(body).actors.values() if a.kind == kind)


def test_apposition_with_office_and_role():
    b = "Hal tersebut disampaikan oleh Pjs Bupati Kukar, Bambang Arwanto, dalam sosialisasi netralitas."
    r = extract_actors(b)
    (p,) = [a for a in r.actors.values() if a.kind == "person"]
    assert p.name == "Bambang Arwanto" and p.role == "Pjs Bupati Kukar" and p.region_code == "64.02"


def test_several_appositions_in_a_list_and_a_titled_name():
    b = (
        "Rapat koordinasi ini dihadiri oleh berbagai pihak terkait, termasuk Asisten I Pemkab Kukar, Akhmad Taufik "
        "Hidayat, Ketua Bawaslu Kukar, Teguh Wibowo, Forkopimda, camat, lurah, perwakilan OPD, partai politik, "
        "dan para ahli seperti Prof. Bambang Iswanto dan Komisioner KPU Kukar, Wiwin."
    )
    r = extract_actors(b)
    persons = {a.name: a.role for a in r.actors.values() if a.kind == "person"}
    assert persons == {
        "Akhmad Taufik Hidayat": "Asisten I Pemkab Kukar",
        "Teguh Wibowo": "Ketua Bawaslu Kukar",
        "Bambang Iswanto": None,
        "Wiwin": "Komisioner KPU Kukar",
    }
    orgs = names(b, "organization")
    assert "Badan Pengawas Pemilu Kutai Kartanegara" in orgs and "Komisi Pemilihan Umum Kutai Kartanegara" in orgs
    assert "Pemerintah Kabupaten Kutai Kartanegara" in orgs


def test_short_forms_resolve_to_full_name_and_every_mention_has_offsets():
    b = (
        "Asisten I Pemkab Kukar, Akhmad Taufik Hidayat, hadir.\n\nAkhmad Taufik mengajak seluruh masyarakat Kukar "
        "untuk aktif.\n\n“Netralitas mutlak bagi ASN,” ujar Taufik."
    )
    r = extract_actors(b)
    taufik = [m for m in r.mentions if m.key == "person|Akhmad Taufik Hidayat"]
    assert [m.text for m in taufik] == ["Akhmad Taufik Hidayat", "Akhmad Taufik", "Taufik"]
    assert all(b[m.start : m.end] == m.text for m in r.mentions)


def test_abbreviation_definitions_tie_to_full_names():
    b = (
        "Pemerintah Kabupaten Kutai Timur (Pemkab Kutim) menyatakan optimisme tinggi. Narasumber dari Badan "
        "Kepegawaian dan Pengembangan Sumber Daya Manusia (BKPSDM) serta Badan Pengawas Pemilu (Bawaslu) Kukar hadir."
    )
    r = extract_actors(b)
    orgs = {a.name: sorted(a.forms) for a in r.actors.values() if a.kind == "organization"}
    assert orgs["Pemerintah Kabupaten Kutai Timur"] == ["Pemerintah Kabupaten Kutai Timur (Pemkab Kutim)"]
    assert "BKPSDM" in orgs["Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"]
    assert "Badan Pengawas Pemilu Kutai Kartanegara" in orgs


def test_compound_tni_polri_is_two_organizations():
    b = "“Yang kedua, jalin sinergitas antara unsur Pemerintah, TNI-POLRI, dan seluruh komponen masyarakat,” ujarnya."
    assert names(b, "organization") == ["Kepolisian Negara Republik Indonesia", "Tentara Nasional Indonesia"]


def test_unnamed_office_holder_who_speaks():
    b = (
        "Sekretaris Camat Loa Janan menyampaikan apresiasi atas inisiatif tersebut. Oleh karena itu Sekretaris Daerah "
        "(Sekda) Kutai Kartanegara (Kukar) menyampaikan beberapa penekanan."
    )
    assert names(b, "person") == ["Sekretaris Camat Loa Janan", "Sekretaris Daerah Kutai Kartanegara"]


def test_plural_offices_are_not_actors():
    b = "Para Camat, Lurah dan Kepala Desa sebagai kepala wilayah harus memberikan dukungan penyelenggaraan Pilkada."
    assert names(b, "person") == []


def test_org_ending_in_org_word_and_representative():
    b = "Perwakilan dari Smart Academy, yang menjadi mitra penyelenggara, mengapresiasi inisiatif Pemkab Kutim."
    assert "Smart Academy" in names(b, "organization")


def test_regions_and_sentence_openers_are_not_people():
    b = "Menurutnya, Kaltim merupakan salah satu daerah yang perlu diwaspadai. Kukar menempati peringkat ke-48."
    assert names(b, "person") == []


def test_person_name_cleaning():
    assert clean_person_name("Prof. Bambang Iswanto") == "Bambang Iswanto"
    assert clean_person_name("Brigjen TNI Agus Subiyanto") == "Agus Subiyanto"
    assert clean_person_name("Kukar") is None
    assert clean_person_name("Loa Janan") is None


def test_name_verb_and_cue_forms():
    b = "Lolly Suhenty mengatakan pengawasan akan diperketat. “Kami siap,” kata Bagja."
    assert names(b, "person") == ["Bagja", "Lolly Suhenty"]


def test_office_run_read_backwards_and_names_after_titles():
    assert names("Hal itu disampaikan Ketua Majelis Hakim Arief Hidayat saat membacakan putusan.", "person") == [
        "Arief Hidayat"
    ]
    assert names("“Jangan provokasi masyarakat,” kata Ketua MPU Aceh Tgk Faisal Ali di Banda Aceh.", "person") == [
        "Faisal Ali"
    ]
    r = extract_actors(
        "Prabowo Subianto mengatakan sudah meminta waktu bertemu Ketua Umum PDI Perjuangan Megawati Soekarnoputri."
    )
    roles = {a.name: a.role for a in r.actors.values() if a.kind == "person"}
    assert roles == {"Prabowo Subianto": None, "Megawati Soekarnoputri": "Ketua Umum PDI Perjuangan"}


def test_cue_only_short_form_takes_the_full_name_printed_elsewhere():
    b = (
        "Pasangan calon nomor urut 2 Prabowo Subianto-Gibran Rakabuming Raka berkampanye di pasar.\n\n"
        "“Harga cabai agak naik,” kata Gibran kepada wartawan."
    )
    assert "Gibran Rakabuming Raka" in names(b, "person")


def test_nickname_in_parentheses_is_an_alias():
    b = (
        "Presiden Joko Widodo (Jokowi) meresmikan bendungan itu. “Kita harus menjaga netralitas,” kata Jokowi. "
        "Ketua Umum PKB Muhaimin Iskandar (Cak Imin) hadir."
    )
    r = extract_actors(b)
    persons = {a.name: sorted(a.forms) for a in r.actors.values() if a.kind == "person"}
    assert persons["Joko Widodo"] == ["Joko Widodo", "Jokowi"]
    assert "Cak Imin" in persons["Muhaimin Iskandar"]
    assert "Jokowi" not in persons
