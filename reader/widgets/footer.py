"""The key footer: Textual's, rebuilt only when the keys it shows change."""

from __future__ import annotations

from typing import Any

from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's :class:`~textual.widgets.Footer` that skips rebuilding itself
    when the keys to show are the ones it shows.

    Textual's footer recomposes (removes and mounts every key widget) each time
    the screen signals new bindings, which every focus change does, changed or
    not.  While the reader starts, those rebuilds were about a quarter of the
    main thread's work before the first rows appeared (cProfile of a launch on
    100,000 articles).
    """

    _shown: tuple[Any, ...] | None = None

    def _keys(self) -> tuple[Any, ...]:
        """Everything :meth:`Footer.compose` draws the keys from."""
        bindings = tuple(
            (binding.key, binding.action, binding.description, binding.group, enabled, tooltip)
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show
        )
        return (bindings, self.compact, self.show_command_palette, self.app.ENABLE_COMMAND_PALETTE)

    async def recompose(self) -> None:
        """Rebuild the keys, unless they would come out the same."""
        if not self.is_attached:
            return
        keys = self._keys()
        if keys == self._shown:
            return
        self._shown = keys
        await super().recompose()
