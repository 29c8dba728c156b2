//! Verification of OCR tables by the check stage's identities.
