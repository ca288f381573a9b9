"""Documents and the spans stages reason about: paragraphs, sentences and quotations.

A :class:`Document` is the text as read plus what is needed to write it back losslessly (encoding,
BOM, newline style). A :class:`TextView` segments any text lazily, so a stage pays only for the
spans it asks for.

>>> view = TextView('He said “I am here.” Then he left. Mr. Smith stayed.')
>>> [view.text[s:e] for s, e in view.sentences]
['He said “I am here.”', 'Then he left.', 'Mr. Smith stayed.']
>>> view.in_quote(9, 19)
True
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

Span = tuple[int, int]

# What separates paragraphs: a blank line (the review page splits its margin notes here too).
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
# Words whose trailing period does not end a sentence (the lower-case-start check takes more
# words for abbreviations: cleanup.stages.artifacts.casing).
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen col lt sgt capt maj adm st jr sr vs etc inc ltd co corp
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u a.m p.m i.e e.g""".split()
)
# The marks that end a sentence; a run of them, or an ellipsis, with the closing quotes and
# brackets after it, ends one before whitespace.
SENTENCE_MARKS = ".!?"
# (the first mark apart from the rest: a pattern that starts with a character class, not a
# repeat, lets the engine skip to the next mark at C speed, 1.5x faster on news)
_SENTENCE_END = re.compile(rf"""[{SENTENCE_MARKS}…][{SENTENCE_MARKS}…]*[”’"')\]»]*(?=\s+|$)""")
_OPEN_DOUBLE = "“„«"
# the word before a full stop (the end given to match) less the opening quotes and brackets
# around it, when it is short enough to be an abbreviation or an initial
_SHORT_WORD = re.compile(
    rf"""[“‘"'(]*+(.{{0,{max(map(len, ABBREVIATIONS))}}}?)[“‘"'(]*\Z""", re.DOTALL
)


@dataclass
class Document:
    """A text as read, and how to write it back.

    ``text`` has CRLF newlines read as ``\\n`` when the whole file uses CRLF; ``newline`` remembers
    it so :meth:`encode` restores it. Mixed newlines are kept as they are.
    """

    text: str
    path: str = "<text>"
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"
    date: str | None = None  # ISO date of the article, when known (front matter, JSONL, --date)
    language: str = "en"
    # The text this one was translated from (paragraphs aligned by blank lines, as ``text``'s),
    # when the input gives it (JSONL --source-field, --source FILE, XLIFF): only then do the
    # source/ checks run. ``source_lang`` is the source's language when known (else detected).
    source: str | None = None
    source_lang: str | None = None
    # The file as read when the text was taken out of a container (XLIFF units), which `fix`
    # writes the corrected text back into (cleanup.io.xliff.write).
    container: bytes | None = None
    # Spans (into ``text``) that no stage may change or flag: Markdown code, front matter, URLs.
    protected: list[Span] = field(default_factory=list)
    # Where an author's suppressions forbid edits: (rule or prefix, start, end, exact text or
    # None), see cleanup.core.suppress.edit_ranges. Findings there are still made, never applied.
    suppressed: list[tuple[str, int, int, str | None]] = field(default_factory=list)

    @classmethod
    def from_text(cls, text: str, path: str = "<text>") -> Document:
        newline = "\r\n" if "\r\n" in text and text.count("\r\n") == text.count("\n") else "\n"
        if newline == "\r\n":
            text = text.replace("\r\n", "\n")
        return cls(text=text, path=path, newline=newline)

    def render(self, text: str) -> str:
        """``text`` with the document's own newline style."""
        return text.replace("\n", self.newline) if self.newline != "\n" else text

    def encode(self, text: str) -> bytes:
        """``text`` as bytes in the output encoding (UTF-8, keeping a BOM the input had)."""
        data = self.render(text).encode("utf-8")
        return b"\xef\xbb\xbf" + data if self.bom else data


