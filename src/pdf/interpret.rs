//! The content-stream interpreter: walks operators, keeps graphics and text
//! state, and records glyphs, rules, filled rectangles and images into a
//! [`PageBuilder`].
//!
//! It interprets only what text and table extraction need: text showing
//! with full positioning (PDF 32000 §9.4), paths that may be table rules,
//! fill colours (to tell borders from white backgrounds), Form XObjects
//! (recursively, with a depth limit and cycle check) and image placements.
//! Shading, clipping, Type 3 glyph procedures and colour management are not
//! evaluated.

use std::collections::HashMap;
use std::sync::Arc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::{Font, FontKind, em_box};
use super::geom::{BBox, Matrix};
use super::lexer::{InlineImage, Lexer, Operand, Token};
use super::object::{as_dict, get, get_dict, get_name, get_number, ref_id, resolve, stream_data};
use super::page::{FilledRect, Glyph, ImagePlacement, Rule};
use crate::warning::{Stage, Warning, WarningKind};

/// Resource limits for one page; hostile files hit them, real ones do not.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// Operators executed per page, forms included.
    pub max_ops: usize,
    /// Glyphs recorded per page.
    pub max_glyphs: usize,
    /// Nested Form XObjects.
    pub max_form_depth: usize,
    /// Graphics-state stack depth (`q` without `Q`).
    pub max_state_depth: usize,
    /// Decompressed size of one content stream.
    pub max_stream_bytes: usize,
    /// Path points kept per path (charts and maps draw millions).
    pub max_path_points: usize,
}

/// What one whole document may cost, shared by its pages (read in
/// parallel): the per-page and per-stream limits alone let a small file
/// cost gigabytes (300 references to one 60 MB stream; 40 pages that each
/// draw a million glyphs from one shared stream).
#[derive(Debug, Default)]
pub(crate) struct Budget {
    /// Bytes decoded from content and form streams, all pages together.
    pub max_decoded_bytes: usize,
    /// Glyphs kept, all pages together.
    pub max_glyphs: usize,
    decoded: std::sync::atomic::AtomicUsize,
    glyphs: std::sync::atomic::AtomicUsize,
}

impl Budget {
    pub fn new(max_decoded_bytes: usize, max_glyphs: usize) -> Budget {
        Budget {
            max_decoded_bytes,
            max_glyphs,
            ..Budget::default()
        }
    }

    /// Charges `n` decoded bytes; false when that goes over the budget.
    pub fn decoded(&self, n: usize) -> bool {
        use std::sync::atomic::Ordering::Relaxed;
        self.decoded.fetch_add(n, Relaxed).saturating_add(n) <= self.max_decoded_bytes
    }

    /// Charges `n` glyphs; false when that goes over the budget.
    pub fn glyphs(&self, n: usize) -> bool {
        use std::sync::atomic::Ordering::Relaxed;
        self.glyphs.fetch_add(n, Relaxed).saturating_add(n) <= self.max_glyphs
    }

    /// The warning of a page whose content went over the decoded budget.
    pub fn decoded_message(&self) -> String {
        format!(
            "content not read: the document's streams decode to over {} MB in all (the limit per document, max_document_decoded_mb)",
            self.max_decoded_bytes >> 20
        )
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_ops: 5_000_000,
            // A dense table page has some 10,000.
            max_glyphs: 300_000,
            max_form_depth: 12,
            max_state_depth: 512,
            max_stream_bytes: 64 * 1024 * 1024,
            max_path_points: 200_000,
        }
    }
}

/// Fonts shared across the pages of a document, keyed by object id.
pub(crate) type FontCache = std::sync::Mutex<HashMap<ObjectId, Arc<Font>>>;

/// Collects what the interpreter paints, already in page space.
#[derive(Default)]
pub(crate) struct PageBuilder {
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    pub rects: Vec<FilledRect>,
    pub images: Vec<ImagePlacement>,
    pub warnings: Vec<Warning>,
    warned: std::collections::HashSet<String>,
}

impl PageBuilder {
    fn warn(&mut self, page: usize, kind: WarningKind, msg: String) {
        if self.warned.insert(msg.clone()) {
            self.warnings
                .push(Warning::new(Some(page), Stage::Pdf, kind, msg));
        }
    }
}

#[derive(Clone)]
struct TextState {
    font: Option<Arc<Font>>,
    size: f64,
    char_space: f64,
    word_space: f64,
    hscale: f64,
    leading: f64,
    rise: f64,
    render_mode: i64,
}

