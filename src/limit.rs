//! The memory ceiling of a child process (a batch worker, an OCR engine
//! run): `setrlimit(RLIMIT_DATA)` in the child between `fork` and `exec`.
//!
//! `RLIMIT_DATA` (since Linux 4.7) counts a process's private writable
//! memory — heap, anonymous maps, thread stacks — which is what a document
//! can make grow; unlike `RLIMIT_AS` it does not count address space only
//! reserved (glibc reserves 64 MB per thread arena, the binary and its
//! libraries are mapped), so the ceiling means memory, not layout. An
//! allocation past it fails: in Rust the process aborts with `memory
//! allocation of N bytes failed` (a batch worker's document is then a
//! `failed` row); Tesseract and pdftoppm exit with an error (the page is
//! not OCRed, with the reason). Children inherit the limit.

use std::process::Command;

/// Runs the command's process under `bytes` of data memory (Unix; a no-op
/// elsewhere).
pub(crate) fn limit_memory(cmd: &mut Command, bytes: u64) {
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let bytes = bytes as libc::rlim_t;
        // SAFETY: getrlimit and setrlimit are async-signal-safe, and the
        // closure touches nothing else (no allocation, no lock) between
        // fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                let mut limit = libc::rlimit {
                    rlim_cur: 0,
                    rlim_max: 0,
                };
                if libc::getrlimit(libc::RLIMIT_DATA, &mut limit) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                // Never above a lower limit already set on us.
                let bytes = bytes.min(limit.rlim_max);
                limit.rlim_cur = bytes;
                limit.rlim_max = bytes;
                if libc::setrlimit(libc::RLIMIT_DATA, &limit) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (cmd, bytes);
    }
}

/// `N MB`, for messages.
pub(crate) fn mb(bytes: u64) -> String {
    format!("{} MB", bytes >> 20)
}
