"""Engines run the pipeline over many inputs: scheduling only."""
