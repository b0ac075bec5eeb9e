"""make bench: build synthetic corpora at 1×, 100× and 1000× the seeds, and serve the largest.

Prints, for each scale: wall and CPU seconds (the build's whole process tree), CPU ms per post, posts/s, peak
memory of the build's processes, db size, the write-only floor and the build/floor ratio, and the CPU seconds of
each stage; then the incremental rebuild after adding 200 posts to the largest corpus; then Datasette's latency on loopback for the pages people load,
against a naive db of the same rows; then a bounded load test, straight to Datasette and then through a caching
proxy (nginx with militia_news/deploy/nginx-cache.conf). Figures are printed, never asserted.
"""

from __future__ import annotations

import getpass
import resource
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import click
import sqlite_utils

from . import database
from .publish import RunningServer, free_port, serve_command
from .synthetic import write_corpus

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        children.setdefault(int(fields["PPid"]), []).append(int(entry))
        rss[int(entry)] = int(fields.get("VmRSS", "0 kB").split()[0])
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        total += rss.get(p, 0)
        stack += children.get(p, [])
    return total


def timed_build(seeds: Path, out: Path) -> tuple[float, int, float, dict]:
    """(seconds, peak kB of the build's whole process tree, CPU seconds of that tree, the build's own timings:
    CPU seconds per stage and how many files came from its cache)."""
    timings = out.with_name("timings.json")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, str(ROOT / "build_db.py"), "--seeds", str(seeds), "--out", str(out),
                                "--quiet", "--timings", str(timings)])
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss_kb(process.pid))
        time.sleep(0.05)
    elapsed = time.perf_counter() - started
    if process.returncode:
        raise SystemExit(f"build failed at {seeds}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return elapsed, peak, cpu, json.loads(timings.read_text())


ADDED_SCALE = 10  # the pages an incremental rebuild adds: ten times the seeds (200 posts, 1% of the 1000x corpus)


def incremental_rebuild(corpus: Path, built: Path, work: Path) -> dict:
    """Add pages to the largest corpus and rebuild its db: only they are analysed, the rest come from the cache."""
    added = work / "added"
    posts, _ = write_corpus(SEEDS, added, ADDED_SCALE, seed=1)
    files = sorted(added.glob("*.txt"))
    for path in files:
        path.rename(corpus / f"added_{path.name}")
    seconds, peak, cpu, timings = timed_build(corpus, built)
    click.echo(f"incremental rebuild after adding {posts} posts in {len(files)} files: {seconds:.1f} s "
               f"({cpu:.1f} CPU s, peak {peak / 1024:.0f} MB; {timings['cached_files']} of {timings['seed_files']} "
               f"files from the cache)")
    click.echo("       CPU s by stage: " + ", ".join(f"{stage} {s:.1f}" for stage, s
                                                  in sorted(timings["stage_cpu_s"].items(), key=lambda x: -x[1])))
    return {"posts_added": posts, "files_added": len(files), "build_s": seconds, "cpu_s": cpu,
            "peak_mb": peak / 1024, "cached_files": timings["cached_files"], "stage_cpu_s": timings["stage_cpu_s"]}


def write_floor(built: Path, out: Path) -> float:
    """Seconds to write the built db's rows alone, read into memory first, through the build's write path
    (staged inserts, key-ordered load, indexes, full-text indexes, statistics)."""
    source = sqlite_utils.Database(built)
    rows = {name: list(source[name].rows) for name in database.TABLES}
    source.close()
    started = time.perf_counter()
    db = sqlite_utils.Database(out, recreate=True)
    database.prepare_for_bulk_writes(db)
    database.ensure_db_shape(db, indexes=False)
    database.start_staging(db)
    for name, table_rows in rows.items():
        if name in database.STAGED:
            database.stage_rows(db, name, table_rows)
        else:
            db[name].insert_all(table_rows)
    database.load_staged(db)
    database.finish(db)
    db.close()
    return time.perf_counter() - started


def naive_copy(built: Path, out: Path) -> None:
    """The same tables, rows, keys and foreign keys (so Datasette shows the same pages) by plain sqlite-utils
    inserts: no indexes, no full-text search, and Datasette's defaults (no precomputed counts)."""
    source, db = sqlite_utils.Database(built), sqlite_utils.Database(out, recreate=True)
    for name, spec in database.TABLES.items():
        db[name].insert_all(source[name].rows, pk=spec["pk"], foreign_keys=spec.get("foreign_keys", ()),
                            batch_size=1000)
    db.close()


def fetch(url: str) -> tuple[float, int, bytes]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            body, status = response.read(), response.status
    except urllib.error.HTTPError as e:
        body, status = e.read(), e.code
    return (time.perf_counter() - started) * 1000, status, body


def latency(url: str, requests: int) -> tuple[float, float, int]:
    """(median ms, p95 ms, errors) of sequential requests after one warm-up."""
    fetch(url)
    times, errors = [], 0
    for _ in range(requests):
        elapsed, status, _ = fetch(url)
        times.append(elapsed)
        errors += status != 200
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], errors


