"""One sentence splitter (`pantau.pipeline.text.sentence_spans`) with two named rule sets, its abbreviations
read from the lexicon."""

import re
from pathlib import Path

import pytest

from conftest import ROOT
from pantau.pipeline.text import SENTENCE_RULES, abbreviations, sentence_spans


def _sentences(body: str, rules: str = "text") -> list[str]:
    return [body[s:e] for s, e in sentence_spans(body, rules)]


def test_titles_degrees_and_initials_do_not_end_a_sentence():
    body = (
        "Rapat pleno dipimpin Ketua KPU Kukar Prof. Dr. Ir. H. Rudi Hartono, M.Si. Hadir pula "
        "Letjen TNI (Purn.) Doni Monardo. Sekretaris Bawaslu Drs. Ahmad S. Yusuf, S.Sos. menyampaikan laporan."
    )
    assert _sentences(body) == [
        "Rapat pleno dipimpin Ketua KPU Kukar Prof. Dr. Ir. H. Rudi Hartono, M.Si. Hadir pula "
        "Letjen TNI (Purn.) Doni Monardo.",
        "Sekretaris Bawaslu Drs. Ahmad S. Yusuf, S.Sos. menyampaikan laporan.",
    ]


def test_text_rules_end_a_sentence_only_before_a_capital_or_digit():
    body = "Jumlah pemilih naik 3,5 persen. sementara itu TPS bertambah. 120 TPS baru disiapkan!\nIa optimistis."
    assert _sentences(body) == [
        "Jumlah pemilih naik 3,5 persen. sementara itu TPS bertambah.",
        "120 TPS baru disiapkan!",
        "Ia optimistis.",
    ]
    assert _sentences(body, "indicators") == [
        "Jumlah pemilih naik 3,5 persen.",
        "sementara itu TPS bertambah.",
        "120 TPS baru disiapkan!",
        "Ia optimistis.",
    ]


def test_each_rule_set_keeps_its_own_abbreviations():
    # `Purn.` and `Jln.` are known to the text rules only; `dr.`, `Rp.` and `S.IP.` to the indicator rules only
    body = "Mantan Kasad (Purn.) Doni hadir. Ia didampingi dr. Terawan. Dana Rp. 5 miliar dicairkan."
    assert _sentences(body) == [
        "Mantan Kasad (Purn.) Doni hadir.",
        "Ia didampingi dr.",
        "Terawan.",
        "Dana Rp.",
        "5 miliar dicairkan.",
    ]
    assert _sentences(body, "indicators") == [
        "Mantan Kasad (Purn.)",
        "Doni hadir.",
        "Ia didampingi dr. Terawan.",
        "Dana Rp. 5 miliar dicairkan.",
    ]
    assert {"Purn", "Jln", "Nomor"} <= abbreviations("text") - abbreviations("indicators")
    assert {"dr", "Rp", "S.IP", "Moh"} <= abbreviations("indicators") - abbreviations("text")
    assert {"Prof", "Dr", "Kab", "dll", "a.n"} <= abbreviations("text") & abbreviations("indicators")


def test_indicator_rules_check_abbreviations_after_a_lone_period_only():
    # `Jl."` is not a lone period: the indicator rules end the sentence there, the text rules do not
    body = 'Posko berada di "Kantor Camat Jl." Warga diminta datang.'
    assert _sentences(body, "indicators") == ['Posko berada di "Kantor Camat Jl."', "Warga diminta datang."]
    assert _sentences(body) == [body]


def test_spans_are_trimmed_and_never_cross_a_paragraph():
    body = "  Bawaslu Kukar menggelar apel siaga.  \n\n  Kegiatan berlangsung tertib.  "
    for rules in SENTENCE_RULES:
        spans = sentence_spans(body, rules)
        assert [body[s:e] for s, e in spans] == ["Bawaslu Kukar menggelar apel siaga.", "Kegiatan berlangsung tertib."]
        assert all("\n" not in body[s:e] for s, e in spans)


def test_unknown_rule_set_is_an_error():
    with pytest.raises(ValueError, match="unknown sentence rules"):
        sentence_spans("Rapat digelar.", "prose")


def test_abbreviations_live_in_the_lexicon_only():
    """No Python module keeps an abbreviation list of its own for sentence splitting."""
    entries = (ROOT / "pantau" / "lexicon" / "abbreviations.txt").read_text(encoding="utf-8").splitlines()
    assert any(e.startswith("Prof ") for e in entries)
    for path in sorted((ROOT / "pantau").rglob("*.py")):
        src = path.read_text(encoding="utf-8")
        assert not re.search(r"Prof\|Dr\|", src), f"{Path(path).relative_to(ROOT)} spells an abbreviation list"
