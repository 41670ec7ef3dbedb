"""The nightly job: every closed round becomes a tasking (or a quorum-not-met record), the next round
opens with the same ballot plus newly approved priorities, and waiting taskings are published.

Every step can run again safely, so a rerun or a retried invocation finishes what a failed one
started and repeats nothing: the tasking is keyed by (area, round) and created once; the next
round is created once; the area moves to it only from the round just closed; a tasking leaves the
publication index only after SNS took it, and one whose publish failed is tried again next run.
"""

from dataclasses import dataclass
from datetime import datetime

from bobbies.domain.model import Area, Round
from bobbies.domain.rounds import carried_forward, next_round
from bobbies.domain.tally import same_tally, tally_of
from bobbies.domain.tasking import ISSUED, decide
from bobbies.notify.publisher import Publisher
from bobbies.notify.render import render
from bobbies.observability import count, logger
from bobbies.settings import settings
from bobbies.store import aggregates, ballots, catalogue, taskings


@dataclass
class NightlyReport:
    rounds_closed: int = 0
    taskings_issued: int = 0
    quorum_not_met: int = 0
    published: int = 0
    publish_failures: int = 0


def run_nightly(now: datetime, publisher: Publisher) -> NightlyReport:
    report = NightlyReport()
    for area in catalogue.all_areas():
        if area.current_round:
            current = catalogue.get_round(area.id, area.current_round)
            if current.closes <= now:
                close_round(area, current, now, report)
    publish_waiting(publisher, now, report)
    logger.info("nightly run finished", extra={"report": report.__dict__, "at": now.isoformat()})
    return report


def close_round(area: Area, current: Round, now: datetime, report: NightlyReport) -> None:
    # The tasking comes from the ballots of record; the live aggregate is checked against them.
    tally = tally_of(ballots.allocations_of_round(area.id, current.id))
    live, _ = aggregates.read_tally(area.id, current.id)
    if not same_tally(live, tally):
        count("AggregateDrift")
        logger.warning(
            "live aggregate differs from the ballots", extra={"area": area.id, "round": current.id}
        )
    tasking = decide(area, current, tally, now, settings().review_days)
    title = catalogue.priorities(area.id, [tasking.priority_id])[0].title if tasking.priority_id else None
    if taskings.create_once(tasking, title):
        issued = tasking.status == ISSUED
        count("TaskingsIssued" if issued else "QuorumNotMet")
        report.taskings_issued += issued
        report.quorum_not_met += not issued
    ballot = carried_forward(current.priority_ids, catalogue.approved_priority_ids(area.id))
    following = next_round(current, now, area.round_days, ballot)
    catalogue.add_round_once(following)
    catalogue.close_round(current)
    catalogue.move_current_round(area.id, current.id, following.id)
    report.rounds_closed += 1


def publish_waiting(publisher: Publisher, now: datetime, report: NightlyReport) -> None:
    for area_id, round_id in taskings.awaiting_publication():
        record = taskings.get_tasking(area_id, round_id)
        area = catalogue.get_area(area_id)
        message = render(area, catalogue.get_round(area_id, round_id), record)
        try:
            publisher.publish(message)
        except Exception:
            count("PublishFailures")
            logger.exception(
                "tasking not published; retried next run", extra={"area": area_id, "round": round_id}
            )
            report.publish_failures += 1
            continue
        taskings.mark_published(area_id, round_id, now)
        report.published += 1
