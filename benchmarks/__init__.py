"""caseview's performance harness: ``python -m benchmarks.run`` (see README, "Benchmarks")."""
