"""The one thing pyproject.toml cannot say: the package list found automatically plus the bundled case.

``data/seeds`` stays at the top of the source tree (where the design puts it) and is mapped onto the
package ``caseview.bundled_case`` in the wheel (``[tool.setuptools.package-dir]`` in pyproject.toml),
so an installed caseview finds its seeds through importlib.resources. Everything else is in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["caseview*"]), "caseview.bundled_case"])
