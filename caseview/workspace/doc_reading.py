"""Reading one document by id for the workspace, cheaply for documents inside files.

A message of a mailbox or an attachment is read from the text cache by its container's hash, which
is computed once per container version (size and modification time) rather than once per message:
the entity extraction of a 10,000-message mailbox asks for 10,000 documents, and each would
otherwise read and hash the whole mailbox.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

from caseview.corpus import Document, FileEntry, TextCache, read_document, resolve_doc_id
from caseview.corpus.inside import cached_inside

#: Containers whose hash is remembered (the most recently read ones).
HASHES_KEPT = 256


class DocumentReader:
    """Reads the documents of the corpus at ``root``, remembering each container file's content hash."""

    def __init__(self, root: Path, cache: TextCache) -> None:
        self.root = root
        self.cache = cache
        self._hashes: dict[str, tuple[int, int, str]] = {}
        self._lock = threading.Lock()

    def read(self, entry: FileEntry) -> Document:
        """The document ``entry`` names; raises ``UnreadableDocument`` as ``read_document`` does."""
        ref = resolve_doc_id(self.root, entry.doc_id)
        if ref is not None and ref.is_child:
            key = self._file_hash(ref.file_id, entry)
            found = cached_inside(entry, ref, entry.path, key, self.cache) if key is not None else None
            if found is not None:
                return found[0]
        return read_document(entry, self.cache)[0]

    def _file_hash(self, file_id: str, entry: FileEntry) -> str | None:
        with self._lock:
            known = self._hashes.get(file_id)
        if known is not None and known[:2] == (entry.size, entry.mtime_ns):
            return known[2]
        digest = hashlib.sha256()
        try:
            with entry.path.open("rb") as handle:  # a regular file: resolve_doc_id checked it
                while chunk := handle.read(1 << 22):
                    digest.update(chunk)
        except OSError:
            return None  # read_document names the problem
        key = digest.hexdigest()
        with self._lock:
            self._hashes[file_id] = (entry.size, entry.mtime_ns, key)
            while len(self._hashes) > HASHES_KEPT:
                self._hashes.pop(next(iter(self._hashes)))
        return key
