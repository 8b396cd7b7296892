"""The official election calendar (lexicon/election_calendar.toml) and its lookups (pantau/pipeline/calendar.py)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from pantau import lexicon
from pantau.lexicon import LexiconError
from pantau.pipeline import calendar

D = date


def _days(election: str, stage: str) -> list[tuple[date, date]]:
    return [
        (s["start"], s["end"]) for s in lexicon.election_calendar() if (s["election"], s["stage"]) == (election, stage)
    ]


# ---- the data -----------------------------------------------------------------------------------------


def test_the_facts_of_issue_13_are_in_the_calendar_exactly():
    assert _days("pemilu-2019", "voting") == [(D(2019, 4, 17), D(2019, 4, 17))]
    assert _days("pilkada-2017", "voting") == [(D(2017, 2, 15), D(2017, 2, 15))]
    assert _days("pilkada-2018", "voting") == [(D(2018, 6, 27), D(2018, 6, 27))]
    assert _days("pilkada-2020", "voting") == [(D(2020, 12, 9), D(2020, 12, 9))]
    assert _days("pemilu-2024", "registration") == [(D(2023, 10, 19), D(2023, 10, 25))]
    assert _days("pemilu-2024", "campaign") == [(D(2023, 11, 28), D(2024, 2, 10))]
    debates = [D(2023, 12, 12), D(2023, 12, 22), D(2024, 1, 7), D(2024, 1, 21), D(2024, 2, 4)]
    assert _days("pemilu-2024", "debate") == [(d, d) for d in debates]
    assert _days("pemilu-2024", "voting") == [(D(2024, 2, 14), D(2024, 2, 14))]
    assert _days("pemilu-2024", "result_determination") == [(D(2024, 3, 20), D(2024, 3, 20))]
    assert _days("pemilu-2024", "inauguration") == [(D(2024, 10, 20), D(2024, 10, 20))]
    assert _days("pilkada-2024", "registration") == [(D(2024, 8, 27), D(2024, 8, 29))]
    assert _days("pilkada-2024", "campaign") == [(D(2024, 9, 25), D(2024, 11, 23))]
    assert _days("pilkada-2024", "voting") == [(D(2024, 11, 27), D(2024, 11, 27))]


def test_every_stage_is_a_known_kind_in_order_with_a_source():
    kinds = set(lexicon.read_toml("election_calendar.toml")["stage_kinds"])
    stages = lexicon.election_calendar()
    assert {"pemilu-2019", "pemilu-2024", "pilkada-2017", "pilkada-2018", "pilkada-2020", "pilkada-2024"} <= {
        s["election"] for s in stages
    }
    for s in stages:
        assert s["stage"] in kinds, s
        assert type(s["start"]) is date and type(s["end"]) is date and s["start"] <= s["end"], s
        assert s["source"].startswith("PKPU "), s
        assert s["level"] == ("national" if s["election"].startswith("pemilu") else "regional"), s
    for election in {s["election"] for s in stages}:
        own = [s for s in stages if s["election"] == election]
        # one voting day, in the year the id names, and stages listed in date order
        (voting,) = [s for s in own if s["stage"] == "voting"]
        assert voting["start"] == voting["end"] and str(voting["start"].year) == election.rsplit("-", 1)[1]
        assert [s["start"] for s in own] == sorted(s["start"] for s in own), election
        # the campaign ends before the quiet days, which end the day before voting
        (campaign,), (quiet,) = ([s for s in own if s["stage"] == k] for k in ("campaign", "quiet_period"))
        assert campaign["end"] < quiet["start"] and (voting["start"] - quiet["end"]).days == 1, election


def test_the_calendar_is_read_once():
    assert lexicon.election_calendar() is lexicon.election_calendar()


# ---- the lookups --------------------------------------------------------------------------------------


def test_stage_dates_from_how_articles_name_elections():
    assert calendar.stage_date("tahapan pendaftaran pasangan calon Pilkada Serentak 2024", "registration") == D(
        2024, 8, 27
    )
    assert calendar.stage_date("pemungutan suara Pilpres 2019", "voting") == D(2019, 4, 17)
    assert calendar.stage_date("pemilihan kepala daerah tahun 2020", "voting") == D(2020, 12, 9)
    assert calendar.stage_date("Pilgub Jatim 2018", "campaign") == D(2018, 2, 15)
    assert calendar.stage_date("debat perdana capres Pemilu 2024", "debate") == D(2023, 12, 12)
    assert calendar.stage_date("pelantikan presiden terpilih hasil Pemilu 2024", "inauguration") == D(2024, 10, 20)
    # an election named without a year, two elections, or no election: no single day
    assert calendar.stage_date("masa tenang Pilkada serentak", "quiet_period") is None
    assert calendar.stage_date("Pemilu dan Pilkada serentak 2024", "voting") is None
    assert calendar.stage_date("rapat koordinasi Bawaslu 2024", "voting") is None
    # a stage the election does not list
    assert calendar.stage_date("Pilkada 2018", "inauguration") is None


def test_stages_on_a_day():
    def on(day):
        return [(s["election"], s["stage"]) for s in calendar.stages_on(day)]

    assert on(D(2024, 2, 14)) == [("pemilu-2024", "voting"), ("pemilu-2024", "counting_recap")]
    assert on(D(2024, 11, 1)) == [("pilkada-2024", "campaign")]
    assert on(datetime(2019, 1, 17, 20, 0)) == [("pemilu-2019", "campaign"), ("pemilu-2019", "debate")]
    assert on(D(2021, 6, 1)) == []


def test_the_year_of_an_election_named_without_one():
    year = calendar.election_year_for
    # under way on the publish day
    assert year("KPU Kukar menggelar sosialisasi tahapan Pilkada serentak di Tenggarong", D(2024, 10, 1)) == 2024
    assert year("Bawaslu mengawasi masa kampanye Pemilu di Samarinda", datetime(2023, 12, 5, 9, 30)) == 2024
    # just ended: the article looks back at it
    assert year("KPU menggelar rapat evaluasi penyelenggaraan Pemilu", D(2019, 12, 10)) == 2019
    assert year("Gugatan hasil Pilkada mulai disidangkan di MK", D(2021, 1, 26)) == 2020
    # long after one and before the next: the next one
    assert year("Bawaslu mengingatkan ASN menjaga netralitas menjelang Pemilu", D(2022, 3, 1)) == 2024
    assert year("Partai mulai menjaring bakal calon untuk Pilgub mendatang", D(2019, 6, 3)) == 2020
    # after the last one in the calendar: the last one
    assert year("Hasil Pilkada digugat ke MK", D(2025, 9, 1)) == 2024
    # a printed year wins; no election word, or two years: nothing to say
    assert year("persiapan Pilkada 2020 di tengah pandemi", D(2019, 11, 1)) == 2020
    assert year("Rapat koordinasi bersama Forkopimda di Balikpapan", D(2024, 10, 1)) is None
    assert year("Pemilu 2019 dan 2024 dibandingkan", D(2024, 10, 1)) is None


# ---- a malformed calendar names its line ----------------------------------------------------------------

GOOD = """stage_kinds = ["registration", "voting"]
[words]
national = ["pemilu"]
regional = ["pilkada"]

