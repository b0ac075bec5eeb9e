"""python -m militia_news.extract FILE…: the names and statements of each news text, one JSON line a file."""

from . import main

main()
