"""Paths the tests use: this checkout, its test data, and ../shared beside it."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SEED = ROOT / "seeds" / "000_0f3790107ac6dcad.txt"
SHARED = ROOT.parent / "shared"
