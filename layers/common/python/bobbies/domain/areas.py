"""What an admin may say about an area: its id, names, district, postcode coverage and the settings
its rounds run by. Read by hand (no pydantic on the cold path); the first thing wrong is refused."""

import re
from typing import Any, NamedTuple

from bobbies.domain.errors import InvalidInput, Malformed
from bobbies.domain.model import RoundSettings, Text
from bobbies.domain.postcode import coverage_prefix

AREA_ID = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")  # as the seed's ids: 'bangor', 'y-rhyl'
NAME_MOST = 80
POSTCODES_MOST = 30  # an edit's adds, removals and checks fit one transaction (100 actions)
LIMITS = {"budget": (1, 100), "quorum": (1, 100_000), "roundDays": (1, 366)}
CODES = {"budget": "invalid_budget", "quorum": "invalid_quorum", "roundDays": "invalid_round_days"}
EDITABLE = {"name", "nameInText", "district", "postcodes", "budget", "quorum", "roundDays"}
CREATE_NEEDS = EDITABLE - {"nameInText"}


class AreaChange(NamedTuple):
    """The fields given (None: not given, so unchanged)."""

    name: Text | None = None
    name_in_text: Text | None = None
    district: str | None = None
    postcodes: tuple[str, ...] | None = None
    budget: int | None = None
    quorum: int | None = None
    round_days: int | None = None

    def settings_over(self, base: RoundSettings) -> RoundSettings:
        """The settings for the next round: these, where given, over `base`."""
        return RoundSettings(
            self.budget if self.budget is not None else base.budget,
            self.quorum if self.quorum is not None else base.quorum,
            self.round_days if self.round_days is not None else base.round_days,
        )

    @property
    def changes_settings(self) -> bool:
        return (self.budget, self.quorum, self.round_days) != (None, None, None)


def _refuse_unless(holds: bool, code: str) -> None:
    if not holds:
        raise InvalidInput(code)


def _text(value: Any, code: str) -> Text:
    """Both languages, trimmed, none empty, at most NAME_MOST characters."""
    _refuse_unless(isinstance(value, dict) and set(value) == {"en", "cy"}, code)
    texts = {language: value[language] for language in ("en", "cy")}
    _refuse_unless(all(isinstance(text, str) for text in texts.values()), code)
    trimmed = {language: text.strip() for language, text in texts.items()}
    _refuse_unless(all(0 < len(text) <= NAME_MOST for text in trimmed.values()), code)
    return trimmed


def _number(body: dict[str, Any], field: str) -> int | None:
    if field not in body:
        return None
    value, (least, most) = body[field], LIMITS[field]
    whole = isinstance(value, int) and not isinstance(value, bool)
    _refuse_unless(whole and least <= value <= most, CODES[field])
    return int(value)


def _postcodes(value: Any) -> tuple[str, ...]:
    fits = isinstance(value, list) and 0 < len(value) <= POSTCODES_MOST
    _refuse_unless(fits and all(isinstance(raw, str) for raw in value), "invalid_coverage")
    prefixes = tuple(dict.fromkeys(coverage_prefix(raw) for raw in value))  # once each, in order
    _refuse_unless(len(prefixes) == len(value), "invalid_coverage")
    return prefixes


def area_change(body: Any, creating: bool = False) -> AreaChange:
    """The change an admin's body asks for; `creating` needs every field (and the id, read apart)."""
    if not isinstance(body, dict):
        raise Malformed("invalid_area")
    fields = set(body) - ({"id"} if creating else set())
    if fields - EDITABLE:
        raise Malformed("unknown_area_field")
    _refuse_unless(bool(fields) and (not creating or fields >= CREATE_NEEDS), "area_fields_missing")
    district = body.get("district")
    readable = isinstance(district, str) and 0 < len(district) <= 40
    _refuse_unless("district" not in body or readable, "district_not_found")
    return AreaChange(
        name=_text(body["name"], "invalid_area_name") if "name" in body else None,
        name_in_text=_text(body["nameInText"], "invalid_area_name") if "nameInText" in body else None,
        district=district,
        postcodes=_postcodes(body["postcodes"]) if "postcodes" in body else None,
        budget=_number(body, "budget"),
        quorum=_number(body, "quorum"),
        round_days=_number(body, "roundDays"),
    )


def new_area_id(body: Any) -> str:
    area_id = body.get("id") if isinstance(body, dict) else None
    _refuse_unless(isinstance(area_id, str) and bool(AREA_ID.fullmatch(area_id)), "invalid_area_id")
    return str(area_id)
