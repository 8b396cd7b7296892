"""Shared fixtures: the seeds folder, a built seeds warehouse (built once per session, core runner)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = (
    ROOT.parent / "shared"
)  # the shared data (scorer, gold, corpus, region sources): `../shared` from the repo root
CORPUS = "corpus/news-id-2017-2025.jsonl.gz"

# tests never share Prefect state with a developer's machine or with each other
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="pantau-prefect-"))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory) -> Path:
    """OUT folder of a core-runner build of the seeds."""
    from pantau.pipeline.build import run_build

    out = tmp_path_factory.mktemp("seeds_build")
    run_build(SEEDS, out)
    return out


def read_all(root) -> list:
    """Every raw document and quarantine row the ingest stage yields for a folder."""
    from pantau.pipeline.ingest import discover_inputs, read_input

    files, skipped = discover_inputs(root)
    out = list(skipped)
    for f in files:
        out.extend(read_input(f))
    return out


def seed_body(name_prefix: str) -> str:
    """The cleaned body of one seed article (e.g. '004')."""
    from pantau.pipeline.clean import clean_text

    path = next(SEEDS.glob(f"{name_prefix}_*.txt"))
    return clean_text(path.read_text(encoding="utf-8")).body


def shared(rel: str) -> Path:
    """A file or folder of the shared data, `../shared` from the repo root (the one place tests look).

    A test that needs it fails with a clear message when it is missing, never skips: a skipped check
    looks like a passed one.
    """
    path = SHARED / rel
    if not path.exists():
        pytest.fail(
            f"shared data missing: {path} (tests read the shared data from ../shared beside the repository "
            f"root {ROOT}; put the shared folder, or a link to it, there)",
            pytrace=False,
        )
    return path
