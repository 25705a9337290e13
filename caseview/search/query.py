"""From the analyst's query string to a bounded Whoosh query, and back to what to highlight.

- Unfielded quoted phrases, prefixes and fuzzy terms go to the unstemmed ``exact`` field: ``"supply chain risk"`` means those
  words in that order (hyphenated "supply-chain risk" included, since the hyphen splits words).
- Prefix, wildcard and fuzzy terms are expanded here, to at most ``MAX_EXPANSION`` index terms (the
  most frequent first), so that ``con*`` on a large index costs milliseconds rather than seconds;
  a capped expansion marks the results as partial.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

from whoosh import query as wq
from whoosh.qparser import FuzzyTermPlugin, MultifieldParser, syntax
from whoosh.qparser.plugins import Plugin
from whoosh.reading import IndexReader
from whoosh.support.levenshtein import distance as edit_distance  # what Whoosh's terms_within uses

from caseview.search.schema import build_schema, exact_analyzer
from caseview.search.syntax import QuerySyntaxError, check_query

#: Index terms one prefix/wildcard/fuzzy term may expand to.
MAX_EXPANSION = 128
#: Candidate terms looked at to choose the most frequent ones, before giving up on completeness.
MAX_EXPANSION_SCAN = 20_000
DEFAULT_FIELDS = ("body", "title")
BODY_FIELDS = ("body", "exact")


#: Query nodes that mean "these words as written", so they search the unstemmed field: a stemmed
#: field would turn ``vulnerab*`` into a prefix of stems and miss "vulnerabilities" (stem "vulner").
_LITERAL_NODES = {"PhraseNode", "PrefixNode", "WildcardNode", "FuzzyTermNode"}


class _LiteralsToExactField(Plugin):
    """Send unfielded (or ``body:``) phrases, wildcards and fuzzy terms to the unstemmed ``exact`` field.

    Runs after explicit field names are applied and before multifield expansion.
    """

    def filters(self, parser):
        return [(self._retarget, 105)]

    def _retarget(self, parser, group):
        for index, node in enumerate(group):
            if isinstance(node, syntax.GroupNode):
                group[index] = self._retarget(parser, node)
            elif node.has_text and node.__class__.__name__ in _LITERAL_NODES and node.fieldname in (None, "body"):
                node.set_fieldname("exact", override=True)
        return group


def make_parser() -> MultifieldParser:
    parser = MultifieldParser(list(DEFAULT_FIELDS), build_schema())
    parser.add_plugin(FuzzyTermPlugin())
    parser.add_plugin(_LiteralsToExactField())
    return parser


@dataclass
class PreparedQuery:
    """A query ready to run, plus what it takes to highlight its matches in a document's text."""

    text: str
    whoosh_query: wq.Query
    partial_reason: str | None = None
    #: Stemmed body terms and unstemmed exact terms to mark wherever they occur.
    body_terms: set[str] = field(default_factory=set)
    exact_terms: set[str] = field(default_factory=set)
    #: Word sequences (unstemmed) that must be marked only where they occur together.
    phrases: list[tuple[str, ...]] = field(default_factory=list)


def parse_query(text: str, parser: MultifieldParser | None = None) -> wq.Query:
    """Check and parse ``text``; raises :class:`QuerySyntaxError` with a clear message."""
    check_query(text)
    parsed = (parser or make_parser()).parse(text)
    if parsed is wq.NullQuery:
        # Only stop words ("the", "to be"): search them literally in the unstemmed field.
        words = analyse_exact(text)
        if not words:
            raise QuerySyntaxError("the query has no words to search for", text)
        return wq.Phrase("exact", words) if len(words) > 1 else wq.Term("exact", words[0])
    return parsed


def _expand(term_query: wq.MultiTerm, reader: IndexReader) -> tuple[wq.Query, bool]:
    """Replace a prefix/wildcard/fuzzy term by an OR of its most frequent index terms."""
    fieldname = term_query.field()
    candidates: list[tuple[int, bytes | str]] = []
    capped = False
    expansion = fuzzy_words(term_query, reader) if isinstance(term_query, wq.FuzzyTerm) else term_query._btexts(reader)
    for count, btext in enumerate(expansion):
        if count >= MAX_EXPANSION_SCAN:
            capped = True
            break
        candidates.append((reader.doc_frequency(fieldname, btext), btext))
    if len(candidates) > MAX_EXPANSION:
        capped = True
        candidates.sort(key=lambda pair: -pair[0])
        candidates = candidates[:MAX_EXPANSION]
    field_obj = reader.schema[fieldname]
    # Fuzzy expansion yields str, the others bytes.
    words = [btext if isinstance(btext, str) else field_obj.from_bytes(btext) for _, btext in candidates]
    terms = [wq.Term(fieldname, word, boost=term_query.boost) for word in words]
    if not terms:
        return wq.NullQuery, False
    return (terms[0] if len(terms) == 1 else wq.Or(terms)), capped


