//! Pages with no scan image to read (a text layer whose fonts carry no
//! Unicode, a scan in several strips, a JPEG 2000 scan, `--ocr always` on a
//! born-digital page) are rendered by poppler's `pdftoppm`, found at run
//! time like Tesseract. yusuan has no rasteriser of its own; without
//! `pdftoppm` such pages are left as they are, with a warning.

use std::path::Path;
use std::time::Duration;

use super::raster::Gray;
use super::tesseract::run;

/// `$YUSUAN_PDFTOPPM` if set, else `pdftoppm` on PATH.
fn program() -> std::path::PathBuf {
    std::env::var_os("YUSUAN_PDFTOPPM")
        .filter(|p| !p.is_empty())
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| "pdftoppm".into())
}

/// Renders page `number` of `pdf` in gray at `dpi` (the crop box, with
/// `/Rotate` applied: page space as yusuan uses it), under `memory` bytes of
/// data memory when given.
pub(crate) fn render_page(
    pdf: &Path,
    number: usize,
    dpi: u32,
    password: Option<&str>,
    out_dir: &Path,
    timeout: Duration,
    memory: Option<u64>,
) -> Result<Gray, String> {
    let prefix = out_dir.join(format!("render-{number}"));
    let prefix_s = prefix.to_str().ok_or("temporary path is not UTF-8")?;
    let pdf_s = pdf.to_str().ok_or("PDF path is not UTF-8")?;
    let n = number.to_string();
    let r = dpi.to_string();
    let mut args = vec!["-f", &n, "-l", &n, "-r", &r, "-gray", "-singlefile"];
    if let Some(pw) = password {
        args.extend(["-upw", pw]);
    }
    args.extend([pdf_s, prefix_s]);
    run(&program(), &args, timeout, memory).map_err(|e| format!("pdftoppm: {e}"))?;
    let path = prefix.with_extension("pgm");
    let bytes = std::fs::read(&path).map_err(|e| format!("pdftoppm output: {e}"))?;
    let _ = std::fs::remove_file(&path);
    parse_pgm(&bytes).ok_or_else(|| "pdftoppm output is not a PGM image".to_string())
}

/// A binary 8-bit PGM (P5).
pub(crate) fn parse_pgm(bytes: &[u8]) -> Option<Gray> {
    let mut fields = Vec::new();
    let mut i = 2;
    if !bytes.starts_with(b"P5") {
        return None;
    }
    while fields.len() < 3 {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes.get(i) == Some(&b'#') {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let v: usize = std::str::from_utf8(bytes.get(start..i)?).ok()?.parse().ok()?;
        fields.push(v);
    }
    let (w, h, max) = (fields[0], fields[1], fields[2]);
    if max != 255 || w == 0 || h == 0 {
        return None;
    }
    let px = bytes.get(i + 1..i + 1 + w.checked_mul(h)?)?.to_vec();
    Some(Gray { w, h, px })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pgm_round_trip() {
        let g = Gray {
            w: 3,
            h: 2,
            px: vec![0, 1, 2, 3, 4, 255],
        };
        assert_eq!(parse_pgm(&g.to_pgm()), Some(g));
        assert_eq!(
            parse_pgm(b"P5\n# c\n2 1\n255\n\x00\x01"),
            Some(Gray {
                w: 2,
                h: 1,
                px: vec![0, 1]
            })
        );
        assert_eq!(parse_pgm(b"P5\n2 2\n255\n\x00"), None);
        assert_eq!(parse_pgm(b"P6\n1 1\n255\n\x00\x00\x00"), None);
    }
}
