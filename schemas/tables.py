"""Pandera models of the five contract tables, the `actor_mentions` and `event_mentions` evidence and `quarantine`.

Column names and meanings of the contract (`shared/CONTRACT.md`) are fixed; extra columns are ours.
"""

from __future__ import annotations

import pandera.polars as pa
import polars as pl


def _event_types() -> dict[str, dict]:
    """The event-type vocabulary, from `pantau/lexicon/events.toml` [types] (one source of truth): type ->
    {"plover": PLOVER category or "", "about": what it covers}."""
    from pantau import lexicon

    return dict(lexicon.read_toml("events.toml")["types"])


_TYPES = _event_types()
EVENT_TYPES = {k: v["about"] + (f" (PLOVER `{v['plover']}`)" if v["plover"] else "") for k, v in _TYPES.items()}
PLOVER_CATEGORIES = sorted({v["plover"] for v in _TYPES.values()} - {""})


def _units() -> dict[str, str]:
    """The indicator unit vocabulary, from `pantau/lexicon/indicator_units.toml` (one source of truth)."""
    from pantau import lexicon

    return dict(sorted(lexicon.indicator_units().items()))


UNITS = _units()
DATE_PRECISIONS = ["day", "month", "year", "unknown"]


class Articles(pa.DataFrameModel):
    """One row per distinct input article (the same normalized text twice is one article)."""

    article_id: str = pa.Field(
        unique=True,
        str_length={"min_value": 16, "max_value": 16},
        description="Stable id: sha256 of the article's normalized title and body (16 hex).",
    )
    source_path: str = pa.Field(
        description="Where the article came from, relative to the input root; `file#N` for line N of a JSON Lines file."
    )
    outlet: str | None = pa.Field(
        nullable=True, description="News outlet as printed in the text (`Bebaca.id`); null when the text names none."
    )
    dateline: str | None = pa.Field(
        nullable=True,
        description="Dateline place, spelling fixed against the region gazetteer, title case (`Tenggarong`).",
    )
    title: str | None = pa.Field(nullable=True, description="Headline when the text carries one.")
    author: str | None = pa.Field(
        nullable=True, description="Writer's name from a byline (`Penulis : Bayu` gives `Bayu`); never desk codes."
    )
    is_advertorial: bool = pa.Field(
        description="True for paid or government advertorials (credit tags such as `(ADV)`, `(ADV/DiskomKukar)`)."
    )
    body: str = pa.Field(
        str_length={"min_value": 1},
        description=(
            "Cleaned article text (no site chrome, share buttons, captions, bylines or credit tags); "
            "every offset in other tables points into it."
        ),
    )
    published_date: pl.Date | None = pa.Field(
        nullable=True, description="Publication date from the input's metadata, when it has one."
    )
    url: str | None = pa.Field(nullable=True, description="Source URL from the input's metadata, when it has one.")
    region: str | None = pa.Field(nullable=True, description="Region of the dateline (gazetteer name).")
    region_code: str | None = pa.Field(nullable=True, description="Kemendagri code of the dateline region.")
    regency_code: str | None = pa.Field(
        nullable=True,
        description="Kemendagri code of the regency or city `region_code` lies in (`64.02` for district `64.02.03`);"
        " null for a province-level or unknown region.",
    )
    province_code: str | None = pa.Field(
        nullable=True, description="Kemendagri code of the province `region_code` lies in (`64` for `64.02.03`)."
    )

    class Config:
        strict = True


class Actors(pa.DataFrameModel):
    """One row per real-world person or organization, resolved across articles."""

    actor_id: str = pa.Field(unique=True, description="Stable id: sha256 of kind and normalized canonical name.")
    name: str = pa.Field(
        str_length={"min_value": 2},
        description="Canonical full name (`Bambang Arwanto`, `Pemerintah Kabupaten Kutai Kartanegara`).",
    )
    kind: str = pa.Field(isin=["person", "organization"], description="`person` or `organization`.")
    role: str | None = pa.Field(
        nullable=True, description="Office held, as written in full where the text allows (`Ketua Bawaslu Kukar`)."
    )
    aliases: list[str] = pa.Field(description="Other forms seen in the text (`Bambang`, `Pemkab Kukar`).")
    region: str | None = pa.Field(
        nullable=True, description="Region the actor belongs to, when known (gazetteer name)."
    )
    region_code: str | None = pa.Field(nullable=True, description="Kemendagri code of `region`.")
    regency_code: str | None = pa.Field(
        nullable=True,
        description="Kemendagri code of the regency or city `region_code` lies in (`64.02` for district `64.02.03`);"
        " null for a province-level or unknown region.",
    )
    province_code: str | None = pa.Field(
        nullable=True, description="Kemendagri code of the province `region_code` lies in (`64` for `64.02.03`)."
    )
    article_count: int = pa.Field(ge=1, description="Number of articles that name the actor.")

    class Config:
        strict = True


