"""Built-in stages. Importing this package registers their detectors with :mod:`cleanup.rules`."""

from cleanup.stages import encoding, punctuation

__all__ = ["encoding", "punctuation"]
