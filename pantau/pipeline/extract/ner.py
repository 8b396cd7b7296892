"""Statistical name recognizer: PER / ORG / LOC spans that the rules in `extract/actors.py` miss.

A linear-chain CRF (`lexicon/ner_crf.model`, trained by `python -m pantau.devtools.train_ner`,
see `lexicon/NER_MODEL.md`) over a regex tokenization that keeps character offsets.
Only `pycrfsuite` (python-crfsuite) is needed at run time; the model is loaded once per process.

    >>> from pantau.pipeline.extract.ner import tag_names
    >>> [(s.text, s.label) for s in tag_names("Ketua KPU RI Hasyim Asy'ari mengatakan tahapan berjalan lancar.")]
    [('KPU RI', 'ORG'), ("Hasyim Asy'ari", 'PER')]

The tokenizer and `token_features` are shared with the training script, so training and
tagging see the same features.
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache
from typing import NamedTuple

from pantau import lexicon
from pantau.pipeline.text import sentence_spans

__all__ = ["NameSpan", "tag_names", "tokenize", "token_features", "MODEL_PATH", "LABELS"]

log = logging.getLogger(__name__)

MODEL_PATH = lexicon.path("ner_crf.model")
LABELS = ("PER", "ORG", "LOC")


class NameSpan(NamedTuple):
    """One recognized name: `text[start:end] == span.text`; label is PER, ORG or LOC."""

    start: int
    end: int
    text: str
    label: str


# ----------------------------------------------------------------------------- tokenizer

# numbers with separators (2.000, 24/8, 10:30), words with inner apostrophes or hyphens
# (Ma'ruf, Asy'ari, Al-Fatih, anak-anak), else any single non-space character
_TOKEN = re.compile(r"\d+(?:[.,/:]\d+)+|\w+(?:['’]\w+|-\w+)*|[^\w\s]")
# Arabic articles and kinship particles that stay joined to the next part (Al-Fatih, Asy-Syafi'i)
_JOINED_PREFIXES = frozenset(
    ["al", "el", "ad", "ar", "as", "asy", "at", "az", "an", "ash", "ath", "abu", "ibn", "bin", "binti"]
)


def _pair_splits(word: str) -> list[int]:
    """Offsets of hyphens inside `word` that separate two names (Subianto-Gibran, Jokowi-Kalla).

    A hyphen splits when both neighbouring parts are capitalized, at least 3 letters, differ
    (not Bangsa-Bangsa) and the left part is not an article (Al-Fatih); Jokowi-JK, PDI-P,
    Kim Jong-un stay one token.
    """
    parts = word.split("-")
    cuts, pos = [], 0
    for left, right in zip(parts, parts[1:]):
        pos += len(left)
        if (
            len(left) >= 3
            and len(right) >= 3
            and left[0].isupper()
            and right[0].isupper()
            and left.lower() not in _JOINED_PREFIXES
            and left.lower() != right.lower()
        ):
            cuts.append(pos)
        pos += 1
    return cuts


def tokenize(text: str) -> list[tuple[int, int]]:
    """(start, end) of each token in `text`.

    >>> t = "Prabowo Subianto-Gibran dan Ma'ruf Amin (2.000)"
    >>> [t[s:e] for s, e in tokenize(t)]
    ['Prabowo', 'Subianto', '-', 'Gibran', 'dan', "Ma'ruf", 'Amin', '(', '2.000', ')']
    """
    spans: list[tuple[int, int]] = []
    for m in _TOKEN.finditer(text):
        s, e = m.span()
        word = m.group()
        if "-" in word and (cuts := _pair_splits(word)):
            prev = s
            for c in cuts:
                spans.append((prev, s + c))
                spans.append((s + c, s + c + 1))
                prev = s + c + 1
            spans.append((prev, e))
        else:
            spans.append((s, e))
    return spans


# ----------------------------------------------------------------------------- features


def _shape(word: str) -> str:
    """Collapsed character classes: Hasyim -> Xx, KPU -> X, 2024 -> d, Asy'ari -> Xx'x."""
    out = []
    for ch in word[:12]:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


@lru_cache(maxsize=1 << 16)
def _word_features(word: str) -> dict[str, object]:
    """A word's own features; cached (news repeats its words) and never mutated by callers."""
    low = word.lower()
    f: dict[str, object] = {
        "w": low,
        "shape": _shape(word),
        "p3": low[:3],
        "s3": low[-3:],
    }
    if word[:1].isupper() and not word.isupper():
        f["title"] = 1.0
    if word.isupper() and any(ch.isalpha() for ch in word):
        f["upper"] = 1.0
    if word.isdigit():
        f["digit"] = 1.0
    return f


