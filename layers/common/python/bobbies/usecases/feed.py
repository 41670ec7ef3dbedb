"""The taskings as an Atom 1.0 feed (RFC 4287), force-wide or for one area, so a team can post it
on social media and anyone can follow it in a reader.

Each tasking is one entry with its words in English and in Welsh (the content holds both, each
marked with its language). An entry's id never changes (it names the area and round); `updated`
moves with every change the public sees: acknowledged, a progress note, the outcome.
"""

from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from bobbies.domain.model import Text
from bobbies.domain.tasking import TaskingRecord
from bobbies.domain.times import utc_text
from bobbies.store import catalogue
from bobbies.usecases.open_data import every_tasking, last_change

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ID_BASE = "tag:balance-your-bobbies.police.uk,2026:"  # RFC 4151 tag URIs: stable whatever the host
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)  # `updated` of a feed with no entries yet
ENTRIES = 50  # the newest; the CSV and JSON hold them all

TITLE = {"en": "You said, we did", "cy": "Dywedoch chi, fe wnaethon ni"}
STATUS = {
    "issued": {"en": "Given to the team", "cy": "Wedi'i rhoi i'r tîm"},
    "acknowledged": {"en": "The team is working on it", "cy": "Mae'r tîm yn gweithio arni"},
    "completed": {"en": "Done", "cy": "Wedi'i chwblhau"},
}
WORDS = {
    "en": {"status": "Status", "progress": "Progress", "outcome": "What was done",
           "verdicts": "Residents who voted say it made a difference: {yes}. It did not: {no}."},
    "cy": {"status": "Statws", "progress": "Cynnydd", "outcome": "Beth sydd wedi'i wneud",
           "verdicts": "Pobl a bleidleisiodd sy'n dweud iddi wneud gwahaniaeth: {yes}. Na wnaeth: {no}."},
}  # fmt: skip

ET.register_namespace("", ATOM)


def _el(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    element.text = text
    return element


def _both(text: Text | None, joiner: str = " / ") -> str:
    words = [value for value in ((text or {}).get("en"), (text or {}).get("cy")) if value]
    return joiner.join(dict.fromkeys(words))  # one of two identical names


def taskings_feed(area_id: str | None, site: str = "") -> str:
    """The feed as text. Links are relative to the site (`site` is empty) unless it is named: the
    API does not know the name residents reach it by (behind CloudFront), and readers resolve
    relative links against the feed's own address."""
    records = [record for _, record in zip(range(ENTRIES), every_tasking(area_id), strict=False)]
    areas = {area.id: area for area in catalogue.all_areas()}
    query = f"?area={area_id}" if area_id else ""
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: "en"})
    _el(feed, "id", f"{ID_BASE}taskings{':' + area_id if area_id else ''}")
    place = areas[area_id].name if area_id else {"en": "North Wales", "cy": "Gogledd Cymru"}
    _el(feed, "title", f"{_both(TITLE)} - {_both(place)}")
    _el(feed, "updated", utc_text(max((last_change(r) for r in records), default=EPOCH)))
    _el(_el(feed, "author"), "name", "Balance Your Bobbies")
    _el(feed, "link", rel="self", type="application/atom+xml", href=f"{site}/api/taskings.atom{query}")
    _el(feed, "link", rel="alternate", type="text/html", href=_page(site, area_id))
    for record in records:
        _entry(feed, record, areas[record.area_id].name if record.area_id in areas else None, site)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True)


def _page(site: str, area_id: str | None) -> str:
    return f"{site}/#/area/{area_id}/results" if area_id else f"{site}/"


def _entry(feed: ET.Element, record: TaskingRecord, area_name: Text | None, site: str) -> None:
    entry = _el(feed, "entry")
    _el(entry, "id", f"{ID_BASE}tasking:{record.area_id}:{record.round_id}")
    title = _both(record.priority_title) or record.reference
    _el(entry, "title", f"{_both(area_name)}: {title}" if area_name else title)
    _el(entry, "published", utc_text(record.issued))
    _el(entry, "updated", utc_text(last_change(record)))
    _el(entry, "link", rel="alternate", type="text/html", href=_page(site, record.area_id))
    _el(entry, "category", term=record.status, label=_both(STATUS.get(record.status)) or record.status)
    content = _el(entry, "content", type="xhtml")
    body = ET.SubElement(content, "{http://www.w3.org/1999/xhtml}div")
    for lang in ("en", "cy"):
        _section(body, record, lang)


def _section(body: ET.Element, record: TaskingRecord, lang: str) -> None:
    xhtml = "{http://www.w3.org/1999/xhtml}"
    words = WORDS[lang]
    section = ET.SubElement(body, f"{xhtml}div", {"lang": lang, XML_LANG: lang})

    def line(text: str, tag: str = "p") -> None:
        ET.SubElement(section, f"{xhtml}{tag}").text = text

    if record.priority_title:
        line(record.priority_title[lang], "h2")
    if record.priority_description:
        line(record.priority_description[lang])
    status = STATUS.get(record.status, {}).get(lang, record.status)
    line(f"{words['status']}: {status}")
    for note in record.progress.notes:
        line(f"{words['progress']} ({note.at:%Y-%m-%d}): {note.text[lang]}")
    if record.outcome:
        line(f"{words['outcome']}: {record.outcome[lang]}")
        progress = record.progress
        line(words["verdicts"].format(yes=progress.verdicts_yes, no=progress.verdicts_no))
