"""The live page's tick follows what the server measures of its live updates (ui/live/tick.py).

Every decision is checked from given measurements; nothing here is timed.
"""

from __future__ import annotations

import pytest

from ui.live.tick import (ACTIVE_SECONDS, ASSUMED_COST, MEASURE_EVERY_SECONDS, FOLLOW_SECONDS, HOLD_SECONDS, MIN_UPDATES,
                          TICK_LEVELS, TICK_VARIABLE, WINDOW_SECONDS, LiveSessions, Load, PageTick, ServerLoad,
                          ServerTick, fixed_tick, next_tick, tick_for)


class Clock:
    def __init__(self, now: float = 1000.0):
        self.now = now

    def __call__(self):
        return self.now


def test_one_learner_gets_the_fastest_tick_whatever_an_update_costs_within_reason():
    assert tick_for(Load(1, cost=0.005)) == tick_for(Load(1, cost=0.014)) == 0.05 == TICK_LEVELS[0]
    assert tick_for(Load(0)) == tick_for(Load(1)) == 0.05  # nothing measured yet


def test_the_tick_is_the_fastest_at_which_the_measured_updates_fit_in_the_target_share_of_a_core():
    # 15 learners at 5 ms an update: 0.1 s would need 0.75 of a core, 0.11 s needs 0.68
    assert tick_for(Load(15, cost=0.005)) == 0.11
    # 30 learners on MNIST at 13 ms an update: 0.5 s would need 0.78 cores, 0.56 s needs 0.70
    assert tick_for(Load(30, cost=0.013)) == 0.56
    # the class measured this morning: 30 learners at 5.8 ms an update; 0.225 s would need 0.77, 0.25 s 0.70
    assert tick_for(Load(30, cost=0.0058)) == 0.25
    # half of it on each of two replicas
    assert tick_for(Load(15, cost=0.0058)) == 0.125
    # 60 learners at 6 ms: 0.5 s would need 0.72, 0.56 s 0.64
    assert tick_for(Load(60, cost=0.006)) == 0.56
    # beyond every level: the slowest
    assert tick_for(Load(2000, cost=0.05)) == TICK_LEVELS[-1]


def test_an_update_that_takes_more_than_half_the_tick_start_to_end_slows_the_tick_whatever_the_cpu_says():
    # cheap in CPU, but each update waits for a core other programs hold: 60 ms from start to end
    assert tick_for(Load(2, cost=0.005, duration=0.06)) == 0.125
    assert tick_for(Load(2, cost=0.005, duration=0.02)) == 0.05


def test_a_learner_alone_at_full_speed_is_held_only_to_the_share_of_a_core():
    # MNIST at 5,000 samples an update: 0.13 s of CPU, 0.25 s start to end on a busy machine
    assert tick_for(Load(1, cost=0.13, duration=0.25)) == 0.2  # 0.65 of a core; the update may outlast the tick
    assert tick_for(Load(2, cost=0.13, duration=0.25)) == 0.5  # two: at most half the tick (0.4 would fit the core)


def test_a_page_slows_down_at_once_when_the_current_tick_asks_too_much():
    assert next_tick(Load(30, cost=0.0045), current=0.05, held_for=0.0) == 0.2
    assert next_tick(Load(30, cost=0.013), current=0.2, held_for=0.0) == 0.56
    assert next_tick(Load(2, cost=0.005, duration=0.2), current=0.1, held_for=0.0) == 0.4


