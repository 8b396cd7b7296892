"""Raw documents -> staged articles (clean body + metadata) -> per-article extraction rows.

`process_units` is the unit of work the flow distributes: input units in, plain row dicts out
(articles, local actors, mentions, statements, events, indicators, quarantine). It is a pure function
of the units' contents, which is what makes per-unit caching and reruns identical.
"""

from __future__ import annotations

import hashlib
import logging

from pantau.pipeline import regions as _regions
from pantau.pipeline.clean import clean_text
from pantau.pipeline.extract import StepFailure, extract_article, guarded
from pantau.pipeline.extract.dates import infer_reference_year, parse_publish_date
from pantau.pipeline.ingest import Quarantined, RawDoc
from pantau.pipeline.meta import article_meta
from pantau.pipeline.parts import STAGED_SCHEMAS

TABLE_KEYS = tuple(STAGED_SCHEMAS)  # the staged frames an article turns into (`pantau.pipeline.parts`)

log = logging.getLogger("pantau.pipeline.stage")


def article_id_for(text: str) -> str:
    """Stable id of an article: sha256 of its normalized text (16 hex)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _region(raw: str, context=()):
    if not raw:
        return None
    m = _regions.lookup_region(raw, context_codes=context)
    return m.region if m else None


def stage_document(doc: RawDoc) -> tuple[dict, dict] | Quarantined | StepFailure:
    """One raw document -> (article row, extraction context), or a quarantine row when no article can be made.

    Cleaning and reading the title, dateline and author make the article (and its id): if they fail there is
    no article. The dateline's region, the publish date and the reference year only fill parts of it: if
    one of them raises, that part is left empty and the failure rides along in `ctx["failures"]`.
    """
    try:
        ct = clean_text(doc.text, title_hint=doc.meta.get("title"))
    except Exception as e:  # noqa: BLE001 - a bad document never stops the batch; it is quarantined
        return Quarantined(doc.source_path, "clean", f"cleaning failed: {type(e).__name__}")
    if not ct.body.strip():
        return Quarantined(doc.source_path, "clean", "no article text left after removing site chrome")
    failures: list[StepFailure] = []
    meta = guarded(
        "meta",
        failures,
        None,
        lambda: article_meta(ct, doc.meta, normalize_place=_regions.normalize_place),
        table="articles",
    )
    if meta is None:  # no title, no id: no article
        return failures[0]
    place_region = None
    if meta.dateline_raw:
        place_region = guarded("dateline_region", failures, None, lambda: _region(meta.dateline_raw), table="articles")
    published = guarded(
        "publish_date", failures, None, lambda: parse_publish_date(doc.meta.get("published")), table="articles"
    )
    aid = article_id_for(ct.body if not meta.title else meta.title + "\n\n" + ct.body)
    article = {
        "article_id": aid,
        "source_path": doc.source_path,
        "outlet": meta.outlet,
        "dateline": meta.dateline,
        "title": meta.title,
        "author": meta.author,
        "is_advertorial": meta.is_advertorial,
        "body": ct.body,
        "published_date": published,
        "url": doc.meta.get("url"),
        "region_code": place_region.code if place_region else None,
    }
    if published:
        ref_year = published.year
    else:
        text = ct.body + "\n" + (meta.title or "")
        ref_year = guarded("reference_year", failures, None, lambda: infer_reference_year(text), table="events")
    ctx = {
        "captions": ct.captions,
        "ref_date": published,
        "ref_year": ref_year,
        "dateline_place": (meta.dateline or place_region.name, place_region.code) if place_region else None,
        "failures": failures,
    }
    return article, ctx


def _region_code_lookup(context):
    def look(text: str) -> str | None:
        r = _region(text, context)
        return r.code if r else None

    return look


def process_documents(docs) -> dict[str, list[dict]]:
    """Stage and extract an iterable of RawDoc/Quarantined; duplicates inside the batch are dropped."""
    seen: set[str] = set()

    def keep(article) -> bool:
        if article["article_id"] in seen:
            return False
        seen.add(article["article_id"])
        return True

    return _process(((None, d) for d in docs), keep)


def process_units(units) -> dict[str, list[dict]]:
    """Stage and extract (unit key, RawDoc/Quarantined) pairs; every row carries its `input_key`.

    Each unit's rows depend on its own bytes only (no dedup against neighbours), so any grouping of
    units into batches gives the same rows: that is what makes per-unit caching and incremental
    builds exact. Duplicates are dropped later, when the tables are assembled.
    """
    seen: set[tuple] = set()  # a unit read whole (a WARC, a UTF-16 or broken .jsonl.gz) can hold one article twice
    current = {"unit": None}

    def tagged():
        for unit, doc in units:
            current["unit"] = unit
            yield unit, doc

    def first_in_unit(article) -> bool:
        k = (current["unit"], article["article_id"])
        if k in seen:
            return False
        seen.add(k)
        return True

    return _process(tagged(), first_in_unit)


def _process(units, keep) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {k: [] for k in TABLE_KEYS}
    for unit, doc in units:
        n0 = {k: len(v) for k, v in out.items()}
        _process_one(doc, out, keep)
        if unit is not None:
            for k, v in out.items():
                for r in v[n0[k] :]:
                    r["input_key"] = unit
    return out


def _process_one(doc, out: dict[str, list[dict]], keep) -> None:
    if isinstance(doc, Quarantined):
        out["quarantine"].append(_q(doc))
        return
    staged = stage_document(doc)
    if isinstance(staged, Quarantined):
        out["quarantine"].append(_q(staged))
        return
    if isinstance(staged, StepFailure):
        _record_failures(out, doc.source_path, [staged])
        return
    article, ctx = staged
    if not keep(article):
        return
    rows = extract_article(
        article["article_id"],
        article["body"],
        captions=ctx["captions"],
        ref_date=ctx["ref_date"],
        ref_year=ctx["ref_year"],
        dateline_place=ctx["dateline_place"],
        region_lookup=_region_code_lookup([article["region_code"]] if article["region_code"] else []),
    )
    _record_failures(out, doc.source_path, ctx["failures"] + rows.pop("failures"))
    out["articles"].append(article)
    for k, v in rows.items():
        out[k].extend(v)


def _record_failures(out: dict[str, list[dict]], source: str, failures: list[StepFailure]) -> None:
    """One quarantine row and one warning per step that raised on this document."""
    for failure in failures:
        log.warning("%s: %s", source, failure.reason)
        out["quarantine"].append(failure.quarantine_row(source))


def _q(q: Quarantined) -> dict:
    return {"source": q.source, "table": "articles", "stage": q.stage, "check": "input", "reason": q.reason}
