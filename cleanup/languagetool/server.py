"""A local LanguageTool HTTP server whose Java process never outlives the run that started it.

The server runs from the installed jars as a plain class path, bound to 127.0.0.1 on a free port,
in a process group of its own (so a terminal's Ctrl-C reaches Python, which then stops it in
order). Every started server is stopped by whichever comes first: the ``with`` block or
:meth:`LocalServer.stop`, :func:`stop_all` at interpreter exit (``atexit``), or SIGTERM/SIGHUP,
which are turned into a normal exit while a server runs. On Linux the child also gets SIGTERM
from the kernel if Python dies without cleaning up (``PR_SET_PDEATHSIG``).

>>> server = LocalServer.from_install()          # doctest: +SKIP
>>> with server:                                 # doctest: +SKIP
...     print(server.url)
http://127.0.0.1:40123
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

from cleanup.errors import ServiceError
from cleanup.languagetool.install import Installation, require_local

log = logging.getLogger(__name__)

MAIN_CLASS = "org.languagetool.server.HTTPServer"
# First start loads the English rules (a few seconds); a cold JVM on a busy machine needs more.
DEFAULT_START_TIMEOUT = 120.0
# Marks our Java processes so a test (or a person) can find them: -Dcleanup.owner=<python pid>
OWNER_PROPERTY = "cleanup.owner"

_LIVE: set[LocalServer] = set()
_LIVE_LOCK = threading.Lock()
_hooks_installed = False


def start_timeout() -> float:
    """Seconds to wait for a server to answer (``CLEANUP_LANGUAGETOOL_START_TIMEOUT``)."""
    try:
        return float(os.environ.get("CLEANUP_LANGUAGETOOL_START_TIMEOUT", DEFAULT_START_TIMEOUT))
    except ValueError:
        return DEFAULT_START_TIMEOUT


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LocalServer:
    """One ``org.languagetool.server.HTTPServer`` process on 127.0.0.1."""

    def __init__(
        self,
        installation: Installation,
        java: str,
        *,
        port: int | None = None,
        timeout: float | None = None,
    ) -> None:
        self.installation = installation
        self.java = java
        self.port = port
        self.timeout = start_timeout() if timeout is None else timeout
        self.process: subprocess.Popen[bytes] | None = None
        self.start_seconds: float | None = None  # until it answered a first check
        self._log_path: Path | None = None

    @classmethod
    def from_install(cls, *, port: int | None = None, timeout: float | None = None) -> LocalServer:
        """A server for the installed jars; :class:`ServiceError` says how to install them."""
        installation, java = require_local()
        return cls(installation, java, port=port, timeout=timeout)

    @property
    def url(self) -> str:
        if self.port is None:
            raise RuntimeError("server not started")
        return f"http://127.0.0.1:{self.port}"

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def command(self) -> list[str]:
        assert self.port is not None
        return [
            self.java,
            "-Djava.awt.headless=true",
            f"-D{OWNER_PROPERTY}={os.getpid()}",
            "-cp",
            self.installation.classpath,
            MAIN_CLASS,
            "--port",
            str(self.port),
        ]

    def start(self) -> str:
        """Start the server and wait until it has answered a check; returns its URL."""
        began = time.monotonic()
        fixed_port = self.port is not None
        for attempt in range(3):
            if not fixed_port:
                self.port = free_port()
            self._spawn()
            try:
                self._wait_until_ready(began)
            except _PortTaken:
                self.stop()
                if fixed_port or attempt == 2:
                    raise ServiceError(f"port {self.port} is already in use") from None
                continue
            except BaseException:
                self.stop()
                raise
            self.start_seconds = time.monotonic() - began
            log.info(
                "LanguageTool %s up at %s in %.1fs", self.version, self.url, self.start_seconds
            )
            return self.url
        raise AssertionError("unreachable")

    @property
    def version(self) -> str:
        return self.installation.version

    def _spawn(self) -> None:
        fd, name = tempfile.mkstemp(prefix="cleanup-languagetool-", suffix=".log")
        self._log_path = Path(name)
        single_threaded = (
            threading.current_thread() is threading.main_thread() and threading.active_count() == 1
        )
        with os.fdopen(fd, "wb") as log_file:
            self.process = subprocess.Popen(
                self.command(),
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                # preexec_fn is only safe while no other thread could hold a lock in the child
                preexec_fn=_die_with_parent
                if single_threaded and sys.platform == "linux"
                else None,
            )
        with _LIVE_LOCK:
            _LIVE.add(self)
        _install_hooks()

    def _wait_until_ready(self, began: float) -> None:
        deadline = began + self.timeout
        while True:
            if self.process is not None and self.process.poll() is not None:
                tail = self.log_tail()
                if "Address already in use" in tail or "BindException" in tail:
                    raise _PortTaken()
                raise ServiceError(
                    f"LanguageTool server exited at start (code {self.process.returncode}): "
                    f"{_last_line(tail)}"
                )
            try:
                with urllib.request.urlopen(self.url + "/v2/languages", timeout=2) as response:
                    response.read()
                break
            except (OSError, ValueError):
                pass
            if time.monotonic() > deadline:
                raise self._late()
            time.sleep(0.1)
        # a first check loads the English rules, so the run's own requests start warm
        try:
            check(
                self.url,
                "This is a first sentence.",
                {"language": "en-US"},
                timeout=max(deadline - time.monotonic(), 1.0),
            )
        except (OSError, ValueError) as exc:
            raise self._late() from exc
        if self.process is not None and self.process.poll() is not None:
            # something else answered on our port
            raise _PortTaken()

    def _late(self) -> ServiceError:
        return ServiceError(
            f"LanguageTool server did not answer within {self.timeout:.0f}s "
            "(set CLEANUP_LANGUAGETOOL_START_TIMEOUT to wait longer)"
        )

    def log_tail(self, limit: int = 4000) -> str:
        if self._log_path is None:
            return ""
        try:
            data = self._log_path.read_bytes()
        except OSError:
            return ""
        return data[-limit:].decode("utf-8", "replace")

    def stop(self) -> None:
        """Stop the process group (TERM, then KILL after 5 s) and forget the server."""
        process = self.process
        if process is not None and process.poll() is None:
            _signal_group(process, signal.SIGTERM)
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                _signal_group(process, signal.SIGKILL)
                process.wait(timeout=5)
        with _LIVE_LOCK:
            _LIVE.discard(self)
        if self._log_path is not None:
            with contextlib.suppress(OSError):
                self._log_path.unlink()
            self._log_path = None

    def wait(self) -> int:
        """Block until the server exits (``cleanup languagetool serve``)."""
        assert self.process is not None
        return self.process.wait()

    def __enter__(self) -> LocalServer:
        if not self.running:
            self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


class _PortTaken(Exception):
    pass


def check(url: str, text: str, params: dict[str, str], *, timeout: float = 300) -> Any:
    """POST ``/v2/check`` and return the decoded JSON (standard library only: used before any
    client is set up, e.g. to learn a server's version)."""
    body = urllib.parse.urlencode({**params, "text": text}).encode("utf-8")
    request = urllib.request.Request(url.rstrip("/") + "/v2/check", data=body, method="POST")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read().decode("utf-8"))


