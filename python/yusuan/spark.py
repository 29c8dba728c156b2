"""yusuan on Spark: corpora beyond one machine.

:func:`extract` reads PDFs with Spark's ``binaryFile`` source, runs
:func:`yusuan.extract` on each file's bytes inside ``mapInArrow`` (one
Python worker per task, the native pipeline in it) and returns one
DataFrame per output file (``documents``, ``facts``, ``tables``, …) with
the columns of the CSVs and their exact types (decimals stay decimals:
see :mod:`yusuan._arrow`). A file that cannot be read is a ``failed`` row
of ``documents`` with its one-line reason, never a failed task.

The command-line job writes each output as a Parquet dataset partitioned
by year::

    spark-submit …/site-packages/yusuan/spark.py \\
        --input 's3a://bucket/disclosures/*.pdf' --output s3a://bucket/yusuan/

    python -m yusuan.spark --master 'local[2]' --input samples/ --output out/

``OUT/<file>/year=2019/part-….parquet``; files whose CSV has no ``year``
column (``tables``, ``indicators``, ``checks``) get the document's year as
their partition column, so every dataset is partitioned the same way.
Documents whose year is unknown (failed ones) are under
``year=__HIVE_DEFAULT_PARTITION__``, which Spark, DuckDB and pyarrow read
as a null year.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
from typing import TYPE_CHECKING, Dict, Iterable, Iterator, List, Optional, Sequence, Union

import pyarrow as pa

# Absolute, so that the file also runs as a script (`spark-submit …/yusuan/spark.py`).
from yusuan import FILES, Document, _arrow, _native

if TYPE_CHECKING:  # pragma: no cover
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import DataType, StructType

__all__ = ["Frames", "extract", "schema", "write", "main"]

#: The partition column of every dataset.
YEAR = "year"

#: Documents turned into rows per output batch: small, so that a batch's
#: rows (a long document has ~10 000 table cells) stay a few MB.
DOCS_PER_BATCH = 8


def _spark_type(t: pa.DataType) -> "DataType":
    from pyspark.sql import types as T

    if pa.types.is_decimal(t):
        return T.DecimalType(t.precision, t.scale)
    if t == pa.int64():
        return T.LongType()
    if t == pa.float64():
        return T.DoubleType()
    if t == pa.bool_():
        return T.BooleanType()
    return T.StringType()


def _row_type(stem: str) -> "StructType":
    from pyspark.sql import types as T

    return T.StructType([T.StructField(f.name, _spark_type(f.type), True) for f in _arrow.SCHEMAS[stem]])


def schema(stem: str) -> "StructType":
    """The Spark schema of output file ``stem`` as :func:`extract` gives
    it (the CSV's columns, then ``year`` where the CSV has none)."""
    from pyspark.sql import types as T

    row = _row_type(stem)
    if YEAR not in row.fieldNames():
        row = row.add(T.StructField(YEAR, T.LongType(), True))
    return row


def _documents_schema() -> "StructType":
    """One row per document: its id and year, and its rows of every
    output file as an array of structs (exploded per file afterwards).

    Two other shapes were measured (``scripts/bench_spark.sh``, CPU time of
    the JVM and the Python workers): each document's rows of a file as an
    Arrow IPC blob, decoded per file by a second ``mapInArrow``, cost the
    same; one flat schema holding every file's columns (a hundred, mostly
    null in any row) cost several times more.
    """
    from pyspark.sql import types as T

    fields = [T.StructField("_doc_id", T.StringType(), False), T.StructField("_year", T.LongType(), True)]
    fields += [T.StructField(stem, T.ArrayType(_row_type(stem), containsNull=False), False) for stem in FILES]
    return T.StructType(fields)


def _failed_tables(data: bytes, path: str, message: str) -> Dict[str, pa.Table]:
    """A ``failed`` documents row made here, for what should never happen:
    rows that cannot be typed exactly, or an exception in the worker."""
    sha = hashlib.sha256(data).hexdigest()
    known = {
        "doc_id": sha[:16],
        "source_path": path,
        "sha256": sha,
        "pages": "0",
        "status": "failed",
        "text_pages": "0",
        "image_pages": "0",
        "error": " ".join(message.split()),
    }
    row = [known.get(c.name, "") for c in FILES["documents"]]
    return {stem: _arrow.table(stem, [row] if stem == "documents" else []) for stem in FILES}


def _document(data: bytes, path: str, ocr: str, password: Optional[str], timeout: Optional[float]) -> Dict[str, pa.Table]:
    """One file's rows, typed; never raises."""
    try:
        doc = Document(_native.extract(data, ocr=ocr, password=password, timeout=timeout, name=path))
        return _arrow.document_tables(doc)
    except Exception as e:  # noqa: BLE001 - a bad file must not fail the task
        return _failed_tables(data, path, f"rows cannot be stored exactly: {e}")


def _batch(docs: List[Dict[str, pa.Table]], target: pa.Schema) -> pa.RecordBatch:
    arrays: List[pa.Array] = []
    ids: List[str] = []
    years: List[Optional[int]] = []
    for t in docs:
        d = t["documents"]
        ids.append(d.column("doc_id")[0].as_py())
        years.append(d.column(YEAR)[0].as_py() if YEAR in d.column_names else None)
    arrays.append(pa.array(ids, pa.string()))
    arrays.append(pa.array(years, pa.int64()))
    for stem in FILES:
        tables = [t[stem] for t in docs]
        offsets = [0]
        for t in tables:
            offsets.append(offsets[-1] + t.num_rows)
        combined = pa.concat_tables(tables).combine_chunks()
        struct = pa.StructArray.from_arrays(
            [c.chunk(0) if c.num_chunks else pa.array([], c.type) for c in combined.columns],
            fields=list(combined.schema),
        )
        lists = pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), struct)
        arrays.append(lists.cast(target.field(stem).type))
    return pa.RecordBatch.from_arrays(arrays, schema=target)


