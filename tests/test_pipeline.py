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
    open_store(str(tmp_path / "x.db")).close()  # an empty store: a missing one is an error of its own
    res = subprocess.run([sys.executable, "-m", "storyweave", "brief", "nope", "--db", str(tmp_path / "x.db")],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 1
    assert "Traceback" not in res.stderr
    assert res.stderr.splitlines()[0] == "error: no story 'nope'" and res.stderr.splitlines()[1].startswith("hint:")


def test_provenance_index_saved_with_every_edge_across_batches(tmp_path):
    """Across batches the index blob is saved with the edges found since the last save, the
    last partial batch included: the final blob holds every article and the edges are stored."""
    import json
    import random

    from storyweave.pipeline import BATCH_SIZE, provenance_stage
    from storyweave.provenance import ProvenanceIndex

    rng = random.Random(3)
    vocab = [f"w{i}" for i in range(3000)]
    base = [" ".join(rng.choices(vocab, k=80)) + "." for _ in range(BATCH_SIZE)]
    rows = [{"id": f"a{i}", "title": f"t{i}", "text": t} for i, t in enumerate(base)]
    # a later copy of an early article, with a line added: an edge to find in the second batch
    rows += [{"id": f"c{i}", "title": f"c{i}", "text": base[i] + " An added closing line here."} for i in range(60)]
    src = tmp_path / "many.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in rows))
    store = open_store(str(tmp_path / "p.db"))
    ingest([src], store)
    saves = []
    put_blob = store.put_blob
    store.put_blob = lambda name, body: (saves.append(name), put_blob(name, body))
    provenance_stage(store, lambda *_: None, None)
    assert saves == [PROVENANCE_INDEX, PROVENANCE_INDEX]  # 200 then 60 articles: below 1,600 indexed, one save per batch
    index = ProvenanceIndex.from_bytes(store.blob(PROVENANCE_INDEX))
    assert len(index) == len(rows)
    assert len(store.derivations()) >= 60


def test_the_store_in_an_ingested_directory_is_not_read_as_input(tmp_path):
    # `storyweave run .` with the database in ".": its file and SQLite's -wal/-shm beside it are the
    # store, not articles; naming the database itself is a rejection that says so
    (tmp_path / "a.txt").write_text("Harbour bridge reopens\n\n" + "The bridge reopened on Monday after repairs. " * 20)
    store = open_store(str(tmp_path / "here.db"))
    report = ingest([tmp_path], store)
    assert len(report.added) == 1 and report.rejected == []
    report = ingest([tmp_path / "here.db"], store)
    assert [(r.source, r.reason) for r in report.rejected] == [(str(tmp_path / "here.db"), "own-store")]
    store.close()
