"""``/docs``: the API described for people, drawn from the OpenAPI document by the server.

FastAPI's Swagger and ReDoc pages load their scripts from a CDN, so they fail offline and widen the
page's Content-Security-Policy; this page is plain HTML from the package's own template.
"""

from __future__ import annotations

import re
from typing import Any


def _type(schema: dict[str, Any]) -> str:
    """A short type for a parameter schema: ``integer 1..500``, ``string``, ``list of string``."""
    if "anyOf" in schema:
        kinds = [_type(s) for s in schema["anyOf"] if s.get("type") != "null"]
        return " or ".join(kinds) or "null"
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    kind = schema.get("type", "any")
    if kind == "array":
        return "list of " + _type(schema.get("items", {}))
    bounds = [schema.get(k) for k in ("minimum", "maximum")]
    if any(b is not None for b in bounds):
        kind += f" {'' if bounds[0] is None else bounds[0]}..{'' if bounds[1] is None else bounds[1]}"
    if "pattern" in schema:
        kind += f" /{schema['pattern']}/"
    return kind


def _body(spec: dict[str, Any], op: dict[str, Any]) -> list[dict[str, Any]]:
    content = (op.get("requestBody") or {}).get("content", {}).get("application/json")
    if not content:
        return []
    ref = content["schema"].get("$ref", "")
    model = spec.get("components", {}).get("schemas", {}).get(ref.rsplit("/", 1)[-1], {})
    required = set(model.get("required", ()))
    return [
        {"name": name, "type": _type(s), "required": name in required, "description": s.get("description", "")}
        for name, s in model.get("properties", {}).items()
    ]


def operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every operation of ``spec`` with its parameters, body fields and responses, in the spec's order."""
    out = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {
                    "name": p["name"], "where": p["in"], "required": p.get("required", False),
                    "type": _type(p.get("schema", {})), "default": (p.get("schema") or {}).get("default", ""),
                    "description": p.get("description", ""),
                }
                for p in op.get("parameters", [])
            ]  # fmt: skip
            responses = [(code, r.get("description", "")) for code, r in op.get("responses", {}).items()]
            out.append({
                "method": method.upper(), "path": path, "summary": op.get("summary", ""),
                "description": op.get("description", ""), "params": params, "body": _body(spec, op),
                "responses": responses, "anchor": re.sub(r"[^a-z0-9]+", "-", f"{method} {path}".lower()).strip("-"),
            })  # fmt: skip
    return out


__all__ = ["operations"]
