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

/// A lopdf error in the project's words: what is wrong with the file,
/// naming the limit when one was reached, never lopdf's request to open an
/// issue with its developers.
pub(crate) fn describe(e: &lopdf::Error) -> String {
    use lopdf::{DecompressError as D, Error as E};
    let text = match e {
        E::Unimplemented("decompression algorithms") => {
            "a stream uses a compression filter that is not supported".to_string()
        }
        E::Unimplemented(what) => format!("uses a PDF feature that is not supported ({what})"),
        E::Decompress(D::MemoryLimitExceeded { limit }) => format!(
            "a stream decompresses to more than {limit} bytes, the limit for one stream (max_stream_bytes): a decompression bomb, not expanded"
        ),
        E::Decompress(D::TooManyFilters { count, limit }) => {
            format!("a stream names {count} filters, more than the {limit} decoded")
        }
        E::Decompress(D::Predictor(why)) => format!("a stream's /DecodeParms predictor is invalid ({why})"),
        E::Decompress(d) => format!("a compressed stream is damaged ({d})"),
        // lopdf's "IO error": its predictors and decoders report bad
        // parameters (`/Predictor 10 /Columns 0`) and bad data this way.
        E::IO(io) => format!("a stream cannot be decoded: its data or /DecodeParms are invalid ({io})"),
        E::Decryption(
            d @ (lopdf::encryption::DecryptionError::UnsupportedEncryption
            | lopdf::encryption::DecryptionError::UnsupportedVersion
            | lopdf::encryption::DecryptionError::UnsupportedRevision),
        ) => format!("encrypted with a scheme that is not supported ({d})"),
        // The trailer names /Encrypt, but no usable dictionary.
        E::NotEncrypted => {
            "the encryption dictionary (/Encrypt) is malformed: no password can open it".to_string()
        }
        E::Decryption(d) => {
            format!("the encryption dictionary (/Encrypt) is malformed ({d}): no password can open it")
        }
        E::UnsupportedSecurityHandler(h) => format!(
            "encrypted with an unsupported security handler ({})",
            String::from_utf8_lossy(h)
        ),
        other => other.to_string(),
    };
    let text = match text.find("; please open an issue") {
        Some(at) => text[..at].to_string(),
        None => text,
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
