"""Stage 5, the pages: Markdown made from the analysed portfolio with Jinja templates
(:mod:`.renderer`, ``templates/``); a template of the same name in ``site_templates/``
replaces the packaged one."""
