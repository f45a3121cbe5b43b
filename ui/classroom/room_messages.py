"""What the Classroom page says when a room refuses something (the store gives a reason and figures).

Each message is one whole sentence with named placeholders, so it translates as one.
"""

from __future__ import annotations

from ui.classroom.rooms import base

MESSAGES = {
    base.UNKNOWN_ROOM: "There is no class with the code {code}: check it with your teacher "
                       "(a class ends after {hours} hours without activity).",
    base.ROOM_FULL: "This class is full: it has room for {limit} students.",
    base.TOO_MANY_ROOMS: "This server already holds {limit} classes; try again when one has ended.",
    base.NAME_TOO_LONG: "Your name is {length} characters long; use at most {limit}.",
    base.NOT_TEACHER: "Only the teacher's link may do that.",
    base.NOT_STUDENT: "You are no longer in this class; join it again with its code.",
    base.NO_QUESTION: "That question is closed: the teacher has revealed it or asked another.",
    base.BAD_ANSWER: "An answer must be one of the question's choices.",
    base.VALUE_TOO_LARGE: "That is too much to share with the class (at most {limit} bytes).",
    base.BAD_RUN: "A run to post needs between 1 and {limit} finite errors.",
}

TOO_FAST_JOIN = "Too many tries at a code: wait {seconds} seconds, then try again."
TOO_FAST_ANSWER = "Too many answers at once: wait {seconds} seconds, then answer again."


def room_message(error: base.RoomError) -> str:
    figures = {"hours": f"{base.IDLE_HOURS:g}", "code": "", **error.figures}
    return MESSAGES[error.reason].format(**figures)