impl Default for TextState {
    fn default() -> Self {
        TextState {
            font: None,
            size: 0.0,
            char_space: 0.0,
            word_space: 0.0,
            hscale: 1.0,
            leading: 0.0,
            rise: 0.0,
            render_mode: 0,
        }
    }
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    line_width: f64,
    fill_gray: Option<f64>,
    stroke_gray: Option<f64>,
    text: TextState,
}

impl GState {
    fn new(ctm: Matrix) -> Self {
        GState {
            ctm,
            line_width: 1.0,
            fill_gray: Some(0.0),
            stroke_gray: Some(0.0),
            text: TextState::default(),
        }
    }
}

#[derive(Default)]
struct SubPath {
    points: Vec<(f64, f64)>,
    /// Segment `i` (from point i to i+1) is a curve.
    curves: Vec<bool>,
    closed: bool,
    rect: bool,
}

pub(crate) struct Interpreter<'d> {
    doc: &'d Document,
    fonts: &'d FontCache,
    page_number: usize,
    /// User space of the page → displayed page space.
    page_transform: Matrix,
    /// The visible page (crop box) in page space. Glyphs and rules outside
    /// it are not on the page: Excel and WPS print whole sheets and let the
    /// crop box cut them, and viewers (and pdftotext) show only what is
    /// inside.
    visible: BBox,
    limits: Limits,
    budget: &'d Budget,
    pub out: PageBuilder,
    gs: GState,
    stack: Vec<GState>,
    tm: Matrix,
    tlm: Matrix,
    path: Vec<SubPath>,
    path_points: usize,
    ops: usize,
    forms: Vec<ObjectId>,
    stopped: bool,
}

impl<'d> Interpreter<'d> {
    pub(crate) fn new(
        doc: &'d Document,
        fonts: &'d FontCache,
        page_number: usize,
        page_transform: Matrix,
        visible: BBox,
        limits: Limits,
        budget: &'d Budget,
    ) -> Self {
        Interpreter {
            doc,
            fonts,
            page_number,
            page_transform,
            visible,
            limits,
            budget,
            out: PageBuilder::default(),
            gs: GState::new(Matrix::IDENTITY),
            stack: Vec::new(),
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
            path: Vec::new(),
            path_points: 0,
            ops: 0,
            forms: Vec::new(),
            stopped: false,
        }
    }

    fn warn(&mut self, kind: WarningKind, msg: String) {
        self.out.warn(self.page_number, kind, msg);
    }

    /// Runs a content stream with the given resources.
    pub(crate) fn run(&mut self, content: &[u8], resources: Option<&'d Dictionary>) {
        let mut lexer = Lexer::new(content);
        let mut operands: Vec<Operand<'_>> = Vec::with_capacity(8);
        while let Some(token) = lexer.next(&mut operands) {
            if self.stopped {
                return;
            }
            self.ops += 1;
            if self.ops > self.limits.max_ops {
                self.warn(
                    WarningKind::Limit,
                    format!(
                        "more than {} operators; rest of page skipped",
                        self.limits.max_ops
                    ),
                );
                self.stopped = true;
                return;
            }
            match token {
                Token::Op(op) => self.op(op, &operands, resources),
                Token::InlineImage(img) => self.inline_image(&img),
            }
        }
    }

