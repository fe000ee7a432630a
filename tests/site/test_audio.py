"""Partners' recordings, tried as a family would. Every recording here is made at test time
(espeak-ng speaking Russian, or a tone) in a copy of the project: none is invented for a page."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import copy_project
from scripts.bench.static_server import Server
from scripts.core import interface_strings, recordings, site_config

SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 400 * 1024 / 8, "uploadThroughput": 400 * 1024 / 8}
SENTENCE = "Это проверочная запись, сделанная синтезатором речи во время теста. Настоящую запись делает человек."
RU = site_config.default_language()


def _speech(target: Path, repeats: int) -> None:
    subprocess.run(["espeak-ng", "-v", "ru", "-s", "150", "-w", str(target), " ".join([SENTENCE] * repeats)], check=True)


def _tone(target: Path, seconds: float, volume: str = "1", rate: int = 44100) -> None:
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}:sample_rate={rate}",
                    "-af", f"volume={volume}", str(target)], check=True)


def _record(folder: Path, page_id: str, revision: str) -> None:
    (folder / f"{page_id}.yml").write_text(f"reader: espeak-ng (test)\nrevision: '{revision}'\n", encoding="utf-8")


def _build(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(project))
    return subprocess.run([sys.executable, "-m", "scripts.build_site", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    """The directory's sample project (a page per entry of the navigation; tests/directory_site.py)
    with two test recordings of Russian pages, built in Russian with its leaflets (seconds, where the
    real site's Russian leaflets take half a minute)."""
    from directory_site import make_project, without_short_links
    project = without_short_links(make_project(tmp_path_factory.mktemp("recorded") / "project"))
    folder = project / "audio" / RU
    folder.mkdir(parents=True)
    texts = recordings.page_texts(project)
    _speech(folder / "home.wav", 8)  # about a minute: longer than the home page read fast
    _record(folder, "home", texts[RU, "home"].revision)
    arrival = texts[RU, "arrival"]
    _tone(folder / "arrival.ogg", arrival.words / 4 + 10)
    _record(folder, "arrival", "0123456789ab")  # an earlier revision of the text
    site = project / "site"
    result = _build(project, "--lang", RU, "--site-dir", str(site))
    assert result.returncode == 0, result.stderr[-3000:]
    return project, site


def test_recording_is_published_mono_loudness_normalised_small(recorded):
    _, site = recorded
    files = sorted((site / "audio" / RU).glob("home.*.mp3"))
    assert len(files) == 1
    probe = json.loads(subprocess.run(["ffprobe", "-v", "error", "-show_entries", "stream=channels,codec_name:format=duration",
                                       "-of", "json", str(files[0])], capture_output=True, text=True, check=True).stdout)
    assert probe["streams"][0]["channels"] == 1 and probe["streams"][0]["codec_name"] == "mp3"
    minutes = float(probe["format"]["duration"]) / 60
    assert files[0].stat().st_size / minutes <= 250 * 1024
    measured = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-i", str(files[0]), "-af", "ebur128", "-f", "null", "-"],
                              capture_output=True, text=True).stderr
    loudness = float(measured.rsplit("I:", 1)[1].split("LUFS")[0])
    assert -18 <= loudness <= -14, f"integrated loudness {loudness} LUFS, expected about -16"


def test_page_shows_a_native_player_with_length_and_size(recorded):
    _, site = recorded
    html = (site / "index.html").read_text(encoding="utf-8")
    ui = interface_strings.load(RU)
    assert "<audio" in html and "controls" in html and "preload=none" in html.replace('"', "")
    assert ui["audio.listen"] in html
    length = re.escape(ui["audio.length"]).replace(r"\{minutes\}", r"\d+").replace(r"\{seconds\}", r"\d+")
    size = re.escape(ui["audio.size"]).replace(r"\{megabytes\}", r"\d+" + re.escape(ui["audio.decimal"]) + r"\d")
    assert re.search(f"\\({length}, {size}\\)", html), "no length and size in the reader's language"
    assert ui["audio.outdated"] not in html


def test_recording_of_an_earlier_revision_is_marked(recorded):
    _, site = recorded
    html = (site / "arrival.html").read_text(encoding="utf-8")
    assert interface_strings.load(RU)["audio.outdated"] in html


