"""yusuan on Spark: corpora beyond one machine.

:func:`extract` reads PDFs with Spark's ``binaryFile`` source, runs
:func:`yusuan.extract` on each file's bytes inside ``mapInArrow`` (one
Python worker per task, the native pipeline in it) and returns one
DataFrame per output file (``documents``, ``facts``, ``tables``, …) with
the columns of the CSVs and their exact types (decimals stay decimals:
see :mod:`yusuan._arrow`). A file that cannot be read is a ``failed`` row
of ``documents`` with its one-line reason, never a failed task.

The command-line job (:func:`write_parquet`) writes each output as a
Parquet dataset partitioned by year, straight from the Python workers
(the rows never go back into the JVM)::

    spark-submit …/site-packages/yusuan/spark.py \\
        --input 's3a://bucket/disclosures/*.pdf' --output s3a://bucket/yusuan/

    python -m yusuan.spark --master 'local[2]' --input samples/ --output out/

``OUT/<file>/year=2019/part-NNNNN.parquet`` (NNNNN: the task's number);
files whose CSV has no ``year`` column (``tables``, ``indicators``,
``checks``) get the document's year as their partition column, so every
dataset is partitioned the same way.
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
from typing import TYPE_CHECKING, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

import pyarrow as pa

# Absolute, so that the file also runs as a script (`spark-submit …/yusuan/spark.py`).
from yusuan import FILES, Document, _arrow, _native

if TYPE_CHECKING:  # pragma: no cover
    from pyarrow import fs as pafs
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import DataType, StructType

__all__ = ["Frames", "extract", "schema", "write", "write_parquet", "main"]

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


def _failed_row(data: bytes, path: str, message: str) -> List[str]:
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
    return [known.get(c.name, "") for c in FILES["documents"]]


def _failed_tables(data: bytes, path: str, message: str) -> Dict[str, pa.Table]:
    row = _failed_row(data, path, message)
    return {stem: _arrow.table(stem, [row] if stem == "documents" else []) for stem in FILES}


def _failed_csv(data: bytes, path: str, message: str) -> Dict[str, bytes]:
    import csv
    import io

    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerow(_failed_row(data, path, message))
    return {stem: text.getvalue().encode() if stem == "documents" else b"" for stem in FILES}


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


def _pdf_files(
    spark: "SparkSession", paths: Union[str, Sequence[str]], max_partition_bytes: Optional[int]
) -> "DataFrame":
    """``path``, ``content`` of every PDF under ``paths`` (``binaryFile``)."""
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
    return reader.load(list(paths)).select("path", "content")


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

    raw = _pdf_files(spark, paths, max_partition_bytes)
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


#: The partition folder of a null year (Hive's, which Spark, DuckDB and
#: pyarrow read as null).
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"

#: Object stores, where a file appears whole when its upload completes
#: (written in place); elsewhere a part is written under a temporary name
#: and renamed when complete.
_ATOMIC_PUT = ("s3", "gcs")


def _filesystem(output: str) -> Tuple["pafs.FileSystem", str]:
    """The pyarrow file system and root path of an output folder: a local
    path (made absolute), ``file:``, ``s3://`` (Hadoop's ``s3a://`` and
    ``s3n://`` are the same buckets), ``gs://``, ``hdfs://``."""
    from pyarrow import fs as pafs

    scheme, sep, rest = output.partition("://")
    if not sep:
        if output.startswith("file:"):
            output = output[len("file:") :]
        return pafs.LocalFileSystem(), os.path.abspath(output).rstrip("/") or "/"
    if scheme.lower() in ("s3a", "s3n"):
        output = "s3://" + rest
    fs, path = pafs.FileSystem.from_uri(output)
    return fs, path.rstrip("/")


def _part_schema(stem: str) -> pa.Schema:
    """The columns of a part file: the CSV's, less ``year`` (the partition
    folder holds it, as Spark's own writer does)."""
    schema = _arrow.SCHEMAS[stem]
    i = schema.get_field_index(YEAR)
    return schema if i < 0 else schema.remove(i)


