"""The models of verification: challenges, send counts and each open round's secret. Registered with
bobbies.store.models, which binds them on first use like the others; apart from them, since the
stream function needs none of them. None holds a phone number or a code."""

from pynamodb.attributes import (
    BooleanAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.models import Model

from bobbies.store.models import register


class ChallengeModel(Model):
    """ "challenge#<random id>": a code sent (its keyed hash only), for one voter key in one round."""

    class Meta:
        table_name = "VerificationsTable"

    pk = UnicodeAttribute(hash_key=True)
    voter = UnicodeAttribute()  # the voter key (domain/verification.py), never the number
    area_id = UnicodeAttribute()
    round_id = UnicodeAttribute()
    code_hash = UnicodeAttribute()
    tries = NumberAttribute(default=0)
    used = BooleanAttribute(default=False)
    valid_until = UTCDateTimeAttribute()
    expires = TTLAttribute()  # DynamoDB deletes it within the day


class CurrentModel(Model):
    """ "current#<voter key>": the one challenge of that voter and round that may be answered (a new
    code cancels the old), and whether the voter has verified in the round already."""

    class Meta:
        table_name = "VerificationsTable"

    pk = UnicodeAttribute(hash_key=True)
    challenge_id = UnicodeAttribute()
    verified = BooleanAttribute(default=False)
    expires = TTLAttribute()


class SendCountModel(Model):
    """ "count#<keyed hash of what is counted and its window>": codes sent in that window."""

    class Meta:
        table_name = "VerificationsTable"

    pk = UnicodeAttribute(hash_key=True)
    sent = NumberAttribute(default=0)
    expires = TTLAttribute()


class RoundKeyModel(Model):
    """An open round's random secret; deleted by the nightly run that closes the round."""

    class Meta:
        table_name = "RoundKeysTable"

    round_key = UnicodeAttribute(hash_key=True)  # "<area>#<round>"
    secret = UnicodeAttribute()  # 32 random bytes, in hex
    expires = TTLAttribute()  # a backstop: a day after the round closes


register(
    {
        ChallengeModel: "verifications_table",
        CurrentModel: "verifications_table",
        SendCountModel: "verifications_table",
        RoundKeyModel: "round_keys_table",
    }
)