    fn op(&mut self, op: &[u8], args: &[Operand<'_>], resources: Option<&'d Dictionary>) {
        let n = |i: usize| args.get(i).and_then(Operand::as_f64).unwrap_or(0.0);
        match op {
            // Graphics state.
            b"q" => {
                if self.stack.len() < self.limits.max_state_depth {
                    self.stack.push(self.gs.clone());
                } else {
                    self.warn(WarningKind::Limit, "graphics state nested too deep".into());
                }
            }
            b"Q" => {
                if let Some(gs) = self.stack.pop() {
                    self.gs = gs;
                }
            }
            b"cm" if args.len() >= 6 => {
                let m = Matrix::new(n(0), n(1), n(2), n(3), n(4), n(5));
                let ctm = m.then(&self.gs.ctm);
                if ctm.is_finite() {
                    self.gs.ctm = ctm;
                }
            }
            b"w" => self.gs.line_width = n(0).abs(),
            b"gs" => {
                if let Some(name) = args.first().and_then(Operand::as_name)
                    && let Some(ext) = resources
                        .and_then(|r| get_dict(self.doc, r, b"ExtGState"))
                        .and_then(|d| get_dict(self.doc, d, name))
                    && let Some(lw) = get_number(self.doc, ext, b"LW")
                {
                    self.gs.line_width = lw.abs();
                }
            }
            // Colour (as gray, to tell black rules from white backgrounds).
            b"g" => self.gs.fill_gray = Some(n(0)),
            b"G" => self.gs.stroke_gray = Some(n(0)),
            b"rg" => self.gs.fill_gray = Some(rgb_gray(n(0), n(1), n(2))),
            b"RG" => self.gs.stroke_gray = Some(rgb_gray(n(0), n(1), n(2))),
            b"k" => self.gs.fill_gray = Some(cmyk_gray(n(0), n(1), n(2), n(3))),
            b"K" => self.gs.stroke_gray = Some(cmyk_gray(n(0), n(1), n(2), n(3))),
            b"cs" => self.gs.fill_gray = colorspace_initial(args),
            b"CS" => self.gs.stroke_gray = colorspace_initial(args),
            b"sc" | b"scn" => self.gs.fill_gray = color_components(args),
            b"SC" | b"SCN" => self.gs.stroke_gray = color_components(args),
            // Path construction.
            b"m" => self.move_to(n(0), n(1)),
            b"l" => self.line_to(n(0), n(1), false),
            b"c" => self.line_to(n(4), n(5), true),
            b"v" | b"y" => self.line_to(n(2), n(3), true),
            b"h" => {
                if let Some(sp) = self.path.last_mut() {
                    sp.closed = true;
                }
            }
            b"re" => self.rect(n(0), n(1), n(2), n(3)),
            // Path painting.
            b"S" => self.paint(true, false),
            b"s" => {
                self.close_last();
                self.paint(true, false);
            }
            b"f" | b"F" | b"f*" => self.paint(false, true),
            b"B" | b"B*" => self.paint(true, true),
            b"b" | b"b*" => {
                self.close_last();
                self.paint(true, true);
            }
            b"n" => self.clear_path(),
            // Text objects and state.
            b"BT" => {
                self.tm = Matrix::IDENTITY;
                self.tlm = Matrix::IDENTITY;
            }
            b"ET" => {}
            b"Tc" => self.gs.text.char_space = n(0),
            b"Tw" => self.gs.text.word_space = n(0),
            b"Tz" => self.gs.text.hscale = n(0) / 100.0,
            b"TL" => self.gs.text.leading = n(0),
            b"Ts" => self.gs.text.rise = n(0),
            b"Tr" => self.gs.text.render_mode = n(0) as i64,
            b"Tf" => {
                self.gs.text.size = n(1);
                let name = args.first().and_then(Operand::as_name);
                self.gs.text.font = name.and_then(|name| self.font(resources, name));
            }
            b"Td" => self.td(n(0), n(1)),
            b"TD" => {
                self.gs.text.leading = -n(1);
                self.td(n(0), n(1));
            }
            b"Tm" if args.len() >= 6 => {
                let m = Matrix::new(n(0), n(1), n(2), n(3), n(4), n(5));
                if m.is_finite() {
                    self.tm = m;
                    self.tlm = m;
                }
            }
            b"T*" => self.next_line(),
            b"Tj" => {
                if let Some(Operand::String(s)) = args.first() {
                    self.show(s);
                }
            }
            b"'" => {
                self.next_line();
                if let Some(Operand::String(s)) = args.first() {
                    self.show(s);
                }
            }
            b"\"" => {
                self.gs.text.word_space = n(0);
                self.gs.text.char_space = n(1);
                self.next_line();
                if let Some(Operand::String(s)) = args.get(2) {
                    self.show(s);
                }
            }
            b"TJ" => {
                if let Some(Operand::Array(items)) = args.first() {
                    for item in items {
                        match item {
                            Operand::String(s) => self.show(s),
                            Operand::Number(adj) => self.adjust(*adj),
                            _ => {}
                        }
                    }
                }
            }
            // XObjects.
            b"Do" => {
                if let Some(name) = args.first().and_then(Operand::as_name) {
                    self.xobject(resources, name);
                }
            }
            _ => {}
        }
    }

    // --- text -----------------------------------------------------------

    fn font(&mut self, resources: Option<&'d Dictionary>, name: &[u8]) -> Option<Arc<Font>> {
        let fonts = resources.and_then(|r| get_dict(self.doc, r, b"Font"));
        let Some(entry) = fonts.and_then(|f| f.get(name).ok()) else {
            self.warn(
                WarningKind::Font,
                format!("font {} not found in resources", String::from_utf8_lossy(name)),
            );
            return None;
        };
        let id = ref_id(entry);
        if let Some(id) = id
            && let Ok(cache) = self.fonts.lock()
            && let Some(f) = cache.get(&id)
        {
            return Some(f.clone());
        }
        let dict = resolve(self.doc, entry).and_then(as_dict)?;
        let font = Arc::new(Font::load(self.doc, dict));
        for w in &font.warnings {
            self.warn(WarningKind::Font, w.clone());
        }
        if !font.has_unicode_source() {
            self.warn(
                WarningKind::Undecodable,
                format!(
                    "font {}: no Unicode information (no ToUnicode, encoding or font cmap)",
                    font.name
                ),
            );
        }
        if let Some(id) = id
            && let Ok(mut cache) = self.fonts.lock()
        {
            cache.insert(id, font.clone());
        }
        Some(font)
    }

    fn td(&mut self, tx: f64, ty: f64) {
        let m = Matrix::translate(tx, ty).then(&self.tlm);
        if m.is_finite() {
            self.tlm = m;
            self.tm = m;
        }
    }

    fn next_line(&mut self) {
        let leading = self.gs.text.leading;
        self.td(0.0, -leading);
    }

    fn adjust(&mut self, amount: f64) {
        let ts = &self.gs.text;
        let vertical = ts.font.as_ref().is_some_and(|f| f.vertical);
        let shift = -amount / 1000.0 * ts.size;
        let m = if vertical {
            Matrix::translate(0.0, shift)
        } else {
            Matrix::translate(shift * ts.hscale, 0.0)
        };
        let tm = m.then(&self.tm);
        if tm.is_finite() {
            self.tm = tm;
        }
    }

    fn show(&mut self, bytes: &[u8]) {
        let Some(font) = self.gs.text.font.clone() else {
            self.warn(WarningKind::Font, "text shown without a font".into());
            return;
        };
        let ts = self.gs.text.clone();
        let ctm = self.gs.ctm;
        let visible = !matches!(ts.render_mode, 3 | 7);
        let (descent, ascent) = em_box(&font);
        let mut tm = self.tm;
        let page_transform = self.page_transform;
        let max_glyphs = self.limits.max_glyphs;
        let visible_box = self.visible;
        let mut over_limit = false;
        let glyphs = &mut self.out.glyphs;
        font.decode(bytes, |d| {
            let size_m = Matrix::new(ts.size * ts.hscale, 0.0, 0.0, ts.size, 0.0, ts.rise);
            let trm = size_m.then(&tm).then(&ctm).then(&page_transform);
            let local = if font.vertical {
                BBox::new(-0.5, -1.0, 0.5, 0.0)
            } else {
                BBox::new(0.0, descent, d.width.max(0.0), ascent)
            };
            let bbox = local.transform(&trm);
            let (cx, cy) = bbox.center();
            let on_page =
                cx >= visible_box.x0 && cx <= visible_box.x1 && cy >= visible_box.y0 && cy <= visible_box.y1;
            if glyphs.len() < max_glyphs && bbox.is_finite() && on_page {
                let text = d.text.map(compact_str::CompactString::from);
                let tm_ctm = tm.then(&ctm).then(&page_transform);
                let size = ts.size.abs() * (tm_ctm.c * tm_ctm.c + tm_ctm.d * tm_ctm.d).sqrt();
                glyphs.push(Glyph {
                    decoded: text.is_some(),
                    text: text.unwrap_or_default(),
                    bbox,
                    font: font.name.clone(),
                    size: if size.is_finite() { size } else { 0.0 },
                    dir: direction(&trm),
                    visible,
                    confidence: None,
                });
            } else if glyphs.len() >= max_glyphs {
                over_limit = true;
            }
            let spacing = ts.char_space + if d.word_space { ts.word_space } else { 0.0 };
            let next = if font.vertical {
                Matrix::translate(0.0, d.vertical_advance * ts.size + spacing)
            } else {
                Matrix::translate((d.width * ts.size + spacing) * ts.hscale, 0.0)
            };
            let moved = next.then(&tm);
            if moved.is_finite() {
                tm = moved;
            }
        });
        self.tm = tm;
        if over_limit {
            self.warn(
                WarningKind::Limit,
                format!("more than {max_glyphs} glyphs; rest skipped"),
            );
        }
        if font.kind == FontKind::Type3 && ts.render_mode == 7 {
            // Clip-only Type 3 text paints nothing; nothing else to do.
        }
    }

    // --- paths ----------------------------------------------------------

    fn point(&self, x: f64, y: f64) -> (f64, f64) {
        self.gs.ctm.then(&self.page_transform).apply(x, y)
    }

    fn budget_ok(&mut self, points: usize) -> bool {
        if self.path_points + points > self.limits.max_path_points {
            return false;
        }
        self.path_points += points;
        true
    }

    fn move_to(&mut self, x: f64, y: f64) {
        if !self.budget_ok(1) {
            return;
        }
        let p = self.point(x, y);
        self.path.push(SubPath {
            points: vec![p],
            ..SubPath::default()
        });
    }

    fn line_to(&mut self, x: f64, y: f64, curve: bool) {
        if !self.budget_ok(1) {
            return;
        }
        let p = self.point(x, y);
        match self.path.last_mut() {
            Some(sp) if !sp.closed => {
                sp.points.push(p);
                sp.curves.push(curve);
            }
            _ => self.path.push(SubPath {
                points: vec![p],
                ..SubPath::default()
            }),
        }
    }

    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64) {
        if !self.budget_ok(4) {
            return;
        }
        let pts = vec![
            self.point(x, y),
            self.point(x + w, y),
            self.point(x + w, y + h),
            self.point(x, y + h),
        ];
        self.path.push(SubPath {
            points: pts,
            curves: vec![false; 3],
            closed: true,
            rect: true,
        });
    }

