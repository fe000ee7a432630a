"""Build time: the build itself and what the hooks call for every page."""
