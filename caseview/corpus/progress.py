"""Page progress of the file being extracted, for the refresh's progress line ("report.pdf (page 40 of 300)").

A reader of a paged format calls :func:`page_done`; whoever reads the file sets the listener with
:func:`reporting_pages` around the read. A context variable, so readers keep their pure signature
and two threads reading at once each report to their own listener.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

#: Called with (pages done, pages in the document).
PageListener = Callable[[int, int], None]
#: Pages between two reports: a callback per page would cost more than the text layer of small pages.
REPORT_EVERY = 20

_listener: ContextVar[PageListener | None] = ContextVar("caseview_page_listener", default=None)


@contextmanager
def reporting_pages(listener: PageListener | None) -> Iterator[None]:
    """Send the page progress of whatever is extracted inside the block to ``listener``."""
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)


def page_done(page: int, pages: int) -> None:
    """Page ``page`` (1-based) of ``pages`` was read; reported every :data:`REPORT_EVERY` pages and at the end."""
    listener = _listener.get()
    if listener is not None and (page % REPORT_EVERY == 0 or page == pages):
        listener(page, pages)
