"""Stage 1, raw: find input files under a root and turn them into raw documents or quarantine rows.

Inputs: plain text (`.txt`), JSON Lines (`.jsonl`, `.jsonl.gz`, `.ndjson`: one object per line),
saved HTML pages (`.html`, `.htm`: main text and metadata via trafilatura) and crawler archives
(`.warc`, `.warc.gz`: every HTML response record is one article, `crawl.warc.gz#<record>`).

Nothing here raises for a bad input: an unreadable, empty, binary, undecodable, oversized or vanished
file becomes a `Quarantined` row with a short reason (never the article text), and every other file
is still read. JSON Lines and WARC files are streamed, so their size is not limited; other files
above `MAX_FILE_BYTES` are set aside unread.
"""

from __future__ import annotations

import codecs
import errno
import gzip
import hashlib
import io
import json
import logging
import os
import re
import stat
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
HTML_SUFFIXES = (".html", ".htm")
WARC_SUFFIXES = (".warc", ".warc.gz")

MAX_FILE_BYTES = 50 * 1024 * 1024  # whole-file inputs (.txt, .html) above this are not read
MAX_RECORD_BYTES = 8 * 1024 * 1024  # one JSON line or one WARC record payload
MAX_ARTICLE_CHARS = 300_000  # ~100 pages: longer "articles" are junk and slow every extractor
MIN_HTML_WORDS = 20  # an HTML page whose main text is shorter has no article
MAX_REASON_CHARS = 200  # quarantine reasons are short and never carry article text

_META_LIMITS = {
    "id": 200,
    "outlet": 200,
    "title": 500,
    "author": 200,
    "published": 100,
    "url": 2000,
    "fetched": 100,
    "encoding": 40,
}


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
    meta: dict = field(default_factory=dict)  # outlet, title, published, url from JSON Lines / HTML / WARC


@dataclass(frozen=True)
class Quarantined:
    """An input (or a row) set aside with the stage that rejected it and why (at most 200 characters)."""

    source: str
    stage: str
    reason: str

    def __post_init__(self):
        # a reason is a diagnosis, never a dump of the input: cut anything long
        if len(self.reason) > MAX_REASON_CHARS:
            object.__setattr__(self, "reason", self.reason[: MAX_REASON_CHARS - 1] + "…")


def input_kind(name: str) -> str | None:
    """`txt`, `jsonl`, `html`, `warc` or None (not an input) from a file name.

    >>> input_kind("crawl/2024-11.warc.gz"), input_kind("page.HTM"), input_kind("notes.md")
    ('warc', 'html', None)
    """
    low = name.lower()
    if low.endswith(TEXT_SUFFIXES):
        return "txt"
    if low.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if low.endswith(HTML_SUFFIXES):
        return "html"
    if low.endswith(WARC_SUFFIXES):
        return "warc"
    return None


_suffix_kind = input_kind  # older name


def printable_path(rel: str) -> str:
    """A path as valid UTF-8 text: undecodable bytes in file names become `\\xNN` escapes.

    >>> printable_path("caf\\udce9.txt")
    'caf\\\\xe9.txt'
    """
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def discover_inputs(root: str | os.PathLike) -> tuple[list[InputFile], list[Quarantined]]:
    """Every readable input file under `root`, recursively, sorted by relative path.

    Symlinks that resolve outside the root (directly or through `..`) are skipped with a quarantine
    row, so an input tree can never make the build read `/etc/passwd`; so are symlink loops, named
    pipes and devices (reading one would hang), unlistable folders and whole-file inputs too large to
    read. Symlinked folders are not descended into.
    """
    base = Path(root).resolve()
    files: list[InputFile] = []
    skipped: list[Quarantined] = []

    def walk_error(err: OSError) -> None:
        row = _unlistable_folder(err, base)
        if row is not None:
            skipped.append(row)

    for dirpath, dirnames, filenames in os.walk(base, followlinks=False, onerror=walk_error):
        dirnames.sort()
        skipped.extend(_folder_links_outside(Path(dirpath), dirnames, base))
        for name in sorted(filenames):
            kind = input_kind(name)
            if kind is None:
                continue
            found = _input_file(Path(dirpath) / name, base, kind)
            if isinstance(found, InputFile):
                files.append(found)
            else:
                skipped.append(found)
    files.sort(key=lambda f: f.rel)
    return files, skipped


