"""Engines run the pipeline over many inputs; each only calls :func:`cleanup.pipeline.process`."""
