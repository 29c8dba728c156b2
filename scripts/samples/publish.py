"""Stable output bytes.

A sample's bytes are its identity (`doc_id` is a hash of them, and the
checked-in output folder lists doc_ids), so a rerun must not change them
without a reason.  Two producers stamp every run differently:

* Chromium writes the time into /CreationDate and /ModDate and a random
  /ID: `fix_stamps` overwrites them in place (same byte length, so the
  cross-reference offsets stay valid) with a fixed date and an /ID hashed
  from the rest of the file — the output is then deterministic;
* LibreOffice also emits its font objects in an order that changes from run
  to run, which no in-place edit can undo.

So `publish` keeps an existing file when the new rendering is equivalent:
same page count, same text per page (pdftotext), same fonts (pdffonts
without object numbers) and identical page images at 40 dpi.  Anything a
reader or the tool could see is compared; only the stamps may differ.
"""

import hashlib
import os
import re
import shutil
import subprocess
import tempfile

_DATE = re.compile(rb"/(CreationDate|ModDate)\s*\((D:[^)]*)\)")
_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")


def fix_stamps(path, date="20260115090000"):
    """Overwrite the creation/modification dates with `date` (the 14 digits
    after D:, the time zone kept) and the /ID with a hash of the rest of the
    file: in place, same length."""
    with open(path, "rb") as f:
        data = bytearray(f.read())
    for m in list(_DATE.finditer(data)):
        old = m.group(2)
        assert len(old) >= 16, old
        data[m.start(2):m.end(2)] = b"D:" + date.encode() + old[16:]
    ids = list(_ID.finditer(data))
    blank = bytes(data)
    for m in ids:
        blank = blank.replace(m.group(0), b"")
    digest = hashlib.md5(blank).hexdigest().upper().encode()
    for m in ids:
        for g in (1, 2):
            n = m.end(g) - m.start(g)
            data[m.start(g):m.end(g)] = (digest * 4)[:n]
    with open(path, "wb") as f:
        f.write(bytes(data))


def _pages(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    return int(next(l for l in out.splitlines() if l.startswith("Pages:")).split()[1])


def _text(pdf):
    return subprocess.run(["pdftotext", "-enc", "UTF-8", "-layout", pdf, "-"], capture_output=True,
                          check=True).stdout


def _fonts(pdf):
    out = subprocess.run(["pdffonts", pdf], capture_output=True, text=True, check=True).stdout
    # name, type, encoding, emb, sub, uni; not the object number
    return sorted(" ".join(l.split()[:-2]) for l in out.splitlines()[2:])


def _images(pdf, tmp, tag):
    base = os.path.join(tmp, tag)
    subprocess.run(["pdftoppm", "-r", "40", "-gray", pdf, base], check=True)
    names = sorted(n for n in os.listdir(tmp) if n.startswith(tag + "-"))
    out = []
    for n in names:
        with open(os.path.join(tmp, n), "rb") as f:
            out.append(f.read())
    return out


def equivalent(a, b):
    if _pages(a) != _pages(b) or _text(a) != _text(b) or _fonts(a) != _fonts(b):
        return False
    with tempfile.TemporaryDirectory(prefix="yusuan_eq_") as tmp:
        return _images(a, tmp, "a") == _images(b, tmp, "b")


def publish(new, final):
    """Move `new` to `final`, unless `final` exists and is equivalent (then
    the existing bytes stay).  Returns True when the file was replaced."""
    if os.path.exists(final) and equivalent(new, final):
        os.remove(new)
        return False
    shutil.move(new, final)
    return True
