"""Events stage: trigger words in the parse -> CAMEO/PLOVER events with roles and modality."""

from .coder import EventCoder
from .ontology import PLOVER_TYPES, Codebook, shipped_codebook
from .patterns import load_patterns
from .triggers import Trigger, triggers

__all__ = [
    "PLOVER_TYPES",
    "Codebook",
    "EventCoder",
    "Trigger",
    "load_patterns",
    "shipped_codebook",
    "triggers",
]
