"""Interactive review: walk through the changes ``fix`` makes, in text order, like ``git add -p``.

The article goes through :func:`cleanup.article.process` exactly as in ``fix`` (same settings,
suppressions, cache), and its changes are asked about in the order of the text. Edits that touch
the same words (a mojibake repair, then the name it revealed) are one question showing the words
as ``fix`` leaves them and each step's reason; refusing it keeps the words as read, and its
findings are counted as flags. The context line shows the earlier answers.

Answers: y (apply), n (skip), a (apply this and all remaining), d (skip this and all remaining),
q (quit: skip the remaining), e (type the words to put there instead), u (undo the last answer),
j/k (the next/previous change, deciding nothing) and ? (help). On a terminal an answer is one key;
otherwise one per line, so a review can be scripted (``printf 'y\\nn\\n' | cleanup review a.txt``);
at the end of input the changes not decided are skipped. All y gives exactly what ``fix`` gives.

>>> from io import StringIO
>>> from cleanup.core.model import Result, Finding, Severity, Fix
>>> f = Finding("punctuation/stray-dots", "fluency/punctuation", Severity.WARNING, 8, 11, " ..",
...             "Stray '..' after a finished sentence", "", Fix.SAFE, applied=True)
>>> result = Result("He left. .. She stayed.", "He left. She stayed.", [f])
>>> shown = StringIO()
>>> reviewer = Reviewer(result, answers=iter(["n"]).__next__, out=shown)
>>> reviewer.run()
[False]
>>> print(shown.getvalue().splitlines()[1])
Stray '..' after a finished sentence
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from cleanup.commands.common import err
from cleanup.commands.inputs import InputOptions, Settings, config_for, files_of
from cleanup.core.model import Finding, Fix, Result
from cleanup.errors import EXIT_OK, CleanupError
from cleanup.report.diff.changes import Change, apply_changes, changes
from cleanup.report.diff.words import clip_left, clip_right

if TYPE_CHECKING:
    from cleanup.article import Outcome

HELP = """\
y - apply this change
n - do not apply this change
a - apply this change and all the remaining ones
d - do not apply this change nor any of the remaining ones
q - quit; do not apply this change nor any of the remaining ones
e - type the words to put there instead
u - undo the last answer
j - go to the next change, leaving this one undecided
k - go to the previous change
? - print help"""

PROMPT = "Apply this change [y,n,a,d,q,e,u,j,k,?]? "
CONTEXT_CHARS = 70  # of the line around a change, on each side

Decision = bool | str | None  # applied, skipped, the reviewer's own words, or not decided yet


class Reviewer:
    """Asks about each change of ``result`` in text order; :meth:`run` returns the decisions.

    ``answers`` returns the next answer (a key, or a line), raising EOFError or StopIteration at
    the end; ``line`` reads the words typed after ``e`` (by default: the next answer). Prompts
    and changes are written to ``out``; ``echo`` repeats each answer there (input that is not a
    terminal does not show itself).
    """

    def __init__(
        self,
        result: Result,
        answers: Callable[[], str],
        out: TextIO,
        *,
        color: bool = False,
        echo: bool = True,
        line: Callable[[], str] | None = None,
    ) -> None:
        self.result = result
        self.changes: list[Change] = changes(result)
        self.decisions: list[Decision] = [None] * len(self.changes)
        self.answers = answers
        self.line = line or answers
        self.out = out
        self.color = color
        self.echo = echo
        self.history: list[int] = []  # the changes answered, latest last (for u)
        self.stopped = False  # q, or the end of input: ask nothing more, in any article

    def run(self) -> list[Decision]:
        index = 0 if self.changes else None
        while index is not None:
            index = self._ask(index)
        return self.decisions

    def _next(self, after: int) -> int | None:
        """The next undecided change after ``after``, else the first undecided one."""
        undecided = [i for i, d in enumerate(self.decisions) if d is None]
        return next((i for i in undecided if i > after), undecided[0] if undecided else None)

    def _rest(self, index: int, decision: bool) -> None:
        for i in range(index, len(self.decisions)):
            if self.decisions[i] is None:
                self.decisions[i] = decision

    def _ask(self, index: int) -> int | None:
        """Ask about one change; the change to ask about next (None: done)."""
        self._say(self.describe(index))
        while True:
            answer = self._answer(PROMPT)
            if answer is None:
                self._say("\n(end of input: the changes not decided are not applied)\n")
                self._rest(0, False)
                self.stopped = True
                return None
            if answer in ("y", "n"):
                return self._decide(index, answer == "y")
            if answer == "a":
                self._rest(index, True)
                return None
            if answer in ("d", "q"):
                self._rest(index if answer == "d" else 0, False)
                self.stopped = answer == "q"
                return None
            if answer == "e":
                words = self._answer("Words to put there instead (empty: ask again): ", line=True)
                if words:
                    return self._decide(index, words)
                continue
            if answer == "u":
                if not self.history:
                    self._say("nothing to undo")
                    continue
                last = self.history.pop()
                self.decisions[last] = None
                self._say(f"(undone: change {last + 1})")
                return last
            if answer in ("j", "k"):
                step = 1 if answer == "j" else -1
                self._say("")
                return (index + step) % len(self.changes)
            unknown = self._style(f"unknown answer {answer!r}\n", fg="red")
            self._say(HELP if answer == "?" else unknown + HELP)

    def _answer(self, prompt: str, *, line: bool = False) -> str | None:
        self.out.write(self._style(prompt, fg="blue", bold=True))
        self.out.flush()
        try:
            answer = (self.line if line else self.answers)()
        except (EOFError, StopIteration):
            return None
        answer = answer.rstrip("\r\n") if line else answer.strip().lower()
        if self.echo or not line:
            self._say(answer)
        return answer

    def _decide(self, index: int, decision: bool | str) -> int | None:
        self.decisions[index] = decision
        self.history.append(index)
        if decision is False:
            kept = ", ".join(self.changes[index].rules)
            self._say(f"(kept as read; flagged: {kept})")
        self._say("")
        return self._next(index)

    def describe(self, index: int) -> str:
        """The change in its line (with the earlier answers applied), its rules, and why."""
        change = self.changes[index]
        text = self.result.original
        findings = change.findings
        worst = max((f.severity for f in findings), key=lambda s: s.rank)
        number = f"({index + 1}/{len(self.changes)})"
        decided = self.decisions[index]
        now = "" if decided is None else f" [now: {'applied' if decided is not False else 'not'}]"
        if len(findings) == 1:
            f = findings[0]
            lines = [
                self._style(
                    f"{number} {f.rule} · {f.category} · {f.severity.value}{now}", bold=True
                )
            ]
            lines.append(f.message)
        else:
            rules = " + ".join(change.rules)
            lines = [self._style(f"{number} {rules} · {worst.value}{now}", bold=True)]
            lines.append(f"{len(findings)} changes to the same words, shown as they end up:")
        line_start = text.rfind("\n", 0, change.start) + 1
        line_end = text.find("\n", change.end)
        line_end = len(text) if line_end < 0 else line_end
        before = clip_left(self._current(line_start, change.start), CONTEXT_CHARS)
        after = clip_right(self._current(change.end, line_end), CONTEXT_CHARS)
        line = text.count("\n", 0, change.start) + 1
        lines.append(f"  line {line}: {before}{self._change(index)}{after}")
        for f in findings:
            if len(findings) > 1:
                lines.append(f"  - {f.rule}: {f.message}: {_step(f)}")
            if f.reason and f.reason != f.message:
                lines.append(f"    why: {f.reason}" if len(findings) > 1 else f"  why: {f.reason}")
        if any(f.fix is Fix.UNSAFE for f in findings):
            lines.append("  (an unsafe fix: it needs your judgement)")
        return "\n".join(lines)

    def _current(self, start: int, end: int) -> str:
        """The text as read at ``[start, end)`` with the decided changes wholly inside applied."""
        text = self.result.original
        parts, pos = [], start
        for change, decision in zip(self.changes, self.decisions, strict=True):
            if decision in (None, False) or change.start < start or change.end > end:
                continue
            parts += [text[pos : change.start], change.new if decision is True else str(decision)]
            pos = change.end
        parts.append(text[pos:end])
        return "".join(parts)

    def _change(self, index: int) -> str:
        change, decision = self.changes[index], self.decisions[index]
        old, new = change.old, decision if isinstance(decision, str) else change.new
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


def _step(finding: Finding) -> str:
    return f"{finding.text!r} → {finding.replacement!r}"


def reviewed(result: Result, chosen: list[Change], decisions: list[Decision]) -> Result:
    """The result as the reviewer left it: the text with the applied changes, and each refused
    change's findings back among the flags (they are still there in the text)."""
    applied = [d if d is not None else False for d in decisions]
    text = apply_changes(result.original, chosen, applied)
    refused = {
        id(f) for c, d in zip(chosen, applied, strict=True) if d is False for f in c.findings
    }
    findings = [f.with_(applied=False) if id(f) in refused else f for f in result.findings]
    findings.sort(key=lambda f: (f.start, f.end, f.rule, f.message))
    return Result(result.original, text, findings)


