"""The browser editor under admin/: its configuration, its policy, and what it writes.

The round trip uses the CMS's own test backend, which keeps the repository's files in the
browser's private storage: a guide and a directory entry are opened, changed and saved in the
real editor, and what it wrote goes through `make check` in a copy of the project.
"""
from __future__ import annotations

import copy
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import time
from urllib.parse import urlparse

import jsonschema
import pytest
import yaml

from conftest import ROOT, copy_project
from scripts.core import site_config
from scripts.site import admin_page, cms_config

SAVED = {"guide": "docs/{lang}/arrival.md", "service": "data/services/children-line-150.yml"}
KNOWN_BLOCKED = ("https://www.githubstatus.com/",)  # the CMS's status check: the policy refuses it


@pytest.fixture(scope="module")
def config(built_site) -> dict:
    return yaml.safe_load((built_site / admin_page.FOLDER / "config.yml").read_text(encoding="utf-8"))


def _collection(config: dict, name: str) -> dict:
    return next(collection for collection in config["collections"] if collection["name"] == name)


def _disagreements(schema: dict, node: dict, fields: list[dict], where: str) -> list[str]:
    """What the fields say differently from the schema node, walked independently of the generator."""
    def resolve(value):
        while "$ref" in value:
            value = {**schema["$defs"][value["$ref"].rsplit("/", 1)[-1]], **{k: v for k, v in value.items() if k != "$ref"}}
        return value

    found, by_name = [], {field["name"]: field for field in fields}
    properties = node["properties"]
    found += [f"{where}{name}: in the editor, not in the schema" for name in by_name.keys() - properties.keys()]
    found += [f"{where}{name}: in the schema, not in the editor" for name in properties.keys() - by_name.keys()]
    for name in properties.keys() & by_name.keys():
        prop, field, here = resolve(properties[name]), by_name[name], f"{where}{name}"
        if field.get("required", True) != (name in node.get("required", [])):
            found.append(f"{here}: required differs")
        if prop.get("type") == "array":
            prop = {**prop, **{key: prop[key] for key in ("minItems", "maxItems") if key in prop}}
            for ours, theirs in (("minItems", "min"), ("maxItems", "max")):
                if prop.get(ours) != field.get(theirs):
                    found.append(f"{here}: {ours} {prop.get(ours)} but {theirs} {field.get(theirs)}")
            item = resolve(prop["items"])
            if "properties" in item:
                found += _disagreements(schema, item, field["fields"], here + "[].")
            elif "enum" in item and sorted(item["enum"]) != sorted(field.get("options", [])):
                found.append(f"{here}: choices differ")
            continue
        if "enum" in prop and list(prop["enum"]) != field.get("options"):
            found.append(f"{here}: choices {prop['enum']} but {field.get('options')}")
        if "pattern" in prop and field.get("pattern", [None])[0] != prop["pattern"]:
            found.append(f"{here}: pattern differs")
        for ours, theirs in (("minLength", "minlength"), ("maxLength", "maxlength"), ("minimum", "min"), ("maximum", "max")):
            if ours in prop and prop[ours] != field.get(theirs):
                found.append(f"{here}: {ours} {prop[ours]} but {theirs} {field.get(theirs)}")
        if prop.get("format") == "date" and field.get("format") != "YYYY-MM-DD":
            found.append(f"{here}: a date must be written YYYY-MM-DD")
        if "propertyNames" in prop:  # a text in every language, the default one required
            languages = [sub["name"] for sub in field["fields"]]
            required = [sub["name"] for sub in field["fields"] if sub.get("required", True)]
            if languages != site_config.language_codes() or required != [site_config.default_language()]:
                found.append(f"{here}: languages {languages}, required {required}")
        elif "properties" in prop:
            found += _disagreements(schema, prop, field["fields"], here + ".")
    return found


def test_the_editors_fields_agree_with_the_schemas(config):
    page, service = cms_config.schema("page"), cms_config.schema("service")
    problems = []
    for name in cms_config.PAGE_COLLECTIONS:  # guides, situations
        fields = [field for field in _collection(config, name)["fields"] if field["name"] != "body"]
        problems += _disagreements(page, page, fields, f"{name}: ")
    problems += _disagreements(service, service, _collection(config, "services")["fields"], "services: ")
    assert not problems, problems


def test_a_schema_change_the_generator_does_not_know_stops_the_build():
    service = copy.deepcopy(cms_config.schema("service"))
    service["properties"]["visits"] = {"type": "integer"}
    with pytest.raises(cms_config.CmsConfigError, match="Must give 'visits' a type the editor knows"):
        cms_config.SchemaFields(service, ["ru"], "ru").fields(service)


