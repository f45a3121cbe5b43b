"""What a class room is and what may be done to it, whichever store keeps it.

A room is one teacher's class: a short code students type or scan, the settings
every student's network is built from, the current question, the students'
answers to it, and the runs they post for the class race. It lives in a store
every server process on the machine (or, with Redis, every machine) shares, so a
teacher and a student on different replicas see the same room.

Who may do what is decided here, not in the pages: the teacher's key (random,
128 bits) is given once, when the room is made, and only its SHA-256 is kept;
every teacher action compares hashes with :func:`hmac.compare_digest`. A student
holds a key of their own, which is never a teacher key. :class:`RoomView`, what
anyone may read, has no key in it.

The backends (:mod:`.sqlite_store`, :mod:`.redis_store`) keep records; this
module checks every value before it is stored and words nothing for the screen:
errors carry a ``reason`` and figures, the Classroom page words them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import secrets
import time
from abc import ABC, abstractmethod
from typing import Any, Callable, Iterable, NamedTuple, Optional

#: Code letters that cannot be mistaken for one another when read aloud or from the
#: back of a room: no 0/O/Q, 1/I/L, 2/Z, 5/S, 8/B, U/V.
CODE_ALPHABET = "ACDEFGHJKMNPRTWXY34679"
CODE_LENGTH = 6  # 22**6 = 113 million codes, so a guessed code almost never names a room
TEACHER_KEY_BYTES = 16  # 128 bits

MAX_ROOMS = 200  # per store: a school's classes at once, far more than one server can teach
MAX_STUDENTS = 60  # per room
MAX_NAME_LENGTH = 40  # characters of a display name
MAX_VALUE_BYTES = 64 * 1024  # any one stored JSON value: settings, a question, a reveal
MAX_ANSWER_LENGTH = 64  # characters of one answer (a choice's label or a typed number)
MAX_CURVE_POINTS = 400  # points of one posted error curve
MAX_LABEL_LENGTH = 60  # characters of the label of a posted run
IDLE_HOURS = 6.0  # a room nobody touched for this long is gone


class RoomError(Exception):
    """Something a room refuses; ``reason`` is one of the constants below, ``figures`` what the page may say."""

    def __init__(self, reason: str, **figures: Any):
        super().__init__(reason, figures)
        self.reason = reason
        self.figures = figures


# The reasons a room refuses something (the page words each, see ui/classroom/messages.py).
UNKNOWN_ROOM = "unknown_room"  # no such code, or the room expired
ROOM_FULL = "room_full"
TOO_MANY_ROOMS = "too_many_rooms"
NAME_TOO_LONG = "name_too_long"
NOT_TEACHER = "not_teacher"
NOT_STUDENT = "not_student"  # a key that is not one of this room's students (left, or never joined)
NO_QUESTION = "no_question"  # an answer to a question that is not open (revealed, replaced, or its network gone)
NETWORK_CHANGED = "network_changed"  # a question made from settings the room no longer has
BAD_ANSWER = "bad_answer"
VALUE_TOO_LARGE = "value_too_large"
BAD_RUN = "bad_run"


class RoomVersion(NamedTuple):
    """What a following page draws of a room changes exactly when this does: the teacher
    pushed settings, asked, or revealed. Answers and joins leave it as it is."""

    settings_version: int
    question_id: int
    revealed: bool


@dataclasses.dataclass(frozen=True)
class RoomView:
    """What anyone in the room may read: never a key, nor who answered what.

    ``settings_version`` and ``question_id`` go up by one with each push and each
    question, so a polling page knows at a glance whether to rebuild.

    A question belongs to the network it was asked about: ``question_settings_version`` is the
    settings version it was asked on. Pushing different settings leaves it behind, which closes
    it (no answer, no reveal: its answers stay with it); pushing settings that build the same network
    (:func:`same_network`: only the controls shown changed, or nothing) keeps it.
    """

    code: str
    settings: dict
    settings_version: int
    question_id: int
    question: Optional[dict]
    question_settings_version: int
    revealed: bool
    reveal: Optional[dict]
    students: int
    answers: int  # to the current question

    @property
    def version(self) -> RoomVersion:
        return RoomVersion(self.settings_version, self.question_id, self.revealed)

    @property
    def question_on_earlier_network(self) -> bool:
        """Whether the question was asked about a network the class no longer has."""
        return self.question is not None and self.question_settings_version != self.settings_version

    @property
    def question_closed_by_network(self) -> bool:
        """Whether a new network closed the question before it was revealed."""
        return self.question_on_earlier_network and not self.revealed

    @property
    def question_open(self) -> bool:
        """Whether the question takes answers: asked about the class's network now, and not revealed."""
        return self.question is not None and not self.revealed and not self.question_on_earlier_network


