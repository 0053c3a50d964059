"""Word slots: how a pattern word is found on tokens, the word itself or the phrases of
its ``&synset`` (a phrase: consecutive words, a set's phrase among them: "new &tietypes
relations"), each word with the singulars it may stand for."""

from __future__ import annotations

from dataclasses import dataclass

from ...errors import ConfigError


@dataclass(frozen=True)
class WordSlot:
    """One pattern word: any of its phrases, each a run of words given by their forms."""

    phrases: tuple[tuple[frozenset[str], ...], ...]
    firsts: frozenset[str] = frozenset()  # the forms any phrase may start with: a quick test


def word_slot(word: str, synsets: dict[str, tuple[str, ...]]) -> WordSlot:
    """The slot of a pattern word: the word itself, or the phrases of its ``&synset``
    (sets inside sets expanded)."""
    phrases = tuple(tuple(_forms(w) for w in p) for p in _phrases(word, synsets, 0) if p)
    return WordSlot(phrases, frozenset().union(*(p[0] for p in phrases)))


def _phrases(word: str, synsets: dict[str, tuple[str, ...]], depth: int) -> list[tuple[str, ...]]:
    if " " in word and "&" in word:
        # "new &tietypes relations": each phrase of the set between the words, consecutive
        runs: list[tuple[str, ...]] = [()]
        for item in word.split():
            runs = [run + phrase for run in runs for phrase in _phrases(item, synsets, depth)]
        return runs
    if not word.startswith("&"):
        return [tuple(word.lower().split())]
    name = word[1:].rstrip("_").lower()
    if depth > 5:
        raise ConfigError(f"synset &{name} contains itself")
    if name not in synsets:
        raise ConfigError(f"unknown synset &{name}")
    out: list[tuple[str, ...]] = []
    for member in synsets[name]:
        out.extend(
            _phrases(member, synsets, depth + 1)
            if member.startswith("&")
            else [tuple(member.split())]
        )
    return out


def _forms(word: str) -> frozenset[str]:
    """A pattern word and the singulars it may stand for ("ties" -> "tie", "parties" ->
    "party"), since tokens are matched by form or by lemma."""
    forms = {word}
    if word.endswith("ies") and len(word) > 4:
        forms.add(word[:-3] + "y")
    if word.endswith("es") and len(word) > 3:
        forms.add(word[:-2])
    if word.endswith("s") and not word.endswith("ss") and len(word) > 2:
        forms.add(word[:-1])
    return frozenset(forms)
