"""Peak memory of this process and its children (multi-process indexing forks writers), sampled.

``ru_maxrss`` alone misses children that run at the same time, and summing the children's RSS
counts the pages they share with the parent after ``fork`` twice. So a background thread samples
the process tree's *proportional* set size (PSS: a shared page counts 1/n in each of n processes),
split into anonymous memory (allocated by Python) and file-backed memory (index files mapped by
Whoosh, which the kernel can drop at any time).
"""

from __future__ import annotations

import os
import resource
import threading
import time
from dataclasses import dataclass

import psutil


@dataclass
class MemoryPeak:
    #: Peak PSS of the process tree (reported as "peak RSS": what the processes really hold).
    rss_mb: float = 0.0
    anon_mb: float = 0.0
    file_mb: float = 0.0
    own_max_rss_mb: float = 0.0
    #: CPU time the sampling thread itself used (reading /proc): not the measured work's.
    sampler_cpu_s: float = 0.0

    def as_dict(self) -> dict[str, float]:
        return {
            "peak_rss_mb": round(self.rss_mb, 1),
            "peak_anon_mb": round(self.anon_mb, 1),
            "peak_file_mb": round(self.file_mb, 1),
            "main_process_max_rss_mb": round(self.own_max_rss_mb, 1),
        }


def _status_kb(pid: int) -> tuple[int, int, int]:
    """(Pss, Pss_Anon, Pss_File + Pss_Shmem) in kB from /proc; falls back to psutil's RSS."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            values = {}
            for line in rollup:
                key, _, rest = line.partition(":")
                if key in ("Pss", "Pss_Anon", "Pss_File", "Pss_Shmem"):
                    values[key] = int(rest.split()[0])
        return values.get("Pss", 0), values.get("Pss_Anon", 0), values.get("Pss_File", 0) + values.get("Pss_Shmem", 0)
    except (OSError, ValueError):
        rss = psutil.Process(pid).memory_info().rss // 1024
        return rss, rss, 0


def tree_memory_kb() -> tuple[int, int, int]:
    """Proportional resident memory of this process plus its live children, as (pss, anon, file) kB."""
    me = psutil.Process(os.getpid())
    pids = [me.pid] + [child.pid for child in me.children(recursive=True)]
    total = [0, 0, 0]
    for pid in pids:
        try:
            for index, value in enumerate(_status_kb(pid)):
                total[index] += value
        except psutil.Error:
            continue
    return total[0], total[1], total[2]


class PeakSampler:
    """``with PeakSampler() as peak: …`` records the highest tree memory seen every ``interval`` s."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peak = MemoryPeak()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> None:
        rss, anon, file_backed = tree_memory_kb()
        if rss / 1024 > self.peak.rss_mb:
            self.peak.rss_mb = rss / 1024
            self.peak.file_mb = file_backed / 1024
        self.peak.anon_mb = max(self.peak.anon_mb, anon / 1024)

    def _run(self) -> None:
        started = time.thread_time()
        while not self._stop.wait(self.interval):
            self.sample()
        self.peak.sampler_cpu_s = time.thread_time() - started

    def __enter__(self) -> MemoryPeak:
        self.sample()
        self._thread.start()
        return self.peak

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()
        # The kernel's high-water mark of this process alone (RSS, so shared pages count in full).
        self.peak.own_max_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
