//! Table cells read one by one: crops of the straightened image, read as
//! text and, where a figure could win, again with only digits allowed;
//! weak readings retried (binarised, cut to the ink, smaller, larger).

use super::glyphs::clip_words;
use super::*;

/// A table cell cut out of the page (scaled for reading, not yet padded),
/// and where the crop's pixel (0, 0) lies on the page image.
pub(super) struct CellCrop {
    pub(super) img: Gray,
    pub(super) x0: f64,
    pub(super) y0: f64,
}

/// What the engine read in one image of a run.
#[derive(Debug, Clone)]
pub(super) struct Reading {
    pub(super) words: Vec<tesseract::Word>,
    pub(super) lines: Vec<tesseract::LineBox>,
    /// Scale of the image read relative to the cell crop (a reading of
    /// the crop enlarged 1.5× has 1.5).
    pub(super) factor: f64,
    /// Where the image read starts in the cell crop, in crop pixels.
    pub(super) offset: (f64, f64),
}

impl Default for Reading {
    fn default() -> Self {
        Reading {
            words: Vec::new(),
            lines: Vec::new(),
            factor: 1.0,
            offset: (0.0, 0.0),
        }
    }
}

impl Reading {
    pub(super) fn text(&self) -> String {
        self.words.iter().map(|w| w.text.as_str()).collect()
    }

    /// Mean word confidence, 0 when nothing was read.
    pub(super) fn confidence(&self) -> f64 {
        if self.words.is_empty() {
            0.0
        } else {
            self.words.iter().map(|w| w.confidence).sum::<f64>() / self.words.len() as f64
        }
    }
}

/// A run's words and lines, by image (1-based in the run → index).
pub(super) fn by_image(
    (words, lines): (Vec<tesseract::Word>, Vec<tesseract::LineBox>),
    n: usize,
) -> Vec<Reading> {
    let mut out = vec![Reading::default(); n];
    for mut w in words {
        if let Some(r) = w.image.checked_sub(1).and_then(|k| out.get_mut(k)) {
            w.text = w.text.trim().to_string();
            r.words.push(w);
        }
    }
    for l in lines {
        if let Some(r) = l.image.checked_sub(1).and_then(|k| out.get_mut(k)) {
            r.lines.push(l);
        }
    }
    for r in &mut out {
        clip_words(&mut r.words);
    }
    out
}

/// How a cell crop is shown to the engine.
#[derive(Debug, Clone, Copy)]
pub(super) enum Variant {
    Gray,
    /// Contrast stretched (see [`Gray::stretch`]).
    Stretched,
    /// Black and white at the page's ink threshold.
    Binary,
    /// Cut to the ink and a margin (in a wide cell a short label far to
    /// one side can be invisible to the engine's layout analysis), and
    /// resampled by a factor.
    Tight(f64),
    /// Resampled by a factor.
    Scaled(f64),
}

