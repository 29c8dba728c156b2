//! CMaps: splitting a string into character codes, code → CID, and the
//! Unicode fallbacks of the predefined CJK CMaps.
//!
//! Parsing and the predefined CMap data (all Adobe CJK CMaps, the
//! `Adobe-*-UCS2` CID → Unicode maps) come from `hayro-cmap`; this module
//! adds what a text extractor needs around it:
//!
//! - code splitting: `hayro-cmap` looks codes up by byte length, so a string
//!   is split by trying 1, 2, 3 and 4 bytes in turn, as viewers do;
//! - for the Unicode-based predefined CMaps (`UniGB-UCS2-H`, `UniGB-UTF16-H`,
//!   …) the code *is* UTF-16, so text comes straight from the bytes;
//! - for the legacy ones (`GBK-EUC-H`, `GB-EUC-H`, `GBpc-EUC-H`, `GBK2K-H`,
//!   `B5pc-H`, `ETen-B5-H` …) the bytes are GBK/GB18030/Big5 and
//!   `encoding_rs` decodes them — exact, and no hand-made tables;
//! - a cache, because the embedded CMaps are brotli-compressed and parsing
//!   one costs milliseconds.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use hayro_cmap::{BfString, CMap, CMapName, CidFamily};

/// A parsed CMap shared between fonts and threads.
pub(crate) type SharedCMap = Arc<CMap>;

fn embedded(name: CMapName<'_>) -> Option<&'static [u8]> {
    hayro_cmap::load_embedded(name)
}

/// The predefined CMap of this name (e.g. `GBK-EUC-H`), parsed once per
/// process.
pub(crate) fn predefined(name: &[u8]) -> Option<SharedCMap> {
    static CACHE: OnceLock<Mutex<HashMap<Vec<u8>, Option<SharedCMap>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Ok(guard) = cache.lock()
        && let Some(hit) = guard.get(name)
    {
        return hit.clone();
    }
    let parsed = match CMapName::from_bytes(name) {
        CMapName::IdentityH => Some(Arc::new(CMap::identity_h())),
        CMapName::IdentityV => Some(Arc::new(CMap::identity_v())),
        CMapName::Custom(_) => None,
        known => embedded(known)
            .and_then(|data| CMap::parse(data, embedded))
            .map(Arc::new),
    };
    if let Ok(mut guard) = cache.lock() {
        guard.insert(name.to_vec(), parsed.clone());
    }
    parsed
}

/// Parses a CMap program embedded in the file (an `/Encoding` stream or a
/// `/ToUnicode` stream). `usecmap` of a predefined CMap is resolved.
pub(crate) fn parse_program(data: &[u8]) -> Option<CMap> {
    CMap::parse(data, embedded)
}

/// CID → Unicode for the Adobe character collections (Adobe-GB1 etc.),
/// from the `Adobe-*-UCS2` CMaps.
pub(crate) fn collection_unicode(family: &CidFamily, cid: u32) -> Option<String> {
    static CACHE: OnceLock<Mutex<HashMap<&'static str, Option<SharedCMap>>>> = OnceLock::new();
    let (key, name) = match family {
        CidFamily::AdobeGB1 => ("GB1", CMapName::AdobeGb1Ucs2),
        CidFamily::AdobeCNS1 => ("CNS1", CMapName::AdobeCns1Ucs2),
        CidFamily::AdobeJapan1 => ("Japan1", CMapName::AdobeJapan1Ucs2),
        CidFamily::AdobeKorea1 => ("Korea1", CMapName::AdobeKorea1Ucs2),
        _ => return None,
    };
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let cmap = {
        let mut guard = cache.lock().ok()?;
        guard
            .entry(key)
            .or_insert_with(|| {
                embedded(name)
                    .and_then(|d| CMap::parse(d, embedded))
                    .map(Arc::new)
            })
            .clone()?
    };
    bf_to_string(cmap.lookup_bf_string(cid)?)
}

/// The text of a `bfchar`/`bfrange` destination, or `None` where it carries
/// nothing usable (empty, NUL, U+FFFD).
pub(crate) fn bf_to_string(bf: BfString) -> Option<String> {
    let s = match bf {
        BfString::Char(c) => String::from(c),
        BfString::String(s) => s,
    };
    let useless = s.is_empty() || s.chars().all(|c| c == '\0' || c == '\u{FFFD}');
    (!useless).then_some(s)
}

/// Splits the next character code off `bytes` using the CMap's code ranges:
/// the shortest prefix (1 to 4 bytes) that maps to a CID wins. Returns the
/// code, its byte length and its CID (0 = `.notdef` when nothing maps).
pub(crate) fn next_code(cmap: &CMap, bytes: &[u8]) -> (u32, usize, u32) {
    let mut code = 0u32;
    for len in 1..=bytes.len().min(4) {
        code = (code << 8) | u32::from(bytes[len - 1]);
        if let Some(cid) = cmap.lookup_cid_code(code, len as u8) {
            return (code, len, cid);
        }
    }
    // Nothing mapped: consume two bytes (the common CJK width), or what is left.
    let len = bytes.len().min(2);
    let code = bytes[..len]
        .iter()
        .fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
    (code, len, 0)
}

/// How the bytes of a predefined CMap's codes relate to Unicode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ByteCharset {
    /// `Uni*-UCS2-*` / `Uni*-UTF16-*`: codes are UTF-16BE.
    Utf16,
    /// GB 2312 / GBK / GB 18030 byte sequences (GB18030 decodes all of them).
    Gb18030,
    /// Big Five byte sequences.
    Big5,
    /// Shift-JIS byte sequences.
    ShiftJis,
    /// EUC-JP byte sequences.
    EucJp,
    /// EUC-KR / UHC byte sequences.
    EucKr,
}

