"""Editor time: the content checks behind make check and the translation table; no build needed."""
