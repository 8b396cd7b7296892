"""The lexicon is the one home of domain vocabulary, read through one cached loader."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from pantau import lexicon
from pantau.lexicon import LexiconError
from pantau.pipeline import regions
from pantau.pipeline.extract import dates, numbers
from pantau.pipeline.patterns import alternation, trie_alternation

ROOT = Path(__file__).resolve().parents[1]

MONTHS = [
    "januari",
    "februari",
    "pebruari",
    "febuari",
    "maret",
    "april",
    "mei",
    "juni",
    "juli",
    "agustus",
    "september",
    "oktober",
    "november",
    "nopember",
    "desember",
    "jan",
    "feb",
    "peb",
    "mar",
    "apr",
    "jun",
    "jul",
    "agu",
    "agt",
    "ags",
    "sep",
    "sept",
    "okt",
    "nov",
    "nop",
    "des",
    "january",
    "february",
    "march",
    "may",
    "june",
    "july",
    "august",
    "october",
    "december",
    "aug",
    "oct",
    "dec",
]
WEEKDAYS = "senin selasa rabu kamis jumat sabtu minggu ahad monday tuesday wednesday thursday friday saturday sunday"
REGION_PREFIXES = [
    "Provinsi",
    "Kabupaten",
    "Kota",
    "Kecamatan",
    "Kelurahan",
    "Desa",
    "Distrik",
    "Pemkab",
    "Pemkot",
    "Pemprov",
    "Pemda",
    "Prov.",
    "Kab.",
    "Kec.",
    "Kel.",
]

# a word counts as spelled when regex syntax or the string's ends surround it ("|Senin|", "(?:kab\\.)",
# "senin"); prose around it (a space, a comma) makes it an example sentence, which is allowed
_EDGE = r"(?:^|(?<=[|(:\[?^])|(?<=\\b))"
_END = r"(?:$|(?=[|)\]?*+{$\\]))"


def _vocab_re(words: list[str], flags=re.IGNORECASE) -> re.Pattern:
    # a dot in a word may be written escaped in a regex literal ("Kab\\.")
    alts = "|".join(re.escape(w).replace(r"\.", r"\\?\.") for w in sorted(words, key=len, reverse=True))
    return re.compile(_EDGE + r"(?:" + alts + r")" + _END, flags)


def _code_strings(path: Path) -> list[tuple[int, str]]:
    """String literals of a module, docstrings left out (they hold example sentences)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def _spelled(files, pattern: re.Pattern) -> list[str]:
    found = []
    for path in files:
        for line, text in _code_strings(path):
            for m in pattern.finditer(text):
                found.append(f"{path.relative_to(ROOT)}:{line}: {m.group(0)!r}")
    return found


def _modules(*folders: str) -> list[Path]:
    return sorted(p for f in folders for p in (ROOT / f).rglob("*.py") if "lexicon" not in p.relative_to(ROOT).parts)


# ---- vocabulary lives in lexicon/ only --------------------------------------------------------------


def test_no_month_or_weekday_names_in_code():
    found = _spelled(_modules("pantau", "schemas", "flows"), _vocab_re(MONTHS + WEEKDAYS.split()))
    assert not found, "month/weekday names belong in lexicon/calendar.toml:\n" + "\n".join(found)


def test_no_region_level_prefixes_in_pipeline_code():
    found = _spelled(_modules("pantau/pipeline"), _vocab_re(REGION_PREFIXES, flags=0))
    found += _spelled(_modules("pantau/pipeline"), _vocab_re([w.lower() for w in REGION_PREFIXES], flags=0))
    assert not found, "region prefixes belong in lexicon/region_prefixes.csv:\n" + "\n".join(found)


def test_the_vocabulary_check_catches_a_spelled_weekday_and_prefix(tmp_path):
    """The checks above can fail: a regex of weekdays or of prefixes is found, a sentence is not."""
    weekdays, prefixes = _vocab_re(MONTHS + WEEKDAYS.split()), _vocab_re(REGION_PREFIXES, flags=0)
    assert weekdays.search(r"(?:Senin|Selasa|Rabu)\b") and weekdays.search("agt")
    assert prefixes.search(r"(?:Kabupaten|Kab\.|Kota)\s+") and prefixes.search("Pemkab")
    assert not weekdays.search("Rapat digelar Selasa (3/9) di Tenggarong.")
    assert not prefixes.search("Pemerintah Kabupaten Kutai Kartanegara (Pemkab Kukar) menggelar rapat.")
    module = tmp_path / "m.py"
    module.write_text('"""Rapat digelar Senin (3/9)."""\nWD = r"\\b(?:Senin|Minggu)\\b"\n', encoding="utf-8")
    assert [text for _, text in _code_strings(module)] == [r"\b(?:Senin|Minggu)\b"]