    fn close_last(&mut self) {
        if let Some(sp) = self.path.last_mut() {
            sp.closed = true;
        }
    }

    fn clear_path(&mut self) {
        self.path.clear();
        self.path_points = 0;
    }

    fn paint(&mut self, stroke: bool, fill: bool) {
        let path = std::mem::take(&mut self.path);
        self.path_points = 0;
        let scale = self.gs.ctm.then(&self.page_transform).scale();
        // A zero-width line is the thinnest the device can draw.
        let width = (self.gs.line_width * scale).max(0.1);
        for sp in &path {
            if fill
                && let Some(b) = rect_of(sp).or_else(|| thin_polygon(sp))
                && b.is_finite()
                && b.intersection(&self.visible).is_some()
            {
                self.out.rects.push(FilledRect {
                    bbox: b,
                    gray: self.gs.fill_gray,
                });
            }
            if stroke && self.gs.stroke_gray.is_none_or(|g| g < 0.95) {
                let n = sp.points.len();
                let mut segments: Vec<((f64, f64), (f64, f64))> = Vec::new();
                for i in 0..n.saturating_sub(1) {
                    if !sp.curves.get(i).copied().unwrap_or(false) {
                        segments.push((sp.points[i], sp.points[i + 1]));
                    }
                }
                if sp.closed && n > 2 {
                    segments.push((sp.points[n - 1], sp.points[0]));
                }
                for (a, b) in segments {
                    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
                    let axis = dx.abs() <= 0.5
                        || dy.abs() <= 0.5
                        || (dx.abs() / dy.abs()).min(dy.abs() / dx.abs()) < 0.01;
                    let seg = BBox::new(a.0, a.1, b.0, b.1);
                    if axis
                        && (dx != 0.0 || dy != 0.0)
                        && dx.is_finite()
                        && dy.is_finite()
                        && seg.intersection(&self.visible).is_some()
                    {
                        self.out.rules.push(Rule {
                            x0: a.0,
                            y0: a.1,
                            x1: b.0,
                            y1: b.1,
                            width,
                        });
                    }
                }
            }
        }
    }

