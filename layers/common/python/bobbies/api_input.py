"""What the API reads from a request besides its path: the ballot's and a proposal's body, and the
taskings' query.

Checked here by hand, in the order and with the codes the document's models state
(`bobbies.api_document`: BallotIn, and the taskings route's query), so a cold request pays for no
validation library: pydantic is imported only to write the document. tests/unit/test_api_input.py
holds the two to the same verdict on every body it can think of.
"""

import json
import math
from typing import TYPE_CHECKING, Any, NamedTuple

from bobbies.domain.ballot import AGE_BANDS, BALLOT_ID, VERSION_MOST, VOTER_TOKEN, BallotVersion
from bobbies.domain.errors import DomainError, InvalidInput, Malformed

if TYPE_CHECKING:
    from bobbies.api_models_proposals import ProposalIn

FIELDS = ("voter", "allocations", "ageBand", "pass", "replacing")
REPLACING_FIELDS = {"ballot", "version"}
MALFORMED = {"unknown_field", "invalid_replacing"}  # 400s; the other codes are rules broken (422)
PASS_MOST = 400  # a ballot pass (domain/verification.py) is about 150 characters
LIMITS = (1, 100)  # taskings per page
MAX_CURSOR = 1000


def _bobbies(value: Any) -> int | str:
    """A whole number of bobbies, or the rule it breaks. JSON has one kind of number: 10.0 is 10."""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        return "not_whole_bobbies"
    return "negative_allocation" if value < 0 else value


def _replacing(value: Any) -> BallotVersion | str | None:
    """The ballot the client says this one replaces (None: it believes this is its first), or the
    code for a hint of any other shape."""
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != REPLACING_FIELDS:
        return "invalid_replacing"
    ballot, version = value["ballot"], value["version"]
    if isinstance(version, float) and math.isfinite(version) and version.is_integer():
        version = int(version)
    if not (isinstance(ballot, str) and BALLOT_ID.fullmatch(ballot)):
        return "invalid_replacing"
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= VERSION_MOST:
        return "invalid_replacing"
    return BallotVersion(ballot, version)


def _problems(body: Any) -> list[str]:
    """Every problem, in the order the model reports them (fields in order, then unknown fields);
    "" for one the model has no code for."""
    if not isinstance(body, dict):
        return [""]
    problems = []
    voter = body.get("voter")
    if not isinstance(voter, str):
        problems.append("")
    elif not VOTER_TOKEN.fullmatch(voter):
        problems.append("invalid_voter")
    allocations = body.get("allocations")
    if not isinstance(allocations, dict):
        problems.append("")
    else:
        problems += [found for found in map(_bobbies, allocations.values()) if isinstance(found, str)]
    if body.get("ageBand") is not None and body["ageBand"] not in AGE_BANDS:
        problems.append("invalid_age_band")  # optional: absent or null is "prefer not to say"
    given = body.get("pass")
    if given is not None and not (isinstance(given, str) and len(given) <= PASS_MOST):
        problems.append("")  # no code of its own: invalid_body, as the document's model says
    if isinstance(_replacing(body.get("replacing")), str):
        problems.append("invalid_replacing")
    return problems + ["unknown_field" for key in body if key not in FIELDS]


def ballot_body(text: str) -> tuple[str, dict[str, int], str | None]:
    """The voter's token, whole bobbies per priority and the age band given (None: not given), or
    the first thing wrong with the body."""
    parts = ballot_parts(text)
    return parts.voter, parts.allocations, parts.age_band


class BallotParts(NamedTuple):
    voter: str
    allocations: dict[str, int]
    age_band: str | None
    ballot_pass: str | None  # a right code's, when verification is on
    replacing: BallotVersion | None  # the client's last ballot in the round, as its receipt named it


def ballot_parts(text: str) -> BallotParts:
    """The ballot's body, each optional part None when not given."""
    try:
        body = json.loads(text) if text else None  # no body at all: no ballot, not broken JSON
    except json.JSONDecodeError:
        raise Malformed("invalid_json") from None
    for code in _problems(body):
        if code in MALFORMED:
            raise Malformed(code)
        if code:
            raise InvalidInput(code)
    if not isinstance(body, dict) or _problems(body):
        raise Malformed("invalid_body")
    allocations = {key: int(value) for key, value in body["allocations"].items()}
    replacing = _replacing(body.get("replacing"))
    assert not isinstance(replacing, str)  # refused above
    return BallotParts(body["voter"], allocations, body.get("ageBand"), body.get("pass"), replacing)


