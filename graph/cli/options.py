"""Options shared by several commands."""

from __future__ import annotations

import click

store_option = click.option(
    "--store", "store", default=None, metavar="PATH|URL",
    help="Store directory, or a SPARQL endpoint URL for a remote store "
         "(default: $KG_STORE or data/store).",
)
