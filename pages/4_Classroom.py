"""Classroom: a class room that follows the teacher, ready lessons as links, a panel to build your own, and saved work."""

import inspect

import streamlit as st

from nn.network import NeuralNetwork
from ui.classroom.lessons import LESSONS, app_url, lesson_ui, link_builder_ui
from ui.classroom.lesson_questions import lesson_asked
from ui.classroom.room_page import room_ui
from ui.classroom.room_session import in_class_as_student
from ui.classroom.shown_question import lesson_prompt
from ui.i18n import _, ngettext, numbers
from ui.menu import menu_ui
from ui.next_page import next_page_ui
from ui.accessibility import accessibility_ui
from ui.presenter import presenter_mode
from ui.saved_work import saved_work_ui
from ui.session import get_lab

st.set_page_config(page_title=_("Classroom"), page_icon="🏫", layout="wide")
presenting = presenter_mode()
accessibility_ui()  # keyboard shortcuts, focus ring, captions' contrast, touch-size controls
menu_ui()
# Written once the room is drawn, unless this is a class's projector: its screen's height goes to the class.
title, intro = st.empty(), st.empty()

base_url = app_url()
in_room = room_ui(base_url, presenting)
if in_room and presenting:
    st.stop()  # the projector shows the class alone
title.title(_("Classroom"))
intro.write(_(
    "Teach a class together: start a class and every student's page follows yours. Or send a lesson: "
    "each is one link that opens the live page with the same network (same seed, same starting weights) "
    "on every screen and only the controls the lesson is about. Save or reload your work at the end."
))

# Not for a student in a class: the lessons' notes for the teacher say what happens, which answers the
# lessons' questions the teacher may ask them. (The link builder gives nothing away: a student may build links.)
if not in_class_as_student():
    st.header(_("Ready lessons"))
    columns = st.columns(2)
    for number, lesson in enumerate(LESSONS):
        with columns[number % 2]:
            lesson_ui(lesson, base_url, presenter=presenting, ready_question=lesson_prompt(lesson_asked(lesson)))

st.header(_("Build a lesson link"))
st.write(_(
    "Choose the network the class starts from, which controls they may move, and whether the "
    "page opens in presenter mode for a projector."
))
link_builder_ui(base_url)

st.header(_("Save or load your work"))
lab = get_lab()
st.write(ngettext(
    "This session's network: {shape} on {dataset}, {samples} sample trained.",
    "This session's network: {shape} on {dataset}, {samples} samples trained.", lab.run.samples_seen,
).format(shape=f"{lab.network.input_nodes}-{lab.network.hidden_nodes}-{lab.network.output_nodes}",
         dataset=_(lab.dataset), samples=numbers.integer(lab.run.samples_seen)))
teaching_set = lab.teaching_set
saved_work_ui(
    lab, key_prefix="classroom",
    input_labels=teaching_set.input_labels, output_labels=teaching_set.output_labels,
)

with st.expander(_("The code being run: NeuralNetwork.save and NeuralNetwork.load")):
    st.code(inspect.getsource(NeuralNetwork.save) + "\n" + inspect.getsource(NeuralNetwork.load), language="python")

next_page_ui(__file__)  # the next step on the path from the book's first page
