"""One self-contained HTML page about the warehouse: charts and tables an analyst can scan.

    pantau report --warehouse build --out report.html

Every chart and table comes from a named query in `warehouse/queries/` (the page says which, so a
reader can rerun it with `pantau query --name NAME`). Charts are Vega-Lite specs built with altair and
drawn in the browser by Vega; the Vega, Vega-Lite and vega-embed JavaScript is inlined from the
`vl-convert-python` package, so the page needs no network when it is opened. The page records whether
its charts drew in `#render-status` (`data-rendered`, `data-errors`), which the tests read.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pantau.analysis.query import connect, named_query, resolve_db, run_sql

if TYPE_CHECKING:
    import altair as alt

log = logging.getLogger("pantau.release.report")

EVENT_COLORS = [
    "#4c78a8",
    "#f58518",
    "#54a24b",
    "#e45756",
    "#72b7b2",
    "#b279a2",
    "#eeca3b",
    "#9d755d",
    "#ff9da6",
    "#bab0ac",
]
KIND_COLOURS = {"direct": "#4c78a8", "indirect": "#9ecae9"}
COVERAGE_COLOURS = {"advertorial": "#f58518", "independent": "#4c78a8"}


@dataclass
class Section:
    key: str
    title: str
    query: str
    intro: str = ""
    spec: dict | None = None
    table_html: str = ""
    rows: int = 0


@dataclass
class ReportSummary:
    out: str
    warehouse: str
    charts: int
    tables: int
    bytes: int
    rows: dict[str, int] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# data


def _records(result) -> list[dict]:
    """Query rows as dicts, dates as ISO strings (ready for Vega-Lite and the tables)."""
    columns, rows = result
    records = []
    for row in rows:
        record = {}
        for column, value in zip(columns, row):
            record[column] = value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value
        records.append(record)
    return records


def _query(con, name: str) -> list[dict]:
    return _records(run_sql(con, named_query(name).sql))


# ---------------------------------------------------------------------------------------------
# charts (Vega-Lite via altair; data inline so the page stands alone)


def _base(values: list[dict]) -> alt.Chart:
    import altair as alt

    return alt.Chart(alt.InlineData(values=values))


def _event_scale(rows: list[dict]) -> alt.Scale:
    """Colours fixed per event type (the same in every chart); the legend lists only the types present."""
    import altair as alt

    import schemas

    types = list(schemas.EVENT_TYPES)
    present = [t for t in types if any(r.get("event_type") == t for r in rows)]
    present += sorted({r["event_type"] for r in rows if r.get("event_type") not in types})
    colours = [EVENT_COLORS[types.index(t) % len(EVENT_COLORS)] if t in types else "#888888" for t in present]
    return alt.Scale(domain=present, range=colours)


def chart_indicators(rows: list[dict]) -> dict:
    """Indicators by region: one bar per figure, one panel per unit (percent, rank, case ...)."""
    import altair as alt

    regions = sorted({r["region"] for r in rows})
    colour = alt.Color("region:N", title="region", scale=alt.Scale(domain=regions), legend=alt.Legend(orient="bottom"))
    panels = []
    for unit in sorted({r["unit"] for r in rows}):
        values = [dict(r, label=f"{r['metric']} — {r['region']}") for r in rows if r["unit"] == unit]
        values.sort(key=lambda r: (-r["value"], r["label"]))
        order = [v["label"] for v in values]
        base = _base(values).encode(y=alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=380)))
        bar = base.mark_bar().encode(
            x=alt.X("value:Q", title=unit),
            color=colour,
            tooltip=["region:N", "metric:N", "unit:N", "value:Q", "times_reported:Q", "articles:Q"],
        )
        text = base.mark_text(align="left", dx=3).encode(x="value:Q", text=alt.Text("value:Q", format=",.4~f"))
        panels.append(alt.layer(bar, text).properties(width=420, height=alt.Step(20)))
    return alt.vconcat(*panels, spacing=14).resolve_scale(color="shared").to_dict()


def chart_events(rows: list[dict]) -> dict:
    """Events on a timeline: a bar from first to last day, coloured by type."""
    import altair as alt

    values = []
    for r in rows:
        if not r.get("start_date"):
            continue
        end = dt.date.fromisoformat(r["end_date"] or r["start_date"]) + dt.timedelta(days=1)
        name = r["name"] if len(r["name"]) <= 60 else r["name"][:59] + "…"
        values.append(dict(r, label=name, end_exclusive=end.isoformat()))
    base = _base(values).encode(
        y=alt.Y("label:N", title=None, sort=alt.SortField("start_date"), axis=alt.Axis(labelLimit=420)),
        color=alt.Color(
            "event_type:N", title="event type", scale=_event_scale(values), legend=alt.Legend(orient="bottom")
        ),
        tooltip=[
            "event_type:N",
            "name:N",
            "start_date:N",
            "end_date:N",
            "venue:N",
            "place:N",
            "region:N",
            "organizers:N",
            "articles:Q",
        ],
    )
    x = alt.X(
        "start_date:T",
        title=None,
        scale=alt.Scale(type="utc", padding=24),
        axis=alt.Axis(format="%d %b %Y", labelAngle=0, tickCount=6),
    )
    bars = base.mark_bar(cornerRadius=3, height=12).encode(x=x, x2="end_exclusive:T")
    dots = base.mark_point(filled=True, size=90, opacity=1).encode(x=x)  # one-day events stay visible
    return alt.layer(bars, dots).properties(width=560, height=alt.Step(28)).to_dict()


def _folded(chart: alt.Chart, fields: list[str]) -> alt.Chart:
    return chart.transform_fold(fields, as_=["kind", "count"])


def _stacked_statements(rows: list[dict], label: str, tooltip: list[str]) -> dict:
    """Horizontal bars of statements per `label`, direct and reported speech stacked."""
    import altair as alt

    base = _folded(_base(rows), ["direct", "indirect"])
    chart = base.mark_bar().encode(
        x=alt.X("count:Q", title="statements", stack="zero"),
        y=alt.Y(
            f"{label}:N",
            title=None,
            sort=alt.SortField("statements", order="descending"),
            axis=alt.Axis(labelLimit=300),
        ),
        color=alt.Color(
            "kind:N",
            title="statement",
            scale=alt.Scale(domain=list(KIND_COLOURS), range=list(KIND_COLOURS.values())),
            legend=alt.Legend(orient="bottom"),
        ),
        tooltip=tooltip,
    )
    return chart.properties(width=460, height=alt.Step(22)).to_dict()


def chart_actors(rows: list[dict]) -> dict:
    """Most-quoted actors: statements per actor, direct and reported speech stacked."""
    return _stacked_statements(
        rows, "actor", ["actor:N", "role:N", "statements:Q", "direct:Q", "indirect:Q", "talks_about:N"]
    )


def chart_outlets(rows: list[dict]) -> dict:
    """Statements per outlet, direct and reported speech stacked."""
    return _stacked_statements(
        rows,
        "outlet",
        [
            "outlet:N",
            "articles:Q",
            "statements:Q",
            "direct:Q",
            "indirect:Q",
            "statements_per_article:Q",
            "distinct_speakers:Q",
        ],
    )


def chart_advertorial(rows: list[dict]) -> dict:
    """Advertorial share of each outlet's articles (the first bar is all outlets together)."""
    import altair as alt

    order = []
    for r in rows:
        if r["outlet"] not in order:
            order.append(r["outlet"])
    base = _base(rows)
    bar = base.mark_bar().encode(
        x=alt.X("articles:Q", stack="normalize", title="share of articles", axis=alt.Axis(format="%")),
        y=alt.Y("outlet:N", title=None, sort=order, axis=alt.Axis(labelLimit=300)),
        color=alt.Color(
            "coverage:N",
            title="coverage",
            scale=alt.Scale(domain=list(COVERAGE_COLOURS), range=list(COVERAGE_COLOURS.values())),
            legend=alt.Legend(orient="bottom"),
        ),
        tooltip=["outlet:N", "coverage:N", "articles:Q", alt.Tooltip("share_pct:Q", title="share %")],
    )
    return bar.properties(width=460, height=alt.Step(26)).to_dict()


