"""Material's templates as the Nu HTML Checker accepts them (scripts/site/valid_markup.py).

Listed before the hooks that render pages at on_env (directory.py renders its page frames there).
"""
import _path  # noqa: F401

from scripts.site import hook_marks, valid_markup


def on_env(env, config, files):
    hook_marks.leave(__file__, config)
    valid_markup.apply(env)
    return env
