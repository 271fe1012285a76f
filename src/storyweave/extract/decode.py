"""Bytes to text, or a countable reason why not.

Sources declare encodings wrongly often enough that the declaration is only a
hint: a byte-order mark wins, then strict UTF-8, then a declared charset that
decodes cleanly, then charset_normalizer's guess. Binary files (images, PDFs, archives
dropped into a news folder) are refused before any guessing, because a charset
detector will happily "decode" them into garbage that looks like text.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: the UTF-32 LE mark starts with it
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)

# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13)) + b"\x7f"
# Text in any encoding holds almost no control bytes; a share above this is a
# binary format. 5% leaves room for stray escape codes pasted into real articles.
_MAX_CONTROL_SHARE = 0.05
_SAMPLE = 8192  # bytes inspected for binary signs: enough to see a file header and body
# Share of U+FFFD replacement characters a decoded text may hold before the
# decoding is judged wrong: a few broken bytes in a long page are tolerated.
_MAX_REPLACEMENT_SHARE = 0.01


@dataclass(frozen=True)
class Decoded:
    text: str | None
    encoding: str | None = None
    reason: str | None = None  # "empty", "binary", "undecodable" when text is None
    detail: str = ""


def decode(content: bytes, declared: str | None = None) -> Decoded:
    """Decode ``content``; ``declared`` is a charset named by the source (HTTP header, feed)."""
    if not content or not content.strip():
        return Decoded(None, reason="empty", detail="no bytes" if not content else "only whitespace")
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            return _try(content, encoding) or Decoded(
                None, reason="undecodable", detail=f"byte-order mark says {encoding} but decoding failed"
            )
    if _looks_binary(content[:_SAMPLE]):
        return Decoded(None, reason="binary", detail="NUL or control bytes: not a text or HTML file")
    # Strict UTF-8 first: bytes with multi-byte sequences almost never decode as
    # UTF-8 by accident, while pages declaring latin-1 but serving UTF-8 are common.
    for encoding in ("utf-8", declared, _sniff_declared(content)):
        if encoding:
            decoded = _try(content, encoding)
            if decoded:
                return decoded
    best = from_bytes(content).best()
    if best is not None:
        decoded = _try(content, best.encoding)
        if decoded:
            return decoded
    return Decoded(None, reason="undecodable", detail="no encoding decodes these bytes cleanly")


def _looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    controls = sum(sample.count(bytes([c])) for c in _CONTROL)
    return controls > _MAX_CONTROL_SHARE * len(sample)


def _sniff_declared(content: bytes) -> str | None:
    head = content[:4096]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def _try(content: bytes, encoding: str) -> Decoded | None:
    try:
        text = content.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None
    if text.count("\ufffd") > _MAX_REPLACEMENT_SHARE * max(len(text), 1):
        return None
    return Decoded(text, encoding=codecs.lookup(encoding).name)
