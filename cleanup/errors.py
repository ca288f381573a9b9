"""Errors a user can cause. The CLI prints each as one line on stderr and exits 2."""

from __future__ import annotations


class CleanupError(Exception):
    """Something about the input, the options or the environment that the user can fix."""

    exit_code = 2


class InputError(CleanupError):
    """An input path or its content cannot be read."""


class ConfigError(CleanupError):
    """A config, rule or gazetteer file is malformed; the message names file, line and problem."""


class ServiceError(CleanupError):
    """An external service (LanguageTool, Ray) is missing or failed; the message says what to do."""
