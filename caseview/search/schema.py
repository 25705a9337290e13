"""The Whoosh schema of a caseview index and the analysers behind it.

``body`` is stemmed (Snowball English, which handles "running" → "run" where Porter gives "runn")
for recall; ``exact`` holds the same text unstemmed and without stop words removed, so that a
quoted phrase means exactly those words in that order (phrase queries on a stemmed field with a
stop list skip the stop words).

The positional fields (``title``, ``outlet``, ``exact``) store their positions in
:class:`~caseview.search.positions_format.CompactPositions` rather than Whoosh's pickled ``Positions``
(a third of the room; the index on disk was 4.7× the raw text), and ``body`` its postings in
:class:`~caseview.search.weight_format.WeightOnly` (no 4-byte frequency beside the weight).
"""

from __future__ import annotations

from whoosh import fields
from whoosh.analysis import Analyzer, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.lang.snowball.english import EnglishStemmer

from caseview.search.positions_format import CompactPositions
from caseview.search.weight_format import WeightOnly

#: Bump when the schema or an analyser changes: an index built by another version is rebuilt.
#: 4: CompactPositions for the positional fields, WeightOnly for body, path not stored;
#: 5: documents' metadata read again (author and outlet from bylines; no template dates).
SCHEMA_VERSION = 5

#: Words: letters and digits, with inner apostrophes or dots kept ("U.S.", "don't").
WORD_PATTERN = r"\w+(?:[.'’]\w+)*"

_stemmer = EnglishStemmer()


def stem_word(word: str) -> str:
    """The stem the ``body`` field indexes for a lower-cased word."""
    stem: str = _stemmer.stem(word)
    return stem


def body_analyzer() -> Analyzer:
    return (
        RegexTokenizer(WORD_PATTERN)
        | LowercaseFilter()
        | StopFilter(minsize=1)
        | StemFilter(stemfn=stem_word, cachesize=100_000)
    )


def exact_analyzer() -> Analyzer:
    return RegexTokenizer(WORD_PATTERN) | LowercaseFilter()


def name_analyzer() -> Analyzer:
    """Titles, outlets and notes: lower-cased words, no stemming surprises in short strings."""
    return RegexTokenizer(WORD_PATTERN) | LowercaseFilter()


def positional_text(analyzer: Analyzer, stored: bool = False, field_boost: float = 1.0) -> fields.TEXT:
    """A ``TEXT`` field with positions (phrase queries), in the compact format."""
    field = fields.TEXT(analyzer=analyzer, stored=stored, field_boost=field_boost, phrase=True)
    field.format = CompactPositions(field_boost=field_boost)
    return field


def weighted_text(analyzer: Analyzer) -> fields.TEXT:
    """A scored ``TEXT`` field without positions, its postings a weight each and no value."""
    field = fields.TEXT(analyzer=analyzer, phrase=False)
    field.format = WeightOnly()
    return field


def build_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        # Searchable (``path:``) but not stored: it is the id, which is.
        path=fields.ID(),
        title=positional_text(body_analyzer(), stored=True, field_boost=2.0),
        outlet=positional_text(name_analyzer(), stored=True),
        date=fields.DATETIME(stored=True),
        # Body text is not stored: snippets re-read the file, which keeps the index small.
        # No positions either: phrases are matched in ``exact`` and highlights re-tokenise the text,
        # so body postings are weights only (less to write and read).
        body=weighted_text(body_analyzer()),
        exact=positional_text(exact_analyzer()),
        # Canonical entity names and aliases, each a single lower-cased keyword, plus their words.
        entity=fields.KEYWORD(lowercase=True, commas=True, scorable=True),
    )


def annotation_fields() -> dict[str, fields.FieldType]:
    """The ``tag`` and ``note`` fields: kept in the annotation index (caseview.search.annotation_index),
    not in the main one, so that a tag written costs one small write, never a re-index of the text."""
    return {
        "tag": fields.KEYWORD(lowercase=True, commas=True, scorable=True),
        "note": fields.TEXT(analyzer=body_analyzer(), phrase=True),
    }


def query_schema() -> fields.Schema:
    """Every field a query may name (the main index's and the annotation index's): what the parser reads."""
    schema = build_schema()
    for name, field_type in annotation_fields().items():
        schema.add(name, field_type)
    return schema


def keyword_forms(name: str) -> set[str]:
    """How the ``entity`` field stores a name: the whole name (for ``entity:"Scott Bessent"``) and
    each of its words (``entity:bessent``), lower-cased. Indexing and highlighting both use this."""
    clean = " ".join(name.replace(",", " ").split()).lower()
    return {clean, *(word for word in clean.split(" ") if len(word) > 1)} if clean else set()


#: Fields a query may name, as the analyst types them.
QUERY_FIELDS = ("title", "outlet", "date", "entity", "tag", "note", "body", "path", "id", "exact")
