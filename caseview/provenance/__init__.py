"""How many sources are there really: citations, rewrites and the origins documents relay.

An analyst who counts three articles saying the same thing may have one source, not three: several
outlets repeating one origin is the classic trap of open-source work. This package reads the texts
(nothing else) and answers, with evidence and exact offsets:

- :mod:`.attribution` — whom each document cites as its source ("according to Axios", "citing sources
  familiar with the matter", "told the FT"), kept apart from its own outlet;
- :mod:`.pairs` — which documents copy or rewrite which (exact and near copies by sampled shingles;
  translated or paraphrased rewrites by shared distinctive quotes, numbers and names plus an explicit
  citation), found through an inverted index of rare features so it is not quadratic;
- :mod:`.alignment` — which passage of a rewrite corresponds to which passage of its origin;
- :mod:`.origins` — the small provenance graph (each document → the origins it relays) and how many
  independent origins a set of documents comes from ("3 documents · 1 origin: Axios").

Pure functions over :class:`~caseview.provenance.models.SourceText`; :func:`.sources.source_texts`
adapts the corpus's documents to it. See ARCHITECTURE.md, "Provenance".
"""

from caseview.provenance.analysis import analyse_provenance
from caseview.provenance.models import (
    AlignedPassage,
    Citation,
    CitationKind,
    DocumentProvenance,
    Independence,
    Origin,
    ProvenanceReport,
    RewriteKind,
    RewritePair,
    SourceText,
)
from caseview.provenance.sources import source_text, source_texts

__all__ = [
    "AlignedPassage",
    "Citation",
    "CitationKind",
    "DocumentProvenance",
    "Independence",
    "Origin",
    "ProvenanceReport",
    "RewriteKind",
    "RewritePair",
    "SourceText",
    "analyse_provenance",
    "source_text",
    "source_texts",
]
