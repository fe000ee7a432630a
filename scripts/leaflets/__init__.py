"""After mkdocs: short links, QR codes and printed leaflets (python -m scripts.leaflets remakes them)."""
