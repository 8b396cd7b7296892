"""The extraction and assembly caches are keyed by what those steps read: their code (found by following
imports), the data files beside it, and the libraries that shape rows. Edits happen on a copy of the tree."""

from __future__ import annotations

import importlib.metadata
import shutil

import pytest

import pantau.pipeline.build as build
from conftest import SEEDS
from pantau.pipeline import fingerprint as fp
from pantau.pipeline.assemble import code_fingerprint


@pytest.fixture
def tree(tmp_path):
    """A copy of the packages the fingerprints read, to edit freely."""
    root = tmp_path / "tree"
    for pkg in fp.FIRST_PARTY:
        if (fp.ROOT / pkg).is_dir():
            shutil.copytree(fp.ROOT / pkg, root / pkg, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return root


def _extraction(root):
    return fp.fingerprint(fp.EXTRACTION_ENTRIES, fp.EXTRACTION_LIBRARIES, root)


def _assembly(root):
    return fp.fingerprint(fp.ASSEMBLY_ENTRIES, fp.ASSEMBLY_LIBRARIES, root)


def _append(path, text: str) -> None:
    with open(path, "a", encoding="utf-8") as f:
        f.write(text)


def test_a_copy_of_the_tree_has_the_same_fingerprints(tree):
    assert _extraction(tree) == fp.extraction_fingerprint()
    assert _assembly(tree) == fp.assembly_fingerprint() == code_fingerprint()
    assert fp.extraction_fingerprint() != fp.assembly_fingerprint()


def test_the_extraction_reads_the_extractors_and_the_lexicon_but_not_the_release_or_devtools():
    code = {p.as_posix() for p in fp.import_closure(fp.EXTRACTION_ENTRIES)}
    assert {
        "pantau/pipeline/stage.py",
        "pantau/pipeline/extract/numbers.py",
        "pantau/pipeline/extract/ner.py",  # imported inside a function of actors.py
        "pantau/pipeline/regions.py",
        "pantau/lexicon/__init__.py",
    } <= code
    assert not any(
        p.startswith(("pantau/release/", "pantau/devtools/", "pantau/cli/", "pantau/analysis/")) for p in code
    )
    assert "pantau/pipeline/build.py" not in code and "pantau/pipeline/store.py" not in code
    data = {p.as_posix() for p in fp.data_files(fp.import_closure(fp.EXTRACTION_ENTRIES))}
    assert {"pantau/lexicon/calendar.toml", "pantau/lexicon/ner_crf.model"} <= data
    assert "pantau/lexicon/NER_MODEL.md" not in data


@pytest.mark.parametrize(
    "edited, extraction_changes, assembly_changes",
    [
        ("pantau/lexicon/calendar.toml", True, True),
        ("pantau/lexicon/common_words.txt", True, True),
        ("pantau/pipeline/extract/numbers.py", True, None),  # assembly: only while schemas import extract
        ("pantau/pipeline/extract/statements.py", True, None),
        ("pantau/pipeline/ingest.py", True, False),
        ("pantau/pipeline/resolve.py", False, True),
        ("schemas/tables.py", None, True),  # extraction: parts take their staged columns from the registry
        ("pantau/release/report.py", False, False),
        ("pantau/release/publish.py", False, False),
        ("pantau/devtools/junk.py", False, False),
        ("pantau/cli/__init__.py", False, False),
        ("pantau/pipeline/build.py", False, False),
        ("pantau/pipeline/store.py", False, False),
        ("pantau/lexicon/NER_MODEL.md", False, False),
    ],
)
def test_an_edit_invalidates_exactly_the_caches_that_read_the_file(tree, edited, extraction_changes, assembly_changes):
    before = _extraction(tree), _assembly(tree)
    _append(tree / edited, "\n# edited\n")
    after = _extraction(tree), _assembly(tree)
    if extraction_changes is not None:
        assert (before[0] != after[0]) == extraction_changes
    if assembly_changes is not None:
        assert (before[1] != after[1]) == assembly_changes


def test_a_new_extractor_counts_once_the_extraction_imports_it(tree):
    before = _extraction(tree)
    (tree / "pantau/pipeline/extract/roles.py").write_text('ROLE_WORDS = ("ketua", "anggota")\n', encoding="utf-8")
    assert _extraction(tree) == before  # not imported by anything yet
    _append(tree / "pantau/pipeline/extract/__init__.py", "\nfrom pantau.pipeline.extract.roles import ROLE_WORDS\n")
    with_roles = _extraction(tree)
    assert with_roles != before
    _append(tree / "pantau/pipeline/extract/roles.py", "SPEAKER_WORDS = ('juru bicara',)\n")
    assert _extraction(tree) != with_roles


def test_a_new_lexicon_file_counts(tree):
    before = _extraction(tree)
    (tree / "pantau/lexicon/party_names.csv").write_text("name\nPartai Golongan Karya\n", encoding="utf-8")
    assert _extraction(tree) != before


@pytest.mark.parametrize(
    "dist, extraction_changes, assembly_changes",
    [
        ("trafilatura", True, False),
        ("rapidfuzz", True, True),
        ("python-crfsuite", True, False),
        ("charset-normalizer", True, False),
        ("polars", True, True),
        ("duckdb", False, True),
        ("altair", False, False),  # charts of the report only
    ],
)
def test_a_changed_library_version_invalidates_the_caches_it_shapes(
    monkeypatch, dist, extraction_changes, assembly_changes
):
    before = (
        fp.fingerprint(fp.EXTRACTION_ENTRIES, fp.EXTRACTION_LIBRARIES),
        fp.fingerprint(fp.ASSEMBLY_ENTRIES, fp.ASSEMBLY_LIBRARIES),
    )
    real = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version", lambda d: "99.0.0" if d == dist else real(d))
    after = (
        fp.fingerprint(fp.EXTRACTION_ENTRIES, fp.EXTRACTION_LIBRARIES),
        fp.fingerprint(fp.ASSEMBLY_ENTRIES, fp.ASSEMBLY_LIBRARIES),
    )
    assert (before[0] != after[0], before[1] != after[1]) == (extraction_changes, assembly_changes)


def test_a_library_that_is_not_installed_is_part_of_the_fingerprint(monkeypatch):
    def version(dist):
        if dist == "warcio":
            raise importlib.metadata.PackageNotFoundError(dist)
        return "1.0"

    monkeypatch.setattr(importlib.metadata, "version", version)
    assert fp.library_versions(["polars", "warcio"]) == ["polars==1.0", "warcio absent"]


def test_a_new_fingerprint_extracts_everything_again(tmp_path, monkeypatch):
    out = tmp_path / "out"
    build.run_build(SEEDS, out, workers=1)
    assert build.plan_build(SEEDS, out).todo_units == 0  # same extractor: every unit is in the store
    monkeypatch.setattr(build, "extraction_fingerprint", lambda: "0123456789abcdef")
    plan = build.plan_build(SEEDS, out)
    assert plan.todo_units == plan.units == 5
    assert (out / ".work" / "store" / "FINGERPRINT").read_text().strip() == "0123456789abcdef"
