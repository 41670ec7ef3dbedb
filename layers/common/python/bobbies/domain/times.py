"""Times as the API, the schedule and the tools write them: UTC, to the second, ending in Z."""

from datetime import UTC, datetime


def utc_text(moment: datetime) -> str:
    """'2027-01-31T02:00:00Z'."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_utc(text: str) -> datetime:
    """An ISO 8601 time ('...Z' or '...+01:00') as an aware UTC moment; one with no offset is UTC."""
    moment = datetime.fromisoformat(text)
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
