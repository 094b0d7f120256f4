"""Regenerate the synthetic datasets, byte for byte, from their seeded generators.

    python datasets/generate.py            # rewrite every synthetic CSV
    python datasets/generate.py --check    # exit 1 if a committed CSV differs from its generator

Each generator is a module `datasets/generators/<dataset>.py` that defines `SEED` (an int)
and `generate() -> pandas.DataFrame`, drawing all randomness from
`numpy.random.default_rng(SEED)`. The frame is written to `datasets/<dataset>.csv` by
`write_csv` below, so formatting is the same for every synthetic file.
"""
from __future__ import annotations

import argparse
import importlib.util
import io
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
GENERATORS = HERE / "generators"


def generator_names() -> list[str]:
    return sorted(p.stem for p in GENERATORS.glob("*.py") if not p.name.startswith("_"))


def load_generator(name: str):
    path = GENERATORS / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"_generator_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for attribute in ("SEED", "generate"):
        if not hasattr(module, attribute):
            raise AttributeError(f"{path}: a generator must define {attribute}")
    return module


def csv_text(frame: pd.DataFrame) -> str:
    """The one CSV format of every synthetic dataset: UTF-8, LF line ends, no index."""
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def generated_text(name: str) -> str:
    return csv_text(load_generator(name).generate())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="datasets to regenerate (default: all)")
    parser.add_argument("--check", action="store_true", help="compare with the committed files instead of writing")
    args = parser.parse_args(argv)
    stale = []
    for name in args.names or generator_names():
        text = generated_text(name)
        target = HERE / f"{name}.csv"
        if args.check:
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            target.write_text(text, encoding="utf-8", newline="\n")
            print(f"wrote {target.relative_to(HERE.parent)} ({text.count(chr(10)) - 1} rows)")
    if stale:
        print(f"stale synthetic datasets (run `make data`): {', '.join(stale)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
