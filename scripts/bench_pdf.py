#!/usr/bin/env python3
"""Benchmark: ``ifms pdf`` on the example portfolio against WeasyPrint alone on the same HTML.

    python scripts/bench_pdf.py --repeat 5

Both are whole processes (wall-clock seconds, median of --repeat runs), measured in the same
run: ``ifms pdf`` (read and check the portfolio, render the pages, charts from the cache,
WeasyPrint) and ``python -c "weasyprint.HTML(...).write_pdf()"`` on the print HTML that
``ifms pdf --html`` wrote. The first ``ifms pdf`` run also draws the charts (cold cache); it is
reported on its own.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ENV = {**os.environ, "IFMS_TODAY": "2026-11-23"}
WEASYPRINT_ALONE = (
    "import sys, weasyprint; "
    "weasyprint.HTML(filename=sys.argv[1], base_url=sys.argv[2]).write_pdf(sys.argv[3])"
)


def seconds(args: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, env=ENV, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(done.stdout + done.stderr)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        shutil.copy(REPO / "mkdocs.yml", project)
        shutil.copytree(REPO / "portfolio", project / "portfolio")
        ifms = str(BIN / "ifms")
        cold = seconds([ifms, "pdf", "-o", "cold.pdf", "--html", "handout.html"], project)
        ours, alone = [], []
        for run in range(repeat):
            ours.append(seconds([ifms, "pdf", "-o", f"ours-{run}.pdf"], project))
            alone.append(seconds([sys.executable, "-c", WEASYPRINT_ALONE, "handout.html",
                                  str(project / "portfolio"), f"alone-{run}.pdf"], project))
        count_pages = "import sys, pypdf; print(len(pypdf.PdfReader(sys.argv[1]).pages))"
        pages = subprocess.run([sys.executable, "-c", count_pages, str(project / "cold.pdf")],
                               check=True, capture_output=True, text=True).stdout.strip()
    ours_median, alone_median = statistics.median(ours), statistics.median(alone)
    print(f"example portfolio, {pages} pages, median of {repeat} runs (whole processes):")
    print(f"  ifms pdf, charts cached:   {ours_median:.2f} s")
    print(f"  WeasyPrint alone:          {alone_median:.2f} s")
    print(f"  ratio:                     {ours_median / alone_median:.2f}x")
    print(f"  ifms pdf, cold chart cache (once): {cold:.2f} s")


if __name__ == "__main__":
    main()
