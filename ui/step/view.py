"""One stage at a time: navigation (Back, Next, a selector, Play) and the stage's formula, numbers and diagram.

Play advances one stage every :data:`PLAY_SECONDS` inside a fragment, so only
the stage redraws; it stops by itself at the last stage.
"""

from __future__ import annotations

import time
from typing import Optional

import streamlit as st

from ui.i18n import _, numbers
from ui.network_diagram import lines_caption, network_figure
from ui.settings.display import current_palette
from ui.accessibility import shortcuts_caption
from ui import picture_words
from ui.node_names import network_labels
from ui.settings.setting import Table
from ui.settings.url import write_url
from ui.settings.widgets import setting_ui
from ui.step.predict import predict_ui
from ui.step.record import StepRecord
from ui.step.render import array_heatmap, notation, precision_note, substituted_latex
from ui.step.settings import STEP_SETTINGS
from ui.step.shown import in_this_language
from ui.stage_titles import STAGE_TITLES
from ui.step.stages import STAGES, stage_heading

PLAY_SECONDS = 3.0
STAGE_KEY = STEP_SETTINGS.key("stage")
PLAY_KEY = "step_play"
_LAST_TICK = "step_last_tick"
_STOP_PLAY = "step_stop_play"
_RESTART = "step_restart"


def _move(by: int) -> None:
    st.session_state[STAGE_KEY] = min(len(STAGES), max(1, st.session_state.get(STAGE_KEY, 1) + by))


def stage_player_ui(record: StepRecord, url_values: Optional[dict] = None, table: Table = STEP_SETTINGS,
                    labels: Optional[dict] = None, predict: bool = False) -> None:
    """Back, the stage selector, Next and Play, then the stage (in a fragment that ticks while playing).

    ``url_values`` are the page's other settings: with the stage shown, they are
    written to the URL each time the stage changes (Back, Next, the selector, Play).
    With ``predict``, each stage asks its question before showing its result
    (ui/step/predict.py), and Play is off: it would run past the questions.
    """
    if st.session_state.pop(_STOP_PLAY, False) or (predict and st.session_state.get(PLAY_KEY)):
        st.session_state[PLAY_KEY] = False  # before the toggle exists in this run, so allowed
    st.fragment(_stage_ui, run_every=PLAY_SECONDS if _playing() else None)(
        record, url_values or {}, table, labels, predict)


def _playing() -> bool:
    playing = st.session_state.get(PLAY_KEY, False)
    if playing:
        st.session_state.setdefault(_LAST_TICK, time.monotonic())
    else:
        st.session_state.pop(_LAST_TICK, None)
    return playing


def _tick() -> None:
    """While playing: one stage on, if a full period has passed since the last move."""
    now = time.monotonic()
    if now - st.session_state.get(_LAST_TICK, now) < 0.9 * PLAY_SECONDS:
        return
    st.session_state[_LAST_TICK] = now
    if st.session_state.get(STAGE_KEY, 1) >= len(STAGES):
        st.session_state[_STOP_PLAY] = True
        st.rerun(scope="app")
    _move(+1)


