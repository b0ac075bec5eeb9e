"""Build militia_news.db from the seed files: python build_db.py [--seeds DIR] [--out FILE]."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from militia_news.build import build
from militia_news.errors import BuildError


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--seeds", "seeds_dir", default="seeds", show_default=True,
              type=click.Path(path_type=Path), help="Folder of seed .txt files and reference .yml files.")
@click.option("--out", default="militia_news.db", show_default=True,
              type=click.Path(path_type=Path), help="The database to write (replaced only when complete).")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def main(seeds_dir: Path, out: Path, quiet: bool) -> None:
    """Build the militia-news SQLite database from the seed files."""
    try:
        result = build(seeds_dir, out)
    except BuildError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    if not quiet:
        click.echo(
            f"{out}: {result.articles} articles from {result.posts} posts in {result.seed_files} seed files; "
            f"{result.problems} problems recorded"
        )


if __name__ == "__main__":
    main()
