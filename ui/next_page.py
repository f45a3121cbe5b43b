"""The path through the pages for a reader of the book: "Start here" on the front door, and where to go next.

One table says the order; the front door lists it and every page ends with a
link to the next step on it, so a learner coming from the book's part 1 is never
left wondering where to go.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ui.i18n import N_, _

PAGES = Path(__file__).resolve().parents[1] / "pages"


@dataclasses.dataclass(frozen=True)
class Step:
    page: str          # the file in pages/
    label: str         # marked with N_, translated where drawn
    icon: str
    teaches: str       # one sentence: what this step shows (N_ too)
    query: tuple = ()  # (name, value) pairs the link sets on the page


#: The book's worked example first (part 1's numbers), then watch, then every number, then MNIST (parts 2 and 3).
START_HERE: tuple[Step, ...] = (
    Step("2_Step_through.py", N_("1. The book's worked example"), ":material/menu_book:",
         N_("The 3-3-3 network of part 1 with the weights the book prints: watch its numbers "
            "(hidden_inputs 1.16, 0.42, 0.62 ...) come out of the code, one stage at a time."),
         (("source", "fresh"), ("dataset", "worked-example"), ("hidden_nodes", "3"), ("bias", "false"),
          ("stage", "1"))),
    Step("1_Watch_it_learn.py", N_("2. Watch it learn"), ":material/monitoring:",
         N_("Press Start and watch the weights, the error and every sample's answer change as the network trains.")),
    Step("2_Step_through.py", N_("3. Step through"), ":material/footprint:",
         N_("One forward and one backward pass of your own network, every number on screen: where each "
            "weight's change comes from.")),
    Step("3_MNIST_workshop.py", N_("4. MNIST workshop"), ":material/draw:",
         N_("The book's big experiment: teach the network to read handwritten digits, then test it on your own.")),
)
#: For teachers, after the path.
CLASSROOM = Step("4_Classroom.py", N_("For teachers: Classroom"), ":material/school:",
                 N_("Ready lessons with timed steps and questions, a link builder, presenter mode and saved work."))

#: Where each page sends the learner next: the step after it on the path (the Classroom after MNIST).
NEXT = {
    "dashboard.py": START_HERE[0],
    "1_Watch_it_learn.py": START_HERE[2],
    "2_Step_through.py": START_HERE[3],
    "3_MNIST_workshop.py": CLASSROOM,
    "4_Classroom.py": START_HERE[0],
}
NEXT_HEADING = N_("Where next")


def step_link_ui(step: Step, *, caption: bool = True) -> None:
    """A link to the step's page (with its query), and the sentence on what it shows."""
    import streamlit as st
    from streamlit.errors import StreamlitPageNotFoundError

    try:
        st.page_link(f"pages/{step.page}", label=_(step.label), icon=step.icon, help=_(step.teaches),
                     query_params=dict(step.query) or None)
    except StreamlitPageNotFoundError:
        return  # the page was started on its own (a test of one file): there is no menu to link into
    if caption:
        st.caption(_(step.teaches))


def next_page_ui(current_file: str) -> None:
    """The end of a page: the next step on the path."""
    import streamlit as st

    step = NEXT.get(Path(current_file).name)
    if step is None:
        return
    st.divider()
    st.markdown(f"**{_(NEXT_HEADING)}**")
    step_link_ui(step)
