"""One run's access to LanguageTool: the cache first, a server only for what the cache lacks.

With a URL (``--languagetool-url``, ``CLEANUP_LANGUAGETOOL_URL``) the session uses that server;
without one it starts a local server from the installed jars at the first cache miss, and
:func:`close_sessions` (or interpreter exit) stops it. Texts missing from the cache are checked in
parallel, at most one request per core.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor

from cleanup.errors import ServiceError
from cleanup.io.store import cache_root
from cleanup.languagetool.cache import ResultCache
from cleanup.languagetool.client import DEFAULT_TIMEOUT, Client, RawMatch, within
from cleanup.languagetool.install import Installation, require_local
from cleanup.languagetool.server import LocalServer

log = logging.getLogger(__name__)


class Session:
    """Cached checks against one LanguageTool (a URL, or a local server started on demand)."""

    def __init__(
        self, url: str | None, cache: ResultCache, timeout: float = DEFAULT_TIMEOUT
    ) -> None:
        self.url = url.rstrip("/") if url else None
        self.cache = cache
        self.timeout = timeout  # seconds per request (--languagetool-timeout)
        self.installation: Installation | None = None
        self.java: str | None = None
        if self.url is None:
            # fail at once, before any article is read, when a local server could not start
            self.installation, self.java = require_local()
        self.server: LocalServer | None = None
        self._client: Client | None = None
        self._version: str | None = None
        self._lock = threading.Lock()
        self._failure: ServiceError | None = None
        self._restarts = 0
        self.requests = 0

    @property
    def version(self) -> str:
        """The LanguageTool version that keys the cache, known without a request when possible."""
        if self._version is None:
            if self.installation is not None:
                self._version = self.installation.version
            else:
                assert self.url is not None
                self._version = self.cache.remembered_version(self.url) or self.client().version()
                self.cache.remember_version(self.url, self._version)
        return self._version

    def client(self) -> Client:
        with self._lock:
            if self._failure is not None:
                # a server that could not be had once is not tried again for every article
                raise self._failure
            if self.server is not None and not self.server.running and self._restarts < 1:
                log.warning("LanguageTool server stopped unexpectedly; starting it again")
                self._restarts += 1
                self.server.stop()
                self.server = None
                self._client = None
            if self._client is None:
                try:
                    url = self.url
                    if url is None:
                        assert self.installation is not None and self.java is not None
                        self.server = LocalServer(self.installation, self.java)
                        url = self.server.start()
                    self._client = Client(url, timeout=self.timeout)
                except ServiceError as exc:
                    self._failure = exc
                    raise
            return self._client

    def check(self, texts: Sequence[str], settings: Mapping[str, str]) -> list[list[RawMatch]]:
        """Raw matches for each text, from the cache where it has them."""
        results: list[list[RawMatch] | None] = []
        keys = []
        for text in texts:
            key = self.cache.key(text, self.version, settings)
            keys.append(key)
            cached = self.cache.get(key) if text.strip() else []
            results.append(None if cached is None else within(text, cached))
        missing = [i for i, r in enumerate(results) if r is None]
        if missing:
            client = self.client()  # starts the server here, on the calling thread
            workers = max(1, min(os.cpu_count() or 1, len(missing)))
            with ThreadPoolExecutor(max_workers=workers) as pool:
                futures = {i: pool.submit(client.check, texts[i], settings) for i in missing}
                try:
                    for i, future in futures.items():
                        matches, version = future.result()
                        self.requests += 1
                        if version != self.version and self.url is not None:
                            # the server was upgraded: key later runs by what it says now
                            self.cache.remember_version(self.url, version)
                        self.cache.put(keys[i], matches)
                        results[i] = matches
                except BaseException as exc:
                    for future in futures.values():
                        future.cancel()
                    if isinstance(exc, ServiceError):
                        # a server that failed (after its retry) is not asked again for every
                        # article: the run stops and reports what was checked before
                        with self._lock:
                            self._failure = exc
                    raise
        return [r if r is not None else [] for r in results]

    def close(self) -> None:
        started = (
            f"; local server started in {self.server.start_seconds:.1f}s"
            if self.server is not None and self.server.start_seconds is not None
            else ""
        )
        log.info(
            "LanguageTool: %d texts from the cache, %d checked by the server%s",
            self.cache.hits,
            self.requests,
            started,
        )
        if self.server is not None:
            self.server.stop()
            self.server = None
        self._client = None


_SESSIONS: dict[tuple[str | None, str, bool], Session] = {}
_SESSIONS_LOCK = threading.Lock()


def get_session(
    url: str | None, cache_dir: str | None, use_cache: bool, timeout: float = DEFAULT_TIMEOUT
) -> Session:
    """The process's session for these settings (one local server per process at most); its
    requests time out after ``timeout`` seconds (the latest caller's setting)."""
    url = url or os.environ.get("CLEANUP_LANGUAGETOOL_URL") or None
    root = cache_root(cache_dir)
    key = (url, str(root), use_cache)
    with _SESSIONS_LOCK:
        session = _SESSIONS.get(key)
        if session is None:
            session = _SESSIONS[key] = Session(url, ResultCache(root, enabled=use_cache), timeout)
        elif session.timeout != timeout:
            session.timeout = timeout
            if session._client is not None:
                session._client.timeout = timeout
        return session


def close_sessions() -> None:
    """Stop the servers the sessions started; the next check starts afresh."""
    with _SESSIONS_LOCK:
        sessions = list(_SESSIONS.values())
        _SESSIONS.clear()
    for session in sessions:
        session.close()
