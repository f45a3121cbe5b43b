"""The live page's sidebar: the settings table as widgets, and the training buttons."""

from __future__ import annotations

import streamlit as st

from ui import plain_text
from ui.clicks import once_per_draw
from ui.i18n import _
from ui.live import predict as live_predict
from ui.live import training as live_training
from ui.session import Lab, build_lab, change_settings, get_lab, reset_lab, set_lab
from ui.live.settings import LIVE_SETTINGS
from ui.accessibility import shortcuts_caption
from ui.settings.url import link_in_url, link_problem
from ui.settings.widgets import setting_ui

_TRAINING_SETTINGS = ("speed",)


def settings_from_link(lab: Lab) -> Lab:
    """Apply a link (a shared lesson link), when one arrives: on opening, or in this same tab later.

    A link builds its network afresh from its settings (a setting it leaves out
    takes its default), so it is the same network on every screen; training is
    paused. A bad value is named and ignored; a link with no good value changes nothing.
    """
    link = link_in_url(LIVE_SETTINGS)
    if link is None:
        return lab
    good, problems = link
    for problem in problems:
        plain_text.error(link_problem(problem))
    if not good:
        return lab
    fresh = build_lab({**LIVE_SETTINGS.defaults(), **good})
    set_lab(fresh)
    for name, value in fresh.settings.items():
        st.session_state[LIVE_SETTINGS.key(name)] = value  # the widgets show the link's values
    return fresh


def settings_sidebar_ui(lab: Lab, predict_changes: bool = False) -> Lab:
    """Every setting as a widget; good values are applied, bad ones named and refused.

    With ``predict_changes``, a change the page asks about is held until predicted (ui/live/predict.py).
    """
    with st.sidebar:
        st.header(_("The network"))
        values = {
            name: setting_ui(LIVE_SETTINGS, name, lab.settings[name])
            for name in LIVE_SETTINGS if name not in _TRAINING_SETTINGS
        }
        st.header(_("Training"))
        training_buttons_ui(lab)
        values.update({name: setting_ui(LIVE_SETTINGS, name, lab.settings[name]) for name in _TRAINING_SETTINGS})
    good, problems = LIVE_SETTINGS.check_all(values)
    for problem in problems:
        plain_text.error(_("{problem}. The network was left as it was.").format(problem=problem), st.sidebar)
    if problems or good == lab.settings:
        return lab
    if predict_changes and live_predict.is_predictable(lab.settings, good):
        live_predict.hold_change(lab, good)
        return lab
    fresh = change_settings(lab, good)
    live_predict.after_change(lab, fresh)
    return fresh


def training_buttons_ui(lab: Lab) -> None:
    # Callbacks run before the page script, so the page draws the state the click made.
    # One row of columns per row of buttons: Streamlit writes a column's elements before the next column's,
    # so two tall columns made Tab go Start, Step: 1 sample, Reset, Step: 1 epoch, not along the rows.
    first, second = st.columns(2)
    first.button(
        # Translators: the button that starts or pauses training; keep it short
        _("Pause") if lab.running else _("Start"), key="live_start", type="primary", width="stretch",
        icon=":material/pause:" if lab.running else ":material/play_arrow:",
        # What the button says, fixed when it is drawn. While training, the live fragment's timer
        # may fire between a click and the browser sending it; its fragment rerun then carries the
        # click too, so Streamlit runs this callback there and again in the click's own run.
        on_click=lambda start=not lab.running: live_training.start_or_pause(get_lab(), start),
        help=_("Train continuously, a chunk of samples per picture; press again to pause. Key: S."),
    )
    second.button(
        _("Reset"), key="live_reset", width="stretch", icon=":material/restart_alt:", on_click=lambda: reset_lab(get_lab()),
        help=_("Start again from the starting weights: the same seed gives the same network. Key: R."),
    )
    # Each trains once per click, though the live timer may deliver the click twice (ui/clicks.py).
    first, second = st.columns(2)
    first.button(
        _("Step: 1 sample"), key="live_step_sample", width="stretch",
        **once_per_draw("live_step_sample", lambda: live_training.step_sample(get_lab())),
        help=_("Train on the next sample only: one forward pass and one backprop update. Key: N."),
    )
    second.button(
        _("Step: 1 epoch"), key="live_step_epoch", width="stretch",
        **once_per_draw("live_step_epoch", lambda: live_training.step_epoch(get_lab())),
        help=_("Train to the end of the current pass through the data set."),
    )
    st.caption(shortcuts_caption("live_start", "live_step_sample", "live_reset"))
