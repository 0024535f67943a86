"""Docs are part of the product: they must match the code."""

from pathlib import Path

from eventwire.settings import documented_settings

ROOT = Path(__file__).resolve().parents[1]


def test_schema_doc_matches_the_dataclasses():
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_schema", ROOT / "docs" / "build_schema.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    current = (ROOT / "docs" / "schema.md").read_text()
    assert mod.build(ROOT / "docs" / "schema.md") == current, "run: python docs/build_schema.py"


def test_every_setting_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    for name, _help in documented_settings():
        assert f"| `{name}` |" in readme, name


def test_readme_opens_with_the_two_commands_and_ci_runs_the_second():
    readme = (ROOT / "README.md").read_text()
    blocks = [b.split("```", 1)[0].strip() for b in readme.split("```bash")[1:3]]
    assert "eventwire code examples/" in blocks[0]
    ci = (ROOT / ".ci" / "run").read_text()
    assert blocks[1] in ci
