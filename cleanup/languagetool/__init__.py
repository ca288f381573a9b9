"""LanguageTool for the grammar stage: installing its jars with Maven, running a local server,
talking to it over HTTP and caching what it said.

Nothing here is imported unless grammar checking is asked for, so a run without ``--grammar``
pays nothing for it.

- :mod:`cleanup.languagetool.install`: ``cleanup languagetool install`` (Maven → user cache dir)
- :mod:`cleanup.languagetool.server`: a local server's lifecycle (no Java process outlives a run)
- :mod:`cleanup.languagetool.client`: ``/v2/check`` requests, offsets in Python characters
- :mod:`cleanup.languagetool.cache`: results on disk keyed by text, LanguageTool version, settings
- :mod:`cleanup.languagetool.session`: one run's server, client and cache together
- :mod:`cleanup.languagetool.mapping`: LanguageTool's categories as this project's findings
"""
