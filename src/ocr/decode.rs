//! A PDF image XObject → an 8-bit gray raster at its native resolution.
//!
//! The generic filters in front of an image codec (Flate with PNG/TIFF
//! predictors, LZW, ASCII85 …) are lopdf's; the codecs are:
//! - `DCTDecode` (JPEG): `zune-jpeg`; the original bytes are also kept so a
//!   page that needs no straightening is handed to Tesseract as-is;
//! - `CCITTFaxDecode` (Group 3 and 4 fax): `hayro-ccitt`;
//! - `JBIG2Decode` (with `/JBIG2Globals`): `hayro-jbig2`;
//! - `JPXDecode` (JPEG 2000): not decoded here; the caller renders the page
//!   instead when it can.
//!
//! Samples are then mapped to gray through the colour space (Gray, RGB,
//! CMYK, Indexed, ICCBased by component count, Separation as ink), the
//! `/Decode` array and `/ImageMask`. Exact colour does not matter for OCR;
//! dark must stay dark.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::raster::Gray;
use crate::pdf::object::{get, get_number, resolve};

/// A decoded page image.
pub(crate) struct Decoded {
    pub gray: Gray,
    /// The JPEG file itself, when the image was one (for pass-through).
    pub jpeg: Option<Vec<u8>>,
    /// The codec, for messages: `DCT`, `Flate`, `CCITT`, `JBIG2`, `raw`.
    pub codec: &'static str,
    /// What was wrong with an image read anyway (its data ends early: the
    /// rows that are there are read, the rest is left white).
    pub damage: Option<String>,
}

/// How an image's samples turn into gray.
#[derive(Debug, Clone)]
enum Space {
    Gray,
    Rgb,
    Cmyk,
    /// Separation / DeviceN with one colourant: the sample is the amount
    /// of ink.
    Ink,
    Indexed {
        base: Box<Space>,
        palette: Vec<u8>,
    },
}

impl Space {
    fn components(&self) -> usize {
        match self {
            Space::Gray | Space::Ink | Space::Indexed { .. } => 1,
            Space::Rgb => 3,
            Space::Cmyk => 4,
        }
    }

    /// Gray level of one pixel's components, each scaled to 0…255.
    fn gray(&self, c: &[u8]) -> u8 {
        match self {
            Space::Gray => c[0],
            Space::Ink => 255 - c[0],
            Space::Rgb => {
                ((299 * u32::from(c[0]) + 587 * u32::from(c[1]) + 114 * u32::from(c[2])) / 1000) as u8
            }
            Space::Cmyk => {
                let ink = (30 * u32::from(c[0]) + 59 * u32::from(c[1]) + 11 * u32::from(c[2])) / 100
                    + u32::from(c[3]);
                255 - ink.min(255) as u8
            }
            Space::Indexed { base, palette } => {
                let n = base.components();
                let i = usize::from(c[0]) * n;
                match palette.get(i..i + n) {
                    Some(entry) => base.gray(entry),
                    None => 255,
                }
            }
        }
    }
}

fn name_of(doc: &Document, o: &Object) -> Option<Vec<u8>> {
    match resolve(doc, o)? {
        Object::Name(n) => Some(n.clone()),
        _ => None,
    }
}

fn color_space(doc: &Document, o: Option<&Object>, depth: usize) -> Result<Space, String> {
    let Some(o) = o.and_then(|o| resolve(doc, o)) else {
        return Ok(Space::Gray);
    };
    if depth > 4 {
        return Err("colour space nested too deep".into());
    }
    match o {
        Object::Name(n) => match n.as_slice() {
            b"DeviceGray" | b"CalGray" | b"G" => Ok(Space::Gray),
            b"DeviceRGB" | b"CalRGB" | b"RGB" => Ok(Space::Rgb),
            b"DeviceCMYK" | b"CMYK" => Ok(Space::Cmyk),
            other => Err(format!("colour space {}", String::from_utf8_lossy(other))),
        },
        Object::Array(a) => {
            let family = a.first().and_then(|f| name_of(doc, f)).unwrap_or_default();
            match family.as_slice() {
                b"CalGray" => Ok(Space::Gray),
                b"CalRGB" | b"Lab" => Ok(Space::Rgb),
                b"ICCBased" => {
                    let n = a
                        .get(1)
                        .and_then(|s| resolve(doc, s))
                        .and_then(|s| s.as_stream().ok())
                        .and_then(|s| get_number(doc, &s.dict, b"N"))
                        .unwrap_or(3.0) as usize;
                    Ok(match n {
                        1 => Space::Gray,
                        4 => Space::Cmyk,
                        _ => Space::Rgb,
                    })
                }
                b"Separation" | b"DeviceN" => Ok(Space::Ink),
                b"Indexed" | b"I" => {
                    let base = color_space(doc, a.get(1), depth + 1)?;
                    let palette = match a.get(3).and_then(|p| resolve(doc, p)) {
                        Some(Object::String(s, _)) => s.clone(),
                        Some(Object::Stream(s)) => s
                            .decompressed_content_with_limit(1 << 20)
                            .map_err(|e| format!("palette: {}", crate::pdf::describe(&e)))?,
                        _ => return Err("Indexed colour space without a palette".into()),
                    };
                    Ok(Space::Indexed {
                        base: Box::new(base),
                        palette,
                    })
                }
                other => Err(format!("colour space {}", String::from_utf8_lossy(other))),
            }
        }
        _ => Err("colour space unreadable".into()),
    }
}

