"""Stage 1, raw: find input files under a root and turn them into raw documents or quarantine rows.

Nothing here raises for a bad input: an unreadable, empty, binary or undecodable file becomes a
`Quarantined` row with a reason, and every other file is still read.
"""
from __future__ import annotations

import codecs
import gzip
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")


@dataclass(frozen=True)
class InputFile:
    """One file under the input root; `rel` is its POSIX path relative to the root."""
    path: str
    rel: str
    size: int


@dataclass
class RawDoc:
    """One article as read: decoded text plus whatever metadata the container carried."""
    source_path: str
    text: str
    meta: dict = field(default_factory=dict)  # outlet, title, published, url from JSON Lines / HTML


@dataclass(frozen=True)
class Quarantined:
    """An input (or a row) set aside with the stage that rejected it and why."""
    source: str
    stage: str
    reason: str


def _suffix_kind(name: str) -> str | None:
    low = name.lower()
    if low.endswith(TEXT_SUFFIXES):
        return "txt"
    if low.endswith(JSONL_SUFFIXES):
        return "jsonl"
    return None


def discover_inputs(root: str | os.PathLike) -> tuple[list[InputFile], list[Quarantined]]:
    """Every readable input file under `root`, recursively, sorted by relative path.

    Symlinks that resolve outside the root are skipped with a quarantine row, so an input tree can
    never make the build read `/etc/passwd`.
    """
    base = Path(root).resolve()
    files: list[InputFile] = []
    skipped: list[Quarantined] = []
    for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames):
            if _suffix_kind(name) is None:
                continue
            p = Path(dirpath) / name
            rel = p.relative_to(base).as_posix()
            try:
                real = p.resolve(strict=True)
                real.relative_to(base)
            except FileNotFoundError:
                skipped.append(Quarantined(rel, "ingest", "file disappeared or is a broken link"))
                continue
            except (ValueError, OSError):
                skipped.append(Quarantined(rel, "ingest", "path resolves outside the input root"))
                continue
            try:
                size = real.stat().st_size
            except OSError as e:
                skipped.append(Quarantined(rel, "ingest", f"cannot stat file: {e.strerror or e}"))
                continue
            files.append(InputFile(str(p), rel, size))
    files.sort(key=lambda f: f.rel)
    return files, skipped


class DecodeError(ValueError):
    """Bytes that are not text we can read."""


def looks_binary(data: bytes) -> bool:
    """True for bytes that are clearly not text: NUL bytes or many control characters."""
    sample = data[:65536]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    ctrl = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return ctrl / len(sample) > 0.02


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode article bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252/Latin-1.

    >>> decode_bytes("Pilkada damai".encode("utf-8-sig"))
    ('Pilkada damai', 'utf-8-sig')
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            raise DecodeError(f"invalid UTF-16: {e.reason}") from None
    if looks_binary(data):
        raise DecodeError("binary content (NUL or control bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def read_input(f: InputFile) -> Iterator[RawDoc | Quarantined]:
    """Yield the raw documents in one input file (one for .txt, one per line for JSON Lines)."""
    kind = _suffix_kind(f.rel)
    try:
        if kind == "jsonl" and f.rel.lower().endswith(".gz"):
            with gzip.open(f.path, "rb") as fh:
                data = fh.read()
        else:
            with open(f.path, "rb") as fh:
                data = fh.read()
    except FileNotFoundError:
        yield Quarantined(f.rel, "ingest", "file disappeared before it was read")
        return
    except PermissionError:
        yield Quarantined(f.rel, "ingest", "permission denied")
        return
    except (OSError, EOFError) as e:
        yield Quarantined(f.rel, "ingest", f"unreadable: {type(e).__name__}")
        return
    if kind == "jsonl":
        yield from _read_jsonl(f.rel, data)
        return
    yield _doc_from_bytes(f.rel, data)


def _doc_from_bytes(source: str, data: bytes) -> RawDoc | Quarantined:
    if not data.strip():
        return Quarantined(source, "ingest", "empty file")
    try:
        text, enc = decode_bytes(data)
    except DecodeError as e:
        return Quarantined(source, "ingest", str(e))
    if not text.strip():
        return Quarantined(source, "ingest", "empty file (whitespace only)")
    return RawDoc(source, text, {"encoding": enc})


def _read_jsonl(source: str, data: bytes) -> Iterator[RawDoc | Quarantined]:
    try:
        text, _ = decode_bytes(data)
    except DecodeError as e:
        yield Quarantined(source, "ingest", str(e))
        return
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}#{n}"
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as e:
            yield Quarantined(where, "ingest", f"invalid JSON: {getattr(e, 'msg', type(e).__name__)}")
            continue
        if not isinstance(obj, dict):
            yield Quarantined(where, "ingest", "JSON line is not an object")
            continue
        body = obj.get("text") or obj.get("body") or obj.get("content")
        if not isinstance(body, str) or not body.strip():
            yield Quarantined(where, "ingest", "JSON object has no non-empty 'text'")
            continue
        meta = {k: obj.get(k) for k in ("id", "outlet", "title", "published", "url")
                if isinstance(obj.get(k), str) and obj.get(k)}
        yield RawDoc(where, body, meta)


def content_hash(data: bytes | str, n: int = 16) -> str:
    """Hex sha256 prefix used for stable ids."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:n]
