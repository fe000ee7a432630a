"""Run the shipped nginx configuration on loopback, as an unprivileged test of a real server.

The mirror's hosting/nginx/ files (deploy/nginx/ plus the generated maps) are installed into a
temporary nginx prefix exactly as a partner installs them, with only the deployment-specific
values changed: /srv/migrant-rights -> the unpacked mirror, ports -> free loopback ports, log
folder and certificates -> the prefix. The main nginx.conf around them is Debian's (gzip on at
the http level, modules from /etc/nginx/modules-enabled), so a clash with it shows here first.
Used by tests/partners/test_nginx.py and scripts/bench_load.py, and by partners to preview a mirror:
  python -m scripts.nginx_site MIRROR_FOLDER [--port 8080] [--https]
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

DEPLOY_ROOT = "/srv/migrant-rights"
MODULES_ENABLED = Path("/etc/nginx/modules-enabled")
MIME_TYPES = Path("/etc/nginx/mime.types")
BROTLI_LINE = re.compile(r"^(\s*)#(include \S+/brotli\.conf;)", re.MULTILINE)
MAIN_CONF = """\
# Debian's /etc/nginx/nginx.conf, pointed at a temporary prefix (scripts/nginx_site.py).
{user}worker_processes {workers};
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log;
{modules}
events {{
    worker_connections {connections};
}}
http {{
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include {mime};
    default_type application/octet-stream;
    access_log {prefix}/logs/default-access.log;
    gzip on;
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    include {prefix}/sites-enabled/*.conf;
}}
"""


class NginxError(RuntimeError):
    """nginx refused the configuration or did not start; the message is nginx's own."""


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not found:
        raise NginxError("nginx: Must be installed (Debian's package): run `./scripts/system-packages.sh test` "
                         "or `make test`, which installs it")
    return found


def brotli_load_lines() -> list[str]:
    """load_module lines of the brotli modules Debian enabled, with absolute paths; [] if none."""
    lines = []
    for conf in sorted(MODULES_ENABLED.glob("*brotli*.conf")):
        for line in conf.read_text(encoding="utf-8").splitlines():
            match = re.match(r"\s*load_module\s+(\S+);", line)
            if match:
                module = match.group(1)
                if not module.startswith("/"):
                    module = str(Path("/usr/share/nginx") / module)
                lines.append(f"load_module {Path(module).resolve()};")
    return lines


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def localize(text: str, name: str, mirror: Path, prefix: Path, port: int, tls_port: int, brotli: bool) -> str:
    """The shipped file with this machine's paths and ports; stops if an expected line is gone."""
    replacements = [(DEPLOY_ROOT + "/hosting/nginx/", f"{prefix}/migrant-rights/"),
                    (DEPLOY_ROOT + "/site", f"{mirror}/site"),
                    ("/var/log/nginx/", f"{prefix}/logs/"),
                    ("/etc/letsencrypt/live/migrants.example.org/", f"{prefix}/tls/"),
                    ("/var/www/letsencrypt", f"{prefix}/acme")]
    for old, new in replacements:
        text = text.replace(old, new)
    text = re.sub(r"^\s*listen \[::\]:\d+.*\n", "", text, flags=re.MULTILINE)
    text = re.sub(r"^(\s*)listen 80;", rf"\g<1>listen 127.0.0.1:{port};", text, flags=re.MULTILINE)
    text = re.sub(r"^(\s*)listen 443 ", rf"\g<1>listen 127.0.0.1:{tls_port} ", text, flags=re.MULTILINE)
    if brotli:
        text, count = BROTLI_LINE.subn(r"\g<1>\g<2>", text)
        if name.startswith("migrant-rights") and not count:
            raise NginxError(f"deploy/nginx/{name}: Must keep the line '#include …/brotli.conf;' that partners "
                             "uncomment (the test enables it)")
    return text


@dataclass
class NginxSite:
    """A configured prefix; `with site.running():` serves the mirror on 127.0.0.1:port."""
    mirror: Path
    prefix: Path
    port: int
    tls_port: int
    brotli: bool
    https: bool
    process: subprocess.Popen | None = field(default=None, repr=False)

    @property
    def conf(self) -> Path:
        return self.prefix / "nginx.conf"

    @property
    def base_url(self) -> str:
        return f"https://127.0.0.1:{self.tls_port}/" if self.https else f"http://127.0.0.1:{self.port}/"

    @property
    def access_log(self) -> Path:
        return self.prefix / "logs" / "migrant-rights.access.log"

    @property
    def error_log(self) -> Path:
        return self.prefix / "logs" / "migrant-rights.error.log"

    def command(self, *extra: str) -> list[str]:
        return [nginx_binary(), "-p", str(self.prefix), "-c", str(self.conf), "-e", str(self.prefix / "logs" / "startup.log"), *extra]

    def check(self) -> str:
        """nginx -t; raises NginxError with nginx's own message if the configuration is refused."""
        result = subprocess.run(self.command("-t"), capture_output=True, text=True, timeout=30)
        output = (result.stdout + result.stderr).strip()
        if result.returncode != 0:
            raise NginxError(output)
        return output

    def start(self, timeout: float = 10) -> None:
        self.check()
        self.process = subprocess.Popen(self.command("-g", "daemon off;"), stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + timeout
        port = self.tls_port if self.https else self.port
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise NginxError(self.process.stderr.read().strip() or f"nginx exited with {self.process.returncode}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise NginxError(f"nginx did not answer on 127.0.0.1:{port} within {timeout} s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # graceful: finishes requests, flushes logs
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def __enter__(self) -> "NginxSite":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def self_signed_certificate(folder: Path) -> None:
    """A throw-away certificate for 127.0.0.1, for the HTTPS configuration's test."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-keyout", str(folder / "privkey.pem"), "-out", str(folder / "fullchain.pem")],
                   check=True, capture_output=True, timeout=60)


def prepare(mirror: Path, prefix: Path, *, https: bool = False, brotli: bool | None = None, port: int | None = None,
            workers: str = "auto", connections: int = 1024) -> NginxSite:
    """Install the mirror's nginx files into `prefix` as a partner would; nothing is started."""
    mirror = mirror.resolve()
    shipped = mirror / "hosting" / "nginx"
    if not (shipped / "site.conf").is_file():
        raise NginxError(f"{mirror}: Must be an unpacked mirror (no hosting/nginx/site.conf): make one with `make mirror`")
    if brotli is None:
        brotli = bool(brotli_load_lines())
    prefix.mkdir(parents=True, exist_ok=True)
    for folder in ("logs", "tmp", "sites-enabled", "migrant-rights", "acme"):
        (prefix / folder).mkdir(exist_ok=True)
    site = NginxSite(mirror, prefix.resolve(), port or free_port(), free_port(), brotli, https)
    for path in sorted(shipped.iterdir()):
        text = localize(path.read_text(encoding="utf-8"), path.name, mirror, site.prefix, site.port, site.tls_port, brotli)
        (site.prefix / "migrant-rights" / path.name).write_text(text, encoding="utf-8")
    chosen = "migrant-rights-https.conf" if https else "migrant-rights.conf"
    shutil.copyfile(site.prefix / "migrant-rights" / chosen, site.prefix / "sites-enabled" / chosen)
    if https:
        self_signed_certificate(site.prefix / "tls")
    user = "user root;\n" if os.geteuid() == 0 else ""  # temporary folders are private to their owner
    site.conf.write_text(MAIN_CONF.format(user=user, workers=workers, prefix=site.prefix, connections=connections,
                                          modules="\n".join(brotli_load_lines()) if brotli else "",
                                          mime=MIME_TYPES), encoding="utf-8")
    return site