def _unlistable_folder(err: OSError, base: Path) -> Quarantined | None:
    """The quarantine row for a folder `os.walk` could not list (None for the root itself)."""
    where = Path(err.filename) if err.filename else base
    if where == base:
        return None
    try:
        rel = where.relative_to(base).as_posix()
    except ValueError:
        rel = where.name
    return Quarantined(
        printable_path(rel or "."), "ingest", f"cannot list folder: {err.strerror or type(err).__name__}"
    )


def _folder_links_outside(folder: Path, dirnames: list[str], base: Path) -> list[Quarantined]:
    """Symlinked subfolders are never walked; say so for those that point out of the root."""
    rows = []
    for name in dirnames:
        subfolder = folder / name
        if not subfolder.is_symlink():
            continue
        try:
            subfolder.resolve(strict=True).relative_to(base)
        except (ValueError, OSError, RuntimeError):
            rows.append(
                Quarantined(
                    printable_path(subfolder.relative_to(base).as_posix()),
                    "ingest",
                    "symlinked folder outside the input root (not followed)",
                )
            )
    return rows


def _input_file(path: Path, base: Path, kind: str) -> InputFile | Quarantined:
    """One candidate file under `base`: the input to read, or the quarantine row saying why it is skipped."""
    rel = printable_path(path.relative_to(base).as_posix())
    if rel != path.relative_to(base).as_posix():
        # the path is written into every table as text; one that is not UTF-8 cannot be kept
        return Quarantined(rel, "ingest", "file name is not valid UTF-8 (rename the file)")
    real, reason = _resolve_within(path, base)
    if real is None:
        return Quarantined(rel, "ingest", reason)
    try:
        st = real.stat()
    except OSError as e:
        return Quarantined(rel, "ingest", f"cannot stat file: {e.strerror or e}")
    if not stat.S_ISREG(st.st_mode):
        return Quarantined(rel, "ingest", "not a regular file (pipe, socket or device)")
    if kind in ("txt", "html") and st.st_size > MAX_FILE_BYTES:
        return Quarantined(rel, "ingest", _TOO_LARGE)
    return InputFile(str(path), rel, st.st_size)


def _resolve_within(path: Path, base: Path) -> tuple[Path | None, str]:
    """The real path of `path` if it exists inside `base`, else None and the reason."""
    try:
        real = path.resolve(strict=True)
        real.relative_to(base)
    except FileNotFoundError:
        return None, "file disappeared or is a broken link"
    except RuntimeError:  # Python < 3.13 reports a symlink loop this way
        return None, "symlink loop"
    except ValueError:
        return None, "path resolves outside the input root"
    except OSError as e:
        if e.errno == errno.ELOOP:
            return None, "symlink loop"
        return None, f"cannot resolve path: {e.strerror or type(e).__name__}"
    return real, ""


_TOO_LARGE = f"file too large (over {MAX_FILE_BYTES // 2**20} MB; only JSON Lines and WARC files stream)"


# ---------------------------------------------------------------------------------------------- decoding


class DecodeError(ValueError):
    """Bytes that are not text we can read."""


def looks_binary(data: bytes) -> bool:
    """True for bytes that are clearly not text: NUL bytes or many control characters."""
    sample = data[:65536]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    ctrl = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return ctrl / len(sample) > 0.02


def _bom_encoding(data: bytes) -> tuple[str, int] | None:
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return enc, len(bom)
    return None


def _bomless_utf16(data: bytes) -> str | None:
    """`utf-16-le`/`utf-16-be` for BOM-less UTF-16 text (NUL in every other byte), else None."""
    sample = data[:4096]
    n = len(sample) // 2
    if n < 4:
        return None
    even = sum(1 for i in range(0, 2 * n, 2) if sample[i] == 0)
    odd = sum(1 for i in range(1, 2 * n, 2) if sample[i] == 0)
    if odd > 0.4 * n and even < 0.05 * n:
        return "utf-16-le"
    if even > 0.4 * n and odd < 0.05 * n:
        return "utf-16-be"
    return None


