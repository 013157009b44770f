"""IFMS portfolio: the framework-free core and the ``ifms`` command.

The packages follow the data flow: :mod:`.source` (the files) -> :mod:`.records` (a validated
portfolio) -> :mod:`.rules` (the re-registration verdicts) -> :mod:`.report` (the analysed
portfolio) -> :mod:`.charts` and :mod:`.pages` -> :mod:`.site_plan` (what any site engine
needs) and :mod:`.handout` (the PDF); beside them :mod:`.privacy`, :mod:`.authoring`,
:mod:`.cli` and :mod:`.i18n`, and :mod:`.options`, the plugin's settings. Nothing here imports
MkDocs; the MkDocs plugin in :mod:`mkdocs_ifms` is a thin adapter onto the site plan.
"""

__version__ = "0.1.0"
FORMAT_VERSION = 1
