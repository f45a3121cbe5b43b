"""TrainingRun: the history the pages draw, and what happens when a run blows up."""

from __future__ import annotations

import sys

import numpy as np
import pytest

import nn.training
from conftest import SteppingClock
from nn import NeuralNetwork
from nn.training import EXPLODED_WEIGHT, SAMPLES_PER_CLOCK_CHECK, TrainingRun, error_snapshot
from nn.teaching_sets import TEACHING_SETS


def xor_run(seed=0, learning_rate=0.5) -> TrainingRun:
    xor = TEACHING_SETS["XOR"]
    return TrainingRun(NeuralNetwork(2, 3, 1, learning_rate, seed=seed), xor.inputs, xor.targets)


def test_a_run_records_the_same_errors_and_weights_as_training_each_sample_by_hand():
    run = xor_run()
    twin = run.network.copy()
    trained = run.train(10)  # 2.5 epochs of the 4 XOR samples
    expected = [twin.train(run.inputs[i % 4], run.targets[i % 4]) for i in range(10)]
    assert trained == 10
    assert list(run.errors) == pytest.approx(expected, abs=1e-12)
    assert np.abs(run.network.wih - twin.wih).max() < 1e-12
    assert run.samples_seen == 10 and run.epoch == 2 and run.position == 2
    assert run.epoch_starts() == [4, 8]


def test_training_continues_where_the_last_chunk_stopped():
    whole, chunked = xor_run(), xor_run()
    whole.train(9)
    for size in (2, 3, 1, 3):
        chunked.train(size)
    assert list(chunked.errors) == pytest.approx(list(whole.errors), abs=1e-12)
    assert (chunked.epoch, chunked.position) == (whole.epoch, whole.position) == (2, 1)


def test_train_epoch_finishes_the_current_epoch():
    run = xor_run()
    run.train(1)
    assert run.train_epoch() == 3
    assert (run.epoch, run.position, run.samples_seen) == (1, 0, 4)
    assert run.train_epoch() == 4
    assert (run.epoch, run.position, run.samples_seen) == (2, 0, 8)
    assert run.epoch_starts() == [4, 8]


def test_running_mean_averages_the_last_window_errors_at_each_sample():
    run = xor_run()
    run.train(23)
    window = 5
    by_hand = []
    for end in range(1, 24):
        recent = run.errors[max(0, end - window):end]
        by_hand.append(sum(recent) / len(recent))
    assert run.running_mean(window).tolist() == pytest.approx(by_hand, abs=1e-12)
    assert run.running_mean(1000).tolist() == pytest.approx(
        [sum(run.errors[:end]) / end for end in range(1, 24)], abs=1e-12
    )


def test_a_new_run_has_an_empty_history():
    run = xor_run()
    assert run.samples_seen == 0 and list(run.errors) == [] and run.epoch_starts() == []
    assert run.running_mean(10).size == 0
    assert run.diverged is None


def test_a_time_budget_ends_training_at_the_first_clock_check_past_it_and_keeps_the_history_consistent(monkeypatch):
    digits = TEACHING_SETS["5x5 digits"]
    run = TrainingRun(NeuralNetwork(25, 10, 5, 0.3, seed=0), digits.inputs, digits.targets)
    monkeypatch.setattr(nn.training, "clock", SteppingClock(step=0.02))
    trained = run.train(10**9, time_budget=0.05)  # checks 0.02, 0.04, 0.06 s after the start: the third is past it
    assert trained == 3 * SAMPLES_PER_CLOCK_CHECK
    assert run.samples_seen == trained
    assert run.epoch * run.epoch_size + run.position == trained


def test_a_spent_budget_still_trains_what_was_asked_up_to_one_slice(monkeypatch):
    monkeypatch.setattr(nn.training, "clock", SteppingClock(step=3600.0))
    run = xor_run()
    assert run.train(5, time_budget=0.1) == 5
    assert run.train(10**9, time_budget=0.1) == SAMPLES_PER_CLOCK_CHECK


