"""Samples 4 and 5: image-only "scans" of single table pages of sample 1."""

import io
import os
import random
import subprocess
import tempfile

import img2pdf
import pikepdf
from PIL import Image, ImageFilter


def _render_gray(pdf, page, dpi):
    with tempfile.TemporaryDirectory(prefix="yusuan_scan_") as tmp:
        base = os.path.join(tmp, "p")
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", str(page), "-l", str(page),
                        "-singlefile", pdf, base], check=True)
        return Image.open(base + ".png").convert("L").copy()


def _scanify(img, angle, seed, dpi):
    rng = random.Random(seed)
    # paper tone and ink that is not quite black
    img = img.point(lambda v: int(24 + v * (250 - 24) / 255))
    img = img.filter(ImageFilter.GaussianBlur(0.45 * dpi / 200))
    # sparse specks and a few short scratches (dust on the glass)
    px = img.load()
    w, h = img.size
    for _ in range(int(w * h * 0.0012)):
        x, y = rng.randrange(w), rng.randrange(h)
        px[x, y] = rng.randrange(90, 200)
    for _ in range(60):
        x, y = rng.randrange(w), rng.randrange(h)
        r = rng.choice((1, 1, 2))
        v = rng.randrange(60, 160)
        for dx in range(-r, r + 1):
            for dy in range(-r, r + 1):
                if 0 <= x + dx < w and 0 <= y + dy < h and dx * dx + dy * dy <= r * r:
                    px[x + dx, y + dy] = v
    # slightly darker band along the left edge (book gutter / lid shadow)
    band = int(w * 0.012)
    for x in range(band):
        f = 0.80 + 0.20 * x / band
        for y in range(h):
            px[x, y] = int(px[x, y] * f)
    img = img.rotate(angle, resample=Image.BICUBIC, fillcolor=250, expand=False)
    return img


def scan_png(src_pdf, page, out_pdf, dpi=200, angle=0.8, seed=20200101):
    img = _scanify(_render_gray(src_pdf, page, dpi), angle, seed, dpi)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True, dpi=(dpi, dpi))
    _write(img2pdf.convert(buf.getvalue(), nodate=True), out_pdf)


def scan_jpeg(src_pdf, page, out_pdf, dpi=150, angle=-0.5, seed=20200102, quality=72):
    img = _scanify(_render_gray(src_pdf, page, dpi), angle, seed, dpi)
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=quality, dpi=(dpi, dpi), optimize=True)
    _write(img2pdf.convert(buf.getvalue(), nodate=True), out_pdf)


def _write(data, out_pdf):
    """save with a deterministic /ID so reruns give identical bytes (img2pdf's
    own random /ID is dropped first: qpdf would keep its first half)"""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if "/ID" in pdf.trailer:
            del pdf.trailer.ID
        pdf.save(out_pdf, deterministic_id=True)
