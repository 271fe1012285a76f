"""Dask engine: batches become tasks on a distributed cluster.

Workers import storyweave and load models once per process (the loaders are
cached), so a batch costs only its own work. Records are plain frozen
dataclasses and pickle as they are.
"""

from __future__ import annotations

from ..errors import ConfigError
from . import batches


# Seconds to wait for a scheduler: Dask's default (30 s) reads as a hang on a mistyped address.
CONNECT_TIMEOUT = 10


def connect(address: str):
    """A client of the scheduler at ``address``; an unreachable one is a ConfigError naming it,
    so the CLI prints its one-line error instead of Dask's traceback."""
    from distributed import Client

    try:
        return Client(address, timeout=CONNECT_TIMEOUT)
    except OSError as exc:  # Dask's "Timed out trying to connect", refused connections, unknown hosts
        raise ConfigError(
            f"cannot reach the Dask scheduler at {address} (waited {CONNECT_TIMEOUT:g} s)",
            hint="start one with `dask scheduler` and `dask worker ADDRESS`, check the address, "
                 "or use --engine dask for a local cluster",
        ) from exc


class DaskEngine:
    name = "dask"

    def __init__(self, address: str | None = None, n_workers: int = 2) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise ConfigError("dask.distributed is not installed", hint="pip install 'dask[distributed]'") from exc
        if address:
            self._cluster = None
            self.client = connect(address)
        else:
            # processes=True: spaCy and onnxruntime hold the GIL for parts of their work.
            self._cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                                         dashboard_address=None)
            self.client = Client(self._cluster)

    def map_batches(self, fn, items, batch_size):
        futures = self.client.map(fn, batches(items, batch_size), pure=False)
        out = []
        for result in self.client.gather(futures):
            out += result
        return out

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()
