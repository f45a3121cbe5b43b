"""The block path with its matrix products in a helper process (nn/fast/two_process.py).

Same oracle as tests/nn/test_fast.py: ``train`` row by row, to 1e-9. The helper is
forced on (``helper_process=True``) so that short runs take it; the choice
``train_many`` makes by itself is tested separately.
"""

import os
import signal
import threading
import time

import numpy as np
import pytest

from nn import NeuralNetwork
from nn import fast
from nn.fast import two_process
from nn.fast.blocks import BLOCK_SAMPLES
from test_fast import TOLERANCE, largest_difference, mnist_rows, random_rows, train_row_by_row

BLOCK = BLOCK_SAMPLES


def compare_with_helper(network, inputs, targets):
    slow = network.copy()
    wih, who = network.wih, network.who
    fast_errors = fast.train_many(network, inputs, targets, helper_process=True)
    slow_errors = train_row_by_row(slow, inputs, targets)
    assert network.wih is wih and network.who is who  # changed in place, like train
    return largest_difference(network, slow, fast_errors, slow_errors)


@pytest.mark.parametrize("samples", [1, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK, 5 * BLOCK + 17])
@pytest.mark.parametrize("bias", [False, True], ids=["no_bias", "bias"])
@pytest.mark.parametrize("rule", ["book", "gradient"])
def test_the_helper_gives_the_weights_and_errors_of_train_row_by_row(samples, bias, rule):
    network = NeuralNetwork(40, 20, 6, 0.3, bias=bias, rule=rule, seed=5)
    inputs, targets = random_rows(np.random.default_rng(samples), samples, network)
    before = network.wih.copy()
    difference = compare_with_helper(network, inputs, targets)
    assert difference < TOLERANCE
    assert not np.array_equal(network.wih, before)  # it did train


def test_the_helper_on_mnist_784_100_10():
    inputs, targets = mnist_rows(1500)
    network = NeuralNetwork(784, 100, 10, 0.1, seed=0)
    difference = compare_with_helper(network, inputs, targets)
    print(f"784-100-10 with the helper process, 1500 MNIST digits: largest difference {difference:.2e}")
    assert difference < TOLERANCE


def test_the_helper_adds_in_another_order_than_one_process_but_agrees_with_it():
    inputs, targets = mnist_rows(700)
    one = NeuralNetwork(784, 30, 10, 0.1, seed=1)
    two = one.copy()
    fast.train_many(one, inputs, targets, helper_process=False)
    fast.train_many(two, inputs, targets, helper_process=True)
    difference = max(np.abs(one.wih - two.wih).max(), np.abs(one.who - two.who).max())
    assert 0 < difference < 1e-12  # not the same code path by accident, and the same sums


def _helper_that_quits(blocks, shared, learning_rate, jobs, done):
    return


def _helper_that_hangs(blocks, shared, learning_rate, jobs, done):
    time.sleep(120)


@pytest.mark.parametrize("helper", [_helper_that_quits, _helper_that_hangs], ids=["quits", "hangs"])
def test_a_failed_helper_leaves_the_network_to_be_trained_in_one_process(monkeypatch, helper):
    monkeypatch.setattr(two_process, "_serve", helper)  # the forked child runs this instead
    monkeypatch.setattr(two_process, "HELPER_TIMEOUT_SECONDS", 1.0)
    forked, ended = [], {}  # this run's helper, and how each process ended as the parent's waitpid collected it

    def fork(make=os.fork):
        pid = make()
        if pid:
            forked.append(pid)
        return pid

    def waitpid(pid, options, collect=os.waitpid):
        found, status = collect(pid, options)
        if found:
            ended[found] = status
        return found, status

    monkeypatch.setattr(two_process.os, "fork", fork)
    monkeypatch.setattr(two_process.os, "waitpid", waitpid)
    network = NeuralNetwork(40, 20, 6, 0.3, seed=8)
    inputs, targets = random_rows(np.random.default_rng(2), 3 * BLOCK, network)
    with pytest.raises(two_process.HelperFailed):
        two_process.train_in_blocks(network.copy(), inputs, targets, BLOCK)
    (pid,) = forked
    if helper is _helper_that_hangs:  # killed, not waited for (it would have ended by itself after 120 s)
        assert os.WIFSIGNALED(ended[pid]) and os.WTERMSIG(ended[pid]) == signal.SIGKILL
    # through train_many: the same result as train, from weights the failed attempt left alone
    assert compare_with_helper(network, inputs, targets) < TOLERANCE


