"""Numeric facts ("indicators") in Indonesian election news: figure + unit + what it measures.

A figure becomes an indicator only when a unit says what it counts (`11 kasus`, `51,28 persen`,
`Rp 70,5 triliun`, `peringkat ke-48`); years, dates, times, law and ballot numbers, names and
speech enumerations (`Yang kedua, ...`) are never indicators (see `numbers.find_numbers`).
Precision over recall: a figure with no unit word is skipped.

Vocabulary (units, metric head words, linkers, region cues) lives in
`pantau/lexicon/indicator_units.toml`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from pantau import lexicon
from pantau.pipeline import text
from pantau.pipeline.extract.numbers import LEXICON as _NUMBERS_LEXICON
from pantau.pipeline.extract.numbers import NumberMention, scan_numbers
from pantau.pipeline.patterns import alternation

__all__ = ["IndicatorCandidate", "find_indicators", "UNITS", "UNIT_MEANINGS", "sentence_spans"]

LEXICON: dict = lexicon.read_toml("indicator_units.toml")

UNIT_MEANINGS: dict[str, str] = lexicon.indicator_units()
UNITS = frozenset(UNIT_MEANINGS)


@dataclass(frozen=True)
class IndicatorCandidate:
    """One numeric fact. `body[start:end] == text` (its sentence or clause);
    `body[value_start:value_end]` is the figure itself."""

    start: int
    end: int
    text: str
    value_start: int
    value_end: int
    value: float
    unit: str
    metric: str
    region_hint: str | None


def _lower_set(key: str, section: str = "metric") -> frozenset[str]:
    return frozenset(w.lower() for w in LEXICON[section][key])


# ---- lexicon-derived lookups (built once at import) ---------------------------------------------

_UNIT_OF: dict[str, str] = {}
for _u, _d in LEXICON["units"].items():
    for _w in _d["words"]:
        _UNIT_OF.setdefault(_w.lower(), _u)
_DEFAULT_METRIC = {u: d["default_metric"] for u, d in LEXICON["units"].items()}
_DEFAULT_METRIC["currency_idr"] = LEXICON["currency"]["default_metric"]
_DEFAULT_METRIC["rank"] = LEXICON["rank"]["default_metric"]

# the unit word right after the figure, after an optional restatement "(empat belas)"
_UNIT_WORDS_RE = alternation(w for w in _UNIT_OF if w != "%")
_RE_UNIT_AFTER = re.compile(
    rf"[ \t]*(?:\([^()\n]{{1,30}}\)[ \t]*)?(?:lebih[ \t]+)?(?P<u>%|(?:{_UNIT_WORDS_RE})(?![\w-]))",
    re.I,
)
_RE_RUPIAH_AFTER = re.compile(rf"[ \t]*(?:{alternation(LEXICON['currency']['suffixes'])})\b", re.I)
_RE_RP_PREFIX = re.compile(rf"^(?:{alternation(LEXICON['currency']['prefixes'])})", re.I)
_RANK_CUES = frozenset(w.lower() for w in LEXICON["rank"]["cues"])

_TU = LEXICON["time_units"]
_TIME_UNITS = frozenset(_TU["units"])
_RE_DURATION_BEFORE = re.compile(rf"\b(?:{alternation(_TU['duration_cues'])})\s+$", re.I)
_RE_COUNTDOWN_BEFORE = re.compile(rf"\b(?:{alternation(_TU['countdown_cues'])})\s+$", re.I)
_RE_COUNTDOWN_AFTER = re.compile(rf"\s+(?:{alternation(_TU['countdown_after'])})\b", re.I)
_RE_RELATIVE_AFTER = re.compile(rf"\s+(?:{alternation(_TU['relative_after'])})\b", re.I)
_RE_RELATIVE_BEFORE = re.compile(rf"(?:\b(?:{alternation(_TU['relative_before'])})\s+|H-\s*)$", re.I)

_M = LEXICON["metric"]
_HEADS = _lower_set("heads")
_GENERIC_HEADS = _lower_set("generic_heads")
_LINKERS = _lower_set("linkers")
_STOP = _lower_set("stopwords")
_NOT_VERBS = _lower_set("not_verbs")
_NEVER = frozenset(_M["never"])
_PROPER_OK = frozenset(_M["proper_ok"])
_PROPER_OK_LOWER = frozenset(w.lower() for w in _M["proper_ok"])
# generic classifiers: "enam orang saksi" measures saksi, not orang
_CLASSIFIERS = frozenset({"orang", "jiwa", "buah", "unit", "lembar", "titik"})

_NUMBER_WORDS = frozenset(
    w.lower()
    for sec in ("digits", "teen", "multipliers", "scales", "se_forms", "ordinals")
    for w in _NUMBERS_LEXICON[sec]
)

_RH = LEXICON["region_hint"]
_REGION_PREFIXES = [w for w, _ in lexicon.region_prefixes(*lexicon.REGION_PREFIX_ROLES)]
_PLACE_PREFIX = frozenset(
    w.rstrip(".-") for w in [*_RH["place_prefixes"], *_REGION_PREFIXES] if w not in _RH["not_place_prefixes"]
)
_NOT_PLACE = frozenset(_RH["not_place"])
_LOCATIVE = frozenset({"di", "se", "untuk", "dari", "pada", "ke", "wilayah", "kawasan", "daerah"})

_RE_TOKEN = re.compile(r"\([^()\n]{1,40}\)|[^\W\d_][\w'’/-]*|\d[\d.,]*\d|\d|[^\w\s]")
_RE_VERBISH = re.compile(r"^(?:me[a-z]|ber[a-z]|di[a-z]{4,}|ter[a-z]{3,}|ke[a-z]+an$)")
_RE_CLAUSE_SEP = re.compile(r"[;“”\"]|,(?=\s)|\s[–—-]\s")
_MAX_TEXT = 400


# ---- sentences and clauses -------------------------------------------------------------------


def sentence_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence as the indicator finder cuts them: a line break or `. ! ?` + space ends
    one, except after abbreviations (`Prof.`, `Dr.`, single initials); `pantau.pipeline.text.sentence_spans`."""
    return text.sentence_spans(body, "indicators")


