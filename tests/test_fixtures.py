"""Regression sentences from tests/fixtures/person_sentences.tsv: persons found and the quote's speaker."""

from pathlib import Path

import pytest

from pantau.pipeline.extract.actors import extract_actors
from pantau.pipeline.extract.statements import extract_statements

ROWS = [
    ln.split("\t")
    for ln in (Path(__file__).parent / "fixtures" / "person_sentences.tsv").read_text(encoding="utf-8").splitlines()
    if ln.strip() and not ln.startswith("#")
]


@pytest.mark.parametrize("sentence,persons,speaker", ROWS, ids=[r[0][:40] for r in ROWS])
def test_sentence(sentence, persons, speaker):
    r = extract_actors(sentence)
    got = {a.name for a in r.actors.values() if a.kind == "person"}
    assert got == {p for p in persons.split("|") if p}
    if speaker != "-":
        direct = [s for s in extract_statements(sentence, r) if s.kind == "direct"]
        assert direct and direct[0].speaker_key == f"person|{speaker}"