@dataclasses.dataclass(frozen=True)
class PostedRun:
    """One student's run in the class race: their chosen label and their error curve."""

    name: str
    label: str
    curve: tuple


def network_of(settings: dict) -> Any:
    """The part of a room's settings its network is built from: ``settings["values"]`` (the Classroom
    page's settings also say which controls students may see or move, which changes no network), or
    the whole of settings that have no ``values``."""
    return settings.get("values", settings) if isinstance(settings, dict) else settings


def same_network(settings_json: str, other_json: str) -> bool:
    """Whether two stored settings build the same network (so a question about one is about the other)."""
    return network_of(json.loads(settings_json)) == network_of(json.loads(other_json))


def make_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str) -> str:
    """A code as typed (any case, spaces or dashes between groups) in the form it is stored."""
    return "".join(typed.split()).replace("-", "").upper()


def key_hash(key: str) -> str:
    """The stored form of a key. The key is 128 random bits, so a plain hash cannot be guessed back."""
    return hashlib.sha256(key.encode()).hexdigest()


def same_key(key: Optional[str], stored_hash: str) -> bool:
    """Whether ``key`` is the one whose hash is stored, in time that does not depend on where they differ."""
    return bool(key) and hmac.compare_digest(key_hash(key), stored_hash)


def student_id(student_key: str) -> str:
    """A student's id in the room's records (answers, runs): derived from their key, useless as one."""
    return key_hash("student:" + student_key)[:24]


def checked_json(value: Any) -> str:
    """``value`` as compact JSON, or RoomError if it is larger than any stored value may be."""
    text = json.dumps(value, separators=(",", ":"), allow_nan=False)
    if len(text.encode()) > MAX_VALUE_BYTES:
        raise RoomError(VALUE_TOO_LARGE, limit=MAX_VALUE_BYTES)
    return text


def checked_name(name: str) -> str:
    name = " ".join((name or "").split())
    if len(name) > MAX_NAME_LENGTH:
        raise RoomError(NAME_TOO_LONG, limit=MAX_NAME_LENGTH, length=len(name))
    return name


def checked_answer(answer: Any) -> str:
    answer = str(answer)
    if not answer or len(answer) > MAX_ANSWER_LENGTH:
        raise RoomError(BAD_ANSWER, limit=MAX_ANSWER_LENGTH)
    return answer


def checked_run(label: str, curve) -> tuple[str, str]:
    """A run's label and curve as stored: at most MAX_CURVE_POINTS finite numbers."""
    try:
        points = [float(point) for point in curve]
    except (TypeError, ValueError):
        raise RoomError(BAD_RUN, limit=MAX_CURVE_POINTS) from None
    if not points or len(points) > MAX_CURVE_POINTS or len(str(label)) > MAX_LABEL_LENGTH:
        raise RoomError(BAD_RUN, limit=MAX_CURVE_POINTS)
    try:
        return str(label), checked_json(points)
    except ValueError:  # NaN or infinity
        raise RoomError(BAD_RUN, limit=MAX_CURVE_POINTS) from None