def _clause(body: str, s0: int, e0: int, vs: int, ve: int) -> tuple[int, int]:
    """The clause of sentence [s0, e0) around the figure [vs, ve)."""
    cs, ce = s0, e0
    for m in _RE_CLAUSE_SEP.finditer(body, s0, e0):
        if m.end() <= vs:
            cs = m.end()
        elif m.start() >= ve:
            ce = m.start()
            break
    return cs, ce


# ---- metric phrases ----------------------------------------------------------------------------


def _tokens(body: str, s: int, e: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _RE_TOKEN.finditer(body, s, e)]


def _is_word(t: str) -> bool:
    return t[:1].isalpha()


def _is_cap(t: str) -> bool:
    return t[:1].isupper()


def _phrase_ok(t: str) -> bool:
    """May this token sit inside a metric phrase?"""
    if t.startswith("("):
        return len(t) > 2 and t.endswith(")") and not any(c.isdigit() for c in t)
    if not _is_word(t) or t in _NEVER:
        return False
    low = t.lower()
    if low in _STOP or low in _NUMBER_WORDS:
        return False
    if low in _NOT_VERBS or _is_head(low) or low in _PROPER_OK_LOWER:
        return True
    if _is_cap(t) and low not in _UNIT_OF:
        return True  # a name inside the phrase ("elektabilitas Ganjar"); trimmed later if headless
    return not _RE_VERBISH.match(low)


def _norm_tok(t: str) -> str:
    low = t.lower()
    if t[:1].isupper() and t[1:].islower() and (low in _HEADS or low in _UNIT_OF or low in _NOT_VERBS):
        return low  # sentence-initial "Partisipasi" -> "partisipasi"
    return t