def test_when_no_helper_can_be_forked_the_run_is_trained_in_one_process(monkeypatch):
    def fork_that_fails():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", fork_that_fails)
    open_before = len(os.listdir("/proc/self/fd"))
    network = NeuralNetwork(40, 20, 6, 0.3, seed=8)
    inputs, targets = random_rows(np.random.default_rng(3), 3 * BLOCK, network)
    assert compare_with_helper(network, inputs, targets) < TOLERANCE
    assert len(os.listdir("/proc/self/fd")) == open_before  # the pipes were closed


def test_a_helper_gone_before_its_next_block_is_noticed(monkeypatch):
    # the helper quits after its first block; this process finds the pipe closed
    # (or reads nothing) on a later block, and trains the run again in one process
    def serve_one_block(blocks, shared, learning_rate, jobs, done):
        k = two_process._receive(jobs)
        os.close(jobs)
        two_process._tell(done, k, two_process._LATE_ROWS_READY)
        two_process._tell(done, k, two_process._NEXT_BLOCK_READY)

    monkeypatch.setattr(two_process, "_serve", serve_one_block)
    network = NeuralNetwork(40, 20, 6, 0.3, seed=8)
    inputs, targets = random_rows(np.random.default_rng(5), 4 * BLOCK, network)
    with pytest.raises(two_process.HelperFailed):
        two_process.train_in_blocks(network.copy(), inputs, targets, BLOCK)
    assert compare_with_helper(network, inputs, targets) < TOLERANCE


def test_each_helper_process_ends_and_is_reaped_by_the_next_run(monkeypatch):
    network = NeuralNetwork(40, 20, 6, 0.3, seed=8)
    inputs, targets = random_rows(np.random.default_rng(2), 3 * BLOCK, network)
    forked = []
    real_fork = os.fork

    def recording_fork():
        pid = real_fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", recording_fork)
    for run in range(3):
        fast.train_many(network, inputs, targets, helper_process=True)
    assert len(forked) == 3
    for pid in forked[:-1]:
        with pytest.raises(ChildProcessError):  # reaped: no zombie left behind
            os.waitpid(pid, os.WNOHANG)
    # the last one was told to stop: it ends by itself, and is reaped by whoever waits first
    two_process.reap_ended_helpers(wait=True)
    with pytest.raises(ChildProcessError):
        os.waitpid(forked[-1], os.WNOHANG)


def test_train_many_uses_the_helper_for_long_runs_in_a_single_threaded_process(monkeypatch):
    monkeypatch.setattr(two_process, "_usable_cpus", lambda: 2)
    monkeypatch.setattr(two_process.threading, "active_count", lambda: 1)
    assert two_process.worthwhile(two_process.MIN_SAMPLES)
    assert not two_process.worthwhile(two_process.MIN_SAMPLES - 1)

    monkeypatch.setattr(two_process, "_usable_cpus", lambda: 1)
    assert not two_process.worthwhile(two_process.MIN_SAMPLES)


def test_no_helper_is_forked_while_other_threads_run(monkeypatch):
    # as in the Streamlit server: forking a multi-threaded process can deadlock the child
    monkeypatch.setattr(two_process, "_usable_cpus", lambda: 2)
    other_thread_may_end = threading.Event()
    other = threading.Thread(target=other_thread_may_end.wait)
    other.start()
    try:
        assert not two_process.worthwhile(10 * two_process.MIN_SAMPLES)
    finally:
        other_thread_may_end.set()
        other.join()


def test_train_many_decides_by_itself_when_not_told(monkeypatch):
    taken = []
    monkeypatch.setattr(two_process, "worthwhile", lambda samples: True)
    original = two_process.train_in_blocks
    monkeypatch.setattr(two_process, "train_in_blocks",
                        lambda *args: (taken.append("helper"), original(*args))[1])
    network = NeuralNetwork(40, 20, 6, 0.3, seed=8)
    inputs, targets = random_rows(np.random.default_rng(4), 100, network)
    slow = network.copy()
    errors = network.train_many(inputs, targets)
    assert taken == ["helper"]
    assert largest_difference(network, slow, errors, train_row_by_row(slow, inputs, targets)) < TOLERANCE

    monkeypatch.setattr(two_process, "worthwhile", lambda samples: False)
    network.train_many(inputs, targets)
    assert taken == ["helper"]


@pytest.mark.parametrize("layout", ["fortran", "every_other_row"])
def test_the_helper_takes_inputs_in_any_memory_layout(layout):
    network = NeuralNetwork(40, 20, 6, 0.2, bias=True, seed=6)
    inputs, targets = random_rows(np.random.default_rng(8), 2 * (3 * BLOCK + 10), network)
    if layout == "fortran":
        inputs, targets = np.asfortranarray(inputs), np.asfortranarray(targets)
    else:
        inputs, targets = inputs[::2], targets[::2]
    assert compare_with_helper(network, inputs, targets) < TOLERANCE
