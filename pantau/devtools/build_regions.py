"""Derive ``regions.csv`` and ``villages.csv.gz`` from the Kemendagri region codes.

Source: ``db/wilayah.sql`` of the public repository ``cahyadsn/wilayah`` (MIT licence,
copyright Cahya DSN), which lists every Indonesian region with its code as set by
Keputusan Menteri Dalam Negeri (Kepmendagri) No 300.2.2-2138 Tahun 2025. A copy lives at
``../shared/data/regions/wilayah.sql`` (from the repository root).

Run from the repository root::

    python -m pantau.devtools.build_regions                # default source path
    python -m pantau.devtools.build_regions path/to/wilayah.sql

The output is deterministic: rows sorted by code, ``\\n`` line endings, gzip written with
mtime 0. The ``# derived_on`` date in the header is only bumped when the derived rows or
the source checksum change, so running the script twice gives identical bytes.

Code levels: ``64`` province, ``64.02`` regency (``Kabupaten …``) or city (``Kota …``),
``64.02.03`` district (kecamatan / distrik), ``64.02.03.2001`` village (desa / kelurahan).
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import io
import re
import sys
from pathlib import Path

from pantau import lexicon
from pantau.devtools import SHARED

DEFAULT_SOURCE = SHARED / "data" / "regions" / "wilayah.sql"
LEXICON_DIR = lexicon.DIR
REGIONS_CSV = LEXICON_DIR / "regions.csv"
VILLAGES_CSV_GZ = LEXICON_DIR / "villages.csv.gz"
COLUMNS = ("code", "name", "official_name", "level", "parent_code")

# One SQL tuple: ('64.02','Kabupaten Kutai Kartanegara'); quotes inside names are doubled.
_ROW = re.compile(r"\('(\d{2}(?:\.\d{2}){0,2}(?:\.\d{4})?)','((?:[^']|'')*)'\)")
# Longest first, so "Kota Administrasi Jakarta Selatan" loses the whole prefix.
_REGENCY_PREFIXES = (
    ("Kabupaten Administrasi ", "regency"),
    ("Kota Administrasi ", "city"),
    ("Kabupaten ", "regency"),
    ("Kab. ", "regency"),
    ("Kota ", "city"),
)


def parse_wilayah_sql(sql_text: str) -> list[dict[str, str]]:
    """Parse the ``INSERT`` tuples of wilayah.sql into region rows sorted by code.

    >>> rows = parse_wilayah_sql("('64','Kalimantan Timur'),\\n('64.02','Kabupaten Kutai Kartanegara'),\\n"
    ...                          "('64.02.03','Loa Janan'),\\n('64.72','Kota Samarinda');")
    >>> for row in rows:
    ...     print((row["code"], row["name"], row["level"], row["parent_code"]))
    ('64', 'Kalimantan Timur', 'province', '')
    ('64.02', 'Kutai Kartanegara', 'regency', '64')
    ('64.02.03', 'Loa Janan', 'district', '64.02')
    ('64.72', 'Samarinda', 'city', '64')
    """
    rows: dict[str, dict[str, str]] = {}
    for code, raw_name in _ROW.findall(sql_text):
        # The source has stray spaces ("Kota Administrasi Jakarta Utara ") and doubled quotes.
        official = " ".join(raw_name.replace("''", "'").split())
        parts = code.split(".")
        parent = ".".join(parts[:-1])
        if len(parts) == 1:
            level, name = "province", official
        elif len(parts) == 2:
            prefixed = [(prefix, lvl) for prefix, lvl in _REGENCY_PREFIXES if official.startswith(prefix)]
            if not prefixed:
                raise ValueError(f"regency/city without Kabupaten/Kota prefix: {code} {official!r}")
            prefix, level = prefixed[0]
            name = official[len(prefix) :]
        elif len(parts) == 3:
            level, name = "district", official
        else:
            level, name = "village", official
        if code in rows and rows[code]["official_name"] != official:
            raise ValueError(f"code {code} listed twice with different names")
        rows[code] = {"code": code, "name": name, "official_name": official, "level": level, "parent_code": parent}
    return [rows[c] for c in sorted(rows, key=lambda c: tuple(c.split(".")))]


def _source_last_edit(sql_text: str) -> str:
    m = re.search(r"last edit:\s*([0-9-]+)", sql_text)
    return m.group(1) if m else "unknown"


def _header(kind: str, source_sha256: str, last_edit: str, derived_on: str) -> str:
    return "".join(
        f"# {line}\n"
        for line in (
            f"{kind} of Indonesia with Kemendagri codes, derived by pantau/lexicon/build_regions.py",
            "source: cahyadsn/wilayah db/wilayah.sql (https://github.com/cahyadsn/wilayah), "
            f"last edit {last_edit}, sha256 {source_sha256}",
            "licence: MIT, copyright (c) Cahya DSN (cahyadsn/wilayah)",
            "codes: Keputusan Menteri Dalam Negeri No 300.2.2-2138 Tahun 2025",
            f"derived_on: {derived_on}",
            "name = official_name without Kabupaten/Kota/Kota Administrasi prefix; lines starting with # are comments",
        )
    )


def _body(rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def _previous(text: str) -> tuple[str | None, str]:
    """(derived_on, everything except the derived_on line) of an existing output."""
    m = re.search(r"^# derived_on: (\S+)\n", text, flags=re.M)
    return (m.group(1) if m else None), re.sub(r"^# derived_on: \S+\n", "", text, flags=re.M)


def _render(kind: str, rows, sha, last_edit, old_text: str | None) -> str:
    body = _body(rows)
    if old_text is not None:
        old_date, old_rest = _previous(old_text)
        if old_date and _previous(_header(kind, sha, last_edit, old_date) + body)[1] == old_rest:
            return old_text  # nothing changed: keep the original derivation date
    return _header(kind, sha, last_edit, dt.date.today().isoformat()) + body


def build(source: Path = DEFAULT_SOURCE, out_dir: Path = LEXICON_DIR) -> dict[str, int]:
    """Write regions.csv and villages.csv.gz under ``out_dir``; return row counts by level."""
    raw = source.read_bytes()
    sql_text = raw.decode("utf-8")
    sha = hashlib.sha256(raw).hexdigest()
    last_edit = _source_last_edit(sql_text)
    rows = parse_wilayah_sql(sql_text)
    regions = [r for r in rows if r["level"] != "village"]
    villages = [r for r in rows if r["level"] == "village"]

    regions_path = out_dir / REGIONS_CSV.name
    old = regions_path.read_text("utf-8") if regions_path.exists() else None
    regions_path.write_text(
        _render("Provinces, regencies/cities and districts", regions, sha, last_edit, old), "utf-8", newline="\n"
    )

    villages_path = out_dir / VILLAGES_CSV_GZ.name
    old = gzip.decompress(villages_path.read_bytes()).decode("utf-8") if villages_path.exists() else None
    text = _render("Villages (desa/kelurahan)", villages, sha, last_edit, old)
    buf = io.BytesIO()
    # filename="" and mtime=0 keep the gzip header free of run-specific bytes.
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write(text.encode("utf-8"))
    villages_path.write_bytes(buf.getvalue())

    counts: dict[str, int] = {}
    for r in rows:
        counts[r["level"]] = counts.get(r["level"], 0) + 1
    return counts


if __name__ == "__main__":
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE
    print(build(src))
