//! Small, total helpers over `lopdf` objects: every lookup that can fail on a
//! damaged file returns `Option`, references are followed with a bound, and
//! stream data is decompressed with a size limit.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

/// References followed in a chain before giving up (`1 0 R` → `2 0 R` → …);
/// hostile files build reference cycles.
const MAX_DEREF: usize = 32;

/// Follows references until a direct object. `None` for a dangling
/// reference or a cycle.
pub(crate) fn resolve<'a>(doc: &'a Document, mut obj: &'a Object) -> Option<&'a Object> {
    for _ in 0..MAX_DEREF {
        match obj {
            Object::Reference(id) => obj = doc.get_object(*id).ok()?,
            other => return Some(other),
        }
    }
    None
}

/// The object id a value refers to, if it is a reference.
pub(crate) fn ref_id(obj: &Object) -> Option<ObjectId> {
    match obj {
        Object::Reference(id) => Some(*id),
        _ => None,
    }
}

/// `dict[key]`, references followed.
pub(crate) fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    resolve(doc, dict.get(key).ok()?)
}

pub(crate) fn get_dict<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    as_dict(get(doc, dict, key)?)
}

pub(crate) fn get_name<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    match get(doc, dict, key)? {
        Object::Name(n) => Some(n.as_slice()),
        _ => None,
    }
}

pub(crate) fn get_number(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<f64> {
    number(get(doc, dict, key)?)
}

pub(crate) fn get_array<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [Object]> {
    match get(doc, dict, key)? {
        Object::Array(a) => Some(a.as_slice()),
        _ => None,
    }
}

/// The dictionary of a dictionary or of a stream.
pub(crate) fn as_dict(obj: &Object) -> Option<&Dictionary> {
    match obj {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

pub(crate) fn number(obj: &Object) -> Option<f64> {
    let v = match obj {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => f64::from(*r),
        _ => return None,
    };
    v.is_finite().then_some(v)
}

/// Numbers of an array (references followed); non-numbers become `None`.
pub(crate) fn numbers(doc: &Document, arr: &[Object]) -> Vec<Option<f64>> {
    arr.iter().map(|o| resolve(doc, o).and_then(number)).collect()
}

/// A text string (PDFDocEncoding or UTF-16 with BOM) as Rust text.
pub(crate) fn text_string(obj: &Object) -> Option<String> {
    match obj {
        Object::String(bytes, _) => Some(decode_text_string(bytes)),
        _ => None,
    }
}

/// Decodes a PDF text string: UTF-16BE/LE with BOM, UTF-8 with BOM, else
/// PDFDocEncoding (Latin-1 is close enough for metadata). Some Chinese
/// producers write GBK bytes without a BOM; if the bytes are not valid
/// Latin-1 text but are valid GB18030, that reading is used.
pub(crate) fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let (s, _) = encoding_rs::UTF_16BE.decode_without_bom_handling(rest);
        return s.trim_end_matches('\0').to_string();
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let (s, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(rest);
        return s.trim_end_matches('\0').to_string();
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    if bytes.iter().all(|b| b.is_ascii()) {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    let (gb, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if !had_errors {
        return gb.into_owned();
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// A stream's data, decompressed, at most `limit` bytes. Unknown or broken
/// filters fall back to the raw bytes only when the stream has no filter.
pub(crate) fn stream_data(stream: &Stream, limit: usize) -> Result<Vec<u8>, String> {
    if stream.dict.get(b"Filter").is_err() {
        if stream.content.len() > limit {
            return Err(format!("stream larger than {limit} bytes"));
        }
        return Ok(stream.content.clone());
    }
    stream
        .decompressed_content_with_limit(limit)
        .map_err(|e| super::error::describe(&e))
}

/// The stream an object is or refers to.
pub(crate) fn as_stream<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Stream> {
    match resolve(doc, obj)? {
        Object::Stream(s) => Some(s),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_strings_in_every_encoding() {
        assert_eq!(decode_text_string(b"\xFE\xFF\x4E\x2D\x65\x87"), "中文");
        assert_eq!(decode_text_string(b"\xFF\xFE\x2D\x4E"), "中");
        assert_eq!(decode_text_string(b"WPS Office"), "WPS Office");
        assert_eq!(decode_text_string("预算".as_bytes()), "预算");
        // GBK bytes without a BOM, as some Chinese producers write them.
        assert_eq!(decode_text_string(&[0xD4, 0xA4, 0xCB, 0xE3]), "预算");
    }

    #[test]
    fn reference_cycles_end() {
        let mut doc = Document::new();
        doc.objects.insert((1, 0), Object::Reference((2, 0)));
        doc.objects.insert((2, 0), Object::Reference((1, 0)));
        assert!(resolve(&doc, &Object::Reference((1, 0))).is_none());
        assert!(resolve(&doc, &Object::Reference((9, 0))).is_none());
    }
}
