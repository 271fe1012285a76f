"""`storyweave serve`: the JSON API and web UI over a store."""

from __future__ import annotations

import socket

import typer

from ..errors import ConfigError
from .app import app
from .common import DbOption, err, open_db


@app.command()
def serve(
    db: str = DbOption,
    host: str = typer.Option("127.0.0.1", help="interface to listen on"),
    port: int = typer.Option(8000, help="port (0: any free port)"),
) -> None:
    """Serve the web UI (/) and the JSON API (/api/..., OpenAPI schema at /openapi.json)."""
    import uvicorn

    from ..web import create_app

    open_db(db).close()  # a store that cannot be opened fails here, not on every request
    sock = _listen(host, port)
    err.print(f"serving {db} at {_address(host, sock.getsockname()[1])} (Ctrl+C stops)", highlight=False)
    uvicorn.Server(uvicorn.Config(create_app(db), log_level="warning")).run(sockets=[sock])


def _listen(host: str, port: int) -> socket.socket:
    """The listening socket, bound before the URL is printed: the printed URL is one that answers
    (port 0 becomes the port the system chose), and a port in use is a one-line error."""
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: a restart rebinds at once
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror or exc}",
                          hint="choose another --port or --host") from exc
    return sock


def _address(host: str, port: int) -> str:
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"
