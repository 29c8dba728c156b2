//! Glyphs → words → lines.
//!
//! Spaces come from geometry, not from the content stream's `TJ` offsets:
//! a gap between two glyphs is a word break when it is wider than a
//! threshold relative to the font size (see [`Settings`]). That is what
//! keeps `2020` and `预算` whole where pdf-extract writes `2 0 2 0`, and
//! what turns a table's column gap into a space.

use serde::Serialize;

pub(crate) use crate::normalize::label::is_cjk;

use super::settings::Settings;
use crate::pdf::{BBox, Glyph};

/// A run of glyphs without a word gap: a CJK phrase, a number, a Latin word.
#[derive(Debug, Clone, Serialize)]
pub struct Word {
    pub text: String,
    pub bbox: BBox,
    /// Font size in points (of its first glyph).
    pub size: f64,
}

/// Words sharing a baseline, left to right.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    /// The words joined by one space (two at a column gap).
    pub text: String,
    pub bbox: BBox,
    /// Median font size in points.
    pub size: f64,
    pub words: Vec<Word>,
}

/// A glyph prepared for layout: its text and box in the layout frame.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub text: compact_str::CompactString,
    pub bbox: BBox,
    pub size: f64,
}

impl Item {
    fn cy(&self) -> f64 {
        (self.bbox.y0 + self.bbox.y1) / 2.0
    }
}

/// Drops glyphs painted twice at (almost) the same place — fake bold —
/// and glyphs without text.
pub(crate) fn dedupe(items: &mut Vec<Item>, settings: &Settings) {
    items.retain(|i| !i.text.is_empty());
    if items.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| {
        items[a]
            .text
            .cmp(&items[b].text)
            .then(items[a].bbox.x0.total_cmp(&items[b].bbox.x0))
    });
    let mut drop = vec![false; items.len()];
    for w in 0..order.len() {
        let a = &items[order[w]];
        if drop[order[w]] || a.text.trim().is_empty() {
            continue;
        }
        let tol_x = settings.duplicate_tolerance * a.bbox.width().max(a.size * 0.3);
        let tol_y = settings.duplicate_tolerance * a.size.max(1.0);
        for &j in &order[w + 1..] {
            let b = &items[j];
            if b.text != a.text || b.bbox.x0 - a.bbox.x0 > tol_x {
                break;
            }
            if (b.bbox.y0 - a.bbox.y0).abs() <= tol_y {
                drop[j] = true;
            }
        }
    }
    let mut k = 0;
    items.retain(|_| {
        let keep = !drop[k];
        k += 1;
        keep
    });
}

/// Groups items into lines (top to bottom) and words (left to right),
/// after removing fake-bold duplicates.
#[cfg(test)]
pub(crate) fn items_to_lines(mut items: Vec<Item>, settings: &Settings) -> Vec<Line> {
    dedupe(&mut items, settings);
    group_lines(items, settings)
}

/// [`items_to_lines`] for items already deduplicated.
pub(crate) fn group_lines(mut items: Vec<Item>, settings: &Settings) -> Vec<Line> {
    items.sort_by(|a, b| b.cy().total_cmp(&a.cy()).then(a.bbox.x0.total_cmp(&b.bbox.x0)));
    let mut groups: Vec<Vec<Item>> = Vec::new();
    let mut current_cy = f64::NAN;
    let mut current_size = 0.0;
    for item in items {
        let tol = settings.line_tolerance * item.size.max(current_size).max(1.0);
        if groups.is_empty() || (current_cy - item.cy()).abs() > tol {
            current_cy = item.cy();
            current_size = item.size;
            groups.push(vec![item]);
        } else if let Some(g) = groups.last_mut() {
            // Running mean keeps a long line from drifting.
            let n = g.len() as f64;
            current_cy = (current_cy * n + item.cy()) / (n + 1.0);
            current_size = current_size.max(item.size);
            g.push(item);
        }
    }
    let mut lines: Vec<Line> = groups
        .into_iter()
        .filter_map(|g| group_to_line(g, settings))
        .collect();
    lines.sort_by(|a, b| {
        let (ca, cb) = ((a.bbox.y0 + a.bbox.y1) / 2.0, (b.bbox.y0 + b.bbox.y1) / 2.0);
        cb.total_cmp(&ca).then(a.bbox.x0.total_cmp(&b.bbox.x0))
    });
    lines
}

