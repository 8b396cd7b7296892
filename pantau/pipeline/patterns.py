"""Regular-expression alternations of lexicon words: the one place they are built.

Two shapes, because they do not behave the same on long lists:

- `alternation`: a flat `a|b|c`, longest word first, so `sebelas` is tried before `se`; fine for
  the short cue lists of a lexicon.
- `trie_alternation`: the same words shaped as a character trie, one pass per text position
  instead of one try per word (several times faster in `re` for thousands of names); the longest
  word still wins.

Both escape the words; `space` (a regex) replaces each space inside a word, so `"sampai dengan"`
can match across a no-break space or a run of spaces.

>>> alternation(["se", "sebelas", "s.d."])
'sebelas|s\\\\.d\\\\.|se'
>>> trie_alternation(["Tenggarong", "Tenggarong Seberang"], space=r"\\s+")
'Tenggarong(?:\\\\s+Seberang)?'
>>> import re; re.fullmatch(trie_alternation(["rabu", "ratu", "ra"]), "ratu") is not None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["alternation", "trie_alternation"]


def _literal(word: str, space: str | None) -> str:
    escaped = re.escape(word)
    return escaped.replace(r"\ ", space) if space is not None else escaped


def alternation(words: Iterable[str], *, space: str | None = None) -> str:
    """`w1|w2|...` of the distinct words, escaped, longest first (no enclosing group)."""
    return "|".join(_literal(w, space) for w in sorted(set(words), key=len, reverse=True))


def trie_alternation(words: Iterable[str], *, space: str | None = None, apostrophe: str | None = None) -> str:
    """The words as a character-trie regex (no enclosing group), longest match first; `apostrophe`
    (a regex) replaces each `'` inside a word, as `space` does each space (`Jum'at`, `Jum’at`)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def char(ch: str) -> str:
        if ch == " " and space is not None:
            return space
        if ch == "'" and apostrophe is not None:
            return apostrophe
        return re.escape(ch)

    def build(node: dict) -> str:
        branches = []
        for ch in sorted(k for k in node if k):
            child = node[ch]
            text = char(ch)
            # follow single-child chains without opening groups
            while len(child) == 1 and "" not in child:
                ((nxt, child),) = child.items()
                text += char(nxt)
            branches.append(text + build(child))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return ("(?:" + body + ")?") if len(branches) > 1 or len(branches[0]) > 1 else body + "?"
        return body

    return build(trie)
