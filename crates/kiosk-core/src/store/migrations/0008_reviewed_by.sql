-- Who reviewed each installed bundle (the manifest's reviewed_by, format 2). NULL makes the
-- bundle a draft: patients are told it is not yet checked by a clinician.
ALTER TABLE bundle ADD COLUMN reviewed_by TEXT;
