"""Rooms in one SQLite file (the standard library's sqlite3), shared by every process on the machine.

WAL mode lets the many readers (every student's page polls about once a second)
read while one writer writes; each change is one ``BEGIN IMMEDIATE`` transaction,
so two processes never interleave the steps of one change (a join that checks
the room is not full, then adds the student).
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Optional

from .base import TOO_MANY_ROOMS, RoomError, RoomStore, same_network

SCHEMA = """
CREATE TABLE IF NOT EXISTS rooms (
    code TEXT PRIMARY KEY, key_hash TEXT NOT NULL, touched REAL NOT NULL,
    settings TEXT NOT NULL, settings_version INTEGER NOT NULL DEFAULT 1,
    question_id INTEGER NOT NULL DEFAULT 0, question TEXT, revealed INTEGER NOT NULL DEFAULT 0, reveal TEXT,
    question_settings_version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS students (
    code TEXT NOT NULL, student TEXT NOT NULL, name TEXT NOT NULL, joined REAL NOT NULL,
    PRIMARY KEY (code, student)
);
CREATE TABLE IF NOT EXISTS answers (
    code TEXT NOT NULL, question_id INTEGER NOT NULL, student TEXT NOT NULL, answer TEXT NOT NULL,
    PRIMARY KEY (code, question_id, student)
);
CREATE TABLE IF NOT EXISTS runs (
    code TEXT NOT NULL, student TEXT NOT NULL, name TEXT NOT NULL, label TEXT NOT NULL,
    curve TEXT NOT NULL, posted REAL NOT NULL,
    PRIMARY KEY (code, student)
);
CREATE INDEX IF NOT EXISTS rooms_by_touched ON rooms (touched);
"""

FILE_NAME = "rooms.sqlite3"


class SQLiteRoomStore(RoomStore):
    def __init__(self, folder: Path, **options):
        super().__init__(**options)
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / FILE_NAME
        # One connection per store object, used by one thread at a time (Streamlit runs each
        # script in a thread of its own); other processes wait up to 10 s for the write lock.
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")  # WAL stays consistent; a power cut may lose the last change
        with self._lock:
            self._db.executescript(SCHEMA)
        self._write(self._add_question_settings_version)

    @staticmethod
    def _add_question_settings_version(db) -> None:
        """A file made before questions were tied to their network gets the column; its open questions
        count as asked on the room's settings now, as they were treated then."""
        columns = {row["name"] for row in db.execute("PRAGMA table_info(rooms)")}
        if "question_settings_version" not in columns:
            db.execute("ALTER TABLE rooms ADD COLUMN question_settings_version INTEGER NOT NULL DEFAULT 1")
            db.execute("UPDATE rooms SET question_settings_version = settings_version")

    def close(self) -> None:
        self._db.close()

    def _write(self, change):
        """Run ``change(db)`` as one transaction that holds the write lock from its first statement."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                result = change(self._db)
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
            return result

    def _rows(self, query: str, parameters: tuple) -> list:
        """Every row ``query`` reads, under the connection's lock (a read needs no transaction in WAL mode)."""
        with self._lock:
            return self._db.execute(query, parameters).fetchall()

    def _touch(self, db, code: str, now: float) -> None:
        db.execute("UPDATE rooms SET touched = max(touched, ?) WHERE code = ?", (now, code))

    def _insert_room(self, code, key_hash, settings, now, max_rooms, idle_before):
        def change(db):
            for (old,) in db.execute("SELECT code FROM rooms WHERE touched < ?", (idle_before,)).fetchall():
                self._delete(db, old)
            (live,) = db.execute("SELECT count(*) FROM rooms").fetchone()
            if live >= max_rooms:
                raise RoomError(TOO_MANY_ROOMS, limit=max_rooms)
            cursor = db.execute(
                "INSERT OR IGNORE INTO rooms (code, key_hash, touched, settings) VALUES (?, ?, ?, ?)",
                (code, key_hash, now, settings),
            )
            return cursor.rowcount == 1

        return self._write(change)

    def _load_room(self, code) -> Optional[dict]:
        with self._lock:
            row = self._db.execute(
                """SELECT r.*, (SELECT count(*) FROM students s WHERE s.code = r.code) AS students,
                          (SELECT count(*) FROM answers a WHERE a.code = r.code AND a.question_id = r.question_id)
                          AS answers
                   FROM rooms r WHERE r.code = ?""",
                (code,),
            ).fetchone()
        return dict(row) if row else None

    def _load_versions(self, codes):
        places = ", ".join("?" * len(codes))
        rows = self._rows(f"SELECT code, touched, settings_version, question_id, revealed FROM rooms "
                          f"WHERE code IN ({places})", tuple(codes))
        return {code: (touched, settings_version, question_id, revealed)
                for code, touched, settings_version, question_id, revealed in rows}

    def _push_settings(self, code, settings, now):
        def change(db):
            # The question moves on only with settings that build the same network (read under the write lock).
            row = db.execute("SELECT settings, settings_version, question_settings_version FROM rooms "
                             "WHERE code = ?", (code,)).fetchone()
            moves_on = (row is not None and row["question_settings_version"] == row["settings_version"]
                        and same_network(row["settings"], settings))
            db.execute("UPDATE rooms SET settings = ?, settings_version = settings_version + 1, "
                       "question_settings_version = CASE WHEN ? THEN settings_version + 1 "
                       "ELSE question_settings_version END WHERE code = ?", (settings, moves_on, code))
            self._touch(db, code, now)
            return db.execute("SELECT settings_version FROM rooms WHERE code = ?", (code,)).fetchone()[0]

        return self._write(change)

    def _ask(self, code, question, now, settings_version):
        def change(db):
            cursor = db.execute(
                "UPDATE rooms SET question = ?, question_id = question_id + 1, revealed = 0, reveal = NULL, "
                "question_settings_version = settings_version WHERE code = ? AND coalesce(?, settings_version) = "
                "settings_version", (question, code, settings_version))
            if cursor.rowcount != 1:
                return None
            self._touch(db, code, now)
            (question_id,) = db.execute("SELECT question_id FROM rooms WHERE code = ?", (code,)).fetchone()
            # Only the current question's answers are kept: earlier ones are never shown again.
            db.execute("DELETE FROM answers WHERE code = ? AND question_id < ?", (code, question_id))
            return question_id

        return self._write(change)

    def _reveal(self, code, question_id, reveal, now):
        def change(db):
            cursor = db.execute(
                "UPDATE rooms SET revealed = 1, reveal = ? WHERE code = ? AND question_id = ? AND revealed = 0 "
                "AND question_settings_version = settings_version",
                (reveal, code, question_id),
            )
            self._touch(db, code, now)
            return cursor.rowcount == 1

        return self._write(change)

    def _checked_insert(self, code, now, checks, insert: str, parameters: tuple) -> str:
        """One change: the first check that refuses gives its reason; if none does, ``insert`` runs and
        the room is touched ("ok"). Each check is (reason, query, its parameters, refuses(the row it read))."""
        def change(db):
            for reason, query, query_parameters, refuses in checks:
                if refuses(db.execute(query, query_parameters).fetchone()):
                    return reason
            db.execute(insert, parameters)
            self._touch(db, code, now)
            return "ok"

        return self._write(change)

    def _add_student(self, code, student, name, now, max_students):
        return self._checked_insert(code, now, (
            ("gone", "SELECT 1 FROM rooms WHERE code = ?", (code,), lambda row: row is None),
            ("full", "SELECT count(*) FROM students WHERE code = ?", (code,), lambda row: row[0] >= max_students),
        ), "INSERT INTO students (code, student, name, joined) VALUES (?, ?, ?, ?)", (code, student, name, now))

    def _remove_student(self, code, student):
        self._write(lambda db: db.execute("DELETE FROM students WHERE code = ? AND student = ?", (code, student)))

    def _student_names(self, code):
        return [name for (name,) in self._rows("SELECT name FROM students WHERE code = ? ORDER BY joined", (code,))]

    def _student_name(self, code, student):
        rows = self._rows("SELECT name FROM students WHERE code = ? AND student = ?", (code, student))
        return rows[0][0] if rows else None

    def _put_answer(self, code, student, question_id, answer, now):
        return self._checked_insert(code, now, (
            ("not_student", "SELECT 1 FROM students WHERE code = ? AND student = ?", (code, student),
             lambda row: row is None),
            ("closed", "SELECT 1 FROM rooms WHERE code = ? AND question_id = ? AND revealed = 0 "
             "AND question_settings_version = settings_version", (code, question_id), lambda row: row is None),
        ), "INSERT OR REPLACE INTO answers (code, question_id, student, answer) VALUES (?, ?, ?, ?)",
            (code, question_id, student, answer))

    def _answers(self, code, question_id):
        rows = self._rows("SELECT student, answer FROM answers WHERE code = ? AND question_id = ?", (code, question_id))
        return {student: answer for student, answer in rows}

    def _put_run(self, code, student, label, curve, now):
        def change(db):
            row = db.execute("SELECT name FROM students WHERE code = ? AND student = ?", (code, student)).fetchone()
            if row is None:
                return False
            db.execute("INSERT OR REPLACE INTO runs (code, student, name, label, curve, posted) "
                       "VALUES (?, ?, ?, ?, ?, ?)", (code, student, row[0], label, curve, now))
            self._touch(db, code, now)
            return True

        return self._write(change)

    def _runs(self, code):
        rows = self._rows("SELECT name, label, curve FROM runs WHERE code = ? ORDER BY posted, rowid", (code,))
        return [tuple(row) for row in rows]

    def _delete_room(self, code):
        self._write(lambda db: self._delete(db, code))

    @staticmethod
    def _delete(db, code):
        for table in ("answers", "students", "runs", "rooms"):
            db.execute(f"DELETE FROM {table} WHERE code = ?", (code,))
