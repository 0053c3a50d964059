"""PETRARCH2/TABARI verb dictionaries and discard lists, read as Dateline dependency patterns.

A verb dictionary (``--patterns CAMEO.2.0.txt``) is recognised by its content: lines such
as ``--- RESTORE [---] ---`` open verb blocks. Anything else that is not YAML is read as a
discard list. PETRARCH matched its patterns on Treebank phrase trees; here each pattern
is applied to the spaCy dependency parse of raw text, read as follows:

=====================  ===================================================================
construct              interpretation
=====================  ===================================================================
``--- NAME [code] ---``  a verb block; ``code`` is the code of its verbs used alone
``VERB {FORMS} [c]``   a verb of the block (its lemma), irregular forms indexed too, its
                       own code when alone (else the block's); ``+ROUND_UP`` / ``A_+B``:
                       a multi-word verb, the ``+`` word is the verb, the others must be
                       found before/after it like pattern words
``- … * …  [code]``    a pattern: ``*`` is the verb, the words after it must be found in
                       that order among the words the verb governs after it (its object
                       phrase, particles, prepositional phrases; not coordinated or
                       adverbial clauses), the words before it among those before it (its
                       subject phrase, auxiliaries, adverbs, the verbs governing it)
``$`` / ``+``          where the source / the target is: after a word, the object of that
                       word (``TIES WITH +``: the object of "with"); right after ``*``, the
                       direct object; before ``*``, the subject (for ``+``, the grammatical
                       subject whatever the voice: ``+ WAS * BY $``). Dateline's usual
                       roles are tried after it, and for a user's dictionary, as PETRARCH
                       does, the objects of "in", "of", "about", "over" too ("arrived in X")
``%``                  a compound actor: "X and Y agreed" codes X -> Y and Y -> X
``&SYNSET``            one of the set's words or phrases (a phrase: consecutive words);
                       sets may contain sets, and may be defined anywhere in the file
``[code:code2]``       paired codes: the event source -> target gets ``code``, a second
                       event target -> source gets ``code2`` ("arrived in Gondor": a visit
                       by one, hosted by the other)
``[---]``              no event: the pattern matches and stops the others (PETRARCH's
                       null code)
``[+++]``              TABARI's complex-event flag, which PETRARCH2 does not implement: the
                       pattern is skipped
``_``                  joins words into a phrase found on consecutive words
                       (``DEATH_TOTAL``: not "death and injury total"); a run with ``*``,
                       a marker or a synset is split into its words (``WOULD_*_TALKS``)
``#``, ``;``, ``<!-- -->``  comments
``( )``, ``{ }``, ``^``  phrase brackets and skip markers of PETRARCH2's tree patterns:
                       ignored (their words still count)
=====================  ===================================================================

The longest pattern wins (most words), as in PETRARCH. Words match a token's form or its
lemma ("TIES" matches "ties" and "tie"). A code the codebook lacks (the validation
suite's WEIS codes ``903``, ``075A``) becomes a new event type with the Goldstein score,
QuadClass and PLOVER type of its nearest parent code, else those of ``010``.

Discard lists: one phrase a line; a sentence containing a phrase codes no event, and a
``+PHRASE`` discards every sentence of its document (sport, chronologies).
"""

from .codes import NULL_CODE, nearest_parent, new_codes
from .discards import Discards, read_discards
from .slots import WordSlot, word_slot
from .verbs import VerbDictionary, VerbPattern, is_verb_dictionary, read_verb_dictionary

__all__ = [
    "NULL_CODE",
    "Discards",
    "VerbDictionary",
    "VerbPattern",
    "WordSlot",
    "is_verb_dictionary",
    "nearest_parent",
    "new_codes",
    "read_discards",
    "read_verb_dictionary",
    "word_slot",
]
