"""ARCHITECTURE.md stays true: every path, test and name its recipes cite exists, so each recipe is
exercised by a test that really runs."""

from __future__ import annotations

import ast
import re

from conftest import ROOT

DOC = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
PATH_RE = re.compile(r"((?:pantau|schemas|flows|tests|warehouse)/[\w./-]*\w)")
TEST_RE = re.compile(r"`(tests/test_\w+\.py)(?:::(\w+))?`")


def test_every_path_in_the_architecture_page_exists():
    named = {m.group(1) for m in PATH_RE.finditer(DOC)} - {"pantau/pipeline/extract/<what>.py"}
    assert "pantau/pipeline/ingest.py" in named and "schemas/registry.py" in named
    missing = sorted(p for p in named if "<" not in p and not (ROOT / p).exists())
    assert missing == [], f"ARCHITECTURE.md names paths that do not exist: {missing}"


def test_every_recipe_names_a_test_that_exists():
    recipes = re.findall(r"^\*\*Add an? ([\w ]+)\*\* \((.*)\)$", DOC, flags=re.M)
    assert [r[0] for r in recipes] == ["table", "word", "extractor", "input format", "output"]
    for what, cited in recipes:
        tests = TEST_RE.findall(cited)
        assert tests, f"the recipe 'add a {what}' cites no test"
        for path, name in tests:
            tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
            defined = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
            assert any(n.startswith("test_") for n in defined), f"{path} has no tests"
            assert not name or name in defined, f"'add a {what}' cites {path}::{name}, which does not exist"


def test_recipes_stay_within_three_steps():
    for block in re.split(r"^\*\*Add ", DOC, flags=re.M)[1:]:
        steps = re.findall(r"^(\d)\. ", block, flags=re.M)
        assert 1 <= len(steps) <= 3, block.splitlines()[0]


def test_names_the_recipes_call_exist():
    import pantau.cli
    import schemas.registry
    from pantau.analysis import query
    from pantau.cli import common
    from pantau.pipeline import extract, ingest

    assert callable(extract.guarded) and callable(extract.extract_article)
    assert callable(ingest.input_kind) and callable(ingest.read_input)
    assert callable(schemas.registry.all_tables) and callable(query.connect)
    assert "pantau.cli.publish" in pantau.cli.COMMAND_MODULES and callable(common.add_output_options)