def timed_out_facets(url: str) -> list[str]:
    _, _, body = fetch(url)
    return json.loads(body).get("facets_timed_out", [])


def pages(db_name: str, article_id: str, search: bool) -> dict[str, str]:
    """The pages timed. Without full-text search (`search` false, the naive db), finding articles by a word
    is the table page's "body contains" filter."""
    facets = "_facet=outlet_id&_facet=via_outlet_id&_facet=published_month&_facet_array=entities"
    search_page = (f"/{db_name}/search_articles?q=militia" if search else f"/{db_name}/articles?body__contains=militia")
    return {
        "articles + default facets + entity array facet": f"/{db_name}/articles?{facets}",
        "quotes + speaker facet": f"/{db_name}/quotes?_facet=speaker_entity_id",
        "ranked search (naive: body contains filter)": search_page,
        "article row page": f"/{db_name}/articles/{urllib.parse.quote(article_id)}",
    }


def load_test(base: str, paths: list[str], clients: int, seconds: float) -> dict:
    """`clients` threads requesting the pages in turn for `seconds`: counts, errors, latencies."""
    results: list[tuple[float, int]] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(offset: int) -> None:
        k = offset
        while time.monotonic() < stop:
            elapsed, status, _ = fetch(base + paths[k % len(paths)])
            with lock:
                results.append((elapsed, status))
            k += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    times = sorted(t for t, _ in results)
    return {"requests": len(results), "errors": sum(s != 200 for _, s in results),
            "median_ms": statistics.median(times), "p95_ms": times[int(len(times) * 0.95) - 1],
            "requests_per_s": len(results) / seconds}


NGINX_CONFIG = Path(__file__).resolve().parent / "deploy" / "nginx-cache.conf"


class CachingProxy:
    """nginx on loopback with the project's caching-proxy config, in front of `upstream` (host:port)."""

    def __init__(self, upstream: str, work: Path):
        self.prefix = work / "nginx"
        self.prefix.mkdir(parents=True, exist_ok=True)
        port = free_port()
        conf = self.prefix / "nginx.conf"
        filled = NGINX_CONFIG.read_text(encoding="utf-8")
        for placeholder, value in {"{PREFIX}": str(self.prefix), "{PORT}": str(port), "{UPSTREAM}": upstream,
                                   "{SERVER_NAME}": "127.0.0.1", "{HOST}": f"127.0.0.1:{port}"}.items():
            filled = filled.replace(placeholder, value)
        conf.write_text(filled, encoding="utf-8")
        self.process = subprocess.Popen([shutil.which("nginx") or "/usr/sbin/nginx", "-c", str(conf), "-p",
                                         str(self.prefix), "-g", f"daemon off; user {getpass.getuser()};"],
                                        stderr=subprocess.PIPE)  # workers as us: the cache is in our temp folder
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"nginx did not start: {self.process.stderr.read().decode()[-2000:]}")
                time.sleep(0.1)

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


def print_load(label: str, load: dict, clients: int, seconds: float) -> None:
    click.echo(f"load {label}: {clients} clients for {seconds:.0f} s: {load['requests']} requests "
               f"({load['requests_per_s']:.0f}/s), {load['errors']} errors, median {load['median_ms']:.1f} ms, "
               f"p95 {load['p95_ms']:.1f} ms")


