//! Simple-font encodings: base encodings, `/Differences`, glyph names.
//!
//! The base encodings (StandardEncoding, WinAnsi, MacRoman, MacExpert,
//! Symbol, ZapfDingbats) and the Adobe Glyph List come from the
//! `pdf_encoding` crate; this module only decides which applies and parses
//! the glyph-name conventions the AGL specification adds (`uniXXXX`,
//! `uXXXX[XX]`, ligature names joined by `_`).

use pdf_encoding::Encoding as Base;

/// A named base encoding of a simple font.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BaseEncoding {
    Standard,
    WinAnsi,
    MacRoman,
    MacExpert,
    Symbol,
    ZapfDingbats,
}

impl BaseEncoding {
    pub(crate) fn from_name(name: &[u8]) -> Option<BaseEncoding> {
        Some(match name {
            b"StandardEncoding" => BaseEncoding::Standard,
            b"WinAnsiEncoding" => BaseEncoding::WinAnsi,
            b"MacRomanEncoding" => BaseEncoding::MacRoman,
            b"MacExpertEncoding" => BaseEncoding::MacExpert,
            _ => return None,
        })
    }

    /// The Unicode character a code maps to in this encoding, if any.
    pub(crate) fn unicode(self, code: u8) -> Option<char> {
        let base = match self {
            BaseEncoding::Standard => Base::AdobeStandard,
            BaseEncoding::WinAnsi => Base::WinAnsiEncoding,
            BaseEncoding::MacRoman => Base::MacRomanEncoding,
            BaseEncoding::MacExpert => Base::AdobeExpert,
            BaseEncoding::Symbol => Base::AdobeSymbol,
            BaseEncoding::ZapfDingbats => Base::AdobeZdingbat,
        };
        let c = base.forward_map()?.get(code)?;
        // Control characters in the tables are placeholders for "unused".
        (!c.is_control() || c == '\t').then_some(c)
    }
}

/// Maps a PostScript glyph name to text, following the Adobe Glyph List
/// specification: AGL lookup, then `uniXXXX…` (several code units), then
/// `uXXXX[XX]`, each component of a `_`-joined ligature name, suffixes after
/// `.` dropped. Names such as `g123`, `glyph7`, `cid42` carry no Unicode and
/// give `None`.
pub(crate) fn glyph_name_to_unicode(name: &str) -> Option<String> {
    let base = name.split('.').next().unwrap_or(name);
    if base.is_empty() {
        return None;
    }
    if base.contains('_') {
        let mut out = String::new();
        for part in base.split('_') {
            out.push_str(&component_to_unicode(part)?);
        }
        return Some(out);
    }
    component_to_unicode(base)
}

fn component_to_unicode(name: &str) -> Option<String> {
    if let Some(s) = pdf_encoding::glyphname_to_unicode(name) {
        return Some(s.to_string());
    }
    if let Some(hex) = name.strip_prefix("uni")
        && hex.len() >= 4
        && hex.len() % 4 == 0
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        let units: Vec<u16> = hex
            .as_bytes()
            .chunks(4)
            .filter_map(|c| std::str::from_utf8(c).ok())
            .filter_map(|c| u16::from_str_radix(c, 16).ok())
            .collect();
        let s: String = char::decode_utf16(units).collect::<Result<_, _>>().ok()?;
        return (!s.is_empty()).then_some(s);
    }
    if let Some(hex) = name.strip_prefix('u')
        && (4..=6).contains(&hex.len())
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        let cp = u32::from_str_radix(hex, 16).ok()?;
        return char::from_u32(cp).map(String::from);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agl_and_uni_names() {
        assert_eq!(glyph_name_to_unicode("A").as_deref(), Some("A"));
        assert_eq!(glyph_name_to_unicode("space").as_deref(), Some(" "));
        assert_eq!(glyph_name_to_unicode("uni4E2D").as_deref(), Some("中"));
        assert_eq!(glyph_name_to_unicode("uni4E2D6587").as_deref(), Some("中文"));
        assert_eq!(glyph_name_to_unicode("u20BB7").as_deref(), Some("𠮷"));
        assert_eq!(glyph_name_to_unicode("f_i").as_deref(), Some("fi"));
        assert_eq!(glyph_name_to_unicode("one.oldstyle").as_deref(), Some("1"));
        assert_eq!(glyph_name_to_unicode("g123"), None);
        assert_eq!(glyph_name_to_unicode("cid4512"), None);
        assert_eq!(glyph_name_to_unicode(""), None);
    }

    #[test]
    fn base_encodings() {
        assert_eq!(BaseEncoding::WinAnsi.unicode(0x80), Some('€'));
        assert_eq!(BaseEncoding::WinAnsi.unicode(b'7'), Some('7'));
        assert_eq!(BaseEncoding::Standard.unicode(0x27), Some('’'));
        assert_eq!(BaseEncoding::MacRoman.unicode(0x80), Some('Ä'));
    }
}
