"""The body: paragraphs of the story without the page's residue, its title and dateline out.

Every text goes through the same rules: scrape residue dropped (page date lines,
breadcrumbs, menus, share/related lines, bylines, copyright, teaser blocks), the title
found, the news dateline at the head taken out, repeated paragraphs collapsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..model import Dateline
from .dateline import HEAD_PARAGRAPHS, MAX_TITLE_WORDS, SourcedDate, head_dateline, parse_dateline
from .dates import page_date_line
from .vocabulary import Vocabulary

MAX_RESIDUE_CHARS = 300  # longer lines are prose, whatever they start with
MENU_RUN = 3  # this many short label lines in a row are a menu
MAX_MENU_WORDS = 3
MAX_MENU_CHARS = 30  # also for scripts written without spaces
MENU_SEPARATORS = re.compile(r"\s*(?:\||»|›|•|·|\s>\s|\s/\s)\s*")
TERMINAL = tuple(".!?;")
ABBREVIATION = re.compile(r"\W*(?:[A-Za-z]\.){2,}")
WRAP_SHARE = 0.6  # a line this long (relative to its block's longest) is hard-wrapped prose
MIN_WRAPPED_CHARS = 40  # shorter lines are labels or headings, never wrapped prose


@dataclass
class Body:
    """The text rules' result: paragraphs of the body and what the residue told."""

    paragraphs: list[str]
    title: str | None = None
    author: str | None = None
    page_date: date | None = None
    residue: list[str] = field(default_factory=list)


def clean_text(
    text: str, vocab: Vocabulary, *, title: str | None = None, wrapped: bool = True
) -> Body:
    """Paragraphs without residue, the title taken out of the head."""
    body = Body(_paragraphs(text, wrapped))
    _drop_teasers(body, vocab)  # before the residue rules, which drop lone headings
    _drop_residue(body, vocab)
    if wrapped:
        _drop_menus(body)  # extracted HTML has lost its menus already; its short lines are lists
    _drop_breadcrumbs(body)
    _take_title(body, title, vocab)
    return body


def _paragraphs(text: str, wrapped: bool) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = re.sub(r"[\u200b\u200c\u200d\ufeff]", "", text)
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        lines = [line for line in lines if line]
        paragraphs.extend(_unwrap(lines) if wrapped else lines)
    return paragraphs


def _unwrap(lines: list[str]) -> list[str]:
    """Join the lines of a hard-wrapped block; keep one paragraph a line otherwise."""
    if len(lines) < 2:
        return lines
    longest = max(len(line) for line in lines)
    joined = [lines[0]]
    for previous, line in zip(lines, lines[1:], strict=False):
        wrapped = len(previous) >= max(WRAP_SHARE * longest, MIN_WRAPPED_CHARS)
        if wrapped and not previous.endswith(TERMINAL):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _drop_teasers(body: Body, vocab: Vocabulary) -> None:
    """Teaser and related-story blocks are other stories: a heading ("Top stories") on a
    line of its own and the headlines under it, and the rest of a paragraph after such a
    heading when a page's text came as one block (a layout table read as one row)."""
    kept: list[str] = []
    in_block = False
    for paragraph in body.paragraphs:
        if vocab.teaser.fullmatch(paragraph):
            in_block = True
            body.residue.append(paragraph)
            continue
        if in_block and _is_heading(paragraph):
            body.residue.append(paragraph)
            continue
        in_block = False
        cut = vocab.inline_teaser.search(paragraph)
        if cut:
            body.residue.append(paragraph[cut.start() :])
            paragraph = paragraph[: cut.start()]
        paragraph = _table_cell(paragraph)
        if paragraph:
            kept.append(paragraph)
    body.paragraphs = kept


def _table_cell(paragraph: str) -> str:
    """``| the story's text |``: a layout table's one cell, without its borders."""
    inner = paragraph.strip()
    if inner.startswith("|") and "|" not in inner[1:].rstrip("|"):
        return inner.strip("| ")
    return inner


def _drop_residue(body: Body, vocab: Vocabulary) -> None:
    kept = []
    for paragraph in body.paragraphs:
        page_date = page_date_line(paragraph, vocab)
        if page_date is not None:
            body.page_date = body.page_date or page_date
            body.residue.append(paragraph)
        elif _is_residue(paragraph, vocab):
            body.author = body.author or _byline_name(paragraph, vocab)
            body.residue.append(paragraph)
        else:
            kept.append(paragraph)
    body.paragraphs = kept