def test_without_a_budget_every_sample_asked_for_is_trained_and_the_clock_is_never_read(monkeypatch):
    def no_clock():
        raise AssertionError("the clock was read")

    monkeypatch.setattr(nn.training, "clock", no_clock)
    run = xor_run()
    assert run.train(1000) == 1000 and run.samples_seen == 1000


def test_a_zero_sample_request_trains_nothing():
    run = xor_run()
    assert run.train(0) == 0 and run.samples_seen == 0


def test_a_blown_up_chunk_is_rolled_back_and_explained(monkeypatch):
    run = xor_run()
    run.train(6)
    kept_wih, kept_who = run.network.wih.copy(), run.network.who.copy()
    kept_errors = list(run.errors)
    real_train_many = run.network.train_many

    def explodes_after_training(inputs, targets):
        errors = real_train_many(inputs, targets)
        run.network.wih[0, 0] = EXPLODED_WEIGHT * 10  # as a far too large learning rate would
        return errors

    monkeypatch.setattr(run.network, "train_many", explodes_after_training)
    assert run.train(5) == 0
    assert run.diverged.error_finite and run.diverged.largest_weight == EXPLODED_WEIGHT * 10
    assert run.diverged.weight_limit == EXPLODED_WEIGHT and run.diverged.samples_kept == 6
    assert np.array_equal(run.network.wih, kept_wih) and np.array_equal(run.network.who, kept_who)
    assert list(run.errors) == kept_errors
    assert (run.epoch, run.position) == (1, 2)
    # once diverged, the run stops until the learner starts again
    monkeypatch.undo()
    assert run.train(4) == 0 and run.samples_seen == 6


def test_a_nan_error_counts_as_diverged_and_nothing_of_the_chunk_is_kept():
    run = xor_run()
    run.train(3)
    before = run.network.copy()
    run.network.who[0, 0] = np.inf  # the next forward pass gives NaN
    assert run.train(8) == 0
    assert run.diverged
    assert run.samples_seen == 3 and run.position == 3
    assert np.array_equal(run.network.wih, before.wih)


def test_a_diverged_run_rolls_back_the_whole_multi_epoch_chunk(monkeypatch):
    run = xor_run()
    calls = []
    real_train_many = run.network.train_many

    def explodes_on_the_last_sample(inputs, targets):
        calls.append(len(inputs))
        errors = real_train_many(inputs, targets)
        errors[-1] = np.nan  # the chunk's last sample, in its third epoch
        return errors

    monkeypatch.setattr(run.network, "train_many", explodes_on_the_last_sample)
    start = run.network.copy()
    assert run.train(10) == 0
    assert calls == [10]  # one call for the chunk's three epochs of XOR's four samples
    assert list(run.errors) == [] and (run.epoch, run.position) == (0, 0)
    assert np.array_equal(run.network.wih, start.wih)


def test_a_chunk_over_several_epochs_trains_the_rows_in_order_as_one_sample_at_a_time_does():
    xor = TEACHING_SETS["XOR"]
    run = TrainingRun(NeuralNetwork(2, 3, 1, 0.3, bias=True, seed=4), xor.inputs, xor.targets)
    one_by_one = run.network.copy()
    run.train(3)
    assert run.train(11) == 11  # from the fourth row, through three more epochs, to the second row
    errors = [one_by_one.train(xor.inputs[row % 4], xor.targets[row % 4]) for row in range(14)]
    assert np.allclose(list(run.errors), errors, rtol=0, atol=1e-12)
    assert np.allclose(run.network.wih, one_by_one.wih, rtol=0, atol=1e-12)
    assert np.allclose(run.network.who, one_by_one.who, rtol=0, atol=1e-12)
    assert (run.epoch, run.position) == (3, 2) and run.samples_seen == 14


@pytest.mark.parametrize(
    "inputs, targets", [(np.zeros((4, 2)), np.zeros((3, 1))), (np.zeros((0, 2)), np.zeros((0, 1)))],
    ids=["rows do not pair up", "no rows"],
)
def test_a_training_set_needs_one_target_row_per_input_row(inputs, targets):
    with pytest.raises(ValueError, match="target row per input row"):
        TrainingRun(NeuralNetwork(2, 2, 1, 0.1), inputs, targets)


