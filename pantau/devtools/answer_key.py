"""Our own answer key on real election articles: rebuild its articles from the shared corpus, build, score.

The key (`eval/answer_key/*.gold.json`, the format of `shared/gold/seeds.gold.json`) stores corpus ids and
hand annotations only, never article text: the text is read from `../shared/corpus` by id. Two splits:
`dev` (three quarters, the yardstick while tuning) and `holdout` (a quarter, scored only at the end).

    python -m pantau.devtools.answer_key score --split dev          # rebuild, build (core runner), score
    python -m pantau.devtools.answer_key rebuild --split all --out /tmp/ak   # just the input articles
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from pantau.devtools import REPO_ROOT, SHARED

KEY_DIR = REPO_ROOT / "eval" / "answer_key"
SPLITS = ("dev", "holdout")
CORPUS = SHARED / "corpus" / "news-id-2017-2025.jsonl.gz"
RECORD_FIELDS = ("id", "text", "outlet", "title", "published", "url")


def load_key(split: str) -> dict:
    """The answer key of one split, or of both merged (`all`).

    >>> sorted(load_key("all"))
    ['about', 'articles', 'complete', 'organizations', 'persons', 'version']
    """
    names = SPLITS if split == "all" else (split,)
    keys = [json.loads((KEY_DIR / f"{name}.gold.json").read_text(encoding="utf-8")) for name in names]
    merged = dict(keys[0], persons=[], organizations=[], articles={})
    for key in keys:
        merged["persons"] += key["persons"]
        merged["organizations"] += key["organizations"]
        merged["articles"].update(key["articles"])
    return merged


def corpus_records(ids: set[str], corpus: Path = CORPUS) -> dict[str, dict]:
    """The corpus records with these ids; a clear error naming what is missing."""
    if not corpus.exists():
        raise SystemExit(f"answer_key: corpus not found at {corpus} (the shared data must sit beside the repo)")
    found: dict[str, dict] = {}
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["id"] in ids:
                found[record["id"]] = {f: record.get(f) for f in RECORD_FIELDS}
    missing = sorted(ids - set(found))
    if missing:
        raise SystemExit(f"answer_key: {len(missing)} ids not in the corpus: {', '.join(missing[:5])}")
    return found


def rebuild(split: str, out: Path) -> Path:
    """Write each keyed article as `out/articles/<id>.jsonl` (its stem is the key's article key)."""
    key = load_key(split)
    folder = out / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    for article_id, record in sorted(corpus_records(set(key["articles"])).items()):
        (folder / f"{article_id}.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / f"{split}.gold.json").write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")
    return folder


def score(split: str, work: Path, as_json: bool = False) -> int:
    """Rebuild the split's articles, build them with the core runner, and run `shared/eval/score.py`."""
    folder = rebuild(split, work)
    build = work / "build"
    subprocess.run(
        [sys.executable, "-m", "pantau", "build", "--runner", "core", "--full", "--quiet"]
        + ["--input", str(folder), "--out", str(build)],
        check=True,
    )
    cmd = [sys.executable, str(SHARED / "eval" / "score.py"), "--db", str(build / "pantau.duckdb")]
    cmd += ["--gold", str(work / f"{split}.gold.json")] + (["--json"] if as_json else [])
    return subprocess.run(cmd, check=False).returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pantau.devtools.answer_key", description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["rebuild", "score"])
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="dev")
    parser.add_argument("--out", help="working folder (default: a temporary one)")
    parser.add_argument("--json", action="store_true", help="score as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.out or tmp)
        if args.action == "rebuild":
            print(rebuild(args.split, work))
            return 0
        return score(args.split, work, args.json)


if __name__ == "__main__":
    sys.exit(main())
