#!/usr/bin/env python3
"""Benchmark: the plugin's build time against plain MkDocs + Material on the same content.

    python scripts/bench.py                 # example, 30-year career, and that career doubled
    python scripts/bench.py --only example --repeat 5

"Plain" is the same mkdocs.yml and Markdown with the ifms plugin's entry removed (a plugin
switched off with its ``enabled`` option is still imported, with its dependencies), built in the
same run. Times are wall-clock seconds of a whole `mkdocs build` process (median
of --repeat runs, plain, cold and warm taking turns; "best" is the fastest run, which other work
on a shared machine disturbs least, as timeit reports); "cpu" is the median user + system time
of that process and its chart worker. Other work on the machine disturbs it less than wall
time, though it rises too. Cold: no cache (``.cache`` removed); warm: a second build with the
cache. ``--only double`` builds the 30-year career and that career doubled, for the doubling
figure. The serve figures start `mkdocs serve --dirty` on the 30-year portfolio, edit one
reflection, then the respondents of one feedback round (only the trend chart depends on them),
then a score in another round (its own chart and the trend), and read MkDocs' own
"Documentation built in" line and the plugin's chart count.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
from generate_portfolio import generate  # noqa: E402 (scripts/ is not a package)
from ifms.site_plan.export import config_text, read_config, without_ifms  # noqa: E402

ENV = {**os.environ, "IFMS_TODAY": "2026-11-23", "NO_MKDOCS_2_WARNING": "1"}


def build_seconds(project: Path, config: str, site: str) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system, with the chart worker) of one build."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", site],
                          cwd=project, env=ENV, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(done.stderr)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def measure(project: Path, repeat: int) -> dict[str, float]:
    plain = project / "plain.yml"
    plain.write_text(config_text(without_ifms(read_config(project / "mkdocs.yml"))))
    cache = project / ".cache"
    runs: dict[str, list[tuple[float, float]]] = {"plain": [], "cold": [], "warm": []}
    for _ in range(repeat):
        runs["plain"].append(build_seconds(project, "plain.yml", "site-plain"))
        shutil.rmtree(cache, ignore_errors=True)
        runs["cold"].append(build_seconds(project, "mkdocs.yml", "site"))
        runs["warm"].append(build_seconds(project, "mkdocs.yml", "site"))
    figures = {}
    for kind, times in runs.items():
        figures[kind] = statistics.median(wall for wall, _ in times)
        figures[f"{kind} cpu"] = statistics.median(cpu for _, cpu in times)
        figures[f"{kind} best"] = min(wall for wall, _ in times)
    return figures


def other_score(text: str) -> str:
    """The round with its first score changed (drawn in the round's chart and in the trend):
    set to the bottom of the round's scale, or to its top if it was there already."""
    low, high = re.search(r"scale: \[(\d+), (\d+)\]", text).groups()
    return re.sub(r"(scores:\n +\w+: )([\d.]+)",
                  lambda found: found[1] + (high if float(found[2]) == float(low) else low), text, count=1)


def serve_figures(project: Path) -> dict[str, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = project / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-v",
                                   "-a", f"127.0.0.1:{port}"], cwd=project, env=ENV, stdout=out,
                                  stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit(log.read_text()[-3000:]) from None
                time.sleep(0.5)
        results = {}
        reflection = sorted((project / "portfolio/reflecties").glob("*.md"))[300]
        rounds = sorted((project / "portfolio/feedback").glob("*.yml"))
        for label, path, edit in (
            ("one reflection", reflection,
             lambda text: text.replace("## Wat neem ik mee", "## Wat neem ik mee (bewerkt)", 1)),
            ("a round's respondents", rounds[10], lambda text: text.replace("respondents: ", "respondents: 1", 1)),
            ("a score in another round", rounds[20], other_score),
        ):
            builds = log.read_text().count("Documentation built in")
            path.write_text(edit(path.read_text()))
            while log.read_text().count("Documentation built in") == builds:
                if time.monotonic() > deadline + 120:
                    raise SystemExit(log.read_text()[-3000:])
                time.sleep(0.2)
            text = log.read_text()
            seconds = re.findall(r"Documentation built in ([\d.]+) seconds", text)[-1]
            drawn = re.findall(r"ifms: (\d+) chart\(s\) drawn: ?(.*)", text)[-1]
            which = f"({drawn[1]})" if drawn[1] else ""
            results[label] = f"rebuilt in {seconds} s, {drawn[0]} chart(s) drawn {which}"
        return results
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description="Build-time benchmark against plain MkDocs.")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--only", choices=["example", "career", "double", "serve"])
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ifms-bench-"))
    rows = []
    try:
        cases = []
        if args.only in (None, "example"):
            example = work / "example"
            example.mkdir()
            shutil.copy(REPO / "mkdocs.yml", example)
            shutil.copytree(REPO / "portfolio", example / "portfolio")
            cases.append(("example portfolio", example))
        if args.only in (None, "career", "double", "serve"):
            generate(work / "career", 30, 1)
        if args.only in (None, "career", "double"):  # the doubling figure needs both
            cases.append(("30-year career", work / "career"))
        if args.only in (None, "double"):
            generate(work / "double", 30, 2)
            cases.append(("30-year career, content x2", work / "double"))
        for label, project in cases:
            figures = measure(project, args.repeat)
            rows.append((label, figures))
            print(f"{label:30} plain {figures['plain']:6.2f} s | cold {figures['cold']:6.2f} s "
                  f"({figures['cold'] / figures['plain']:.2f}x) | warm {figures['warm']:6.2f} s "
                  f"({figures['warm'] / figures['plain']:.2f}x)", flush=True)
            print(f"{'':30} cpu   {figures['plain cpu']:6.2f} s | cpu  {figures['cold cpu']:6.2f} s "
                  f"({figures['cold cpu'] / figures['plain cpu']:.2f}x) | cpu  {figures['warm cpu']:6.2f} s "
                  f"({figures['warm cpu'] / figures['plain cpu']:.2f}x)", flush=True)
            if args.repeat > 1:
                print(f"{'':30} best  {figures['plain best']:6.2f} s | best {figures['cold best']:6.2f} s "
                      f"({figures['cold best'] / figures['plain best']:.2f}x) | best {figures['warm best']:6.2f} s "
                      f"({figures['warm best'] / figures['plain best']:.2f}x)", flush=True)
        by_label = dict(rows)
        if "30-year career" in by_label and "30-year career, content x2" in by_label:
            one, two = by_label["30-year career"], by_label["30-year career, content x2"]
            print(f"{'doubling the content':30} cold x{two['cold'] / one['cold']:.2f}, "
                  f"warm x{two['warm'] / one['warm']:.2f} (plain x{two['plain'] / one['plain']:.2f})")
            if args.repeat > 1:
                print(f"{'':30} best: cold x{two['cold best'] / one['cold best']:.2f}, "
                      f"warm x{two['warm best'] / one['warm best']:.2f} "
                      f"(plain x{two['plain best'] / one['plain best']:.2f})")
        if args.only in (None, "serve"):
            for label, result in serve_figures(work / "career").items():
                print(f"{'serve --dirty, edit ' + label:30} {result}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
