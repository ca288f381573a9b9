"""Errors a user can cause, and the exit codes. The CLI prints each error as one line on stderr
and exits 2."""

from __future__ import annotations

# The process exit codes, defined once: 0 ok, 1 findings (check), 2 a usage, settings or input
# error, 130 interrupted (Ctrl-C), 143 terminated (SIGTERM), as shells report those signals.
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived: raised like Ctrl-C's KeyboardInterrupt, so that a run ends the same way
    (temporary files removed, workers and servers stopped), then exits 143."""


class CleanupError(Exception):
    """Something about the input, the options or the environment that the user can fix."""

    exit_code = EXIT_ERROR


class InputError(CleanupError):
    """An input path or its content cannot be read."""


class ConfigError(CleanupError):
    """A config, rule or gazetteer file is malformed; the message names file, line and problem."""


class ServiceError(CleanupError):
    """An external service (LanguageTool, Ray) is missing or failed; the message says what to do."""
