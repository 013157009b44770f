"""The plugin's MkDocs config class: empty on purpose.

Every option is validated by the core's :class:`ifms.options.Options` (one model for the site
build and the ``ifms`` command), in :meth:`mkdocs_ifms.plugin.IfmsPlugin.load_config`. MkDocs
itself handles ``enabled: false``: a plugin without an ``enabled`` option is then not run.
"""

from __future__ import annotations

from mkdocs.config import base


class IfmsConfig(base.Config):
    """No options of its own: see :class:`ifms.options.Options` and docs/opties.md."""
