"""Indonesian regions (provinces, regencies, cities, districts, villages) and where news names them.

Data, all under ``pantau/lexicon/``:

- ``regions.csv``: 38 provinces, 514 regencies/cities and every district with its Kemendagri
  code (Kepmendagri No 300.2.2-2138 Tahun 2025), derived from cahyadsn/wilayah (MIT) by
  ``build_regions.py``; ``villages.csv.gz`` holds the villages, loaded only on demand.
- ``region_aliases.csv``: our own table of short forms and spellings (``Kukar``, ``Kaltim``,
  ``Jaksel``, ``Solo``).
- ``region_stopnames.txt``: names that are also common words or person names (``Kota``,
  ``Bambang``), matched in running text only after a prefix (``Kecamatan Bambang``), and
  phrases that hide a region name (``Bima Arya``).

>>> lookup_region("Kukar").region.official_name
'Kabupaten Kutai Kartanegara'
>>> [m.text for m in find_region_mentions("Pjs Bupati Kukar hadir di Kecamatan Loa Janan.")]
['Kukar', 'Kecamatan Loa Janan']
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import polars as pl
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from pantau import lexicon
from pantau.pipeline.patterns import alternation, trie_alternation

LEVELS = ("province", "city", "regency", "district", "village")
DEFAULT_LEVELS = frozenset({"province", "city", "regency", "district"})
# Ambiguity rule (3): the bigger administrative unit is the likelier referent in news.
_LEVEL_RANK = {level: i for i, level in enumerate(LEVELS)}

_FUZZY_CUTOFF = 88.0
_FUZZY_MIN_LETTERS = 8
_FUZZY_LEVELS = frozenset({"province", "city", "regency"})


@dataclass(frozen=True)
class Region:
    """One administrative region with its Kemendagri code.

    ``Region("64.02", "Kutai Kartanegara", "Kabupaten Kutai Kartanegara", "regency", "64")``
    """

    code: str
    name: str
    official_name: str
    level: str
    parent_code: str | None


@dataclass(frozen=True)
class RegionMatch:
    """A region found for a name; ``how`` is "exact", "prefix", "alias" or "fuzzy"."""

    region: Region
    matched: str
    how: str


@dataclass(frozen=True)
class RegionMention:
    """A region named in a text: ``text == given_text[start:end]``; ``how`` is "exact", "prefix" or "alias"."""

    start: int
    end: int
    text: str
    region: Region
    how: str


# --------------------------------------------------------------------------- loading


def _key(name: str) -> str:
    """Comparison key: case, hyphens, curly quotes and repeated spaces do not matter.

    >>> _key("Toli-Toli"), _key("KUTAI  Kartanegara"), _key("Gunungsitoli Alo’oa")
    ('toli toli', 'kutai kartanegara', "gunungsitoli alo'oa")
    """
    return " ".join(name.replace("’", "'").replace("‘", "'").replace("-", " ").lower().split())


def _compact(name: str) -> str:
    """Key without spaces, hyphens and quotes: "Bandarlampung" and "Bandar Lampung" meet.

    >>> _compact("Kramat Jati") == _compact("Kramatjati")
    True
    """
    return re.sub(r"[\s'’‘-]+", "", name.lower())


def _read_regions(rows: Iterable[dict[str, str]]) -> list[Region]:
    return [Region(r["code"], r["name"], r["official_name"], r["level"], r["parent_code"] or None) for r in rows]


class _Lexicon:
    """Everything loaded once: regions by code and by name key, aliases, stop names."""

    def __init__(self) -> None:
        self.by_code: dict[str, Region] = {}
        self.by_key: dict[str, list[Region]] = {}
        self.villages_loaded = False
        self.village_by_key: dict[str, list[Region]] = {}
        # the gazetteer is streamed (not kept by the loader): this index is its one copy
        for region in _read_regions(lexicon.iter_csv("regions.csv")):
            self.by_code[region.code] = region
            self.by_key.setdefault(_key(region.name), []).append(region)

        self.alias_by_key: dict[str, list[Region]] = {}
        self.alias_text: dict[str, str] = {}  # key -> alias as written in the table ("Kukar", "NTB")
        for row in lexicon.read_csv("region_aliases.csv"):
            region = self.by_code[row["code"]]
            k = _key(row["alias"])
            self.alias_by_key.setdefault(k, []).append(region)
            self.alias_text.setdefault(k, row["alias"])

        self.stop_keys: set[str] = set()
        self.block_phrases: list[str] = []
        for entry in lexicon.read_words("region_stopnames.txt"):
            if _key(entry) in self.by_key or _key(entry) in self.alias_by_key:
                self.stop_keys.add(_key(entry))
            else:
                self.block_phrases.append(entry)
        self.by_compact: dict[str, list[Region]] = {}
        for index in (self.by_key, self.alias_by_key):
            for k, regions in index.items():
                bucket = self.by_compact.setdefault(_compact(k), [])
                bucket += [r for r in regions if r not in bucket]
        self._fuzzy_choices: dict[frozenset[str], list[str]] = {}
        self._mention_regex: re.Pattern[str] | None = None
        self._surface_key: dict[str, str] = {}

    def load_villages(self) -> None:
        with _LEX_LOCK:
            if not self.villages_loaded:
                self._load_villages()

    def _load_villages(self) -> None:
        for region in _read_regions(lexicon.iter_csv("villages.csv.gz")):  # 80,000 rows, streamed
            self.by_code[region.code] = region
            self.village_by_key.setdefault(_key(region.name), []).append(region)
        self.villages_loaded = True
        self._fuzzy_choices = {k: v for k, v in self._fuzzy_choices.items() if "village" not in k}

    def names(self, key: str, levels: Iterable[str]) -> list[Region]:
        found = [r for r in self.by_key.get(key, ()) if r.level in levels]
        if "village" in levels:
            found += self.village_by_key.get(key, ())
        return found

    def compact_names(self, compact: str, levels: Iterable[str]) -> list[Region]:
        return [r for r in self.by_compact.get(compact, ()) if r.level in levels]

    def aliases(self, key: str, levels: Iterable[str]) -> list[Region]:
        return [r for r in self.alias_by_key.get(key, ()) if r.level in levels]

    def fuzzy_choices(self, levels: frozenset[str]) -> list[str]:
        if levels not in self._fuzzy_choices:
            keys = {k for k, rs in self.by_key.items() if any(r.level in levels for r in rs)}
            if "village" in levels:
                keys |= set(self.village_by_key)
            self._fuzzy_choices[levels] = sorted(keys)
        return self._fuzzy_choices[levels]


_LEX: _Lexicon | None = None
_LEX_LOCK = threading.Lock()


def _lex() -> _Lexicon:
    global _LEX
    if _LEX is None:
        with _LEX_LOCK:  # task runners may call in from several threads at once
            if _LEX is None:
                _LEX = _Lexicon()
    return _LEX


# --------------------------------------------------------------------------- codes


def get_region(code: str) -> Region | None:
    """The region with this Kemendagri code, or None.

    >>> get_region("64.02.03").name
    'Loa Janan'
    >>> get_region("11.01.01.2001").official_name   # villages load on first use
    'Keude Bakongan'
    """
    if not isinstance(code, str):
        return None
    lex = _lex()
    code = code.strip()
    if code.count(".") == 3:
        lex.load_villages()
    return lex.by_code.get(code)


def regency_of(code: str) -> Region | None:
    """The regency or city containing a district or village; itself for a regency/city; None for a province.

    >>> regency_of("64.02.03").official_name
    'Kabupaten Kutai Kartanegara'
    >>> regency_of("64") is None
    True
    """
    region = get_region(code)
    if region is None or region.level == "province":
        return None
    return get_region(region.code[:5])


def province_of(code: str) -> Region | None:
    """The province containing a region (itself for a province).

    >>> province_of("64.72").name
    'Kalimantan Timur'
    """
    region = get_region(code)
    return None if region is None else get_region(region.code[:2])


def level_codes(code: str | pl.Expr = "region_code") -> list[pl.Expr]:
    """``regency_code`` and ``province_code`` of a Kemendagri code column, as polars expressions.

    The one place where region rows are rolled up, so a query groups at one level: a province ``PP``
    has no regency; a regency or city ``PP.RR`` is its own regency; a district ``PP.RR.DD`` (or a
    village ``PP.RR.DD.VVVV``) rolls up to regency ``PP.RR``; every code rolls up to province ``PP``.
    A null, empty or malformed code (not dot-separated pairs of digits) gives nulls.

    >>> df = pl.DataFrame({"region_code": ["64.02.03", "64.02", "64.72", "31", None, "x"]})
    >>> df.with_columns(level_codes()).rows()  # doctest: +NORMALIZE_WHITESPACE
    [('64.02.03', '64.02', '64'), ('64.02', '64.02', '64'), ('64.72', '64.72', '64'), ('31', None, '31'),
     (None, None, None), ('x', None, None)]
    """
    col = pl.col(code) if isinstance(code, str) else code
    valid = col.str.contains(r"^\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?$")
    return [
        pl.when(valid & (col.str.len_chars() >= 5)).then(col.str.slice(0, 5)).alias("regency_code"),
        pl.when(valid).then(col.str.slice(0, 2)).alias("province_code"),
    ]


# --------------------------------------------------------------------------- ranking


def _context_sets(context_codes: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    regencies, provinces = set(), set()
    for code in context_codes or ():
        if not isinstance(code, str) or len(code) < 2:
            continue
        provinces.add(code[:2])
        if len(code) >= 5:
            regencies.add(code[:5])
    return frozenset(regencies), frozenset(provinces)


def _context_rank(region: Region, ctx: tuple[frozenset[str], frozenset[str]]) -> int:
    """0 inside a context regency/city, 1 inside a context province, 2 elsewhere (0 without context)."""
    regencies, provinces = ctx
    if not regencies and not provinces:
        return 0
    if region.level != "province" and region.code[:5] in regencies:
        return 0
    return 1 if region.code[:2] in provinces else 2


_NO_CONTEXT: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())


def _rank(
    region: Region,
    prefix_levels: frozenset[str] | None,
    ctx: tuple[frozenset[str], frozenset[str]],
    text_ctx: tuple[frozenset[str], frozenset[str]] = _NO_CONTEXT,
) -> tuple:
    prefix_miss = 0 if prefix_levels is None or region.level in prefix_levels else 1
    return (
        prefix_miss,
        _context_rank(region, ctx),
        _LEVEL_RANK[region.level],
        _context_rank(region, text_ctx),
        tuple(int(part) for part in region.code.split(".")),
    )


def _best(cands: list[tuple[Region, str]], prefix_levels, ctx, text_ctx=_NO_CONTEXT) -> tuple[Region, str] | None:
    """Best (region, how); when a region is found both by name and by alias, the name wins."""
    if not cands:
        return None
    how_rank = {"exact": 0, "prefix": 0, "fuzzy": 1, "alias": 2}
    return min(cands, key=lambda c: (_rank(c[0], prefix_levels, ctx, text_ctx), how_rank[c[1]]))


# --------------------------------------------------------------------------- lookup

# The prefixes of region names and their levels: lexicon/region_prefixes.csv ("Kab." -> regency).
_NAME_PREFIXES = lexicon.region_prefixes("name", "abbreviation")
_PREFIX_LEVELS = {word.split()[0].rstrip(".").lower(): level for word, level in _NAME_PREFIXES}
_LOOKUP_PREFIX = re.compile(
    "^(" + alternation((word.lower() for word, _ in _NAME_PREFIXES), space=r"\s+") + r")(?:\s+|(?<=\.))(?=\S)",
    re.IGNORECASE,
)
_EDGE_PUNCT = " \t\r\n,.;:!?()[]{}\"'“”‘’–—-/"


def _split_prefix(text: str) -> tuple[str | None, frozenset[str] | None, str]:
    """(prefix as printed, levels it implies, rest).

    >>> _split_prefix("Kab. Kutai Kartanegara")
    ('Kab.', frozenset({'regency'}), 'Kutai Kartanegara')
    >>> _split_prefix("Samarinda")
    (None, None, 'Samarinda')
    """
    m = _LOOKUP_PREFIX.match(text)
    if not m:
        return None, None, text
    word = m.group(1).split()[0].rstrip(".").lower()
    return m.group(1), frozenset({_PREFIX_LEVELS[word]}), text[m.end() :]


def lookup_region(
    name: str, *, context_codes: Iterable[str] = (), levels: set[str] | None = None, fuzzy: bool = True
) -> RegionMatch | None:
    """The region a place name refers to, or None.

    Case-insensitive; ``Kabupaten``/``Kab.``/``Kota``/``Provinsi``/``Prov.``/``Kecamatan``/``Kec.``/
    ``Distrik`` (and ``Desa``/``Kelurahan`` for villages) are stripped; aliases come from
    ``region_aliases.csv``. With ``fuzzy``, spacing variants match (``Bandarlampung``) and
    typos are matched with rapidfuzz (ratio >= 88 and one edit, two from 12 letters on) only
    for names of at least 8 letters and only against province/regency/city names, so
    ``Kutai`` or ordinary words ("Sekarang", "Seorang") stay unmatched. Villages are searched
    only when ``levels`` contains "village" (or the name starts with ``Desa``/``Kelurahan``).

    When several regions share the name, candidates are ranked by
    (1) the prefix: ``Kota Bogor`` is the city 32.71, ``Kabupaten Bogor`` the regency 32.01
        (a prefix that fits no candidate only demotes: ``Kota Tenggarong`` is still the district);
    (2) ``context_codes``, the regions already known for the article: first candidates in the
        same regency/city, then in the same province;
    (3) level: province > city > regency > district > village (``Bogor`` alone is the city);
    (4) the lowest code.

    >>> lookup_region("Kukar").region.code, lookup_region("Kaltim").region.code
    ('64.02', '64')
    >>> m = lookup_region("KUTAI KRTANEGARA"); (m.region.code, m.how)
    ('64.02', 'fuzzy')
    >>> lookup_region("Kabupaten Bogor").region.code, lookup_region("Bogor").region.code
    ('32.01', '32.71')
    >>> lookup_region("Bogor", context_codes=["32.01.01"]).region.code
    '32.01'
    >>> lookup_region("Kutai") is None
    True
    """
    if not isinstance(name, str):
        return None
    printed = name.strip()
    text = " ".join(printed.strip(_EDGE_PUNCT).split())
    if not text:
        return None
    lex = _lex()
    _, prefix_levels, rest = _split_prefix(text)
    wanted = _wanted_levels(levels, prefix_levels)
    if "village" in wanted:
        lex.load_villages()
    ctx = _context_sets(context_codes)
    candidates, prefix_levels = _listed_candidates(lex, text, rest, prefix_levels, wanted)
    if not candidates and fuzzy:
        candidates = _fuzzy_candidates(rest, (prefix_levels & wanted if prefix_levels else None) or wanted)
    best = _best(candidates, prefix_levels, ctx)
    return None if best is None else RegionMatch(best[0], printed, best[1])


def _wanted_levels(levels: set[str] | None, prefix_levels: frozenset[str] | None) -> frozenset[str]:
    """The levels to search: those asked for, else the default ones plus what the prefix implies."""
    if levels is None:
        return frozenset(DEFAULT_LEVELS | (prefix_levels or frozenset()))
    wanted = frozenset(levels)
    if unknown := wanted - set(LEVELS):
        raise ValueError(f"unknown region levels: {sorted(unknown)}")
    return wanted


def _listed_candidates(
    lex: _Lexicon, text: str, rest: str, prefix_levels: frozenset[str] | None, wanted: frozenset[str]
) -> tuple[list[tuple[Region, str]], frozenset[str] | None]:
    """Regions listed under the name or an alias, as (candidates, prefix levels).

    After a prefix the rest of the name is looked up, unless the whole text is itself a name (district
    "Kota Bahagia", 11.01.17): then that reading comes first and its level joins the prefix levels.
    """
    if prefix_levels is None:
        key = _key(text)
        return [(r, "exact") for r in lex.names(key, wanted)] + [(r, "alias") for r in lex.aliases(key, wanted)], None
    rest_key = _key(rest)
    candidates = [(r, "prefix") for r in lex.names(rest_key, wanted)]
    candidates += [(r, "alias") for r in lex.aliases(rest_key, wanted)]
    literal = [(r, "exact") for r in lex.names(_key(text), wanted)]
    if literal:
        candidates = literal + candidates
        prefix_levels = frozenset(prefix_levels | {r.level for r, _ in literal})
    return candidates, prefix_levels


def _fuzzy_candidates(text: str, levels: frozenset[str]) -> list[tuple[Region, str]]:
    """Regions whose name is the same but for spacing ("Bandarlampung") or one typo
    ("KUTAI KRTANEGARA"; two from 12 letters on).

    Typos are only tried for names of at least 8 letters, against province, regency and city
    names (districts only when nothing bigger is wanted), with the same first letter: among
    7,000 district names nearly every short word has a neighbour ("Sekarang" ~ Sekaran,
    "Seorang" ~ Serang), so anything looser matches ordinary words.
    """
    lex = _lex()
    compact = _compact(text)
    found = [(r, "fuzzy") for r in lex.compact_names(compact, levels)]
    if found:
        return found
    letters = sum(ch.isalpha() for ch in text)
    if letters < _FUZZY_MIN_LETTERS:
        return []
    key = _key(text)
    pool = (levels & _FUZZY_LEVELS) or levels
    max_edits = 1 if len(key) < 12 else 2
    hits = process.extract(
        key, lex.fuzzy_choices(frozenset(pool)), scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF, limit=20
    )
    hits = [
        (choice, score)
        for choice, score, _ in hits
        if choice[:1] == key[:1] and Levenshtein.distance(key, choice) <= max_edits
    ]
    if not hits:
        return []
    top = max(score for _, score in hits)
    return [(r, "fuzzy") for choice, score in hits if score == top for r in lex.names(choice, pool)]


# --------------------------------------------------------------------------- running text

# Prefixes included in a mention's span, and the level each announces.
_SP = r"[^\S\r\n]"  # a space that does not cross a line break
# (villages are not matched in running text: their prefixes block instead, see _WORDS_BEFORE)
_SPAN_PREFIXES = {word: level for word, level in _NAME_PREFIXES if level != "village"}
# Words before a bare name that hint its level without being part of the place name (Pemkab,
# Bupati), and words after which a name is a village, street, saint or school, not the region ("none").
_WORDS_BEFORE: dict[str, tuple[str, ...]] = {}
for _word, _level in lexicon.region_prefixes("government", "head"):
    if _level is not None:
        _WORDS_BEFORE[_level] = (*_WORDS_BEFORE.get(_level, ()), _word)
_WORDS_BEFORE["none"] = (
    *(word for word, level in _NAME_PREFIXES if level == "village"),
    *lexicon.read_words("region_blockers.txt"),
)
_HINT_LEVEL = {w.lower(): lvl for lvl, words in _WORDS_BEFORE.items() for w in words}


def _prefix_level(prefix: str) -> str:
    """Level announced by a printed prefix.

    >>> _prefix_level("KAB. "), _prefix_level("Kota Administrasi "), _prefix_level("kec.")
    ('regency', 'city', 'district')
    """
    return _PREFIX_LEVELS[prefix.split()[0].rstrip(".").lower()]


def _surface_forms(name: str) -> set[str]:
    """How a name may be printed: as in the data, Title Case, ALL CAPS; must start uppercase.

    >>> sorted(_surface_forms("Tojo Una Una"))
    ['TOJO UNA UNA', 'Tojo Una Una']
    """
    title = " ".join(w[:1].upper() + w[1:] for w in name.split(" "))
    return {s for s in (name, title, name.upper()) if s[:1].isupper() or s[:1].isdigit()}


def _trie_regex(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` shaped as a character trie (spaces match runs of spaces
    within a line), so matching costs one pass per position instead of one try per word; the
    longest word wins.

    >>> _trie_regex(["Tenggarong", "Tenggarong Seberang"])
    'Tenggarong(?:[^\\\\S\\\\r\\\\n]+Seberang)?'
    """
    return trie_alternation(words, space=_SP + "+")


