//! Content-stream tokenizer: bytes → operators with their operands.
//!
//! We do not use `lopdf::content::Content::decode` for page content: it
//! allocates a `String` per operator and a full `lopdf::Object` per operand,
//! and it silently stops at the first token it cannot parse, dropping the rest
//! of the page. Real disclosure PDFs (WPS, old Distiller) contain stray bytes
//! mid-stream; a viewer skips them and so do we. This lexer borrows from the
//! decompressed stream, never recurses deeper than [`MAX_NESTING`], and on a
//! malformed token skips one byte and goes on.

use std::borrow::Cow;

/// Deepest array/dictionary nesting accepted inside a content stream. Real
/// streams nest at most 2 (a `TJ` array, a `BDC` property dict); hostile ones
/// nest 10 000 deep to blow the stack.
const MAX_NESTING: usize = 32;

/// Most operands kept for one operator; the rest are dropped. A `TJ` array
/// counts as one operand, so this only bites on garbage.
const MAX_OPERANDS: usize = 64;

/// One operand of a content-stream operator.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Operand<'a> {
    Number(f64),
    Name(&'a [u8]),
    String(Cow<'a, [u8]>),
    Array(Vec<Operand<'a>>),
    Dict(Vec<(&'a [u8], Operand<'a>)>),
    Bool(bool),
    Null,
}

impl<'a> Operand<'a> {
    pub(crate) fn as_f64(&self) -> Option<f64> {
        match self {
            Operand::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub(crate) fn as_name(&self) -> Option<&'a [u8]> {
        match self {
            Operand::Name(n) => Some(n),
            _ => None,
        }
    }
}

/// An inline image (`BI … ID … EI`): its dictionary and raw data.
#[derive(Debug, Clone)]
pub(crate) struct InlineImage<'a> {
    pub dict: Vec<(&'a [u8], Operand<'a>)>,
    pub data: &'a [u8],
}

/// What the lexer yields.
#[derive(Debug)]
pub(crate) enum Token<'a> {
    /// An operator; its operands are in the vector passed to [`Lexer::next`].
    Op(&'a [u8]),
    InlineImage(InlineImage<'a>),
}

pub(crate) struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
}

#[inline]
fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

#[inline]
fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

#[inline]
fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delim(b)
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(data: &'a [u8]) -> Self {
        Lexer { data, pos: 0 }
    }

    /// Byte offset reached so far (for diagnostics).
    #[cfg(test)]
    pub(crate) fn position(&self) -> usize {
        self.pos
    }

    /// Reads the next operator, collecting its operands into `operands`
    /// (cleared first). Returns `None` at the end of the stream.
    pub(crate) fn next(&mut self, operands: &mut Vec<Operand<'a>>) -> Option<Token<'a>> {
        operands.clear();
        loop {
            self.skip_white_and_comments();
            let &b = self.data.get(self.pos)?;
            if is_regular(b) && !(b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.')) {
                let word = self.read_regular();
                match word {
                    b"true" => push_operand(operands, Operand::Bool(true)),
                    b"false" => push_operand(operands, Operand::Bool(false)),
                    b"null" => push_operand(operands, Operand::Null),
                    b"BI" => {
                        if let Some(image) = self.read_inline_image() {
                            return Some(Token::InlineImage(image));
                        }
                        operands.clear();
                    }
                    _ => return Some(Token::Op(word)),
                }
                continue;
            }
            let start = self.pos;
            match self.read_object(0) {
                Some(obj) => push_operand(operands, obj),
                // Unparseable byte (stray `)`, `>`, `}` …): skip it.
                None if self.pos == start => self.pos += 1,
                None => {}
            }
        }
    }

    fn skip_white_and_comments(&mut self) {
        while let Some(&b) = self.data.get(self.pos) {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(&c) = self.data.get(self.pos) {
                    if c == b'\r' || c == b'\n' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn read_regular(&mut self) -> &'a [u8] {
        let start = self.pos;
        while let Some(&b) = self.data.get(self.pos) {
            if !is_regular(b) {
                break;
            }
            self.pos += 1;
        }
        &self.data[start..self.pos]
    }

    /// Parses one object at the current position. `None` means the byte here
    /// starts no object (the caller skips it).
    fn read_object(&mut self, depth: usize) -> Option<Operand<'a>> {
        let &b = self.data.get(self.pos)?;
        match b {
            b'/' => {
                self.pos += 1;
                let name = self.read_regular();
                Some(Operand::Name(name))
            }
            b'(' => Some(Operand::String(self.read_literal_string())),
            b'<' => {
                if self.data.get(self.pos + 1) == Some(&b'<') {
                    self.pos += 2;
                    self.read_dict(depth).map(Operand::Dict)
                } else {
                    Some(Operand::String(Cow::Owned(self.read_hex_string())))
                }
            }
            b'[' => {
                self.pos += 1;
                self.read_array(depth).map(Operand::Array)
            }
            b'0'..=b'9' | b'+' | b'-' | b'.' => {
                let word = self.read_regular();
                Some(Operand::Number(parse_number(word)))
            }
            _ if is_regular(b) => {
                let word = self.read_regular();
                match word {
                    b"true" => Some(Operand::Bool(true)),
                    b"false" => Some(Operand::Bool(false)),
                    _ => Some(Operand::Null),
                }
            }
            _ => None,
        }
    }

    fn read_array(&mut self, depth: usize) -> Option<Vec<Operand<'a>>> {
        if depth >= MAX_NESTING {
            self.skip_balanced(b'[', b']');
            return None;
        }
        let mut items = Vec::new();
        loop {
            self.skip_white_and_comments();
            let &b = self.data.get(self.pos)?;
            if b == b']' {
                self.pos += 1;
                return Some(items);
            }
            let start = self.pos;
            match self.read_object(depth + 1) {
                Some(obj) => items.push(obj),
                None if self.pos == start => self.pos += 1,
                None => {}
            }
        }
    }

    fn read_dict(&mut self, depth: usize) -> Option<Vec<(&'a [u8], Operand<'a>)>> {
        if depth >= MAX_NESTING {
            self.skip_balanced(b'<', b'>');
            return None;
        }
        let mut items = Vec::new();
        loop {
            self.skip_white_and_comments();
            let &b = self.data.get(self.pos)?;
            if b == b'>' {
                self.pos += 1;
                if self.data.get(self.pos) == Some(&b'>') {
                    self.pos += 1;
                }
                return Some(items);
            }
            if b != b'/' {
                // Not a key: skip this object or byte.
                let start = self.pos;
                if self.read_object(depth + 1).is_none() && self.pos == start {
                    self.pos += 1;
                }
                continue;
            }
            self.pos += 1;
            let key = self.read_regular();
            self.skip_white_and_comments();
            if self.data.get(self.pos) == Some(&b'>') {
                items.push((key, Operand::Null));
                continue;
            }
            let start = self.pos;
            match self.read_object(depth + 1) {
                Some(value) => items.push((key, value)),
                None if self.pos == start => self.pos += 1,
                None => {}
            }
        }
    }

    /// Skips to the matching close byte without building anything; used past
    /// the nesting limit so a 10 000-deep array costs a linear scan only.
    fn skip_balanced(&mut self, open: u8, close: u8) {
        let mut level = 0usize;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            if b == open {
                level += 1;
            } else if b == close {
                if level <= 1 {
                    return;
                }
                level -= 1;
            }
        }
    }

    fn read_literal_string(&mut self) -> Cow<'a, [u8]> {
        // Position is at '('.
        self.pos += 1;
        let start = self.pos;
        // Fast path: no escapes and balanced parentheses → borrow.
        let mut level = 1usize;
        let mut i = self.pos;
        let mut simple = true;
        while let Some(&b) = self.data.get(i) {
            match b {
                b'\\' => {
                    simple = false;
                    break;
                }
                b'\r' => {
                    simple = false;
                    break;
                }
                b'(' => level += 1,
                b')' => {
                    level -= 1;
                    if level == 0 {
                        self.pos = i + 1;
                        return Cow::Borrowed(&self.data[start..i]);
                    }
                }
                _ => {}
            }
            i += 1;
        }
        if simple {
            // Unterminated string: take the rest.
            self.pos = self.data.len();
            return Cow::Borrowed(&self.data[start..]);
        }
        let mut out = Vec::new();
        let mut level = 1usize;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            match b {
                b'(' => {
                    level += 1;
                    out.push(b);
                }
                b')' => {
                    level -= 1;
                    if level == 0 {
                        return Cow::Owned(out);
                    }
                    out.push(b);
                }
                b'\r' => {
                    // An end-of-line in a string is read as \n.
                    if self.data.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                    }
                    out.push(b'\n');
                }
                b'\\' => {
                    let Some(&e) = self.data.get(self.pos) else {
                        break;
                    };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(0x08),
                        b'f' => out.push(0x0c),
                        b'\r' => {
                            if self.data.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.data.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(b),
            }
        }
        Cow::Owned(out)
    }

    fn read_hex_string(&mut self) -> Vec<u8> {
        // Position is at '<'.
        self.pos += 1;
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            let v = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                b'>' => break,
                _ => continue,
            };
            match high.take() {
                None => high = Some(v),
                Some(h) => out.push((h << 4) | v),
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        out
    }

    /// After `BI`: dictionary entries up to `ID`, then the data up to `EI`.
    fn read_inline_image(&mut self) -> Option<InlineImage<'a>> {
        let mut dict = Vec::new();
        loop {
            self.skip_white_and_comments();
            let &b = self.data.get(self.pos)?;
            if b == b'/' {
                self.pos += 1;
                let key = self.read_regular();
                self.skip_white_and_comments();
                let value = self.read_object(1).unwrap_or(Operand::Null);
                dict.push((key, value));
                continue;
            }
            if is_regular(b) {
                let word = self.read_regular();
                if word == b"ID" {
                    break;
                }
                continue;
            }
            let start = self.pos;
            if self.read_object(1).is_none() && self.pos == start {
                self.pos += 1;
            }
        }
        // One white-space byte separates ID from the data.
        if self.data.get(self.pos).is_some_and(|&b| is_white(b)) {
            self.pos += 1;
        }
        let start = self.pos;
        let rest = self.data.get(start..)?;
        // The data ends at white space + "EI" + (white space | end).
        let mut i = 0;
        let end = loop {
            let Some(window) = rest.get(i..i + 3) else {
                break rest.len();
            };
            if is_white(window[0])
                && window[1] == b'E'
                && window[2] == b'I'
                && rest.get(i + 3).is_none_or(|&c| is_white(c))
            {
                break i;
            }
            i += 1;
        };
        self.pos = (start + end + 3).min(self.data.len());
        Some(InlineImage {
            dict,
            data: &rest[..end],
        })
    }
}

