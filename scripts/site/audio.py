"""The sound of partners' recordings, at build time: checked, then transcoded with ffmpeg.

Debian's ffmpeg decodes any phone format (m4a, mp3, ogg, opus, wav, amr …), measures the
loudness (EBU R128, its loudnorm filter), and writes MP3: mono, normalised in a second, linear
pass to -16 LUFS (the level for phones), 22.05 kHz at a constant 32 kbit/s, 234 KB a minute,
which every Android phone, iPhone and old feature phone plays (ffmpeg's AAC encoder overshot
its bit rate on speech, 229-273 KB a minute at 24-28 kbit/s). A recording that is not audio, silent, shorter than 10 s or than
its text could be read, or longer than 30 minutes is a Problem and is never published.
Transcoded files are kept in .cache/audio/ by the source's hash, so a build decodes each once.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from scripts.core.problems import Problem
from scripts.core.recordings import PageText, Recording

MIN_SECONDS, MAX_SECONDS = 10, 30 * 60
WORDS_PER_SECOND = 4.0  # faster than anyone reads aloud: a shorter recording skipped text
SILENT_LUFS = -50.0
# Published format: MP3 (LAME), mono, 22.05 kHz, constant 32 kbit/s.
OUTPUT = {"suffix": ".mp3", "type": "audio/mpeg", "label": "MP3", "rate": 22050, "bitrate": "32k"}
MAX_BYTES_PER_MINUTE = 250 * 1024
LOUDNESS = "I=-16:TP=-1.5:LRA=11"
SETTINGS = f"v2 {OUTPUT} {LOUDNESS}"  # a change here transcodes every cached recording again
CACHE = Path(".cache") / "audio"

@dataclass
class Sound:
    seconds: float
    loudness: dict  # ffmpeg loudnorm's first-pass measurement


def ffmpeg() -> str:
    return shutil.which("ffmpeg") or "ffmpeg"


def analyse(item: Recording, text: PageText) -> tuple[Sound | None, list[Problem]]:
    """Its length (a cheap decode first, so an over-long file costs little), then its loudness (a
    second decode), and what is wrong with it."""
    if not shutil.which("ffmpeg"):
        return None, [Problem(item.rel, 1, "Must be transcoded, but ffmpeg is missing: run `make setup` "
                                           "(scripts/system-packages.sh installs Debian's ffmpeg)")]
    not_audio = Problem(item.rel, 1, "Must be a recording that a phone can play: ffmpeg finds no sound in it "
                                     "(the file is damaged, empty, or not audio). Save the recording again from the phone "
                                     f"(m4a, mp3, ogg, opus, wav or amr) and replace {item.source.name}")
    length, declared = _decoded_length(item)
    if length is None:
        return None, [not_audio]
    if length > MAX_SECONDS:
        return None, [_too_long(item, declared)]
    run = subprocess.run([ffmpeg(), "-hide_banner", "-nostats", "-i", str(item.source), "-vn", "-map", "0:a:0",
                          "-af", f"loudnorm={LOUDNESS}:print_format=json", "-f", "null", "-"],
                         capture_output=True, text=True, errors="replace")
    seconds = _seconds(run.stderr)
    match = re.search(r"\{[^{}]*\"input_i\"[^{}]*\}", run.stderr)
    if run.returncode != 0 or seconds is None or not match:
        return None, [not_audio]
    loudness = json.loads(match.group(0))
    problems = []
    words, fastest = text.words, text.words / WORDS_PER_SECOND
    if _lufs(loudness["input_i"]) < SILENT_LUFS:
        problems.append(Problem(item.rel, 1, f"Must be audible: it is silent ({loudness['input_i']} LUFS). "
                                             "Check that the microphone was not covered or muted, and record again"))
    elif seconds < MIN_SECONDS:
        problems.append(Problem(item.rel, 1, f"Must be at least {MIN_SECONDS} s long: it lasts {seconds:.1f} s. "
                                             "Record the whole text of the recording script"))
    elif seconds < fastest:
        problems.append(Problem(item.rel, 1, f"Must read the whole page: {seconds:.0f} s is too short for its {words} words "
                                             f"(at least {fastest:.0f} s even read fast). Was the recording cut? "
                                             "Record the whole recording script again"))
    return (None if problems else Sound(seconds, loudness)), problems


def _decoded_length(item: Recording) -> tuple[float | None, float | None]:
    """Seconds of sound decoded without filters, at most a second past the limit (cheap, and a file
    of many hours costs no more than one of 30 minutes; None when ffmpeg finds no sound), and the
    length the file's header declares, if any."""
    run = subprocess.run([ffmpeg(), "-hide_banner", "-nostats", "-i", str(item.source), "-vn", "-map", "0:a:0",
                          "-t", str(MAX_SECONDS + 1), "-f", "null", "-"], capture_output=True, text=True, errors="replace")
    declared = re.search(r"Duration: (\d+):(\d+):(\d+(?:\.\d+)?)", run.stderr)
    declared_seconds = int(declared[1]) * 3600 + int(declared[2]) * 60 + float(declared[3]) if declared else None
    return (_seconds(run.stderr) if run.returncode == 0 else None), declared_seconds


