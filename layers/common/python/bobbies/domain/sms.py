"""Whether a text fits one SMS segment: 160 GSM-7 characters, or 70 UCS-2 ones.

Welsh letters such as ŵ and ŷ are not in GSM-7, so a text that has one is sent as UCS-2.
"""

GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = set("^{}\\[~]|€\f")  # each takes two septets


def is_gsm7(text: str) -> bool:
    return all(ch in GSM7_BASIC or ch in GSM7_EXTENDED for ch in text)


def segment_cost(text: str) -> tuple[int, int]:
    """(units used, units one segment holds)."""
    if is_gsm7(text):
        return sum(2 if ch in GSM7_EXTENDED else 1 for ch in text), 160
    return len(text.encode("utf-16-le")) // 2, 70


def fits_one_segment(text: str) -> bool:
    used, limit = segment_cost(text)
    return used <= limit


def first_that_fits(candidates: list[str]) -> str:
    """The fullest wording that still fits; the last resort is cut to fit, with an ellipsis."""
    for text in candidates:
        if fits_one_segment(text):
            return text
    shortest = candidates[-1]
    while not fits_one_segment(shortest + "…"):
        shortest = shortest[:-1]
    return shortest.rstrip() + "…"