    // --- images and forms -------------------------------------------------

    fn unit_square_box(&self) -> BBox {
        BBox::new(0.0, 0.0, 1.0, 1.0).transform(&self.gs.ctm.then(&self.page_transform))
    }

    fn inline_image(&mut self, img: &InlineImage<'_>) {
        let num = |keys: &[&[u8]]| {
            img.dict
                .iter()
                .find(|(k, _)| keys.contains(k))
                .and_then(|(_, v)| v.as_f64())
                .unwrap_or(0.0)
        };
        let filters = img
            .dict
            .iter()
            .filter(|(k, _)| *k == b"F" || *k == b"Filter")
            .flat_map(|(_, v)| match v {
                Operand::Name(n) => vec![String::from_utf8_lossy(n).into_owned()],
                Operand::Array(a) => a
                    .iter()
                    .filter_map(Operand::as_name)
                    .map(|n| String::from_utf8_lossy(n).into_owned())
                    .collect(),
                _ => Vec::new(),
            })
            .collect();
        let bbox = self.unit_square_box();
        if bbox.is_finite() {
            self.out.images.push(ImagePlacement {
                bbox,
                width_px: num(&[b"W", b"Width"]).max(0.0) as u32,
                height_px: num(&[b"H", b"Height"]).max(0.0) as u32,
                object: None,
                filters,
                matrix: self.gs.ctm.then(&self.page_transform),
            });
        }
        let _ = img.data;
    }

