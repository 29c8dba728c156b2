//! A compact byte encoding of pages (glyphs and ruling lines), so that the
//! table builder can be fuzzed without going through PDF parsing: every
//! input decodes to some pages. Shared by the `tables` target and the
//! `seed_tables` tool that encodes the sample PDFs' pages as seeds.
//!
//! Records: `0` rule (x0 y0 x1 y1 as u16 quarter-points, width u8 tenths),
//! `1` glyph (x y as u16 quarter-points, size u8 half-points, char as 3
//! bytes), `2` next page. Anything else is skipped.

#![allow(dead_code)]

use std::sync::Arc;

use yusuan::pdf::{BBox, Glyph, Page, PageKind, Rule};

pub const WIDTH: f64 = 595.0;
pub const HEIGHT: f64 = 842.0;

fn u16_at(d: &[u8], i: usize) -> Option<f64> {
    Some(f64::from(u16::from_le_bytes([*d.get(i)?, *d.get(i + 1)?])) / 4.0)
}

fn empty_page(number: usize) -> Page {
    Page {
        number,
        width: WIDTH,
        height: HEIGHT,
        rotation: 0,
        kind: PageKind::Text,
        glyphs: Vec::new(),
        rules: Vec::new(),
        rects: Vec::new(),
        images: Vec::new(),
        warnings: Vec::new(),
        ocr: None,
    }
}

pub fn decode(data: &[u8]) -> Vec<Page> {
    let font: Arc<str> = Arc::from("F");
    let mut pages = vec![empty_page(1)];
    let mut i = 0;
    while i < data.len() {
        let page = pages.last_mut().expect("one page at least");
        match data[i] {
            0 => {
                let (Some(x0), Some(y0), Some(x1), Some(y1), Some(w)) =
                    (u16_at(data, i + 1), u16_at(data, i + 3), u16_at(data, i + 5), u16_at(data, i + 7), data.get(i + 9))
                else {
                    break;
                };
                page.rules.push(Rule { x0, y0, x1, y1, width: f64::from(*w) / 10.0 });
                i += 10;
            }
            1 => {
                let (Some(x), Some(y), Some(size), Some(c)) = (
                    u16_at(data, i + 1),
                    u16_at(data, i + 3),
                    data.get(i + 5),
                    data.get(i + 6..i + 9),
                ) else {
                    break;
                };
                let size = (f64::from(*size) / 2.0).max(0.5);
                let code = u32::from_le_bytes([c[0], c[1], c[2], 0]);
                let ch = char::from_u32(code).unwrap_or('?');
                let advance = if ch.is_ascii() { size * 0.5 } else { size };
                page.glyphs.push(Glyph {
                    text: ch.to_string().into(),
                    bbox: BBox::new(x, y - size * 0.2, x + advance, y + size * 0.8),
                    font: font.clone(),
                    size,
                    dir: 0,
                    visible: true,
                    decoded: true,
                    confidence: None,
                });
                i += 9;
            }
            2 => {
                let n = pages.len() + 1;
                if n > 8 {
                    break;
                }
                pages.push(empty_page(n));
                i += 1;
            }
            _ => i += 1,
        }
    }
    pages
}

fn q(v: f64) -> [u8; 2] {
    ((v.clamp(0.0, 16383.0) * 4.0).round() as u16).to_le_bytes()
}

pub fn encode(pages: &[Page]) -> Vec<u8> {
    let mut out = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        if n > 0 {
            out.push(2);
        }
        for r in &page.rules {
            out.push(0);
            for v in [r.x0, r.y0, r.x1, r.y1] {
                out.extend(q(v));
            }
            out.push((r.width * 10.0).clamp(0.0, 255.0) as u8);
        }
        for g in &page.glyphs {
            for ch in g.text.chars() {
                out.push(1);
                out.extend(q(g.bbox.x0));
                out.extend(q(g.bbox.y0 + g.size * 0.2));
                out.push((g.size * 2.0).clamp(1.0, 255.0) as u8);
                out.extend(&u32::from(ch).to_le_bytes()[..3]);
            }
        }
    }
    out
}