def test_played_to_the_end_and_nothing_loaded_before_the_tap(recorded, browser):
    _, site = recorded
    with Server(site) as base:
        context = browser.new_context(viewport={"width": 360, "height": 740})
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_3G)
        requested = []
        cdp.on("Network.requestWillBeSent", lambda event: requested.append(event["request"]["url"]))
        page.goto(base + "index.html", wait_until="networkidle")
        page.wait_for_timeout(1000)
        assert not [url for url in requested if "/audio/" in url], "audio loaded before the tap"
        player = page.locator("audio")
        player.scroll_into_view_if_needed()
        box = player.bounding_box()
        page.mouse.click(box["x"] + 22, box["y"] + box["height"] / 2)  # the play button, at the player's left
        tapped = time.monotonic()
        while not [url for url in requested if "/audio/" in url] and time.monotonic() - tapped < 2:
            page.wait_for_timeout(100)  # the request within 2 s of the tap, as before; no longer always 2 s
        assert [url for url in requested if "/audio/" in url], "the tap did not load the recording"
        page.evaluate("() => { document.querySelector('audio').playbackRate = 16 }")
        started = time.monotonic()
        while not page.evaluate("() => document.querySelector('audio').ended") and time.monotonic() - started < 60:
            time.sleep(0.5)
        assert page.evaluate("() => document.querySelector('audio').ended"), "the recording did not play to its end"
        context.close()


def test_player_is_there_without_javascript(recorded, browser):
    _, site = recorded
    with Server(site) as base:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(base + "index.html")
        assert page.locator("audio[controls]").count() == 1
        context.close()


def test_printable_recording_script_and_status(recorded):
    project, site = recorded
    texts = recordings.page_texts(project)
    script = (site / "editors" / "recording" / RU / "arrival.html").read_text(encoding="utf-8")
    assert texts[RU, "arrival"].revision in script and "<li>" in script
    states = recordings.status(project)
    assert states[RU, "home"] == "recorded" and states[RU, "arrival"] == "outdated" and states[RU, "work"] == "missing"
    env = dict(os.environ, PYTHONPATH=str(project))
    table = subprocess.run([sys.executable, "-m", "scripts.translation_status"], cwd=project, env=env,
                           capture_output=True, text=True, check=True).stdout
    assert "| home | recorded |" in table and "| arrival | outdated |" in table


def test_bad_recordings_are_reported_and_never_published(tmp_path):
    project = copy_project(tmp_path / "project")
    folder = project / "audio" / RU
    folder.mkdir(parents=True)
    (folder / "health.mp3").write_text("not a recording", encoding="utf-8")
    _record(folder, "health", "x")
    _tone(folder / "school.wav", 15, volume="0")  # silent
    _record(folder, "school", "x")
    _tone(folder / "kindergarten.wav", 5)  # under 10 s
    _record(folder, "kindergarten", "x")
    _tone(folder / "work.wav", 15)  # far too short for the page's text
    _record(folder, "work", "x")
    _tone(folder / "no-such-page.wav", 15)
    (project / "audio" / "xx").mkdir()
    _tone(project / "audio" / "xx" / "arrival.wav", 15)
    _tone(folder / "trafficking.wav", 15)  # no record beside it
    _tone(folder / "legal-status.wav", 31 * 60, rate=8000)  # over 30 minutes (8 kHz mono: 30 MB, decoded in a second)
    _record(folder, "legal-status", "x")
    site = tmp_path / "site"
    result = _build(project, "--lang", RU, "--site-dir", str(site))
    assert result.returncode != 0
    for name, words in [("health.mp3", "no sound"), ("school.wav", "silent"), ("kindergarten.wav", "at least 10 s"),
                        ("work.wav", "too short"), ("no-such-page.wav", "page id"), ("xx/arrival.wav", "language's folder"),
                        ("trafficking.wav", "record beside it"), ("legal-status.wav", "at most 30 minutes: it lasts 31 min 0 s")]:
        line = next((line for line in result.stderr.splitlines() if name in line), "")
        assert "Must" in line and words in line, f"{name}: {line or result.stderr[-2000:]}"
    assert "Traceback" not in result.stderr
    assert not site.exists(), "a build with a bad recording must publish nothing"
    assert shutil.which("ffmpeg")


def test_leaflet_says_the_page_can_be_heard(recorded):
    import pypdfium2
    _, site = recorded
    sentence = interface_strings.load(RU)["leaflet.audio"]

    def text(page_id: str) -> str:
        pdf = pypdfium2.PdfDocument(str(site / "leaflets" / RU / f"{page_id}.pdf"))
        return " ".join(" ".join(pdf[0].get_textpage().get_text_range().split()).split("\n"))

    assert sentence in text("home") and sentence not in text("work")


def test_recordings_go_into_the_languages_zim(recorded, tmp_path):
    from scripts.partners import zim
    _, site = recorded
    included = zim.contents(site, RU)
    assert any(path.startswith(f"audio/{RU}/home.") for path in included), "the recording is not in the ZIM file"
