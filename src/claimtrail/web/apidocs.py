"""The API reference page (``/api/docs``) built from the app's own OpenAPI spec on the server: no
Swagger UI from a CDN, no script at all, so it reads the same offline as online."""

from __future__ import annotations

from typing import Any

METHODS = ("get", "post", "put", "patch", "delete")


def schema_text(schema: dict[str, Any] | None) -> str:
    """A parameter's type in a few words: ``integer (1–500)``, ``one of: killed, wounded``."""
    if not schema:
        return ""
    if "anyOf" in schema:
        kinds = [schema_text(s) for s in schema["anyOf"] if s.get("type") != "null"]
        return " or ".join(k for k in kinds if k)
    if "enum" in schema:
        return "one of: " + ", ".join(str(v) for v in schema["enum"])
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    text = str(schema.get("type", ""))
    if schema.get("format"):
        text += f" ({schema['format']})"
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None or high is not None:
        text += f" ({'' if low is None else low}–{'' if high is None else high})"
    if schema.get("pattern"):
        text += f" matching {schema['pattern']}"
    return text


def body_fields(spec: dict[str, Any], body: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The fields of a JSON request body (its schema's properties), shown like parameters."""
    if not body or "$ref" not in body:
        return []
    schema = spec.get("components", {}).get("schemas", {}).get(str(body["$ref"]).rsplit("/", 1)[-1], {})
    required = set(schema.get("required", []))
    return [
        {
            "name": name,
            "in": "body",
            "required": name in required,
            "type": schema_text(prop),
            "description": prop.get("description", ""),
        }
        for name, prop in schema.get("properties", {}).items()
    ]


def operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every operation of the spec in path order: method, path, summary, parameters (name, where,
    required, type, description) and responses (status, description)."""
    out: list[dict[str, Any]] = []
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            params = [
                {
                    "name": p.get("name", ""),
                    "in": p.get("in", ""),
                    "required": bool(p.get("required")),
                    "type": schema_text(p.get("schema")),
                    "description": p.get("description") or p.get("schema", {}).get("description", ""),
                }
                for p in op.get("parameters", [])
            ]
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            params += body_fields(spec, body)
            out.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "anchor": f"{method}-{path}".replace("/", "-").replace("{", "").replace("}", ""),
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "parameters": params,
                    "body": schema_text(body) if body else "",
                    "responses": [
                        {"status": code, "description": r.get("description", "")}
                        for code, r in sorted(op.get("responses", {}).items())
                    ],
                }
            )
    return out
