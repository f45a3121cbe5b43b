"""Saved work: the session's network, its error history and its pictures as files.

Each file has a pure function (objects in, bytes out, or bytes in, network out)
that tests can call without Streamlit, and a thin ``_ui`` function that draws
the button. An upload is checked before anything is replaced, so a bad file
(not a network, a pickle, too big, the wrong shape) gets a message and the
learner keeps the network they had.

Files written:
    network.npz          NeuralNetwork.save's format (no pickles)
    error_history.csv    samples_seen, error, running_mean, epoch (one row per sample)
    error_curve.png      the error curve, drawn with matplotlib for print
    weights.png          wih and who as heatmaps in the session's palette, drawn with matplotlib for print

Messages, labels and the pictures' words are in the session's language; the files'
names and the CSV's column names are not (programs read them).
"""

from __future__ import annotations

import io
from typing import Optional, Sequence

import numpy as np
import pyarrow
import pyarrow.csv
import streamlit as st

from nn import NeuralNetwork
from nn.files import NotASavedNetwork
from nn.training import TrainingRun, error_snapshot, running_mean
from ui import plain_text
from ui.i18n import N_, _, numbers
from ui.live.curve import curve_window
from ui.messages import setting_problem
from ui.node_names import bias_name, node_labels
from ui.palettes import DEFAULT_PALETTE, Palette
from ui.session import build_lab, get_lab, set_lab
from ui.settings.display import current_palette
from ui.settings.network import LAB_SETTINGS, MAX_LIVE_HIDDEN_NODES
from ui.upload_box import upload_box

#: Largest hidden layer an uploaded network may have: the bound the live page puts on
#: what a learner can build, so an upload cannot make one classroom session hog the
#: server. (Input and output layers are fixed by the data set, at most 784 and 10.)
MAX_UPLOAD_HIDDEN_NODES = MAX_LIVE_HIDDEN_NODES

#: Largest network file accepted, in bytes: a 784-200-10 network with bias nodes
#: is 1.3 MB; the rest is headroom for the archive's own bytes.
MAX_NETWORK_FILE_BYTES = 2 * 2**20
#: The upload boxes' own limit, checked in the browser (ui/upload_box.py): the same 2, in Streamlit's megabytes.
MAX_NETWORK_FILE_MB = MAX_NETWORK_FILE_BYTES // 2**20

#: The settings a saved network carries with it (the data set and speed are the session's).
NETWORK_SETTINGS = ("hidden_nodes", "learning_rate", "init", "bias", "rule", "seed")

#: The running mean saved is the one the live page's curve draws: one window, defined in ui.live.curve.
running_mean_window = curve_window

#: Why nn/ refused a file (NotASavedNetwork.fault), worded for the learner with the figures nn/ gave;
#: a fault not listed is shown as nn/ wrote it.
_REFUSAL_REASONS = {
    "not_npz": N_("it is not a .npz archive"),
    "empty": N_("the archive is empty"),
    "damaged": N_("the archive is damaged"),
    # Translators: {count} is how many files the archive holds
    "too_many_members": N_("the archive holds {count} files; a saved network holds about 11"),
    "unpacks_too_much": N_("the archive unpacks to {unpacked} bytes, more than the {allowed} allowed"),
    # Translators: {member} is a file's name inside the archive, as the file has it
    "not_an_array": N_("{member} in the archive is not an array (.npy)"),
    "wrong_size": N_("{member} in the archive is not the size it says"),
    "wrong_kind": N_("{member} holds {kind}, which a saved network never has"),
    # Translators: {field} is the saved network's field, the book's code name (hidden_nodes, learning_rate, ...)
    "wrong_type": N_("{field} is not one value of the right type"),
    "format_version": N_("it was saved in format version {version}; this program reads version {reads}"),
    "wrong_weights": N_("{field} should be decimal numbers in the shape {expected}; it has the shape {shape}"),
    "not_finite": N_("{field} holds values that are not finite numbers"),
    # Translators: {names} lists the fields a saved network lacks, e.g. "wih, who"
    "missing": N_("missing {names}"),
}
#: What a refused array holds, by numpy's kind letter (the kinds a saved network never has).
_ARRAY_KINDS = {"c": N_("complex numbers"), "S": N_("raw bytes"), "M": N_("dates"), "m": N_("time spans"),
                "V": N_("records of several fields")}


class UploadError(ValueError):
    """An uploaded file that cannot become this session's network; the message is for the learner."""


# -- the network --------------------------------------------------------------------


