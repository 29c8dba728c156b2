"""``yusuan.extract`` and ``yusuan.extract_many`` give the CLI's rows, typed;
failures raise the CLI's one-line reasons; a damaged file is partial."""

from __future__ import annotations

import re
import threading
import time
from decimal import Decimal
from pathlib import Path

import pytest

import yusuan
from conftest import SAMPLES, by_doc, read_csv, run_cli

SAMPLE_PDFS = sorted(SAMPLES.glob("*.pdf"))

PY_TYPES = {"decimal": Decimal, "integer": int, "number": float, "boolean": bool, "string": str}


def test_files_follow_the_schema(cli_out):
    # The columns come from the Rust schema, in the CSVs' order.
    assert list(yusuan.FILES) == ["documents", "facts", "tables", "line_items", "projects", "indicators", "checks"]
    for stem in yusuan.FILES:
        read_csv(cli_out, stem)  # checks the header


@pytest.mark.parametrize("pdf", SAMPLE_PDFS, ids=lambda p: p.stem)
def test_extract_gives_the_cli_rows(pdf: Path, cli_out):
    doc = yusuan.extract(str(pdf))
    assert doc.status in ("ok", "partial")
    for stem in yusuan.FILES:
        want = by_doc(read_csv(cli_out, stem)).get(doc.doc_id, [])
        assert doc.csv_rows(stem) == want, f"{pdf.name}: {stem}"


def test_extract_types_every_value_by_its_column():
    doc = yusuan.extract(str(SAMPLES / "rsj2019_budget_cidfont.pdf"))
    assert doc.metadata["year"] == 2019 and doc.metadata["doc_kind"] == "budget"
    seen = set()
    for stem, cols in yusuan.FILES.items():
        text_rows = doc.csv_rows(stem)
        for text, row in zip(text_rows, doc.rows(stem)):
            assert list(row) == [c.name for c in cols]
            for c, t in zip(cols, text):
                v = row[c.name]
                if t == "":
                    assert v is None
                    continue
                assert isinstance(v, PY_TYPES[c.type]), (stem, c.name, v)
                seen.add(c.type)
                if c.type == "decimal":
                    # Exact: the Decimal prints as the CSV's text.
                    assert str(v) == t
    assert {"decimal", "integer", "boolean", "string"} <= seen
    money = [f for f in doc.facts if f["unit"] == "yuan"]
    assert money and all(isinstance(f["value"], Decimal) for f in money)


def test_bytes_give_the_same_rows_as_the_path():
    pdf = SAMPLES / "rsj2021_final_chromium.pdf"
    a = yusuan.extract(str(pdf), ocr="never")
    b = yusuan.extract(pdf.read_bytes(), ocr="never", name=str(pdf))
    for stem in yusuan.FILES:
        assert a.csv_rows(stem) == b.csv_rows(stem)


def test_extract_many_gives_every_document_as_the_cli(cli_out):
    docs = list(yusuan.extract_many([str(SAMPLES)], jobs=2))
    assert sorted(d.doc_id for d in docs) == sorted(by_doc(read_csv(cli_out, "documents")))
    for stem in yusuan.FILES:
        want = by_doc(read_csv(cli_out, stem))
        for d in docs:
            assert d.csv_rows(stem) == want.get(d.doc_id, []), f"{d.source_path}: {stem}"


def test_extract_many_yields_failures_without_stopping(mixed_inputs, cli_mixed_never):
    docs = {Path(d.source_path).name: d for d in yusuan.extract_many(mixed_inputs, jobs=2, ocr="never")}
    assert len(docs) == len(list(mixed_inputs.glob("*.pdf")))
    cli = {Path(r[1]).name: r for r in read_csv(cli_mixed_never, "documents")}
    for name, d in docs.items():
        assert d.csv_rows("documents") == [cli[name]], name
    bad = docs["not_a_pdf.pdf"]
    assert bad.status == "failed"
    assert isinstance(bad.error, yusuan.NotPdfError)
    assert str(bad.error) == cli["not_a_pdf.pdf"][14] == "not a PDF file (no %PDF header)"
    assert docs["rsj2019_budget_cidfont.pdf"].status == "ok"