def test_the_configuration_is_valid_for_the_pinned_cms(config):
    package = admin_page.pins()["packages"][0]
    with tarfile.open(fileobj=io.BytesIO(admin_page.tarball(package)), mode="r:gz") as archive:
        schema = json.load(archive.extractfile("package/schema/sveltia-cms.json"))
    errors = [f"{list(error.path)}: {error.message[:200]}" for error in jsonschema.Draft7Validator(schema).iter_errors(config)]
    assert not errors, errors[:5]


def test_languages_workflow_and_sign_in(config):
    assert config["i18n"] == {"structure": "multiple_folders", "locales": site_config.language_codes(),
                              "default_locale": site_config.default_language()}
    for name, (page_type, _, _) in cms_config.PAGE_COLLECTIONS.items():
        pages = _collection(config, name)
        assert pages["folder"] == "docs" and pages["i18n"] is True and pages["filter"]["value"] == page_type
        assert any(f"type: {page_type}" in path.read_text(encoding="utf-8") for path in (ROOT / "docs/ru").glob("*.md"))
    assert _collection(config, "services")["folder"] == "data/services"
    assert config["publish_mode"] == "editorial_workflow"
    assert all(collection["publish"] is False for collection in config["collections"]), "only reviewers merge"
    assert config["backend"]["name"] == "github" and config["backend"]["auth_methods"] == ["token"]


def test_the_admin_page_may_talk_to_the_git_hosts_api_and_nothing_else(built_site):
    html = (built_site / admin_page.FOLDER / "index.html").read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'none'" and directives["script-src"] == "'self'"
    origins = {value for values in directives.values() for value in values.split() if value.startswith("http")}
    assert origins == {admin_page.GIT_API} and admin_page.GIT_API in directives["connect-src"].split()
    assert "https://" not in re.sub(r'content="[^"]+"', "", html), "the page itself names no other site"


