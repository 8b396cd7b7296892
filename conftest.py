"""Repository-level pytest setup: `--doctest-modules` collects the package's docstring examples, which imports
every module under `pantau/`, `schemas/` and `flows/`. A module that needs an optional extra is left out of that
collection when the extra is not installed, so `pip install -e '.[test]'` is enough to run the suite.
"""

import importlib.util

# module file -> the import it cannot work without (an optional extra in pyproject.toml)
_NEEDS_EXTRA = {
    "pantau/devtools/train_ner.py": "sklearn_crfsuite",  # extra `train`
}

collect_ignore = [path for path, module in _NEEDS_EXTRA.items() if importlib.util.find_spec(module) is None]