# words that only a word list uses: one of them spelled in a pipeline module means a list of range
# words, ordinals, speech verbs or event verbs has come back into code
SENTINELS = (
    *("hingga", "sampai", "pertama", "kedua", "ketiga", "kesatu", "menurut", "mengatakan", "ujar", "digelar"),
    *("menggelar", "diselenggarakan", "bertema", "peringkat", "juara", "yaitu", "yakni", "perwakilan", "demikian"),
)


def _sentinel_re(words=SENTINELS) -> re.Pattern:
    return re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])", re.IGNORECASE)


def test_no_word_list_sentinels_in_pipeline_code():
    found = _spelled(_modules("pantau/pipeline"), _sentinel_re())
    assert not found, "word lists belong in lexicon/ (numbers.toml, speech_verbs.toml, events.toml):\n" + "\n".join(
        found
    )


def test_the_sentinel_check_catches_a_word_list_in_code(tmp_path):
    module = tmp_path / "m.py"
    module.write_text(
        '"""Pelatihan digelar 27 hingga 31 Oktober; menurut Teguh, pertama-tama ..."""\n'
        "import re\n"
        'RANGE = re.compile(r"\\s*(?:-|s\\.d\\.|hingga|sampai(?:\\s+dengan)?)\\s*")\n'
        '# ORD = "pertama|kedua"\n'
        'CUE = "Menurut"\n',
        encoding="utf-8",
    )
    pattern = _sentinel_re()
    found = [m.group(0) for _, text in _code_strings(module) for m in pattern.finditer(text)]
    assert sorted(found) == ["Menurut", "hingga", "sampai"]
    assert not pattern.search("pertama-tama") and not pattern.search("kesampaian")


def test_moved_word_lists_still_drive_the_extractors():
    from pantau.pipeline.extract.actors import extract_actors
    from pantau.pipeline.extract.events import extract_events
    from pantau.pipeline.extract.statements import extract_statements

    def kinds(text):
        return [(m.text, m.kind) for m in numbers.find_numbers(text)]

    # numbers.toml day_range_words: any spelling of "s.d." joins two day numbers of one month
    assert kinds("Bimtek digelar 27 s./d. 31 Oktober 2024 di Samarinda.")[:2] == [
        ("27", "date_part"),
        ("31", "date_part"),
    ]
    # chain_separators and law_word_after: sibling figures of one article stay law references
    assert [k for _, k in kinds("Sesuai Pasal 71 ayat 3, 5, dan 6 UU Nomor 10 Tahun 2016.")][:5] == ["law_ref"] * 5
    # ordinal_ke_cues and the rank cues of indicator_units.toml (which include "rank")
    assert kinds("Kukar berada di peringkat ke 3 se-Kaltim.") == [("ke 3", "ordinal")]
    assert kinds("Kaltim kini di rank 3. Lalu Kukar menyusul.") == [("3", "number")]
    # speech_verbs.toml according_to and its cue label
    body = "Menurut Ketua Bawaslu Kukar Teguh Wibowo, pengawasan Pilkada di Tenggarong diperketat sejak pekan lalu."
    [st] = extract_statements(body, extract_actors(body))
    assert (st.kind, st.cue, st.speaker_label) == ("indirect", lexicon.speech()["according_to_cue"], "Teguh Wibowo")
    # events.toml: organizer verb, venue cue, name enders
    body = (
        "Bawaslu Kukar menggelar Rakor Pengawasan Pilkada yang berlangsung di Hotel Harris, Samarinda, "
        "Senin (4/11/2024)."
    )
    [ev] = extract_events(body, extract_actors(body))
    assert (ev.name, ev.venue, ev.place) == ("Rakor Pengawasan Pilkada", "Hotel Harris", "Samarinda")
    assert ev.organizer_keys == ["organization|Badan Pengawas Pemilu Kutai Kartanegara"]


