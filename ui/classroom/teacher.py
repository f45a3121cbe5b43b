"""The teacher's side of a class room: share it, push the network, ask, reveal, watch the race.

Two tabs of the teacher's link work together: one with the controls, and one in
presenter mode (``&presenter=1``) on the projector, which shows the code, the QR
code, the live count of answers, the reveal and the race in large type. Both
follow the room through a fragment that reads it about once a second.
"""

from __future__ import annotations

from urllib.parse import urlencode, urljoin

import streamlit as st

from ui import question_words as words
from ui.classroom import race, room_questions
from ui.classroom.lessons import LESSON_SETTINGS
from ui.classroom.qr import qr_img_html
from ui.classroom.room_charts import (
    answers_histogram_svg, answers_summary, race_curves_svg, race_summary, svg_img_html,
)
from ui.classroom.room_messages import room_message
from ui.classroom.room_session import (
    ROOM_PARAM, ROOM_SETTINGS, TEACHER_PARAM, Membership, get_store, leave_room, poll_seconds, room_settings,
    start_room,
)
from ui.classroom.rooms.base import RoomError
from ui.presenter import PRESENTER_PARAM
from ui.settings.widgets import setting_ui
from ui.stage_titles import STAGE_TITLES

KEY_PREFIX = "room"
CLASSROOM_PAGE_PATH = "Classroom"
#: How often the projector and every student's page read the room (seconds).
POLL_SECONDS = poll_seconds()


def page_link(base_url: str, **params: str) -> str:
    path = f"{CLASSROOM_PAGE_PATH}?{urlencode(params)}"
    return urljoin(base_url, path) if base_url else "/" + path


def student_link(code: str, base_url: str) -> str:
    return page_link(base_url, **{ROOM_PARAM: code})


def teacher_link(member: Membership, base_url: str, presenter: bool = False) -> str:
    params = {ROOM_PARAM: member.code, TEACHER_PARAM: member.key}
    if presenter:
        params[PRESENTER_PARAM] = "1"
    return page_link(base_url, **params)


def start_ui() -> None:
    """The button that makes a room from the network chosen on this page's link builder (or the defaults)."""
    if st.button("Start a class", key=f"{KEY_PREFIX}_start", type="primary", icon=":material/groups:",
                 help="Makes a room with a short code. Students open its link or type its code, and their pages "
                      "follow yours: the same network, your questions, the reveal."):
        values, problems = ROOM_SETTINGS.check_all(
            {name: st.session_state.get(LESSON_SETTINGS.key(name), setting.default)
             for name, setting in LESSON_SETTINGS.items()})
        try:
            start_room(values if not problems else ROOM_SETTINGS.defaults())
        except RoomError as error:
            st.error(room_message(error))
            return
        st.rerun()


def share_ui(member: Membership, base_url: str, presenting: bool) -> None:
    """The code, read aloud; the student link and its QR code; the teacher's own links."""
    address = student_link(member.code, base_url)
    code_column, qr_column = st.columns([3, 2], vertical_alignment="center")
    with code_column:
        st.html(f'<div style="font-size:1.2rem">Class code</div>'
                f'<div class="room-code" style="font-size:4.5rem;font-weight:700;letter-spacing:0.35em;'
                f'font-family:monospace">{member.code}</div>')
        st.write("Students open this link, scan the code beside it, or type the class code in the "
                 "sidebar of any page:")
        st.code(address, language=None, wrap_lines=True)
    with qr_column:
        st.html(qr_img_html(address, alt=f"QR code of the student link for class {member.code}"))
    if presenting:
        return
    with st.expander("Your teacher links (keep them to yourself)"):
        st.write("These links carry your teacher key: whoever opens one can ask, reveal and change the "
                 "class's network. Open the projector link on the computer that drives the projector.")
        st.code(teacher_link(member, base_url), language=None, wrap_lines=True)
        st.link_button("Open the projector view", teacher_link(member, base_url, presenter=True),
                       key=f"{KEY_PREFIX}_projector", icon=":material/co_present:",
                       help="Opens this class in presenter mode in a new tab: large type, the code, the live "
                            "answers, the reveal and the race, readable from the back of the room.")


