#!/usr/bin/env python3
"""Make a synthetic portfolio of any size, for benchmarks: a whole career in valid records.

    python scripts/generate_portfolio.py /tmp/career --years 30
    python scripts/generate_portfolio.py /tmp/career2 --years 30 --scale 2

Default counts follow a 30-year career: 6 registration periods, 30 feedback rounds,
600 reflections, 40 POPs with 1,000 actions. ``--scale`` multiplies the records (not the
years). Output is deterministic (fixed seed). The folder must not exist yet.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GROUPS = ["colleagues", "nurses", "residents", "staff", "patients", "managers"]
COMPETENCIES = ["medical_expert", "communicator", "collaborator", "leader", "health_advocate",
                "scholar", "professional"]
WORDS = ["overdracht", "visite", "poli", "dienst", "team", "gesprek", "familie", "planning",
         "onderwijs", "samenwerking", "verpleging", "collega", "feedback", "patiënt", "zorgpad",
         "overleg", "richtlijn", "kwaliteit", "leren"]


def sentence(rng: random.Random, words: int = 14) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def generate(out: Path, years: int, scale: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    first_year = 2026 - years + 1
    expires = date(2027, 6, 1)
    docs = out / "portfolio"
    for folder in ("feedback", "pop", "gesprekken", "reflecties"):
        (docs / folder).mkdir(parents=True)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (out / "mkdocs.yml").write_text(config.replace("site_name: Mijn IFMS-portfolio",
                                                   f"site_name: Synthetisch portfolio ({years} jaar, x{scale})"),
                                    encoding="utf-8")
    (docs / "index.md").write_text("# Synthetisch portfolio\n\nVoor benchmarks.\n", encoding="utf-8")

    work = "\n".join(f"  {y}: {rng.randint(1500, 1800)}" for y in range(first_year, 2027))
    cme = "\n".join(
        f"  - {{date: {date(y, m, 10).isoformat()}, title: Nascholing {y}-{m}, hours: {rng.randint(4, 16)}}}"
        for y in range(first_year, 2027) for m in (3, 6, 9, 11))
    visits = "\n".join(f"  - {{date: {y}-10-12, kind: quality}}" for y in range(first_year + 2, 2027, 5))
    (docs / "profiel.yml").write_text(
        f"kind: profile\nname: dr. S. Synthetisch\nspecialty: Interne geneeskunde\n"
        f"registration:\n  expires: {expires.isoformat()}\nvisitations:\n{visits}\n"
        f"work_hours:\n{work}\ncme:\n{cme}\n", encoding="utf-8")

    rounds = []
    for index in range(30 * scale):
        year = first_year + index * years // (30 * scale)
        day = date(year, 3, 1) + timedelta(days=index % 2 * 120)
        path = f"feedback/{day.isoformat()}-ronde-{index + 1}.yml"
        scale_max = rng.choice([5, 5, 7, 10])
        groups = rng.sample(GROUPS, 4)
        lines = ["kind: feedback", f"title: Feedbackronde {index + 1}", f"date: {day.isoformat()}",
                 "instrument: msf", f"scale: [1, {scale_max}]", "groups:"]
        for group in groups:
            lines.append(f"  {group}:\n    respondents: {rng.randint(2, 12)}\n    scores:")
            lines += [f"      {c}: {round(rng.uniform(scale_max * 0.55, scale_max), 1)}"
                      for c in rng.sample(COMPETENCIES, 5)]
        lines.append("self: {" + ", ".join(f"{c}: {round(rng.uniform(scale_max * 0.5, scale_max), 1)}"
                                          for c in COMPETENCIES[:5]) + "}")
        lines.append("comments:")
        lines += [f"  - {{group: {g}, text: \"{sentence(rng, 10)}\"}}" for g in groups[:3]]
        (docs / path).write_text("\n".join(lines) + "\n", encoding="utf-8")
        rounds.append((day, path))

    pops = []
    for index in range(40 * scale):
        year = first_year + index * years // (40 * scale)
        day = date(year, 5, 20) + timedelta(days=index % 3 * 30)
        path = f"pop/{day.isoformat()}-pop-{index + 1}.yml"
        goal_lines = []
        for goal in range(5):
            goal_lines.append(f"  - title: Doel {goal + 1} van POP {index + 1}\n"
                              f"    competency: {rng.choice(COMPETENCIES)}\n    why: {sentence(rng, 8)}\n    actions:")
            for action in range(5):
                due = day + timedelta(days=90 * (action + 1))
                status = rng.choice(["done", "done", "in_progress", "planned", "dropped"])
                goal_lines.append(f"      - title: Actie {action + 1}\n        due: {due.isoformat()}\n"
                                  f"        status: {status}")
        earlier = [p for d, p in rounds if d <= day][-1:] or []
        (docs / path).write_text(
            f"kind: pop\ntitle: POP {index + 1}\ndate: {day.isoformat()}\n"
            f"feedback: [{', '.join(earlier)}]\ngoals:\n" + "\n".join(goal_lines) + "\n", encoding="utf-8")
        pops.append((day, path))

    for day, path in pops[:: max(1, len(pops) // 6)][:6 * scale]:
        feedback = [p for d, p in rounds if d <= day][-1:]
        (docs / f"gesprekken/{day.isoformat()}-ifms.md").write_text(
            f"---\nkind: conversation\ntype: ifms\ndate: {day.isoformat()}\nleader: dr. G. Leider\n"
            f"feedback: [{', '.join(feedback)}]\npop: {path}\n---\n\n{sentence(rng, 40)}\n", encoding="utf-8")

    for index in range(600 * scale):
        year = first_year + index * years // (600 * scale)
        day = date(year, 1, 1) + timedelta(days=(index * 17) % 360)
        paragraphs = "\n\n".join(sentence(rng, 40) for _ in range(4))
        (docs / f"reflecties/{day.isoformat()}-reflectie-{index + 1}.md").write_text(
            f"---\nkind: reflection\ntitle: Reflectie {index + 1}\ndate: {day.isoformat()}\n"
            f"competencies: [{rng.choice(COMPETENCIES)}]\n---\n\n## Wat gebeurde er\n\n{paragraphs}\n\n"
            f"## Wat neem ik mee\n\n{sentence(rng, 30)}\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to create (must not exist)")
    parser.add_argument("--years", type=int, default=30)
    parser.add_argument("--scale", type=int, default=1)
    args = parser.parse_args()
    if args.out.exists():
        print(f"{args.out} exists already; nothing written.", file=sys.stderr)
        return 1
    try:
        generate(args.out, args.years, args.scale)
    except BaseException:
        shutil.rmtree(args.out, ignore_errors=True)
        raise
    print(f"Written: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
