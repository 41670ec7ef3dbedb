"""One word per concept, in every Welsh text a resident or a team reads: the page's catalogue, the API's
errors, the email and SMS, the seed and the link preview. The words come from bobbies/glossary.json."""

import json
import re
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from bobbies.domain.model import Area, District, Round
from bobbies.domain.tally import BY_BACKERS, BY_BALLOT_ORDER, BY_SUPPORT
from bobbies.domain.tasking import RunnerUp, TaskingRecord
from bobbies.messages import ERRORS
from bobbies.notify.render import render
from bobbies.notify.wording import decided_by, margin_text, quorum_text
from tests.e2e.i18n import catalogue, meta_tags

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = json.loads((ROOT / "layers/common/python/bobbies/glossary.json").read_text(encoding="utf-8"))
SEED = json.loads((ROOT / "local/seed/north_wales.json").read_text(encoding="utf-8"))
WEB = ROOT / "web"
NIGHT = datetime(2027, 1, 31, 2, tzinfo=UTC)

UPPER, VOWELS = "A-ZÂÊÎÔÛŴŶ", "aeiouwyâêîôûŵŷáéíóú"
# "Canlyniadau Y Rhyl", "rhanbarth Gorllewin": an article or a district name capitalised mid-sentence
MID_SENTENCE_ARTICLE = re.compile(rf"[a-zâêîôûŵŷ'’,] Yr? [{UPPER}]")
BARE_DISTRICT = re.compile(rf"\brhanbarth [{UPPER}]")
# "adlewyrchu y Rhyl": after a vowel the article is written 'r
UNCONTRACTED = re.compile(rf"[{VOWELS}] y [{UPPER}]")
BOBI = re.compile(r"(\S+)\s+(?:bobi|fobi|mobi)\b", re.IGNORECASE)
NUMERAL = re.compile(r"^[\d.]+$")


def _catalogue(lang: str) -> dict[str, Any]:
    return catalogue(lang)


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [str(v) for v in value.values()]
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def _places() -> list[tuple[str, str]]:
    """Every seed area's and district's mid-sentence Welsh name, as {area} / {district} take them."""
    areas = [("area", a.get("name_in_text", a["name"])["cy"]) for a in SEED["areas"]]
    return areas + [("district", d.get("name_in_text", d["name"])["cy"]) for d in SEED["districts"]]


def _page() -> dict[str, str]:
    """The Welsh catalogue, each template also with every place name filled in."""
    texts: dict[str, str] = {}
    for key, value in _catalogue("cy").items():
        for i, text in enumerate(_strings(value)):
            texts[f"cy.json {key}[{i}]"] = text
            for slot, place in _places():
                if f"{{{slot}}}" in text:
                    texts[f"cy.json {key}[{i}] with {place}"] = text.replace(f"{{{slot}}}", place)
    return texts


def _area(raw: dict[str, Any]) -> Area:
    district_raw = next(d for d in SEED["districts"] if d["id"] == raw["district"])
    district = District(district_raw["id"], district_raw["name"], district_raw.get("name_in_text"))
    return Area(raw["id"], raw["name"], district, 10, raw["quorum"], 28, "cy", None, raw.get("name_in_text"))


def _messages() -> dict[str, str]:
    """The Welsh of every email and SMS (every area, every way of deciding) and of the API's wording."""
    texts: dict[str, str] = {}
    for raw in SEED["areas"]:
        leader, second = raw["priorities"][0], raw["priorities"][1]
        for rule in (BY_SUPPORT, BY_BACKERS, BY_BALLOT_ORDER):
            tasking = TaskingRecord(
                area_id=raw["id"], district_id=raw["district"], round_id="r", status="issued",
                priority_id=leader["id"], priority_title=leader["title"], ballots=1, average=Fraction(7),
                margin=Fraction(1), issued=NIGHT, review=NIGHT, outcome=None, published=False,
                reference="K7QX-4MP2", priority_description=leader["description"],
                runner_up=RunnerUp(second["id"], second["title"], Fraction(6)), decided_by=rule, quorum=1,
            )  # fmt: skip
            message = render(_area(raw), Round(raw["id"], "r", NIGHT, NIGHT, ()), tasking)
            texts[f"email {raw['id']} {rule}"] = message.email.split("\n\n---\n\n")[0]
            texts[f"sms {raw['id']} {rule}"] = message.sms
    for rule in (BY_SUPPORT, BY_BACKERS, BY_BALLOT_ORDER):
        texts[f"decidedBy {rule}"] = (decided_by(rule) or {"cy": ""})["cy"]
    for n in (0, 1, 2, 3, 6, 11):
        texts[f"lead {n}"] = margin_text(Fraction(n))["cy"]
        texts[f"quorum {n}"] = quorum_text(n, n + 1)["cy"]
    return texts


