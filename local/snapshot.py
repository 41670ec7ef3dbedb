"""The moto server's state on disk, so a start does not replay the whole history.

moto keeps no state of its own on disk, and its recorder only appends. So the state is kept as a
snapshot - every moto backend in use, pickled whole (tables and their streams down to the sequence
numbers, queues with their messages, topics, subscriptions, secrets) - plus the recording's tail:
the calls made since. A start loads the snapshot into the new server, then replays the tail.

Taking one (moto_main does it, with no request in progress):
1. a marker line {"snapshot": N} is appended to the recording: the calls before it are in snapshot N;
2. the snapshot is written to a new file, fsynced and renamed over the old one;
3. the recording is rewritten from the marker on (new file, fsync, rename).
A crash between any two steps leaves a pair that gives the same state: a start replays only the calls
after the marker of the snapshot it loaded (all of them when there is none, or no marker for it).

The snapshot is a pickle of moto's own objects: it is read back only by the same moto version (its
header says which), and like the recording it is trusted as the state folder's owner's own file.
"""

import copyreg
import io
import json
import os
import pickle
import sys
import threading
from functools import cache
from importlib import import_module
from pathlib import Path
from typing import Any, BinaryIO

import moto
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    load_der_private_key,
)

MARKER = "snapshot"
_LOCK_TYPES = (type(threading.Lock()), type(threading.RLock()))


class SnapshotError(Exception):
    pass


def marker(generation: int) -> str:
    return json.dumps({MARKER: generation}) + "\n"


def generation_of_marker(entry: dict[str, Any]) -> int | None:
    value = entry.get(MARKER)
    return value if isinstance(value, int) else None


def _new_of_its_type(lock: Any) -> tuple[type, tuple[()]]:
    return type(lock), ()


def _as_der(key: rsa.RSAPrivateKey) -> tuple[Any, tuple[bytes]]:
    return _private_key, (key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption()),)


@cache
def _reducers() -> dict[type, Any]:
    """moto's objects hold a few locks (an SQS queue's condition); a restored one gets a new one.
    A Cognito user pool holds its signing key, which pickles as its DER bytes. A table by exact
    type, which the C pickler looks up itself: a reducer_override would cost a Python call for
    each of the state's objects (a quarter of the time the requests are held)."""
    key_type = type(rsa.generate_private_key(public_exponent=65537, key_size=1024))  # the library's own
    return {
        **copyreg.dispatch_table,
        threading.Condition: _new_of_its_type,
        **dict.fromkeys(_LOCK_TYPES, _new_of_its_type),
        key_type: _as_der,
    }


def _private_key(der: bytes) -> rsa.RSAPrivateKey:
    key = load_der_private_key(der, None)
    assert isinstance(key, rsa.RSAPrivateKey)
    return key


def _registry() -> list[Any]:
    """moto's list of the backends in use (the ones its reset empties)."""
    from moto.core.base_backend import BackendDict

    return BackendDict._instances  # type: ignore[misc]


def dump_backends() -> bytes:
    """Every backend in use, in one pickle (so the objects that refer to each other still do)."""
    state = [(bd.backend.__module__, bd.backend.__qualname__, dict(bd)) for bd in _registry()]
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _reducers()
    pickler.dump(state)
    return out.getvalue()


def _backend_dict(module_name: str, qualname: str) -> Any:
    """The live BackendDict of a backend class: the module-level one its service's code uses."""
    from moto.core.base_backend import BackendDict

    module = import_module(module_name)
    for value in vars(module).values():
        if isinstance(value, BackendDict) and value.backend.__qualname__ == qualname:
            return value
    raise SnapshotError(f"no {qualname} backends in {module_name}")


def load_backends(data: bytes) -> None:
    """Puts a dump_backends() state into this process's moto, in place of what it holds."""
    registry = _registry()
    for module_name, qualname, accounts in pickle.loads(data):  # our own state file: see the docstring
        live = _backend_dict(module_name, qualname)
        live.clear()
        live.update(accounts)
        if live not in registry:
            registry.append(live)


def _fsynced_replace(spare: Path, path: Path) -> None:
    os.replace(spare, path)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)  # the rename itself survives a power cut
    finally:
        os.close(folder)


def _write_durably(path: Path, write: Any) -> None:
    spare = path.with_name(path.name + ".writing")
    with spare.open("wb") as out:
        write(out)
        out.flush()
        os.fsync(out.fileno())
    _fsynced_replace(spare, path)


def write(path: Path, generation: int, state: bytes) -> None:
    header = json.dumps({"generation": generation, "moto": moto.__version__, "python": sys.version[:4]})

    def contents(out: BinaryIO) -> None:
        out.write(header.encode() + b"\n")
        out.write(state)

    _write_durably(path, contents)


def read_header(path: Path) -> dict[str, Any] | None:
    """The snapshot's header ({"generation", "moto", "python"}), or None when there is none."""
    if not path.exists():
        return None
    with path.open("rb") as source:
        return dict(json.loads(source.readline()))


def generation(path: Path) -> int:
    header = read_header(path)
    return int(header["generation"]) if header else 0


def read(path: Path) -> tuple[int, bytes]:
    """(generation, state) of the snapshot; refuses one another moto wrote."""
    with path.open("rb") as source:
        header = json.loads(source.readline())
        if header.get("moto") != moto.__version__:
            raise SnapshotError(
                f"the saved state {path} is from moto {header.get('moto')}, this is {moto.__version__}: "
                "`make reset` starts again from the seed"
            )
        return int(header["generation"]), source.read()


def trim_recording(recording: Path, generation: int) -> None:
    """Rewrites the recording from generation's marker on (the calls after the snapshot)."""
    wanted = marker(generation)
    with recording.open(encoding="utf-8") as lines:
        tail = list(lines)
    starts = max((i for i, line in enumerate(tail) if line == wanted), default=None)
    if starts is None:
        raise SnapshotError(f"no marker for snapshot {generation} in {recording}")

    def contents(out: BinaryIO) -> None:
        out.write("".join(tail[starts:]).encode("utf-8"))

    _write_durably(recording, contents)
