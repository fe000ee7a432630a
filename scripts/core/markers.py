"""The markers editors put in a page, as HTML comments (no logic in content files)."""
import re

# `<!-- services: legal-aid documents -->`: the directory's list of those categories' services.
SERVICES = re.compile(r"<!--\s*services:(?P<names>[^>]*?)-->")

# `<!-- changes -->`: the list of dated changes on the "What changed" page (type: changes).
CHANGES = "<!-- changes -->"
