"""CSV for spreadsheets: no cell the project writes can run as a formula.

Excel, LibreOffice and Google Sheets take a cell starting with = + - @ (or tab, carriage return,
which some of them skip first) as a formula: `=HYPERLINK("https://…")` in a service's name, or
a made-up path in a campaign log, would then run in the reader's spreadsheet. Such a cell is
written with an apostrophe before it, which spreadsheets show as text (OWASP, "CSV Injection").
A plain number (-12.5, +77272697059) is a number to them, not a formula, and is left as it is.
"""
from __future__ import annotations

import csv
import re

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


def cell(value):
    """The value as a spreadsheet shows it as text."""
    if isinstance(value, str) and value.startswith(TRIGGERS) and not NUMBER.fullmatch(value):
        return "'" + value
    return value


class Writer:
    """csv.writer whose rows go through cell()."""

    def __init__(self, handle, **options):
        self._writer = csv.writer(handle, **options)

    def writerow(self, row):
        return self._writer.writerow([cell(value) for value in row])


class DictWriter(csv.DictWriter):
    """csv.DictWriter whose rows go through cell()."""

    def writerow(self, rowdict):
        return super().writerow({key: cell(value) for key, value in rowdict.items()})

    def writerows(self, rowdicts):
        for row in rowdicts:
            self.writerow(row)
