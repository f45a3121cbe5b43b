"""The teacher's side of a class room: share it, push the network, ask, reveal, watch the race.

Two tabs of the teacher's link work together: one with the controls, and one in
presenter mode (``&presenter=1``) on the projector, which shows the code, the QR
code, the live count of answers, the reveal and the race in large type. Both
follow the room through a fragment that reads it about once a second.
"""

from __future__ import annotations

import html
from urllib.parse import urlencode, urljoin

import streamlit as st

from ui.classroom import lesson_questions, race, room_questions
from ui.classroom.lessons import CHOOSE_CONTROLS, LESSON_SETTINGS, LESSONS, LESSONS_BY_SLUG
from ui.classroom.qr import qr_img_html
from ui.classroom.room_charts import (
    OWN_MARK, TRUE_MARK, answers_histogram_svg, answers_summary, race_curves_svg, race_summary, svg_img_html,
)
from ui.classroom.room_messages import room_message
from ui.classroom.room_session import (
    ROOM_PARAM, ROOM_SETTINGS, TEACHER_PARAM, Membership, get_store, leave_room, poll_seconds, room_settings,
    start_room,
)
from ui.classroom.rooms.base import RoomError
from ui.classroom.shown_question import Shown, lesson_prompt, shown, true_answer
from ui.heavy_jobs import SLOTS, session_holder, yield_to_pages
from ui.i18n import N_, _, ngettext, numbers
from ui.i18n.widget_language import redraw_in_language
from ui.presenter import PRESENTER_PARAM
from ui.settings.widgets import setting_ui
from ui.stage_titles import STAGE_TITLES
from ui.whole_numbers import whole_number_input

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
    if st.button(_("Start a class"), key=f"{KEY_PREFIX}_start", type="primary", icon=":material/groups:",
                 help=_("Makes a room with a short code. Students open its link or type its code, and their pages "
                        "follow yours: the same network, your questions, the reveal.")):
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
        code_heading = html.escape(_("Class code"))
        st.html(f'<div style="font-size:1.2rem">{code_heading}</div>'
                f'<div class="room-code" style="font-size:4.5rem;font-weight:700;letter-spacing:0.35em;'
                f'font-family:monospace">{member.code}</div>')
        st.write(_("Students open this link, scan the code beside it, or type the class code in the "
                   "sidebar of any page:"))
        st.code(address, language=None, wrap_lines=True)
    with qr_column:
        st.html(qr_img_html(address, alt=_("QR code of the student link for class {code}").format(code=member.code)))
    if presenting:
        return
    with st.expander(_("Your teacher links (keep them to yourself)")):
        st.write(_("These links carry your teacher key: whoever opens one can ask, reveal and change the "
                   "class's network. Open the projector link on the computer that drives the projector."))
        st.code(teacher_link(member, base_url), language=None, wrap_lines=True)
        st.link_button(_("Open the projector view"), teacher_link(member, base_url, presenter=True),
                       key=f"{KEY_PREFIX}_projector", icon=":material/co_present:",
                       help=_("Opens this class in presenter mode in a new tab: large type, the code, the live "
                              "answers, the reveal and the race, readable from the back of the room."))


