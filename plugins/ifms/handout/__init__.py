"""The handout for the gespreksleider: one document with what the specialist chose to share.

The same document is a print page in the site (for the browser's own print) and a PDF made
with WeasyPrint (``ifms pdf``, or a site build with the plugin's ``pdf`` option). Which records
go in is decided once, in :mod:`.selection`; private records, their titles and their links
never reach it.
"""
