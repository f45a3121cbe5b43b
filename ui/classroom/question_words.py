"""The words of a room question: its prompt, its choices and its one-sentence explanation.

``nn.questions`` gives codes and figures; this module words them for the screen.
Each sentence is a whole template with named placeholders, so it can be
translated as one. Node names are every page's (:mod:`ui.node_names`: ``hidden 2``,
``digit 0``), weights the step-through page's (1-based: ``who[2,1]``), and every number is the figure ``nn/`` computed,
shown to 4 significant figures.
"""

from __future__ import annotations

from nn import questions
from ui.classroom.room_questions import Asked
from ui.datasets import live_dataset
from ui.network_diagram import node_name
from ui.node_names import network_labels

#: The layer of the nodes a question's choices name, by the trace quantity it is about.
_LAYER = {
    "hidden_inputs": "hidden", "hidden_errors": "hidden", "final_inputs": "outputs",
    "output_errors": "outputs", "outputs_after": "outputs",
}

PROMPTS = {
    "strongest_input": "Which input sends the largest signal (in size) into {subject}'s sum?",
    "largest_node": "Which {layer} node gets the largest summed signal?",
    "largest_error": "Which output has the largest error (in size)?",
    "most_blame": "Which hidden node gets the most blame (the largest hidden error in size)?",
    "largest_change": "Which weight of {matrix} changes most (in size) in this update?",
    "largest_move": "After this update, which output moves most on this sample?",
    "too_high_or_low": "Is {subject}'s output too high or too low for its target?",
    "above_half": "Will {subject}'s output be above or below 0.5?",
    "weight_direction": "In this update, will weight {subject} go up or down?",
    "error_falls": "After this update, will this sample's error fall or rise?",
}

WORDS = {
    questions.UP: "up", questions.DOWN: "down",
    questions.TOO_HIGH: "too high", questions.TOO_LOW: "too low",
    questions.FALLS: "falls", questions.RISES: "rises",
    questions.ABOVE: "above 0.5", questions.BELOW: "below 0.5",
}

EXPLANATIONS = {
    "strongest_input": "{answer} sends the largest signal into {subject}: its weight times its input is "
                       "{value}, against {others} for the other choices.",
    "largest_node": "{answer} gets the largest summed signal, {value}, against {others} for the other choices.",
    "largest_error": "{answer}'s error (target minus output) is {value}, larger in size than {others} "
                     "for the other choices.",
    "most_blame": "{answer}'s hidden error is {value}, larger in size than {others} for the other choices.",
    "largest_change": "{answer} changes by {value}, more in size than {others} for the other choices.",
    "largest_move": "{answer}'s output moves from {before} to {after}, more than the other choices move.",
    "too_high_or_low": "{subject} says {output} where its target is {target}, so its error is {error}: "
                       "the output is {answer}.",
    "above_half": "{subject}'s summed signal is {final_input}, so its sigmoid gives {output}, {answer}.",
    "weight_direction": "{subject} changes by learning rate {learning_rate} × error {error} × slope {slope} "
                        "× signal {signal} = {delta}, so it goes {answer}.",
    "error_falls": "This sample's error goes from {before} to {after} after the update, so it {answer}.",
}


def number(value: float) -> str:
    return f"{value:.4g}"


def _weight_name(matrix: str, index) -> str:
    row, column = index
    return f"{matrix}[{row + 1},{column + 1}]"


def _matrix(asked: Asked) -> str:
    return "who" if asked.question.quantity == "delta_who" else "wih"


def _node(asked: Asked, layer: str, index: int) -> str:
    """The node's name on every page (ui/node_names.py): the data set's for inputs and outputs."""
    sizes = {"inputs": asked.network.input_nodes, "hidden": asked.network.hidden_nodes,
             "outputs": asked.network.output_nodes}
    labels = network_labels(asked.network, live_dataset(asked.settings["dataset"]))
    return node_name(layer, index, sizes[layer], labels)


def subject_name(asked: Asked) -> str:
    """The node or weight the question is about (not one of its choices)."""
    question = asked.question
    if question.kind == "strongest_input":
        return _node(asked, "hidden", question.subject[0])
    if question.kind in ("too_high_or_low", "above_half"):
        return _node(asked, "outputs", question.subject[0])
    if question.kind == "weight_direction":
        return _weight_name(_matrix(asked), question.subject)
    return ""


def choice_label(asked: Asked, choice) -> str:
    question = asked.question
    if isinstance(choice, str):
        return WORDS[choice]
    if question.kind == "strongest_input":
        return _node(asked, "inputs", choice[0])
    if len(choice) == 2:
        return _weight_name(_matrix(asked), choice)
    return _node(asked, _LAYER[question.quantity], choice[0])


def choice_labels(asked: Asked) -> list[str]:
    return [choice_label(asked, choice) for choice in asked.question.choices]


def prompt(asked: Asked) -> str:
    question = asked.question
    layer = {"hidden_inputs": "hidden", "final_inputs": "output"}.get(question.quantity, "")
    return PROMPTS[question.kind].format(subject=subject_name(asked), layer=layer, matrix=_matrix(asked))


def explanation(asked: Asked, reveal: dict) -> str:
    """One sentence saying why the true answer is right, from the figures nn/ computed at the reveal."""
    question, figures = asked.question, reveal["figures"]
    correct = int(reveal["correct"])
    answer = choice_label(asked, question.choices[correct])
    fields = dict(answer=answer, subject=subject_name(asked))
    if question.kind in ("strongest_input", "largest_node", "largest_error", "most_blame", "largest_change"):
        shown = figures["products"] if question.kind == "strongest_input" else figures["values"]
        fields["value"] = number(shown[correct])
        fields["others"] = ", ".join(number(v) for n, v in enumerate(shown) if n != correct)
    elif question.kind == "largest_move":
        fields.update(before=number(figures["outputs_before"][correct]), after=number(figures["outputs_after"][correct]))
    elif question.kind == "too_high_or_low":
        fields.update(output=number(figures["final_output"]), target=number(figures["target"]),
                      error=number(figures["output_error"]))
    elif question.kind == "above_half":
        fields.update(final_input=number(figures["final_input"]), output=number(figures["final_output"]))
    elif question.kind == "weight_direction":
        fields.update({name: number(figures[name]) for name in ("learning_rate", "error", "slope", "signal", "delta")})
    elif question.kind == "error_falls":
        fields.update(before=number(figures["error_before"]), after=number(figures["error_after"]))
    sentence = EXPLANATIONS[question.kind].format(**fields)
    return sentence[:1].upper() + sentence[1:]