def network_ui(member: Membership) -> None:
    """Everyone to this network: choose the room's settings and push them to every student's page."""
    store = get_store()
    view = store.view(member.code)
    current = view.settings
    st.subheader(_("Everyone to this network"))
    st.write(_("Choose the network the class works on and press the button: every student's page rebuilds "
               "it with the same starting weights (same seed), and students who join later get it too."))
    left, right = st.columns(2)
    with left:
        values = {name: setting_ui(ROOM_SETTINGS, name, current["values"][name]) for name in ROOM_SETTINGS}
    with right:
        label = lambda name: _(ROOM_SETTINGS[name].label)  # noqa: E731
        # The room's choices to begin with, given through the session so a switch can give them again in the
        # new language's words (a default beside a value set by the script makes Streamlit log a warning)
        st.session_state.setdefault(f"{KEY_PREFIX}_hide", current["hide"])
        redraw_in_language(f"{KEY_PREFIX}_hide")
        hide = st.multiselect(_("Hide these controls from students"), list(ROOM_SETTINGS),
                              format_func=label, placeholder=_(CHOOSE_CONTROLS), key=f"{KEY_PREFIX}_hide",
                              help=_("Left out of the students' live page; the network is still built with them."))
        st.session_state.setdefault(f"{KEY_PREFIX}_lock", [n for n in current["lock"] if n not in hide])
        redraw_in_language(f"{KEY_PREFIX}_lock")
        lock = st.multiselect(_("Show these locked"), [n for n in ROOM_SETTINGS if n not in hide], format_func=label,
                              placeholder=_(CHOOSE_CONTROLS),
                              key=f"{KEY_PREFIX}_lock",
                              help=_("Shown greyed out on the students' live page, so they see what the lesson "
                                     "is on."))
    good, problems = ROOM_SETTINGS.check_all(values)
    for problem in problems:
        st.error(_("{problem}. Fix it before sending it to the class.").format(problem=problem))
    if view.question_open:
        st.caption(_("Question {number} is open. Sending a different network closes it: it is about the network "
                     "the class has now. Sending the same network again keeps it open.").format(
            number=numbers.integer(view.question_id)))
    if st.button(_("Everyone to this network"), key=f"{KEY_PREFIX}_push", type="primary", disabled=bool(problems),
                 icon=":material/cast_for_education:",
                 help=_("Sends these settings to every student's page now; their networks start again from "
                        "the same weights as yours.")):
        try:
            version = store.push_settings(member.code, member.key, room_settings(good, hide, lock))
            after = store.view(member.code)
        except RoomError as error:
            st.error(room_message(error))
            return
        st.success(_("Sent to the class (version {version}).").format(version=version))
        if view.question_open and after.question_id == view.question_id and after.question_closed_by_network:
            st.info(_("Question {number} is now closed: it was about the network the class had before. Ask a "
                      "question about this one.").format(number=numbers.integer(view.question_id)))


#: What the teacher may ask (translated where drawn): a question made from the room's network, or a ready lesson's.
ASK_KINDS = {"network": N_("a question about the room's network"), "lesson": N_("a lesson's question")}


def ask_ui(member: Membership) -> None:
    """Ask: a question made from the room's network, or a ready lesson's question."""
    st.subheader(_("Ask the class"))
    kinds = {kind: _(words) for kind, words in ASK_KINDS.items()}  # written in this run's language
    redraw_in_language(f"{KEY_PREFIX}_ask_kind")  # its choices' names are the language's words
    kind = st.radio(_("What to ask"), list(kinds), key=f"{KEY_PREFIX}_ask_kind", format_func=kinds.__getitem__,
                    horizontal=True,
                    help=_("A question made from the class's network for a sample and a stage of the pass, or a "
                           "ready lesson's question about what a change of setting will do (it sends the lesson's "
                           "network to the class)."))
    if kind == "lesson":
        lesson_ask_ui(member)
    else:
        network_ask_ui(member)


def lesson_ask_ui(member: Membership) -> None:
    """A ready lesson's question: the class gets the lesson's network, then the question about it."""
    st.write(_("Asking it sends the lesson's network to every student (in place of the class's network now), "
               "so the question is about the network on their screens. When you reveal it, both networks are "
               "trained from the same seed and their errors answer it."))
    titles = {lesson.slug: lesson.title for lesson in LESSONS}  # written in this run's language
    redraw_in_language(f"{KEY_PREFIX}_lesson")  # a lesson's title is the language's words
    slug = st.selectbox(_("Lesson"), list(titles), key=f"{KEY_PREFIX}_lesson", format_func=titles.__getitem__,
                        help=_("The ready lesson whose network the class gets and whose question it answers."))
    lesson = LESSONS_BY_SLUG[slug]
    st.info(lesson_prompt(lesson_questions.lesson_asked(lesson)))
    if st.button(_("Ask"), key=f"{KEY_PREFIX}_ask_lesson", type="primary", icon=":material/quiz:",
                 help=_("Sends the lesson's network to every student, then shows the question on their pages and "
                        "on the projector; answers arrive live.")):
        store = get_store()
        settings = room_settings(lesson.values, lesson.hide, lesson.lock)
        try:
            version = store.push_settings(member.code, member.key, settings)
            # Asked on the version just pushed: if another tab sent a network meanwhile, it is refused.
            store.ask(member.code, member.key, lesson_questions.make_question(lesson), settings_version=version)
        except RoomError as error:
            st.error(room_message(error))
            return
        forget_network_controls()
        st.rerun()  # the projector's part, above, shows the new question at once


