//! One page read by OCR: straightened, ruling lines found, the text
//! outside the tables read, every table cell read from its own crop, and
//! the result turned into a [`Page`] of glyphs and rules.

use super::cells::*;
use super::glyphs::*;
use super::scan::*;
use super::*;

pub(super) fn ocr_page(ctx: &Ctx<'_>, page: &Page) -> Result<Page, String> {
    let scan = acquire(ctx, page)?;
    let Scan {
        mut gray,
        mut jpeg,
        to_page,
        dpi,
        rendered,
        describe,
        broken_image,
    } = scan;
    let from_page = invert(&to_page).ok_or("image placement cannot be inverted")?;
    // A bilevel scan (fax, JBIG2, 1-bit): hard edges, which the engine's
    // models (trained on smooth text) read best resampled to ~200 dpi,
    // where its edges turn gray; gray scans are read best at ~300 dpi.
    let bilevel = gray.px.iter().filter(|&&p| p == 0 || p == 255).count() * 100 >= gray.px.len() * 99;
    let target_dpi = if bilevel {
        BILEVEL_TARGET_DPI
    } else {
        ctx.settings.target_dpi
    };
    // 2. Straighten a scan.
    let mut deskew = 0.0;
    if !rendered {
        let t = gray.otsu();
        if let Some(skew) = raster::estimate_skew(&gray.mask(t), 3.0)
            && skew.abs() >= 0.05
        {
            gray = gray.rotate(-skew);
            jpeg = None;
            deskew = skew;
        }
    }
    let threshold = gray.otsu();
    let mask = gray.mask(threshold);
    // 3. Ruling lines: the page's rules for a scan; a rendered page keeps
    // its vector rules (exact) and erases the drawn ones before reading.
    let sizes = rules::RuleSizes::for_dpi(dpi);
    let segments = rules::find_rules(&mask, &sizes);
    drop(mask);
    let pt = 72.0 / dpi;
    let (page_rules, page_rects) = if rendered {
        (page.rules.clone(), page.rects.clone())
    } else {
        let rules: Vec<Rule> = segments
            .iter()
            .map(|s| {
                let mid = s.middle();
                let ((x0, y0), (x1, y1)) = if s.horizontal {
                    (
                        to_page.apply(s.along0 as f64, mid),
                        to_page.apply(s.along1 as f64, mid),
                    )
                } else {
                    (
                        to_page.apply(mid, s.along0 as f64),
                        to_page.apply(mid, s.along1 as f64),
                    )
                };
                Rule {
                    x0,
                    y0,
                    x1,
                    y1,
                    width: (s.across1 + 1 - s.across0) as f64 * pt,
                }
            })
            .collect();
        (rules, page.rects.clone())
    };
    let mut clean = gray.clone();
    rules::erase(&mut clean, &segments);
    // A speck: up to 0.025 in across with no character within 0.08 in (a
    // decimal point is as large but sits next to its digits, the dots of a
    // full-width colon within 0.05 in of theirs).
    let speck_area = ((0.025 * dpi) * (0.025 * dpi)).round().max(2.0) as usize;
    let speck_clearance = (0.08 * dpi).round().max(3.0) as usize;
    // Specks go, faint ones too: Tesseract binarises each crop on its own,
    // and in an empty area a light gray speck looks like ink (`”`, `.`).
    // Gray levels are otherwise kept: thinning the strokes costs more
    // ideographs than it saves.
    let faint = faint_threshold(&clean, threshold);
    if !rendered {
        raster::despeckle(&mut clean, faint, speck_area, speck_clearance);
    }
    let modified = deskew != 0.0 || !segments.is_empty();
    // The tables the rules make, with their cells (no text yet).
    let skeleton = Page {
        number: page.number,
        width: page.width,
        height: page.height,
        rotation: page.rotation,
        kind: PageKind::Text,
        glyphs: Vec::new(),
        rules: page_rules.clone(),
        rects: page_rects.clone(),
        images: Vec::new(),
        warnings: Vec::new(),
        ocr: None,
    };
    let skeleton_settings = layout::Settings {
        side_rules: false,
        ..ctx.layout.clone()
    };
    let tables = layout::layout_page(&skeleton, &skeleton_settings).tables;
    let to_px = |b: &BBox| b.transform(&from_page);
    // 4a. The page outside the tables.
    let mut outside = clean.clone();
    for t in &tables {
        let b = to_px(&t.bbox);
        fill(&mut outside, &b, 2.0);
    }
    // Low-resolution scans are enlarged for the page pass too: at 150 dpi
    // the engine misreads punctuation (：→；) and small ideographs.
    let page_scale = if bilevel {
        (target_dpi / dpi).clamp(0.5, 2.0)
    } else if dpi < PAGE_UPSCALE_BELOW_DPI {
        (target_dpi / dpi).clamp(1.0, 2.0)
    } else {
        1.0
    };
    let outside = if page_scale != 1.0 {
        outside.scale(page_scale)
    } else {
        outside
    };
    let untouched = jpeg
        .as_ref()
        .filter(|_| !(modified || !tables.is_empty() || page_scale > 1.0));
    let (words, lines) = read_page_text(ctx, page.number, &outside, untouched, dpi * page_scale)?;
    drop(outside);
    let mut glyphs = Vec::new();
    let mut n_words = 0usize;
    let mut conf_sum = 0.0;
    let font: std::sync::Arc<str> = std::sync::Arc::from("OCR");
    let table_boxes: Vec<BBox> = tables.iter().map(|t| t.bbox).collect();
    for w in &words {
        let gs = word_glyphs(
            w,
            &lines,
            &|x, y| to_page.apply(x / page_scale, y / page_scale),
            &font,
        );
        let inside = gs.iter().any(|g| {
            let (cx, cy) = g.bbox.center();
            table_boxes
                .iter()
                .any(|b| cx > b.x0 && cx < b.x1 && cy > b.y0 && cy < b.y1)
        });
        if inside || gs.is_empty() {
            continue;
        }
        n_words += 1;
        conf_sum += w.confidence;
        glyphs.extend(gs);
    }
    // 4b. Every table cell, from its own crop.
    let scale = (target_dpi / dpi).clamp(0.5, 4.0);
    let inset = (sizes.max_thickness as f64 / 2.0).ceil() + 2.0;

    let min_ink = ((dpi / 100.0) * (dpi / 100.0) * 2.0).round().max(4.0) as usize;
    let mut crops: Vec<CellCrop> = Vec::new();
    for t in &tables {
        for c in &t.cells {
            let b = to_px(&c.bbox);
            let (x0, y0) = ((b.x0 + inset).max(0.0), (b.y0 + inset).max(0.0));
            let (x1, y1) = (
                (b.x1 - inset).min(clean.w as f64),
                (b.y1 - inset).min(clean.h as f64),
            );
            if x1 - x0 < 3.0 || y1 - y0 < 3.0 {
                continue;
            }
            let (x0, y0, x1, y1) = (x0 as usize, y0 as usize, x1.ceil() as usize, y1.ceil() as usize);
            let crop = clean.crop(x0, y0, x1, y1);
            if crop.mask(threshold).count(0, 0, crop.w, crop.h) < min_ink {
                continue;
            }
            crops.push(CellCrop {
                img: crop.scale(scale),
                x0: x0 as f64,
                y0: y0 as f64,
            });
        }
    }
    if !crops.is_empty() {
        let chosen = read_cells(ctx, page.number, &crops, threshold, dpi * scale)?;
        for (c, reading) in crops.iter().zip(&chosen) {
            let f = reading.factor;
            let (ox, oy) = reading.offset;
            let map = |x: f64, y: f64| {
                to_page.apply(
                    c.x0 + ((x - PAD as f64) / f + ox) / scale,
                    c.y0 + ((y - PAD as f64) / f + oy) / scale,
                )
            };
            for w in &reading.words {
                let gs = word_glyphs(w, &reading.lines, &map, &font);
                if gs.is_empty() {
                    continue;
                }
                n_words += 1;
                conf_sum += w.confidence;
                glyphs.extend(gs);
            }
        }
    }
    let mut warnings: Vec<Warning> = page
        .warnings
        .iter()
        .filter(|w| !matches!(w.kind, WarningKind::ImageOnly | WarningKind::Undecodable))
        .cloned()
        .collect();
    let engine = format!("{} {}", ctx.engine.version, ctx.engine.language);
    warnings.push(Warning::new(
        Some(page.number),
        Stage::Ocr,
        WarningKind::Note,
        format!("read by OCR ({engine})"),
    ));
    // A scan image that cannot be decoded is damage, even though the
    // rendered page was read in its place; a page with no words says so.
    if let Some(why) = &broken_image {
        warnings.push(Warning::new(
            Some(page.number),
            Stage::Ocr,
            WarningKind::Damaged,
            if rendered {
                format!("scan image not decoded ({why}); the page was rendered and read instead")
            } else {
                format!("scan image damaged ({why}); read as far as it goes")
            },
        ));
    }
    if n_words == 0 {
        warnings.push(Warning::new(
            Some(page.number),
            Stage::Ocr,
            WarningKind::Note,
            "OCR found no text on the page",
        ));
    }
    let mean = if n_words == 0 {
        0.0
    } else {
        conf_sum / n_words as f64
    };
    Ok(Page {
        number: page.number,
        width: page.width,
        height: page.height,
        rotation: page.rotation,
        kind: page.kind,
        glyphs,
        rules: page_rules,
        rects: page_rects,
        images: page.images.clone(),
        warnings,
        ocr: Some(OcrInfo {
            engine,
            image: describe,
            dpi: (dpi * 10.0).round() / 10.0,
            deskew_degrees: deskew,
            words: n_words,
            mean_confidence: (mean * 10.0).round() / 10.0,
            rules_found: segments.len(),
        }),
    })
}

