"""Real-world happenings reported in one article: type, name, dates, venue, place, organizer, size.

An event is a trigger word from `lexicon/event_types.csv` (`sosialisasi`, `Bimtek`, `Rakor`,
`pemungutan suara`, …) in a sentence that anchors it as a happening: a date, a venue, a place
(`di Kecamatan Loa Janan`) or a verb of holding (`digelar`, `berlangsung`, `dihadiri`). One article
gives at most one event per type (news reports one rakor, not two); attributes come from the first
anchoring sentence that has them, photo captions included (`Foto: Rakor … pada Sabtu (9/11/2024)`).
Voting (`pemungutan suara`) is only an event with a date in its sentence, never as a stage name.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from pantau import lexicon
from pantau.pipeline.extract.actors import ActorResult, _region_lookup, _strip_parens
from pantau.pipeline.extract.dates import find_dates
from pantau.pipeline.patterns import alternation
from pantau.pipeline.text import sentence_spans

# the words of a happening, its theme, organizer and name (lexicon/events.toml)
_LEX = lexicon.read_toml("events.toml")
ANCHOR_VERBS = re.compile(r"\b(?:" + alternation(_LEX["anchor"]["words"]) + r")\b", re.IGNORECASE)
THEME = re.compile(
    r"(?:" + alternation(_LEX["theme"]["cues"], space=r"\s+") + r")\s*:?\s*[“\"”](?P<theme>[^”\"“]{3,200})[”\"“]",
    re.IGNORECASE,
)
# a region-level prefix before the place (lexicon/region_prefixes.csv): "di Kecamatan Loa Janan"
PLACE_PREFIX = r"(?:(?:" + alternation(w for w, _ in lexicon.region_prefixes("name", "abbreviation")) + r")\s+)"
PLACE_AFTER_DI = re.compile(
    r"\b(?:di|ke)\s+(?P<pre>" + PLACE_PREFIX + r")?(?P<place>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})"
)
ORGANIZE_VERBS = re.compile(r"\b(?:" + alternation(_LEX["organizer"]["active_verbs"], space=r"\s+") + r")\b")
_ORGANIZED_BY = re.compile(r"\b(?:" + alternation(_LEX["organizer"]["passive_verbs"]) + r")\s+oleh\b")
_LEAD_BODIES = tuple("organization|" + body for body in _LEX["organizer"]["lead_bodies"])
_NAME_END = re.compile(
    r"\s+(?:" + alternation([*_LEX["name"]["enders"], *(w.capitalize() for w in lexicon.weekdays())]) + r")\b"
)
# a sentence announcing a coming event ("akan digelar", "dijadwalkan") may date it after the publish date
ANNOUNCED = re.compile(r"\b(?:" + alternation(_LEX["announced"]["words"], space=r"\s+") + r")\b", re.IGNORECASE)
_PARTICIPANT_METRIC = re.compile(alternation(_LEX["participants"]["metrics"]), re.IGNORECASE)


@dataclass
class LocalEvent:
    event_type: str
    name: str | None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    date_precision: str = "unknown"
    date_text: str | None = None
    year_inferred: bool = False
    weekday_mismatch: bool = False
    venue: str | None = None
    place: str | None = None
    region_code: str | None = None
    region_inferred: bool = False  # place taken from the dateline, not the text
    organizer_keys: list[str] = field(default_factory=list)
    participant_count: int | None = None
    trigger_pos: int = 0
    # the evidence: the trigger words and the date words taken, with their offsets in the body (None when
    # they stand in a photo caption, which is not part of the body)
    trigger_text: str | None = None
    trigger_start: int | None = None
    trigger_end: int | None = None
    date_start: int | None = None
    date_end: int | None = None


@lru_cache(maxsize=1)
def _triggers() -> tuple[re.Pattern, tuple[str, ...]]:
    """One pattern over every trigger of `event_types.csv` (longest first; `*` is any one word), and the event
    type of each of its groups (`t0`, `t1`, ...): the type of a match is `types[int(m.lastgroup[1:])]`."""
    pairs = sorted(lexicon.event_triggers().items(), key=lambda tt: len(tt[0]), reverse=True)
    parts = []
    for i, (trigger, _) in enumerate(pairs):
        words = [r"[\w-]+" if w == "*" else re.escape(w) for w in trigger.split()]
        parts.append(f"(?P<t{i}>" + r"\s+".join(words) + ")")
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)
    return pattern, tuple(event_type for _, event_type in pairs)


def event_types() -> dict[str, dict]:
    """The event-type vocabulary in order: type -> {"plover": PLOVER category or "", "about": what it covers}."""
    return dict(_LEX["types"])


def plover_of(event_type: str) -> str | None:
    """The PLOVER category of an event type (`meeting` -> `CONSULT`), None where none applies.

    >>> plover_of("protest"), plover_of("arrest_enforcement"), plover_of("training")
    ('PROTEST', 'COERCE', None)
    """
    return _LEX["types"].get(event_type, {}).get("plover") or None


@lru_cache(maxsize=1)
def _venue_re() -> re.Pattern:
    heads = lexicon.read_words("venue_heads.txt")
    return re.compile(
        r"\b(?:" + alternation(_LEX["venue"]["cues"], space=r"\s+") + r")\s+(?P<venue>(?:" + alternation(heads) + r")"
        r"(?:\s+(?:[A-Z0-9][\w'’&.-]*|de|dan|&))+)(?P<abbr>\s*\([A-Za-z]{2,10}\))?"
    )


def _place_from(text: str, context=()) -> tuple[str, str] | None:
    """(place name, region code) for the first `di <Region>` in a text."""
    for m in PLACE_AFTER_DI.finditer(text):
        toks = m.group("place").split()
        for n in range(len(toks), 0, -1):
            cand = " ".join(toks[:n])
            r = _region_lookup(((m.group("pre") or "") + cand).strip(), context)
            if r:
                return r.name, r.code
    return None


def _split_venue(venue: str) -> tuple[str, tuple[str, str] | None]:
    """`Hotel Harris Samarinda` -> (`Hotel Harris`, (`Samarinda`, code)) when trailing words are a region."""
    toks = venue.split()
    for n in (3, 2, 1):
        if len(toks) - n >= 2:
            r = _region_lookup(" ".join(toks[-n:]))
            if r:
                return " ".join(toks[:-n]), (r.name, r.code)
    return venue, None


def _event_name(sentence: str, tpos: int, trigger: str) -> str:
    th = THEME.search(sentence)
    if th:
        return th.group("theme").strip()
    rest = sentence[tpos:]
    m = re.match(r"[\w-]+(?:\s+(?:\([A-Za-z]+\)|[A-Za-z][\w-]*)){0,10}", rest)
    phrase = m.group(0) if m else trigger
    # function words and capitalized weekday names end the name: "Rakor Pilkada Senin (3/9)"
    phrase = _NAME_END.split(phrase)[0]
    return _strip_parens(phrase).strip(" ,.")


def extract_events(
    body: str,
    actors: ActorResult,
    *,
    captions: list[str] = (),
    ref_date: dt.date | None = None,
    ref_year: int | None = None,
    dateline_place: tuple[str, str] | None = None,
    participants: list[tuple[int, float, str]] = (),
) -> list[LocalEvent]:
    """Events reported in one article.

    `participants` are (offset, value, metric) person counts from the indicator extractor;
    `dateline_place` is (name, code) of the dateline, used when a sentence names no place.

    >>> from pantau.pipeline.extract.actors import extract_actors
    >>> b = "Bimtek yang digelar selama lima hari di Hotel Harris, Samarinda, dari 27 hingga 31 Oktober 2024 ini."
    >>> e = extract_events(b, extract_actors(b))[0]
    >>> (e.event_type, e.start_date.isoformat(), e.end_date.isoformat(), e.venue, e.place)
    ('training', '2024-10-27', '2024-10-31', 'Hotel Harris', 'Samarinda')
    """
    pattern, trigger_types = _triggers()
    events: list[LocalEvent] = []
    context = [dateline_place[1]] if dateline_place else []
    for sent, base in _sentences(body, captions):
        dates = find_dates(sent, ref_date=ref_date, ref_year=ref_year)
        dated = [d for d in dates if d.start_date is not None]
        venue_match = _venue_re().search(sent)
        place = _place_from(sent, context)
        anchored = bool(dated or venue_match or place or ANCHOR_VERBS.search(sent))
        seen: set[str] = set()  # one event per type per sentence
        previous_end = -1
        for match in pattern.finditer(sent):
            event_type = trigger_types[int(match.lastgroup[1:])]
            # a trigger right after another is its modifier, not a second event (Indonesian nouns are head-first):
            # "rapat koordinasi pengawasan", "debat kampanye", "sosialisasi pemungutan suara"
            modifier = previous_end >= 0 and not sent[previous_end : match.start()].strip()
            previous_end = match.end()
            if modifier or event_type in seen or not anchored or (event_type == "voting" and not dated):
                continue
            seen.add(event_type)
            day = _nearest_date(dated, match.start()) if dated else None
            venue = _split_venue(venue_match.group("venue").rstrip(" ,."))[0] if venue_match else None
            event = _same_event_in(events, event_type, day, venue, place)
            if event is None:
                name = _event_name(sent, match.start(), match.group(0))
                event = LocalEvent(event_type, name, trigger_pos=base if base >= 0 else len(body))
                events.append(event)
            if event.trigger_text is None or (event.trigger_start is None and base >= 0):
                _take_trigger(event, match, base)
            elif THEME.search(sent) and event.name and not THEME.search(event.name):
                event.name = THEME.search(sent).group("theme").strip()
            if event.start_date is None and day is not None:
                _take_date(event, day, sent, ref_date, base)
            if event.venue is None and venue_match:
                _take_venue(event, sent, venue_match, context)
            if event.place is None and place:
                event.place, event.region_code = place
            if base >= 0 and not event.organizer_keys:
                event.organizer_keys = _organizers(body, actors, base, base + len(sent))
    if not events:
        return []
    _fill_defaults(events, body, actors, dateline_place)
    _assign_participants(events, participants)
    return sorted(events, key=lambda e: (e.trigger_pos, e.event_type))


def _sentences(body: str, captions) -> list[tuple[str, int]]:
    """(sentence, offset in body) for the body, then (sentence, -1) for each caption sentence."""
    sources = [(body[start:end], start) for start, end in sentence_spans(body)]
    for caption in captions:
        sources.extend((caption[start:end], -1) for start, end in sentence_spans(caption))
    return sources


def _nearest_date(dated: list, trigger_at: int):
    """The date nearest the trigger, preferring one that follows it ("pemungutan suara pada 14 Februari")."""
    return min(dated, key=lambda dm: dm.start - trigger_at if dm.start >= trigger_at else 3 * (trigger_at - dm.end))


def _same_event_in(events: list[LocalEvent], event_type: str, day, venue: str | None, place) -> LocalEvent | None:
    """The event of this type already found that a new mention can be: none of its date, venue or place
    differs from the mention's (a second `bertemu` on another day or in another town is a second meeting)."""
    for event in events:
        if event.event_type != event_type:
            continue
        if day is not None and event.start_date is not None and day.start_date != event.start_date:
            continue
        if venue is not None and event.venue is not None and venue != event.venue:
            continue
        if place is not None and event.place is not None and place[1] != event.region_code:
            continue
        return event
    return None


