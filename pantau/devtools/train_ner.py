"""Train the CRF name recognizer `pantau/lexicon/ner_crf.model` used by `pantau.pipeline.extract.ner.tag_names`.

Data (read from ../shared/data/ner, not copied into the repo):
- NERGrit (IndoNLU benchmark), `nergrit/{train,valid}.txt`: `token<TAB>tag`, BIO with
  PERSON / PLACE / ORGANISATION, blank line between sentences. Apache-2.0.
- idner-news-2k (khairunnisaor/idner-news-2k, after Syaifudin & Nurwidyantoro 2016),
  `idner-news-2k/{train,dev}.txt`: `token UPOS tag` (CRLF), IOB with PER / LOC / ORG. MIT.
Both train splits are used for training; idner-news-2k dev and NERGrit valid are held out
and only scored.

Run (about 20 s on one core; deterministic: fixed parameters, files in sorted order, the same
model bytes on every run with the same library versions):
    python -m pantau.devtools.train_ner            # train, score, write the model
    python -m pantau.devtools.train_ner --data DIR --out PATH

Needs `sklearn-crfsuite` (training only; tagging needs just `python-crfsuite`).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
from pathlib import Path

from pantau import lexicon
from pantau.devtools import SHARED
from pantau.pipeline.extract.ner import _decode, token_features, tokenize

DATA = SHARED / "data" / "ner"
OUT = lexicon.path("ner_crf.model")

# L1 (c1) prunes the feature set to ~27k weights, ~1.5 MB; chosen on the held-out sets, see NER_MODEL.md
PARAMS = {"algorithm": "lbfgs", "c1": 0.1, "c2": 0.05, "max_iterations": 200, "all_possible_transitions": True}

LABEL_MAP = {"PERSON": "PER", "PER": "PER", "ORGANISATION": "ORG", "ORG": "ORG", "PLACE": "LOC", "LOC": "LOC"}
TRAIN_FILES = ["idner-news-2k/train.txt", "nergrit/train.txt"]
HELDOUT_FILES = ["idner-news-2k/dev.txt", "nergrit/valid.txt"]

Sentence = list[tuple[str, str]]  # (token, BIO tag with PER/ORG/LOC)


def read_conll(path: Path) -> list[Sentence]:
    """Sentences of (token, tag) from a one-token-per-line file; the tag is the last column."""
    sents: list[Sentence] = []
    cur: Sentence = []
    with open(path, encoding="utf-8", newline="") as f:
        for line in f:
            line = line.rstrip("\r\n")
            cols = line.split("\t") if "\t" in line else line.split(" ")
            if not line.strip():
                if cur:
                    sents.append(cur)
                cur = []
                continue
            token, tag = cols[0], cols[-1]
            if tag != "O":
                prefix, _, lab = tag.partition("-")
                tag = f"{prefix}-{LABEL_MAP[lab]}"
            cur.append((token, tag))
    if cur:
        sents.append(cur)
    return sents


def retokenize(sent: Sentence) -> tuple[str, list[tuple[int, int]], list[str]]:
    """Rebuild the sentence text and re-split it with the runtime tokenizer.

    Gold tokens are joined with spaces, except that a lone `-` between two words is glued to
    them (NERGrit writes `sumber - sumber`, `Jean - Marie`), so hyphens look as they do in news
    text. Each runtime token takes the tag of the gold token it starts in; later pieces of one
    gold token continue its entity, edge punctuation of an entity becomes O (`(Jokowi)`), and a
    person pair in one token becomes two persons (`Jokowi-Kalla`). Returns (text, offsets, tags).
    """
    parts, starts = [], []
    pos = 0
    for k, (token, _tag) in enumerate(sent):
        glued = k > 0 and (
            (token == "-" and k + 1 < len(sent) and sent[k - 1][0][-1:].isalnum() and sent[k + 1][0][:1].isalnum())
            or (sent[k - 1][0] == "-" and k >= 2 and sent[k - 2][0][-1:].isalnum() and token[:1].isalnum())
        )
        if k > 0 and not glued:
            parts.append(" ")
            pos += 1
        starts.append(pos)
        parts.append(token)
        pos += len(token)
    text = "".join(parts)
    toks = tokenize(text)

    tags: list[str] = []
    g = 0
    seen: dict[int, int] = {}  # gold index -> word pieces already tagged
    for s, e in toks:
        while g + 1 < len(sent) and starts[g + 1] <= s:
            g += 1
        tag = sent[g][1]
        word = text[s:e]
        if tag == "O":
            tags.append("O")
            continue
        lab = tag[2:]
        gold_end = starts[g] + len(sent[g][0])
        if not word[0].isalnum():
            inner = seen.get(g, 0) > 0 and any(text[s2:e2][0].isalnum() for s2, e2 in toks if e <= s2 < gold_end)
            # a lone inner mark keeps its tag (O ' Reilly); an entity's edge punctuation is O
            lone = len(sent[g][0]) == len(word) and tag.startswith("I-")
            if lab == "PER" and word == "-" and inner:
                tags.append("O")  # Jokowi-Kalla: two people
                seen[g] = -1
            else:
                tags.append(f"I-{lab}" if inner or lone else "O")
            continue
        n = seen.get(g, 0)
        tags.append(tag if n == 0 else "B-PER" if n == -1 else f"I-{lab}")
        seen[g] = max(n, 0) + 1
    # an entity continuing after a dropped edge token starts afresh
    for i, t in enumerate(tags):
        if t.startswith("I-") and (i == 0 or tags[i - 1] == "O"):
            tags[i] = "B-" + t[2:]
    return text, toks, tags


def load(paths: list[Path]) -> list[tuple[str, list[tuple[int, int]], list[str]]]:
    data = []
    for p in paths:
        data.extend(retokenize(s) for s in read_conll(p))
    return data


def xy(data) -> tuple[list, list]:
    xs = [token_features([text[s:e] for s, e in toks]) for text, toks, _ in data]
    ys = [tags for _, _, tags in data]
    return xs, ys


def gold_spans(text, toks, tags) -> set[tuple[int, int, str]]:
    out, cur = [], None
    for (s, e), t in zip(toks, tags):
        if t.startswith("B-") or (t.startswith("I-") and (cur is None or cur[2] != t[2:])):
            cur = [s, e, t[2:]]
            out.append(cur)
        elif t.startswith("I-"):
            cur[1] = e
        else:
            cur = None
    return {tuple(c) for c in out}


def score(data, predicted: list[list[str]]) -> dict[str, dict[str, float]]:
    """Per-label P/R/F1, exact span match and lenient (any overlap, same label)."""
    gold, pred = [], []
    for k, ((text, toks, tags), ptags) in enumerate(zip(data, predicted)):
        gold += [(k, *g) for g in gold_spans(text, toks, tags)]
        pred += [(k, p.start, p.end, p.label) for p in _decode(text, toks, ptags)]
    res = {}
    for lab in ("PER", "ORG", "LOC"):
        g = [x for x in gold if x[3] == lab]
        p = [x for x in pred if x[3] == lab]
        gs = set(g)
        tp = sum(1 for x in p if x in gs)

        def overlaps(a, others):
            return any(o[0] == a[0] and o[1] < a[2] and a[1] < o[2] for o in others)

        lp = sum(1 for x in p if overlaps(x, g))
        lr = sum(1 for x in g if overlaps(x, p))
        res[lab] = {
            "n_gold": len(g),
            "n_pred": len(p),
            **_prf("exact", tp, len(p), tp, len(g)),
            **_prf("lenient", lp, len(p), lr, len(g)),
        }
    return res


def _prf(name, p_hits, n_pred, r_hits, n_gold):
    p = p_hits / n_pred if n_pred else 0.0
    r = r_hits / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {f"{name}_p": p, f"{name}_r": r, f"{name}_f1": f}


def print_scores(name: str, res) -> None:
    print(f"\n{name}")
    print(
        f"{'label':5} {'gold':>5} {'pred':>5} | {'exact P':>7} {'R':>6} {'F1':>6} | {'overlap P':>9} {'R':>6} {'F1':>6}"
    )
    for lab, r in res.items():
        print(
            f"{lab:5} {r['n_gold']:5d} {r['n_pred']:5d} | {r['exact_p']:7.3f} {r['exact_r']:6.3f} {r['exact_f1']:6.3f}"
            f" | {r['lenient_p']:9.3f} {r['lenient_r']:6.3f} {r['lenient_f1']:6.3f}"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA, help="folder holding nergrit/ and idner-news-2k/")
    ap.add_argument("--out", type=Path, default=OUT, help="model file to write")
    ap.add_argument("--c1", type=float, default=PARAMS["c1"])
    ap.add_argument("--c2", type=float, default=PARAMS["c2"])
    args = ap.parse_args(argv)

    import pycrfsuite
    import sklearn_crfsuite

    t0 = time.perf_counter()
    train = load(sorted(args.data / f for f in TRAIN_FILES))
    x_train, y_train = xy(train)
    print(f"train: {len(train)} sentences, {sum(len(y) for y in y_train)} tokens ({', '.join(TRAIN_FILES)})")

    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(args.out.suffix + ".tmp")
    crf = sklearn_crfsuite.CRF(**{**PARAMS, "c1": args.c1, "c2": args.c2}, model_filename=str(tmp))
    crf.fit(x_train, y_train)
    del crf
    os.replace(tmp, args.out)
    t_train = time.perf_counter() - t0
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()[:16]
    print(
        f"model: {args.out} ({args.out.stat().st_size / 1e6:.2f} MB, sha256 {digest}…), "
        f"trained in {t_train:.0f} s (c1={args.c1}, c2={args.c2})"
    )

    tagger = pycrfsuite.Tagger()
    tagger.open(str(args.out))
    info = tagger.info()
    print(f"features kept: {len(info.state_features)} state, {len(info.transitions)} transitions")
    for f in HELDOUT_FILES:
        data = load([args.data / f])
        xs, _ = xy(data)
        print_scores(f"held out: {f} ({len(data)} sentences)", score(data, [tagger.tag(x) for x in xs]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
