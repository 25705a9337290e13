"""The caseview terminal app (Textual). Nothing happens at import: build it with ``make_app``."""
