"""Theme templates compiled once per build process, not once per language.

mkdocs makes a new Jinja environment for each language's build (the i18n plugin runs six), and
each compiled Material's templates again: about 190 compilations, a fifth of the build's own
time. Jinja's bytecode cache keeps a template's compiled code in memory, keyed by its name and
file and checked against its source (a changed template is compiled again, as under `mkdocs
serve`); environments whose settings change the compiled code (autoescape, extensions,
delimiters) never share it.
"""
from __future__ import annotations

import jinja2

_SETTINGS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
             "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
             "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
             "is_async", "newstyle_gettext")


class _InMemory(jinja2.BytecodeCache):
    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_caches: dict[tuple, _InMemory] = {}


def share(env: jinja2.Environment) -> jinja2.Environment:
    """`env`, with the compiled templates of the environments made before it with the same settings."""
    env.bytecode_cache = _caches.setdefault(_settings(env), _InMemory())
    return env


def _settings(env: jinja2.Environment) -> tuple:
    autoescape = env.autoescape if isinstance(env.autoescape, bool) else id(env.autoescape)  # a function: its own
    return (autoescape, tuple(sorted(env.extensions)), *(getattr(env, name, None) for name in _SETTINGS))
