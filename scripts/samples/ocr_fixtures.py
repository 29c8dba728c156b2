"""Small bilevel scans for the OCR decoders: a ruled two-row table
(科目 | 金额) drawn at 300 dpi in 1 bit, stored as
- CCITT Group 4 (img2pdf passes a G4 TIFF through as /CCITTFaxDecode), and
- JBIG2 (a generic region coded with MMR, which is Group 4 inside JBIG2:
  no JBIG2 encoder is packaged for Debian, so the segments are written
  here by hand, T.88 §7).
Writes tests/fixtures/ocr/{ccitt_g4,jbig2_mmr}.pdf. Run from the repo root:
    python3 scripts/samples/ocr_fixtures.py
"""
import io
import struct

import img2pdf
from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
OUT = "tests/fixtures/ocr"
ROWS = [("科目名称", "金额"), ("一般公共服务支出", "2,934.45"), ("社会保障和就业支出", "1,948.61")]


def table_image():
    dpi = 300
    w, h = int(5.5 * dpi), int(1.6 * dpi)
    img = Image.new("1", (w, h), 1)
    d = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, int(11 / 72 * dpi))
    x0, x1, xm = 60, w - 60, int(w * 0.62)
    row_h = int(0.4 * dpi)
    ys = [60 + i * row_h for i in range(len(ROWS) + 1)]
    for y in ys:
        d.line([(x0, y), (x1, y)], fill=0, width=4)
    for x in (x0, xm, x1):
        d.line([(x, ys[0]), (x, ys[-1])], fill=0, width=4)
    for i, (name, amount) in enumerate(ROWS):
        top = ys[i] + row_h // 4
        d.text((x0 + 25, top), name, font=font, fill=0)
        tw = d.textlength(amount, font=font)
        d.text((x1 - 25 - tw, top), amount, font=font, fill=0)
    return img, dpi


def g4_tiff(img, dpi):
    buf = io.BytesIO()
    # One strip (RowsPerStrip = height): one Group 4 stream for the page.
    img.save(buf, format="TIFF", compression="group4", dpi=(dpi, dpi), tiffinfo={278: img.size[1]})
    return buf.getvalue()


def g4_strip(tiff):
    """The Group 4 data of a single-strip TIFF."""
    im = Image.open(io.BytesIO(tiff))
    offsets = im.tag_v2[273]
    counts = im.tag_v2[279]
    assert len(offsets) == 1
    return tiff[offsets[0] : offsets[0] + counts[0]]


def segment(number, kind, data, page=1):
    # number, flags (type; 1-byte page association), no referred segments,
    # page, data length.
    return struct.pack(">IBBBI", number, kind, 0, page, len(data)) + data


def jbig2_stream(img, dpi):
    # Group 4 from a Pillow bilevel TIFF codes paper as its "black" runs;
    # JBIG2 ink is 1: code the negative.
    img = img.convert("L").point(lambda p: 255 - p).convert("1", dither=Image.Dither.NONE)
    w, h = img.size
    ppm = round(dpi / 0.0254)
    page_info = struct.pack(">IIIIBH", w, h, ppm, ppm, 0, 0)
    region = struct.pack(">IIIIB", w, h, 0, 0, 0) + bytes([0x01])  # MMR
    region += g4_strip(g4_tiff(img, dpi))
    return segment(0, 48, page_info) + segment(1, 38, region)


def write_pdf(path, stream, w, h, dpi, filt, parms):
    width_pt, height_pt = w * 72 / dpi, h * 72 / dpi
    content = f"q {width_pt:.2f} 0 0 {height_pt:.2f} 0 0 cm /Im0 Do Q".encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width_pt:.2f} {height_pt:.2f}] "
        f"/Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>".encode(),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        f"<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceGray "
        f"/BitsPerComponent 1 /Filter /{filt} {parms} /Length {len(stream)} >>\nstream\n".encode()
        + stream
        + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    open(path, "wb").write(out)


def main():
    img, dpi = table_image()
    with open(f"{OUT}/ccitt_g4.pdf", "wb") as f:
        f.write(img2pdf.convert(g4_tiff(img, dpi)))
    w, h = img.size
    write_pdf(f"{OUT}/jbig2_mmr.pdf", jbig2_stream(img, dpi), w, h, dpi, "JBIG2Decode", "")


if __name__ == "__main__":
    main()
