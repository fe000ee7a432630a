"""The checks of `make check` (scripts/check.py), one module per kind of problem.

Each check is a generator of (line, message) for one file, or of (path, line, message) for the
whole project; every message starts with "Must" and says what to do (CONTRIBUTING.md lists them).
"""
