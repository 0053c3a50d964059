"""Clean: a RawDocument becomes a Document with its body, title, news dateline and dates.

HTML goes through trafilatura first; then every text goes through the same rules:
scrape residue dropped (page date lines, breadcrumbs, menus, share/related lines,
bylines, copyright), repeated paragraphs collapsed, the title found, and the news
dateline at the head of the body parsed. The dateline's date is the publication
date; page metadata, a page date line and the file's time only stand in for it.
"""

from __future__ import annotations

import csv
import email.utils
import hashlib
import logging
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

import trafilatura
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from .errors import ConfigError, InputError
from .model import GUESSED_YEAR_FROM, UPPER_BOUNDS, Dateline, Document, RawDocument, content_hash
from .settings import Settings
from .timex import alternation, latest_date, nearest_date, safe_date, vocabulary

log = logging.getLogger(__name__)

DATA = resources.files("dateline") / "data" / "cleaning"
MAX_RESIDUE_CHARS = 300  # longer lines are prose, whatever they start with
MAX_TITLE_WORDS = 25
MAX_DATELINE_HEAD = 120  # characters before the dash of "CITY, date (AGENCY) -"
MAX_PLACE_WORDS = 4
LANGUAGE_PROBE = 5000  # characters enough to tell the language
# below this probability a short or tabular text ("Shr 81 cts vs 2.78 dlrs") is not skipped
# for its language: a wrong guess would silently drop an English story
MIN_LANGUAGE_CONFIDENCE = 0.5
# "Nigeria cut ties with Niger." reads as Nigerian Pidgin (0.74) and English (0.26); a text
# really in another language leaves the wanted ones near 0
MIN_WANTED_LANGUAGE_SHARE = 0.1
MENU_RUN = 3  # this many short label lines in a row are a menu
HEAD_PARAGRAPHS = 3  # the head of the body, where title copies and the dateline sit
MAX_MENU_WORDS = 3
MAX_MENU_CHARS = 30  # also for scripts written without spaces
MENU_SEPARATORS = re.compile(r"\s*(?:\||»|›|•|·|\s>\s|\s/\s)\s*")
LOWER_PLACE_WORD = re.compile(r"[\w.'’/-]+$")  # "New york, March 2 -": when a date vouches
AGENCY_TAIL = re.compile(r"\(([^()]{1,40})\)\s*$")
# the dash after a dateline head: spaced hyphens, or a hyphen after "(AGENCY)", or en/em dashes
DATELINE_DASH = re.compile(r"\s+-{1,2}\s+|(?<=[)\d])\s*-{1,2}(?=\s)|\s*[–—]+\s*")
HEAD_JUNK = re.compile(r"^[^\w(]+")  # "****SANTO DOMINGO, ..." wire markers before the city
COLON_DASH = re.compile(r":\s+")
TERMINAL = tuple(".!?;")
ABBREVIATION = re.compile(r"\W*(?:[A-Za-z]\.){2,}")
WRAP_SHARE = 0.6  # a line this long (relative to its block's longest) is hard-wrapped prose
MIN_WRAPPED_CHARS = 40  # shorter lines are labels or headings, never wrapped prose
ISO_DATE = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})")
TIME_OF_DAY = re.compile(
    r"(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5})?"
    r"\s*(?:[+-]\d{1,2}(?::?\d{2})?)?"
    r"|(?:T\d{2}:\d{2}.*)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Vocabulary:
    """The cleaning data files (shipped plus the user's), compiled once per settings."""

    residue: tuple[re.Pattern, ...]
    teaser: re.Pattern  # a teaser block's heading on a line of its own: "Top stories"
    inline_teaser: re.Pattern  # the same heading after a sentence, inside a paragraph
    agencies: dict[str, str]  # lower-case alias -> agency name as recorded
    months: dict[str, int]  # lower-case name -> 1..12
    weekdays: dict[str, int]  # lower-case name -> 0..6
    date: re.Pattern  # "April 29, 2007", "Apr. 29", "29 April 2007", optional weekday
    place_word: re.Pattern  # one word of a dateline place: "Kansas", "de" in "Rio de Janeiro"
    byline: re.Pattern  # "By Jane Doe": group 1 is the name
    date_label: re.Pattern  # "Updated on:" before a page date line


@dataclass
class Page:
    """What extraction gave before the text rules run."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None  # page or record metadata date, as written
    source: str | None = None  # outlet: record metadata, else the page's site name
    wrapped: bool = True  # plain text may be hard-wrapped; extracted HTML is not


@dataclass
class Body:
    """The text rules' result: paragraphs of the body and what the residue told."""

    paragraphs: list[str]
    title: str | None = None
    author: str | None = None
    page_date: date | None = None
    residue: list[str] = field(default_factory=list)


def clean_document(raw: RawDocument, settings: Settings) -> Document:
    """The cleaned Document of ``raw``; InputError when no text remains."""
    vocab = load_vocabulary(settings.residue_files, settings.agency_files, settings.teaser_files)
    page = _extract_html(raw) if raw.kind == "html" else _text_page(raw)
    body = clean_text(page.text, vocab, title=page.title, wrapped=page.wrapped)
    metadata_date = parse_date(page.date, vocab)
    given = settings.reference_date
    file_date = None if given else _file_date(raw)  # the user's year beats the file's
    references = [
        (metadata_date, "metadata"),
        (body.page_date, "page"),
        (given, "settings"),
        (file_date, "file"),
        (_year_in(body, vocab), "body"),
    ]
    dateline = _take_dateline(body, vocab, next(((d, w) for d, w in references if d), None))
    if dateline is not None and dateline.year_from in GUESSED_YEAR_FROM:
        log.info("%s: the dateline has no year; took it from the %s", raw.path, dateline.year_from)
    _collapse_repeats(body, vocab)
    text = "\n\n".join(body.paragraphs).strip()
    log.debug("%s: %d residue paragraphs dropped", raw.path, len(body.residue))
    if not text:
        raise InputError(raw.path, "no text left after cleaning")
    published, published_from = _published(
        dateline, metadata_date, body.page_date, settings.published, file_date
    )
    chash = content_hash(text)
    doc = Document(
        doc_id=hashlib.sha1(f"{raw.identity or raw.path}\x1f{chash}".encode()).hexdigest()[:16],
        path=raw.path,
        text=text,
        title=body.title,
        url=raw.url,
        author=page.author or body.author,
        source=page.source,
        published=published,
        published_from=published_from,
        dateline=dateline,
        content_hash=chash,
        warnings=list(raw.warnings),
    )
    doc.language, confidence = identify_language(text)
    if (
        doc.language not in settings.languages
        and confidence >= MIN_LANGUAGE_CONFIDENCE
        and language_share(text, settings.languages) < MIN_WANTED_LANGUAGE_SHARE
    ):
        doc.skipped = f"language: {doc.language}"
    return doc


# --- extraction -------------------------------------------------------------------------


def _text_page(raw: RawDocument) -> Page:
    text = raw.content if isinstance(raw.content, str) else raw.content.decode("utf-8", "replace")
    return Page(text, title=raw.title, date=raw.published, source=raw.source)


def _extract_html(raw: RawDocument) -> Page:
    """Main text and metadata through trafilatura; its baseline when it finds no article."""
    result = trafilatura.bare_extraction(
        raw.content, url=raw.url, with_metadata=True, include_comments=False
    )
    if result is not None and result.text:
        return Page(
            result.text,
            title=raw.title or result.title,
            author=result.author,
            date=raw.published or result.date,
            source=raw.source or result.sitename,
            wrapped=False,
        )
    _, text, _ = trafilatura.baseline(raw.content)
    if not text.strip():
        raise InputError(raw.path, "no main text found in the HTML")
    return Page(text, title=raw.title, date=raw.published, source=raw.source, wrapped=False)


# --- the text rules -----------------------------------------------------------------------


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
        page_date = _page_date_line(paragraph, vocab)
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


def _collapse_repeats(body: Body, vocab: Vocabulary) -> None:
    """Keep the first copy of a paragraph; a copy that only adds a dateline is a copy too."""
    seen = set()
    kept = []
    for paragraph in body.paragraphs:
        parsed = parse_dateline(paragraph, vocab, None)
        key = _key(parsed[1] if parsed else paragraph)
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


# --- datelines and dates ------------------------------------------------------------------


def _take_dateline(
    body: Body, vocab: Vocabulary, reference: tuple[date, str] | None
) -> Dateline | None:
    """The dateline at the start of the body, its prefix removed from its paragraph.

    A date without its year is read against ``reference`` (a date and what gave it),
    recorded in ``Dateline.year_from``. Short lines before the dateline (a standfirst,
    a time stamp the residue rules missed) are page residue: the story starts there.
    """
    day, reference_from = reference or (None, None)
    found = _find_dateline(body.paragraphs, vocab, day)
    if found is None:
        return None
    index, dateline, rest = found
    written = vocab.date.search(dateline.text)
    if dateline.date is not None and not (written and written["year"]):
        dateline.year_from = reference_from
        if reference_from in UPPER_BOUNDS and dateline.date > day:
            dateline.date = latest_date(dateline.date.month, dateline.date.day, day)
    body.residue.extend(body.paragraphs[:index])
    body.paragraphs = ([rest] if rest else []) + body.paragraphs[index + 1 :]
    return dateline


def _find_dateline(
    paragraphs: list[str], vocab: Vocabulary, reference: date | None
) -> tuple[int, Dateline, str] | None:
    for index, paragraph in enumerate(paragraphs[:HEAD_PARAGRAPHS]):
        parsed = parse_dateline(paragraph, vocab, reference)
        if parsed is not None:
            return index, *parsed
        if len(paragraph.split()) > MAX_TITLE_WORDS:
            return None  # prose came first: this story has no dateline at its head
    return None


def parse_dateline(
    paragraph: str, vocab: Vocabulary, reference: date | None
) -> tuple[Dateline, str] | None:
    """``CITY, Month D, YYYY (AGENCY) - rest`` -> (Dateline, rest); None when it is no dateline.

    A date without a year takes the year that puts it nearest ``reference``.
    """
    found = None
    for dash in (DATELINE_DASH, COLON_DASH):
        # the last dash that closes a valid head: "KANSAS CITY, Mo. - March 13 - ..."
        for match in dash.finditer(paragraph, 0, MAX_DATELINE_HEAD + 4):
            head = HEAD_JUNK.sub("", paragraph[: match.start()].strip())
            rest = paragraph[match.end() :].strip()
            if rest.isupper():
                continue  # "CORRECTED - GM TO IDLE PLANTS" is a headline, not a dateline
            dateline = _parse_head(head, vocab, reference, colon=dash is COLON_DASH)
            if dateline is not None:
                found = dateline, rest
        if found:
            return found
    return None


def _parse_head(
    head: str, vocab: Vocabulary, reference: date | None, *, colon: bool
) -> Dateline | None:
    written = head
    agency = None
    tail = AGENCY_TAIL.search(head)
    if tail:
        agency = _agency(tail.group(1), vocab)
        if agency is None:
            return None
        head = head[: tail.start()].strip().rstrip(",")
    place, when, parts_ok = _place_and_date(DATELINE_DASH.sub(", ", head), vocab, reference)
    if not parts_ok:
        return None
    shouting = bool(place) and head.split(",")[0].strip().isupper()
    dated = when is not None or vocab.date.search(head) is not None  # a year may come later
    if colon and not (shouting and agency is None):
        return None  # "NEW DELHI: ..." only; a colon after mixed case is prose
    if not (agency or dated or shouting):
        return None
    if not place and (agency is None or agency.lower() not in vocab.agencies):
        return None  # "(Reuters) -" alone is a dateline; "(CORRECTED) -" is not
    return Dateline(text=written, place=place, agency=agency, date=when)


def _agency(name: str, vocab: Vocabulary) -> str | None:
    """A known agency's recorded name; an unknown short capitalised name as written."""
    name = " ".join(name.split())
    known = vocab.agencies.get(name.lower())
    if known:
        return known
    words = name.split()
    if len(words) <= MAX_PLACE_WORDS and all(w[0].isupper() for w in words):
        return name
    return None


def _place_and_date(
    head: str, vocab: Vocabulary, reference: date | None
) -> tuple[str | None, date | None, bool]:
    """Split ``BAGHDAD, Iraq, April 29, 2007`` into place and date; ok=False when not a head."""
    if not head:
        return None, None, True
    found = vocab.date.search(head)
    when = None
    if found:
        when = _to_date(found, vocab, reference)
        head = (head[: found.start()] + head[found.end() :]).strip(" ,")
    parts = [part.strip() for part in head.split(",") if part.strip()]
    parts = [part for part in parts if part.lower().rstrip(".") not in vocab.weekdays]
    if not all(_is_place(part, vocab, loose=found is not None) for part in parts):
        return None, None, False
    place = ", ".join(_place_case(part) for part in parts) or None
    return place, when, found is not None or place is not None


def _is_place(text: str, vocab: Vocabulary, *, loose: bool) -> bool:
    """A city or region name; with ``loose`` (a date follows) its later words may be lower case."""
    words = text.split()
    word = LOWER_PLACE_WORD if loose else vocab.place_word
    return (
        0 < len(words) <= MAX_PLACE_WORDS
        and words[0][0].isupper()
        and all(word.match(w) for w in words)
    )


def _place_case(text: str) -> str:
    """``NEW YORK`` -> ``New York``; mixed case is kept as written."""
    return text.title() if text.isupper() else text


def _to_date(match: re.Match, vocab: Vocabulary, reference: date | None) -> date | None:
    month = vocab.months[(match["month"] or match["month2"]).lower()]
    day = int(match["day"] or match["day2"])
    if match["year"]:
        return safe_date(int(match["year"]), month, day)
    if reference is None:
        return None
    return nearest_date(month, day, reference)


def _page_date_line(line: str, vocab: Vocabulary) -> date | None:
    """``Tuesday, July 16, 2024`` or ``Updated: 16 July 2024 10:31``: a line that is only a date."""
    stripped = vocab.date_label.sub("", line)
    found = vocab.date.match(stripped) or ISO_DATE.match(stripped)
    if not found or not found.group(0):
        return None
    remainder = stripped[found.end() :].strip(" ,|-")
    if remainder and not TIME_OF_DAY.fullmatch(remainder):
        return None
    return _iso_date(found) if found.re is ISO_DATE else _to_date(found, vocab, None)


def _iso_date(match: re.Match) -> date | None:
    return safe_date(int(match["y"]), int(match["m"]), int(match["d"]))


def parse_date(value: str | None, vocab: Vocabulary) -> date | None:
    """A metadata date as written (ISO, RFC 822, "April 29, 2007", "29-APR-2007 ...")."""
    if not value:
        return None
    value = value.strip()
    iso = ISO_DATE.match(value)
    if iso:
        return _iso_date(iso)
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    found = vocab.date.search(value)
    if found and found["year"]:
        return _to_date(found, vocab, None)
    return _dateparser_date(value)


def _dateparser_date(value: str) -> date | None:
    import dateparser  # slow to import; only the odd metadata format needs it

    parsed = dateparser.parse(value, languages=["en"])
    return parsed.date() if parsed else None


def _year_in(body: Body, vocab: Vocabulary) -> date | None:
    """A full date written anywhere in the body: the last resort for a yearless dateline."""
    for paragraph in body.paragraphs:
        for found in vocab.date.finditer(paragraph):
            if found["year"]:
                return _to_date(found, vocab, None)
    return None


def _file_date(raw: RawDocument) -> date | None:
    """The file's time, or the time a URL was fetched: no story was published after it."""
    when = raw.file_time or raw.fetched_at
    return when.date() if when else None


def _published(
    dateline: Dateline | None,
    metadata: date | None,
    page: date | None,
    given: date | None,
    file: date | None,
) -> tuple[date | None, str | None]:
    """The publication date and the rule that gave it, in the order of trust."""
    ranked = [
        (dateline.date if dateline else None, "dateline"),
        (metadata, "metadata"),
        (page, "page"),
        (given, "settings"),
        (file, "file"),
    ]
    return next(((when, why) for when, why in ranked if when), (None, None))


def language_share(text: str, languages) -> float:
    """The probability that the text is in one of ``languages``."""
    ranked = _language_identifier().rank(text[:LANGUAGE_PROBE])
    return sum(probability for language, probability in ranked if language in languages)


def identify_language(text: str) -> tuple[str, float]:
    """The most likely language (ISO 639-1) and its probability."""
    language, probability = _language_identifier().classify(text[:LANGUAGE_PROBE])
    return language, probability


@lru_cache(maxsize=1)
def _language_identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


# --- vocabularies -------------------------------------------------------------------------


@lru_cache(maxsize=8)
def load_vocabulary(
    residue_files: Sequence[Path] = (),
    agency_files: Sequence[Path] = (),
    teaser_files: Sequence[Path] = (),
) -> Vocabulary:
    residue = _residue_patterns(DATA.joinpath("residue.txt").read_text(encoding="utf-8"), "")
    agencies = _agency_table(DATA.joinpath("agencies.csv").read_text(encoding="utf-8"), "")
    teasers = _data_lines(DATA.joinpath("teasers.txt").read_text(encoding="utf-8"))
    for path in residue_files:
        residue += _residue_patterns(_read_user_file(path), str(path))
    for path in agency_files:
        agencies.update(_agency_table(_read_user_file(path), str(path)))
    for path in teaser_files:
        teasers += _data_lines(_read_user_file(path))
    heading = alternation(line.strip() for line in teasers)
    calendar = vocabulary()  # month and weekday names are the time module's
    months, weekdays = dict(calendar["months"]), dict(calendar["weekdays"])
    words = tomllib.loads(DATA.joinpath("words.toml").read_text(encoding="utf-8"))
    return Vocabulary(
        residue=tuple(residue),
        teaser=re.compile(rf"{heading}\s*[:|»›>-]?"),
        # after a sentence's end, before a capitalised headline or a table border
        inline_teaser=re.compile(rf"(?<=[.!?\"”’)])\s+{heading}\s*[:|»›>-]?\s*(?=[A-Z\"“‘|])"),
        agencies=agencies,
        months=months,
        weekdays=weekdays,
        date=_date_pattern(months, weekdays),
        # particles are lower case, so the pattern is case-sensitive
        place_word=re.compile(rf"(?:[A-Z][\w.'’/-]*|{alternation(words['place_particles'])})$"),
        byline=re.compile(rf"{alternation(words['byline_openers'])}\s+(.+)$"),
        date_label=re.compile(
            rf"^{alternation(words['date_labels'])}(?: on)?\s*:?\s*", re.IGNORECASE
        ),
    )


def _read_user_file(path: Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def _data_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _residue_patterns(text: str, origin: str) -> list[re.Pattern]:
    patterns = []
    for line in _data_lines(text):
        try:
            patterns.append(re.compile(line.strip(), re.IGNORECASE))
        except re.error as exc:
            raise ConfigError(f"{origin or 'residue.txt'}: bad pattern {line!r}: {exc}") from exc
    return patterns


def _agency_table(text: str, origin: str) -> dict[str, str]:
    table = {}
    for row in csv.DictReader(_data_lines(text)):
        if not row.get("name"):
            raise ConfigError(f"{origin or 'agencies.csv'}: a row has no name: {row}")
        aliases = [row["name"], *(row.get("aliases") or "").split("|")]
        table.update({alias.strip().lower(): row["name"] for alias in aliases if alias.strip()})
    return table


def _date_pattern(months: dict[str, int], weekdays: dict[str, int]) -> re.Pattern:
    month = alternation(months)
    suffix = r"(?:st|nd|rd|th)?"
    return re.compile(
        rf"(?:\b{alternation(weekdays)}\.?,?\s+)?"
        rf"(?:\b(?P<month>{month})\.?\s+(?P<day>\d{{1,2}}){suffix}\b"
        rf"|\b(?P<day2>\d{{1,2}}){suffix}[\s-]+(?P<month2>{month})\b\.?)"  # also 27-MAR-1987
        rf"(?:,?[\s-]+(?P<year>\d{{4}})\b)?",
        re.IGNORECASE,
    )
