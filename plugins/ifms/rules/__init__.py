"""The re-registration rules: where a specialist stands on each requirement, and why.

Pure functions of (portfolio, today, thresholds): dates in, verdicts out. The stages:
:mod:`.thresholds` (the numbers), :mod:`.window` (date arithmetic), :mod:`.evaluation` (one
verdict per requirement), :mod:`.advice` (warnings), :mod:`.evidence` (what they conclude).
"""

from ifms.rules.advice import advise
from ifms.rules.evaluation import (
    evaluate,
    evaluate_cme,
    evaluate_ifms,
    evaluate_visitation,
    evaluate_work,
    trajectory_for,
)
from ifms.rules.evidence import REQUIREMENTS, Evidence, Note, Status, Trajectory, Verdict
from ifms.rules.thresholds import Thresholds
from ifms.rules.window import (
    abroad_covers,
    cme_norm,
    covid_months,
    hours_in,
    longest_gap,
    registration_window,
)

__all__ = [
    "REQUIREMENTS", "Evidence", "Note", "Status", "Thresholds", "Trajectory", "Verdict", "abroad_covers",
    "advise", "cme_norm", "covid_months", "evaluate", "evaluate_cme", "evaluate_ifms", "evaluate_visitation",
    "evaluate_work", "hours_in", "longest_gap", "registration_window", "trajectory_for",
]
