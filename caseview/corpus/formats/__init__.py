"""Format readers: one module per family of file formats, each bytes → :class:`ExtractedText`."""

from caseview.corpus.formats.extracted import Embedded, ExtractedText, ReadOptions
from caseview.corpus.formats.web import email_to_text, front_matter, html_to_text

__all__ = ["Embedded", "ExtractedText", "ReadOptions", "email_to_text", "front_matter", "html_to_text"]
