//! Unicode from an embedded font program, for fonts without `/ToUnicode`.
//!
//! Some producers strip `/ToUnicode` (e1 in the fonts corpus is Chromium
//! output with it removed; old Word output has CID TrueType fonts without
//! one). The font program often still knows: a TrueType subset keeps a
//! Unicode `cmap` subtable, a CFF or Type 1 program keeps glyph names. We ask
//! `ttf-parser` for those and reverse them to glyph id → text. When a font
//! has neither (e2: a TrueType subset with only a Mac Roman `(1,0)` cmap),
//! there is nothing honest to recover and the caller reports the text as
//! undecodable.

use std::collections::HashMap;

use ttf_parser::{GlyphId, PlatformId, RawFace, Tag, cff, cmap, post};

use super::encoding::glyph_name_to_unicode;

/// Which kind of program a font descriptor embeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ProgramKind {
    /// `/FontFile2`: TrueType (sfnt).
    TrueType,
    /// `/FontFile`: Type 1 (PFA/PFB-like, clear text then eexec).
    Type1,
    /// `/FontFile3 /Subtype /Type1C` or `/CIDFontType0C`: bare CFF.
    Cff,
    /// `/FontFile3 /Subtype /OpenType`: sfnt with CFF or TrueType outlines.
    OpenType,
}

/// A decompressed embedded font program.
pub(crate) struct Program {
    pub kind: ProgramKind,
    pub data: Vec<u8>,
}

impl Program {
    /// Glyph id → text, from the program's Unicode cmap subtables (first
    /// choice) or its glyph names (post table, CFF charset).
    pub(crate) fn gid_unicode(&self) -> HashMap<u16, String> {
        let mut map = HashMap::new();
        match self.kind {
            ProgramKind::TrueType | ProgramKind::OpenType => {
                let Ok(raw) = RawFace::parse(&self.data, 0) else {
                    return map;
                };
                if let Some(table) = raw.table(Tag::from_bytes(b"cmap")).and_then(cmap::Table::parse) {
                    for i in 0..table.subtables.len() {
                        let Some(sub) = table.subtables.get(i) else {
                            continue;
                        };
                        if !sub.is_unicode() {
                            continue;
                        }
                        sub.codepoints(|cp| {
                            if let (Some(gid), Some(ch)) = (sub.glyph_index(cp), char::from_u32(cp))
                                && gid.0 != 0
                            {
                                map.entry(gid.0).or_insert_with(|| ch.to_string());
                            }
                        });
                    }
                }
                if let Some(table) = raw.table(Tag::from_bytes(b"post")).and_then(post::Table::parse) {
                    let names = table.names();
                    for (gid, name) in names.enumerate() {
                        let Ok(gid) = u16::try_from(gid) else { break };
                        if map.contains_key(&gid) {
                            continue;
                        }
                        if let Some(text) = glyph_name_to_unicode(name) {
                            map.insert(gid, text);
                        }
                    }
                }
                if let Some(table) = raw.table(Tag::from_bytes(b"CFF ")).and_then(cff::Table::parse) {
                    cff_names(&table, &mut map);
                }
            }
            ProgramKind::Cff => {
                if let Some(table) = cff::Table::parse(&self.data) {
                    cff_names(&table, &mut map);
                }
            }
            ProgramKind::Type1 => {}
        }
        map
    }

    /// For a simple font without a usable `/Encoding`: code → glyph id
    /// through the program's own byte cmaps, as PDF 32000 §9.6.6.4 asks for
    /// symbolic TrueType fonts ((3,0) at 0xF000+code, then (1,0)).
    pub(crate) fn simple_code_to_gid(&self, code: u8) -> Option<u16> {
        match self.kind {
            ProgramKind::TrueType | ProgramKind::OpenType => {
                let raw = RawFace::parse(&self.data, 0).ok()?;
                let table = raw.table(Tag::from_bytes(b"cmap")).and_then(cmap::Table::parse)?;
                let code = u32::from(code);
                let mut fallback = None;
                for i in 0..table.subtables.len() {
                    let Some(sub) = table.subtables.get(i) else {
                        continue;
                    };
                    let gid = match (sub.platform_id, sub.encoding_id) {
                        (PlatformId::Windows, 0) => [code, 0xF000 | code, 0xF100 | code, 0xF200 | code]
                            .into_iter()
                            .find_map(|c| sub.glyph_index(c)),
                        (PlatformId::Macintosh, 0) => sub.glyph_index(code),
                        _ => None,
                    };
                    if let Some(GlyphId(g)) = gid
                        && g != 0
                    {
                        if sub.platform_id == PlatformId::Windows {
                            return Some(g);
                        }
                        fallback.get_or_insert(g);
                    }
                }
                fallback
            }
            ProgramKind::Cff => cff::Table::parse(&self.data)?.glyph_index(code).map(|g| g.0),
            ProgramKind::Type1 => None,
        }
    }

