"""What ``nn/`` reports, worded for the learner: ``nn/`` returns reasons and figures, this module says them.

One place for every such sentence, so the words can be checked against the figures
(and translated later) without touching the maths.
"""

from __future__ import annotations

from nn.handwriting import UnreadablePicture
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
