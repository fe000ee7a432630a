"""The content model and its rules, shared by the build and the editors' check (no mkdocs events)."""