def test_training_a_real_set_lowers_the_running_mean_error():
    xor = TEACHING_SETS["XOR"]
    run = TrainingRun(NeuralNetwork(2, 4, 1, 1.0, bias=True, seed=2), xor.inputs, xor.targets)
    run.train(4 * 2000)
    means = run.running_mean(4)
    assert means[-1] < 0.1 * means[3]


def test_a_run_on_raw_pixels_prepared_per_chunk_trains_exactly_like_one_on_scaled_rows():
    from nn.data import load_mnist, make_targets, scale_inputs

    images, labels = load_mnist("train", 300)
    scaled = TrainingRun(NeuralNetwork(784, 20, 10, 0.1, seed=3), scale_inputs(images), make_targets(labels))
    raw = TrainingRun(
        NeuralNetwork(784, 20, 10, 0.1, seed=3), images, labels,
        prepare_inputs=scale_inputs, prepare_targets=make_targets,
    )
    for run in (scaled, raw):
        run.train(250)
        run.train(100)  # crosses the end of the epoch

    assert raw.epoch == scaled.epoch == 1 and raw.position == scaled.position == 50
    assert raw.errors == scaled.errors
    assert np.array_equal(raw.network.wih, scaled.network.wih)
    assert np.array_equal(raw.network.who, scaled.network.who)
    assert raw.inputs.dtype == np.uint8  # the run kept the pixels, not a float64 copy


def test_a_chunk_that_blows_up_after_others_in_the_same_call_is_rolled_back_to_its_own_start(monkeypatch):
    clock = SteppingClock(step=0.0)  # the budget never runs out: every slice of the call is trained
    monkeypatch.setattr(nn.training, "clock", clock)
    inputs = np.random.default_rng(2).uniform(0.01, 0.99, size=(400, 3))  # no epoch ends in the call
    run = TrainingRun(NeuralNetwork(3, 3, 3, 0.3, seed=2), inputs, inputs)
    real_train_many = run.network.train_many
    slices = []  # the weights after each slice (one train_many call each)

    def explodes_in_the_third_slice(inputs, targets):
        errors = real_train_many(inputs, targets)
        slices.append((run.network.wih.copy(), run.network.who.copy()))
        if len(slices) == 3:
            run.network.wih[0, 0] = EXPLODED_WEIGHT * 10
        return errors

    monkeypatch.setattr(run.network, "train_many", explodes_in_the_third_slice)
    trained = run.train(3 * SAMPLES_PER_CLOCK_CHECK, time_budget=1.0)
    assert trained == 2 * SAMPLES_PER_CLOCK_CHECK and run.samples_seen == 2 * SAMPLES_PER_CLOCK_CHECK
    assert run.diverged.samples_kept == 2 * SAMPLES_PER_CLOCK_CHECK
    # the weights after the second slice, not those before the call nor the blown-up ones
    assert np.array_equal(run.network.wih, slices[1][0]) and np.array_equal(run.network.who, slices[1][1])


def test_the_error_history_takes_8_bytes_a_sample():
    run = xor_run()
    run.train(1000)
    assert run.errors.itemsize == 8
    assert memoryview(run.errors).nbytes == 8 * run.samples_seen == 8000
    assert sys.getsizeof(run.errors) < 8 * run.samples_seen + 1024  # the buffer plus a small header, no float objects


def test_the_compact_history_holds_exactly_the_errors_each_slice_trained(monkeypatch):
    run = xor_run()
    slices = []
    real_train_many = run.network.train_many

    def recorded(inputs, targets):
        slices.append(real_train_many(inputs, targets).copy())
        return slices[-1]

    monkeypatch.setattr(run.network, "train_many", recorded)
    for size in (3, 1, 6, 2):
        run.train(size)
    assert np.frombuffer(run.errors, dtype=np.float64).tolist() == np.concatenate(slices).tolist()
    assert run.running_mean(5).tolist() == nn.training.running_mean(np.concatenate(slices), 5).tolist()


