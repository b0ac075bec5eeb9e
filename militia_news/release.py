"""The release folder (`make dist`): the .db, a CSV and a Parquet file per table and view, a Frictionless
data package describing them, the data dictionary, CITATION.cff and SHA-256 checksums.

Every description comes from metadata.yml; every type, key and foreign key from the db's own schema.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import sqlite3
from datetime import date
from importlib.metadata import version
from pathlib import Path

import yaml

from .docs import schema_markdown

PACKAGE = Path(__file__).resolve().parent
METADATA = PACKAGE / "metadata.yml"  # the project's metadata.yml, shipped in the package
ARROW_TYPES = {"INTEGER": "int64", "REAL": "float64", "TEXT": "string", "DATE": "date32", "MONTH": "string"}
FRICTIONLESS_TYPES = {"INTEGER": "integer", "REAL": "number", "TEXT": "string", "DATE": "date", "MONTH": "yearmonth"}
# The columns, in any table or view, that hold an ISO 8601 date (YYYY-MM-DD) or month (YYYY-MM) as text.
DATES = {"published": "DATE", "first_published": "DATE", "published_month": "MONTH"}


def public_relations(conn: sqlite3.Connection) -> list[str]:
    """Tables and views a user reads: not FTS shadows nor SQLite's own."""
    rows = conn.execute("select name from sqlite_master where type in ('table', 'view') order by type, name")
    return [name for (name,) in rows if "_fts" not in name and not name.startswith("sqlite_")]


