"""Saved work: files round-trip exactly, and every bad upload is refused with its own message."""

from __future__ import annotations

import array
import csv
import io
import pickle
import zipfile

import numpy as np
import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from conftest import message_text


from nn import NeuralNetwork
from nn.teaching_sets import TEACHING_SETS
from nn.training import TrainingRun, running_mean
from ui.saved_work import (
    MAX_NETWORK_FILE_BYTES,
    MAX_UPLOAD_HIDDEN_NODES,
    UploadError,
    error_curve_png,
    history_csv,
    network_from_bytes,
    network_to_bytes,
    weights_png,
)

XOR = TEACHING_SETS["XOR"]


def trained_run(samples=37, **settings) -> TrainingRun:
    network = NeuralNetwork(XOR.input_nodes, 4, XOR.output_nodes, 0.3, seed=5, **settings)
    run = TrainingRun(network, XOR.inputs, XOR.targets)
    run.train(samples)
    return run


def npz_bytes(**arrays) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def saved_fields(network: NeuralNetwork) -> dict:
    with np.load(io.BytesIO(network_to_bytes(network))) as archive:
        return {name: archive[name] for name in archive.files}


# -- round trips ---------------------------------------------------------------------


@pytest.mark.parametrize("bias", [False, True])
def test_a_downloaded_network_uploads_back_with_every_weight_and_setting(bias):
    network = trained_run(bias=bias, init="uniform", rule="gradient").network
    loaded = network_from_bytes(network_to_bytes(network), input_nodes=2, output_nodes=1)
    assert np.array_equal(loaded.wih, network.wih) and np.array_equal(loaded.who, network.who)
    assert repr(loaded) == repr(network)
    inputs = XOR.inputs[1]
    assert np.array_equal(loaded.query(inputs), network.query(inputs))


def test_the_history_csv_holds_exactly_the_errors_nn_recorded():
    run = trained_run(samples=11)  # XOR has 4 samples: epochs 1, 2 and part of 3
    rows = list(csv.DictReader(io.StringIO(history_csv(run, window=3).decode())))
    assert [int(row["samples_seen"]) for row in rows] == list(range(1, 12))
    assert [float(row["error"]) for row in rows] == list(run.errors)
    assert [float(row["running_mean"]) for row in rows] == run.running_mean(3).tolist()
    assert [int(row["epoch"]) for row in rows] == [1] * 4 + [2] * 4 + [3] * 3


def test_the_history_csv_after_a_rolled_back_slice_holds_what_was_trained_before_it():
    run = trained_run(samples=9)
    trained = list(run.errors)
    run.network.who[0, 0] = np.inf  # the next slice's errors are NaN: it is rolled back
    assert run.train(5) == 0 and run.diverged
    rows = list(csv.DictReader(io.StringIO(history_csv(run, window=3).decode())))
    assert [float(row["error"]) for row in rows] == trained
    assert [float(row["running_mean"]) for row in rows] == running_mean(trained, 3).tolist()


def test_an_empty_history_is_a_csv_with_just_its_header():
    run = trained_run(samples=0)
    assert history_csv(run).decode().splitlines() == ["samples_seen,error,running_mean,epoch"]


