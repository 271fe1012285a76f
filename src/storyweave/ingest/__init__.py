"""Sources -> RawDocument. Only this package reads files or the network."""

from .files import iter_paths, read_path, record_to_raw

__all__ = ["iter_paths", "read_path", "record_to_raw"]
