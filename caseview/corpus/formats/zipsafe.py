"""Reading members of zip-based documents (docx, odt, epub) within fixed bounds, and their XML safely.

A zip bomb declares small members that inflate to gigabytes: every member is read with a limit, and
the whole archive's declared size is bounded before anything is inflated. XML that declares entities
is refused outright, so nothing expands (billion laughs) or is fetched (external entities).
"""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from caseview.corpus.textio import UnreadableDocument

#: Most a single member may inflate to.
MAX_MEMBER_BYTES = 64 * 1024 * 1024
#: Most all the members read from one archive may inflate to.
MAX_ARCHIVE_BYTES = 256 * 1024 * 1024
MAX_MEMBERS = 20_000
OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")


class BoundedZip:
    """A zip archive whose members are read at most :data:`MAX_MEMBER_BYTES` each, in total bounded too."""

    def __init__(self, data: bytes, kind: str) -> None:
        self.kind = kind
        if data.startswith(OLE_SIGNATURE):
            # Office wraps a password-protected .docx in an OLE container; an old binary .doc is one too.
            raise UnreadableDocument(
                f"a password-protected {kind} file (or an old binary format saved under this name); not read",
                "encrypted",
            )
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise UnreadableDocument(f"not a readable {kind} file (corrupt or truncated)") from None
        if len(infos) > MAX_MEMBERS:
            raise UnreadableDocument(
                f"the {kind} archive holds {len(infos):,} parts, more than {MAX_MEMBERS:,}", "limit"
            )
        self.names = {info.filename for info in infos}
        self._read_total = 0

    def has(self, name: str) -> bool:
        return name in self.names

    def read(self, name: str) -> bytes:
        """A member's bytes; a member that inflates past the bounds is named as a zip bomb."""
        try:
            info = self._zip.getinfo(name)
        except KeyError:
            raise UnreadableDocument(f"the {self.kind} file has no {name}") from None
        limit = min(MAX_MEMBER_BYTES, MAX_ARCHIVE_BYTES - self._read_total)
        if info.file_size > limit:
            raise UnreadableDocument(self._bomb(name), "limit")
        try:
            with self._zip.open(info) as member:
                # The declared size is not trusted: read one byte past the limit to notice a lie.
                data = member.read(limit + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
            raise UnreadableDocument(f"not a readable {self.kind} file ({name} is corrupt or truncated)") from None
        if len(data) > limit:
            raise UnreadableDocument(self._bomb(name), "limit")
        self._read_total += len(data)
        return data

    def _bomb(self, name: str) -> str:
        return (
            f"{name} inflates past {MAX_MEMBER_BYTES // (1024 * 1024)} MB "
            f"(or the archive past {MAX_ARCHIVE_BYTES // (1024 * 1024)} MB): a zip bomb or not a document; not read"
        )

    def xml(self, name: str) -> ElementTree.Element:
        return parse_xml(self.read(name), f"{self.kind} part {name}")


def parse_xml(data: bytes, what: str) -> ElementTree.Element:
    """Parsed XML; refuses XML that declares entities, and malformed XML, by name."""
    # ElementTree never fetches a DTD; entity declarations are the only way XML expands.
    if b"<!ENTITY" in data[:65536]:
        raise UnreadableDocument(f"{what} declares XML entities; not read (nothing in a document is expanded)", "limit")
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise UnreadableDocument(f"{what} is not well-formed XML ({error})") from None
