//! Fonts: from a font dictionary to "these bytes are these characters, this
//! wide".
//!
//! Where the text of a code comes from, in order (first hit wins):
//!
//! 1. `/ToUnicode` — the producer's own statement; preferred over
//!    `/Encoding` (Chromium's Type 3 fonts have `/Differences` of `/g0` names
//!    and a correct ToUnicode; lopdf reads the former and gets garbage).
//! 2. Simple fonts: the `/Encoding` (base encoding + `/Differences` glyph
//!    names through the Adobe Glyph List); without one, the font program's
//!    built-in encoding or, for symbolic TrueType, its own cmap.
//! 3. Type 0 fonts with a predefined CJK CMap: the code bytes themselves
//!    (`UniGB-UCS2-H` codes are UTF-16; `GBK-EUC-H` codes are GBK, decoded
//!    by `encoding_rs`).
//! 4. CIDFonts of an Adobe character collection (Adobe-GB1 …): CID →
//!    Unicode through the collection's UCS2 map.
//! 5. The embedded font program (TrueType cmap, post or CFF glyph names).
//!
//! A code none of these explains has no text: the glyph is kept with its
//! position and marked undecoded, never given an invented character.

mod cmap;
mod encoding;
mod program;
mod unicode;

use std::collections::HashMap;
use std::sync::Arc;

use hayro_cmap::{CMap, CidFamily, WritingMode};
use lopdf::{Dictionary, Document, Object};

use self::cmap::ByteCharset;
use self::encoding::{BaseEncoding, glyph_name_to_unicode};
use self::program::{Program, ProgramKind};
use super::geom::Matrix;
use super::object::{
    as_dict, as_stream, get, get_array, get_dict, get_name, get_number, numbers, resolve, stream_data,
};

pub(crate) use self::unicode::check as check_rules;
pub(crate) use self::unicode::normalize_compat;

/// Largest font program or CMap stream we decompress (a full SimSun is
/// ~10 MB; anything over this is hostile).
const MAX_FONT_STREAM: usize = 32 * 1024 * 1024;

/// The kind of font dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FontKind {
    /// Type1, MMType1, TrueType: one byte per code.
    Simple,
    /// Type3: one byte per code, glyphs are content streams, own FontMatrix.
    Type3,
    /// Type0 with a CIDFont descendant.
    Type0,
}

/// How a string's bytes split into codes.
enum Codes {
    OneByte,
    TwoByte,
    CMap(Arc<CMap>),
}

/// Glyph widths, in glyph-space units (1/1000 em except Type 3).
enum Widths {
    Simple {
        first: u32,
        widths: Vec<f64>,
        missing: f64,
    },
    Cid {
        default: f64,
        map: HashMap<u32, f64>,
    },
}

/// One decoded character code.
pub(crate) struct Decoded<'a> {
    /// The text, `None` when no source explains the code.
    pub text: Option<&'a str>,
    /// Horizontal advance in text space per unit of font size (the `w0` of
    /// PDF 32000 §9.4.4).
    pub width: f64,
    /// Vertical advance (vertical writing), per unit of font size, negative
    /// downwards.
    pub vertical_advance: f64,
    /// The code is the single byte 32, to which word spacing applies.
    pub word_space: bool,
}

/// A loaded font.
pub(crate) struct Font {
    /// BaseFont without its subset tag (`ABCDEF+SimSun` → `SimSun`).
    pub name: Arc<str>,
    pub kind: FontKind,
    codes: Codes,
    /// Simple and Type 3 fonts: text of every code, resolved at load.
    simple_text: Vec<Option<String>>,
    to_unicode: Option<CMap>,
    byte_charset: Option<ByteCharset>,
    collection: Option<CidFamily>,
    cid_to_gid: Option<Vec<u16>>,
    cff_cid_to_gid: HashMap<u16, u16>,
    gid_text: HashMap<u16, String>,
    widths: Widths,
    /// Glyph space → text space for widths (0.001, or Type 3 FontMatrix a).
    width_scale: f64,
    pub vertical: bool,
    /// Type 3 FontMatrix, used for the glyph box height.
    pub font_matrix: Matrix,
    /// Warnings raised while loading (for the page that first used it).
    pub warnings: Vec<String>,
    /// Cache of Type 0 code → text lookups (`None` = no text).
    type0_cache: std::sync::Mutex<HashMap<u32, Option<Arc<str>>>>,
}

