"""Publishing: the one Datasette command the site is served with, and the release folder.

    python -m militia_news.publish serve militia_news.db --port 8001
    python -m militia_news.publish dist militia_news.db dist/
"""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import click
import yaml

from .docs import schema_markdown

METADATA = Path(__file__).resolve().parent / "metadata.yml"  # the project's metadata.yml, shipped in the package
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
               "--metadata", str(METADATA), "--host", host, "--port", str(port)]
    for name, value in SETTINGS.items():
        command += ["--setting", name, str(value)]
    return command


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RunningServer:
    """A Datasette process on loopback: up (answering /-/versions.json) when constructed, stopped by close()."""

    def __init__(self, command: list[str], url: str, timeout: float = 120):
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.url = url
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(f"{url}/-/versions.json", timeout=2)
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.close()
                    raise RuntimeError(f"datasette did not start: {self.process.stderr.read().decode()[-2000:]}")
                time.sleep(0.2)

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


def public_relations(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("select name from sqlite_master where type in ('table', 'view') order by type, name")
    return [name for (name,) in rows if "_fts" not in name and not name.startswith("sqlite_")]


def write_dist(db: Path, out: Path) -> list[Path]:
    """The release: the .db, one CSV per table and view, the data dictionary, SHA-256 checksums."""
    if out.exists():
        shutil.rmtree(out)
    (out / "csv").mkdir(parents=True)
    files = [out / db.name]
    shutil.copyfile(db, files[0])
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    for name in public_relations(conn):
        cursor = conn.execute(f'select * from "{name}"')
        path = out / "csv" / f"{name}.csv"
        with open(path, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow([d[0] for d in cursor.description])
            writer.writerows(cursor)
        files.append(path)
    conn.close()
    metadata = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    dictionary = out / "DATA_DICTIONARY.md"
    dictionary.write_text(
        f"# {metadata['title']} data dictionary\n\nLicense: {metadata['license']}. Source: {metadata['source']}.\n"
        "The articles remain their publishers' text and the blog's headlines the blog's.\n\n"
        + schema_markdown(metadata), encoding="utf-8")
    files.append(dictionary)
    sums = [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(out)}" for p in files]
    (out / "SHA256SUMS").write_text("\n".join(sums) + "\n", encoding="utf-8")
    return files


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
