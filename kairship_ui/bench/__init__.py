"""The project's benchmark: `make bench` prints `BENCH <name> key=value ...` lines.

Each module here measures one area and yields result lines; `manage.py bench` runs them all.
"""
