"""metadata.yml is the one description of every table and column; docs/schema.md follows it."""

import yaml

from militia_news.docs import SCHEMA_DOC, render_schema_doc

from .conftest import ROOT

METADATA = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
TABLES = METADATA["databases"]["militia_news"]["tables"]


def public_tables(db) -> list[str]:
    return [t for t in db.table_names() if not t.startswith("articles_fts") and "_fts" not in t
            and t != "sqlite_stat1"] + db.view_names()


def test_every_table_view_and_column_is_described(db):
    for name in public_tables(db):
        assert TABLES.get(name, {}).get("description"), f"{name} has no description in metadata.yml"
        described = TABLES[name].get("columns", {})
        for column in db[name].columns_dict:
            assert described.get(column), f"{name}.{column} has no description in metadata.yml"


def test_no_description_for_something_that_does_not_exist(db):
    for name, table in TABLES.items():
        assert name in public_tables(db), f"metadata.yml describes {name}, which the db lacks"
        assert set(table.get("columns", {})) <= set(db[name].columns_dict)


def test_the_schema_document_follows_metadata():
    document = (ROOT / SCHEMA_DOC).read_text(encoding="utf-8")
    assert render_schema_doc(document, METADATA) == document, "run: python -m militia_news.docs"
