"""The assembled pipeline: the parser, then the coding stages in order, one batch at a time.

The stages are built from their components (``components``) and checked first: a stage
that requires a field no stage before it assigns fails here, when the pipeline is built.
A document that a stage cannot code becomes a ``Failure`` named after that stage's
component, and the batch goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ..model import PARSE_STAGE, DocStatus, Document, Failure
from ..nlp import Parser, SentenceChooser
from ..settings import Settings, load_settings
from .components import ACTORS, EVENT_CODER, EVENTS, Registry, Stage, check, default_stages

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NamedStage:
    """A built stage and its component's name, which a failure in it is recorded under."""

    name: str
    run: Stage

    def __call__(self, doc: Document) -> Document:
        return self.run(doc)


@dataclass
class Coded:
    """What ``Pipeline.code`` gives: every document given (coded, skipped or failed) and
    the failures of those a stage could not code."""

    documents: list[Document]
    failures: list[Failure] = field(default_factory=list)

    def __iter__(self) -> Iterator[list]:
        """``docs, failures = code_documents(...)``, as the API has always returned them."""
        return iter((self.documents, self.failures))


class Pipeline:
    """The parser, then the stages ``default_stages(settings)`` names, each built from its
    component in ``registry`` (default: the shipped ones and installed entry points)."""

    def __init__(self, settings: Settings | None = None, *, registry: Registry | None = None):
        self.settings = settings or load_settings()
        registry = registry or Registry()
        self.components = [registry.get(name) for name in default_stages(self.settings)]
        check(self.components)
        self.stages = [NamedStage(c.name, c.build(self.settings)) for c in self.components]
        self.parser = Parser(self.settings.model, self.settings.batch_size, self._filter())

    @property
    def versions(self) -> dict[str, str]:
        """Each stage's component version, by stage name: what coded the events."""
        return {component.name: component.version for component in self.components}

    def _filter(self) -> SentenceChooser | None:
        """The pre-parse filter's ``keep``, unless it is turned off or a stage other than
        the pattern coder codes events (the classifier, a user's coder): the filter knows
        the patterns' triggers only, another coder reads sentences they would never code."""
        coders = [c.name for c in self.components if EVENTS in c.assigns]
        names = [c.name for c in self.components]
        if not self.settings.sentence_filter or coders != [EVENT_CODER.name]:
            return None
        if ACTORS.name not in names:
            return None
        from ..actors import COREF_WINDOW, ActorCoder
        from ..events import EventCoder, triggers
        from ..nlp import common_words, lemma_guesser, load_model
        from ..sentence_filter import ActorCues, SentenceFilter

        actors = self.stages[names.index(ACTORS.name)].run
        events = self.stages[names.index(EVENT_CODER.name)].run
        if not (isinstance(actors, ActorCoder) and isinstance(events, EventCoder)):
            return None  # a user's stage under a shipped name: its cues are unknown
        cues = ActorCues(
            actors.cue_words(), actors.referring_words(), COREF_WINDOW, actors.dictionary_names()
        )
        nlp = load_model(self.settings.model)
        chooser = SentenceFilter(
            triggers(events.patterns), cues, lemma_guesser(nlp), common_words(nlp)
        )
        return chooser.keep

    def code(self, docs: Sequence[Document]) -> Coded:
        """Code the documents that are neither skipped nor duplicates, in one ``nlp.pipe``.

        A document that a stage cannot code becomes a Failure with no events; the
        others are coded as usual.
        """
        todo = [doc for doc in docs if doc.status is DocStatus.CODED]  # to be coded
        # the batch's new words leave spaCy's vocabulary with its Docs: memory stays flat
        with self.parser.memory_zone():
            failures = self._parse(todo)
            for doc in todo:
                if doc.parsed is not None:
                    self._run_stages(doc, failures)
        return Coded(list(docs), failures)

    def _run_stages(self, doc: Document, failures: list[Failure]) -> None:
        stage_name = PARSE_STAGE
        try:
            for stage in self.stages:
                # a stage added by hand to ``stages`` is named by its class
                stage_name = getattr(stage, "name", type(stage).__name__)
                stage(doc)
        except Exception as exc:  # one document's problem must not stop the batch
            failures.append(coding_failed(doc, stage_name, exc))
        finally:
            doc.parsed = None  # the spaCy Doc is per batch, never kept

    def _parse(self, docs: list[Document]) -> list[Failure]:
        """Parse in one batch; when the batch fails, one by one to find the culprit."""
        try:
            self.parser.parse(docs)
            return []
        except Exception:
            log.warning("parsing a batch of %d failed; parsing one by one", len(docs))
        failures = []
        for doc in docs:
            try:
                self.parser.parse([doc])
            except Exception as exc:
                failures.append(coding_failed(doc, PARSE_STAGE, exc))
        return failures


def coding_failed(doc: Document, stage: str, exc: Exception) -> Failure:
    """``doc`` marked as failed in ``stage``, and the Failure the errors table keeps."""
    # the reason reaches the user as one error line; the traceback only with -vv
    log.debug("%s: %s stage failed", doc.path, stage, exc_info=exc)
    doc.fail(stage, str(exc))
    return Failure(doc.path, stage, f"{type(exc).__name__}: {exc}")
