"""Who said what: direct quotes with their speaker, and reported (indirect) speech.

Speaker of a direct quote, first rule that applies:
1. a cue right after the closing mark: `“…,” ujar Bambang` / `“…,” tegasnya` (a `-nya` cue points back);
2. a cue before the opening mark in the same sentence: `Teguh mengatakan, “…”`, `Menurut Teguh, “…”`;
3. otherwise the quote continues the current speaker (the last person named or quoted before it).
`-nya`, `Ia`, `Dia`, `Dirinya` resolve to the most recent speaker candidate outside quotes: a person,
an unnamed office holder, or an organization's representative (`Perwakilan dari Smart Academy`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from pantau import lexicon
from pantau.pipeline.extract.actors import ActorResult, Mention
from pantau.pipeline.patterns import alternation
from pantau.pipeline.text import Quote, paragraph_spans, quote_spans, sentence_spans, span_at


@dataclass
class Statement:
    start: int
    end: int
    text: str
    kind: str  # direct | indirect
    speaker_key: str | None  # local actor key
    speaker_label: str | None  # the speaker as printed at this point (antecedent text for pronouns)
    cue: str | None = None


# "Ketiga, kepada ...": an enumerated point continuing a speaker's list (lexicon/speech_verbs.toml)
ORDINAL_OPENERS = re.compile(r"^(?:" + alternation(lexicon.speech()["list_openers"]) + r")\s*,\s*")


@lru_cache(maxsize=1)
def _re() -> dict:
    sp = lexicon.speech()
    after = alternation(sp["after_quote"] + sp["reporting"] + sp["quote_closers"])
    return {
        "after_cue": re.compile(
            r"^\s*,?\s*(?:(?:"
            + alternation(sp["before_after_quote_cue"], space=r"\s+")
            + r")\s+)?(?P<verb>"
            + after
            + r")(?P<nya>nya)?\b(?P<pron>\s+(?:"
            + alternation(sp["after_cue_pronouns"])
            + r")\b)?"
        ),
        "reporting": re.compile(r"\b(?P<verb>" + alternation(sp["reporting"]) + r")\b"),
        "pronoun": re.compile(r"(?<![\w-])(?P<p>" + alternation(sp["pronouns"]) + r")(?![\w-])"),
        "according_to": re.compile(
            r"(?<![\w-])(?:" + alternation(sp["according_to"]) + r")(?P<nya>nya)?\b\s*(?P<who>[^,]{0,80}?)\s*,\s*"
        ),
        "title_cue": re.compile(r"(?:\b(?:" + alternation(sp["title_cues"]) + r")\s*:?\s*|[(\[]\s*)$", re.IGNORECASE),
        "between_ok": re.compile(
            r"^(?:\s*,[^,.“”\"]{0,90},)?\s*,?\s*(?:(?:"
            + alternation(sp["between_speaker_and_verb"], space=r"\s+")
            + r")\s+)*$"
        ),
        # after a name, a verb (prefixed me-, ber-, ter-, di-...-kan) or a lower-case "menurut" follows
        "subject_verb": re.compile(
            r"\s*(?:,[^,.“”\"]{0,90},|,)?\s*(?:(?:"
            + alternation(sp["between_subject_and_verb"])
            + r")\s+)?(?:me\w+|ber\w+|ter\w+|di\w+kan|"
            + alternation(w for w in sp["according_to"] if w.islower())
            + r")"
        ),
        "representative": re.compile(r"(?:" + alternation(sp["representative"], space=r"\s+") + r")\s*$"),
    }


class _Speakers:
    """The timeline of speaker candidates outside quotes, for resolving `-nya` and `Ia`."""

    def __init__(self, body: str, actors: ActorResult, quotes: list[Quote]):
        self.body = body
        self.quotes = quotes
        self.items: list[tuple[int, str, str, bool]] = []  # (pos, actor key, label, is a subject)
        for m in actors.mentions:
            kind = m.key.split("|", 1)[0]
            if self._in_quote(m.start):
                continue
            if kind == "person":
                self.items.append((m.start, m.key, m.text, self._is_subject(m)))
            elif self._is_representative(m):
                self.items.append((m.start, m.key, self._org_label(m), True))
        self.items.sort()

    def _is_subject(self, m: Mention) -> bool:
        """A mention that opens its sentence or is followed by a verb: who the next `-nya` points to."""
        before = self.body[max(0, m.start - 60) : m.start]
        if (
            re.search(
                r"(?:^|[.!?”\"]\s+|\n|(?:Sementara itu|Selain itu|Di samping itu|Sebelumnya|Kemudian),\s+)"
                r"(?:[A-Z][\w.()]*,?\s+){0,8}$",
                before,
            )
            is None
        ):
            return False
        return bool(_re()["subject_verb"].match(self.body, m.end, m.end + 120))

    def _in_quote(self, pos: int) -> bool:
        return any(q.open <= pos < q.close for q in self.quotes)

    def _is_org_speaker(self, m: Mention) -> bool:
        before = self.body[max(0, m.start - 20) : m.start]
        after = self.body[m.end : m.end + 40]
        return bool(_re()["representative"].search(before)) or bool(_re()["reporting"].match(after.strip()))

    def _is_representative(self, m: Mention) -> bool:
        return bool(_re()["representative"].search(self.body[max(0, m.start - 20) : m.start]))

    def _org_label(self, m: Mention) -> str:
        before = self.body[max(0, m.start - 20) : m.start]
        r = _re()["representative"].search(before)
        return self.body[m.start - len(r.group(0)) : m.end] if r else m.text

    def add(self, pos: int, key: str, label: str) -> None:
        self.items.append((pos, key, label, True))
        self.items.sort()

    def before(self, pos: int, window: int = 700) -> tuple[str, str] | None:
        """The antecedent of a pronoun at `pos`: the latest subject or speaker within `window` characters,
        else the latest person named before it."""
        cands = [it for it in self.items if it[0] < pos]
        if not cands:
            return None
        subjects = [it for it in cands if it[3] and it[0] >= pos - window]
        _, key, label, _ = (subjects or cands)[-1]
        return key, label


def _cue_reach(text: str) -> int:
    """How far after a cue verb the speaker may be named: to the sentence end (not a title's period)."""
    titles = lexicon.titles()
    for m in re.finditer(r"[.!?\n“\"”]", text):
        if m.group(0) == ".":
            word = re.search(r"(\S+)$", text[: m.start()])
            if word and (word.group(1) + "." in titles or len(word.group(1)) == 1):
                continue
        return m.start()
    return min(len(text), 100)


def _mention_after(actors: ActorResult, pos: int, limit: int) -> Mention | None:
    """The first actor mention starting in [pos, limit), persons first."""
    ms = [m for m in actors.mentions if pos <= m.start < limit]
    persons = [m for m in ms if m.key.startswith("person|")]
    return (persons or ms or [None])[0]


def _is_title_quote(body: str, q: Quote) -> bool:
    content = body[q.start : q.end]
    before = body[max(0, q.open - 40) : q.open]
    if _re()["title_cue"].search(before):
        return True
    if _re()["after_cue"].match(body[q.close + 1 : q.close + 40]):
        return False  # “Tidak ada,” jawab Maruarar: short, but said
    words = content.split()
    if len(words) < 4 and not re.search(r"[.!?]$", content):
        return True  # scare quotes: ”wajah baru”
    # no closing punctuation: a named thing in quotes ("Tema … adalah “From Non-Alignment …” untuk …"), not speech
    return not re.search(r"[.,!?…]$", content)


def extract_statements(body: str, actors: ActorResult) -> list[Statement]:
    """Direct and indirect statements in `body`, speakers resolved to local actor keys.

    >>> from pantau.pipeline.extract.actors import extract_actors
    >>> b = "Hal itu disampaikan Ketua Bawaslu Kukar, Teguh Wibowo.\\n\\n“Pilkada sudah dekat,” ujarnya."
    >>> [(s.text, s.speaker_key) for s in extract_statements(b, extract_actors(b))]
    [('Pilkada sudah dekat', 'person|Teguh Wibowo')]
    """
    all_quotes = quote_spans(body)
    speakers = _Speakers(body, actors, all_quotes)
    sentences = sentence_spans(body)
    paragraphs = paragraph_spans(body)
    statements: list[Statement] = []
    last_speaker: tuple[str, str] | None = None
    for quote in all_quotes:
        if _is_title_quote(body, quote):
            continue
        cue, speaker = _speaker_after_quote(body, quote, actors, speakers)
        if speaker is None:
            speaker = _speaker_before_quote(body, quote, actors, speakers, span_at(sentences, quote.open), paragraphs)
        if speaker is None:
            speaker = speakers.before(quote.open) or last_speaker  # the quote continues the current speaker
        key, label = speaker or (None, None)
        if key:
            last_speaker = (key, label)
            speakers.add(quote.open, key, label)
        end = quote.start + len(body[quote.start : quote.end].rstrip(" ,"))
        statements.append(Statement(quote.start, end, body[quote.start : end], "direct", key, label, cue))
    statements.extend(_indirect(body, actors, speakers, all_quotes, sentences, paragraphs))
    statements.sort(key=lambda st: (st.start, st.end, st.kind))
    return statements


def _speaker_after_quote(
    body: str, quote: Quote, actors: ActorResult, speakers: _Speakers
) -> tuple[str | None, tuple[str, str] | None]:
    """Rule 1: the cue right after the closing mark and the speaker it names or points back to, as (cue, speaker)."""
    after = body[quote.close + 1 : quote.close + 120]
    cue_match = _re()["after_cue"].match(after)
    if not cue_match:
        return None, None
    cue = cue_match.group("verb") + (cue_match.group("nya") or "")
    if cue_match.group("nya") or cue_match.group("pron"):
        return cue, speakers.before(quote.open)  # "tegasnya", "ujar dia"
    cue_end = quote.close + 1 + cue_match.end()
    named = _mention_after(actors, cue_end, cue_end + _cue_reach(after[cue_match.end() :]))
    return cue, None if named is None else (named.key, named.text)


def _speaker_before_quote(
    body: str,
    quote: Quote,
    actors: ActorResult,
    speakers: _Speakers,
    sentence: tuple[int, int] | None,
    paragraphs: list[tuple[int, int]],
) -> tuple[str, str] | None:
    """Rule 2: a speaker introduced before the opening mark in the same sentence (``Teguh mengatakan, “…”``)."""
    sentence = sentence or (quote.open, quote.open)
    paragraph = next(((ps, pe) for ps, pe in paragraphs if ps <= quote.open < pe), (quote.open, quote.open))
    lead_start = max(sentence[0], paragraph[0])
    lead = body[lead_start : quote.open]
    if not (re.search(r"[,:]\s*$", lead) or _re()["reporting"].search(lead)):
        return None
    mentions = [mention for mention in actors.mentions if lead_start <= mention.start < quote.open]
    persons = [mention for mention in mentions if mention.key.startswith("person|")]
    if persons or mentions:
        named = (persons or mentions)[-1]
        return named.key, named.text
    if _re()["pronoun"].search(lead):
        return speakers.before(lead_start)  # "Ia mengatakan, “…”"
    return None


def _in_quote(quotes: list[Quote], pos: int) -> bool:
    """Whether `pos` lies between a quote's opening and closing marks (both included)."""
    return any(quote.open <= pos <= quote.close for quote in quotes)


# a reported-speech span before trimming: (start, end, speaker key, speaker label, cue)
_Reported = tuple[int, int, str | None, str | None, str]


def _indirect(
    body: str,
    actors: ActorResult,
    speakers: _Speakers,
    quotes: list[Quote],
    sentences: list[tuple[int, int]],
    paragraphs: list[tuple[int, int]],
) -> list[Statement]:
    """Reported speech, sentence by sentence, then list points; a span inside one already taken is dropped."""
    spans: list[_Reported] = []
    for sent_start, sent_end in sentences:
        spans.extend(_according_to_spans(body, actors, speakers, quotes, sent_start, sent_end))
        spans.extend(_reporting_spans(body, actors, speakers, quotes, sent_start, sent_end))
    spans.extend(_list_point_spans(body, speakers, quotes, paragraphs))
    statements: list[Statement] = []
    for start, end, key, label, cue in spans:
        start, end = _trim_reported(body, start, end)
        if len(body[start:end].split()) < 3 or _in_quote(quotes, start):
            continue
        if body[start] in '“"”':
            continue  # reported speech that opens a direct quote is the quote's, not a separate statement
        if any(st.start <= start < st.end for st in statements):
            continue
        statements.append(Statement(start, end, body[start:end], "indirect", key, label, cue))
    return statements


def _trim_reported(body: str, start: int, end: int) -> tuple[int, int]:
    """The span without the separators around it (leading `` ,:``, trailing `` .,;:``)."""
    while start < end and body[start] in " ,:":
        start += 1
    while end > start and body[end - 1] in " .,;:":
        end -= 1
    return start, end


def _according_to_spans(
    body: str, actors: ActorResult, speakers: _Speakers, quotes: list[Quote], sent_start: int, sent_end: int
) -> Iterator[_Reported]:
    """``Menurut Teguh, …`` / ``Menurutnya, …``: the rest of the sentence, said by the named or pointed-to speaker."""
    sentence = body[sent_start:sent_end]
    for match in _re()["according_to"].finditer(sentence):
        pos = sent_start + match.start()
        if _in_quote(quotes, pos):
            continue
        key = label = None
        if match.group("nya"):
            antecedent = speakers.before(pos)
            if antecedent:
                key, label = antecedent
        else:
            named = _mention_after(actors, sent_start + match.start("who"), sent_start + match.end("who") + 1)
            if named is None:
                continue
            key, label = named.key, named.text
        yield sent_start + match.end(), sent_end, key, label, lexicon.speech()["according_to_cue"]


def _reporting_spans(
    body: str, actors: ActorResult, speakers: _Speakers, quotes: list[Quote], sent_start: int, sent_end: int
) -> Iterator[_Reported]:
    """``Teguh mengatakan bahwa …`` / ``Ia menjelaskan, …``: the rest of the sentence after the reporting verb."""
    sentence = body[sent_start:sent_end]
    for match in _re()["reporting"].finditer(sentence):
        verb_pos = sent_start + match.start()
        if _in_quote(quotes, verb_pos):
            continue
        speaker = _reporting_subject(body, actors, speakers, sent_start, verb_pos)
        if speaker is None:
            continue
        start = sent_start + match.end()
        that = re.match(r"\s*(?:bahwa|,|:)?\s*(?:bahwa\s+)?", body[start:sent_end])
        yield start + (that.end() if that else 0), sent_end, speaker[0], speaker[1], match.group("verb")


def _reporting_subject(
    body: str, actors: ActorResult, speakers: _Speakers, sent_start: int, verb_pos: int
) -> tuple[str, str] | None:
    """Who a reporting verb at `verb_pos` belongs to: the actor just before it (a person or an organization's
    representative), else the antecedent of a pronoun just before it; None when neither fits."""
    before = [mention for mention in actors.mentions if sent_start <= mention.start and mention.end <= verb_pos]
    if before and _re()["between_ok"].match(body[before[-1].end : verb_pos]):
        subject = before[-1]
        if subject.key.split("|", 1)[0] != "person" and not speakers._is_org_speaker(subject):
            return None
        return subject.key, subject.text
    pronouns = list(_re()["pronoun"].finditer(body, sent_start, verb_pos))
    pronoun = pronouns[-1] if pronouns else None  # the last pronoun before the verb
    if pronoun is None or not _re()["between_ok"].match(body[pronoun.end() : verb_pos]):
        return None
    return speakers.before(pronoun.start())


def _list_point_spans(
    body: str, speakers: _Speakers, quotes: list[Quote], paragraphs: list[tuple[int, int]]
) -> Iterator[_Reported]:
    """Enumerated points continuing a speaker's list: ``Ketiga, kepada penyelenggara Pilkada …``."""
    for para_start, para_end in paragraphs:
        match = ORDINAL_OPENERS.match(body[para_start:para_end])
        if not match or _in_quote(quotes, para_start):
            continue
        antecedent = speakers.before(para_start)
        if antecedent is None:
            continue
        yield para_start + match.end(), para_end, antecedent[0], antecedent[1], "list"
