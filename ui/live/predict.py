"""Predict what a change of setting will do, then see it measured; and earlier runs drawn behind the current one.

With "Predict before a change" on, a change of the learning rate, hidden nodes,
starting weights, bias node or rule is held: the page asks whether the network
will learn faster, slower, about the same, or fail. On commit both settings are
trained from the same seed for the same number of samples, and
:func:`nn.comparison.compare_runs` answers from the two measured error curves;
the new run carries on as the session's, and the old one's running mean stays
drawn faintly behind it.

Session state (keys prefixed ``live_``): the held change, the last verdict, the earlier runs.
"""

from __future__ import annotations

import contextlib
from typing import Optional

import numpy as np
import streamlit as st

from nn import comparison
from ui.datasets import MNIST
from ui.i18n import N_, _, ngettext, numbers, pgettext
from ui.heavy_jobs import SLOTS, session_holder, yield_to_pages
from ui.live.block import HtmlBlock
from ui.live.settings import LIVE_SETTINGS
from ui.live.curve import curve_window  # the chart's running-mean window: verdicts read the curve drawn
from ui.live.written import in_this_language, significant
from ui.session import Lab, build_lab, get_lab, set_lab

PREDICT_KEY = "live_predict_changes"
PENDING_KEY = "live_pending_change"
VERDICT_KEY = "live_change_verdict"
EARLIER_KEY = "live_earlier_runs"

#: The settings whose change the page asks about (the data set and seed start another experiment).
PREDICTABLE = ("learning_rate", "hidden_nodes", "init", "bias", "rule")
#: Both runs are trained for as many samples as the current run has seen, within these bounds.
MIN_COMPARE_SAMPLES = 600
MAX_COMPARE_SAMPLES = 5_000
#: Earlier runs kept for the picture (the oldest goes first).
MAX_EARLIER_RUNS = 4

#: The choices of the prediction (translated where they are drawn).
OUTCOME_WORDS = {
    comparison.FASTER: N_("faster"), comparison.SLOWER: N_("slower"),
    comparison.ABOUT_SAME: N_("about the same"), comparison.FAILS: N_("fail (diverge or stall)"),
}
#: What the measured curves say, for an outcome other than FAILS.
LEARNED = {
    comparison.FASTER: N_("So the new network learned faster."),
    comparison.SLOWER: N_("So the new network learned slower."),
    comparison.ABOUT_SAME: N_("So the new network learned about the same."),
}


def predict_toggle_ui() -> bool:
    return st.sidebar.toggle(
        _("Predict before a change"), key=PREDICT_KEY,
        help=_("When you change the learning rate, hidden nodes, starting weights, bias node or rule, say first "
               "whether the network will learn faster, slower, about the same, or fail; then both are trained "
               "from the same seed and the measured curves answer."),
    )


def changed_names(old: dict, new: dict) -> list[str]:
    return [name for name in LIVE_SETTINGS if old.get(name) != new.get(name)]


def is_predictable(old: dict, new: dict) -> bool:
    """True when the change is one the page asks about: only predictable settings changed (speed aside)."""
    names = [name for name in changed_names(old, new) if name != "speed"]
    return bool(names) and all(name in PREDICTABLE for name in names)


def after_change(old_lab: Lab, lab: Lab) -> None:
    """A change applied without a prediction: a new network keeps the old run's curve behind it."""
    if lab is not old_lab:
        names = [name for name in changed_names(old_lab.settings, lab.settings) if name != "speed"]
        remember_run(old_lab, names)


def hold_change(lab: Lab, new: dict) -> None:
    """Keep the change until the learner has predicted (or cancelled); the network is left as it is."""
    st.session_state[PENDING_KEY] = {"from": dict(lab.settings), "to": dict(new)}
    st.session_state.pop(VERDICT_KEY, None)


