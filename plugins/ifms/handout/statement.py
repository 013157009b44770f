"""The participation statement: one page that shows IFMS took place, not what was said.

The results of IFMS are the specialist's alone (sharing them is their own decision), yet a
hospital, a clinic or the RGS may ask them to show that they took part. So the statement holds
only facts about each complete trajectory of the registration period: when the evaluation
conversation was held and with whom, how many groups and respondents gave feedback, when the
POP was made and how many actions it has. No score, comment, reflection, goal, action or
conversation note is in it, whatever ``share`` says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from ifms import __version__
from ifms.handout.pdf import RenderedPdf, refuse_bsn, render
from ifms.pages.renderer import PageRenderer
from ifms.privacy.scan import Scan, scan_files
from ifms.records.model import Record
from ifms.rules.evidence import Evidence

TEMPLATE = "statement.html.j2"


@dataclass(frozen=True)
class Participation:
    """One complete IFMS trajectory, as the statement shows it."""

    conversation: date
    leader: str
    groups: int
    respondents: int
    pop: date
    actions: int


class NoCompleteTrajectory(Exception):
    """The registration period has no complete trajectory: there is nothing to declare."""


def participations(evidence: Evidence) -> list[Participation]:
    """The complete trajectories of the registration period, oldest first."""
    found = []
    for trajectory in evidence.trajectories:
        conversation, pop = trajectory.conversation, trajectory.pop
        inside = evidence.window_start <= conversation.date <= evidence.window_end
        if not trajectory.complete or pop is None or not inside:
            continue
        found.append(Participation(conversation.date, conversation.leader or "", len(trajectory.groups),
                                   sum(trajectory.groups.values()), pop.date, len(pop.actions())))
    return sorted(found, key=lambda item: item.conversation)


def sources(evidence: Evidence) -> list[Record]:
    """The records the statement's facts come from (for the privacy scan)."""
    records: list[Record] = []
    for trajectory in evidence.trajectories:
        if trajectory.complete:
            records += [trajectory.conversation, *trajectory.rounds]
            records += [trajectory.pop] if trajectory.pop else []
    return records


def privacy_scan(renderer: PageRenderer, evidence: Evidence) -> Scan:
    """The privacy scan of the files the statement's facts come from, with the profile."""
    profile = renderer.portfolio.profile
    records = [profile, *sources(evidence)] if profile else sources(evidence)
    return scan_files([renderer.portfolio.root / record.path for record in records])


def make(renderer: PageRenderer, evidence: Evidence, docs_dir: Path, *, scan: Scan | None = None) -> RenderedPdf:
    """The statement as a PDF, for ``ifms pdf --statement`` and the site build alike:
    :class:`~ifms.handout.pdf.PdfRefused` with a BSN in its files, :class:`NoCompleteTrajectory`
    when there is nothing to declare."""
    refuse_bsn(privacy_scan(renderer, evidence) if scan is None else scan)
    return render(document(renderer, evidence), docs_dir)


def document(renderer: PageRenderer, evidence: Evidence) -> str:
    """The statement as standalone HTML for WeasyPrint; :class:`NoCompleteTrajectory` when
    there is nothing to declare."""
    found = participations(evidence)
    if not found:
        raise NoCompleteTrajectory()
    locale = renderer.locale
    stylesheet = resources.files("ifms").joinpath("assets").joinpath("statement.css").read_text(encoding="utf-8")
    return renderer.render_template(TEMPLATE, {
        "t": locale.t, "date": locale.date, "number": locale.number, "lang": locale.lang,
        "profile": renderer.portfolio.profile, "evidence": evidence, "participations": found,
        "signer": found[-1].leader, "today": renderer.today, "stylesheet": stylesheet, "version": __version__,
    })
