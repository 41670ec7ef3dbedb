"""A tasking as the team reads it: a bilingual email (the team's language first) with a link to the
tasking on the police console, and an SMS in the team's language that keeps the priority, the
average, the ballots and the review date. The link is not in the SMS: the fullest wordings take
140-150 of a segment's 160 characters, and a link on the distribution's domain is over 60."""

import unicodedata
from datetime import datetime
from typing import NamedTuple

from bobbies.domain.figures import counted, figure
from bobbies.domain.model import Area, Round, Text
from bobbies.domain.rounds import LONDON, last_day
from bobbies.domain.sms import first_that_fits, is_gsm7, segments
from bobbies.domain.tally import BY_SUPPORT
from bobbies.domain.tasking import TaskingRecord
from bobbies.notify.wording import DECIDED_BY_SHORT, decided_by


class TaskingMessage(NamedTuple):
    """What the topic carries for one tasking: the subject, the email, the SMS and the attributes
    a team's filter policy reads."""

    subject: str
    email: str
    sms: str
    attributes: dict[str, str]
    # One copy per language, that language first in the email and the SMS, each with a `language`
    # attribute: what the topic carries, so each team's filter policy picks exactly one (domain.teams).
    in_each_language: tuple["TaskingMessage", ...] = ()


_EMAIL: dict[str, dict[str, str]] = {
    "en": {
        "heading": "New tasking for {area}",
        "reference": "Reference: {reference}",
        "area": "Area: {area} ({district} district)",
        "round": "Round: voting from {opens} to the end of {closes}",
        "priority": "Priority: {title}",
        "description": "About it: {description}",
        "average": "Average support: {average} of {budget}",
        "ballots": "Ballots: {ballots} ({quorum} needed)",
        "runner_up": "Runner-up: {title}, average support {average}",
        "margin": "Lead over the runner-up: {lead}",
        "decided": "How it was decided: {rule}",
        "issued": "Given to the team: {issued}",
        "review": "Review date: {review}",
        "closing": "Please acknowledge this tasking, quoting {reference}, and report back what was done "
        "by the review date.",
        "console": "Acknowledge it and report back on the police console: {link}",
    },
    "cy": {
        "heading": "Tasg newydd ar gyfer {area}",
        "reference": "Cyfeirnod: {reference}",
        "area": "Ardal: {area} (rhanbarth {district})",
        "round": "Rownd: pleidleisio o {opens} tan ddiwedd {closes}",
        "priority": "Blaenoriaeth: {title}",
        "description": "Disgrifiad: {description}",
        "average": "Cefnogaeth gyfartalog: {average} o {budget}",
        "ballots": "Pleidleisiau: {ballots} (roedd angen {quorum})",
        "runner_up": "Yr ail: {title}, cefnogaeth gyfartalog {average}",
        "margin": "Ar y blaen i'r ail o {lead}",
        "decided": "Sut cafodd hi ei dewis: {rule}",
        "issued": "Wedi'i rhoi i'r tîm: {issued}",
        "review": "Dyddiad adolygu: {review}",
        "closing": "Cydnabyddwch y dasg hon gan nodi {reference}, a rhowch wybod beth wnaethoch chi erbyn "
        "y dyddiad adolygu.",
        "console": "Cydnabyddwch hi a rhowch wybod beth wnaethoch chi ar gonsol yr heddlu: {link}",
    },
}

