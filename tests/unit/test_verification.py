"""Verification by SMS code through the API function (moto in-process, VoterVerification=on): the
journey, the ballot pass, one ballot per number per round, and what is kept."""

from datetime import UTC, datetime, timedelta

import pytest

from bobbies.notify.sms import SnsSms
from bobbies.usecases import verification, voting
from tests.unit.conftest import LocalAws
from tests.unit.test_api import Call
from tests.unit.verification_helpers import (
    DEVICE,
    E164,
    MOBILE,
    ask,
    ballot_with,
    call,
    confirm,
    error_of,
    last_code,
    texts,
    verified_pass,
    verifying,
)

__all__ = ["call", "verifying"]  # fixtures


def ballots(aws: LocalAws) -> list[dict[str, object]]:
    return aws.items("BallotsTable")


@pytest.mark.parametrize(
    ("language", "words"), [("en", "is your Balance Your Bobbies code"), ("cy", "yw eich cod")]
)
def test_a_resident_confirms_a_mobile_then_votes_and_revotes_with_the_pass(
    call: Call, verifying: LocalAws, language: str, words: str
) -> None:
    # Given a resident who has not voted: the ballot paper says a pass is needed
    assert call("GET", "/api/areas/bangor/ballot")[1]["verification"] is True
    assert error_of(call("POST", "/api/areas/bangor/ballots", ballot_with(None, speeding=10))) == (
        401,
        "verification_needed",
    )
    # When they ask for a code: one text in their language, within one segment
    status, sent = ask(call, language=language)
    assert (status, set(sent)) == (202, {"challenge", "expiresInSeconds"})
    ((number, text),) = texts()
    assert number == E164 and words in text and len(text) <= 160
    # And type it: a pass for Bangor's round
    status, granted = confirm(call, sent["challenge"], last_code())
    assert status == 201 and granted["area"] == "bangor"
    # Then the ballot goes, and a revote with the same pass replaces it (no new code)
    first = call("POST", "/api/areas/bangor/ballots", ballot_with(granted["pass"], speeding=10))
    again = call("POST", "/api/areas/bangor/ballots", ballot_with(granted["pass"], drugs=10))
    assert (first[0], again[0], again[1]["replaced"]) == (201, 200, True)
    assert len(ballots(verifying)) == 1 and len(texts()) == 1


def test_an_officers_ballot_for_the_same_number_counts_once_with_the_online_one(
    call: Call, verifying: LocalAws
) -> None:
    ballot_pass = verified_pass(call)
    assert call("POST", "/api/areas/bangor/ballots", ballot_with(ballot_pass, speeding=10))[0] == 201
    assisted = voting.cast_ballot("bangor", f"phone:{E164}", {"drugs": 10}, datetime.now(UTC))
    assert assisted.replaced and len(ballots(verifying)) == 1


def test_a_pass_is_for_its_area_only_and_a_forged_one_counts_nothing(call: Call, verifying: LocalAws) -> None:
    ballot_pass = verified_pass(call)
    first = call("GET", "/api/areas/wrexham/ballot")[1]["priorities"][0]["id"]
    elsewhere = {"voter": DEVICE, "allocations": {first: 10}, "pass": ballot_pass}
    assert error_of(call("POST", "/api/areas/wrexham/ballots", elsewhere)) == (
        401,
        "pass_not_valid",
    )
    body, signature = ballot_pass.split(".")
    forged = f"{body}.{'0' * len(signature)}"
    assert error_of(call("POST", "/api/areas/bangor/ballots", ballot_with(forged, speeding=10))) == (
        401,
        "pass_not_valid",
    )
    assert ballots(verifying) == []


def test_25_made_up_tokens_from_one_machine_count_nothing_and_one_pass_counts_once(
    call: Call, verifying: LocalAws
) -> None:
    for n in range(25):
        made_up = ballot_with(None, voter=f"made-up-token-{n:04d}-abcdef", speeding=10)
        assert error_of(call("POST", "/api/areas/bangor/ballots", made_up)) == (401, "verification_needed")
    ballot_pass = verified_pass(call)
    for n in range(25):
        made_up = ballot_with(ballot_pass, voter=f"made-up-token-{n:04d}-abcdef", speeding=10)
        assert call("POST", "/api/areas/bangor/ballots", made_up)[0] in (200, 201)
    assert len(ballots(verifying)) == 1


def test_a_number_verified_in_the_round_gets_no_second_text_but_the_same_answer(call: Call) -> None:
    verified_pass(call)
    later = datetime.now(UTC) + timedelta(minutes=2)  # past the number's one a minute
    challenge = verification.send_code(
        MOBILE, "bangor", "en", "another-device-0123456789", "", later, SnsSms()
    )
    assert len(challenge) == len(ask_challenge_shape())
    assert len(texts()) == 1


def ask_challenge_shape() -> str:
    from bobbies.domain.verification import new_challenge_id

    return new_challenge_id()


def test_the_nightly_close_destroys_the_rounds_secret(call: Call, verifying: LocalAws) -> None:
    from local.lambdas import LambdaContext

    from bobbies.domain.times import utc_text
    from tests.conftest import load_handler

    def secrets() -> set[str]:
        return {item["round_key"]["S"] for item in verifying.items("RoundKeysTable")}

    ballot_pass = verified_pass(call)
    call("POST", "/api/areas/bangor/ballots", ballot_with(ballot_pass, speeding=10))
    closed = call("GET", "/api/areas/bangor/ballot")[1]["round"]
    assert f"bangor#{closed['id']}" in secrets()
    load_handler("NightlyTaskingsFunction")(
        {"scheduledTime": utc_text(datetime.fromisoformat(closed["closes"]) + timedelta(hours=2))},
        LambdaContext(),
    )
    # Then the closed round's secret is gone, and the round that opened has its own already
    opened = call("GET", "/api/areas/bangor/ballot")[1]["round"]["id"]
    assert f"bangor#{closed['id']}" not in secrets()
    assert f"bangor#{opened}" in secrets()


def test_no_number_and_no_code_is_in_any_table_item_or_log_line(
    call: Call, verifying: LocalAws, capsys: pytest.CaptureFixture[str]
) -> None:
    sent = ask(call)[1]
    code = last_code()
    confirm(call, sent["challenge"], "000000" if code != "000000" else "111111")  # a wrong try, too
    ballot_pass = confirm(call, sent["challenge"], code)[1]["pass"]
    call("POST", "/api/areas/bangor/ballots", ballot_with(ballot_pass, speeding=10))
    stored = str(verifying.snapshot())
    logged = capsys.readouterr().out + capsys.readouterr().err
    for secret in (E164, E164[1:], MOBILE, MOBILE.replace(" ", ""), "7400123456", code):
        assert secret not in stored and secret not in logged, secret
    assert DEVICE not in stored