_lexicons: WeakKeyDictionary[IndexReader, dict[str, dict[int, list[str]]]] = WeakKeyDictionary()


def _words_by_length(reader: IndexReader, fieldname: str) -> dict[int, list[str]]:
    """The field's words grouped by length, in lexicon order; kept as long as the reader lives."""
    per_field = _lexicons.setdefault(reader, {})
    table = per_field.get(fieldname)
    if table is None:
        field_obj = reader.schema[fieldname]
        words: set[str] = set()
        for sub in reader.leaf_readers():
            words.update(field_obj.from_bytes(btext) for btext in sub[0].lexicon(fieldname))
        table = {}
        for word in sorted(words):
            table.setdefault(len(word), []).append(word)
        per_field[fieldname] = table
    return table


def fuzzy_words(term_query: wq.FuzzyTerm, reader: IndexReader) -> list[str]:
    """The words ``term_query`` expands to: exactly Whoosh's ``terms_within``, without scanning every word.

    A multi-segment reader compares every word of the field with a Damerau-Levenshtein distance in
    Python (seconds at 200,000 documents). Only words whose length and set of letters could be
    within the distance are compared here — both are necessary conditions, so the result is the
    same — and the words of a reader are grouped by length once. One segment: Whoosh's automaton.
    """
    if reader.is_atomic() or term_query.fieldname not in reader.schema:
        return list(term_query._btexts(reader))
    text, maxdist = term_query.text, term_query.maxdist
    prefix = text[: term_query.prefixlength]
    letters = set(text)
    found = []
    table = _words_by_length(reader, term_query.fieldname)
    for length in range(len(text) - maxdist, len(text) + maxdist + 1):
        for word in table.get(length, ()):
            if (
                word.startswith(prefix)
                and len(letters.symmetric_difference(word)) <= 2 * maxdist
                and edit_distance(word, text, limit=maxdist) <= maxdist
            ):
                found.append(word)
    return sorted(found)


def bound_expansions(query: wq.Query, reader: IndexReader) -> tuple[wq.Query, bool]:
    """Expand every multi-term leaf of ``query`` against ``reader``; True if any expansion was capped."""
    capped_any = False

    def visit(node: wq.Query) -> wq.Query:
        nonlocal capped_any
        if isinstance(node, wq.MultiTerm) and not isinstance(node, wq.Term):
            expanded, capped = _expand(node, reader)
            capped_any = capped_any or capped
            return expanded
        if node.is_leaf():
            return node
        return node.apply(visit)

    return visit(query).normalize(), capped_any


def prepare_query(text: str, reader: IndexReader, parser: MultifieldParser | None = None) -> PreparedQuery:
    bounded, capped = bound_expansions(parse_query(text, parser), reader)
    prepared = PreparedQuery(
        text=text,
        whoosh_query=bounded,
        partial_reason="a prefix, wildcard or fuzzy term matched too many words; the most frequent were used"
        if capped
        else None,
    )
    _collect_highlights(bounded, prepared)
    return prepared


def _collect_highlights(node: wq.Query, prepared: PreparedQuery) -> None:
    """Gather the positive (not negated) body terms and phrases of a query."""
    if isinstance(node, wq.Not):
        return
    if isinstance(node, wq.AndNot):
        _collect_highlights(node.a, prepared)
        return
    if isinstance(node, wq.Phrase):
        if node.fieldname == "exact":
            prepared.phrases.append(tuple(node.words))
        elif node.fieldname == "body":
            prepared.body_terms.update(node.words)
        return
    if isinstance(node, wq.Term):
        if node.fieldname == "body":
            prepared.body_terms.add(node.text)
        elif node.fieldname == "exact":
            prepared.exact_terms.add(node.text)
        return
    for child in node.children():
        _collect_highlights(child, prepared)


def analyse_exact(text: str) -> list[str]:
    return [token.text for token in exact_analyzer()(text)]
