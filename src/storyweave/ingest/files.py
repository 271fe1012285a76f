"""Local sources: files and directories of .txt, .html/.htm (optionally .gz), .json and .jsonl.

This module only reads bytes and the metadata a source declares; turning bytes
into an Article is the extraction stage's job. Every input that cannot become a
RawDocument is yielded as a ``Rejected`` naming the file and the reason, so one
bad file never stops a run.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..records import RawDocument, Rejected
from .limits import MAX_BYTES, over_limit

_HTML = {".html", ".htm", ".xhtml"}
_TEXT = {".txt", ".text"}
_JSON = {".json", ".jsonl", ".ndjson"}

# Field names seen in news datasets and exports, in order of preference.
_FIELDS = {
    "url": ("url", "link", "canonical_url", "source_url", "uri"),
    "title": ("title", "headline", "name"),
    "text": ("text", "body", "content", "articleBody", "article", "maintext"),
    "html": ("html", "raw_html", "content_html"),
    "published": ("published", "date", "published_at", "datePublished", "pubDate", "date_publish", "timestamp"),
    "outlet": ("outlet", "source", "site", "site_name", "publisher", "sitename", "domain"),
    "authors": ("authors", "author", "byline", "creator"),
    "language": ("language", "lang"),
}


def iter_paths(paths: Iterable[str | os.PathLike]) -> Iterator[Path | Rejected]:
    """Files under the given paths, recursively, in a stable (sorted) order."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            # An empty directory is said so: otherwise a run over it reports nothing and exits 1.
            yield from list(_walk(path)) or [
                Rejected(str(path), "ingest", "empty-directory", "no files in it (hidden ones are not read)")
            ]
        elif path.is_file():
            yield path
        else:
            yield Rejected(str(path), "ingest", "not-found", "no such file or directory")


def _walk(directory: Path) -> Iterator[Path]:
    """Files under ``directory``, sorted, without hidden files and folders (.git, editor swap files)."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def _suffixes(path: Path) -> tuple[str, bool]:
    """The content suffix and whether the file is gzip-compressed (page.html.gz -> ('.html', True))."""
    name = path.name.lower()
    if name.endswith(".gz"):
        return Path(name[:-3]).suffix, True
    return path.suffix.lower(), False


def read_path(path: Path, position: int = 0) -> Iterator[RawDocument | Rejected]:
    """RawDocuments (or rejections) for one file; JSON files may hold many articles."""
    src = str(path)
    suffix, compressed = _suffixes(path)
    if suffix not in _HTML | _TEXT | _JSON:
        yield Rejected(src, "ingest", "unsupported-type", f"'{suffix or path.name}' is not txt, html, json or jsonl")
        return
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            yield Rejected(src, "ingest", "too-large", over_limit(size))
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Rejected(src, "ingest", "unreadable", str(exc))
        return
    if compressed:
        try:
            data = _gunzip(data)
        except (EOFError, zlib.error) as exc:
            yield Rejected(src, "ingest", "corrupt-gzip", str(exc) or type(exc).__name__)
            return
        except _TooLarge as exc:
            yield Rejected(src, "ingest", "too-large", str(exc))
            return
    if not data.strip():
        yield Rejected(src, "ingest", "empty", "the file holds no content")
        return
    if suffix in _JSON:
        yield from _read_json(src, data, suffix, position)
    else:
        yield RawDocument(src, data, "html" if suffix in _HTML else "text", {}, position)


class _TooLarge(Exception):
    pass


def _gunzip(data: bytes) -> bytes:
    """Decompress with a cap, so a gzip bomb is refused instead of filling memory."""
    out = zlib.decompressobj(16 + zlib.MAX_WBITS)
    result = out.decompress(data, MAX_BYTES + 1)
    if len(result) > MAX_BYTES:
        raise _TooLarge(f"decompresses to {over_limit()}")
    if not out.eof:
        raise EOFError("truncated gzip stream")
    return result


def _read_json(src: str, data: bytes, suffix: str, position: int) -> Iterator[RawDocument | Rejected]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield Rejected(src, "ingest", "undecodable", f"JSON must be UTF-8: {exc}")
        return
    records: list[tuple[str, Any]] = []
    if suffix == ".json":
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Rejected(src, "ingest", "malformed-json", _json_error(exc, exc.lineno))
            return
        items = obj if isinstance(obj, list) else [obj]
        records = [(f"{src}#{i + 1}" if isinstance(obj, list) else src, item) for i, item in enumerate(items)]
    else:
        for lineno, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                records.append((f"{src}#{lineno}", json.loads(line)))
            except json.JSONDecodeError as exc:
                yield Rejected(f"{src}#{lineno}", "ingest", "malformed-json", _json_error(exc, lineno))
    for i, (source, item) in enumerate(records):
        yield record_to_raw(source, item, position + i)


def record_to_raw(source: str, item: Any, position: int = 0) -> RawDocument | Rejected:
    """One JSON object (article export, API response) as a RawDocument."""
    if not isinstance(item, dict):
        return Rejected(source, "ingest", "malformed-record", f"expected an object, got {type(item).__name__}")
    meta: dict[str, Any] = {}
    for key in ("url", "title", "published", "outlet", "language"):
        value = _first(item, _FIELDS[key])
        if isinstance(value, (str, int, float)) and str(value).strip():
            meta[key] = str(value).strip()
        elif key == "outlet" and isinstance(value, dict) and value.get("name"):
            meta[key] = str(value["name"]).strip()
    authors = _first(item, _FIELDS["authors"])
    if isinstance(authors, str) and authors.strip():
        meta["authors"] = [authors.strip()]
    elif isinstance(authors, list):
        meta["authors"] = [a if isinstance(a, str) else str(a.get("name", "")) for a in authors if a]
    html = _first(item, _FIELDS["html"])
    text = _first(item, _FIELDS["text"])
    if isinstance(html, str) and html.strip():
        return RawDocument(source, html.encode("utf-8"), "html", meta, position)
    if isinstance(text, str) and text.strip():
        return RawDocument(source, text.encode("utf-8"), "text", meta, position)
    found = next((name for name in (*_FIELDS["html"], *_FIELDS["text"]) if item.get(name) not in (None, "", [])), None)
    if found is not None and not isinstance(item[found], str):
        return Rejected(source, "ingest", "no-text", f'field "{found}" holds {type(item[found]).__name__}, not text')
    return Rejected(source, "ingest", "no-text", "record has no text/body/content or html field")


def _json_error(exc: json.JSONDecodeError, line: int) -> str:
    """The parser's message with where it stopped: "line 3 column 17: Unterminated string
    starting at" leaves a reader to guess what "at" points to without the column."""
    return f"line {line} column {exc.colno}: {exc.msg}"


def _first(item: dict, names: tuple[str, ...]) -> Any:
    for name in names:
        if item.get(name) not in (None, "", []):
            return item[name]
    return None