/// The stream's filters, in decoding order.
fn filters(doc: &Document, dict: &Dictionary) -> Vec<Vec<u8>> {
    match get(doc, dict, b"Filter") {
        Some(Object::Name(n)) => vec![n.clone()],
        Some(Object::Array(a)) => a.iter().filter_map(|f| name_of(doc, f)).collect(),
        _ => Vec::new(),
    }
}

/// The `/DecodeParms` dictionary of filter `index`.
fn params<'a>(doc: &'a Document, dict: &'a Dictionary, index: usize) -> Option<&'a Dictionary> {
    match get(doc, dict, b"DecodeParms")? {
        Object::Dictionary(d) => Some(d),
        Object::Array(a) => match resolve(doc, a.get(index)?)? {
            Object::Dictionary(d) => Some(d),
            _ => None,
        },
        _ => None,
    }
}

/// How a message names the pixel limit: by the setting a user changes
/// (the limit is a share of `--max-memory-mb`, see
/// [`crate::pipeline::defaults::budgets`]).
pub(crate) const PIXEL_LIMIT: &str = "for OCR (a share of --max-memory-mb)";

/// Decodes image XObject `id`. `max_bytes` bounds every decompressed
/// buffer and the raster itself.
pub(crate) fn decode_image(doc: &Document, id: ObjectId, max_bytes: usize) -> Result<Decoded, String> {
    let stream = doc
        .get_object(id)
        .ok()
        .and_then(|o| resolve(doc, o))
        .and_then(|o| o.as_stream().ok())
        .ok_or("image object missing")?;
    let dict = &stream.dict;
    let w = get_number(doc, dict, b"Width").unwrap_or(0.0);
    let h = get_number(doc, dict, b"Height").unwrap_or(0.0);
    if !(w >= 1.0 && h >= 1.0) {
        return Err(format!("image size {w}×{h} out of range"));
    }
    if w * h > max_bytes as f64 {
        return Err(format!(
            "image of {w}×{h} pixels, over the limit of {max_bytes} pixels {PIXEL_LIMIT}"
        ));
    }
    let (w, h) = (w as usize, h as usize);
    let mask = matches!(get(doc, dict, b"ImageMask"), Some(Object::Boolean(true)));
    let bpc = if mask {
        1
    } else {
        get_number(doc, dict, b"BitsPerComponent").unwrap_or(8.0) as usize
    };
    let space = if mask {
        Space::Gray
    } else {
        color_space(doc, get(doc, dict, b"ColorSpace"), 0)?
    };
    let invert = match get(doc, dict, b"Decode") {
        Some(Object::Array(a)) => crate::pdf::object::numbers(doc, a)
            .first()
            .copied()
            .flatten()
            .is_some_and(|d0| d0 >= 0.5),
        _ => false,
    };
    let all = filters(doc, dict);
    let codec_at = all.iter().position(|f| {
        matches!(
            f.as_slice(),
            b"DCTDecode" | b"DCT" | b"CCITTFaxDecode" | b"CCF" | b"JBIG2Decode" | b"JPXDecode"
        )
    });
    // The bytes in front of the codec: the generic filters undone by lopdf.
    let front = |upto: usize| -> Result<Vec<u8>, String> {
        if upto == 0 {
            if stream.content.len() > max_bytes {
                return Err("image stream too large".into());
            }
            return Ok(stream.content.clone());
        }
        let mut d = dict.clone();
        d.set(
            "Filter",
            Object::Array(all[..upto].iter().map(|f| Object::Name(f.clone())).collect()),
        );
        if let Some(Object::Array(p)) = get(doc, dict, b"DecodeParms") {
            d.set(
                "DecodeParms",
                Object::Array(p.iter().take(upto).cloned().collect()),
            );
        } else if upto < all.len() {
            // One dictionary belongs to the codec, not to the filters before it.
            d.remove(b"DecodeParms");
        }
        Stream::new(d, stream.content.clone())
            .decompressed_content_with_limit(max_bytes)
            .map_err(|e| format!("image stream: {}", crate::pdf::describe(&e)))
    };
    let Some(at) = codec_at else {
        let data = front(all.len())?;
        let gray = samples_to_gray(&data, w, h, bpc, &space, invert, mask)?;
        let row_bytes = (w * space.components() * bpc).div_ceil(8);
        let rows = data.len() / row_bytes.max(1);
        return Ok(Decoded {
            gray,
            jpeg: None,
            codec: if all.is_empty() { "raw" } else { "Flate" },
            damage: (rows < h).then(|| format!("image data ends after row {rows} of {h}")),
        });
    };
    let data = front(at)?;
    let codec_params = params(doc, dict, at);
    match all[at].as_slice() {
        b"DCTDecode" | b"DCT" => {
            let gray = decode_jpeg(&data, w, h, max_bytes)?;
            let gray = if invert { invert_gray(gray) } else { gray };
            // Pass-through only for what Tesseract would read the same way.
            let plain = !invert && matches!(space, Space::Gray | Space::Rgb);
            Ok(Decoded {
                gray,
                jpeg: plain.then_some(data),
                codec: "DCT",
                damage: None,
            })
        }
        b"CCITTFaxDecode" | b"CCF" => {
            let bits = decode_ccitt(doc, &data, w, h, codec_params)?;
            let gray = samples_to_gray(&bits, w, h, 1, &space, invert, mask)?;
            Ok(Decoded {
                gray,
                jpeg: None,
                codec: "CCITT",
                damage: None,
            })
        }
        b"JBIG2Decode" => {
            let globals = codec_params
                .and_then(|p| get(doc, p, b"JBIG2Globals"))
                .and_then(|g| g.as_stream().ok())
                .map(|g| g.decompressed_content_with_limit(max_bytes))
                .transpose()
                .map_err(|e| format!("JBIG2 globals: {}", crate::pdf::describe(&e)))?;
            let bits = decode_jbig2(&data, globals.as_deref(), w, h)?;
            let gray = samples_to_gray(&bits, w, h, 1, &space, invert, mask)?;
            Ok(Decoded {
                gray,
                jpeg: None,
                codec: "JBIG2",
                damage: None,
            })
        }
        _ => Err("JPEG 2000 (JPXDecode) images are not decoded".into()),
    }
}