def _control_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    return sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f") / len(sample)


# When charset-normalizer finds several equally clean readings, these win (in this order): Indonesian
# news in a legacy encoding is nearly always Windows-1252, of which Latin-1 is the printable subset.
_PREFERRED = ("cp1252", "cp1251", "koi8_r", "gb18030", "big5", "cp932", "euc_kr", "cp1256", "cp874")


def detect_legacy_encoding(data: bytes) -> str:
    """The most likely single-byte/CJK encoding of bytes that are not UTF-8 (charset-normalizer).

    >>> text = "Caf\\u00e9 \\u201cKopi\\u201d di Jalan Merdeka \\u2013 ramai pengunjung."
    >>> detect_legacy_encoding(text.encode("cp1252"))
    'cp1252'
    """
    from charset_normalizer import from_bytes  # a missing library stops the build at start (build.check_dependencies)

    try:
        results = from_bytes(data[:262144])
    except Exception as e:  # noqa: BLE001 - detection is a hint: fall back to the commonest legacy encoding, and say so
        log.warning("charset detection failed (%s); reading the bytes as cp1252", type(e).__name__)
        return "cp1252"
    cands = [m for m in results if not m.encoding.startswith(("utf_16", "utf_32"))]
    if not cands:
        return "cp1252"
    low = min(m.chaos for m in cands)
    clean = [m for m in cands if m.chaos <= low + 0.02]
    for pref in _PREFERRED:
        for m in clean:
            if m.encoding == pref or pref in m.could_be_from_charset:
                return pref
    return clean[0].encoding


def _utf8_mostly(line: bytes) -> bool:
    """True when a line that is not valid UTF-8 still reads best as UTF-8 (a few stray bytes among
    real multi-byte characters): more good non-ASCII characters than runs of bad bytes."""
    text = line.decode("utf-8", errors="replace")
    bad_runs = len(re.findall("\ufffd+", text))
    good = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    return good > bad_runs


def _decode_mixed(data: bytes) -> str | None:
    """Text where some lines are UTF-8 and others a legacy encoding (concatenated scrapes): decode line
    by line. None when no line has UTF-8 multi-byte characters (then the whole file is legacy)."""
    lines = data.split(b"\n")
    bad = {i for i, ln in enumerate(lines) if not _is_utf8(ln)}
    if not any(ln and max(ln) > 127 and _is_utf8(ln) for ln in lines) and not any(_utf8_mostly(lines[i]) for i in bad):
        return None
    legacy = [lines[i] for i in bad if not _utf8_mostly(lines[i])]
    enc = detect_legacy_encoding(b"\n".join(legacy)) if legacy else "cp1252"
    out = []
    for i, ln in enumerate(lines):
        if i not in bad:
            out.append(ln.decode("utf-8"))
        elif _utf8_mostly(ln):
            out.append(ln.decode("utf-8", errors="replace"))
        else:
            try:
                out.append(ln.decode(enc))
            except (UnicodeDecodeError, LookupError):
                out.append(ln.decode("cp1252", errors="replace"))
    return "\n".join(out)


