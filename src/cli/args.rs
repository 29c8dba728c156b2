//! Arguments more than one command takes, defined once, and how they map
//! onto the library's settings (defaults come from
//! [`yusuan::pipeline::defaults`]).

use super::note;
use std::path::PathBuf;
use std::time::Duration;

use yusuan::pipeline::{self, PageSelection, defaults};

/// How each PDF is read: `extract`, `text` and `tables` alike.
#[derive(Debug, Clone, clap::Args)]
pub struct Reading {
    /// Password to try on encrypted files (the empty one is always tried).
    #[arg(long)]
    pub password: Option<String>,
    /// OCR: `auto` reads image-only and undecodable pages with Tesseract
    /// (in parallel within --jobs), `always` every page, `never` none.
    #[arg(long, default_value = "auto")]
    pub ocr: yusuan::ocr::OcrMode,
    /// Seconds a single file may take before it is stopped and marked failed.
    #[arg(long, default_value_t = defaults::FILE_TIMEOUT.as_secs())]
    pub file_timeout: u64,
    /// Largest file accepted, in megabytes.
    #[arg(long, default_value_t = defaults::MAX_FILE_MB)]
    pub max_file_mb: u64,
    /// Memory one document may use, in megabytes: shared out as budgets
    /// (bytes decoded from its streams, glyphs held, pixels of an image for
    /// OCR); a document over one is partial, with the limit named. Each
    /// worker process and OCR engine run is also held to it plus 256 MB
    /// for the program itself (setrlimit): past that a document fails.
    #[arg(long, default_value_t = defaults::MAX_MEMORY_MB)]
    pub max_memory_mb: u64,
}

impl Reading {
    /// The pipeline settings these flags give (checked: a flag that
    /// cannot work is a usage error).
    pub fn settings(&self) -> anyhow::Result<pipeline::Settings> {
        let mut s = pipeline::Settings {
            timeout: Duration::from_secs(self.file_timeout.max(1)),
            ..pipeline::Settings::default()
        };
        s.open.password = self.password.clone();
        s.open.max_file_bytes = self.max_file_mb.saturating_mul(1024 * 1024);
        if self.max_memory_mb == 0 {
            anyhow::bail!("--max-memory-mb must be more than 0");
        }
        let (decoded, glyphs, pixels) = defaults::budgets(self.max_memory_mb);
        s.open.max_document_decoded_bytes = decoded;
        s.open.max_document_glyphs = glyphs;
        s.ocr.max_image_bytes = pixels;
        s.ocr.memory_limit = Some(defaults::memory_ceiling(self.max_memory_mb));
        s.ocr.mode = self.ocr;
        s.ocr.password = self.password.clone();
        s.validate().map_err(|e| anyhow::anyhow!("{e}"))?;
        Ok(s)
    }
}

/// One PDF and a page selection: `text` and `tables`.
#[derive(Debug, Clone, clap::Args)]
pub struct OneFile {
    /// The PDF file.
    pub file: PathBuf,
    /// Pages to read, e.g. `3`, `3-5`, `1,4-6`, `7-` (default: all). A
    /// table running past the selection is cut at its edge.
    #[arg(long)]
    pub pages: Option<PageSelection>,
    #[command(flatten)]
    pub reading: Reading,
}

impl OneFile {
    /// Runs the pipeline on the file up to `until`: its warnings on stderr
    /// (prefixed with the file name), an unreadable file as an error.
    pub fn process(&self, until: pipeline::Until, keep_pages: bool) -> anyhow::Result<pipeline::Processed> {
        let settings = pipeline::Settings {
            pages: self.pages.clone(),
            until,
            keep_pages,
            ..self.reading.settings()?
        };
        // SIGINT/SIGTERM stop the document at its next check, OCR runs and
        // their temporary files included.
        yusuan::stop::install_handlers();
        let processed = pipeline::process(pipeline::Input::Path(&self.file), &settings)
            .map_err(|f| anyhow::anyhow!("{}: {}", self.file.display(), f.message))?;
        for w in &processed.warnings {
            note!("{}: {w}", self.file.display());
        }
        Ok(processed)
    }
}
