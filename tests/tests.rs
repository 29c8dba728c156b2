//! Integration tests, built as one binary (ripgrep's layout).

mod truth;
mod util;

mod batch;
mod checks;
mod compare;
mod corpus;
mod hostile;
mod keys;
mod ocr;
mod reliability;
mod samples;