def test_a_long_history_with_tiny_and_huge_errors_reads_back_exactly():
    run = trained_run(samples=5000)  # more rows than the CSV writer's batches
    run.errors[10:16] = array.array("d", [5e-324, 1e-05, 0.1, 1.0, 123456789.0, 1e300])  # as extreme as a float's text gets
    rows = list(csv.DictReader(io.StringIO(history_csv(run, window=7).decode())))
    assert [float(row["error"]) for row in rows] == list(run.errors)
    assert [float(row["running_mean"]) for row in rows] == run.running_mean(7).tolist()
    assert [int(row["samples_seen"]) for row in rows] == list(range(1, 5001))
    assert [int(row["epoch"]) for row in rows] == [n // 4 + 1 for n in range(5000)]


def test_the_history_csv_is_made_only_when_its_button_is_pressed_and_holds_the_sessions_history(monkeypatch):
    """The page registers a callable with Streamlit; only a click (Streamlit calling it) makes the file."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    import ui.saved_work

    made, registered = [], {}
    real_history_csv = ui.saved_work.history_csv
    monkeypatch.setattr(ui.saved_work, "history_csv", lambda *a, **k: made.append(1) or real_history_csv(*a, **k))
    real_add_deferred = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **options):
        registered[file_name] = data_callable
        return real_add_deferred(self, data_callable, mimetype, coordinates, file_name=file_name, **options)

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    at = started_app()
    at.session_state["lab"].run.train(37)
    at.run()
    assert not at.exception
    assert made == [], "the page ran without anyone asking for the file"
    rows = list(csv.DictReader(io.StringIO(registered["error_history.csv"]().decode())))
    assert made == [1]
    assert [float(row["error"]) for row in rows] == list(at.session_state["lab"].run.errors)
    assert len(rows) == 37


def test_the_weights_picture_shows_positive_weights_blue_and_negative_red():
    wih = np.ones((3, 2))
    who = -np.ones((1, 3))
    picture = Image.open(io.BytesIO(weights_png(wih, who))).convert("RGB")
    pixels = np.asarray(picture).reshape(-1, 3).astype(int)
    strongly_blue = (pixels[:, 2] - pixels[:, 0] > 50).sum()
    strongly_red = (pixels[:, 0] - pixels[:, 2] > 50).sum()
    assert picture.format is None and picture.size == (1650, 750)
    # both heatmaps fill a large area in their colour (the colour bars add a little of each)
    assert strongly_blue > 50_000 and strongly_red > 50_000


def test_the_error_curve_picture_is_a_png_of_print_size():
    run = trained_run(samples=40)
    data = error_curve_png(run.errors, run.running_mean(10), run.epoch_starts())
    assert data.startswith(b"\x89PNG")
    assert Image.open(io.BytesIO(data)).size == (1200, 675)


# -- bad uploads ----------------------------------------------------------------------


def refusal(data: bytes, **fit) -> str:
    with pytest.raises(UploadError) as caught:
        network_from_bytes(data, **fit)
    return str(caught.value)


def test_a_file_that_is_not_a_network_is_refused():
    assert "not a saved network" in refusal(b"samples_seen,error\n1,0.2\n")
    assert "not a saved network" in refusal(b"\x89PNG\r\n\x1a\n" + bytes(100))


def test_a_pickle_is_never_opened():
    network = trained_run().network
    assert "pickle" in refusal(pickle.dumps(network))
    assert "never opens one" in refusal(pickle.dumps(network))


def test_an_npz_holding_pickled_objects_is_refused_before_numpy_reads_it():
    fields = saved_fields(trained_run().network)
    fields["wih"] = np.array([{"a": 1}, None], dtype=object)
    assert "pickle" in refusal(npz_bytes(**fields))


def test_a_network_file_with_wrong_shaped_weights_is_refused():
    fields = saved_fields(trained_run().network)
    fields["wih"] = np.zeros((4, 5))
    message = refusal(npz_bytes(**fields))
    assert "wih" in message and "(4, 2)" in message


def test_an_npz_missing_the_weights_is_refused_naming_them():
    fields = saved_fields(trained_run().network)
    del fields["who"]
    assert "missing who" in refusal(npz_bytes(**fields))


def test_a_truncated_network_file_is_refused():
    data = network_to_bytes(trained_run().network)
    assert "network" in refusal(data[: len(data) // 2])


def test_a_file_over_the_size_limit_is_refused_before_it_is_read():
    data = network_to_bytes(trained_run().network)
    message = refusal(data, max_bytes=len(data) - 1)
    assert "at most" in message and "MB" in message
    assert "at most" in refusal(b"PK\x03\x04" + bytes(MAX_NETWORK_FILE_BYTES))


def test_a_small_archive_that_unpacks_to_too_much_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("wih.npy", bytes(MAX_NETWORK_FILE_BYTES + 1))
    assert len(buffer.getvalue()) < 100_000
    assert "unpacks to" in refusal(buffer.getvalue())


def test_a_network_for_another_data_set_is_refused_naming_both_shapes():
    mnist_shaped = NeuralNetwork(784, 20, 10, 0.1, seed=1)
    message = refusal(network_to_bytes(mnist_shaped), input_nodes=2, output_nodes=1, dataset="XOR")
    assert "784 input and 10 output" in message and "XOR needs 2 input and 1 output" in message


def test_a_network_bigger_than_a_live_session_allows_is_refused():
    too_big = NeuralNetwork(2, MAX_UPLOAD_HIDDEN_NODES + 1, 1, 0.1, seed=1)
    assert f"at most {MAX_UPLOAD_HIDDEN_NODES}" in refusal(network_to_bytes(too_big), max_bytes=10 * 2**20)


# -- the widgets, through Streamlit ---------------------------------------------------


def saved_work_app():
    import streamlit as st

    from ui.saved_work import saved_work_ui
    from ui.session import get_lab

    lab = get_lab()
    saved_work_ui(lab, key_prefix="test")
    st.write(f"weights checksum {lab.network.wih.sum()!r}")


def started_app() -> AppTest:
    at = AppTest.from_function(saved_work_app, default_timeout=30)
    at.run()
    assert not at.exception
    return at


def test_every_saved_work_widget_has_help_text():
    at = started_app()
    assert len(at.get("download_button")) == 4
    assert all(button.help for button in at.get("download_button"))
    assert all(box.help for box in at.get("file_uploader"))


def test_uploading_a_saved_network_makes_it_the_sessions_network():
    at = started_app()
    lab = at.session_state["lab"]
    other = NeuralNetwork(lab.network.input_nodes, 7, lab.network.output_nodes, 0.05, bias=True, seed=99)
    at.get("file_uploader")[0].set_value(("network.npz", network_to_bytes(other), "application/octet-stream"))
    at.run()
    assert not at.exception
    now = at.session_state["lab"].network
    assert np.array_equal(now.wih, other.wih) and np.array_equal(now.who, other.who)
    assert at.session_state["lab"].dataset == lab.dataset
    assert "Loaded a 3-7-3 network" in message_text(at.success[0])
    assert at.session_state["lab"].settings["hidden_nodes"] == 7 and at.session_state["lab"].settings["bias"] is True


@pytest.mark.parametrize(
    "content, words",
    [
        (b"not a network at all", "not a saved network"),
        (pickle.dumps({"wih": 1}), "pickle"),
        (network_to_bytes(NeuralNetwork(784, 10, 10, 0.1, seed=1)), "784 input and 10 output"),
    ],
)
def test_a_bad_upload_shows_an_error_and_keeps_the_network(content, words):
    at = started_app()
    before = at.session_state["lab"].network
    weights_before = before.wih.copy()
    at.get("file_uploader")[0].set_value(("upload.npz", content, "application/octet-stream"))
    at.run()
    assert not at.exception
    assert words in message_text(at.error[0]) and "your network is unchanged" in message_text(at.error[0])
    assert at.session_state["lab"].network is before
    assert np.array_equal(at.session_state["lab"].network.wih, weights_before)


def test_a_network_whose_settings_a_live_session_does_not_allow_is_refused():
    from ui.saved_work import network_settings
    from ui.live.settings import LIVE_SETTINGS

    defaults = LIVE_SETTINGS.defaults

    slow = NeuralNetwork(2, 4, 1, 0.00001, seed=3)
    with pytest.raises(UploadError, match="learning_rate must be"):
        network_settings(slow, defaults())
    unseeded = NeuralNetwork(2, 4, 1, 0.2, init="positive")
    assert network_settings(unseeded, {**defaults(), "seed": 77}) == {
        **defaults(), "hidden_nodes": 4, "learning_rate": 0.2, "init": "positive", "seed": 77,
    }


def test_the_history_csv_running_mean_is_the_one_the_live_pages_curve_draws():
    from ui.live.curve import ErrorHistory, curve_window

    run = trained_run(samples=30)  # XOR: 4 samples an epoch, so the window spans several epochs
    curve = ErrorHistory()
    curve.follow(run.errors)
    drawn = curve.points(curve_window(run.epoch_size), most=len(run.errors))  # every sample a point
    rows = list(csv.DictReader(io.StringIO(history_csv(run).decode())))
    assert [float(row["running_mean"]) for row in rows] == drawn.means.tolist()
    assert curve_window(run.epoch_size) > run.epoch_size, "a window of one epoch would not test the live curve's own"


def crafted_upload(kind: str) -> bytes:
    """A network file altered the way a hostile visitor would: one member replaced."""
    network = NeuralNetwork(XOR.input_nodes, 4, XOR.output_nodes, 0.3, seed=2)
    members = {f"{name}.npy": value for name, value in saved_fields(network).items()}
    if kind == "a member that is not an array":
        members["wih.npy"] = b"raw bytes, not a .npy array"
    elif kind == "weights wider than float64":
        members["wih.npy"] = np.full(network.wih.shape, np.longdouble("1e400"))
    elif kind == "a header claiming a huge shape":
        members["who.npy"] = b"\x93NUMPY\x01\x00\x76\x00" + (
            b"{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }".ljust(117) + b"\n") + bytes(8)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, value in members.items():
            if isinstance(value, bytes):
                archive.writestr(name, value)
            else:
                with archive.open(name, "w") as member:
                    np.lib.format.write_array(member, np.asanyarray(value))
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["a member that is not an array", "weights wider than float64",
                                  "a header claiming a huge shape"])
def test_a_crafted_network_file_is_not_a_saved_network_and_the_network_is_kept(kind):
    at = started_app()
    before = at.session_state["lab"].network
    weights_before = before.wih.copy()
    at.get("file_uploader")[0].set_value(("crafted.npz", crafted_upload(kind), "application/octet-stream"))
    at.run()
    assert not at.exception
    assert "not a saved network" in message_text(at.error[0]) and "your network is unchanged" in message_text(at.error[0])
    assert at.session_state["lab"].network is before
    assert np.array_equal(before.wih, weights_before)


def test_the_message_about_an_upload_goes_when_the_box_no_longer_holds_that_file():
    at = started_app()
    at.get("file_uploader")[0].set_value(("bad.npz", b"not a network", "application/octet-stream"))
    at.run()
    assert at.error and "not a saved network" in message_text(at.error[0])
    at.get("file_uploader")[0].set_value(None)  # cleared, or replaced by a file the browser refused
    at.run()
    assert not at.exception and not at.error and not at.success


def test_the_upload_box_says_in_words_what_it_accepts():
    at = started_app()
    label = at.get("file_uploader")[0].label
    assert ".npz" in label and f"{MAX_NETWORK_FILE_BYTES // 2**20} MB" in label


def broken_upload(fault: str) -> bytes:
    """A network file broken in one of the ways nn.files and NeuralNetwork.load each name on their own."""
    network = trained_run().network
    fields = saved_fields(network)
    members = None
    if fault == "damaged":
        data = network_to_bytes(network)
        return data[: len(data) // 2]
    if fault == "not an array":
        members = {"wih.npy": b"raw bytes, not a .npy array"}
    elif fault == "not a .npy member":
        members = {"wih": b"0.1 0.2"}
    elif fault == "too many members":
        members = {f"w{number}.npy": b"" for number in range(40)}
    elif fault == "complex values":
        fields["wih"] = fields["wih"].astype(complex)
    elif fault == "wrong type":
        fields["hidden_nodes"] = np.array([4, 4])
    elif fault == "format version":
        fields["format_version"] = np.array(99)
    elif fault == "bad setting":
        fields["hidden_nodes"] = np.array(0)  # a value, as the file holds it, is shown as it is
    elif fault == "wrong weights":
        fields["wih"] = np.zeros((4, 5))
    elif fault == "not finite":
        fields["who"] = np.full(fields["who"].shape, np.nan)
    elif fault == "missing":
        del fields["who"]
    if members is None:
        return npz_bytes(**fields)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize("fault", ["damaged", "not an array", "not a .npy member", "too many members",
                                   "complex values", "wrong type", "format version", "bad setting",
                                   "wrong weights", "not finite", "missing"])
def test_why_an_upload_is_refused_is_said_in_russian_on_a_russian_page(fault):
    from tests.i18n.untranslated import english_words
    from ui.i18n import speaking

    english = refusal(broken_upload(fault), input_nodes=2, output_nodes=1)
    with speaking("ru"):
        russian = refusal(broken_upload(fault), input_nodes=2, output_nodes=1)
    assert "не сохранённая сеть" in russian
    assert english_words(russian) == [], f"{russian!r} (in English: {english!r})"
