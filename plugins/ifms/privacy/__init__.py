"""Patient details kept out of git and out of the handout: the scan for a BSN and other
identifiers (:mod:`.scan`), the git pre-commit hook (:mod:`.git_hook`), and the addresses the
private site may be served on (:mod:`.address`)."""