@dataclass(frozen=True)
class ReviewOptions:
    paths: tuple[str, ...]
    output: Path | None = None
    quiet: bool = False  # -q: no summary at the end (the questions are still asked)
    decisions: Path | None = None  # apply these decisions (exported by the HTML page); ask none
    output_dir: Path | None = None  # several inputs: written below DIR, as `fix` does
    in_place: bool = False


def review(options: ReviewOptions, settings: Settings) -> int:
    """Ask about each change (answers on stdin, prompts on stderr); write the accepted ones."""
    from cleanup.article import process

    inputs = InputOptions(options.paths)
    sources = files_of(inputs, settings)
    if any(source.is_stdin for source in sources):
        raise CleanupError("review reads its answers from stdin: name the article's file")
    several = len(sources) > 1 or any(source.kind == "jsonl" for source in sources)
    if options.decisions is not None and several:
        raise CleanupError("--decisions are made for one article: name that article only")
    if several or options.output_dir is not None or options.in_place:
        return _review_several(options, settings, inputs)
    source = sources[0]
    output = options.output
    if output and output.exists() and source.path.exists() and output.samefile(source.path):
        raise CleanupError(f"-o {output} is the input file; write the reviewed text elsewhere")
    outcome = process(source, config_for(settings)(source.path))
    report, document = outcome.report, outcome.document
    if report.error is not None or report.result is None or document is None:
        raise CleanupError(f"{report.path}: {report.error}")
    result = report.result
    if options.decisions is not None:
        from cleanup.commands.decisions import apply_file

        final = apply_file(options.decisions, source.display, result)
        asked = None
    else:
        final, asked = Session().review(result)
    from cleanup.commands.fix import output_bytes

    data = output_bytes(outcome, final.text)  # as fix writes it: an XLIFF file stays one
    if output is None and document.container is None:
        sys.stdout.write(document.render(final.text))
    elif output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
    else:
        from cleanup.io.writers import atomic_write

        atomic_write(output, data)
    if not options.quiet:
        err(summary(source.display, final, asked))
    return EXIT_OK


