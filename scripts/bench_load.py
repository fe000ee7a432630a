"""Load benchmark: the mirror served by the shipped nginx configuration, on loopback only.

Starts nginx on 127.0.0.1 with the mirror's hosting/nginx/ files (scripts/nginx.py), then
CLIENTS keep-alive HTTP/1.1 connections ask for pages, stylesheets, search indexes and short
links, as phones do (Accept-Encoding: gzip, br), for SECONDS. Prints requests per second and
latency percentiles; exits 1 on any error (refused or dropped connection, timeout, wrong status).
Usage: python -m scripts.bench_load [MIRROR] [--clients 200] [--seconds 20]
MIRROR is an unpacked mirror folder or its .tar.gz (default: the newest in dist/, `make mirror`).
"""
from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import random
import sys
import tarfile
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from scripts.core import site_config
from scripts.partners import nginx, site_references

TIMEOUT = 10.0


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    bytes: int = 0

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1

    def merge(self, other: "Tally") -> None:
        self.latencies += other.latencies
        self.bytes += other.bytes
        for what, count in other.errors.items():
            self.errors[what] = self.errors.get(what, 0) + count


def requests_mix(site: Path) -> list[tuple[str, int]]:
    """(path, expected status): every page, the assets pages use, and the short links."""
    files = site_references.site_files(site)
    pages = [path for path in files if path.endswith(".html") and not path.startswith("s/") and not path.endswith("404.html")]
    assets = sorted(site_references.reachable(site, pages) - set(pages) - {path for path in files if path.endswith(".pdf")})
    short = sorted({path.rsplit("/", 1)[0] + "/" for path in files if path.startswith("s/") and path.endswith("/index.html")})
    shortlinks_map = (site.parent / "hosting" / "nginx" / "shortlinks.map")
    redirected = shortlinks_map.read_text(encoding="utf-8") if shortlinks_map.exists() else ""
    mix = [("/" + path, 200) for path in pages + assets]
    mix += [("/" + path, 301 if f'"/{path}"' in redirected else 200) for path in short]
    return mix


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, int, bool]:
    """(status, body size, whether the server closes the connection after it)."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {line.split(":", 1)[0].strip().lower(): line.split(":", 1)[1].strip() for line in lines[1:] if ":" in line}
    closing = headers.get("connection", "").lower() == "close"  # e.g. after keepalive_requests
    if headers.get("transfer-encoding", "").lower() == "chunked":
        size = 0
        while True:
            length = int((await reader.readuntil(b"\r\n")).strip().split(b";")[0], 16)
            await reader.readexactly(length + 2)
            size += length
            if length == 0:
                return status, size, closing
    length = int(headers.get("content-length", "0"))
    await reader.readexactly(length)
    return status, length, closing


async def _client(host: str, port: int, mix: list[tuple[str, int]], deadline: float, tally: Tally, seed: int) -> None:
    order = mix[:]
    random.Random(seed).shuffle(order)
    position, reader, writer = 0, None, None
    while time.monotonic() < deadline:
        path, expected = order[position % len(order)]
        position += 1
        start = time.perf_counter()
        try:
            if writer is None:
                reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), TIMEOUT)
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept-Encoding: gzip, br\r\n"
                         "User-Agent: bench_load\r\n\r\n".encode("ascii"))
            status, size, closing = await asyncio.wait_for(_read_response(reader), TIMEOUT)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, asyncio.TimeoutError, ValueError) as error:
            tally.error(f"{type(error).__name__} on {path}")
            if writer is not None:
                writer.close()
            reader = writer = None
            continue
        tally.latencies.append(time.perf_counter() - start)
        tally.bytes += size
        if closing:  # as a browser does: a new connection for the next request
            writer.close()
            reader = writer = None
        if status != expected:
            tally.error(f"status {status} (expected {expected}) on {path}")
    if writer is not None:
        writer.close()


def _run_clients(args: tuple) -> Tally:
    host, port, mix, clients, seconds, seed = args

    async def run() -> Tally:
        tally = Tally()
        deadline = time.monotonic() + seconds
        await asyncio.gather(*(_client(host, port, mix, deadline, tally, seed * 10_000 + number) for number in range(clients)))
        return tally

    # A fresh thread has no running event loop, even when the caller's thread has one
    # (Playwright's sync API keeps one running in the test process).
    result = {}
    worker = threading.Thread(target=lambda: result.setdefault("tally", asyncio.run(run())))
    worker.start()
    worker.join()
    return result["tally"]


def percentile(sorted_values: list[float], share: float) -> float:
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, int(share * len(sorted_values)))]


@dataclass
class Result:
    clients: int
    seconds: float
    requests: int
    errors: dict[str, int]
    requests_per_second: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    megabytes: float

    def lines(self) -> list[str]:
        return [f"{self.clients} clients for {self.seconds:.0f} s: {self.requests} requests, "
                f"{sum(self.errors.values())} errors, {self.megabytes:.1f} MB received",
                f"requests/s: {self.requests_per_second:.0f}",
                f"latency ms: p50 {self.p50_ms:.2f}  p90 {self.p90_ms:.2f}  p99 {self.p99_ms:.2f}  max {self.max_ms:.2f}"]


def load(site: nginx.NginxSite, clients: int = 200, seconds: float = 20, processes: int | None = None) -> Result:
    """Run the load against a started nginx; clients are spread over client processes."""
    mix = requests_mix(site.mirror / "site")
    processes = max(1, min(processes or os.cpu_count() or 1, clients))
    shares = [clients // processes + (1 if index < clients % processes else 0) for index in range(processes)]
    jobs = [("127.0.0.1", site.port, mix, share, seconds, index) for index, share in enumerate(shares)]
    started = time.monotonic()
    if processes == 1:
        tallies = [_run_clients(jobs[0])]
    else:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            tallies = pool.map(_run_clients, jobs)
    elapsed = time.monotonic() - started
    total = Tally()
    for tally in tallies:
        total.merge(tally)
    latencies = sorted(total.latencies)
    return Result(clients, seconds, len(latencies), total.errors, len(latencies) / elapsed,
                  percentile(latencies, .50) * 1000, percentile(latencies, .90) * 1000,
                  percentile(latencies, .99) * 1000, (latencies[-1] if latencies else float("nan")) * 1000,
                  total.bytes / 1_048_576)


def _newest_mirror() -> Path:
    archives = sorted((site_config.ROOT / "dist").glob("migrant-rights-kz-*.tar.gz"), key=lambda path: path.stat().st_mtime)
    if not archives:
        raise SystemExit("dist/: Must hold a mirror archive: run `make mirror` first, or pass a mirror folder")
    return archives[-1]


def unpack(path: Path, into: Path) -> Path:
    """The mirror folder: `path` itself, or the archive unpacked into `into`."""
    if path.is_dir():
        return path
    with tarfile.open(path) as archive:
        archive.extractall(into, filter="data")
    return next(child for child in into.iterdir() if (child / "site").is_dir())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mirror", type=Path, nargs="?", help="mirror folder or .tar.gz (default: newest in dist/)")
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--processes", type=int, help="client processes (default: one per core)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="load-bench-") as temporary:
        mirror = unpack(args.mirror or _newest_mirror(), Path(temporary) / "mirror")
        site = nginx.prepare(mirror, Path(temporary) / "nginx", connections=max(1024, args.clients * 2))
        try:
            with site:
                print(f"nginx on {site.base_url} ({'with' if site.brotli else 'without'} brotli), "
                      f"{len(requests_mix(mirror / 'site'))} distinct requests")
                result = load(site, args.clients, args.seconds, args.processes)
        except nginx.NginxError as error:
            print(error, file=sys.stderr)
            return 1
    for line in result.lines():
        print(line)
    for what, count in sorted(result.errors.items(), key=lambda item: -item[1])[:10]:
        print(f"error: {count} × {what}", file=sys.stderr)
    return 1 if result.errors or not result.requests else 0


if __name__ == "__main__":
    sys.exit(main())
