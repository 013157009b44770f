"""Stage 2, the records: the models of the format (:mod:`.model`, :mod:`.competencies`,
:mod:`.dates`), reading a folder into a validated :class:`~.portfolio.Portfolio` (:mod:`.load`),
and the checks across fields and files (:mod:`.consistency`)."""
