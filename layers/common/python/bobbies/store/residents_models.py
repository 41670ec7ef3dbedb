"""The models of what residents add besides ballots: proposals (and their daily counts) and
verdicts on completed taskings. Registered with bobbies.store.models, which binds them on first use
like the others; apart from them, since the nightly and stream functions need none of them."""

from pynamodb.attributes import (
    BooleanAttribute,
    MapAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from bobbies.store.models import register


class VerdictModel(Model):
    """One resident's verdict on a completed tasking: one per ballot (the voter's, in that round)."""

    class Meta:
        table_name = "VerdictsTable"

    ballot_key = UnicodeAttribute(hash_key=True)  # "<area>#<round>#<voter hash>"
    made_a_difference = BooleanAttribute()
    given_at = UTCDateTimeAttribute()


class ProposalQueueIndex(GlobalSecondaryIndex["ProposalModel"]):
    """Sparse: "<area>#<status>" for each proposal (the daily counts have none): pending for the
    moderators, approved for the waiting list (until a ballot has it), and the other decisions."""

    class Meta:
        index_name = "queue"
        projection = AllProjection()

    queue = UnicodeAttribute(hash_key=True)
    queued_at = UnicodeAttribute(range_key=True)


class ProposalStatusIndex(GlobalSecondaryIndex["ProposalModel"]):
    """Every area's proposals by status, oldest first (the moderators' queue across all areas).
    Sparse too: the daily counts have no status."""

    class Meta:
        index_name = "status"
        projection = AllProjection()

    status = UnicodeAttribute(hash_key=True)
    queued_at = UnicodeAttribute(range_key=True)


class ProposalModel(Model):
    """A resident's proposal, under "proposal#<keyed hash of its reference>" (domain/proposals.py)."""

    class Meta:
        table_name = "ProposalsTable"

    pk = UnicodeAttribute(hash_key=True)
    proposal_id = UnicodeAttribute()
    area_id = UnicodeAttribute()
    status = UnicodeAttribute()  # pending | approved | merged | declined | redirected
    language = UnicodeAttribute()
    title = UnicodeAttribute()
    description = UnicodeAttribute()
    proposer_hash = UnicodeAttribute()
    submitted_at = UTCDateTimeAttribute()
    queue = UnicodeAttribute(null=True)
    queued_at = UnicodeAttribute(null=True)
    expires = TTLAttribute(null=True)
    decided_by = UnicodeAttribute(null=True)
    decided_at = UTCDateTimeAttribute(null=True)
    reason = MapAttribute[str, str](null=True)
    merged_into = UnicodeAttribute(null=True)
    approved_title = MapAttribute[str, str](null=True)
    approved_description = MapAttribute[str, str](null=True)
    round_id = UnicodeAttribute(null=True)
    by_queue = ProposalQueueIndex()
    by_status = ProposalStatusIndex()


class ProposalCountModel(Model):
    """A day's count of proposals, by one resident or in one area (same table, "count#..." keys)."""

    class Meta:
        table_name = "ProposalsTable"

    pk = UnicodeAttribute(hash_key=True)
    proposals = NumberAttribute(default=0)
    expires = TTLAttribute()


register(
    {
        ProposalModel: "proposals_table",
        ProposalCountModel: "proposals_table",
        VerdictModel: "verdicts_table",
    }
)