def test_place_hints_take_the_region_prefixes():
    from pantau.pipeline.extract import indicators

    units = lexicon.read_toml("indicator_units.toml")["region_hint"]
    prefixes = {w.rstrip(".") for w, _ in lexicon.region_prefixes(*lexicon.REGION_PREFIX_ROLES)}
    left_out = {w.rstrip(".") for w in units["not_place_prefixes"]}
    assert prefixes - left_out <= indicators._PLACE_PREFIX and not left_out & indicators._PLACE_PREFIX
    assert not prefixes & {w.rstrip(".-") for w in units["place_prefixes"]}  # each word listed once


def test_one_month_list_serves_dates_and_numbers():
    months = lexicon.months()
    assert months["febuari"] == months["pebruari"] == 2 and lexicon.month_abbreviations()["peb"] == 2
    assert set(numbers._DATE_CUES) >= {m.rstrip(".") for m in [*months, *lexicon.month_abbreviations()]}
    # "27 hingga 31 Okt" is a date part for the number scanner and a date for the date finder
    [m] = dates.find_dates("Pelatihan digelar 3 Peb 2024 di Samarinda.")
    assert m.start_date.isoformat() == "2024-02-03"
    assert [n.kind for n in numbers.find_numbers("Pelatihan digelar 3 Peb 2024 di Samarinda.")][0] != "number"


def test_weekday_list_reads_jumat_with_any_apostrophe():
    for text in ("Rapat pleno digelar Jum'at (8/11/2024).", "Rapat pleno digelar Jum’at (8/11/2024)."):
        [m] = dates.find_dates(text)
        assert (m.weekday, m.start_date.isoformat()) == (4, "2024-11-08")


def test_region_prefixes_carry_their_level():
    levels = dict(lexicon.region_prefixes("name", "abbreviation"))
    assert levels["Kab."] == levels["Kabupaten"] == "regency" and levels["Kec."] == "district"
    assert dict(lexicon.region_prefixes("government")) == {
        "Pemprov": "province",
        "Pemkab": "regency",
        "Pemkot": "city",
        "Pemda": None,
    }
    assert {lvl for _, lvl in lexicon.region_prefixes(*lexicon.REGION_PREFIX_ROLES)} - {None} <= set(regions.LEVELS)
    assert lexicon.official_prefix("city") == "Kota"
    assert regions.lookup_region("Kab. Bogor").region.code == "32.01"
    assert regions.lookup_region("Kota Bogor").region.code == "32.71"


def test_speech_cues_are_read_from_the_lexicon():
    from pantau.pipeline.extract.actors import extract_actors
    from pantau.pipeline.extract.statements import ORDINAL_OPENERS

    assert "Menurut" in lexicon.speech()["according_to"]
    assert ORDINAL_OPENERS.match("Ketiga, kepada penyelenggara Pilkada agar netral.")
    assert not ORDINAL_OPENERS.match("Ketiganya hadir dalam rapat itu.")
    result = extract_actors("Menurut Ketua Bawaslu Kukar Teguh Wibowo, pengawasan diperketat.")
    assert any(m.text.endswith("Teguh Wibowo") for m in result.mentions)


def test_indicator_units_come_from_the_lexicon():
    from schemas.tables import UNITS

    assert set(UNITS) == set(lexicon.indicator_units())
    assert {"rank", "currency_idr", "percent"} <= set(UNITS)


def _reads_around_the_loader(path: Path) -> list[str]:
    """A lexicon file named anywhere but in a `lexicon.read_*(...)` call, or tomllib imported."""
    files = {p.name for p in lexicon.DIR.iterdir() if p.suffix in (".toml", ".csv", ".txt", ".gz")}
    tree = ast.parse(path.read_text(encoding="utf-8"))
    through_loader = {
        id(arg)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "lexicon"
        and node.func.attr in ("read_toml", "read_csv", "iter_csv", "read_words")
        for arg in node.args
    }
    found = [
        f"{path.name}:{node.lineno}: {node.value}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value in files and id(node) not in through_loader
    ]
    found += [
        f"{path.name}:{node.lineno}: import tomllib"
        for node in ast.walk(tree)
        if isinstance(node, ast.Import) and any(a.name == "tomllib" for a in node.names)
    ]
    return found


