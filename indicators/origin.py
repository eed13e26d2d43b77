"""Where a write comes from, added to its audit entry: the web (with the client's address)
or the command line (with the note given as ``--actor``). Set once per request or command;
nothing here imports more than the standard library, so the command line stays quick."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

_ORIGIN: ContextVar[dict[str, str] | None] = ContextVar("audit_origin", default=None)


@contextlib.contextmanager
def origin(**about: str | None) -> Iterator[None]:
    """The writes made inside carry ``about`` (e.g. ``via``, ``address``, ``note``)."""
    token = _ORIGIN.set({k: v for k, v in about.items() if v})
    try:
        yield
    finally:
        _ORIGIN.reset(token)


def set_origin(**about: str | None) -> None:
    """The same for the rest of this context (one web request, in its own context)."""
    _ORIGIN.set({k: v for k, v in about.items() if v})


def current() -> dict[str, str]:
    return dict(_ORIGIN.get() or {})