def network_to_bytes(network: NeuralNetwork) -> bytes:
    """The network as the bytes of a ``.npz`` file (``NeuralNetwork.save``'s format)."""
    buffer = io.BytesIO()
    network.save(buffer)
    return buffer.getvalue()


def network_from_bytes(
    data: bytes,
    *,
    input_nodes: Optional[int] = None,
    output_nodes: Optional[int] = None,
    dataset: str = "",
    max_bytes: int = MAX_NETWORK_FILE_BYTES,
    max_hidden_nodes: int = MAX_UPLOAD_HIDDEN_NODES,
    saved_by: str = "",
    data_set_chosen_here: bool = True,
) -> NeuralNetwork:
    """A network read from an uploaded file, or UploadError saying what is wrong.

    ``input_nodes``/``output_nodes`` (when given) are what the session's data
    set needs: a network of another shape could not train on it. ``dataset`` names
    that set in the message ("the data set 'XOR'"); by default "the current data set".
    ``saved_by`` is the name of the page's button that saves a network, as the learner reads it
    (by default 'Download the network'; the MNIST workshop's is 'Save this network'), and
    ``data_set_chosen_here`` whether the page has a data set to choose (the MNIST workshop has not:
    a network of another shape is sent to the live page, which has).
    """
    saved_by = saved_by or _("Download the network")
    size = len(data)
    if size > max_bytes:
        raise UploadError(_(
            "The file is {size}; a saved network here is at most {most} (up to {hidden} hidden nodes)."
        ).format(size=_megabytes(size), most=_megabytes(max_bytes), hidden=max_hidden_nodes))
    try:
        network = NeuralNetwork.load(io.BytesIO(data), max_bytes=max_bytes)
    except NotASavedNetwork as problem:
        if problem.pickled:
            raise _pickle_refused(saved_by) from None
        raise UploadError(_(
            "This file is not a saved network: {reason}. A network file is the .npz file "
            "that '{button}' gives you."
        ).format(reason=_refusal_reason(problem), button=saved_by)) from None

    if network.hidden_nodes > max_hidden_nodes:
        raise UploadError(_(
            "This network has {hidden} hidden nodes; a live session here allows at most {most}."
        ).format(hidden=network.hidden_nodes, most=max_hidden_nodes))
    wanted = (input_nodes, output_nodes)
    if None not in wanted and (network.input_nodes, network.output_nodes) != wanted:
        what_to_do = (_("Choose the data set it was trained on, then upload it again.") if data_set_chosen_here else
                      _("A network for another data set loads on the Watch it learn page, once that data set is "
                        "chosen there."))
        raise UploadError(_(
            "This network has {inputs} input and {outputs} output nodes, but {dataset} needs "
            "{wanted_inputs} input and {wanted_outputs} output nodes."
        ).format(inputs=network.input_nodes, outputs=network.output_nodes, dataset=dataset or _("the current data set"),
                 wanted_inputs=input_nodes, wanted_outputs=output_nodes) + " " + what_to_do)
    return network


def _pickle_refused(saved_by: str) -> UploadError:
    return UploadError(_(
        "This file holds a Python pickle. Opening a pickle can run any code, so this "
        "dashboard never opens one: upload the .npz file that '{button}' gives you."
    ).format(button=saved_by))


def _refusal_reason(problem: NotASavedNetwork) -> str:
    """Why nn/ refused a file, in the session's language (names from the file are shown as they are)."""
    if problem.fault == "bad_setting":
        return setting_problem(problem.figures["setting"])
    if problem.fault not in _REFUSAL_REASONS:
        return problem.reason
    figures = dict(problem.figures)
    if "member" in figures:
        figures["member"] = repr(figures["member"])
    if "names" in figures:  # the field names are the file's own (wih, who, ...): never translated
        figures["names"] = ", ".join(figures["names"])
    if "kind" in figures:
        figures["kind"] = _(_ARRAY_KINDS.get(figures["kind"], N_("values of another kind")))
    for count in ("count", "unpacked", "allowed", "version", "reads"):
        if count in figures:
            figures[count] = numbers.integer(figures[count])
    return _(_REFUSAL_REASONS[problem.fault]).format(**figures)


def _megabytes(size: int) -> str:
    # Translators: a file size in megabytes ("1.3 MB")
    return _("{size} MB").format(size=numbers.decimal(size / 2**20, 1))


# -- the error history -------------------------------------------------------------


_CSV_HEADER = b"samples_seen,error,running_mean,epoch\n"
_CSV_OPTIONS = pyarrow.csv.WriteOptions(include_header=False, quoting_style="none")