def test_no_module_reads_lexicon_files_around_the_loader(tmp_path):
    offenders = [
        f for path in _modules("pantau/pipeline", "pantau/release", "schemas") for f in _reads_around_the_loader(path)
    ]
    assert offenders == [], offenders
    module = tmp_path / "m.py"
    module.write_text(
        'import tomllib\nfrom pantau import lexicon\nA = lexicon.read_toml("calendar.toml")\n'
        'B = lexicon.path("numbers.toml").read_text()\n',
        encoding="utf-8",
    )
    assert _reads_around_the_loader(module) == ["m.py:4: numbers.toml", "m.py:1: import tomllib"]


# ---- the loader -------------------------------------------------------------------------------------


@pytest.fixture
def scratch_lexicon(tmp_path, monkeypatch):
    monkeypatch.setattr(lexicon, "DIR", tmp_path)
    for reader in (lexicon.read_toml, lexicon.read_csv, lexicon.read_words):
        reader.cache_clear()
    yield tmp_path
    for reader in (lexicon.read_toml, lexicon.read_csv, lexicon.read_words):
        reader.cache_clear()


def test_malformed_toml_names_file_and_line(scratch_lexicon):
    (scratch_lexicon / "speech_verbs.toml").write_text(
        '# cues\nafter_quote = ["ujar", "kata"]\nreporting = "mengatakan" "menyatakan"\npronouns = ["ia"]\n',
        encoding="utf-8",
    )
    with pytest.raises(LexiconError, match=r"^speech_verbs\.toml:3: ") as err:
        lexicon.read_toml("speech_verbs.toml")
    assert (err.value.name, err.value.line) == ("speech_verbs.toml", 3) and "(at" not in err.value.problem
    (scratch_lexicon / "calendar.toml").write_text('[months]\njanuari = 1\nlist = ["a",\n', encoding="utf-8")
    with pytest.raises(LexiconError, match=r"^calendar\.toml:3: "):
        lexicon.read_toml("calendar.toml")


def test_csv_row_with_wrong_field_count_names_file_and_line(scratch_lexicon):
    (scratch_lexicon / "offices.csv").write_text(
        "# offices\nterm,expansion,category\nBupati,,executive\n# a comment\nSekda,Sekretaris Daerah\n",
        encoding="utf-8",
    )
    with pytest.raises(LexiconError, match=r"^offices\.csv:5: expected 3 fields, got 2$"):
        lexicon.read_csv("offices.csv")


def test_missing_file_is_named(scratch_lexicon):
    with pytest.raises(LexiconError, match=r"^nowhere\.txt: no such lexicon file"):
        lexicon.read_words("nowhere.txt")


def test_words_skip_comments_and_keep_order(scratch_lexicon):
    (scratch_lexicon / "venue.txt").write_text("# heads\nHotel\n\n  Aula \nGedung\n", encoding="utf-8")
    assert lexicon.read_words("venue.txt") == ("Hotel", "Aula", "Gedung")


def test_loaders_are_cached():
    assert lexicon.read_toml("calendar.toml") is lexicon.read_toml("calendar.toml")
    assert lexicon.read_csv("offices.csv") is lexicon.read_csv("offices.csv")
    assert lexicon.read_words("common_words.txt") is lexicon.read_words("common_words.txt")
    assert lexicon.speech() is lexicon.read_toml("speech_verbs.toml")


# ---- the alternation helpers ------------------------------------------------------------------------


def test_alternation_tries_the_longest_word_first():
    pattern = re.compile(r"(?:" + alternation(["se", "sebelas", "s.d."]) + r")")
    assert pattern.match("sebelas orang").group(0) == "sebelas"
    assert pattern.match("s.d. 31 Oktober").group(0) == "s.d."
    assert not pattern.match("sxd")


def test_trie_alternation_matches_like_the_flat_one():
    words = ["Tenggarong", "Tenggarong Seberang", "Loa Janan", "Loa Kulu", "Kota Bangun"]
    trie = re.compile(r"(?:" + trie_alternation(words, space=r"\s+") + r")(?!\w)")
    flat = re.compile(r"(?:" + alternation(words, space=r"\s+") + r")(?!\w)")
    text = "Warga Tenggarong Seberang, Loa  Kulu dan Kota Bangun hadir; Tenggarong juga."
    assert [m.group(0) for m in trie.finditer(text)] == [m.group(0) for m in flat.finditer(text)]
    assert [m.group(0) for m in trie.finditer(text)][:2] == ["Tenggarong Seberang", "Loa  Kulu"]
