"""``ifms init``: turn a fresh copy of the project into the specialist's own, empty portfolio.

The example portfolio is moved aside, never deleted: it stays there to look things up in.
A portfolio that is not the untouched example (it differs from the manifest of the shipped
example) is only moved after the specialist confirms. The new portfolio is built in a hidden
folder beside it and renamed into place, so a failure leaves the old folder as it was.
"""

from __future__ import annotations

import hashlib
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
    for folder in DEFAULT_FOLDERS.values():
        files[f"{folder}/{KEEP_FILE}"] = ""
    return files


def privacy_page(locale: Locale) -> str:
    """The site's privacy page; the example portfolio ships the same text (a test keeps it so)."""
    return locale.t("init.privacy_page")


def build(docs_dir: Path, files: dict[str, str], aside: Path | None) -> None:
    """Write the new portfolio in place of ``docs_dir``, moving what was there to ``aside``.

    Everything is written first into a hidden folder beside ``docs_dir``; then two renames
    put it in place. If the second rename fails the first is undone. A profile that would not
    pass the check raises :class:`~ifms.authoring.draft.DraftInvalid` before anything is written.
    """
    record_draft.require_valid(files[PROFILE_FILE], PROFILE_FILE)
    parent = docs_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=parent, prefix=f".{docs_dir.name}.init-"))
    try:
        for relative, text in files.items():
            atomic.write_text(staging / relative, text)
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
    finally:
        if staging.exists():
            shutil.rmtree(staging)

