"""The fast path (nn/fast/) against the readable truth, ``NeuralNetwork.train`` row by row.

Each test trains two copies of one network on the same rows: one with
``train_many`` (fast), one by calling ``train`` per row. The weights and the
per-sample errors must agree to 1e-9; the largest difference is printed
(run with ``-s`` to see it).
"""

import gzip
import gc
import threading
import weakref
from pathlib import Path

import numpy as np
import pytest

from nn import NeuralNetwork
from nn import fast
from nn.fast import blas_threads, one_process, unrolled
from nn.fast.blocks import BLOCK_SAMPLES

ASSETS = Path(__file__).resolve().parents[2] / "assets"
TOLERANCE = 1e-9


def train_row_by_row(network, inputs, targets):
    return np.array([network.train(sample, target) for sample, target in zip(inputs, targets)])


def largest_difference(fast_network, slow_network, fast_errors, slow_errors):
    assert fast_network.wih.shape == slow_network.wih.shape
    assert fast_network.who.shape == slow_network.who.shape
    assert fast_errors.shape == slow_errors.shape
    return max(
        np.abs(fast_network.wih - slow_network.wih).max(),
        np.abs(fast_network.who - slow_network.who).max(),
        np.abs(fast_errors - slow_errors).max(),
    )


def random_rows(rng, samples, network):
    inputs = rng.uniform(0.01, 1.0, (samples, network.input_nodes))
    targets = rng.uniform(0.01, 0.99, (samples, network.output_nodes))
    return inputs, targets


def compare(network, inputs, targets):
    """Train a copy each way; return the largest difference (weights or errors)."""
    slow = network.copy()
    fast_errors = network.train_many(inputs, targets)
    slow_errors = train_row_by_row(slow, inputs, targets)
    assert network.wih.dtype == np.float64 and network.wih.flags.c_contiguous
    assert network.who.dtype == np.float64 and network.who.flags.c_contiguous
    return largest_difference(network, slow, fast_errors, slow_errors)


# Shapes on both paths: tiny ones take the unrolled Python, bigger ones the blocks.
SHAPES = [(3, 3, 3), (2, 2, 1), (12, 9, 4), (30, 17, 5)]


@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: "-".join(map(str, s)))
@pytest.mark.parametrize("bias", [False, True], ids=["no_bias", "bias"])
@pytest.mark.parametrize("rule", ["book", "gradient"])
def test_train_many_gives_the_weights_and_errors_of_train_row_by_row(shape, bias, rule):
    rng = np.random.default_rng(7)
    network = NeuralNetwork(*shape, 0.3, bias=bias, rule=rule, seed=11)
    inputs, targets = random_rows(rng, 150, network)
    difference = compare(network, inputs, targets)
    print(f"{shape} bias={bias} rule={rule}: largest difference {difference:.2e}")
    assert difference < TOLERANCE


def test_tiny_networks_take_the_unrolled_path_and_bigger_ones_the_blocks(monkeypatch):
    taken = []
    for module, name in ((unrolled, "train_unrolled"), (one_process, "train_in_blocks")):
        original = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *args, _name=name, _original=original: (
            taken.append(_name), _original(*args))[1])
    rng = np.random.default_rng(1)
    for shape in SHAPES:
        network = NeuralNetwork(*shape, 0.1, seed=1)
        network.train_many(*random_rows(rng, 3, network))
    weights = [NeuralNetwork(*shape, 0.1).wih.size + NeuralNetwork(*shape, 0.1).who.size for shape in SHAPES]
    expected = ["train_unrolled" if count <= fast.UNROLLED_MAX_WEIGHTS else "train_in_blocks"
                for count in weights]
    assert taken == expected
    assert set(taken) == {"train_unrolled", "train_in_blocks"}  # SHAPES cover both paths


