"""Stage 2, staged: separate the article body from site chrome, captions, bylines and credit tags.

All later extraction runs on the returned `body`, so every offset stored anywhere is an offset into
`articles.body`: the normalization happens first and offsets never point into the raw bytes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from pantau import lexicon

_DASHES = dict.fromkeys(map(ord, "\u2012\u2013\u2014\u2015\u2212"), "\u2013")  # all dash variants -> en dash
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000\t\f\v"), " ")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# control characters (Unicode category Cc: U+0000-001F, U+007F-009F) except the newline
_CONTROLS = {c: None for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)] if c != 0x0A}

CAPTION_RE = re.compile(
    r"^\s*[\[(]?\s*(?:foto|photo|ilustrasi|caption|keterangan foto|sumber foto|dok(?:umentasi)?\.?)\s*[:\-–]\s*"
    r"(?P<text>.+?)[\])]?\s*$",
    re.IGNORECASE,
)
BYLINE_RE = re.compile(
    r"^\s*(?P<label>penulis|pewarta|reporter|wartawan|jurnalis|kontributor|ditulis oleh|writer|oleh|"
    r"editor|redaktur|penyunting|laporan wartawan[^,:]*)\s*[:,]\s*(?P<name>[^\n]{1,80}?)\s*$",
    re.IGNORECASE,
)
CREDIT_TAG_RE = re.compile(r"(?:(?<=[.!?\"”’)\]])|^)\s*[(\[](?P<tag>[A-Za-z0-9*][\w*./&' -]{0,38})[)\]]\s*$")
# bylines glued to the end of the last paragraph:
# "…Budaya Pewarta: Fianda Sjofjan Editor: Guido Merung COPYRIGHT © ANTARA 2023"
INLINE_BYLINE_RE = re.compile(r"(?P<tail>(?:Pewarta|Penulis|Reporter|Editor|Redaktur)\s*:\s*[^\n]{1,160})$")
INLINE_BYLINE_PART = re.compile(
    r"(?P<label>Pewarta|Penulis|Reporter|Editor|Redaktur)\s*:\s*(?P<name>.*?)\s*"
    r"(?=(?:Pewarta|Penulis|Reporter|Editor|Redaktur)\s*:|COPYRIGHT|Copyright|©|$)"
)
ADVERTORIAL_RE = re.compile(r"\badv(?:ertorial)?\b|\bpariwara\b|\bkonten (?:berbayar|bersponsor)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def chrome_patterns() -> re.Pattern:
    """The site-chrome line patterns from `lexicon/site_chrome.txt`, as one full-line regex."""
    pats = lexicon.read_words("site_chrome.txt")
    return re.compile(r"^\s*(?:" + "|".join(f"(?:{p})" for p in pats) + r")\s*$", re.IGNORECASE)


def normalize_text(text: str) -> str:
    r"""Unicode NFC, one newline style, plain spaces, one dash for all dash variants, trimmed lines.

    >>> normalize_text("SAMARINDA \u2014 Pemkab\u00a0Kutim\r\n")
    'SAMARINDA – Pemkab Kutim'
    """
    t = unicodedata.normalize("NFC", text)
    t = t.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    t = t.translate(_ZERO_WIDTH).translate(_SPACES).translate(_DASHES)
    t = t.translate(_CONTROLS)
    lines = [re.sub(r" {2,}", " ", ln).strip() for ln in t.split("\n")]
    # removing a control or zero-width character can leave a base letter and a combining mark side
    # by side ("A\x08\u0300"): compose again so the body is NFC whatever came in
    return unicodedata.normalize("NFC", "\n".join(lines).strip("\n"))


def drop_repeated_lead(lines: list[str]) -> list[str]:
    """Drop a leading block of lines that the text repeats right after it (a scraper's preview).

    >>> drop_repeated_lead(["A", "B", "A", "B", "C"])
    ['A', 'B', 'C']
    """
    n = len(lines)
    for k in range(min(n // 2, 40), 0, -1):
        head = lines[:k]
        if any(head) and head == lines[k : 2 * k]:
            return lines[k:]
    return lines


@dataclass
class CleanText:
    """The pieces of one article after chrome removal; `body` is what gets stored and offset into."""

    body: str
    paragraphs: list[str]
    pre_lead: list[str] = field(default_factory=list)  # short lines before the lead (headline candidates)
    captions: list[str] = field(default_factory=list)
    bylines: list[tuple[str, str]] = field(default_factory=list)  # (label lower-case, value)
    credit_tags: list[str] = field(default_factory=list)
    chrome_lines: list[str] = field(default_factory=list)


def _looks_like_lead(line: str) -> bool:
    return len(line) >= 120 or bool(re.search(r"[.!?”\"]$", line)) and len(line.split()) >= 8


def clean_text(text: str, *, title_hint: str | None = None) -> CleanText:
    r"""Split normalized article text into body paragraphs and the chrome around them.

    `title_hint` (from input metadata) is dropped from the body when a line repeats it.

    >>> ct = clean_text(
    ...     "Foto: Suasana rakor Bawaslu Kukar\n"
    ...     "TENGGARONG – Bawaslu Kukar menggelar rapat koordinasi di Tenggarong, Selasa (3/9/2024).\n"
    ...     "Penulis: Ahmad\n"
    ...     "“Pengawasan harus ketat,” ujar Ketua Bawaslu Kukar Teguh Wibowo. (ADV/DiskomKukar)"
    ... )
    >>> print(ct.body)
    TENGGARONG – Bawaslu Kukar menggelar rapat koordinasi di Tenggarong, Selasa (3/9/2024).
    <BLANKLINE>
    “Pengawasan harus ketat,” ujar Ketua Bawaslu Kukar Teguh Wibowo.
    >>> ct.captions, ct.bylines, ct.credit_tags
    (['Suasana rakor Bawaslu Kukar'], [('penulis', 'Ahmad')], ['ADV/DiskomKukar'])
    >>> is_advertorial_marked(ct)
    True
    """
    lines = drop_repeated_lead(normalize_text(text).split("\n"))
    content, captions, bylines, chrome_lines = _sort_lines(lines)
    pre_lead, content = _split_pre_lead(content)
    if title_hint:
        hint = normalize_text(title_hint)
        content = [line for line in content if line != hint]
    content, inline_bylines = _strip_inline_bylines(content)
    bylines.extend(inline_bylines)
    content, credit_tags = _strip_credit_tags(content)
    # exact repeated paragraphs (a headline echoed, a scraper's double) are kept once
    paragraphs = list(dict.fromkeys(content))
    return CleanText("\n\n".join(paragraphs), paragraphs, pre_lead, captions, bylines, credit_tags, chrome_lines)


def _sort_lines(lines: list[str]) -> tuple[list[str], list[str], list[tuple[str, str]], list[str]]:
    """Non-empty lines sorted into content, captions, bylines (label, name) and site-chrome lines."""
    chrome = chrome_patterns()
    content: list[str] = []
    captions: list[str] = []
    bylines: list[tuple[str, str]] = []
    chrome_lines: list[str] = []
    for line in lines:
        if not line:
            continue
        caption = CAPTION_RE.match(line)
        if caption:
            captions.append(caption.group("text").strip())
            continue
        byline = BYLINE_RE.match(line)
        if byline and (byline.group("label").lower() != "oleh" or len(line) < 40):
            bylines.append((byline.group("label").lower(), byline.group("name").strip()))
            continue
        if chrome.match(line):
            chrome_lines.append(line)
            continue
        content.append(line)
    return content, captions, bylines, chrome_lines


def _split_pre_lead(content: list[str]) -> tuple[list[str], list[str]]:
    """(headline lines before the first lead-like paragraph, the rest); at least one line stays content."""
    n_pre = 0
    while len(content) - n_pre > 1 and not _looks_like_lead(content[n_pre]) and len(content[n_pre]) <= 200:
        n_pre += 1
    return content[:n_pre], content[n_pre:]


def _strip_inline_bylines(content: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Bylines glued to the end of the last paragraph, cut off it: (content, [(label, name), ...])."""
    if not content:
        return content, []
    glued = INLINE_BYLINE_RE.search(content[-1])
    if not glued:
        return content, []
    bylines = [
        (part.group("label").lower(), part.group("name"))
        for part in INLINE_BYLINE_PART.finditer(glued.group("tail"))
        if part.group("name")
    ]
    rest = content[-1][: glued.start()].rstrip()
    return (content[:-1] + [rest] if rest else content[:-1]), bylines


def _strip_credit_tags(content: list[str]) -> tuple[list[str], list[str]]:
    """Credit tags at the very end, "(ADV/DiskomKukar)", "(prokom04)", cut off: (content, tags, last first)."""
    content = list(content)
    tags: list[str] = []
    while content:
        tag = CREDIT_TAG_RE.search(content[-1])
        if not tag:
            break
        tags.append(tag.group("tag"))
        rest = content[-1][: tag.start()].rstrip()
        if rest:
            content[-1] = rest
            break
        content.pop()
    return content, tags


def is_advertorial_marked(ct: CleanText) -> bool:
    """True when a credit tag or a chrome line marks paid content: `(ADV)`, `(ADV/DiskomKukar)`, `Advertorial`."""
    return any(ADVERTORIAL_RE.search(t) for t in ct.credit_tags) or any(
        ADVERTORIAL_RE.fullmatch(ln.strip(" .:-")) for ln in ct.chrome_lines + ct.pre_lead
    )
