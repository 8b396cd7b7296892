"""The analyst's side of the warehouse: documented queries, comments on every column, `pantau query` / `pantau sql`.

Every `warehouse/queries/*.sql` runs against the seeds' warehouse here and its result is checked.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys

import duckdb
import pytest

from pantau.analysis import query as q
from pantau.cli import main

QUERY_NAMES = sorted(p.stem for p in q.queries_dir().glob("*.sql"))


@pytest.fixture(scope="module")
def con(seeds_build):
    c = duckdb.connect(str(seeds_build / "pantau.duckdb"), read_only=True)
    yield c
    c.close()


def run(con, name: str) -> list[dict]:
    cols, rows = q.run_sql(con, q.named_query(name).sql)
    return [dict(zip(cols, r)) for r in rows]


def scalar(con, sql: str):
    return con.execute(sql).fetchall()[0][0]


# --- what each question must answer on the seeds ---------------------------------------------


def check_who_said_what_asn(rows, con):
    speakers = {r["speaker"] for r in rows}
    assert {"Bambang Arwanto", "Akhmad Taufik Hidayat"} <= speakers
    assert all(re.search(r"\b(ASN|PNS|aparatur sipil negara|netral\w*)\b", r["said"], re.I) for r in rows)
    body = dict(con.execute("select article_id, body from articles").fetchall())
    assert all(body[r["article_id"]][r["char_start"] : r["char_end"]] == r["said"] for r in rows)


def check_violations_by_region(rows, con):
    kk = [r for r in rows if r["region"] == "Kutai Kartanegara" and r["unit"] == "case"]
    assert kk and kk[0]["value"] == 11 and "pelanggaran" in kk[0]["metric"]
    assert "Teguh Wibowo" in (kk[0]["stated_by"] or "")


def check_events_per_month_by_type(rows, con):
    assert {"2024-09", "2024-10", "2024-11"} <= {r["month"] for r in rows}
    assert sum(r["events"] for r in rows) == scalar(con, "select count(*) from events")
    assert ("2024-10", "training") in {(r["month"], r["event_type"]) for r in rows}


def check_actors_by_statements(rows, con):
    assert rows[0]["actor"] == "Bambang Arwanto"
    assert all(r["statements"] == r["direct"] + r["indirect"] for r in rows)
    assert [r["statements"] for r in rows] == sorted((r["statements"] for r in rows), reverse=True)
    assert sum(r["statements"] for r in rows) == scalar(
        con, "select count(*) from statements where speaker_actor_id is not null"
    )


def check_indicator_history_by_region(rows, con):
    assert all(r["region"] for r in rows)
    assert any(
        r["region"] == "Kutai Kartanegara" and r["unit"] == "percent" and r["value"] == pytest.approx(51.28)
        for r in rows
    )
    assert {r["as_of_source"] for r in rows} <= {"published", "event", "unknown"}
    dated = [r for r in rows if r["as_of"] is not None]
    assert dated and all(r["as_of_source"] != "unknown" for r in dated)


def check_advertorial_vs_independent(rows, con):
    assert {r["coverage"] for r in rows} == {"advertorial", "independent"}
    assert sum(r["articles"] for r in rows) == scalar(con, "select count(*) from articles")
    assert sum(r["share_of_articles_pct"] for r in rows) == pytest.approx(100, abs=0.2)
    assert sum(r["statements"] for r in rows) == scalar(con, "select count(*) from statements")
    assert all(0 <= r["government_voice_pct"] <= 100 for r in rows)


def check_indicators_by_region(rows, con):
    assert ("Kutai Kartanegara", "percent", pytest.approx(51.28)) in [
        (r["region"], r["unit"], r["value"]) for r in rows
    ]
    assert sum(r["times_reported"] for r in rows) == scalar(con, "select count(*) from indicators")


def check_events_timeline(rows, con):
    assert len(rows) == scalar(con, "select count(*) from events")
    harris = [r for r in rows if r["venue"] == "Hotel Harris"]
    assert harris and harris[0]["event_type"] == "training"
    assert (str(harris[0]["start_date"]), str(harris[0]["end_date"])) == ("2024-10-27", "2024-10-31")
    starts = [r["start_date"] for r in rows]
    dated = [s for s in starts if s is not None]
    assert starts[: len(dated)] == sorted(dated)  # earliest first, undated last


def check_most_quoted_actors(rows, con):
    assert rows[0]["actor"] == "Bambang Arwanto" and len(rows) <= 15
    assert all(r["talks_about"] for r in rows)
    words = {w for r in rows for w in r["talks_about"].split(", ")}
    assert not words & {"yang", "dan", "untuk", "dengan", "bahwa"}
    assert all(r["example_quote"] for r in rows)


def check_statements_per_outlet(rows, con):
    assert sum(r["statements"] for r in rows) == scalar(con, "select count(*) from statements")
    assert sum(r["articles"] for r in rows) == scalar(con, "select count(*) from articles")
    assert "Portalborneo.or.id" in {r["outlet"] for r in rows}


def check_advertorial_share(rows, con):
    total = [r for r in rows if r["outlet"] == "(all outlets)"]
    assert total and rows[0]["outlet"] == "(all outlets)"
    assert sum(r["share_pct"] for r in total) == pytest.approx(100, abs=0.2)
    assert sum(r["articles"] for r in total) == scalar(con, "select count(*) from articles")


def check_actor_co_mentions(rows, con):
    assert all(r["actor_a"] < r["actor_b"] for r in rows)
    assert ("Bambang Arwanto", "Pemerintah Kabupaten Kutai Kartanegara") in {(r["actor_a"], r["actor_b"]) for r in rows}
    assert rows[0]["articles_together"] == max(r["articles_together"] for r in rows)


def check_events_by_region(rows, con):
    sam = [r for r in rows if r["regency"] == "Samarinda"]
    assert sam and sam[0]["event_type"] == "training" and "Hotel Harris" in sam[0]["venues"]
    assert (sam[0]["regency_code"], sam[0]["province_code"]) == ("64.72", "64")
    assert sum(r["events"] for r in rows) == scalar(con, "select count(*) from events")
    # one level: every row is a regency/city (or a province-wide row), never a district or a bare province
    assert all(r["regency_code"] is None or len(r["regency_code"]) == 5 for r in rows)
    kukar = [r for r in rows if r["regency_code"] == "64.02"]
    assert sum(r["events"] for r in kukar) == scalar(con, "select count(*) from events where regency_code = '64.02'")
    assert sum(r["inferred"] for r in rows) == scalar(con, "select count(*) from events where region_inferred")


def check_quote_in_context(rows, con):
    assert len(rows) == scalar(con, "select count(*) from statements where kind = 'direct'")
    assert all(r["matches_text"] for r in rows)
    assert any("ujar" in r["after"] for r in rows)


def check_event_evidence(rows, con):
    assert len(rows) == scalar(con, "select count(*) from event_mentions")
    assert all(r["matches_text"] is not False and r["trigger"] in r["context"] for r in rows)
    # every article of every event has its row: the evidence explains each cross-article merge
    assert sum(r["articles"] for r in rows) == scalar(con, "select sum(len(article_ids) ^ 2) from events")
    merged = [r for r in rows if r["articles"] > 1]
    assert merged and len({r["article_id"] for r in merged if r["event_type"] == "outreach"}) == 2


CHECKS = {name.removeprefix("check_"): f for name, f in globals().items() if name.startswith("check_")}


def test_there_are_at_least_ten_documented_questions():
    assert len(QUERY_NAMES) >= 10
    assert set(QUERY_NAMES) == set(CHECKS), "every query in warehouse/queries needs a check here (and vice versa)"


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_query_is_documented_and_answers_on_the_seeds(name, con):
    nq = q.named_query(name)
    first = nq.sql.lstrip().splitlines()[0]
    assert first.startswith("--"), f"{name}.sql must start with its comment block"
    assert nq.question.endswith("?") or "?" in nq.question, f"{name}: the first comment line is the question"
    assert nq.description, f"{name}: say what the query does"
    cols, rows = q.run_sql(con, nq.sql)
    assert rows, f"{name} returned no rows on the seeds"
    undocumented = [c for c in cols if c not in nq.columns]
    assert not undocumented, f"{name}: columns missing from the Columns: block: {undocumented}"
    CHECKS[name]([dict(zip(cols, r)) for r in rows], con)


def test_every_table_and_column_has_a_comment(con):
    import schemas

    tables = dict(con.execute("select table_name, comment from duckdb_tables()").fetchall())
    for t in schemas.table_names():
        assert tables.get(t), f"table {t} has no COMMENT"
        cols = dict(
            con.execute("select column_name, comment from duckdb_columns() where table_name = ?", [t]).fetchall()
        )
        missing = [c for c, comment in cols.items() if not comment]
        assert not missing, f"{t}: columns without COMMENT: {missing}"
    views = con.execute(
        "select view_name, comment from duckdb_views() where not internal and schema_name = 'main'"
    ).fetchall()
    assert views and all(comment for _, comment in views), f"views without COMMENT: {views}"


def test_parse_query_doc_reads_question_description_and_columns():
    sql = (
        "-- Who?\n--\n-- Some words\n-- more words.\n--\n-- Columns:\n--   a    first\n--        continued\n"
        "--   b_c  second\nSELECT 1 AS a, 2 AS b_c"
    )
    nq = q.parse_query_doc("x", sql)
    assert (nq.question, nq.description) == ("Who?", "Some words more words.")
    assert nq.columns == {"a": "first continued", "b_c": "second"}


# --- pantau query ------------------------------------------------------------------------------


def test_query_cli_prints_a_table(seeds_build, capsys):
    assert (
        main(
            [
                "query",
                "select outlet, count(*) as n from articles group by all order by n desc, outlet",
                "--warehouse",
                str(seeds_build),
                "--max-width",
                "80",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "Portalborneo.or.id" in out and "│ outlet" in out and out.rstrip().endswith("4 rows")
    assert max(len(line) for line in out.splitlines()) <= 80


def test_query_cli_by_name_file_json_and_csv(seeds_build, capsys):
    assert main(["query", "--name", "violations_by_region", "--warehouse", str(seeds_build), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["region"] == "Kutai Kartanegara"
    path = q.queries_dir() / "events_timeline.sql"
    assert main(["query", "--file", str(path), "--warehouse", str(seeds_build / "pantau.duckdb"), "--csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    with duckdb.connect(str(seeds_build / "pantau.duckdb"), read_only=True) as con:
        n_events = con.execute("select count(*) from events").fetchall()[0][0]
    assert lines[0].startswith("event_id,event_type,name,start_date") and len(lines) == 1 + n_events >= 5
    assert main(["query", "--list", "--json"]) == 0
    assert {x["name"] for x in json.loads(capsys.readouterr().out)} == set(QUERY_NAMES)


def test_query_cli_defaults_to_the_last_build(seeds_build, tmp_path, monkeypatch, capsys):
    import pantau.analysis.query

    marker = tmp_path / "last_build"
    marker.write_text(str(seeds_build))
    monkeypatch.setattr(pantau.analysis.query, "LAST_BUILD_FILE", marker)
    assert main(["query", "select count(*) as n from statements", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["n"] > 0
    marker.write_text(str(tmp_path / "gone"))
    monkeypatch.chdir(tmp_path)  # falls back to ./build, which is missing here
    assert main(["query", "select 1"]) == 1
    assert "no warehouse" in capsys.readouterr().err


def test_query_cli_is_read_only_and_reports_errors_in_one_line(seeds_build, capsys):
    assert main(["query", "delete from articles", "--warehouse", str(seeds_build)]) == 1
    err = capsys.readouterr().err
    assert "read-only" in err and len(err.strip().splitlines()) == 1
    assert main(["query", "select nope from articles", "--warehouse", str(seeds_build)]) == 1
    assert main(["query", "--name", "no_such_question", "--warehouse", str(seeds_build)]) == 1
    assert "known:" in capsys.readouterr().err
    assert main(["query", "--warehouse", str(seeds_build)]) == 2
    with duckdb.connect(str(seeds_build / "pantau.duckdb"), read_only=True) as c:
        assert c.execute("select count(*) from articles").fetchall()[0][0] == 5


# --- pantau sql ----------------------------------------------------------------------------------


def test_shell_runs_statements_and_dot_commands(seeds_build):
    con = q.connect(seeds_build)
    script = io.StringIO(
        ".tables\n.schema events\nselect count(*) as n\n  from statements;\n"
        ".run events_per_month_by_type\nselect nope;\n.bogus\n.quit\nselect 'never';\n"
    )
    out = io.StringIO()
    failures = q.shell(con, script, out, max_width=120)
    text = out.getvalue()
    assert failures == 2
    assert "statements_with_speakers" in text and "weekday_mismatch" in text
    assert "2024-10" in text and "Error: " in text and "never" not in text
    assert re.search(r"│\s+42 │|│\s+\d+ │", text)


def test_sql_command_reads_from_a_pipe(seeds_build):
    p = subprocess.run(
        [sys.executable, "-m", "pantau", "sql", "--builtin", "--warehouse", str(seeds_build), "--max-width", "100"],
        input="select count(*) as articles from articles;\n.quit\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert p.returncode == 0, p.stderr
    assert "articles" in p.stdout and "│        5 │" in p.stdout