def _too_long(item: Recording, declared: float | None) -> Problem:
    length = (f"it lasts {int(declared // 60)} min {int(declared % 60)} s" if declared and declared > MAX_SECONDS
              else f"it lasts more than {MAX_SECONDS // 60} minutes")
    return Problem(item.rel, 1, f"Must last at most {MAX_SECONDS // 60} minutes: {length}. Cut the silences, "
                                "or ask the page's editors to split the page and record each part; "
                                f"then replace {item.source.name}")


def _seconds(stderr: str) -> float | None:
    times = re.findall(r"time=(\d+):(\d+):(\d+(?:\.\d+)?)", stderr)  # the last progress line: decoded length
    if not times:
        found = re.search(r"Duration: (\d+):(\d+):(\d+(?:\.\d+)?)", stderr)
        times = [found.groups()] if found else []
    if not times:
        return None
    hours, minutes, seconds = times[-1]
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def _lufs(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        return float("-inf")


@dataclass
class Published:
    """A checked, transcoded recording: what the page's player shows."""
    recording: Recording
    file: Path  # in the cache
    seconds: float
    outdated: bool

    @property
    def site_path(self) -> str:
        """Where it is published, from the site's root; the name changes with the recording."""
        item = self.recording
        return f"audio/{item.lang}/{item.page_id}.{self.file.stem[:8]}{OUTPUT['suffix']}"

    def meta(self) -> dict:
        """page.meta.audio for overrides/partials/audio.html."""
        return {"src": self.site_path, "seconds": round(self.seconds), "bytes": self.file.stat().st_size,
                "format": OUTPUT["label"], "type": OUTPUT["type"], "outdated": self.outdated}


def publish(root: Path, recordings: list[Recording], texts: dict[tuple[str, str], PageText]) -> tuple[list[Published], list[Problem]]:
    """Every recording checked and transcoded (once: the cache keeps it), or its problems."""
    published, problems = [], []
    cache = root / CACHE
    for item in recordings:
        text = texts[item.lang, item.page_id]
        key = _cache_key(item)
        file, facts = cache / f"{key}{OUTPUT['suffix']}", cache / f"{key}.json"
        if not (file.exists() and facts.exists()):
            sound, found = analyse(item, text)
            found += [] if sound is None else _transcode(item, sound, file)
            if found:
                problems += found
                continue
            facts.write_text(json.dumps({"seconds": sound.seconds}), encoding="utf-8")
        seconds = json.loads(facts.read_text(encoding="utf-8"))["seconds"]
        outdated = str(item.record.get("revision")).strip() != text.revision
        published.append(Published(item, file, seconds, outdated))
    return published, problems


def _cache_key(item: Recording) -> str:
    digest = hashlib.sha256(SETTINGS.encode())
    digest.update(item.source.read_bytes())
    return digest.hexdigest()[:16]


def _transcode(item: Recording, sound: Sound, target: Path) -> list[Problem]:
    """Second loudnorm pass with the first pass's measurement (a linear gain), mono MP3."""
    m = sound.loudness
    measured = (f"measured_I={m['input_i']}:measured_TP={m['input_tp']}:measured_LRA={m['input_lra']}:"
                f"measured_thresh={m['input_thresh']}:offset={m['target_offset']}:linear=true")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    run = subprocess.run([ffmpeg(), "-hide_banner", "-nostats", "-loglevel", "error", "-y", "-i", str(item.source),
                          "-vn", "-map", "0:a:0", "-map_metadata", "-1", "-af", f"loudnorm={LOUDNESS}:{measured}",
                          "-ac", "1", "-ar", str(OUTPUT["rate"]), "-c:a", "libmp3lame", "-b:a", OUTPUT["bitrate"],
                          "-f", "mp3", str(partial)], capture_output=True, text=True)
    if run.returncode != 0:
        partial.unlink(missing_ok=True)
        return [Problem(item.rel, 1, "Must be readable to its end: ffmpeg stopped with "
                                     f"'{run.stderr.strip().splitlines()[-1] if run.stderr.strip() else run.returncode}'. "
                                     "Save the recording again from the phone and replace the file")]
    per_minute = partial.stat().st_size / (sound.seconds / 60)
    if per_minute > MAX_BYTES_PER_MINUTE:  # the encoder's settings above keep it near 210 KB
        partial.unlink()
        return [Problem(item.rel, 1, f"Must transcode to at most {MAX_BYTES_PER_MINUTE // 1024} KB a minute: "
                                     f"{per_minute / 1024:.0f} KB. Tell the site's maintainers (scripts/site/audio.py)")]
    partial.replace(target)
    return []
