"""The packaging tests build and install a real wheel: slow, so marked (and the marker registered here)."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: builds or installs things; deselect with -m 'not slow'")
