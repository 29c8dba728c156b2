//! The narrative as one text: lines outside tables, running headers,
//! footers and page numbers removed, rejoined across line and page breaks
//! so that `比2019年预算减少2627.46` / `万元` is one figure.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

use crate::layout::{Line, PageLayout};
use crate::normalize::label::compact;

/// The narrative text of a document with a map back to pages.
#[derive(Debug, Clone, Default)]
pub struct Narrative {
    pub text: String,
    /// `(byte offset, page)`: text from this offset on is on `page`.
    starts: Vec<(usize, usize)>,
}

impl Narrative {
    /// The page of a byte offset into `text`.
    pub fn page_at(&self, offset: usize) -> usize {
        let i = self.starts.partition_point(|&(o, _)| o <= offset);
        self.starts.get(i.saturating_sub(1)).map(|&(_, p)| p).unwrap_or(1)
    }

    /// The section heading in force at a byte offset (the last line that
    /// looked like a heading: 一、…, （二）…, 第三部分…).
    pub fn section_at(&self, offset: usize, headings: &[(usize, String)]) -> String {
        let i = headings.partition_point(|&(o, _)| o <= offset);
        headings
            .get(i.saturating_sub(1))
            .filter(|_| i > 0)
            .map(|(_, h)| h.clone())
            .unwrap_or_default()
    }
}

fn page_number_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"^([-—–－~\s]*\d{1,4}[-—–－~\s]*|第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|[-—–]?\s*[ivxlcIVXLC]+\s*[-—–]?)$")
            .expect("static regex")
    })
}

fn heading_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(
            r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])",
        )
        .expect("static regex")
    })
}

/// A line's text with digits folded, to recognise a running header whose
/// page number changes.
fn shape(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Whether a line is inside one of the page's tables.
fn in_table(line: &Line, page: &PageLayout) -> bool {
    let (cx, cy) = line.bbox.center();
    page.tables
        .iter()
        .any(|t| cx >= t.bbox.x0 && cx <= t.bbox.x1 && cy >= t.bbox.y0 && cy <= t.bbox.y1)
}

/// Lines repeated at the top or bottom of many pages (running headers and
/// footers), as shapes.
pub fn running_lines(pages: &[PageLayout]) -> std::collections::HashSet<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for page in pages {
        let margin = page.height * 0.1;
        let mut seen = std::collections::HashSet::new();
        for line in &page.lines {
            let top = line.bbox.y0 > page.height - margin;
            let bottom = line.bbox.y1 < margin;
            if (top || bottom) && seen.insert(shape(&line.text)) {
                *counts.entry(shape(&line.text)).or_default() += 1;
            }
        }
    }
    let threshold = (pages.len() / 4).max(3);
    counts
        .into_iter()
        .filter(|(_, n)| *n >= threshold)
        .map(|(s, _)| s)
        .collect()
}

/// Whether a line is page furniture: a running header/footer or a page
/// number in the margins.
pub fn is_furniture(line: &Line, page: &PageLayout, running: &std::collections::HashSet<String>) -> bool {
    let margin = page.height * 0.1;
    let in_margin = line.bbox.y0 > page.height - margin || line.bbox.y1 < margin;
    if !in_margin {
        return false;
    }
    let t = compact(&line.text);
    page_number_re().is_match(&t) || running.contains(&shape(&line.text))
}

/// Joins two pieces of text: nothing between CJK (or at a number/unit
/// boundary), one space between Latin words.
fn join(out: &mut String, next: &str) {
    let last = out.chars().last();
    let first = next.chars().next();
    if let (Some(a), Some(b)) = (last, first)
        && a.is_ascii_alphabetic()
        && b.is_ascii_alphabetic()
    {
        out.push(' ');
    }
    out.push_str(next);
}

/// Builds the narrative of a document and its section headings (byte
/// offset, heading text).
pub fn narrative(pages: &[PageLayout]) -> (Narrative, Vec<(usize, String)>) {
    let running = running_lines(pages);
    let mut n = Narrative::default();
    let mut headings = Vec::new();
    for page in pages {
        n.starts.push((n.text.len(), page.number));
        for line in &page.lines {
            if in_table(line, page) || is_furniture(line, page, &running) {
                continue;
            }
            let t = compact(&line.text);
            if t.is_empty() {
                continue;
            }
            if heading_re().is_match(&t) && t.chars().count() <= 40 {
                // A heading ends the sentence before it.
                if !n.text.is_empty() && !n.text.ends_with(['。', '：', ':', '；']) {
                    n.text.push('\n');
                }
                headings.push((n.text.len(), t.clone()));
            }
            join(&mut n.text, &t);
        }
    }
    (n, headings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for t in [
            "— 13 —",
            "-3-",
            "13",
            "第3页",
            "第 3 页 共 36 页",
            "3/36",
            "- ii -",
        ] {
            assert!(page_number_re().is_match(&compact(t)), "{t}");
        }
        for t in ["2934.45万元", "一、部门职责", "2020年"] {
            assert!(!page_number_re().is_match(&compact(t)), "{t}");
        }
    }

    #[test]
    fn shapes_fold_digits() {
        assert_eq!(
            shape("区人社局 2020年部门预算 — 3 —"),
            "区人社局####年部门预算—#—"
        );
    }
}
