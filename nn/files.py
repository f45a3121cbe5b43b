"""Reading a saved network's ``.npz`` archive without trusting it.

A ``.npz`` is a zip archive of ``.npy`` members. ``numpy.load`` trusts what it
is given: a member that is not a ``.npy`` comes back as raw bytes, a header may
claim a shape of terabytes (numpy allocates it before reading), and a member
may unpack to far more than the archive's size. :func:`read_arrays` reads the
zip directory and every ``.npy`` header itself and checks each against the
bytes actually there before a single array is made, so a crafted file costs at
most ``max_unpacked_bytes`` of memory and always ends in :class:`NotASavedNetwork`.

numpy only; the reasons are short phrases for the UI to word.
"""

from __future__ import annotations

import io
import math
import os
import zipfile
from typing import BinaryIO, Union

import numpy as np

#: Array kinds a saved network holds: booleans, integers, floats, text.
#: Complex numbers, bytes, dates, structures and Python objects are never ours.
ARRAY_KINDS = "biufU"

ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")  # a zip with members, an empty zip
PICKLE_MAGIC = b"\x80"  # every pickle since protocol 2 starts with the PROTO opcode

#: More members than a saved network has, with room for later fields.
MAX_MEMBERS = 32


class NotASavedNetwork(ValueError):
    """A file that is not a network written by ``NeuralNetwork.save``.

    ``reason`` names the fault in a few words (``str(error)`` is
    ``"not a saved network: <reason>"``); ``pickled`` is True when the file
    holds Python objects, which could only be read by unpickling them.
    ``fault`` names the kind of fault in one word and ``figures`` the values the
    reason states, so a page can word it in the learner's language (ui/saved_work.py).
    """

    def __init__(self, reason: str, *, pickled: bool = False, fault: str = "", **figures):
        super().__init__(f"not a saved network: {reason}")
        self.reason = reason
        self.pickled = pickled
        self.fault = fault
        self.figures = figures


def read_arrays(source: Union[str, os.PathLike, BinaryIO], *, max_unpacked_bytes: int) -> dict[str, np.ndarray]:
    """Every ``.npy`` member of the archive at ``source``, by name without ``.npy``.

    Raises :class:`NotASavedNetwork` for anything else: not a zip, a damaged or
    truncated zip, more than ``max_unpacked_bytes`` unpacked (judged from the zip
    directory before anything is unpacked), a member that is not a ``.npy`` array,
    an array of a kind outside :data:`ARRAY_KINDS`, a header whose shape does not
    match the bytes that follow it.
    """
    if isinstance(source, (str, os.PathLike)):
        try:
            with open(source, "rb") as file:
                return read_arrays(file, max_unpacked_bytes=max_unpacked_bytes)
        except OSError as problem:
            raise NotASavedNetwork(f"the file cannot be opened ({problem.strerror or problem})") from None
    start = source.tell()
    magic = source.read(4)
    source.seek(start)
    if magic.startswith(PICKLE_MAGIC):
        raise NotASavedNetwork("it is a Python pickle", pickled=True)
    if magic not in ZIP_MAGICS:
        raise NotASavedNetwork("it is not a .npz archive", fault="not_npz")
    try:
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()
            if not members:
                raise NotASavedNetwork("the archive is empty", fault="empty")
            if len(members) > MAX_MEMBERS:
                raise NotASavedNetwork(f"the archive holds {len(members)} files, a saved network about 11",
                                       fault="too_many_members", count=len(members))
            # The directory's sizes bound what zipfile will unpack: it stops at a member's
            # stated size and checks the CRC, so a member cannot unpack to more than it says.
            unpacked = sum(member.file_size for member in members)
            if unpacked > max_unpacked_bytes:
                raise NotASavedNetwork(
                    f"the archive unpacks to {unpacked:,} bytes, more than the {max_unpacked_bytes:,} allowed",
                    fault="unpacks_too_much", unpacked=unpacked, allowed=max_unpacked_bytes,
                )
            arrays = {}
            for member in members:
                if not member.filename.endswith(".npy"):
                    raise NotASavedNetwork(f"{member.filename!r} in the archive is not an array (.npy)",
                                           fault="not_an_array", member=member.filename)
                with archive.open(member) as member_file:
                    data = member_file.read(member.file_size + 1)
                if len(data) != member.file_size:
                    raise NotASavedNetwork(f"{member.filename!r} is not the size the archive says",
                                           fault="wrong_size", member=member.filename)
                arrays[member.filename[: -len(".npy")]] = _array_from_npy(member.filename, data)
            return arrays
    except NotASavedNetwork:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError,
            RuntimeError) as problem:  # damaged, truncated, encrypted or oddly compressed archives
        raise NotASavedNetwork(f"the archive is damaged ({type(problem).__name__}: {problem})", fault="damaged") from None


def _array_from_npy(name: str, data: bytes) -> np.ndarray:
    """One ``.npy`` member's bytes -> its array, after checking the header against the bytes."""
    stream = io.BytesIO(data)
    try:
        version = np.lib.format.read_magic(stream)
        if version == (1, 0):
            shape, fortran_order, dtype = np.lib.format.read_array_header_1_0(stream)
        elif version == (2, 0):
            shape, fortran_order, dtype = np.lib.format.read_array_header_2_0(stream)
        else:
            raise ValueError(f"format version {version}")
    except ValueError as problem:
        raise NotASavedNetwork(f"{name!r} in the archive is not a readable array ({problem})",
                               fault="not_an_array", member=name) from None
    if dtype.hasobject:
        raise NotASavedNetwork(f"{name!r} holds Python objects (a pickle)", pickled=True)
    if dtype.names is not None or dtype.subdtype is not None or dtype.kind not in ARRAY_KINDS:
        raise NotASavedNetwork(f"{name!r} holds {dtype} values, which a saved network never has",
                               fault="wrong_kind", member=name, kind=dtype.kind)
    count = math.prod(shape)  # Python integers: a crafted shape cannot overflow
    payload = len(data) - stream.tell()
    if count * dtype.itemsize != payload:
        raise NotASavedNetwork(
            f"{name!r} says it holds {shape} {dtype} values, but {payload:,} bytes follow",
            fault="wrong_size", member=name,
        )
    values = np.frombuffer(data, dtype=dtype, count=count, offset=stream.tell())
    return values.reshape(shape, order="F" if fortran_order else "C").copy()
