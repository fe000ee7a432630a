"""The mirror kit (issue 7): archives, manifest, checksums, what is shipped, and tamper detection."""
from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import subprocess
import tarfile
import zipfile
from pathlib import Path

import brotli
import jinja2
import pytest

from conftest import ROOT, languages
from scripts import mirror_verify
from scripts.core import site_config
from scripts.partners import bundle, checksums, precompress
from scripts.site import admin_page, mirrors_list


def _verify(path: Path, *extra: str, capsys) -> tuple[int, str]:
    code = mirror_verify.main([str(path), *extra])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _archive(dist: Path, manifest: dict, suffix: str) -> Path:
    return dist / f"migrant-rights-kz-{manifest['version']}{suffix}"


# What `make mirror` writes

def test_dist_holds_archives_zim_files_and_their_checksums(mirror_dist):
    dist, manifest = mirror_dist
    expected = {f"migrant-rights-kz-test{suffix}" for suffix in (".tar.gz", ".zip", ".manifest.json")}
    expected |= {f"migrant-rights-kz-test-{lang}.zim" for lang in languages()}
    assert {path.name for path in dist.iterdir()} == expected | {"SHA256SUMS"}
    sums = dict(reversed(line.split("  ", 1)) for line in (dist / "SHA256SUMS").read_text().splitlines())
    assert set(sums) == expected
    for name, digest in sums.items():
        assert hashlib.sha256((dist / name).read_bytes()).hexdigest() == digest, name


def test_manifest_gives_version_date_revision_languages_and_pages(mirror_dist):
    dist, manifest = mirror_dist
    assert manifest["version"] == "test"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", manifest["build_date"])
    assert re.fullmatch(r"[0-9a-f]{40}|unknown", manifest["git_revision"])
    assert [language["code"] for language in manifest["languages"]] == languages()
    assert all(language["pages"] >= len(site_config.nav_pages()) for language in manifest["languages"])
    assert manifest["page_count"] == sum(language["pages"] for language in manifest["languages"])
    published = json.loads(_archive(dist, manifest, ".manifest.json").read_text(encoding="utf-8"))
    assert published == manifest


def test_tar_gz_and_zip_hold_the_same_verified_folder(mirror_dist, capsys):
    dist, manifest = mirror_dist
    with tarfile.open(_archive(dist, manifest, ".tar.gz")) as archive:
        tar_names = {member.name for member in archive.getmembers() if member.isfile()}
    with zipfile.ZipFile(_archive(dist, manifest, ".zip")) as archive:
        zip_names = {name for name in archive.namelist() if not name.endswith("/")}
    assert tar_names == zip_names
    assert {name.split("/")[1] for name in tar_names} == {"site", "hosting", "README.txt", "MANIFEST.json"}
    for suffix in (".tar.gz", ".zip"):
        code, output = _verify(_archive(dist, manifest, suffix), capsys=capsys)
        assert code == 0, output
        assert f"all {len(manifest['files'])} files match" in output


def test_archives_are_the_same_bytes_for_the_same_files(mirror_folder, tmp_path):
    when = bundle.dt.datetime(2026, 11, 23, tzinfo=bundle.dt.timezone.utc)
    for writer, suffix in ((bundle.write_tar_gz, ".tar.gz"), (bundle.write_zip, ".zip")):
        writer(mirror_folder / "hosting", tmp_path / f"a{suffix}", when)
        writer(mirror_folder / "hosting", tmp_path / f"b{suffix}", when)
        assert (tmp_path / f"a{suffix}").read_bytes() == (tmp_path / f"b{suffix}").read_bytes()


# What is shipped, and what is not

def test_no_source_maps_material_javascript_or_foreign_search_files(mirror_folder, built_site):
    shipped = {path.relative_to(mirror_folder / "site").as_posix() for path in (mirror_folder / "site").rglob("*")
               if path.is_file()}
    assert not [path for path in shipped if path.endswith(".map")]
    assert not [path for path in shipped if path.startswith("assets/javascripts/")], "Material's JavaScript is not used"
    search = {path for path in shipped if path.startswith("assets/search/") and path.endswith(".js")}
    assert search == {f"assets/search/{lang}.js" for lang in languages()}
    assert (built_site / "assets" / "javascripts").is_dir(), "the build has Material's files; the mirror leaves them out"


def test_every_page_of_the_build_is_shipped(mirror_folder, built_site):
    pages = {path.relative_to(built_site).as_posix() for path in built_site.rglob("*.html")}
    editor = {page for page in pages if page.startswith(f"{admin_page.FOLDER}/")}
    assert editor, "the main build has the browser editor"
    missing = [page for page in pages - editor if not (mirror_folder / "site" / page).is_file()]
    assert not missing
    assert not (mirror_folder / "site" / admin_page.FOLDER).exists(), "mirrors leave the browser editor out"
    pdfs = {path.relative_to(built_site).as_posix() for path in built_site.rglob("*.pdf")}
    assert all((mirror_folder / "site" / pdf).is_file() for pdf in pdfs)


