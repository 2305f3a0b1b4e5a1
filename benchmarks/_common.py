"""What every benchmark records with its figures: when, on what machine, with which command."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import sys
from pathlib import Path


def provenance() -> dict:
    """Date, machine and command line of this run, for the results JSON and BENCHMARKS.md."""
    return {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "machine": {"processor": platform.processor() or platform.machine(), "cpu_count": os.cpu_count(),
                    "platform": platform.platform(), "python": platform.python_version()},
        # other work on the machine slows wall-clock figures; CPU-time figures are reported beside them
        "load_average_1m": round(os.getloadavg()[0], 2),
    }


def write_results(path: str | Path | None, results: dict) -> None:
    """Write ``results`` as indented JSON to ``path`` (nothing when ``path`` is None)."""
    if path:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
