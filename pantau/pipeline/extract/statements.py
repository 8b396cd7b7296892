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
    R = _re()
    quotes = [q for q in quote_spans(body) if not _is_title_quote(body, q)]
    all_quotes = quote_spans(body)
    speakers = _Speakers(body, actors, all_quotes)
    sentences = sentence_spans(body)
    out: list[Statement] = []
    last_speaker: tuple[str, str] | None = None
    for q in quotes:
        s, e = q.start, q.end
        text = body[s:e]
        trimmed = text.rstrip(" ,")
        e = s + len(trimmed)
        key = label = cue = None
        after = body[q.close + 1 : q.close + 120]
        m = R["after_cue"].match(after)
        if m:
            cue = m.group("verb") + (m.group("nya") or "")
            if m.group("nya") or m.group("pron"):
                ante = speakers.before(q.open)
                if ante:
                    key, label = ante
            else:
                limit = q.close + 1 + m.end() + _cue_reach(after[m.end() :])
                mm = _mention_after(actors, q.close + 1 + m.end(), limit)
                if mm:
                    key, label = mm.key, mm.text
        if key is None:
            sent = span_at(sentences, q.open) or (q.open, q.open)
            para = next(((ps, pe) for ps, pe in paragraph_spans(body) if ps <= q.open < pe), (q.open, q.open))
            lead = body[max(sent[0], para[0]) : q.open]
            if re.search(r"[,:]\s*$", lead) or R["reporting"].search(lead):
                ms = [mm for mm in actors.mentions if max(sent[0], para[0]) <= mm.start < q.open]
                persons = [mm for mm in ms if mm.key.startswith("person|")]
                pick = (persons or ms or [None])[-1]
                if pick:
                    key, label = pick.key, pick.text
                elif R["pronoun"].search(lead):
                    ante = speakers.before(max(sent[0], para[0]))
                    if ante:
                        key, label = ante
        if key is None:
            ante = speakers.before(q.open)
            if ante:
                key, label = ante
            elif last_speaker:
                key, label = last_speaker
        if key:
            last_speaker = (key, label)
            speakers.add(q.open, key, label)
        out.append(Statement(s, e, body[s:e], "direct", key, label, cue))
    out.extend(_indirect(body, actors, speakers, all_quotes, sentences, out))
    out.sort(key=lambda st: (st.start, st.end, st.kind))
    return out


def _indirect(
    body: str,
    actors: ActorResult,
    speakers: _Speakers,
    quotes: list[Quote],
    sentences: list[tuple[int, int]],
    direct: list[Statement],
) -> list[Statement]:
    R = _re()
    out: list[Statement] = []

    def in_quote(pos: int) -> bool:
        return any(q.open <= pos <= q.close for q in quotes)

    def add(start: int, end: int, key, label, cue) -> None:
        while start < end and body[start] in " ,:":
            start += 1
        while end > start and body[end - 1] in " .,;:":
            end -= 1
        if len(body[start:end].split()) < 3 or in_quote(start):
            return
        # reported speech that opens a direct quote is the quote's, not a separate statement
        if body[start] in '“"”':
            return
        if any(st.start <= start < st.end for st in out):
            return
        out.append(Statement(start, end, body[start:end], "indirect", key, label, cue))

    for ss, se in sentences:
        sent = body[ss:se]
        for m in R["according_to"].finditer(sent):
            pos = ss + m.start()
            if in_quote(pos):
                continue
            key = label = None
            if m.group("nya"):
                ante = speakers.before(pos)
                if ante:
                    key, label = ante
            else:
                mm = _mention_after(actors, ss + m.start("who"), ss + m.end("who") + 1)
                if mm is None:
                    continue
                key, label = mm.key, mm.text
            add(ss + m.end(), se, key, label, lexicon.speech()["according_to_cue"])
        for m in R["reporting"].finditer(sent):
            vpos = ss + m.start()
            if in_quote(vpos):
                continue
            before = [mm for mm in actors.mentions if ss <= mm.start and mm.end <= vpos]
            subj = None
            for mm in reversed(before):
                if R["between_ok"].match(body[mm.end : vpos]):
                    subj = mm
                break
            key = label = None
            if subj is not None:
                kind = subj.key.split("|", 1)[0]
                if kind != "person" and not speakers._is_org_speaker(subj):
                    continue
                key, label = subj.key, subj.text
            else:
                pm = None
                for pm_ in R["pronoun"].finditer(body, ss, vpos):
                    pm = pm_
                if pm is None or not R["between_ok"].match(body[pm.end() : vpos]):
                    continue
                ante = speakers.before(pm.start())
                if ante is None:
                    continue
                key, label = ante
            start = ss + m.end()
            rest = body[start:se]
            bm = re.match(r"\s*(?:bahwa|,|:)?\s*(?:bahwa\s+)?", rest)
            add(start + (bm.end() if bm else 0), se, key, label, m.group("verb"))
    # enumerated points continuing a speaker's list: "Ketiga, kepada penyelenggara Pilkada …"
    paras = paragraph_spans(body)
    for ps, pe in paras:
        m = ORDINAL_OPENERS.match(body[ps:pe])
        if not m or in_quote(ps):
            continue
        ante = speakers.before(ps)
        if ante is None:
            continue
        add(ps + m.end(), pe, ante[0], ante[1], "list")
    return out
