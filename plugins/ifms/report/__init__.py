"""Stage 4, the analysed portfolio: everything pages, charts and the handout show, computed once
(:mod:`.analysis`): the progress figures (:mod:`.progress`), the cycle timeline
(:mod:`.timeline`), and the rules' notes in words (:mod:`.wording`)."""
