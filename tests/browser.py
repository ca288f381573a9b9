"""A real headless Chromium for tests: DOM dumps, screenshots, and JavaScript over DevTools.

Chromium is Debian's `chromium` package (tests/run installs it). Each run gets a fresh profile and
no network features, so a test page can only show what it holds.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
)


def chromium_binary() -> str:
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        pytest.skip("chromium is not installed (bash tests/run installs it)")
    return binary


def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Chromium with the test flags, a fresh profile and ``args``; fails the test on error."""
    with tempfile.TemporaryDirectory(prefix="cleanup-chromium-") as profile:
        done = subprocess.run(
            [chromium_binary(), *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def dump_dom(page: Path) -> str:
    """The page's DOM, serialized after its scripts ran."""
    return run("--dump-dom", page.resolve().as_uri()).stdout


def screenshot(page: Path, png: Path, size: str = "1280,2000") -> Path:
    run(f"--screenshot={png}", f"--window-size={size}", page.resolve().as_uri())
    assert png.exists(), f"chromium wrote no {png}"
    return png


def _onto_3_and_4(commands: int, replies: int) -> None:
    # first out of the way (either may itself be fd 3 or 4), then into place
    high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (commands, replies)]
    os.dup2(high[0], 3)
    os.dup2(high[1], 4)


class DevTools:
    """Chromium driven over the DevTools protocol (``--remote-debugging-pipe``: fds 3 and 4)."""

    def __init__(self) -> None:
        self._profile = tempfile.TemporaryDirectory(prefix="cleanup-chromium-")
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        # the child sees the command pipe as fd 3 and the reply pipe as fd 4
        self._proc = subprocess.Popen(
            [
                chromium_binary(),
                *FLAGS,
                f"--user-data-dir={self._profile.name}",
                "--remote-debugging-pipe",
                "--window-size=1280,2000",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4),
            preexec_fn=lambda: _onto_3_and_4(to_chrome_r, from_chrome_w),
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._next_id = 0
        self._buffer = b""
        self.session: str | None = None

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply["result"]
                return result

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_chrome, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        parsed: dict[str, Any] = json.loads(message)
        return parsed

    def open(self, page: Path) -> None:
        target = self.send("Target.createTarget", url=page.resolve().as_uri())["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        loaded = f"location.href === {json.dumps(page.resolve().as_uri())} && document.readyState"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.eval(loaded) == "complete":
                return
            time.sleep(0.05)
        raise RuntimeError(f"{page} did not load")

    def eval(self, expression: str) -> Any:
        reply = self.send(
            "Runtime.evaluate", self.session, expression=expression, returnByValue=True
        )
        if "exceptionDetails" in reply:
            raise RuntimeError(f"{expression}: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def allow_downloads(self, folder: Path) -> None:
        """Downloads (a page's "save" links) go into ``folder``, named as the page names them."""
        self.send("Browser.setDownloadBehavior", behavior="allow", downloadPath=str(folder))

    def size(self, width: int, height: int, *, mobile: bool = False) -> None:
        """The viewport of the open page, as a screen of that size would give it."""
        self.send(
            "Emulation.setDeviceMetricsOverride",
            self.session,
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=mobile,
        )

    def screenshot(self, png: Path, *, full_page: bool = False) -> Path:
        """What the viewport shows (or the whole page) as a PNG."""
        import base64

        params: dict[str, Any] = {"format": "png"}
        if full_page:
            params["captureBeyondViewport"] = True
            width, height = self.eval(
                "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
            )
            params["clip"] = {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
        data = self.send("Page.captureScreenshot", self.session, **params)["data"]
        png.write_bytes(base64.b64decode(data))
        return png

    def key(self, key: str) -> None:
        """A key pressed and released, as typed (to the page, not to a control)."""
        for kind in ("keyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent", self.session, type=kind, key=key, text=key)

    def click(self, selector: str) -> None:
        """A real mouse click at the middle of the first element ``selector`` finds."""
        box = self.eval(
            f"(() => {{ const el = document.querySelector({json.dumps(selector)});"
            " el.scrollIntoView({block: 'center'}); const r = el.getBoundingClientRect();"
            " return [r.left + r.width / 2, r.top + r.height / 2]; })()"
        )
        for kind in ("mousePressed", "mouseReleased"):
            self.send(
                "Input.dispatchMouseEvent",
                self.session,
                type=kind,
                x=box[0],
                y=box[1],
                button="left",
                clickCount=1,
            )

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, OSError):
            self.send("Browser.close")
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        os.close(self._to_chrome)
        os.close(self._from_chrome)
        self._profile.cleanup()