def _is_utf8(b: bytes) -> bool:
    try:
        b.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode article bytes: BOM (UTF-8/16/32), BOM-less UTF-16, UTF-8, else charset-normalizer's guess.

    >>> decode_bytes("Pilkada damai".encode("utf-8-sig"))
    ('Pilkada damai', 'utf-8-sig')
    >>> decode_bytes("Caf\\u00e9 Pilkada".encode("utf-16"))[0]
    'Café Pilkada'
    """
    bom = _bom_encoding(data)
    if bom:
        enc, n = bom
        try:
            text = data[n:].decode(enc)
        except UnicodeDecodeError as e:
            raise DecodeError(f"invalid {enc.upper()}: {e.reason}") from None
        return text, (
            "utf-8-sig"
            if enc == "utf-8"
            else enc.replace("-le", "").replace("-be", "")
            if enc.startswith("utf-16")
            else enc
        )
    enc16 = _bomless_utf16(data)
    if enc16:
        try:
            text = data[: len(data) // 2 * 2].decode(enc16)
            if _control_share(text) < 0.02:
                return text, enc16
        except UnicodeDecodeError:
            pass
    if looks_binary(data):
        raise DecodeError("binary content (NUL or control bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mixed = _decode_mixed(data)
    if mixed is not None:
        return mixed, "utf-8+legacy"
    enc = detect_legacy_encoding(data)
    try:
        return data.decode(enc), enc
    except (UnicodeDecodeError, LookupError):
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def clean_str(s: str) -> str:
    """Lone surrogates (from JSON `\\ud800` escapes or broken decoders) become U+FFFD, so the text
    can always be written as UTF-8 (Parquet, DuckDB)."""
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return s.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _clean_meta(meta: dict) -> dict:
    out = {}
    for k, v in meta.items():
        if not isinstance(v, str):
            continue
        v = " ".join(clean_str(v).split())[: _META_LIMITS.get(k, 500)]
        if v:
            out[k] = v
    return out


def _article(source: str, text: str, meta: dict) -> RawDoc | Quarantined:
    """A RawDoc, unless the text is empty or too long to be one article."""
    if not text.strip():
        return Quarantined(source, "ingest", "empty text")
    if len(text) > MAX_ARTICLE_CHARS:
        return Quarantined(source, "ingest", f"text too long for one article (over {MAX_ARTICLE_CHARS:,} characters)")
    return RawDoc(source, clean_str(text), _clean_meta(meta))


# ---------------------------------------------------------------------------------------------- reading


def _open_input(path: str):
    """Open a regular file for binary reading; never blocks on a named pipe that replaced a file."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise IsADirectoryError(21, "not a regular file") if stat.S_ISDIR(st.st_mode) else _NotRegular()
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb"), st.st_size
    except BaseException:
        os.close(fd)
        raise


class _NotRegular(OSError):
    pass


def read_input(f: InputFile) -> Iterator[RawDoc | Quarantined]:
    """Yield the raw documents in one input file: one for `.txt`/`.html`, one per line for JSON Lines,
    one per HTML response record for WARC. Never raises for a bad file: it yields a `Quarantined` row."""
    kind = input_kind(f.rel) or "txt"
    emitted = 0
    try:
        fh, size = _open_input(f.path)
    except FileNotFoundError:
        yield Quarantined(f.rel, "ingest", "file disappeared before it was read")
        return
    except PermissionError:
        yield Quarantined(f.rel, "ingest", "permission denied")
        return
    except _NotRegular:
        yield Quarantined(f.rel, "ingest", "not a regular file (pipe, socket or device)")
        return
    except OSError as e:
        yield Quarantined(f.rel, "ingest", f"unreadable: {e.strerror or type(e).__name__}")
        return
    try:
        with fh:
            if kind == "jsonl":
                reader = _read_jsonl(f.rel, fh)
            elif kind == "warc":
                reader = _read_warc(f.rel, fh)
            elif size > MAX_FILE_BYTES:
                reader = iter([Quarantined(f.rel, "ingest", _TOO_LARGE)])
            else:
                data = fh.read(MAX_FILE_BYTES + 1)
                if len(data) > MAX_FILE_BYTES:
                    reader = iter([Quarantined(f.rel, "ingest", _TOO_LARGE)])
                elif kind == "html":
                    reader = iter([doc_from_html(f.rel, data)])
                else:
                    reader = iter([_doc_from_bytes(f.rel, data)])
            for item in reader:
                emitted += 1
                yield item
    except FileNotFoundError:
        yield Quarantined(f.rel, "ingest", "file disappeared while it was read")
    except PermissionError:
        yield Quarantined(f.rel, "ingest", "permission denied")
    except Exception as e:  # noqa: BLE001 - one bad file never stops the build
        where = "after the first documents" if emitted else "while reading"
        yield Quarantined(f.rel, "ingest", f"read failed {where}: {type(e).__name__}")


