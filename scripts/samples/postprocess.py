"""PDF post-processing with pikepdf."""

import pikepdf


def rotate_page_keep_upright(path, page_no):
    """Give page `page_no` (1-based) /Rotate 90 while it still displays upright:
    its content is drawn rotated the opposite way (a `cm` prefix) and its
    MediaBox is swapped to landscape."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        page = pdf.pages[page_no - 1]
        x0, y0, x1, y1 = [float(v) for v in page.obj.MediaBox]
        assert (x0, y0) == (0.0, 0.0), page.obj.MediaBox
        w, h = x1, y1
        for box in ("/CropBox", "/TrimBox", "/BleedBox", "/ArtBox"):
            if box in page.obj:
                del page.obj[box]
        # (u, v) on the portrait page -> (h - v, u) in the landscape MediaBox; the
        # viewer's 90° clockwise /Rotate maps that back to (u, v).
        page.contents_add(pikepdf.Stream(pdf, f"q 0 1 -1 0 {h:.4f} 0 cm\n".encode()), prepend=True)
        page.contents_add(pikepdf.Stream(pdf, b"\nQ\n"), prepend=False)
        page.obj.MediaBox = pikepdf.Array([0, 0, h, w])
        page.obj.Rotate = 90
        pdf.save(path, deterministic_id=True)
