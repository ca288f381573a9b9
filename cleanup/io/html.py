"""HTML pages as scraped: the article body, extracted with trafilatura (menus, boilerplate and
reader comments dropped), as plain text or Markdown."""

from __future__ import annotations

from cleanup.errors import InputError


def extract(html: str, output_format: str = "text", name: str = "<html>") -> str:
    """The main text of ``html``; ``output_format`` is ``text`` or ``markdown``."""
    import trafilatura

    fmt = "markdown" if output_format == "markdown" else "txt"
    text = trafilatura.extract(
        html,
        output_format=fmt,
        include_comments=False,
        include_tables=True,
        include_links=fmt == "markdown",
        favor_precision=True,
        deduplicate=False,
    )
    if not text:
        raise InputError(f"{name}: no article text found in the HTML page")
    return str(text).rstrip("\n") + "\n"