def _mention_regex(lex: _Lexicon) -> re.Pattern[str]:
    """One compiled pattern for all names, aliases and blocking phrases, with an optional
    prefix or hint word in front: ``(prefix|hint )? name`` between word boundaries."""
    if lex._mention_regex is not None:
        return lex._mention_regex
    surfaces: set[str] = set()
    surface_key: dict[str, str] = {}
    for regions in lex.by_key.values():
        for region in regions:
            surfaces |= _surface_forms(region.name)
    for key in lex.alias_by_key:
        surfaces |= _surface_forms(lex.alias_text[key])
    for phrase in lex.block_phrases:
        for form in _surface_forms(phrase):
            surface_key[form] = ""  # "" = not a place
            surfaces.add(form)

    # a prefix ending in a dot may touch the name ("Kab.Bogor"); a word prefix needs a space after it.
    # Each group tries its longest prefix first; with the prefixes of region_prefixes.csv the two
    # groups never match at the same position ("Kab" needs a space where "Kab." has its dot).
    forms = {f for w in _SPAN_PREFIXES for f in (w, w.upper(), w.lower())}
    words = alternation((p for p in forms if not p.endswith(".")), space=_SP + "+")
    dotted = alternation((p for p in forms if p.endswith(".")), space=_SP + "+")
    prefixes = rf"(?:{words}){_SP}+|(?:{dotted}){_SP}*"
    hints = alternation(f for ws in _WORDS_BEFORE.values() for w in ws for f in (w, w.upper(), w.lower()))
    pattern = (
        rf"(?<!\w)(?:(?P<pre>{prefixes})|(?P<hint>{hints}){_SP}+)?"
        rf"(?P<n>{_trie_regex(surfaces)})(?!\w)"
    )
    lex._surface_key = surface_key
    lex._mention_regex = re.compile(pattern)
    return lex._mention_regex