def _take_trigger(event: LocalEvent, match: re.Match, base: int) -> None:
    """The trigger words of the event's first mention, with body offsets when the sentence is in the body."""
    event.trigger_text = match.group(0)
    if base >= 0:
        event.trigger_start, event.trigger_end = base + match.start(), base + match.end()


def _take_date(event: LocalEvent, nearest, sent: str, ref_date: dt.date | None, base: int = -1) -> None:
    """The mention's date, with the body offsets of its words when the sentence is in the body (`base` >= 0);
    a reported event whose year was inferred is never after the publish date."""
    start, end = nearest.start_date, nearest.end_date or nearest.start_date
    if nearest.year_inferred and ref_date is not None and start > ref_date and not ANNOUNCED.search(sent):
        start, end = _year_back(start), _year_back(end)
    event.start_date, event.end_date = start, end
    event.date_precision, event.date_text = nearest.precision, nearest.text
    event.year_inferred, event.weekday_mismatch = nearest.year_inferred, nearest.weekday_mismatch
    if base >= 0:
        event.date_start, event.date_end = base + nearest.start, base + nearest.end


def _year_back(day: dt.date) -> dt.date:
    """The same day a year earlier (28 February for 29 February)."""
    return day.replace(year=day.year - 1) if (day.month, day.day) != (2, 29) else dt.date(day.year - 1, 2, 28)


