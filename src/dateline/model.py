"""The data that flows through Dateline: one ``Document``, enriched stage by stage.

Each stage reads only the fields that earlier stages wrote:

    ingest -> RawDocument
    clean  -> Document(text, title, published, dateline, language, content_hash)
    dedup  -> Document.fingerprint, Document.duplicate_of
    nlp    -> Document.sentences, Document.parsed (spaCy Doc, never stored)
    actors -> Document.actors, Document.mentions
    events -> Document.events (trigger, roles, CAMEO, PLOVER, modality, confidence)
    casualties -> Event.fatalities, Event.injured, Event.arrested
    when   -> Event.date, Event.date_precision, Event.date_expression
    where  -> Event.place
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from .errors import shorten


class DateSource(StrEnum):
    """What gave a publication date (``Document.published_from``) or the year of a
    dateline written without one (``Dateline.year_from``); the values are stored."""

    DATELINE = "dateline"
    METADATA = "metadata"
    PAGE = "page"
    SETTINGS = "settings"  # the user's --published or --year
    FILE = "file"  # the file's time or the time a URL was fetched
    BODY = "body"  # a full date written elsewhere in the story


# Where a publication year came from when the story did not write it and nobody gave
# it: a guess, which the run summary warns about.
GUESSED_YEAR_FROM = frozenset({DateSource.FILE, DateSource.BODY})
# Dates that no publication comes after: the file's time or fetch time, the user's date
# or year. A yearless dateline read against one takes the latest year not after it.
UPPER_BOUNDS = frozenset({DateSource.SETTINGS, DateSource.FILE})

# How ``Document.skipped`` begins when a stage failed on the document: the next run
# (and ``--recode``) codes it again, where other reasons to skip (language) stay.
CODING_FAILED = "coding failed"


# The stages around the coding components, as the errors table names them (a coding
# stage is named by its component: "actors", "events" ...).
INGEST_STAGE = "ingest"
CLEAN_STAGE = "clean"
PARSE_STAGE = "nlp"
# the event coders' versions (``Event.coder``): the coders and their components read these
PATTERNS_CODER = "patterns.v1"
CLASSIFIER_CODER = "classifier.v1"


class DocStatus(StrEnum):
    """What became of a document (``Document.status``)."""

    CODED = "coded"  # none of the others: coded (before the stages run, to be coded)
    DUPLICATE = "duplicate"  # a copy of ``duplicate_of``: its events are the original's
    SKIPPED = "skipped"  # not coded for a reason that stays (language, no text)
    FAILED = "failed"  # a stage failed on it: the next run and ``--recode`` code it again


class MentionRule(StrEnum):
    """How the actors stage linked a span to its actor (``Mention.rule``, stored as its
    value). Stages that read mentions compare against these, never against a spelling."""

    NER = "ner"  # a named entity of the parse
    TITLE = "title"  # a person with a title or role: "Prime Minister Nuri al-Maliki"
    ROLE = "role"  # a role noun: "officials", "the police"
    DEMONYM = "demonym"  # a people or a group named by nationality: "Iranian officials"
    DICTIONARY = "dictionary"  # a name the actor dictionaries know
    CAPITAL = "capital"  # a capital standing for its government: "Washington says"
    HOLDER = "holder"  # the country on a holding noun: "in US custody"
    CONJOINED = "conjoined"  # the second country of "Hungarian and Romanian officials"
    # a country or city after a preposition ("arrived in Baghdad"): its government, which
    # events take only as a place-like target and coreference never links
    LOCATIVE = "locative"
    APPOS = "appos"  # an appositive renaming an actor: "Ali Larijani, Iran's top official"
    COREF_SURNAME = "coref:surname"  # "Larijani" after "Ali Larijani"
    COREF_PRONOUN = "coref:pronoun"
    COREF_DESCRIPTION = "coref:description"  # "the men", "both governments"


class ActorKind(StrEnum):
    """What an actor is (``Actor.kind``): a pronoun or description refers back only to
    the kinds it may stand for."""

    PERSON = "person"
    GROUP = "group"
    STATE = "state"
    ORGANISATION = "organisation"


class Modality(StrEnum):
    """``Event.modality``: how the text puts the act (stored as the value)."""

    ASSERTED = "asserted"
    REPORTED = "reported"
    ALLEGED = "alleged"
    INTENDED = "intended"
    HYPOTHETICAL = "hypothetical"
    NEGATED = "negated"
    CANCELLED = "cancelled"


MODALITIES = tuple(m.value for m in Modality)
# the modalities that tell of an act as done: a default table and analysis show only these
FACTUAL_MODALITIES = (Modality.ASSERTED, Modality.REPORTED)


@dataclass
class RawDocument:
    """One input as read: bytes or text plus what the reader knew about it."""

    path: str  # the input as given: a path, a URL, "-", or "file.jsonl#12" for a record
    content: bytes | str
    kind: str  # "text" | "html"
    url: str | None = None
    fetched_at: datetime | None = None
    file_time: datetime | None = None  # the file's mtime: last resort for the date
    title: str | None = None  # from record metadata (feeds, jsonl/csv columns)
    published: str | None = None  # from record metadata, as written
    source: str | None = None  # outlet name from record metadata
    identity: str = ""  # what makes two inputs one (resolved file path + record); "": path
    warnings: list[str] = field(default_factory=list)  # read, but not quite as written


@dataclass
class Dateline:
    """The news dateline at the head of the story: ``BAGHDAD, April 29, 2007 (AFP) -``."""

    text: str
    place: str | None = None
    agency: str | None = None
    date: date | None = None
    # where the year of a date written without one came from: metadata | page | settings
    # | file | body (a full date elsewhere in the story); None when the year is written
    year_from: str | None = None
    # where ``text`` stands in Document.text, [start, end); None when not recorded (a
    # dateline made by hand, or read back from a store that kept no offsets)
    start: int | None = None
    end: int | None = None


@dataclass
class Sentence:
    index: int
    start: int  # character offsets in Document.text
    end: int
    text: str
    paragraph: int = 0


@dataclass
class Actor:
    """A participant of the story after coreference: one per real-world entity."""

    name: str  # canonical name
    country: str | None  # ISO 3166-1 alpha-3
    sector: str | None  # GOV MIL COP JUD SPY REB OPP PTY CVL MED BUS NGO IGO REL EDU HLH LAB ...
    kind: ActorKind
    evidence: str  # the rule or dictionary entry that coded it


@dataclass
class Mention:
    """A span of Document.text that refers to an actor."""

    start: int
    end: int
    text: str
    sentence: int
    actor: int  # index into Document.actors
    rule: str  # how this span was linked: a MentionRule value


@dataclass
class ActorRef:
    """An actor as it takes part in one event (the event record's source/target)."""

    text: str  # as written in the sentence
    name: str
    country: str | None
    sector: str | None
    actor: int | None = None  # index into Document.actors; None for an actor no mention gave


@dataclass
class Cameo:
    code: str  # zero-padded, e.g. "042"
    root: str  # e.g. "04"
    goldstein: float
    quad_class: int  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict


@dataclass
class Plover:
    type: str  # upper case, one of the 16 PLOVER types
    mode: str | None = None


@dataclass
class Place:
    name: str
    country: str | None  # ISO alpha-3
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    precision: str  # city | admin2 (a US county) | admin1 | country | region


@dataclass
class Count:
    """A number of people an event's sentence gives: "at least 106 protesters ... killed"."""

    number: int
    text: str  # the words that gave it, as written


@dataclass
class Event:
    sentence: int  # index into Document.sentences
    trigger: str  # the words that triggered the event, as written
    cameo: Cameo
    plover: Plover | None
    source: ActorRef | None
    target: ActorRef | None
    modality: Modality = Modality.ASSERTED
    confidence: float = 0.5
    explanation: str = ""  # pattern or model that fired, trigger, parse path
    coder: str = ""  # which coder produced it, e.g. "patterns.v1"
    token: int | None = None  # trigger token index in Document.parsed (not stored)
    date: str | None = None  # YYYY-MM-DD, YYYY-MM or YYYY
    date_precision: str | None = None  # day | month | year
    date_expression: str | None = None  # the words that gave the date, or "published"
    place: Place | None = None
    fatalities: Count | None = None  # people killed, as the sentence counts them
    injured: Count | None = None
    arrested: Count | None = None

    def key(self, doc_id: str) -> str:
        """A stable id: the same input coded by the same coder gives the same id."""
        parts = [
            doc_id,
            str(self.sentence),
            self.trigger,
            self.cameo.code,
            self.source.name if self.source else "",
            self.target.name if self.target else "",
        ]
        return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:16]


