"""The shipped nginx configuration (deploy/nginx/), on a real nginx from Debian, on loopback."""
from __future__ import annotations

import gzip
import http.client
import re
import shutil
import ssl

import brotli
import pytest

from conftest import languages
from scripts import bench_load
from scripts.core import site_config
from scripts.partners import nginx, server_rules

LOG_LINE = re.compile(r"^\d{4}-\d{2}-\d{2} [A-Z]+ /\S* \d{3}$")


@pytest.fixture(scope="module")
def server(mirror_folder, tmp_path_factory):
    site = nginx.prepare(mirror_folder, tmp_path_factory.mktemp("nginx"))
    with site:
        yield site


def get(site, path, headers=None, method="GET", https=False):
    """(status, headers, raw body) of one request; redirects are not followed."""
    if https:
        connection = http.client.HTTPSConnection("127.0.0.1", site.tls_port, timeout=10,
                                                 context=ssl._create_unverified_context())
    else:
        connection = http.client.HTTPConnection("127.0.0.1", site.port, timeout=10)
    connection.request(method, path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {name.lower(): value for name, value in response.getheaders()}, body


def test_shipped_configuration_is_accepted_by_nginx(server):
    assert "syntax is ok" in server.check()


def test_security_headers_match_the_pages_own_policy(server):
    status, headers, _ = get(server, "/" + site_config.page_url("ky", "arrival"))
    assert status == 200
    assert headers["content-security-policy"] == server_rules.page_csp()
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert "camera=()" in headers["permissions-policy"] and "geolocation=()" in headers["permissions-policy"]
    assert headers["server"] == "nginx", "no version number"
    assert "[warn]" not in server.check(), "nginx -t without warnings"
    status, headers, _ = get(server, "/ky/no-such-page.html")
    assert status == 404 and headers["content-security-policy"] == server_rules.page_csp()


def test_cache_is_long_for_fingerprinted_files_and_short_for_pages(server):
    page = "/" + site_config.page_url("kk", "school")
    stylesheet = re.search(r'<link rel="stylesheet" href="(?:\.\./)*(assets/[^"]+)"', get(server, page)[2].decode())[1]
    assert re.fullmatch(r"assets/stylesheets/site\.[0-9a-f]{8}\.min\.css", stylesheet), "the page's stylesheet is fingerprinted"
    assert get(server, f"/{stylesheet}")[1]["cache-control"] == "public, max-age=31536000, immutable"
    assert get(server, page)[1]["cache-control"] == "public, max-age=300"
    assert get(server, "/kk/")[1]["cache-control"] == "public, max-age=300"
    assert get(server, "/assets/search.js")[1]["cache-control"] == "public, max-age=3600"


def test_precompressed_gzip_and_brotli(server, mirror_folder):
    path = site_config.page_url("tg", "health")
    original = (mirror_folder / "site" / path).read_bytes()
    status, headers, body = get(server, "/" + path, {"Accept-Encoding": "gzip"})
    assert headers["content-encoding"] == "gzip" and gzip.decompress(body) == original
    assert headers["vary"] == "Accept-Encoding"
    assert body == (mirror_folder / "site" / (path + ".gz")).read_bytes(), "the shipped .gz, not compressed again"
    status, headers, body = get(server, "/" + path)
    assert "content-encoding" not in headers and body == original
    if not server.brotli:
        pytest.skip("nginx has no brotli module here (Debian: libnginx-mod-http-brotli-filter, -static)")
    status, headers, body = get(server, "/" + path, {"Accept-Encoding": "gzip, deflate, br"})
    assert headers["content-encoding"] == "br" and brotli.decompress(body) == original


def test_without_the_brotli_module_the_configuration_still_works(mirror_folder, tmp_path):
    with nginx.prepare(mirror_folder, tmp_path, brotli=False) as site:
        status, headers, body = get(site, "/", {"Accept-Encoding": "gzip, br"})
        assert status == 200 and headers["content-encoding"] == "gzip"


def test_missing_pages_answer_404_in_the_readers_language(server):
    for lang in languages():
        status, headers, body = get(server, "/" + site_config.page_url(lang, "no-such-page"))
        assert status == 404, lang
        assert f'<html lang="{lang}"' in body.decode("utf-8"), f"the 404 page of {lang} is in {lang}"
    status, _, body = get(server, "/assets/no-such-file.css")
    assert status == 404 and f'<html lang="{site_config.default_language()}"' in body.decode("utf-8")


def test_404_pages_link_every_language_home(built_site):
    for lang in languages():
        page = (built_site / site_config.page_url(lang, "404")).read_text(encoding="utf-8")
        for other in languages():
            assert f'href="/{site_config.page_url(other, "index")}" hreflang="{other}"' in page, (lang, other)


def test_short_links_are_permanent_redirects_to_their_page(server, mirror_folder, mirror_dist):
    _, manifest = mirror_dist
    rules = re.findall(r'^"(/s/[^"]+/)" "([^"]+)";$', (mirror_folder / "hosting" / "nginx" / "shortlinks.map")
                       .read_text(encoding="utf-8"), re.MULTILINE)
    assert len(rules) == manifest["short_links"] > 0
    for path, target in rules:
        status, headers, _ = get(server, path)
        assert (status, headers.get("location")) == (301, target), path
    path, target = rules[0]
    assert get(server, path.rstrip("/"))[1]["location"] == target, "typed without the final slash"
    assert get(server, target)[0] == 200


def test_contact_cards_and_open_data_get_their_types(server, mirror_folder):
    cards = sorted((mirror_folder / "site").rglob("*.vcf"))
    if not cards:
        pytest.skip("no directory contact cards in this build")
    path = "/" + cards[0].relative_to(mirror_folder / "site").as_posix()
    assert get(server, path)[1]["content-type"] == "text/vcard; charset=utf-8"
    assert get(server, "/.hidden.vcf")[0] == 404


def test_only_get_and_head_and_no_dot_files(server):
    assert get(server, "/", method="POST")[0] == 405
    assert get(server, "/", method="HEAD")[0] == 200
    assert get(server, "/.git/config")[0] == 404


def test_access_log_holds_no_ip_address_user_agent_or_query(server):
    get(server, "/" + site_config.page_url("uz", "work") + "?q=Ivan+Petrov", {"User-Agent": "FamilyPhone/1.0",
                                                                              "Referer": "https://example.org/x"})
    get(server, "/ky/no-such-page.html")
    server.stop()  # flushes the logs
    server.start()
    lines = server.access_log.read_text(encoding="utf-8").splitlines()
    assert lines
    for line in lines:
        assert LOG_LINE.match(line), line
        assert "127.0.0.1" not in line and "FamilyPhone" not in line and "Ivan" not in line and "example.org" not in line
    assert f"GET /{site_config.page_url('uz', 'work')} 200" in "\n".join(lines)
    assert not [line for line in lines if "/assets/" in line], "stylesheets and scripts are not logged"
    errors = server.error_log.read_text(encoding="utf-8") if server.error_log.exists() else ""
    assert "127.0.0.1" not in errors


def test_https_configuration_serves_the_site_and_sends_http_there(mirror_folder, tmp_path):
    if not shutil.which("openssl"):
        pytest.skip("openssl is needed for a throw-away certificate")
    with nginx.prepare(mirror_folder, tmp_path, https=True) as site:
        status, headers, _ = get(site, "/" + site_config.page_url("en", "arrival"), https=True)
        assert status == 200
        assert headers["strict-transport-security"] == "max-age=31536000"
        assert headers["content-security-policy"] == server_rules.page_csp()
        status, headers, _ = get(site, "/ky/index.html?x=1")
        assert status == 301 and headers["location"] == "https://127.0.0.1/ky/index.html?x=1"
        assert headers["server"] == "nginx", "no version number on the redirecting server either"
        assert "[warn]" not in site.check(), "nginx -t without warnings"
        # Mozilla's intermediate profile: forward-secret AEAD suites only, so an old CBC suite is refused.
        old = ssl._create_unverified_context()
        old.maximum_version = ssl.TLSVersion.TLSv1_2
        old.set_ciphers("AES128-SHA:ECDHE-RSA-AES128-SHA")
        with pytest.raises(ssl.SSLError):
            http.client.HTTPSConnection("127.0.0.1", site.tls_port, timeout=10, context=old).request("GET", "/")
        modern = ssl._create_unverified_context()
        modern.maximum_version = ssl.TLSVersion.TLSv1_2
        modern.set_ciphers("ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256")
        connection = http.client.HTTPSConnection("127.0.0.1", site.tls_port, timeout=10, context=modern)
        connection.request("GET", "/")
        assert connection.getresponse().status == 200 and connection.sock.cipher()[0].endswith("GCM-SHA256")
        connection.close()


def test_broken_configuration_fails_with_nginx_own_message(mirror_folder, tmp_path):
    broken = tmp_path / "mirror"
    shutil.copytree(mirror_folder / "hosting", broken / "hosting")
    (broken / "site").symlink_to(mirror_folder / "site")
    conf = broken / "hosting" / "nginx" / "site.conf"
    conf.write_text(conf.read_text(encoding="utf-8").replace("gzip_static on;", "gzip_statik on;"), encoding="utf-8")
    site = nginx.prepare(broken, tmp_path / "prefix")
    with pytest.raises(nginx.NginxError) as error:
        site.check()
    assert 'unknown directive "gzip_statik"' in str(error.value)
    assert "site.conf:" in str(error.value), "nginx names the file and line"


def test_short_load_has_no_errors(server):
    result = bench_load.load(server, clients=50, seconds=2, processes=1)
    assert not result.errors, result.errors
    assert result.requests > 200
