"""Actor vocabularies: the shipped data files plus user dictionaries, indexed for phrase lookup.

User dictionaries (``Settings.actor_files``, the CLI's ``--actors FILE``) come in three forms,
chosen by the file's extension; later files override earlier ones and all override the
shipped entries:

* CSV (``.csv``), one actor a row, ``#`` lines are comments::

      name,aliases,country,sector,kind,valid_from,valid_to
      Ali Larijani,Larijani|Ali Ardeshir Larijani,IRN,GOV,person,2005-08-15,2008-05-28

  ``aliases`` are ``|``-separated; ``kind`` (person|group|state|organisation) and the dates
  (ISO ``YYYY-MM-DD``, either may be empty) are optional. Country codes are ISO alpha-3;
  CAMEO codes that differ (``JAP``) are mapped.
* YAML (``.yaml``/``.yml``): a list of mappings with the same keys, ``aliases`` a list.
* PETRARCH/TABARI (any other extension): actors are ``NAME_`` lines with ``+ALIAS`` lines and
  ``[CODE date-range]`` codes (``[IRNGOV >080801]``, ``[USAELI 340101-670324]``) on the same
  line or on indented lines below; agents are ``NOUN [~SECTOR]`` role nouns.
"""

from .entries import (
    COUNTRY_KINDS,
    KINDS,
    DictionaryMatch,
    Entry,
    EntryKind,
    Role,
    phrase_key,
    token_key,
)
from .files import cameo_codes, data_rows, word_list
from .loading import load_lexicon, read_actor_file
from .petrarch import petrarch_actors
from .vocabulary import Lexicon, edit_distance

__all__ = [
    "COUNTRY_KINDS",
    "KINDS",
    "DictionaryMatch",
    "Entry",
    "EntryKind",
    "Lexicon",
    "Role",
    "cameo_codes",
    "data_rows",
    "edit_distance",
    "load_lexicon",
    "petrarch_actors",
    "phrase_key",
    "read_actor_file",
    "token_key",
    "word_list",
]
