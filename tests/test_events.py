"""Events: types, calendar dates from weekday + day/month, ranges, venues, places, and cross-article dedup."""

import datetime as dt

from pantau.pipeline.extract.actors import extract_actors
from pantau.pipeline.extract.events import extract_events
from pantau.pipeline.resolve import resolve_events


def events(body, **kw):
    return extract_events(body, extract_actors(body), **kw)


def test_rakor_weekday_date_resolved_against_election_year():
    b = (
        "“Yang kedua, jalin sinergitas antara unsur Pemerintah,” ujarnya pada Rapat Koordinasi (Rakor) Lintas Sektoral "
        "Penyelenggaraan Pemilihan Kepala Daerah (Pilkada) Serentak 2024, Selasa (3/9) di Gedung Puteri Karang Melenu "
        "(PKM) Tenggarong Seberang."
    )
    (e,) = events(b, ref_year=2024)
    assert e.event_type == "coordination_meeting"
    assert (e.start_date, e.end_date, e.date_precision) == (dt.date(2024, 9, 3),) * 2 + ("day",)
    assert e.venue == "Gedung Puteri Karang Melenu" and e.place == "Tenggarong Seberang"
    assert e.region_code.startswith("64.02")


def test_training_range_venue_place():
    b = (
        "Bimtek yang digelar selama lima hari di Hotel Harris, Samarinda, dari 27 hingga 31 Oktober 2024 ini "
        "melibatkan puluhan peserta."
    )
    (e,) = events(b)
    assert (e.event_type, e.start_date, e.end_date, e.venue, e.place) == (
        "training",
        dt.date(2024, 10, 27),
        dt.date(2024, 10, 31),
        "Hotel Harris",
        "Samarinda",
    )


def test_caption_gives_date_and_venue():
    b = "Pemkab Kukar dan Bawaslu berkomitmen pada saat Rapat Koordinasi (Rakor) yang mengusung tema “Pilkada Berintegritas”."
    cap = [
        "Rapat Koordinasi (Rakor) bertema “Pilkada Berintegritas” berlangsung di Hotel Grand Elty Singgasana pada Sabtu (9/11/2024)."
    ]
    (e,) = events(b, captions=cap)
    assert (e.start_date, e.venue, e.name) == (
        dt.date(2024, 11, 9),
        "Hotel Grand Elty Singgasana",
        "Pilkada Berintegritas",
    )


def test_undated_outreach_has_unknown_precision_and_place():
    b = (
        "Hal tersebut disampaikan dalam sosialisasi netralitas Aparatur Sipil Negara (ASN) yang berlangsung di "
        "Kecamatan Loa Janan, belum lama ini."
    )
    (e,) = events(b)
    assert (e.event_type, e.start_date, e.date_precision, e.place) == ("outreach", None, "unknown", "Loa Janan")


def test_stage_names_are_not_voting_events():
    b = "Kerawanan muncul pada tahapan pemungutan dan penghitungan suara serta rekapitulasi."
    assert [e.event_type for e in events(b)] == []


def _ev(article, etype, name, start=None, place="Loa Janan", code="64.02.03", inferred=False):
    return {
        "article_id": article,
        "event_type": etype,
        "name": name,
        "start_date": start,
        "end_date": start,
        "date_precision": "day" if start else "unknown",
        "date_text": None,
        "year_inferred": inferred,
        "weekday_mismatch": False,
        "venue": None,
        "place": place,
        "region_code": code,
        "organizer_keys": [],
        "participant_count": None,
        "trigger_pos": 0,
    }


def test_same_event_in_two_articles_is_one_event():
    a = _ev("a1", "outreach", "sosialisasi netralitas Aparatur Sipil Negara")
    b = _ev("a2", "outreach", "sosialisasi netralitas Aparatur Sipil Negara (ASN) di Loa Janan")
    c = _ev("a3", "outreach", "sosialisasi tahapan kampanye", place="Samarinda", code="64.72")
    out = resolve_events([a, b, c], {}, lambda code: None)
    assert sorted(len(e["article_ids"]) for e in out) == [1, 2]