impl ByteCharset {
    /// The charset of a predefined CMap name, if its bytes have one.
    pub(crate) fn of_cmap_name(name: &[u8]) -> Option<ByteCharset> {
        let name = std::str::from_utf8(name).ok()?;
        if name.starts_with("Uni") && (name.contains("-UCS2") || name.contains("-UTF16")) {
            return Some(ByteCharset::Utf16);
        }
        if name.starts_with("GB") {
            return Some(ByteCharset::Gb18030);
        }
        if name.starts_with("B5") || name.starts_with("ETen") || name.starts_with("HKscs") {
            return Some(ByteCharset::Big5);
        }
        if name.contains("RKSJ") {
            return Some(ByteCharset::ShiftJis);
        }
        if name.starts_with("EUC-") {
            return Some(ByteCharset::EucJp);
        }
        if name.starts_with("KSC") {
            return Some(ByteCharset::EucKr);
        }
        None
    }

    /// Decodes one character code's bytes. Single bytes below 0x80 are ASCII
    /// in every legacy CJK encoding.
    pub(crate) fn decode(self, bytes: &[u8]) -> Option<String> {
        if self == ByteCharset::Utf16 {
            if !bytes.len().is_multiple_of(2) {
                return None;
            }
            let units = bytes.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]]));
            let s: String = char::decode_utf16(units).collect::<Result<_, _>>().ok()?;
            return (!s.is_empty()).then_some(s);
        }
        if let [b] = bytes
            && *b < 0x80
        {
            return Some(char::from(*b).to_string());
        }
        let enc = match self {
            ByteCharset::Gb18030 => encoding_rs::GB18030,
            ByteCharset::Big5 => encoding_rs::BIG5,
            ByteCharset::ShiftJis => encoding_rs::SHIFT_JIS,
            ByteCharset::EucJp => encoding_rs::EUC_JP,
            ByteCharset::EucKr => encoding_rs::EUC_KR,
            ByteCharset::Utf16 => return None,
        };
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        (!had_errors && !text.is_empty()).then(|| text.into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_euc_h_splits_ascii_and_double_bytes() {
        let cmap = predefined(b"GBK-EUC-H").expect("GBK-EUC-H is embedded");
        // "1中" in GBK: 0x31, 0xD6 0xD0.
        let bytes = [0x31u8, 0xD6, 0xD0];
        let (code, len, cid) = next_code(&cmap, &bytes);
        assert_eq!((code, len), (0x31, 1));
        assert_ne!(cid, 0);
        let (code, len, cid) = next_code(&cmap, &bytes[1..]);
        assert_eq!((code, len), (0xD6D0, 2));
        assert_ne!(cid, 0);
        assert_eq!(ByteCharset::Gb18030.decode(&bytes[1..3]).as_deref(), Some("中"));
    }

    #[test]
    fn unigb_ucs2_is_utf16() {
        let cmap = predefined(b"UniGB-UCS2-H").expect("UniGB-UCS2-H is embedded");
        let (code, len, cid) = next_code(&cmap, &[0x4E, 0x2D]);
        assert_eq!((code, len), (0x4E2D, 2));
        assert_ne!(cid, 0);
        assert_eq!(ByteCharset::Utf16.decode(&[0x4E, 0x2D]).as_deref(), Some("中"));
        // The CID maps back to the same character through Adobe-GB1-UCS2.
        assert_eq!(
            collection_unicode(&CidFamily::AdobeGB1, cid).as_deref(),
            Some("中")
        );
    }

    #[test]
    fn big5_and_charset_names() {
        assert_eq!(ByteCharset::of_cmap_name(b"ETen-B5-H"), Some(ByteCharset::Big5));
        assert_eq!(
            ByteCharset::of_cmap_name(b"UniCNS-UTF16-H"),
            Some(ByteCharset::Utf16)
        );
        assert_eq!(
            ByteCharset::of_cmap_name(b"GBpc-EUC-H"),
            Some(ByteCharset::Gb18030)
        );
        assert_eq!(ByteCharset::of_cmap_name(b"Identity-H"), None);
        // 中 in Big5 is A4 A4.
        assert_eq!(ByteCharset::Big5.decode(&[0xA4, 0xA4]).as_deref(), Some("中"));
    }

    #[test]
    fn tounicode_bfrange_carries_across_the_code_unit() {
        // <00FF> <0101> <4EFF>: codes 0x100 and 0x101 must be 4F00 and 4F01,
        // not 4E00/4E01 as a last-byte-only increment would give.
        let program = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
1 beginbfrange <00FF> <0101> <4EFF> endbfrange
1 beginbfchar <0005> <D840DC00> endbfchar
1 beginbfrange <0010> <0011> [<0066006C> <0041>] endbfrange
endcmap end end";
        let cmap = parse_program(program).expect("parses");
        let get = |c| cmap.lookup_bf_string(c).and_then(bf_to_string);
        assert_eq!(get(0x00FF).as_deref(), Some("\u{4EFF}"));
        assert_eq!(get(0x0100).as_deref(), Some("\u{4F00}"));
        assert_eq!(get(0x0101).as_deref(), Some("\u{4F01}"));
        // Surrogate pair → one supplementary character.
        assert_eq!(get(0x0005).as_deref(), Some("\u{20000}"));
        // Array form, including a ligature mapping to two characters.
        assert_eq!(get(0x0010).as_deref(), Some("fl"));
        assert_eq!(get(0x0011).as_deref(), Some("A"));
    }
}
