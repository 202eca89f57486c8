"""Every benchmark still imports: `make bench` is not part of `make test`, so a module that moves
(the hub's split moved init_hub and SyncResult) would otherwise break a benchmark unnoticed until
the next quiet-machine run."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCHMARKS = sorted((Path(__file__).resolve().parent.parent / "benchmarks").glob("*.py"))


@pytest.mark.parametrize("path", BENCHMARKS, ids=lambda p: p.name)
def test_the_benchmark_imports(path: Path) -> None:
    spec = importlib.util.spec_from_file_location(f"bench_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # each runs only under `if __name__ == "__main__"`
    assert callable(getattr(module, "main", None)) or path.stem in ("floors", "xpaint")
