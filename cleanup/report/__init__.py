"""Report writers: each turns a run's :class:`cleanup.core.model.FileReport` list into text."""
