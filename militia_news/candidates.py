"""Names the build found that the reference data lacks, most frequent first: what to curate next."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import click

CANDIDATES = """
select e.name, e.type, e.article_count,
       (select group_concat(distinct surface) from mentions where entity_id = e.id) as spellings
from entities e
where e.reviewed = 0 and e.article_count > 0
order by e.article_count desc, e.name
"""


@click.command()
@click.argument("db_path", type=click.Path(exists=True, path_type=Path))
@click.option("--limit", default=100, show_default=True, help="How many names to list.")
def main(db_path: Path, limit: int) -> None:
    """List the uncurated names in DB_PATH: articles, type, name and the spellings seen."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    click.echo(f"{'articles':>8}  {'type':<12}  name  [spellings]")
    for name, kind, count, spellings in conn.execute(CANDIDATES + " limit ?", [limit]):
        click.echo(f"{count:>8}  {kind:<12}  {name}  [{spellings.replace(',', ' | ')}]")


if __name__ == "__main__":
    main()