@lru_cache(maxsize=65536)
def _candidates_for(key: str, prefix_level: str | None) -> tuple[tuple[Region, str], ...]:
    """Regions a matched name can be (cached; context comes later).

    After a prefix: the names and aliases of that level. Bare: nothing for stop names and for
    one-word district names of up to 4 letters, which need a prefix.
    """
    lex = _lex()
    if prefix_level is not None:
        levels = frozenset({prefix_level})
        return tuple([(r, "prefix") for r in lex.names(key, levels)] + [(r, "alias") for r in lex.aliases(key, levels)])
    if key in lex.stop_keys:
        return ()
    names = lex.by_key.get(key, [])
    if len(key) <= 4 and " " not in key:
        names = [r for r in names if r.level != "district"]
    return tuple([(r, "exact") for r in names] + [(r, "alias") for r in lex.aliases(key, DEFAULT_LEVELS)])


def _longest_at_level(surface: str, key: str, level: str) -> tuple[int, tuple[tuple[Region, str], ...]]:
    """After a prefix, the longest leading part of the matched name that is a region of the
    prefix's level: "Kota Bandung Barat" is the city Bandung followed by "Barat"."""
    cands = _candidates_for(key, level)
    if cands:
        return len(surface), cands
    for cut in sorted((i for i, ch in enumerate(surface) if ch.isspace()), reverse=True):
        cands = _candidates_for(_key(surface[:cut]), level)
        if cands:
            return cut, cands
    return 0, ()


