"""`cleanup gazetteer ...`: validate gazetteer files, import Wikidata exports, learn names from a
corpus.

Registered on the main CLI by one line in :mod:`cleanup.cli.main`; the gazetteer is not loaded until
one of these commands runs.
"""

from __future__ import annotations

import click

from cleanup.cli.options import CONTEXT, quiet, verbosity_options


@click.group(
    "gazetteer",
    context_settings=CONTEXT,
    epilog="""\b
Examples:
  cleanup gazetteer check newsroom.yaml          every problem, with file and line
  cleanup gazetteer import query.json -o wd.yaml  a Wikidata query export as YAML
  cleanup gazetteer learn corpus/ -o learned.yaml  names learned from your corpus
  cleanup fix article.txt --gazetteer wd.yaml     use it
""",
)
def gazetteer() -> None:
    """Check your own gazetteer files and import them from Wikidata (format:
    rules/gazetteer/README.md)."""


@gazetteer.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@verbosity_options
def check(files: tuple[str, ...]) -> int:
    """Validate gazetteer FILES (YAML or CSV) against the format and the shipped gazetteer.

    Prints each problem as FILE:LINE: MESSAGE, collisions (a form two entries claim: a run flags
    it with every candidate and never fixes it) and duplicates (forms listed twice and repeated
    entries, which a run drops or merges) too; exit 1 when there are any.
    """
    from cleanup.gazetteer.checking import check_files
    from cleanup.gazetteer.reading import read_file, shipped_files
    from cleanup.report.text import counted

    shipped = [read_file(p) for p in shipped_files()]
    own = [read_file(p) for p in files]
    names = {f.path for f in own}
    problems = [
        p
        for p in check_files([*shipped, *own])
        if p.source.rsplit(":", 1)[0] in names
        or p.source in names
        or any(n in p.message for n in names)
    ]
    duplicates = [p for f in own for p in f.duplicates]  # dropped when loading; worth fixing
    problems += duplicates
    for problem in problems:
        click.echo(str(problem))
    entries = sum(len(f.entries) for f in own)
    in_files = f"in {counted(len(files), 'file')}"
    if problems:
        if not quiet():
            collisions = sum(p.collision for p in problems)
            kinds = f"{counted(collisions, 'collision')}, {counted(len(duplicates), 'duplicate')}"
            click.echo(f"{counted(len(problems), 'problem')} {in_files} ({kinds})", err=True)
        return 1
    if not quiet():
        click.echo(f"ok: {counted(entries, 'entry', 'entries')} {in_files}", err=True)
    return 0


@gazetteer.command("import", context_settings=CONTEXT)
@click.argument("export", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here, not stdout.")
@click.option(
    "--kind",
    type=click.Choice(["person", "place", "organization"]),
    default="person",
    show_default=True,
    help="Kind of the entries when the export has no kind column.",
)
@verbosity_options
def import_(export: str, output: str | None, kind: str) -> int:
    """Turn a Wikidata query export (JSON or CSV: labels, aliases, positions held) into YAML."""
    from cleanup.gazetteer.wikidata import convert, read_rows, to_yaml

    rows = read_rows(export)
    data = convert(rows, kind)
    text = to_yaml(data, click.format_filename(export))
    if output:
        from pathlib import Path

        from cleanup.io.writers import atomic_write

        atomic_write(Path(output), text.encode("utf-8"))
    else:
        click.echo(text, nl=False)
    if not quiet():
        click.echo(f"{len(data['entries'])} entries from {len(rows)} rows", err=True)
    return 0


@gazetteer.command(context_settings=CONTEXT)
@click.argument("corpus", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here, not stdout.")
@click.option(
    "--text-field", default="text", show_default=True, help="The text's field in JSONL records."
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes counting in parallel (default: the number of cores).",
)
@verbosity_options
def learn(corpus: tuple[str, ...], output: str | None, text_field: str, jobs: int | None) -> int:
    """Learn people's and places' names from a CORPUS (folders of .txt/.md files, files, JSONL
    corpora): the dominant spelling of each group of names one letter apart as `name`, far
    rarer ones whose context agrees as `wrong`, with counts and an example line as comments;
    review it, then use it with --gazetteer. Streams the corpus; the output is the same for the
    same corpus."""
    import os
    import sys
    from pathlib import Path

    from cleanup.gazetteer.learning import Known, Names, learn, to_yaml
    from cleanup.gazetteer.reading import read_file, shipped_files
    from cleanup.io.corpus_texts import texts

    names = Names()
    show = not quiet() and sys.stderr.isatty()
    stream = texts([Path(p) for p in corpus], text_field)
    if show:
        from tqdm import tqdm

        stream = iter(tqdm(stream, desc="learn", unit=" articles", leave=False, file=sys.stderr))
    for counted_batch in learn(stream, jobs or os.cpu_count() or 1):
        names.merge(counted_batch)
    known = Known.of(e for p in shipped_files() for e in read_file(p).entries)
    groups = names.groups(known)
    result = to_yaml(groups, names)
    if output:
        from cleanup.io.writers import atomic_write

        atomic_write(Path(output), result.encode("utf-8"))
    else:
        click.echo(result, nl=False)
    if not quiet():
        wrong = sum(len(g.wrong) for g in groups)
        click.echo(
            f"{names.articles} articles, {len(names.counts)} distinct people's names, "
            f"{len(names.places)} places': "
            f"{len(groups)} groups, {wrong} wrong spellings proposed",
            err=True,
        )
    return 0
