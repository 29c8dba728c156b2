//! Page selections: `3`, `3-5`, `1,4-6,9`, `7-` (to the end).

/// A set of 1-based page numbers, as ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageSelection(Vec<(usize, Option<usize>)>);

impl std::str::FromStr for PageSelection {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut ranges = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let parse = |t: &str| {
                t.trim()
                    .parse::<usize>()
                    .ok()
                    .filter(|&n| n >= 1)
                    .ok_or_else(|| format!("'{t}' is not a page number (pages start at 1)"))
            };
            match part.split_once('-') {
                Some((a, b)) => {
                    let a = parse(a)?;
                    let b = if b.trim().is_empty() {
                        None
                    } else {
                        Some(parse(b)?)
                    };
                    if b.is_some_and(|b| b < a) {
                        return Err(format!("page range '{part}' runs backwards"));
                    }
                    ranges.push((a, b));
                }
                None => {
                    let n = parse(part)?;
                    ranges.push((n, Some(n)));
                }
            }
        }
        if ranges.is_empty() {
            return Err("empty page selection".into());
        }
        Ok(PageSelection(ranges))
    }
}

impl PageSelection {
    /// The selected pages of a document with `count` pages, in order,
    /// without duplicates.
    pub fn pages(&self, count: usize) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .0
            .iter()
            .flat_map(|&(a, b)| a..=b.unwrap_or(count).min(count))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The one-file commands' (`text`, `tables`) way in: opens `file` (with
/// `password`, else the empty one), reports the document's warnings on
/// stderr, and reads the selected pages (all without a selection), OCRing
/// those `ocr` selects.
pub fn open_pages(
    file: &std::path::Path,
    password: Option<&str>,
    selection: Option<&PageSelection>,
    ocr: yusuan::ocr::OcrMode,
    settings: &yusuan::layout::Settings,
) -> anyhow::Result<Opened> {
    use anyhow::Context;
    let options = yusuan::pdf::OpenOptions {
        password: password.map(str::to_string),
        ..yusuan::pdf::OpenOptions::default()
    };
    let doc =
        yusuan::pdf::Document::open_with(file, &options).with_context(|| format!("{}", file.display()))?;
    let mut partial = false;
    for w in doc.warnings() {
        eprintln!("{}: {w}", file.display());
        partial |= w.kind.makes_partial();
    }
    let numbers = match selection {
        Some(sel) => sel.pages(doc.page_count()),
        None => (1..=doc.page_count()).collect(),
    };
    let ocr = yusuan::ocr::OcrSettings {
        mode: ocr,
        password: password.map(str::to_string),
        ..yusuan::ocr::OcrSettings::default()
    };
    let (pages, warnings) =
        yusuan::ocr::read_pages(&doc, &numbers, yusuan::ocr::PdfSource::File(file), &ocr, settings);
    Ok(Opened {
        doc,
        pages,
        warnings,
        partial,
    })
}

/// What [`open_pages`] read.
pub struct Opened {
    pub doc: yusuan::pdf::Document,
    /// The selected pages, read (and OCRed) in order.
    pub pages: Vec<yusuan::pdf::Page>,
    /// The reading's warnings (pages that could not be interpreted, OCR).
    pub warnings: Vec<yusuan::Warning>,
    /// The document's own warnings (already on stderr) make it partial.
    pub partial: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ranges() {
        let sel: PageSelection = "1,4-6, 9-".parse().unwrap();
        assert_eq!(sel.pages(11), vec![1, 4, 5, 6, 9, 10, 11]);
        let sel: PageSelection = "3-5".parse().unwrap();
        assert_eq!(sel.pages(4), vec![3, 4]);
        assert!("0".parse::<PageSelection>().is_err());
        assert!("5-3".parse::<PageSelection>().is_err());
        assert!("x".parse::<PageSelection>().is_err());
    }
}
