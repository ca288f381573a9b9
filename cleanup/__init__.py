"""cleanup: repair, normalize and flag scraped machine-translated news articles.

The Python API for scrapers and notebooks:

>>> from cleanup import clean
>>> result = clean("Kirby told the press on February 2. ..")
>>> result.text
'Kirby told the press on February 2.'
>>> [(f.rule, f.text, f.replacement) for f in result.edits]
[('punctuation/stray-dots', ' ..', '')]
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from cleanup.core.model import Finding, Fix, Result, Severity

if TYPE_CHECKING:
    from cleanup.core.registry import CompiledRules
    from cleanup.settings.config import Config

    __version__: str

__all__ = ["Finding", "Fix", "Result", "Severity", "__version__", "clean"]


def __getattr__(name: str) -> Any:
    """``__version__``, read on first use: importlib.metadata and the lookup cost 25 ms, which
    a run that does not show or store the version should not pay."""
    if name == "__version__":
        return _version()
    raise AttributeError(f"module 'cleanup' has no attribute {name!r}")


@lru_cache(maxsize=1)
def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:  # the one place the version is written is pyproject.toml
        return version("cleanup")
    except PackageNotFoundError:  # a source folder that was never installed
        return "0+unknown"


def clean(
    text: str,
    *,
    unsafe_fixes: bool = False,
    grammar: bool = False,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    date: str | None = None,
    **settings: Any,
) -> Result:
    """Clean one article: ``result.text`` is the corrected text, ``result.edits`` the applied
    changes (each with rule and reason) and ``result.flags`` what a person should look at.

    Further keyword arguments are :class:`cleanup.settings.config.Config` fields (``gazetteers``,
    ``languagetool_url``...).
    """
    from cleanup.core.document import Document
    from cleanup.core.pipeline import process
    from cleanup.settings.config import Config

    config = Config(
        select=select,
        ignore=ignore,
        unsafe_fixes=unsafe_fixes,
        grammar=grammar,
        **settings,
    )
    # offsets in the result are into ``text`` exactly as given (no newline conversion); the date
    # is the article's, so the config (and its compiled rules) stays the same from one to the next
    return process(Document(text, date=date), _compiled(config))


def _compiled(config: Config) -> CompiledRules:
    """The rules ``config`` runs, compiled once for the calls to :func:`clean` with equal
    settings (compiling the phrase lists costs far more than cleaning one article)."""
    try:
        hash(config)
    except TypeError:  # a setting given as a list, say: not a key, so compiled for this call
        from cleanup.stages import compile_rules

        return compile_rules(config)
    return _compiled_for(config)


@lru_cache(maxsize=8)
def _compiled_for(config: Config) -> CompiledRules:
    from cleanup.stages import compile_rules

    return compile_rules(config)
