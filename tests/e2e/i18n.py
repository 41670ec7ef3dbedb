"""The page's words: its catalogues, a message as the page renders it, its link-preview tags, and
checks for English left showing on a Welsh page."""

import json
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

WEB = Path(__file__).resolve().parents[2] / "web"
LANGS = ("en", "cy")


@cache
def catalogue(lang: str) -> dict[str, Any]:
    """The language's catalogue and its parts (i18n/<lang>.<part>.json, loaded by the views using them)."""
    words: dict[str, Any] = {}
    for path in [WEB / "i18n" / f"{lang}.json", *sorted((WEB / "i18n").glob(f"{lang}.*.json"))]:
        words.update(json.loads(path.read_text(encoding="utf-8")))
    return words


def plural_category(lang: str, count: int) -> str:
    """CLDR's plural category for a whole number, as Intl.PluralRules gives it in the browser."""
    if lang == "cy":
        return {0: "zero", 1: "one", 2: "two", 3: "few", 6: "many"}.get(count, "other")
    return "one" if count == 1 else "other"


def t(lang: str, key: str, **values: Any) -> str:
    """A message as the page renders it: a counted phrase takes the form for its `count`."""
    text = catalogue(lang)[key]
    if isinstance(text, dict):
        count = values.get("count")
        form = plural_category(lang, count) if isinstance(count, int) else "other"
        text = text.get(form, text["other"])
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), str(text))


def texts(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [str(v) for v in value.values()]
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def messages_for_leak_check(
    lang: str = "cy", other: str = "en", console: bool = False
) -> list[tuple[str, re.Pattern[str]]]:
    """Patterns for every `other`-language message that differs from its `lang` version.

    A message with placeholders becomes a pattern with a wildcard in each; messages with too little
    fixed text to be telling on their own (under 4 letters) are left out, and so are the police
    console's own words (police.*) unless the page is the console.
    """
    mine, theirs = catalogue(lang), catalogue(other)
    found: list[tuple[str, re.Pattern[str]]] = []
    for key, value in theirs.items():
        if key.startswith("police.") and not console:
            continue
        own = set(texts(mine.get(key)))
        for text in texts(value):
            if text in own:
                continue
            parts = re.split(r"\{\w+\}", text)
            if sum(len(p.strip()) for p in parts) < 4:
                continue
            pattern = r".+?".join(re.escape(p) for p in parts)
            found.append((key, re.compile(pattern)))
    return found


def words_shown(page: Page) -> str:
    """What a person sees or hears: visible text plus accessible names and other attribute text."""
    return str(
        page.evaluate(
            """() => {
                const bits = [document.body.innerText, document.title];
                const named = '[aria-label],[title],[placeholder],[alt],optgroup[label]';
                for (const el of document.querySelectorAll(named)) {
                    if (el.closest('[hidden]')) continue;
                    for (const a of ['aria-label', 'title', 'placeholder', 'alt', 'label']) {
                        if (el.hasAttribute(a)) bits.push(el.getAttribute(a));
                    }
                }
                for (const el of document.querySelectorAll('[aria-valuetext]')) {
                    bits.push(el.getAttribute('aria-valuetext'));
                }
                return bits.join('\\n');
            }"""
        )
    )


def english_left_showing(page: Page, console: bool = False) -> list[str]:
    """English catalogue messages still visible while the page (or the police console) is in Welsh."""
    shown = words_shown(page)
    return [
        f"{key}: {pattern.pattern}"
        for key, pattern in messages_for_leak_check(console=console)
        if pattern.search(shown)
    ]


class _MetaTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        key = found.get("property") or found.get("name")
        if tag == "meta" and key and found.get("content"):
            self.tags[key] = str(found["content"])


def meta_tags(html: str) -> dict[str, str]:
    """The page's <meta> tags by property or name: its link preview, in both languages."""
    parser = _MetaTags()
    parser.feed(html)
    return parser.tags
