"""One freshness model (scripts/core/freshness.py) for page translations, entry translations and
recordings: each records the fingerprint of the text it was made from."""
from pathlib import Path

from scripts.core import freshness, recordings, translations
from scripts.directory import services


def test_a_change_of_one_character_makes_it_outdated():
    recorded = freshness.fingerprint(["Школа", "Дети"])
    assert freshness.follows(recorded, ["Школа", "Дети"])
    assert not freshness.follows(recorded, ["Школа", "Дети."])
    assert not freshness.follows(None, ["Школа"])


def test_pages_entries_and_recordings_use_the_one_fingerprint(tmp_path: Path):
    page = tmp_path / "school.md"
    page.write_text("---\nid: school\n---\nТекст\n", encoding="utf-8")
    assert translations.fingerprint(page) == freshness.fingerprint([page.read_text(encoding="utf-8")])
    assert recordings.revision(["А", "Б"]) == freshness.fingerprint(["А", "Б"])
    entry = {"name": {"ru": "Родник", "ky": "Родник"}, "description": {"ru": "Помощь"}}
    assert services.source_fingerprint(entry) != services.source_fingerprint({**entry, "description": {"ru": "Помощь!"}})
    assert services.source_fingerprint(entry) == services.source_fingerprint({**entry, "name": {"ru": "Родник", "ky": "Башка"}})
