"""bench_directory's switches (--without NAME): each one turns off a speed-up the build really has,
so that the ablation that decides whether it stays (issue 12) measures something."""
import importlib
import re

import pytest

from scripts import bench_directory

IMPORT = re.compile(r"import ((?:[\w.]+ as \w+(?:, )?)+)")
ASSIGNED = re.compile(r"(?<![\w.])(\w+)((?:\.\w+)+) = ")


@pytest.mark.parametrize("name", sorted(bench_directory.WITHOUT))
def test_each_switch_replaces_what_the_build_has(name):
    code = bench_directory.WITHOUT[name]
    compile(code, name, "exec")
    modules = {alias: importlib.import_module(module) for found in IMPORT.findall(code)
               for module, alias in (part.split(" as ") for part in found.split(", "))}
    replaced = ASSIGNED.findall(code)
    assert replaced, f"{name}: replaces nothing"
    for alias, attributes in replaced:
        target = modules[alias]
        for attribute in attributes.strip(".").split("."):
            assert hasattr(target, attribute), f"{name}: {alias}{attributes} is not in the code (renamed?)"
            target = getattr(target, attribute)
