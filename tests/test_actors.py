"""Actors merged within an article, on the real spaCy model."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyweave.facts import analyse, extract_actors

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "data" / "seeds"


def _actors(text: str):
    return {a.name: a for a in extract_actors("t", analyse(text))}


def test_title_surname_and_full_name_are_one_person():
    text = (
        "Prime Minister Shigeru Ishiba met President Donald Trump in Washington. "
        "Ishiba said the talks went well. Trump's aides agreed, and Ishiba flew home."
    )
    actors = _actors(text)
    ishiba = actors["Shigeru Ishiba"]
    assert ishiba.label == "PERSON"
    assert len(ishiba.mentions) == 3
    assert "Ishiba" in ishiba.aliases
    trump = actors["Donald Trump"]
    assert len(trump.mentions) == 2  # the possessive "Trump's" counts, without its "'s"
    for start, end in trump.mentions:
        assert text[start:end] in ("Donald Trump", "Trump")


def test_country_abbreviations_merge():
    text = "The U.S. and Japan are allies. The United States hosts talks, and US officials attend."
    actors = _actors(text)
    us = actors["United States"]
    assert len(us.mentions) == 3
    assert "Japan" in actors


def test_shared_surname_goes_to_the_nearest_full_name():
    text = (
        "Trump met Shinzo Abe often. Later he hosted Akie Abe, the widow of Shinzo Abe, "
        "for dinner. Abe had been a close friend."
    )
    actors = _actors(text)
    assert len(actors["Shinzo Abe"].mentions) == 3
    assert len(actors["Akie Abe"].mentions) == 1


@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
def test_seed_leaders_are_one_actor_each(name):
    path = next(SEEDS.glob(f"{name}_*.txt"))
    doc = analyse(path.read_text())
    people = [a for a in extract_actors(name, doc) if a.label == "PERSON"]
    ishiba = [a for a in people if "Ishiba" in a.name and "Trump" not in a.name]
    assert [a.name for a in ishiba] == ["Shigeru Ishiba"]
    assert any(a.name == "Donald Trump" for a in people)
