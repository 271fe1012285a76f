"""The CLI as a reader meets it: errors in the one `error:`/`hint:` shape, read-only commands that
never create a store, help that says what commands take and print, and text output that shows
what it promises. Commands run in this process through ``main()``, as the console script does."""

from __future__ import annotations

import json
import re
import select
import subprocess
import sys
import time

import httpx
import pytest

from storyweave.cli import main
from storyweave.pipeline import run

from conftest import EXAMPLES, SEEDS, _free_port


def squash(text: str) -> str:
    """Text as words: the console wraps long lines at 80 columns when not a terminal."""
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture
def cli(capsys, monkeypatch):
    """``cli(*args)`` -> (exit code, stdout, stderr) of `storyweave ARGS`, error printing included."""

    def invoke(*args: object) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["storyweave", *map(str, args)])
        with pytest.raises(SystemExit) as done:
            main()
        captured = capsys.readouterr()
        return done.value.code or 0, captured.out, captured.err

    return invoke


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> str:
    """The sample corpus through every stage: two five-outlet stories that share an outlet
    ("The Harbour Gazette"), and a one-article story."""
    db = str(tmp_path_factory.mktemp("cli") / "examples.db")
    run([EXAMPLES / "articles"], db=db)
    return db


def stories_of(cli, db: str) -> list[dict]:
    code, out, _ = cli("stories", "--db", db, "--json")
    assert code == 0
    return json.loads(out)


def error_lines(err: str) -> tuple[str, str]:
    lines = err.splitlines()
    assert lines[0].startswith("error: ") and lines[1].startswith("hint: "), err
    return lines[0], "\n".join(lines[1:])