def _check(kind: type[DomainError], code: str, holds: bool) -> None:
    if not holds:
        raise kind(code)


def page_limit(raw: str | None, default: int = 20) -> int:
    """`limit`: a whole number from 1 to 100 (as the document's query says), else invalid_limit."""
    if raw is None:
        return default
    try:
        if not raw.isascii():  # int() reads other scripts' digits too; the document means 0-9
            raise ValueError(raw)
        limit = int(raw.strip())
    except ValueError:
        raise Malformed("invalid_limit") from None
    _check(Malformed, "invalid_limit", LIMITS[0] <= limit <= LIMITS[1])
    return limit


def page_cursor(raw: str | None) -> str | None:
    _check(Malformed, "invalid_cursor", raw is None or len(raw) <= MAX_CURSOR)
    return raw


def _json_body(text: str) -> Any:
    """The body's JSON: broken JSON and no body at all (or null) are refused before its shape is read."""
    try:
        body = json.loads(text) if text else None
    except json.JSONDecodeError:
        raise Malformed("invalid_json") from None
    if body is None:
        raise Malformed("invalid_body")
    return body


def json_body(text: str) -> Any:
    """A body whose shape its domain rule reads (a moderator's decision: domain.proposals)."""
    return _json_body(text)


def proposal_body(text: str) -> "ProposalIn":
    """A resident's proposal, or the first thing wrong with it. Proposals are rare, so this path
    may pay for pydantic: ProposalIn turns any wrong shape into the domain's own refusal."""
    body = _json_body(text)
    from bobbies.api_models_proposals import ProposalIn

    return ProposalIn.model_validate(body)


VERDICT_FIELDS = {"receipt", "madeADifference"}
RECEIPT_MOST = 80
AREA_MOST = 200


def verdict_body(text: str) -> tuple[str, bool]:
    """A resident's receipt code and whether the tasking made a difference; anything else about the
    body is the one thing a verdict needs (VerdictIn in bobbies.api_open_data states it)."""
    body = _json_body(text)
    well_formed = (
        isinstance(body, dict)
        and set(body) == VERDICT_FIELDS
        and isinstance(body["receipt"], str)
        and len(body["receipt"]) <= RECEIPT_MOST
        and isinstance(body["madeADifference"], bool)
    )
    _check(InvalidInput, "invalid_verdict", well_formed)
    return body["receipt"], body["madeADifference"]


def area_query(raw: str | None) -> str | None:
    """`area` on the open data routes: at most AREA_MOST characters, else invalid_query."""
    _check(Malformed, "invalid_query", raw is None or len(raw) <= AREA_MOST)
    return raw


def tasking_change_body(text: str, field: str | None) -> Any:
    """The police console's change to a tasking: `{}` to acknowledge it (no body is read as `{}`),
    else `{field: ...}` and nothing more; what the field holds is the domain's to judge
    (domain/lifecycle.py: both languages, their length and characters)."""
    try:
        body = json.loads(text) if text.strip() else {}
    except json.JSONDecodeError:
        raise Malformed("invalid_json") from None
    wanted = {field} if field else set()
    _check(Malformed, "invalid_tasking_change", isinstance(body, dict) and set(body) == wanted)
    return body[field] if field else None


VERIFICATION_FIELDS = {"phone", "areaId", "language", "device"}


def verification_body(text: str) -> tuple[str, str, str, str]:
    """(phone, area, language, device) to send a code to; the number itself is checked by the
    domain (bobbies.domain.phone), so a wrong one gets its own code."""
    body = _json_body(text)
    well_formed = (
        isinstance(body, dict)
        and set(body) == VERIFICATION_FIELDS
        and all(isinstance(body[name], str) for name in VERIFICATION_FIELDS)
        and 0 < len(body["areaId"]) <= AREA_MOST
        and body["language"] in ("en", "cy")
        and VOTER_TOKEN.fullmatch(body["device"]) is not None
    )
    _check(InvalidInput, "invalid_verification", well_formed)
    return body["phone"], body["areaId"], body["language"], body["device"]


def confirmation_body(text: str) -> object:
    """The code typed (checked by the use case: six digits)."""
    body = _json_body(text)
    _check(InvalidInput, "invalid_code", isinstance(body, dict) and set(body) == {"code"})
    return body["code"]
