"""Where the project's shared reference material lives (../shared beside the repository)."""

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = Path(os.environ.get("KAIRSHIP_SHARED_DIR", REPO_ROOT.parent / "shared"))
KARMADA_DIR = SHARED_DIR / "karmada"
VECTORS_DIR = KARMADA_DIR / "vectors"
CRDS_DIR = KARMADA_DIR / "crds"
