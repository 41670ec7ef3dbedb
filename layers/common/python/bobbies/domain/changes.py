"""A ballot change, named so that it is counted once however often and in whatever order it comes.

Each write of a ballot makes one change: casting version n (a first ballot, or a revote from n-1)
or removing version n. Its name comes from what was written, not from how it was delivered: the
round, the voter's hash, the ballot's id (new for a ballot cast again after a removal) and version,
and whether it was cast or removed. A stream record delivered twice, retried, replayed from the
on-failure queue or read from another shard after a rollover carries the same name.
"""

import base64
import hashlib

CAST, REMOVED = "cast", "removed"


def change_id(round_key: str, voter_hash: str, ballot_id: str, version: int, kind: str) -> str:
    """A short name for one change (128 bits of a SHA-256), small enough to keep one per change."""
    text = "\x1f".join([round_key, voter_hash, ballot_id, str(version), kind])
    return base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()[:16]).decode().rstrip("=")