@dataclass
class _Before:
    words: list[str]  # the noun phrase ending before the figure
    linkers: list[str]  # linker words skipped between it and the figure ("mencapai", "sebanyak")
    via_preposition: bool  # a "di/ke/dari" was skipped: "anggaran ... di empat provinsi"


_PREPOSITIONS = frozenset({"di", "ke", "dari", "pada", "untuk"})


def _phrase_before(body: str, cs: int, vs: int) -> _Before:
    """The noun phrase ending right before the figure (after skipping linkers and a locative)."""
    toks = _tokens(body, cs, vs)
    i = len(toks) - 1
    linkers: list[str] = []
    prep = False
    while i >= 0:
        moved = False
        while i >= 0 and toks[i][2].lower() in _LINKERS:
            linkers.append(toks[i][2].lower())
            prep = prep or toks[i][2].lower() in _PREPOSITIONS
            i -= 1
            moved = True
        j = i
        while j >= 0 and _is_cap(toks[j][2]) and toks[j][2] not in _PROPER_OK and toks[j][2].lower() not in _HEADS:
            j -= 1
        if j < i and j >= 0 and toks[j][2].lower() in _LOCATIVE:
            i = j - 1  # "... di Kukar mencapai": the place is not the metric
            moved = True
        if not moved:
            break
    out: list[str] = []
    while i >= 0 and len(out) < 7 and _phrase_ok(toks[i][2]):
        out.append(toks[i][2])
        i -= 1
    out.reverse()
    if out and i >= 0 and toks[i][2][:1].isdigit():
        out = out[1:]  # "59,4 persen atau 18,8": "persen" belongs to the previous figure
    return _Before(out, linkers, prep)


def _phrase_after(body: str, ps: int, ce: int, max_words: int = 3) -> list[str]:
    out: list[str] = []
    for _, _, t in _tokens(body, ps, min(ce, ps + 120)):
        if len(out) >= max_words or not _phrase_ok(t):
            break
        if _is_cap(t) and t not in _PROPER_OK and not t.startswith("(") and t.lower() not in _UNIT_OF:
            break
        out.append(t)
    return out


def _is_head(w: str) -> bool:
    low = w.lower()
    return low in _HEADS or (low.endswith("nya") and low[:-3] in _HEADS)  # "jumlahnya"


def _head_phrase(words: list[str]) -> list[str] | None:
    """From the leftmost metric head word to the end: ['tingkat', 'kerawanan', 'Pilkada']."""
    for k, w in enumerate(words):
        if _is_head(w):
            return words[k:]
    return None


def _head_after(body: str, ve: int, ce: int) -> list[str] | None:
    """A head phrase after the figure: 'peringkat ke-48 sebagai daerah dengan tingkat kerawanan ...'."""
    toks = _tokens(body, ve, min(ce, ve + 160))
    for k, (_, _, t) in enumerate(toks[:10]):
        if _is_head(t):
            out = []
            for _, _, w in toks[k:]:
                if len(out) >= 6 or not _phrase_ok(w):
                    break
                out.append(w)
            return out
    return None


def _join(words: list[str]) -> str:
    return " ".join(_norm_tok(w) for w in words).strip()


def _trim_names(words: list[str]) -> list[str]:
    """Headless phrase: keep its lowercase tail ('pemilih muda'), not a leading name."""
    out = []
    for w in reversed(words):
        if _is_cap(w) and w not in _PROPER_OK and w.lower() not in _HEADS and not w.startswith("("):
            break
        out.append(w)
    out.reverse()
    out = out[-3:]
    while out and out[0].startswith("("):
        out.pop(0)  # "Bank Nusa Tenggara Timur (NTT)": the aside belongs to the name
    return out


# ---- region hint ----------------------------------------------------------------------------------

