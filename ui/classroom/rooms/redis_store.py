"""Rooms in Redis, for a school that runs replicas on several machines.

The same records as :mod:`.sqlite_store`, as Redis hashes under one key prefix::

    {prefix}room:{code}       the room (key_hash, touched, settings, versions, question, reveal)
                              (a room made before questions were tied to their network has no
                              question_settings_version: its question counts as on the room's settings)
    {prefix}students:{code}   student id -> display name
    {prefix}answers:{code}    student id -> answer, for the current question only
    {prefix}runs:{code}       student id -> [name, label, curve, posted]
    {prefix}rooms             sorted set: code by last touched, to count and expire rooms

Each change that checks before it writes (a join into a room that may be full, an
answer to a question that may just have been revealed) is one Lua script, which
Redis runs without interleaving any other command. The scripts build key names
from the prefix, so they need one Redis, not a Redis Cluster.
"""

from __future__ import annotations

import json
from typing import Optional

from .base import TOO_MANY_ROOMS, RoomError, RoomStore

_DELETE_ROOM = """
local function delete_room(prefix, code)
    redis.call('DEL', prefix .. 'room:' .. code, prefix .. 'students:' .. code,
               prefix .. 'answers:' .. code, prefix .. 'runs:' .. code)
    redis.call('ZREM', prefix .. 'rooms', code)
end
-- The settings version the room's question was asked on (a room made before it was kept: the room's).
local function question_settings_version(room)
    return redis.call('HGET', room, 'question_settings_version') or redis.call('HGET', room, 'settings_version')
end
-- Whether the room's question question_id is open: asked on the room's settings, not revealed.
local function is_open(room, question_id)
    return redis.call('HGET', room, 'question_id') == question_id and redis.call('HGET', room, 'revealed') == '0'
        and question_settings_version(room) == redis.call('HGET', room, 'settings_version')
end
-- base.same_network: whether two settings (JSON) build the same network, i.e. have equal "values"
-- (or are equal, for settings without them); the values are numbers, strings and booleans.
local function same_network(settings, other)
    local a, b = cjson.decode(settings), cjson.decode(other)
    a, b = a['values'] or a, b['values'] or b
    for name, value in pairs(a) do if b[name] ~= value then return false end end
    for name in pairs(b) do if a[name] == nil then return false end end
    return true
end
local function touch(prefix, code, now)
    local room = prefix .. 'room:' .. code
    if tonumber(redis.call('HGET', room, 'touched')) < tonumber(now) then
        redis.call('HSET', room, 'touched', now)
        redis.call('ZADD', prefix .. 'rooms', now, code)
    end
end
"""

INSERT_ROOM = _DELETE_ROOM + """
local prefix, code, key_hash, settings, now, max_rooms, idle_before = unpack(ARGV)
for _, old in ipairs(redis.call('ZRANGEBYSCORE', prefix .. 'rooms', '-inf', '(' .. idle_before)) do
    delete_room(prefix, old)
end
if redis.call('ZCARD', prefix .. 'rooms') >= tonumber(max_rooms) then return -1 end
local room = prefix .. 'room:' .. code
if redis.call('EXISTS', room) == 1 then return 0 end
redis.call('HSET', room, 'key_hash', key_hash, 'touched', now, 'settings', settings, 'settings_version', 1,
           'question_id', 0, 'question', '', 'revealed', 0, 'reveal', '', 'question_settings_version', 1)
redis.call('ZADD', prefix .. 'rooms', now, code)
return 1
"""

PUSH_SETTINGS = _DELETE_ROOM + """
local prefix, code, settings, now = unpack(ARGV)
local room = prefix .. 'room:' .. code
if redis.call('EXISTS', room) == 0 then return 0 end
local version = redis.call('HGET', room, 'settings_version')
-- The question moves on only with settings that build the same network; else it stays on its version.
local moves_on = question_settings_version(room) == version and same_network(redis.call('HGET', room, 'settings'),
                                                                              settings)
redis.call('HSET', room, 'settings', settings, 'question_settings_version',
           moves_on and tonumber(version) + 1 or question_settings_version(room))
touch(prefix, code, now)
return redis.call('HINCRBY', room, 'settings_version', 1)
"""

ASK = _DELETE_ROOM + """
local prefix, code, question, now, made_on = unpack(ARGV)
local room = prefix .. 'room:' .. code
if redis.call('EXISTS', room) == 0 then return 0 end
local version = redis.call('HGET', room, 'settings_version')
if made_on ~= '' and made_on ~= version then return -1 end
redis.call('HSET', room, 'question', question, 'revealed', 0, 'reveal', '', 'question_settings_version', version)
redis.call('DEL', prefix .. 'answers:' .. code)
touch(prefix, code, now)
return redis.call('HINCRBY', room, 'question_id', 1)
"""

REVEAL = _DELETE_ROOM + """
local prefix, code, question_id, reveal, now = unpack(ARGV)
local room = prefix .. 'room:' .. code
if not is_open(room, question_id) then return 0 end
redis.call('HSET', room, 'revealed', 1, 'reveal', reveal)
touch(prefix, code, now)
return 1
"""