def _open_admin(browser, url: str, width: int, config_text: str | None = None):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="ru-RU")
    page = context.new_page()
    outside, blocked = [], []
    host = urlparse(url).netloc

    def route(request_route):
        if urlparse(request_route.request.url).netloc != host:
            outside.append(request_route.request.url)
            return request_route.abort()
        if config_text is not None and urlparse(request_route.request.url).path.endswith("/admin/config.yml"):
            return request_route.fulfill(body=config_text, content_type="application/yaml")
        return request_route.fallback()

    page.route("**/*", route)
    page.on("console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None)
    return context, page, outside, blocked


def _wait_for_text(page, text: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while text not in page.evaluate("document.body.innerText"):
        assert time.monotonic() < deadline, f"'{text}' never appeared: {page.evaluate('document.body.innerText')[:300]}"
        time.sleep(0.5)


def test_the_admin_page_loads_with_no_request_outside_the_site_before_sign_in(browser, site_url):
    context, page, outside, blocked = _open_admin(browser, site_url, 1280)
    page.goto(f"{site_url}{admin_page.FOLDER}/", wait_until="commit")
    _wait_for_text(page, "Войти с помощью токена доступа")
    time.sleep(2)  # the CMS's own checks after the sign-in screen
    context.close()
    assert not outside, outside
    assert all(any(known in message for known in KNOWN_BLOCKED) for message in blocked), blocked


WRITE = """async (files) => {
  const top = await (await navigator.storage.getDirectory()).getDirectoryHandle('sveltia-cms-test', {create: true});
  for (const [path, text] of Object.entries(files)) {
    let dir = top; const parts = path.split('/');
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, {create: true});
    const writable = await (await dir.getFileHandle(parts.at(-1), {create: true})).createWritable();
    await writable.write(text); await writable.close();
  }
}"""
READ = """async (path) => {
  try {  // while the editor is writing the file, reading it fails: the caller asks again
    let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('sveltia-cms-test');
    const parts = path.split('/');
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part);
    return await (await (await dir.getFileHandle(parts.at(-1))).getFile()).text();
  } catch (error) { return ''; }
}"""


def _save(page, path: str, expected: str) -> str:
    """Click the editor's Save; returns the file once the editor has written `expected` into it."""
    page.get_by_role("button", name="Сохранить").first.click()
    deadline = time.monotonic() + 60
    while expected not in (text := page.evaluate(READ, path)):
        assert time.monotonic() < deadline, f"the editor did not write {expected!r} into {path}:\n{text[:600]}"
        time.sleep(0.5)
    return text


def _open_entry(page, collection: str, title: str) -> None:
    """Go to the collection's list (again, if the editor was still leaving a saved entry) and open one."""
    deadline = time.monotonic() + 90
    while not page.get_by_text(title).count():
        assert time.monotonic() < deadline, f"no entry '{title}' in {collection}"
        if not page.evaluate("location.hash").startswith(f"#/collections/{collection}"):
            page.evaluate(f"location.hash = '#/collections/{collection}'")
        time.sleep(1)
    page.get_by_text(title).first.click()


def test_a_guide_and_a_directory_entry_saved_by_the_editor_pass_make_check(browser, site_url, config, tmp_path):
    """Open, change, save in the real editor (test backend); what it wrote passes `make check`."""
    local = dict(config, backend={"name": "test-repo"})
    local.pop("publish_mode")  # the test backend has no pull requests; the format is the same
    files = [SAVED["guide"].format(lang=lang) for lang in site_config.language_codes()] + [SAVED["service"]]
    context, page, outside, _ = _open_admin(browser, site_url, 1280, yaml.safe_dump(local, allow_unicode=True))
    page.goto(f"{site_url}404.html")
    page.evaluate(WRITE, {path: (ROOT / path).read_text(encoding="utf-8") for path in files})
    page.goto(f"{site_url}{admin_page.FOLDER}/#/collections/services", wait_until="commit")
    page.get_by_role("button", name="Работать с тестовым репозиторием").click()
    _open_entry(page, "services", "150 — телефон доверия")
    page.locator('[data-key-path="phones"]').first.scroll_into_view_if_needed()
    page.locator('[data-key-path="phones.0.number"] input').fill("111")
    _save(page, SAVED["service"], '- number: "111"')
    _open_entry(page, "guides", "Первые дни в Казахстане")
    page.locator('[data-key-path="reviewed"] input').first.fill("2026-12-01")
    _save(page, SAVED["guide"].format(lang=site_config.default_language()), 'reviewed: "2026-12-01"')
    deadline = time.monotonic() + 30  # the other languages' files are written after the Russian one
    while not all((written := {path: page.evaluate(READ, path) for path in files}).values()):
        assert time.monotonic() < deadline, [path for path, text in written.items() if not text]
        time.sleep(0.5)
    context.close()
    assert not outside, outside
    project = copy_project(tmp_path / "project")
    for path, text in written.items():
        (project / path).write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "scripts.check"], cwd=project, capture_output=True, text=True,
                          timeout=300, env=dict(os.environ, PYTHONPATH=str(project)))
    assert done.returncode == 0 and "make check: no problems" in done.stdout + done.stderr, done.stdout + done.stderr


def test_every_field_has_its_russian_label(config):
    def names(fields):
        for field in fields:
            yield field["name"]
            yield from names(field.get("fields", []) if field.get("widget") != "object" or "collapsed" not in field else [])
    unlabelled = {name for collection in config["collections"] for name in names(collection["fields"])
                  if name not in site_config.language_codes() and name not in cms_config._labels()}
    assert not unlabelled, f"add them to {cms_config.LABELS.relative_to(ROOT)}: {sorted(unlabelled)}"


def test_other_bytes_than_the_pinned_ones_are_refused(tmp_path, monkeypatch):
    package = dict(admin_page.pins()["packages"][1])
    monkeypatch.setattr(admin_page, "CACHE", tmp_path)
    bogus = tmp_path / f"{package['name'].lstrip('@').replace('/', '-')}-{package['version']}.tgz"
    bogus.write_bytes(b"not the package")
    with pytest.raises(admin_page.AdminError, match="Must get the pinned bytes of @fontsource"):
        admin_page.tarball(package)
    assert not bogus.exists(), "the wrong copy is removed"


def test_a_release_that_moved_an_address_stops_the_build(tmp_path):
    (tmp_path / "bundle.js").write_text("fetch(`https://cdn.example/a.woff2`)", encoding="utf-8")
    with pytest.raises(admin_page.AdminError, match="occurs 0 times"):
        admin_page.rewrite(tmp_path, {"bundle.js": {"https://cdn.example/b.woff2": "fonts/b.woff2"}})
    admin_page.rewrite(tmp_path, {"bundle.js": {"https://cdn.example/a.woff2": "fonts/a.woff2"}})
    assert (tmp_path / "bundle.js").read_text(encoding="utf-8") == "fetch(`fonts/a.woff2`)"
