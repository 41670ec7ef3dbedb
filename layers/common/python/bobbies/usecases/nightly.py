"""The nightly job: every closed round becomes a tasking (or a quorum-not-met record), the next round
opens with the same ballot plus newly approved priorities (whose proposals then leave the residents'
waiting list), and waiting taskings are published.

Every step can run again safely, so a rerun or a retried invocation finishes what a failed one
started and repeats nothing: the tasking is keyed by (area, round) and created once; the next
round is created once; the area moves to it only from the round just closed.

A round is closed before its ballots are read: a ballot write is conditional on its round being
open (store/ballots.py), so a ballot racing the close either lands before the read, and counts, or
is refused - none lands in a decided round.

Each area is closed on its own: one with broken data is counted (NightlyAreaFailures, alarmed),
logged and tried again next night, and never stops the others or the publishing.

Publishing: the scheduler and Lambda's async retries both deliver at least once, and the function's
reserved concurrency of 1 is the first guard against overlapping runs. The second is the claim: a
run publishes only a tasking it claimed with a conditional write on the table itself (not the
eventually consistent index), and marks it published after SNS took it. A claim lasts CLAIM_HOLD:
longer than the function's 300 s timeout, so a live run never loses its claim to another, and short
enough that a run that crashed after claiming is retried by a later run (the scheduler's retries
within the hour, or the next night). Claims are timed by the later of the clock and the run's
scheduled time: the same on AWS, where a run is never scheduled ahead of the clock, and a run
scheduled after a claim's end (`make nightly AT=` the next night, after the runner was killed) is a
later run. A crash between SNS taking a message and the mark can still send it twice: the message
carries `area`, `round` and `reference` attributes, and the email and SMS the reference, so a
subscriber, or a team, sees a repeat as the one tasking it already has.
"""

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from bobbies.domain.model import Area, Round, RoundSettings
from bobbies.domain.rounds import carried_forward, next_round
from bobbies.domain.tally import tally_of
from bobbies.domain.tasking import ISSUED, decide
from bobbies.notify.publisher import Publisher
from bobbies.notify.render import render
from bobbies.observability import count, logger
from bobbies.settings import settings
from bobbies.store import catalogue, counting, round_keys, taskings
from bobbies.usecases.aggregation import rebuild_aggregate
from bobbies.usecases.tasking_life import overdue

CLAIM_HOLD = timedelta(minutes=10)  # twice the 300 s function timeout in template.yaml


def wall_clock() -> datetime:
    return datetime.now(UTC)


class NightlyReport:
    """What one night did, counted as it goes (logged and returned when it ends, as its __dict__).
    A plain class: a dataclass would compile methods nothing uses at every cold start."""

    def __init__(self) -> None:
        self.rounds_closed = 0
        self.taskings_issued = 0
        self.quorum_not_met = 0
        self.area_failures = 0
        self.published = 0
        self.publish_failures = 0
        self.taskings_overdue = 0


def run_nightly(
    now: datetime, publisher: Publisher, clock: Callable[[], datetime] = wall_clock
) -> NightlyReport:
    """`now` is the schedule's time (it decides which rounds are over); `clock` times the claims."""
    report = NightlyReport()
    for area in catalogue.all_areas():
        try:
            close_if_over(area, now, report)
        except Exception:
            count("NightlyAreaFailures")
            logger.exception("area not closed; tried again next run", extra={"area": area.id})
            report.area_failures += 1
    publish_waiting(publisher, now, clock, report)
    # Counted every night, zero too, so the alarm clears once the teams catch up.
    report.taskings_overdue = len(overdue(now))
    count("TaskingsOverdue", report.taskings_overdue)
    logger.info("nightly run finished", extra={"report": report.__dict__, "at": now.isoformat()})
    return report


def close_if_over(area: Area, now: datetime, report: NightlyReport) -> None:
    """One read for an area whose round is still open; the rest only for a round that is over."""
    if area.current_round:
        current = catalogue.get_round(area.id, area.current_round)
        if current.closes <= now:
            close_round(area, current, now, report)


def close_round(area: Area, current: Round, now: datetime, report: NightlyReport) -> None:
    from bobbies.store import proposals  # residents' proposals: only a closing night marks them

    catalogue.close_round(current)  # first: from here on no ballot for it can be written
    round_keys.destroy(area.id, current.id)  # its voter keys can no longer be tied to anyone
    # The tasking comes from the ballots of record; the live aggregate is rebuilt from them and
    # sealed, so the results page shows what the tasking was decided on, whatever the stream lost.
    tally = tally_of(counting.counted_of_round(area.id, current.id))
    if rebuild_aggregate(area.id, current.id, tally):
        count("AggregateDriftRepaired")
        logger.warning(
            "live aggregate differed from the ballots; rebuilt", extra={"area": area.id, "round": current.id}
        )
    tasking = decide(area, current, tally, now, settings().review_days)
    named = [pid for pid in (tasking.priority_id, tasking.runner_up_id) if pid]
    found = {priority.id: priority for priority in catalogue.priorities(area.id, named)}
    if missing := [pid for pid in named if pid not in found]:
        raise LookupError(f"priorities {missing} of area {area.id} are not in the catalogue")
    chosen = found.get(tasking.priority_id or "")
    if taskings.create_once(tasking, chosen, found.get(tasking.runner_up_id or "")):
        issued = tasking.status == ISSUED
        count("TaskingsIssued" if issued else "QuorumNotMet")
        report.taskings_issued += issued
        report.quorum_not_met += not issued
    ballot = carried_forward(current.priority_ids, catalogue.approved_priority_ids(area.id))
    # An admin's change of settings waits for this moment; the area takes it on with the move below.
    later = area.pending or RoundSettings(area.budget, area.quorum, area.round_days)
    following = next_round(current, now, later.round_days, ballot)._replace(
        budget=later.budget, quorum=later.quorum
    )
    catalogue.add_round_once(following)
    # Before the area moves on, so a rerun still finds this round to finish: the round as stored
    # (a rerun's `following` may list priorities approved since, which the stored round does not).
    opened = catalogue.get_round(area.id, following.id)
    round_keys.add_secret_once(opened)  # so no ballot has to make it
    proposals.mark_on_ballot(area.id, opened.id, opened.priority_ids)
    catalogue.move_current_round(area.id, current.id, following.id)
    report.rounds_closed += 1


def publish_waiting(
    publisher: Publisher, now: datetime, clock: Callable[[], datetime], report: NightlyReport
) -> None:
    run_id = uuid.uuid4().hex
    for area_id, round_id in taskings.awaiting_publication():
        if not taskings.claim(area_id, round_id, run_id, max(clock(), now), CLAIM_HOLD):
            continue  # published already (a stale index) or another run is sending it
        try:
            record = taskings.get_tasking(area_id, round_id)
            area, closed = catalogue.get_area(area_id), catalogue.get_round(area_id, round_id)
            message = render(area, closed, record, settings().console_url)
            publisher.publish(message)
        except Exception:
            count("PublishFailures")
            logger.exception(
                "tasking not published; retried next run", extra={"area": area_id, "round": round_id}
            )
            report.publish_failures += 1
            taskings.release(area_id, round_id, run_id)
            continue
        taskings.mark_published(area_id, round_id, now)
        report.published += 1
