"""The statistical name recognizer (`pantau.pipeline.extract.ner`): names the rules miss, valid offsets, never a crash."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pantau.pipeline.extract.ner import MODEL_PATH, NameSpan, tag_names, tokenize

pytestmark = pytest.mark.skipif(not MODEL_PATH.exists(), reason="run `python -m pantau.devtools.train_ner` first")


def names(text: str, label: str = "PER") -> list[str]:
    return [s.text for s in tag_names(text) if s.label == label]


def test_person_after_office_without_speech_cue():
    assert "Hasyim Asy'ari" in names("Ketua KPU RI Hasyim Asy'ari mengatakan tahapan berjalan lancar.")


def test_ticket_pair_joined_by_hyphen_gives_two_people():
    text = "pasangan calon nomor urut 2 Prabowo Subianto-Gibran Rakabuming Raka"
    assert names(text) == ["Prabowo Subianto", "Gibran Rakabuming Raka"]


def test_ticket_pair_with_spaced_dash():
    text = "Pasangan Ganjar Pranowo - Mahfud MD mendapat nomor urut 3 dalam pengundian di kantor KPU, Jakarta."
    assert names(text) == ["Ganjar Pranowo", "Mahfud MD"]


def test_election_body_and_city_are_not_persons():
    spans = tag_names("Komisi Pemilihan Umum (KPU) Kota Samarinda")
    assert not [s for s in spans if s.label == "PER"]
    assert {s.label for s in spans} <= {"ORG", "LOC"}


def test_offsets_point_into_the_given_text():
    text = "  Wakil Presiden Ma'ruf Amin hadir di Samarinda, Kalimantan Timur.\n\nIa didampingi Gubernur Isran Noor."
    spans = tag_names(text)
    assert spans
    for s in spans:
        assert isinstance(s, NameSpan)
        assert text[s.start : s.end] == s.text
        assert s.label in {"PER", "ORG", "LOC"}
    assert [s.start for s in spans] == sorted(s.start for s in spans)


def test_tokenizer_keeps_names_with_apostrophes_and_arabic_articles_whole():
    text = "Ma'ruf Amin, Hasyim Asy'ari, Al-Fatih dan anak-anak; Subianto-Gibran; PDI-P (2.000)"
    words = [text[s:e] for s, e in tokenize(text)]
    assert {"Ma'ruf", "Asy'ari", "Al-Fatih", "anak-anak", "PDI-P", "2.000"} <= set(words)
    assert words[words.index("Subianto") : words.index("Subianto") + 3] == ["Subianto", "-", "Gibran"]


@pytest.mark.parametrize(
    "junk",
    [
        "",
        " ",
        "\n\n\n",
        ".",
        "...!?",
        "-" * 5000,
        "A" * 100_000,
        "Ma'" * 1000,
        "\x00\ufeff\u200b",
        "Rp2.000.000,- ",
        None,
        42,
    ],
)
def test_never_raises_on_junk(junk):
    assert isinstance(tag_names(junk), list)


def test_long_text_without_sentence_breaks():
    text = " ".join(["Bawaslu Kukar memanggil Teguh Wibowo"] * 2000)
    spans = tag_names(text)
    assert all(text[s.start : s.end] == s.text for s in spans)


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
    | st.lists(
        st.sampled_from(
            [
                "Prabowo",
                "Subianto",
                "-",
                "Gibran",
                "KPU",
                "Kota",
                "'",
                ".",
                "\n",
                "Asy'ari",
                "dan",
                "(",
                ")",
                "2",
                ",",
                "Al-",
                " ",
            ]
        ),
        max_size=60,
    ).map("".join)
)
def test_any_text_gives_valid_spans(text):
    for s in tag_names(text):
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text
        assert s.label in {"PER", "ORG", "LOC"}


def test_needed_skips_whole_sentences_only():
    text = (
        "Ketua KPU RI Hasyim Asy'ari mengatakan tahapan berjalan lancar. "
        "Bupati Kutai Kartanegara Edi Damansyah hadir dalam rapat itu."
    )
    every = tag_names(text)
    second_only = tag_names(text, needed=lambda t, toks: toks[0][0] > 10)
    assert "Edi Damansyah" in [s.text for s in second_only]
    assert "Hasyim Asy'ari" not in [s.text for s in second_only]
    # the kept sentence is tagged exactly as without the filter
    assert [s for s in every if s.start > 60] == second_only


def test_actor_gate_changes_no_person(monkeypatch):
    """The recognizer's sentence gate in `extract_actors` only skips sentences whose names would be dropped."""
    from pathlib import Path

    from pantau.pipeline.extract import actors

    rows = [
        ln.split("\t")[0]
        for ln in (Path(__file__).parent / "fixtures" / "person_sentences.tsv").read_text(encoding="utf-8").splitlines()
        if ln and not ln.startswith("#")
    ]
    body = "\n\n".join(
        rows
        + [
            "Sementara itu, Ia menegaskan bahwa pemilu berjalan damai.",
            "Warga Desa Loa Janan, Siti Aminah dan Joko Susilo, ikut memilih.",
        ]
    )
    gated = actors.extract_actors(body)
    assert not actors._could_hold_new_name([])(*_one("Sementara itu, Ia menegaskan bahwa pemilu berjalan damai."))
    monkeypatch.setattr(actors, "_could_hold_new_name", lambda taken: None)
    ungated = actors.extract_actors(body)
    assert gated.mentions == ungated.mentions
    assert sorted(gated.actors) == sorted(ungated.actors)


def _one(sentence: str):
    return sentence, tokenize(sentence)
