"""The words for a tasking's decision, shared by the email, the SMS and the API (which the page shows).

Welsh titles are never placed after a word that would mutate them (dros, na, gan): a title stands
after a colon or at the start, so it is always spelt as the moderator wrote it.
"""

from fractions import Fraction

from bobbies.domain.figures import LANGUAGES, counted, figure
from bobbies.domain.model import Text
from bobbies.domain.tally import BY_BACKERS, BY_BALLOT_ORDER, BY_SUPPORT

DECIDED_BY: dict[str, Text] = {
    BY_SUPPORT: {
        "en": "Decided by greater average support.",
        "cy": "Roedd ei chefnogaeth gyfartalog yn uwch.",
    },
    BY_BACKERS: {
        "en": "Average support was tied; decided by the tie-break rule: more residents backed it.",
        "cy": "Roedd y gefnogaeth gyfartalog yr un fath, felly'r rheol torri cyfartal a benderfynodd: "
        "roedd mwy o drigolion yn ei chefnogi.",
    },
    BY_BALLOT_ORDER: {
        "en": "A dead heat on average support and on backers; decided by the tie-break rule: "
        "it comes first on the ballot.",
        "cy": "Roedd y gefnogaeth gyfartalog a nifer y cefnogwyr yr un fath, felly'r rheol torri cyfartal "
        "a benderfynodd: mae hi'n dod gyntaf ar y papur pleidleisio.",
    },
}

# As short as an SMS needs; nothing is said when greater support decided it.
DECIDED_BY_SHORT: dict[str, Text] = {
    BY_SUPPORT: {"en": "", "cy": ""},
    BY_BACKERS: {"en": "Tie: more backers.", "cy": "Cyfartal: mwy o gefnogwyr."},
    BY_BALLOT_ORDER: {"en": "Dead heat: ballot order.", "cy": "Cyfartal llwyr: trefn y papur."},
}

_MARGIN: Text = {"en": "{lead} ahead", "cy": "ar y blaen o {lead}"}

_QUORUM: dict[str, dict[str, str]] = {
    # "3 of the 5 ballots needed"; Welsh: "3 phleidlais o'r 5 sydd eu hangen"
    "en": {"text": "{ballots} of the {quorum} needed"},
    "cy": {"text": "{ballots} o'r {quorum} sydd eu hangen", "one": "{ballots} o'r {quorum} sydd ei hangen"},
}


def decided_by(rule: str | None) -> Text | None:
    return DECIDED_BY.get(rule or "")


def margin_text(margin: Fraction) -> Text:
    """'1.5 bobbies ahead' / 'ar y blaen o 1.5 bobi'."""
    return {
        language: _MARGIN[language].format(lead=counted(margin, "bobby", language)) for language in LANGUAGES
    }


def quorum_text(ballots: int, quorum: int) -> Text:
    """'3 of the 5 ballots needed' / '3 pleidlais o'r 5 sydd eu hangen'."""
    english = _QUORUM["en"]["text"].format(ballots=figure(ballots), quorum=counted(quorum, "ballot", "en"))
    welsh_form = "one" if quorum == 1 else "text"
    welsh = _QUORUM["cy"][welsh_form].format(ballots=counted(ballots, "ballot", "cy"), quorum=figure(quorum))
    return {"en": english, "cy": welsh}
