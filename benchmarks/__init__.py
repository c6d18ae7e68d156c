"""Benchmarks: scripts anyone can run; results are recorded in docs/performance.md."""
