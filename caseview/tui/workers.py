"""How every background job of the app is started: a thread worker owned by the app.

Workers are declared here once, with ``exit_on_error=False``: a job that raises does not take the
app down; the app's one ``on_worker_state_changed`` handler turns the failure into a notice. Jobs
never touch widgets: they post messages (or use ``call_from_thread``) and check
``get_current_worker().is_cancelled`` between their steps when they run long.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.dom import DOMNode
from textual.worker import Worker


def start_worker(
    owner: DOMNode, job: Callable[[], None], *, name: str, group: str | None = None, exclusive: bool = False
) -> Worker[None]:
    """Run ``job`` in a thread; ``name`` says what it does in the failure notice ("open the document").

    With ``exclusive`` a newer job of the same ``group`` cancels the one still running (a stale search).
    """
    return owner.app.run_worker(
        job, name=name, group=group or name, exclusive=exclusive, thread=True, exit_on_error=False
    )