def test_weekday_only_dates_never_merge_without_place():
    d = dt.date(2024, 9, 3)
    a = _ev("a1", "coordination_meeting", "rapat koordinasi", d, place="Samarinda", code="64.72", inferred=True)
    b = _ev("a2", "coordination_meeting", "rapat koordinasi", d, place="Tenggarong", code="64.02.06", inferred=True)
    assert len(resolve_events([a, b], {}, lambda code: None)) == 2


# --- the election-cycle vocabulary (lexicon/event_types.csv, events.toml [types]) ---

import pytest  # noqa: E402

import schemas  # noqa: E402
from pantau.pipeline.extract.events import event_types, plover_of  # noqa: E402

PUB = dt.date(2024, 9, 20)


@pytest.mark.parametrize(
    ("sentence", "event_type", "day"),
    [
        ("Pasangan Budi dan Sari resmi mendaftar ke KPU Kota Bandung pada Kamis (29/8/2024).", "registration", (8, 29)),
        (
            "KPU Sleman menggelar verifikasi faktual dukungan calon perseorangan pada 12 Juli 2024.",
            "verification",
            (7, 12),
        ),
        (
            "KPU Jawa Tengah resmi menetapkan tiga pasangan calon gubernur dalam rapat pada Minggu (22/9/2024).",
            "candidate_determination",
            (9, 22),
        ),
        (
            "Pengundian nomor urut pasangan calon digelar di Hotel Aston Kupang pada 23 September 2024.",
            "ballot_number_draw",
            (9, 23),
        ),
        (
            "Ribuan simpatisan memadati lapangan saat kampanye akbar di Kota Tegal pada 10 Februari 2024.",
            "campaign_rally",
            (2, 10),
        ),
        ("Calon bupati itu berorasi di depan warga Desa Sukamaju pada Sabtu (14/9/2024).", "campaign_speech", (9, 14)),
        ("Ia blusukan ke pasar tradisional di Kecamatan Cibinong pada 11 September 2024.", "door_to_door", (9, 11)),
        (
            "Ratusan mahasiswa menggelar unjuk rasa di depan kantor KPU Kabupaten Bima pada 2 September 2024.",
            "protest",
            (9, 2),
        ),
        ("Bentrokan antarpendukung pecah di Kecamatan Wonomulyo pada 1 September 2024.", "violence", (9, 1)),
        (
            "Polisi membekuk seorang tim sukses yang membagikan uang di Kabupaten Sampang pada 3 September 2024.",
            "arrest_enforcement",
            (9, 3),
        ),
        (
            "Sidang DKPP terhadap lima anggota KPU Kabupaten Nias digelar pada 4 September 2024.",
            "ethics_hearing",
            (9, 4),
        ),
        (
            "Bawaslu menggelar sidang ajudikasi sengketa pencalonan di Kota Medan pada 5 September 2024.",
            "dispute_hearing",
            (9, 5),
        ),
        ("Wali kota terpilih dilantik di Gedung DPRD Kota Bogor pada 12 Agustus 2024.", "inauguration", (8, 12)),
        (
            "Partai Nasdem mendeklarasikan dukungan untuk pasangan itu di Kota Jambi pada 6 September 2024.",
            "declaration",
            (9, 6),
        ),
        (
            "Pendistribusian logistik pemilu ke Kecamatan Long Apari berlangsung pada 7 September 2024.",
            "logistics",
            (9, 7),
        ),
    ],
)
def test_election_cycle_trigger_families(sentence, event_type, day):
    found = {
        (e.event_type, (e.start_date.month, e.start_date.day) if e.start_date else None)
        for e in events(sentence, ref_date=PUB)
    }
    assert (event_type, day) in found


def test_two_meetings_in_one_article_are_two_events():
    b = (
        "Ketua DPD Partai Golkar Jawa Barat bertemu dengan Ketua DPW PKB di Kota Bandung pada Senin (2/9/2024).\n"
        "Sehari kemudian, ia kembali bertemu dengan pengurus PDI Perjuangan di Kota Cirebon pada Selasa (3/9/2024)."
    )
    meetings = [e for e in events(b, ref_date=PUB) if e.event_type == "meeting"]
    assert [(e.start_date, e.place) for e in meetings] == [
        (dt.date(2024, 9, 2), "Bandung"),
        (dt.date(2024, 9, 3), "Cirebon"),
    ]


