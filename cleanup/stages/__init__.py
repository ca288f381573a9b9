"""Built-in stages. Importing this package registers their detectors with :mod:`cleanup.rules`."""

from cleanup.stages import artifacts, encoding, grammar, names, patterns, punctuation

__all__ = ["artifacts", "encoding", "grammar", "names", "patterns", "punctuation"]
