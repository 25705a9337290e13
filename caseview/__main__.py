"""``python -m caseview`` is the same as the ``caseview`` command."""

from caseview.cli import main

raise SystemExit(main())
