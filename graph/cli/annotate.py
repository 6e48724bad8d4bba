"""`kg annotate`: write (or check) the committed annotation fixtures of article folders."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from graph.annotate.corpus import FIXTURE_DIR, stale_fixtures, write_fixtures
from graph.corpus import load_corpus
from graph.errors import InputError


def _folders(roots: tuple[Path, ...]) -> list[Path]:
    """Every folder with an articles.tsv at or under the given roots, in order."""
    found: list[Path] = []
    for root in roots:
        if (root / "articles.tsv").is_file():
            found.append(root)
        found.extend(sorted(p.parent for p in root.glob("**/articles.tsv")
                            if p.parent != root and FIXTURE_DIR not in p.parts))
    if not found:
        raise InputError("no articles.tsv at or under " + ", ".join(map(str, roots)))
    return list(dict.fromkeys(found))


@click.command("annotate")
@click.option("--corpus", "corpora", type=click.Path(path_type=Path, file_okay=False),
              multiple=True, default=(Path("corpus"),), show_default=True,
              help="Article folder (with articles.tsv); repeat it, or name a parent folder "
              "to do every article folder under it.")
@click.option("--out", "out", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Write the fixtures here (default: CORPUS/annotations/); one --corpus only.")
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 if a fixture is missing or stale.")
def annotate_command(corpora: tuple[Path, ...], out: Path | None, check: bool) -> None:
    """Annotate the articles of CORPUS with Stanford CoreNLP and write each annotation as
    a fixture beside them (CORPUS/annotations/SLUG.json.gz), for builds and tests that
    then need no Java. Rerun after adding articles or changing the annotator's settings;
    fixtures are deterministic, so unchanged articles leave their files untouched."""
    folders = _folders(corpora)
    if out is not None and len(folders) > 1:
        raise InputError("--out takes one article folder; these are several: "
                         + ", ".join(map(str, folders)))
    bad = 0
    show = sys.stderr.isatty()
    for folder in folders:
        articles, refusals = load_corpus(folder)
        for refusal in refusals:
            click.echo(f"kg: skipped {folder / refusal.file}: {refusal.reason}", err=True)
        if check:
            stale = stale_fixtures(folder, articles)
            bad += len(stale)
            for name in stale:
                click.echo(f"{folder}: fixture missing or stale for {name}")
            continue

        def progress(done: int, total: int, folder: Path = folder) -> None:
            if show:
                click.echo(f"\r{folder}: annotating [{done}/{total}]", err=True, nl=False)

        written, unchanged = write_fixtures(folder, articles, out=out, progress=progress)
        if show:
            click.echo("", err=True)
        click.echo(f"{folder}: {len(articles)} article(s), {written} fixture(s) written, "
                   f"{unchanged} unchanged -> {out or folder / FIXTURE_DIR}")
    if check:
        if bad:
            raise InputError(f"{bad} fixture(s) missing or stale: run `kg annotate "
                             + " ".join(f"--corpus {c}" for c in corpora) + "`")
        click.echo("fixtures current")


def register(group: click.Group) -> None:
    group.add_command(annotate_command)
