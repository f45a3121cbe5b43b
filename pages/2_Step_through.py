"""Step through backpropagation: one forward and one backward pass, every number visible."""

import inspect

import streamlit as st

from nn import NeuralNetwork
from ui.classroom.join import sidebar_join_ui
from ui.i18n import _, numbers
from ui.menu import menu_ui
from ui.node_names import network_labels
from ui.next_page import next_page_ui
from ui.accessibility import accessibility_ui
from ui.presenter import PRESENTER_CHOICES, presenter_mode
from ui.settings.display import palette_ui
from ui.session import get_lab
from ui.settings.url import write_url
from ui.step.predict import predict_toggle_ui, score_ui
from ui.step.tabs import why_and_check_ui
from ui.step.controls import network_ui, sample_ui, settings_from_link, step_table
from ui.step.record import record_step
from ui.step.settings import STEP_SETTINGS, rule_name
from ui.step.view import stage_player_ui

st.set_page_config(page_title=_("Step through backpropagation"), page_icon="🧠", layout="wide")
presenting = presenter_mode()  # ?presenter=1: large type for a projector
menu_ui()
sidebar_join_ui()  # join a class by its code from any page
palette_ui()  # ?palette=orange-blue: the colours of every weight picture
accessibility_ui()  # keyboard shortcuts, focus ring, captions' contrast, touch-size controls
st.title(_("Step through backpropagation"))
if not presenting:  # on a projector the stage itself must fit above the fold
    st.write(_(
        "Pick a sample and walk through the book's equations in order: five stages forward, five back. "
        "Each stage shows the formula, the same formula with this network's real numbers in it, and the "
        "network with the part the stage touches lit up. At the end you can apply the update for real."
    ))

lab = get_lab()
settings_from_link(lab)  # a link's choices, when one arrives; every choice below has its name in the URL
chosen = {}
# On a projector the choices fold away (the link made them); the stage is what the class looks at.
choices = st.container(key="presenter_choices").expander(_(PRESENTER_CHOICES)) if presenting else st.container()
with choices:
    network_column, rule_column, sample_column = st.columns([2, 2, 3])
    fresh_box = st.empty()  # a fresh network's settings, below the three columns
    stepped = network_ui(lab, network_column, rule_column, fresh_box, chosen)
    table = STEP_SETTINGS if stepped is None else step_table(len(stepped.inputs))
    sample = None
    if stepped is not None:
        with sample_column:
            sample = sample_ui(stepped, chosen, table)
    if presenting and sample is not None:  # on a projector the switch folds away with the other choices
        chosen["predict"] = predict_toggle_ui(table)
if sample is None:
    write_url({**chosen, "stage": st.session_state.get("step_stage", 1),
               "predict": st.session_state.get("step_predict", False)}, table)
    st.stop()
network, is_session_network = stepped.network, stepped.own
record = record_step(network, *sample)  # the one trace every number below comes from
labels = network_labels(network, stepped.teaching_set)  # the same node names as every other page

if "predict" not in chosen:
    chosen["predict"] = predict_toggle_ui(table)
predict = chosen["predict"]
stage_player_ui(record, chosen, table, labels, predict=predict)  # writes the URL, with the stage shown
if predict:
    score_ui()

why_and_check_ui(record, predict, labels)  # in Predict mode, each waits for the stages it takes apart

st.subheader(_("Apply this update"))
if "step_applied" in st.session_state:
    before_error, after_error = st.session_state.pop("step_applied")
    st.success(_("Applied. The error of this sample was {before} before the update and is {after} after it.").format(
        **{name: f"{value:.4g}".replace(".", numbers.decimal_sign())
           for name, value in (("before", before_error), ("after", after_error))}))
if is_session_network:
    st.write(_(
        "Add these changes to the session's network, as `train` does: the live page carries on from the "
        "new weights, and this page moves on to the next pass with them."
    ))
    if st.button(_("Apply this update"), key="step_apply", type="primary",
                 help=_("Train the session's network on this one sample: exactly the changes of stages 8 and 9.")):
        error = lab.apply_step(record.inputs, record.targets)
        # Stored as numbers, worded when shown: the language may change before the next run.
        st.session_state["step_applied"] = (error, record.error_after)
        st.rerun()
else:
    st.info(_(
        "You are looking at a fresh network or a copy with the other rule, so there is nothing of the "
        "session's to update. Choose this session's network with its own rule "
        "(**{rule}**) to apply a step."
    ).format(rule=rule_name(lab.network.rule)))

with st.expander(_("The code being taught: NeuralNetwork.trace")):
    st.code(inspect.getsource(NeuralNetwork.trace), language="python")

next_page_ui(__file__)  # the next step on the path from the book's first page