#: CSV bytes of its documents' rows a task buffers before it types them
#: (Arrow's CSV reader) and writes them: a row group per file and year.
BUFFER_BYTES = 32 << 20


class _Pending:
    """One extracted document waiting in a task's buffer."""

    __slots__ = ("data", "path", "csv", "year")

    def __init__(self, data: bytes, path: str, csv: Dict[str, bytes], year: str) -> None:
        self.data = data
        self.path = path
        self.csv = csv
        self.year = year


def _document_year(documents_csv: bytes) -> str:
    """The ``year`` field of a document's ``documents.csv`` row."""
    import csv
    import io

    row = next(csv.reader(io.StringIO(documents_csv.decode("utf-8"))), [])
    names = [c.name for c in FILES["documents"]]
    return row[names.index(YEAR)] if len(row) == len(names) else ""


class _TaskWriter:
    """One task's part files: ``ROOT/<file>/year=Y/part-<partition>.parquet``,
    one per output file and year partition the task's documents have rows
    in. Documents are buffered as their CSV bytes (``Record.csv()``) and
    typed together by Arrow's CSV reader; each part is written under a
    hidden temporary name and renamed when the task has written all its
    rows (:meth:`commit`), so a reader never sees half a part and a retried
    task replaces its own parts."""

    def __init__(self, fs: "pafs.FileSystem", root: str, partition: int, attempt: int, compression: str) -> None:
        self.fs = fs
        self.root = root
        self.name = f"part-{partition:05d}.parquet"
        self.tmp_name = f".part-{partition:05d}.parquet.{attempt}.tmp"
        self.compression = compression
        self.in_place = fs.type_name in _ATOMIC_PUT
        self.rows: Dict[str, int] = {stem: 0 for stem in FILES}
        self.status: Dict[str, int] = {"ok": 0, "partial": 0, "failed": 0}
        self._pending: List[_Pending] = []
        self._pending_bytes = 0
        self._writers: Dict[Tuple[str, str], "pq.ParquetWriter"] = {}
        self._files: Dict[Tuple[str, str], Tuple[str, str]] = {}

    def add(self, data: bytes, path: str, csv: Dict[str, bytes]) -> None:
        """One document: its bytes (for a failed row, should its rows not
        fit their types), the path it was read from and its rows as CSV."""
        year = _document_year(csv["documents"]) or NULL_PARTITION
        self._pending.append(_Pending(data, path, csv, year))
        self._pending_bytes += sum(len(b) for b in csv.values())
        if self._pending_bytes >= BUFFER_BYTES:
            self._flush()

    def _typed(self) -> Dict[Tuple[str, str], pa.Table]:
        """The buffered documents' rows typed, by file and document year.
        Should a value not fit its type (it never should), the documents
        are typed one by one and each one that fails becomes a failed row."""
        groups: Dict[Tuple[str, str], List[bytes]] = {}
        for doc in self._pending:
            for stem in FILES:
                if doc.csv[stem]:
                    groups.setdefault((stem, doc.year), []).append(doc.csv[stem])
        try:
            return {key: _arrow.csv_table(key[0], b"".join(parts)) for key, parts in groups.items()}
        except (pa.ArrowInvalid, ValueError):
            pass
        tables: Dict[Tuple[str, str], List[pa.Table]] = {}
        for doc in self._pending:
            year = doc.year
            try:
                one = {stem: _arrow.csv_table(stem, doc.csv[stem]) for stem in FILES}
            except (pa.ArrowInvalid, ValueError) as e:
                one = _failed_tables(doc.data, doc.path, f"rows cannot be stored exactly: {e}")
                year = NULL_PARTITION
            for stem, t in one.items():
                if t.num_rows:
                    tables.setdefault((stem, year), []).append(t)
        return {key: pa.concat_tables(ts) for key, ts in tables.items()}

    def _flush(self) -> None:
        import pyarrow.compute as pc

        typed = self._typed()
        self._pending = []
        self._pending_bytes = 0
        for (stem, doc_year), t in typed.items():
            self.rows[stem] += t.num_rows
            if stem == "documents":
                for s, n in zip(*pc.value_counts(t.column("status")).flatten()):
                    self.status[s.as_py()] = self.status.get(s.as_py(), 0) + n.as_py()
            if YEAR not in t.column_names:
                self._write(stem, doc_year, t)
                continue
            # Rows of a file with a year column go to their own year.
            column = t.column(YEAR)
            years = column.unique().to_pylist()
            for y in years:
                part = t
                if len(years) > 1:
                    part = t.filter(pc.is_null(column) if y is None else pc.equal(column, y))
                self._write(stem, NULL_PARTITION if y is None else str(y), part.drop_columns([YEAR]))

    def _write(self, stem: str, year: str, t: pa.Table) -> None:
        import pyarrow.parquet as pq

        key = (stem, year)
        writer = self._writers.get(key)
        if writer is None:
            folder = f"{self.root}/{stem}/{YEAR}={year}"
            self.fs.create_dir(folder, recursive=True)
            final = f"{folder}/{self.name}"
            tmp = final if self.in_place else f"{folder}/{self.tmp_name}"
            self._files[key] = (tmp, final)
            writer = pq.ParquetWriter(tmp, _part_schema(stem), filesystem=self.fs, compression=self.compression)
            self._writers[key] = writer
        writer.write_table(t)

    def commit(self) -> None:
        if self._pending:
            self._flush()
        for writer in self._writers.values():
            writer.close()
        self._writers.clear()
        for tmp, final in self._files.values():
            if tmp != final:
                try:
                    self.fs.move(tmp, final)
                except OSError:
                    # File systems whose rename does not replace (HDFS).
                    self.fs.delete_file(final)
                    self.fs.move(tmp, final)

    def abort(self) -> None:
        for writer in self._writers.values():
            try:
                writer.close()
            except Exception:  # noqa: BLE001 - already failing
                pass
        for tmp, final in self._files.values():
            if tmp != final:
                try:
                    self.fs.delete_file(tmp)
                except OSError:
                    pass


