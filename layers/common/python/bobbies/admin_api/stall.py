"""Officer-assisted ballots: at a street stall, a PACT meeting or on the phone, an officer records
the ballot of a resident who is there, after checking their postcode is in the area.

The resident's mobile number (or, without one, the paper ballot's reference) keeps it to one ballot
per resident per round: it is the identity the ballot is cast under (domain.resident), so a second
ballot replaces the first, and the resident's own verified ballot online counts once with it. The
number is read, hashed with the ballot and forgotten: never stored, never logged.

An officer takes ballots in their own district's areas (as they work its taskings); an admin in any.
"""

import json
from datetime import UTC, datetime
from typing import Any, NamedTuple

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.api_gateway import Router

from bobbies.admin_api.session import caller
from bobbies.api_input import ballot_body
from bobbies.auth import OFFICER
from bobbies.domain import postcode
from bobbies.domain.ballot import ASSISTED
from bobbies.domain.errors import Forbidden, InvalidInput, Malformed
from bobbies.domain.resident import identity
from bobbies.observability import count

router = Router()

FIELDS = {"postcode", "phone", "paperReference", "allocations", "ageBand"}
PLACEHOLDER = "assisted-ballot-voter"  # stands for the resident while the rest of the body is read


class AssistedBallot(NamedTuple):
    postcode: str
    voter: str  # "phone:<E.164>" or "paper:<reference>"
    allocations: dict[str, int]
    age_band: str | None


def assisted_body(text: str) -> AssistedBallot:
    """The body, or the first thing wrong with it: the allocations and age band are read exactly as a
    resident's (api_input.ballot_body), then the postcode and who the resident is."""
    try:
        body = json.loads(text) if text else None
    except json.JSONDecodeError:
        raise Malformed("invalid_json") from None
    if not isinstance(body, dict):
        raise Malformed("invalid_body")
    if unknown := set(body) - FIELDS:
        raise Malformed("unknown_field", field=sorted(unknown)[0])
    # The resident's part of the body, read by the very rules (and codes) of their own ballot
    ballot = {key: body[key] for key in ("allocations", "ageBand") if key in body}
    _, allocations, age_band = ballot_body(json.dumps({"voter": PLACEHOLDER, **ballot}))
    written = body.get("postcode")
    if not isinstance(written, str):
        raise Malformed("invalid_postcode")
    phone, paper = body.get("phone"), body.get("paperReference")
    if (phone is None) == (paper is None):
        raise InvalidInput("phone_or_paper_reference")
    if not isinstance(phone if phone is not None else paper, str):
        raise InvalidInput("not_a_uk_mobile" if phone is not None else "invalid_paper_reference")
    return AssistedBallot(postcode.normalise(written), identity(phone, paper), allocations, age_band)


@router.post("/api/admin/areas/<areaId>/ballots")
def take_ballot(areaId: str) -> Response[dict[str, Any]]:
    from bobbies.store import catalogue
    from bobbies.usecases import voting

    officer = caller(OFFICER)
    ballot = assisted_body(router.current_event.body or "")
    area = catalogue.get_area(areaId)
    if not officer.is_admin() and officer.district != area.district.id:
        raise Forbidden("not_your_district")
    found = catalogue.area_for_prefixes(postcode.lookup_prefixes(ballot.postcode))
    if found is None or found.id != area.id:
        raise InvalidInput("postcode_not_in_area")
    receipt = voting.cast_ballot(
        area.id,
        ballot.voter,
        ballot.allocations,
        datetime.now(UTC),
        channel=ASSISTED,
        age_band=ballot.age_band,
    )
    count("AssistedBallots")
    return Response(
        status_code=200 if receipt.replaced else 201,
        content_type=content_types.APPLICATION_JSON,
        body=receipt._asdict(),
    )
