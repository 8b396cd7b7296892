"""Persons and organizations named in one article body, with every mention's offsets.

Rules, in the order they claim text (longer and more specific claims win an overlap):
1. regional governments by pattern: `Pemerintah Kabupaten Kutai Timur (Pemkab Kutim)`, `Pemkab Kukar`;
2. known organizations from `lexicon/organizations.csv`, with a region after a regional body
   (`Bawaslu Kukar`, `KPU Jabar`) and a definition in parentheses (`Badan Pengawas Pemilu (Bawaslu)`);
3. new organizations defined as `Long Name (ABBR)` whose long name starts with an organization word,
   and capitalized phrases ending in one (`Smart Academy`);
4. persons: after an office and a comma (`Ketua Bawaslu Kukar, Teguh Wibowo,`), after an office
   (`Panglima TNI Jenderal Agus Subiyanto`), after a title (`Prof. Bambang Iswanto`), before a verb of
   saying or acting (`Lolly Suhenty mengatakan`), after a quote cue (`kata Bagja`);
5. unnamed office holders who act or speak (`Sekretaris Camat Loa Janan menyampaikan ...`);
6. short forms (`Bambang`, `Akhmad Taufik`) of a full name in the same article.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from pantau import lexicon
from pantau.pipeline import regions as _regions  # the national gazetteer
from pantau.pipeline.patterns import alternation


@dataclass
class Mention:
    start: int
    end: int
    text: str
    key: str  # local actor key: "person|Bambang Arwanto", "organization|Badan Pengawas Pemilu Kutai Kartanegara"
    how: str  # which rule found it


@dataclass
class LocalActor:
    key: str
    kind: str  # person | organization
    name: str
    role: str | None = None
    region_code: str | None = None
    forms: set[str] = field(default_factory=set)
    first: int = 10**9
    unnamed_office: bool = False  # a person named by office only (`Sekretaris Camat Loa Janan`)


@dataclass
class ActorResult:
    actors: dict[str, LocalActor]
    mentions: list[Mention]  # sorted by start, non-overlapping

    def at(self, pos: int) -> Mention | None:
        for m in self.mentions:
            if m.start <= pos < m.end:
                return m
        return None


# --------------------------------------------------------------------------- lexicon-derived patterns


NAME_WORD = r"(?:[A-Z][a-z]+(?:['’][A-Za-z]+|-[a-z]+)*|[A-Z]\.?(?=[ \t]+[A-Z]))"
NAME_SEQ = NAME_WORD + r"(?:[ \t]+(?:(?:bin|binti|van|de|al|el|da)[ \t]+)?" + NAME_WORD + r"){0,4}"
DEGREE = (
    r"(?:,?[ \t]+(?:(?:[SMD]\.?\s?[A-Z][A-Za-z]{0,4}\.?|Ph\.?D\.?|Lc\.?|MBA|MPA|MM|MH|MSi|SH|SE|SIP|SSos|SPd|ST)"
    r"(?:,?[ \t]*(?=[A-Z][A-Za-z]{0,4}\.)|\b)))"
)
ROMAN = r"(?:I{1,3}|IV|V|VI{0,3}|IX|X)"


@lru_cache(maxsize=1)
def _patterns() -> dict:
    """Every actor pattern, compiled once from the lexicon: persons (by title, office or speech cue), then
    organizations (by alias, government prefix, definition or capitalized phrase)."""
    return {**_person_patterns(), **_organization_patterns()}


# a word that continues an office after its head: "Ketua KPU Kukar", "Kapolres Kukar AKBP", "Bupati (nonaktif)"
OFFICE_TAIL_WORD = r"(?:[A-Z][\w.&'’/-]*|" + ROMAN + r"|\([A-Za-z ]{2,20}\)|RI|se-[A-Z]\w+)"
# lower-case joiners inside an office, kept only before another capitalized word: "Ketua Bidang Hukum dan HAM"
OFFICE_TAIL_JOINER = r"(?:dan|dari|bidang|divisi|urusan|pada|untuk)"


def _office_phrase(acting_re: str, office_alt: str) -> str:
    """`(?P<office>...)`: an optional acting prefix (Plt., Pj.), an office head word, then up to nine tail words."""
    return (
        r"(?P<office>"
        + acting_re
        + r"?"
        + office_alt
        + r"(?:[ \t]+"
        + OFFICE_TAIL_WORD
        + r"|[ \t]+"
        + OFFICE_TAIL_JOINER
        + r"(?=[ \t]+[A-Z])){0,9})"
    )


def _leading_titles(titles) -> list[str]:
    """Titles that may open a name with no office before it: abbreviations with a dot, and the religious and
    academic titles written without one; military suffixes (Pol., Purn., Inf.) never open a name."""
    return [
        t
        for t in titles
        if t[0].isupper()
        and (t.endswith(".") or t in ("Prof", "KH", "Kyai", "Kiai", "Habib", "Ustaz", "Ustadz", "Gus"))
        and t not in ("Pol.", "Purn.", "Inf.")
    ]


def _person_patterns() -> dict:
    """Patterns that find persons: after an office or a title, before a speech verb, after a speech cue."""
    acting = [t for t, c in lexicon.office_categories().items() if c == "acting"]
    office_terms = [t for t in lexicon.offices() if t not in acting]
    titles = lexicon.titles()
    speech = lexicon.speech()
    title_re = r"(?:(?:" + alternation(titles) + r")(?:[ \t]+|(?<=\.)))"
    acting_re = r"(?:(?:" + alternation(acting) + r")\.?[ \t]+(?:\([A-Za-z]+\)[ \t]+)?)"
    office_re = r"(?:" + alternation(office_terms) + r")"
    # after a speech cue the office may be written in lower case: "kata ketua KPU Kukar"
    lowered = [t[0].lower() + t[1:] for t in office_terms if t[0].isupper() and not t.isupper()]
    office_phrase_ci = _office_phrase(acting_re, r"(?:" + alternation(office_terms + lowered) + r")")
    office_phrase = _office_phrase(acting_re, office_re)
    return {
        "title": title_re,
        "office_phrase": office_phrase,
        "apposition": re.compile(
            r"(?<![\w-])" + office_phrase + r"[ \t]*,[ \t]+(?P<titles>" + title_re + r"*)(?P<name>" + NAME_SEQ + r")"
            r"(?P<deg>"
            + DEGREE
            + r"*)(?=[ \t]*(?:[,.;:)]|$)|[ \t]+(?:"
            + alternation(speech["after_apposition"])
            + r")\b)"
        ),
        "office_name": re.compile(
            r"(?<![\w-])" + office_phrase + r"[ \t]+(?P<titles>" + title_re + r"*)(?P<name>" + NAME_SEQ + r")"
        ),
        "titled": re.compile(
            r"(?<![\w-])(?P<titles>(?:"
            + alternation(_leading_titles(titles))
            + r")[ \t]*(?:"
            + title_re
            + r")*)(?P<name>"
            + NAME_SEQ
            + r")"
        ),
        "name_verb": re.compile(
            r"(?<![\w-])(?P<name>"
            + NAME_SEQ
            + r")(?P<deg>"
            + DEGREE
            + r"*)[ \t]*,?[ \t]+(?:(?:"
            + alternation(speech["between_name_and_verb"])
            + r")[ \t]+)?(?P<verb>"
            + alternation(speech["reporting"])
            + r")\b"
        ),
        "cue_name": re.compile(
            r"(?:[”\"’][ \t]*,?[ \t]*|,[ \t]+|\s)(?:"
            + alternation(speech["after_quote"])
            + r")[ \t]+(?P<titles>"
            + title_re
            + r"*)(?:"
            + office_phrase_ci
            + r"[ \t]+)?(?P<name>"
            + NAME_SEQ
            + r")"
        ),
        "according": re.compile(
            r"\b(?:"
            + alternation(speech["according_to"])
            + r")[ \t]+(?P<titles>"
            + title_re
            + r"*)(?:"
            + office_phrase_ci
            + r"[ \t]*,?[ \t]+)?(?P<name>"
            + NAME_SEQ
            + r")[ \t]*,"
        ),
        "unnamed_office": re.compile(
            r"(?:^|(?<=[.!?]\s)|(?<=\n)|(?<=, )|(?<=itu )|(?<=ini )|(?<=oleh ))(?P<office>"
            + acting_re
            + r"?"
            + office_re
            + r"(?:[ \t]+"
            + OFFICE_TAIL_WORD
            + r"){1,8})(?=[ \t]*(?:,[ \t]*yang\s[^,]{0,80},[ \t]*)?[ \t]+(?:juga[ \t]+|pun[ \t]+)?"
            r"(?:me[a-z]+|ber[a-z]+|turut|hadir)\b)"
        ),
    }


def _org_alias_map() -> dict[str, dict]:
    """Every canonical name and alias of `organizations.csv` -> its organization row."""
    org_alias = {}
    for org in lexicon.organizations():
        org_alias[org["canonical"]] = org
        for alias in org["aliases"]:
            org_alias[alias] = org
    return org_alias


def _organization_patterns() -> dict:
    """Patterns that find organizations: lexicon aliases, governments, `Long Name (ABBR)`, capitalized phrases."""
    org_alias = _org_alias_map()
    # "Pemerintah Kabupaten Kukar (Pemkab Kukar)", "Pemda Kukar" (lexicon/region_prefixes.csv)
    governments = lexicon.region_prefixes("government")
    gov_prefixes = alternation(lexicon.official_prefix(level) for _, level in governments if level)
    gov_leveled = alternation(word for word, level in governments if level)
    gov_any = alternation(word for word, _ in governments)
    return {
        "org_alias": re.compile(r"(?<![\w])(?P<alias>" + alternation(org_alias) + r")(?![\w])"),
        "org_alias_map": org_alias,
        "gov": re.compile(
            r"(?<![\w-])(?:Pemerintah[ \t]+(?P<lvl>" + gov_prefixes + r")(?:[ \t]*\((?:" + gov_leveled + r")\))?|"
            r"(?P<abbr>" + gov_any + r"))[ \t]+(?P<region>[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,3})"
            r"(?:[ \t]*\((?P<ra>[A-Za-z ]{2,20})\))?"
        ),
        "definition": re.compile(
            r"(?P<long>[A-Z][\w'’-]*(?:[ \t]+(?:[A-Z][\w'’-]*|dan|untuk|atau|&|di|dari|serta)){1,12})"
            r"[ \t]+\((?P<abbr>[A-Z][A-Za-z-]{1,14}(?:\s[A-Z][A-Za-z]{1,10})?)\)"
        ),
        "cap_phrase": re.compile(r"(?<![\w-])[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){1,5}"),
    }


# --------------------------------------------------------------------------- helpers


def _region_lookup(text: str, context=(), levels=None):
    return _cached_region_lookup(text, tuple(context), frozenset(levels) if levels is not None else None)


@lru_cache(maxsize=1 << 16)
def _cached_region_lookup(text: str, context: tuple, levels: frozenset | None):
    """Gazetteer lookups are pure and news repeats its capitalized words: cache them per process."""
    m = _regions.lookup_region(text, context_codes=context, fuzzy=False, levels=levels)
    return m.region if m else None


_BIG_LEVELS = frozenset({"province", "regency", "city"})
# region-level prefixes (lexicon/region_prefixes.csv): "Kabupaten", "Kab.", "Kecamatan", ...
_PREFIX_WORDS = frozenset(word for word, _ in lexicon.region_prefixes("name", "abbreviation"))
# before the region of a regional body: "KPU Kabupaten Kukar", "Bawaslu Prov. Kaltim"
_BIG_PREFIX = alternation(
    (w for w, _ in lexicon.region_prefixes("name", "abbreviation", levels=tuple(_BIG_LEVELS))), space=r"\s+"
)
_GOV_LEVEL = dict(lexicon.region_prefixes("government"))


def _is_region_word(tok: str) -> bool:
    """A region name that cannot be part of a person's name: provinces, regencies and cities, and
    multi-word districts. One-word districts (`Bambang` in Mamasa) are too often also given names."""
    return _region_lookup(tok, levels=None if " " in tok.strip() else _BIG_LEVELS) is not None


def _is_jurisdiction(text: str) -> bool:
    return _region_lookup(text) is not None


def _strip_parens(s: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\s*\([^)]*\)", "", s)).strip()


_AFFIXED_NOUN = re.compile(r"^(?:Ke|Pe|Pem|Pen|Peng|Peny|Per)[a-z]{3,}an$")


def _bad_name_token(tok: str) -> bool:
    t = tok.rstrip(".,")
    if (
        t in lexicon.cap_stopwords()
        or t in lexicon.offices()
        or t in _patterns()["org_alias_map"]
        or t in lexicon.org_heads()
        or _AFFIXED_NOUN.match(t)
    ):
        return True
    return t.lower() in lexicon.common_words() and len(t) > 1


def clean_person_name(raw: str) -> str | None:
    """A person's name without titles, ranks and surrounding non-name words; None if nothing name-like remains.

    >>> clean_person_name("Prof. Bambang Iswanto")
    'Bambang Iswanto'
    >>> clean_person_name("Aceh Tgk Faisal Ali")
    'Faisal Ali'
    """
    toks = raw.split()
    titles = lexicon.titles()

    def is_title(t: str) -> bool:
        return t in titles or t.rstrip(".") in titles or t + "." in titles

    # a title or rank inside the run starts the name after it: "MPU Aceh Tgk Faisal Ali"
    last_title = max((i for i, t in enumerate(toks) if is_title(t)), default=-1)
    toks = toks[last_title + 1 :]
    while toks and (_bad_name_token(toks[-1]) or _is_region_word(toks[-1]) and len(toks) > 1):
        toks.pop()
    # acronyms, numbers and brackets before a name belong to what precedes it: "DPP Yorrys Raweyai"
    while toks and (len(toks[0]) > 1 and toks[0].isupper() or re.search(r"[\d()]", toks[0])):
        toks.pop(0)
    changed = True
    while changed and toks:
        changed = False
        for n in (3, 2, 1):
            if len(toks) > n and (n > 1 or not _bad_name_token(toks[0])) and _is_region_word(" ".join(toks[:n])):
                toks = toks[n:]
                changed = True
                break
        while toks and _bad_name_token(toks[0]):
            toks.pop(0)
            changed = True
    if not toks:
        return None
    if any(_bad_name_token(t) for t in toks):
        # cut at the first non-name token: "Teguh Wibowo Pilkada" -> "Teguh Wibowo"
        keep = []
        for t in toks:
            if _bad_name_token(t):
                break
            keep.append(t)
        toks = keep
    if not toks or all(len(t.rstrip(".")) == 1 for t in toks):
        return None
    if _is_region_word(" ".join(toks)):
        return None  # "Sekretaris Camat Loa Janan": the words after an office are its jurisdiction
    return " ".join(toks)


def _office_role(office: str) -> str:
    return _strip_parens(office).strip(" ,")


class _Builder:
    def __init__(self, body: str):
        self.body = body
        self.actors: dict[str, LocalActor] = {}
        self.claims: list[Mention] = []

    def actor(self, kind: str, name: str, **kw) -> LocalActor:
        key = f"{kind}|{name}"
        a = self.actors.get(key)
        if a is None:
            a = self.actors[key] = LocalActor(key, kind, name)
        for k, v in kw.items():
            if v and (getattr(a, k) is None or k == "role" and len(v) > len(a.role or "")):
                setattr(a, k, v)
        return a

    def claim(self, start: int, end: int, actor: LocalActor, how: str) -> None:
        text = self.body[start:end]
        actor.forms.add(text)
        actor.first = min(actor.first, start)
        self.claims.append(Mention(start, end, text, actor.key, how))


def _region_of_phrase(phrase: str) -> str | None:
    """Region code named at the end of an office phrase: `Ketua Bawaslu Kukar` -> 64.02."""
    toks = _strip_parens(phrase).split()
    for n in (3, 2, 1):
        if len(toks) > n:
            r = _region_lookup(" ".join(toks[-n:]))
            if r:
                return r.code
    return None


# --------------------------------------------------------------------------- organizations


def _org_name_with_region(base: dict, region) -> str:
    return f"{base['canonical']} {region.name}"


def _gov_canonical(lvl: str | None, abbr: str | None, region) -> str:
    if lvl is None:
        level = _GOV_LEVEL.get(abbr or "")
        if level is None:  # Pemda: by the region's level; below a city, the regency's government
            level = region.level if region.level in ("province", "city") else "regency"
        lvl = lexicon.official_prefix(level)
    return f"Pemerintah {lvl} {region.name}"


def _find_orgs(b: _Builder) -> None:
    """Organizations, most certain first (a later step skips spans an earlier one claimed)."""
    _find_governments(b)
    _find_known_orgs(b)
    _find_defined_orgs(b)
    _find_headed_phrases(b)


def _find_governments(builder: _Builder) -> None:
    """Regional governments: "Pemerintah Kabupaten Kutai Kartanegara (Pemkab Kukar)", "Pemkot Samarinda"."""
    for match in _patterns()["gov"].finditer(builder.body):
        toks = match.group("region").split()
        region = None
        for n in range(len(toks), 0, -1):  # the longest leading run of words that names a region
            region = _region_lookup(" ".join(toks[:n]))
            if region:
                end = match.start("region") + len(" ".join(toks[:n]))
                break
        if region is None:
            continue
        if match.group("ra") and n == len(toks):
            end = match.end()  # the whole region matched: take the "(Kukar)" after it too
        canonical = _gov_canonical(match.group("lvl"), match.group("abbr"), region)
        actor = builder.actor("organization", canonical, region_code=region.code)
        builder.claim(match.start(), end, actor, "gov")


def _region_after(text: str):
    """The region named at the start of `text` (after an optional "(ABBR)" and level word), and the match
    offset where its name ends; (None, None) when none does. Stops at "RI", "Pusat" and prefix words."""
    after = re.match(
        r"(\s*\([A-Za-z]{2,12}\))?\s+(?:(?:" + _BIG_PREFIX + r")\s+)?"
        r"([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})",
        text,
    )
    if not after:
        return None, None
    toks = after.group(2).split()
    for n in range(len(toks), 0, -1):
        candidate = " ".join(toks[:n])
        if candidate in ("RI", "Pusat") or candidate.split()[0] in _PREFIX_WORDS:
            break
        region = _region_lookup(candidate)
        if region:
            return region, after.start(2) + len(candidate)
    return None, None


def _find_known_orgs(builder: _Builder) -> None:
    """Organizations of the lexicon by name or alias; a regional body takes the region written after it
    ("Bawaslu Kukar", "KPU Kabupaten Paser")."""
    alias_map = _patterns()["org_alias_map"]
    body = builder.body
    for match in _patterns()["org_alias"].finditer(body):
        org = alias_map[match.group("alias")]
        end = match.end()
        name = org["canonical"]
        region_code = None
        if org["regional"]:
            region, region_end = _region_after(body[end : end + 60])
            if region:
                name = _org_name_with_region(org, region)
                region_code = region.code
                end = end + region_end
        actor = builder.actor("organization", name, region_code=region_code)
        builder.claim(match.start(), end, actor, "org_lexicon")


def _find_defined_orgs(builder: _Builder) -> None:
    """Organizations defined with their abbreviation, from the first head word of the long form:
    "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia (BKPSDM)"; later uses of the abbreviation too."""
    alias_map = _patterns()["org_alias_map"]
    first_heads = [word for word, position in lexicon.org_heads().items() if position in ("first", "any")]
    body = builder.body
    for match in _patterns()["definition"].finditer(body):
        long = match.group("long")
        head_at = None
        for word in first_heads:
            for head in re.finditer(r"(?<![\w])" + re.escape(word) + r"\b", long):
                if head_at is None or head.start() < head_at:
                    head_at = head.start()
        if head_at is None:
            continue
        long_form = long[head_at:]
        abbr = match.group("abbr")
        if abbr[0].upper() != long_form[0].upper() or len(long_form.split()) < 2:
            continue
        if long_form in alias_map or abbr in alias_map:
            continue  # known: _find_known_orgs named it
        actor = builder.actor("organization", long_form)
        builder.claim(match.start("long") + head_at, match.start("long") + len(long), actor, "definition")
        builder.claim(match.start("abbr"), match.end("abbr"), actor, "definition")
        for use in re.finditer(r"(?<![\w-])" + re.escape(abbr) + r"(?![\w])", body):
            if use.start() != match.start("abbr"):
                builder.claim(use.start(), use.end(), actor, "definition_abbr")


# words that open an organization's name whatever follows: "Universitas Mulawarman", "Partai Buruh"
_STRONG_FIRST_WORDS = frozenset(
    [
        "Universitas",
        "Institut",
        "Yayasan",
        "Partai",
        "PT",
        "Komite",
        "Koalisi",
        "Aliansi",
        "Asosiasi",
        "Ikatan",
        "Himpunan",
        "Perkumpulan",
        "Serikat",
        "Jaringan",
        "Akademi",
        "Politeknik",
        "Paguyuban",
        "Lembaga",
    ]
)


def _find_headed_phrases(builder: _Builder) -> None:
    """Capitalized phrases ending in an organization word ("Smart Academy") or opening with a strong one
    ("Yayasan Bina Insani"), where no earlier step claimed their start."""
    last_heads = {word for word, position in lexicon.org_heads().items() if position == "last"} - {"Indonesia", "Media"}
    for match in _patterns()["cap_phrase"].finditer(builder.body):
        toks = match.group(0).split()
        while toks and toks[0] in lexicon.cap_stopwords() and toks[0] not in _STRONG_FIRST_WORDS:
            toks.pop(0)
        if len(toks) < 2:
            continue
        phrase = " ".join(toks)
        start = match.start() + match.group(0).index(phrase)
        ends_in_head = toks[-1].rstrip(".,") in last_heads
        opens_strong = toks[0] in _STRONG_FIRST_WORDS and toks[1].lower() != "dan"  # not "Universitas dan ..."
        if not (ends_in_head or opens_strong):
            continue
        name = phrase.rstrip(".,")
        if any(claim.start <= start < claim.end for claim in builder.claims):
            continue  # "Partai Demokrat Agus Harimurti": the lexicon already named the organization
        actor = builder.actor("organization", name)
        builder.claim(start, start + len(name), actor, "org_head")


# --------------------------------------------------------------------------- persons


def _add_person(b: _Builder, name_start: int, raw_name: str, how: str, office: str | None = None) -> LocalActor | None:
    name = clean_person_name(raw_name)
    if not name:
        return None
    off = raw_name.find(name)
    start = name_start + max(off, 0)
    role = _office_role(office) if office else None
    region_code = _region_of_phrase(office) if office else None
    a = b.actor("person", name, role=role, region_code=region_code)
    b.claim(start, start + len(name), a, how)
    return a


def _add_office_run(b: _Builder, run_start: int, run_end: int, how: str) -> LocalActor | None:
    """Office words followed by a name in one capitalized run ("Ketua Majelis Hakim Arief Hidayat").

    The office phrase's tail swallows capitalized words, so the name is the run of name-like words at
    the end, read backwards until an office, organization, region, title or common word.
    """
    body = b.body
    org_spans = [(c.start, c.end) for c in b.claims if c.key.startswith("organization|")]
    toks = list(re.finditer(r"[^\s,]+", body[run_start:run_end]))
    name_toks: list[re.Match] = []
    for t in reversed(toks[1:]):
        w = t.group(0)
        abs_s = run_start + t.start()
        in_org = any(s_ <= abs_s < e_ for s_, e_ in org_spans)
        initial = len(w.rstrip(".")) == 1 and w[0].isupper() and name_toks
        if in_org or (
            not initial
            and (
                _bad_name_token(w)
                or _is_region_word(w)
                or w in lexicon.titles()
                or re.fullmatch(ROMAN, w)
                or w in ("RI", "dan", "dari")
                or not w[0].isupper()
            )
        ):
            break
        name_toks.insert(0, t)
        if len(name_toks) == 4:
            break
    while name_toks and len(name_toks[0].group(0).rstrip(".")) == 1:
        name_toks.pop(0)  # a name does not start with an initial here
    if not name_toks:
        return None
    ns = run_start + name_toks[0].start()
    office_words = body[run_start:ns].split()
    while office_words and office_words[-1] in lexicon.titles():
        office_words.pop()  # ranks and titles belong to neither the role nor the name
    return _add_person(b, ns, body[ns:run_end], how, " ".join(office_words) or None)


def _find_persons(b: _Builder) -> None:
    P = _patterns()
    body = b.body
    appositive_offices = set()
    for m in P["apposition"].finditer(body):
        if _add_person(b, m.start("name"), m.group("name"), "apposition", m.group("office")):
            appositive_offices.add(m.start("office"))
    for m in P["office_name"].finditer(body):
        if m.start("office") in appositive_offices or re.match(r"-[A-Z]", body[m.end("name") : m.end("name") + 2]):
            continue  # the holder follows after a comma; or a candidate pair "Prabowo-Gibran" names a team
        _add_office_run(b, m.start("office"), m.end("name"), "office_name")
    for m in P["titled"].finditer(body):
        _add_person(b, m.start("name"), m.group("name"), "titled")
    for rule, how in (("cue_name", "cue"), ("according", "according")):
        for m in P[rule].finditer(body):
            if m.group("office"):
                _add_office_run(b, m.start("office"), m.end("name"), how)
            else:
                _add_person(b, m.start("name"), m.group("name"), how)
    for m in P["name_verb"].finditer(body):
        if _looks_org(m.group("name")):
            continue
        _add_person(b, m.start("name"), m.group("name"), "name_verb")


_NAME_RUN = re.compile(r"(?<![\w])" + NAME_SEQ)


def _extend_single_names(b: _Builder) -> None:
    """A one-word name found by a cue (`kata Gibran`) takes the full name the article prints elsewhere
    without a cue (`pasangan calon Prabowo Subianto-Gibran Rakabuming Raka`)."""
    singles = {a.name for a in b.actors.values() if a.kind == "person" and not a.unnamed_office and " " not in a.name}
    if not singles:
        return
    org_spans = [(c.start, c.end) for c in b.claims if c.key.startswith("organization|")]
    for m in _NAME_RUN.finditer(b.body):
        words = m.group(0).split()
        if len(words) < 2 or not singles.intersection(words):
            continue
        if any(s_ < m.end() and m.start() < e_ for s_, e_ in org_spans):
            continue
        name = clean_person_name(m.group(0))
        if name and " " in name and singles.intersection(name.split()):
            _add_person(b, m.start(), m.group(0), "extended")


def _could_hold_new_name(taken: list[tuple[int, int]]):
    """A sentence filter for the recognizer: does the sentence have a capitalized token that no rule
    claimed and that `clean_person_name` would keep (`_bad_name_token`)? Without one, every PER span it
    could yield is dropped below (overlaps a claim, has a lower-case word, or `clean_person_name` strips
    it to nothing), so the sentence need not be tagged."""
    starts = sorted(taken)
    begins = [s for s, _ in starts]
    # claims may nest, so a position is claimed if any claim starting before it ends after it
    reach, far = [], -1
    for _s, e in starts:
        far = max(far, e)
        reach.append(far)

    def needed(text: str, toks: list[tuple[int, int]]) -> bool:
        for s, e in toks:
            if not text[s].isupper() or e - s < 2:
                continue
            i = bisect.bisect_right(begins, s) - 1  # claims starting at or before the token
            if i >= 0 and reach[i] > s:
                continue
            j = bisect.bisect_left(begins, e)  # a claim starting inside the token
            if j > i + 1:
                continue
            if _bad_name_token(text[s:e]):
                continue
            return True
        return False

    return needed


def _add_recognized_persons(b: _Builder) -> None:
    """Names the statistical recognizer (`pantau.pipeline.extract.ner`, a CRF trained on NERGrit +
    idner-news-2k) tags as persons where no rule found anything: rules and lexicons win every overlap, and a
    tagged span must still pass `clean_person_name` (no regions, organizations, offices or common words)."""
    from pantau.pipeline.extract.ner import tag_names

    taken = [(c.start, c.end) for c in b.claims]
    for sp in tag_names(b.body, needed=_could_hold_new_name(taken)):
        if sp.label != "PER" or any(s_ < sp.end and sp.start < e_ for s_, e_ in taken):
            continue
        words = sp.text.replace("-", " ").split()
        if not all(w[:1].isupper() for w in words):
            continue
        if len(words) == 1 and (_is_jurisdiction(sp.text) or len(sp.text) < 3):
            continue  # one word that is also a place name (Lombok, Cakung) is too often the place
        _add_person(b, sp.start, sp.text, "ner")


_NICK = re.compile(
    r"[ \t]*\((?:akrab\s+disapa\s+|biasa\s+disapa\s+|disapa\s+)?(?P<nick>[A-Z][A-Za-z]+(?:[ \t][A-Z][a-z]+)?)\)"
)


def _nickname_map(b: _Builder, mentions: list[Mention]) -> dict[str, str]:
    """`Joko Widodo (Jokowi)`, `Muhaimin Iskandar (Cak Imin)`: nickname -> the person it follows."""
    P = _patterns()
    nick_of: dict[str, str] = {}
    for m in mentions:
        if not m.key.startswith("person|"):
            continue
        nm = _NICK.match(b.body, m.end)
        if not nm:
            continue
        nick = nm.group("nick")
        if nick in P["org_alias_map"] or _is_region_word(nick) or nick.lower() in lexicon.common_words():
            continue
        nick_of[nick] = m.key
    return nick_of


def _nicknames(b: _Builder, mentions: list[Mention], nick_of: dict[str, str]) -> list[Mention]:
    """Every unclaimed occurrence of a nickname is a mention of the person it belongs to."""
    out: list[Mention] = []
    taken = [(m.start, m.end) for m in mentions]
    for nick, key in nick_of.items():
        for om in re.finditer(r"(?<![\w-])" + re.escape(nick) + r"(?![\w-])", b.body):
            if not any(s_ < om.end() and om.start() < e_ for s_, e_ in taken):
                out.append(Mention(om.start(), om.end(), nick, key, "nickname"))
    return out


def _looks_org(phrase: str) -> bool:
    P = _patterns()
    toks = phrase.split()
    return any(t in P["org_alias_map"] or t in lexicon.org_heads() for t in toks)


def _find_unnamed_offices(b: _Builder, taken: list[tuple[int, int]]) -> None:
    """`Sekretaris Camat Loa Janan menyampaikan …`: an office holder with a jurisdiction, no name."""
    P = _patterns()
    body = b.body
    for m in P["unnamed_office"].finditer(body):
        office = m.group("office")
        s, e = m.start("office"), m.end("office")
        if any(
            ts < e and s < te
            for ts, te in taken
            if b.body[ts:te] != office and (te - ts) < (e - s) and _claim_kind(b, ts, te) == "person"
        ):
            continue
        prev = body[max(0, s - 8) : s].lower()
        if re.search(r"\b(para|seluruh|setiap|tiap|semua)\s*$", prev):
            continue
        name = _strip_parens(office)
        # the jurisdiction must be a region or an organization, so "Camat, Lurah" alone never qualifies
        tail = name.split()[1:]
        if not any(
            _is_jurisdiction(" ".join(tail[i:j])) for i in range(len(tail)) for j in range(i + 1, len(tail) + 1)
        ) and not any(t in P["org_alias_map"] for t in tail):
            continue
        name = _expand_office(name)
        a = b.actor("person", name, role=name, region_code=_region_of_phrase(office))
        a.unnamed_office = True
        b.claim(s, e, a, "unnamed_office")


def _expand_office(name: str) -> str:
    """`Sekda Kukar` -> `Sekretaris Daerah Kutai Kartanegara`: the office and its region in full."""
    toks = name.split()
    offices = lexicon.offices()
    out: list[str] = []
    i = 0
    while i < len(toks):
        for n in (3, 2, 1):
            chunk = " ".join(toks[i : i + n])
            if i + n <= len(toks) and chunk in offices:
                out.append(offices[chunk])
                i += n
                break
            if i + n <= len(toks) and n <= 3:
                r = _region_lookup(chunk)
                if r and (n > 1 or chunk[0].isupper()):
                    out.append(r.name)
                    i += n
                    break
        else:
            out.append(toks[i])
            i += 1
    return " ".join(out)


def _claim_kind(b: _Builder, s: int, e: int) -> str | None:
    for c in b.claims:
        if c.start == s and c.end == e:
            return c.key.split("|", 1)[0]
    return None


# --------------------------------------------------------------------------- resolution inside the article


def _merge_short_forms(b: _Builder) -> dict[str, str]:
    """Person keys whose name is a short form of a longer name in the same article -> the longer key."""
    persons = [a for a in b.actors.values() if a.kind == "person" and not a.unnamed_office]
    redirect: dict[str, str] = {}
    for a in persons:
        toks = a.name.split()
        cands = [
            o
            for o in persons
            if o is not a and len(o.name.split()) > len(toks) and _is_subsequence(toks, o.name.split())
        ]
        if len(cands) == 1 or (cands and len({c.name for c in cands}) == 1):
            redirect[a.key] = cands[0].key
        elif len(cands) > 1:
            # the nearest preceding full name wins ("Bambang" after "Bambang Arwanto")
            before = [c for c in cands if c.first <= a.first]
            if before:
                redirect[a.key] = max(before, key=lambda c: c.first).key
    # follow chains
    for k in list(redirect):
        seen = {k}
        while redirect[k] in redirect and redirect[k] not in seen:
            seen.add(redirect[k])
            redirect[k] = redirect[redirect[k]]
    return redirect


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(any(t == x for x in it) for t in short)


def _short_form_mentions(b: _Builder, resolved: list[Mention]) -> list[Mention]:
    """Bare occurrences of a person's name tokens (`Bambang`, `Teguh`) not already claimed."""
    persons = [a for a in b.actors.values() if a.kind == "person" and not a.unnamed_office]
    token_owner: dict[str, set[str]] = {}
    for a in persons:
        for t in a.name.split():
            if len(t) >= 3 and not _bad_name_token(t) and not _is_region_word(t):
                token_owner.setdefault(t, set()).add(a.key)
    out: list[Mention] = []
    if not token_owner:
        return out
    taken = [(m.start, m.end) for m in resolved]
    # one pass over the body for all name words (each is a whole word, so matches never overlap)
    for m in re.finditer(r"(?<![\w-])(?:" + alternation(token_owner) + r")(?![\w-])", b.body):
        tok = m.group(0)
        owners = token_owner[tok]
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        if len(owners) == 1:
            key = next(iter(owners))
        else:
            prior = [mm for mm in resolved if mm.key in owners and mm.start < m.start()]
            if not prior:
                continue
            key = max(prior, key=lambda mm: mm.start).key
        out.append(Mention(m.start(), m.end(), tok, key, "short_form"))
    return out