#: What a task of :func:`write_parquet` gives back: one row of counts.
_SUMMARY = ["documents", "ok", "partial", "failed"] + [f"rows_{stem}" for stem in FILES]


def _summary_schema() -> "StructType":
    from pyspark.sql import types as T

    return T.StructType([T.StructField(n, T.LongType(), False) for n in _SUMMARY])


def _write_batches(
    batches: Iterable[pa.RecordBatch],
    output: str,
    ocr: str,
    password: Optional[str],
    timeout: Optional[float],
    compression: str,
) -> Iterator[pa.RecordBatch]:
    """The body of a task of :func:`write_parquet`: extract the task's
    files one after another, write their rows, give back the counts."""
    from pyspark import TaskContext

    ctx = TaskContext.get()
    partition = ctx.partitionId() if ctx is not None else 0
    attempt = ctx.attemptNumber() if ctx is not None else 0
    fs, root = _filesystem(output)
    writer = _TaskWriter(fs, root, partition, attempt, compression)
    try:
        for batch in batches:
            paths = batch.column("path").to_pylist()
            contents = batch.column("content")
            for i, path in enumerate(paths):
                data = contents[i].as_py() or b""
                path = path or ""
                try:
                    record = _native.extract(data, ocr=ocr, password=password, timeout=timeout, name=path)
                    csv = dict(zip(FILES, record.csv()))
                except Exception as e:  # noqa: BLE001 - a bad file must not fail the task
                    csv = _failed_csv(data, path, f"internal error: {e}")
                writer.add(data, path, csv)
        writer.commit()
    except BaseException:
        writer.abort()
        raise
    st = writer.status
    counts = [sum(st.values()), st["ok"], st["partial"], st["failed"]] + [writer.rows[stem] for stem in FILES]
    yield pa.RecordBatch.from_arrays([pa.array([n], pa.int64()) for n in counts], names=_SUMMARY)