class Session:
    """One review over any number of articles: answers come from one stream (keys on a
    terminal), and q or the end of input stops the questions for every article after."""

    def __init__(self, quiet: bool = True) -> None:
        from cleanup.report.diff.unified import use_color

        self.keys = sys.stdin.isatty()
        self.color = use_color(sys.stderr)
        self.stopped = False
        self.quiet = quiet  # no line per article

    def review(self, result: Result) -> tuple[Result, tuple[int, int]]:
        reviewer = Reviewer(
            result,
            _key if self.keys else _line,
            sys.stderr,
            color=self.color,
            echo=not self.keys,
            line=_line,
        )
        if self.stopped:
            decisions: list[Decision] = [False] * len(reviewer.changes)
        else:
            decisions = reviewer.run()
            self.stopped = reviewer.stopped
        accepted = sum(d is not None and d is not False for d in decisions)
        return reviewed(result, reviewer.changes, decisions), (accepted, len(decisions))

    def __call__(self, outcome: Outcome) -> None:
        """Review one article of a run of `fix`: its result becomes the reviewed one."""
        report = outcome.report
        if report.error is not None or report.result is None or not report.result.edits:
            return
        if not self.stopped:
            err(self._style(f"── {report.path}"))
        report.result, asked = self.review(report.result)
        if not self.quiet:
            err(summary(report.path, report.result, asked))

    def _style(self, text: str) -> str:
        return click.style(text, bold=True) if self.color else text


def _review_several(options: ReviewOptions, settings: Settings, inputs: InputOptions) -> int:
    """Several articles, or a JSONL corpus: `fix`'s inputs and outputs (-o for one input,
    --output-dir, --in-place), each article's result reviewed before it is written."""
    from cleanup.commands.fix import FixOptions, fix

    fix_options = FixOptions(
        options.paths,
        options.output,
        options.output_dir,
        options.in_place,
        inputs=inputs,
        quiet=options.quiet,
        review=Session(quiet=options.quiet),
    )
    return fix(fix_options, settings)


def summary(name: str, final: Result, asked: tuple[int, int] | None) -> str:
    """``a.txt: 8 of 9 changes applied (8 fixes), 18 flags to review``: fixes and flags count as
    in ``fix`` (a refused change's findings are flags again)."""
    from cleanup.report.text import counted

    fixes, flags = counted(len(final.edits), "fix", "fixes"), counted(len(final.flags), "flag")
    if asked is None:
        return f"{name}: {fixes} applied, {flags} to review"
    done, total = asked
    head = f"{done} of {total} change{'s' * (total != 1)} applied"
    return f"{name}: {head} ({fixes}), {flags} to review"


def _line() -> str:
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line


def _key() -> str:
    key = click.getchar()
    if key in ("\x04", ""):  # Ctrl-D
        raise EOFError
    return key