impl Font {
    /// Loads a font from its dictionary. Never fails: whatever cannot be
    /// read leaves a warning and a font that decodes what it can.
    pub(crate) fn load(doc: &Document, dict: &Dictionary) -> Font {
        let mut warnings = Vec::new();
        let subtype = get_name(doc, dict, b"Subtype").unwrap_or(b"Type1");
        let kind = match subtype {
            b"Type0" => FontKind::Type0,
            b"Type3" => FontKind::Type3,
            _ => FontKind::Simple,
        };
        let name = font_name(doc, dict);
        let to_unicode = load_to_unicode(doc, dict, &name, &mut warnings);
        let mut font = Font {
            name: name.clone(),
            kind,
            codes: Codes::OneByte,
            simple_text: Vec::new(),
            to_unicode,
            byte_charset: None,
            collection: None,
            cid_to_gid: None,
            cff_cid_to_gid: HashMap::new(),
            gid_text: HashMap::new(),
            widths: Widths::Cid {
                default: 1000.0,
                map: HashMap::new(),
            },
            width_scale: 0.001,
            vertical: false,
            font_matrix: Matrix::new(0.001, 0.0, 0.0, 0.001, 0.0, 0.0),
            warnings: Vec::new(),
            type0_cache: std::sync::Mutex::new(HashMap::new()),
        };
        match kind {
            FontKind::Type0 => font.load_type0(doc, dict, &mut warnings),
            FontKind::Simple | FontKind::Type3 => font.load_simple(doc, dict, &mut warnings),
        }
        font.warnings = warnings;
        font
    }

