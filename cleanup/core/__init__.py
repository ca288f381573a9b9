"""The core: the data model, documents, edits and offset maps, the pipeline."""
