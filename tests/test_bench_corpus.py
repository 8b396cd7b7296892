"""The benchmark corpus generator: deterministic, realistic mix (duplicates, junk), both formats."""

import hashlib
import json
from pathlib import Path

from conftest import SEEDS
from pantau.cli import main
from pantau.devtools.benchcorpus import generate, load_pool


def _tree(d: Path) -> dict[str, str]:
    return {
        p.relative_to(d).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(d.rglob("*"))
        if p.is_file()
    }


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    pool = load_pool(SEEDS)
    generate(pool, 120, tmp_path / "a", seed=1)
    generate(pool, 120, tmp_path / "b", seed=1)
    generate(pool, 120, tmp_path / "c", seed=2)
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b") != _tree(tmp_path / "c")
    assert len(_tree(tmp_path / "a")) == 120


def test_mix_of_duplicates_junk_and_recombined_text(tmp_path):
    c = generate(load_pool(SEEDS), 3000, tmp_path, seed=5, fmt="jsonl")
    assert c["articles"] == 3000
    assert 30 <= c["duplicates"] <= 100 and c["odd"] >= 1
    lines = (tmp_path / "articles.jsonl").read_bytes().split(b"\n")[:-1]
    assert len(lines) == 3000
    texts = []
    for raw in lines:
        try:
            texts.append(json.loads(raw.decode("utf-8"))["text"])
        except (UnicodeDecodeError, ValueError, KeyError):
            pass
    seeds = [p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")]
    assert not any(t in seeds for t in texts)  # recombined, never a source article whole
    assert len({len(t) // 500 for t in texts}) >= 4  # varied lengths
    assert 0.9 < len(set(texts)) / len(texts) < 0.995


def test_cli_writes_txt_files_and_extends_a_corpus(tmp_path, capsys):
    assert main(["bench-corpus", "--articles", "30", "--out", str(tmp_path), "--seed", "4"]) == 0
    assert main(["bench-corpus", "--articles", "5", "--out", str(tmp_path), "--seed", "4", "--start", "30"]) == 0
    files = sorted(tmp_path.rglob("*.txt"))
    assert len(files) == 35 and files[0].name == "0000000.txt" and files[-1].name == "0000034.txt"
    assert "wrote 30 articles" in capsys.readouterr().err


def test_bench_ratios_include_the_four_worker_estimate():
    """The estimate keeps the serial part (wall minus extraction) and halves the 2-worker extraction."""
    from pantau.devtools.bench import ratios

    run = {
        "single": {"wall": 900.0, "seconds": {"extract": 850.0}},
        "dask": {"wall": 500.0, "seconds": {"extract": 460.0}},
    }
    r = ratios({"runs": run})
    assert r["dask_speedup_vs_single"] == 1.8
    assert r["dask_4_workers_estimate_vs_single"] == round(900 / (40 + 230), 3)