def history_csv(run: TrainingRun, window: Optional[int] = None) -> bytes:
    """The run's error history as CSV, one row per sample, exactly the numbers nn/ recorded.

    Columns: samples_seen (1 for the first sample), error (1/2 sum (t - o)^2 before
    that sample's update), running_mean (of the last ``window`` errors, by default
    as on the live page), epoch (1 for the first pass over the data set).
    Each float is written as the shortest text that reads back as the same float (``repr``'s
    digits, without an exponent: 0.00001, not 1e-05). Made only when the learner presses the
    button, by Arrow's CSV writer: compiled code that does not hold Python's lock, so other
    learners' pages go on meanwhile, and a sixth of the CPU of the Python joins it replaced
    (``python benchmarks/history_csv.py``, docs/security.md).
    """
    errors = error_snapshot(run.errors)  # as they are now: a run training meanwhile adds to them
    table = pyarrow.table({
        "samples_seen": np.arange(1, errors.size + 1),
        "error": errors,
        "running_mean": running_mean(errors, window or running_mean_window(run.epoch_size)),
        "epoch": np.arange(errors.size) // run.epoch_size + 1,
    })
    out = pyarrow.BufferOutputStream()
    out.write(_CSV_HEADER)
    pyarrow.csv.write_csv(table, out, write_options=_CSV_OPTIONS)
    return out.getvalue().to_pybytes()


# -- pictures for print --------------------------------------------------------------


