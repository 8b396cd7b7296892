"""Events dated after every article that reports them: a reported past event never should be.

    python -m pantau.devtools.event_dates --db build/pantau.duckdb      # count, then the first violations

An announced event (`akan digelar`) may lie after its article; the count is the number to drive to zero for
reported ones and to read, not to assert on, for announced ones.
"""

from __future__ import annotations

import argparse
import sys

import duckdb

AFTER_PUBLICATION_SQL = """
WITH reported AS (
    SELECT event_id, unnest(article_ids) AS article_id FROM events
), last_published AS (
    SELECT r.event_id, max(a.published_date) AS published
    FROM reported r JOIN articles a ON a.article_id = r.article_id
    GROUP BY r.event_id
)
SELECT e.event_id, e.event_type, e.start_date, p.published, e.name, e.date_precision
FROM events e JOIN last_published p ON p.event_id = e.event_id
WHERE e.start_date > p.published
ORDER BY e.start_date - p.published DESC, e.event_id
"""


def dated_after_publication(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """(event_id, type, start_date, last publish date of its articles, name, date precision) of every event
    dated after all the articles that report it (articles without a publish date do not count)."""
    return con.execute(AFTER_PUBLICATION_SQL).fetchall()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pantau.devtools.event_dates", description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a built pantau.duckdb")
    parser.add_argument("--show", type=int, default=10, help="how many violations to print")
    args = parser.parse_args(argv)
    with duckdb.connect(args.db, read_only=True) as con:
        events = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
        rows = dated_after_publication(con)
    by_precision = {p: sum(1 for row in rows if row[5] == p) for p in sorted({row[5] for row in rows})}
    detail = ", ".join(f"{n} {p}" for p, n in by_precision.items())
    print(
        f"{len(rows)} of {events} events are dated after every article that reports them"
        + (f" ({detail})" if rows else "")
    )
    for event_id, event_type, start, published, name, precision in rows[: args.show]:
        print(f"  {event_id}  {event_type:<22} {start} > {published}  {precision:<7} {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
