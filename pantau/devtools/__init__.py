"""Developer tools: benchmarks, corpus generators, junk inputs, lexicon and model builders.

Never imported by the pipeline.
"""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT.parent / "shared"  # the shared data (corpus, region and NER sources): `../shared` from the repo root
