"""Watch it learn: train the book's network live and see its weights and error change."""

import inspect
import time

import streamlit as st

from nn.network import NeuralNetwork
from ui.classroom.join import sidebar_join_ui
from ui.i18n import _, current_language, speaking
from ui.classroom.task_card import task_card_ui
from ui.live.block import HtmlBlock
from ui.live.controls import settings_from_link, settings_sidebar_ui
from ui.live.drawn import browser_behind, drawn_echo_ui, hide_drawn_echo_ui
from ui.live.predict import change_question_ui, clear_earlier_runs_ui, earlier_runs, predict_toggle_ui
from ui.live.settings import LIVE_SETTINGS
from ui.live.samples import samples_ui, stall_ui
from ui.live.tick import PageTick
from ui.live.stalls import current_session_id, page_declared, page_updated
from ui.live.stream import draw_live_updates, update_begins
from ui.live.timer import retime_running_fragment
from ui.live.training import history_full, history_full_message, live_update
from ui.live.view import counters_ui, error_curve_ui, hidden_nodes_ui, weights_ui
from ui.menu import menu_ui
from ui.messages import divergence_message
from ui.next_page import next_page_ui
from ui.accessibility import accessibility_ui, calmer_tick, steady_updates_ui
from ui.presenter import presenter_mode
from ui.settings.display import palette_ui
from ui.saved_work import saved_work_ui
from ui.session import get_lab
from ui.settings.url import write_url
from ui.worked_example import printed_weights_note

run_began = time.thread_time()  # this full run's own CPU: not part of a live update's cost (ui/live/tick.py)
st.set_page_config(page_title=_("Watch it learn"), page_icon="📉", layout="wide")
presenting = presenter_mode()  # ?presenter=1: large type for a projector
menu_ui()
sidebar_join_ui()  # join a class by its code from any page
palette_ui()  # ?palette=orange-blue: the colours of every weight picture
accessibility_ui()  # keyboard shortcuts, focus ring, captions' contrast, touch-size controls
steady_updates_ui()  # the live pictures do not fade between updates
hide_drawn_echo_ui()
st.title(_("Watch it learn"))
task_card_ui()  # ?lesson=...: the lesson's task for the students
if not presenting:  # on a projector the pictures come first
    st.write(_(
        "Press **Start** in the sidebar (on a phone, open it with » at the top left) and the network trains on "
        "one sample after another, exactly as the book's "
        "`train` does. Each weight is a coloured cell: watch the colours settle as the error falls. "
        "Change the learning rate while it runs; change the node counts and a new network starts."
    ))

lab = settings_from_link(get_lab())
lab = settings_sidebar_ui(lab, predict_changes=predict_toggle_ui())
lab = change_question_ui(lab)  # a held change: predict, then both runs are trained and compared
write_url(lab.settings, LIVE_SETTINGS)
if note := printed_weights_note(lab.network, lab.teaching_set):
    st.info(note)  # the book's worked example: its printed weights, or why not
with st.sidebar.expander(_("Save or load")):
    saved_work_ui(lab, key_prefix="live", input_labels=lab.teaching_set.input_labels,
                  output_labels=lab.teaching_set.output_labels)

show_change = st.toggle(
    _("Show the change since the last update instead of the weights"),
    key="live_show_change",
    persist_state="session",
    help=_("Colours then mean how much each weight moved in the latest update: that is where learning happens. "
           "One colour scale is kept for the whole run, so small late changes look small."),
)
as_numbers = st.toggle(
    _("Show the weights as numbers too"), key="live_as_numbers", persist_state="session",
    help=_("Each weight matrix also as a table of numbers, rows and columns named as in the picture: "
           "for reading exact values, with a screen reader, or without telling colours apart."),
)

# How often the browser asks for an update: every 0.05 s for one learner, slower when the
# server measures its live updates using most of a core (ui/live/tick.py). Streamlit sends
# run_every to the browser when the fragment is declared here, in a full run; a later change is
# sent from the fragment's own run (ui/live/timer.py), without rerunning the page.
tick = st.session_state.setdefault("live_tick", PageTick(current_session_id()))
run_every = calmer_tick(tick.declare(lab.running))  # slower if the browser asks for reduced motion
page_declared(tick.session_id, run_every)  # watched while training: revived if its updates stop


@st.fragment(run_every=run_every)
def live_pictures():
    # The session's language looked up once an update, not by each of the hundred words and numbers drawn.
    with speaking(current_language()):
        # One update; for a learner whose browser keeps up, one after another (ui/live/stream.py).
        draw_live_updates(tick, draw_live_update, calmer_tick)


def draw_live_update(asked: bool = True) -> bool:
    """One live update (``asked``: by a request, the first of its run); whether training goes on."""
    lab = get_lab()
    began = time.perf_counter()
    if lab.running:
        if asked and (interval := tick.update(behind=browser_behind())) is not None:
            retime_running_fragment(calmer_tick(interval))  # the browser's timer, from now on
        update_begins(tick, calmer_tick)
        page_updated(tick.session_id, calmer_tick(tick.browser_seconds))  # its timer works: not stalled
        live_update(lab)
        if lab.run.diverged or history_full(lab):
            lab.running = False
            st.rerun()  # the whole page, so the timer stops and Start shows again
    if lab.run.diverged:
        st.error(divergence_message(lab.run.diverged))
    elif history_full(lab):
        st.info(history_full_message())
    else:
        stall_ui(lab)  # the sigmoids saturated: said in plain words
    block = HtmlBlock()  # what follows, as few elements as it can: each costs every update (ui/live/block.py)
    counters_ui(lab, block, speed_note=tick.note())
    wih_colours = weights_ui(lab, block, show_change, interactive=not lab.running, as_numbers=as_numbers)
    samples_ui(lab, block)  # every sample's answer now, and the decision surface for two inputs
    error_curve_ui(lab, block, earlier_runs(lab))
    clear_earlier_runs_ui(lab, block)
    hidden_nodes_ui(lab, block, lab.teaching_set, wih_colours)  # the same colours as wih's picture, made once
    block.send()
    drawn_echo_ui()  # the browser says back which update it drew: never asked faster than it draws
    if lab.running:  # what this update took, for the server's choice of tick
        tick.measured(time.perf_counter() - began)
    return lab.running


live_pictures()

with st.expander(_("The code being run: NeuralNetwork.train and trace")):
    st.code(inspect.getsource(NeuralNetwork.train) + "\n" + inspect.getsource(NeuralNetwork.trace), language="python")

next_page_ui(__file__)  # the next step on the path from the book's first page
tick.full_run_ended(time.thread_time() - run_began)  # the live update inside it was not counted either
