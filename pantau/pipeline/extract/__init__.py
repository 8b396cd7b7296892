"""Stage 3, extracted: per-article extraction with offsets into `articles.body`.

`extract_article` runs every extractor over one staged article and returns plain rows keyed by the
article id; actors carry article-local keys until `pantau.pipeline.resolve` gives them corpus-wide ids.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

from pantau.pipeline.extract.actors import ActorResult, extract_actors
from pantau.pipeline.extract.events import extract_events
from pantau.pipeline.extract.statements import Statement, extract_statements


def _indicators(body: str):
    try:
        from pantau.pipeline.extract.indicators import find_indicators
    except ImportError:  # pragma: no cover - only while bootstrapping
        return []
    return find_indicators(body)


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
    """Every extractor over one body: actors, mentions, statements, events and indicators as row dicts."""
    actors = extract_actors(body)
    statements = extract_statements(body, actors)
    inds = []
    participants = []
    for c in _indicators(body):
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
    events = extract_events(
        body,
        actors,
        captions=list(captions),
        ref_date=ref_date,
        ref_year=ref_year,
        dateline_place=dateline_place,
        participants=participants,
    )
    local_actors = []
    for a in actors.actors.values():
        local_actors.append(
            {
                "article_id": article_id,
                "local_key": a.key,
                "kind": a.kind,
                "name": a.name,
                "role": a.role,
                "region_code": a.region_code,
                "forms": sorted(a.forms),
                "unnamed_office": a.unnamed_office,
                "first": a.first,
            }
        )
    mentions = [
        {
            "article_id": article_id,
            "local_key": m.key,
            "text": m.text,
            "char_start": m.start,
            "char_end": m.end,
            "how": m.how,
        }
        for m in actors.mentions
    ]
    stmts = [
        {
            "article_id": article_id,
            "local_key": s.speaker_key,
            "speaker_label": s.speaker_label,
            "text": s.text,
            "kind": s.kind,
            "char_start": s.start,
            "char_end": s.end,
            "cue": s.cue,
        }
        for s in statements
    ]
    evs = []
    for e in events:
        d = asdict(e)
        d["article_id"] = article_id
        evs.append(d)
    return {"actors": local_actors, "mentions": mentions, "statements": stmts, "events": evs, "indicators": inds}