fn invert_gray(mut g: Gray) -> Gray {
    g.px.iter_mut().for_each(|p| *p = 255 - *p);
    g
}

/// Unpacked samples (rows padded to whole bytes, as PDF stores them) →
/// gray.
fn samples_to_gray(
    data: &[u8],
    w: usize,
    h: usize,
    bpc: usize,
    space: &Space,
    invert: bool,
    mask: bool,
) -> Result<Gray, String> {
    if !matches!(bpc, 1 | 2 | 4 | 8 | 16) {
        return Err(format!("{bpc} bits per component"));
    }
    let n = space.components();
    let row_bytes = (w * n * bpc).div_ceil(8);
    if data.len() < row_bytes * h {
        // A short stream is common in damaged files: read what is there.
        if data.len() < row_bytes {
            return Err("image data shorter than one row".into());
        }
    }
    let max = (1u32 << bpc.min(8)) - 1;
    let indexed = matches!(space, Space::Indexed { .. });
    let mut out = Gray::new(w, h, 255);
    let mut comps = vec![0u8; n];
    for y in 0..h {
        let Some(row) = data.get(y * row_bytes..(y + 1) * row_bytes) else {
            break;
        };
        for x in 0..w {
            for (k, c) in comps.iter_mut().enumerate() {
                let i = x * n + k;
                let v = match bpc {
                    8 => u32::from(row[i]),
                    16 => u32::from(row[2 * i]),
                    _ => {
                        let bit = i * bpc;
                        (u32::from(row[bit / 8]) >> (8 - bpc - bit % 8)) & max
                    }
                };
                let v = if invert { max - v } else { v };
                // Palette indices stay indices; samples scale to 0…255.
                *c = if indexed { v as u8 } else { (v * 255 / max) as u8 };
            }
            let g = if mask {
                // A stencil: sample 0 paints (black), 1 leaves the page.
                if comps[0] == 0 { 0 } else { 255 }
            } else {
                space.gray(&comps)
            };
            out.px[y * w + x] = g;
        }
    }
    Ok(out)
}

