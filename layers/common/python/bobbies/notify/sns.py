"""One SNS topic and the client to reach it, made on first use (tests hand one in)."""

from typing import Any


class SnsTopic:
    def __init__(self, topic_arn: str, client: Any = None) -> None:
        self.topic_arn = topic_arn
        self._client = client

    @property
    def client(self) -> Any:
        if self._client is None:
            import boto3  # made when first needed: most nights publish nothing

            self._client = boto3.client("sns")
        return self._client
