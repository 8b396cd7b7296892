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
