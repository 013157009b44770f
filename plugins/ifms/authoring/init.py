"""``ifms init``: turn a fresh copy of the project into the specialist's own, empty portfolio.

The example portfolio is moved aside, never deleted: it stays there to look things up in.
A portfolio that is not the untouched example (it differs from the manifest of the shipped
example) is only moved after the specialist confirms. The new portfolio is built in a hidden
folder beside it and renamed into place, so a failure leaves the old folder as it was.

Between the two renames (the old folder aside, the new one into place) a killed process would
leave no portfolio folder at all. A journal beside it, written before the first rename and
removed after the second, lets the next ``ifms init`` see that and roll it back
(:func:`recover`): the old folder returns to its place, and nothing is lost.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from string import Template

from ifms import atomic
from ifms.authoring import draft as record_draft
from ifms.authoring.new_record import DEFAULT_FOLDERS, schema_line, schema_ref
from ifms.i18n.locale import Locale
from ifms.records.dates import years_before

EXAMPLE_ASIDE = "voorbeeldportfolio"
"""Where the shipped example goes (beside the portfolio folder)."""

MANIFEST = "example_portfolio.sha256"
"""Lines ``<sha256>  <path>`` of the shipped example; ``scripts/example_manifest.py`` writes it."""

PROFILE_FILE = "profiel.yml"
HOME_PAGE = "index.md"
PRIVACY_PAGE = "privacy.md"
KEEP_FILE = ".gitkeep"
"""Git keeps no empty folders; MkDocs and the portfolio reader skip hidden files."""


@dataclass(frozen=True)
class Owner:
    """The specialist whose portfolio it becomes."""

    name: str
    specialty: str
    expires: date


def file_digest(path: Path) -> str:
    """SHA-256 of a file's text with ``\\n`` line ends, so a Windows checkout (CRLF) still
    counts as the untouched example."""
    data = path.read_bytes().replace(b"\r\n", b"\n")
    return hashlib.sha256(data).hexdigest()


def manifest_of(folder: Path) -> dict[str, str]:
    """Relative path -> digest of every file in ``folder``, except hidden ones (``.DS_Store``,
    an editor's swap file), which the portfolio never reads either."""
    return {path.relative_to(folder).as_posix(): file_digest(path)
            for path in sorted(folder.rglob("*")) if path.is_file()
            and not any(part.startswith(".") for part in path.relative_to(folder).parts)}


def render_manifest(folder: Path) -> str:
    return "".join(f"{digest}  {path}\n" for path, digest in manifest_of(folder).items())


def shipped_manifest() -> dict[str, str]:
    text = resources.files("ifms").joinpath(MANIFEST).read_text("utf-8")
    entries = (line.split("  ", 1) for line in text.splitlines() if line.strip())
    return {path: digest for digest, path in entries}


def differences_from_example(folder: Path) -> list[str]:
    """Files added, changed or removed compared with the shipped example; empty if untouched."""
    shipped, present = shipped_manifest(), manifest_of(folder)
    changed = [path for path in set(shipped) | set(present) if shipped.get(path) != present.get(path)]
    # The specialist's own files first: those are what a message should name.
    return sorted(changed, key=lambda path: (path not in present, path))


def is_empty(folder: Path) -> bool:
    return not folder.exists() or not any(folder.iterdir())


def aside_folder(docs_dir: Path, is_example: bool, today: date) -> Path:
    """``voorbeeldportfolio`` for the example; an own portfolio gets its name and the date."""
    name = EXAMPLE_ASIDE if is_example else f"{docs_dir.name}-{today.isoformat()}"
    return docs_dir.parent / name


def skeleton(owner: Owner, locale: Locale, schemas_dir: Path, docs_dir: Path) -> dict[str, str]:
    """Relative path -> text of every file of the new portfolio."""
    profile = record_draft.align_comments(Template(locale.t("init.profile_template")).substitute(
        schema_line=schema_line(schema_ref(schemas_dir, "profile", docs_dir)),
        name=record_draft.scalar(owner.name), specialty=record_draft.scalar(owner.specialty),
        expires=owner.expires.isoformat(), start_hint=years_before(owner.expires, 5).isoformat()))
    files = {
        PROFILE_FILE: profile,
        HOME_PAGE: locale.t("init.home_page", name=owner.name, specialty=owner.specialty),
        PRIVACY_PAGE: privacy_page(locale),
    }
    for kind, folder in DEFAULT_FOLDERS.items():
        if kind != "questionnaire":  # an own questionnaire is optional: its folder comes with ifms new
            files[f"{folder}/{KEEP_FILE}"] = ""
    return files


def privacy_page(locale: Locale) -> str:
    """The site's privacy page; the example portfolio ships the same text (a test keeps it so)."""
    return locale.t("init.privacy_page")


def journal_of(docs_dir: Path) -> Path:
    """Where :func:`build` notes what it is about to move (hidden, beside the portfolio)."""
    return docs_dir.parent / f".{docs_dir.name}.init.json"


def _staging_prefix(docs_dir: Path) -> str:
    return f".{docs_dir.name}.init-"


def recover(docs_dir: Path) -> str | None:
    """Finish the work of an ``ifms init`` that was stopped halfway; what was done, if anything.

    ``"rolled_back"``: it stopped between its renames, and the old folder is back in place.
    ``"finished"``: the old folder is gone from where it was moved (the specialist moved it),
    and the new portfolio, complete before the journal was written, is put in place. Left-over
    staging folders hold only what ``ifms init`` wrote, and are removed.
    """
    parent, journal = docs_dir.parent, journal_of(docs_dir)
    done = None
    try:
        noted = json.loads(journal.read_text(encoding="utf-8"))
        staging = parent / noted["staging"]
        aside = parent / noted["aside"] if noted.get("aside") else None
        had_folder = bool(noted.get("had_folder"))
    except (OSError, ValueError, KeyError, TypeError):
        noted = None
    if noted is not None and not docs_dir.exists():
        if aside is not None and aside.is_dir():
            aside.rename(docs_dir)
            done = "rolled_back"
        elif aside is None:
            if had_folder:
                docs_dir.mkdir()
            done = "rolled_back"
        elif staging.is_dir():
            staging.rename(docs_dir)
            done = "finished"
    for left in parent.glob(f"{_staging_prefix(docs_dir)}*"):
        if left.is_dir() and not left.is_symlink():
            shutil.rmtree(left)
    journal.unlink(missing_ok=True)
    return done


def build(docs_dir: Path, files: dict[str, str], aside: Path | None) -> None:
    """Write the new portfolio in place of ``docs_dir``, moving what was there to ``aside``.

    Everything is written first into a hidden folder beside ``docs_dir``; then two renames
    put it in place. If the second rename fails the first is undone. A profile that would not
    pass the check raises :class:`~ifms.authoring.draft.DraftInvalid` before anything is written.
    """
    record_draft.require_valid(files[PROFILE_FILE], PROFILE_FILE)
    parent = docs_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=parent, prefix=_staging_prefix(docs_dir)))
    journal = journal_of(docs_dir)
    try:
        for relative, text in files.items():
            atomic.write_text(staging / relative, text)
        atomic.write_text(journal, json.dumps({"staging": staging.name, "aside": aside.name if aside else None,
                                               "had_folder": docs_dir.exists()}), replace=True)
        if aside is not None:
            docs_dir.rename(aside)
        elif docs_dir.exists():
            docs_dir.rmdir()  # empty (checked by the caller): nothing is lost
        try:
            staging.rename(docs_dir)
        except OSError:
            if aside is not None:
                aside.rename(docs_dir)
            raise
        journal.unlink(missing_ok=True)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
        if docs_dir.exists():  # in place, old or new: the journal has nothing left to undo
            journal.unlink(missing_ok=True)

