"""Settings, read once from the environment on first use (never at import)."""

import os
from functools import cache
from typing import NamedTuple


class Settings(NamedTuple):
    areas_table: str
    postcodes_table: str
    priorities_table: str
    rounds_table: str
    ballots_table: str
    aggregates_table: str
    applied_changes_table: str
    receipts_table: str
    taskings_table: str
    proposals_table: str
    verdicts_table: str
    verifications_table: str
    round_keys_table: str
    verification: bool  # a ballot needs a pass from a code sent by SMS (VOTER_VERIFICATION=on)
    sms_per_hour: int  # the breaker: codes sent by the whole service in an hour
    tasking_topic_arn: str
    voter_key_secret: str
    review_days: int
    ballot_retention_days: int  # after its round closes, a ballot (and its receipt) expires
    region: str
    endpoint_url: str | None
    console_url: str = ""  # the police console, for the link in a tasking's email ("" : no link)


@cache
def settings() -> Settings:
    env = os.environ
    return Settings(
        areas_table=env["AREAS_TABLE"],
        postcodes_table=env["POSTCODES_TABLE"],
        priorities_table=env["PRIORITIES_TABLE"],
        rounds_table=env["ROUNDS_TABLE"],
        ballots_table=env["BALLOTS_TABLE"],
        aggregates_table=env["AGGREGATES_TABLE"],
        applied_changes_table=env["APPLIED_CHANGES_TABLE"],
        receipts_table=env["RECEIPTS_TABLE"],
        taskings_table=env["TASKINGS_TABLE"],
        proposals_table=env["PROPOSALS_TABLE"],
        verdicts_table=env["VERDICTS_TABLE"],
        verifications_table=env.get("VERIFICATIONS_TABLE", ""),
        round_keys_table=env.get("ROUND_KEYS_TABLE", ""),
        verification=env.get("VOTER_VERIFICATION", "on") == "on",
        sms_per_hour=int(env.get("SMS_PER_HOUR", "500")),
        tasking_topic_arn=env.get("TASKING_TOPIC_ARN", ""),
        voter_key_secret=env.get("VOTER_KEY_SECRET", ""),
        review_days=int(env.get("REVIEW_DAYS", "28")),
        ballot_retention_days=int(env.get("BALLOT_RETENTION_DAYS", "90")),
        region=env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or "eu-west-2",
        # Set only off AWS (the moto server of `make run` and the tests).
        endpoint_url=env.get("AWS_ENDPOINT_URL") or None,
        console_url=env.get("CONSOLE_URL", ""),
    )
