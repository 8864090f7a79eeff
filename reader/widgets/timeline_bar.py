"""A one-line picture of when the current results were published, with a cursor."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.widgets import Static

if TYPE_CHECKING:
    from byline.index.search.timeline import Bucket, Granularity, Timeline

BLOCKS = " \u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"


class TimelineBar(Static):
    """Bars of block characters, one per week/month/year; ``[`` ``]`` move a cursor."""

    DEFAULT_CSS = """
    TimelineBar {
        height: 1;
        padding: 0 1;
        background: $surface;
        color: $text-muted;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"timeline-bar--cursor", "timeline-bar--bars"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.timeline: Timeline | None = None
        self.cursor: int | None = None
        self.narrowed: str | None = None
        # The keys named in the hint: earlier, later, narrow (the user may remap them).
        self.keys: tuple[str, str, str] = ("[", "]", "t")

    def show_timeline(self, timeline: Timeline) -> None:
        """Draw ``timeline``; the cursor starts on the latest bucket."""
        previous = self.timeline
        self.timeline = timeline
        # Keep the cursor on the same period when it is still there, else the latest.
        day = None
        if previous is not None and self.cursor is not None and previous.buckets:
            day = previous.buckets[min(self.cursor, len(previous.buckets) - 1)].start
        index = timeline.index_of(day) if day is not None else None
        if index is None:
            index = len(timeline.buckets) - 1 if timeline.buckets else None
        self.cursor = index
        self._draw()

    def move(self, step: int) -> Bucket | None:
        """Move the cursor by ``step`` buckets; returns the bucket it is now on."""
        if self.timeline is None or not self.timeline.buckets or self.cursor is None:
            return None
        self.cursor = max(0, min(len(self.timeline.buckets) - 1, self.cursor + step))
        self._draw()
        return self.timeline.buckets[self.cursor]

    def cursor_query(self) -> str | None:
        """The ``date:`` query for the bucket under the cursor."""
        if self.timeline is None or self.cursor is None or not self.timeline.buckets:
            return None
        return self.timeline.query(self.cursor)

    def _draw(self) -> None:
        timeline = self.timeline
        if timeline is None or not timeline.buckets:
            note = f"{self.narrowed}: nothing here ({self.keys[2]} clears)" if self.narrowed else ""
            self.update(Text(note, style="bold"))
            return
        counts = timeline.counts
        cursor = self.cursor if self.cursor is not None else len(counts) - 1
        bucket = timeline.buckets[cursor]
        label = Text(f" {_period_label(bucket, timeline.granularity)}: {bucket.count:,}")
        hint = f" narrowed, {self.keys[2]} clears" if self.narrowed else " " + " ".join(self.keys)
        label.append(hint, style="dim")
        width = max(4, self.content_region.width - label.cell_len)
        # Keep the cursor in view when there are more buckets than columns.
        first = max(0, min(cursor - width + 1, len(counts) - width)) if len(counts) > width else 0
        peak = max(counts) or 1
        text = Text()
        for index in range(first, min(len(counts), first + width)):
            level = 0 if counts[index] == 0 else 1 + (len(BLOCKS) - 2) * counts[index] // peak
            text.append(BLOCKS[level], style="reverse bold" if index == cursor else "")
        text.append_text(label)
        self.update(text)

    def on_resize(self) -> None:
        self._draw()


def _period_label(bucket: Bucket, granularity: Granularity) -> str:
    if granularity == "year":
        return f"{bucket.start.year:04d}"
    if granularity == "month":
        return f"{bucket.start.year:04d}-{bucket.start.month:02d}"
    return f"week of {bucket.start.isoformat()}"
