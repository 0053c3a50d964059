"""``dateline serve``: the dashboard and HTTP API over one database, read-only."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from ..errors import DatelineError
from .options import db_option


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost: only this machine can connect."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on.",
)
def serve_command(db: Path, host: str, port: int) -> None:
    """Serve the dashboard (map, timeline, table, event detail, dyads) and the JSON API
    (OpenAPI at /docs) over the database, opened read-only."""
    if not Path(db).exists():
        raise click.ClickException(f"no database at {db}: run `dateline code` first")
    try:
        from ..web import create_app

        app = create_app(db)
        import uvicorn
    except (DatelineError, ImportError) as exc:
        raise click.ClickException(str(exc)) from exc
    if not is_loopback(host):
        click.echo(
            f"warning: listening on {host}: anyone who can reach this address can read the "
            "database (the server is read-only, without authentication)",
            err=True,
        )
    click.echo(f"serving {db} read-only at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


commands = [serve_command]
