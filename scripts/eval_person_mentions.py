"""Person-name mentions in `actor_mentions` against a BIO/IOB-tagged NER file (idner-news-2k / NERGrit style).

    python scripts/eval_person_mentions.py ../shared/data/ner/idner-news-2k/dev.txt [--no-ner]

Each sentence is rebuilt as text (tokens joined with spaces, punctuation attached) and run through
`extract_actors`; predicted person mentions are compared with gold PER spans, exactly and leniently
(overlap, which forgives titles such as `Prof.` inside or outside the span). Prints P/R/F1.
"""

from __future__ import annotations

import argparse
import re
import sys

from pantau.pipeline.extract import actors as actors_mod


def read_sentences(path: str):
    sent: list[tuple[str, str]] = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if not parts:
                if sent:
                    yield sent
                sent = []
                continue
            sent.append((parts[0], parts[-1]))
    if sent:
        yield sent


def rebuild(sent):
    """Text and gold PER character spans."""
    text = ""
    spans = []
    cur = None
    for tok, tag in sent:
        glue = text == "" or re.fullmatch(r"[.,;:!?)\]”’%]+", tok) or text.endswith(("(", "[", "“", "‘"))
        start = len(text) + (0 if glue else 1)
        text = text + ("" if glue else " ") + tok
        end = len(text)
        label = tag.split("-", 1)[-1] if tag != "O" else None
        if tag.startswith("B-") or (tag.startswith("I-") and (cur is None or cur[2] != label)):
            if cur:
                spans.append(cur)
            cur = [start, end, label]
        elif tag.startswith("I-") and cur:
            cur[1] = end
        else:
            if cur:
                spans.append(cur)
            cur = None
    if cur:
        spans.append(cur)
    return text, [(s, e) for s, e, lab in spans if lab in ("PER", "PERSON")]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("--no-ner", action="store_true", help="rules only (switch the statistical recognizer off)")
    a = ap.parse_args()
    if a.no_ner:
        actors_mod._add_recognized_persons = lambda b: None
    tp_e = tp_l = n_pred = n_gold = 0
    for sent in read_sentences(a.path):
        text, gold = rebuild(sent)
        r = actors_mod.extract_actors(text)
        pred = [(m.start, m.end) for m in r.mentions if m.key.startswith("person|")]
        n_pred += len(pred)
        n_gold += len(gold)
        tp_e += len(set(pred) & set(gold))
        tp_l += sum(1 for g in gold if any(p[0] < g[1] and g[0] < p[1] for p in pred))
    for name, tp in (("exact", tp_e), ("lenient", tp_l)):
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{name:8s} P={p:.3f} R={r:.3f} F1={f:.3f}  (pred={n_pred} gold={n_gold} tp={tp})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