fn decode_jpeg(data: &[u8], w: usize, h: usize, max_bytes: usize) -> Result<Gray, String> {
    use zune_core::bytestream::ZCursor;
    use zune_core::colorspace::ColorSpace;
    use zune_core::options::DecoderOptions;
    let options = DecoderOptions::default()
        .set_max_width(w.max(1) * 2)
        .set_max_height(h.max(1) * 2)
        .jpeg_set_out_colorspace(ColorSpace::Luma);
    let mut dec = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(data), options);
    dec.decode_headers().map_err(|e| format!("JPEG: {e:?}"))?;
    let info = dec.info().ok_or("JPEG: no header")?;
    let (jw, jh) = (usize::from(info.width), usize::from(info.height));
    if jw == 0 || jh == 0 || jw * jh > max_bytes {
        return Err(format!("JPEG size {jw}×{jh} out of range"));
    }
    let px = dec.decode().map_err(|e| format!("JPEG: {e:?}"))?;
    let n = px.len() / (jw * jh);
    if n == 0 {
        return Err("JPEG: no pixels".into());
    }
    let px: Vec<u8> = if n == 1 {
        px
    } else {
        // The decoder may keep colour (CMYK files): take the luma of RGB or
        // the darkness of CMYK.
        px.chunks_exact(n)
            .map(|c| {
                if n >= 4 {
                    Space::Cmyk.gray(&c[..4])
                } else {
                    Space::Rgb.gray(&[c[0], c[1 % n], c[2 % n]])
                }
            })
            .collect()
    };
    Ok(Gray { w: jw, h: jh, px })
}

/// Rows of 1-bit samples (PDF convention: 0 = black unless `BlackIs1`).
struct Bits {
    w: usize,
    row_bytes: usize,
    rows: Vec<u8>,
    black_is_one: bool,
    n: usize,
    max_rows: usize,
}

impl hayro_ccitt::Decoder for Bits {
    fn push_row(&mut self, changes: &[u32]) {
        if self.n >= self.max_rows {
            return;
        }
        let fill = if self.black_is_one { 0u8 } else { 0xFF };
        let mut row = vec![fill; self.row_bytes];
        for pair in changes.chunks(2) {
            let start = pair[0] as usize;
            let end = pair.get(1).map(|&e| e as usize).unwrap_or(self.w).min(self.w);
            for x in start..end {
                if self.black_is_one {
                    row[x / 8] |= 0x80 >> (x % 8);
                } else {
                    row[x / 8] &= !(0x80 >> (x % 8));
                }
            }
        }
        self.rows.extend_from_slice(&row);
        self.n += 1;
    }
}

fn decode_ccitt(
    doc: &Document,
    data: &[u8],
    w: usize,
    h: usize,
    p: Option<&Dictionary>,
) -> Result<Vec<u8>, String> {
    let num = |key: &[u8], default: f64| p.and_then(|p| get_number(doc, p, key)).unwrap_or(default);
    let flag = |key: &[u8], default: bool| match p.and_then(|p| get(doc, p, key)) {
        Some(Object::Boolean(b)) => *b,
        _ => default,
    };
    let k = num(b"K", 0.0);
    let columns = num(b"Columns", w as f64).max(1.0) as usize;
    let rows = num(b"Rows", h as f64).max(0.0) as usize;
    // The image's own size bounds the decoder's work (it is within the
    // memory budget); parameters far beyond it are a broken or hostile file.
    if columns > w.saturating_mul(4) || rows > h.saturating_mul(4) {
        return Err(format!(
            "CCITT /Columns {columns} /Rows {rows} do not fit a {w}×{h} image"
        ));
    }
    let settings = hayro_ccitt::DecodeSettings {
        columns: columns as u32,
        rows: rows as u32,
        end_of_block: flag(b"EndOfBlock", true),
        end_of_line: flag(b"EndOfLine", false),
        rows_are_byte_aligned: flag(b"EncodedByteAlign", false),
        encoding: if k < 0.0 {
            hayro_ccitt::EncodingMode::Group4
        } else if k == 0.0 {
            hayro_ccitt::EncodingMode::Group3_1D
        } else {
            hayro_ccitt::EncodingMode::Group3_2D
        },
        strict: false,
    };
    let black_is_one = flag(b"BlackIs1", false);
    let mut bits = Bits {
        w: columns,
        row_bytes: columns.div_ceil(8),
        rows: Vec::new(),
        black_is_one,
        n: 0,
        max_rows: h,
    };
    let mut ctx = hayro_ccitt::DecoderContext::new(settings);
    let result = hayro_ccitt::decode(data, &mut bits, &mut ctx);
    if bits.n == 0 {
        return Err(format!("CCITT: {:?}", result.err()));
    }
    // Missing rows (truncated data) stay white.
    let white = if black_is_one { 0u8 } else { 0xFF };
    bits.rows.resize(bits.row_bytes * h, white);
    if columns != w {
        return Err(format!("CCITT: {columns} columns for an image {w} wide"));
    }
    Ok(bits.rows)
}

