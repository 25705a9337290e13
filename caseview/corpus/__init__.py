"""Reading a corpus folder: discovery, decoding and extraction of formats, metadata, page geometry."""

from caseview.corpus.docids import DocRef, annotation_base_path, resolve_doc_id
from caseview.corpus.document import CorpusWarning, Document, DocumentMeta, doc_id_for, doc_uri, text_sha256
from caseview.corpus.loader import DOCUMENT_FORMATS, FileEntry, ScanResult, scan_corpus
from caseview.corpus.pages import PageSpan, page_at, page_spans
from caseview.corpus.reading import entry_for, read_document, read_documents
from caseview.corpus.textcache import TextCache
from caseview.corpus.textio import UnreadableDocument, decode_document_bytes
from caseview.kernel.paths import DERIVED_DIR

__all__ = [
    "DERIVED_DIR",
    "DOCUMENT_FORMATS",
    "CorpusWarning",
    "DocRef",
    "Document",
    "DocumentMeta",
    "FileEntry",
    "PageSpan",
    "ScanResult",
    "TextCache",
    "UnreadableDocument",
    "annotation_base_path",
    "decode_document_bytes",
    "doc_id_for",
    "doc_uri",
    "entry_for",
    "page_at",
    "page_spans",
    "read_document",
    "read_documents",
    "resolve_doc_id",
    "scan_corpus",
    "text_sha256",
]
