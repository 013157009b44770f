"""Writing files without ever losing what was there: all or nothing, and no overwriting.

A file is written to a temporary name in the same folder and then renamed into place, so a
crash or a full disk leaves either the old file or the new one, never half of one.

Hand-written on purpose: the libraries that write atomically (``atomicwrites``, archived;
``safer``; ``tempfile`` plus ``os.replace``) all replace the target. Creating a file that must
not exist needs the last step to fail if the name was taken meanwhile, which ``os.link`` does
and a rename does not; that is the whole difference, in a dozen lines.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_text(path: Path, text: str, *, replace: bool = False, mode: int | None = None) -> None:
    """Write ``text`` (UTF-8, ``\n`` line ends) to ``path`` atomically; see :func:`write_bytes`."""
    write_bytes(path, text.encode("utf-8"), replace=replace, mode=mode)


def write_bytes(path: Path, data: bytes, *, replace: bool = False, durable: bool = True,
                mode: int | None = None) -> None:
    """Write ``data`` to ``path`` atomically.

    ``durable=False`` skips the flush to disk: right for caches, which may be lost. ``mode``:
    the file's permissions (for a script, executable from the moment it has its name).

    Without ``replace`` an existing file is never touched (:class:`FileExistsError`); the
    final step then uses a hard link, which fails instead of overwriting if the name was
    taken meanwhile.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if mode is not None:
                temporary.chmod(mode)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        if replace:
            temporary.replace(path)
        else:
            path.hardlink_to(temporary)
    finally:
        temporary.unlink(missing_ok=True)
