"""Synthetic corpora for benchmarks: the seed posts varied (names, outlets, dates, paragraphs), some repeated."""

from __future__ import annotations

import random
import re
from pathlib import Path

from .posts import split_posts
from .reference import load_reference
from .seeds import read_seed, seed_paths

POSTS_PER_FILE = 25
REPEATED_SHARE = 0.1  # posts copied verbatim from an earlier file, as archive pages repeat posts
FIRST = ["Karim", "Hamid", "Abbas", "Jawad", "Laith", "Saad", "Ziad", "Faris", "Haidar", "Qusay", "Nabil", "Yasir"]
LAST = ["Jabouri", "Zubaidi", "Rubaie", "Dulaimi", "Hashimi", "Khafaji", "Saadi", "Obeidi", "Tamimi", "Maliki"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WIRE_TAGS = ["(Reuters)", "(AP)", "(AFP)"]


def seed_posts(seeds_dir: Path) -> list[list[str]]:
    ref = load_reference()
    posts = []
    for path in seed_paths(seeds_dir):
        seed = read_seed(path)
        found, _ = split_posts(seed, ref)
        posts += [[line.text for line in post.lines] for post in found]
    return posts


def vary(lines: list[str], rng: random.Random) -> list[str]:
    """A new post from a seed post: other names, years, months, wire tags, paragraph order."""
    name = f"{rng.choice(FIRST)} al-{rng.choice(LAST)}"
    year, month = str(rng.randint(2014, 2024)), rng.choice(MONTHS)
    tag = rng.choice(WIRE_TAGS)

    def change(text: str) -> str:
        text = re.sub(r"\b20(?:19|20)\b", year, text)
        text = re.sub(r"\b(?:January|October|September)\b", month, text)
        text = re.sub(r"\((?:Reuters|AP|AFP)\)", tag, text)
        return re.sub(r"\b(?:Mohammed Mohi|Mohammad Mohie|Abu Hashem|Hassan Ahmed|Gati Rikabi)\b", name, text)

    head, body = lines[:4], [change(line) for line in lines[4:]]
    middle = body[1:-2]
    rng.shuffle(middle)
    day = rng.randint(1, 28)
    opening = f"{name} said on {month} {day}, {year}, that the events went on."  # a story of its own, its own id
    body = body[:1] + [p for p in middle if rng.random() > 0.1] + body[-2:]
    return [*head[:2], opening, *head[2:], *body, f"{name} contributed reporting on {month} {day}, {year}."]


def write_corpus(seeds_dir: Path, out: Path, scale: int, seed: int = 0) -> tuple[int, int]:
    """Write `scale` times the seed posts as seed files in `out`; (posts, bytes of seed text)."""
    rng = random.Random(seed)
    templates = seed_posts(seeds_dir)
    out.mkdir(parents=True, exist_ok=True)
    total, written, history = len(templates) * scale, 0, []
    size = 0
    for file_number in range(0, total, POSTS_PER_FILE):
        posts = []
        for k in range(file_number, min(total, file_number + POSTS_PER_FILE)):
            if history and rng.random() < REPEATED_SHARE:
                posts.append(rng.choice(history))
            else:
                post = templates[k % len(templates)] if k < len(templates) else vary(templates[k % len(templates)], rng)
                posts.append(post)
                if len(history) < 2000:
                    history.append(post)
        text = "\n\n".join("\n\n".join(post) for post in posts) + "\n"
        path = out / f"synthetic_{file_number // POSTS_PER_FILE:06d}.txt"
        path.write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
        written += len(posts)
    return written, size