def forget_network_controls() -> None:
    """Let "Everyone to this network"'s controls (drawn later in this run) start again from the room's
    settings, which a lesson's question has just replaced."""
    for key in [ROOM_SETTINGS.key(name) for name in ROOM_SETTINGS] + [f"{KEY_PREFIX}_hide", f"{KEY_PREFIX}_lock"]:
        st.session_state.pop(key, None)


def network_ask_ui(member: Membership) -> None:
    """A question made from the room's network for the sample and stage the teacher picks."""
    store = get_store()
    view = store.view(member.code)
    values = view.settings["values"]
    st.write(_("Pick a sample of the class's data set and a stage of the pass; the question is made from the "
               "class's network, and its answer is computed by the network when you reveal it."))
    count = room_questions.sample_count(values)
    sample_column, stage_column = st.columns(2)
    with sample_column:
        sample = whole_number_input(_("Sample (1 to {count})").format(count=numbers.integer(count)), 1, count,
                                    value=1, key=f"{KEY_PREFIX}_sample",
                                    help=_("Which row of the class's data set goes through the network."))
    # Written once, in this run's language (a format_func is also called outside the run, e.g. by AppTest).
    stage_names = {n: f"{n}. {_(STAGE_TITLES[n - 1])}" for n in room_questions.ROOM_STAGES}
    with stage_column:
        redraw_in_language(f"{KEY_PREFIX}_stage")  # a stage's title is the language's words
        stage = st.selectbox(_("Stage"), room_questions.ROOM_STAGES, key=f"{KEY_PREFIX}_stage",
                             format_func=stage_names.__getitem__,
                             help=_("The stage of the forward and backward pass the question is about, "
                                    "numbered as on the step-through page."))
    if st.button(_("Ask"), key=f"{KEY_PREFIX}_ask", type="primary", icon=":material/quiz:",
                 help=_("Shows the question on every student's page and on the projector; answers arrive live.")):
        question = room_questions.make_question(values, int(sample), int(stage))
        if question is None:
            st.warning(_("Stage {stage} has no question worth asking for sample {sample}: try another sample.").format(
                stage=stage, sample=sample))
            return
        try:  # asked about the network it was made from: refused if another tab sent a new one meanwhile
            store.ask(member.code, member.key, question, settings_version=view.settings_version)
        except RoomError as error:
            st.error(room_message(error))
            return
        st.rerun()  # the projector's part, above, shows the new question at once


def projector_ui(member: Membership, presenting: bool, question_first: bool = False) -> None:
    """The live question: its count of answers, the Reveal button, then the histogram and the true answer.
    ``question_first``: the page drew it above the code (the projector once a question is asked)."""

    @st.fragment(run_every=POLL_SECONDS)
    def live():
        store = get_store()
        try:
            view = store.view(member.code)
        except RoomError as error:
            st.error(room_message(error))
            return
        if presenting and (view.question is not None) != question_first:
            st.rerun()  # the first question (asked from the teacher's tab): the whole page, the question on top
        on_earlier_network = view.revealed and view.question_on_earlier_network
        st.html(class_line_html(view.students, _(EARLIER_NETWORK) if on_earlier_network else None))
        if view.question is None:
            st.write(_("No question yet: ask one, and the answers are counted here as they arrive."))
            return
        asked = shown(view.question)
        heading = _("Question {number}: {question}").format(number=view.question_id, question=asked.prompt)
        if presenting and view.revealed:
            # Once revealed, the projector's biggest things are the true answer and the bars: the question
            # steps down to a size that leaves them, all four options, a 1280 x 720 screen.
            st.html(f'<div class="room-question" style="font-size:1.25rem;font-weight:600">{html.escape(heading)}'
                    '</div>')
        else:
            st.subheader(heading)
        if not presenting:  # presenter mode hides captions: drawn there, it would only leave a gap
            st.caption(asked.teacher_caption)
        if view.question_closed_by_network:
            # Closed by a new network: its answers were given about the network that is gone, so it is
            # neither revealed against the class's screens nor counted for another question.
            st.warning(closed_by_network(view))
            return
        if not view.revealed:
            st.html('<div class="room-answers" style="font-size:2.6rem;font-weight:700">' + html.escape(
                _("{answered} of {students} answered")
            ).format(answered=numbers.integer(view.answers), students=numbers.integer(view.students)) + "</div>")
            st.write(_("Choices: {choices}.").format(choices=", ".join(asked.labels)))
            if st.button(_("Reveal"), key=f"{KEY_PREFIX}_reveal", type="primary", icon=":material/visibility:",
                         help=_("Closes the question and shows everyone the class's answers beside the true "
                                "answer, computed now by the network.")):
                refusal = reveal_now(member, view)
                if refusal is None:
                    st.session_state.pop(REVEAL_REFUSAL_KEY, None)
                    st.rerun()
                st.session_state[REVEAL_REFUSAL_KEY] = (member.code, view.question_id, refusal)
            # Kept, not only drawn by the press's run: the poll draws the question again every second, and
            # a notice drawn once would be gone before the teacher had read it.
            refused = st.session_state.get(REVEAL_REFUSAL_KEY)
            if refused is not None and refused[:2] == (member.code, view.question_id):
                st.error(refused[2])
            return
        tally = store.tally(member.code, view.question_id, member.key)
        reveal_ui(asked, view.reveal, [tally.get(str(n), 0) for n in range(len(asked.labels))], wide=True,
                  presenting=presenting)

    live()