PREVIEW = (
    "description",
    "og:title",
    "og:description",
    "og:image:alt",
    "twitter:title",
    "twitter:description",
)


def _preview() -> dict[str, tuple[str, str]]:
    """Each link-preview tag as (English, Welsh): both in the one static tag, 'English | Cymraeg'."""
    tags = meta_tags((WEB / "index.html").read_text(encoding="utf-8"))
    pairs = {}
    for key in PREVIEW:
        english, _, welsh = tags.get(key, "").partition(" | ")
        pairs[key] = (english, welsh)
    return pairs


def welsh_texts() -> dict[str, str]:
    texts = _page()
    texts |= {f"messages.py {code}": words["cy"] for code, words in ERRORS.items()}
    texts |= _messages()
    for area in SEED["areas"]:
        for priority in area["priorities"]:
            for field in ("title", "description"):
                texts[f"seed {area['id']} {priority['id']} {field}"] = priority[field]["cy"]
    texts |= {f"index.html {key}": welsh for key, (_, welsh) in _preview().items()}
    return texts


def slips(text: str) -> list[str]:
    """What a Welsh editor would mark in one text, by the glossary's words and rules."""
    found = [
        f"'{avoid}' (say '{term['cy']}' for {term['concept']})"
        for term in GLOSSARY["terms"]
        for avoid in term["avoid"]
        if re.search(rf"(?<!\w){re.escape(avoid)}", text, re.IGNORECASE)
    ]
    may_follow = set(GLOSSARY["rules"]["bobi_counted_only"]["may_follow"])
    for before in BOBI.findall(text):
        if not NUMERAL.match(before) and before.lower() not in may_follow:
            found.append(f"'{before} bobi': a bare plural (say 'bobis')")
    for rule, pattern in (
        ("article_mid_sentence", MID_SENTENCE_ARTICLE),
        ("article_mid_sentence", BARE_DISTRICT),
        ("article_after_vowel", UNCONTRACTED),
    ):
        found += [f"'{m.group(0)}': {GLOSSARY['rules'][rule]['why']}" for m in pattern.finditer(text)]
    return found


def test_every_welsh_text_uses_the_glossary_s_words() -> None:
    texts = welsh_texts()
    assert len(texts) > 500  # the page, the errors, every area's email and SMS, the seed, the preview
    wrong: dict[str, list[str]] = {}
    for where, text in texts.items():
        for slip in slips(text):
            wrong.setdefault(slip, []).append(where)
    shown = {slip: [*places[:3], f"({len(places)} in all)"] for slip, places in wrong.items()}
    assert not wrong, json.dumps(shown, ensure_ascii=False, indent=1)


def test_the_checker_marks_the_slips_it_is_for() -> None:
    assert slips("Nid oes ardal blismona gyda'r enw hwnnw.")
    assert slips("Cyf. 3.33/10") and slips("Rhowch bobi cyfan yn unig.")
    assert slips("Canlyniadau Y Rhyl") and slips("Ar draws rhanbarth Gorllewin")
    assert slips("gorau oll y bydd y blaenoriaethau'n adlewyrchu y Rhyl.")
    assert not slips("Rhowch bob bobi: rhaid i'r bobis a roesoch adio i 10 bobi, neu 2 fobi.")
    assert not slips("Canlyniadau ar gyfer y Rhyl. Ar draws rhanbarth y Gorllewin. Y Rhyl")


def test_counted_words_follow_the_number_they_count() -> None:
    """'1 ballots' cannot happen: a noun after a number a resident sees comes from a plural form."""
    english = re.compile(r"\{(\w+)\} (ballots|bobbies)\b")
    welsh = re.compile(r"\{(\w+)\} (pleidlais|bleidlais|phleidlais|pleidleisiau)\b")
    wrong = [
        (lang, key, text)
        for lang, pattern in (("en", english), ("cy", welsh))
        for key, text in _catalogue(lang).items()
        if isinstance(text, str)
        for slot, _ in pattern.findall(text)
        if slot != "budget"  # an area's budget is never one bobby
    ]
    assert not wrong, wrong
    counted = {key: v for key, v in _catalogue("cy").items() if isinstance(v, dict)}
    zero = {key: v["zero"] for key, v in counted.items() if "{count}" in v["zero"]}
    assert not zero, f"Welsh says 'dim', not '0': {zero}"


@pytest.mark.parametrize("key", PREVIEW)
def test_the_link_preview_is_in_welsh_in_full(key: str) -> None:
    english, welsh = _preview()[key]
    assert english and welsh, f"{key}: no 'English | Cymraeg' pair"
    sentences = re.compile(r"[.:?!](?:\s|$)")
    assert len(sentences.findall(welsh)) == len(sentences.findall(english)), (english, welsh)
    assert len(welsh) >= 0.9 * len(english), (english, welsh)