def token_features(words: list[str]) -> list[dict[str, object]]:
    """One feature dict per token (shared by training and tagging).

    Own word (lowercase, shape, 3-letter prefix and suffix, title/upper/digit flags), the
    words at -2..+2 (lowercase, title/upper flags), the shapes at -1/+1 and the shape
    trigram around the token, plus BOS/EOS.

    >>> token_features(["Ketua", "KPU"])[1]["shape3"]
    'Xx|X|EOS'
    """
    own = [_word_features(w) for w in words]
    n = len(words)
    feats = []
    for i in range(n):
        f = {"bias": 1.0, **own[i]}
        if i == 0:
            f["BOS"] = 1.0
        if i == n - 1:
            f["EOS"] = 1.0
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                o = own[j]
                f[f"{d}:w"] = o["w"]
                if "title" in o:
                    f[f"{d}:title"] = 1.0
                if "upper" in o:
                    f[f"{d}:upper"] = 1.0
        # capitalization pattern around the token: a run of names vs. a capitalized sentence start
        prev_shape = own[i - 1]["shape"] if i > 0 else "BOS"
        next_shape = own[i + 1]["shape"] if i < n - 1 else "EOS"
        f["-1:shape"] = prev_shape
        f["1:shape"] = next_shape
        f["shape3"] = f"{prev_shape}|{own[i]['shape']}|{next_shape}"
        feats.append(f)
    return feats


# ----------------------------------------------------------------------------- tagging

_MAX_TOKENS = 200  # longer "sentences" (lists, junk) are tagged in windows
_PER_BREAKS = frozenset("-–—/,;")  # a person name never spans these tokens (Prabowo Subianto - Gibran)
_SENT_ENDS = frozenset(".!?")
_tagger = None
_lock = threading.Lock()
_load_lock = threading.Lock()


class NerModelError(RuntimeError):
    """The recognizer's model cannot be opened: a broken install, not a property of one article."""


def _get_tagger():
    """The pycrfsuite Tagger, opened once per process; raises `NerModelError` if the model cannot be loaded
    (every article would silently lose its recognized names otherwise)."""
    global _tagger
    if _tagger is None:
        with _load_lock:
            if _tagger is None:
                import pycrfsuite

                t = pycrfsuite.Tagger()
                try:
                    t.open(str(MODEL_PATH))
                except (OSError, ValueError) as exc:
                    raise NerModelError(f"NER model not loaded from {MODEL_PATH}: {exc}") from exc
                _tagger = t
    return _tagger


def _chunks(text: str) -> list[list[tuple[int, int]]]:
    """Token offsets grouped by sentence, each group at most _MAX_TOKENS long."""
    tokens = tokenize(text)
    groups: list[list[tuple[int, int]]] = []
    k = 0
    for _s, e in sentence_spans(text):
        cur = []
        while k < len(tokens) and tokens[k][0] < e:
            cur.append(tokens[k])
            k += 1
        for i in range(0, len(cur), _MAX_TOKENS):
            groups.append(cur[i : i + _MAX_TOKENS])
    if k < len(tokens):
        rest = tokens[k:]
        groups.extend(rest[i : i + _MAX_TOKENS] for i in range(0, len(rest), _MAX_TOKENS))
    return groups


def _decode(text: str, toks: list[tuple[int, int]], tags: list[str]) -> list[NameSpan]:
    """BIO tags -> spans; PER spans split at hyphens and commas, punctuation trimmed off the ends."""
    runs: list[tuple[str, list[int]]] = []
    for i, tag in enumerate(tags):
        pre, _, lab = tag.partition("-")
        if pre == "B" or (pre == "I" and (not runs or runs[-1][0] != lab or runs[-1][1][-1] != i - 1)):
            runs.append((lab, [i]))
        elif pre == "I":
            runs[-1][1].append(i)
    out = []
    for lab, idx in runs:
        if lab not in LABELS:
            continue
        pieces = [[]]
        for i in idx:
            word = text[toks[i][0] : toks[i][1]]
            if lab == "PER" and word in _PER_BREAKS:
                pieces.append([])
            else:
                pieces[-1].append(i)
        for piece in pieces:
            while piece and not text[toks[piece[0]][0]].isalnum():
                piece.pop(0)
            while piece and not text[toks[piece[-1]][1] - 1].isalnum():
                piece.pop()
            if piece and any(ch.isalpha() for i in piece for ch in text[toks[i][0] : toks[i][1]]):
                s, e = toks[piece[0]][0], toks[piece[-1]][1]
                out.append(NameSpan(s, e, text[s:e], lab))
    return out


def tag_names(text: str, needed=None) -> list[NameSpan]:
    """PER / ORG / LOC names in `text`, sorted by offset; [] for empty or non-text input.

    `needed(text, tokens)`, if given, says which sentences are worth tagging: a sentence's tags
    depend on that sentence only, so skipping one changes nothing elsewhere (the CRF is most of
    the extraction time; callers skip sentences whose spans they would throw away anyway).

    >>> [(s.text, s.label) for s in tag_names(
    ...     "pasangan calon nomor urut 2 Prabowo Subianto-Gibran Rakabuming Raka")]
    [('Prabowo Subianto', 'PER'), ('Gibran Rakabuming Raka', 'PER')]
    """
    if not isinstance(text, str) or not text.strip():
        return []
    tagger = _get_tagger()
    import pycrfsuite

    spans: list[NameSpan] = []
    for toks in _chunks(text):
        if needed is not None and not needed(text, toks):
            continue
        words = [text[s:e] for s, e in toks]
        # training sentences end in punctuation: tag a fragment (a headline, a caption) as if it had one
        open_end = words[-1] not in _SENT_ENDS
        if open_end:
            words.append(".")
        xseq = pycrfsuite.ItemSequence(token_features(words))
        with _lock:  # a Tagger is not safe to share between threads
            tags = tagger.tag(xseq)
        spans.extend(_decode(text, toks, tags[: len(toks)]))
    return spans