_CONTINUE = frozenset(_RH["continue_words"])
_MULTI_FIRST = frozenset(_RH["multiword_first"])
_PLACE_PREFIX_FIRST_LETTERS = "".join(sorted({w[0] for w in _PLACE_PREFIX}))  # a cheap lookahead before the alternation
_RE_PLACE_AFTER_PREFIX = re.compile(
    rf"(?=[{_PLACE_PREFIX_FIRST_LETTERS}])(?<![\w])(?:{alternation(_PLACE_PREFIX)})\.?[ \t]+([A-Z][A-Za-z'’-]+)"
)


def _is_name_word(w: str) -> bool:
    return _is_cap(w) and w.replace("-", "").replace("'", "").isalpha() and not w.endswith("nya")


def _place_name(toks: list[tuple[int, int, str]], j: int) -> str | None:
    """Capitalized words from toks[j] that read as one place name ("Kalimantan Timur")."""
    names: list[str] = []
    while j < len(toks) and len(names) < 3:
        w = toks[j][2]
        if not _is_name_word(w) or w in _NOT_PLACE:
            break
        if names and not (w in _CONTINUE or names[-1] in _MULTI_FIRST):
            break
        names.append(w)
        j += 1
    if len(names) == 1 and j < len(toks):
        nxt = toks[j][2]
        if _is_name_word(nxt) and nxt not in _NOT_PLACE and nxt.rstrip(".") not in _PLACE_PREFIX:
            return None  # "KPU Wahyu Setiawan": a person's name, not a place
    return " ".join(names) if names else None


def _article_places(body: str) -> frozenset[str]:
    """Words the article itself uses as places: "Bawaslu Kukar", "di Kukar", "Kabupaten Paser"."""
    return frozenset(m.group(1) for m in _RE_PLACE_AFTER_PREFIX.finditer(body) if m.group(1) not in _NOT_PLACE)


def _region_hint(body: str, cs: int, ce: int, vs: int, places: frozenset[str]) -> str | None:
    toks = _tokens(body, cs, ce)
    best: tuple[int, str] | None = None
    for k, (ts, _, t) in enumerate(toks):
        if t.rstrip(".") not in _PLACE_PREFIX:
            continue
        j = k + 1
        if j < len(toks) and toks[j][2] in (".", "-"):
            j += 1
        name = _place_name(toks, j)
        if name:
            d = abs(ts - vs)
            if best is None or d < best[0]:
                best = (d, name)
    if best:
        return best[1]
    # a word this article uses as a place elsewhere: "Kukar menempati peringkat ke-48"
    for k, (ts, _, t) in enumerate(toks):
        if t in places and (k == 0 or toks[k - 1][2] not in _PLACE_PREFIX):
            name = _place_name(toks, k)
            if name:
                d = abs(ts - vs)
                if best is None or d < best[0]:
                    best = (d, name)
    return best[1] if best else None


# ---- the extractor --------------------------------------------------------------------------------

_EX = LEXICON["exclude"]
_RE_EXCLUDE_AFTER = re.compile(rf"[ \t]*(?:{alternation(_EX['after'])})", re.I)
_QTY_LINKERS = _lower_set("quantity_linkers")
_RE_NOUN_RIGHT_AFTER = re.compile(r"[ \t]+[a-z]")
_ONE_NOISE = frozenset(_EX["one_is_noise_for"])
_RE_ONE_WORD = re.compile(r"^(?:satu|se\w+)$", re.I)
_RE_AGE_IN = re.compile(rf"\b(?:{alternation(_TU['age_cues'])})\b", re.I)
_RE_PERCENT_AFTER = re.compile(r"\s*(?:%|persen)", re.I)
_RE_RELATED = re.compile(rf"(?:{alternation(_EX['related_links'])})", re.I)


def _in_related_link(body: str, s0: int, vs: int) -> bool:
    """'Baca juga: Bawaslu cegah 33 ribu pelanggaran': another article's headline."""
    line_start = body.rfind("\n", 0, vs) + 1
    return _RE_RELATED.search(body, max(line_start, s0 - 200, vs - 200), vs) is not None