def test_a_page_speeds_up_only_to_a_level_with_room_to_spare_once_the_level_has_held():
    calm = Load(10, cost=0.0045, duration=0.01)  # 0.07 s would need 0.64 of a core, 0.08 s 0.56
    assert next_tick(calm, current=0.6, held_for=HOLD_SECONDS - 1) == 0.6  # too fresh
    # 0.07 s would fit (0.64 <= 0.7), but not with room to spare (0.64 > 0.9 x 0.7)
    assert next_tick(calm, current=0.6, held_for=HOLD_SECONDS) == 0.08
    # just under what the current level allows: stays (no going back and forth at the boundary)
    assert next_tick(Load(30, cost=0.0058), current=0.25, held_for=60.0) == 0.25
    # nor faster when updates would take nearly half of the faster tick (45 ms of 90)
    assert next_tick(Load(2, cost=0.002, duration=0.045), current=0.1, held_for=60.0) == 0.1
    assert next_tick(Load(1, cost=0.005), current=1.2, held_for=HOLD_SECONDS) == 0.05


def test_with_too_few_updates_measured_the_level_stays():
    assert next_tick(Load(30), current=0.3, held_for=60.0) == 0.3
    assert next_tick(Load(30), current=0.05, held_for=0.0) == 0.05


def test_an_updates_cost_is_the_process_cpu_between_updates_less_the_full_runs_and_its_duration_the_median():
    clock, cpu = Clock(), Clock(50.0)
    load = ServerLoad(window=WINDOW_SECONDS, clock=clock, process_cpu=cpu)
    for number in range(MIN_UPDATES - 1):
        load.note_update(f"s{number % 2}", wall=0.010)
        clock.now += 0.1
        cpu.now += 0.006
    assert load.measure() == Load(2)  # too few updates to judge
    load.note_update("s1", wall=0.004)
    measured = load.measure()
    assert measured.sessions == 2
    span = 0.1 * (MIN_UPDATES - 1)
    assert measured.core_use == pytest.approx(0.006 * (MIN_UPDATES - 1) / span)
    assert measured.cost == pytest.approx(0.006)  # the process's CPU between updates, not the thread's
    assert measured.duration == pytest.approx(0.010)  # the median
    # A full run among the updates (a learner pressed Start: 80 ms of its thread) is not an update's cost.
    cpu.now += 0.080
    load.note_full_run("s1", 0.080)
    clock.now += 0.1
    cpu.now += 0.006
    load.note_update("s0", wall=0.010)
    assert load.measure().cost == pytest.approx(0.006)
    # Only updates after `since` are measured: none yet after now.
    assert load.measure(since=clock.now).cost is None
    clock.now += WINDOW_SECONDS + 1  # all of that is old now
    load.note_update("s1", wall=0.004)
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


def busy_server(sessions: int, cost: float, clock: Clock, duration: float = 0.004) -> ServerTick:
    """A process whose recent updates cost ``cost`` of its CPU each, for ``sessions`` sessions."""
    cpu = Clock(0.0)
    load = ServerLoad(clock=clock, process_cpu=cpu)
    for number in range(max(sessions, MIN_UPDATES)):
        load.note_update(f"student {number % sessions}", wall=duration)
        cpu.now += cost
    return ServerTick(load)


def test_the_process_decides_one_level_for_all_its_pages_judged_on_the_updates_made_after_its_last_change():
    clock, cpu = Clock(), Clock(0.0)
    load = ServerLoad(clock=clock, process_cpu=cpu)
    server = ServerTick(load)
    assert server.current() == 0.05  # nothing measured

    def updates(count, cost, sessions=30):
        for number in range(count):
            load.note_update(f"student {number % sessions}", wall=0.004)
            cpu.now += cost
            clock.now += 0.01

    updates(30, cost=0.0058)  # a class of 30 at 5.8 ms
    clock.now += MEASURE_EVERY_SECONDS
    assert server.current() == 0.25
    changed = clock.now
    # Updates made before every page could follow the change (one old tick, and FOLLOW_SECONDS)
    # are the old level's: they cannot move the level again, however dear they were.
    updates(30, cost=0.05)
    clock.now += MEASURE_EVERY_SECONDS
    assert server.current() == 0.25
    clock.now = changed + 0.05 + FOLLOW_SECONDS
    updates(30, cost=0.0058)
    clock.now += MEASURE_EVERY_SECONDS
    assert server.current() == 0.25
    assert server.measured.cost == pytest.approx(0.0058)


