"""Publishing: the one Datasette command the site is served with, and the release folder.

    python -m militia_news.publish serve militia_news.db --port 8001
    python -m militia_news.publish dist militia_news.db dist/
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import click
import yaml

from .release import METADATA, PACKAGE, write_dist

TEMPLATES, STATIC = PACKAGE / "templates", PACKAGE / "static"  # the reader's pages and their style sheet
SETTINGS = {
    "sql_time_limit_ms": 3000,  # a runaway query is cut here
    "facet_time_limit_ms": 1500,  # default facets stay under it on the full tables (make bench checks)
    "max_returned_rows": 1000,
    "default_page_size": 50,
    "allow_download": "on",  # the .db file is the dataset
    "allow_csv_stream": "on",
    "num_sql_threads": 3,
    "suggest_facets": "off",  # suggestions run a query per column (bodies included) on every page
}


def default_facets() -> dict[str, list]:
    """Each table's default facets, as metadata.yml declares them."""
    tables = yaml.safe_load(METADATA.read_text(encoding="utf-8"))["databases"]["militia_news"]["tables"]
    return {name: table["facets"] for name, table in tables.items() if table.get("facets")}


def inspect_file(db: Path) -> Path:
    """Table counts computed once for the immutable db, so pages never count rows at request time."""
    target = db.with_name(f"{db.stem}.inspect.json")
    if not target.exists() or target.stat().st_mtime < db.stat().st_mtime:
        subprocess.run([sys.executable, "-m", "datasette", "inspect", str(db), "--inspect-file", str(target)],
                       check=True)
    return target


def serve_command(db: Path, port: int, host: str = "127.0.0.1") -> list[str]:
    """datasette serve, read-only: the db immutable, no writable queries, no write plugins."""
    command = [sys.executable, "-m", "datasette", "serve", "-i", str(db), "--inspect-file", str(inspect_file(db)),
               "--metadata", str(METADATA), "--template-dir", str(TEMPLATES), "--static", f"assets:{STATIC}",
               "--host", host, "--port", str(port)]
    for name, value in SETTINGS.items():
        command += ["--setting", name, str(value)]
    return command


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RunningServer:
    """A Datasette process on loopback: up (answering /-/versions.json) when constructed, stopped by close().
    Its errors go to a file: a pipe nobody reads would stop it once they filled the pipe (a refused query's
    SQL is logged whole)."""

    def __init__(self, command: list[str], url: str, timeout: float = 120):
        self.errors = tempfile.TemporaryFile()
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=self.errors)
        self.url = url
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(f"{url}/-/versions.json", timeout=2)
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.errors.seek(0)
                    output = self.errors.read().decode()[-2000:]
                    self.close()
                    raise RuntimeError(f"datasette did not start: {output}")
                time.sleep(0.2)

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)
        self.errors.close()


@click.group()
def main() -> None:
    """Serve or release militia_news.db."""


@main.command()
@click.argument("db", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--port", default=8001, show_default=True)
def serve(db: Path, port: int) -> None:
    """Serve DB read-only at http://127.0.0.1:PORT."""
    command = serve_command(db, port)
    os.execv(command[0], command)


@main.command()
@click.argument("db", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
def dist(db: Path, out: Path) -> None:
    """Write the release folder OUT from DB."""
    files = write_dist(db, out)
    click.echo(f"{out}: {len(files)} files and SHA256SUMS")


if __name__ == "__main__":
    main()
