"""Applications: the applicant's form with its cost plan, drafts, submission, withdrawal, progress reports; the staff's list."""