def test_text_files_have_gz_and_br_twins_with_the_same_content(mirror_folder):
    page = mirror_folder / "site" / site_config.page_url("ky", "arrival")
    assert gzip.decompress(page.with_name(page.name + ".gz").read_bytes()) == page.read_bytes()
    assert brotli.decompress(page.with_name(page.name + ".br").read_bytes()) == page.read_bytes()
    assert not list((mirror_folder / "site").rglob("*.pdf.gz")), "PDFs are compressed already"


def test_unused_assets_are_found_through_pages_and_stylesheets(tmp_path):
    site = tmp_path / "site"
    (site / "assets" / "images").mkdir(parents=True)
    (site / "assets" / "javascripts").mkdir()
    (site / "index.html").write_text('<link rel="stylesheet" href="assets/a.css"><a href="guide.pdf">x</a>')
    (site / "assets" / "a.css").write_text("body{background:url('images/used.svg')}")
    (site / "assets" / "images" / "used.svg").write_text("<svg/>")
    (site / "assets" / "images" / "unused.png").write_bytes(b"png")
    (site / "assets" / "javascripts" / "bundle.js").write_text("x")
    (site / "assets" / "a.css.map").write_text("{}")
    (site / "guide.pdf").write_bytes(b"%PDF")
    (site / "unlinked.pdf").write_bytes(b"%PDF")
    assert sorted(bundle.unused_assets(site)) == ["assets/a.css.map", "assets/images/unused.png",
                                                         "assets/javascripts/bundle.js"]


def test_a_page_linking_to_a_missing_file_stops_the_mirror_naming_both(tmp_path):
    site = tmp_path / "site"
    (site / "ky").mkdir(parents=True)
    (site / "ky" / "index.html").write_text('<a href="../leaflets/ky/home.pdf">PDF</a><a href="/en/index.html">en</a>')
    problems = bundle.offline_problems(site)
    assert any(problem.startswith("ky/index.html: Must link to a file of the site: '../leaflets/ky/home.pdf'")
               for problem in problems), problems
    assert any("Must link relatively, not from the server root ('/en/index.html')" in problem for problem in problems)


def test_precompress_skips_small_files_and_removes_stale_twins(tmp_path):
    (tmp_path / "small.html").write_text("<p>hi</p>")
    (tmp_path / "small.html.gz").write_bytes(b"stale")
    (tmp_path / "big.css").write_text("body { color: red; }\n" * 100)
    written = precompress.write_twins(tmp_path)
    assert sorted(path.name for path in written) == ["big.css.br", "big.css.gz"]
    assert not (tmp_path / "small.html.gz").exists()


# Bad input: a tampered copy is caught, each change named

