""""Why this number" and "Check it": the tabs under the stages, which in Predict mode wait for the answers.

Both take apart the changes of stages 8 and 9 (the finished update), so showing
them before the learner has predicted those stages would give the answers away.
"""

from __future__ import annotations

from typing import Optional

import streamlit as st

from ui.i18n import _
from ui.step.check import check_it_ui
from ui.step.predict import revealed_through
from ui.step.record import StepRecord
from ui.step.why import why_this_number_ui

#: The stage whose result each tab shows: who's change (8), and both changes (9).
WHY_WHO_NEEDS, WHY_WIH_NEEDS, CHECK_NEEDS = 8, 9, 9


def why_and_check_ui(record: StepRecord, predict: bool, labels: Optional[dict] = None) -> None:
    why_tab, check_tab = st.tabs([_("Why this number"), _("Check it")])
    with why_tab:
        if predict and not revealed_through(record, WHY_WHO_NEEDS):
            st.info(_("Predict first: this takes apart the changes of stages {who} and {wih}. "
                      "It opens once stages 1 to {who} have been predicted and revealed.").format(
                who=WHY_WHO_NEEDS, wih=WHY_WIH_NEEDS))
        else:
            st.write(_("Pick one weight: its change is four numbers multiplied together."))
            wih_waits = predict and not revealed_through(record, WHY_WIH_NEEDS)
            why_this_number_ui(record, labels, matrices=("who",) if wih_waits else ("who", "wih"))
            if wih_waits:
                st.caption(_("The wih weights join in once stage {stage} has been predicted and revealed.").format(
                    stage=WHY_WIH_NEEDS))
    with check_tab:
        if predict and not revealed_through(record, CHECK_NEEDS):
            st.info(_("Predict first: this checks the changes of stages 8 and 9. It opens once stages 1 to "
                      "{stage} have been predicted and revealed.").format(stage=CHECK_NEEDS))
        else:
            check_it_ui(record, labels)
