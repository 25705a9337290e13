"""The one thing pyproject.toml cannot say: the package list found automatically plus the bundled case.

``data/seeds`` stays at the top of the source tree (where the design puts it) and is mapped onto the
package ``caseview.bundled_case`` in the wheel (``[tool.setuptools.package-dir]`` in pyproject.toml),
so an installed caseview finds its seeds through importlib.resources. Everything else is in pyproject.toml.
"""

from setuptools import find_namespace_packages, setup

# Namespace packages too: data folders such as caseview/extract/data hold package data without an __init__.py.
found = find_namespace_packages(include=["caseview*"], exclude=["*.__pycache__"])
setup(packages=[*found, "caseview.bundled_case"])