def _doc_from_bytes(source: str, data: bytes) -> RawDoc | Quarantined:
    if not data.strip():
        return Quarantined(source, "ingest", "empty file")
    try:
        text, enc = decode_bytes(data)
    except DecodeError as e:
        return Quarantined(source, "ingest", str(e))
    if not text.strip():
        return Quarantined(source, "ingest", "empty file (whitespace only)")
    return _article(source, text, {"encoding": enc})


# ---------------------------------------------------------------------------------------------- JSON Lines


def json_line_doc(source: str, raw: bytes | str) -> RawDoc | Quarantined:
    """One JSON Lines record -> RawDoc, or a quarantine row saying what is wrong with it.

    The article text is `text` (or `body`/`content`); an object with only `html` is read like a saved
    page. Metadata keys kept: `id`, `outlet`, `title`, `published`, `url`, `author`.

    >>> json_line_doc("a.jsonl#1", b'{"text": "Bawaslu Kukar menggelar rapat.", "outlet": "Bebaca.id"}').meta
    {'outlet': 'Bebaca.id'}
    """
    if isinstance(raw, bytes):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            try:
                line, _ = decode_bytes(raw)
            except DecodeError as e:
                return Quarantined(source, "ingest", str(e))
    else:
        line = raw
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        return Quarantined(source, "ingest", f"invalid JSON: {e.msg}")
    except RecursionError:
        return Quarantined(source, "ingest", "invalid JSON: nested too deeply")
    except (ValueError, MemoryError) as e:
        what = "a number with too many digits" if "digits" in str(e) else type(e).__name__
        return Quarantined(source, "ingest", f"invalid JSON: {what}")
    if not isinstance(obj, dict):
        return Quarantined(source, "ingest", "JSON line is not an object")
    meta = {k: obj.get(k) for k in ("id", "outlet", "title", "published", "url", "author")}
    body = obj.get("text") or obj.get("body") or obj.get("content")
    if not (isinstance(body, str) and body.strip()) and isinstance(obj.get("html"), str) and obj["html"].strip():
        url = meta["url"] if isinstance(meta.get("url"), str) else None
        return doc_from_html(
            source,
            clean_str(obj["html"]).encode("utf-8"),
            url=url,
            extra_meta={k: v for k, v in meta.items() if isinstance(v, str) and v},
        )
    if not isinstance(body, str) or not body.strip():
        return Quarantined(source, "ingest", "JSON object has no non-empty 'text'")
    if isinstance(meta.get("author"), str) and meta["author"].strip():
        body = _with_byline(body, meta["author"])
    return _article(source, body, meta)


STREAM_ERRORS = (OSError, EOFError, zlib.error)  # what reading a truncated or corrupt gzip stream raises


def open_jsonl(name: str, fileobj: io.BufferedIOBase | None = None) -> io.BufferedIOBase:
    """The decompressed bytes of the JSON Lines file `name` (gzip when the name ends in `.gz`): read from
    `fileobj` when given (closing the result then leaves `fileobj` open), else opened from the path `name`."""
    gz = name.lower().endswith(".gz")
    if fileobj is None:
        return gzip.GzipFile(name, "rb") if gz else open(name, "rb")
    return gzip.GzipFile(fileobj=fileobj, mode="rb") if gz else fileobj


@dataclass(frozen=True)
class JsonlHead:
    """What the first bytes of a JSON Lines stream say about how to read it."""

    wide: str | None  # `utf-16-le`, `utf-32-be`...: not byte-oriented, decode it as a text stream
    bom: int  # bytes of byte-order mark to skip before decoding a wide stream
    binary: bool  # not wide, yet NUL or control bytes and no JSON object in sight: not text


def sniff_jsonl(stream: io.BufferedIOBase) -> JsonlHead:
    """Look at (without consuming) the first 64 KiB of a JSON Lines byte stream from `open_jsonl`.

    Raises one of `STREAM_ERRORS` when a gzip stream cannot be read at all.

    >>> sniff_jsonl(io.BufferedReader(io.BytesIO(b'{"text": "Rapat pleno KPU."}\\n')))
    JsonlHead(wide=None, bom=0, binary=False)
    """
    head = stream.peek(65536)[:65536] if hasattr(stream, "peek") else b""
    wide = jsonl_wide_encoding(head)
    bom = _bom_encoding(head)
    binary = not wide and looks_binary(head) and b"\n{" not in head and not head.lstrip().startswith(b"{")
    return JsonlHead(wide, bom[1] if wide and bom else 0, binary)


