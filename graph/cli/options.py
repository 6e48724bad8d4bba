"""Options shared by several commands: where the store is, and how to reach a remote one."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

import click

from graph.config import RemoteOptions
from graph.store import Store, open_store

F = TypeVar("F", bound=Callable[..., Any])

_META_KEY = "kg.remote_options"

# (option, parameter, environment variable, help). The environment variable is read by
# RemoteOptions.from_env; an option given on the command line wins over it.
_REMOTE = (
    ("--update-url", "update_url", "KG_STORE_UPDATE_URL",
     "SPARQL Update URL of a remote store (default: guessed from the query URL)."),
    ("--gsp-url", "graph_store_url", "KG_STORE_GSP_URL",
     "Graph Store Protocol URL of a remote store (default: guessed from the query URL)."),
    ("--user", "user", "KG_STORE_USER", "User name for a remote store."),
    ("--password", "password", "KG_STORE_PASSWORD",
     "Password for a remote store (prefer the environment variable: options show in ps)."),
)


def store_option(func: F) -> F:
    """Add `--store` and the remote-store options to a command. The command keeps one
    `store` parameter; the remote options are kept for `open_cli_store`."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        given = {param: kwargs.pop(param) for _, param, _, _ in _REMOTE}
        auth = kwargs.pop("auth")
        options = RemoteOptions.from_env()
        overrides = {k: v for k, v in given.items() if v}
        if auth:
            overrides["auth"] = auth
        click.get_current_context().meta[_META_KEY] = replace(options, **overrides)
        return func(*args, **kwargs)

    decorated: Callable[..., Any] = wrapper
    decorated = click.option(
        "--auth", "auth", type=click.Choice(["basic", "digest"]), default=None,
        help="HTTP authentication of a remote store ($KG_STORE_AUTH, default basic; "
             "Virtuoso needs digest).")(decorated)
    for flag, param, env, text in reversed(_REMOTE):
        decorated = click.option(flag, param, default=None, metavar="TEXT" if "URL" not in
                                 flag.upper() else "URL", help=f"{text} [${env}]")(decorated)
    decorated = click.option(
        "--store", "store", default=None, metavar="PATH|URL",
        help="Store directory, or a SPARQL endpoint URL for a remote store "
             "(default: $KG_STORE or data/store).",
    )(decorated)
    return decorated  # type: ignore[return-value]


def remote_options() -> RemoteOptions:
    """The remote-store settings of the running command (options over environment)."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        found = ctx.find_root().meta.get(_META_KEY)
        if isinstance(found, RemoteOptions):
            return found
    return RemoteOptions.from_env()


def open_cli_store(store: str | None, *, create: bool = False) -> Store:
    """The store a command was pointed at, with its remote options."""
    return open_store(store, create=create, remote=remote_options())


def export_remote_env() -> None:
    """Put the command's remote options in the environment, for processes it starts
    (the server's workers open the store themselves)."""
    options = remote_options()
    for _, param, env, _ in _REMOTE:
        value = getattr(options, param)
        if value:
            os.environ[env] = value
    os.environ["KG_STORE_AUTH"] = options.auth
