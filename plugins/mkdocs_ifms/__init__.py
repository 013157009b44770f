"""MkDocs plugin ``ifms``: a thin adapter from MkDocs events to the :mod:`ifms` core."""
