"""The machine and versions a benchmark ran on, recorded with every result file."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
from importlib import metadata

import psutil


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def ripgrep_version() -> str | None:
    rg = shutil.which("rg")
    if rg is None:
        return None
    output = subprocess.run([rg, "--version"], capture_output=True, text=True, check=False).stdout
    return output.split("\n", 1)[0].strip() or None


def machine_info() -> dict[str, object]:
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {
        "cpu": _cpu_model(),
        "logical_cores": psutil.cpu_count(logical=True),
        "physical_cores": psutil.cpu_count(logical=False),
        "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "whoosh": _version("whoosh-reloaded") or _version("Whoosh"),
        "textual": _version("textual"),
        "pydantic": _version("pydantic"),
        "ripgrep": ripgrep_version(),
        "load_average_at_start": [round(value, 2) for value in load] if load else None,
    }
