"""Bad input: every case gives a db with a problem naming file and line, or a one-line error; never a traceback,
and the previous db is never touched."""

import codecs
import hashlib
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
import sqlite_utils

import militia_news.build as build_module
import militia_news.extract as extract_module
from militia_news.build import build

from .conftest import ROOT, SEEDS, make_seeds

POST = "\n\n".join([
    "Antichrist warns the militias",
    "Sadr warns the militias",
    "BAGHDAD (Reuters) - The cleric said on Sunday the “armed factions must obey the state and its forces,” his office said.",
])


def run_cli(*args):
    return subprocess.run([sys.executable, str(ROOT / "build_db.py"), *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.fixture
def previous_db(tmp_path):
    """A good db already in place, and its checksum."""
    out = tmp_path / "out" / "militia_news.db"
    out.parent.mkdir()
    build(SEEDS, out)
    return out, hashlib.sha256(out.read_bytes()).hexdigest()


def problems(out) -> list[dict]:
    return list(sqlite_utils.Database(out)["problems"].rows)


@pytest.mark.parametrize("name, content, expect_posts, problem_line, problem_text", [
    ("empty.txt", b"", 0, None, "holds no text"),
    ("blank.txt", b"\n\n   \n\t\n", 0, None, "holds no text"),
    ("latin1.txt", POST.replace("Sadr", "Sadr\xe9").encode("cp1252"), 1, 3, "not valid UTF-8"),
    ("utf16.txt", POST.encode("utf-16"), 1, None, None),
    ("bom.txt", codecs.BOM_UTF8 + POST.encode("utf-8"), 1, None, None),
    ("crlf.txt", POST.replace("\n", "\r\n").encode("utf-8"), 1, None, None),
    ("cr.txt", POST.replace("\n", "\r").encode("utf-8"), 1, None, None),
    ("long-line.txt", ("word " * 1_000_000).encode("utf-8"), 0, 1, "no blog headline found"),
    ("no-body.txt", b"Antichrist speaks\n\nSadr speaks\n", 1, 1, "no outlet signal"),
    ("headline-only.txt", b"Antichrist speaks again", 1, 1, "no original headline"),
    ("unbalanced.txt", POST.replace("”", "").encode("utf-8"), 1, None, None),
])
def test_bad_seed_file_builds_with_a_problem(tmp_path, name, content, expect_posts, problem_line, problem_text):
    seeds = make_seeds(tmp_path / "seeds", {name: content})
    out = tmp_path / "out.db"
    result = run_cli("--seeds", seeds, "--out", out)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    db = sqlite_utils.Database(out)
    assert db["article_sources"].count == expect_posts
    if problem_text:
        assert any(p["seed_file"] == name and p["line"] == problem_line and problem_text in p["message"]
                   for p in problems(out)), problems(out)
    if expect_posts and "Reuters" in POST and name not in ("no-body.txt", "headline-only.txt"):
        article = next(db["articles"].rows)
        assert article["outlet_id"] == "reuters" and article["original_headline"] in ("Sadr warns the militias", "Sadré warns the militias")
        for quote in db["quotes"].rows:
            assert article["body"][quote["char_start"]:quote["char_end"]] == quote["text"]


BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR"


def test_binary_file_is_skipped_with_an_error_row_and_the_rest_is_built(tmp_path):
    seeds = make_seeds(tmp_path / "seeds", {"good.txt": POST, "image.txt": BINARY})
    out = tmp_path / "out.db"
    result = run_cli("--seeds", seeds, "--out", out, "--quiet")
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        "error: image.txt:3: binary data (NUL byte), not a text seed file; file skipped"]
    db = sqlite_utils.Database(out)
    assert [(p["seed_file"], p["line"], p["severity"]) for p in db["problems"].rows_where("seed_file = 'image.txt'")] == [
        ("image.txt", 3, "error")]
    assert next(db["articles"].rows)["outlet_id"] == "reuters"


def test_binary_file_with_strict_is_a_one_line_error_and_the_old_db_stays(previous_db, tmp_path):
    out, checksum = previous_db
    seeds = make_seeds(tmp_path / "seeds", {"good.txt": POST, "image.txt": BINARY})
    result = run_cli("--seeds", seeds, "--out", out, "--strict")
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["error: image.txt:3: binary data (NUL byte), not a text seed file"]
    assert hashlib.sha256(out.read_bytes()).hexdigest() == checksum


def test_unwritable_output_is_a_one_line_error(tmp_path):
    seeds = make_seeds(tmp_path / "seeds", {"good.txt": POST})
    for out in (tmp_path / "missing" / "x.db", "/proc/militia_news.db"):
        result = run_cli("--seeds", seeds, "--out", out)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert len(result.stderr.splitlines()) == 1 and str(out) in result.stderr


def test_seed_file_removed_mid_build_is_built_as_it_was_read(previous_db, tmp_path):
    """Each file is read once, by the pre-pass: a page removed after it is built as it was read, and not lost."""
    out, _ = previous_db
    seeds = make_seeds(tmp_path / "seeds", {"a.txt": POST, "b.txt": POST.replace("Sunday", "Monday"),
                                            "c.txt": POST.replace("Sunday", "Friday")})
    result = build(seeds, out, strict=True, on_file=lambda path: (seeds / "c.txt").unlink(missing_ok=True))
    assert not (seeds / "c.txt").exists() and (result.seed_files, result.articles) == (3, 3)
    with sqlite3.connect(out) as conn:
        assert [f for (f,) in conn.execute("select seed_file from article_sources order by 1")] == ["a.txt", "b.txt", "c.txt"]
    assert not list(out.parent.glob(".*.tmp"))


@pytest.mark.parametrize("delay", [0.3, 0.8, 1.5, 3.0])
def test_sigkill_during_a_build_leaves_the_previous_db(previous_db, tmp_path, delay):
    out, checksum = previous_db
    corpus = make_seeds(tmp_path / "seeds", {f"page-{i:03}.txt": POST.replace("Sunday", f"day {i}")
                                             + "\n\n" + (SEEDS / "000_c035f8e90eaba482.txt").read_text()
                                             for i in range(50)})
    process = subprocess.Popen([sys.executable, str(ROOT / "build_db.py"), "--seeds", str(corpus), "--out", str(out),
                                "--quiet"], start_new_session=True)
    time.sleep(delay)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    # Either the previous db, byte for byte, or (if the build won the race and renamed first) the complete new one.
    articles = sqlite_utils.Database(out)["articles"].count
    if hashlib.sha256(out.read_bytes()).hexdigest() != checksum:
        assert articles == 60
    else:
        assert articles == 20
    build(SEEDS, tmp_path / "out" / "other.db")  # the next build beside it clears what the killed one left
    rebuilt = run_cli("--seeds", SEEDS, "--out", out, "--quiet")
    assert rebuilt.returncode == 0 and not list(out.parent.glob(".*.tmp"))


@pytest.mark.parametrize("extra, message", [
    ("  - {id: reuters, name: Reuters Again, kind: wire agency, aliases: [Reuters Again]}\n",
     "outlet 'reuters' is listed twice"),
    ("  - {id: reuters-copy, name: Reuters Copy, kind: wire agency, aliases: [AP]}\n",
     "alias 'AP' names both 'associated-press' and 'reuters-copy'"),
])
def test_ambiguous_outlets_are_a_one_line_error_and_the_old_db_stays(previous_db, tmp_path, reference_copy, extra,
                                                                    message):
    out, checksum = previous_db
    seeds = make_seeds(tmp_path / "seeds", {"good.txt": POST})
    (reference_copy / "outlets.yml").write_text((reference_copy / "outlets.yml").read_text() + extra)
    result = run_cli("--seeds", seeds, "--out", out, "--reference", reference_copy)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"error: {reference_copy / 'outlets.yml'}: {message}"]
    assert hashlib.sha256(out.read_bytes()).hexdigest() == checksum


