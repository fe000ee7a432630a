"""The quick reader of entries (scripts/directory/fast_yaml.py) gives exactly what PyYAML's reading gives,
or steps aside: on every entry of the repository, the test fixtures, the benchmark's synthetic
entries and YAML written to trip it."""
from __future__ import annotations

import random

import pytest
from directory_site import CENTRE, CLOSED, LINE, VALID

from scripts import bench_directory
from scripts.directory import fast_yaml, services

FIELDS = services.NUMERIC_FIELDS


@pytest.fixture(autouse=True)
def one_thread(monkeypatch):
    """As in a build: the quick reading steps aside while other threads run (this test session
    may have some left by browser tests)."""
    monkeypatch.setattr(fast_yaml.threading, "active_count", lambda: 1)

TRICKY = {
    "quotes and escapes": 'id: x\nname:\n  ru: "Он сказал: \\"Да\\" \\\\ \\u00e9 \\t tab"\n  en: \'it\'\'s\'\n',
    "colon and hash in text": "id: x\nnote: a: b # not a comment\nurl: https://example.kz/a#b\n",
    "folded and literal": "id: x\nd: >\n  one\n  two\n\n  three\nl: |\n  a\n   b\nk: |-\n  c\n",
    "plain multi-line": "id: x\nd: one\n  two\n  three\n",
    "flow lists and maps": "id: x\nc: [a, 'b c', \"d\"]\nm: {ru: a, en: b}\ne: []\n",
    "empty and null": "id: x\na:\nb: ~\nc: null\nd: ''\ne: \"null\"\nf: Null\n",
    "booleans": "id: x\na: yes\nb: true\nc: False\nd: on\n",
    "numbers as text": "id: x\nphone: \"+77272697059\"\nplain: +77272697059\nyear: 2026\nmonth: 2026-11\nday: 2026-11-01\nver: 1.10\n",
    "coordinates": "id: x\nlocations:\n  - latitude: 43\n    longitude: 76.\n  - latitude: -0.5\n    longitude: 1e5\n"
                   "  - latitude: \"43.2\"\n    longitude: 1_000.5\n  - latitude: 0x1F\n    longitude: .5\n",
    "whole and signed coordinates": "id: x\nlocations:\n  - latitude: 43\n    longitude: -76.5\n",
    "duplicate key": "id: x\nname: a\nname: b\n",
    "anchor and alias": "id: x\na: &v text\nb: *v\n",
    "merge key": "id: x\nbase: {a: 1}\nm:\n  <<: {a: b}\n",
    "tag": "id: x\na: !!str 123\n",
    "tab": "id: x\na:\tb\n",
    "windows line ends": "id: x\r\nname: a\r\n",
    "byte order mark": "\ufeffid: x\nname: a\n",
    "two documents": "id: x\n---\nid: y\n",
    "not a mapping": "- a\n- b\n",
    "broken": "id: x\nstatus: [active\n",
    "comment lines": "# a comment\nid: x  # trailing\nname:\n  # inside\n  ru: a\n",
    "unicode": "id: x\nname:\n  ky: «Родник» — жардам\n  uz: Oʻzbekcha ʼ\n  emoji: \U0001F600\n",
    "keys that look like values": "id: x\n1: a\ntrue: b\nnull: c\n",
    "long line": "id: x\nd: " + "слово " * 400 + "\n",
    "indented sequence": "id: x\nl:\n- a\n- b\n",
    "spaces at line end": "id: x\nname: a   \nd: >\n  b  \n  c\n",
}


def _cases() -> dict[str, str]:
    cases = {f"repository {path.name}": path.read_text(encoding="utf-8")
             for path in sorted((services.DATA_DIR).glob("*.yml"))}
    cases.update({f"fixture {name}": text for name, text in VALID.items()})
    cases.update({f"tricky {name}": text for name, text in TRICKY.items()})
    rng = random.Random(7)
    numbers = ["+77272697059", "+77001234567"]
    cases.update({f"synthetic {index}": bench_directory.synthetic_entry(index, rng, numbers) for index in range(0, 60, 7)})
    return cases


CASES = _cases()


@pytest.mark.parametrize("name", sorted(CASES))
def test_same_data_as_pyyaml_or_steps_aside(name):
    text = CASES[name]
    quick = fast_yaml.data(text.encode("utf-8"), FIELDS)
    if quick is not None:
        assert quick == services._parse(text).data


@pytest.mark.skipif(fast_yaml.ryml is None, reason="rapidyaml has no wheel here")
def test_it_reads_the_entries_it_is_for():
    """The quick reading is worth having: every ordinary entry goes through it."""
    ordinary = [name for name in CASES if not name.startswith("tricky")]
    assert [name for name in ordinary if fast_yaml.data(CASES[name].encode("utf-8"), FIELDS) is None] == []


@pytest.mark.skipif(fast_yaml.ryml is None, reason="rapidyaml has no wheel here")
def test_it_steps_aside_where_the_readers_could_differ():
    aside = ["duplicate key", "anchor and alias", "merge key", "tag", "tab", "windows line ends", "byte order mark",
             "two documents", "not a mapping", "broken", "booleans", "numbers as text", "empty and null"]
    assert [name for name in aside if fast_yaml.data(TRICKY[name].encode("utf-8"), FIELDS) is not None] == []


def test_a_broken_file_prints_nothing_of_its_own(capfd):
    assert fast_yaml.data(TRICKY["broken"].encode("utf-8"), FIELDS) is None
    assert capfd.readouterr().err == ""


def test_entries_check_the_same_either_way(tmp_path, monkeypatch):
    """services.check_file() with and without the quick reading: the same entries, the same problems."""
    folder = tmp_path / "services"
    folder.mkdir()
    texts = dict(VALID, **{"bad-phone.yml": CENTRE.replace("+77272697059", "+7727269705").replace("test-centre", "bad-phone"),
                           "bad-field.yml": LINE.replace("fees: free", "feez: free").replace("test-line", "bad-field"),
                           "closed.yml": CLOSED.replace("test-closed", "closed")})
    for file_name, text in texts.items():
        (folder / file_name).write_text(text, encoding="utf-8")
    quick = {path.name: services.check_file(path) for path in sorted(folder.iterdir())}
    monkeypatch.setattr(fast_yaml, "ryml", None)
    slow = {path.name: services.check_file(path) for path in sorted(folder.iterdir())}
    assert {name: (result[0] and result[0].data, result[1]) for name, result in quick.items()} == \
           {name: (result[0] and result[0].data, result[1]) for name, result in slow.items()}
    assert quick["bad-phone.yml"][1] and quick["bad-field.yml"][1] and quick["test-centre.yml"][0]

