"""The ten stages of one forward and one backward pass, by name: what the step page steps through
(ui/step/stages.py draws each) and what a class room's question names (ui/classroom)."""

#: Short titles, in the order the pass runs the stages.
STAGE_TITLES = (
    "inputs and targets", "hidden_inputs = wih · inputs", "hidden_outputs = sigmoid(hidden_inputs)",
    "final_inputs = who · hidden_outputs", "final_outputs and the error", "output_errors = targets − final_outputs",
    "hidden_errors (backpropagated)", "the change to who", "the change to wih", "updated weights, error after",
)
