"""The student's side of a class room: join, follow the teacher's network, answer, see the reveal, race.

The page follows the room through a fragment that the server reruns when the room
changes (ui/classroom/following.py): a push of new settings rebuilds the student's
network (same seed, same weights as the teacher's), a question shows its answer
buttons, a reveal shows where the student's own answer stood. Leaving gives back the student's own network.
Anything a visitor typed (a display name, a code) is shown as plain text only.
"""

from __future__ import annotations

import streamlit as st

from ui.classroom import following, race
from ui.classroom.lessons import LIVE_PAGE_FILE, link_params
from ui.classroom.join import page_link
from ui.classroom.room_messages import room_message, too_fast_to_answer
from ui.classroom.room_session import Membership, TooFast, answer, follow_settings, get_store, leave_room
from ui.classroom.rooms.base import RoomError, RoomVersion
from ui.classroom.shown_question import shown
from ui.classroom.teacher import EARLIER_NETWORK, reveal_ui
from ui.i18n import _, ngettext, numbers
from ui.i18n.widget_language import redraw_in_language
from ui.session import get_lab
from ui.settings.network import LEARNING_RATE_STOPS

KEY_PREFIX = "room_student"


def student_ui(member: Membership) -> None:
    # One row that wraps, the button as wide as its words: a fixed column cut them ("Leave …") on a laptop.
    with st.container(horizontal=True, vertical_alignment="center"):
        # st.text: the name is the student's own typing, shown as plain text.
        st.text(_("You are in class {code} as {name}.").format(code=member.code, name=member.name) if member.name
                else _("You are in class {code}.").format(code=member.code), width="stretch")
        if st.button(_("Leave the class"), key=f"{KEY_PREFIX}_leave", icon=":material/logout:",
                     help=_("Out of the class: your own network, as you left it, comes back.")):
            leave_room()
            st.rerun()

    try:
        view = get_store().view(member.code)
    except RoomError as error:
        st.error(room_message(error))
        return
    follow_settings(member, view)
    lab = get_lab()
    network = lab.network
    st.write(_("The class's network: {shape} on {dataset}, learning rate {learning_rate}, seed {seed}. "
               "It is now your session's network on every page.").format(
        shape=f"{network.input_nodes}-{network.hidden_nodes}-{network.output_nodes}", dataset=_(lab.dataset),
        learning_rate=numbers.general(network.learning_rate), seed=lab.settings["seed"]))
    if view.question is None:
        st.info(_("Waiting for the teacher's question."))
    else:
        question_ui(member, view)
    shared = view.settings
    page_link(LIVE_PAGE_FILE, label=_("Watch the class's network learn"), icon=":material/play_arrow:",
              query_params=link_params(shared["values"], hide=shared["hide"], lock=shared["lock"]),
              help=_("The live page with the class's network and only the controls your teacher left you."))
    race_ui(member, shared["values"])
    watch_room(member.code, drawn=view.version)


def watch_room(code: str, drawn: RoomVersion) -> None:
    """Rerun the page when the teacher pushed, asked or revealed since it was drawn: the server
    pushes this fragment a rerun when the room changes, and it reads the room by itself only
    as a slow safety poll (ui/classroom/following.py, benchmarks/room_poll.py)."""
    st.fragment(_watch_room, run_every=following.fragment_interval())(code, drawn)


def _watch_room(code: str, drawn: RoomVersion) -> None:
    now = get_store().versions([code]).get(code)  # None: the room ended, and the page says so
    if now != drawn:
        st.rerun()
    following.follow(code, now)