def test_the_process_measures_at_most_every_half_second_but_counts_a_joining_class_at_once():
    clock = Clock()
    server = busy_server(30, cost=0.0058, clock=clock)
    assert server.current() == 0.25
    cheaper = busy_server(30, cost=0.001, clock=clock).load
    cheaper.sessions = server.load.sessions
    server.load = cheaper
    clock.now += MEASURE_EVERY_SECONDS / 2
    assert server.current() == 0.25  # not measured again yet
    for number in range(30, 60):
        server.load.sessions.touch(f"student {number}")
    assert server.current() == 0.5  # 60 at the 5.8 ms measured last: 0.45 s would need 0.77 of a core


def test_before_anything_is_measured_a_class_that_starts_together_gets_the_level_of_an_assumed_cost():
    clock = Clock()
    server = ServerTick(ServerLoad(clock=clock, process_cpu=Clock(0.0)))
    assert server.current() == 0.05
    for number in range(30):
        server.load.sessions.touch(f"learner {number}")
    assert server.current() == tick_for(Load(30, ASSUMED_COST))
    assert server.current() >= 0.5  # not the 0.05 s that would swamp the process
    assert server.measured.cost is None  # and the page says nothing of a cost it did not measure


def test_a_swamped_process_at_least_doubles_its_tick_before_its_updates_end_once_pages_followed_the_last_change():
    swamped = Load(30, cost=0.006, overdue=0.8)  # 24 of 30 sessions with an update running for over a tick
    assert swamped.swamped
    assert next_tick(swamped, current=0.1, held_for=0.1 + FOLLOW_SECONDS) == 0.28  # the cost alone says 0.28
    assert next_tick(Load(10, cost=0.006, overdue=0.8), current=0.1, held_for=0.1 + FOLLOW_SECONDS) == 0.2
    # not again before the pages have followed the last change
    assert next_tick(Load(10, cost=0.006, overdue=0.8), current=0.2, held_for=0.5) == 0.2
    # one learner's late update is not a swamp, nor a few of a class's
    assert not Load(1, cost=0.006, overdue=1.0).swamped
    assert not Load(30, cost=0.006, overdue=0.3).swamped


def test_an_update_is_overdue_once_it_has_run_for_longer_than_the_tick_and_until_it_ends():
    clock = Clock()
    load = ServerLoad(clock=clock, process_cpu=Clock(0.0))
    for name in "abcd":
        load.sessions.touch(name)
    load.update_started("a")
    load.update_started("b")
    clock.now += 0.1
    load.update_started("c")
    assert load.overdue(tick=0.05) == 0.5  # a and b began 0.1 s ago; c just now
    assert load.overdue(tick=0.2) == 0.0
    load.note_update("a", wall=0.1)
    load.note_full_run("b", cpu=0.05)  # its update was cut short by a full run
    load.forget("c")  # paused
    clock.now += 0.1
    assert load.overdue(tick=0.05) == 0.0
    load.update_started("d")
    clock.now += WINDOW_SECONDS + 1  # an update that never reported its end is dropped in time
    assert load.overdue(tick=0.05) == 0.0


def test_a_class_that_starts_together_after_a_quiet_spell_gets_the_level_its_size_needs_at_the_last_known_cost():
    clock = Clock()
    server = busy_server(15, cost=0.006, clock=clock)
    assert server.current() == 0.14
    # the class pauses; later 30 learners press Start at once, before any of their updates is measured
    clock.now += 60
    for number in range(30):
        server.load.sessions.touch(f"learner {number}")
    assert server.current() == 0.28  # 30 x 6 ms: 0.25 s would need 0.72 of a core
    assert server.measured.cost == pytest.approx(0.006)


