//! Caught panics: each stage that must not let one document's bug take the
//! others down catches panics here, and reports them in one line.

use std::panic::AssertUnwindSafe;

/// `catch_unwind`, except under the fuzzer (`cfg(fuzzing)`), where a panic
/// must reach libFuzzer to be reported.
pub(crate) fn guard<R>(f: AssertUnwindSafe<impl FnOnce() -> R>) -> std::thread::Result<R> {
    #[cfg(fuzzing)]
    {
        Ok(f())
    }
    #[cfg(not(fuzzing))]
    {
        std::panic::catch_unwind(f)
    }
}

/// The message of a caught panic, on one line.
pub(crate) fn message(panic: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        "unknown panic".to_string()
    }
}
