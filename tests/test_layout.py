"""The tree tells commands from libraries (scripts/README.md): checked here so it stays true."""
from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"


def _commands() -> set[str]:
    top = {path.stem for path in SCRIPTS.glob("*.py") if path.stem != "__init__"}
    return top | {path.parent.name for path in SCRIPTS.glob("*/__main__.py")}


@functools.cache  # asked three times of every module (two tests): each is parsed once
def _imported_modules(path: Path) -> frozenset[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("scripts"):
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names if alias.name.startswith("scripts"))
    return frozenset(names)


def _product_modules() -> list[Path]:
    library = [path for path in SCRIPTS.rglob("*.py") if path.parent != SCRIPTS and path.name != "__main__.py"]
    return library + list((ROOT / "overrides" / "hooks").glob("*.py"))


def test_every_command_has_its_row_and_every_row_a_command():
    table = (SCRIPTS / "README.md").read_text(encoding="utf-8").split("## Commands", 1)[1]
    rows = set(re.findall(r"^\| `([a-z_]+)` \|", table, flags=re.MULTILINE))
    assert rows == _commands(), f"only in README: {rows - _commands()}; only in scripts/: {_commands() - rows}"


def test_no_product_module_imports_a_command():
    commands = {f"scripts.{name}" for name in _commands()}
    for path in _product_modules():
        wrong = {name for name in _imported_modules(path) if name in commands and name != "scripts.leaflets"}
        wrong |= {name for name in _imported_modules(path) if name == "scripts.leaflets.__main__"}
        assert not wrong, f"{path.relative_to(ROOT)} imports the command(s) {sorted(wrong)}"


def test_product_code_never_imports_the_bench_harness():
    for path in _product_modules():
        if path.parent.name == "bench":
            continue
        assert not {name for name in _imported_modules(path) if name.startswith("scripts.bench")}, path


def test_every_folder_is_in_the_folder_table():
    table = (SCRIPTS / "README.md").read_text(encoding="utf-8").split("## Commands", 1)[0]
    folders = {path.parent.name for path in SCRIPTS.glob("*/__init__.py")}
    assert folders == set(re.findall(r"^\| `([a-z_]+)/` \|", table, flags=re.MULTILINE))


# Tests mirror the tree: tests/<folder>/ tests scripts/<folder>/ (content/: the pages in docs/;
# roots/: the sample projects; js/: the browser tests' npm packages).
TEST_ONLY_FOLDERS = {"content", "roots", "js"}


def test_test_folders_mirror_the_scripts_folders():
    folders = {path.name for path in (ROOT / "tests").iterdir() if path.is_dir() and path.name != "__pycache__"}
    stray = folders - {path.parent.name for path in SCRIPTS.glob("*/__init__.py")} - TEST_ONLY_FOLDERS
    assert not stray, f"tests/{sorted(stray)} match no folder of scripts/ (scripts/README.md)"
    loose = sorted(path.name for path in (ROOT / "tests").glob("test_*.py"))
    assert loose == ["test_hostile_data.py", "test_hostile_input.py", "test_layout.py"], (
        "a test of one subsystem goes in its folder; only whole-project tests stay in tests/: " + ", ".join(loose))


def test_every_sample_project_is_described():
    table = (ROOT / "tests" / "roots" / "README.md").read_text(encoding="utf-8")
    projects = {path.name for path in (ROOT / "tests" / "roots").iterdir() if path.is_dir()}
    assert projects == set(re.findall(r"^\| `([a-z0-9-]+)/` \|", table, flags=re.MULTILINE))