def chart_events_per_month(rows: list[dict]) -> dict:
    """Events per month, stacked by type ('undated' last)."""
    import altair as alt

    chart = (
        _base(rows)
        .mark_bar()
        .encode(
            x=alt.X("month:O", title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("events:Q", title="events", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "event_type:N", title="event type", scale=_event_scale(rows), legend=alt.Legend(orient="bottom")
            ),
            tooltip=["month:N", "event_type:N", "events:Q", "participants:Q", "regions:Q"],
        )
    )
    return chart.properties(width=alt.Step(60), height=220).to_dict()


# ---------------------------------------------------------------------------------------------
# tables


def html_table(
    rows: list[dict],
    columns: list[str],
    *,
    labels: dict[str, str] | None = None,
    wide: set[str] | None = None,
    max_rows: int = 200,
) -> str:
    """A sortable HTML table of the given columns (click a header to sort)."""
    if not rows:
        return '<p class="empty">No rows.</p>'
    labels = labels or {}
    wide = wide or set()
    head = "".join(
        f'<th data-col="{i}">{html.escape(labels.get(c, c.replace("_", " ")))}</th>' for i, c in enumerate(columns)
    )
    body = []
    for r in rows[:max_rows]:
        cells = []
        for c in columns:
            v = r.get(c)
            num = isinstance(v, (int, float)) and not isinstance(v, bool)
            text = "" if v is None else (f"{v:,.4g}" if isinstance(v, float) else str(v))
            is_date = isinstance(v, str) and len(v) == 10 and v[4] == "-" and v[7] == "-" and v[:4].isdigit()
            cls = ' class="num"' if num else ' class="date"' if is_date else (' class="wide"' if c in wide else "")
            cells.append(f"<td{cls}>{html.escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    more = f'<p class="note">{len(rows) - max_rows} more rows: run the query.</p>' if len(rows) > max_rows else ""
    return (
        f'<div class="table-wrap"><table class="sortable"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>{more}"
    )


# ---------------------------------------------------------------------------------------------
# the page

CSS = """
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #f6f8fa; --accent: #4c78a8; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", sans-serif;
       color: var(--fg); margin: 0; background: #fff; }
header { background: #16324f; color: #fff; padding: 28px 40px 22px; }
header h1 { margin: 0 0 6px; font-size: 26px; }
header p { margin: 0; color: #c9d6e3; }
main { max-width: 1180px; margin: 0 auto; padding: 8px 40px 60px; }
nav { margin: 18px 0 4px; font-size: 14px; }
nav a { color: var(--accent); margin-right: 14px; text-decoration: none; white-space: nowrap; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 22px 0 8px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 120px;
        background: var(--bg); }
.card b { display: block; font-size: 24px; }
.card span { color: var(--muted); font-size: 13px; }
section { border-top: 1px solid var(--line); margin-top: 30px; padding-top: 8px; }
section h2 { font-size: 20px; margin: 12px 0 4px; }
.intro { color: var(--muted); margin: 0 0 10px; max-width: 880px; }
.query { font-size: 12.5px; color: var(--muted); margin: 4px 0 10px; }
code { background: var(--bg); padding: 1px 5px; border-radius: 4px; font-size: 12.5px; }
.chart { margin: 10px 0 14px; min-height: 40px; }
.chart-error { color: #b42318; font-weight: 600; }
.table-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; }
th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--bg); position: sticky; top: 0; cursor: pointer; white-space: nowrap; user-select: none; }
th.sorted-asc::after { content: " ▲"; font-size: 10px; } th.sorted-desc::after { content: " ▼"; font-size: 10px; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.wide { min-width: 360px; }
td.date { white-space: nowrap; }
tr:hover td { background: #fbfcfd; }
.empty, .note { color: var(--muted); font-style: italic; }
footer { color: var(--muted); font-size: 13px; margin-top: 40px; }
#render-status { display: none; }
"""

PAGE_JS = """
(function () {
  const status = document.getElementById('render-status');
  const bump = (k) => { status.dataset[k] = String(Number(status.dataset[k] || 0) + 1); };
  window.addEventListener('error', () => bump('errors'));
  const specs = JSON.parse(document.getElementById('pantau-specs').textContent);
  const jobs = Object.entries(specs).map(([id, spec]) =>
    vegaEmbed('#' + id, spec, {renderer: 'svg', actions: {export: true, source: false, compiled: false, editor: false}})
      .then(() => bump('rendered'))
      .catch((err) => { bump('errors'); const el = document.getElementById(id);
                        el.innerHTML = '<p class="chart-error">This chart could not be drawn: ' +
                          String(err).replace(/[<>&]/g, '') + '</p>'; console.error(err); }));
  Promise.allSettled(jobs).then(() => { status.dataset.done = 'true'; });
  // click a column header to sort its table
  document.querySelectorAll('table.sortable th').forEach((th) => th.addEventListener('click', () => {
    const table = th.closest('table'), i = Number(th.dataset.col), body = table.tBodies[0];
    const asc = !th.classList.contains('sorted-asc');
    table.querySelectorAll('th').forEach((h) => h.classList.remove('sorted-asc', 'sorted-desc'));
    th.classList.add(asc ? 'sorted-asc' : 'sorted-desc');
    const key = (tr) => { const t = tr.cells[i].textContent; const n = Number(t.replace(/,/g, ''));
                          return t !== '' && !isNaN(n) ? n : t.toLowerCase(); };
    [...body.rows].sort((a, b) => { const x = key(a), y = key(b);
      return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1); }).forEach((tr) => body.appendChild(tr));
  }));
})();
"""


def _vl_version() -> str:
    import altair as alt

    major, minor = alt.SCHEMA_VERSION.lstrip("v").split(".")[:2]
    return f"v{major}_{minor}"


def javascript_bundle() -> str:
    """Vega, Vega-Lite and vega-embed in one script (from vl-convert-python), for inlining."""
    import vl_convert as vlc

    return vlc.javascript_bundle(vl_version=_vl_version())


def _script_json(obj) -> str:
    # safe inside <script>: no `</script>` or `<!--` can close or confuse the element
    return json.dumps(obj, ensure_ascii=False, sort_keys=True).replace("</", "<\\/").replace("<!--", "<\\!--")


def _table_counts(con) -> dict[str, int]:
    """Rows in each table of the registry, in registry order (the page's number cards)."""
    import schemas

    return {name: run_sql(con, f'SELECT count(*) FROM "{name}"')[1][0][0] for name in schemas.table_names()}


def _indicators_section(con) -> Section:
    """Figures per region: one chart panel per unit, and the table."""
    rows = _query(con, "indicators_by_region")
    section = Section(
        "indicators",
        "Indicators by region",
        "indicators_by_region",
        "The figures the articles state about each region — vulnerability index (indeks kerawanan), "
        "rankings, violation counts, participants, days left — one panel per unit.",
    )
    section.spec, section.rows = (chart_indicators(rows) if rows else None), len(rows)
    section.table_html = html_table(rows, ["region", "metric", "unit", "value", "times_reported", "articles"])
    return section


def _violations_section(con) -> Section:
    """Violation counts and rankings per region, with who stated them (table only)."""
    rows = _query(con, "violations_by_region")
    section = Section(
        "violations",
        "Violations by region",
        "violations_by_region",
        "Violation counts (kasus pelanggaran) and violation-prone rankings, with who stated them.",
    )
    section.rows = len(rows)
    section.table_html = html_table(
        rows, ["region", "metric", "unit", "value", "times_reported", "articles", "stated_by"]
    )
    return section


def _events_section(con) -> Section:
    """Every event once on a timeline; undated events go to the table only."""
    rows = _query(con, "events_timeline")
    undated = [row for row in rows if not row.get("start_date")]
    section = Section(
        "events",
        "Events on a timeline",
        "events_timeline",
        "Every event once, even when several articles report it, from first to last day and coloured by type"
        + (f"; {len(undated)} event(s) without a date in the text are listed in the table only." if undated else "."),
    )
    section.spec, section.rows = (chart_events(rows) if len(rows) > len(undated) else None), len(rows)
    section.table_html = html_table(
        rows,
        [
            "start_date",
            "end_date",
            "event_type",
            "name",
            "venue",
            "place",
            "region",
            "participant_count",
            "organizers",
            "articles",
        ],
        wide={"name"},
        labels={"participant_count": "participants"},
    )
    return section


def _months_section(con) -> Section:
    """Events per month, stacked by type (chart only)."""
    rows = _query(con, "events_per_month_by_type")
    section = Section(
        "months",
        "Events per month by type",
        "events_per_month_by_type",
        "How busy each month was, by kind of event (undated events last).",
    )
    section.spec, section.rows = (chart_events_per_month(rows) if rows else None), len(rows)
    return section


def _actors_section(con) -> Section:
    """The most-quoted actors and the words that set their statements apart."""
    rows = _query(con, "most_quoted_actors")
    section = Section(
        "actors",
        "Most-quoted actors and what they talk about",
        "most_quoted_actors",
        "Statements per actor (direct quotes and reported speech) and the words that set each actor's "
        "statements apart from everyone else's.",
    )
    section.spec, section.rows = (chart_actors(rows) if rows else None), len(rows)
    section.table_html = html_table(
        rows,
        ["actor", "role", "statements", "direct", "indirect", "talks_about", "example_quote"],
        wide={"example_quote"},
        labels={"talks_about": "talks about"},
    )
    return section


def _asn_section(con) -> Section:
    """Statements about civil servants' neutrality, with speaker and outlet (table only)."""
    rows = _query(con, "who_said_what_asn")
    section = Section(
        "asn",
        "Who said what about ASN neutrality",
        "who_said_what_asn",
        "Statements about the neutrality of civil servants (netralitas ASN), with speaker and outlet.",
    )
    section.rows = len(rows)
    section.table_html = html_table(
        rows, ["speaker", "speaker_role", "kind", "said", "outlet"], wide={"said"}, labels={"speaker_role": "role"}
    )
    return section


def _outlets_section(con) -> Section:
    """How much each outlet quotes, and how many different speakers."""
    rows = _query(con, "statements_per_outlet")
    section = Section(
        "outlets",
        "Statements per outlet",
        "statements_per_outlet",
        "How much each outlet quotes, and how many different people it lets speak.",
    )
    section.spec, section.rows = (chart_outlets(rows) if rows else None), len(rows)
    section.table_html = html_table(
        rows, ["outlet", "articles", "statements", "direct", "indirect", "statements_per_article", "distinct_speakers"]
    )
    return section


def _advertorials_section(con) -> Section:
    """Advertorial share per outlet (chart) and advertorial against independent coverage (table)."""
    share = _query(con, "advertorial_share")
    comparison = _query(con, "advertorial_vs_independent")
    section = Section(
        "advertorials",
        "Advertorial share",
        "advertorial_share",
        "Paid or government advertorials (credit tags such as (ADV)) against independent coverage, per outlet; "
        "the table compares what the two kinds of coverage carry (query advertorial_vs_independent).",
    )
    section.spec, section.rows = (chart_advertorial(share) if share else None), len(share)
    section.table_html = html_table(
        comparison,
        [
            "coverage",
            "articles",
            "share_of_articles_pct",
            "statements",
            "statements_per_article",
            "direct_quote_pct",
            "government_voice_pct",
            "indicators",
            "events_reported",
        ],
        labels={
            "share_of_articles_pct": "% of articles",
            "direct_quote_pct": "% direct quotes",
            "government_voice_pct": "% government voices",
        },
    )
    return section


def _quarantine_section(con) -> Section:
    """What the build set aside, by stage and check (not a named query: the table is read directly)."""
    rows = _records(
        run_sql(con, 'SELECT stage, "check", count(*) AS rows FROM quarantine GROUP BY ALL ORDER BY rows DESC, stage')
    )
    section = Section(
        "quarantine",
        "Set aside (quarantine)",
        "",
        "Inputs and rows the build rejected, by stage and check; they are in no other table.",
    )
    section.rows = len(rows)
    section.table_html = (
        html_table(rows, ["stage", "check", "rows"]) if rows else '<p class="empty">Nothing was set aside.</p>'
    )
    return section


# the page's sections, in the order they appear
SECTION_BUILDERS = (
    _indicators_section,
    _violations_section,
    _events_section,
    _months_section,
    _actors_section,
    _asn_section,
    _outlets_section,
    _advertorials_section,
    _quarantine_section,
)


def build_sections(con) -> tuple[list[Section], dict[str, int]]:
    """Run the named queries behind the report and turn each into a chart and/or table."""
    counts = _table_counts(con)
    return [build(con) for build in SECTION_BUILDERS], counts


def render_html(sections: list[Section], counts: dict[str, int], *, title: str, subtitle: str, bundle: str) -> str:
    specs = {f"chart-{s.key}": s.spec for s in sections if s.spec}
    cards = "".join(
        f'<div class="card"><b>{n:,}</b><span>{html.escape(t.replace("_", " "))}</span></div>'
        for t, n in counts.items()
    )
    nav = "\n".join(f'<a href="#{s.key}">{html.escape(s.title)}</a>' for s in sections)
    parts = []
    for s in sections:
        q = (
            (
                f'<p class="query">Query: <code>warehouse/queries/{s.query}.sql</code> — rerun it with '
                f"<code>pantau query --name {s.query}</code></p>"
            )
            if s.query
            else ""
        )
        chart = (
            f'<div class="chart" id="chart-{s.key}" role="img" aria-label="{html.escape(s.title)}"></div>'
            if s.spec
            else ""
        )
        parts.append(
            f'<section id="{s.key}"><h2>{html.escape(s.title)}</h2><p class="intro">{html.escape(s.intro)}</p>'
            f"{q}{chart}{s.table_html}</section>"
        )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>{CSS}</style>
<script>
// Vega {_vl_version()} bundle (vega, vega-lite, vega-embed) inlined from vl-convert-python: no network needed
{bundle}
</script>
</head>
<body>
<header><h1>{html.escape(title)}</h1><p>{html.escape(subtitle)}</p></header>
<main>
<div class="cards">{cards}</div>
<nav>{nav}</nav>
{"".join(parts)}
<footer>Made by <code>pantau report</code>. Every number links back to a query in <code>warehouse/queries/</code>;
every extracted value in the warehouse keeps its article id and character offsets.</footer>
<p id="render-status" data-expected="{len(specs)}" data-rendered="0" data-errors="0"></p>
</main>
<script type="application/json" id="pantau-specs">{_script_json(specs)}</script>
<script>{PAGE_JS}</script>
</body>
</html>
"""


def build_report(
    warehouse: str | Path | None, out: str | Path, *, title: str = "pantau — election news, as data"
) -> ReportSummary:
    """Write the report page for a warehouse (OUT folder or .duckdb file) to `out`.

    >>> build_report("build", "report.html")          # doctest: +SKIP
    ReportSummary(out='report.html', warehouse='build/pantau.duckdb', charts=5, tables=8, ...)
    """
    db = resolve_db(warehouse)
    con = connect(db)
    try:
        log.info("running the report's queries on %s", db)
        sections, counts = build_sections(con)
        dates = run_sql(
            con,
            "SELECT max(d) FROM (SELECT max(published_date) AS d FROM articles "
            "UNION ALL SELECT max(coalesce(end_date, start_date)) FROM events)",
        )[1][0][0]
        outlets = run_sql(con, "SELECT count(DISTINCT outlet) FROM articles")[1][0][0]
    finally:
        con.close()
    subtitle = (
        f"{counts['articles']:,} articles from {outlets:,} named outlet(s)"
        + (f", data as of {dates.isoformat()}" if dates else "")
        + f" · warehouse {db.name}"
    )
    log.info("drawing %d charts", sum(1 for s in sections if s.spec))
    page = render_html(sections, counts, title=title, subtitle=subtitle, bundle=javascript_bundle())
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(out)
    return ReportSummary(
        out=str(out),
        warehouse=str(db),
        charts=sum(1 for s in sections if s.spec),
        tables=sum(1 for s in sections if s.table_html),
        bytes=out.stat().st_size,
        rows=counts,
    )


# ---------------------------------------------------------------------------------------------
# command line