@pytest.mark.parametrize("file, entry, message", [
    ("outlets.yml", "  - {name: Nameless Outlet, kind: news site}", "outlets/{entries}: 'id' is a required property"),
    ("entities.yml", "  - {name: Some Ship, type: vessel}",
     "entities/{entries}/type: 'vessel' is not one of ['person', 'organization', 'government', 'place']"),
    ("line_formats.yml", "  - {kind: junk, outlet: no-such-outlet, pattern: '^Subscribe now$'}",
     "unknown outlet 'no-such-outlet' (not in outlets.yml)"),
])
def test_a_malformed_reference_entry_is_a_one_line_error_naming_file_and_line(tmp_path, reference_copy, file, entry,
                                                                               message):
    seeds = make_seeds(tmp_path / "seeds", {"good.txt": POST})
    path = reference_copy / file
    lines = path.read_text().splitlines()
    entries = sum(line.startswith("  - ") for line in lines)  # the new entry's index
    path.write_text("\n".join([*lines, entry, ""]))
    result = run_cli("--seeds", seeds, "--out", tmp_path / "x.db", "--reference", reference_copy)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"error: {path}:{len(lines) + 1}: {message.format(entries=entries)}"]


def quote_kinds(out) -> dict[str, int]:
    return {row["kind"]: row["n"] for row in sqlite_utils.Database(out).query(
        "select kind, count(*) as n from quotes group by kind")}