    fn xobject(&mut self, resources: Option<&'d Dictionary>, name: &[u8]) {
        let doc = self.doc;
        let Some(entry) = resources
            .and_then(|r| get_dict(doc, r, b"XObject"))
            .and_then(|x| x.get(name).ok())
        else {
            return;
        };
        let id = ref_id(entry);
        let Some(Object::Stream(stream)) = resolve(doc, entry) else {
            return;
        };
        match get_name(doc, &stream.dict, b"Subtype") {
            Some(b"Image") => {
                let bbox = self.unit_square_box();
                let filters = match get(doc, &stream.dict, b"Filter") {
                    Some(Object::Name(n)) => vec![String::from_utf8_lossy(n).into_owned()],
                    Some(Object::Array(a)) => a
                        .iter()
                        .filter_map(|o| resolve(doc, o))
                        .filter_map(|o| o.as_name().ok())
                        .map(|n| String::from_utf8_lossy(n).into_owned())
                        .collect(),
                    _ => Vec::new(),
                };
                if bbox.is_finite() {
                    self.out.images.push(ImagePlacement {
                        bbox,
                        width_px: get_number(doc, &stream.dict, b"Width").unwrap_or(0.0).max(0.0) as u32,
                        height_px: get_number(doc, &stream.dict, b"Height").unwrap_or(0.0).max(0.0) as u32,
                        object: id,
                        filters,
                        matrix: self.gs.ctm.then(&self.page_transform),
                    });
                }
            }
            Some(b"Form") => {
                if self.forms.len() >= self.limits.max_form_depth {
                    self.warn(
                        WarningKind::Limit,
                        "form XObjects nested too deep; inner ones skipped".into(),
                    );
                    return;
                }
                if let Some(id) = id
                    && self.forms.contains(&id)
                {
                    self.warn(
                        WarningKind::Damaged,
                        "form XObject draws itself (cycle); skipped".into(),
                    );
                    return;
                }
                let data = match stream_data(stream, self.limits.max_stream_bytes) {
                    Ok(d) if self.budget.decoded(d.len()) => d,
                    Ok(_) => {
                        let message = self.budget.decoded_message();
                        self.warn(WarningKind::Damaged, message);
                        self.stopped = true;
                        return;
                    }
                    Err(e) => {
                        self.warn(WarningKind::Damaged, format!("form XObject unreadable: {e}"));
                        return;
                    }
                };
                let matrix = get(doc, &stream.dict, b"Matrix")
                    .and_then(|o| o.as_array().ok())
                    .map(|a| super::object::numbers(doc, a))
                    .filter(|v| v.len() == 6)
                    .map(|v| {
                        let v: Vec<f64> = v.into_iter().map(|x| x.unwrap_or(0.0)).collect();
                        Matrix::new(v[0], v[1], v[2], v[3], v[4], v[5])
                    })
                    .unwrap_or(Matrix::IDENTITY);
                let form_resources = get_dict(doc, &stream.dict, b"Resources").or(resources);
                let saved = self.gs.clone();
                let saved_stack = self.stack.len();
                let (saved_tm, saved_tlm) = (self.tm, self.tlm);
                let ctm = matrix.then(&self.gs.ctm);
                if ctm.is_finite() {
                    self.gs.ctm = ctm;
                }
                self.forms.push(id.unwrap_or((0, 0)));
                self.run(&data, form_resources);
                self.forms.pop();
                self.stack.truncate(saved_stack);
                self.gs = saved;
                self.tm = saved_tm;
                self.tlm = saved_tlm;
            }
            _ => {}
        }
    }
}