@pytest.mark.parametrize("shape", [(3, 3, 3), (40, 20, 6)], ids=["unrolled", "blocks"])
def test_a_single_row(shape):
    network = NeuralNetwork(*shape, 0.5, bias=True, seed=9)
    inputs, targets = random_rows(np.random.default_rng(3), 1, network)
    assert compare(network, inputs, targets) < TOLERANCE


@pytest.mark.parametrize("samples", [1, 2, BLOCK_SAMPLES - 1, BLOCK_SAMPLES,
                                     BLOCK_SAMPLES + 1, 3 * BLOCK_SAMPLES + 17])
@pytest.mark.parametrize("bias", [False, True], ids=["no_bias", "bias"])
def test_block_boundaries_change_nothing(samples, bias):
    rng = np.random.default_rng(samples)
    network = NeuralNetwork(40, 20, 6, 0.2, bias=bias, rule="gradient", seed=3)
    inputs, targets = random_rows(rng, samples, network)
    assert compare(network, inputs, targets) < TOLERANCE


@pytest.mark.parametrize("shape", [(3, 3, 3), (40, 20, 6)], ids=["unrolled", "blocks"])
def test_a_learning_rate_changed_between_calls_is_used(shape):
    rng = np.random.default_rng(5)
    network = NeuralNetwork(*shape, 0.1, seed=4)
    slow = network.copy()
    for learning_rate in (0.1, 0.7, 0.02):
        network.learning_rate = slow.learning_rate = learning_rate
        inputs, targets = random_rows(rng, 70, network)
        fast_errors = network.train_many(inputs, targets)
        slow_errors = train_row_by_row(slow, inputs, targets)
        assert largest_difference(network, slow, fast_errors, slow_errors) < TOLERANCE
    # and the rate mattered: training the same rows at one fixed rate ends elsewhere
    fixed = NeuralNetwork(*shape, 0.1, seed=4)
    fixed.train_many(*random_rows(np.random.default_rng(5), 210, fixed))
    assert np.abs(fixed.wih - network.wih).max() > 1e-6


def test_a_sigmoid_input_beyond_the_range_of_math_exp_still_matches():
    # Huge weights push hidden inputs past -709, where math.exp overflows;
    # the tiny-network path must hand over to numpy rather than fail.
    network = NeuralNetwork(3, 3, 3, 0.5, seed=1)
    network.wih[...] = -2000.0
    rng = np.random.default_rng(2)
    inputs, targets = random_rows(rng, 20, network)
    assert compare(network, inputs, targets) < TOLERANCE


def test_no_rows_changes_nothing():
    network = NeuralNetwork(3, 3, 3, 0.3, seed=1)
    before = network.copy()
    errors = fast.train_many(network, np.empty((0, 3)), np.empty((0, 3)))
    assert errors.shape == (0,)
    assert np.array_equal(network.wih, before.wih) and np.array_equal(network.who, before.who)


def test_unrolled_source_reads_like_the_book_equations():
    source = unrolled.unrolled_source(3, 3, 3)
    assert "hidden_output_0 = 1.0 / (1.0 + exp(-(wih_0_0*x_0 + wih_0_1*x_1 + wih_0_2*x_2)))" in source
    assert "hidden_error_2 = who_0_2*output_error_0 + who_1_2*output_error_1 + who_2_2*output_error_2" in source
    gradient = unrolled.unrolled_source(3, 3, 3, rule="gradient")
    assert "hidden_error_0 = who_0_0*output_gradient_0" in gradient


def mnist_pixels(samples):
    """The first MNIST training images, uint8 (samples, 28, 28), and their labels."""
    with gzip.open(ASSETS / "train-images-idx3-ubyte.gz") as file:
        pixels = np.frombuffer(file.read(16 + 784 * samples), np.uint8, offset=16)
    with gzip.open(ASSETS / "train-labels-idx1-ubyte.gz") as file:
        labels = np.frombuffer(file.read(8 + samples), np.uint8, offset=8)
    return pixels.reshape(samples, 28, 28), labels