def _stage_ui(record: StepRecord, url_values: dict, table: Table, labels: Optional[dict] = None,
              predict: bool = False) -> None:
    if st.session_state.pop(_RESTART, False):
        st.rerun(scope="app")
    if st.session_state.get(PLAY_KEY, False):
        _tick()
    stage = st.session_state.setdefault(STAGE_KEY, 1)
    # Play gets room for its label and help icon at a projector's large type (it was cut to "P").
    back, chooser, forward, play = st.columns([2, 7, 2, 2], vertical_alignment="bottom")
    # Off while Play ticks: the tick's fragment run can carry a click on Back or Next that the click's
    # own run delivers again, and this fragment draws the buttons again in between, so no token tells
    # the two apart and one click would move two stages (docs/pages.md). Streamlit runs no callback of
    # a button drawn disabled. The stage selector (a value, delivered once) stays on.
    playing = st.session_state.get(PLAY_KEY, False)

    def help_text(sentence: str) -> str:
        return " ".join((sentence, _("Off while Play runs: turn Play off to step by hand."))) if playing else sentence

    back.button(_("◀ Back"), key="step_back", on_click=_move, args=(-1,), disabled=stage <= 1 or playing,
                help=help_text(_("The stage before this one. Key: J.")), width="stretch")
    with chooser:
        setting_ui(table, "stage", stage,
                   format_func=in_this_language(lambda n: f"{n}. {_(STAGE_TITLES[n - 1])}"))
    forward.button(_("Next ▶"), key="step_next", on_click=_move, args=(+1,), disabled=stage >= len(STAGES) or playing,
                   help=help_text(_("The stage after this one. Key: K.")), width="stretch")
    play_help = _("Advance one stage every {seconds} seconds, stopping at stage {last}.").format(
        seconds=numbers.general(PLAY_SECONDS), last=len(STAGES))
    play.toggle(
        _("Play"), key=PLAY_KEY, on_change=_restart_app, disabled=predict,
        help=" ".join((play_help, _("Off in Predict first mode, which waits for your answers."))) if predict
        else play_help,
    )
    st.caption(shortcuts_caption("step_back", "step_next", *(["step_predict_commit_*"] if predict else [])))
    write_url({**url_values, "stage": st.session_state[STAGE_KEY]}, table)
    _show_stage(record, st.session_state[STAGE_KEY], labels, predict)


def _restart_app() -> None:
    """Play lives inside the fragment but changes how often the fragment runs: rerun the whole page."""
    st.session_state[_RESTART] = True


def _show_stage(record: StepRecord, number: int, labels: Optional[dict] = None, predict: bool = False) -> None:
    view = STAGES[number - 1](record)
    if predict and predict_ui(record, number, view, labels):
        return  # the question is open: the stage's numbers wait for the answer
    st.subheader(stage_heading(number, view.title))
    maths, picture = st.columns([5, 3])
    with maths:
        st.latex(notation(view.formula))
        shown = set()  # a big network's arrays are drawn once per stage, even if two equations use them
        for equation in view.equations:
            if record.small:
                st.latex(substituted_latex(equation))
            else:
                _heatmaps(equation, number, shown)
        st.markdown(view.explanation)
        if view.aside:
            st.info(view.aside)
        st.caption(_("In the code: {code}. {precision}").format(code=f"`{view.code}`", precision=precision_note()))
    with picture:
        network = record.after if view.diagram_after else record.before
        st.plotly_chart(
            network_figure(network, view.highlight, node_values=view.node_values, labels=labels,
                           palette=current_palette()),
            key=f"step_diagram_{number}", config={"displayModeBar": False}, alt=picture_words.diagram_alt(network),
        )
        st.caption(" ".join((_("Orange rings: the nodes this stage touches; faded: the rest."), view.node_caption,
                             lines_caption(current_palette()))))
        with st.expander(_("The diagram in words: its weights as a list")):
            st.caption(" ".join((picture_words.diagram_alt(network),
                                 _("Sorted as wih then who; beyond {count} weights, the largest.").format(
                                     count=numbers.integer(2000)))))
            st.dataframe(picture_words.weights_list(network.wih, network.who, labels or network_labels(network)),
                         hide_index=True, height=250)


def _heatmaps(equation, number: int, shown: set) -> None:
    """A big network's arrays: each one as a heatmap (a scalar stays a number)."""
    for term in equation.terms():
        if term.name in shown:
            continue
        shown.add(term.name)
        if getattr(term.values, "ndim", 0) == 0:
            st.latex(substituted_latex(type(equation)(term.symbol, (), term)))
        else:
            st.plotly_chart(array_heatmap(term, current_palette()), key=f"step_heatmap_{number}_{term.name}",
                            config={"displayModeBar": False})
