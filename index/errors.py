"""The errors the library raises to its callers (in a module of their own: no Whoosh)."""

from __future__ import annotations


class LibraryError(Exception):
    """A library cannot be opened or used; the message is meant for the user."""


class QueryError(ValueError):
    """A query (or a part of one) that cannot be run on this index; the message
    says which part, for the user."""


class IndexBusyError(Exception):
    """Another process holds the index's write lock for too long."""
