"""One pynamodb model per table in template.yaml.

Table names, region and endpoint come from settings on first use (`bound`), never at import. The
models of what only some requests touch (residents_models, verification_models, receipts) live in
modules of their own, which `register` their tables, so a function imports only the models it uses.
"""

from collections.abc import Mapping
from functools import cache

from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.connection import Connection
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model

from bobbies.settings import Settings, settings


class AreaModel(Model):
    class Meta:
        table_name = "AreasTable"

    area_id = UnicodeAttribute(hash_key=True)
    name = MapAttribute[str, str]()
    name_in_text = MapAttribute[str, str](null=True)  # the mid-sentence form ("y Rhyl")
    district_id = UnicodeAttribute()
    district_name = MapAttribute[str, str]()
    district_name_in_text = MapAttribute[str, str](null=True)
    authority = MapAttribute[str, str](null=True)
    budget = NumberAttribute()
    quorum = NumberAttribute()
    round_days = NumberAttribute()
    team_language = UnicodeAttribute(default="en")
    current_round = UnicodeAttribute(null=True)
    # Set by an admin, applied by the nightly job in the same write that moves the area to its next
    # round (store.catalogue.move_current_round): the open round keeps the settings it opened with.
    next_budget = NumberAttribute(null=True)
    next_quorum = NumberAttribute(null=True)
    next_round_days = NumberAttribute(null=True)


class PostcodeModel(Model):
    class Meta:
        table_name = "PostcodesTable"

    prefix = UnicodeAttribute(hash_key=True)
    area_id = UnicodeAttribute()


class PriorityModel(Model):
    class Meta:
        table_name = "PrioritiesTable"

    area_id = UnicodeAttribute(hash_key=True)
    priority_id = UnicodeAttribute(range_key=True)
    title = MapAttribute[str, str]()
    description = MapAttribute[str, str]()
    status = UnicodeAttribute(default="approved")  # proposed | approved | rejected
    decided_at = UTCDateTimeAttribute(null=True)


class RoundModel(Model):
    class Meta:
        table_name = "RoundsTable"

    area_id = UnicodeAttribute(hash_key=True)
    round_id = UnicodeAttribute(range_key=True)
    opens = UTCDateTimeAttribute()
    closes = UTCDateTimeAttribute()
    priority_ids = ListAttribute(of=UnicodeAttribute)
    closed = BooleanAttribute(default=False)
    budget = NumberAttribute(null=True)  # what it runs by (domain.model.Round)
    quorum = NumberAttribute(null=True)


class BallotModel(Model):
    class Meta:
        table_name = "BallotsTable"

    round_key = UnicodeAttribute(hash_key=True)  # "<area>#<round>"
    voter_hash = UnicodeAttribute(range_key=True)
    area_id = UnicodeAttribute()
    round_id = UnicodeAttribute()
    ballot_id = UnicodeAttribute()
    allocations = MapAttribute[str, int]()
    version = NumberAttribute()
    digest = UnicodeAttribute()
    cast_at = UTCDateTimeAttribute()
    channel = UnicodeAttribute(null=True)  # online (absent on ballots cast before channels) | assisted
    age_band = UnicodeAttribute(null=True)  # absent: the resident preferred not to say
    # The table's TTL attribute (template.yaml): the round's close plus BallotRetentionDays.
    expires_at = TTLAttribute(null=True)


class AggregateModel(Model):
    class Meta:
        table_name = "AggregatesTable"

    area_id = UnicodeAttribute(hash_key=True)
    round_id = UnicodeAttribute(range_key=True)
    ballots = NumberAttribute(default=0)
    support = MapAttribute[str, int](default=dict)
    backers = MapAttribute[str, int](default=dict)
    channels = MapAttribute[str, int](null=True)  # ballots per channel other than online
    bands = MapAttribute[str, int](null=True)  # ballots per age band given
    # Moves on every write: a write holds only if nobody wrote since the read it was built from.
    revision = NumberAttribute(default=0)
    # Set when the nightly run rebuilt a closed round's aggregate from its ballots of record:
    # every change is in it then, and late stream records leave it alone.
    sealed = BooleanAttribute(null=True)
    # Changes folded into this tally whose guard items are not written yet (store.aggregates).
    pending = UnicodeSetAttribute(null=True)


class AppliedChangeModel(Model):
    """The guard for one ballot change folded into an aggregate (see usecases.aggregation)."""

    class Meta:
        table_name = "AppliedChangesTable"

    change_id = UnicodeAttribute(hash_key=True)
    expires = TTLAttribute()


class PendingPublicationIndex(GlobalSecondaryIndex["TaskingModel"]):
    class Meta:
        index_name = "pending-publish"
        projection = KeysOnlyProjection()

    publish_pending = UnicodeAttribute(hash_key=True)
    area_id = UnicodeAttribute(range_key=True)


class ListedTaskingsIndex(GlobalSecondaryIndex["TaskingModel"]):
    """Sparse: only taskings the public sees (issued or later), newest first by `listed_at`."""

    class Meta:
        index_name = "listed"
        projection = AllProjection()

    listing = UnicodeAttribute(hash_key=True)
    listed_at = UnicodeAttribute(range_key=True)


class ReferenceIndex(GlobalSecondaryIndex["TaskingModel"]):
    """A tasking by the reference its team quotes (the police console's links and lookups)."""

    class Meta:
        index_name = "by-reference"
        projection = KeysOnlyProjection()

    reference = UnicodeAttribute(hash_key=True)


