"""Bad and hostile input to verification: each refused in the error shape, nothing counted, no text
sent where none should be."""

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bobbies.domain.errors import TooMany
from bobbies.notify.sms import SnsSms
from bobbies.usecases import verification
from tests.unit.conftest import LocalAws
from tests.unit.test_api import Call
from tests.unit.verification_helpers import (
    DEVICE,
    E164,
    MOBILE,
    OTHER_MOBILE,
    ask,
    ballot_with,
    call,
    confirm,
    error_of,
    frozen_clock,
    last_code,
    texts,
    verifying,
)

__all__ = ["call", "frozen_clock", "verifying"]  # fixtures


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def nothing_counted(aws: LocalAws) -> bool:
    return aws.items("BallotsTable") == []


@pytest.mark.parametrize(
    "phone",
    [
        "+33 6 12 34 56 78",  # France
        "01248 123456",  # a Bangor landline
        "07797 712345",  # Jersey
        "07781 123456",  # Guernsey
        "07624 123456",  # Isle of Man
        "07600 123456",  # a pager
        "07000 123456",  # a personal number
        "07400 12345",  # a digit short
        "07400 123456 ext 2",
        "'; DROP TABLE--",
        "",
    ],
)
def test_a_number_that_is_no_uk_mobile_is_refused_before_any_text(
    call: Call, verifying: LocalAws, phone: str
) -> None:
    before = verifying.snapshot()
    assert error_of(ask(call, phone)) == (422, "not_a_uk_mobile")
    assert texts() == [] and verifying.snapshot() == before


@pytest.mark.parametrize(
    "body",
    [
        {"phone": MOBILE, "areaId": "bangor", "language": "fr", "device": DEVICE},
        {"phone": MOBILE, "areaId": "bangor", "language": "en"},
        {"phone": MOBILE, "areaId": "bangor", "language": "en", "device": "short"},
        {"phone": 7400123456, "areaId": "bangor", "language": "en", "device": DEVICE},
        {"phone": MOBILE, "areaId": "bangor", "language": "en", "device": DEVICE, "admin": True},
    ],
)
def test_a_request_for_a_code_that_is_not_one_is_refused(call: Call, body: dict[str, Any]) -> None:
    assert error_of(call("POST", "/api/verifications", body)) == (422, "invalid_verification")
    assert texts() == []


def test_five_wrong_codes_burn_the_challenge_and_the_right_one_is_refused_after(
    call: Call, verifying: LocalAws
) -> None:
    challenge = ask(call)[1]["challenge"]
    code = last_code()
    for _ in range(5):
        assert error_of(confirm(call, challenge, wrong(code))) == (422, "wrong_code")
    assert error_of(confirm(call, challenge, code)) == (409, "too_many_wrong_codes")
    assert nothing_counted(verifying)


def test_an_expired_code_is_refused(call: Call, verifying: LocalAws) -> None:
    challenge = ask(call)[1]["challenge"]
    eleven_minutes_on = datetime.now(UTC) + timedelta(minutes=11)
    with pytest.raises(Exception) as refused:
        verification.confirm(challenge, last_code(), eleven_minutes_on)
    assert getattr(refused.value, "code", None) == "code_expired"
    assert confirm(call, challenge, last_code())[0] == 201  # within the ten minutes it still works


def test_a_used_code_is_refused_the_second_time(call: Call) -> None:
    challenge = ask(call)[1]["challenge"]
    assert confirm(call, challenge, last_code())[0] == 201
    assert error_of(confirm(call, challenge, last_code())) == (409, "code_expired")


def test_a_code_from_another_challenge_is_wrong(call: Call) -> None:
    mine = ask(call)[1]["challenge"]
    # Another number's code; one that happens to equal mine (one in a million) is asked again for
    # a third number, so the test always has a code that is right for another challenge only.
    for number, e164 in ((OTHER_MOBILE, "+447400654321"), ("07400 654322", "+447400654322")):
        ask(call, number)
        theirs = last_code(e164)
        if theirs != last_code():
            break
    assert error_of(confirm(call, mine, theirs)) == (422, "wrong_code")


@pytest.mark.parametrize(("code", "status"), [("12345", 422), ("abcdef", 422), ("１２３４５６", 422)])
def test_a_code_that_is_not_six_digits_is_refused_without_a_try(call: Call, code: str, status: int) -> None:
    challenge = ask(call)[1]["challenge"]
    assert error_of(confirm(call, challenge, code)) == (status, "invalid_code")
    assert confirm(call, challenge, last_code())[0] == 201


def test_an_unknown_challenge_is_refused(call: Call) -> None:
    assert error_of(confirm(call, "no-such-challenge", "123456")) == (409, "code_expired")