ADD_STUDENT = _DELETE_ROOM + """
local prefix, code, student, name, now, max_students = unpack(ARGV)
if redis.call('EXISTS', prefix .. 'room:' .. code) == 0 then return 'gone' end
local students = prefix .. 'students:' .. code
if redis.call('HLEN', students) >= tonumber(max_students) then return 'full' end
redis.call('HSET', students, student, name)
touch(prefix, code, now)
return 'ok'
"""

PUT_ANSWER = _DELETE_ROOM + """
local prefix, code, student, question_id, answer, now = unpack(ARGV)
if redis.call('HEXISTS', prefix .. 'students:' .. code, student) == 0 then return 'not_student' end
local room = prefix .. 'room:' .. code
if not is_open(room, question_id) then return 'closed' end
redis.call('HSET', prefix .. 'answers:' .. code, student, answer)
touch(prefix, code, now)
return 'ok'
"""

PUT_RUN = _DELETE_ROOM + """
local prefix, code, student, label, curve, now = unpack(ARGV)
local name = redis.call('HGET', prefix .. 'students:' .. code, student)
if not name then return 0 end
redis.call('HSET', prefix .. 'runs:' .. code, student, cjson.encode({name, label, curve, tonumber(now)}))
touch(prefix, code, now)
return 1
"""

DELETE_ROOM = _DELETE_ROOM + """
delete_room(ARGV[1], ARGV[2])
return 1
"""


class RedisRoomStore(RoomStore):
    def __init__(self, url: str, *, prefix: str = "nn-dashboard:", **options):
        super().__init__(**options)
        import redis  # only a school that chose Redis needs the client

        self.prefix = prefix
        self._redis = redis.Redis.from_url(url, decode_responses=True)
        self._scripts = {
            name: self._redis.register_script(source)
            for name, source in dict(
                insert=INSERT_ROOM, push=PUSH_SETTINGS, ask=ASK, reveal=REVEAL, add_student=ADD_STUDENT,
                answer=PUT_ANSWER, run=PUT_RUN, delete=DELETE_ROOM,
            ).items()
        }

    def close(self) -> None:
        self._redis.close()

    def _run(self, script: str, *args):
        return self._scripts[script](keys=[], args=[self.prefix, *args])

    def _key(self, kind: str, code: str) -> str:
        return f"{self.prefix}{kind}:{code}"

    def _insert_room(self, code, key_hash, settings, now, max_rooms, idle_before):
        outcome = self._run("insert", code, key_hash, settings, repr(now), max_rooms, repr(idle_before))
        if outcome == -1:
            raise RoomError(TOO_MANY_ROOMS, limit=max_rooms)
        return outcome == 1

    def _load_room(self, code) -> Optional[dict]:
        with self._redis.pipeline(transaction=True) as pipe:
            pipe.hgetall(self._key("room", code))
            pipe.hlen(self._key("students", code))
            pipe.hlen(self._key("answers", code))
            room, students, answers = pipe.execute()
        if not room:
            return None
        return dict(
            code=code, key_hash=room["key_hash"], touched=float(room["touched"]), settings=room["settings"],
            settings_version=int(room["settings_version"]), question_id=int(room["question_id"]),
            question=room["question"] or None, revealed=room["revealed"] == "1", reveal=room["reveal"] or None,
            question_settings_version=int(room.get("question_settings_version", room["settings_version"])),
            students=students, answers=answers,
        )

    def _load_versions(self, codes):
        with self._redis.pipeline(transaction=False) as pipe:  # one round trip
            for code in codes:
                pipe.hmget(self._key("room", code), "touched", "settings_version", "question_id", "revealed")
            rows = pipe.execute()
        return {code: (float(touched), int(settings_version), int(question_id), revealed == "1")
                for code, (touched, settings_version, question_id, revealed) in zip(codes, rows)
                if touched is not None}

    def _push_settings(self, code, settings, now):
        return int(self._run("push", code, settings, repr(now)))

    def _ask(self, code, question, now, settings_version):
        made_on = "" if settings_version is None else str(settings_version)
        question_id = int(self._run("ask", code, question, repr(now), made_on))
        return None if question_id == -1 else question_id

    def _reveal(self, code, question_id, reveal, now):
        return self._run("reveal", code, str(question_id), reveal, repr(now)) == 1

    def _add_student(self, code, student, name, now, max_students):
        return self._run("add_student", code, student, name, repr(now), max_students)

    def _remove_student(self, code, student):
        self._redis.hdel(self._key("students", code), student)

    def _student_names(self, code):
        return list(self._redis.hvals(self._key("students", code)))

    def _student_name(self, code, student):
        return self._redis.hget(self._key("students", code), student)

    def _put_answer(self, code, student, question_id, answer, now):
        return self._run("answer", code, student, str(question_id), answer, repr(now))

    def _answers(self, code, question_id):
        with self._redis.pipeline(transaction=True) as pipe:
            pipe.hget(self._key("room", code), "question_id")
            pipe.hgetall(self._key("answers", code))
            current, answers = pipe.execute()
        return answers if current is not None and int(current) == question_id else {}

    def _put_run(self, code, student, label, curve, now):
        return self._run("run", code, student, label, curve, repr(now)) == 1

    def _runs(self, code):
        posted = [json.loads(entry) for entry in self._redis.hvals(self._key("runs", code))]
        return [(name, label, curve) for name, label, curve, _ in sorted(posted, key=lambda entry: entry[3])]

    def _delete_room(self, code):
        self._run("delete", code)