#: Said of a revealed question once the class has another network: its figures are the earlier network's.
EARLIER_NETWORK = N_("This question was about the class's earlier network; the class has a new one now.")


def class_line_html(students: int, notice: str | None = None) -> str:
    """The top line of the teacher's class: how many students, and beside it a notice about the class (a
    revealed question that was about its earlier network). Said there, not under the reveal, because the
    reveal alone fills a 1280 x 720 projector: a notice under it would be below the screen."""
    count = html.escape(_("Students in the class: {count}")).format(count=f"<b>{numbers.integer(students)}</b>")
    parts = [f"<span>{count}</span>"]
    if notice is not None:
        parts.append('<span class="room-notice" role="status" style="font-size:1rem;padding:0.1rem 0.6rem;'
                     'border-radius:0.5rem;background:rgba(28,131,225,0.12)">'
                     + html.escape(notice, quote=False) + "</span>")
    return ('<div class="room-count" style="font-size:1.4rem;display:flex;flex-wrap:wrap;align-items:baseline;'
            'justify-content:space-between;column-gap:1.5rem">' + "".join(parts) + "</div>")


def closed_by_network(view) -> str:
    """The projector's word on a question a new network closed, with how many had answered it."""
    return _("Question {number} is closed: the class got a new network, and the question was about the earlier "
             "one. {answered} of {students} had answered; their answers stay with question {number} and are not "
             "counted for any other.").format(number=numbers.integer(view.question_id),
                                              answered=numbers.integer(view.answers),
                                              students=numbers.integer(view.students))


#: Session state: why the teacher's last press of Reveal did not reveal, as (room code, question id, words),
#: said under the button while that question is still the room's and not revealed.
REVEAL_REFUSAL_KEY = f"{KEY_PREFIX}_reveal_refusal"


def reveal_now(member: Membership, view) -> str | None:
    """Reveal the room's question (``view``'s): None once it is revealed, else why not, in words: the server
    is busy, or another tab closed the question meanwhile (a new network or question)."""
    reveal = computed_reveal(view.question)
    if reveal is None:
        return _(REVEAL_BUSY).format(slots=numbers.integer(SLOTS.size))
    try:
        get_store().reveal(member.code, member.key, view.question_id, reveal)
    except RoomError as error:
        return room_message(error)
    return None


def computed_reveal(room_question: dict) -> dict | None:
    """The true answer, computed now; a lesson's question trains two runs, so it takes one of the server's
    heavy-job slots (None when every slot is taken)."""
    if not lesson_questions.is_lesson_question(room_question):
        return true_answer(room_question)
    asked = lesson_questions.read_question(room_question)
    if lesson_questions.measured(asked) is not None:
        return true_answer(room_question)  # measured already in this process: no training
    with SLOTS.job(session_holder(st.session_state)) as started:
        if not started:
            return None
        yield_to_pages()
        with st.spinner(ngettext("Training both networks for {samples} sample…",
                                 "Training both networks for {samples} samples…", asked.samples).format(
                samples=numbers.integer(asked.samples))):
            return true_answer(room_question)