def error_curve_png(
    errors: Sequence[float],
    running_mean: Sequence[float],
    epoch_starts: Sequence[int] = (),
    *,
    title: Optional[str] = None,
) -> bytes:
    """The error curve as a PNG: each sample's error, its running mean, epochs marked.

    Its words and numbers are in the session's language; ``title`` by default "Error while learning".
    """
    from matplotlib.figure import Figure  # heavy: imported only when a picture is asked for

    figure = Figure(figsize=(8, 4.5), layout="constrained")
    axes = figure.subplots()
    samples_seen = np.arange(1, len(errors) + 1)
    axes.plot(samples_seen, errors, color="#9aa5b1", linewidth=0.6, label=_("error of each sample"))
    axes.plot(samples_seen, running_mean, color="#1f3b73", linewidth=2, label=_("running mean"))
    # Mark at most about ten epoch starts: a small teaching set has hundreds of epochs.
    every = max(1, -(-len(epoch_starts) // 10))
    for number, start in list(enumerate(epoch_starts, start=2))[every - 1 :: every]:
        axes.axvline(start, color="#c77c02", linewidth=0.8, linestyle="--")
        axes.annotate(_("epoch {number}").format(number=numbers.integer(number)), (start, 0), xycoords=("data", "axes fraction"),
                      xytext=(3, 4), textcoords="offset points", fontsize=8, color="#c77c02")
    axes.set_xlabel(_("samples seen"))
    axes.set_ylabel(_("error  ½ Σ (target − output)²"))
    axes.set_title(title if title is not None else _("Error while learning"))
    axes.set_ylim(bottom=0)
    axes.legend(loc="upper right")
    _numbers_in_language(axes)
    return _png(figure)


def weights_png(
    wih: np.ndarray,
    who: np.ndarray,
    *,
    input_labels: Sequence[str] = (),
    output_labels: Sequence[str] = (),
    title: Optional[str] = None,
    palette: Palette = DEFAULT_PALETTE,
) -> bytes:
    """``wih`` and ``who`` as heatmaps on symmetric diverging scales, in ``palette`` (as every weight picture).

    ``input_labels``/``output_labels`` name the nodes as the pages do (ui.node_names); ``title``
    is by default "Weights", in the session's language.
    """
    return _png(weights_figure(wih, who, input_labels=input_labels, output_labels=output_labels, title=title,
                               palette=palette))


def weights_figure(wih: np.ndarray, who: np.ndarray, *, input_labels: Sequence[str] = (),
                   output_labels: Sequence[str] = (), title: Optional[str] = None, palette: Palette = DEFAULT_PALETTE):
    """The matplotlib figure :func:`weights_png` saves (a test can measure where its words fall)."""
    from matplotlib.colors import ListedColormap
    from matplotlib.figure import Figure

    figure = Figure(figsize=(11, 5), layout="constrained")
    left, right = figure.subplots(1, 2, width_ratios=[max(wih.shape[1], 4), max(who.shape[1], 4)])
    hidden_labels = list(node_labels(1, wih.shape[0], 1)["hidden"])
    colours = ListedColormap(palette.lut / 255, name=palette.name)
    legend = _("weight: {positive} positive, {zero} zero, {negative} negative").format(
        positive=palette.positive_word, zero=palette.zero_word, negative=palette.negative_word)
    _heatmap(left, wih, _("wih: input → hidden"), hidden_labels, list(input_labels), figure, colours, legend)
    _heatmap(right, who, _("who: hidden → output"), list(output_labels), hidden_labels, figure, colours, legend)
    figure.suptitle(title if title is not None else _("Weights"))
    return figure


def _heatmap(axes, weights, title, row_labels, column_labels, figure, colours, legend) -> None:
    largest = float(np.abs(weights).max()) or 1.0
    image = axes.imshow(weights, cmap=colours, vmin=-largest, vmax=largest, aspect="auto",
                        interpolation="nearest")
    axes.set_title(title)
    rows, columns = weights.shape
    # Small matrices get a name on every row and column; the bias node is the extra last column.
    if rows <= 30 and len(row_labels) >= rows:
        axes.set_yticks(range(rows), row_labels[:rows], fontsize=8)
    if columns <= 30 and column_labels:
        names = (list(column_labels) + [bias_name()])[:columns]
        axes.set_xticks(range(len(names)), names, rotation=90, fontsize=8)
    axes.set_xlabel(_("from (columns)"))
    axes.set_ylabel(_("to (rows)"))
    colour_bar = figure.colorbar(image, ax=axes, shrink=0.8)
    colour_bar.set_label(legend)
    _numbers_in_language(colour_bar.ax)


def _numbers_in_language(axes) -> None:
    """The axes' tick numbers with the session's decimal sign (0,5 in Russian), as matplotlib chose them."""
    from matplotlib.ticker import ScalarFormatter

    sign = numbers.decimal_sign()
    if sign == ".":
        return

    class InLanguage(ScalarFormatter):
        def __call__(self, x, pos=None):
            return super().__call__(x, pos).replace(".", sign)

    for axis in (axes.xaxis, axes.yaxis):
        if isinstance(axis.get_major_formatter(), ScalarFormatter):
            axis.set_major_formatter(InLanguage())


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=150)
    return buffer.getvalue()


# -- the widgets ---------------------------------------------------------------------


def network_settings(network: NeuralNetwork, current: dict) -> dict:
    """The session's settings with the uploaded network's own (checked against the settings table).

    A network saved without a seed keeps the session's seed: Reset then starts from that seed.
    """
    carried = {name: getattr(network, name) for name in NETWORK_SETTINGS}
    if carried["seed"] is None:
        carried["seed"] = current["seed"]
    values, problems = LAB_SETTINGS.check_all({**current, **carried})
    if problems:
        raise UploadError("This network's settings do not fit a live session here: " + "; ".join(problems) + ".")
    return values


def replace_network(lab, network: NeuralNetwork, key_prefix: str) -> None:
    """Make ``network`` the session's network on the same data set, with a fresh error history.

    The session's settings, and the page's widgets for them (keys ``{key_prefix}_{name}``),
    take the network's values, so the page does not rebuild the network it was just given.
    """
    values = network_settings(network, lab.settings)
    fresh = build_lab(values)
    fresh.run = TrainingRun(network, fresh.run.inputs, fresh.run.targets)
    set_lab(fresh)
    for name in NETWORK_SETTINGS:
        key = f"{key_prefix}_{name}"
        if key in st.session_state:
            st.session_state[key] = values[name]


def saved_work_ui(
    lab,
    *,
    key_prefix: str,
    input_labels: Sequence[str] = (),
    output_labels: Sequence[str] = (),
) -> None:
    """Download buttons for the network, the error history and two pictures, and a network upload.

    Files are made only when a button is pressed (Streamlit calls the function then),
    so a page that reruns several times a second pays nothing for them.
    ``key_prefix`` is the page's widget prefix: an uploaded network's settings are shown
    in the page's own setting widgets.
    """
    save_network_ui(lab, key_prefix=key_prefix)
    save_history_ui(lab, key_prefix=key_prefix)
    save_pictures_ui(lab, key_prefix=key_prefix, input_labels=input_labels, output_labels=output_labels)
    load_network_ui(key_prefix=key_prefix)


def save_network_ui(lab, *, key_prefix: str) -> None:
    st.download_button(
        _("Download the network (.npz)"),
        data=lambda: network_to_bytes(lab.network),
        file_name="network.npz",
        mime="application/octet-stream",
        key=f"{key_prefix}_save_network",
        on_click="ignore",
        width="stretch",
        help=_("Every weight (wih, who) and setting of this network, to upload again later "
               "or open with numpy.load."),
    )


def save_history_ui(lab, *, key_prefix: str) -> None:
    st.download_button(
        _("Download the error history (.csv)"),
        data=lambda: history_csv(lab.run),
        file_name="error_history.csv",
        mime="text/csv",
        key=f"{key_prefix}_save_history",
        on_click="ignore",
        width="stretch",
        help=_("One row per sample trained: samples_seen, error, running_mean (as the live page's curve "
               "draws it: over whole epochs of a small set, about 20 samples, and 100 samples at most) "
               "and epoch, for a spreadsheet."),
    )


def save_pictures_ui(lab, *, key_prefix: str, input_labels=(), output_labels=()) -> None:
    run = lab.run
    palette = current_palette()
    st.download_button(
        _("Download the error curve (.png)"),
        data=lambda: error_curve_png(
            error_snapshot(run.errors), run.running_mean(running_mean_window(run.epoch_size)), run.epoch_starts()
        ),
        file_name="error_curve.png",
        mime="image/png",
        key=f"{key_prefix}_save_error_curve",
        on_click="ignore",
        width="stretch",
        help=_("The error curve drawn for print: each sample's error, its running mean, epochs marked."),
    )
    st.download_button(
        _("Download the weights (.png)"),
        data=lambda: weights_png(run.network.wih, run.network.who,
                                 input_labels=input_labels, output_labels=output_labels, palette=palette),
        file_name="weights.png",
        mime="image/png",
        key=f"{key_prefix}_save_weights",
        on_click="ignore",
        width="stretch",
        help=_("wih and who as heatmaps drawn for print, in the weight colours chosen: "
               "{positive} positive, {zero} zero, {negative} negative.").format(
            positive=palette.positive_word, zero=palette.zero_word, negative=palette.negative_word),
    )


def load_network_ui(*, key_prefix: str) -> None:
    """An upload box for a saved network; a bad file is refused with a message, the current network kept."""
    key = f"{key_prefix}_load_network"
    message_key = f"{key}_message"
    upload_box(
        _("Upload a saved network (a .npz file of at most {size} MB)").format(size=MAX_NETWORK_FILE_MB),
        type=["npz"],
        key=key,
        box_name=_("Upload a saved network"),
        max_mb=MAX_NETWORK_FILE_MB,
        on_change=_network_uploaded,
        args=(key, message_key, key_prefix),
        help=_("A network file from 'Download the network'. It must fit the current data set "
               "(same input and output nodes) and have at most {most} hidden nodes.").format(
            most=MAX_UPLOAD_HIDDEN_NODES),
    )
    # The message is about the file in the box: when the box no longer holds it (cleared, or
    # replaced by a file the browser refused), the message goes too.
    outcome = st.session_state.get(message_key)
    held = st.session_state.get(key)
    if outcome and held is not None and outcome[0] == held.file_id:
        _file, kind, text = outcome
        (plain_text.success if kind == "success" else plain_text.error)(text)


def _network_uploaded(key: str, message_key: str, key_prefix: str) -> None:
    """Runs once per new upload (the uploader's on_change), before the page script."""
    lab = get_lab()  # the session's lab as it is now, not as it was when the box was drawn
    uploaded = st.session_state.get(key)
    if uploaded is None:  # the learner cleared the box
        st.session_state.pop(message_key, None)
        return
    try:
        loaded = network_from_bytes(
            uploaded.getvalue(),
            input_nodes=lab.network.input_nodes,
            output_nodes=lab.network.output_nodes,
            dataset=_("the data set '{name}'").format(name=_(lab.dataset)),
        )
        replace_network(lab, loaded, key_prefix)
    except UploadError as exc:
        st.session_state[message_key] = (uploaded.file_id, "error",
                                         _("Upload refused, your network is unchanged. {why}").format(why=exc))
        return
    shape = f"{loaded.input_nodes}-{loaded.hidden_nodes}-{loaded.output_nodes}"
    words = (_("Loaded a {shape} network (learning rate {rate}, init {init}, bias on).") if loaded.bias else
             _("Loaded a {shape} network (learning rate {rate}, init {init}, bias off)."))
    st.session_state[message_key] = (
        uploaded.file_id, "success",
        # the starting weights' name as the settings menu shows it ("normal" / "нормальные")
        words.format(shape=shape, rate=numbers.general(loaded.learning_rate), init=_(loaded.init)),
    )