def json_line_bytes(raw: bytes, first: bool) -> bytes:
    """One JSON line as stored (the file's first line may carry a UTF-8 BOM), without BOM and newline."""
    if first and raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    return raw.rstrip(b"\r\n")


@dataclass(frozen=True)
class JsonLine:
    """One non-blank line of a UTF-8 JSON Lines stream: 1-based line number, byte offset and length of
    the whole line (with its newline) in the decompressed stream, and the line without BOM/newline."""

    n: int
    offset: int
    length: int
    raw: bytes


def jsonl_wide_encoding(head: bytes) -> str | None:
    """`utf-16-le`/`utf-16-be`/`utf-32-*` when a JSON Lines file is not byte-oriented (read it whole
    with `read_input`, which decodes it as a stream); None for UTF-8."""
    bom = _bom_encoding(head)
    if bom:
        return None if bom[0] == "utf-8" else bom[0]
    return _bomless_utf16(head)


def iter_json_lines(stream, source: str) -> Iterator[JsonLine | Quarantined]:
    """The lines of a UTF-8 JSON Lines byte stream (plain or a `gzip.GzipFile`), memory-flat.

    Never raises for bad data: a line over `MAX_RECORD_BYTES` is skipped with a `Quarantined` row
    (`source#n`), and a truncated or corrupt gzip stream ends the iteration with one. Blank lines are
    skipped. `pantau.pipeline.units` uses this to cut files into units; `read_input` to read them.
    """
    n = 0
    offset = 0
    while True:
        try:
            line = stream.readline(MAX_RECORD_BYTES + 1)
        except STREAM_ERRORS as e:
            yield Quarantined(source if n == 0 else f"{source}#{n + 1}", "ingest", _gzip_reason(e))
            return
        if not line:
            return
        n += 1
        start, length = offset, len(line)
        if len(line) > MAX_RECORD_BYTES and not line.endswith(b"\n"):
            yield Quarantined(f"{source}#{n}", "ingest", f"line too long (over {MAX_RECORD_BYTES // 2**20} MB)")
            try:
                while line and not line.endswith(b"\n"):
                    line = stream.readline(2**20)
                    length += len(line)
            except STREAM_ERRORS as e:
                yield Quarantined(f"{source}#{n + 1}", "ingest", _gzip_reason(e))
                return
            offset += length
            continue
        offset += length
        line = json_line_bytes(line, n == 1)
        if line.strip():
            yield JsonLine(n, start, length, line)


def _read_jsonl(source: str, fh) -> Iterator[RawDoc | Quarantined]:
    """Stream a JSON Lines file line by line (memory stays flat whatever the file's size)."""
    stream = open_jsonl(source, fh)
    try:
        head = sniff_jsonl(stream)
    except STREAM_ERRORS as e:
        yield Quarantined(source, "ingest", _gzip_reason(e))
        return
    if head.wide:
        yield from _read_jsonl_wide(source, stream, head.wide, head.bom)
        return
    if head.binary:
        yield Quarantined(source, "ingest", "binary content (NUL or control bytes), not text")
        return
    seen_any = False
    for item in iter_json_lines(stream, source):
        seen_any = True
        if isinstance(item, Quarantined):
            yield item
            continue
        yield json_line_doc(f"{source}#{item.n}", item.raw)
    if not seen_any:
        yield Quarantined(source, "ingest", "empty file")


