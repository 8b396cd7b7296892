"""Article metadata from the cleaned text: outlet, dateline, title, author, advertorial flag.

Indonesian leads open with a dateline in one of a few house styles:
`Portalborneo.or.id, Kukar – …`, `JAKARTA, KOMPAS.com - …`, `Jakarta (ANTARA) - …`,
`KUTAI KRTANEGARA (Amanah Ummat.Com) …`, `SAMARINDA – …`, `Liputan6.com, Jakarta -…`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pantau import lexicon
from pantau.pipeline.clean import CleanText, is_advertorial_marked
from pantau.pipeline.patterns import alternation

_DASH = r"(?:\s*(?:[–-]+\s*)+|\s*\|\s*)"
_PLACE = r"(?P<place>[A-Z][A-Za-z'’.]*(?:[ ][A-Z][A-Za-z'’.]*){0,3})"
_DOMAIN = (
    r"[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)*\.\s?"
    r"(?i:com|id|co|net|org|news|tv|info|or\.id|co\.id|web\.id|my\.id)\b"
)


@lru_cache(maxsize=1)
def dateline_patterns() -> list[re.Pattern]:
    """Dateline house styles, most specific first; outlet names without a domain come from outlets.csv."""
    names = alternation(r["name"] for r in lexicon.read_csv("outlets.csv"))
    outlet = r"(?P<outlet>" + _DOMAIN + r"|" + names + r")"
    return [
        re.compile(r"" + outlet + r"\s*,\s*" + _PLACE + _DASH),  # Bebaca.id, TENGGARONG –
        re.compile(r"" + outlet + _DASH + _PLACE + _DASH),  # jpnn.com - JAKARTA -
        re.compile(r"" + _PLACE + r"\s*,\s*" + outlet + _DASH),  # JAKARTA, KOMPAS.com -
        re.compile(
            r"" + _PLACE + r"\s*\((?P<outlet>[^()\n]{2,40})\)" + r"(?:" + _DASH + r"|\s+)"
        ),  # Jakarta (ANTARA) -
        re.compile(r"" + outlet + r"(?:" + _DASH + r"|\s*,\s*)"),  # Suara.com - / Rimanews -
        re.compile(r"" + _PLACE + r"\s*,?" + _DASH),  # SAMARINDA –
    ]


# a reporter credit glued before the dateline: "Laporan wartawan Sripoku.com, Angga TRIBUNSUMSEL. COM, PALEMBANG -"
_LEAD_NOISE = re.compile(
    r"^Laporan\s+wartawan\s+[^,\n]{2,40},\s*(?P<reporter>[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,3}?)\s+(?=(?-i:[A-Z]{3,}))",
    re.IGNORECASE,
)
_NOT_PLACES = {"Foto", "Ilustrasi", "Video", "Baca", "Sumber", "Catatan", "Update", "Breaking"}
_DESK_CODE = re.compile(r"^[a-z]+\d*$|\d")


@dataclass
class ArticleMeta:
    outlet: str | None
    dateline: str | None
    dateline_raw: str | None
    title: str | None
    author: str | None
    editor: str | None
    is_advertorial: bool
    dateline_end: int  # offset in the body where the lead text starts after the dateline


def parse_dateline(lead: str) -> tuple[str | None, str | None, int]:
    """(outlet, place as printed, end offset) from the start of a lead paragraph.

    >>> parse_dateline("Bebaca.id, TENGGARONG – Pemerintah Kabupaten ...")
    ('Bebaca.id', 'TENGGARONG', 24)
    >>> parse_dateline("KUTAI KRTANEGARA (Amanah Ummat.Com) Tidak dapat dipungkiri")[:2]
    ('Amanah Ummat.Com', 'KUTAI KRTANEGARA')
    """
    noise = _LEAD_NOISE.match(lead)
    skip = noise.end() if noise else 0
    pats = dateline_patterns()
    for pat in pats:
        m = pat.match(lead, skip)
        if not m:
            continue
        gd = m.groupdict()
        place = gd.get("place")
        outlet = gd.get("outlet")
        if place and (place.split()[0] in _NOT_PLACES or len(place) > 40):
            continue
        if place and not outlet and pat is pats[-1] and len(place.split()) > 3:
            continue  # a bare "Word –" opener: only a dateline when it is a short place-like phrase
        outlet = re.sub(r"\.\s+(?=[A-Za-z]{2,3}\b)", ".", outlet.strip()) if outlet else None  # "TRIBUNNEWS. COM"
        return outlet, (place.strip() if place else None), m.end()
    return None, None, 0


def _clean_author(value: str) -> str | None:
    v = re.split(r"\s*[/|]\s*|\s+-\s+|\s*\(", value)[0].strip(" .,:;")
    if not v or len(v) > 60 or _DESK_CODE.search(v) or not re.match(r"[A-Z]", v):
        return None
    return v


def article_meta(ct: CleanText, raw_meta: dict | None = None, normalize_place=None) -> ArticleMeta:
    """Outlet, dateline, title, author and advertorial flag for one cleaned article.

    `normalize_place` comes from the region gazetteer (injected so this module has no
    data dependency): `TENGGARONG` -> `Tenggarong`, `KUTAI KRTANEGARA` -> `Kutai Kartanegara`.
    """
    raw_meta = raw_meta or {}
    if normalize_place is None:
        from pantau.pipeline.regions import normalize_place
    lead = ct.paragraphs[0] if ct.paragraphs else ""
    outlet, place, end = parse_dateline(lead)
    if outlet is None and raw_meta.get("outlet"):
        outlet = raw_meta["outlet"]
    dateline = place
    if place:
        if normalize_place:
            dateline = normalize_place(place) or place.title()
        else:
            dateline = place.title() if place.isupper() else place
    title = raw_meta.get("title") or None
    if not title:
        heads = [h for h in ct.pre_lead if len(h.split()) >= 3 and not h.endswith(":")]
        title = heads[-1] if heads else None
    author = editor = None
    noise = _LEAD_NOISE.match(lead)
    if noise:
        author = _clean_author(noise.group("reporter"))
    # Okezone-style sign-off: the writer's name as the closing credit "(Qur'anul Hidayat)"
    for tag in ct.credit_tags:
        words = tag.split()
        if (
            2 <= len(words) <= 4
            and all(w[0].isupper() for w in words)
            and not is_advertorial_marked(ct)
            and not any(w.upper() == w for w in words)
        ):
            author = _clean_author(tag)
    for label, value in ct.bylines:
        if label.startswith(("editor", "redaktur", "penyunting")):
            editor = editor or _clean_author(value)
        else:
            author = _clean_author(value.split(",")[-1] if label.startswith("laporan") else value) or author
    return ArticleMeta(outlet, dateline, place, title, author, editor, is_advertorial_marked(ct), end)