class RoomStore(ABC):
    """The rooms, shared by every server process. Backends implement the ``_`` methods atomically.

    ``clock`` returns seconds (time.time by default); tests pass their own to expire rooms without sleeping.
    """

    def __init__(self, *, clock: Callable[[], float] = time.time, idle_hours: float = IDLE_HOURS,
                 max_rooms: int = MAX_ROOMS, max_students: int = MAX_STUDENTS):
        self.clock = clock
        self.idle_seconds = idle_hours * 3600
        self.max_rooms = max_rooms
        self.max_students = max_students

    # -- the teacher ------------------------------------------------------------------

    def create_room(self, settings: dict) -> tuple[str, str]:
        """A new room with these settings: (its code, the teacher's key). The key is not kept."""
        settings_json = checked_json(settings)
        teacher_key = secrets.token_urlsafe(TEACHER_KEY_BYTES)
        now = self.clock()
        for _ in range(20):  # a clash among 113 million codes is rare; twenty in a row is impossible
            code = make_code()
            if self._insert_room(code, key_hash(teacher_key), settings_json, now, self.max_rooms,
                                 now - self.idle_seconds):
                return code, teacher_key
        raise RuntimeError("could not find a free room code")

    def is_teacher(self, code: str, teacher_key: Optional[str]) -> bool:
        record = self._room_or_error(code)
        return same_key(teacher_key, record["key_hash"])

    def push_settings(self, code: str, teacher_key: str, settings: dict) -> int:
        """Every student's page to these settings; returns the new settings version.

        Settings that build another network (:func:`same_network`) close the room's open question
        (it was about the network that is gone, see :class:`RoomView`): a class answers about the
        network on its screens, so a question left open beside another network would be answered
        about the wrong one. Settings that build the same network (the same again, which starts every
        student's network again from the same weights, or other controls hidden) keep it open."""
        code = self._teacher(code, teacher_key)["code"]
        return self._push_settings(code, checked_json(settings), self.clock())

    def ask(self, code: str, teacher_key: str, question: dict, settings_version: Optional[int] = None) -> int:
        """Open a new question (closing any other); returns its id.

        ``settings_version``: the version of the room's settings the question was made from
        (None: the room's settings now). If the room has moved on since, the question would be
        about a network the class no longer has: RoomError(NETWORK_CHANGED), nothing asked."""
        code = self._teacher(code, teacher_key)["code"]
        question_id = self._ask(code, checked_json(question), self.clock(), settings_version)
        if question_id is None:
            raise RoomError(NETWORK_CHANGED)
        return question_id

    def reveal(self, code: str, teacher_key: str, question_id: int, reveal: dict) -> None:
        """Close the question and show everyone the true answer (``reveal``: what the page shows)."""
        code = self._teacher(code, teacher_key)["code"]
        if not self._reveal(code, question_id, checked_json(reveal), self.clock()):
            raise RoomError(NO_QUESTION)

    def tally(self, code: str, question_id: int, teacher_key: Optional[str] = None) -> dict[str, int]:
        """How many gave each answer: for the teacher at any time, for everyone once revealed."""
        record = self._room_or_error(code)
        revealed = record["question_id"] == question_id and record["revealed"]
        if not revealed and not same_key(teacher_key, record["key_hash"]):
            raise RoomError(NOT_TEACHER)
        counts: dict[str, int] = {}
        for answer in self._answers(record["code"], question_id).values():
            counts[answer] = counts.get(answer, 0) + 1
        return counts

    def close_room(self, code: str, teacher_key: str) -> None:
        self._delete_room(self._teacher(code, teacher_key)["code"])

    # -- a student --------------------------------------------------------------------

    def join(self, code: str, name: str = "") -> str:
        """Join the room under a display name (may be empty); returns the student's own key."""
        name = checked_name(name)
        code = self._room_or_error(code)["code"]
        student_key = secrets.token_urlsafe(TEACHER_KEY_BYTES)
        outcome = self._add_student(code, student_id(student_key), name, self.clock(), self.max_students)
        if outcome == "full":
            raise RoomError(ROOM_FULL, limit=self.max_students)
        if outcome == "gone":
            raise RoomError(UNKNOWN_ROOM, code=code)
        return student_key

    def answer(self, code: str, student_key: str, question_id: int, answer: Any) -> None:
        """Record (or change) this student's answer to the open question: one per student."""
        answer = checked_answer(answer)
        code = self._room_or_error(code)["code"]
        outcome = self._put_answer(code, student_id(student_key), question_id, answer, self.clock())
        if outcome == "not_student":
            raise RoomError(NOT_STUDENT)
        if outcome == "closed":
            raise RoomError(NO_QUESTION)

    def own_answer(self, code: str, student_key: str, question_id: int) -> Optional[str]:
        return self._answers(normalise_code(code), question_id).get(student_id(student_key))

    def post_run(self, code: str, student_key: str, label: str, curve) -> None:
        """This student's entry in the class race (replacing their earlier one)."""
        label, curve_json = checked_run(label, curve)
        code = self._room_or_error(code)["code"]
        if not self._put_run(code, student_id(student_key), label, curve_json, self.clock()):
            raise RoomError(NOT_STUDENT)

    def leave(self, code: str, student_key: str) -> None:
        self._remove_student(normalise_code(code), student_id(student_key))

    def student_name(self, code: str, student_key: str) -> Optional[str]:
        """The display name this student joined under, or None if the key is not one of the room's students
        (they left, or never joined); RoomError(UNKNOWN_ROOM) if there is no such room."""
        return self._student_name(self._room_or_error(code)["code"], student_id(student_key))

    # -- anyone -----------------------------------------------------------------------

    def view(self, code: str) -> RoomView:
        """The room as every page shows it; RoomError(UNKNOWN_ROOM) if there is none (or it expired)."""
        record = self._room_or_error(code)
        return RoomView(
            code=record["code"],
            settings=json.loads(record["settings"]),
            settings_version=record["settings_version"],
            question_id=record["question_id"],
            question=json.loads(record["question"]) if record["question"] else None,
            question_settings_version=record["question_settings_version"],
            revealed=bool(record["revealed"]),
            reveal=json.loads(record["reveal"]) if record["reveal"] else None,
            students=record["students"],
            answers=record["answers"],
        )

    def versions(self, codes: Iterable[str]) -> dict[str, RoomVersion]:
        """The version of each of these rooms, in one read of the store (a server process's
        watcher asks this for every room its pages follow, about twice a second). Rooms that
        are gone (closed, expired, never made) are left out; nothing is changed or deleted."""
        wanted = sorted({normalise_code(code) for code in codes} - {""})
        if len(wanted) > self.max_rooms:
            raise ValueError(f"at most {self.max_rooms} rooms at once, not {len(wanted)}")
        if not wanted:
            return {}
        idle_before = self.clock() - self.idle_seconds
        return {code: RoomVersion(int(settings_version), int(question_id), bool(revealed))
                for code, (touched, settings_version, question_id, revealed) in self._load_versions(wanted).items()
                if touched >= idle_before}

    def runs(self, code: str) -> list[PostedRun]:
        code = self._room_or_error(code)["code"]
        return [PostedRun(name, label, tuple(json.loads(curve))) for name, label, curve in self._runs(code)]

    def student_names(self, code: str) -> list[str]:
        return self._student_names(self._room_or_error(code)["code"])

    # -- shared checks ----------------------------------------------------------------

    def _room_or_error(self, code: str) -> dict:
        code = normalise_code(code or "")
        record = self._load_room(code) if len(code) == CODE_LENGTH else None
        if record is None:
            raise RoomError(UNKNOWN_ROOM, code=code)
        if record["touched"] < self.clock() - self.idle_seconds:
            self._delete_room(code)
            raise RoomError(UNKNOWN_ROOM, code=code)
        return record

    def _teacher(self, code: str, teacher_key: Optional[str]) -> dict:
        record = self._room_or_error(code)
        if not same_key(teacher_key, record["key_hash"]):
            raise RoomError(NOT_TEACHER)
        return record

    # -- what a backend does, each atomically ------------------------------------------

    @abstractmethod
    def _insert_room(self, code: str, key_hash: str, settings: str, now: float, max_rooms: int,
                     idle_before: float) -> bool:
        """Make the room unless the code is taken (False). First drop rooms idle since before
        ``idle_before``; then RoomError(TOO_MANY_ROOMS) if ``max_rooms`` are live."""

    @abstractmethod
    def _load_room(self, code: str) -> Optional[dict]:
        """code, key_hash, touched, settings, settings_version, question_id, question,
        question_settings_version, revealed, reveal, students (count), answers (count for the
        current question); None if no such room."""

    @abstractmethod
    def _load_versions(self, codes: list[str]) -> dict[str, tuple[float, int, int, bool]]:
        """code -> (touched, settings_version, question_id, revealed) for those of ``codes``
        that exist, read at once (one query, one round trip)."""

    @abstractmethod
    def _push_settings(self, code: str, settings: str, now: float) -> int:
        """Store ``settings`` and move the settings version on; the question moves on with it only
        if it was asked on the version before and ``settings`` build the same network
        (:func:`same_network`); else it stays behind, closed."""

    @abstractmethod
    def _ask(self, code: str, question: str, now: float, settings_version: Optional[int]) -> Optional[int]:
        """The new question's id, asked on the room's settings version; None (nothing asked) if
        ``settings_version`` is given and is not the room's."""

    @abstractmethod
    def _reveal(self, code: str, question_id: int, reveal: str, now: float) -> bool:
        """False unless ``question_id`` is the open question (not revealed, asked on the room's settings)."""

    @abstractmethod
    def _add_student(self, code: str, student: str, name: str, now: float, max_students: int) -> str:
        """"ok", "full" or "gone" (the room went meanwhile)."""

    @abstractmethod
    def _remove_student(self, code: str, student: str) -> None: ...

    @abstractmethod
    def _student_names(self, code: str) -> list[str]: ...

    @abstractmethod
    def _student_name(self, code: str, student: str) -> Optional[str]:
        """``student``'s display name, None if they are not in the room."""

    @abstractmethod
    def _put_answer(self, code: str, student: str, question_id: int, answer: str, now: float) -> str:
        """"ok", "not_student", or "closed" (not the open question: revealed, replaced, or its network gone)."""

    @abstractmethod
    def _answers(self, code: str, question_id: int) -> dict[str, str]:
        """student id -> answer."""

    @abstractmethod
    def _put_run(self, code: str, student: str, label: str, curve: str, now: float) -> bool:
        """False if ``student`` is not in the room."""

    @abstractmethod
    def _runs(self, code: str) -> list[tuple[str, str, str]]:
        """(display name, label, curve JSON) of every posted run, in the order they were posted."""

    @abstractmethod
    def _delete_room(self, code: str) -> None: ...
