"""Artifacts stage: Python detectors for machine-translation artifacts that patterns cannot express.

The rules are data in ``rules/artifacts/*.yaml``; phrase lists and plain patterns there use the
generic ``regex``/``phrases`` detectors (:mod:`cleanup.stages.patterns`). Each detector here serves
the rules that name it and looks only at what it needs (sentences, paragraphs, quoted speech). One
module per family:

- :mod:`~cleanup.stages.artifacts.fragments`: a reporting verb or linking adverb left as a sentence;
- :mod:`~cleanup.stages.artifacts.perspective`: the first person outside quotation marks;
- :mod:`~cleanup.stages.artifacts.repetition`: a word or phrase repeated in a loop;
- :mod:`~cleanup.stages.artifacts.casing`: a sentence or paragraph that starts in lower case;
- :mod:`~cleanup.stages.artifacts.script`: CJK text, full-width forms, sentences in another
  language;
- :mod:`~cleanup.stages.artifacts.balance`: quotation marks and brackets left unbalanced;
- :mod:`~cleanup.stages.artifacts.consistency`: one article mixing two styles;
- :mod:`~cleanup.stages.artifacts.boilerplate`: a byline or sentence the article repeats;

and what several of them ask about a text, once per stage pass through the pass's
:class:`~cleanup.core.registry.Analysis`: its quoted speech
(:mod:`~cleanup.stages.artifacts.speech`) and its words (:mod:`~cleanup.stages.artifacts.words`).

>>> from cleanup import clean
>>> [(f.rule, f.text) for f in clean("Russia argued. Stated.", select=("artifact",)).flags]
[('artifact/orphan-fragment', 'Stated.')]
"""
