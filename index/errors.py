"""The errors the library raises to its callers (in a module of their own: no Whoosh)."""

from __future__ import annotations


class LibraryError(Exception):
    """A library cannot be opened or used; the message is meant for the user."""


class IndexBusyError(Exception):
    """Another process holds the index's write lock for too long."""