    fn load_type0(&mut self, doc: &Document, dict: &Dictionary, warnings: &mut Vec<String>) {
        // Encoding CMap: how bytes split into codes, and code → CID.
        let mut encoding_name: Option<Vec<u8>> = None;
        match dict.get(b"Encoding").ok().and_then(|o| resolve(doc, o)) {
            Some(Object::Name(n)) => {
                encoding_name = Some(n.clone());
                match n.as_slice() {
                    b"Identity-H" => self.codes = Codes::TwoByte,
                    b"Identity-V" => {
                        self.codes = Codes::TwoByte;
                        self.vertical = true;
                    }
                    other => match cmap::predefined(other) {
                        Some(c) => {
                            self.vertical = c.metadata().writing_mode == Some(WritingMode::Vertical);
                            self.codes = Codes::CMap(c);
                        }
                        None => {
                            warnings.push(format!(
                                "font {}: unknown CMap {}, reading codes as 2 bytes",
                                self.name,
                                String::from_utf8_lossy(other)
                            ));
                            self.codes = Codes::TwoByte;
                        }
                    },
                }
            }
            Some(Object::Stream(s)) => {
                if let Ok(Object::Name(n)) = s.dict.get(b"CMapName") {
                    encoding_name = Some(n.clone());
                }
                match stream_data(s, MAX_FONT_STREAM)
                    .ok()
                    .and_then(|d| cmap::parse_program(&d))
                {
                    Some(c) => {
                        self.vertical = c.metadata().writing_mode == Some(WritingMode::Vertical);
                        self.codes = Codes::CMap(Arc::new(c));
                    }
                    None => {
                        warnings.push(format!(
                            "font {}: unreadable embedded CMap, reading codes as 2 bytes",
                            self.name
                        ));
                        self.codes = Codes::TwoByte;
                    }
                }
            }
            _ => {
                warnings.push(format!("font {}: Type0 font without /Encoding", self.name));
                self.codes = Codes::TwoByte;
            }
        }
        if let Some(n) = &encoding_name {
            self.byte_charset = ByteCharset::of_cmap_name(n);
        }

        let Some(cid_font) = get_array(doc, dict, b"DescendantFonts")
            .and_then(|a| a.first())
            .and_then(|o| resolve(doc, o))
            .and_then(as_dict)
        else {
            warnings.push(format!("font {}: Type0 font without descendant", self.name));
            return;
        };
        if let Some(info) = get_dict(doc, cid_font, b"CIDSystemInfo") {
            let registry = get(doc, info, b"Registry")
                .and_then(string_bytes)
                .unwrap_or_default();
            let ordering = get(doc, info, b"Ordering")
                .and_then(string_bytes)
                .unwrap_or_default();
            let family = CidFamily::from_registry_ordering(&registry, &ordering);
            if family.ucs2_cmap().is_some() {
                self.collection = Some(family);
            }
        }
        self.widths = cid_widths(doc, cid_font);

        let has_other_source =
            self.to_unicode.is_some() || self.byte_charset.is_some() || self.collection.is_some();
        if has_other_source {
            return;
        }
        // Last resort: the embedded program.
        let descriptor = get_dict(doc, cid_font, b"FontDescriptor");
        let Some(program) = descriptor.and_then(|d| load_program(doc, d, warnings, &self.name)) else {
            return;
        };
        self.gid_text = program.gid_unicode();
        match program.kind {
            ProgramKind::TrueType | ProgramKind::OpenType => {
                self.cid_to_gid = match get(doc, cid_font, b"CIDToGIDMap") {
                    Some(Object::Stream(s)) => stream_data(s, MAX_FONT_STREAM).ok().map(|d| {
                        d.chunks_exact(2)
                            .map(|c| u16::from_be_bytes([c[0], c[1]]))
                            .collect()
                    }),
                    _ => None,
                };
            }
            ProgramKind::Cff => self.cff_cid_to_gid = program.cff_cid_to_gid(),
            ProgramKind::Type1 => {}
        }
    }

