"""The README stays true: the files and modules it names exist, its map of the tree matches the tree, and CI
runs the commands it documents. (Its printed outputs are checked by `cog --check README.md` in `.ci/run`.)"""

from __future__ import annotations

import importlib.util
import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI_RUN = (ROOT / ".ci" / "run").read_text(encoding="utf-8")

# a path as the README writes it in backticks: `pantau/pipeline/regions.py`, `warehouse/queries/`
PATH_RE = re.compile(r"`(?:[^`]*?\s)?((?:pantau|schemas|flows|warehouse|tests|seeds|\.ci)/[\w./-]*)[^`]*`")
# one entry of the tree map: two spaces per level, a file or folder name, then two or more spaces
TREE_ENTRY_RE = re.compile(r"^(?P<indent>(?:  )*)(?P<name>[\w.]+/?)(?:\s{2,}(?P<what>.*))?$")


def tree_map() -> list[str]:
    """The lines of the README's folder tree (the code block after 'The folder tree reads like')."""
    after = README.split("The folder tree reads like", 1)[1]
    block = after.split("```\n", 2)[1]
    return block.splitlines()


def test_paths_named_in_the_readme_exist():
    named = {m.group(1).rstrip(".") for m in PATH_RE.finditer(README)}
    assert "pantau/pipeline/regions.py" in named  # the pattern finds what the README names
    missing = sorted(p for p in named if not (ROOT / p).exists())
    assert missing == [], f"README names paths that do not exist: {missing}"


def test_modules_the_readme_runs_with_python_m_exist():
    modules = set(re.findall(r"python -m (pantau[\w.]*)", README))
    assert "pantau.devtools.train_ner" in modules
    missing = sorted(m for m in modules if importlib.util.find_spec(m) is None)
    assert missing == [], f"README runs modules that do not exist: {missing}"


def test_the_readme_tree_map_matches_the_tree():
    """Every entry of the map exists, and every `name.py` a description mentions sits in that entry's folder."""
    parents: list[str] = []
    missing: list[str] = []
    entries = 0
    for line in tree_map():
        m = TREE_ENTRY_RE.match(line)
        if not m or len(m.group("indent")) > 8:  # a description continued on the next line
            continue
        depth = len(m.group("indent")) // 2
        parents = parents[:depth]
        path = "/".join([*parents, m.group("name").rstrip("/")])
        entries += 1
        if not (ROOT / path).exists():
            missing.append(path)
        folder = path if m.group("name").endswith("/") else path.rpartition("/")[0]
        for mentioned in re.findall(r"\b[\w]+\.(?:py|sql)\b", m.group("what") or ""):
            if not (ROOT / folder / mentioned).exists():
                missing.append(f"{folder}/{mentioned} (mentioned for {path})")
        if m.group("name").endswith("/"):
            parents.append(m.group("name").rstrip("/"))
    assert entries >= 10
    assert missing == [], f"the README's tree map is out of date: {missing}"


def test_every_package_folder_is_on_the_readme_map():
    mapped = {line.strip().split()[0].rstrip("/") for line in tree_map() if line.strip()}
    folders = sorted(p.parent.relative_to(ROOT / "pantau").as_posix() for p in (ROOT / "pantau").glob("*/__init__.py"))
    assert "pipeline" in folders
    assert [f for f in folders if f not in mapped] == [], "a package folder under pantau/ is missing from the map"


def test_ci_runs_the_readme_commands_in_order():
    """The README's test command and its four lint commands are what `.ci/run` runs, in the README's order."""
    test_command = re.search(r"&& (\.venv/bin/python -m pytest -q)\n", README).group(1)
    dev = README.split("## Development", 1)[1]
    lint_commands = re.findall(r"^  - `(\.venv/bin/[^`]+)`", dev, flags=re.M)
    assert len(lint_commands) == 4
    ci_steps = re.findall(r"^step (.+)$", CI_RUN, flags=re.M)
    assert ci_steps == [*lint_commands, test_command]