def affinity(declared: str) -> str:
    """SQLite's type affinity of a declared type, as INTEGER, REAL or TEXT (a blob is written as text)."""
    declared = declared.upper()
    if "INT" in declared:
        return "INTEGER"
    if any(word in declared for word in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "TEXT"


def column_types(conn: sqlite3.Connection, name: str) -> list[tuple[str, str, bool]]:
    """(column, type, not null) of a table or view: DATE or MONTH for the DATES columns, else the declared type,
    or for a view's computed column the type of every value it holds."""
    found = []
    for _, column, declared, not_null, _, _ in conn.execute(f'pragma table_info("{name}")'):
        kind = DATES.get(column) or (affinity(declared) if declared else "")
        if not kind:
            held = {t for (t,) in conn.execute(f'select distinct typeof("{column}") from "{name}"')} - {"null"}
            kind = {frozenset({"integer"}): "INTEGER", frozenset({"real"}): "REAL",
                    frozenset({"integer", "real"}): "REAL"}.get(frozenset(held), "TEXT")
        found.append((column, kind, bool(not_null)))
    return found


def write_csv(conn: sqlite3.Connection, name: str, path: Path) -> None:
    cursor = conn.execute(f'select * from "{name}"')
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow([d[0] for d in cursor.description])
        writer.writerows(cursor)


def write_parquet(conn: sqlite3.Connection, name: str, path: Path, columns: list[tuple[str, str, bool]]) -> None:
    """The table as Parquet with typed columns (`columns`: from `column_types`); a date is a date (a value that
    is none stops the release)."""
    import pyarrow as pa  # here, not at the top: the site imports this module's paths, not its writers
    import pyarrow.parquet as pq

    rows = conn.execute(f'select * from "{name}"').fetchall()
    schema = pa.schema([pa.field(column, getattr(pa, ARROW_TYPES[kind])(), nullable=not not_null)
                        for column, kind, not_null in columns])
    arrays = []
    for i, (_, kind, _) in enumerate(columns):
        values = [row[i] for row in rows]
        if kind == "DATE":
            values = [date.fromisoformat(v) if v is not None else None for v in values]
        arrays.append(pa.array(values, type=schema.field(i).type))
    pq.write_table(pa.Table.from_arrays(arrays, schema=schema), path)


def resource(conn: sqlite3.Connection, name: str, described: dict, columns: list[tuple[str, str, bool]]) -> dict:
    """A Frictionless tabular resource for one CSV, its fields typed (`columns`) and described, with its keys."""
    descriptions = described.get("columns", {})
    fields = []
    for column, kind, not_null in columns:
        field = {"name": column, "type": FRICTIONLESS_TYPES[kind]}
        if column in descriptions:
            field["description"] = descriptions[column]
        if not_null:
            field["constraints"] = {"required": True}
            if kind == "TEXT":
                field["missingValues"] = []  # an empty string is a value here ("" for a pure addition), never null
        fields.append(field)
    schema: dict = {"fields": fields}
    keys = [column for _, column, _, _, _, pk in conn.execute(f'pragma table_info("{name}")') if pk]
    if keys:
        schema["primaryKey"] = keys
    foreign = [{"fields": [source], "reference": {"resource": target, "fields": [to]}}
               for _, _, target, source, to, *_ in conn.execute(f'pragma foreign_key_list("{name}")')]
    if foreign:
        schema["foreignKeys"] = foreign
    found = {"name": name.replace("_", "-"), "path": f"csv/{name}.csv", "profile": "tabular-data-resource",
             "format": "csv", "encoding": "utf-8", "schema": schema}
    if described.get("description"):
        found["description"] = described["description"]
    return found


def datapackage(conn: sqlite3.Connection, metadata: dict, types: dict[str, list[tuple[str, str, bool]]]) -> dict:
    """The data package of the relations (`types`: each one's columns), described from metadata.yml."""
    tables = metadata["databases"]["militia_news"]["tables"]
    names = list(types)
    resources = [resource(conn, name, tables.get(name, {}), types[name]) for name in names]
    by_table = {name: r["name"] for name, r in zip(names, resources)}
    for r in resources:  # foreign keys name the resource, not the table
        for key in r["schema"].get("foreignKeys", []):
            key["reference"]["resource"] = by_table[key["reference"]["resource"]]
    return {
        "name": "militia-news", "title": metadata["title"], "version": version("militia-news"),
        "description": metadata["databases"]["militia_news"]["description"],
        "licenses": [{"name": "CC-BY-4.0", "path": metadata["license_url"], "title": metadata["license"]}],
        "sources": [{"title": metadata["source"]}], "profile": "tabular-data-package", "resources": resources,
    }


def citation(metadata: dict) -> str:
    """CITATION.cff for the dataset release."""
    return yaml.safe_dump({
        "cff-version": "1.2.0", "type": "dataset", "title": metadata["title"],
        "message": "If you use this dataset, please cite it as below. The articles remain their publishers' text "
                   "and the blog's headlines the blog's.",
        "version": version("militia-news"), "license": "CC-BY-4.0", "authors": [{"name": "militia-news contributors"}],
        "abstract": "News about Iraq's Shia militias, Muqtada al-Sadr and US–Iran tensions, as reposted by a prophecy "
                    "blog under rewritten headlines, parsed into a normalized SQLite database.",
        "url": metadata["about_url"],
    }, sort_keys=False, allow_unicode=True)


def write_dist(db: Path, out: Path) -> list[Path]:
    """The release folder OUT from DB; returns the files the checksums cover."""
    if out.exists():
        shutil.rmtree(out)
    (out / "csv").mkdir(parents=True)
    (out / "parquet").mkdir()
    files = [out / db.name]
    shutil.copyfile(db, files[0])
    metadata = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    types = {name: column_types(conn, name) for name in public_relations(conn)}
    for name, columns in types.items():
        write_csv(conn, name, out / "csv" / f"{name}.csv")
        write_parquet(conn, name, out / "parquet" / f"{name}.parquet", columns)
        files += [out / "csv" / f"{name}.csv", out / "parquet" / f"{name}.parquet"]
    package = datapackage(conn, metadata, types)
    conn.close()
    (out / "datapackage.json").write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "CITATION.cff").write_text(citation(metadata), encoding="utf-8")
    dictionary = out / "DATA_DICTIONARY.md"
    dictionary.write_text(
        f"# {metadata['title']} data dictionary\n\nLicense: {metadata['license']}. Source: {metadata['source']}.\n"
        "The articles remain their publishers' text and the blog's headlines the blog's.\n\n"
        + schema_markdown(metadata), encoding="utf-8")
    files += [out / "datapackage.json", out / "CITATION.cff", dictionary]
    sums = [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(out)}" for p in files]
    (out / "SHA256SUMS").write_text("\n".join(sums) + "\n", encoding="utf-8")
    return files
