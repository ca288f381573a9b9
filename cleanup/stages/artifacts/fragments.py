"""Orphan fragments: a sentence that is only a reporting verb or a linking adverb, what a
translation leaves of a clause it split off (``… the east. Stated.``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from cleanup.core.document import TextView
from cleanup.core.model import Finding
from cleanup.rules.loader import Rule
from cleanup.stages.artifacts.speech import in_speech

if TYPE_CHECKING:
    from cleanup.core.registry import Context


_ORPHAN = re.compile(
    r"""(?:said|stated|added|noted|reported|explained|pointed\ out|emphasi[sz]ed|stressed|indicated
    |revealed|claimed|insisted|commented|declared|announced|continued|replied|responded|concluded
    |expressed|mentioned|remarked|told|disclosed|believed|introduced|meanwhile|however|moreover
    |furthermore|additionally|therefore|thus|also|besides|nevertheless|nonetheless|accordingly
    |consequently|hence|in\ addition|in\ other\ words|reportedly|allegedly|according\ to\ reports
    |it\ is\ reported|it\ is\ said|it\ was\ reported)[.;:]?""",
    re.IGNORECASE | re.VERBOSE,
)


def detect_fragments(view: TextView, rules: list[Rule], context: Context) -> Iterator[Finding]:
    """A sentence that is only a reporting verb or a linking adverb: ``… the east. Stated.``"""
    rule = rules[0]
    text = view.text
    for start, end in view.sentences:
        sentence = text[start:end]
        if len(sentence) > 30 or not sentence.rstrip().endswith((".", ";", ":")):
            continue
        if _ORPHAN.fullmatch(sentence.strip()) and not in_speech(context.analysis, start, end):
            yield rule.finding(view, start, start + len(sentence.rstrip()))