def _non_overlapping(claims: list[Mention]) -> list[Mention]:
    """Longest claim first; a claim overlapping an accepted one is dropped."""
    order = sorted(claims, key=lambda c: (-(c.end - c.start), c.start, c.key))
    accepted: list[Mention] = []
    for c in order:
        if any(c.start < a.end and a.start < c.end for a in accepted):
            continue
        accepted.append(c)
    return sorted(accepted, key=lambda c: c.start)


def extract_actors(body: str) -> ActorResult:
    """All actors named in `body` and every mention, offsets into `body`.

    >>> r = extract_actors("Ketua Bawaslu Kukar, Teguh Wibowo, menggarisbawahi pentingnya rakor ini.")
    >>> sorted(a.name for a in r.actors.values())
    ['Badan Pengawas Pemilu Kutai Kartanegara', 'Teguh Wibowo']
    """
    b = _Builder(body)
    _find_orgs(b)
    _find_persons(b)
    _extend_single_names(b)
    _add_recognized_persons(b)
    # an organization claim inside a person's name (or vice versa) is resolved by span length below
    taken = [(c.start, c.end) for c in b.claims]
    _find_unnamed_offices(b, taken)
    redirect = _merge_short_forms(b)
    for c in b.claims:
        c.key = redirect.get(c.key, c.key)
    # persons that only exist as a merged short form disappear; their forms move to the full name
    for k, target in redirect.items():
        src = b.actors.pop(k, None)
        if src and target in b.actors:
            t = b.actors[target]
            t.forms |= src.forms
            t.first = min(t.first, src.first)
            if src.role and not t.role:
                t.role, t.region_code = src.role, t.region_code or src.region_code
    # drop person claims whose name is an organization's word ("Bawaslu" cannot be a person)
    claims = [c for c in b.claims if c.key in b.actors]
    mentions = _non_overlapping(claims)
    mentions = sorted(mentions + _short_form_mentions(b, mentions), key=lambda m: m.start)
    mentions = _non_overlapping(mentions)
    nick_of = _nickname_map(b, mentions)
    if nick_of:
        # a nickname once claimed as its own person ("kata Jokowi") now belongs to the full name
        mentions = [m for m in mentions if not (m.text in nick_of and m.key == f"person|{m.text}")]
        mentions = _non_overlapping(sorted(mentions + _nicknames(b, mentions, nick_of), key=lambda m: m.start))
    live = {m.key for m in mentions}
    actors = {k: a for k, a in b.actors.items() if k in live}
    for a in actors.values():
        a.forms = {m.text for m in mentions if m.key == a.key}
        a.first = min(m.start for m in mentions if m.key == a.key)
    return ActorResult(actors, mentions)
