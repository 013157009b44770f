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
figure. The preview figures (``--only serve``) start the preview as scripts/serve does
(``python -m mkdocs_ifms.serve``, with ``-v``) on the example and on the 30-year career, then
edit a reflection and the respondents of a feedback round in turn (at least 5 times each), and
time each from writing the file to the server's "Reloading browsers": the file watcher's delay
counts, MkDocs' own "built in" line would leave it out. tests/test_preview.py shows the result
equals a clean build.
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


def _reloads(log: Path) -> int:
    return log.read_text(errors="replace").count("Reloading browsers")


def _settle(log: Path) -> None:
    """Wait until the server has finished every rebuild it started and 1 s passed without one."""
    quiet_since = time.monotonic()
    while time.monotonic() - quiet_since < 1.0:
        text = log.read_text(errors="replace")
        if text.count("Detected file changes") != text.count("Reloading browsers"):
            quiet_since = time.monotonic()
        time.sleep(0.05)


def serve_figures(project: Path, repeat: int) -> dict[str, str]:
    """The preview as scripts/serve runs it (``-v``, so MkDocs' lines are in the log): seconds
    from writing a file to the server's "Reloading browsers" (the watcher's delay included),
    median of ``repeat`` edits of each kind, taking turns."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = project / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs_ifms.serve", "-v",
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
        time.sleep(1)  # the watcher's first look at the files
        reflections = sorted((project / "portfolio/reflecties").glob("*.md"))
        reflection = reflections[min(300, len(reflections) - 1)]
        rounds = sorted((project / "portfolio/feedback").glob("*.yml"))
        kinds = {
            "a reflection": (reflection, lambda text, n: text + f"\nBewerking {n}.\n"),
            "a feedback round": (rounds[min(10, len(rounds) - 1)], lambda text, n: re.sub(
                r"respondents: \d+", f"respondents: {12 + n % 5}", text, count=1)),
        }
        times: dict[str, list[float]] = {label: [] for label in kinds}
        for n in range(repeat):
            for label, (path, edit) in kinds.items():
                _settle(log)
                before, text = _reloads(log), edit(path.read_text(), n)
                start = time.perf_counter()
                path.write_text(text)
                while _reloads(log) == before:
                    if time.perf_counter() - start > 120:
                        raise SystemExit(log.read_text()[-3000:])
                    time.sleep(0.005)
                times[label].append(time.perf_counter() - start)
        return {label: f"median {statistics.median(found):.2f} s (best {min(found):.2f}, worst {max(found):.2f}, "
                       f"{len(found)} edits)" for label, found in times.items()}
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
            if not (work / "example").is_dir():
                (work / "example").mkdir()
                shutil.copy(REPO / "mkdocs.yml", work / "example")
                shutil.copytree(REPO / "portfolio", work / "example/portfolio")
            for name, project in (("example", work / "example"), ("30-year career", work / "career")):
                for label, result in serve_figures(project, max(args.repeat, 5)).items():
                    print(f"{'preview ' + name + ', edit ' + label:44} {result}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
