"""The browser editor's configuration (Sveltia CMS, admin/config.yml), generated from the JSON Schemas.

Fields, their rules (required, patterns, lengths, choices, limits) and their help texts come from
schemas/page.schema.json and schemas/service.schema.json, and the languages from mkdocs.yml, so
the editor cannot drift from what `make check` accepts. A type this generator does not know
stops the build (CmsConfigError) instead of being left out silently. Rules between fields
(dependentRequired, if/then) the editor cannot express: `make check` holds them, on every pull
request. Field labels: scripts/site/admin/labels.yml (Russian, then the field's name).
"""
from __future__ import annotations

import functools
import json

import yaml

from scripts.core import schema_messages, site_config

SCHEMAS = site_config.ROOT / "schemas"
LABELS = site_config.ROOT / "scripts/site/admin/labels.yml"
# The schema's own named types ($defs) that become one field per language or a language choice.
TEXT_TYPE, LANGUAGE_TYPE = "text", "language"
# Page fields that are the same in every language's file (the rest is translated).
SAME_IN_EVERY_LANGUAGE = ("id", "type")


class CmsConfigError(ValueError):
    pass


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def _labels() -> dict:
    return yaml.safe_load(LABELS.read_text(encoding="utf-8"))


def label_of(name: str) -> str:
    """'Телефоны · phones': the Russian label, then the name `make check` uses."""
    return f"{_labels()[name]} · {name}" if name in _labels() else name


def _hint(text: str) -> str:
    """Help text as the CMS shows it (its hints read < > as HTML)."""
    return text.replace("<", "‹").replace(">", "›")


class SchemaFields:
    """CMS fields for one JSON Schema's properties, in the schema's order."""

    def __init__(self, schema: dict, languages: list[str], default: str):
        self.schema, self.languages, self.default = schema, languages, default

    def resolve(self, node: dict) -> tuple[str | None, dict]:
        """(name of the $defs type or None, the node with its $ref followed)."""
        name = None
        while "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            node = {**self.schema["$defs"][name], **{key: value for key, value in node.items() if key != "$ref"}}
        return name, node

    def fields(self, node: dict) -> list[dict]:
        required = set(node.get("required", []))
        return [self.field(name, value, name in required) for name, value in node["properties"].items()]

    def field(self, name: str, node: dict, required: bool) -> dict:
        kind, node = self.resolve(node)
        field = {"name": name, "label": label_of(name), "required": required}
        if node.get("description"):
            field["hint"] = _hint(node["description"])
        field.update(self.widget(kind, node, name))
        return field

    def widget(self, kind: str | None, node: dict, name: str) -> dict:
        if kind == TEXT_TYPE:
            return {"widget": "object", "collapsed": False, "fields": [
                {"name": code, "label": code, "widget": "text", "required": code == self.default}
                for code in self.languages]}
        if kind == LANGUAGE_TYPE:
            return {"widget": "select", "options": list(self.languages)}
        if "enum" in node:
            default = {"default": node["default"]} if "default" in node else {}
            return {"widget": "select", "options": list(node["enum"]), **default}
        if "anyOf" in node:
            return self.any_of(node, name)
        builders = {"string": self.string, "number": self.number, "object": self.object, "array": self.array}
        if node.get("type") not in builders:
            raise CmsConfigError(f"schemas: Must give '{name}' a type the editor knows ({', '.join(builders)}), "
                                 "or teach scripts/site/cms_config.py the new one")
        return builders[node["type"]](node, name)

    def string(self, node: dict, name: str) -> dict:
        if node.get("format") == "date":
            return {"widget": "datetime", "format": "YYYY-MM-DD", "time_format": False}
        widget = {"widget": "string"}
        if "pattern" in node:
            hint = schema_messages.wording(node, "pattern", label_of(name)) or f"Must match {node['pattern']}"
            widget["pattern"] = [node["pattern"], hint]
        for ours, theirs in (("minLength", "minlength"), ("maxLength", "maxlength")):
            if ours in node:
                widget[theirs] = node[ours]
        return widget

    def number(self, node: dict, name: str) -> dict:
        limits = {ours: node[theirs] for ours, theirs in (("min", "minimum"), ("max", "maximum")) if theirs in node}
        return {"widget": "number", "value_type": "float", **limits}

    def object(self, node: dict, name: str) -> dict:
        return {"widget": "object", "fields": self.fields(node)}

    def any_of(self, node: dict, name: str) -> dict:
        """A string that matches one of several patterns or fixed values: one pattern."""
        alternatives, values = [], []
        for option in node["anyOf"]:
            _, option = self.resolve(option)
            if "pattern" in option:
                alternatives.append(option["pattern"].removeprefix("^").removesuffix("$"))
            elif "enum" in option:
                alternatives.extend(option["enum"])
                values.extend(option["enum"])
            else:
                raise CmsConfigError(f"schemas: Must write each choice of '{name}' as a pattern or a list of values")
        pattern = "^(" + "|".join(alternatives) + ")$"
        hint = schema_messages.wording(node, "anyOf", label_of(name), values) or f"Must match {pattern}"
        return {"widget": "string", "pattern": [pattern, hint]}

    def array(self, node: dict, name: str) -> dict:
        limits = {ours: node[theirs] for ours, theirs in (("min", "minItems"), ("max", "maxItems")) if theirs in node}
        kind, items = self.resolve(node["items"])
        if "enum" in items or kind == LANGUAGE_TYPE:
            return {**self.widget(kind, items, name), "multiple": True, **limits}
        if "properties" in items:
            return {"widget": "list", "fields": self.fields(items), **limits}
        return {"widget": "list", "field": {"name": "item", "label": label_of(name), **self.widget(kind, items, name)},
                **limits}