def _read_jsonl_wide(source: str, stream, enc: str, skip: int) -> Iterator[RawDoc | Quarantined]:
    """JSON Lines in UTF-16/32 (with or without BOM): decode as a stream, then the same checks."""
    if skip:
        stream.read(skip)
    text = io.TextIOWrapper(stream, encoding=enc, errors="replace", newline=None)
    n = 0
    seen_any = False
    limit = MAX_RECORD_BYTES // 2
    while True:
        line = text.readline(limit + 1)
        if not line:
            break
        n += 1
        if len(line) > limit and not line.endswith("\n"):
            yield Quarantined(f"{source}#{n}", "ingest", f"line too long (over {MAX_RECORD_BYTES // 2**20} MB)")
            while line and not line.endswith("\n"):
                line = text.readline(2**20)
            continue
        if not line.strip():
            continue
        seen_any = True
        yield json_line_doc(f"{source}#{n}", line.rstrip("\r\n"))
    if not seen_any:
        yield Quarantined(source, "ingest", "empty file")


def _gzip_reason(e: BaseException) -> str:
    if isinstance(e, EOFError):
        return "gzip stream truncated"
    if isinstance(e, gzip.BadGzipFile):
        return "not a gzip file"
    if isinstance(e, zlib.error):
        return "corrupt gzip data"
    return f"unreadable: {getattr(e, 'strerror', None) or type(e).__name__}"


# ---------------------------------------------------------------------------------------------- HTML

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
# WHATWG: pages that declare Latin-1 or ASCII are decoded as Windows-1252
_HTML_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "windows-1252": "cp1252",
}


def decode_html(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode a page: BOM, then the HTTP charset, then `<meta charset>`, then UTF-8, then detection.

    >>> decode_html('<meta charset="windows-1252"><p>Caf\\u00e9</p>'.encode("cp1252"))[1]
    'cp1252'
    """
    if _bom_encoding(data) or _bomless_utf16(data):
        return decode_bytes(data)
    if looks_binary(data):
        raise DecodeError("binary content (NUL or control bytes), not text")
    m = _META_CHARSET.search(data[:4096])
    for label in (declared, m.group(1).decode("ascii", "replace") if m else None):
        if not label:
            continue
        enc = _HTML_ALIASES.get(label.strip().lower(), label.strip().lower())
        try:
            return data.decode(enc), enc
        except (LookupError, UnicodeDecodeError):
            continue
    return decode_bytes(data)


def _with_byline(text: str, author: str) -> str:
    """Append the page's author as a byline line, the form `clean_text` lifts into `articles.author`."""
    name = " ".join(author.split(";")[0].split())[:80]
    if not name:
        return text
    return text.rstrip() + "\n\nPenulis: " + name


def doc_from_html(
    source: str,
    data: bytes,
    *,
    url: str | None = None,
    declared_charset: str | None = None,
    extra_meta: dict | None = None,
) -> RawDoc | Quarantined:
    """A saved news page -> RawDoc: trafilatura's main text, and title, author, publish date, outlet
    (site name) and URL from the page's own metadata (`<title>`, OpenGraph, `article:published_time`,
    JSON-LD `NewsArticle`). A page with no article text is quarantined."""
    if not data.strip():
        return Quarantined(source, "ingest", "empty file")
    try:
        html, enc = decode_html(data, declared_charset)
    except DecodeError as e:
        return Quarantined(source, "ingest", str(e))
    if not html.strip():
        return Quarantined(source, "ingest", "empty file (whitespace only)")
    try:
        doc = _trafilatura_extract(html, url)
    except Exception as e:  # noqa: BLE001 - a page lxml cannot parse is junk, not a crash
        return Quarantined(source, "ingest", f"HTML could not be parsed: {type(e).__name__}")
    text = (doc.text or "") if doc is not None else ""
    if len(text.split()) < MIN_HTML_WORDS:
        return Quarantined(source, "ingest", "no article text found in the HTML page")
    meta = dict(extra_meta or {})
    meta["encoding"] = enc
    title = doc.title
    if title:
        meta.setdefault("title", title)
    host = (doc.hostname or "").lower()
    site = doc.sitename
    if site and site.lower() not in (host, host.removeprefix("www.")):  # trafilatura falls back to the host name
        meta.setdefault("outlet", site)
    if doc.date:
        meta.setdefault("published", doc.date)
    if url or doc.url:
        meta.setdefault("url", url or doc.url)
    if doc.author and "author" not in meta:
        meta["author"] = doc.author.split(";")[0].strip()
    if meta.get("author"):
        text = _with_byline(text, meta["author"])
    return _article(source, text, meta)


def _trafilatura_extract(html: str, url: str | None):
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.ERROR)  # its warnings quote page text
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    if html.lstrip().startswith("<?xml"):  # lxml refuses str input that declares an encoding
        html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html, count=1)
    return trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        deduplicate=False,
        favor_recall=True,
        date_extraction_params={"extensive_search": False, "original_date": True, "max_date": "2099-12-31"},
    )


