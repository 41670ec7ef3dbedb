"""Who a round's ballots came from, shown beside its ballots count: how many came through each
channel (online, assisted by an officer) and gave each age band, and, once the Census figures are
in (domain.population), each band's share of the area's residents aged 16 and over, so a team can
see when a handful of people, or one age group, set its priority."""

from typing import Any

from bobbies.domain.ballot import AGE_BANDS, CHANNELS, ONLINE
from bobbies.domain.figures import both
from bobbies.domain.model import Area, Tally
from bobbies.domain.population import shares
from bobbies.domain.tally import as_number, no_age_band, online_ballots

Json = dict[str, Any]
SOURCE = {
    "en": "Census 2021 (ONS, table TS007B), usual residents aged 16 and over",
    "cy": "Cyfrifiad 2021 (SYG, tabl TS007B), preswylwyr arferol 16 oed a hŷn",
}


def _count(key: str, name: str | None, ballots: int) -> Json:
    return {key: name, "ballots": ballots, "ballotsText": both("ballot", ballots)}


def voters_view(area: Area, tally: Tally) -> Json:
    population = shares(area.authority["en"] if area.authority else None)
    channels = [
        _count(
            "channel", channel, online_ballots(tally) if channel == ONLINE else tally.channels.get(channel, 0)
        )
        for channel in CHANNELS
    ]
    bands = [
        {
            **_count("band", band, tally.bands.get(band, 0)),
            "populationShare": as_number(population[band], 3) if population else None,
        }
        for band in AGE_BANDS
    ]
    not_given = {**_count("band", None, no_age_band(tally)), "populationShare": None}
    return {
        "channels": channels,
        "ageBands": [*bands, not_given],
        "populationSource": {lang: f"{SOURCE[lang]}: {area.authority[lang]}" for lang in SOURCE}
        if population and area.authority
        else None,
    }