def network_ui(member: Membership) -> None:
    """Everyone to this network: choose the room's settings and push them to every student's page."""
    store = get_store()
    view = store.view(member.code)
    current = view.settings
    st.subheader("Everyone to this network")
    st.write("Choose the network the class works on and press the button: every student's page rebuilds "
             "it with the same starting weights (same seed), and students who join later get it too.")
    left, right = st.columns(2)
    with left:
        values = {name: setting_ui(ROOM_SETTINGS, name, current["values"][name]) for name in ROOM_SETTINGS}
    with right:
        label = lambda name: ROOM_SETTINGS[name].label  # noqa: E731
        hide = st.multiselect("Hide these controls from students", list(ROOM_SETTINGS), default=current["hide"],
                              format_func=label, key=f"{KEY_PREFIX}_hide",
                              help="Left out of the students' live page; the network is still built with them.")
        lock = st.multiselect("Show these locked", [n for n in ROOM_SETTINGS if n not in hide],
                              default=[n for n in current["lock"] if n not in hide], format_func=label,
                              key=f"{KEY_PREFIX}_lock",
                              help="Shown greyed out on the students' live page, so they see what the lesson is on.")
    good, problems = ROOM_SETTINGS.check_all(values)
    for problem in problems:
        st.error(f"{problem}. Fix it before sending it to the class.")
    if st.button("Everyone to this network", key=f"{KEY_PREFIX}_push", type="primary", disabled=bool(problems),
                 icon=":material/cast_for_education:",
                 help="Sends these settings to every student's page now; their networks start again from "
                      "the same weights as yours."):
        try:
            version = store.push_settings(member.code, member.key, room_settings(good, hide, lock))
        except RoomError as error:
            st.error(room_message(error))
            return
        st.success(f"Sent to the class (version {version}).")


def ask_ui(member: Membership) -> None:
    """Ask: a question made from the room's network for the sample and stage the teacher picks."""
    store = get_store()
    values = store.view(member.code).settings["values"]
    st.subheader("Ask the class")
    st.write("Pick a sample of the class's data set and a stage of the pass; the question is made from the "
             "class's network, and its answer is computed by the network when you reveal it.")
    count = room_questions.sample_count(values)
    sample_column, stage_column = st.columns(2)
    with sample_column:
        sample = st.number_input(f"Sample (1 to {count})", min_value=1, max_value=count, value=1, step=1,
                                 key=f"{KEY_PREFIX}_sample",
                                 help="Which row of the class's data set goes through the network.")
    with stage_column:
        stage = st.selectbox("Stage", room_questions.ROOM_STAGES, key=f"{KEY_PREFIX}_stage",
                             format_func=lambda n: f"{n}. {STAGE_TITLES[n - 1]}",
                             help="The stage of the forward and backward pass the question is about, "
                                  "numbered as on the step-through page.")
    if st.button("Ask", key=f"{KEY_PREFIX}_ask", type="primary", icon=":material/quiz:",
                 help="Shows the question on every student's page and on the projector; answers arrive live."):
        question = room_questions.make_question(values, int(sample), int(stage))
        if question is None:
            st.warning(f"Stage {stage} has no question worth asking for sample {sample}: try another sample.")
            return
        store.ask(member.code, member.key, question)
        st.rerun()  # the projector's part, above, shows the new question at once