#: Said when a lesson question's reveal finds the server's heavy-job slots all taken.
REVEAL_BUSY = N_("The server is busy with another large job (it runs {slots} at a time, so that every learner's "
                 "page stays quick), so the two networks were not trained yet. Press Reveal again in a minute.")


def reveal_ui(asked: Shown, reveal: dict, counts: list, own: int | None = None, wide: bool = False,
              presenting: bool = False) -> None:
    """The class's answers as a histogram beside the true answer, what its colours mean, and its one sentence
    of why. ``wide``: the histogram's labels beside their bars (a desk or a projector, not a phone);
    ``presenting``: on the projector, the true answer in larger type and the colours' words readable from
    the back of the room (presenter mode hides captions)."""
    labels = asked.labels
    correct = int(reveal["correct"])
    size = "2rem" if presenting else "1.6rem"
    st.html(f'<div class="room-true-answer" style="font-size:{size}">' + html.escape(
        _("The true answer: {answer}")).format(answer=f"<b>{html.escape(labels[correct])}</b>") + "</div>")
    st.html(svg_img_html(answers_histogram_svg(labels, counts, correct, own, wide=wide),
                         answers_summary(labels, counts, correct, own), "answers-histogram"))
    if own is None:
        legend = _("Bars: how many gave each answer, in grey. The true answer's bar is dark blue, outlined and "
                   "marked \"{true_mark}\".")
    else:
        legend = _("Bars: how many gave each answer, in grey. The true answer's bar is dark blue, outlined and "
                   "marked \"{true_mark}\"; yours is marked \"{own_mark}\".")
    legend = legend.format(true_mark=_(TRUE_MARK), own_mark=_(OWN_MARK))
    if presenting:
        st.html(f'<div class="room-bars-legend" style="font-size:1rem">{html.escape(legend)}</div>')
    else:
        st.caption(legend)
    st.write(asked.explanation(reveal))


def race_ui(member: Membership) -> None:
    """The class race: every posted run's error curve, and a ranked table."""

    @st.fragment(run_every=POLL_SECONDS * 3)
    def live():
        values = get_store().view(member.code).settings["values"]
        runs = get_store().runs(member.code)
        samples = race.race_samples(values)
        st.subheader(_("Class race"))
        if not runs:
            st.write(ngettext(
                "Students train their own copy of the class network for {samples} sample with a "
                "learning rate of their choice and post it; their curves appear here.",
                "Students train their own copy of the class network for {samples} samples with a "
                "learning rate of their choice and post it; their curves appear here.",
                samples).format(samples=numbers.integer(samples)))
            return
        # A run's label is its learning rate as posted ("0.3"), written here the session's way.
        rates = [run.label.replace(".", numbers.decimal_sign()) for run in runs]
        labels = [_("lr {rate}").format(rate=rate) for rate in rates]
        st.html(svg_img_html(race_curves_svg([run.curve for run in runs], labels, samples, race.RACE_POINTS),
                             race_summary(labels, samples), "race-curves"))
        table = race.standings([run.name or _("(no name)") for run in runs], rates, [run.curve for run in runs])
        st.dataframe(
            [{_("place"): row.place, _("name"): row.name, _("learning rate"): row.label,
              _("error at the end"): race_error_cell(row)} for row in table],
            hide_index=True, use_container_width=True,
        )
        st.caption(_("Each curve is a run's running mean error (over {window} samples), labelled by its learning "
                     "rate; the table ranks them by that error after the same number of samples.").format(
            window=numbers.integer(race.RACE_WINDOW)))

    live()


def race_error_cell(row: race.Standing):
    """The table's error: a number where the language writes decimals as Python does, else the language's
    text (the column holds text anyway, for a run that blew up)."""
    if not row.finished:
        return _("blew up")
    if numbers.decimal_sign() == ".":
        return round(row.final_error, 4)
    return numbers.decimal(round(row.final_error, 4), 4)


def close_ui(member: Membership) -> None:
    if st.button(_("End the class"), key=f"{KEY_PREFIX}_close", icon=":material/logout:",
                 help=_("Closes the room for everyone: students keep the network they have and get their own "
                        "page back.")):
        try:
            get_store().close_room(member.code, member.key)
        except RoomError:
            pass
        leave_room()
        st.rerun()
