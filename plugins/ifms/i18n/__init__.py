"""Every user-facing text, in Dutch and English (``locales/``), with dates, numbers and plural
forms by Babel (:mod:`.locale`)."""