def scaled_rows(pixels, labels):
    """Inputs and targets scaled as in the book."""
    inputs = pixels.reshape(len(pixels), 784) / 255.0 * 0.99 + 0.01
    targets = np.full((len(labels), 10), 0.01)
    targets[np.arange(len(labels)), labels] = 0.99
    return inputs, targets


def mnist_rows(samples):
    """The first MNIST training images and labels, scaled as in the book."""
    return scaled_rows(*mnist_pixels(samples))


@pytest.mark.parametrize("bias, digits", [(False, 2000), (True, 1000)], ids=["no_bias", "bias"])
def test_mnist_shaped_784_100_10_on_real_digits(bias, digits):
    inputs, targets = mnist_rows(digits)
    network = NeuralNetwork(784, 100, 10, 0.1, bias=bias, seed=0)
    difference = compare(network, inputs, targets)
    print(f"784-100-10 bias={bias}, {digits} MNIST digits: largest difference {difference:.2e}")
    assert difference < TOLERANCE


def blas_thread_counts():
    from threadpoolctl import threadpool_info  # in the [test] extra

    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


def test_blas_runs_one_thread_while_training_and_is_restored_after_overlapping_callers():
    original = blas_thread_counts()
    assert original, "numpy's BLAS should be visible to threadpoolctl"
    seen_by_second_caller = []

    def second_caller():
        with blas_threads.one_blas_thread():
            seen_by_second_caller.extend(blas_thread_counts())

    with blas_threads.one_blas_thread():
        assert set(blas_thread_counts()) == {1}
        other = threading.Thread(target=second_caller)
        other.start()
        other.join()
        # the second caller left first: it must not have restored the count under us
        assert set(blas_thread_counts()) == {1}
    assert set(seen_by_second_caller) == {1}
    assert blas_thread_counts() == original

    network = NeuralNetwork(40, 20, 6, 0.2, seed=3)
    network.train_many(*random_rows(np.random.default_rng(0), 100, network))
    assert blas_thread_counts() == original


def test_blas_is_restored_and_no_training_thread_is_kept_when_callers_leave_in_another_order():
    """The first caller in leaves first and is still running when the last one out restores BLAS.

    threadpoolctl remembers which thread set OpenBLAS's thread count, and Streamlit hangs the
    session's whole state on each script thread (its run context): a thread kept after it ended
    kept a closed tab's network and training data on the server (docs/security.md).
    """

    class SessionState:  # what a Streamlit script thread carries
        pass

    import threadpoolctl  # in the [test] extra

    # as on a server where no thread has trained yet (here the main thread may have, in another test)
    threadpoolctl.OpenBLASController.clear_controlling_thread(force=True)
    original = blas_thread_counts()
    first_in, second_in, first_out, second_out = (threading.Event() for _ in range(4))

    def first():
        with blas_threads.one_blas_thread():
            first_in.set()
            second_in.wait(30)
        first_out.set()
        second_out.wait(30)  # still running while the second caller restores BLAS

    def second():
        first_in.wait(30)
        with blas_threads.one_blas_thread():
            second_in.set()
            first_out.wait(30)
        second_out.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    state = SessionState()
    threads[0].streamlit_script_run_ctx = state
    kept = weakref.ref(state)
    del state
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert blas_thread_counts() == original
    del threads
    gc.collect()
    assert kept() is None, "an ended training thread, and what it carried, is still held"


@pytest.mark.parametrize("layout", ["fortran", "every_other_row"])
def test_inputs_in_any_memory_layout_give_the_same_result(layout):
    network = NeuralNetwork(40, 20, 6, 0.2, bias=True, seed=6)
    inputs, targets = random_rows(np.random.default_rng(8), 2 * BLOCK_SAMPLES + 10, network)
    if layout == "fortran":
        inputs, targets = np.asfortranarray(inputs), np.asfortranarray(targets)
    else:
        inputs, targets = inputs[::2], targets[::2]
    assert compare(network, inputs, targets) < TOLERANCE