def test_a_new_code_cancels_the_old_one(call: Call) -> None:
    old = ask(call)[1]["challenge"]
    old_code = last_code()
    later = datetime.now(UTC) + timedelta(minutes=2)
    new = verification.send_code(MOBILE, "bangor", "en", DEVICE, "", later, SnsSms())
    assert error_of(confirm(call, old, old_code)) == (409, "code_expired")
    assert confirm(call, new, last_code())[0] == 201


def test_a_number_gets_one_code_a_minute_three_an_hour_five_a_day(call: Call, frozen_clock: datetime) -> None:
    assert ask(call)[0] == 202
    assert error_of(ask(call)) == (429, "too_many_codes")
    tomorrow = (frozen_clock + timedelta(days=1)).replace(hour=0, minute=0, second=0)
    outcomes = []
    for n, minutes in enumerate((0, 0.5, 2, 4, 6, 60, 62, 120)):
        when, device = tomorrow + timedelta(minutes=minutes), f"device-{n:03d}-0123456789"
        try:
            verification.send_code(MOBILE, "bangor", "en", device, "", when, SnsSms())
            outcomes.append("sent")
        except TooMany as limit:
            outcomes.append(limit.code)
    refused = "too_many_codes"
    assert outcomes == ["sent", refused, "sent", "sent", refused, "sent", "sent", refused]
    assert len(texts()) == 1 + 5


def test_a_device_is_limited_whatever_numbers_it_tries(call: Call) -> None:
    answers = [ask(call, f"07400 1{n:05d}")[0] for n in range(7)]
    assert answers.count(202) == 5 and answers[5:] == [429, 429]
    assert error_of(ask(call, "07400 199999")) == (429, "too_many_codes_here")


def test_an_address_is_limited_whatever_devices_and_numbers_it_tries(call: Call) -> None:
    viewer = {"CloudFront-Viewer-Address": "203.0.113.9:4431"}
    answers = [
        ask(call, f"07400 2{n:05d}", device=f"device-{n:03d}-0123456789", headers=viewer)[0]
        for n in range(11)
    ]
    assert answers.count(202) == 10 and answers[-1] == 429


def from_elsewhere(call: Call, n: int, phone: str = MOBILE) -> tuple[int, dict[str, Any]]:
    """A number asked for from device n at address n: only the number's own limits apply."""
    viewer = {"CloudFront-Viewer-Address": f"198.51.100.{n}:443"}
    return ask(call, phone, device=f"device-{n:03d}-0123456789", headers=viewer)


def test_twenty_parallel_requests_for_one_number_send_one_text(
    call: Call, verifying: LocalAws, frozen_clock: datetime
) -> None:
    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda n: from_elsewhere(call, n), range(20)))
    statuses = sorted(status for status, _ in answers)
    assert statuses.count(202) == 1 and len(texts()) == 1
    refusals = {error_of(answer) for answer in answers if answer[0] != 202}
    assert refusals <= {(429, "too_many_codes"), (409, "verification_busy")}, refusals


def test_fifty_guesses_at_once_make_at_most_five_comparisons(
    call: Call, verifying: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    challenge = ask(call)[1]["challenge"]
    code = last_code()
    compared = counting(monkeypatch)
    with ThreadPoolExecutor(max_workers=25) as pool:
        answers = list(pool.map(lambda n: confirm(call, challenge, wrong(code)), range(50)))
    codes = [error_of(answer)[1] for answer in answers]
    assert len(compared) <= 5 and codes.count("wrong_code") == len(compared)
    assert set(codes) <= {"wrong_code", "too_many_wrong_codes"}
    assert nothing_counted(verifying)


def counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    compared: list[str] = []
    lock = threading.Lock()
    real: Callable[..., bool] = verification.rules.code_matches

    def code_matches(*args: Any) -> bool:
        with lock:
            compared.append(args[2])
        return real(*args)

    monkeypatch.setattr(verification.rules, "code_matches", code_matches)
    return compared


def test_with_verification_on_a_ballot_without_a_pass_counts_nothing(call: Call, verifying: LocalAws) -> None:
    assert error_of(call("POST", "/api/areas/bangor/ballots", ballot_with(None, speeding=10)))[1] == (
        "verification_needed"
    )
    assert nothing_counted(verifying) and E164 not in str(verifying.snapshot())


def test_the_breaker_stops_texts_for_everyone_once_the_hour_is_full(
    call: Call, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bobbies.settings import settings

    monkeypatch.setenv("SMS_PER_HOUR", "2")
    settings.cache_clear()
    answers = [from_elsewhere(call, n, f"07400 3{n:05d}") for n in range(3)]
    settings.cache_clear()
    assert [status for status, _ in answers] == [202, 202, 429]
    assert error_of(answers[2]) == (429, "sms_paused") and len(texts()) == 2
