"""Codes a dictionary uses that the codebook lacks: new event types from their parents."""

from __future__ import annotations

from ..ontology import CameoCode, Codebook

NULL_CODE = "---"  # PETRARCH's null code: the pattern matches and codes no event
# TABARI's complex-event flag (the sentence was set aside for a human coder); PETRARCH2 does
# not implement it: a pattern with it is skipped, and the verb's other patterns code
COMPLEX_CODE = "+++"
NEUTRAL_CODE = "010"  # attributes of a code with no known parent


def new_codes(codes: set[str], codebook: Codebook, origin: str) -> list[CameoCode]:
    """Event types for the codes a dictionary uses that the codebook lacks: each takes the
    attributes of its nearest parent code, else those of the neutral ``010``."""
    added = []
    for code in sorted(codes - {NULL_CODE}):
        if code in codebook:
            continue
        parent = nearest_parent(code, codebook) or NEUTRAL_CODE
        known = codebook[parent]
        added.append(
            CameoCode(
                code,
                f"{origin} code {code}",
                known.goldstein,
                known.quad_class,
                known.plover_type,
                known.plover_mode,
            )
        )
    return added


def nearest_parent(code: str, codebook: Codebook) -> str | None:
    """The longest prefix of ``code`` (two digits at least) that the codebook knows."""
    for length in range(len(code) - 1, 1, -1):
        if code[:length] in codebook:
            return code[:length]
    return None
