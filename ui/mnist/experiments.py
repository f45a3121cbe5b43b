"""The workshop's Experiments tab: the book's sweeps and its rotation trick, with the time they take said first."""

from __future__ import annotations

import dataclasses
from typing import Optional

import streamlit as st

from nn.augment import rotated_copies
from nn.data import load_mnist
from nn.experiments import SWEEPABLE, Config, Stage, book_results_for, compare_rotations, estimate_seconds, \
    samples_per_second, sweep
from nn.network import INITS
from ui import plain_text
from ui.i18n import N_, _, ngettext, numbers
from ui.i18n.widget_language import redraw_in_language
from ui.heavy_jobs import MAX_EXPERIMENT_SECONDS, SLOTS, experiment_busy, experiment_too_big, session_holder, \
    yield_to_pages
from ui.mnist import charts as mnist_charts
from ui.mnist.choices import INIT_WORDS, choice_options, shown_as
from ui.mnist.settings import MNIST_SETTINGS
from ui.mnist.state import chosen_settings
from ui.settings.widgets import checked, setting_ui

SPEEDS_KEY = "mnist_speeds"  # measured samples/s by hidden nodes, this session


@dataclasses.dataclass(frozen=True)
class Sweepable:
    """A setting a sweep can vary (one of :data:`nn.experiments.SWEEPABLE`): its label, values to try, help.

    The label and help are English, marked for the catalogue; they are translated where they are shown."""

    label: str
    values: tuple
    help: str


SWEEPS = {
    "learning_rate": Sweepable(N_("learning rate"), (0.01, 0.1, 0.3, 0.6),
                               N_("How far each sample moves the weights. The book found 0.1 to 0.3 best for one "
                                  "epoch.")),
    "hidden_nodes": Sweepable(N_("hidden nodes"), (10, 50, 100, 200),
                              N_("How many nodes in the hidden layer. More can learn more, but each sample costs "
                                 "more.")),
    "epochs": Sweepable(N_("epochs"), (1, 2, 3, 5),
                        N_("How many times the whole training set is used. The book found 5 to 7 best at lr 0.1.")),
    "init": Sweepable(N_("starting weights"), INITS,
                      N_("normal: standard deviation 1/√(incoming links), the book's final choice, as its text "
                         "says (some copies of its code use the receiving layer's size); uniform: −0.5..0.5, "
                         "the book's first try; positive: 0..1, not in the book, which saturates the sigmoids.")),
}
assert tuple(SWEEPS) == SWEEPABLE, "one entry per setting nn.experiments can sweep, in its order"


def stage_words(stage: Optional[Stage], run_name) -> str:
    """What the progress bar says: which run (``run_name(value)``), which epoch; "done" at the end."""
    if stage is None:
        return _("done")
    if stage.value is None:
        return _("epoch {epoch} of {epochs}").format(epoch=stage.epoch, epochs=stage.epochs)
    # Translators: {run} names the run ("learning rate = 0.1", "originals + rotations")
    return _("{run}: epoch {epoch} of {epochs}").format(run=run_name(stage.value), epoch=stage.epoch, epochs=stage.epochs)


def rotation_run_name(degrees: float) -> str:
    """A run of :func:`nn.experiments.compare_rotations`, by the degrees its copies were turned (0: none)."""
    return _("originals + rotations") if degrees else _("originals")


def _speed(hidden_nodes: int) -> float:
    speeds = st.session_state.setdefault(SPEEDS_KEY, {})
    if hidden_nodes not in speeds:
        speeds[hidden_nodes] = samples_per_second(hidden_nodes, load_mnist("train", 4096)[0])
    return speeds[hidden_nodes]


def _parse_values(setting: str, text: str) -> list:
    """'0.01, 0.1' or '0,01; 0,1' -> [0.01, 0.1], each checked by the Train form's row for the setting (the
    same ranges as everywhere else); ValueError naming the field.

    Where the decimal sign is a comma (Russian), values are separated by semicolons: a text with a
    semicolon is split on them and its commas read as decimal signs; any other is split on commas.
    Both are read in either language, so a text typed before switching language still works.
    """
    row = MNIST_SETTINGS[setting]
    parts = [part.replace(",", ".") for part in text.split(";")] if ";" in text else text.split(",")
    values = [row.check(item) for item in filter(None, (part.strip() for part in parts))]
    if not 1 <= len(values) <= 8:
        raise ValueError(_("give 1 to 8 values, separated by commas; got {count}").format(count=len(values)))
    return values