def _unit_of(body: str, n: NumberMention) -> tuple[str, int, int, str] | None:
    """(unit, unit_start, unit_end, unit_word) for a quantity, or None."""
    if _RE_RP_PREFIX.match(n.text):
        return ("currency_idr", n.end, n.end, "")
    if _RE_EXCLUDE_AFTER.match(body, n.end, n.end + 30):
        return None
    m = _RE_UNIT_AFTER.match(body, n.end, n.end + 60)
    if m:
        w = m.group("u")
        return (_UNIT_OF[w.lower()], m.start("u"), m.end("u"), w)
    m = _RE_RUPIAH_AFTER.match(body, n.end, n.end + 20)
    if m and n.value >= 1000:
        return ("currency_idr", n.end, m.end(), "rupiah")
    return None


class _Article:
    """Per-article context built on first need: sentences and the article's place words."""

    def __init__(self, body: str):
        self.body = body
        self._spans: list[tuple[int, int]] | None = None
        self._starts: list[int] = []
        self._places: frozenset[str] | None = None

    def sentence(self, n: NumberMention) -> tuple[int, int]:
        if self._spans is None:
            self._spans = sentence_spans(self.body)
            self._starts = [s for s, _ in self._spans]
        k = bisect.bisect_right(self._starts, n.start) - 1
        if k >= 0 and self._spans[k][1] >= n.end:
            return self._spans[k]
        return (n.start, n.end)

    @property
    def places(self) -> frozenset[str]:
        if self._places is None:
            self._places = _article_places(self.body)
        return self._places


def _sentence_head(body: str, s0: int, vs: int) -> list[str] | None:
    """The last metric head phrase earlier in the sentence ("elektabilitas Golkar 10,1%, Nasdem 8,5%")."""
    toks = _tokens(body, s0, vs)
    for k in range(len(toks) - 1, -1, -1):
        if _is_head(toks[k][2]) and toks[k][2].lower() not in _GENERIC_HEADS:
            out = []
            for _, _, w in toks[k:]:
                if len(out) >= 4 or not _phrase_ok(w) or (out and _is_cap(w) and w not in _PROPER_OK):
                    break
                out.append(w)
            return out
    return None


def _unit_in_phrase(words: list[str]) -> tuple[str, str] | None:
    """The rightmost unit word inside a phrase: ['pemilih', 'laki-laki'] -> ('person', 'pemilih')."""
    for k in range(len(words) - 1, -1, -1):
        for span in (2, 1):  # "bilik suara" before "suara"
            w = " ".join(words[max(0, k - span + 1) : k + 1]).lower()
            if w in _UNIT_OF and _UNIT_OF[w] not in ("percent", *_TIME_UNITS):
                return _UNIT_OF[w], w
    return None


def _rank(art: _Article, n: NumberMention, cue_abs: int) -> IndicatorCandidate | None:
    body = art.body
    sent = art.sentence(n)
    if _in_related_link(body, sent[0], n.start):
        return None
    cs, ce = _clause(body, sent[0], sent[1], n.start, n.end)
    phrase = _head_after(body, n.end, ce)
    if not phrase and cue_abs > cs:
        phrase = _head_phrase(_phrase_before(body, cs, cue_abs).words)
    metric = LEXICON["rank"]["default_metric"] + (" " + _join(phrase) if phrase else "")
    return _make(art, n, sent, cs, ce, "rank", metric)


def _time_metric(b: _Before, head, before: str, after_unit: str, uword: str) -> str | None:
    if _RE_AGE_IN.search(before):
        return "usia"
    if _RE_DURATION_BEFORE.search(before):
        return "durasi" + (" " + _join(head) if head else "")  # "masa tenang selama 3 hari"
    if head:
        return _join(head)
    if _RE_COUNTDOWN_BEFORE.search(before) or _RE_COUNTDOWN_AFTER.match(after_unit):
        return "sisa " + uword.lower()  # "tinggal 18 hari lagi"
    return None  # "anak saya 5 tahun", "100 hari pemerintahan": a time, not a measure


