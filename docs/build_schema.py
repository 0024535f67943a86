"""Rewrite the generated field tables in docs/schema.md from eventwire.schema (run after changing a record)."""

from pathlib import Path

from eventwire.schema import schema_tables

BEGIN, END = "<!-- fields:begin -->", "<!-- fields:end -->"


def build(path: Path) -> str:
    text = path.read_text()
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n{schema_tables()}\n{END}{tail}"


if __name__ == "__main__":
    target = Path(__file__).with_name("schema.md")
    target.write_text(build(target))
