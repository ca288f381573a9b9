"""Gazetteers: people, places and organizations with their canonical spellings, loaded, indexed
and matched against a text. Nothing here is imported by the package itself: import each piece
from its module (``from cleanup.gazetteer.index import load``), so that importing the CLI or
another module loads none of it.

One job per module, each importing none but modules listed before it:

- :mod:`.entries`: the data model: :class:`Entry` (a name, its accepted, wrong and style
  spellings, its roles), :class:`Tenure` (a role held from a date to a date), :class:`Problem` (a
  file problem with its ``file:line``), ``KINDS`` and :func:`valid_date`.
- :mod:`.reading`: reading one YAML or CSV file (format: ``rules/gazetteer/README.md``) into a
  :class:`GazetteerFile`, collecting problems with line numbers; the shipped files.
- :mod:`.checking`: :func:`check_files` (problems across files: unknown role ids, a form both
  right and wrong) and :func:`role_phrases` (each role id's phrases, country × office ones too).
- :mod:`.spelling`: spelling keys and similarity: :func:`fold`, :func:`phonetic`, :func:`score`.
- :mod:`.near`: one-letter slips (dropped, doubled, swapped letters) in one word of a name whose
  other words match exactly, and the index of people's forms that finds them.
- :mod:`.compiled`: large indexes cached, pickled, by the content of their files.
- :mod:`.index`: the :class:`Gazetteer` index (merged entries, one Aho–Corasick automaton, role
  holders, fuzzy-candidate postings) and :func:`load`, which builds it once per process.
- :mod:`.words`: the word lists the matcher consults (titles, common words and names).
- :mod:`.scanning`: what a text holds to match or leave alone: runs of capitalized tokens
  (:class:`TextScan`), URLs, handles and quoted titles of works.
- :mod:`.mentions`: consistency of the names an article spells itself, known or not (Mykhailo
  Fedorov … Fedorv → Fedorov), with the look-alikes that stay (Joe and Hunter Biden).
- :mod:`.matching`: :func:`match` and its :class:`Matcher` (exact forms, names after a role
  phrase at the article's date, fuzzy near-misses, later mentions of a surname).
- :mod:`.wikidata`: a Wikidata query export turned into the YAML format
  (``cleanup gazetteer import``).

>>> from cleanup.gazetteer.index import load
>>> from cleanup.gazetteer.matching import match
>>> [m.replacement for m in match(load(()), "Russian Foreign Minister Sergei Rabrov said.")]
['Sergey Lavrov']
"""
