"""Built-in stages. Importing this package registers their detectors with :mod:`cleanup.rules`."""

from cleanup.stages import encoding, grammar, punctuation

__all__ = ["encoding", "grammar", "punctuation"]