def _setting_ui(name: str, **options):
    """One of the tab's settings as its widget, starting from this session's value; the value if the
    table allows it (and it is remembered for the address bar), else None after a message naming it."""
    chosen = chosen_settings()
    value = checked(MNIST_SETTINGS, name, setting_ui(MNIST_SETTINGS, name, chosen[name],
                                                     **{**choice_options(name), **options}))
    if value is not None:
        chosen[name] = value
    return value


def _base_ui() -> Optional[tuple[Config, int]]:
    st.caption(_("Everything else stays fixed at:"))
    columns = st.columns(5)
    names = ("sweep_hidden_nodes", "sweep_learning_rate", "sweep_epochs", "sweep_init", "sweep_train_count")
    values = []
    for column, name in zip(columns, names):
        with column:
            values.append(_setting_ui(name))
    if None in values:
        return None
    *config, train_count = values
    return Config(*config), int(train_count)


# Translators: the empty list of starting weights to try, once the learner has taken every one out
CHOOSE_VALUES = N_("Choose values to try")


def sweep_ui() -> None:
    st.subheader(_("Change one setting, measure the accuracy"))
    setting_column, values_column = st.columns([1, 2])
    with setting_column:
        setting = _setting_ui("sweep_setting", format_func=shown_as({name: row.label for name, row in SWEEPS.items()}))
    st.caption(_(SWEEPS[setting].help))
    default = _values_text(SWEEPS[setting].values)
    if setting == "init":
        st.session_state.setdefault("mnist_sweep_inits", list(INITS))  # all of them, until the learner chooses
        redraw_in_language("mnist_sweep_inits")  # the names chosen are the language's words
        values = values_column.multiselect(_("values to try"), INITS, key="mnist_sweep_inits",
                                           format_func=shown_as(INIT_WORDS), placeholder=_(CHOOSE_VALUES),
                                           help=_("Each is a fresh network with the same seed, trained and tested."))
    else:
        # Translators: where the decimal sign is a comma, the values are separated by semicolons (0,01; 0,1):
        # ui.mnist.experiments._parse_values reads a text with semicolons that way
        text = values_column.text_input(_("values to try (commas between)"), default,
                                        key=f"mnist_sweep_values_{setting}",
                                        help=_("Each value is a fresh network (seed 0), trained on the training "
                                               "images set below and tested on the 10,000 test images."))
        try:
            values = _parse_values(setting, text)
        except ValueError as problem:
            plain_text.error(_("values to try: {problem}.").format(problem=problem), values_column)
            return
    if not values:
        return
    base = _base_ui()
    if base is None:
        return
    base, train_count = base
    seconds = estimate_seconds(setting, values, base, train_count, _speed)
    # Translators: counted by the networks; {count} images, {speed} samples a second, {hidden} hidden nodes
    st.info(ngettext("This trains {networks} network on {count} images: about {seconds} s here (measured {speed} "
                     "samples/s with {hidden} hidden nodes).",
                     "This trains {networks} networks on {count} images: about {seconds} s here (measured {speed} "
                     "samples/s with {hidden} hidden nodes).", len(values)).format(
        networks=len(values), count=numbers.integer(train_count), seconds=numbers.integer(round(seconds)),
        speed=numbers.integer(round(_speed(base.hidden_nodes))), hidden=base.hidden_nodes))
    if seconds > MAX_EXPERIMENT_SECONDS:
        st.warning(experiment_too_big(seconds))
    elif st.button(_("Run the experiment"), type="primary", key="mnist_sweep_run",
                   help=_("Trains and tests one fresh network per value; the page waits until all are done.")):
        with SLOTS.job(session_holder(st.session_state)) as started:
            if not started:
                st.warning(experiment_busy())
            else:
                yield_to_pages()
                train_images, train_labels = load_mnist("train", train_count)
                test_images, test_labels = load_mnist("test")
                bar = st.progress(0.0, text=_("starting"))
                points = sweep(setting, values, base, train_images, train_labels, test_images, test_labels,
                               lambda done, stage: bar.progress(done, text=stage_words(
                                   stage, lambda value: f"{_(SWEEPS[setting].label)} = {_value_words(value)}")))
                st.session_state["mnist_sweep_result"] = (setting, base, train_count, points)
    if "mnist_sweep_result" in st.session_state:
        _sweep_result(*st.session_state["mnist_sweep_result"])