class ActorMentions(pa.DataFrameModel):
    """Every place an actor is named: the evidence behind `actors`, with offsets into `articles.body`."""

    mention_id: str = pa.Field(unique=True, description="Stable id: sha256 of article id and offsets.")
    article_id: str = pa.Field(description="The article (foreign key to articles).")
    actor_id: str = pa.Field(description="The resolved actor (foreign key to actors).")
    text: str = pa.Field(str_length={"min_value": 1}, description="The words as printed (`Bambang`, `Pemkab Kutim`).")
    char_start: int = pa.Field(ge=0, description="Start offset in articles.body; body[char_start:char_end] == text.")
    char_end: int = pa.Field(ge=1, description="End offset (exclusive) in articles.body.")

    class Config:
        strict = True


class Statements(pa.DataFrameModel):
    """What actors said: direct quotes and reported speech."""

    statement_id: str = pa.Field(unique=True, description="Stable id: sha256 of article id and offsets.")
    article_id: str = pa.Field(description="The article (foreign key to articles).")
    speaker_actor_id: str | None = pa.Field(
        nullable=True,
        description="The speaker, resolved (`ujarnya`, `Ia`, `Menurutnya` point back to someone); null when unknown.",
    )
    speaker_label: str | None = pa.Field(
        nullable=True,
        description="The speaker as the text names them at this point (the antecedent's words for a pronoun).",
    )
    text: str = pa.Field(str_length={"min_value": 1}, description="The words said, without the quote marks.")
    kind: str = pa.Field(
        isin=["direct", "indirect"], description="`direct` (inside quote marks) or `indirect` (reported speech)."
    )
    char_start: int = pa.Field(ge=0, description="Start offset of text in articles.body.")
    char_end: int = pa.Field(ge=1, description="End offset (exclusive) of text in articles.body.")
    cue: str | None = pa.Field(
        nullable=True, description="The attribution cue that tied the speaker (`ujarnya`, `menurut`, `mengatakan`)."
    )

    class Config:
        strict = True


