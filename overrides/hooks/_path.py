"""Let the hooks import the project's modules from scripts/ (hooks are loaded by file path)."""
import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parents[2])
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