# Fullest first; every wording keeps the priority, the average, the ballots and the review date.
_SMS: dict[str, list[str]] = {
    "en": [
        "Tasking {area}: {priority}. Average support {average}/{budget}, {ballots}; {lead} ahead of "
        "{runner_up}. {tie}Review by {review}. Ref {reference}",
        "Tasking {area}: {priority}. Average {average}/{budget}, {ballots}; {lead} ahead. {tie}"
        "Review by {review}. Ref {reference}",
        "Tasking {area}: {priority}. Avg {average}/{budget}, {ballots}. {tie}Review {review}. "
        "Ref {reference}",
        "Tasking {area}: {priority}. Avg {average}/{budget}, {ballots}. {tie}Review {review}.",
        "{priority}. Avg {average}/{budget}, {ballots}. {tie}Review {review}.",
    ],
    "cy": [
        "Tasg {area}: {priority}. Cefnogaeth gyfartalog {average}/{budget}, {ballots}; ar y blaen o "
        "{lead}, yr ail: {runner_up}. {tie}Dyddiad adolygu {review}. Cyfeirnod {reference}",
        "Tasg {area}: {priority}. Cyfartaledd {average}/{budget}, {ballots}; ar y blaen o {lead}. {tie}"
        "Dyddiad adolygu {review}. Cyfeirnod {reference}",
        "Tasg {area}: {priority}. Cyfartaledd {average}/{budget}, {ballots}. {tie}Adolygu {review}. "
        "Cyfeirnod {reference}",
        "Tasg {area}: {priority}. Cyfartaledd {average}/{budget}, {ballots}. {tie}Adolygu {review}.",
        "{priority}. Cyfartaledd {average}/{budget}, {ballots}. {tie}Adolygu {review}.",
    ],
}

_SUBJECT: Text = {"en": "Tasking", "cy": "Tasg"}


