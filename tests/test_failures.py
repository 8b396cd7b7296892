"""No silent failures: an extractor that raises on one article costs that article only its own rows and
leaves one quarantine row (which step, which exception, where; never the text); a broken install stops the
build at start with one line."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import polars as pl
import pytest

import pantau.pipeline.extract as extract
import pantau.pipeline.extract.indicators as indicators
import pantau.pipeline.extract.ner as ner
import pantau.pipeline.stage as stage
from conftest import ROOT, SEEDS, SHARED
from pantau.cli import main as pantau_main
from pantau.pipeline.build import REQUIRED_LIBRARIES, BuildError, check_dependencies, run_build
from pantau.pipeline.ingest import RawDoc
from pantau.pipeline.stage import process_documents

ARTICLE = (
    "SAMARINDA – Badan Pengawas Pemilu (Bawaslu) Kota Samarinda menggelar rapat koordinasi pengawasan Pilkada "
    "2024 di Hotel Mesra, Samarinda, pada Senin (14/10/2024). Kegiatan tersebut diikuti 150 peserta dari unsur "
    "panitia pengawas kecamatan.\n"
    "Ketua Bawaslu Samarinda, Abdul Muin, mengatakan tingkat partisipasi pemilih pada pemilihan sebelumnya "
    "mencapai 62,5 persen.\n"
    "“Kami ingin partisipasi masyarakat meningkat dan pengawasan berjalan tanpa pelanggaran,” ujar Abdul Muin.\n"
    "Menurutnya, sebanyak 1.200 tempat pemungutan suara akan diawasi secara langsung oleh pengawas TPS."
)
# a second article, so a build shows that the failing one does not take its neighbours along
OTHER = (
    "TENGGARONG – Komisi Pemilihan Umum (KPU) Kabupaten Kutai Kartanegara menetapkan 520.000 pemilih dalam daftar "
    "pemilih tetap Pilkada 2024.\n"
    "Ketua KPU Kukar, Rudi Gunawan, mengatakan jumlah tersebut naik 3 persen dibandingkan pemilihan sebelumnya."
)


class InjectedFailure(RuntimeError):
    """Raised by a patched extractor; its message quotes the article, which must never reach the quarantine."""


def _boom(*args, **kwargs):
    raise InjectedFailure(f"cannot read {ARTICLE[:60]!r}")


def _counts(out: dict) -> dict[str, int]:
    return {k: len(v) for k, v in out.items()}


def _run(docs=None) -> dict:
    return process_documents(docs or [RawDoc("berita/samarinda.txt", ARTICLE, {})])


def test_the_article_extracts_fully_without_injected_failures():
    """The baseline the injected failures below are compared with."""
    n = _counts(_run())
    assert n == {
        "articles": 1,
        "actors": 2,
        "mentions": 4,
        "statements": 3,
        "events": 1,
        "indicators": 3,
        "quarantine": 0,
    }


# (module, attribute to make raise, step named in the quarantine, table named, counts that must remain)
INJECTED = [
    (extract, "extract_actors", "actors", "actors", {"articles": 1, "actors": 0, "mentions": 0, "indicators": 3}),
    (ner, "_chunks", "actors", "actors", {"articles": 1, "actors": 0, "mentions": 0, "indicators": 3, "events": 1}),
    (
        extract,
        "extract_statements",
        "statements",
        "statements",
        {"articles": 1, "actors": 2, "mentions": 4, "statements": 0, "events": 1, "indicators": 3},
    ),
    (
        indicators,  # the number scanner: once the whole article's indicators silently went missing
        "scan_numbers",
        "indicators",
        "indicators",
        {"articles": 1, "actors": 2, "mentions": 4, "statements": 3, "events": 1, "indicators": 0},
    ),
    (
        extract,
        "extract_events",
        "events",
        "events",
        {"articles": 1, "actors": 2, "mentions": 4, "statements": 3, "events": 0, "indicators": 3},
    ),
    (
        stage,
        "parse_publish_date",
        "publish_date",
        "articles",
        {"articles": 1, "actors": 2, "mentions": 4, "statements": 3, "events": 1, "indicators": 3},
    ),
    (
        stage,
        "_region",  # the dateline's region (and the indicators' region hints: none in this article)
        "dateline_region",
        "articles",
        {"articles": 1, "actors": 2, "mentions": 4, "statements": 3, "indicators": 3},
    ),
]


@pytest.mark.parametrize("module, attr, step, table, remaining", INJECTED, ids=[f"{i[2]}:{i[1]}" for i in INJECTED])
def test_a_failing_extractor_costs_only_its_own_rows_and_is_quarantined(
    monkeypatch, module, attr, step, table, remaining
):
    monkeypatch.setattr(module, attr, _boom)
    out = _run()
    n = _counts(out)
    assert {k: n[k] for k in remaining} == remaining, n
    assert len(out["quarantine"]) == 1, out["quarantine"]
    row = out["quarantine"][0]
    assert row["source"] == "berita/samarinda.txt"
    assert (row["stage"], row["check"], row["table"]) == ("extract", "extractor_error", table)
    assert row["reason"].startswith(f"{step} raised InjectedFailure at pantau/"), row["reason"]
    assert "Samarinda" not in row["reason"] and "Bawaslu" not in row["reason"]  # never the article text


def test_the_number_scanner_failure_names_where_it_was_raised(monkeypatch):
    monkeypatch.setattr(indicators, "scan_numbers", _boom)
    (row,) = _run()["quarantine"]
    assert re.fullmatch(
        r"indicators raised InjectedFailure at pantau/pipeline/extract/indicators\.py:\d+ in find_indicators",
        row["reason"],
    ), row["reason"]


def test_actors_failing_leaves_the_dependent_extractors_an_empty_result(monkeypatch):
    monkeypatch.setattr(extract, "extract_actors", _boom)
    out = _run()
    assert all(s["local_key"] is None for s in out["statements"])  # quotes kept, no speaker to resolve
    assert all(i["source_key"] is None for i in out["indicators"])
    assert out["events"][0]["organizer_keys"] == []


def test_the_failed_indicators_no_longer_feed_the_event_its_participant_count(monkeypatch):
    assert _run()["events"][0]["participant_count"] == 150
    monkeypatch.setattr(indicators, "scan_numbers", _boom)
    assert _run()["events"][0]["participant_count"] is None


def test_unreadable_title_and_dateline_quarantine_the_document_only(monkeypatch):
    monkeypatch.setattr(stage, "article_meta", _boom)
    out = _run()
    assert _counts(out)["articles"] == 0
    (row,) = out["quarantine"]
    assert (row["table"], row["stage"]) == ("articles", "extract")
    assert row["reason"].startswith("meta raised InjectedFailure")


def test_a_failure_on_one_article_leaves_the_next_article_alone(monkeypatch):
    real = indicators.scan_numbers

    def scan_unless_samarinda(text, *a, **kw):
        if "Samarinda" in text:
            raise InjectedFailure("odd figure")
        return real(text, *a, **kw)

    monkeypatch.setattr(indicators, "scan_numbers", scan_unless_samarinda)
    out = _run([RawDoc("berita/samarinda.txt", ARTICLE, {}), RawDoc("berita/kukar.txt", OTHER, {})])
    assert _counts(out)["articles"] == 2
    assert {i["text"] for i in out["indicators"]} == {
        "TENGGARONG – Komisi Pemilihan Umum (KPU) Kabupaten Kutai Kartanegara menetapkan 520.000 pemilih dalam "
        "daftar pemilih tetap Pilkada 2024.",
        "Ketua KPU Kukar, Rudi Gunawan, mengatakan jumlah tersebut naik 3 persen dibandingkan pemilihan sebelumnya.",
    }
    assert [q["source"] for q in out["quarantine"]] == ["berita/samarinda.txt"]


def test_a_broken_install_is_not_blamed_on_an_article(monkeypatch, tmp_path):
    """An unreadable name model would fail every article: it stops the run instead of quarantining them all."""
    monkeypatch.setattr(ner, "MODEL_PATH", tmp_path / "missing.model")
    monkeypatch.setattr(ner, "_tagger", None)
    with pytest.raises(ner.NerModelError, match="missing.model"):
        _run()


# --------------------------------------------------------------------------- through a build


@pytest.fixture
def two_articles(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "samarinda.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "kukar.txt").write_text(OTHER, encoding="utf-8")
    return src


def test_build_writes_the_quarantine_row_and_counts_it(monkeypatch, tmp_path, two_articles, capsys):
    monkeypatch.setattr(indicators, "scan_numbers", _boom)  # in this process: one worker extracts in-process
    out = tmp_path / "out"
    assert pantau_main(["build", "--input", str(two_articles), "--out", str(out), "--runner", "core",
                        "--workers", "1", "--json"]) == 0  # fmt: skip
    summary = json.loads(capsys.readouterr().out)
    assert summary["extract_failures"] == {"indicators": 2}
    assert summary["rows"]["articles"] == 2 and summary["rows"]["actors"] > 0
    assert summary["rows"]["indicators"] == 0 and summary["rows"]["quarantine"] == 2
    q = pl.read_parquet(out / "parquet" / "quarantine" / "*.parquet")
    assert q["stage"].to_list() == ["extract", "extract"]
    assert all(r.startswith("indicators raised InjectedFailure at ") for r in q["reason"])


def test_build_summary_prints_the_failed_steps(monkeypatch, tmp_path, two_articles, capsys):
    monkeypatch.setattr(extract, "extract_events", _boom)
    assert pantau_main(["build", "--input", str(two_articles), "--out", str(tmp_path / "out"), "--runner", "core",
                        "--workers", "1"]) == 0  # fmt: skip
    printed = capsys.readouterr().out
    assert "extraction steps that raised (their rows are missing, see quarantine): events 2" in printed
    summary = run_build(two_articles, tmp_path / "out", workers=1)  # incremental: the parts are reused
    assert summary.extract_failures == {"events": 2}


# --------------------------------------------------------------------------- missing dependencies


@pytest.mark.parametrize("module", sorted(REQUIRED_LIBRARIES))
def test_a_missing_library_stops_the_build_with_one_line(monkeypatch, tmp_path, capsys, module):
    monkeypatch.setitem(sys.modules, module, None)  # `import module` now raises ImportError
    dist = REQUIRED_LIBRARIES[module]
    with pytest.raises(BuildError, match=re.escape(f"missing dependency {dist}: pip install")):
        check_dependencies()
    out = tmp_path / "out"
    assert pantau_main(["build", "--input", str(SEEDS), "--out", str(out), "--runner", "core"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"pantau build: missing dependency {dist}: pip install ") and "\n" not in err
    assert not (out / "parquet").exists()


def test_rapidfuzz_missing_names_the_install_command(monkeypatch, capsys, tmp_path):
    monkeypatch.setitem(sys.modules, "rapidfuzz", None)
    assert pantau_main(["build", "--input", str(SEEDS), "--out", str(tmp_path / "o"), "--runner", "core"]) == 1
    assert capsys.readouterr().err == "pantau build: missing dependency rapidfuzz: pip install rapidfuzz\n"


def test_all_libraries_present_passes():
    check_dependencies()


# --------------------------------------------------------------------------- the structure check


def test_archcheck_finds_no_silent_catch():
    tool = SHARED / "tools" / "archcheck.py"
    if not tool.exists():
        pytest.fail(f"the shared structure check is missing: expected {tool} (`../shared` beside the repository)")
    r = subprocess.run([sys.executable, str(tool)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    summary = r.stdout.strip().splitlines()[-1]
    assert "silent_catches=0" in summary, r.stdout
