"""Diffs: the unified diff and the word-level hunks of the review page."""
