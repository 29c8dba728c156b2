//! Integration tests, built as one binary (ripgrep's layout).

mod truth;
mod util;

mod checks;
mod corpus;
mod hostile;
mod ocr;
mod samples;
