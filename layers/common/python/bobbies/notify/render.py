"""A tasking as the team reads it: a bilingual email and an SMS that fits one segment."""

import unicodedata
from dataclasses import dataclass
from datetime import datetime

from bobbies.domain.model import Area, Round, Text
from bobbies.domain.sms import first_that_fits
from bobbies.store.taskings import TaskingRecord


@dataclass(frozen=True)
class TaskingMessage:
    subject: str
    email: str
    sms: str
    attributes: dict[str, str]


_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "heading": "New tasking for {area}",
        "area": "Area",
        "round": "Round",
        "priority": "Priority",
        "average": "Average support",
        "of_budget": "{value} of {budget} bobbies",
        "ballots": "Ballots",
        "quorum": "quorum {quorum}",
        "margin": "Lead over the runner-up",
        "bobbies": "{value} bobbies",
        "issued": "Issued",
        "review": "Review by",
        "closing": "Please acknowledge this tasking and report back what was done by the review date.",
    },
    "cy": {
        "heading": "Tasg newydd ar gyfer {area}",
        "area": "Ardal",
        "round": "Rownd",
        "priority": "Blaenoriaeth",
        "average": "Cefnogaeth gyfartalog",
        "of_budget": "{value} o {budget} bobi",
        "ballots": "Pleidleisiau",
        "quorum": "cworwm {quorum}",
        "margin": "Mantais dros yr ail",
        "bobbies": "{value} bobi",
        "issued": "Cyhoeddwyd",
        "review": "Adolygu erbyn",
        "closing": "Cydnabyddwch y dasg hon a rhowch wybod beth a wnaed erbyn y dyddiad adolygu.",
    },
}

_SMS: dict[str, list[str]] = {
    "en": [
        "Tasking {area}: {priority}. Avg {average}/{budget} bobbies, {ballots} ballots, lead {margin}. "
        "Review by {review}. Details by email.",
        "Tasking {area}: {priority}. Avg {average}/{budget}, {ballots} ballots. Review {review}.",
        "Tasking {area}: {priority}. Review {review}.",
    ],
    "cy": [
        "Tasg {area}: {priority}. Cyf. {average}/{budget} bobi, {ballots} pleidlais, mantais {margin}. "
        "Adolygu erbyn {review}. Manylion drwy e-bost.",
        "Tasg {area}: {priority}. Cyf. {average}/{budget}, {ballots} pleidlais. Adolygu {review}.",
        "Tasg {area}: {priority}. Adolygu {review}.",
    ],
}


def _day(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d") if moment else "-"


def _figure(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _email_block(language: str, area: Area, closed: Round, tasking: TaskingRecord, title: Text) -> str:
    label = _LABELS[language]
    lines = [
        label["heading"].format(area=area.name[language]),
        "",
        f"{label['area']}: {area.name[language]} ({area.district.name[language]})",
        f"{label['round']}: {_day(closed.opens)} - {_day(closed.closes)}",
        f"{label['priority']}: {title[language]}",
        f"{label['average']}: "
        + label["of_budget"].format(value=_figure(tasking.average), budget=area.budget),
        f"{label['ballots']}: {tasking.ballots} ({label['quorum'].format(quorum=area.quorum)})",
        f"{label['margin']}: " + label["bobbies"].format(value=_figure(tasking.margin)),
        f"{label['issued']}: {_day(tasking.issued)}",
        f"{label['review']}: {_day(tasking.review)}",
        "",
        label["closing"],
    ]
    return "\n".join(lines)


def _ascii(text: str) -> str:
    """SNS subjects must be ASCII: 'ŵ' becomes 'w'."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def render(area: Area, closed: Round, tasking: TaskingRecord) -> TaskingMessage:
    title = tasking.priority_title or {"en": "-", "cy": "-"}
    team = area.team_language if area.team_language in _LABELS else "en"
    other = "en" if team == "cy" else "cy"
    email = "\n\n---\n\n".join(
        _email_block(language, area, closed, tasking, title) for language in (team, other)
    )
    values = {
        "area": area.name[team],
        "priority": title[team],
        "average": _figure(tasking.average),
        "budget": area.budget,
        "ballots": tasking.ballots,
        "margin": _figure(tasking.margin),
        "review": _day(tasking.review),
    }
    sms = first_that_fits([template.format(**values) for template in _SMS[team]])
    subject = _ascii(f"Tasking / Tasg: {area.name['en']} - {title['en']}")[:99]
    return TaskingMessage(
        subject=subject,
        email=email,
        sms=sms,
        attributes={"area": area.id, "district": area.district.id},
    )