@pytest.mark.parametrize("command", [["stories"], ["status"], ["brief", "x"], ["article", "x"], ["lineage", "x"]])
def test_read_commands_refuse_a_missing_store_and_create_none(command, cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("STORYWEAVE_DB", raising=False)
    for db in ([], ["--db", "nothere.db"]):  # the default ./storyweave.db, then a typo'd path
        code, out, err = cli(*command, *db)
        error, hint = error_lines(err)
        assert code == 1 and out == ""
        assert error == f"error: no database at {db[1] if db else 'storyweave.db'}"
        assert "storyweave run PATH" in hint
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_is_not_a_database_is_named_so(cli, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database\n" * 100)
    code, _, err = cli("status", "--db", notes)
    error, hint = error_lines(err)
    assert code == 1 and error == f"error: {notes} is not a SQLite database"
    assert "writable" not in hint and "--db" in hint
    assert notes.read_text() == "not a database\n" * 100


def test_unreachable_dask_scheduler_is_one_error_naming_it(cli, tmp_path, monkeypatch):
    monkeypatch.setattr("storyweave.engine.dask.CONNECT_TIMEOUT", 1)
    port = _free_port()  # nothing listens there
    start = time.monotonic()
    code, _, err = cli("run", EXAMPLES / "articles", "--db", tmp_path / "d.db", "--engine", f"dask://127.0.0.1:{port}")
    error, hint = error_lines(err)
    assert code == 1 and time.monotonic() - start < 20
    assert error == f"error: cannot reach the Dask scheduler at tcp://127.0.0.1:{port} (waited 1 s)"
    assert "Traceback" not in err and "dask scheduler" in hint
    assert not (tmp_path / "d.db").exists()  # the engine is checked before the store is created


def test_help_says_what_options_default_to_and_print(cli, sample_db):
    _, out, _ = cli("stories", "--help")
    assert "[default: storyweave.db]" in squash(out)
    _, out, _ = cli("lineage", "--help")
    story = stories_of(cli, sample_db)[0]["id"]
    code, lineage_json, _ = cli("lineage", story[:4], "--db", sample_db, "--json")  # a prefix, as the help says
    assert code == 0 and "a unique prefix is enough" in squash(out)
    assert all(key in squash(out) for key in json.loads(lineage_json))  # every key the JSON has is named
    _, out, _ = cli("brief", "--help")
    assert "--json" in out and "--format" in out


def test_brief_json_flag_is_format_json(cli, sample_db):
    story = stories_of(cli, sample_db)[0]["id"]
    code, flag, _ = cli("brief", story, "--db", sample_db, "--json")
    assert code == 0 and flag == cli("brief", story, "--db", sample_db, "--format", "json")[1]
    assert json.loads(flag)["story_id"] == story
    code, out, err = cli("brief", story, "--db", sample_db, "--json", "--format", "md")
    assert code == 1 and out == "" and error_lines(err)[0] == "error: --json and --format md ask for two formats"


def test_article_text_prints_its_facts(cli, sample_db):
    one = next(s for s in stories_of(cli, sample_db) if len(s["articles"]) == 1)["articles"][0]["id"]
    data = json.loads(cli("article", one, "--db", sample_db, "--json")[1])
    code, out, _ = cli("article", one, "--db", sample_db)
    text = squash(out)
    assert code == 0 and data["figures"] and data["quotes"] and data["actors"]
    assert f"{len(data['figures'])} figures" in text and f"{len(data['quotes'])} quotes" in text
    for f in data["figures"]:  # value, unit and measure, then the wording
        assert squash(f"{f['unit']} — {f['measures']} [{f['text']}") in text
    for q in data["quotes"]:
        assert squash(f"{q['text']}{'' if q['kind'] == 'indirect' else '”'} — {q['speaker']} ({q['kind']})") in text
    assert all(f"{a['name']} ({a['label']})" in text for a in data["actors"])


def test_article_label_is_scoped_by_story(cli, sample_db):
    shared = "The Harbour Gazette"
    gazettes = {a["id"]: s["id"] for s in stories_of(cli, sample_db) for a in s["articles"] if a["outlet"] == shared}
    assert len(gazettes) == 2
    code, _, err = cli("article", shared, "--db", sample_db)
    error, hint = error_lines(err)
    assert code == 1 and "--story STORY_ID" in hint
    for article_id, story_id in gazettes.items():  # each candidate: id, outlet, title and its story
        assert re.search(rf"{article_id} {shared} · .+ \(story {story_id}\)", squash(hint))
        code, out, _ = cli("article", shared.lower(), "--story", story_id[:4], "--db", sample_db, "--json")
        assert code == 0 and json.loads(out)["id"] == article_id
    bridge = next(s["id"] for s in stories_of(cli, sample_db) if s["id"] in gazettes.values()
                  and "Finance Lens" not in s["outlets"])
    code, _, err = cli("article", "Finance Lens", "--story", bridge, "--db", sample_db)
    error, hint = error_lines(err)  # not in that story: the hint names what its brief cites
    assert code == 1 and error == f"error: no article 'Finance Lens' in story {bridge}" and shared in hint


def test_counts_agree_with_their_nouns(cli, sample_db):
    stories = stories_of(cli, sample_db)
    _, out, _ = cli("stories", "--db", sample_db)
    assert f"{len(stories)} stories, newest first" in out
    single = next(s for s in stories if len(s["articles"]) == 1)["id"]
    for fmt in ("text", "md", "html"):
        _, out, _ = cli("brief", single, "--db", sample_db, "--format", fmt)
        assert "1 article · 1 outlet · 1 independent line" in squash(out), fmt
    _, out, _ = cli("lineage", single, "--db", sample_db)
    assert "1 article, 1 independent line of reporting" in out


def serve(*args: object, cwd=None, wait: bool = True):
    """`storyweave serve ARGS` in its own process: finished (``wait``, at most a minute) or running."""
    command = [sys.executable, "-m", "storyweave", "serve", *map(str, args)]
    if wait:
        return subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=cwd)
    return subprocess.Popen(command, stderr=subprocess.PIPE, text=True, cwd=cwd)


def test_serve_prints_its_url(cli, sample_db):
    proc = serve("--db", sample_db, "--port", 0, wait=False)
    try:
        assert select.select([proc.stderr], [], [], 60)[0], "serve printed nothing"
        url = re.search(r"http://127\.0\.0\.1:\d+/", proc.stderr.readline()).group(0)
        assert httpx.get(url + "api/status", timeout=10).json()["counts"]["stories"] >= 3
        port = int(url.rstrip("/").rsplit(":", 1)[1])
        code, _, err = cli("serve", "--db", sample_db, "--port", port)  # that port is taken now
        assert code == 1 and error_lines(err)[0].startswith(f"error: cannot listen on 127.0.0.1:{port}")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_fails_fast_on_a_store_it_cannot_open(tmp_path):
    """At startup, with the error shape, instead of serving a 400 for every request."""
    missing = serve("--db", "nothere.db", cwd=tmp_path)
    assert missing.returncode == 1 and missing.stderr.startswith("error: no database at nothere.db\nhint: ")
    assert list(tmp_path.iterdir()) == []
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database")
    broken = serve("--db", notes)
    assert broken.returncode == 1 and broken.stderr.startswith(f"error: {notes} is not a SQLite database\n")


def test_run_counts_its_stories_in_words_that_agree(cli, tmp_path):
    code, _, stderr = cli("run", SEEDS / "000_55d8b5d33399f537.txt", "--db", tmp_path / "one.db")
    assert code == 0 and "; 1 story in the store" in stderr