def test_a_page_follows_the_process_level_telling_the_browser_once_and_never_inside_a_full_run():
    clock = Clock()
    server = ServerTick(ServerLoad(clock=clock, process_cpu=Clock(0.0)))
    page = PageTick("me")
    assert page.declare(False, server, environment={}) is None
    assert server.load.sessions.active() == 0  # a page not training is not counted
    assert page.update(server, environment={}) is None  # no timer to change

    assert page.declare(True, server, environment={}) == 0.05
    assert page.note() == ""
    assert page.update(server, environment={}) is None  # the fragment inside that same full run
    assert page.update(server, environment={}) is None

    busy = busy_server(29, cost=0.013, clock=clock)  # a class on MNIST joins
    first = page.update(busy, environment={})  # tell the browser: first the wait for the page's place...
    assert page.seconds == 0.56
    assert at_its_place(page, clock.now + first) and 0.5 * 0.56 <= first < 1.5 * 0.56
    page.measured(0.01, busy)  # that update ends: the browser's wait starts
    assert page.update(busy, environment={}) is None  # (a request the old timer sent meanwhile)
    clock.now += first
    assert page.update(busy, environment={}) == 0.56  # ... then, at its place, the level
    assert page.update(busy, environment={}) is None  # ... once
    assert "0.56 s" in page.note() and "30 learners" in page.note() and "13 ms" in page.note()  # 29 and this one

    clock.now += HOLD_SECONDS
    calm = busy_server(1, cost=0.005, clock=clock)  # the class has gone
    assert page.update(calm, environment={}) == 0.05
    assert page.seconds == 0.05

    assert page.declare(False, calm, environment={}) is None  # paused
    assert "me" not in calm.load.sessions._latest


def at_its_place(page: PageTick, when: float) -> bool:
    """Whether a request at ``when`` (the process's clock) comes at the page's place in its tick."""
    ticks = when / page.seconds - page.phase
    return abs(ticks - round(ticks)) < 1e-6


def test_pages_that_start_their_timers_together_first_wait_for_their_own_places_in_the_tick_then_follow_the_level():
    clock = Clock()
    class_server = busy_server(30, cost=0.013, clock=clock)
    level = class_server.current()
    pages = [PageTick(f"student {number}") for number in range(30)]
    first = [page.declare(True, class_server, environment={}) for page in pages]  # a class presses Start
    assert all(at_its_place(page, clock.now + wait) and 0.5 * level <= wait < 1.5 * level
               for page, wait in zip(pages, first))
    places = sorted(page.phase for page in pages)
    gaps = [later - earlier for earlier, later in zip(places, places[1:])] + [1 + places[0] - places[-1]]
    assert min(gaps) > 0.5 / 30 and max(gaps) < 2 / 30  # spread evenly over the tick
    for page in pages:
        assert page.update(class_server, environment={}) is None  # inside the full run
        page.full_run_ended(0.05, class_server)
    clock.now += 1.5 * level  # every page's wait has ended
    for page in pages:
        assert page.update(class_server, environment={}) == level  # its first own update: the level from now on
        assert page.update(class_server, environment={}) is None  # told once


def test_a_new_level_sends_each_page_to_its_own_place_in_the_new_tick_however_its_update_was_timed():
    clock = Clock()
    server = busy_server(30, cost=0.006, clock=clock)
    pages = [PageTick(f"student {number}") for number in range(30)]
    for page in pages:
        page.declare(True, server, environment={})
        page.update(server, environment={})
        page.update(server, environment={})
    busier = busy_server(30, cost=0.013, clock=clock)  # all learn it in one burst of updates
    waits = [page.update(busier, environment={}) for page in pages]
    level = pages[0].seconds
    assert level > server.current()
    assert all(at_its_place(page, clock.now + wait) for page, wait in zip(pages, waits))
    assert len({round(wait, 6) for wait in waits}) == 30  # not one moment for all


def test_a_page_alone_in_its_process_gets_the_level_at_once():
    server = ServerTick(ServerLoad(clock=Clock(), process_cpu=Clock(0.0)))
    for number in range(3):
        page = PageTick(f"alone {number}")
        assert page.declare(True, server, environment={}) == 0.05
        assert page.declare(False, server, environment={}) is None


