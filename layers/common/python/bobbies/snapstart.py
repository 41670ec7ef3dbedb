"""SnapStart (template.yaml: the API function's published versions): what its snapshot may hold.

Lambda snapshots a version once, after its init, and resumes every new instance from that snapshot,
so whatever init made is shared by all of them. Ours makes nothing unique there: no connection
(and so no credentials), no voter key, no kept round, no random seed, no id - each is made on first
use, after the restore. The hook before the snapshot imports what requests use, so a restored
instance pays for no import; the hook after the restore forgets anything that was made before the
snapshot all the same, should a hook or a later init make one.

The hooks' registry, `snapshot_restore_py`, is part of Lambda's Python runtime; off Lambda there
are no snapshots and nothing to register.
"""


def prime() -> None:
    """Before the snapshot: import every use case the API's routes call (imports only, no I/O)."""
    # The voter key's client library: store.secrets imports it when a key is first read.
    import aws_lambda_powertools.utilities.parameters  # noqa: F401

    import bobbies.usecases.proposals
    import bobbies.usecases.receipts
    import bobbies.usecases.verification
    import bobbies.usecases.views
    import bobbies.usecases.voting  # noqa: F401


def forget() -> None:
    """After the restore: nothing made before the snapshot is used by this instance."""
    from aws_lambda_powertools.utilities.parameters import clear_caches

    from bobbies.store.models import forget_connections
    from bobbies.usecases.voting import forget_kept

    forget_connections()
    forget_kept()
    clear_caches()  # the voter key


def register() -> bool:
    """Registers the hooks with the runtime; False where there is no runtime to take them."""
    try:
        from snapshot_restore_py import register_after_restore, register_before_snapshot
    except ImportError:
        return False
    register_before_snapshot(prime)
    register_after_restore(forget)
    return True
