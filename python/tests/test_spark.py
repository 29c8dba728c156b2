"""The Spark job in local mode: its Parquet datasets hold the CLI's rows
for the samples (OCR off on both sides, to keep the test short: the
scanned samples' rows are the same pipeline either way), and a file that
cannot be read is a failed row, not a failed job.

Spark's file sources list no zero-byte file (its own rule: they are
dropped when files are split into tasks), so ``empty.pdf`` has a failed
row in the CLI's output and none in Spark's; the comparison says so."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

import yusuan
from conftest import arrow_rows, read_csv, typed_rows

pytest.importorskip("pyspark")
pq = pytest.importorskip("pyarrow.parquet")
ds = pytest.importorskip("pyarrow.dataset")


@pytest.fixture(scope="module")
def spark_out(mixed_inputs, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("spark") / "out"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable)
    proc = subprocess.run(
        [sys.executable, "-m", "yusuan.spark", "--master", "local[2]", "--input", str(mixed_inputs),
         "--output", str(out), "--ocr", "never"],
        env=env, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
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