def test_one_line_not_utf8_is_read_alone_as_windows_1252(tmp_path):
    page = (SEEDS / "000_c035f8e90eaba482.txt").read_bytes().rstrip(b"\n")
    footer_line = page.count(b"\n") + 3
    alone, footed = tmp_path / "alone.db", tmp_path / "footed.db"
    build(make_seeds(tmp_path / "alone", {"page.txt": page}), alone)
    build(make_seeds(tmp_path / "footed", {"page.txt": page + b"\n\nFooter \xff\n"}), footed)
    headlines = "select id, blog_headline, original_headline from articles order by id"
    assert list(sqlite_utils.Database(footed).query(headlines)) == list(sqlite_utils.Database(alone).query(headlines))
    assert quote_kinds(footed) == quote_kinds(alone) and quote_kinds(alone)["speech"] > 0
    assert [(p["line"], p["severity"]) for p in problems(footed) if "UTF-8" in p["message"]] == [(footer_line, "warning")]


def test_each_line_not_utf8_has_its_own_warning(tmp_path):
    footer = "\n\nThe office said its statement cost €5 to print."
    content = POST.encode("utf-8").replace(b"Sadr", "Sadré".encode("cp1252")) + footer.encode("cp1252")
    build(make_seeds(tmp_path / "seeds", {"mixed.txt": content}), tmp_path / "out.db")
    assert sorted(p["line"] for p in problems(tmp_path / "out.db") if "UTF-8" in p["message"]) == [3, 7]
    article = next(sqlite_utils.Database(tmp_path / "out.db")["articles"].rows)
    assert article["original_headline"] == "Sadré warns the militias"
    assert "“armed factions" in article["body"] and "cost €5" in article["body"]  # each line read as it is written


def peak_kb(seeds, out) -> int:
    """The peak resident memory of a build run as a process of its own (its largest process: ru_maxrss)."""
    measure = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    result = subprocess.run([sys.executable, "-c", measure, sys.executable, str(ROOT / "build_db.py"),
                             "--seeds", str(seeds), "--out", str(out), "--quiet"],
                            capture_output=True, text=True, timeout=300, check=True)
    return int(result.stdout)


def test_a_large_file_is_read_as_a_stream(tmp_path):
    page = (SEEDS / "003_15da29468eeff97d.txt").read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    copies = 20_000_000 // len(page.encode("utf-8"))
    one, large = tmp_path / "one.db", tmp_path / "large.db"
    baseline = peak_kb(make_seeds(tmp_path / "one", {"page.txt": page}), one)
    peak = peak_kb(make_seeds(tmp_path / "large", {"page.txt": page * copies}), large)
    assert peak - baseline < 20_000, f"a 20 MB file took {(peak - baseline) // 1000} MB more than one page"
    articles = "select id, blog_headline, published, body from articles order by id"
    assert list(sqlite_utils.Database(large).query(articles)) == list(sqlite_utils.Database(one).query(articles))
    assert sqlite_utils.Database(large)["article_sources"].count == copies * sqlite_utils.Database(one)["articles"].count


def slow_on_sunday(find_quotes):
    """find_quotes, but stuck in a runaway pattern on an article about Sunday."""
    def slow(body, *args):
        if "Sunday" in body:
            re.fullmatch(r"(?:a+)+b", "a" * 60)  # tries 2**60 ways
        return find_quotes(body, *args)
    return slow