def test_one_meeting_told_twice_is_one_event():
    b = (
        "Ketua KPU bertemu dengan Kapolda Sulawesi Selatan di Kota Makassar pada Rabu (4/9/2024).\n"
        "Dalam pertemuan itu keduanya membahas pengamanan tahapan kampanye."
    )
    assert [e.event_type for e in events(b, ref_date=PUB)].count("meeting") == 1


def test_plover_mapping():
    assert plover_of("meeting") == "CONSULT" and plover_of("coordination_meeting") == "CONSULT"
    assert (plover_of("protest"), plover_of("violence"), plover_of("arrest_enforcement")) == (
        "PROTEST",
        "ASSAULT",
        "COERCE",
    )
    assert plover_of("training") is None and plover_of("voting") is None
    # the table's vocabulary is the lexicon's, old type names included
    assert list(schemas.EVENT_TYPES) == list(event_types())
    assert {
        "outreach",
        "training",
        "coordination_meeting",
        "voting",
        "debate",
        "campaign",
        "plenary",
        "rally",
        "monitoring",
        "other",
    } <= set(schemas.EVENT_TYPES)
    row = resolve_events([_local("protest")], {}, lambda code: None)[0]
    assert row["plover"] == "PROTEST"


def _local(event_type):
    return {
        "article_id": "a1",
        "event_type": event_type,
        "name": "unjuk rasa",
        "start_date": dt.date(2024, 9, 2),
        "end_date": dt.date(2024, 9, 2),
        "date_precision": "day",
        "date_text": "2 September 2024",
        "year_inferred": False,
        "weekday_mismatch": False,
        "venue": None,
        "place": "Bima",
        "region_code": "52.06",
        "organizer_keys": [],
        "participant_count": None,
        "trigger_pos": 0,
    }


def test_reported_event_never_after_publish_date():
    # published 5 January 2024: "Rabu (27/12)" without a year is last December, not the coming one
    b = "Bawaslu Kota Depok menggelar patroli pengawasan di Kecamatan Beji pada Rabu (27/12)."
    (e,) = [e for e in events(b, ref_date=dt.date(2024, 1, 5)) if e.event_type == "monitoring"]
    assert e.start_date == dt.date(2023, 12, 27) and e.start_date <= dt.date(2024, 1, 5)
    # a day-month just after the publish date, in a reporting sentence, goes back a year
    b = "Bawaslu menggelar sidang ajudikasi di Kota Medan pada 10 Januari."
    (e,) = [e for e in events(b, ref_date=dt.date(2024, 1, 5)) if e.event_type == "dispute_hearing"]
    assert e.start_date == dt.date(2023, 1, 10)
    # an announced one ("akan digelar") may lie ahead
    b = "Sidang ajudikasi akan digelar di Kota Medan pada 10 Januari."
    (e,) = [e for e in events(b, ref_date=dt.date(2024, 1, 5)) if e.event_type == "dispute_hearing"]
    assert e.start_date == dt.date(2024, 1, 10)


@pytest.mark.parametrize(
    ("sentence", "event_type"),
    [
        (
            "Bawaslu Kota Balikpapan menggelar rapat koordinasi pengawasan kampanye di Hotel Gran Senyiur, "
            "Balikpapan, Selasa (8/10/2024).",
            "coordination_meeting",
        ),
        (
            "KPU Kabupaten Sleman menggelar sosialisasi pemungutan suara di Balai Desa Sardonoharjo, Sleman, "
            "Kamis (21/11/2024).",
            "outreach",
        ),
    ],
)
def test_a_trigger_right_after_another_is_its_modifier_not_a_second_event(sentence, event_type):
    events = extract_events(sentence, extract_actors(sentence), ref_date=dt.date(2024, 12, 1))
    assert [e.event_type for e in events] == [event_type]