def find_region_mentions(text: str, *, context_codes: Iterable[str] = ()) -> list[RegionMention]:
    """Regions named in running text, with character offsets, in text order.

    Matches names and aliases printed as in the list, in Title Case or in ALL CAPS, on word
    boundaries, with one compiled trie-shaped regex (about 10 million characters/s); the
    longest match wins (``Tenggarong Seberang`` over ``Tenggarong``). A prefix
    (``Kabupaten``, ``Kab.``, ``Kota``, ``Provinsi``, ``Prov.``, ``Kecamatan``, ``Kec.``,
    ``Distrik``; any case, so ``kecamatan Loa Janan`` too) joins the span and decides the
    level. Without a prefix, names in ``region_stopnames.txt`` (common words, person names)
    and one-word district names of up to 4 letters are not matched, and a name right after
    ``Desa``, ``Kelurahan``, ``Jalan``/``Jl.``, ``Gang``, ``Sunan``, ``Pesantren``... is
    skipped (a village, street or person named after the place). ``Bupati``/``Pemkab``,
    ``Walikota``/``Pemkot``, ``Gubernur``/``Pemprov`` and ``Camat`` just before a name act
    like a prefix without joining the span.

    Ambiguous names are resolved as in :func:`lookup_region` with ``context_codes``; the
    regions this text names unambiguously then break remaining ties within a level (the
    Jakarta ``Tanah Abang`` when the text also says ``Jakarta Pusat``), but never make a
    district win over a city or regency of the same name.

    >>> s = ("Hal tersebut disampaikan oleh Pjs Bupati Kukar, Bambang Arwanto, dalam sosialisasi "
    ...      "yang berlangsung di Kecamatan Loa Janan.")
    >>> [(m.text, m.region.code, m.how) for m in find_region_mentions(s)]
    [('Kukar', '64.02', 'alias'), ('Kecamatan Loa Janan', '64.02.03', 'prefix')]
    >>> [m.region.code for m in find_region_mentions("Wali Kota Bogor dan Bupati Bogor")]
    ['32.71', '32.01']
    """
    if not isinstance(text, str) or not text:
        return []
    found = _scan_region_names(text, _lex())
    # Names with a single reading in this text tell where the article is; being only a guess,
    # this text context breaks ties within a level ("Tanah Abang" in Jakarta, not in PALI) but
    # never makes a district beat a city ("Bandung" stays the city in a Jawa Timur article).
    ctx = _context_sets(context_codes)
    text_ctx = _context_sets(_unambiguous_codes(found))
    mentions = []
    for start, end, candidates, prefix_levels in found:
        region, how = _best(list(candidates), prefix_levels, ctx, text_ctx)
        mentions.append(RegionMention(start, end, text[start:end], region, how))
    return mentions


