-- Who signed each installed bundle (minisign key id and trusted comment); NULL when unsigned or
-- not checked because no key was trusted at import.
ALTER TABLE bundle ADD COLUMN signer_key_id TEXT;
ALTER TABLE bundle ADD COLUMN signer_comment TEXT;
