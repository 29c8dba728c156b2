//! One file of a batch: the pipeline, and its result as a record whatever
//! happens.

use std::path::Path;

use crate::output::DocRecord;
use crate::pipeline::{self, Input};

/// Per-file settings: the pipeline's.
pub type Settings = pipeline::Settings;

/// Processes one file. Never panics; always returns a record (a failure
/// is a `failed` record with its one-line reason).
pub fn process_file(path: &Path, settings: &Settings) -> DocRecord {
    match pipeline::process(Input::Path(path), settings) {
        Ok(processed) => processed.record(),
        Err(failure) => failure.record(),
    }
}
