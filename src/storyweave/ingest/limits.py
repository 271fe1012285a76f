"""The one size limit every source shares, and how a refusal over it reads.

A file, a decompressed file and a fetched URL are refused over the same limit as
extraction's own (larger inputs are not articles), with the same ``too-large``
reason and the same wording, so a rejection says the same thing whatever the
source was, and nothing is read that extraction would refuse anyway.
"""

from __future__ import annotations

from ..extract import MAX_BYTES

__all__ = ["MAX_BYTES", "over_limit"]


def over_limit(size: int | None = None) -> str:
    """"12195001 bytes; the limit is 10000000"; with no ``size`` (a stream cut off at the
    limit, whose whole size is never read) "more than 10000000 bytes; ..."."""
    amount = f"more than {MAX_BYTES}" if size is None else str(size)
    return f"{amount} bytes; the limit is {MAX_BYTES}"
