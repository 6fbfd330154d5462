"""Benchmarks of the helper package on deterministic synthetic corpora (``make bench``)."""