def _sweep_result(setting, base, train_count, points) -> None:
    book = [(getattr(r.config, setting), r.accuracy) for r in book_results_for(setting, base)]
    label = _(SWEEPS[setting].label)
    categorical = setting == "init"  # the starting weights' names, drawn in this language
    on_axis = _value_words if categorical else (lambda value: value)
    st.plotly_chart(mnist_charts.sweep_chart(label, [(on_axis(p.value), p.accuracy) for p in points],
                                             [(on_axis(value), score) for value, score in book],
                                             categorical=categorical), key="mnist_sweep_chart",
                    config=mnist_charts.CHART_CONFIG,
                    alt=_("Accuracy against {setting}: {results}").format(setting=label, results=", ".join(
                        f"{_value_words(p.value)}: {numbers.percent(p.accuracy, 2)}" for p in points)))
    each = " · ".join(_("{value}: {accuracy} in {seconds} s").format(
        value=_value_words(p.value), accuracy=numbers.percent(p.accuracy, 2), seconds=numbers.decimal(p.seconds, 0))
        for p in points)
    st.caption(_("Blue: this run, trained on {count} images, tested on 10,000. Orange diamonds: the figures the "
                 "book published for the same other settings (trained on all 60,000). {each}").format(
        count=numbers.integer(train_count), each=each))


def _value_words(value) -> str:
    """A swept value as the page writes it: a number the language's way (0,1), a starting-weights name translated."""
    if isinstance(value, str):
        return _(value)
    return numbers.general(value) if isinstance(value, float) else str(value)


def _values_text(values) -> str:
    """The values to try as a learner would type them: "0.01, 0.1" in English, "0,01; 0,1" in Russian."""
    if numbers.decimal_sign() == ",":
        return "; ".join(_value_words(value) for value in values)
    return ", ".join(map(str, values))


def augmentation_ui() -> None:
    st.subheader(_("More training images for free: rotate them ±10°"))
    example = load_mnist("train", 1)[0]
    turned = rotated_copies(example)
    st.image([mnist_charts.digit_picture(image, 4) for image in (example[0], turned[0], turned[1])],
             caption=[_("a training image"), _("turned +10°"), _("turned −10°")],
             alt=[_("a training image"), _("the image turned +10°"), _("the image turned −10°")])
    with st.columns([1, 2])[0]:
        count = _setting_ui("rotation_train_count")
    if count is None:
        return
    config = Config()
    seconds = (count + 3 * count) / _speed(config.hidden_nodes)
    if seconds > MAX_EXPERIMENT_SECONDS:
        st.warning(experiment_too_big(seconds))
    elif st.button(_("Compare (about {seconds} s)").format(seconds=numbers.integer(round(seconds))),
                   key="mnist_rotation_run",
                   help=_("Trains two fresh networks, without and with the rotated copies, and tests both.")):
        with SLOTS.job(session_holder(st.session_state)) as started:
            if not started:
                st.warning(experiment_busy())
            else:
                yield_to_pages()
                train_images, train_labels = load_mnist("train", int(count))
                test_images, test_labels = load_mnist("test")
                bar = st.progress(0.0, text=_("starting"))
                st.session_state["mnist_rotation_result"] = (int(count), compare_rotations(
                    config, train_images, train_labels, test_images, test_labels,
                    progress=lambda done, stage: bar.progress(done, text=stage_words(stage, rotation_run_name))))
    if "mnist_rotation_result" in st.session_state:
        count, points = st.session_state["mnist_rotation_result"]
        for column, point in zip(st.columns(len(points)), points):
            column.metric(_("trained on {run}").format(run=rotation_run_name(point.value)),
                          numbers.percent(point.accuracy, 2),
                          help=_("Accuracy on the 10,000 test images; {count} originals; took {seconds} s.").format(
                              count=numbers.integer(count), seconds=numbers.decimal(point.seconds, 0)))
