"""The live page's tick follows what the server measures of its live updates (ui/live/tick.py).

Every decision is checked from given measurements; nothing here is timed.
"""

from __future__ import annotations

import pytest

from ui.live.tick import (ACTIVE_SECONDS, HOLD_SECONDS, MIN_UPDATES, TICK_LEVELS, TICK_VARIABLE, WINDOW_SECONDS,
                          LiveSessions, Load, PageTick, ServerLoad, fixed_tick, next_tick, tick_for)


class Clock:
    def __init__(self, now: float = 1000.0):
        self.now = now

    def __call__(self):
        return self.now


def test_one_learner_gets_the_fastest_tick_whatever_an_update_costs_within_reason():
    assert tick_for(Load(1, cost=0.005)) == tick_for(Load(1, cost=0.014)) == 0.05 == TICK_LEVELS[0]
    assert tick_for(Load(0)) == tick_for(Load(1)) == 0.05  # nothing measured yet


def test_the_tick_is_the_fastest_at_which_the_measured_updates_fit_in_the_target_share_of_a_core():
    # 15 learners at 5 ms an update: 0.075 s/update would need 1.0 core, 0.1 s needs 0.75, 0.15 s needs 0.5
    assert tick_for(Load(15, cost=0.005)) == 0.15
    # 30 learners on MNIST at 13 ms an update: 0.45 s would need 0.87 cores, 0.6 s needs 0.65
    assert tick_for(Load(30, cost=0.013)) == 0.6
    # the same class on the small data set at 4.5 ms: 0.2 s needs 0.675
    assert tick_for(Load(30, cost=0.0045)) == 0.2
    # cheaper updates serve more learners at the same tick
    assert tick_for(Load(60, cost=0.0045)) == 0.45
    assert tick_for(Load(60, cost=0.009)) == 0.9
    # beyond every level: the slowest
    assert tick_for(Load(2000, cost=0.05)) == TICK_LEVELS[-1]


def test_a_page_slows_down_at_once_when_the_current_tick_asks_too_much():
    assert next_tick(Load(30, cost=0.0045), current=0.05, held_for=0.0) == 0.2
    assert next_tick(Load(30, cost=0.013), current=0.2, held_for=0.0) == 0.6


def test_stretched_updates_in_a_busy_process_slow_the_page_one_level_beyond_the_estimate_once_measured():
    # the estimate says 0.05 s is fine, but updates wait for a core while the process keeps one busy
    crowded = Load(2, cost=0.005, stretch=4.0, core_use=0.8)
    assert crowded.crowded
    assert next_tick(crowded, current=0.05, held_for=WINDOW_SECONDS) == 0.075
    # not again on the measurements of the level before: the new level's updates must fill the window first
    assert next_tick(crowded, current=0.075, held_for=WINDOW_SECONDS - 1) == 0.075
    assert next_tick(crowded, current=0.3, held_for=60.0) == 0.45
    # not stretched enough to slow, nor calm enough to speed up
    assert next_tick(Load(2, cost=0.005, stretch=2.0, core_use=0.8), current=0.3, held_for=60.0) == 0.3


def test_updates_stretched_by_other_programs_do_not_slow_a_process_that_is_not_busy():
    # the machine is busy with something else: slowing this process's pages would not help them
    elsewhere = Load(10, cost=0.005, stretch=6.0, core_use=0.1)
    assert not elsewhere.crowded
    assert next_tick(elsewhere, current=0.1, held_for=60.0) == 0.1  # kept: its own stretch is no reason to slow
    assert next_tick(elsewhere, current=1.2, held_for=HOLD_SECONDS) == 0.1  # nor to stay slow


def test_a_page_speeds_up_only_when_the_faster_level_leaves_room_the_updates_run_freely_and_the_level_has_held():
    calm = Load(10, cost=0.005, stretch=1.1)  # 0.05 s would need 1.0 core, 0.075 s 0.67, 0.1 s 0.5
    assert next_tick(calm, current=0.6, held_for=HOLD_SECONDS - 1) == 0.6  # too fresh
    assert next_tick(calm, current=0.6, held_for=HOLD_SECONDS) == 0.1  # 0.075 s would fit, but not with room to spare
    assert next_tick(Load(10, cost=0.005, stretch=2.0, core_use=0.6), current=0.6, held_for=60.0) == 0.6  # still crowded
    # just under what the current level allows: stays (no flapping at the boundary)
    assert next_tick(Load(20, cost=0.005, stretch=1.0), current=0.15, held_for=60.0) == 0.15
    assert next_tick(Load(1, cost=0.005), current=1.2, held_for=HOLD_SECONDS) == 0.05


def test_with_too_few_updates_measured_the_level_stays():
    assert next_tick(Load(30), current=0.3, held_for=60.0) == 0.3
    assert next_tick(Load(30), current=0.05, held_for=0.0) == 0.05


