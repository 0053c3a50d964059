"""Actors stage: who takes part in the story, coded with a country and a sector."""

from .phrases import COMPATIBLE, COREF_WINDOW, PRONOUNS, ActorCoder, Candidate

__all__ = ["COMPATIBLE", "COREF_WINDOW", "PRONOUNS", "ActorCoder", "Candidate"]