    fn load_simple(&mut self, doc: &Document, dict: &Dictionary, warnings: &mut Vec<String>) {
        self.codes = Codes::OneByte;
        if self.kind == FontKind::Type3
            && let Some(m) = get_array(doc, dict, b"FontMatrix")
        {
            {
                let v: Vec<f64> = numbers(doc, m).into_iter().map(|x| x.unwrap_or(0.0)).collect();
                if v.len() == 6 {
                    let fm = Matrix::new(v[0], v[1], v[2], v[3], v[4], v[5]);
                    if fm.is_finite() && fm.a != 0.0 {
                        self.font_matrix = fm;
                        self.width_scale = fm.a.abs();
                    }
                }
            }
        }
        let descriptor = get_dict(doc, dict, b"FontDescriptor");
        let flags = descriptor
            .and_then(|d| get_number(doc, d, b"Flags"))
            .unwrap_or(0.0) as u32;
        let symbolic = flags & 4 != 0;
        let missing = descriptor
            .and_then(|d| get_number(doc, d, b"MissingWidth"))
            .unwrap_or(0.0);
        let first = get_number(doc, dict, b"FirstChar").unwrap_or(0.0).max(0.0) as u32;
        let widths: Vec<f64> = get_array(doc, dict, b"Widths")
            .map(|a| {
                numbers(doc, a)
                    .into_iter()
                    .map(|w| w.unwrap_or(missing))
                    .collect()
            })
            .unwrap_or_default();
        self.widths = Widths::Simple {
            first,
            widths,
            missing,
        };

        // Encoding: base + differences.
        let mut base: Option<BaseEncoding> = None;
        let mut differences: HashMap<u8, String> = HashMap::new();
        let mut has_encoding = false;
        match get(doc, dict, b"Encoding") {
            Some(Object::Name(n)) => {
                has_encoding = true;
                base = BaseEncoding::from_name(n);
            }
            Some(Object::Dictionary(d)) => {
                has_encoding = true;
                base = get_name(doc, d, b"BaseEncoding").and_then(BaseEncoding::from_name);
                if let Some(diffs) = get_array(doc, d, b"Differences") {
                    let mut code: u32 = 0;
                    for item in diffs {
                        match resolve(doc, item) {
                            Some(Object::Integer(i)) => code = (*i).clamp(0, 255) as u32,
                            Some(Object::Name(n)) => {
                                if let Ok(c) = u8::try_from(code) {
                                    differences.insert(c, String::from_utf8_lossy(n).into_owned());
                                }
                                code += 1;
                            }
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }

        // The font program, needed only when the dictionary does not say.
        let needs_program =
            self.to_unicode.is_none() && (base.is_none() || symbolic) && self.kind != FontKind::Type3;
        let program = if needs_program {
            descriptor.and_then(|d| load_program(doc, d, warnings, &self.name))
        } else {
            None
        };
        let builtin_names = program
            .as_ref()
            .map(Program::builtin_glyph_names)
            .unwrap_or_default();
        let program_gid_text = program.as_ref().map(Program::gid_unicode).unwrap_or_default();
        let std_name = standard_font_encoding(&self.name);

        let mut table = Vec::with_capacity(256);
        for code in 0..=255u8 {
            let text = self
                .to_unicode
                .as_ref()
                .and_then(|tu| tu.lookup_bf_string(u32::from(code)))
                .and_then(cmap::bf_to_string)
                .or_else(|| {
                    // A code named by /Differences is that glyph and nothing
                    // else: an unknown name (`/g7`) must not fall back to the
                    // base encoding's character.
                    if let Some(n) = differences.get(&code) {
                        return glyph_name_to_unicode(n);
                    }
                    if let Some(b) = base {
                        return b.unicode(code).map(String::from);
                    }
                    if let Some(n) = builtin_names.get(&code) {
                        return glyph_name_to_unicode(n);
                    }
                    if let Some(p) = &program
                        && matches!(p.kind, ProgramKind::TrueType | ProgramKind::OpenType)
                        && (symbolic || !has_encoding)
                        && let Some(gid) = p.simple_code_to_gid(code)
                    {
                        return program_gid_text.get(&gid).cloned();
                    }
                    if let Some(enc) = std_name {
                        return enc.unicode(code).map(String::from);
                    }
                    if program.is_none() && !symbolic && !has_encoding && self.kind != FontKind::Type3 {
                        // Non-embedded, non-symbolic font without encoding:
                        // StandardEncoding (PDF 32000 §9.6.6.1).
                        return BaseEncoding::Standard.unicode(code).map(String::from);
                    }
                    None
                })
                .map(|s| normalize_compat(&s).into_owned());
            table.push(text);
        }
        self.simple_text = table;
    }

    /// Whether any source of Unicode exists for this font at all.
    pub(crate) fn has_unicode_source(&self) -> bool {
        match self.kind {
            FontKind::Simple | FontKind::Type3 => self.simple_text.iter().any(Option::is_some),
            FontKind::Type0 => {
                self.to_unicode.is_some()
                    || self.byte_charset.is_some()
                    || self.collection.is_some()
                    || !self.gid_text.is_empty()
            }
        }
    }

    /// Decodes a string operand into codes, calling `f` for each.
    pub(crate) fn decode(&self, bytes: &[u8], mut f: impl FnMut(Decoded<'_>)) {
        match &self.codes {
            Codes::OneByte => {
                for &b in bytes {
                    let code = u32::from(b);
                    f(Decoded {
                        text: self.simple_text.get(b as usize).and_then(|t| t.as_deref()),
                        width: self.width(code),
                        vertical_advance: -1.0,
                        word_space: b == 32,
                    });
                }
            }
            Codes::TwoByte => {
                for chunk in bytes.chunks(2) {
                    let code = chunk.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
                    let text = self.type0_text(code, chunk, code);
                    f(Decoded {
                        text: text.as_deref(),
                        width: self.width(code),
                        vertical_advance: -1.0,
                        word_space: chunk.len() == 1 && code == 32,
                    });
                }
            }
            Codes::CMap(cmap) => {
                let mut rest = bytes;
                while !rest.is_empty() {
                    let (code, len, cid) = cmap::next_code(cmap, rest);
                    let len = len.max(1).min(rest.len());
                    let text = self.type0_text(code, &rest[..len], cid);
                    f(Decoded {
                        text: text.as_deref(),
                        width: self.width(cid),
                        vertical_advance: -1.0,
                        word_space: len == 1 && code == 32,
                    });
                    rest = &rest[len..];
                }
            }
        }
    }

    fn type0_text(&self, code: u32, bytes: &[u8], cid: u32) -> Option<Arc<str>> {
        if let Ok(cache) = self.type0_cache.lock()
            && let Some(hit) = cache.get(&code)
        {
            return hit.clone();
        }
        let text = self
            .to_unicode
            .as_ref()
            .and_then(|tu| tu.lookup_bf_string(code))
            .and_then(cmap::bf_to_string)
            .or_else(|| self.byte_charset.and_then(|cs| cs.decode(bytes)))
            .or_else(|| {
                self.collection
                    .as_ref()
                    .and_then(|fam| cmap::collection_unicode(fam, cid))
            })
            .or_else(|| {
                if self.gid_text.is_empty() {
                    return None;
                }
                let cid16 = u16::try_from(cid).ok()?;
                let gid = if !self.cff_cid_to_gid.is_empty() {
                    *self.cff_cid_to_gid.get(&cid16)?
                } else {
                    match &self.cid_to_gid {
                        Some(map) => *map.get(cid as usize)?,
                        None => cid16,
                    }
                };
                self.gid_text.get(&gid).cloned()
            })
            .map(|s| Arc::<str>::from(normalize_compat(&s).as_ref()));
        if let Ok(mut cache) = self.type0_cache.lock() {
            cache.insert(code, text.clone());
        }
        text
    }

    /// Advance of a code (simple fonts) or CID (Type 0), text space per unit
    /// font size.
    fn width(&self, key: u32) -> f64 {
        let w = match &self.widths {
            Widths::Simple {
                first,
                widths,
                missing,
            } => key
                .checked_sub(*first)
                .and_then(|i| widths.get(i as usize).copied())
                .filter(|w| *w > 0.0 || self.kind == FontKind::Type3)
                .unwrap_or(if *missing > 0.0 {
                    *missing
                } else if self.kind == FontKind::Type3 {
                    0.0
                } else {
                    // No metrics at all (a non-embedded standard font
                    // without /Widths): half an em keeps Latin text
                    // readable in layout.
                    500.0
                }),
            Widths::Cid { default, map } => map.get(&key).copied().unwrap_or(*default),
        };
        let w = w * self.width_scale;
        if w.is_finite() { w } else { 0.0 }
    }
}

/// Glyph box height in text space per unit font size: `(descent, ascent)`.
/// Producers disagree wildly on Ascent/Descent (LibreOffice writes 0, WPS
/// the full bbox), so every font gets the same em box; Type 3 fonts scale
/// it by their FontMatrix.
pub(crate) fn em_box(font: &Font) -> (f64, f64) {
    let scale = if font.kind == FontKind::Type3 {
        let s = font.font_matrix.d.abs() * 1000.0;
        if (0.2..5.0).contains(&s) { s } else { 1.0 }
    } else {
        1.0
    };
    (-0.12 * scale, 0.88 * scale)
}

fn string_bytes(obj: &Object) -> Option<Vec<u8>> {
    match obj {
        Object::String(s, _) => Some(s.clone()),
        Object::Name(n) => Some(n.clone()),
        _ => None,
    }
}

fn font_name(doc: &Document, dict: &Dictionary) -> Arc<str> {
    let raw = get_name(doc, dict, b"BaseFont")
        .map(super::object::decode_text_string)
        .or_else(|| {
            let fd = get_dict(doc, dict, b"FontDescriptor")?;
            get_name(doc, fd, b"FontName").map(super::object::decode_text_string)
        })
        .unwrap_or_else(|| "unnamed".to_string());
    let stripped = match raw.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => {
            rest.to_string()
        }
        _ => raw,
    };
    Arc::from(stripped)
}

fn load_to_unicode(
    doc: &Document,
    dict: &Dictionary,
    name: &str,
    warnings: &mut Vec<String>,
) -> Option<CMap> {
    let obj = dict.get(b"ToUnicode").ok()?;
    let stream = as_stream(doc, obj)?;
    let data = match stream_data(stream, MAX_FONT_STREAM) {
        Ok(d) => d,
        Err(e) => {
            warnings.push(format!("font {name}: ToUnicode stream unreadable ({e})"));
            return None;
        }
    };
    match cmap::parse_program(&data) {
        Some(c) => Some(c),
        None => {
            warnings.push(format!(
                "font {name}: ToUnicode CMap unreadable, using other sources"
            ));
            None
        }
    }
}

fn load_program(
    doc: &Document,
    descriptor: &Dictionary,
    warnings: &mut Vec<String>,
    name: &str,
) -> Option<Program> {
    let (key, kind) = if descriptor.has(b"FontFile2") {
        (&b"FontFile2"[..], ProgramKind::TrueType)
    } else if descriptor.has(b"FontFile") {
        (&b"FontFile"[..], ProgramKind::Type1)
    } else if descriptor.has(b"FontFile3") {
        (&b"FontFile3"[..], ProgramKind::Cff)
    } else {
        return None;
    };
    let stream = as_stream(doc, descriptor.get(key).ok()?)?;
    let kind = match (kind, stream.dict.get(b"Subtype").ok()) {
        (ProgramKind::Cff, Some(Object::Name(n))) if n.as_slice() == b"OpenType" => ProgramKind::OpenType,
        (k, _) => k,
    };
    match stream_data(stream, MAX_FONT_STREAM) {
        Ok(data) => Some(Program { kind, data }),
        Err(e) => {
            warnings.push(format!("font {name}: embedded font program unreadable ({e})"));
            None
        }
    }
}

/// `/W` of a CIDFont: both forms, `c [w1 w2 …]` and `cfirst clast w`.
fn cid_widths(doc: &Document, cid_font: &Dictionary) -> Widths {
    let default = get_number(doc, cid_font, b"DW").unwrap_or(1000.0);
    let mut map = HashMap::new();
    if let Some(w) = get_array(doc, cid_font, b"W") {
        let mut i = 0;
        // Bound the total number of entries: a hostile /W can claim a range
        // of four billion CIDs.
        let mut budget: usize = 200_000;
        while i < w.len() {
            let Some(first) = resolve(doc, &w[i]).and_then(super::object::number) else {
                i += 1;
                continue;
            };
            let first = first.max(0.0) as u32;
            match w.get(i + 1).and_then(|o| resolve(doc, o)) {
                Some(Object::Array(list)) => {
                    for (k, v) in numbers(doc, list).into_iter().enumerate() {
                        if budget == 0 {
                            break;
                        }
                        budget -= 1;
                        if let Some(v) = v {
                            map.insert(first.saturating_add(k as u32), v);
                        }
                    }
                    i += 2;
                }
                Some(obj) => {
                    let last = super::object::number(obj).unwrap_or(0.0).max(0.0) as u32;
                    let width = w
                        .get(i + 2)
                        .and_then(|o| resolve(doc, o))
                        .and_then(super::object::number);
                    if let Some(width) = width {
                        let span = last.saturating_sub(first) as usize;
                        if span < budget {
                            budget -= span + 1;
                            for cid in first..=last {
                                map.insert(cid, width);
                            }
                        }
                    }
                    i += 3;
                }
                None => break,
            }
        }
    }
    Widths::Cid { default, map }
}

/// The built-in encoding of the standard Symbol and ZapfDingbats fonts.
fn standard_font_encoding(name: &str) -> Option<BaseEncoding> {
    match name {
        "Symbol" => Some(BaseEncoding::Symbol),
        "ZapfDingbats" => Some(BaseEncoding::ZapfDingbats),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Stream, dictionary};

    fn decode_all(font: &Font, bytes: &[u8]) -> Vec<(Option<String>, f64)> {
        let mut out = Vec::new();
        font.decode(bytes, |d| out.push((d.text.map(str::to_string), d.width)));
        out
    }

    #[test]
    fn type0_identity_with_tounicode_and_both_w_forms() {
        let mut doc = Document::with_version("1.7");
        let tu = doc.add_object(Stream::new(
            dictionary! {},
            b"begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <4E2D> <0004> <2F00> endbfchar
1 beginbfrange <0010> <0012> <0030> endbfrange endcmap"
                .to_vec(),
        ));
        let cid_font = dictionary! {
            "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "ABCDEF+SimSun",
            "DW" => 1000,
            "W" => vec![3.into(), vec![Object::Integer(900)].into(), 16.into(), 18.into(), 500.into()],
        };
        let font = dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "ABCDEF+SimSun",
            "Encoding" => "Identity-H", "ToUnicode" => tu,
            "DescendantFonts" => vec![Object::Dictionary(cid_font)],
        };
        let f = Font::load(&doc, &font);
        assert_eq!(&*f.name, "SimSun");
        let got = decode_all(&f, &[0, 3, 0, 4, 0, 0x11, 0, 0x20]);
        assert_eq!(got[0], (Some("中".into()), 0.9));
        // Kangxi radical ⼀ (U+2F00) comes out as the ideograph 一.
        assert_eq!(got[1], (Some("一".into()), 1.0));
        assert_eq!(got[2], (Some("1".into()), 0.5));
        // Unmapped code: no text, never an invented character.
        assert_eq!(got[3], (None, 1.0));
    }

    #[test]
    fn type0_predefined_gbk_without_tounicode() {
        let doc = Document::with_version("1.7");
        let cid_font = dictionary! {
            "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "SimSun",
            "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"), "Ordering" => Object::string_literal("GB1"), "Supplement" => 2 },
        };
        let font = dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "SimSun",
            "Encoding" => "GBK-EUC-H",
            "DescendantFonts" => vec![Object::Dictionary(cid_font)],
        };
        let f = Font::load(&doc, &font);
        // "2020年" in GBK.
        let got = decode_all(&f, b"2020\xC4\xEA");
        let text: String = got.iter().filter_map(|g| g.0.clone()).collect();
        assert_eq!(text, "2020年");
        assert_eq!(got.len(), 5);
    }

    #[test]
    fn simple_font_differences_and_winansi() {
        let doc = Document::with_version("1.7");
        let font = dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            "FirstChar" => 65, "Widths" => vec![Object::Integer(667), Object::Integer(667)],
            "Encoding" => dictionary! {
                "BaseEncoding" => "WinAnsiEncoding",
                "Differences" => vec![66.into(), Object::Name(b"uni5E74".to_vec()), Object::Name(b"g7".to_vec())],
            },
        };
        let f = Font::load(&doc, &font);
        let got = decode_all(&f, b"AB\x43\x80");
        assert_eq!(got[0].0.as_deref(), Some("A"));
        assert!((got[0].1 - 0.667).abs() < 1e-9);
        assert_eq!(got[1].0.as_deref(), Some("年"));
        // /g7 carries no Unicode: undecoded rather than the base 'C'.
        assert_eq!(got[2].0, None);
        assert_eq!(got[3].0.as_deref(), Some("€"));
    }
}
