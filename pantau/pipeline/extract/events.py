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
    organizer_keys: list[str] = field(default_factory=list)
    participant_count: int | None = None
    trigger_pos: int = 0


@lru_cache(maxsize=1)
def _trigger_re() -> re.Pattern:
    return re.compile(r"(?<![\w-])(?P<t>" + alternation(lexicon.event_triggers()) + r")(?![\w-])", re.IGNORECASE)


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
    triggers = lexicon.event_triggers()
    trig_lower = {k.lower(): v for k, v in triggers.items()}
    sources: list[tuple[str, int]] = [(body[s:e], s) for s, e in sentence_spans(body)]
    for c in captions:
        sources.extend((c[s:e], -1) for s, e in sentence_spans(c))
    events: dict[str, LocalEvent] = {}
    context = [dateline_place[1]] if dateline_place else []
    for sent, base in sources:
        for m in _trigger_re().finditer(sent):
            etype = trig_lower[m.group("t").lower()]
            dates = list(find_dates(sent, ref_date=ref_date, ref_year=ref_year))
            dated = [d for d in dates if d.start_date is not None]
            venue_m = _venue_re().search(sent)
            place = _place_from(sent, context)
            anchored = bool(dated or venue_m or place or ANCHOR_VERBS.search(sent))
            if etype == "voting" and not dated:
                continue
            if not anchored:
                continue
            ev = events.get(etype)
            if ev is None:
                ev = events[etype] = LocalEvent(
                    etype, _event_name(sent, m.start(), m.group("t")), trigger_pos=base if base >= 0 else len(body)
                )
            elif THEME.search(sent) and ev.name and not THEME.search(ev.name):
                ev.name = THEME.search(sent).group("theme").strip()
            if ev.start_date is None and dated:
                # the date nearest the trigger, preferring one that follows it ("pemungutan suara pada 14 Februari")
                tpos = m.start()
                d = min(dated, key=lambda dm: dm.start - tpos if dm.start >= tpos else 3 * (tpos - dm.end))
                ev.start_date, ev.end_date = d.start_date, d.end_date or d.start_date
                ev.date_precision, ev.date_text = d.precision, d.text
                ev.year_inferred, ev.weekday_mismatch = d.year_inferred, d.weekday_mismatch
            if ev.venue is None and venue_m:
                venue, vplace = _split_venue(venue_m.group("venue").rstrip(" ,."))
                ev.venue = venue
                if vplace is None:
                    after = sent[venue_m.end() : venue_m.end() + 60]
                    pm = re.match(r"\s*,?\s*(" + PLACE_PREFIX + r"?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})", after)
                    if pm:
                        toks = pm.group(1).split()
                        for n in range(len(toks), 0, -1):
                            r = _region_lookup(" ".join(toks[:n]), context)
                            if r:
                                vplace = (r.name, r.code)
                                break
                if vplace and ev.place is None:
                    ev.place, ev.region_code = vplace
            if ev.place is None and place:
                ev.place, ev.region_code = place
            if base >= 0 and not ev.organizer_keys:
                ev.organizer_keys = _organizers(body, actors, base, base + len(sent))
    if not events:
        return []
    for ev in events.values():
        # the dateline is where a local event happened; an election day happens everywhere
        if ev.place is None and dateline_place and ev.event_type != "voting":
            ev.place, ev.region_code = dateline_place
        if not ev.organizer_keys:
            ev.organizer_keys = _lead_organizer(body, actors)
    # participant counts ("dihadiri oleh sekitar 50 peserta") go to the event they sit nearest after
    for pos, value, metric in participants:
        if not _PARTICIPANT_METRIC.search(metric or ""):
            continue
        before = [e for e in events.values() if e.trigger_pos <= pos]
        target = max(before, key=lambda e: e.trigger_pos) if before else None
        if target and target.participant_count is None and value == int(value):
            target.participant_count = int(value)
    return sorted(events.values(), key=lambda e: (e.trigger_pos, e.event_type))


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
