"""Ingestion end to end through the CLI: seeds, idempotency, bad input, resumability."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from storyweave.pipeline import ingest
from storyweave.store import open_store

from conftest import SEEDS

EXPECTED = json.loads((SEEDS / "expected.json").read_text()) if SEEDS.exists() else {}


def cli(*args: str, db: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "storyweave", *args, "--db", db], capture_output=True, text=True, timeout=600
    )


def seed_ids(db: str) -> dict[str, str]:
    """Seed prefix ("000") -> stored article id."""
    with open_store(db) as store:
        return {Path(a.source).name[:3]: a.id for a in store.articles()}


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("seeds") / "seeds.db")
    res = cli("ingest", str(SEEDS), db=db)
    assert res.returncode == 0, res.stderr
    return db


def test_seed_boilerplate_removed_and_body_kept(seeds_db):
    ids = seed_ids(seeds_db)
    assert sorted(ids) == ["000", "001", "002", "003", "004"]
    for seed, article_id in ids.items():
        res = cli("article", article_id, "--json", db=seeds_db)
        assert res.returncode == 0, res.stderr
        data = json.loads(res.stdout)
        for key in ("id", "source", "outlet", "title", "published", "text"):
            assert key in data
        for junk in EXPECTED["boilerplate_removed"].get(seed, []):
            assert junk not in data["text"], (seed, junk)
        for body in EXPECTED["body_kept"].get(seed, []):
            assert body in data["text"], (seed, body)


def test_reingest_adds_nothing(seeds_db):
    before = open_store(seeds_db).counts()
    res = cli("ingest", str(SEEDS), db=seeds_db)
    assert res.returncode == 0
    assert "0 new article(s)" in res.stderr
    assert open_store(seeds_db).counts() == before


def test_same_article_from_two_files_is_stored_once(tmp_path, db_path):
    text = (SEEDS / "001_d0fa6d67b0c90a12.txt").read_text()
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "copy.txt").write_text(text + "\n\n")
    report = ingest([tmp_path], open_store(db_path))
    assert len(report.added) == 1 and len(report.existing) == 1


def _bad_folder(root: Path) -> dict[str, str]:
    """Files that must be rejected, with the reason each must get."""
    root.mkdir()
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.html").write_bytes(b"  \n\n ")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (root / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 500)
    (root / "broken.json").write_text('{"title": "x", "text": ')
    (root / "list.jsonl").write_text('{"title": "ok?"}\nnot json at all\n')
    (root / "nohtml.html").write_text("<html><body><div><div></div></div>")
    (root / "truncated.html.gz").write_bytes(gzip.compress(b"<html>" + b"a" * 5000)[:40])
    (root / "notes.pdf").write_bytes(b"%PDF-1.4 ...")
    big = root / "huge.txt"
    with open(big, "wb") as fh:
        fh.seek(26 * 1024 * 1024)
        fh.write(b"x")
    return {
        "empty.txt": "empty", "blank.html": "empty", "binary.txt": "binary", "image.html": "binary",
        "broken.json": "malformed-json", "nohtml.html": "no-text", "truncated.html.gz": "corrupt-gzip",
        "notes.pdf": "unsupported-type", "huge.txt": "too-large",
    }


def test_bad_input_is_rejected_with_reasons_and_nothing_is_lost(tmp_path):
    db = str(tmp_path / "bad.db")
    assert cli("ingest", str(SEEDS / "000_55d8b5d33399f537.txt"), db=db).returncode == 0
    expected = _bad_folder(tmp_path / "bad")
    res = cli("ingest", str(tmp_path / "bad"), db=db)
    assert res.returncode == 1, "nothing ingestible: exit code 1"
    for name, reason in expected.items():
        lines = [line for line in res.stderr.splitlines() if name in line]
        assert lines and reason in lines[0], (name, reason, res.stderr)
    status = json.loads(cli("status", "--json", db=db).stdout)
    assert status["counts"]["articles"] == 1  # the article stored before is still there
    for reason in set(expected.values()):
        assert status["rejections_by_reason"].get(reason), reason
    assert any("list.jsonl#2" in r["source"] for r in status["rejections"])


def test_empty_directory_says_why_nothing_was_ingested(tmp_path):
    """An empty directory (or one of hidden files only) exited 1 without a word."""
    (tmp_path / "empty" / ".git").mkdir(parents=True)
    (tmp_path / "empty" / ".notes.txt").write_text("a hidden file is not read")
    res = cli("ingest", str(tmp_path / "empty"), db=str(tmp_path / "e.db"))
    assert res.returncode == 1
    assert f"rejected {tmp_path / 'empty'}: empty-directory" in res.stderr


@pytest.mark.parametrize("rate", ["-1", "0"])
def test_non_positive_rate_is_refused(tmp_path, rate):
    """--rate -1 was accepted silently (no spacing between requests to one host)."""
    res = cli("ingest", str(SEEDS / "000_55d8b5d33399f537.txt"), "--rate", rate, db=str(tmp_path / "r.db"))
    assert res.returncode == 2 and "--rate" in res.stderr and "positive" in res.stderr
    assert not (tmp_path / "r.db").exists()


def test_mixed_good_and_bad_exits_zero(tmp_path):
    _bad_folder(tmp_path / "bad")
    (tmp_path / "bad" / "good.txt").write_text((SEEDS / "002_9d58c19048312dcd.txt").read_text())
    res = cli("ingest", str(tmp_path / "bad"), db=str(tmp_path / "m.db"))
    assert res.returncode == 0
    assert "1 new article(s)" in res.stderr


def test_thousands_of_files_and_resume(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(1500):
        (folder / f"{i:05d}.txt").write_text(
            f"Council approves budget number {i}\n\nThe city council approved spending plan {i} on Monday, "
            f"officials said. The plan covers {i + 10} projects across the district and was passed after debate."
        )
    db = str(tmp_path / "many.db")
    store = open_store(db)
    first = ingest(sorted(folder.iterdir())[:700], store)  # an interrupted run
    assert len(first.added) == 700
    second = ingest([folder], store)  # the re-run resumes: stored files are not re-read
    assert second.skipped_sources == 700 and len(second.added) == 800
    assert store.counts()["articles"] == 1500


def test_json_rejections_say_where_and_what(tmp_path):
    """The parser's message needs its column ("Unterminated string starting at" points nowhere
    alone), and a text field holding a number is not a record without a text field."""
    from storyweave.ingest.files import read_path, record_to_raw
    from storyweave.records import Rejected

    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"title": "ok", "text": "fine"}\n{"title": "x", "text": "cut\n')
    (rejected,) = [r for r in read_path(broken) if isinstance(r, Rejected)]
    assert rejected.source.endswith("#2") and "line 2 column 24: Unterminated string" in rejected.detail
    numeric = record_to_raw("r.json", {"title": "x", "text": 12345})
    assert isinstance(numeric, Rejected) and 'field "text" holds int, not text' in numeric.detail
    assert "has no text" in record_to_raw("r.json", {"title": "x"}).detail