@pytest.mark.parametrize("pages", [1, 4])  # analysed in this process, and in worker processes
def test_an_article_over_the_time_budget_is_kept_without_names_and_quotes(tmp_path, monkeypatch, pages):
    monkeypatch.setattr(build_module, "EXTRACTION_BUDGET", 0.5)
    monkeypatch.setattr(extract_module, "find_quotes", slow_on_sunday(extract_module.find_quotes))
    page = "\n\n".join([POST, POST.replace("Sunday", "Monday").replace("the militias", "the militias again")])
    seeds = make_seeds(tmp_path / "seeds", {f"page{i}.txt": page.replace("The cleric", f"The cleric {i}")
                                            for i in range(pages)})

    def outer(signum, frame):
        pass

    previous = signal.signal(signal.SIGALRM, outer)
    signal.setitimer(signal.ITIMER_REAL, 600)
    try:
        build(seeds, tmp_path / "out.db")
        assert signal.getsignal(signal.SIGALRM) is outer  # the build's handler and timer are gone after it
        assert 500 < signal.getitimer(signal.ITIMER_REAL)[0] <= 600
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    db = sqlite_utils.Database(tmp_path / "out.db")
    assert db["articles"].count == 2 * pages
    for source in db["article_sources"].rows:
        quoted = list(db["quotes"].rows_where("article_id = ?", [source["article_id"]]))
        named = list(db["mentions"].rows_where("article_id = ?", [source["article_id"]]))
        assert (quoted and named) if source["line_start"] > 1 else not (quoted or named)
    assert sorted((p["seed_file"], p["line"], p["severity"]) for p in problems(tmp_path / "out.db")
                  if "took over 0.5 s" in p["message"]) == [(f"page{i}.txt", 1, "warning") for i in range(pages)]


def make_entry(seeds, tmp_path, kind):
    """A *.txt entry of the seeds folder that is no seed file; its name."""
    name = f"{kind}.txt"
    if kind == "loop":
        os.symlink(name, seeds / name)
    elif kind == "dangling":
        os.symlink("no-such-page.txt", seeds / name)
    elif kind == "directory":
        (seeds / name).mkdir()
    elif kind == "fifo":
        os.mkfifo(seeds / name)
    elif kind == "outside":
        (tmp_path / "elsewhere.txt").write_text(POST.replace("Sadr", "Hakim"), encoding="utf-8")
        os.symlink(tmp_path / "elsewhere.txt", seeds / name)
    return name


ENTRIES = [("loop", "symbolic link loop"), ("dangling", "broken symbolic link"), ("directory", "a directory"),
           ("fifo", "named pipe"), ("outside", "out of the seeds folder; not followed")]


@pytest.mark.parametrize("kind, reason", ENTRIES)
def test_an_entry_that_is_no_seed_file_is_skipped_with_an_error_row(tmp_path, kind, reason):
    seeds = make_seeds(tmp_path / "seeds", {"good.txt": POST})
    os.symlink("good.txt", seeds / "alias.txt")  # a link to a page in the folder is read
    name = make_entry(seeds, tmp_path, kind)
    out = tmp_path / "out.db"
    result = run_cli("--seeds", seeds, "--out", out, "--quiet")
    assert result.returncode == 0, result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {name}: skipped: ") and reason in line
    [row] = [p for p in problems(out) if p["seed_file"] == name]
    assert row["severity"] == "error" and row["message"].startswith("skipped: ") and reason in row["message"]
    db = sqlite_utils.Database(out)
    assert {r["seed_file"] for r in db["article_sources"].rows} == {"good.txt", "alias.txt"}
    assert "Hakim" not in next(db["articles"].rows)["original_headline"]


@pytest.mark.parametrize("kind, reason", ENTRIES)
def test_an_entry_that_is_no_seed_file_with_strict_is_a_one_line_error(previous_db, tmp_path, kind, reason):
    out, checksum = previous_db
    seeds = make_seeds(tmp_path / "seeds", {"good.txt": POST})
    name = make_entry(seeds, tmp_path, kind)
    result = run_cli("--seeds", seeds, "--out", out, "--strict")
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {name}: ") and reason in line
    assert hashlib.sha256(out.read_bytes()).hexdigest() == checksum