# a region name found in text: (start, end, candidate (region, how) pairs, levels a prefix or hint allows)
_Found = tuple[int, int, tuple[tuple[Region, str], ...], frozenset[str] | None]


def _scan_region_names(text: str, lex: _Lexicon) -> list[_Found]:
    """Every listed region name in `text`, left to right, with the candidates it can be and its prefix level."""
    regex = _mention_regex(lex)
    found: list[_Found] = []
    pos = 0
    while (match := regex.search(text, pos)) is not None:
        pos = match.end()
        surface, prefix, hint = match.group("n", "pre", "hint")
        key = lex._surface_key.get(surface)
        if key is None:
            key = _key(surface)
        elif key == "":
            continue  # a blocking phrase such as "Bima Arya"
        if prefix:
            level = _prefix_level(prefix)
            cut, candidates = _longest_at_level(surface, key, level)
            if candidates:
                found.append((match.start(), match.start("n") + cut, candidates, frozenset({level})))
                pos = match.start("n") + cut
                continue
            # the prefix fits no region of that name ("Kota Tenggarong"): try the bare name
        hint_level = _HINT_LEVEL[hint.lower()] if hint else None
        if hint_level == "none":
            continue  # "Kelurahan Tamanan", "Jl. Kramat", "Sunan Bonang"
        candidates = _candidates_for(key, None)
        if candidates:
            found.append((match.start("n"), match.end(), candidates, frozenset({hint_level}) if hint_level else None))
        elif prefix or hint:
            pos = match.start("n")  # the name may itself be a prefix: "Wali Kota Kota Bandung"
    return found


