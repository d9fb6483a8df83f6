"""Benchmarks for the resilience tracker: `make bench` runs them and writes bench/README.md."""
