"""Engines schedule stages; they never change what a stage computes.

A stage that works item by item (extraction, facts) is handed to ``engine.map``
in batches. The local engine runs batches in this process; the Dask engine sends
them to a Dask cluster (a local one it starts, or a scheduler address), so a
corpus that outgrows one machine runs the same code on many. Incremental stages
(provenance, clustering) stay in the driver: their order matters.
"""

from __future__ import annotations

from typing import Callable, Protocol, Sequence, TypeVar

from ..errors import ConfigError

T = TypeVar("T")
R = TypeVar("R")


class Engine(Protocol):
    name: str

    def map_batches(self, fn: Callable[[Sequence[T]], list[R]], items: Sequence[T], batch_size: int) -> list[R]:
        """``fn`` over consecutive batches of ``items``; results concatenated in input order."""

    def close(self) -> None: ...


def batches(items: Sequence[T], size: int) -> list[Sequence[T]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


class LocalEngine:
    name = "local"

    def map_batches(self, fn, items, batch_size):
        out = []
        for batch in batches(items, batch_size):
            out += fn(batch)
        return out

    def close(self) -> None:
        pass


def get_engine(spec: str | None) -> Engine:
    """``local`` (default), ``dask`` (a local Dask cluster) or ``dask://HOST:PORT`` (a running scheduler)."""
    if not spec or spec == "local":
        return LocalEngine()
    if spec == "dask" or spec.startswith(("dask://", "tcp://")):
        from .dask import DaskEngine

        return DaskEngine(None if spec == "dask" else spec.replace("dask://", "tcp://"))
    raise ConfigError(f"unknown engine {spec!r}", hint="use local, dask or dask://HOST:PORT")