def _take_venue(event: LocalEvent, sent: str, venue_match: re.Match, context: list[str]) -> None:
    """The venue, and its place: inside the venue's name, or a region named right after it."""
    venue, venue_place = _split_venue(venue_match.group("venue").rstrip(" ,."))
    event.venue = venue
    if venue_place is None:
        venue_place = _region_after_venue(sent[venue_match.end() : venue_match.end() + 60], context)
    if venue_place and event.place is None:
        event.place, event.region_code = venue_place


def _region_after_venue(after: str, context: list[str]) -> tuple[str, str] | None:
    """(name, code) of the region that opens `after` ("…, Samarinda"), longest words first; None if none."""
    words = re.match(r"\s*,?\s*(" + PLACE_PREFIX + r"?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})", after)
    if not words:
        return None
    toks = words.group(1).split()
    for n in range(len(toks), 0, -1):
        region = _region_lookup(" ".join(toks[:n]), context)
        if region:
            return (region.name, region.code)
    return None


def _fill_defaults(events, body: str, actors: ActorResult, dateline_place) -> None:
    """The dateline's place for a local event with none (an election day happens everywhere), and the
    article's lead organization for an event with no organizer in its sentence."""
    for event in events:
        if event.place is None and dateline_place and event.event_type != "voting":
            event.place, event.region_code = dateline_place
            event.region_inferred = True
        if not event.organizer_keys:
            event.organizer_keys = _lead_organizer(body, actors)