def _tampered_copy(mirror_folder: Path, target: Path) -> Path:
    copy = target / mirror_folder.name
    shutil.copytree(mirror_folder, copy)
    page = copy / "site" / site_config.page_url("ky", "arrival")
    data = bytearray(page.read_bytes())
    data[len(data) // 2] ^= 0x01  # one byte changed
    page.write_bytes(bytes(data))
    (copy / "site" / "extra.html").write_text("<p>added</p>")  # a file added
    (copy / "site" / "assets" / "search.js").unlink()  # a file deleted
    return copy


@pytest.fixture(scope="module")
def tampered(mirror_folder, tmp_path_factory) -> Path:
    """One tampered copy for the three tests below, which only read it (a copy of the mirror is 53 MB)."""
    return _tampered_copy(mirror_folder, tmp_path_factory.mktemp("tampered"))


def test_tampered_folder_names_the_changed_added_and_deleted_file(tampered, capsys):
    copy = tampered
    code, output = _verify(copy, capsys=capsys)
    assert code == 1
    arrival = "site/" + site_config.page_url("ky", "arrival")
    assert f"{copy}: {arrival}: changed:" in output
    assert f"{copy}: site/extra.html: extra: not in the manifest" in output
    assert f"{copy}: site/assets/search.js: missing: listed in the manifest" in output
    assert "3 difference(s)" in output


@pytest.mark.parametrize("kind", ["tar.gz", "zip"])
def test_tampered_archive_names_the_changed_added_and_deleted_file(tampered, tmp_path, capsys, kind):
    copy = tampered
    archive = tmp_path / f"tampered.{kind}"
    when = bundle.dt.datetime.now(bundle.dt.timezone.utc)
    (bundle.write_tar_gz if kind == "tar.gz" else bundle.write_zip)(copy, archive, when)
    code, output = _verify(archive, capsys=capsys)
    assert code == 1
    for path, kind_of_change in [("site/" + site_config.page_url("ky", "arrival"), "changed"),
                                 ("site/extra.html", "extra"), ("site/assets/search.js", "missing")]:
        assert f"{archive}: {path}: {kind_of_change}:" in output


def test_altered_manifest_is_caught_by_the_published_one(mirror_dist, mirror_folder, tmp_path, capsys):
    dist, manifest = mirror_dist
    copy = tmp_path / mirror_folder.name
    shutil.copytree(mirror_folder, copy)
    (copy / "site" / "index.html").write_text("<p>changed, and the manifest with it</p>")
    inside = json.loads((copy / "MANIFEST.json").read_text(encoding="utf-8"))
    inside["files"]["site/index.html"] = checksums.describe(copy)["site/index.html"]
    (copy / "MANIFEST.json").write_text(json.dumps(inside), encoding="utf-8")
    assert _verify(copy, capsys=capsys)[0] == 0, "the copy agrees with its own (altered) manifest"
    code, output = _verify(copy, "--manifest", str(_archive(dist, manifest, ".manifest.json")), capsys=capsys)
    assert code == 1
    assert "MANIFEST.json: changed" in output and "site/index.html: changed" in output


def test_a_folder_without_manifest_is_refused_with_what_to_do(tmp_path, capsys):
    (tmp_path / "site").mkdir()
    code, output = _verify(tmp_path, capsys=capsys)
    assert code == 2
    assert f"{tmp_path}: Must be a mirror folder holding MANIFEST.json" in output


def test_a_truncated_archive_is_refused(mirror_dist, tmp_path, capsys):
    dist, manifest = mirror_dist
    broken = tmp_path / "broken.tar.gz"
    broken.write_bytes(_archive(dist, manifest, ".tar.gz").read_bytes()[:5000])
    code, output = _verify(broken, capsys=capsys)
    assert code == 2 and "Must be a readable .tar.gz or .zip" in output


# Partner leaflets: MIRROR_BASE_URL reaches the leaflets

@pytest.mark.parametrize("url", ["https://partner.example/", "https://partner.example/$(shell touch ran)`touch ran`$1"])
def test_make_mirror_passes_mirror_base_url_on_as_data(tmp_path, url):
    """In the environment, as typed: neither make nor the shell expands it (mirror_bundle reads it there)."""
    printed = tmp_path / "printed"
    result = subprocess.run(["make", "-s", "-o", "setup", "mirror", f"MIRROR_BASE_URL={url}",
                             f"PY=printenv MIRROR_BASE_URL > {printed} #"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert printed.read_text(encoding="utf-8") == url + "\n" and not (ROOT / "ran").exists()


def test_base_url_reaches_the_leaflets_of_a_prebuilt_site(monkeypatch, tmp_path):
    from scripts.leaflets import render
    calls = []
    monkeypatch.setattr(render, "build_into", lambda site, base_url, **options: calls.append((Path(site), base_url)))
    bundle.relink_leaflets(tmp_path, "https://partner.example/")
    assert calls == [(tmp_path, "https://partner.example/")]


def test_base_url_reaches_the_leaflets_of_a_fresh_build(monkeypatch, tmp_path):
    import os

    from scripts.site import build
    seen = []
    monkeypatch.setattr(build, "build_into", lambda target: seen.append(os.environ.get("LEAFLET_BASE_URL")))
    monkeypatch.delenv("LEAFLET_BASE_URL", raising=False)
    bundle.build_site_into(tmp_path / "site", "https://partner.example/")
    assert seen == ["https://partner.example/"]
    assert "LEAFLET_BASE_URL" not in os.environ


# The list of known mirrors on the site

def _render_mirrors(mirrors: list[dict]) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "overrides")))
    return env.get_template("partials/mirrors.html").render(mirrors=mirrors, ui={"mirrors.title": "Copies of this site"})


def test_known_mirrors_are_listed_with_their_address(tmp_path):
    data = tmp_path / "mirrors.yml"
    data.write_text("- name: Rodnik, Almaty\n  url: https://migrants.example.kz/\n  since: 2026-12-01\n", encoding="utf-8")
    mirrors = mirrors_list.load(data)
    html = _render_mirrors(mirrors)
    assert 'Copies of this site:' in html
    assert '<a href="https://migrants.example.kz/" rel="noopener noreferrer">migrants.example.kz</a> (Rodnik, Almaty)' in html
    assert _render_mirrors([]).strip() == ""


def test_a_bad_mirror_entry_names_its_line(tmp_path):
    data = tmp_path / "mirrors.yml"
    data.write_text("- name: Fine\n  url: https://fine.example/\n  since: 2026-12-01\n"
                    "- name: Plain http\n  url: http://insecure.example/\n  since: 2026-12-01\n", encoding="utf-8")
    with pytest.raises(mirrors_list.MirrorsError, match=r"mirrors.yml:5: Must give \[\d\]\.url as an https:// address"):
        mirrors_list.load(data)


def test_the_repository_mirror_list_is_valid():
    mirrors_list.load()