class Events(pa.DataFrameModel):
    """Real-world happenings, one row per event even when several articles report it."""

    event_id: str = pa.Field(unique=True, description="Stable id: sha256 of the event's type, date, place and name.")
    event_type: str = pa.Field(
        isin=list(EVENT_TYPES),
        description="Controlled vocabulary: " + "; ".join(f"`{k}` {v}" for k, v in EVENT_TYPES.items()) + ".",
    )
    plover: str | None = pa.Field(
        nullable=True,
        isin=PLOVER_CATEGORIES,
        description="PLOVER category of the event type (`CONSULT` for meetings, `PROTEST`, `ASSAULT`, `COERCE`"
        " for arrests; null where none applies), so events join POLECAT-style data.",
    )
    name: str | None = pa.Field(nullable=True, description="Theme or title of the event.")
    start_date: pl.Date | None = pa.Field(
        nullable=True,
        description="Resolved calendar start date (`Selasa (3/9)` in a Pilkada 2024 article is 2024-09-03).",
    )
    end_date: pl.Date | None = pa.Field(
        nullable=True, description="Resolved calendar end date (same as start for one day)."
    )
    date_precision: str = pa.Field(isin=DATE_PRECISIONS, description="`day`, `month`, `year` or `unknown`.")
    venue: str | None = pa.Field(nullable=True, description="Building or hotel (`Hotel Harris`).")
    place: str | None = pa.Field(nullable=True, description="Town, district or city (`Samarinda`, `Loa Janan`).")
    region: str | None = pa.Field(nullable=True, description="Regency or city the place lies in.")
    region_code: str | None = pa.Field(nullable=True, description="Kemendagri code of `region`.")
    regency_code: str | None = pa.Field(
        nullable=True,
        description="Kemendagri code of the regency or city `region_code` lies in (`64.02` for district `64.02.03`);"
        " null for a province-level or unknown region.",
    )
    province_code: str | None = pa.Field(
        nullable=True, description="Kemendagri code of the province `region_code` lies in (`64` for `64.02.03`)."
    )
    region_inferred: bool = pa.Field(
        description="True when the text names no place for the event and `region` is the dateline region of its"
        " article(s) (the place filled from the dateline, or the one dateline region its reporting articles"
        " share); false when the text gave the place, and for an event with no region."
    )
    organizer_actor_ids: list[str] = pa.Field(description="Actors that organized it (foreign keys to actors).")
    participant_count: int | None = pa.Field(nullable=True, ge=0, description="Number of participants when stated.")
    article_ids: list[str] = pa.Field(description="Every article that reports it.")
    date_text: str | None = pa.Field(nullable=True, description="The date words as printed (`Selasa (3/9)`).")
    weekday_mismatch: bool = pa.Field(
        description="True when the printed weekday does not fall on the printed date (kept, flagged)."
    )

    class Config:
        strict = True

    @pa.dataframe_check(error="end_date before start_date")
    def dates_ordered(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(
            pl.col("end_date").is_null() | pl.col("start_date").is_null() | (pl.col("end_date") >= pl.col("start_date"))
        )


class EventMentions(pa.DataFrameModel):
    """The evidence behind `events`: one row per article that reports an event, with the words that made it
    an event (the trigger) and the date words taken, as offsets into `articles.body`; an event several articles
    report has one row per article, so every cross-article merge can be read back in the text."""

    mention_id: str = pa.Field(
        unique=True, description="Stable id: sha256 of the article id, event type and trigger offsets."
    )
    event_id: str = pa.Field(description="The resolved event (foreign key to events).")
    article_id: str = pa.Field(description="The article that reports it (foreign key to articles).")
    event_type: str = pa.Field(isin=list(EVENT_TYPES), description="The event type this article's mention gave.")
    text: str = pa.Field(
        str_length={"min_value": 1}, description="The trigger words as printed (`Rakor`, `pemungutan suara`)."
    )
    char_start: int | None = pa.Field(
        nullable=True,
        ge=0,
        description="Start offset of the trigger in articles.body; body[char_start:char_end] == text. Null when"
        " the trigger stands only in a photo caption (not part of the body).",
    )
    char_end: int | None = pa.Field(nullable=True, ge=1, description="End offset (exclusive) of the trigger.")
    date_text: str | None = pa.Field(
        nullable=True, description="The date words the event's date was taken from (`Selasa (3/9)`), if any."
    )
    date_start: int | None = pa.Field(
        nullable=True,
        ge=0,
        description="Start offset of `date_text` in articles.body; null when no date was taken or it stands in a"
        " caption.",
    )
    date_end: int | None = pa.Field(nullable=True, ge=1, description="End offset (exclusive) of `date_text`.")

    class Config:
        strict = True


class Indicators(pa.DataFrameModel):
    """Numeric facts stated in the text, each with its clause and offsets."""

    indicator_id: str = pa.Field(unique=True, description="Stable id: sha256 of article id and offsets.")
    article_id: str = pa.Field(description="The article (foreign key to articles).")
    metric: str = pa.Field(
        str_length={"min_value": 1}, description="What is measured, in words (`tingkat kerawanan Pilkada`)."
    )
    value: float = pa.Field(description="The number (`51,28` is 51.28; `lima` is 5; `ke-48` is 48); always finite.")
    unit: str = pa.Field(
        isin=list(UNITS),
        description="Controlled vocabulary: " + "; ".join(f"`{k}` {v}" for k, v in UNITS.items()) + ".",
    )
    region: str | None = pa.Field(nullable=True, description="The place the figure is about (gazetteer name).")
    region_code: str | None = pa.Field(nullable=True, description="Kemendagri code of `region`.")
    regency_code: str | None = pa.Field(
        nullable=True,
        description="Kemendagri code of the regency or city `region_code` lies in (`64.02` for district `64.02.03`);"
        " null for a province-level or unknown region.",
    )
    province_code: str | None = pa.Field(
        nullable=True, description="Kemendagri code of the province `region_code` lies in (`64` for `64.02.03`)."
    )
    source_actor_id: str | None = pa.Field(nullable=True, description="Who stated it (foreign key to actors).")
    text: str = pa.Field(str_length={"min_value": 1}, description="The sentence or clause it came from.")
    char_start: int = pa.Field(ge=0, description="Start offset of text in articles.body.")
    char_end: int = pa.Field(ge=1, description="End offset (exclusive) of text in articles.body.")

    class Config:
        strict = True

    @pa.dataframe_check(error="value is not finite")
    def finite(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("value").is_finite())


class Quarantine(pa.DataFrameModel):
    """Inputs and rows set aside, with the stage and check that rejected them and why."""

    quarantine_id: str = pa.Field(unique=True, description="Stable id: sha256 of the other columns.")
    source: str = pa.Field(description="Input path (or article id / row id) the row came from.")
    table: str = pa.Field(description="The table the row was meant for (`articles` for inputs).")
    stage: str = pa.Field(description="Pipeline stage that rejected it: ingest, clean, extract, validate.")
    check: str = pa.Field(description="Name of the failed check.")
    reason: str = pa.Field(description="Why, in one line (never the article text).")

    class Config:
        strict = True