/// The box of a subpath that is an axis-aligned rectangle.
fn rect_of(sp: &SubPath) -> Option<BBox> {
    if sp.curves.iter().any(|&c| c) {
        return None;
    }
    let pts = &sp.points;
    let pts = match pts.len() {
        4 => &pts[..],
        5 if (pts[0].0 - pts[4].0).abs() < 0.01 && (pts[0].1 - pts[4].1).abs() < 0.01 => &pts[..4],
        _ => return None,
    };
    if !sp.rect && !sp.closed && pts.len() != 4 {
        return None;
    }
    let b = BBox::around(pts);
    // Every corner must lie on the box: an axis-aligned rectangle.
    let on_box = pts.iter().all(|&(x, y)| {
        ((x - b.x0).abs() < 0.01 || (x - b.x1).abs() < 0.01)
            && ((y - b.y0).abs() < 0.01 || (y - b.y1).abs() < 0.01)
    });
    on_box.then_some(b)
}

/// A filled polygon of straight edges that is thin in one direction: a
/// border drawn as a mitred quadrilateral (Excel's PDF export draws each
/// cell border as a trapezoid `m l l l h f`). Its box is the rule.
fn thin_polygon(sp: &SubPath) -> Option<BBox> {
    if sp.points.len() < 3 || sp.points.len() > 8 || sp.curves.iter().any(|&c| c) {
        return None;
    }
    let b = BBox::around(&sp.points);
    (b.width().min(b.height()) <= 3.0).then_some(b)
}

fn direction(trm: &Matrix) -> u16 {
    let angle = trm.b.atan2(trm.a).to_degrees();
    let angle = if angle < 0.0 { angle + 360.0 } else { angle };
    let rounded = angle.round() as i64 % 360;
    rounded.clamp(0, 359) as u16
}

fn rgb_gray(r: f64, g: f64, b: f64) -> f64 {
    (0.299 * r + 0.587 * g + 0.114 * b).clamp(0.0, 1.0)
}

fn cmyk_gray(c: f64, m: f64, y: f64, k: f64) -> f64 {
    (1.0 - (0.3 * c + 0.59 * m + 0.11 * y + k)).clamp(0.0, 1.0)
}

fn colorspace_initial(args: &[Operand<'_>]) -> Option<f64> {
    match args.first().and_then(Operand::as_name) {
        Some(b"Pattern") => None,
        Some(b"DeviceCMYK") => Some(0.0),
        _ => Some(0.0),
    }
}

fn color_components(args: &[Operand<'_>]) -> Option<f64> {
    if args.iter().any(|a| matches!(a, Operand::Name(_))) {
        return None;
    }
    let v: Vec<f64> = args.iter().filter_map(Operand::as_f64).collect();
    match v.len() {
        1 => Some(v[0].clamp(0.0, 1.0)),
        3 => Some(rgb_gray(v[0], v[1], v[2])),
        4 => Some(cmyk_gray(v[0], v[1], v[2], v[3])),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rect_detection() {
        let sp = SubPath {
            points: vec![(0.0, 0.0), (10.0, 0.0), (10.0, 0.5), (0.0, 0.5)],
            curves: vec![false; 3],
            closed: true,
            rect: false,
        };
        assert_eq!(rect_of(&sp), Some(BBox::new(0.0, 0.0, 10.0, 0.5)));
        let diamond = SubPath {
            points: vec![(0.0, 5.0), (5.0, 0.0), (10.0, 5.0), (5.0, 10.0)],
            curves: vec![false; 3],
            closed: true,
            rect: false,
        };
        assert_eq!(rect_of(&diamond), None);
    }

    #[test]
    fn directions() {
        assert_eq!(direction(&Matrix::IDENTITY), 0);
        assert_eq!(direction(&Matrix::new(0.0, 1.0, -1.0, 0.0, 0.0, 0.0)), 90);
        assert_eq!(direction(&Matrix::new(0.0, -1.0, 1.0, 0.0, 0.0, 0.0)), 270);
    }

    #[test]
    fn colors() {
        assert_eq!(color_components(&[Operand::Number(1.0)]), Some(1.0));
        assert_eq!(color_components(&[Operand::Name(b"P0")]), None);
        assert!((cmyk_gray(0.0, 0.0, 0.0, 1.0)).abs() < 1e-9);
    }
}
