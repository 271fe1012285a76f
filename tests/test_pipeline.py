"""The pipeline survives an upgrade: unreadable stage state is rebuilt, not fatal."""

from __future__ import annotations

import subprocess
import sys

from storyweave.pipeline import CLUSTER_STATE, PROVENANCE_INDEX, analyse, ingest
from storyweave.store import open_store

from conftest import SEEDS


def test_unreadable_stage_state_is_rebuilt(tmp_path):
    store = open_store(str(tmp_path / "p.db"))
    ingest([SEEDS], store)
    analyse(store)
    edges = {(d.derived, d.source, d.relation) for d in store.derivations()}
    stories = [sorted(s.article_ids) for s in store.stories()]
    assert edges and stories
    store.put_blob(PROVENANCE_INDEX, b"written by another version")
    store.put_blob(CLUSTER_STATE, b"written by another version")
    analyse(store)
    assert {(d.derived, d.source, d.relation) for d in store.derivations()} == edges
    assert [sorted(s.article_ids) for s in store.stories()] == stories
    assert store.blob(PROVENANCE_INDEX) != b"written by another version"


def test_cli_errors_are_one_line_with_a_hint(tmp_path):
    res = subprocess.run([sys.executable, "-m", "storyweave", "brief", "nope", "--db", str(tmp_path / "x.db")],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 1
    assert "Traceback" not in res.stderr
    assert res.stderr.splitlines()[0] == "error: no story 'nope'" and res.stderr.splitlines()[1].startswith("hint:")
