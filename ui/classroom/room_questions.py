"""The room's questions: made from the room's network for a sample and stage the teacher picks.

A room question is a small JSON-able dict (the store keeps it as it is)::

    {"settings": the room's settings, "sample": 1-based row of the data set, "stage": 1-10,
     "question": nn.questions.Question.to_dict()}

Everything needed to make the question again is in it, so the answer is computed
from ``nn/`` (:func:`nn.questions.reveal` on the network's own ``trace``) at the
moment the teacher reveals it, never stored beforehand. A class answers by
choosing, so only the choice kinds are asked (not "compute it yourself", whose typed
numbers make no histogram): stages 3 and 5 ask only that, so they are not offered.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Optional

import numpy as np

from nn import questions
from nn.network import NeuralNetwork, Trace
from ui.settings.network import LAB_SETTINGS
from ui.datasets import live_dataset
from ui.node_names import network_labels

#: Stages with at least one kind of question a class can answer by choosing.
ROOM_STAGES = tuple(stage for stage, kinds in questions.STAGE_KINDS.items() if set(kinds) - {"compute"})
#: Draws of the question generator tried before a stage is said to have no choice question for this sample.
ATTEMPTS = 24


@dataclasses.dataclass(frozen=True)
class Asked:
    """A room question, read back: the network it is about, the sample's trace and the question."""

    network: NeuralNetwork
    trace: Trace
    question: questions.Question
    sample: int
    stage: int
    settings: dict

    @property
    def labels(self) -> dict:
        """The nodes' names as every page gives them for the room's data set (``digit 0``, ``hidden 2``)."""
        return network_labels(self.network, live_dataset(self.settings["dataset"]))


def network_for(values: dict) -> NeuralNetwork:
    """The room's network, as every student's page builds it from the same settings (same seed, same weights)."""
    teaching_set = live_dataset(values["dataset"])
    return NeuralNetwork(
        teaching_set.input_nodes, values["hidden_nodes"], teaching_set.output_nodes, values["learning_rate"],
        init=values["init"], bias=values["bias"], rule=values["rule"], seed=values["seed"],
    )


def sample_count(values: dict) -> int:
    return len(live_dataset(values["dataset"]).inputs)


def _trace(network: NeuralNetwork, values: dict, sample: int) -> Trace:
    teaching_set = live_dataset(values["dataset"])
    if not 1 <= sample <= len(teaching_set.inputs):
        raise ValueError(f"sample must be from 1 to {len(teaching_set.inputs)}; got {sample!r}")
    return network.trace(teaching_set.inputs[sample - 1], teaching_set.targets[sample - 1])


def make_question(values: dict, sample: int, stage: int) -> Optional[dict]:
    """The room question for this sample and stage of the room's network, or None if the stage
    has no choice question for this sample. The same settings, sample and stage give the same question."""
    if stage not in ROOM_STAGES:
        raise ValueError(f"stage must be one of {', '.join(map(str, ROOM_STAGES))}; got {stage!r}")
    values, problems = LAB_SETTINGS.check_all(values)
    if problems:
        raise ValueError("; ".join(problems))
    network = network_for(values)
    trace = _trace(network, values, sample)
    for attempt in range(ATTEMPTS):
        question = questions.ask(network, trace, stage, questions.rng_for(values["seed"], sample, stage, attempt))
        if question is not None and question.kind != "compute":
            return {"settings": _json_values(values), "sample": sample, "stage": stage, "question": question.to_dict()}
    return None


def read_question(room_question: dict) -> Asked:
    """The network, trace and question a room question describes (ValueError if it describes none)."""
    values, problems = LAB_SETTINGS.check_all(room_question["settings"])
    if problems:
        raise ValueError("; ".join(problems))
    network = network_for(values)
    sample, stage = int(room_question["sample"]), int(room_question["stage"])
    return Asked(network, _trace(network, values, sample), questions.Question.from_dict(room_question["question"]),
                 sample, stage, values)


def answer_key(asked: Asked, choice: Any) -> str:
    """How a choice is stored as a student's answer: its position among the question's choices."""
    return str(asked.question.choices.index(choice))


def true_answer(room_question: dict) -> dict:
    """The reveal as the room keeps it, computed now by nn/: which choice is right and the figures behind it."""
    asked = read_question(room_question)
    answer = questions.reveal(asked.question, asked.network, asked.trace)
    return {"correct": answer_key(asked, answer.correct), "values": list(answer.values),
            "figures": {name: _plain(value) for name, value in answer.figures.items()}}


def _plain(value):
    if isinstance(value, (tuple, list, np.ndarray)):
        return [float(v) for v in value]
    return float(value)


def _json_values(values: dict) -> dict:
    return {name: (value.item() if isinstance(value, np.generic) else value) for name, value in values.items()}
