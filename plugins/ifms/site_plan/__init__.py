"""The portfolio as a site, for any engine: :mod:`.plan` (what the site holds), :mod:`.urls`
(page URLs as MkDocs makes them), :mod:`.export` (a plain Markdown site without the plugin)."""