def test_extract_many_releases_the_gil():
    # A Python thread keeps running while the documents are processed: it
    # could not if the GIL were held for the whole of the native work.
    ticks = 0
    done = threading.Event()

    def tick():
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            time.sleep(0.001)

    t = threading.Thread(target=tick)
    t.start()
    started = time.monotonic()
    n = 0
    for _ in range(3):
        for doc in yusuan.extract_many([str(SAMPLES)], jobs=2, ocr="never"):
            n += 1
        for pdf in SAMPLE_PDFS:
            yusuan.extract(str(pdf), ocr="never")
            n += 1
    elapsed = time.monotonic() - started
    done.set()
    t.join()
    assert n == 6 * len(SAMPLE_PDFS)
    # At least a quarter of the ticks a free thread would make.
    assert ticks > elapsed / 0.001 / 4 * 0.5, (ticks, elapsed)


def test_errors_carry_the_cli_reason(tmp_path):
    with pytest.raises(yusuan.NotPdfError) as e:
        yusuan.extract(b"hello", name="x.pdf")
    assert str(e.value) == "not a PDF file (no %PDF header)"
    assert e.value.kind == "not_pdf" and e.value.path == "x.pdf"
    assert e.value.document.metadata["status"] == "failed"

    with pytest.raises(yusuan.UnreadableError) as e:
        yusuan.extract(str(tmp_path / "missing.pdf"))
    assert str(e.value).startswith("cannot read file: ")

    with pytest.raises(yusuan.TimedOutError) as e:
        yusuan.extract(str(SAMPLES / "rsj2019_budget_cidfont.pdf"), timeout=1e-9)
    assert "exceeded" in str(e.value)

    # Each reason is the one `yusuan extract` writes to documents.csv.
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.pdf").write_bytes(b"hello")
    run_cli("extract", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--quiet")
    assert read_csv(tmp_path / "out", "documents")[0][14] == "not a PDF file (no %PDF header)"

    with pytest.raises(ValueError):
        yusuan.extract(b"%PDF", ocr="sometimes")


def encrypted_pdf(tmp_path: Path) -> bytes:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(str(SAMPLES / "rsj2019_budget_cidfont.pdf"))
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "encrypted.pdf"
    with open(path, "wb") as f:
        writer.write(f)
    return path.read_bytes()


def test_encrypted_raises_and_opens_with_the_password(tmp_path):
    data = encrypted_pdf(tmp_path)
    with pytest.raises(yusuan.EncryptedError) as e:
        yusuan.extract(data, ocr="never")
    assert str(e.value) == "encrypted: a password is required to open it"
    doc = yusuan.extract(data, ocr="never", password="secret")
    assert doc.metadata["department"] == "武汉市东西湖区人力资源和社会保障局"


def damaged_pdf(tmp_path: Path) -> Path:
    """A sample whose first page's content stream object is made unfindable
    (its `N 0 obj` header overwritten): the other pages still read."""
    data = (SAMPLES / "rsj2019_budget_cidfont.pdf").read_bytes()
    n = re.search(rb"/Contents (\d+) 0 R", data).group(1)
    header = b"\n" + n + b" 0 obj"
    i = data.index(header)
    broken = data[:i] + b"\n" + b"x" * (len(header) - 1) + data[i + len(header) :]
    path = tmp_path / "damaged.pdf"
    path.write_bytes(broken)
    return path


def test_a_damaged_document_is_partial_with_its_warnings(tmp_path):
    path = damaged_pdf(tmp_path)
    doc = yusuan.extract(str(path), ocr="never")
    assert doc.status == "partial"
    assert doc.warnings and any("missing" in w for w in doc.warnings), doc.warnings
    assert doc.facts, "the pages that remain still give facts"
    run_cli("extract", str(path), "--out", str(tmp_path / "out"), "--quiet", "--ocr", "never")
    assert doc.csv_rows("documents") == read_csv(tmp_path / "out", "documents")


def test_pages_carry_the_text():
    doc = yusuan.extract(str(SAMPLES / "rsj2019_budget_cidfont.pdf"))
    pages = doc.pages
    assert [p["page"] for p in pages] == list(range(1, doc.metadata["pages"] + 1))
    assert any("公务接待" in p["text"] for p in pages)