def stop_all() -> None:
    """Stop every server this process started and still runs."""
    with _LIVE_LOCK:
        servers = list(_LIVE)
    for server in servers:
        server.stop()


def _signal_group(process: subprocess.Popen[bytes], sig: int) -> None:
    try:
        os.killpg(process.pid, sig)
    except (ProcessLookupError, PermissionError):
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(sig)


def _die_with_parent() -> None:  # pragma: no cover - runs in the child
    import ctypes

    pr_set_pdeathsig = 1
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _on_terminate(signum: int, frame: FrameType | None) -> None:
    # Turn SIGTERM/SIGHUP into a normal exit: `with` blocks, `finally` and atexit stop the server.
    # Stopping it here instead could deadlock with a Popen.wait() this handler interrupted.
    raise SystemExit(128 + signum)


def _install_hooks() -> None:
    global _hooks_installed
    if _hooks_installed:
        return
    _hooks_installed = True
    atexit.register(stop_all)
    if threading.current_thread() is not threading.main_thread():
        return
    for sig in (signal.SIGTERM, signal.SIGHUP):
        with contextlib.suppress(ValueError, OSError):
            if signal.getsignal(sig) in (signal.SIG_DFL, None):
                signal.signal(sig, _on_terminate)


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    errors = [line for line in lines if "Exception" in line or "Error" in line]
    return (errors or lines or ["no output"])[-1][:300]
