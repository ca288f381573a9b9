"""Built-in stages. Importing this package registers their detectors."""

from cleanup.stages import artifacts, encoding, grammar, names, patterns, punctuation

__all__ = ["artifacts", "encoding", "grammar", "names", "patterns", "punctuation"]
