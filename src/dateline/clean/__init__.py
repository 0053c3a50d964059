"""Clean: a RawDocument becomes a Document with its body, title, news dateline and dates.

HTML goes through trafilatura first (``extract``); then every text goes through the same
rules (``body``): scrape residue dropped (page date lines, breadcrumbs, menus,
share/related lines, bylines, copyright), repeated paragraphs collapsed, the title found,
and the news dateline at the head of the body parsed (``dateline``). The dateline's date
is the publication date; page metadata, a page date line and the file's time only stand
in for it (``dates``, ``document``). The language is identified last (``language``).
"""

from .body import Body, clean_text
from .dateline import ParsedDateline, SourcedDate, parse_dateline
from .dates import parse_date
from .document import clean_document
from .extract import Page, extract_page
from .language import LanguageGuess, identify_language
from .vocabulary import Vocabulary, load_vocabulary

__all__ = [
    "Body",
    "LanguageGuess",
    "Page",
    "ParsedDateline",
    "SourcedDate",
    "Vocabulary",
    "clean_document",
    "clean_text",
    "extract_page",
    "identify_language",
    "load_vocabulary",
    "parse_date",
    "parse_dateline",
]
