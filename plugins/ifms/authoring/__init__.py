"""Writing records for the specialist, never over a file: ``ifms init`` (:mod:`.init`), ``ifms
new`` (:mod:`.new_record`), ``ifms import-feedback`` (:mod:`.feedback_import`), JSON Schemas
for editors (:mod:`.schema`), ``ifms export`` (:mod:`.export`); every text is checked as ``ifms
check`` would before it is written (:mod:`.draft`)."""
