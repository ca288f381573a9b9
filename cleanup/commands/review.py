"""Interactive review: walk through the proposed changes one by one, like ``git add -p``.

Each change `fix` would apply is shown in context with its rule and reason, and the reviewer
answers y (apply), n (skip), a (apply this and all remaining), d (skip this and all remaining),
q (quit: skip the remaining) or ? (help). Answers are read one per line, so a review can be
scripted (``printf 'y\\nn\\n' | cleanup review a.txt -o b.txt``); at the end of input the remaining
changes are skipped. Answering y to everything gives exactly what ``fix`` gives; n to everything
gives the text back unchanged.

The decisions are made inside the pipeline (its ``accept`` callback), so a change a later stage
proposes on top of an accepted one is offered too, and one built on a refused change is not.

>>> from io import StringIO
>>> from cleanup.settings.config import Config
>>> from cleanup.core.document import Document
>>> shown = StringIO()
>>> reviewer = Reviewer(Config(), answers=iter(["n"]).__next__, out=shown)
>>> result = reviewer.run(Document.from_text("He left. .. She stayed."))
>>> result.text
'He left. .. She stayed.'
>>> print(shown.getvalue().splitlines()[1])
Stray '..' after a finished sentence
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import click

from cleanup.core.document import Document
from cleanup.core.model import Finding, Fix, Result
from cleanup.core.pipeline import process
from cleanup.core.registry import CompiledRules
from cleanup.errors import EXIT_OK, CleanupError
from cleanup.io.readers import Source
from cleanup.settings.config import Config

HELP = """\
y - apply this change
n - do not apply this change
a - apply this change and all the remaining ones
d - do not apply this change nor any of the remaining ones
q - quit; do not apply this change nor any of the remaining ones
? - print help"""

PROMPT = "Apply this change [y,n,a,d,q,?]? "
CONTEXT_CHARS = 70  # of the line around a change, on each side


class Reviewer:
    """Asks about each change ``fix`` would apply; the pipeline's ``accept`` callback.

    ``answers`` returns the next line of input (raising EOFError or StopIteration at the end);
    prompts and changes are written to ``out``. ``compiled`` is ``config``'s compiled rules when
    the caller has them already.
    """

    def __init__(
        self,
        config: Config,
        answers: Callable[[], str],
        out: TextIO,
        *,
        color: bool = False,
        expected: int | None = None,
        echo: bool = True,
        compiled: CompiledRules | None = None,
    ) -> None:
        if compiled is None:
            from cleanup.stages import compile_rules

            compiled = compile_rules(config)
        self.config = config
        self.compiled = compiled
        self.answers = answers
        self.out = out
        self.color = color
        self.expected = expected  # how many changes `fix` makes, to show "3/5"
        self.offered = 0  # changes `fix` would apply, asked about or decided by a/d/q
        self.asked = 0
        self.accepted = 0
        self.echo = echo  # repeat each answer after its prompt (input that is not a terminal)
        self.rest: bool | None = None  # after a/d/q/end of input: the answer for the rest

    def run(self, document: Document) -> Result:
        return process(document, self.compiled, accept=self)

    def __call__(self, finding: Finding, text: str) -> bool:
        if not (finding.fix is Fix.SAFE or self.config.unsafe_fixes):
            return False  # `fix` would not apply it either: it stays a flag
        self.offered += 1
        if self.rest is not None:
            return self._decide(finding, self.rest)
        self.asked += 1
        self._say(self.describe(finding, text))
        while True:
            self.out.write(self._style(PROMPT, fg="blue", bold=True))
            self.out.flush()
            try:
                answer = self.answers().strip().lower()
            except (EOFError, StopIteration):
                self._say("\n(end of input: this and the remaining changes are not applied)\n")
                self.rest = False
                return self._decide(finding, False)
            if self.echo:
                self._say(answer)
            if answer in ("y", "n"):
                self._say("")
                return self._decide(finding, answer == "y")
            if answer in ("a", "d", "q"):
                self._say("")
                self.rest = answer == "a"
                return self._decide(finding, self.rest)
            self._say(
                HELP
                if answer == "?"
                else self._style(f"unknown answer {answer!r}\n", fg="red") + HELP
            )

    def _decide(self, finding: Finding, accepted: bool) -> bool:
        # the pipeline remembers a refused change and does not propose it again in later rounds
        self.accepted += accepted
        return accepted

    def describe(self, finding: Finding, text: str) -> str:
        """The change with its line around it, what the rule says, and why."""
        number = str(self.asked)
        if self.expected is not None and self.asked <= self.expected:
            number += f"/{self.expected}"
        head = f"({number}) {finding.rule} · {finding.category} · {finding.severity.value}"
        line_start = text.rfind("\n", 0, finding.start) + 1
        line_end = text.find("\n", finding.end)
        line_end = len(text) if line_end < 0 else line_end
        before = _clip_left(text[line_start : finding.start])
        after = _clip_right(text[finding.end : line_end])
        line = text.count("\n", 0, finding.start) + 1
        lines = [
            self._style(head, bold=True),
            finding.message,
            f"  line {line}: {before}{self._change(finding)}{after}",
        ]
        if finding.reason and finding.reason != finding.message:
            lines.append(f"  why: {finding.reason}")
        if finding.fix is Fix.UNSAFE:
            lines.append("  (an unsafe fix: it needs your judgement)")
        return "\n".join(lines)

    def _change(self, finding: Finding) -> str:
        old, new = finding.text, finding.replacement or ""
        if not self.color:  # git's word-diff notation
            return (f"[-{old}-]" if old else "") + (f"{{+{new}+}}" if new else "")
        return self._style(old, fg="red", strikethrough=True, reverse=old.isspace()) + self._style(
            new, fg="green", bold=True, reverse=new.isspace()
        )

    def _style(
        self,
        text: str,
        fg: str | None = None,
        bold: bool | None = None,
        strikethrough: bool | None = None,
        reverse: bool | None = None,
    ) -> str:
        if not self.color or not text:
            return text
        return click.style(
            text, fg=fg, bold=bold, strikethrough=strikethrough, reverse=reverse or None
        )

    def _say(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()


def _clip_left(text: str) -> str:
    if len(text) <= CONTEXT_CHARS:
        return text
    cut = text[-CONTEXT_CHARS:]
    space = cut.find(" ")
    return "…" + (cut[space + 1 :] if 0 <= space < CONTEXT_CHARS // 2 else cut)


def _clip_right(text: str) -> str:
    if len(text) <= CONTEXT_CHARS:
        return text
    cut = text[:CONTEXT_CHARS]
    space = cut.rfind(" ")
    return (cut[:space] if space > CONTEXT_CHARS // 2 else cut) + "…"


@dataclass(frozen=True)
class ReviewOptions:
    path: str
    output: Path | None = None
    quiet: bool = False  # -q: no summary at the end (the questions are still asked)


def review(options: ReviewOptions, config: Config) -> int:
    """Ask about each change (answers on stdin, prompts on stderr); write the accepted ones."""
    from cleanup.article import load_document
    from cleanup.report.diff.unified import use_color
    from cleanup.stages import compile_rules

    source = Source(Path(options.path))
    if source.is_stdin:
        raise CleanupError("review reads its answers from stdin: name the article's file")
    if source.kind == "jsonl":
        raise CleanupError(f"{options.path}: review takes one article, not a JSONL corpus")
    output = options.output
    if output and output.exists() and source.path.exists() and output.samefile(source.path):
        raise CleanupError(f"-o {output} is the input file; write the reviewed text elsewhere")
    document = load_document(source, config)
    if config.date and not document.date:
        document.date = config.date
    compiled = compile_rules(config)
    expected = len(process(document, compiled).edits)

    def answer() -> str:
        line = sys.stdin.readline()
        if not line:
            raise EOFError
        return line

    reviewer = Reviewer(
        config,
        answer,
        sys.stderr,
        color=use_color(sys.stderr),
        expected=expected,
        echo=not sys.stdin.isatty(),
        compiled=compiled,
    )
    result = reviewer.run(document)
    if output is None:
        sys.stdout.write(document.render(result.text))
    else:
        from cleanup.io.writers import atomic_write

        atomic_write(output, document.encode(result.text))
    changes = reviewer.offered
    if options.quiet:
        return EXIT_OK
    print(
        f"{source.display}: {reviewer.accepted} of {changes} change{'s' * (changes != 1)} "
        f"applied, {len(result.flags)} flag{'s' * (len(result.flags) != 1)} to review",
        file=sys.stderr,
    )
    return EXIT_OK
