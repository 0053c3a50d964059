"""The gazetteer's index: names to places, and the choice among namesakes in a story."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from .places import (
    ADMIN1,
    ADMIN2,
    CITY,
    COUNTRY,
    REGION,
    Context,
    GazPlace,
    Respelling,
    distance_km,
    name_key,
)
from .scoring import (
    CURATED,
    KIND_PRIOR,
    PRIMARY,
    add_votes,
    index_entry,
    lies_in,
    named_after_its_city,
    outranked_alias,
    score,
    votes_of,
    without_own_votes,
)

# ", Tenn." or ", North Carolina" right after a name: up to three capitalised words.
_QUALIFIER = re.compile(r"\s*,\s*([A-Z][\w.']*(?:[ \t]+[A-Z][\w.']*){0,2})")
# The smallest city whose name tells the country of a place the parse cannot ("Samarra"):
# smaller towns share their names too often with places elsewhere.
CITY_COUNTRY_POPULATION = 15000
# The smallest place abroad that a story with a country of its own may mean: a smaller
# one is more often a namesake of a local place the gazetteer lacks (a city's district).
FOREIGN_PLACE_POPULATION = 100000
# ... unless it lies this close to the centre of one of the story's countries (a town just
# across a border)
NEIGHBOUR_KM = 800.0


class Gazetteer:
    """Name -> places index; build it with ``load_gazetteer`` (cached in memory and on disk).

    Places are kept as plain tuples and the index as lists of integer entries (place
    number, whether the name is the place's own, whether our alternate-names file gave
    it) so that the cached index loads from disk in a fraction of a second.
    """

    def __init__(
        self,
        places: Iterable[tuple[GazPlace, Iterable[str]]] = (),
        respelling: Respelling | None = None,
    ):
        self._respelling = respelling or Respelling()
        self._rows: list[tuple] = []
        self._index: dict[str, list[int]] = {}
        self._countries: dict[str, int] = {}
        for place, alternates in places:
            self.add(place, alternates)

    def __len__(self) -> int:
        return len(self._rows)

    def add(self, place: GazPlace, alternates: Iterable[str] = (), curated: bool = False) -> None:
        """Index ``place`` under its name and ``alternates``; a ``curated`` place (from our
        region files) is preferred over namesakes, as an alias from our files is."""
        number = len(self._rows)
        self._rows.append(place.row())
        self._add_name(place.name, index_entry(number, primary=True, curated=curated))
        for alternate in alternates:
            self._add_name(alternate, index_entry(number, primary=False))
        if place.precision == COUNTRY and place.country:
            self._countries.setdefault(place.country, number)

    def add_alias(self, alias: str, name: str, country: str | None, precision: str = "") -> bool:
        """``alias`` is another name of the place ``name`` in ``country``, preferred over
        other places called ``alias``; the most prominent such place when several are."""
        numbers = [
            e >> 2
            for e in self._index.get(name_key(name), ())
            if self._rows[e >> 2][1] == country and precision in ("", self._rows[e >> 2][7])
        ]
        if not numbers:
            return False
        target = max(numbers, key=lambda n: _rank(self._place(n)))
        self._add_name(alias, index_entry(target, primary=True, curated=True))
        return True

    def _add_name(self, name: str, entry: int) -> None:
        entries = self._index.setdefault(name_key(name), [])
        for i, known in enumerate(entries):
            if known >> 2 == entry >> 2:
                if entry & CURATED:
                    entries[i] = entry
                return
        entries.append(entry)

    def _place(self, number: int) -> GazPlace:
        return GazPlace(*self._rows[number])

    def lookup(self, name: str) -> list[GazPlace]:
        """Every place called ``name`` (own or alternate name), in no particular order."""
        return [self._place(e >> 2) for e in self._entries(name_key(name))]

    def _entries(self, key: str) -> list[int]:
        """The index entries of a name key, else of the key respelled ("St." for "Saint")."""
        if key in self._index:
            return self._index[key]
        return next((self._index[k] for k in self._respelling.of(key) if k in self._index), [])

    def country(self, iso3: str) -> GazPlace | None:
        number = self._countries.get(iso3)
        return None if number is None else self._place(number)

    def resolve(
        self,
        name: str,
        context: Context | None = None,
        *,
        within: GazPlace | None = None,
        own: bool = False,
    ) -> GazPlace | None:
        """The most plausible place called ``name`` in a story with ``context``; a town
        or county inside ``within`` (the state or country written after it) when any;
        only among places whose own name (or curated alias) it is when ``own``."""
        key = name_key(name)
        voted = [self._place(e >> 2) for e in self._entries(key)]
        candidates = list(zip(voted, self._entries(key), strict=True))
        if own:
            candidates = [(p, e) for p, e in candidates if e & (PRIMARY | CURATED)]
        if not candidates:
            return None
        if within is not None:
            inside = [(p, e) for p, e in candidates if lies_in(p, within)]
            candidates = inside or candidates
        context = without_own_votes(context or Context(), key, voted)
        seats = {
            (p.country, p.admin1_code) for p, e in candidates if p.precision == CITY and e & PRIMARY
        }
        biggest_own = max((p.population for p, e in candidates if e & PRIMARY), default=-1)
        scored = (
            (score(place, e, context, key), e)
            for place, e in candidates
            if not named_after_its_city(place, seats) and not outranked_alias(place, e, biggest_own)
        )
        return self._place(max(scored)[1] >> 2)

    def resolve_phrase(
        self,
        phrase: str,
        context: Context | None = None,
        *,
        within: GazPlace | None = None,
        skip: Collection[str] = (),
    ) -> GazPlace | None:
        """The place a phrase names: the whole phrase, else the phrase without a leading
        word in ``skip`` ("southern Lebanon" -> Lebanon, a country rather than a wrong
        city), else its shorter beginnings ("Baghdad airport" -> Baghdad).

        A shorter beginning counts only as a place's own name: "Indian Ocean" is not
        India, nor "City Hall" a town that GeoNames also calls "City"; and a phrase with
        "of" names an institution, not its first word ("Bank of Japan")."""
        place = self.resolve(phrase, context, within=within)
        words = phrase.split()
        if place is not None or not words:
            return place
        if len(words) > 1 and words[0].lower() in skip:
            words = words[1:]
            place = self.resolve(" ".join(words), context, within=within)
        shorter = [] if "of" in words else range(len(words) - 1, 0, -1)
        for end in shorter:
            if place is not None:
                break
            place = self.resolve(" ".join(words[:end]), context, within=within, own=True)
        return place

    def qualifier(self, following: str) -> GazPlace | None:
        """The state or country that the text after a name writes to place it:
        ", Tenn." after "Paris", ", Ontario, Canada" after "London"."""
        match = _QUALIFIER.match(following)
        if match is None:
            return None
        words = match.group(1).split()
        for end in range(len(words), 0, -1):
            place = self.resolve(" ".join(words[:end]))
            if place is not None and place.precision in (ADMIN1, COUNTRY):
                return place
        return None

    def context_for(self, names: Iterable[str], context: Context | None = None) -> Context:
        """Add to ``context`` the countries and states that a story's place names point to.

        Each name votes for the countries and the states of its candidates, split among
        them ("Richmond" votes for the USA, Britain, Canada ... and many states alike);
        a name that is a country's votes for no state. When a name is resolved, its own
        state votes are left out. A state is named when the name is one, or when all
        its candidates lie in it.
        Then every name is resolved once, and its city or county becomes a neighbour
        that pulls the story's other names towards it.
        """
        context = context or Context()
        names = list(names)
        for name in names:
            candidates = self.lookup(name)
            votes = votes_of(candidates)
            add_votes(context.countries, votes.countries)
            add_votes(context.states, votes.states)
            key = name_key(name)
            context.voters[key] = context.voters.get(key, 0) + 1
            if len(votes.states) == 1 or any(c.precision == ADMIN1 for c in candidates):
                best = self.resolve(name, context)
                if best and best.admin1_code and best.country:
                    context.admin1s.add((best.country, best.admin1_code))
        for name in names:
            best = self.resolve(name, context)
            if best is not None and best.precision in (CITY, ADMIN2):
                context.neighbours[name_key(name)] = best
        return context

    def city_country(self, name: str) -> str | None:
        """The country of the most populous city so named (own or alternate name, at least
        ``CITY_COUNTRY_POPULATION`` people): "Basra" -> IRQ."""
        cities = [
            place
            for place in self.lookup(name)
            if place.precision == CITY and place.population >= CITY_COUNTRY_POPULATION
        ]
        return max(cities, key=lambda p: p.population).country if cities else None

    def place_country(self, name: str, prefer: Collection[str] = ()) -> str | None:
        """The country of a city (of ``CITY_COUNTRY_POPULATION`` people or more), state,
        province or region whose own name (or curated alias) it is: one in a ``prefer``
        country (the story's own) when any, else the most populous, and a place abroad
        only if it is big (``FOREIGN_PLACE_POPULATION``) when the story has a country.
        Other alternate names are left out ("Borno" is Nigeria's state, not a German
        town's alias), and a sea or a region of many countries names none ("the Red Sea"
        is no Sudanese state)."""
        own = [
            self._place(e >> 2) for e in self._entries(name_key(name)) if e & (PRIMARY | CURATED)
        ]
        if any(place.precision == REGION and not place.country for place in own):
            return None
        places = [place for place in own if place.country and _names_a_country_place(place)]
        preferred = [place for place in places if place.country in prefer]
        if prefer and not preferred:
            places = [place for place in places if self._may_be_meant_abroad(place, prefer)]
        return max(preferred or places, key=lambda p: p.population).country if places else None

    def _may_be_meant_abroad(self, place: GazPlace, prefer: Collection[str]) -> bool:
        """A place outside the story's countries is meant if it is big or near them
        ("Jericho" in a story about Israel; not a Nairobi district's English namesake)."""
        if place.population >= FOREIGN_PLACE_POPULATION:
            return True
        centres = (self.country(code) for code in prefer)
        return any(c is not None and distance_km(place, c) <= NEIGHBOUR_KM for c in centres)

    def most_populous(self, name: str) -> GazPlace | None:
        """The baseline choice: the biggest place of that name, whatever the story."""
        return max(self.lookup(name), key=lambda p: p.population, default=None)


def _names_a_country_place(place: GazPlace) -> bool:
    """A state, a region or a city big enough for its name to tell its country."""
    if place.precision == CITY:
        return place.population >= CITY_COUNTRY_POPULATION
    return place.precision in (ADMIN1, REGION)


def _rank(place: GazPlace) -> tuple[float, int]:
    return (KIND_PRIOR[place.precision], place.population)