def question_ui(member: Membership, view) -> None:
    if view.question_closed_by_network:
        # Closed by a new network: its words and choices are the earlier network's, not the one on this page.
        st.info(_("Question {number} is closed: the teacher sent the class a new network, and the question was "
                  "about the earlier one. Wait for the teacher's next question.").format(
            number=numbers.integer(view.question_id)))
        return
    asked = shown(view.question)
    labels = asked.labels
    own = get_store().own_answer(member.code, member.key, view.question_id)
    st.subheader(_("Question {number}: {question}").format(number=view.question_id, question=asked.prompt))
    st.caption(asked.student_caption)
    if view.revealed:
        counts = get_store().tally(member.code, view.question_id)
        own_index = int(own) if own is not None else None
        reveal_ui(asked, view.reveal, [counts.get(str(n), 0) for n in range(len(labels))], own_index)
        if own_index is None:
            st.write(_("You did not answer this one."))
        else:
            right, verdict = asked.verdict(own_index, view.reveal)
            (st.success if right else st.warning)(verdict)
        if view.question_on_earlier_network:
            st.info(_(EARLIER_NETWORK))
        return
    columns = st.columns(len(labels))
    for index, (column, label) in enumerate(zip(columns, labels)):
        with column:
            chosen = own == str(index)
            if st.button(label, key=f"{KEY_PREFIX}_answer_{view.question_id}_{index}",
                         type="primary" if chosen else "secondary", use_container_width=True,
                         help=_("Your answer; you may change it until the teacher reveals.")):
                try:
                    answer(member, view.question_id, str(index))
                except TooFast as wait:
                    st.error(too_fast_to_answer(wait.seconds))
                except RoomError as error:
                    st.error(room_message(error))
                else:
                    st.rerun()
    if own is not None:
        st.write(_("Your answer: {answer}. You may change it until the teacher reveals.").format(
            answer=labels[int(own)]))
    else:
        st.write(_("Choose your answer."))


def race_ui(member: Membership, values: dict) -> None:
    samples = race.race_samples(values)
    st.subheader(_("Class race"))
    st.write(ngettext(
        "Train your own copy of the class's network for {samples} sample with a learning rate of your "
        "choice, and post its error curve to the projector: which rates learn, stall or blow up?",
        "Train your own copy of the class's network for {samples} samples with a learning rate of your "
        "choice, and post its error curve to the projector: which rates learn, stall or blow up?",
        samples).format(samples=numbers.integer(samples)))
    # Each stop as Streamlit writes it (0.3, 30.0), with the language's decimal sign; written in this run.
    rate_names = {rate: str(rate).replace(".", numbers.decimal_sign()) for rate in LEARNING_RATE_STOPS}
    st.session_state.setdefault(f"{KEY_PREFIX}_race_rate", 0.3)
    redraw_in_language(f"{KEY_PREFIX}_race_rate")  # a rate is written with the language's decimal sign
    learning_rate = st.select_slider(_("Your learning rate"), LEARNING_RATE_STOPS,
                                     key=f"{KEY_PREFIX}_race_rate", format_func=rate_names.__getitem__,
                                     help=_("The only setting you change; everything else is the class's network."))
    if st.button(_("Train and post my run"), key=f"{KEY_PREFIX}_race_post", icon=":material/sprint:",
                 help=ngettext("Trains {samples} sample from the class's starting weights and posts the curve.",
                               "Trains {samples} samples from the class's starting weights and posts the curve.",
                               samples).format(samples=numbers.integer(samples))):
        result = race.run_race(values, learning_rate)
        try:
            get_store().post_run(member.code, member.key, f"{learning_rate:g}", result.curve)
        except RoomError as error:
            st.error(room_message(error))
            return
        if result.blew_up:
            st.warning(ngettext(
                "At learning rate {learning_rate} the weights blew up after {samples} sample; your curve stops there.",
                "At learning rate {learning_rate} the weights blew up after {samples} samples; your curve stops there.",
                result.samples).format(learning_rate=numbers.general(learning_rate),
                                       samples=numbers.integer(result.samples)))
        else:
            st.success(ngettext(
                "Posted: running mean error {error} after {samples} sample.",
                "Posted: running mean error {error} after {samples} samples.",
                result.samples).format(error=numbers.decimal(result.curve[-1], 4),
                                       samples=numbers.integer(result.samples)))