    /// Code → glyph name from the program's built-in encoding (Type 1
    /// `dup <code> /<name> put` entries, or the CFF encoding).
    pub(crate) fn builtin_glyph_name(&self, code: u8) -> Option<String> {
        match self.kind {
            ProgramKind::Type1 => type1_builtin_encoding(&self.data).remove(&code),
            ProgramKind::Cff => {
                let table = cff::Table::parse(&self.data)?;
                let gid = table.glyph_index(code)?;
                table.glyph_name(gid).map(str::to_string)
            }
            _ => None,
        }
    }

    /// Every code's built-in glyph name at once (Type 1 parses its header
    /// only once this way).
    pub(crate) fn builtin_glyph_names(&self) -> HashMap<u8, String> {
        match self.kind {
            ProgramKind::Type1 => type1_builtin_encoding(&self.data),
            _ => (0..=255u8)
                .filter_map(|c| Some((c, self.builtin_glyph_name(c)?)))
                .collect(),
        }
    }

    /// CID → glyph id for a CID-keyed CFF (its charset maps glyphs to CIDs).
    pub(crate) fn cff_cid_to_gid(&self) -> HashMap<u16, u16> {
        let mut out = HashMap::new();
        if let Some(table) = cff::Table::parse(&self.data) {
            for gid in 0..table.number_of_glyphs() {
                if let Some(cid) = table.glyph_cid(GlyphId(gid)) {
                    out.insert(cid, gid);
                }
            }
        }
        out
    }
}

fn cff_names(table: &cff::Table<'_>, map: &mut HashMap<u16, String>) {
    for gid in 0..table.number_of_glyphs() {
        if map.contains_key(&gid) {
            continue;
        }
        if let Some(text) = table.glyph_name(GlyphId(gid)).and_then(glyph_name_to_unicode) {
            map.insert(gid, text);
        }
    }
}

/// Parses `dup 65 /A put` entries of a Type 1 font's clear-text header.
fn type1_builtin_encoding(data: &[u8]) -> HashMap<u8, String> {
    let mut out = HashMap::new();
    // The clear-text part ends at `eexec`; PFB segment headers are binary
    // noise that the scan below simply skips.
    let end = find(data, b"eexec").unwrap_or(data.len().min(64 * 1024));
    let header = String::from_utf8_lossy(&data[..end]);
    if !header.contains("/Encoding") || header.contains("/Encoding StandardEncoding") {
        return out;
    }
    let mut words = header.split_ascii_whitespace().peekable();
    while let Some(w) = words.next() {
        if w != "dup" {
            continue;
        }
        let Some(code) = words.peek().and_then(|c| c.parse::<u8>().ok()) else {
            continue;
        };
        words.next();
        let Some(name) = words.peek().and_then(|n| n.strip_prefix('/')) else {
            continue;
        };
        out.insert(code, name.to_string());
        words.next();
    }
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type1_encoding_vector() {
        let header = b"%!PS-AdobeFont-1.0: Test\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\ndup 65 /A put\ndup 97 /uni4E2D put\nreadonly def\ncurrentfile eexec \x80\x01garbage";
        let p = Program {
            kind: ProgramKind::Type1,
            data: header.to_vec(),
        };
        let names = p.builtin_glyph_names();
        assert_eq!(names.get(&65).map(String::as_str), Some("A"));
        assert_eq!(names.get(&97).map(String::as_str), Some("uni4E2D"));
        assert_eq!(names.len(), 2);
    }

    #[test]
    fn garbage_programs_give_nothing() {
        for kind in [
            ProgramKind::TrueType,
            ProgramKind::Cff,
            ProgramKind::OpenType,
            ProgramKind::Type1,
        ] {
            let p = Program {
                kind,
                data: vec![0u8, 1, 0, 0, 0, 5, 0xff, 0xff, 1, 2, 3],
            };
            assert!(p.gid_unicode().is_empty());
            assert_eq!(p.simple_code_to_gid(65), None);
            assert!(p.cff_cid_to_gid().is_empty());
        }
    }
}