def write_parquet(
    spark: "SparkSession",
    paths: Union[str, Sequence[str]],
    output: str,
    *,
    ocr: str = "auto",
    password: Optional[str] = None,
    timeout: Optional[float] = None,
    max_partition_bytes: Optional[int] = None,
    compression: str = "zstd",
) -> Dict[str, int]:
    """Extract every PDF under ``paths`` (as :func:`extract`) straight into
    ``OUTPUT/<file>/year=YYYY/part-NNNNN.parquet``: each task's Python
    worker writes its documents' rows with pyarrow, one part per task,
    output file and year, so that the rows never pass through the JVM.
    The seven datasets are replaced (as Spark's ``overwrite``); a
    ``_SUCCESS`` file marks each one complete.

    ``output``: a local folder (a path without a scheme is one on the
    machine that runs the task: in local mode, this one), ``s3://`` or
    ``s3a://`` (pyarrow's S3 client: credentials from the AWS environment,
    not Hadoop's settings), ``gs://`` or ``hdfs://`` (needs libhdfs on the
    executors); for any other file system use :func:`extract` and
    :func:`write`. Returns the counts: ``documents``, ``ok``,
    ``partial``, ``failed`` and ``rows_<file>``.
    """
    fs, root = _filesystem(output)
    from pyarrow import fs as pafs

    target = root if isinstance(fs, pafs.LocalFileSystem) else output
    for stem in FILES:
        if fs.get_file_info(f"{root}/{stem}").type != pafs.FileType.NotFound:
            fs.delete_dir(f"{root}/{stem}")

    def run(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        return _write_batches(batches, target, ocr, password, timeout, compression)

    tasks = _pdf_files(spark, paths, max_partition_bytes).mapInArrow(run, _summary_schema()).collect()
    totals = {n: sum(int(t[n]) for t in tasks) for n in _SUMMARY}
    for stem in FILES:
        folder = f"{root}/{stem}"
        fs.create_dir(folder, recursive=True)
        # Temporary parts of attempts that died before they could remove them.
        for info in fs.get_file_info(pafs.FileSelector(folder, recursive=True)):
            if info.is_file and info.base_name.startswith(".part-") and info.base_name.endswith(".tmp"):
                fs.delete_file(info.path)
        with fs.open_output_stream(f"{folder}/_SUCCESS"):
            pass
    return totals


#: Java options of a local run, one short-lived JVM (measured, with
#: ``scripts/bench_spark.sh``): the optimising JIT compiler (C2) costs more
#: CPU than it saves there (the JVM's CPU time halved with C1 alone); the
#: serial collector is the cheapest on a small heap. A cluster's
#: long-lived executors keep the JVM's defaults.
LOCAL_JAVA_OPTIONS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]


def _class_archive() -> Optional[str]:
    """Where local runs keep the JVM's archive of Spark's classes (AppCDS:
    classes loaded from it skip parsing and verification, about 5 s of CPU
    of a run's ~11 s of JVM start-up), one per pyspark install and Java
    binary: ``~/.cache/yusuan/spark-<version>-<key>.jsa``. ``None`` where
    there is no Java or pyspark's jars to key it by."""
    import shutil

    import pyspark

    home = os.environ.get("JAVA_HOME")
    java = os.path.join(home, "bin", "java") if home else shutil.which("java")
    if not java:
        return None
    try:
        java = os.path.realpath(java)
        st = os.stat(java)
        # The JVM checks the jars' times: a reinstalled pyspark needs a new archive.
        jars = os.stat(os.path.join(os.path.dirname(pyspark.__file__), "jars")).st_mtime_ns
    except OSError:
        return None
    key = f"{pyspark.__file__}\0{jars}\0{java}\0{st.st_size}\0{st.st_mtime_ns}"
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    name = f"spark-{pyspark.__version__}-{hashlib.sha256(key.encode()).hexdigest()[:12]}.jsa"
    path = os.path.join(cache, "yusuan", name)
    # Spark splits the Java options at white space.
    return None if any(c.isspace() or c in "\"'" for c in path) else path