def test_the_live_update_inside_a_full_run_is_measured_with_the_full_run_not_as_an_update():
    clock, cpu = Clock(), Clock(0.0)
    server = ServerTick(ServerLoad(clock=clock, process_cpu=cpu))
    page = PageTick("me")
    page.declare(True, server, environment={})
    page.update(server, environment={})
    page.measured(0.01, server)  # the fragment inside the full run
    page.full_run_ended(0.08, server)
    assert len(server.load._updates) == 0 and len(server.load._full_runs) == 1
    page.update(server, environment={})
    page.measured(0.01, server)  # the fragment's own run
    assert len(server.load._updates) == 1


def test_the_environment_variable_fixes_the_tick_whatever_the_load():
    clock = Clock()
    page = PageTick("me")
    environment = {TICK_VARIABLE: "0.25"}
    busy = busy_server(40, cost=0.02, clock=clock)
    assert page.declare(True, busy, environment=environment) == 0.25
    assert page.update(busy, environment=environment) is None
    assert page.update(busy, environment=environment) is None
    assert TICK_VARIABLE in page.note()
    lone = PageTick("alone")
    assert lone.declare(True, ServerTick(ServerLoad(clock=clock)), environment={TICK_VARIABLE: "2"}) == 2.0


def test_a_bad_environment_variable_is_named_with_what_is_allowed():
    assert fixed_tick({}) is None
    assert fixed_tick({TICK_VARIABLE: " "}) is None
    for bad in ("0", "fast", "nan", "60"):
        with pytest.raises(ValueError, match=rf"{TICK_VARIABLE} must be a number of seconds from 0.05 to 5.0"):
            fixed_tick({TICK_VARIABLE: bad})


def test_the_levels_are_in_order_and_the_fastest_asks_for_twenty_updates_a_second():
    assert list(TICK_LEVELS) == sorted(TICK_LEVELS) and TICK_LEVELS[0] == 0.05


@pytest.mark.parametrize("learners, said", [(21, "21 ученик;"), (22, "22 ученика;"), (30, "30 учеников;")])
def test_the_slowed_updates_note_is_said_in_russian_with_a_decimal_comma_and_the_learners_counted(learners, said):
    from ui.i18n import speaking

    clock = Clock()
    page = PageTick("me")
    busy = busy_server(learners - 1, cost=0.013, clock=clock)
    page.declare(True, busy, environment={})
    with speaking("ru"):
        note = page.note()
    assert page.seconds > TICK_LEVELS[0]
    written = f"{page.seconds:g}".replace(".", ",")
    assert f"раз в {written} с (вместо 0,05 с)" in note and said in note and "13 мс" in note
    with speaking("en"):
        assert f"{learners} learners train" in page.note()


def test_a_level_chosen_on_an_assumed_cost_speeds_up_as_soon_as_its_own_updates_are_measured():
    clock, cpu = Clock(), Clock(0.0)
    server = ServerTick(ServerLoad(clock=clock, process_cpu=cpu))
    for number in range(30):  # a class presses Start: nothing measured yet
        server.load.sessions.touch(f"learner {number}")
    assumed = server.current()
    assert assumed == tick_for(Load(30, ASSUMED_COST))
    clock.now += assumed + FOLLOW_SECONDS  # the pages have followed it
    for number in range(60):  # their updates cost 5.8 ms
        server.load.note_update(f"learner {number % 30}", wall=0.01)
        cpu.now += 0.0058
        clock.now += 0.01
    clock.now += MEASURE_EVERY_SECONDS
    assert server.current() == 0.28  # at once, not HOLD_SECONDS later (0.28 s: 0.62 of a core, with room)
    # chosen on a measurement, the next speed-up waits for the level to hold
    server.load.sessions.forget("learner 0")
    for number in range(1, 30, 2):
        server.load.sessions.forget(f"learner {number}")
    clock.now += MEASURE_EVERY_SECONDS
    assert server.current() == 0.28
