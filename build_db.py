"""Build militia_news.db from crawl pages: python build_db.py [--seeds DIR] [--out FILE] [--reference DIR] [--strict] [--full]."""

from __future__ import annotations

import json
import os
import sys
from contextlib import nullcontext
from pathlib import Path

import click

# sqlite-utils imports pandas when it is installed (the tests install it), for a type the build never writes: 60 MB
# and a third of a second per build. None in sys.modules makes its import fail, so sqlite-utils goes without.
sys.modules.setdefault("pandas", None)

from militia_news.build import build
from militia_news.errors import BuildError
from militia_news.reference import REFERENCE_DIR
from militia_news.seeds import seed_paths


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--seeds", "seeds_dir", default="seeds", show_default=True,
              type=click.Path(path_type=Path), help="Folder of crawl pages (.txt).")
@click.option("--out", default="militia_news.db", show_default=True,
              type=click.Path(path_type=Path), help="The database to write (replaced only when complete).")
@click.option("--reference", "reference_dir", default=REFERENCE_DIR, show_default="the package's own data/",
              type=click.Path(path_type=Path), help="Folder of curated reference data (labels, outlets, places, entities).")
@click.option("--strict", is_flag=True, help="Fail on a page that cannot be read, instead of skipping it.")
@click.option("--full", is_flag=True, help="Analyse every page again, ignoring the cache of the last build.")
@click.option("--timings", type=click.Path(path_type=Path),
              help="Write the CPU seconds of each stage (over every process) to this JSON file.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def main(seeds_dir: Path, out: Path, reference_dir: Path, strict: bool, full: bool, timings: Path | None,
         quiet: bool) -> None:
    """Build the militia-news SQLite database from the seed files."""
    show_progress = not quiet and sys.stderr.isatty() and seeds_dir.is_dir()
    files = len(seed_paths(seeds_dir)) if show_progress else 0
    progress = click.progressbar(length=files, label="seed files", file=sys.stderr) if show_progress else nullcontext()
    try:
        with progress as bar:
            result = build(seeds_dir, out, reference_dir, strict,
                           on_file=(lambda _: bar.update(1)) if show_progress else None, full=full)
    except BuildError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    except OSError as e:
        click.echo(f"error: {e.filename or out}: {e.strerror or e}", err=True)
        sys.exit(1)
    except Exception as e:  # a bug: say so in one line; MILITIA_NEWS_DEBUG=1 shows the traceback
        if os.environ.get("MILITIA_NEWS_DEBUG"):
            raise
        click.echo(f"error: internal error while building {out}: {type(e).__name__}: {e} "
                   "(set MILITIA_NEWS_DEBUG=1 for the traceback)", err=True)
        sys.exit(2)
    for problem in result.skipped:
        where = f"{problem.seed_file}:{problem.line}" if problem.line else problem.seed_file
        click.echo(f"error: {where}: {problem.message}", err=True)
    if timings:
        timings.write_text(json.dumps({"stage_cpu_s": result.stage_cpu, "seed_files": result.seed_files,
                                       "cached_files": result.cached_files, "posts": result.posts}, indent=2))
    if not quiet:
        click.echo(
            f"{out}: {result.articles} articles from {result.posts} posts in {result.seed_files} seed files"
            + (f" ({result.cached_files} analysed by an earlier build)" if result.cached_files else "")
            + f"; {result.problems} problems recorded"
            + (f", {len(result.skipped)} unreadable file(s) skipped" if result.skipped else "")
        )


if __name__ == "__main__":
    main()