/// JBIG2 pixels → rows of PDF samples (0 = black, as for CCITT's default).
struct Jbig2Sink {
    w: usize,
    row_bytes: usize,
    rows: Vec<u8>,
    x: usize,
    y: usize,
    h: usize,
}

impl Jbig2Sink {
    fn put(&mut self, black: bool) {
        if self.x < self.w && self.y < self.h && black {
            let i = self.y * self.row_bytes + self.x / 8;
            self.rows[i] &= !(0x80 >> (self.x % 8));
        }
        self.x += 1;
    }
}

impl hayro_jbig2::Decoder for Jbig2Sink {
    fn push_pixel(&mut self, black: bool) {
        self.put(black);
    }

    fn push_pixel_chunk(&mut self, black: bool, chunk_count: u32) {
        for _ in 0..chunk_count as usize * 8 {
            self.put(black);
        }
    }

    fn next_line(&mut self) {
        self.x = 0;
        self.y += 1;
    }
}

fn decode_jbig2(data: &[u8], globals: Option<&[u8]>, w: usize, h: usize) -> Result<Vec<u8>, String> {
    let settings = hayro_jbig2::DecodeSettings::default();
    let globals = globals
        .map(|g| hayro_jbig2::Globals::new(g, &settings))
        .transpose()
        .map_err(|e| format!("JBIG2 globals: {e:?}"))?;
    let page = hayro_jbig2::Page::new_embedded(data, globals.as_ref(), &settings)
        .map_err(|e| format!("JBIG2: {e:?}"))?;
    let row_bytes = w.div_ceil(8);
    let mut sink = Jbig2Sink {
        w,
        row_bytes,
        rows: vec![0xFF; row_bytes * h],
        x: 0,
        y: 0,
        h,
    };
    page.decode(&mut sink).map_err(|e| format!("JBIG2: {e:?}"))?;
    Ok(sink.rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_of_every_depth_and_space() {
        // 1-bit gray, 2 pixels per row padded to a byte: 0b10 → white, black.
        let g = samples_to_gray(&[0b1000_0000, 0b0100_0000], 2, 2, 1, &Space::Gray, false, false).unwrap();
        assert_eq!(g.px, vec![255, 0, 0, 255]);
        // /Decode [1 0] inverts.
        let g = samples_to_gray(&[0b1000_0000], 2, 1, 1, &Space::Gray, true, false).unwrap();
        assert_eq!(g.px, vec![0, 255]);
        // RGB: red is darker than white.
        let g = samples_to_gray(&[255, 0, 0, 255, 255, 255], 2, 1, 8, &Space::Rgb, false, false).unwrap();
        assert!(g.px[0] < 100 && g.px[1] == 255);
        // Indexed over RGB, 4-bit indices.
        let space = Space::Indexed {
            base: Box::new(Space::Rgb),
            palette: vec![0, 0, 0, 255, 255, 255],
        };
        let g = samples_to_gray(&[0x10], 2, 1, 4, &space, false, false).unwrap();
        assert_eq!(g.px, vec![255, 0]);
        // CMYK full black.
        assert_eq!(Space::Cmyk.gray(&[0, 0, 0, 255]), 0);
        // Image mask: 0 paints.
        let g = samples_to_gray(&[0b0100_0000], 2, 1, 1, &Space::Gray, false, true).unwrap();
        assert_eq!(g.px, vec![0, 255]);
        // Too short for one row: an error, not a panic.
        assert!(samples_to_gray(&[], 2, 1, 8, &Space::Gray, false, false).is_err());
    }

    #[test]
    fn ccitt_rows_follow_black_is_1() {
        let mut bits = Bits {
            w: 10,
            row_bytes: 2,
            rows: Vec::new(),
            black_is_one: false,
            n: 0,
            max_rows: 1,
        };
        hayro_ccitt::Decoder::push_row(&mut bits, &[2, 4]);
        // Pixels 2 and 3 black → bits 0 in the default convention.
        assert_eq!(bits.rows, vec![0b1100_1111, 0xFF]);
    }

    #[test]
    fn garbage_jpeg_is_an_error() {
        assert!(decode_jpeg(b"not a jpeg", 10, 10, 1 << 20).is_err());
        assert!(decode_jbig2(b"junk", None, 10, 10).is_err());
    }
}
