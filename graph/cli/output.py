"""Writing a command's output file whole or not at all."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import IO

import click

from graph.errors import InputError


def write_file(output: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Run `write` into OUTPUT.part, then rename it to OUTPUT: a reader never sees a half
    file, and a failure leaves no partial one behind."""
    tmp = output.with_name(output.name + ".part")
    try:
        with open(tmp, "wb") as handle:
            write(handle)
        os.replace(tmp, output)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"cannot write {output}: {exc.strerror}") from exc
    click.echo(f"wrote {output}", err=True)
