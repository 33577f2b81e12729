"""The benchmark's baseline: parse every file of a list with libcst, in this one process.

Usage: python bench/parse_all.py FILE_LIST   (one path per line; prints a JSON summary)
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import libcst


def parse_all(paths: list[Path]) -> dict[str, float | int]:
    """Read and parse each file; count the files libcst cannot parse (the run goes on)."""
    failed = 0
    start = time.perf_counter()
    for path in paths:
        try:
            libcst.parse_module(path.read_bytes())
        except Exception:  # a syntax error or a tree too deep: aiconv reports those as AIC001
            failed += 1
    return {"files": len(paths), "failed": failed, "parse_seconds": time.perf_counter() - start}


def main() -> None:
    """Parse the files listed in argv[1] and print the summary as JSON."""
    listing = Path(sys.argv[1]).read_text(encoding="utf-8").splitlines()
    print(json.dumps(parse_all([Path(line) for line in listing if line])))


if __name__ == "__main__":
    main()
