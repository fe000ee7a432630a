"""Build time: data/services/*.yml into pages, vCards and open data, in every language."""
