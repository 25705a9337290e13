"""The app's modal dialogs, one per module; each returns its answer through ``dismiss``."""
