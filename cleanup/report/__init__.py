"""Report writers: each turns a run's :class:`cleanup.model.FileReport` list into text."""