def setting_words(settings: dict, names) -> str:
    """``learning rate 0.3, hidden nodes 3``: the settings that differ, as the legend of a run, in the session's language.

    Kept as settings and worded when drawn, so a change of language rewords the earlier runs too.
    """
    # Translators: one setting and its value in a run's legend ("learning rate 0.3")
    one = _("{setting} {value}")
    # Translators: between two settings in a run's legend; Russian, with its decimal comma, uses "; "
    between = pgettext("live run legend", ", ")
    return between.join(one.format(setting=_(LIVE_SETTINGS[name].label).lower(), value=_value_words(name, settings[name]))
                        for name in names)


def _value_words(name: str, value) -> str:
    """A setting's value as a learner reads it: 0,3 in Russian; a choice as the sidebar names it."""
    setting = LIVE_SETTINGS[name]
    if setting.kind is bool:
        # Translators: a yes/no setting's value in a run's legend ("bias node on")
        return pgettext("setting value", "on") if value else pgettext("setting value", "off")
    if setting.kind is float:
        return numbers.general(value)
    if setting.choices and isinstance(value, str):
        return _(value)
    return setting.to_url(value)


def remember_run(lab: Lab, names: list[str]) -> None:
    """Keep this run's running mean, to draw faintly behind the next one (same data set only), with the
    settings ``names`` that tell it apart (worded when drawn)."""
    if lab.run.samples_seen == 0:
        return
    earlier = st.session_state.setdefault(EARLIER_KEY, [])
    earlier.append({"settings": dict(lab.settings), "names": list(names), "dataset": lab.dataset,
                    "mean": lab.run.running_mean(curve_window(lab.run.epoch_size))})
    del earlier[:-MAX_EARLIER_RUNS]


def earlier_runs(lab: Lab) -> list[tuple[str, np.ndarray]]:
    """(label, running mean) of the earlier runs on this data set."""
    return [(setting_words(run["settings"], run["names"]), run["mean"])
            for run in st.session_state.get(EARLIER_KEY, []) if run["dataset"] == lab.dataset]


def clear_earlier_runs_ui(lab: Lab, block: HtmlBlock) -> None:
    """The button under the error curve (sending ``block``, the curve and what came before it, first)."""
    if not earlier_runs(lab):
        return
    block.send()
    st.button(_("Clear the earlier runs"), key="live_clear_earlier",
              on_click=lambda: st.session_state.pop(EARLIER_KEY, None),
              help=_("Remove the faint curves of earlier runs from the error chart."))


def compare_samples(lab: Lab) -> int:
    return int(min(MAX_COMPARE_SAMPLES, max(MIN_COMPARE_SAMPLES, lab.run.samples_seen)))


def change_question_ui(lab: Lab) -> Lab:
    """The held change's question, or the last verdict; returns the session's lab (a new one after a commit)."""
    pending = st.session_state.get(PENDING_KEY)
    if pending is None:
        _verdict_ui()
        return lab
    old, new = pending["from"], pending["to"]
    names = [name for name in changed_names(old, new) if name != "speed"]
    samples = compare_samples(lab)
    with st.container(border=True, key="live_change_question"):
        st.markdown(ngettext(
            "**Predict first.** You changed {old} to {new}. Trained from the same seed ({seed}) for {samples} "
            "sample, will the new network learn faster, slower, about the same, or fail (diverge or stall)?",
            "**Predict first.** You changed {old} to {new}. Trained from the same seed ({seed}) for {samples} "
            "samples, will the new network learn faster, slower, about the same, or fail (diverge or stall)?",
            samples,
        ).format(old=setting_words(old, names), new=setting_words(new, names), seed=old["seed"],
                 samples=numbers.integer(samples)))
        prediction = st.radio(
            _("Your prediction"), comparison.OUTCOMES, index=None, key="live_change_prediction",
            format_func=in_this_language(lambda outcome: _(OUTCOME_WORDS[outcome])), horizontal=True,
            help=_("Faster or slower: a lower or higher running mean error after the same number of samples "
                   "(within {band} counts as about the same).").format(band=numbers.percent(comparison.SAME_BAND, 0)),
        )
        commit, cancel = st.columns(2)
        if commit.button(_("Commit and train both"), key="live_change_commit", type="primary",
                         help=_("Train the old and the new settings from the same seed and compare the curves.")):
            if prediction is None:
                st.error(_("Your prediction: pick one of the four first."))
                return lab
            return _compare(old, new, names, prediction, samples, curve_window(lab.run.epoch_size))
        cancel.button(_("Keep the old settings"), key="live_change_cancel", on_click=_cancel,
                      help=_("Forget this change: the sidebar goes back to the settings the network has."))
    return lab


