"""The language of a cleaned text (py3langid), and whether it is sure enough to skip on."""

from __future__ import annotations

from dataclasses import dataclass

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from .. import resources

LANGUAGE_PROBE = 5000  # characters enough to tell the language
# below this probability a short or tabular text ("Shr 81 cts vs 2.78 dlrs") is not skipped
# for its language: a wrong guess would silently drop an English story
MIN_LANGUAGE_CONFIDENCE = 0.5
# "Nigeria cut ties with Niger." reads as Nigerian Pidgin (0.74) and English (0.26); a text
# really in another language leaves the wanted ones near nil
MIN_WANTED_LANGUAGE_SHARE = 0.1


@dataclass(frozen=True)
class LanguageGuess:
    language: str  # ISO 639-1
    probability: float

    @property
    def sure(self) -> bool:
        """Sure enough to skip a document for its language."""
        return self.probability >= MIN_LANGUAGE_CONFIDENCE


def identify_language(text: str) -> LanguageGuess:
    """The most likely language of ``text`` and its probability."""
    language, probability = _identifier().classify(text[:LANGUAGE_PROBE])
    return LanguageGuess(language, probability)


def reads_as(text: str, languages) -> bool:
    """Whether ``text`` may well be in one of ``languages``, whatever the first guess: on
    the whole text, or on its common words, when its names would decide a short text
    ("Kenya and Uganda met Ethiopia." reads as Kikuyu; "and met" tells nothing)."""
    probe = text[:LANGUAGE_PROBE]
    if _wanted_share(_identifier().rank(probe), languages) >= MIN_WANTED_LANGUAGE_SHARE:
        return True
    common = " ".join(word for word in probe.split() if not word[:1].isupper())
    ranked = _identifier().rank(common)  # one pass gives the best guess and the shares
    best = LanguageGuess(*ranked[0])
    return not best.sure or _wanted_share(ranked, languages) >= MIN_WANTED_LANGUAGE_SHARE


def _wanted_share(ranked: list[tuple[str, float]], languages) -> float:
    return sum(probability for language, probability in ranked if language in languages)


def _identifier() -> LanguageIdentifier:
    # py3langid's own model, not a Dateline data file: loaded once (about a second) and
    # kept in the resources cache beside the vocabularies
    return resources.derived(
        (),
        "language identifier",
        lambda: LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True),
    )