def test_a_diverged_slice_leaves_the_compact_history_as_it_was_trained(monkeypatch):
    run = xor_run()
    run.train(7)
    kept = np.frombuffer(run.errors[:], dtype=np.float64)
    real_train_many = run.network.train_many

    def diverges(inputs, targets):
        errors = real_train_many(inputs, targets)
        errors[-1] = np.nan
        return errors

    monkeypatch.setattr(run.network, "train_many", diverges)
    assert run.train(6) == 0
    assert run.errors.itemsize == 8 and len(run.errors) == 7
    assert np.frombuffer(run.errors, dtype=np.float64).tolist() == kept.tolist()
    assert run.running_mean(3).tolist() == nn.training.running_mean(kept, 3).tolist()


def test_an_error_snapshot_is_a_copy_that_leaves_the_history_free_to_grow():
    run = xor_run()
    run.train(5)
    snapshot = error_snapshot(run.errors)
    run.train(3)  # a numpy view of the history would make this raise BufferError
    assert snapshot.tolist() == list(run.errors)[:5] and run.samples_seen == 8


def test_rows_stored_read_only_are_checked_once_and_trained_exactly_as_checked_rows(monkeypatch):
    rng = np.random.default_rng(4)
    inputs, targets = rng.uniform(0.01, 0.99, (300, 30)), rng.uniform(0.01, 0.99, (300, 5))
    read_only = [rows.copy() for rows in (inputs, targets)]
    for rows in read_only:
        rows.flags.writeable = False
    checked_each_slice = TrainingRun(NeuralNetwork(30, 12, 5, 0.3, seed=1), inputs, targets)
    checked_once = TrainingRun(NeuralNetwork(30, 12, 5, 0.3, seed=1), *read_only)
    checks = []
    original = NeuralNetwork.train_many
    monkeypatch.setattr(NeuralNetwork, "train_many", lambda self, *rows: (checks.append(1), original(self, *rows))[1])
    checked_each_slice.train(250)
    assert checks  # writeable rows could change between slices: train_many checks them each time
    checks.clear()
    checked_once.train(250)
    assert checks == []
    assert checked_once.errors == checked_each_slice.errors
    assert np.array_equal(checked_once.network.wih, checked_each_slice.network.wih)
    assert np.array_equal(checked_once.network.who, checked_each_slice.network.who)


def test_read_only_rows_with_a_nan_are_still_refused_when_trained():
    inputs = np.full((10, 3), 0.5)
    inputs[4, 1] = np.nan
    inputs.flags.writeable = False
    targets = np.full((10, 3), 0.5)
    targets.flags.writeable = False
    run = TrainingRun(NeuralNetwork(3, 3, 3, 0.3, seed=1), inputs, targets)
    with pytest.raises(ValueError, match="inputs must be finite"):
        run.train(10)


def test_training_stops_at_the_first_slice_after_stop_says_so_and_the_history_matches(monkeypatch):
    monkeypatch.setattr(nn.training, "clock", SteppingClock(step=0.0))  # the budget never runs out
    run = xor_run()
    asked = []
    trained = run.train(10**6, time_budget=1.0, stop=lambda: asked.append(1) or len(asked) == 3)
    assert trained == 3 * SAMPLES_PER_CLOCK_CHECK == run.samples_seen == len(asked) * SAMPLES_PER_CLOCK_CHECK
    assert run.position == trained % run.epoch_size and run.epoch == trained // run.epoch_size


def test_a_stop_without_a_budget_still_trains_in_slices_and_never_reads_the_clock(monkeypatch):
    def no_clock():
        raise AssertionError("the clock was read")

    monkeypatch.setattr(nn.training, "clock", no_clock)
    run = xor_run()
    assert run.train(1000, stop=lambda: False) == 1000
    assert run.train(1000, stop=lambda: True) == SAMPLES_PER_CLOCK_CHECK
