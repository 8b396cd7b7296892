"""Regenerate common_words.txt from a JSON Lines (gz) corpus of Indonesian news: word counts only.

python -m pantau.devtools.build_common_words ../shared/corpus/news-id-2017-2025.jsonl.gz
"""

from __future__ import annotations

import collections
import gzip
import json
import re
import sys

from pantau import lexicon

HEADER = """# Lower-case Indonesian words that are common words, not names: a word is listed when it appears in lower case
# at least 8 times and at least 3x as often as capitalized mid-sentence in a development corpus of ~15k Indonesian
# news articles (word counts only, no text kept). Used to tell where a name ends ("Ketua Divisi Hukum ...").
# Regenerate: python -m pantau.devtools.build_common_words CORPUS.jsonl.gz
"""  # noqa: E501 - the header is written verbatim into lexicon/common_words.txt; rewrapping it would change that file


def main(corpus: str) -> None:
    low: collections.Counter = collections.Counter()
    capmid: collections.Counter = collections.Counter()
    tok = re.compile(r"(?<![\w.])([A-Za-z][a-z]+)(?![\w])")
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            t = json.loads(line)["text"]
            for m in tok.finditer(t):
                w = m.group(1)
                if w[0].islower():
                    low[w] += 1
                elif m.start() and not re.search(r'[.!?"“”\n]\s*$', t[max(0, m.start() - 3) : m.start()]):
                    capmid[w.lower()] += 1
    words = sorted(w for w, c in low.items() if c >= 8 and c >= 3 * capmid.get(w, 0))
    out = lexicon.path("common_words.txt")
    out.write_text(HEADER + "\n".join(words) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