def _assign_participants(events, participants) -> None:
    """Participant counts ("dihadiri oleh sekitar 50 peserta") go to the event they sit nearest after."""
    events = list(events)
    for pos, value, metric in participants:
        if not _PARTICIPANT_METRIC.search(metric or ""):
            continue
        before = [e for e in events if e.trigger_pos <= pos]
        target = max(before, key=lambda e: e.trigger_pos) if before else None
        if target and target.participant_count is None and value == int(value):
            target.participant_count = int(value)


def _organizers(body: str, actors: ActorResult, s: int, e: int) -> list[str]:
    sent = body[s:e]
    out = []
    for vm in ORGANIZE_VERBS.finditer(sent):
        ms = [m for m in actors.mentions if s <= m.start < s + vm.start() and m.key.startswith("organization|")]
        if ms:
            out.append(ms[-1].key)
    om = _ORGANIZED_BY.search(sent)
    if om:
        ms = [m for m in actors.mentions if s + om.end() <= m.start < e and m.key.startswith("organization|")]
        if ms:
            out.append(ms[0].key)
    return sorted(set(out))


def _lead_organizer(body: str, actors: ActorResult) -> list[str]:
    """The first government or election body named in the lead paragraph, if any."""
    lead_end = body.find("\n")
    lead_end = len(body) if lead_end < 0 else lead_end
    for m in actors.mentions:
        if m.start >= lead_end:
            break
        if m.key.startswith(_LEAD_BODIES):
            return [m.key]
    return []