[[election]]
id = "pilkada-2018"
name = "Pilkada 2018"
level = "regional"
source = "PKPU 1/2017"

[[election.stage]]
stage = "registration"
start = 2018-01-08
end = 2018-01-10

[[election.stage]]
stage = "voting"
start = 2018-06-27
end = 2018-06-27
"""


@pytest.fixture
def scratch_calendar(tmp_path, monkeypatch):
    monkeypatch.setattr(lexicon, "DIR", tmp_path)
    caches = (lexicon.read_toml, lexicon.election_calendar, calendar._elections, calendar._level_patterns)

    def write(text):
        for cached in caches:
            cached.cache_clear()
        (tmp_path / "election_calendar.toml").write_text(text, encoding="utf-8")

    yield write
    for cached in caches:
        cached.cache_clear()


def test_a_good_scratch_calendar_reads(scratch_calendar):
    scratch_calendar(GOOD)
    assert [s["stage"] for s in lexicon.election_calendar()] == ["registration", "voting"]
    assert calendar.stage_date("Pilkada 2018", "voting") == D(2018, 6, 27)


@pytest.mark.parametrize(
    ("old", "new", "line", "problem"),
    [
        ("end = 2018-01-10", "end = 2018-01-07", 15, "ends 2018-01-07 before it starts 2018-01-08"),
        ('stage = "voting"', 'stage = "pencoblosan"', 18, "unknown stage 'pencoblosan'"),
        ("start = 2018-06-27", 'start = "27 Juni 2018"', 19, "`start` must be a date (YYYY-MM-DD)"),
        ("start = 2018-06-27", "start = 2018-06-27T08:00:00", 19, "`start` must be a date (YYYY-MM-DD)"),
        ('level = "regional"', 'level = "daerah"', 9, "unknown level 'daerah'"),
        ('source = "PKPU 1/2017"\n', "", 6, "election needs a text `source`"),
        ("end = 2018-01-10", "end = 2018-01-", 15, None),
    ],
)
def test_a_malformed_entry_names_file_and_line(scratch_calendar, old, new, line, problem):
    assert old in GOOD
    scratch_calendar(GOOD.replace(old, new))
    with pytest.raises(LexiconError, match=rf"^election_calendar\.toml:{line}: ") as err:
        lexicon.election_calendar()
    if problem is not None:
        assert err.value.problem == problem
