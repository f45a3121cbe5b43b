"""The ten stages of one forward and one backward pass, by name: what the step page steps through
(ui/step/stages.py draws each) and what a class room's question names (ui/classroom).

Marked for translation; whoever draws a title translates it with ``ui.i18n._``."""

from ui.i18n import N_

#: Short titles, in the order the pass runs the stages.
STAGE_TITLES = (
    N_("inputs and targets"), N_("hidden_inputs = wih · inputs"), N_("hidden_outputs = sigmoid(hidden_inputs)"),
    N_("final_inputs = who · hidden_outputs"), N_("final_outputs and the error"),
    N_("output_errors = targets − final_outputs"), N_("hidden_errors (backpropagated)"), N_("the change to who"),
    N_("the change to wih"), N_("updated weights, error after"),
)
