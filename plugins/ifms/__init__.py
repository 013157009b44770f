"""IFMS portfolio: the framework-free core (load, model, pages) and the ``ifms`` command.

Nothing here imports MkDocs; the MkDocs plugin in :mod:`mkdocs_ifms` is a thin adapter.
"""

__version__ = "0.1.0"
FORMAT_VERSION = 1
