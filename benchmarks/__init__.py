"""Benchmarks: measured on the machine they run on; never part of the test run."""
