"""Verification by SMS code: a code sent to a UK mobile, typed back for a ballot pass.

Sending answers the same whether or not the number has verified in the round already (no
enumeration): a challenge is stored and counted either way, and only a number not yet verified
gets a text. The number itself is used for the text and the keyed hashes, then forgotten: it is
never stored, never logged. The counts are keyed hashes of what they count and of their window.
"""

import hashlib
import hmac
from datetime import datetime, timedelta

from bobbies.domain import verification as rules
from bobbies.domain.errors import Conflict, InvalidInput
from bobbies.domain.phone import phone_identity, uk_mobile
from bobbies.messages import sms_code_text
from bobbies.notify.sms import SmsSender
from bobbies.observability import count, logger
from bobbies.settings import settings
from bobbies.store import round_keys, secrets, verifications
from bobbies.store.verifications import Challenge, Limit
from bobbies.usecases.voting import ballot_paper, check_open

# (what is counted, window, most, error code)
PER_NUMBER = (("minute", 1), ("hour", 3), ("day", 5))
PER_ADDRESS = (("hour", 10), ("day", 30))
PER_DEVICE = (("hour", 5), ("day", 10))
WINDOWS = {"minute": ("%Y%m%dT%H%M", timedelta(minutes=1)), "hour": ("%Y%m%dT%H", timedelta(hours=1)),
           "day": ("%Y%m%d", timedelta(days=1))}  # fmt: skip


def _limit(kind: str, subject: str, window: str, most: int, code: str, now: datetime) -> Limit:
    form, length = WINDOWS[window]
    label = now.strftime(form)
    start = datetime.strptime(label, form).replace(tzinfo=now.tzinfo)
    counted = f"{kind}\x1f{window}\x1f{label}\x1f{subject}".encode()
    digest = hmac.new(secrets.voter_key(), counted, hashlib.sha256)
    return Limit(f"count#{digest.hexdigest()}", most, code, start + length)


def send_code(
    raw_phone: object, area_id: str, language: str, device: str, address: str, now: datetime, sms: SmsSender
) -> str:
    """Sends a code for the area's open round; returns the challenge the code answers."""
    e164 = uk_mobile(raw_phone)  # refused before anything is counted or sent
    area, current, _ = ballot_paper(area_id, fresh=False)
    check_open(current, now)
    key = round_keys.key_of_round(area.id, current.id, current.closes)
    assert key is not None
    voter = rules.voter_key(key, area.id, current.id, phone_identity(e164))
    for window, most in PER_ADDRESS:
        verifications.count_send(_limit("address", address, window, most, "too_many_codes_here", now))
    for window, most in PER_DEVICE:
        verifications.count_send(_limit("device", device, window, most, "too_many_codes_here", now))
    known = verifications.current(voter)
    verified = bool(known and known[1])
    challenge_id, code = rules.new_challenge_id(), rules.new_code()
    challenge = Challenge(challenge_id, voter, area.id, current.id, rules.code_hash(key, challenge_id, code))
    limits = [_limit("number", e164, window, most, "too_many_codes", now) for window, most in PER_NUMBER]
    verifications.record_challenge(challenge, now, current.closes, limits, cancel_old=not verified)
    # The breaker counts only what passed every other limit, so refused floods cannot trip it.
    verifications.count_send(_limit("all", "", "hour", settings().sms_per_hour, "sms_paused", now))
    if not verified:  # no text to a number verified in this round already; the answer is the same
        sms.send(e164, sms_code_text(code, language))
        count("VerificationCodesSent")
    logger.info("verification code asked for", extra={"area": area.id, "round": current.id})
    return challenge_id


def confirm(challenge_id: str, code: object, now: datetime) -> dict[str, str]:
    """A ballot pass for the challenge's area and round, if the code is right."""
    if not rules.is_code_shaped(code):
        raise InvalidInput("invalid_code")
    assert isinstance(code, str)
    if not 0 < len(challenge_id) <= 64:
        raise Conflict("code_expired")
    challenge = verifications.take_try(challenge_id, now)
    key = round_keys.key_of_round(challenge.area_id, challenge.round_id)
    if key is None:  # the round has closed since
        raise Conflict("code_expired")
    if not rules.code_matches(key, challenge_id, code, challenge.code_hash):
        count("VerificationCodesWrong")
        raise InvalidInput("wrong_code")
    verifications.use(challenge)
    count("VerificationsConfirmed")
    granted = rules.BallotPass(challenge.area_id, challenge.round_id, challenge.voter)
    return {"pass": rules.issue_pass(key, granted), "area": challenge.area_id, "round": challenge.round_id}
