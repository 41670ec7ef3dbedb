"""Checks on how the page is laid out and built: reflow with large text, and the document's own structure."""

from playwright.sync_api import Page

# Every element that is drawn: sticking out of the screen, or holding more than its box shows
# (text cut off, or a box that scrolls sideways), is content a reader with large text loses.
OVERFLOWS = """() => {
  const width = document.documentElement.clientWidth;
  const classes = (el) => (typeof el.className === 'string' ? el.className.trim().split(/\\s+/) : []);
  const name = (el) => [el.tagName.toLowerCase() + (el.id ? '#' + el.id : ''), ...classes(el)]
    .filter(Boolean).join('.');
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('.visually-hidden, .sprite, svg')) continue;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if ((!box.width && !box.height) || style.visibility === 'hidden') continue;
    if (box.left < -1 || box.right > width + 1) {
      found.push(`${name(el)} spans ${Math.round(box.left)}..${Math.round(box.right)} of ${width}px`);
      continue;
    }
    if (['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) || style.display.startsWith('inline')) continue;
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
      found.push(`${name(el)} holds ${el.scrollWidth}px in ${el.clientWidth}px`);
    }
    const clips = /hidden|clip/.test(style.overflowY);
    if (clips && el.scrollHeight > el.clientHeight + 1) {
      found.push(`${name(el)} cuts off ${el.scrollHeight - el.clientHeight}px of its height`);
    }
  }
  const page = document.scrollingElement;
  const sideways = page.scrollWidth - page.clientWidth;
  if (sideways > 0) found.unshift(`the page scrolls ${sideways}px sideways`);
  return found;
}"""

# In the whole document, shown or not: a heading, button or link with nothing to say, a table with no
# caption to name it, and in-page links to nothing (what pa11y's HTML_CodeSniffer reports, hidden parts
# included).
EMPTY_NAMED = """() => {
  const found = [];
  const text = (id) => document.getElementById(id)?.textContent.trim() || '';
  const said = (el) => el.textContent.trim() || (el.getAttribute('aria-label') || '').trim()
    || (el.getAttribute('aria-labelledby') || '').split(/\\s+/).map(text).join('');
  for (const el of document.querySelectorAll('h1, h2, h3, h4, h5, h6, button, a[href], [role="button"]')) {
    const where = el.parentElement.closest('[id]')?.id;
    if (!said(el)) found.push(`empty ${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} in ${where}`);
  }
  for (const table of document.querySelectorAll('table')) {
    const where = table.parentElement.closest('[id]')?.id;
    if (!table.caption?.textContent.trim()) found.push(`table with no caption in ${where}`);
  }
  for (const a of document.querySelectorAll('a[href^="#"]')) {
    const id = a.getAttribute('href').slice(1);
    if (id && !document.getElementById(decodeURIComponent(id))) found.push(`link to no #${id}`);
  }
  return found;
}"""


# Words cut in two across lines inside a table's cells (a column squeezed narrower than its longest
# word); a word may still wrap at its hyphens ('Betws-y-|Coed').
SPLIT_WORDS = """() => {
  const found = [];
  for (const cell of document.querySelectorAll('table th, table td')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.data.matchAll(/[^\\s-]+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].map((box) => Math.round(box.top)));
        if (lines.size > 1) found.push(word[0]);
      }
    }
  }
  return found;
}"""


def overflows(page: Page) -> list[str]:
    return list(page.evaluate(OVERFLOWS))


def empty_or_dangling(page: Page) -> list[str]:
    return list(page.evaluate(EMPTY_NAMED))


def enlarge_text(page: Page, percent: int = 200) -> None:
    """Text at `percent`, as a reader's browser setting makes it (the root font size)."""
    page.evaluate(f"document.documentElement.style.fontSize = '{percent}%'")


def split_words(page: Page) -> list[str]:
    return list(page.evaluate(SPLIT_WORDS))


def first_heading(page: Page) -> str:
    """The first heading in the document, shown or not, as `h2#id` (HTML_CodeSniffer takes it for the
    page's main heading)."""
    return str(
        page.evaluate(
            "() => { const el = document.querySelector('h1, h2, h3, h4, h5, h6');"
            " return el ? el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') : 'none'; }"
        )
    )