class NoteAttribute(MapAttribute[str, object]):
    """A progress note: words in both languages, when, and the officer (opaque id) who wrote it."""

    text = MapAttribute[str, str]()
    at = UTCDateTimeAttribute()
    by = UnicodeAttribute()


class TaskingModel(Model):
    class Meta:
        table_name = "TaskingsTable"

    area_id = UnicodeAttribute(hash_key=True)
    round_id = UnicodeAttribute(range_key=True)
    district_id = UnicodeAttribute()
    status = UnicodeAttribute()
    priority_id = UnicodeAttribute(null=True)
    priority_title = MapAttribute[str, str](null=True)
    ballots = NumberAttribute()
    average = NumberAttribute()
    margin = NumberAttribute()
    issued = UTCDateTimeAttribute()
    review = UTCDateTimeAttribute(null=True)
    outcome = MapAttribute[str, str](null=True)
    reference = UnicodeAttribute(null=True)
    quorum = NumberAttribute(null=True)  # the area's quorum when the round was decided
    priority_description = MapAttribute[str, str](null=True)
    support = NumberAttribute(null=True)  # exact figures: average = support / ballots
    runner_up_id = UnicodeAttribute(null=True)
    runner_up_title = MapAttribute[str, str](null=True)
    runner_up_support = NumberAttribute(null=True)
    decided_by = UnicodeAttribute(null=True)
    publish_pending = UnicodeAttribute(null=True)  # present (sparse index) until published
    claimed_by = UnicodeAttribute(null=True)  # the nightly run publishing it, until claim_expires
    claim_expires = UTCDateTimeAttribute(null=True)
    published_at = UTCDateTimeAttribute(null=True)
    pending_publication = PendingPublicationIndex()
    listing = UnicodeAttribute(null=True)  # present (sparse index) on taskings the public sees
    listed_at = UnicodeAttribute(null=True)  # "<issued ISO>#<area>": newest first, then by area
    listed = ListedTaskingsIndex()
    by_reference = ReferenceIndex()
    # The team's part (domain/lifecycle.py). Every change moves `revision`: a change holds only if
    # nobody changed the tasking since the read it was decided on.
    revision = NumberAttribute(null=True)
    acknowledged_at = UTCDateTimeAttribute(null=True)
    acknowledged_by = UnicodeAttribute(null=True)
    notes = ListAttribute(of=NoteAttribute, null=True)
    completed_at = UTCDateTimeAttribute(null=True)
    completed_by = UnicodeAttribute(null=True)
    verdicts_yes = NumberAttribute(null=True)  # residents' verdicts, kept with each verdict's write
    verdicts_no = NumberAttribute(null=True)


# The setting that names each model's table.
_TABLES: dict[type[Model], str] = {
    AreaModel: "areas_table",
    PostcodeModel: "postcodes_table",
    PriorityModel: "priorities_table",
    RoundModel: "rounds_table",
    BallotModel: "ballots_table",
    AggregateModel: "aggregates_table",
    AppliedChangeModel: "applied_changes_table",
    TaskingModel: "taskings_table",
}
# The settings each model was last pointed by: other settings (the tests') point it again. Checked
# by identity, as settings() hands back one object until reset: no field-by-field compare per call.
_BOUND_BY: dict[type[Model], Settings] = {}


def register(tables: Mapping[type[Model], str]) -> None:
    """Names the setting that names each model's table, for models defined in other modules."""
    _TABLES.update(tables)


def bound[M: type[Model]](model: M) -> M:
    """The model, pointed at the table, region and endpoint of the current settings, and reaching
    its table through the one botocore client: pynamodb would make each model a botocore session
    and client of its own, ~70 ms of CPU each in a cold start that reads several tables."""
    config = settings()
    if _BOUND_BY.get(model) is not config:
        model.Meta.table_name = getattr(config, _TABLES[model])
        model.Meta.region = config.region
        model.Meta.host = config.endpoint_url
        model._connection = None  # forget a connection made for another table or endpoint
        _BOUND_BY[model] = config
    if model._connection is None:
        model._get_connection().connection._client = connection().client
    return model


@cache
def _connection(settings_key: object) -> Connection:
    config = settings()
    return Connection(region=config.region, host=config.endpoint_url)


def connection() -> Connection:
    """A connection for transactions that span tables, to the current settings' region and endpoint
    (made once: a new one costs a new botocore client)."""
    return _connection(settings())


def as_ints(raw: object) -> dict[str, int]:
    """A stored map of bobbies as plain ints (pynamodb hands back a MapAttribute of numbers)."""
    mapping = raw.as_dict() if isinstance(raw, MapAttribute) else dict(raw or {})  # type: ignore[call-overload]
    return {key: int(value) for key, value in mapping.items()}


def storable_key(value: str) -> bool:
    """Could this text be a key at all? DynamoDB refuses an empty key, one over 1024 bytes (a sort
    key) or text that is not UTF-8, so a lookup by such a value is "not found", not an error."""
    try:
        return 0 < len(value.encode("utf-8")) <= 1024
    except UnicodeEncodeError:
        return False


def condition_failed(error: Exception) -> bool:
    """The write's condition did not hold: a rule the table keeps, not a fault."""
    return getattr(error, "cause_response_code", None) == "ConditionalCheckFailedException"


def forget_connections() -> None:
    """Rebind on next use, and drop the clients now: for tests and the local runner, whose endpoint
    changes under one process, and for a SnapStart restore (bobbies.snapstart)."""
    _BOUND_BY.clear()
    _connection.cache_clear()
    for model in _TABLES:
        model._connection = None