def _share_metric(body: str, b: _Before, head, sent, vs: int, ue: int, ce: int, unit: str) -> str:
    """Metric of a percent or rupiah figure, whose unit says nothing about what is measured."""
    if head and (len(head) > 1 or head[0].lower() not in _GENERIC_HEADS):
        return _join(head)
    if unit == "percent" and _RE_NOUN_RIGHT_AFTER.match(body, ue):
        aft = [w for w in _phrase_after(body, ue, ce) if not w.startswith("(")]
        if aft and (aft[0].lower() in _UNIT_OF or _is_head(aft[0])):
            return _join(aft)  # "8,70 persen suara", "56 persen pemilih", "75% kabupaten/kota"
    tail = _trim_names(b.words)
    names = [w for w in b.words if w not in tail][-3:]
    if not tail:
        shead = _sentence_head(body, sent[0], vs)
        if shead:
            return _join(shead + names)  # "elektabilitas ... Partai Nasdem 8,5%"
    if tail:
        return _join(tail)
    aft = [w for w in _phrase_after(body, ue, ce) if not w.startswith("(")]
    if aft and aft[0].lower() == "dari":
        aft = aft[1:]
    if aft:
        return _join(aft)  # "75% kabupaten/kota"
    return _join([_DEFAULT_METRIC[unit], *names])  # "Ganjar Pranowo 33,1 persen"


def _count_metric(body: str, b: _Before, head, ue: int, ce: int, uword: str) -> str:
    mods = _phrase_after(body, ue, ce, max_words=2)
    if head and b.via_preposition:
        head = None  # "anggaran pengawasan di empat provinsi": the head is not what is counted
    if uword.lower() in _CLASSIFIERS:
        # "enam orang saksi" -> saksi; "kotak suara sebanyak 33.040 unit" -> kotak suara
        tail = _trim_names(b.words) if not b.via_preposition else []
        return _join(mods or (head if head and len(head) > 1 else None) or tail or [uword])
    if head and any(w.lower() not in _GENERIC_HEADS and not w.startswith("(") for w in head):
        return _join(head)
    return _join([uword, *mods])


def _last_word(body: str, pos: int) -> str:
    """The word ending right before `pos` (one space allowed), lower-cased: "peringkat ke-48" -> "peringkat"."""
    e = pos - 1 if pos > 0 and body[pos - 1] == " " else pos
    s = body.rfind(" ", max(0, e - 30), e) + 1
    return body[s:e].lower().strip('“”"(')


def _worth(body: str, s: int, e: int) -> bool:
    """Cheap pre-check before a figure is classified: could it be an indicator at all?"""
    if body[s] in "RI" or _RE_UNIT_AFTER.match(body, e, e + 60) or _RE_RUPIAH_AFTER.match(body, e, e + 20):
        return True
    w = _last_word(body, s)
    return w in _RANK_CUES or w in _QTY_LINKERS or w in _LINKERS or w == "ke"