class TextView:
    """Lazily computed spans of one text."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def paragraphs(self) -> list[Span]:
        spans: list[Span] = []
        start = 0
        for m in PARAGRAPH_BREAK.finditer(self.text):
            if m.start() > start:
                spans.append((start, m.start()))
            start = m.end()
        if start < len(self.text):
            end = len(self.text.rstrip("\n"))
            if end > start:
                spans.append((start, end))
        return spans

    @cached_property
    def sentences(self) -> list[Span]:
        spans: list[Span] = []
        for p_start, p_end in self.paragraphs:
            spans.extend(split_sentences(self.text, p_start, p_end))
        return spans

    @cached_property
    def quotes(self) -> list[Span]:
        """Spans of quoted speech, quotation marks included."""
        return find_quotes(self.text)

    @cached_property
    def quote_starts(self) -> list[int]:
        """Where each of :attr:`quotes` starts."""
        return [s for s, _ in self.quotes]

    def in_quote(self, start: int, end: int | None = None) -> bool:
        """True when ``[start, end)`` lies inside one quotation."""
        end = start + 1 if end is None else end
        i = bisect.bisect_right(self.quote_starts, start) - 1
        return i >= 0 and self.quotes[i][0] <= start and end <= self.quotes[i][1]


def split_sentences(text: str, start: int, end: int) -> list[Span]:
    """Sentence spans of ``text[start:end]``, keeping closing quotes with their sentence."""
    spans: list[Span] = []
    sent_start = start
    # the last space before the latest full stop, searched for from the full stop before it:
    # searching back from each one, and lower-casing all that lay between, was quadratic in a
    # paragraph without spaces (Chinese with Latin full stops)
    space, searched = start - 1, start
    for m in _SENTENCE_END.finditer(text, start, end):
        if m.group() == ".":
            found = text.rfind(" ", searched, m.start())
            space, searched = max(space, found), m.start()
            # "Mr." and "U.S." do not end a sentence; "U.S.”" (a closing quote after it) does
            word = _SHORT_WORD.match(text, max(space + 1, sent_start), m.start())
            if word and (word[1].lower() in ABBREVIATIONS or len(word[1].lower()) == 1):
                continue
        nxt = m.end()
        while nxt < end and text[nxt].isspace():
            nxt += 1
        # A new sentence starts with a capital, a digit or an opening quote; otherwise keep going.
        if nxt < end and not (text[nxt].isupper() or text[nxt].isdigit() or text[nxt] in "“‘\"'(["):
            continue
        spans.append((sent_start, m.end()))
        sent_start = nxt
    if sent_start < end and text[sent_start:end].strip():
        spans.append((sent_start, end))
    return spans


def find_quotes(text: str) -> list[Span]:
    """Spans of double-quoted text (curly, straight, guillemets), within one paragraph each.

    >>> find_quotes('a “b” c "d" e')
    [(2, 5), (8, 11)]
    """
    # searches, not a loop over characters (that loop was a tenth of the pipeline's time)
    spans: list[Span] = []
    # per kind of closing mark, where a search for one last stopped without finding it (the
    # paragraph's end): a later opening before there finds none either, and is not searched
    # again, else a paragraph of unclosed marks is read to its end once for each
    unclosed = dict.fromkeys(_QUOTE_END, -1)
    # where each opening mark occurs next: str.find runs at memchr speed, where a regex's
    # character class is tested at every character (two thirds of this function's time)
    ahead = {ch: text.find(ch) for ch in _OPENINGS}
    i = 0
    while True:
        for ch, at in ahead.items():
            if 0 <= at < i:
                ahead[ch] = text.find(ch, i)
        start = min((at for at in ahead.values() if at >= 0), default=-1)
        if start < 0:
            return spans
        ch = text[start]
        closers = '"' if ch == '"' else ("»" if ch == "«" else "”“" if ch == "„" else "”")
        i = start + 1
        if i <= unclosed[closers]:
            continue
        # the first closing mark or paragraph break after the opening mark
        end = _QUOTE_END[closers].search(text, i)
        if end is not None and end.group() != "\n\n":
            spans.append((start, end.end()))
            i = end.end()
        else:
            unclosed[closers] = len(text) if end is None else end.start()


_OPENINGS = '"' + _OPEN_DOUBLE
_QUOTE_END = {c: re.compile(f"[{re.escape(c)}]|\n\n") for c in ('"', "»", "”“", "”")}


def line_starts(text: str) -> list[int]:
    """Offsets at which each line begins, for turning offsets into 1-based line/column."""
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


def line_col(starts: list[int], offset: int) -> tuple[int, int]:
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1