fn group_to_line(mut items: Vec<Item>, settings: &Settings) -> Option<Line> {
    items.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
    let mut words: Vec<Word> = Vec::new();
    let mut gaps: Vec<bool> = Vec::new(); // whether the gap before word i is a column gap
    let mut pending_space = false;
    let mut prev: Option<&Item> = None;
    let mut current: Option<Word> = None;
    for item in &items {
        if item.text.trim().is_empty() {
            pending_space = true;
            continue;
        }
        let brk = match prev {
            None => true,
            Some(p) => {
                let gap = item.bbox.x0 - p.bbox.x1;
                let size = p.size.max(item.size).max(1.0);
                let last = p.text.chars().last().unwrap_or(' ');
                let first = item.text.chars().next().unwrap_or(' ');
                let threshold = if is_cjk(last) && is_cjk(first) {
                    settings.cjk_word_gap
                } else {
                    settings.latin_word_gap
                };
                let column = gap > settings.column_gap * size;
                if pending_space || gap > threshold * size {
                    gaps.push(column);
                    true
                } else {
                    false
                }
            }
        };
        if brk {
            if let Some(w) = current.take() {
                words.push(w);
            }
            current = Some(Word {
                text: item.text.to_string(),
                bbox: item.bbox,
                size: item.size,
            });
        } else if let Some(w) = current.as_mut() {
            w.text.push_str(&item.text);
            w.bbox = w.bbox.union(&item.bbox);
        }
        pending_space = false;
        prev = Some(item);
    }
    if let Some(w) = current.take() {
        words.push(w);
    }
    if words.is_empty() {
        return None;
    }
    let mut text = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            text.push_str(if gaps.get(i - 1).copied().unwrap_or(false) {
                "  "
            } else {
                " "
            });
        }
        text.push_str(&w.text);
    }
    let bbox = words.iter().skip(1).fold(words[0].bbox, |b, w| b.union(&w.bbox));
    let mut sizes: Vec<f64> = words.iter().map(|w| w.size).collect();
    sizes.sort_by(f64::total_cmp);
    let size = sizes[sizes.len() / 2];
    Some(Line {
        text,
        bbox,
        size,
        words,
    })
}

/// Converts PDF-stage glyphs into layout items (visible or not: an OCR
/// text layer is text too), keeping only decoded ones.
pub(crate) fn glyph_items<'a>(glyphs: impl Iterator<Item = &'a Glyph>) -> Vec<Item> {
    glyphs
        .filter(|g| g.decoded)
        .map(|g| Item {
            text: g.text.clone(),
            bbox: g.bbox,
            size: g.size,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(text: &str, x: f64, y: f64, w: f64) -> Item {
        Item {
            text: text.into(),
            bbox: BBox::new(x, y - 1.2, x + w, y + 8.8),
            size: 10.0,
        }
    }

    #[test]
    fn cjk_and_digits_stay_whole_and_gaps_become_spaces() {
        let mut items = Vec::new();
        // "2020年" then a 3-em gap then "预算" (justified by 0.1 em).
        let mut x = 0.0;
        for c in ["2", "0", "2", "0"] {
            items.push(item(c, x, 100.0, 5.0));
            x += 5.0;
        }
        items.push(item("年", x, 100.0, 10.0));
        x += 40.0;
        items.push(item("预", x, 100.0, 10.0));
        items.push(item("算", x + 11.0, 100.0, 10.0));
        let lines = items_to_lines(items, &Settings::default());
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text, "2020年  预算");
        assert_eq!(lines[0].words.len(), 2);
    }

    #[test]
    fn latin_word_space() {
        let items = vec![
            item("W", 0.0, 50.0, 9.0),
            item("P", 9.0, 50.0, 6.0),
            item("S", 15.0, 50.0, 6.0),
            item("O", 24.0, 50.0, 7.0),
        ];
        let lines = items_to_lines(items, &Settings::default());
        assert_eq!(lines[0].text, "WPS O");
    }

    #[test]
    fn lines_in_reading_order_and_fake_bold_removed() {
        let items = vec![
            item("下", 0.0, 80.0, 10.0),
            item("上", 0.0, 100.0, 10.0),
            item("上", 0.3, 100.2, 10.0),
        ];
        let lines = items_to_lines(items, &Settings::default());
        let texts: Vec<_> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["上", "下"]);
    }

    #[test]
    fn explicit_space_glyph_breaks_words() {
        let items = vec![
            item("区", 0.0, 10.0, 10.0),
            item(" ", 10.0, 10.0, 3.0),
            item("2", 13.0, 10.0, 5.0),
        ];
        let lines = items_to_lines(items, &Settings::default());
        assert_eq!(lines[0].text, "区 2");
    }
}
