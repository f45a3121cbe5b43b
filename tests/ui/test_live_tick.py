"""The live page's tick: fast for one learner, slower as a class trains on one server (ui/live/tick.py)."""

from __future__ import annotations

import pytest

from ui.live.tick import (ACTIVE_SECONDS, HOLD_SECONDS, TICK_LEVELS, TICK_VARIABLE, LiveSessions, PageTick,
                          fixed_tick, next_tick, sessions_allowed, tick_for)


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def registry_of(count: int, clock: Clock) -> LiveSessions:
    registry = LiveSessions(clock=clock)
    for number in range(count):
        registry.touch(f"other {number}")
    return registry


def test_one_learner_keeps_the_fastest_tick_on_any_machine():
    for core_count in (1, 2, 4, 64):
        assert tick_for(0, core_count) == tick_for(1, core_count) == 0.15


def test_the_levels_on_two_cores_follow_the_measurements():
    # measured on 2 cores: 8 sessions fine at 0.15 s, 20 stalled at 0.15 s and were fine at 0.6 s
    assert [tick_for(n, 2) for n in (6, 7, 12, 13, 20, 24, 25, 500)] == [0.15, 0.3, 0.3, 0.6, 0.6, 0.6, 1.2, 1.2]


def test_more_cores_serve_more_sessions_at_each_level():
    assert tick_for(20, 2) == 0.6
    assert tick_for(20, 4) == 0.3
    assert tick_for(20, 8) == 0.15
    assert tick_for(7, 2) == 0.3 and tick_for(7, 3) == 0.15
    assert sessions_allowed(0.6, 4) == 2 * sessions_allowed(0.6, 2) == 4 * sessions_allowed(0.3, 2)


def test_a_page_slows_down_at_once_but_speeds_up_only_when_the_count_has_clearly_fallen_and_held():
    # slower at once, whatever the hold
    assert next_tick(20, 0.15, 2, held_for=0.0) == 0.6
    assert next_tick(7, 0.15, 2, held_for=0.0) == 0.3
    # just under a faster level's bound: no change (no flapping around the boundary)
    assert next_tick(12, 0.6, 2, held_for=60.0) == 0.6
    assert next_tick(6, 0.3, 2, held_for=60.0) == 0.3
    # well under it, but the level is fresh: no change yet
    assert next_tick(1, 0.6, 2, held_for=HOLD_SECONDS - 1) == 0.6
    # well under it and held: the fastest level that leaves room
    assert next_tick(9, 0.6, 2, held_for=HOLD_SECONDS) == 0.3
    assert next_tick(4, 0.6, 2, held_for=HOLD_SECONDS) == 0.15
    assert next_tick(1, 1.2, 2, held_for=HOLD_SECONDS) == 0.15


def test_the_registry_counts_each_session_once_and_drops_the_quiet_ones():
    clock = Clock()
    registry = LiveSessions(clock=clock)
    assert registry.active() == 0
    assert registry.touch("a") == 1
    assert registry.touch("a") == 1
    assert registry.touch("b") == 2
    clock.now += ACTIVE_SECONDS - 1
    assert registry.touch("a") == 2
    clock.now += 2  # b's latest update is now older than ACTIVE_SECONDS
    assert registry.active() == 1
    registry.forget("a")
    assert registry.active() == 0
    registry.forget("never seen")  # no error


def test_the_registry_is_bounded_dropping_the_longest_quiet_first():
    clock = Clock()
    registry = LiveSessions(clock=clock, limit=3)
    for name in "abc":
        registry.touch(name)
        clock.now += 0.1
    registry.touch("a")  # a is now the most recent
    assert registry.touch("d") == 3
    registry.forget("a")
    registry.forget("d")
    assert registry.active() == 1  # c is left: b was dropped as the oldest


def test_a_page_declares_the_tick_for_the_sessions_training_now_and_reruns_once_when_it_changes():
    clock = Clock()
    registry = LiveSessions(clock=clock)
    page = PageTick("me")
    assert page.declare(False, registry, environment={}, core_count=2) is None
    assert registry.active() == 0  # a page not training is not counted

    assert page.declare(True, registry, environment={}, core_count=2) == 0.15
    assert page.note() == ""
    assert page.update(registry, environment={}, core_count=2) is False

    for number in range(19):  # the class joins
        registry.touch(f"student {number}")
    assert page.update(registry, environment={}, core_count=2) is True  # rerun in full...
    assert page.declare(True, registry, environment={}, core_count=2) == 0.6  # ... and declare 0.6
    assert page.update(registry, environment={}, core_count=2) is False  # once
    assert "0.6 s" in page.note() and "20 learners" in page.note()

    clock.now += ACTIVE_SECONDS + 1  # the class has gone; only this page keeps updating
    assert page.update(registry, environment={}, core_count=2) is True
    assert page.declare(True, registry, environment={}, core_count=2) == 0.15

    assert page.declare(False, registry, environment={}, core_count=2) is None  # paused
    assert registry.active() == 0


def test_the_environment_variable_fixes_the_tick_whatever_the_count():
    clock = Clock()
    registry = registry_of(40, clock)
    page = PageTick("me")
    environment = {TICK_VARIABLE: "0.25"}
    assert page.declare(True, registry, environment=environment, core_count=2) == 0.25
    assert page.update(registry, environment=environment, core_count=2) is False
    assert TICK_VARIABLE in page.note()
    lone = PageTick("alone")
    assert lone.declare(True, LiveSessions(clock=clock), environment={TICK_VARIABLE: "2"}, core_count=64) == 2.0


def test_a_bad_environment_variable_is_named_with_what_is_allowed():
    assert fixed_tick({}) is None
    assert fixed_tick({TICK_VARIABLE: " "}) is None
    for bad in ("0", "fast", "nan", "60"):
        with pytest.raises(ValueError, match=rf"{TICK_VARIABLE} must be a number of seconds from 0.05 to 5.0"):
            fixed_tick({TICK_VARIABLE: bad})


def test_the_levels_start_at_the_single_learner_tick():
    assert TICK_LEVELS[0] == 0.15 and list(TICK_LEVELS) == sorted(TICK_LEVELS)
