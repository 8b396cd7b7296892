"""Stage 3, extracted: per-article extraction with offsets into `articles.body`.

`extract_article` runs every extractor over one staged article and returns plain rows keyed by the
article id; actors carry article-local keys until `pantau.pipeline.resolve` gives them corpus-wide ids.

Each extractor runs under `guarded`: one that raises on an article costs that article only its own rows
(and those of the extractors that read them), and leaves a `StepFailure` that the staging step turns into a
`quarantine` row naming the extractor, the exception type and where it was raised, never the article text.
A broken install (a missing library, an unreadable name model) is not a property of one article: it stops
the build instead.
"""

from __future__ import annotations

import datetime as dt
import logging
import traceback
from dataclasses import asdict, dataclass
from pathlib import Path

from pantau.pipeline.extract.actors import ActorResult, extract_actors
from pantau.pipeline.extract.events import extract_events
from pantau.pipeline.extract.indicators import find_indicators
from pantau.pipeline.extract.ner import NerModelError
from pantau.pipeline.extract.statements import Statement, extract_statements

log = logging.getLogger("pantau.pipeline.extract")

_PACKAGE_ROOT = Path(__file__).resolve().parents[3]  # the folder holding `pantau/`
# errors of the installation, not of an article: they stop the build instead of quarantining every article
_NOT_ARTICLE_ERRORS = (ImportError, NerModelError)


@dataclass(frozen=True)
class StepFailure:
    """One extractor (or staging step) that raised on one article: which, what and where; never the text.

    >>> f = StepFailure("indicators", "indicators", "ValueError", "pantau/pipeline/extract/numbers.py:120 in _parse")
    >>> f.reason
    'indicators raised ValueError at pantau/pipeline/extract/numbers.py:120 in _parse'
    >>> f.quarantine_row("seeds/kukar.txt")["check"]
    'extractor_error'
    """

    step: str  # the extractor or staging step: actors, statements, indicators, events, meta, ...
    table: str  # the table that lost the article's rows
    error: str  # the exception's type name
    where: str  # the innermost pantau frame: "pantau/pipeline/extract/numbers.py:120 in _parse_plain"

    @classmethod
    def of(cls, step: str, table: str, exc: BaseException) -> StepFailure:
        return cls(step, table, type(exc).__name__, _raised_at(exc))

    @property
    def reason(self) -> str:
        return f"{self.step} raised {self.error} at {self.where}"

    def quarantine_row(self, source: str) -> dict:
        return {
            "source": source,
            "table": self.table,
            "stage": "extract",
            "check": "extractor_error",
            "reason": self.reason,
        }