def projector_ui(member: Membership, presenting: bool) -> None:
    """The live question: its count of answers, the Reveal button, then the histogram and the true answer."""

    @st.fragment(run_every=POLL_SECONDS)
    def live():
        store = get_store()
        try:
            view = store.view(member.code)
        except RoomError as error:
            st.error(room_message(error))
            return
        st.html(f'<div class="room-count" style="font-size:1.4rem">Students in the class: '
                f'<b>{view.students}</b></div>')
        if view.question is None:
            st.write("No question yet: ask one, and the answers are counted here as they arrive.")
            return
        asked = room_questions.read_question(view.question)
        prompt = words.question_text(asked.network, asked.trace, asked.question, labels=asked.labels)
        st.subheader(f"Question {view.question_id}: {prompt}")
        st.caption(f"Sample {asked.sample}, stage {asked.stage}: {STAGE_TITLES[asked.stage - 1]}.")
        labels = words.choice_names(asked.network, asked.question, labels=asked.labels)
        if not view.revealed:
            st.html(f'<div class="room-answers" style="font-size:2.6rem;font-weight:700">'
                    f'{view.answers} of {view.students} answered</div>')
            st.write("Choices: " + ", ".join(labels) + ".")
            if st.button("Reveal", key=f"{KEY_PREFIX}_reveal", type="primary", icon=":material/visibility:",
                         help="Closes the question and shows everyone the class's answers beside the true "
                              "answer, computed now by the network."):
                store.reveal(member.code, member.key, view.question_id, room_questions.true_answer(view.question))
                st.rerun()
            return
        tally = store.tally(member.code, view.question_id, member.key)
        reveal_ui(asked, view.reveal, [tally.get(str(n), 0) for n in range(len(labels))])

    live()


def reveal_ui(asked, reveal: dict, counts: list, own: int | None = None) -> None:
    """The class's answers as a histogram beside the true answer, and its one sentence of why."""
    labels = words.choice_names(asked.network, asked.question, labels=asked.labels)
    correct = int(reveal["correct"])
    st.html(f'<div class="room-true-answer" style="font-size:1.6rem">The true answer: '
            f'<b>{labels[correct]}</b></div>')
    st.html(svg_img_html(answers_histogram_svg(labels, counts, correct, own),
                         answers_summary(labels, counts, correct, own), "answers-histogram"))
    st.caption("Bars: how many gave each answer. The true answer's bar is dark, outlined and marked "
               "\"✓ true answer\"" + ("; yours is marked \"← you\"." if own is not None else "."))
    st.write(words.explanation(asked.network, asked.question, asked.question.choices[correct], reveal["figures"],
                               labels=asked.labels))


def race_ui(member: Membership) -> None:
    """The class race: every posted run's error curve, and a ranked table."""

    @st.fragment(run_every=POLL_SECONDS * 3)
    def live():
        values = get_store().view(member.code).settings["values"]
        runs = get_store().runs(member.code)
        samples = race.race_samples(values)
        st.subheader("Class race")
        if not runs:
            st.write(f"Students train their own copy of the class network for {samples:,} samples with a "
                     "learning rate of their choice and post it; their curves appear here.")
            return
        labels = [f"lr {run.label}" for run in runs]
        st.html(svg_img_html(race_curves_svg([run.curve for run in runs], labels, samples, race.RACE_POINTS),
                             race_summary(labels, samples), "race-curves"))
        table = race.standings([run.name or "(no name)" for run in runs], [run.label for run in runs],
                               [run.curve for run in runs])
        st.dataframe(
            [{"place": row.place, "name": row.name, "learning rate": row.label,
              "error at the end": round(row.final_error, 4) if row.finished else "blew up"} for row in table],
            hide_index=True, use_container_width=True,
        )
        st.caption("Each curve is a run's running mean error (over 100 samples), labelled by its learning "
                   "rate; the table ranks them by that error after the same number of samples.")

    live()


def close_ui(member: Membership) -> None:
    if st.button("End the class", key=f"{KEY_PREFIX}_close", icon=":material/logout:",
                 help="Closes the room for everyone: students keep the network they have and get their own "
                      "page back."):
        try:
            get_store().close_room(member.code, member.key)
        except RoomError:
            pass
        leave_room()
        st.rerun()
