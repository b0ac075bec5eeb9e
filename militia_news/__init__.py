"""militia-news: a prophecy blog's reposts of Iraqi militia news, as a normalized SQLite database."""

__version__ = "0.1.0"
