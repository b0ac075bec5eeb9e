"""militia-news: a prophecy blog's reposts of Iraqi militia news, as a normalized SQLite database."""

import importlib

__version__ = "0.1.0"


def __getattr__(name: str):
    """`militia_news.extract(text, headline=None)`: the extraction of any news text, loaded on first use."""
    if name == "extract":
        return importlib.import_module(f"{__name__}.extract")  # a callable module (extract.py)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