def _raised_at(exc: BaseException) -> str:
    """`path:line in function` of the innermost frame in pantau's code (else the innermost frame)."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return "?"
    ours = [f for f in frames if Path(f.filename).resolve().is_relative_to(_PACKAGE_ROOT / "pantau")]
    frame = (ours or frames)[-1]
    path = Path(frame.filename).resolve()
    name = path.relative_to(_PACKAGE_ROOT).as_posix() if path.is_relative_to(_PACKAGE_ROOT) else path.name
    return f"{name}:{frame.lineno} in {frame.name}"


def guarded(step: str, failures: list[StepFailure], fallback, run, *, table: str | None = None):
    """`run()`, or `fallback` after recording a `StepFailure` of `step` in `failures` if it raises.

    The caller turns `failures` into quarantine rows and log lines (`pantau.pipeline.stage`); `table` is the
    table that loses rows (the step's own name by default).

    >>> failures = []
    >>> guarded("events", failures, [], lambda: "Rapat pleno digelar Senin."[99])
    []
    >>> failures[0].reason.split(" at ")[0], failures[0].table
    ('events raised IndexError', 'events')
    """
    try:
        return run()
    except _NOT_ARTICLE_ERRORS:
        raise
    except Exception as exc:  # noqa: BLE001 - recorded, and turned into a quarantine row by the caller
        failures.append(StepFailure.of(step, table or step, exc))
        return fallback


def _source_for(pos: int, statements: list[Statement], actors: ActorResult, body: str) -> tuple[str | None, str | None]:
    """Who stated the figure at `pos`: the speaker of the statement holding it, else the sentence's person."""
    holding = [s for s in statements if s.start <= pos < s.end and s.speaker_key]
    if holding:
        best = min(holding, key=lambda s: s.end - s.start)
        return best.speaker_key, best.speaker_label
    return None, None


def extract_article(
    article_id: str,
    body: str,
    *,
    captions=(),
    ref_date: dt.date | None = None,
    ref_year: int | None = None,
    dateline_place=None,
    region_lookup=None,
) -> dict:
    """Every extractor over one body: actors, mentions, statements, events and indicators as row dicts,
    and under `failures` the `StepFailure` of each extractor that raised: its rows are left empty, the
    extractors that read them (statements and events read actors) run on that empty result, and the
    others come out as usual."""
    failures: list[StepFailure] = []
    actors = guarded("actors", failures, ActorResult({}, []), lambda: extract_actors(body))
    statements = guarded("statements", failures, [], lambda: extract_statements(body, actors))
    inds, participants = guarded(
        "indicators", failures, ([], []), lambda: _indicator_rows(article_id, body, statements, actors, region_lookup)
    )
    events = guarded(
        "events",
        failures,
        [],
        lambda: extract_events(
            body,
            actors,
            captions=list(captions),
            ref_date=ref_date,
            ref_year=ref_year,
            dateline_place=dateline_place,
            participants=participants,
        ),
    )
    return {
        "actors": _actor_rows(article_id, actors),
        "mentions": _mention_rows(article_id, actors),
        "statements": _statement_rows(article_id, statements),
        "events": _event_rows(article_id, events),
        "indicators": inds,
        "failures": failures,
    }


def _actor_rows(article_id: str, actors: ActorResult) -> list[dict]:
    """One row per actor of the article, keyed by its article-local key (resolution happens later)."""
    return [
        {
            "article_id": article_id,
            "local_key": actor.key,
            "kind": actor.kind,
            "name": actor.name,
            "role": actor.role,
            "region_code": actor.region_code,
            "forms": sorted(actor.forms),
            "unnamed_office": actor.unnamed_office,
            "first": actor.first,
        }
        for actor in actors.actors.values()
    ]


def _mention_rows(article_id: str, actors: ActorResult) -> list[dict]:
    """One row per place in the body where an actor is named."""
    return [
        {
            "article_id": article_id,
            "local_key": mention.key,
            "text": mention.text,
            "char_start": mention.start,
            "char_end": mention.end,
            "how": mention.how,
        }
        for mention in actors.mentions
    ]


def _statement_rows(article_id: str, statements) -> list[dict]:
    """One row per quote or reported statement, with its speaker's article-local key."""
    return [
        {
            "article_id": article_id,
            "local_key": statement.speaker_key,
            "speaker_label": statement.speaker_label,
            "text": statement.text,
            "kind": statement.kind,
            "char_start": statement.start,
            "char_end": statement.end,
            "cue": statement.cue,
        }
        for statement in statements
    ]


def _event_rows(article_id: str, events) -> list[dict]:
    """The events as row dicts (their dataclass fields, trigger and date offsets included, then the article id)."""
    return [{**asdict(event), "article_id": article_id} for event in events]


def _indicator_rows(article_id: str, body: str, statements, actors: ActorResult, region_lookup):
    """Indicator rows of one body, and the (offset, value, metric) of its participant counts for events."""
    inds = []
    participants = []
    for c in find_indicators(body):
        key, label = _source_for(c.value_start, statements, actors, body)
        region_code = None
        if c.region_hint and region_lookup:
            region_code = region_lookup(c.region_hint)
        inds.append(
            {
                "article_id": article_id,
                "metric": c.metric,
                "value": float(c.value),
                "unit": c.unit,
                "region_code": region_code,
                "source_key": key,
                "text": c.text,
                "char_start": c.start,
                "char_end": c.end,
                "value_start": c.value_start,
                "value_end": c.value_end,
            }
        )
        if c.unit == "person":
            participants.append((c.value_start, c.value, c.metric))
    return inds, participants