/// Reads every cell crop: as text (Chinese model, contrast stretched; a
/// weak or empty reading — under 60% — is tried again binarised, cut to
/// its ink, smaller and larger, and the surest reading stands: the engine can miss a short
/// bold header or a two-character label at one size and read it at
/// another), and as a figure where a figure could win (digits and
/// separators only, Latin model; gray, and stretched where that is unsure;
/// the surer reading). The figure reading replaces the text reading where
/// `prefer_number` says so.
pub(super) fn read_cells(
    ctx: &Ctx<'_>,
    page: usize,
    crops: &[CellCrop],
    threshold: u8,
    dpi: f64,
) -> Result<Vec<Reading>, String> {
    // One engine start per variant and part: the crops as a list of files.
    let run_part = |variant: Variant,
                    only: &[usize],
                    whitelist: Option<&'static str>,
                    part: usize|
     -> Result<Vec<Reading>, String> {
        if only.is_empty() {
            return Ok(Vec::new());
        }
        let mut files = Vec::with_capacity(only.len());
        let name = format!("{variant:?}").replace(['(', ')', '.'], "");
        let mut offsets = Vec::with_capacity(only.len());
        for &k in only {
            let c = &crops[k].img;
            let mut offset = (0.0, 0.0);
            let img = match variant {
                Variant::Gray => c.clone(),
                Variant::Stretched => c.stretch(),
                Variant::Binary => c.binarize(threshold),
                Variant::Scaled(f) => c.scale(f),
                Variant::Tight(f) => match c.ink_box(threshold) {
                    Some((x0, y0, x1, y1)) => {
                        let m = (0.04 * dpi).round() as usize;
                        let (x0, y0) = (x0.saturating_sub(m), y0.saturating_sub(m));
                        offset = (x0 as f64, y0 as f64);
                        c.crop(x0, y0, x1 + m, y1 + m).scale(f)
                    }
                    None => c.scale(f),
                },
            };
            offsets.push(offset);
            let f = ctx.tmp.0.join(format!("p{page}-cell{k}-{name}.pgm"));
            std::fs::write(&f, img.pad(PAD).to_pgm())
                .map_err(|e| format!("cannot write {}: {e}", f.display()))?;
            files.push(f);
        }
        let list = ctx.tmp.0.join(format!(
            "p{page}-{name}-{}-{part}.txt",
            whitelist.map_or("text", |_| "figures")
        ));
        let text: String = files
            .iter()
            .map(|f| format!("{}\n", f.to_string_lossy()))
            .collect();
        std::fs::write(&list, text).map_err(|e| format!("cannot write {}: {e}", list.display()))?;
        let factor = match variant {
            Variant::Scaled(f) | Variant::Tight(f) => f,
            _ => 1.0,
        };
        let req = tesseract::Request {
            psm: if whitelist.is_some() { PSM_NUMBER } else { PSM_CELL },
            whitelist,
            dpi: (dpi * factor).round() as u32,
            timeout: ctx.budget()?,
            memory: ctx.settings.memory_limit,
        };
        let engine = if whitelist.is_some() {
            ctx.engine.for_numbers()
        } else {
            ctx.engine.clone()
        };
        let out = engine.recognise(&list, &req);
        for f in files.iter().chain([&list]) {
            ctx.tmp.remove(f);
        }
        let mut readings = by_image(out?, only.len());
        for (r, offset) in readings.iter_mut().zip(offsets) {
            r.factor = factor;
            r.offset = offset;
        }
        Ok(readings)
    };
    // A page's cells are split over the pool's threads (an engine starts in
    // ~0.2 s): a one-page scan is not read on one core while the other
    // idles. When every thread is busy with pages of its own the parts
    // simply run one after another.
    let run =
        |variant: Variant, only: &[usize], whitelist: Option<&'static str>| -> Result<Vec<Reading>, String> {
            let threads = rayon::current_num_threads().max(1);
            let parts = threads.min(only.len() / MIN_CELLS_PER_PART).max(1);
            if parts == 1 {
                return run_part(variant, only, whitelist, 0);
            }
            let size = only.len().div_ceil(parts);
            let read: Vec<Result<Vec<Reading>, String>> = only
                .par_chunks(size)
                .enumerate()
                .map(|(part, chunk)| run_part(variant, chunk, whitelist, part))
                .collect();
            let mut out = Vec::with_capacity(only.len());
            for r in read {
                out.extend(r?);
            }
            Ok(out)
        };
    let all: Vec<usize> = (0..crops.len()).collect();
    let mut text = run(Variant::Stretched, &all, None)?;
    for variant in [
        Variant::Binary,
        Variant::Tight(1.0),
        Variant::Tight(0.75),
        Variant::Scaled(0.75),
        Variant::Scaled(1.5),
    ] {
        let weak: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&k| text[k].confidence() < 60.0)
            .collect();
        if weak.is_empty() {
            break;
        }
        for (r, &k) in run(variant, &weak, None)?.into_iter().zip(&weak) {
            if !r.words.is_empty() && r.confidence() > text[k].confidence() {
                text[k] = r;
            }
        }
    }
    let digits = |r: &Reading| r.words.iter().any(|w| w.text.chars().any(|c| c.is_ascii_digit()));
    // Figure readings only where a figure could win (`prefer_number`): not
    // in cells of ideographs the engine is sure of. Gray first; stretched
    // where the gray reading is unsure.
    let candidates: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&k| !(text[k].text().chars().any(is_ideograph) && text[k].confidence() >= 60.0))
        .collect();
    let mut figures: Vec<Option<Reading>> = vec![None; crops.len()];
    for (r, &k) in run(Variant::Gray, &candidates, Some(NUMBER_WHITELIST))?
        .into_iter()
        .zip(&candidates)
    {
        figures[k] = Some(r);
    }
    let unsure: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&k| {
            figures[k]
                .as_ref()
                .is_none_or(|r| !digits(r) || r.confidence() < 80.0)
        })
        .collect();
    if !unsure.is_empty() {
        for (s, &k) in run(Variant::Stretched, &unsure, Some(NUMBER_WHITELIST))?
            .into_iter()
            .zip(&unsure)
        {
            let better = match &figures[k] {
                Some(g) => digits(&s) && (!digits(g) || s.confidence() > g.confidence()),
                None => digits(&s),
            };
            if better {
                figures[k] = Some(s);
            }
        }
    }
    let mut out = Vec::with_capacity(crops.len());
    for (mut t, figure) in text.into_iter().zip(figures) {
        strip_stray_punctuation(&mut t);
        let Some(figure) = figure.filter(|f| digits(f)) else {
            out.push(t);
            continue;
        };
        if prefer_number(&t, &figure) {
            let mut f = figure;
            f.words.retain_mut(|w| match trim_figure(&w.text) {
                Some(t) => {
                    w.text = t;
                    true
                }
                None => false,
            });
            out.push(f);
        } else {
            out.push(t);
        }
    }
    Ok(out)
}

