"""Crafted network archives: every one is refused as "not a saved network", none costs more memory than it may.

Each archive is built here byte by byte (members that are not arrays, wide and exotic
dtypes, headers that lie about their shape, zip directories that lie about sizes),
the way a hostile visitor would make one, not with ``np.savez``.
"""

from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile
import zlib

import numpy as np
import pytest

from nn import NeuralNetwork
from nn.files import MAX_MEMBERS, NotASavedNetwork, read_arrays
from nn.network import largest_file_bytes

SMALL = NeuralNetwork(3, 4, 2, 0.3, bias=True, seed=7)


def saved_fields(network: NeuralNetwork = SMALL) -> dict:
    buffer = io.BytesIO()
    network.save(buffer)
    with np.load(io.BytesIO(buffer.getvalue())) as archive:
        return {name: archive[name] for name in archive.files}


def npy_bytes(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, array, allow_pickle=True)
    return buffer.getvalue()


def npy_with_header(header: dict, payload: bytes = b"") -> bytes:
    """A .npy file whose header says whatever the test wants, followed by ``payload``."""
    text = repr(header).encode("latin1")
    text += b" " * (-(len(text) + 11) % 64) + b"\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(text)) + text + payload


def archive(members: dict, compression=zipfile.ZIP_STORED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as zip_file:
        for name, content in members.items():
            zip_file.writestr(name, content)
    return buffer.getvalue()


def network_archive(**replaced) -> bytes:
    """The small network's archive with some members replaced by raw bytes (names with .npy or not)."""
    members = {f"{name}.npy": npy_bytes(value) for name, value in saved_fields().items()}
    for name, content in replaced.items():
        members.pop(f"{name}.npy", None)
        members[name if "." in name else f"{name}.npy"] = content
    return archive(members)


def load(data: bytes) -> NeuralNetwork:
    return NeuralNetwork.load(io.BytesIO(data), max_bytes=64 * 1024)


def test_the_crafted_archive_builder_makes_a_loadable_network_when_nothing_is_replaced():
    loaded = load(network_archive())
    assert np.array_equal(loaded.wih, SMALL.wih) and np.array_equal(loaded.who, SMALL.who)


CRAFTED = {
    # members that are not .npy arrays: np.load hands these back as raw bytes
    "a member of text named .npy": (network_archive(wih=b"these are not weights"), "not a readable array"),
    "a member without .npy": (network_archive(**{"notes.txt": b"hello"}), "not an array"),
    "the weights as a text file": (network_archive(**{"wih": b"1,2,3", "wih.txt": b"1,2"}), "not a readable array"),
    "a member that is a zip": (network_archive(who=archive({"x.npy": npy_bytes(np.zeros(2))})), "not a readable"),
    # kinds of values a saved network never holds
    "object weights": (network_archive(wih=npy_bytes(np.array([[1.0]], dtype=object))), "pickle"),
    "complex weights": (network_archive(wih=npy_bytes(SMALL.wih.astype(np.complex128))), "complex"),
    "byte-string init": (network_archive(init=npy_bytes(np.bytes_(b"normal"))), "S"),
    "structured weights": (network_archive(wih=npy_bytes(np.zeros(3, dtype=[("a", "<f8")]))), "a saved network never"),
    "date learning rate": (network_archive(learning_rate=npy_bytes(np.datetime64("2020-01-01"))), "datetime"),
    "void member": (network_archive(seed=npy_bytes(np.void(b"abcd"))), "V4"),
    # wider than float64: finite as stored, infinite once converted
    "float128 weights beyond float64": (
        network_archive(wih=npy_bytes(np.full(SMALL.wih.shape, np.longdouble("1e400")))), "infinity"),
    "float128 learning rate beyond float64": (
        network_archive(learning_rate=npy_bytes(np.longdouble("1e400"))), "learning_rate"),
    "uint64 node count": (network_archive(hidden_nodes=npy_bytes(np.uint64(2**64 - 1))), "hidden_nodes"),
    "float16 weights that overflowed": (
        network_archive(who=npy_bytes(np.full(SMALL.who.shape, np.float16(np.inf)))), "infinity"),
    # headers that lie about the bytes that follow
    "a header claiming a terabyte": (
        network_archive(wih=npy_with_header({"descr": "<f8", "fortran_order": False, "shape": (10**6, 10**6)},
                                            bytes(64))), "bytes follow"),
    "a header claiming fewer values": (
        network_archive(wih=npy_with_header({"descr": "<f8", "fortran_order": False, "shape": (1,)},
                                            bytes(64))), "bytes follow"),
    "a header that is not a dict": (network_archive(wih=b"\x93NUMPY\x01\x00\x04\x00[1]\n"), "not a readable"),
    "a header in format 3.0": (network_archive(wih=b"\x93NUMPY\x03\x00" + bytes(20)), "not a readable"),
    # archives that are wrong as archives
    "an empty archive": (archive({}), "empty"),
    "too many members": (archive({f"m{i}.npy": npy_bytes(np.zeros(1)) for i in range(MAX_MEMBERS + 1)}),
                         "files"),
    "a truncated archive": (network_archive()[:300], "damaged"),
    "random bytes after a zip signature": (b"PK\x03\x04" + bytes(range(256)) * 4, "damaged"),
    "a pickle": (b"\x80\x04\x95" + bytes(40), "pickle"),
    "a PNG": (b"\x89PNG\r\n\x1a\n" + bytes(40), "not a .npz"),
}


@pytest.mark.parametrize("kind", CRAFTED)
def test_every_crafted_archive_is_not_a_saved_network_and_says_why(kind):
    data, words = CRAFTED[kind]
    with pytest.raises(NotASavedNetwork) as caught:
        load(data)
    assert str(caught.value).startswith("not a saved network: ")
    assert words in str(caught.value)


def zip_bomb(unpacked_bytes: int) -> bytes:
    """A network archive whose weights member unpacks from a few kilobytes to ``unpacked_bytes``."""
    side = int((unpacked_bytes // 8) ** 0.5)
    header = {"descr": "<f8", "fortran_order": False, "shape": (side, side)}
    return network_archive(wih=npy_with_header(header, bytes(8 * side * side)))


def deflated(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {member.filename: source.read(member) for member in source.infolist()}
    return archive(members, zipfile.ZIP_DEFLATED)


def test_a_zip_bomb_is_refused_from_its_directory_before_anything_is_unpacked():
    bomb = deflated(zip_bomb(200 * 2**20))
    assert len(bomb) < 400_000  # small to upload
    tracemalloc.start()
    try:
        with pytest.raises(NotASavedNetwork, match="unpacks to"):
            NeuralNetwork.load(io.BytesIO(bomb), max_bytes=2 * 2**20)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * len(bomb), f"refusing the bomb took {peak:,} bytes"


def lying_directory(data: bytes, member: str, stated_size: int) -> bytes:
    """The archive with ``member``'s uncompressed size in both zip headers replaced by ``stated_size``."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        info = source.getinfo(member)
    patched = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := patched.find(signature, start)) >= 0:
            name_length = struct.unpack_from("<H", patched, start + (26 if offset == 22 else 28))[0]
            name_start = start + (30 if offset == 22 else 46)
            if bytes(patched[name_start:name_start + name_length]) == member.encode():
                assert struct.unpack_from("<I", patched, start + offset)[0] == info.file_size
                struct.pack_into("<I", patched, start + offset, stated_size)
            start += 4
    return bytes(patched)


def test_a_member_bigger_than_its_directory_says_is_refused_without_unpacking_the_rest():
    bomb = deflated(zip_bomb(50 * 2**20))
    liar = lying_directory(bomb, "wih.npy", 1000)
    tracemalloc.start()
    try:
        with pytest.raises(NotASavedNetwork):
            NeuralNetwork.load(io.BytesIO(liar), max_bytes=2 * 2**20)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * 2**20, f"reading the lying member took {peak:,} bytes"


def test_the_default_limit_admits_the_largest_network_and_nothing_far_larger():
    limit = largest_file_bytes(2000, 2000, 10)
    fields = saved_fields(NeuralNetwork(2000, 2000, 10, 0.1, bias=True, seed=1))
    unpacked = sum(len(npy_bytes(value)) for value in fields.values())
    assert unpacked <= limit < 1.01 * unpacked + 20_000


def test_read_arrays_gives_back_exactly_the_arrays_written_in_either_memory_order():
    written = {"c": np.arange(6.0).reshape(2, 3), "f": np.asfortranarray(np.arange(6.0).reshape(2, 3)),
               "word": np.str_("normal"), "flag": np.bool_(True)}
    data = archive({f"{name}.npy": npy_bytes(value) for name, value in written.items()})
    read = read_arrays(io.BytesIO(data), max_unpacked_bytes=10_000)
    assert read.keys() == written.keys()
    for name, value in written.items():
        assert read[name].dtype == np.asarray(value).dtype and np.array_equal(read[name], value)


def test_a_file_that_cannot_be_opened_is_not_a_saved_network(tmp_path):
    with pytest.raises(NotASavedNetwork, match="cannot be opened"):
        NeuralNetwork.load(tmp_path / "nowhere.npz")
