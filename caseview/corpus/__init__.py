"""Reading a corpus folder: discovery, decoding, formats and metadata (ARCHITECTURE.md, "Adding a document format")."""

from caseview.corpus.document import CorpusWarning, Document, DocumentMeta, doc_id_for, doc_uri, text_sha256
from caseview.corpus.loader import DOCUMENT_FORMATS, FileEntry, ScanResult, read_document, scan_corpus
from caseview.corpus.textio import UnreadableDocument, decode_document_bytes
from caseview.kernel.paths import DERIVED_DIR

__all__ = [
    "DERIVED_DIR",
    "DOCUMENT_FORMATS",
    "CorpusWarning",
    "Document",
    "DocumentMeta",
    "FileEntry",
    "ScanResult",
    "UnreadableDocument",
    "decode_document_bytes",
    "doc_id_for",
    "doc_uri",
    "read_document",
    "scan_corpus",
    "text_sha256",
]
