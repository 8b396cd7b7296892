"""Fingerprints of what a build step reads: the code it imports, the data files beside that code, and the
versions of the libraries that shape its rows. A cache written by a step is reused only under the same one.

The code is found from the step's entry modules by following their imports (function-level ones included)
through the project's own packages, so a module the step never imports (a release product, a developer
tool, the command line) can change without throwing the cache away, and a new extractor is covered the
moment the extraction path imports it. Data files are every non-Python, non-Markdown file in the folders of
those modules (`pantau/lexicon/` for all extractors), so editing a word list invalidates the cache too.

    >>> [p.as_posix() for p in import_closure(["pantau.pipeline.extract.dates"])][:3]
    ['pantau/__init__.py', 'pantau/lexicon/__init__.py', 'pantau/pipeline/__init__.py']
"""

from __future__ import annotations

import ast
import hashlib
import importlib.metadata
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path

# the folder holding `pantau/` and `schemas/` (the repository root, or site-packages when installed)
ROOT = Path(__file__).resolve().parents[2]
FIRST_PARTY = ("pantau", "schemas", "warehouse")  # imports followed into these packages only

# extraction: what `pantau.pipeline.build.extract_part` runs (read units, stage and extract, write a part)
EXTRACTION_ENTRIES = ("pantau.pipeline.units", "pantau.pipeline.stage", "pantau.pipeline.parts")
# distributions whose version can change extracted rows (HTML and WARC reading, encodings, gazetteer
# matching, the name recognizer, the Parquet written into the store)
EXTRACTION_LIBRARIES = (
    "polars",
    "pyarrow",
    "trafilatura",
    "lxml",
    "warcio",
    "charset-normalizer",
    "rapidfuzz",
    "python-crfsuite",
)
# assembly: resolving, validating and bucketing the parts' rows (its per-part results are cached)
ASSEMBLY_ENTRIES = ("pantau.pipeline.assemble",)
ASSEMBLY_LIBRARIES = ("polars", "pyarrow", "pandera", "duckdb", "rapidfuzz")

_NOT_DATA = (".py", ".pyc", ".md")


def _module_file(name: str, root: Path) -> Path | None:
    """`root`-relative file of a first-party module (`a.b` -> a/b.py or a/b/__init__.py), else None."""
    if name.split(".")[0] not in FIRST_PARTY:
        return None
    base = Path(*name.split("."))
    for rel in (base.with_suffix(".py"), base / "__init__.py"):
        if (root / rel).is_file():
            return rel
    return None


def _imported_names(rel: Path, root: Path) -> set[str]:
    """Every module name `rel` imports, anywhere in the file (`from a import b` gives `a` and `a.b`)."""
    tree = ast.parse((root / rel).read_bytes(), filename=str(rel))
    package = list(rel.parent.parts)  # the package a relative import starts from
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            anchor = package[: len(package) - node.level + 1] if node.level else []
            prefix = ".".join([*anchor, *([node.module] if node.module else [])])
            names.add(prefix)
            names.update(f"{prefix}.{a.name}" for a in node.names)
    return names


def import_closure(entries: Iterable[str], root: Path = ROOT) -> list[Path]:
    """The first-party files `entries` import, directly or not, with the package `__init__`s each import runs."""
    seen: set[Path] = set()
    todo = list(entries)
    while todo:
        name = todo.pop()
        parts = name.split(".")
        for i in range(1, len(parts) + 1):  # importing a.b.c runs a/__init__.py and a/b/__init__.py first
            rel = _module_file(".".join(parts[:i]), root)
            if rel is not None and rel not in seen:
                seen.add(rel)
                todo.extend(_imported_names(rel, root))
    return sorted(seen)


def data_files(modules: Iterable[Path], root: Path = ROOT) -> list[Path]:
    """Non-code files in the folders of `modules` (and their sub-folders that are not packages)."""
    out: set[Path] = set()
    folders = {m.parent for m in modules}
    for folder in folders:
        stack = [root / folder]
        while stack:
            here = stack.pop()
            for p in here.iterdir():
                if p.is_dir():
                    if p.name != "__pycache__" and not (p / "__init__.py").exists():
                        stack.append(p)
                elif p.suffix not in _NOT_DATA:
                    out.add(p.relative_to(root))
    return sorted(out)


def library_versions(distributions: Iterable[str]) -> list[str]:
    """`name==version` of each distribution (`name absent` when it is not installed)."""
    out = []
    for dist in distributions:
        try:
            out.append(f"{dist}=={importlib.metadata.version(dist)}")
        except importlib.metadata.PackageNotFoundError:
            out.append(f"{dist} absent")
    return out


def fingerprint(entries: Iterable[str], libraries: Iterable[str], root: Path = ROOT) -> str:
    """sha256 (16 hex) of the code `entries` import, the data files beside it, the libraries' versions and
    the Python version."""
    h = hashlib.sha256(f"python {sys.version_info.major}.{sys.version_info.minor}\n".encode())
    for line in library_versions(libraries):
        h.update(line.encode() + b"\n")
    modules = import_closure(entries, root)
    for rel in [*modules, *data_files(modules, root)]:
        h.update(rel.as_posix().encode() + b"\0" + (root / rel).read_bytes() + b"\0")
    return h.hexdigest()[:16]


@cache
def extraction_fingerprint() -> str:
    """What turns an input unit into extracted rows: the store of extracted parts is kept while it holds."""
    return fingerprint(EXTRACTION_ENTRIES, EXTRACTION_LIBRARIES)


@cache
def assembly_fingerprint() -> str:
    """What turns a part's rows into validated table rows: cached assembly results are kept while it holds."""
    return fingerprint(ASSEMBLY_ENTRIES, ASSEMBLY_LIBRARIES)
