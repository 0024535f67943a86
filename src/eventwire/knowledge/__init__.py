"""Knowledge shipped as data: YAML files per stage, loaded and validated with line numbers."""

from eventwire.knowledge.loader import Problems, check_version, load_yaml_with_lines, shipped_files

__all__ = ["Problems", "check_version", "load_yaml_with_lines", "shipped_files"]
