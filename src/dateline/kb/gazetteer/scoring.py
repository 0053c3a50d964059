"""How same-named places compete: the weights of each clue, a candidate's score, and the
votes a story's names cast for countries and states."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from .places import ADMIN1, ADMIN2, CITY, COUNTRY, NEARBY_KM, REGION, Context, GazPlace, distance_km

# How much a kind of place is preferred when names collide: "Georgia" the state or the
# country is a better guess than a village called Georgia.
KIND_PRIOR = {COUNTRY: 3.0, REGION: 2.5, ADMIN1: 2.0, ADMIN2: 0.0, CITY: 0.0}
# Bits of an index entry below the place number.
PRIMARY, CURATED = 2, 1


@dataclass(frozen=True)
class Weights:
    """How much each clue counts when same-named places compete (tuned on LGL/TR-News/GWN)."""

    population: float = 0.6  # per tenfold population
    own_name: float = 1.0  # the name is the place's own, not an alternate
    curated: float = 3.0  # our alternate-names file points the name at this place
    country_share: float = 4.0  # times the story's share of votes for the place's country
    country_named: float = 1.0  # the story names the place's country at all
    state_named: float = 2.0  # the story names the place's state
    near_dateline: float = 1.5  # within NEARBY_KM of the dateline place
    neighbour: float = 1.5  # per other place the story names within NEARBY_KM (up to 3)
    state_share: float = 4.0  # times the story's share of votes for the place's state


WEIGHTS = Weights()


def index_entry(number: int, primary: bool, curated: bool = False) -> int:
    return number << 2 | (PRIMARY if primary else 0) | (CURATED if curated else 0)


def score(place: GazPlace, entry: int, context: Context, key: str = "") -> float:
    weights = WEIGHTS
    score = KIND_PRIOR[place.precision] + weights.population * math.log10(place.population + 1)
    score += weights.own_name * bool(entry & PRIMARY) + weights.curated * bool(entry & CURATED)
    total = sum(context.countries.values())
    if place.country and total:
        score += weights.country_share * context.countries.get(place.country, 0.0) / total
        score += weights.country_named * (place.country in context.countries)
    elif total:
        # A region across countries ("the Gulf", "EU") lies in the story's countries too.
        score += weights.country_named
    state = (place.country, place.admin1_code)
    if place.country and state in context.admin1s:
        score += weights.state_named
    state_votes = sum(context.states.values())
    # The votes choose among places inside states; a state itself would vote for itself.
    if place.country and state_votes and place.precision != ADMIN1:
        score += weights.state_share * context.states.get(state, 0.0) / state_votes
    if context.near and distance_km(context.near, place) < NEARBY_KM:
        score += weights.near_dateline
    if place.precision in (CITY, ADMIN2):
        near = sum(
            other != key and distance_km(place, neighbour) < NEARBY_KM
            for other, neighbour in context.neighbours.items()
        )
        score += weights.neighbour * min(near, 3)
    return score


def named_after_its_city(place: GazPlace, seats: set[tuple[str | None, str | None]]) -> bool:
    """A province that bears the own name of one of its cities: "Baghdad" means the city."""
    return place.precision == ADMIN1 and (place.country, place.admin1_code) in seats


def lies_in(place: GazPlace, container: GazPlace) -> bool:
    """Whether a town or county lies in the state or country ``container``."""
    if place.precision not in (CITY, ADMIN2) or place.country != container.country:
        return False
    if container.precision == COUNTRY:
        return True
    # Our region files give a state by name only ("England"), GeoNames by its code.
    if container.admin1_code:
        return place.admin1_code == container.admin1_code
    return place.admin1 == container.name


def outranked_alias(place: GazPlace, entry: int, biggest_own: int) -> bool:
    """A town reached only through one of its GeoNames alternate names, when a bigger
    place bears that name as its own: "Egypt" is not a nickname of an Ohio village."""
    alias = not entry & (PRIMARY | CURATED)
    return alias and place.precision == CITY and place.population < biggest_own


@dataclass(frozen=True)
class Votes:
    """What one mention of a name votes for, each share a fraction of one vote."""

    countries: dict[str, float]
    states: dict[tuple[str, str], float]


def votes_of(candidates: list[GazPlace]) -> Votes:
    """What one mention of a name votes for: its candidates' countries and their states,
    each vote split evenly among them."""
    countries = {c.country for c in candidates if c.country}
    # A country's name is no vote for the state of a town called after it ("Russia, Ohio").
    states = set()
    if not any(c.precision == COUNTRY for c in candidates):
        states = {(c.country, c.admin1_code) for c in candidates if c.admin1_code and c.country}
    return Votes(_split(countries), _split(states))


def _split(choices: set) -> dict:
    return {choice: 1 / len(choices) for choice in choices}


def without_own_votes(context: Context, key: str, candidates: list[GazPlace]) -> Context:
    """The context less the state votes the name ``key`` cast itself: only the story's
    other names are evidence for which state's namesake it is."""
    times = context.voters.get(key, 0)
    if not times:
        return context
    # Only its state votes: a famous name's country votes keep London in England when
    # every other name of the story has an American namesake too.
    states = votes_of(candidates).states
    return replace(context, states=add_votes(dict(context.states), states, -times))


def add_votes(votes: dict, shares: dict, times: float = 1) -> dict:
    """``votes`` plus ``times`` the ``shares`` (minus, to take votes back)."""
    for choice, share in shares.items():
        left = votes.get(choice, 0.0) + times * share
        if left > 1e-9:
            votes[choice] = left
        else:
            votes.pop(choice, None)
    return votes