def test_the_server_load_is_the_process_cpu_per_update_and_the_median_stretch_of_recent_updates():
    clock, cpu = Clock(), Clock(50.0)
    load = ServerLoad(window=WINDOW_SECONDS, clock=clock, process_cpu=cpu)
    for number in range(MIN_UPDATES - 1):
        load.note_update(f"s{number % 2}", wall=0.010, cpu=0.004)
        clock.now += 0.1
        cpu.now += 0.006
    assert load.measure() == Load(2)  # too few updates to judge
    load.note_update("s1", wall=0.004, cpu=0.004)
    measured = load.measure()
    assert measured.sessions == 2
    assert measured.core_use == pytest.approx(0.024 / 0.4)  # 4 x 6 ms of CPU in the 0.4 s between the first and last
    assert measured.cost == pytest.approx(0.006)  # the process's CPU between updates, not the thread's
    assert measured.stretch == pytest.approx(2.5)  # median of 2.5, 2.5, 2.5, 2.5, 1.0
    clock.now += WINDOW_SECONDS + 1  # all of that is old now
    load.note_update("s1", wall=0.004, cpu=0.004)
    assert load.measure().cost is None


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


def busy_server(sessions: int, cost: float, stretch: float, clock: Clock) -> ServerLoad:
    """A server whose recent updates cost ``cost`` of process CPU each, for ``sessions`` sessions."""
    cpu = Clock(0.0)
    load = ServerLoad(clock=clock, process_cpu=cpu)
    for number in range(max(sessions, MIN_UPDATES)):
        load.note_update(f"student {number % sessions}", wall=0.004 * stretch, cpu=0.004)
        cpu.now += cost
    return load


def test_a_page_declares_the_tick_for_the_measured_load_and_reruns_once_when_it_changes():
    clock = Clock()
    server = ServerLoad(clock=clock, process_cpu=Clock(0.0))
    page = PageTick("me")
    assert page.declare(False, server, environment={}) is None
    assert server.sessions.active() == 0  # a page not training is not counted

    assert page.declare(True, server, environment={}) == 0.05
    assert page.note() == ""
    assert page.update(server, environment={}) is False  # the fragment inside that same full run
    assert page.update(server, environment={}) is False

    busy = busy_server(29, cost=0.013, stretch=1.2, clock=clock)  # a class on MNIST joins
    assert page.update(busy, environment={}) is True  # rerun in full...
    assert page.declare(True, busy, environment={}) == 0.6  # ... and declare 0.6
    assert page.update(busy, environment={}) is False  # once
    assert "0.6 s" in page.note() and "30 learners" in page.note() and "13 ms" in page.note()

    clock.now += HOLD_SECONDS
    calm = busy_server(1, cost=0.005, stretch=1.0, clock=clock)  # the class has gone
    assert page.update(calm, environment={}) is True
    assert page.declare(True, calm, environment={}) == 0.05

    assert page.declare(False, calm, environment={}) is None  # paused
    assert "me" not in calm.sessions._latest


def test_the_environment_variable_fixes_the_tick_whatever_the_load():
    clock = Clock()
    page = PageTick("me")
    environment = {TICK_VARIABLE: "0.25"}
    busy = busy_server(40, cost=0.02, stretch=3.0, clock=clock)
    assert page.declare(True, busy, environment=environment) == 0.25
    assert page.update(busy, environment=environment) is False
    assert TICK_VARIABLE in page.note()
    lone = PageTick("alone")
    assert lone.declare(True, ServerLoad(clock=clock), environment={TICK_VARIABLE: "2"}) == 2.0


def test_a_bad_environment_variable_is_named_with_what_is_allowed():
    assert fixed_tick({}) is None
    assert fixed_tick({TICK_VARIABLE: " "}) is None
    for bad in ("0", "fast", "nan", "60"):
        with pytest.raises(ValueError, match=rf"{TICK_VARIABLE} must be a number of seconds from 0.05 to 5.0"):
            fixed_tick({TICK_VARIABLE: bad})


def test_the_levels_are_in_order_and_the_fastest_asks_for_twenty_updates_a_second():
    assert list(TICK_LEVELS) == sorted(TICK_LEVELS) and TICK_LEVELS[0] == 0.05


def test_the_fragment_inside_the_full_run_that_declared_a_tick_never_asks_for_another_full_run():
    clock = Clock()
    page = PageTick("me")
    assert page.declare(True, ServerLoad(clock=clock), environment={}) == 0.05
    # the load jumps between the declaration and the fragment's update in the same run
    busy = busy_server(60, cost=0.02, stretch=1.0, clock=clock)
    assert page.update(busy, environment={}) is False  # no second full rerun from inside the first
    assert page.seconds == 0.05
    assert page.update(busy, environment={}) is True  # the next live update asks for it


@pytest.mark.parametrize("learners, said", [(21, "21 ученик;"), (22, "22 ученика;"), (30, "30 учеников;")])
def test_the_slowed_updates_note_is_said_in_russian_with_a_decimal_comma_and_the_learners_counted(learners, said):
    from ui.i18n import speaking

    clock = Clock()
    page = PageTick("me")
    busy = busy_server(learners - 1, cost=0.013, stretch=1.2, clock=clock)
    page.declare(True, busy, environment={})
    with speaking("ru"):
        note = page.note()
    assert page.seconds > TICK_LEVELS[0]
    written = f"{page.seconds:g}".replace(".", ",")
    assert f"раз в {written} с (вместо 0,05 с)" in note and said in note and "13 мс" in note
    with speaking("en"):
        assert f"{learners} learners train" in page.note()
