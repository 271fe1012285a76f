"""Engines only schedule: the local engine and a real Dask cluster give identical stage output."""

from __future__ import annotations

import pytest

from storyweave.engine import LocalEngine, get_engine
from storyweave.facts import extract_facts
from storyweave.pipeline import ingest
from storyweave.store import open_store

from conftest import SEEDS


@pytest.fixture(scope="module")
def seed_articles(tmp_path_factory):
    store = open_store(str(tmp_path_factory.mktemp("engine") / "e.db"))
    ingest([SEEDS], store)
    return list(store.articles())


def test_dask_matches_local(seed_articles):
    local = LocalEngine().map_batches(extract_facts, seed_articles, 2)
    dask = get_engine("dask")
    try:
        distributed = dask.map_batches(extract_facts, seed_articles, 2)
    finally:
        dask.close()
    assert [f.article_id for f in distributed] == [a.id for a in seed_articles]
    assert distributed == local
    assert sum(len(f.quotes) for f in local) > 10  # the comparison is over real output


def test_unknown_engine_is_a_config_error():
    from storyweave.errors import ConfigError

    with pytest.raises(ConfigError):
        get_engine("spark")
