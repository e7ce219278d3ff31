"""Throughput: the app under gunicorn against the benchmark database, loaded by wrk.

The page steps of `manage.py benchmark` time one request at a time in the test
client; this step measures what a server does with several users at once: gunicorn
with its workers as `make run` starts it, and wrk (Debian package `wrk`) with a
number of concurrent connections for a number of seconds, every request carrying
the session cookie of a user logged in with both factors.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

# wrk gives the 50/75/90/99th percentiles with --latency; the 95th needs its Lua
# hook. One line, easy to parse; latencies in microseconds.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("UITSLAG %d %d %d %d %d %d\\n",
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout))
end
"""


@dataclass(frozen=True)
class Doorvoer:
    verzoeken: int
    per_seconde: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    fouten: int

    def omschrijving(self) -> str:
        return (
            f"{self.per_seconde:.0f} verzoeken/s; p50 {self.p50_ms:.0f} ms, "
            f"p95 {self.p95_ms:.0f} ms, p99 {self.p99_ms:.0f} ms; "
            f"{self.verzoeken} verzoeken, {self.fouten} fouten"
        )


def lees_uitslag(uitvoer: str) -> Doorvoer:
    """The figures from the line WRK_SCRIPT writes."""
    for regel in uitvoer.splitlines():
        if regel.startswith("UITSLAG "):
            verzoeken, duur_us, p50, p95, p99, fouten = (
                int(x) for x in regel.split()[1:]
            )
            return Doorvoer(
                verzoeken=verzoeken,
                per_seconde=verzoeken / (duur_us / 1_000_000) if duur_us else 0.0,
                p50_ms=p50 / 1000,
                p95_ms=p95 / 1000,
                p99_ms=p99 / 1000,
                fouten=fouten,
            )
    raise ValueError(f"geen uitslag in de uitvoer van wrk:\n{uitvoer}")


def database_url(settings_dict: dict) -> str:
    d = settings_dict
    return (
        f"postgres://{d['USER']}:{d['PASSWORD']}@{d['HOST'] or '127.0.0.1'}:"
        f"{d['PORT'] or 5432}/{d['NAME']}"
    )


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn serving the app on the given database, for the `with` block."""

    def __init__(self, settings_dict: dict, workers: int):
        self.poort = vrije_poort()
        self.basis = f"http://127.0.0.1:{self.poort}"
        env = {
            **os.environ,
            "DATABASE_URL": database_url(settings_dict),
            "DEBUG": "False",
            "DEMO_MODE": "False",
        }
        # A fixed command; only the port and worker count vary.
        self.proces = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "zevenaar_inburgering.wsgi",
                "--bind",
                f"127.0.0.1:{self.poort}",
                "--workers",
                str(workers),
                "--log-level",
                "warning",
            ],
            cwd=settings.BASE_DIR,
            env=env,
        )

    def __enter__(self):
        for _ in range(300):
            if self.proces.poll() is not None:
                raise RuntimeError("gunicorn is gestopt bij het starten")
            try:
                with socket.create_connection(("127.0.0.1", self.poort), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.1)
        self.__exit__()
        raise RuntimeError("gunicorn antwoordt niet binnen 30 seconden")

    def __exit__(self, *exc):
        self.proces.terminate()
        try:
            self.proces.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proces.kill()
            self.proces.wait()


class GeenRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def status(url: str, cookie: str) -> int:
    """The status of one GET, redirects not followed (a 302 to the login or the
    second factor would otherwise pass for a page)."""
    opener = urllib.request.build_opener(GeenRedirect)
    delen = urllib.parse.urlsplit(url)
    if delen.scheme != "http" or delen.hostname not in ("127.0.0.1", "localhost"):
        raise ValueError(f"alleen een lokale server: {url}")
    verzoek = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310
    try:
        with opener.open(verzoek, timeout=30) as antwoord:
            return antwoord.status
    except urllib.error.HTTPError as fout:
        return fout.code


def wrk_beschikbaar() -> bool:
    return shutil.which("wrk") is not None


def belast(url: str, cookie: str, *, clients: int, seconden: int) -> Doorvoer:
    """wrk with `clients` connections for `seconden` seconds on one URL."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    try:
        uitvoer = subprocess.run(  # noqa: S603
            [
                shutil.which("wrk") or "wrk",
                f"--threads={min(clients, 2)}",
                f"--connections={clients}",
                f"--duration={seconden}s",
                "--timeout=10s",
                f"--script={script.name}",
                f"--header=Cookie: {cookie}",
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconden + 60,
        ).stdout
    finally:
        Path(script.name).unlink()
    return lees_uitslag(uitvoer)