def _candidate(art: _Article, n: NumberMention) -> IndicatorCandidate | None:
    body = art.body
    vs, ve = n.start, n.end
    before = body[max(0, vs - 40) : vs]

    if _last_word(body, vs) in _RANK_CUES and not _RE_PERCENT_AFTER.match(body, ve, ve + 8):
        return _rank(art, n, body.rfind(" ", 0, vs - 1) + 1)
    if n.kind not in ("number", "word"):
        return None  # ordinals without a rank cue: "kelima kalinya", "hari keenam"

    u = _unit_of(body, n)
    inferred = False
    if u is None:
        if _RE_EXCLUDE_AFTER.match(body, ve, ve + 30):
            return None
        # no unit after: maybe the phrase before names it ("pemilih laki-laki berjumlah 101.467.243")
        sent = art.sentence(n)
        cs, _ = _clause(body, sent[0], sent[1], vs, ve)
        b0 = _phrase_before(body, cs, vs)
        if not (b0.linkers and b0.linkers[0] in _QTY_LINKERS and not b0.via_preposition):
            return None
        found = _unit_in_phrase(b0.words)
        if found is None or n.value < 2:
            return None
        u = (found[0], ve, ve, found[1])
        inferred = True
    unit, us, ue, uword = u
    if unit in _ONE_NOISE and n.kind == "word" and n.value == 1 and _RE_ONE_WORD.match(n.text):
        return None  # "satu kursi", "satu paslon saja": one X in passing
    after_unit = body[ue : ue + 40]
    if unit in _TIME_UNITS:
        if (
            _RE_RELATIVE_AFTER.match(after_unit)
            and not _RE_COUNTDOWN_AFTER.match(after_unit)
            and not _RE_DURATION_BEFORE.search(before)
        ):
            return None  # "tiga hari lalu", "14 hari sebelum pemungutan suara"; not "selama 3 hari sebelum"
        if _RE_RELATIVE_BEFORE.search(before):
            return None
    if unit == "percent" and n.value > 1000:
        return None

    sent = art.sentence(n)
    if _in_related_link(body, sent[0], vs):
        return None
    cs, ce = _clause(body, sent[0], sent[1], vs, ve)
    b = _phrase_before(body, cs, vs)
    head = _head_phrase(b.words)
    if unit in _TIME_UNITS:
        metric = _time_metric(b, head, before, after_unit, uword)
    elif unit in ("percent", "currency_idr"):
        metric = _share_metric(body, b, head, sent, vs, ue, ce, unit)
    elif inferred:
        metric = _join(head if head and len(head) > 1 else _trim_names(b.words) or [uword])
    else:
        metric = _count_metric(body, b, head, ue, ce, uword)
    if not metric:
        return None
    return _make(art, n, sent, cs, ce, unit, metric)


def _make(art: _Article, n, sent, cs, ce, unit, metric) -> IndicatorCandidate:
    body = art.body
    s0, e0 = sent
    ts, te = (s0, e0) if e0 - s0 <= _MAX_TEXT else (cs, ce)
    if te - ts > _MAX_TEXT:  # a run-on scrape: a window around the figure, cut at spaces
        ws = body.rfind(" ", ts, max(ts, n.start - _MAX_TEXT // 2))
        we = body.find(" ", min(te, n.end + _MAX_TEXT // 2), te)
        ts = ws + 1 if ws >= 0 else max(ts, n.start - _MAX_TEXT // 2)
        te = we if we >= 0 else min(te, n.end + _MAX_TEXT // 2)
    return IndicatorCandidate(
        start=ts,
        end=te,
        text=body[ts:te],
        value_start=n.start,
        value_end=n.end,
        value=n.value,
        unit=unit,
        metric=metric,
        region_hint=_region_hint(body, cs, ce, n.start, art.places),
    )


def find_indicators(body: str) -> list[IndicatorCandidate]:
    """Numeric facts in an article body, in order. Never raises.

    >>> [(c.value, c.unit, c.metric, c.region_hint) for c in find_indicators(
    ...     "Ia menyebutkan bahwa tingkat kerawanan Pilkada di Kukar mencapai 51,28 persen.")]
    [(51.28, 'percent', 'tingkat kerawanan Pilkada', 'Kukar')]
    """
    if not isinstance(body, str) or not body:
        return []
    nums = scan_numbers(body, _worth)
    art = _Article(body)
    out: list[IndicatorCandidate] = []
    for n in nums:
        if n.kind not in ("number", "word", "ordinal"):
            continue
        c = _candidate(art, n)
        if c is not None:
            out.append(c)
    return out
