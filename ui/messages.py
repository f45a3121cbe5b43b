"""What ``nn/`` reports, worded for the learner: ``nn/`` returns reasons and figures, this module says them.

One place for every such sentence, so the words can be checked against the figures
(and translated later) without touching the maths.
"""

from __future__ import annotations

from nn.handwriting import UnreadablePicture
from nn.network import BadSetting
from nn.training import Divergence


def divergence_message(divergence: Divergence) -> str:
    """Why training stopped, what was kept, and what to try."""
    return (
        "The weights blew up (the error became NaN or a weight grew past "
        f"{divergence.weight_limit:g}), so training was paused and the weights from "
        "before it happened were kept. Try a smaller learning rate."
    )


def picture_problem(problem: UnreadablePicture) -> str:
    """Why a drawn or uploaded picture holds no digit nn/ can read, and what to do about it."""
    figures = problem.figures
    if problem.reason == "not_numbers":
        return f"the picture must hold numbers 0..255; got {figures['dtype']} values"
    if problem.reason == "wrong_shape":
        return f"the picture must be grey (h, w), RGB (h, w, 3) or RGBA (h, w, 4); got shape {figures['shape']}"
    if problem.reason == "too_small":
        side = figures["min_side"]
        return (f"the picture is {figures['height']} x {figures['width']} pixels; "
                f"at least {side} x {side} is needed to hold a digit")
    if problem.reason == "out_of_range":
        return "the picture's values must lie in 0..255"
    if problem.reason == "blank":
        return "the picture is blank: no ink was found (draw or photograph one dark digit on light paper)"
    side = figures["side"]
    return f"the digit vanished when shrunk to {side} x {side}: draw it with thicker strokes"


def setting_problem(problem: BadSetting) -> str:
    """A refused network setting: its name, what is allowed, what was given."""
    if problem.choices is not None:
        words = [str(choice) for choice in problem.choices]
        allowed = " or ".join(words) if len(words) == 2 else "one of " + ", ".join(words)
    else:
        allowed = "a whole number" if problem.whole else "a finite number"
        if problem.low_included:
            low = f"from {problem.low:g}" if problem.high is not None else f"{problem.low:g} or more"
        else:
            low = f"above {problem.low:g}"
        high = "" if problem.high is None else (" to " if problem.low_included else " and at most ") + f"{problem.high:g}"
        allowed += f" {low}{high}"
    if problem.optional:
        allowed += ", or none"
    return f"{problem.field} must be {allowed}; got {problem.value!r}"


def nn_problem(problem: ValueError) -> str:
    """Any refusal from nn/, worded: the structured ones by their fields, others by their short reason."""
    if isinstance(problem, BadSetting):
        return setting_problem(problem)
    if isinstance(problem, UnreadablePicture):
        return picture_problem(problem)
    return str(problem)
