"""What ``nn/`` reports, worded for the learner: ``nn/`` returns reasons and figures, this module says them.

One place for every such sentence, so the words can be checked against the figures
and translated without touching the maths.
"""

from __future__ import annotations

from nn.handwriting import UnreadablePicture
from nn.network import BadSetting
from nn.training import Divergence
from ui.i18n import _, numbers


def divergence_message(divergence: Divergence) -> str:
    """Why training stopped, what was kept, and what to try."""
    return _(
        "The weights blew up (the error became NaN or a weight grew past {limit}), so training was paused "
        "and the weights from before it happened were kept. Try a smaller learning rate."
    ).format(limit=numbers.general(divergence.weight_limit))


def picture_problem(problem: UnreadablePicture) -> str:
    """Why a drawn or uploaded picture holds no digit nn/ can read, and what to do about it.

    A clause that starts in lower case: the page puts it after its own "cannot be read as a digit:".
    """
    figures = problem.figures
    if problem.reason == "not_numbers":
        return _("the picture must hold numbers 0..255; got {dtype} values").format(dtype=figures["dtype"])
    if problem.reason == "wrong_shape":
        return _("the picture must be grey (h, w), RGB (h, w, 3) or RGBA (h, w, 4); got shape {shape}").format(
            shape=figures["shape"])
    if problem.reason == "too_small":
        side = numbers.integer(figures["min_side"])
        return _("the picture is {height} x {width} pixels; at least {side} x {side} is needed to hold a digit").format(
            height=numbers.integer(figures["height"]), width=numbers.integer(figures["width"]), side=side)
    if problem.reason == "out_of_range":
        return _("the picture's values must lie in 0..255")
    if problem.reason == "blank":
        return _("the picture is blank: no ink was found (draw or photograph one dark digit on light paper)")
    side = numbers.integer(figures["side"])
    return _("the digit vanished when shrunk to {side} x {side}: draw it with thicker strokes").format(side=side)


def allowed_by(problem: BadSetting) -> str:
    """What the refused setting allows, as one phrase ("a whole number from 1 to 2000")."""
    if problem.choices is not None:
        words = [str(choice) for choice in problem.choices]
        if len(words) == 2:
            allowed = _("{first} or {second}").format(first=words[0], second=words[1])
        else:
            allowed = _("one of {choices}").format(choices=", ".join(words))
    else:
        low = numbers.general(problem.low)
        high = None if problem.high is None else numbers.general(problem.high)
        if problem.whole:
            phrases = {
                (True, True): _("a whole number from {low} to {high}"),
                (True, False): _("a whole number {low} or more"),
                (False, True): _("a whole number above {low} and at most {high}"),
                (False, False): _("a whole number above {low}"),
            }
        else:
            phrases = {
                (True, True): _("a finite number from {low} to {high}"),
                (True, False): _("a finite number {low} or more"),
                (False, True): _("a finite number above {low} and at most {high}"),
                (False, False): _("a finite number above {low}"),
            }
        allowed = phrases[problem.low_included, high is not None].format(low=low, high=high)
    if problem.optional:
        # Translators: a setting that may also be left empty (a seed of None: random weights each time)
        allowed = _("{allowed}, or none").format(allowed=allowed)
    return allowed


def setting_problem(problem: BadSetting) -> str:
    """A refused network setting: its name (the code's word), what is allowed, what was given."""
    return _("{name} must be {allowed}; got {value}").format(
        name=problem.field, allowed=allowed_by(problem), value=repr(problem.value))


def nn_problem(problem: ValueError) -> str:
    """Any refusal from nn/, worded: the structured ones by their fields, others by their short reason."""
    if isinstance(problem, BadSetting):
        return setting_problem(problem)
    if isinstance(problem, UnreadablePicture):
        return picture_problem(problem)
    return str(problem)
