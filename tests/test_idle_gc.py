"""The reader's full garbage collections wait for the user to be idle."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

import pytest

from byline.reader.idle_gc import (
    IDLE_AFTER,
    MAX_DEFERRAL,
    MIN_INTERVAL,
    TAKES_OVER,
    IdleCollector,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

pytestmark = pytest.mark.skipif(not TAKES_OVER, reason="Python's own collector is left alone")


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def collector_state() -> Iterator[None]:
    """Put the process's collector back as it was."""
    threshold, enabled = gc.get_threshold(), gc.isenabled()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)
    (gc.enable if enabled else gc.disable)()


def young_passes(count: int) -> None:
    """Allocate until the middle generation has been collected ``count`` times."""
    target = gc.get_count()[2] + count
    while gc.get_count()[2] < target:
        [[] for _ in range(1000)]


def started(clock: Clock) -> IdleCollector:
    gc.disable()  # as the byline launcher leaves it
    collector = IdleCollector(clock)
    assert not collector.tick()  # not started: collection is the launcher's
    collector.start()
    assert gc.isenabled()
    clock.now += MIN_INTERVAL
    return collector


def test_no_full_pass_while_keys_come_one_when_idle(collector_state: None) -> None:
    threshold = gc.get_threshold()
    clock = Clock()
    collector = started(clock)
    assert gc.get_threshold()[2] > 1_000_000  # Python runs no full pass itself
    young_passes(12)  # a full pass would be due by Python's own rule
    collector.input_seen()
    clock.now += IDLE_AFTER / 2
    assert not collector.tick()  # the user is typing
    clock.now += IDLE_AFTER
    assert collector.tick()  # idle: the pass runs
    assert collector.full_passes == 1
    assert gc.get_count()[2] == 0
    clock.now += MIN_INTERVAL
    assert not collector.tick()  # idle, but nothing is due
    collector.stop()
    assert gc.get_threshold() == threshold


def test_full_passes_are_spaced_while_something_allocates(collector_state: None) -> None:
    clock = Clock()
    collector = started(clock)
    young_passes(12)
    clock.now += IDLE_AFTER
    assert collector.tick()
    young_passes(12)  # an index update allocating while the user is away
    clock.now += MIN_INTERVAL / 2
    assert not collector.tick()
    clock.now += MIN_INTERVAL / 2
    assert collector.tick()
    assert collector.full_passes == 2


def test_a_pass_waits_no_longer_than_the_deferral(collector_state: None) -> None:
    clock = Clock()
    collector = started(clock)
    young_passes(12)
    for _ in range(int((MAX_DEFERRAL - MIN_INTERVAL) / 0.25) - 1):
        clock.now += 0.25
        collector.input_seen()  # a key every quarter second
        assert not collector.tick()
    clock.now += 0.5
    collector.input_seen()
    assert collector.tick()  # overdue: runs although keys keep coming
