"""Installing LanguageTool's jars from Maven into the user cache directory, once.

The package ships a small Maven project (``cleanup/languagetool/pom.xml``) that names the
LanguageTool server and its English module at one pinned version. Installing runs Maven's
``dependency:copy-dependencies`` on it, so every jar lands unshaded in one folder that Java reads
as a plain class path, and writes a manifest last: a folder with a manifest is complete, and a
second install only reads the manifest (quick, offline).

Layout (``CLEANUP_LANGUAGETOOL_HOME`` overrides the root)::

    <user cache dir>/cleanup/languagetool/6.8/manifest.json
    <user cache dir>/cleanup/languagetool/6.8/lib/*.jar

>>> pinned_version()
'6.8'
"""

from __future__ import annotations

import importlib.resources
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cleanup.errors import ServiceError

INSTALL_HINT = "run `cleanup languagetool install` (needs Java 17+ and Maven)"
_MANIFEST = "manifest.json"
_VERSION = re.compile(r"<languagetool\.version>\s*([^<\s]+)\s*</languagetool\.version>")


def pom_path() -> Path:
    """The Maven project that pins LanguageTool (``CLEANUP_LANGUAGETOOL_POM`` overrides it)."""
    env = os.environ.get("CLEANUP_LANGUAGETOOL_POM")
    if env:
        return Path(env)
    # a regular install is a folder on disk, and Maven needs the file's path
    return Path(str(importlib.resources.files("cleanup.languagetool") / "pom.xml"))


def pinned_version(pom: Path | None = None) -> str:
    """The LanguageTool version the Maven project pins."""
    pom = pom or pom_path()
    try:
        match = _VERSION.search(pom.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ServiceError(f"cannot read {pom}: {exc.strerror}") from None
    if not match:
        raise ServiceError(f"{pom}: no <languagetool.version> property")
    return match.group(1)


def home() -> Path:
    """Where installed LanguageTool versions live."""
    env = os.environ.get("CLEANUP_LANGUAGETOOL_HOME")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("cleanup")) / "languagetool"


@dataclass(frozen=True)
class Installation:
    """One complete LanguageTool install: its version and the jars of its class path."""

    version: str
    root: Path
    jars: tuple[str, ...]

    @property
    def lib(self) -> Path:
        return self.root / "lib"

    @property
    def classpath(self) -> str:
        return str(self.lib / "*")


def find_installation(version: str | None = None) -> Installation | None:
    """The installed LanguageTool of ``version`` (default: the pinned one), or None."""
    version = version or pinned_version()
    root = home() / version
    try:
        manifest = json.loads((root / _MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    jars = tuple(manifest.get("jars", ()))
    if manifest.get("version") != version or not jars:
        return None
    if not all((root / "lib" / jar).is_file() for jar in jars):
        return None
    return Installation(version=version, root=root, jars=jars)


def find_java() -> str | None:
    """The ``java`` to run: ``$JAVA_HOME/bin/java`` when set, else the one on PATH."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        candidate = Path(java_home) / "bin" / "java"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which("java")


def require_local() -> tuple[Installation, str]:
    """The installation and the java that a local server needs; one clear error otherwise."""
    java = find_java()
    if java is None:
        raise ServiceError(f"--grammar needs Java 17+, and no `java` was found; {INSTALL_HINT}")
    installation = find_installation()
    if installation is None:
        version = pinned_version()
        raise ServiceError(
            f"LanguageTool {version} is not installed; {INSTALL_HINT}, "
            "or point --languagetool-url at a running server"
        )
    return installation, java


def install(*, force: bool = False, say: Callable[[str], None] | None = None) -> Installation:
    """Resolve the pinned LanguageTool with Maven, unless it is installed already.

    The jars are copied into a fresh folder that replaces the version folder only when Maven
    succeeded, so an interrupted install leaves nothing half-done behind.
    """
    pom = pom_path()
    version = pinned_version(pom)
    found = find_installation(version)
    if found and not force:
        return found
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ServiceError("installing LanguageTool needs Maven (`mvn`): apt-get install maven")
    root = home()
    root.mkdir(parents=True, exist_ok=True)
    if say:
        say(f"Resolving LanguageTool {version} with Maven into {root / version} ...")
    staging = Path(tempfile.mkdtemp(prefix=f".{version}-", dir=root))
    log_path = root / "install.log"
    try:
        with log_path.open("w", encoding="utf-8") as log:
            done = subprocess.run(
                [
                    mvn,
                    "-B",
                    "-ntp",
                    "-f",
                    str(pom),
                    "dependency:copy-dependencies",
                    f"-DoutputDirectory={staging / 'lib'}",
                    "-DincludeScope=runtime",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                check=False,
            )
        if done.returncode != 0:
            raise ServiceError(
                f"Maven could not resolve LanguageTool {version}: {_first_error(log_path)}"
            )
        jars = sorted(p.name for p in (staging / "lib").glob("*.jar"))
        if not any(j.startswith("languagetool-server-") for j in jars):
            raise ServiceError(f"Maven gave no languagetool-server jar; see {log_path}")
        manifest = {"version": version, "jars": jars, "pom": pom.read_text(encoding="utf-8")}
        (staging / _MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        target = root / version
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    installation = find_installation(version)
    assert installation is not None
    return installation


def _first_error(log_path: Path) -> str:
    lines = log_path.read_text(encoding="utf-8", errors="replace").splitlines()
    errors = [line.removeprefix("[ERROR] ").strip() for line in lines if line.startswith("[ERROR]")]
    first = next((e for e in errors if e), lines[-1] if lines else "no output")
    return f"{first[:300]} (full log: {log_path})"