@pytest.mark.parametrize("shape", [(3, 3, 3), (40, 20, 6)], ids=["unrolled", "blocks"])
def test_weights_change_in_place_like_train(shape):
    # a page may hold on to network.wih / network.who between chunks of training
    network = NeuralNetwork(*shape, 0.3, seed=2)
    wih, who = network.wih, network.who
    before = wih.copy(), who.copy()
    network.train_many(*random_rows(np.random.default_rng(4), 100, network))
    assert network.wih is wih and network.who is who
    assert not np.array_equal(wih, before[0]) and not np.array_equal(who, before[1])


def test_the_books_best_shape_784_300_10_on_rotated_digits():
    # the configuration of the book's best result (nn.mnist --hidden 300 --lr 0.01 --rotate 10):
    # each digit followed by its +/-10 degree copies, more than one block of samples
    from nn.augment import augment

    inputs, targets = scaled_rows(*augment(*mnist_pixels(150), 10))
    network = NeuralNetwork(784, 300, 10, 0.01, seed=0)
    difference = compare(network, inputs, targets)
    print(f"784-300-10, {len(inputs)} rotated MNIST rows: largest difference {difference:.2e}")
    assert difference < TOLERANCE


def test_networks_of_one_shape_trained_in_turn_get_exactly_the_weights_each_gets_alone():
    # Calls of the same shape share a kept workspace (nn/fast/one_process.py): nothing of one
    # network, its learning rate or its rule may reach the next call's.
    rng = np.random.default_rng(12)
    first = NeuralNetwork(40, 20, 6, 0.2, rule="gradient", seed=1)
    second = NeuralNetwork(40, 20, 6, 0.6, rule="book", seed=2)
    alone = [first.copy(), second.copy()]
    rows = [random_rows(rng, 4 * BLOCK_SAMPLES, first) for _ in range(2)]
    expected = [network.train_many(*network_rows) for network, network_rows in zip(alone, rows)]
    errors = [[], []]
    for start in range(0, 4 * BLOCK_SAMPLES, BLOCK_SAMPLES):  # in turn, a block each
        for index, network in enumerate((first, second)):
            inputs, targets = rows[index]
            errors[index].append(network.train_many(inputs[start:start + BLOCK_SAMPLES],
                                                    targets[start:start + BLOCK_SAMPLES]))
    for network, twin, own, wanted in zip((first, second), alone, errors, expected):
        assert np.array_equal(network.wih, twin.wih) and np.array_equal(network.who, twin.who)
        assert np.array_equal(np.concatenate(own), wanted)


def test_networks_of_one_shape_trained_in_threads_at_once_get_exactly_the_weights_each_gets_alone():
    rng = np.random.default_rng(13)
    networks = [NeuralNetwork(40, 20, 6, 0.3, seed=seed) for seed in range(4)]
    rows = [random_rows(rng, 40 * 24, network) for network in networks]
    alone = [network.copy() for network in networks]

    def train(network, inputs, targets, start=None):
        if start:
            start.wait()
        for first in range(0, len(inputs), 24):  # many small calls, each taking and giving back a workspace
            network.train_many(inputs[first:first + 24], targets[first:first + 24])

    for twin, twin_rows in zip(alone, rows):
        train(twin, *twin_rows)
    start = threading.Barrier(len(networks))

    threads = [threading.Thread(target=train, args=(network, *network_rows, start))
               for network, network_rows in zip(networks, rows)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for network, twin in zip(networks, alone):
        assert np.array_equal(network.wih, twin.wih) and np.array_equal(network.who, twin.who)


def test_a_kept_workspace_holds_on_to_no_network_weights():
    network = NeuralNetwork(40, 20, 6, 0.3, seed=5)
    network.train_many(*random_rows(np.random.default_rng(5), 100, network))
    kept = weakref.ref(network.who)
    del network
    gc.collect()
    assert kept() is None
