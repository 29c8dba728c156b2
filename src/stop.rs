//! Stopping a run cleanly: SIGINT or SIGTERM sets one flag, and every
//! place that checks a document's deadline also checks it, so documents
//! in progress stop at their next check and are not recorded (an
//! `--incremental` rerun redoes them), while finished ones are kept.
//!
//! The handler only stores to an atomic (async-signal-safe) and puts the
//! default action back, so a second signal ends the process at once.

use std::sync::atomic::{AtomicI32, Ordering};

/// The signal that asked us to stop (0: none).
static SIGNAL: AtomicI32 = AtomicI32::new(0);

/// Asks every document in progress to stop (what a signal does; tests and
/// library callers may call it directly).
pub fn request(signal: i32) {
    SIGNAL.store(signal.max(1), Ordering::SeqCst);
}

/// Whether a stop was asked for.
pub fn requested() -> bool {
    SIGNAL.load(Ordering::Relaxed) != 0
}

/// The name of the signal that asked for the stop (`SIGINT`, `SIGTERM`),
/// if any.
pub fn signal_name() -> Option<&'static str> {
    match SIGNAL.load(Ordering::Relaxed) {
        0 => None,
        #[cfg(unix)]
        libc::SIGINT => Some("SIGINT"),
        #[cfg(unix)]
        libc::SIGTERM => Some("SIGTERM"),
        _ => Some("a stop request"),
    }
}

/// The exit code of a run stopped by the signal (128 + its number, as a
/// shell reports it), if one was received.
pub fn exit_code() -> Option<i32> {
    match SIGNAL.load(Ordering::Relaxed) {
        0 => None,
        s => Some(128 + s),
    }
}

#[cfg(unix)]
extern "C" fn on_signal(signal: libc::c_int) {
    SIGNAL.store(signal, Ordering::SeqCst);
    // A second signal: the default action (the process ends).
    // SAFETY: `signal` is async-signal-safe.
    unsafe {
        libc::signal(signal, libc::SIG_DFL);
    }
}

/// Routes SIGINT and SIGTERM to [`request`] (Unix; elsewhere a no-op).
pub fn install_handlers() {
    #[cfg(unix)]
    for s in [libc::SIGINT, libc::SIGTERM] {
        let handler: extern "C" fn(libc::c_int) = on_signal;
        // SAFETY: the handler only stores to an atomic and calls
        // `signal`, both async-signal-safe.
        unsafe {
            libc::signal(s, handler as libc::sighandler_t);
        }
    }
}
