"""The Spark job in local mode: its Parquet datasets hold the CLI's rows
for the samples (OCR off on both sides, to keep the test short: the
scanned samples' rows are the same pipeline either way), and a file that
cannot be read is a failed row, not a failed job.

Spark's file sources list no zero-byte file (its own rule: they are
dropped when files are split into tasks), so ``empty.pdf`` has a failed
row in the CLI's output and none in Spark's; the comparison says so."""

from __future__ import annotations

import csv as csvlib
import hashlib
import io
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import yusuan
from conftest import SAMPLES, arrow_rows, read_csv, typed_rows

pytest.importorskip("pyspark")
pq = pytest.importorskip("pyarrow.parquet")
ds = pytest.importorskip("pyarrow.dataset")


def run_job(inputs: Path, out: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable)
    proc = subprocess.run(
        [sys.executable, "-m", "yusuan.spark", "--master", "local[2]", "--input", str(inputs),
         "--output", str(out), "--ocr", "never", *args],
        env=env, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc


@pytest.fixture(scope="module")
def spark_out(mixed_inputs, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("spark") / "out"
    proc = run_job(mixed_inputs, out)
    # The inputs less empty.pdf (see the module's docstring): the samples,
    # the scanned ones partial with OCR off, and not_a_pdf.pdf failed.
    samples = sorted(p.name for p in mixed_inputs.glob("*.pdf") if p.name not in ("empty.pdf", "not_a_pdf.pdf"))
    scanned = sum("scanned" in name for name in samples)
    files = len(samples) + 1
    want = f"yusuan.spark: {files} files: {files - scanned - 1} ok, {scanned} partial, 1 failed"
    assert want in proc.stderr, proc.stderr[-2000:]
    return out


#: doc_id of zero bytes (the SHA-256 of nothing): Spark never sees the file.
EMPTY = hashlib.sha256(b"").hexdigest()[:16]


def cli_rows(folder: Path, stem: str):
    return [r for r in read_csv(folder, stem) if r[0] != EMPTY]


def read_dataset(path: Path):
    # Hive partitions (year=2019/…, year=__HIVE_DEFAULT_PARTITION__ for null).
    return ds.dataset(path, format="parquet", partitioning="hive").to_table()


def test_parquet_rows_equal_the_cli_rows(spark_out, cli_mixed_never):
    for stem in yusuan.FILES:
        table = read_dataset(spark_out / stem)
        # Spark reports the path as a URI (file:/…/x.pdf); everything else
        # is compared as is.
        skip = ("source_path",) if stem == "documents" else ()
        want = typed_rows(stem, cli_rows(cli_mixed_never, stem), skip=skip)
        assert arrow_rows(stem, table, skip=skip) == want, stem
        assert "year" in table.column_names


def test_decimals_stay_exact_and_source_paths_name_the_files(spark_out, cli_mixed_never):
    import pyarrow as pa

    facts = read_dataset(spark_out / "facts")
    assert facts.schema.field("value").type == pa.decimal128(38, 10)
    projects = read_dataset(spark_out / "projects")
    assert projects.schema.field("total").type == pa.decimal128(20, 2)
    docs = read_dataset(spark_out / "documents").to_pylist()
    cli = {Path(r[1]).name: r for r in cli_rows(cli_mixed_never, "documents")}
    assert sorted(Path(d["source_path"]).name for d in docs) == sorted(cli)


def test_a_bad_file_is_a_failed_row(spark_out):
    docs = {Path(d["source_path"]).name: d for d in read_dataset(spark_out / "documents").to_pylist()}
    assert docs["not_a_pdf.pdf"]["status"] == "failed"
    assert docs["not_a_pdf.pdf"]["error"] == "not a PDF file (no %PDF header)"
    assert "empty.pdf" not in docs
    assert docs["not_a_pdf.pdf"]["year"] is None


def test_partitioned_by_year(spark_out):
    years = sorted(p.name for p in (spark_out / "facts").iterdir() if p.name.startswith("year="))
    assert years and all(y.split("=")[1].isdigit() for y in years), years
    assert (spark_out / "documents" / "year=__HIVE_DEFAULT_PARTITION__").is_dir()


def parts(out: Path):
    return sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())


def test_a_rerun_into_the_same_output_gives_the_same_datasets(spark_out, mixed_inputs, cli_mixed_never, tmp_path):
    """The first run (the fixture's) had several tasks, so several parts
    per year; the rerun into a copy of its output has one task: a part
    the first run left would be a duplicate of the rerun's rows."""
    first = parts(spark_out)
    assert any("part-00001" in p for p in first), first
    out = tmp_path / "out"
    shutil.copytree(spark_out, out)
    run_job(mixed_inputs, out, "--max-partition-bytes", str(1 << 30), "--conf", "spark.sql.files.minPartitionNum=1")
    again = parts(out)
    assert not any("part-00001" in p or p.endswith(".tmp") for p in again), again
    assert {p for p in again if p.endswith("_SUCCESS")} == {f"{stem}/_SUCCESS" for stem in yusuan.FILES}
    for stem in yusuan.FILES:
        skip = ("source_path",) if stem == "documents" else ()
        want = typed_rows(stem, cli_rows(cli_mixed_never, stem), skip=skip)
        assert arrow_rows(stem, read_dataset(out / stem), skip=skip) == want, stem


def task_batch(files):
    import pyarrow as pa

    return pa.RecordBatch.from_arrays(
        [pa.array([f"file:{f}" for f in files]), pa.array([f.read_bytes() for f in files], pa.binary())],
        names=["path", "content"],
    )


def test_a_retried_task_replaces_its_own_parts(tmp_path):
    """A task run twice (Spark retries a failed one) writes the same part
    names: the second attempt's parts replace the first's."""
    from yusuan import spark as ys

    files = sorted(SAMPLES.glob("*.pdf"))[:3]
    for attempt in range(2):
        summary = list(ys._write_batches([task_batch(files)], str(tmp_path), "never", None, None, "zstd"))
        assert summary[0].column("documents")[0].as_py() == 3
    assert not [p for p in parts(tmp_path) if not p.endswith("part-00000.parquet")]
    docs = read_dataset(tmp_path / "documents").to_pylist()
    assert sorted(d["doc_id"] for d in docs) == sorted(hashlib.sha256(f.read_bytes()).hexdigest()[:16] for f in files)
    facts = read_dataset(tmp_path / "facts")
    want = sum(len(yusuan.extract(f, ocr="never").facts) for f in files)
    assert facts.num_rows == want


def test_rows_that_cannot_be_typed_exactly_make_a_failed_row(tmp_path):
    """A value that would not fit its Arrow type (a decimal with more
    digits than its scale) fails its document alone: a failed row with the
    reason, none of its other rows, every other document written."""
    from pyarrow import fs as pafs

    from yusuan import spark as ys

    good, bad = sorted(SAMPLES.glob("*.pdf"))[:2]
    writer = ys._TaskWriter(pafs.LocalFileSystem(), str(tmp_path), 0, 0, "zstd")
    for f in (good, bad):
        doc = yusuan.extract(f, ocr="never")
        csv = dict(zip(yusuan.FILES, doc._record.csv()))
        assert doc.facts, f
        if f == bad:
            rows = list(csvlib.reader(io.StringIO(csv["facts"].decode())))
            names = [c.name for c in yusuan.FILES["facts"]]
            rows[0][names.index("value")] = "1.00000000001"
            text = io.StringIO()
            csvlib.writer(text, lineterminator="\n").writerows(rows)
            csv["facts"] = text.getvalue().encode()
        writer.add(f.read_bytes(), str(f), csv)
    writer.commit()
    docs = {d["doc_id"]: d for d in read_dataset(tmp_path / "documents").to_pylist()}
    bad_id = hashlib.sha256(bad.read_bytes()).hexdigest()[:16]
    good_id = hashlib.sha256(good.read_bytes()).hexdigest()[:16]
    assert docs[good_id]["status"] == "ok"
    assert docs[bad_id]["status"] == "failed"
    assert docs[bad_id]["error"].startswith("rows cannot be stored exactly: "), docs[bad_id]["error"]
    facts = Counter(read_dataset(tmp_path / "facts").column("doc_id").to_pylist())
    assert facts == Counter({good_id: len(yusuan.extract(good, ocr="never").facts)})
    assert writer.status == {"ok": 1, "partial": 0, "failed": 1}


def test_csv_bytes_type_as_the_rows_text(cli_mixed_never):
    """``Record.csv()`` read by Arrow's CSV reader gives the same typed
    table as the rows' text (the reader the Spark job's workers use)."""
    from yusuan import _arrow

    for pdf in sorted(SAMPLES.glob("*.pdf")):
        doc = yusuan.extract(pdf, ocr="never")
        for stem, data in zip(yusuan.FILES, doc._record.csv()):
            assert _arrow.csv_table(stem, data).equals(_arrow.table(stem, doc.csv_rows(stem)), check_metadata=True), (pdf, stem)