def _local_java_options() -> Tuple[str, Optional[str]]:
    """The Java options of a local run, and the temporary path this run's
    JVM writes the class archive to as it exits (when there is none yet).
    A missing or stale archive is ignored by the JVM, silently."""
    options = list(LOCAL_JAVA_OPTIONS)
    archive = _class_archive()
    if archive is None:
        return " ".join(options), None
    options.append("-Xlog:cds*=off")
    if os.path.isfile(archive):
        return " ".join(options + [f"-XX:SharedArchiveFile={archive}"]), None
    try:
        os.makedirs(os.path.dirname(archive), exist_ok=True)
        # Archives of runs that were killed before they could finish one.
        for name in os.listdir(os.path.dirname(archive)):
            old = os.path.join(os.path.dirname(archive), name)
            if name.endswith(".jsa.tmp") and time.time() - os.path.getmtime(old) > 3600:
                os.remove(old)
    except OSError:
        return " ".join(options), None
    tmp = f"{archive}.{os.getpid()}.jsa.tmp"
    return " ".join(options + [f"-XX:ArchiveClassesAtExit={tmp}"]), tmp


def _keep_class_archive(tmp: str) -> None:
    """After ``spark.stop()``: let the JVM exit (it leaves when its stdin
    closes), which writes the class archive, and put that in place."""
    from pyspark import SparkContext

    final = tmp[: -len(f".{os.getpid()}.jsa.tmp")]
    try:
        proc = SparkContext._gateway.proc  # type: ignore[union-attr]
        proc.stdin.close()
        proc.wait(timeout=300)
        if os.path.getsize(tmp) > 0:
            os.replace(tmp, final)
    except Exception:  # noqa: BLE001 - only a cache: the next run tries again
        pass
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


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
    p.add_argument(
        "--writer",
        default="arrow",
        choices=["arrow", "spark"],
        help="arrow (default): each Python worker writes its rows with pyarrow (local, s3/s3a, gs, hdfs); "
        "spark: the rows go back into Spark, which writes them (any Hadoop file system, several times the CPU)",
    )
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
    archive_tmp = None
    if (args.master or "").startswith("local"):
        # One JVM for a few minutes at most, nobody watching its web UI.
        if "spark.driver.extraJavaOptions" not in confs:
            confs["spark.driver.extraJavaOptions"], archive_tmp = _local_java_options()
        confs.setdefault("spark.ui.enabled", "false")
    for key, value in confs.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    started = time.monotonic()
    kwargs = dict(ocr=args.ocr, password=args.password, timeout=args.timeout)
    if args.writer == "arrow":
        totals = write_parquet(
            spark,
            args.input,
            args.output,
            max_partition_bytes=args.max_partition_bytes,
            compression=args.compression,
            **kwargs,
        )
        counts = {s: totals[s] for s in ("ok", "partial", "failed")}
    else:
        frames = extract(spark, args.input, max_partition_bytes=args.max_partition_bytes, **kwargs)
        write(frames, args.output, compression=args.compression)
        counts = {r["status"]: r["count"] for r in frames["documents"].groupBy("status").count().collect()}
        frames.unpersist()
    seconds = time.monotonic() - started
    total = sum(counts.values())
    print(
        f"yusuan.spark: {total} files: {counts.get('ok', 0)} ok, {counts.get('partial', 0)} partial, "
        f"{counts.get('failed', 0)} failed in {seconds:.1f} s -> {args.output}",
        file=sys.stderr,
    )
    spark.stop()
    if archive_tmp:
        _keep_class_archive(archive_tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
