"""How many SMS segments a text takes, and the fullest wording within a team's budget of them.

GSM-7 holds 160 characters in one segment (153 each when split); a text with any letter outside
it - Welsh ŵ, ŷ, â, ê, î, ô, û - goes as UCS-2: 70 in one segment, 67 each when split. Accents are
never stripped to save a segment: a Welsh name spelt right may take two.
"""

from math import ceil

GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = set("^{}\\[~]|€\f")  # each takes two septets

ONE_SEGMENT = {"gsm7": 160, "ucs2": 70}
PER_SPLIT_SEGMENT = {"gsm7": 153, "ucs2": 67}


def is_gsm7(text: str) -> bool:
    return all(ch in GSM7_BASIC or ch in GSM7_EXTENDED for ch in text)


def segment_cost(text: str) -> tuple[int, int]:
    """(units used, units one segment holds)."""
    if is_gsm7(text):
        return sum(2 if ch in GSM7_EXTENDED else 1 for ch in text), ONE_SEGMENT["gsm7"]
    return len(text.encode("utf-16-le")) // 2, ONE_SEGMENT["ucs2"]


def segments(text: str) -> int:
    used, single = segment_cost(text)
    if used <= single:
        return 1
    return ceil(used / PER_SPLIT_SEGMENT["gsm7" if single == ONE_SEGMENT["gsm7"] else "ucs2"])


def fits_one_segment(text: str) -> bool:
    return segments(text) == 1


def within_budget(text: str) -> bool:
    """One segment; two when the text needs letters GSM-7 lacks (a Welsh name is never cut short)."""
    return segments(text) <= (1 if is_gsm7(text) else 2)


def first_that_fits(candidates: list[str]) -> str:
    """The fullest wording within budget. Nothing is ever cut: if even the shortest wording is over,
    it goes whole in more segments (the caller's wordings all carry the figures that matter)."""
    for text in candidates:
        if within_budget(text):
            return text
    return candidates[-1]