# ---------------------------------------------------------------------------------------------- WARC

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _warc_iterator(fh):
    from warcio.archiveiterator import ArchiveIterator

    class QuietArchiveIterator(ArchiveIterator):
        # warcio prints the offending line (page text) on a bad record length; say less
        INC_RECORD = "pantau: WARC record at offset {0} has a bad length; skipping ahead\n"

    return QuietArchiveIterator(fh, check_digests=True)


def _read_warc(source: str, fh) -> Iterator[RawDoc | Quarantined]:
    """Every HTML response (or resource) record of a WARC/WARC.GZ file is one article, `source#<n>`;
    other records are set aside with the reason (request, warcinfo, not HTML, HTTP error)."""
    head = fh.peek(16)[:16] if hasattr(fh, "peek") else b""
    if not head:
        yield Quarantined(source, "ingest", "empty file")
        return
    n = 0
    try:
        for record in _warc_iterator(fh):
            n += 1
            where = f"{source}#{n}"
            yield _warc_record_doc(where, record)
    except Exception as e:  # noqa: BLE001 - keep what was read, report the rest of the file
        if n == 0:
            yield Quarantined(source, "ingest", f"not a WARC file or unreadable: {type(e).__name__}")
        else:
            yield Quarantined(
                f"{source}#{n + 1}",
                "ingest",
                f"WARC corrupt or truncated ({type(e).__name__}): the rest of the file is lost",
            )
        return
    if n == 0:
        yield Quarantined(source, "ingest", "WARC file has no records")


def _warc_record_doc(where: str, record) -> RawDoc | Quarantined:
    rtype = (record.rec_type or "unknown").lower()
    if rtype not in ("response", "resource"):
        return Quarantined(where, "ingest", f"WARC {rtype[:20]} record, not an article")
    if rtype == "response":
        if record.http_headers is None:
            return Quarantined(where, "ingest", "WARC response without HTTP headers")
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return Quarantined(where, "ingest", f"WARC response with HTTP status {status[:3] or 'unknown'}")
        ctype = record.http_headers.get_header("Content-Type") or ""
    else:
        ctype = record.rec_headers.get_header("Content-Type") or ""
    mime = ctype.split(";")[0].strip().lower()
    if mime not in _HTML_TYPES:
        return Quarantined(where, "ingest", f"WARC record is not HTML ({mime[:40] or 'no content type'})")
    stream = record.content_stream()
    payload = stream.read(MAX_RECORD_BYTES + 1)
    if len(payload) > MAX_RECORD_BYTES:
        return Quarantined(where, "ingest", f"WARC record too large (over {MAX_RECORD_BYTES // 2**20} MB)")
    stream.read()  # to the end, so the digest check sees the whole block
    if getattr(record.raw_stream, "limit", 0):
        return Quarantined(where, "ingest", "WARC record truncated")
    checker = getattr(record, "digest_checker", None)
    if checker is not None and checker.passed is False:
        return Quarantined(where, "ingest", "WARC record digest mismatch (corrupt)")
    charset = None
    m = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", ctype, re.IGNORECASE)
    if m:
        charset = m.group(1)
    meta = {}
    fetched = record.rec_headers.get_header("WARC-Date")
    if fetched:
        meta["fetched"] = fetched
    url = record.rec_headers.get_header("WARC-Target-URI")
    return doc_from_html(where, payload, url=url, declared_charset=charset, extra_meta=meta)


def content_hash(data: bytes | str, n: int = 16) -> str:
    """Hex sha256 prefix used for stable ids."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:n]