# Page collections: docs/<lang>/<page>.md, one file per language, Russian first, by `type`.
PAGE_COLLECTIONS = {"guides": ("guide", "Руководства · Guides", "Руководство · Guide"),
                    "situations": ("situation", "Ситуации · Situations", "Ситуация · Situation")}


def pages(name: str, languages: list[str], default: str) -> dict:
    page_type, label, singular = PAGE_COLLECTIONS[name]
    page = schema("page")
    fields = SchemaFields(page, languages, default).fields(page)
    for field in fields:
        field["i18n"] = "duplicate" if field["name"] in SAME_IN_EVERY_LANGUAGE else True
        if field["name"] == "type":
            field["default"] = page_type
    fields.append({"name": "body", "label": label_of("body"), "widget": "markdown", "i18n": True})
    return {"name": name, "label": label, "label_singular": singular,
            "folder": site_config.load()["docs_dir"], "extension": "md", "format": "yaml-frontmatter",
            "i18n": True, "identifier_field": "title", "slug": "{{id}}", "filter": {"field": "type", "value": page_type},
            # A new page needs its nav entry and short link (`make new-guide`); a page's file stays.
            "create": False, "delete": False, "publish": False, "fields": fields}


def services(languages: list[str], default: str) -> dict:
    """Directory entries: data/services/<id>.yml, every language inside the one file."""
    service = schema("service")
    return {"name": "services", "label": "Справочник · Directory", "label_singular": "Служба · Service",
            "folder": "data/services", "extension": "yml", "format": "yaml",
            "identifier_field": "id", "slug": "{{id}}", "summary": f"{{{{name.{default}}}}}",
            # A closed service gets `status: inactive`: printed links lead to its page (README).
            "delete": False, "publish": False, "fields": SchemaFields(service, languages, default).fields(service)}


def config(repo: str, branch: str = "main") -> dict:
    languages, default = site_config.language_codes(), site_config.default_language()
    return {
        # Sign-in with a GitHub token: no server of ours (CONTRIBUTING says how to make one).
        "backend": {"name": "github", "repo": repo, "branch": branch, "auth_methods": ["token"]},
        # Every save is a branch and a pull request: the checks and a reviewer come before the site.
        # Editors send it for review; only a reviewer merges it, on GitHub (collections' `publish: False`).
        "publish_mode": "editorial_workflow",
        "media_folder": "docs/assets/images",
        "app_title": "Редактор сайта · Site editor",
        "show_preview_links": False,
        "i18n": {"structure": "multiple_folders", "locales": languages, "default_locale": default},
        # Strings in double quotes, as the Russian pages are written: dates stay text, "111" stays text.
        "output": {"omit_empty_optional_fields": True, "yaml": {"quote": "double"}},
        "collections": [*(pages(name, languages, default) for name in PAGE_COLLECTIONS), services(languages, default)],
    }
