"""The teams' subscriptions to the tasking topic, kept by SNS alone: the address is the team's and
is stored nowhere else (and never logged); the area or district and the language are the
subscription's filter policy (domain.teams)."""

import json
import re
from typing import Any, NamedTuple

from botocore.exceptions import ClientError

from bobbies.domain.errors import Conflict, InvalidInput, NotFound
from bobbies.domain.teams import PROTOCOLS, Scope, TeamSubscription, scope_of
from bobbies.notify.sns import SnsTopic

# SNS lists an email subscription not yet confirmed with this in place of its ARN.
PENDING = "PendingConfirmation"
_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class Subscribed(NamedTuple):
    id: str | None  # the ARN's last part; None while SNS hides the ARN of one awaiting confirmation
    protocol: str
    endpoint: str
    scope: Scope | None  # None: SNS does not say (awaiting confirmation), or not one of ours
    pending: bool


class TeamSubscriptions(SnsTopic):
    def _arn(self, subscription_id: str) -> str:
        if not _ID.fullmatch(subscription_id):
            raise NotFound("subscription_not_found")
        return f"{self.topic_arn}:{subscription_id}"

    def _listed(self) -> list[dict[str, Any]]:
        pages = self.client.get_paginator("list_subscriptions_by_topic").paginate(TopicArn=self.topic_arn)
        return [sub for page in pages for sub in page["Subscriptions"] if sub["Protocol"] in PROTOCOLS]

    def _read(self, listed: dict[str, Any]) -> Subscribed:
        arn = listed["SubscriptionArn"]
        if arn == PENDING:
            return Subscribed(None, listed["Protocol"], listed["Endpoint"], None, True)
        attributes = self.client.get_subscription_attributes(SubscriptionArn=arn)["Attributes"]
        return Subscribed(
            arn.rsplit(":", 1)[-1],
            listed["Protocol"],
            listed["Endpoint"],
            scope_of(attributes.get("FilterPolicy")),
            attributes.get("PendingConfirmation") == "true",
        )

    def all(self) -> list[Subscribed]:
        return [self._read(listed) for listed in self._listed()]

    def subscribe(self, wanted: TeamSubscription) -> Subscribed:
        """One subscription per address on the topic (SNS keeps one per protocol and endpoint)."""
        if any(
            (sub["Protocol"], sub["Endpoint"]) == (wanted.protocol, wanted.endpoint) for sub in self._listed()
        ):
            raise Conflict("already_subscribed")
        try:
            arn = self.client.subscribe(
                TopicArn=self.topic_arn,
                Protocol=wanted.protocol,
                Endpoint=wanted.endpoint,
                Attributes={"FilterPolicy": json.dumps(wanted.filter_policy())},
                ReturnSubscriptionArn=True,
            )["SubscriptionArn"]
        except ClientError as error:
            code = error.response["Error"]["Code"]
            if code == "InvalidParameter":  # SNS's own check of the address
                refused = "invalid_email" if wanted.protocol == "email" else "not_a_uk_mobile"
                raise InvalidInput(refused) from None
            # SNS's message may quote the address, and a fault's message is logged: its code only
            raise RuntimeError(f"SNS refused the subscription: {code}") from None
        return self._read({"SubscriptionArn": arn, "Protocol": wanted.protocol, "Endpoint": wanted.endpoint})

    def unsubscribe(self, subscription_id: str) -> None:
        arn = self._arn(subscription_id)
        try:
            attributes = self.client.get_subscription_attributes(SubscriptionArn=arn)["Attributes"]
        except ClientError as error:
            if error.response["Error"]["Code"] in ("NotFound", "InvalidParameter"):
                raise NotFound("subscription_not_found") from None
            raise
        if attributes.get("Protocol") not in PROTOCOLS:  # a force system's queue is not a team's
            raise NotFound("subscription_not_found")
        self.client.unsubscribe(SubscriptionArn=arn)
