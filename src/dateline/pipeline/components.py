"""The coding stages as components: each says what it assigns and requires, found by name.

A component is what a stage registers (spaCy's factories are the model): its ``name``
(the stage named in the errors table and in ``Settings.stages``), a ``version``, the
document fields it ``assigns`` and those it ``requires``, and ``build(settings)``, which
gives the stage: a ``stage(doc) -> doc`` callable. A pipeline is checked when it is
assembled (``check``): a stage that requires a field no stage before it assigns fails
then, naming both, not halfway through a run.

The shipped components are declared here, and only here; their modules (spaCy, the
vocabularies) are imported when a pipeline builds them, never at import. A user's coder
plugs in through the entry point group ``dateline.components``: an installed package
declares ``mycoder = "mypackage.module:component"`` (an object with this module's
``Component`` shape) and names it in ``Settings.stages``. Entry points are loaded only
when a pipeline asks for their name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from copy import copy
from dataclasses import dataclass, replace
from importlib.metadata import EntryPoint, entry_points
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import PipelineError
from ..model import Document
from ..settings import Settings

if TYPE_CHECKING:
    from ..events.classifier import EventTypeClassifier

ENTRY_POINT_GROUP = "dateline.components"
# What every document holds before the first stage: clean and dedup wrote these, the
# parser the sentences and the spaCy Doc.
CLEANED = ("doc.text", "doc.title", "doc.published", "doc.dateline", "doc.language")
PARSED = ("doc.sentences", "doc.parsed")
EVENTS = "doc.events"

Stage = Callable[[Document], Document]


class Component(Protocol):
    """What a stage registers: its name, version, the fields it assigns and requires, and
    how to build it for some settings."""

    name: str
    version: str
    assigns: tuple[str, ...]
    requires: tuple[str, ...]

    def build(self, settings: Settings) -> Stage: ...


@dataclass(frozen=True)
class Factory:
    """A component whose stage ``make(settings)`` builds: how the shipped ones are declared."""

    name: str
    version: str
    assigns: tuple[str, ...]
    requires: tuple[str, ...]
    make: Callable[[Settings], Stage]

    def build(self, settings: Settings) -> Stage:
        return self.make(settings)


def _actors(settings: Settings) -> Stage:
    from ..actors import ActorCoder

    return ActorCoder(settings)


def _events(settings: Settings) -> Stage:
    from ..events import EventCoder

    return EventCoder(settings)


def _casualties(settings: Settings) -> Stage:
    from ..casualties import CasualtyCounter

    return CasualtyCounter(settings)


def _when(settings: Settings) -> Stage:
    from ..when import EventDater

    return EventDater(settings)


def _where(settings: Settings) -> Stage:
    from ..where import EventPlacer

    return EventPlacer(settings)


@dataclass(frozen=True)
class _Classifier:
    """Builds the classifier stage around ``classifier`` (None: the shipped model)."""

    classifier: EventTypeClassifier | None = None

    def __call__(self, settings: Settings) -> Stage:
        from ..events.classifier import ClassifierCoder  # needs the [embed] extra

        return ClassifierCoder(settings, classifier=self.classifier)


ACTORS = Factory(
    "actors", "actors.v1", ("doc.actors", "doc.mentions"), (*PARSED, "doc.dateline"), _actors
)
EVENT_CODER = Factory(
    "events", "patterns.v1", (EVENTS,), (*PARSED, "doc.actors", "doc.mentions"), _events
)
CLASSIFIER = Factory(
    "classifier", "classifier.v1", (EVENTS,), (*PARSED, "doc.mentions", EVENTS), _Classifier()
)
CASUALTIES = Factory(
    "casualties",
    "casualties.v1",
    ("event.fatalities", "event.injured", "event.arrested"),
    ("doc.parsed", EVENTS),
    _casualties,
)
WHEN = Factory(
    "when",
    "when.v1",
    ("event.date", "event.date_precision", "event.date_expression"),
    ("doc.parsed", "doc.published", EVENTS),
    _when,
)
WHERE = Factory(
    "where", "where.v1", ("event.place",), ("doc.parsed", "doc.mentions", EVENTS), _where
)
SHIPPED = (ACTORS, EVENT_CODER, CLASSIFIER, CASUALTIES, WHEN, WHERE)


def classifier_component(classifier: EventTypeClassifier) -> Factory:
    """The classifier stage around a given classifier (another embedder, a fake in tests)."""
    return replace(CLASSIFIER, make=_Classifier(classifier))


def default_stages(settings: Settings) -> tuple[str, ...]:
    """The stages a pipeline runs: ``settings.stages``, else the shipped order (with the
    classifier after the patterns when ``settings.classifier`` is on)."""
    if settings.stages:
        if settings.classifier and CLASSIFIER.name not in settings.stages:
            raise PipelineError("classifier is on, but the stages given do not name it")
        return settings.stages
    classifier = (CLASSIFIER.name,) if settings.classifier else ()
    return (ACTORS.name, EVENT_CODER.name, *classifier, CASUALTIES.name, WHEN.name, WHERE.name)


class Registry:
    """Components by name: the shipped ones and those of installed entry points."""

    def __init__(
        self,
        components: Iterable[Component] = SHIPPED,
        plugins: Iterable[EntryPoint] | None = None,
    ):
        self._components: dict[str, Component] = {c.name: c for c in components}
        found = entry_points(group=ENTRY_POINT_GROUP) if plugins is None else plugins
        self._plugins = {point.name: point for point in found}
        clash = sorted(set(self._plugins) & set(self._components))
        if clash:
            raise PipelineError(f"entry points reuse the names of shipped stages: {clash}")

    def names(self) -> list[str]:
        return sorted({*self._components, *self._plugins})

    def replacing(self, *components: Component) -> Registry:
        """This registry with ``components`` in place of those of the same names."""
        registry = copy(self)
        registry._components = {**self._components, **{c.name: c for c in components}}
        return registry

    def get(self, name: str) -> Component:
        if name in self._components:
            return self._components[name]
        if name not in self._plugins:
            raise PipelineError(f"no stage named {name!r} (known: {', '.join(self.names())})")
        component = _loaded(self._plugins[name])
        self._components[name] = component
        return component


def _loaded(point: EntryPoint) -> Component:
    try:
        component: Any = point.load()
    except Exception as exc:  # a broken plug-in names itself, it does not crash the import
        raise PipelineError(f"entry point {point.name!r} ({point.value}): {exc}") from exc
    if getattr(component, "name", None) != point.name:
        raise PipelineError(
            f"entry point {point.name!r} ({point.value}) gives a component named "
            f"{getattr(component, 'name', None)!r}"
        )
    return component


def check(components: Sequence[Component]) -> None:
    """A ``PipelineError`` unless every stage's requirements are met by the ones before it."""
    available = {*CLEANED, *PARSED}
    seen: set[str] = set()
    for component in components:
        if component.name in seen:
            raise PipelineError(f"stage {component.name!r} is given twice")
        seen.add(component.name)
        missing = [field for field in component.requires if field not in available]
        if missing:
            raise PipelineError(
                f"stage {component.name!r} requires {', '.join(missing)}, which no stage "
                f"before it assigns (stages: {', '.join(c.name for c in components)})"
            )
        available.update(component.assigns)