def _is_residue(line: str, vocab: Vocabulary) -> bool:
    if len(line) > MAX_RESIDUE_CHARS:
        return False
    return any(pattern.fullmatch(line) for pattern in vocab.residue) or _is_menu_line(line)


def _is_menu_line(line: str) -> bool:
    """``Home | World | Middle East``: three or more short labels between separators."""
    if line.startswith("|"):
        return False  # a table row, as trafilatura writes tables
    items = [item for item in MENU_SEPARATORS.split(line) if item]
    return len(items) >= 3 and all(_is_label(item) for item in items)


def _is_label(line: str) -> bool:
    return (
        len(line.split()) <= MAX_MENU_WORDS
        and len(line) <= MAX_MENU_CHARS
        and not line.endswith(TERMINAL + tuple(",:\"”'"))
    )


def _drop_menus(body: Body) -> None:
    """Runs of MENU_RUN or more short label lines (a navigation list) are residue,
    and so are the label lines after the story's last sentence (topic tags)."""
    kept, run = [], []
    for paragraph in [*body.paragraphs, ""]:
        if paragraph and _is_label(paragraph):
            run.append(paragraph)
            continue
        at_end = not paragraph and bool(kept)
        (body.residue if len(run) >= MENU_RUN or at_end else kept).extend(run)
        run = []
        if paragraph:
            kept.append(paragraph)
    body.paragraphs = kept


def _drop_breadcrumbs(body: Body) -> None:
    """``HomeIran NewsLatest…<Title>`` followed by ``<Title>``: the glued line is residue."""
    kept = []
    for index, paragraph in enumerate(body.paragraphs):
        following = body.paragraphs[index + 1] if index + 1 < len(body.paragraphs) else ""
        if following and paragraph != following and paragraph.endswith(following):
            body.residue.append(paragraph)
        else:
            kept.append(paragraph)
    body.paragraphs = kept


def _take_title(body: Body, known: str | None, vocab: Vocabulary) -> None:
    """The metadata title when given (its copies in the head dropped), else a heading line."""
    if known:
        body.title = " ".join(known.split())
        key = _key(body.title)
        head = body.paragraphs[:HEAD_PARAGRAPHS]
        rest = body.paragraphs[HEAD_PARAGRAPHS:]
        keep = [p for p in head if _key(p) != key and not p.endswith(body.title)]
        # "<title> November 20, 2019 - ...": a page read as one block starts with its title
        keep = [p[len(body.title) :].strip() if p.startswith(body.title) else p for p in keep]
        body.paragraphs = keep + rest
        return
    if len(body.paragraphs) < 2:
        return
    first = body.paragraphs[0]
    before_dateline = parse_dateline(body.paragraphs[1], vocab, None) is not None
    if (_is_heading(first) or before_dateline) and parse_dateline(first, vocab, None) is None:
        body.title = first
        body.paragraphs = body.paragraphs[1:]


def _is_heading(line: str) -> bool:
    """Short, and not ended like a sentence (a final abbreviation such as "U.S." is fine)."""
    words = line.split()
    if not 2 <= len(words) <= MAX_TITLE_WORDS or line.endswith((";", ",", ":")):
        return False
    return not line.endswith(".") or bool(ABBREVIATION.fullmatch(words[-1]))


def take_dateline(body: Body, vocab: Vocabulary, reference: SourcedDate | None) -> Dateline | None:
    """The dateline at the start of the body, its prefix removed from its paragraph.

    Short lines before the dateline (a standfirst, a time stamp the residue rules
    missed) are page residue: the story starts there.
    """
    found = head_dateline(body.paragraphs, vocab, reference)
    if found is None:
        return None
    body.residue.extend(body.paragraphs[: found.index])
    body.paragraphs = ([found.rest] if found.rest else []) + body.paragraphs[found.index + 1 :]
    return found.dateline


def collapse_repeats(body: Body, vocab: Vocabulary) -> None:
    """Keep the first copy of a paragraph; a copy that only adds a dateline is a copy too."""
    seen = set()
    kept = []
    for paragraph in body.paragraphs:
        parsed = parse_dateline(paragraph, vocab, None)
        key = _key(parsed.rest if parsed else paragraph)
        if key in seen:
            body.residue.append(paragraph)
            continue
        seen.add(key)
        kept.append(paragraph)
    body.paragraphs = kept


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _byline_name(line: str, vocab: Vocabulary) -> str | None:
    match = vocab.byline.match(line)
    return match.group(1).strip() if match else None