def _unambiguous_codes(found: list[_Found]) -> list[str]:
    """Codes of the names that fit a single region (within their prefix levels), in text order."""
    codes = []
    for _, _, candidates, prefix_levels in found:
        fitting = {r.code for r, _ in candidates if prefix_levels is None or r.level in prefix_levels}
        if len(fitting) == 1:
            codes.append(next(iter(fitting)))
    return codes


# --------------------------------------------------------------------------- datelines


def _title_case(text: str) -> str:
    """``KUTAI BARAT`` -> ``Kutai Barat``; mixed case stays as printed; 1-2 letter words in caps stay.

    >>> _title_case("WASHINGTON"), _title_case("Washington"), _title_case("WASHINGTON DC")
    ('Washington', 'Washington', 'Washington DC')
    """
    letters = [ch for ch in text if ch.isalpha()]
    if not letters or not (all(ch.isupper() for ch in letters) or all(ch.islower() for ch in letters)):
        return text
    words = []
    for word in text.split(" "):
        if word.isupper() and sum(ch.isalpha() for ch in word) <= 2:
            words.append(word)
        else:
            words.append(re.sub(r"(^|[-/(])(\w)(\w*)", lambda m: m[1] + m[2].upper() + m[3].lower(), word))
    return " ".join(words)