/// A gray level between paper and ink: lighter than the ink threshold,
/// darker than the paper (the median pixel), so that faint specks are
/// components of their own.
pub(super) fn faint_threshold(img: &Gray, ink: u8) -> u8 {
    let mut hist = [0usize; 256];
    for &p in &img.px {
        hist[p as usize] += 1;
    }
    let half = img.px.len() / 2;
    let mut seen = 0;
    let paper = hist
        .iter()
        .position(|&n| {
            seen += n;
            seen > half
        })
        .unwrap_or(255) as u8;
    if paper <= ink {
        return ink;
    }
    ink + (paper - ink) / 2
}

/// Paints a box (pixels) white, grown by `grow`.
pub(super) fn fill(img: &mut Gray, b: &BBox, grow: f64) {
    let x0 = (b.x0 - grow).max(0.0) as usize;
    let y0 = (b.y0 - grow).max(0.0) as usize;
    let x1 = ((b.x1 + grow).max(0.0) as usize).min(img.w);
    let y1 = ((b.y1 + grow).max(0.0) as usize).min(img.h);
    for y in y0..y1 {
        for x in x0..x1 {
            img.set(x, y, 255);
        }
    }
}

/// Whether the figure reading of a cell replaces its text reading: when
/// the figure reading has a digit and the text reading has no ideograph
/// (`3055`, `DO`, `”26.00` all lose to it), or only ideographs the engine
/// itself doubts (`JR井` at 27%) while it is sure of the figure. A header
/// such as `2020年预算数` or a name keeps its text.
pub(super) fn prefer_number(text: &Reading, figure: &Reading) -> bool {
    if !figure.text().chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    if !text.text().chars().any(is_ideograph) {
        return true;
    }
    text.confidence() < 60.0 && figure.confidence() >= 50.0
}

pub(super) fn is_ideograph(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Table text in Chinese uses full-width punctuation (、，：“”); an ASCII
/// `.` `,` `:` `;` `'` `` ` `` `"` next to an ideograph, or at either end
/// of a cell that has ideographs, is a speck read as a mark
/// (`职业年金.缴费支出`, `支出总计.`), and goes.
pub(super) fn strip_stray_punctuation(r: &mut Reading) {
    let text: Vec<char> = r.text().chars().collect();
    if !text.iter().copied().any(is_ideograph) {
        return;
    }
    let stray = |i: usize| {
        let c = text[i];
        ".,:;'`\"".contains(c)
            && (i == 0
                || i + 1 == text.len()
                || is_ideograph(text[i - 1])
                || text.get(i + 1).copied().is_some_and(is_ideograph))
    };
    let mut i = 0;
    for w in &mut r.words {
        let kept: String = w
            .text
            .chars()
            .filter(|_| {
                let keep = !stray(i);
                i += 1;
                keep
            })
            .collect();
        w.text = kept;
    }
    r.words.retain(|w| !w.text.is_empty());
}

/// A figure as read with the digit whitelist, without the stray
/// separators a speck or a border remnant adds at its ends (`.96.20`).
pub(super) fn trim_figure(text: &str) -> Option<String> {
    let t = text.trim_start_matches(['.', ',']).trim_end_matches([',', '-']);
    (!t.is_empty()).then(|| t.to_string())
}