@click.command()
@click.option("--scales", default="1,100,1000", show_default=True, help="Corpus sizes, as multiples of the seeds.")
@click.option("--requests", default=50, show_default=True, help="Requests per page for the latency figures.")
@click.option("--load-seconds", default=30.0, show_default=True)
@click.option("--clients", default=20, show_default=True)
@click.option("--json-out", type=click.Path(path_type=Path), help="Also write the figures as JSON here.")
def main(scales: str, requests: int, load_seconds: float, clients: int, json_out: Path | None) -> None:
    """Benchmark the build and the served site on synthetic corpora."""
    figures: dict = {"builds": []}
    with tempfile.TemporaryDirectory(prefix="militia-bench-") as tmp:
        work = Path(tmp)
        built = None
        click.echo(f"{'scale':>6} {'posts':>7} {'MB':>6} {'build s':>8} {'CPU s':>7} {'CPU ms/post':>11} "
                   f"{'posts/s':>8} {'peak MB':>8} {'db MB':>6} {'floor s':>8} {'build/floor':>11}")
        for scale in (int(s) for s in scales.split(",")):
            corpus = work / f"x{scale}-seeds"
            posts, size = write_corpus(SEEDS, corpus, scale)
            built = work / f"x{scale}" / "militia_news.db"  # the name metadata.yml describes
            built.parent.mkdir(exist_ok=True)
            seconds, peak, cpu, timings = timed_build(corpus, built)
            floor = write_floor(built, work / f"x{scale}" / "floor.db")
            row = {"scale": scale, "posts": posts, "mb": size / 1e6, "build_s": seconds, "cpu_s": cpu,
                   "cpu_ms_per_post": 1000 * cpu / posts, "posts_per_s": posts / seconds,
                   "mb_per_s": size / 1e6 / seconds, "peak_mb": peak / 1024, "db_mb": built.stat().st_size / 1e6,
                   "floor_s": floor, "build_over_floor": seconds / floor, "stage_cpu_s": timings["stage_cpu_s"]}
            figures["builds"].append(row)
            click.echo(f"{scale:>6} {posts:>7} {row['mb']:>6.1f} {seconds:>8.1f} {cpu:>7.1f} "
                       f"{row['cpu_ms_per_post']:>11.1f} {row['posts_per_s']:>8.0f} {row['peak_mb']:>8.0f} "
                       f"{row['db_mb']:>6.1f} {floor:>8.1f} {row['build_over_floor']:>11.2f}")
            click.echo("       CPU s by stage: " + ", ".join(f"{stage} {seconds:.1f}" for stage, seconds
                                                          in sorted(timings["stage_cpu_s"].items(), key=lambda x: -x[1])))
        figures["incremental"] = incremental_rebuild(corpus, built, work)
        if len(figures["builds"]) > 1:
            first, last = figures["builds"][-2], figures["builds"][-1]
            growth = last["build_s"] / first["build_s"]
            click.echo(f"build time {last['scale']}x / {first['scale']}x = {growth:.1f} "
                       f"(corpus {last['posts'] / first['posts']:.0f}x)")
            figures["growth"] = growth

        naive = work / "naive.db"
        naive_copy(built, naive)
        article_id = sqlite_utils.Database(built).execute("select id from articles order by id limit 1").fetchone()[0]
        ours_port, naive_port = free_port(), free_port()
        ours = RunningServer(serve_command(built, ours_port), f"http://127.0.0.1:{ours_port}")
        plain = RunningServer([sys.executable, "-m", "datasette", "serve", str(naive), "--port", str(naive_port)],
                       f"http://127.0.0.1:{naive_port}")
        try:
            click.echo(f"\nlatency on loopback, {requests} requests each, db of {figures['builds'][-1]['posts']} posts "
                       f"(ms: median / p95)")
            click.echo(f"{'page':<50} {'militia-news':>16} {'naive':>18} {'speed-up':>9} {'errors':>7}")
            figures["pages"] = []
            for (label, path), naive_path in zip(pages(built.stem, article_id, True).items(),
                                                 pages(naive.stem, article_id, False).values()):
                m50, m95, merr = latency(ours.url + path, requests)
                n50, n95, nerr = latency(plain.url + naive_path, requests)
                figures["pages"].append({"page": label, "median_ms": m50, "p95_ms": m95, "errors": merr,
                                         "naive_median_ms": n50, "naive_p95_ms": n95, "naive_errors": nerr})
                click.echo(f"{label:<50} {m50:>7.1f} / {m95:>6.1f} {n50:>8.1f} / {n95:>7.1f} {n50 / m50:>8.1f}x "
                           f"{merr:>3} / {nerr}")
            listing = pages(built.stem, article_id, True)
            timed_out = {
                "ours": [f for p in list(listing.values())[:2] for f in timed_out_facets(ours.url + p.replace("?", ".json?", 1))],
                "naive": [f for p in list(pages(naive.stem, article_id, False).values())[:2]
                          for f in timed_out_facets(plain.url + p.replace("?", ".json?", 1))],
            }
            figures["facets_timed_out"] = timed_out
            click.echo(f"facets timed out: militia-news {timed_out['ours'] or 'none'}; naive {timed_out['naive'] or 'none'}")
            click.echo("")
            figures["load"] = load_test(ours.url, list(listing.values()), clients, load_seconds)
            print_load("straight to Datasette", figures["load"], clients, load_seconds)
            if shutil.which("nginx") or Path("/usr/sbin/nginx").exists():
                proxy = CachingProxy(ours.url.removeprefix("http://"), work)
                try:
                    figures["load_cached"] = load_test(proxy.url, list(listing.values()), clients, load_seconds)
                    print_load("through the caching proxy", figures["load_cached"], clients, load_seconds)
                finally:
                    proxy.close()
            else:
                click.echo("load through the caching proxy: skipped, nginx is not installed (make bench installs it)")
        finally:
            ours.close()
            plain.close()
    if json_out:
        json_out.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
