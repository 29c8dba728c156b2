//! Errors that stop a whole document. Anything smaller is a
//! [`Warning`](crate::Warning) on a page.

/// Why a document could not be read at all.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be read from disk.
    /// The I/O error is part of the message, not a `source`: a report that
    /// prints the chain would otherwise say it twice.
    #[error("cannot read file: {0}")]
    Io(std::io::Error),
    /// No `%PDF-` header in the first kilobyte.
    #[error("not a PDF file (no %PDF header)")]
    NotPdf,
    /// Encrypted with a user password we do not have.
    #[error("encrypted: a password is required to open it")]
    PasswordRequired,
    /// Larger than the configured limit.
    #[error("file is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
    /// The structure is broken beyond what repair could recover.
    #[error("damaged PDF: {0}")]
    Damaged(String),
    /// More objects than the configured limit (memory budget).
    #[error("{count} objects, over the limit of {limit}")]
    TooManyObjects { count: usize, limit: usize },
    /// The document has no pages.
    #[error("document has no pages")]
    NoPages,
    /// A page number outside the document.
    #[error("no page {page} (document has {count})")]
    NoSuchPage { page: usize, count: usize },
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}
