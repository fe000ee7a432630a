"""YAML read with its node tree, so that every later message can name the line of a value."""
from __future__ import annotations

import yaml


def parse(text: str, label: str, error: type[Exception]):
    """(node, data) of a YAML text; a syntax error raises `error('label:line: Must be valid YAML …')`."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader), yaml.safe_load(text)
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        raise error(f"{label}:{mark.line + 1 if mark else 1}: Must be valid YAML: "
                    f"{getattr(problem, 'problem', problem)}") from None
