//! Words → glyphs: every word the engine reads becomes one glyph per
//! character (the word box split evenly, as tall as its line), with the
//! word's confidence; gaps the engine leaves inside a figure or between
//! ideographs are closed.

use super::cells::is_ideograph;
use super::*;

/// Tesseract's LSTM often gives the first word of a line the whole line's
/// box; a word's box ends where the next word on its line starts, so the
/// even split into characters keeps them in order.
///
/// And the engine splits words where print has only letter spacing: after
/// the comma of `101,673.03`, between ideographs of justified text, between
/// an ideograph and a figure or a bracket. Chinese text has no spaces, so
/// such a gap (under one line height) is closed: the layout stage then writes `101,673.03万元`, not
/// `101, 673. 03 万元`. Latin words keep their spaces.
pub(super) fn clip_words(words: &mut [tesseract::Word]) {
    #[derive(PartialEq)]
    enum Class {
        Cjk,
        Figure,
        /// Brackets and marks the engine gives in ASCII for full-width
        /// ones: `(一 )` is `（一）`.
        Mark,
        Other,
    }
    let class = |c: Option<char>| match c {
        Some(c) if is_cjk_text(c) => Class::Cjk,
        Some(c) if c.is_ascii_digit() || ".,%-".contains(c) => Class::Figure,
        Some(c) if "()[]:;!?".contains(c) => Class::Mark,
        _ => Class::Other,
    };
    for i in 0..words.len().saturating_sub(1) {
        let (a, b) = (&words[i], &words[i + 1]);
        if a.image != b.image || a.line != b.line || a.left >= b.left {
            continue;
        }
        let gap = b.left - (a.left + a.width);
        let height = a.height.max(b.height);
        let k = match (class(a.text.chars().last()), class(b.text.chars().next())) {
            (Class::Cjk, Class::Cjk) => 1.0,
            (Class::Other, _) | (_, Class::Other) => 0.0,
            (Class::Mark, Class::Mark) => 0.0,
            _ => 1.0,
        };
        if gap < 0.0 || gap < k * height {
            words[i].width = b.left - words[i].left;
        }
    }
}

/// Ideographs and the CJK punctuation, quotes and full-width forms that
/// sit between them without spaces.
pub(super) fn is_cjk_text(c: char) -> bool {
    is_ideograph(c) || matches!(c as u32, 0x2018..=0x201F | 0x3000..=0x303F | 0xFF00..=0xFFEF)
}

/// One glyph per character of a word, the word box split evenly, each as
/// tall as the word's text line; `map` takes pixels to page space.
pub(super) fn word_glyphs(
    w: &tesseract::Word,
    lines: &[tesseract::LineBox],
    map: &dyn Fn(f64, f64) -> (f64, f64),
    font: &std::sync::Arc<str>,
) -> Vec<Glyph> {
    let chars: Vec<char> = w.text.chars().filter(|c| !c.is_whitespace()).collect();
    if chars.is_empty() || !(w.width > 0.0 && w.height > 0.0) {
        return Vec::new();
    }
    let (top, height) = lines
        .iter()
        .find(|l| l.image == w.image && l.line == w.line && l.height > 0.0)
        .map(|l| (l.top, l.height))
        .unwrap_or((w.top, w.height));
    let n = chars.len() as f64;
    chars
        .iter()
        .enumerate()
        .map(|(i, ch)| {
            let x0 = w.left + w.width * i as f64 / n;
            let x1 = w.left + w.width * (i as f64 + 1.0) / n;
            let a = map(x0, top);
            let b = map(x1, top + height);
            let bbox = BBox::new(a.0, a.1, b.0, b.1);
            Glyph {
                text: CompactString::from(ch.encode_utf8(&mut [0u8; 4]) as &str),
                size: bbox.height() * 0.85,
                bbox,
                font: font.clone(),
                dir: 0,
                visible: true,
                decoded: true,
                confidence: Some(w.confidence as f32),
            }
        })
        .collect()
}