fn push_operand<'a>(operands: &mut Vec<Operand<'a>>, op: Operand<'a>) {
    if operands.len() < MAX_OPERANDS {
        operands.push(op);
    }
}

/// Parses a PDF number leniently (`--5`, `5.`, `.5`, `1.2.3` all give
/// something finite); garbage is 0 like in most viewers.
pub(crate) fn parse_number(word: &[u8]) -> f64 {
    let mut neg = false;
    let mut i = 0;
    while let Some(&b) = word.get(i) {
        match b {
            b'-' => neg = !neg,
            b'+' => {}
            _ => break,
        }
        i += 1;
    }
    let mut int: f64 = 0.0;
    let mut frac: f64 = 0.0;
    let mut scale = 1.0;
    let mut seen_dot = false;
    for &b in &word[i..] {
        match b {
            b'0'..=b'9' => {
                if seen_dot {
                    scale /= 10.0;
                    frac += f64::from(b - b'0') * scale;
                } else {
                    int = int * 10.0 + f64::from(b - b'0');
                }
            }
            b'.' if !seen_dot => seen_dot = true,
            _ => break,
        }
    }
    let v = int + frac;
    let v = if neg { -v } else { v };
    if v.is_finite() { v } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(data: &[u8]) -> Vec<(String, Vec<Operand<'_>>)> {
        let mut lx = Lexer::new(data);
        let mut out = Vec::new();
        let mut operands = Vec::new();
        while let Some(tok) = lx.next(&mut operands) {
            match tok {
                Token::Op(op) => out.push((String::from_utf8_lossy(op).into_owned(), operands.clone())),
                Token::InlineImage(img) => out.push((format!("BI:{}", img.data.len()), Vec::new())),
            }
        }
        out
    }

    #[test]
    fn basic_text_ops() {
        let got = ops(b"BT /F1 12 Tf 1 0 0 1 72.5 700 Tm (Hi\\)) Tj [(a) -120 (b)] TJ ET");
        let names: Vec<_> = got.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(names, ["BT", "Tf", "Tm", "Tj", "TJ", "ET"]);
        assert_eq!(got[1].1, vec![Operand::Name(b"F1"), Operand::Number(12.0)]);
        assert_eq!(got[3].1, vec![Operand::String(Cow::Owned(b"Hi)".to_vec()))]);
        match &got[4].1[0] {
            Operand::Array(items) => assert_eq!(items.len(), 3),
            other => panic!("expected array, got {other:?}"),
        }
    }

    #[test]
    fn hex_strings_and_odd_digit_count() {
        let got = ops(b"<4E2D 6587> Tj <123> Tj");
        assert_eq!(
            got[0].1,
            vec![Operand::String(Cow::Owned(vec![0x4e, 0x2d, 0x65, 0x87]))]
        );
        assert_eq!(got[1].1, vec![Operand::String(Cow::Owned(vec![0x12, 0x30]))]);
    }

    #[test]
    fn octal_escapes_and_nested_parens() {
        let got = ops(b"(a(b)c\\101\\7) Tj");
        assert_eq!(
            got[0].1,
            vec![Operand::String(Cow::Owned(b"a(b)cA\x07".to_vec()))]
        );
    }

    #[test]
    fn garbage_is_skipped_not_fatal() {
        let got = ops(b"q ) } > 1 0 0 1 0 0 cm Q");
        let names: Vec<_> = got.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(names, ["q", "cm", "Q"]);
        assert_eq!(got[1].1.len(), 6);
    }

    #[test]
    fn deep_nesting_does_not_recurse_unbounded() {
        let mut data = Vec::new();
        data.extend(std::iter::repeat_n(b'[', 10_000));
        data.extend(std::iter::repeat_n(b']', 10_000));
        data.extend_from_slice(b" TJ (x) Tj");
        let got = ops(&data);
        assert!(got.iter().any(|(o, _)| o == "Tj"));
    }

    #[test]
    fn inline_image_is_skipped_to_ei() {
        let got = ops(b"q BI /W 2 /H 1 /BPC 8 /CS /G ID \x00\x45 EI Q");
        let names: Vec<_> = got.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(names, ["q", "BI:2", "Q"]);
    }

    #[test]
    fn lenient_numbers() {
        assert_eq!(parse_number(b"-.5"), -0.5);
        assert_eq!(parse_number(b"--3"), 3.0);
        assert_eq!(parse_number(b"4."), 4.0);
        assert_eq!(parse_number(b"1.2.3"), 1.2);
        assert_eq!(parse_number(b"abc"), 0.0);
    }

    #[test]
    fn unterminated_things_end_cleanly() {
        for data in [&b"(abc"[..], b"<4E2D", b"[1 2", b"<< /A 1", b"BI /W 1 ID xx"] {
            let mut lx = Lexer::new(data);
            let mut operands = Vec::new();
            while lx.next(&mut operands).is_some() {}
            assert!(lx.position() <= data.len());
        }
    }
}
