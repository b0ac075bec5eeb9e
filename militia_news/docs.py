"""docs/schema.md's tables, rendered from metadata.yml (the one source of the descriptions).

    python -m militia_news.docs [ROOT]
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

BEGIN = "<!-- schema: generated from metadata.yml by `python -m militia_news.docs`; do not edit -->"
END = "<!-- /schema -->"
SCHEMA_DOC = Path("docs") / "schema.md"  # in the repository, beside README.md


def schema_markdown(metadata: dict) -> str:
    lines = []
    for name, table in metadata["databases"]["militia_news"]["tables"].items():
        lines += [f"### {name}", "", table["description"], "", "| column | meaning |", "|---|---|"]
        lines += [f"| `{column}` | {text.replace('|', '/')} |" for column, text in table.get("columns", {}).items()]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render_schema_doc(document: str, metadata: dict) -> str:
    """The document with the tables between its markers rendered anew."""
    head, rest = document.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n{schema_markdown(metadata)}{END}{tail}"


def main(root: Path = Path(".")) -> None:
    metadata = yaml.safe_load((root / "metadata.yml").read_text(encoding="utf-8"))
    document = root / SCHEMA_DOC
    document.write_text(render_schema_doc(document.read_text(encoding="utf-8"), metadata), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("."))