/// Reads the page outside its tables: the whole image with automatic
/// segmentation, then every line holding a word the engine doubts (under
/// 60%) once more on its own, as one line (psm 7) and as a raw line (psm
/// 13); the surest of the three readings of that line stands. In page
/// context the engine misreads large bold titles (北京 → 北泵 at 0%) that
/// it reads right alone. `jpeg`, when given, is the untouched original
/// to hand over instead of `img`.
pub(super) fn read_page_text(
    ctx: &Ctx<'_>,
    page: usize,
    img: &Gray,
    jpeg: Option<&Vec<u8>>,
    dpi: f64,
) -> Result<(Vec<tesseract::Word>, Vec<tesseract::LineBox>), String> {
    let req = |psm: u8| -> Result<tesseract::Request<'static>, String> {
        Ok(tesseract::Request {
            psm,
            whitelist: None,
            dpi: dpi.round() as u32,
            timeout: ctx.budget()?,
            memory: ctx.settings.memory_limit,
        })
    };
    let file = match jpeg {
        Some(_) => ctx.tmp.0.join(format!("p{page}-page.jpg")),
        None => ctx.tmp.0.join(format!("p{page}-page.pgm")),
    };
    let bytes = match jpeg {
        Some(b) => b.clone(),
        None => img.to_pgm(),
    };
    std::fs::write(&file, bytes).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    let (mut words, lines) = ctx.engine.recognise(&file, &req(PSM_PAGE)?)?;
    ctx.tmp.remove(&file);
    // The doubtful lines, cut out with a margin of a quarter of their
    // height (less where the next line is close).
    let weak: Vec<&tesseract::LineBox> = lines
        .iter()
        .filter(|l| {
            words
                .iter()
                .any(|w| w.line == l.line && w.image == l.image && w.confidence < 60.0)
        })
        .collect();
    if !weak.is_empty() {
        let mut files = Vec::new();
        let mut origins = Vec::new();
        for (k, l) in weak.iter().enumerate() {
            let m = (l.height * 0.15).max(4.0);
            let x0 = (l.left - m).max(0.0) as usize;
            let y0 = (l.top - m).max(0.0) as usize;
            let x1 = (l.left + l.width + m).ceil() as usize;
            let y1 = (l.top + l.height + m).ceil() as usize;
            let crop = img.crop(x0, y0, x1, y1).pad(PAD);
            let f = ctx.tmp.0.join(format!("p{page}-line{k}.pgm"));
            std::fs::write(&f, crop.to_pgm()).map_err(|e| format!("cannot write {}: {e}", f.display()))?;
            files.push(f);
            origins.push((x0 as f64 - PAD as f64, y0 as f64 - PAD as f64));
        }
        let list = ctx.tmp.0.join(format!("p{page}-lines.txt"));
        let text: String = files
            .iter()
            .map(|f| format!("{}\n", f.to_string_lossy()))
            .collect();
        std::fs::write(&list, text).map_err(|e| format!("cannot write {}: {e}", list.display()))?;
        let line_run = by_image(ctx.engine.recognise(&list, &req(PSM_CELL_LINE)?)?, weak.len());
        let raw_run = by_image(ctx.engine.recognise(&list, &req(PSM_RAW_LINE)?)?, weak.len());
        for f in &files {
            ctx.tmp.remove(f);
        }
        for (k, l) in weak.iter().enumerate() {
            let mine = |w: &tesseract::Word| w.line == l.line && w.image == l.image;
            let old = Reading {
                words: words.iter().filter(|w| mine(w)).cloned().collect(),
                ..Reading::default()
            };
            let best = [&line_run[k], &raw_run[k]]
                .into_iter()
                .filter(|r| !r.words.is_empty())
                .max_by(|a, b| a.confidence().total_cmp(&b.confidence()));
            let Some(best) = best else { continue };
            if best.confidence() <= old.confidence() {
                continue;
            }
            let (ox, oy) = origins[k];
            words.retain(|w| !mine(w));
            words.extend(best.words.iter().map(|w| tesseract::Word {
                image: l.image,
                line: l.line,
                left: w.left + ox,
                top: w.top + oy,
                ..w.clone()
            }));
        }
        // Back in reading order: by line, then left to right.
        let order = |w: &tesseract::Word| {
            lines
                .iter()
                .position(|l| l.line == w.line && l.image == w.image)
                .unwrap_or(usize::MAX)
        };
        words.sort_by(|a, b| order(a).cmp(&order(b)).then(a.left.total_cmp(&b.left)));
    }
    clip_words(&mut words);
    Ok((words, lines))
}
