"""Turning HTML pages and e-mails into plain document text plus what they say about themselves."""

from __future__ import annotations

import email
import email.policy
import re
from datetime import date
from email.headerregistry import BaseHeader, HeaderRegistry
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from functools import lru_cache
from html.parser import HTMLParser

from caseview.corpus.formats.extracted import ExtractedText
from caseview.corpus.textio import normalise_newlines

_BLOCK_TAGS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tr",
    "ul",
}
_INVISIBLE_TAGS = {"script", "style", "noscript", "template", "head", "svg"}


class _HTMLTextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self.meta: dict[str, str] = {}
        self._hidden_depth = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag == "meta":
            values = {key: value or "" for key, value in attrs}
            key = values.get("name") or values.get("property")
            if key and "content" in values:
                self.meta[key.lower()] = values["content"]
        if tag in _INVISIBLE_TAGS:
            self._hidden_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _INVISIBLE_TAGS:
            self._hidden_depth = max(0, self._hidden_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        elif not self._hidden_depth:
            self.parts.append(data)


def _tidy_lines(raw: str) -> str:
    """Collapse runs of spaces inside lines and of blank lines, as a browser would show them."""
    lines = [re.sub(r"[ \t\f\v\xa0]+", " ", line).strip() for line in normalise_newlines(raw).split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def html_to_text(source: str) -> ExtractedText:
    """Visible text of an HTML page (markup dropped, entities decoded) and its title/meta tags."""
    parser = _HTMLTextParser()
    parser.feed(source)
    parser.close()
    title = " ".join("".join(parser.title_parts).split()) or parser.meta.get("og:title")
    published = _parse_iso_date(parser.meta.get("article:published_time") or parser.meta.get("date"))
    return ExtractedText(
        text=_tidy_lines("".join(parser.parts)),
        title=title or None,
        author=parser.meta.get("author"),
        published=published,
        extra={"outlet": parser.meta["og:site_name"]} if "og:site_name" in parser.meta else {},
    )


class _RememberingHeaders(HeaderRegistry):
    """The default header parser, remembering its answers: finding a message's body asks for the same
    Content-Type header nine times, and each parse costs ~0.1 ms (most of reading a 10,000-message box).
    The parsed headers are immutable, so the same ones are returned for the same name and value."""

    def __init__(self) -> None:
        super().__init__()
        self._parse = lru_cache(maxsize=8192)(super().__call__)

    def __call__(self, name: str, value: str) -> BaseHeader:
        return self._parse(name, value)


#: ``email.policy.default`` with the remembering header parser (the same headers, parsed once).
EMAIL_POLICY = email.policy.default.clone(header_factory=_RememberingHeaders())


def parse_email(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=EMAIL_POLICY)
    assert isinstance(message, EmailMessage)  # the default policy's message factory
    return message


def email_to_text(data: bytes) -> ExtractedText:
    """Body of an e-mail (plain text preferred, else its HTML as text) and Subject/From/Date."""
    return message_to_text(parse_email(data))


def message_to_text(message: EmailMessage) -> ExtractedText:
    """:func:`email_to_text` of a message already parsed (with the default policy)."""
    body_part = message.get_body(preferencelist=("plain", "html"))
    body = ""
    if body_part is not None:
        content = body_part.get_content()
        body = html_to_text(content).text if body_part.get_content_type() == "text/html" else content
    published = None
    date_header, subject, sender = message["Date"], message["Subject"], message["From"]
    if date_header:
        try:
            published = parsedate_to_datetime(str(date_header)).date()
        except (TypeError, ValueError):
            published = None
    return ExtractedText(
        text=normalise_newlines(body).strip("\n"),
        title=str(subject) if subject else None,
        author=str(sender) if sender else None,
        published=published,
    )


def _parse_iso_date(value: str | None) -> date | None:
    if not value:
        return None
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


def front_matter(text: str) -> dict[str, str]:
    """YAML-style ``key: value`` front matter at the top of a Markdown or text file (flat keys only).

    The text itself keeps its front matter: offsets are into the file as written.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}
    values: dict[str, str] = {}
    for line in match[1].split("\n"):
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t", "#")):
            values[key.strip().lower()] = value.strip().strip("\"'")
    return values