@dataclass
class Document:
    doc_id: str
    path: str
    text: str  # cleaned text; every offset in the document refers to it
    title: str | None = None
    url: str | None = None
    author: str | None = None
    source: str | None = None
    published: date | None = None
    published_from: str | None = None  # a DateSource value
    dateline: Dateline | None = None
    language: str | None = None
    content_hash: str = ""
    duplicate_of: str | None = None
    skipped: str | None = None  # why the document was not coded (language, no text ...)
    fingerprint: bytes | None = None  # MinHash signature for near-duplicate detection
    warnings: list[str] = field(default_factory=list)  # from ingest: e.g. bytes replaced
    sentences: list[Sentence] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    parsed: Any = field(default=None, repr=False, compare=False)  # spaCy Doc, never stored

    @property
    def status(self) -> DocStatus:
        if self.duplicate_of:
            return DocStatus.DUPLICATE
        if self.skipped is None:
            return DocStatus.CODED
        # the stored form of a failure (rows of every version): the reason after the prefix
        return DocStatus.FAILED if self.skipped.startswith(CODING_FAILED) else DocStatus.SKIPPED

    def fail(self, stage: str, reason: str) -> None:
        """Mark the document as failed in ``stage``: no actors, mentions or events."""
        self.actors, self.mentions, self.events = [], [], []
        self.skipped = f"{CODING_FAILED} in {stage}: {reason}"

    @property
    def year_guessed(self) -> bool:
        """The publication year comes from the file's time (or a date elsewhere in the
        story), not from the story, its metadata or the user."""
        if self.published_from == DateSource.DATELINE and self.dateline is not None:
            return self.dateline.year_from in GUESSED_YEAR_FROM
        return self.published_from == DateSource.FILE

    @property
    def published_is_bound(self) -> bool:
        """The publication date (or its year) was read against an upper bound, the file's
        time or the user's date or year: no date written without its year lies after it."""
        if self.published_from == DateSource.DATELINE and self.dateline is not None:
            return self.dateline.year_from in UPPER_BOUNDS
        return self.published_from in UPPER_BOUNDS

    @property
    def is_parsed(self) -> bool:
        """The nlp stage has parsed the document (the runner guarantees it before any later
        stage; a stage called on its own returns an unparsed document unchanged)."""
        return self.parsed is not None

    def sentence_at(self, offset: int) -> int:
        """The index of the sentence holding the character ``offset`` (the first sentence
        for an offset before it)."""
        return max(bisect.bisect_right(self.sentences, offset, key=_sentence_start) - 1, 0)

    def dateline_in_text(self) -> Dateline | None:
        """The news dateline with its offsets in ``text``: as recorded, or, for one recorded
        without them, where its text first stands; None when the text does not hold it."""
        dateline = self.dateline
        if dateline is None or not dateline.text:
            return None
        if dateline.start is not None and dateline.end is not None:
            return dateline
        at = self.text.find(dateline.text)
        return replace(dateline, start=at, end=at + len(dateline.text)) if at >= 0 else None

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The mention overlapping the character span [start, end), the longest first."""
        hits = [m for m in self.mentions if m.start < end and start < m.end]
        return max(hits, key=lambda m: m.end - m.start, default=None)

    def actor_ref(self, mention: Mention) -> ActorRef:
        actor = self.actors[mention.actor]
        return ActorRef(mention.text, actor.name, actor.country, actor.sector, mention.actor)


@dataclass
class Failure:
    """An input that could not be read or coded: stored in the errors table, reported once."""

    path: str
    stage: str
    reason: str

    def __post_init__(self) -> None:
        self.reason = shorten(self.reason)


@dataclass(frozen=True)
class StoredFingerprint:
    """A stored original as deduplication knows it (``Store.fingerprints``)."""

    doc_id: str
    content_hash: str
    fingerprint: bytes | None  # the MinHash signature; None: exact matching only


def _sentence_start(sentence: Sentence) -> int:
    return sentence.start


def content_hash(text: str) -> str:
    """The id of a cleaned text: whitespace and case do not make a new document."""
    normalised = " ".join(text.lower().split())
    return hashlib.sha256(normalised.encode()).hexdigest()[:16]
