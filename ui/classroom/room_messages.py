"""What the Classroom page says when a room refuses something (the store gives a reason and figures).

Each message is one whole sentence with named placeholders, so it translates as one.
"""

from __future__ import annotations

import math

from ui.classroom.rooms import base
from ui.plain_text import plain
from ui.i18n import _, ngettext, numbers

#: reason -> its sentence for the figures the store gave (the number in it chooses the plural form).
MESSAGES = {
    base.UNKNOWN_ROOM: lambda figures: _("There is no class with the code {code}: check it with your teacher "
                                         "(a class ends after {hours} hours without activity)."),
    base.ROOM_FULL: lambda figures: ngettext("This class is full: it has room for {limit} student.",
                                             "This class is full: it has room for {limit} students.",
                                             figures["limit"]),
    base.TOO_MANY_ROOMS: lambda figures: ngettext(
        "This server already holds {limit} class; try again when it has ended.",
        "This server already holds {limit} classes; try again when one has ended.", figures["limit"]),
    base.NAME_TOO_LONG: lambda figures: ngettext("Your name is {length} character long; use at most {limit}.",
                                                 "Your name is {length} characters long; use at most {limit}.",
                                                 figures["length"]),
    base.NOT_TEACHER: lambda figures: _("Only the teacher's link may do that."),
    base.NOT_STUDENT: lambda figures: _("You are no longer in this class; join it again with its code."),
    base.NO_QUESTION: lambda figures: _("That question is closed: the teacher has revealed it, asked another or "
                                        "sent the class a new network."),
    base.NETWORK_CHANGED: lambda figures: _("The class got a new network while you were asking, so the question "
                                            "was not asked: ask it again about the network the class has now."),
    base.BAD_ANSWER: lambda figures: _("An answer must be one of the question's choices."),
    base.VALUE_TOO_LARGE: lambda figures: _("That is too much to share with the class (at most {limit} bytes)."),
    base.BAD_RUN: lambda figures: _("A run to post needs between 1 and {limit} finite errors."),
}


def too_fast_to_join(seconds: float) -> str:
    wait = math.ceil(seconds)
    return ngettext("Too many tries at a code: wait {seconds} second, then try again.",
                    "Too many tries at a code: wait {seconds} seconds, then try again.",
                    wait).format(seconds=numbers.integer(wait))


def too_fast_to_answer(seconds: float) -> str:
    wait = math.ceil(seconds)
    return ngettext("Too many answers at once: wait {seconds} second, then answer again.",
                    "Too many answers at once: wait {seconds} seconds, then answer again.",
                    wait).format(seconds=numbers.integer(wait))


def room_message(error: base.RoomError) -> str:
    """The store's refusal as one Markdown sentence in the session's language.

    A code is quoted as typed, its Markdown characters escaped (plain_text.plain), so it stays plain text."""
    figures = {"hours": base.IDLE_HOURS, "code": "", **error.figures}
    written = {name: numbers.integer(value) if isinstance(value, int) else
               numbers.general(value) if isinstance(value, float) else plain(value) for name, value in figures.items()}
    return MESSAGES[error.reason](figures).format(**written)