def _cancel() -> None:
    pending = st.session_state.pop(PENDING_KEY, None)
    if pending:
        for name, value in pending["from"].items():
            st.session_state[LIVE_SETTINGS.key(name)] = value


#: Said when an MNIST comparison finds the server's heavy-job slots all taken.
COMPARE_BUSY = N_("The server is busy with another large job (it runs {slots} at a time, so that every learner's "
                  "page stays quick), so the two runs were not trained. Press Commit again in a minute.")


def _compare(old: dict, new: dict, names: list, prediction: str, samples: int, window: int) -> Lab:
    before, after = build_lab(old), build_lab(new)
    heavy = old["dataset"] == MNIST  # two MNIST runs are a heavy job: they take one of the server's slots
    with SLOTS.job(session_holder(st.session_state)) if heavy else contextlib.nullcontext(True) as started:
        if not started:
            st.error(_(COMPARE_BUSY).format(slots=numbers.integer(SLOTS.size)))
            return get_lab()
        yield_to_pages()
        for trial in (before, after):
            trial.run.train(samples)
    result = comparison.compare_runs(before.run.errors, after.run.errors, samples, window,
                                     before_diverged=before.run.diverged is not None,
                                     after_diverged=after.run.diverged is not None)
    remember_run(before, names)
    set_lab(after)
    st.session_state.pop(PENDING_KEY, None)
    st.session_state[VERDICT_KEY] = {"prediction": prediction, "result": result, "old": dict(old),
                                     "new": dict(new), "names": list(names), "seed": old["seed"]}
    st.rerun()  # the whole page draws the new run
    return after


def verdict_sentence(verdict: dict) -> str:
    """What was measured, and whether the prediction matched it, in whole sentences."""
    result: comparison.RunComparison = verdict["result"]
    # Translators: in place of a mean error, for a run whose weights blew up
    diverged = pgettext("mean error of a run", "diverged")
    before = diverged if result.mean_before is None else significant(result.mean_before, 4)
    after = diverged if result.mean_after is None else significant(result.mean_after, 4)
    measured = ngettext(
        "Measured from seed {seed} after {samples} samples: the running mean error (last {window} sample) was "
        "{before} with {old} and {after} with {new}.",
        "Measured from seed {seed} after {samples} samples: the running mean error (last {window} samples) was "
        "{before} with {old} and {after} with {new}.",
        result.window,
    ).format(seed=verdict["seed"], samples=numbers.integer(result.samples), window=numbers.integer(result.window),
             before=before, after=after, old=setting_words(verdict["old"], verdict["names"]),
             new=setting_words(verdict["new"], verdict["names"]))
    if result.outcome == comparison.FAILS:
        why = _("The new run diverged.") if result.diverged else _("The new run stalled: its error did not fall.")
    else:
        why = _(LEARNED[result.outcome])
    return f"{measured} {why}"  # two whole sentences


def _verdict_ui() -> None:
    verdict: Optional[dict] = st.session_state.get(VERDICT_KEY)
    if verdict is None:
        return
    right = verdict["prediction"] == verdict["result"].outcome
    said = _(OUTCOME_WORDS[verdict["prediction"]])
    text = verdict_sentence(verdict)
    if right:
        st.success(_("Right: you predicted {prediction}. {measured}").format(prediction=said, measured=text))
    else:
        st.error(_("Not this time: you predicted {prediction}. {measured}").format(prediction=said, measured=text))