def _day(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d") if moment else "-"


def _london_day(moment: datetime) -> str:
    """The day as people in North Wales read it (a round opening at midnight in summer is 23:00 UTC)."""
    return moment.astimezone(LONDON).date().isoformat()


def console_link(console: str, reference: str) -> str:
    """The tasking on the police console ("" when no console address is set)."""
    return f"{console.rstrip('/')}/#/taskings/{reference}" if console else ""


def _email_block(
    language: str, area: Area, closed: Round, tasking: TaskingRecord, title: Text, link: str
) -> str:
    words = _EMAIL[language]
    runner_up = tasking.runner_up
    rule = decided_by(tasking.decided_by)
    lines = [
        words["heading"].format(area=area.in_text[language]),
        "",
        words["reference"].format(reference=tasking.reference),
        words["area"].format(area=area.name[language], district=area.district.in_text[language]),
        words["round"].format(opens=_london_day(closed.opens), closes=last_day(closed).isoformat()),
        words["priority"].format(title=title[language]),
        *(
            [words["description"].format(description=tasking.priority_description[language])]
            if tasking.priority_description
            else []
        ),
        words["average"].format(
            average=figure(tasking.average), budget=counted(area.budget, "bobby", language)
        ),
        words["ballots"].format(ballots=tasking.ballots, quorum=area.quorum),
        *(
            [
                words["runner_up"].format(
                    title=(runner_up.title or {"en": runner_up.id, "cy": runner_up.id})[language],
                    average=figure(runner_up.average),
                ),
                words["margin"].format(lead=counted(tasking.margin, "bobby", language)),
            ]
            if runner_up
            else []
        ),
        *([words["decided"].format(rule=rule[language])] if rule else []),
        words["issued"].format(issued=_day(tasking.issued)),
        words["review"].format(review=_day(tasking.review)),
        "",
        words["closing"].format(reference=tasking.reference),
        *([words["console"].format(link=link)] if link else []),
    ]
    return "\n".join(lines)


def _ascii(text: str) -> str:
    """SNS subjects must be ASCII: 'ŵ' becomes 'w' (only here; the email and SMS keep every accent)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _subject(area: Area, title: Text, reference: str, team: str, other: str) -> str:
    """Under 100 characters, the team's language first, the reference where truncation cannot reach."""
    head = f"{_SUBJECT[team]} / {_SUBJECT[other]} {reference}: "
    if area.name[team] == area.name[other]:
        body = f"{area.name[team]} - {title[team]} / {title[other]}"
    else:
        body = f"{area.name[team]} - {title[team]} / {area.name[other]} - {title[other]}"
    subject = _ascii(head + body)
    if len(subject) > 99:
        subject = subject[:96].rsplit(" ", 1)[0] + "..."
    return subject


def _sms(team: str, area: Area, tasking: TaskingRecord, title: Text) -> str:
    return first_that_fits(_sms_wordings(team, area, tasking, title))


def _sms_wordings(team: str, area: Area, tasking: TaskingRecord, title: Text) -> list[str]:
    runner_up = tasking.runner_up
    values = {
        "area": area.in_text[team],
        "priority": title[team],
        "average": figure(tasking.average),
        "budget": area.budget,
        "ballots": counted(tasking.ballots, "ballot", team),
        "lead": counted(tasking.margin, "bobby", team),
        "runner_up": (runner_up.title or {team: runner_up.id})[team] if runner_up else "-",
        "tie": _tie(tasking.decided_by, team),
        "review": _day(tasking.review),
        "reference": tasking.reference,
    }
    wordings = _SMS[team] if runner_up else [w for w in _SMS[team] if "{runner_up}" not in w]
    return [wording.format(**values) for wording in wordings]


def within_bilingual_budget(text: str) -> bool:
    """Twice one language's budget (domain.sms.within_budget): two segments, or four in UCS-2."""
    return segments(text) <= (2 if is_gsm7(text) else 4)


def bilingual_sms(first: str, area: Area, tasking: TaskingRecord, title: Text) -> str:
    """One SMS in both languages, `first` first: the fullest pair of equally full wordings within
    budget (each keeps the priority, the average, the ballots and the review date)."""
    other = "en" if first == "cy" else "cy"
    ours, theirs = (_sms_wordings(language, area, tasking, title) for language in (first, other))
    pairs = [f"{ours[i]}\n{theirs[i]}" for i in range(min(len(ours), len(theirs)))]
    return next((text for text in pairs if within_bilingual_budget(text)), pairs[-1])


def _tie(rule: str | None, language: str) -> str:
    short = DECIDED_BY_SHORT.get(rule or BY_SUPPORT, DECIDED_BY_SHORT[BY_SUPPORT])[language]
    return f"{short} " if short else ""


def render(area: Area, closed: Round, tasking: TaskingRecord, console: str = "") -> TaskingMessage:
    """The tasking in the area's team language, carrying its copy for each language (the area's first).
    `console`: the police console's address (settings.console_url), for the link to the tasking.

    The figures are the closed round's own: an admin's new budget or quorum may be the area's by now."""
    area = area._replace(budget=closed.budget_in(area), quorum=tasking.quorum or closed.quorum_in(area))
    team = area.team_language if area.team_language in _EMAIL else "en"
    copies = tuple(
        _render_one(area._replace(team_language=language), closed, tasking, console, bilingual=True)
        for language in (team, "en" if team == "cy" else "cy")
    )
    return _render_one(area, closed, tasking, console)._replace(in_each_language=copies)


def _render_one(
    area: Area, closed: Round, tasking: TaskingRecord, console: str, bilingual: bool = False
) -> TaskingMessage:
    title = tasking.priority_title or {"en": "-", "cy": "-"}
    link = console_link(console, tasking.reference)
    team = area.team_language if area.team_language in _EMAIL else "en"
    other = "en" if team == "cy" else "cy"
    email = "\n\n---\n\n".join(
        _email_block(language, area, closed, tasking, title, link) for language in (team, other)
    )
    return TaskingMessage(
        subject=_subject(area, title, tasking.reference, team, other),
        email=email,
        sms=bilingual_sms(team, area, tasking, title) if bilingual else _sms(team, area, tasking, title),
        attributes={
            "area": area.id,
            "district": area.district.id,
            "round": tasking.round_id,
            "reference": tasking.reference,
            **({"language": team} if bilingual else {}),
        },
    )