def normalize_place(raw: str, *, context_codes: Iterable[str] = ()) -> str | None:
    """A dateline place in its usual spelling; None for empty input.

    Region names get the spelling of the official list (typos fixed), aliases keep the
    form of the alias table, anything else is title-cased if printed in one case.

    >>> [normalize_place(p) for p in ["TENGGARONG", "KUTAI KRTANEGARA", "SAMARINDA", "KUKAR", "JAKARTA"]]
    ['Tenggarong', 'Kutai Kartanegara', 'Samarinda', 'Kukar', 'Jakarta']
    >>> normalize_place("Washington"), normalize_place("KOTA BOGOR"), normalize_place("  ")
    ('Washington', 'Kota Bogor', None)
    """
    if not isinstance(raw, str):
        return None
    text = " ".join(raw.strip(_EDGE_PUNCT).split())
    if not text:
        return None
    prefix, _, rest = _split_prefix(text)
    match = lookup_region(text, context_codes=context_codes)
    if match is None:
        return _title_case(text)
    if match.how == "exact" and prefix is not None:
        return match.region.name  # a name that starts like a prefix: "Kota Bahagia"
    if match.how == "alias":
        place = _lex().alias_text.get(_key(rest), _title_case(rest))
    else:
        place = match.region.name
    return place if prefix is None else f"{_title_case(prefix)} {place}"