def _extract_batches(
    batches: Iterable[pa.RecordBatch],
    ocr: str,
    password: Optional[str],
    timeout: Optional[float],
    target: pa.Schema,
) -> Iterator[pa.RecordBatch]:
    for batch in batches:
        paths = batch.column("path").to_pylist()
        contents = batch.column("content")
        docs: List[Dict[str, pa.Table]] = []
        for i, path in enumerate(paths):
            data = contents[i].as_py() or b""
            docs.append(_document(data, path or "", ocr, password, timeout))
            if len(docs) >= DOCS_PER_BATCH:
                yield _batch(docs, target)
                docs = []
        if docs:
            yield _batch(docs, target)


class Frames(Dict[str, "DataFrame"]):
    """The DataFrames of :func:`extract`, by output file, and the persisted
    per-document DataFrame they are projections of (``per_document``)."""

    def __init__(self, per_document: "DataFrame") -> None:
        super().__init__()
        self.per_document = per_document

    def unpersist(self) -> None:
        """Frees the persisted per-document rows."""
        self.per_document.unpersist()


def extract(
    spark: "SparkSession",
    paths: Union[str, Sequence[str]],
    *,
    ocr: str = "auto",
    password: Optional[str] = None,
    timeout: Optional[float] = None,
    max_partition_bytes: Optional[int] = None,
) -> Frames:
    """Extract every PDF under ``paths`` (files, folders walked
    recursively, globs; any Hadoop file system: ``s3a://``, ``hdfs://``,
    ``file:``) → ``{"documents": DataFrame, "facts": …, …}``.

    Each file is extracted once: the per-document result is persisted
    (memory and disk) and every DataFrame is a projection of it; call
    ``frames.unpersist()`` when done. ``max_partition_bytes``: bytes of
    PDFs per task (sets the session's
    ``spark.sql.files.maxPartitionBytes``, 128 MB by default); smaller
    means more, shorter tasks and a better balance across executors.
    ``ocr``, ``password``, ``timeout``: as :func:`yusuan.extract`.
    """
    from pyspark import StorageLevel
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import to_arrow_schema

    if isinstance(paths, str):
        paths = [paths]
    reader = (
        spark.read.format("binaryFile")
        .option("pathGlobFilter", "*.[pP][dD][fF]")
        .option("recursiveFileLookup", "true")
    )
    if max_partition_bytes:
        # A session setting, read when the files are listed into tasks.
        spark.conf.set("spark.sql.files.maxPartitionBytes", str(int(max_partition_bytes)))
    raw = reader.load(list(paths)).select("path", "content")
    per_doc = _documents_schema()
    target = to_arrow_schema(per_doc)

    def run(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        return _extract_batches(batches, ocr, password, timeout, target)

    docs = raw.mapInArrow(run, per_doc).persist(StorageLevel.MEMORY_AND_DISK)
    out = Frames(docs)
    for stem in FILES:
        names = [c.name for c in FILES[stem]]
        rows = docs.select(F.col("_year"), F.explode(stem).alias("_r"))
        cols = [F.col("_r").getField(n).alias(n) for n in names]
        if YEAR not in names:
            cols.append(F.col("_year").alias(YEAR))
        out[stem] = rows.select(*cols)
    return out


def write(
    frames: Dict[str, "DataFrame"],
    output: str,
    *,
    compression: str = "zstd",
    mode: str = "overwrite",
    concurrent: bool = True,
) -> None:
    """Write every DataFrame of :func:`extract` as ``OUTPUT/<file>/``, a
    Parquet dataset partitioned by ``year``.

    The seven writes are submitted together (``concurrent``): each is a
    Spark job over the same persisted documents, and together they keep
    every core busy where one job's last tasks would leave cores idle.
    """
    base = output.rstrip("/")

    def one(stem: str) -> None:
        df = frames[stem]
        df.write.mode(mode).option("compression", compression).partitionBy(YEAR).parquet(f"{base}/{stem}")

    if not concurrent:
        for stem in frames:
            one(stem)
        return
    from concurrent.futures import ThreadPoolExecutor

    # Extract first (filling the cache): jobs started together would each
    # extract the documents themselves, the cache being filled by none yet.
    if isinstance(frames, Frames):
        frames.per_document.count()
    with ThreadPoolExecutor(max_workers=len(frames)) as pool:
        for f in [pool.submit(one, stem) for stem in frames]:
            f.result()


def main(argv: Optional[Sequence[str]] = None) -> int:
    """``python -m yusuan.spark --input … --output DIR`` (or the same
    arguments after ``spark-submit … yusuan/spark.py``)."""
    p = argparse.ArgumentParser(
        prog="python -m yusuan.spark",
        description="Extract budget-disclosure PDFs with Spark into Parquet datasets partitioned by year.",
    )
    p.add_argument("--input", action="append", required=True, help="PDF file, folder or glob (repeatable)")
    p.add_argument("--output", required=True, help="output folder: one Parquet dataset per file")
    p.add_argument("--ocr", default="auto", choices=["auto", "always", "never"])
    p.add_argument("--password", default=None)
    p.add_argument("--timeout", type=float, default=None, help="seconds per file (default 120)")
    p.add_argument("--max-partition-bytes", type=int, default=None, help="bytes of PDFs per task")
    p.add_argument("--compression", default="zstd")
    p.add_argument("--master", default=None, help="e.g. local[2] (default: what spark-submit says)")
    p.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE", help="a Spark setting (repeatable)")
    args = p.parse_args(argv)

    # In local mode the Python workers must be this interpreter (the one
    # that has yusuan), not whatever `python3` is first on PATH.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("yusuan").config("spark.ui.showConsoleProgress", "false")
    if args.master:
        builder = builder.master(args.master)
    confs = dict(kv.partition("=")[::2] for kv in args.conf)
    if (args.master or "").startswith("local") and "spark.driver.extraJavaOptions" not in confs:
        # A local run is one short-lived JVM: the optimising JIT compiler
        # (C2) costs more CPU than it saves there (measured: the JVM's CPU
        # time halved with C1 alone, the wall time with it). A cluster's
        # long-lived executors keep C2.
        confs["spark.driver.extraJavaOptions"] = "-XX:TieredStopAtLevel=1"
    for key, value in confs.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    started = time.monotonic()
    frames = extract(
        spark,
        args.input,
        ocr=args.ocr,
        password=args.password,
        timeout=args.timeout,
        max_partition_bytes=args.max_partition_bytes,
    )
    write(frames, args.output, compression=args.compression)
    counts = {r["status"]: r["count"] for r in frames["documents"].groupBy("status").count().collect()}
    seconds = time.monotonic() - started
    total = sum(counts.values())
    print(
        f"yusuan.spark: {total} files: {counts.get('ok', 0)} ok, {counts.get('partial', 0)} partial, "
        f"{counts.get('failed', 0)} failed in {seconds:.1f} s -> {args.output}",
        file=sys.stderr,
    )
    frames.unpersist()
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
