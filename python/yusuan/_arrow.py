"""Arrow types of the output files, and documents as Arrow tables and
Parquet files.

Every type is derived from the Rust schema (:data:`yusuan.FILES`):

- ``string`` → ``string``; ``integer`` → ``int64``; ``number`` (OCR
  confidences) → ``float64``; ``boolean`` → ``bool``;
- ``decimal`` → ``decimal128(20, 2)`` for the columns that only ever hold
  money in yuan (their description is ``yuan``: a project's amounts), and
  ``decimal128(38, 10)`` for the columns whose unit varies by row
  (``value``: yuan, pct, persons, m²…) or that hold computed percentages
  (the checks' ``expected``/``actual``/``difference``, down to 0.0001):
  yuan values print at most two decimals but a rate or a figure printed
  with more keeps every digit.

Values are cast from the CSV text by Arrow, which refuses (raises) rather
than rounds a value that does not fit its type: no figure is ever changed
on its way into Arrow or Parquet.
"""

from __future__ import annotations

import os
from typing import Dict, Iterable, List, Sequence

import pyarrow as pa
import pyarrow.parquet as pq

from . import FILES, Column, Document

MONEY = pa.decimal128(20, 2)
WIDE = pa.decimal128(38, 10)

_PLAIN = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
}


def arrow_type(column: Column) -> pa.DataType:
    """The Arrow type of one column (see the module's docstring)."""
    if column.type == "decimal":
        return MONEY if column.description == "yuan" else WIDE
    return _PLAIN.get(column.type, pa.string())


def _schema(stem: str) -> pa.Schema:
    fields = []
    for c in FILES[stem]:
        meta = {b"description": c.description.encode()} if c.description else None
        fields.append(pa.field(c.name, arrow_type(c), nullable=True, metadata=meta))
    return pa.schema(fields, metadata={b"yusuan.file": f"{stem}.csv".encode()})


#: The Arrow schema of every output file.
SCHEMAS: Dict[str, pa.Schema] = {stem: _schema(stem) for stem in FILES}


def _typed(schema: pa.Schema, rows: Sequence[Sequence[str]]) -> pa.Table:
    """Rows of text → a table of ``schema`` (an empty field is null)."""
    columns = list(zip(*rows)) if rows else [()] * len(schema)
    arrays = []
    for values, field in zip(columns, schema):
        text = pa.array([v if v else None for v in values], pa.string())
        arrays.append(text if field.type == pa.string() else text.cast(field.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def typed_table(columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> pa.Table:
    """Rows of text with their columns (name, type, description) → a typed
    table (an empty field is null), e.g. :func:`yusuan.panel`'s."""
    return _typed(pa.schema([pa.field(c.name, arrow_type(c), nullable=True) for c in columns]), rows)


def table(stem: str, rows: Sequence[Sequence[str]]) -> pa.Table:
    """Rows of output file ``stem`` as the CSV's text → a typed table (an
    empty field is null)."""
    return _typed(SCHEMAS[stem], rows)


def csv_table(stem: str, data: bytes) -> pa.Table:
    """Rows of output file ``stem`` as the CSV's bytes without a header
    (``Record.csv()``, one or several documents' run together) → the same
    typed table :func:`table` makes of the same rows as text: an empty
    field is null, and a value that does not fit its type raises (Arrow's
    CSV reader refuses to round a decimal). Parsed in C++, it is several
    times cheaper than building the table from Python strings."""
    import pyarrow.csv as pcsv

    schema = SCHEMAS[stem]
    if not data:
        return schema.empty_table()
    return pcsv.read_csv(
        pa.py_buffer(data),
        read_options=pcsv.ReadOptions(column_names=schema.names, use_threads=False),
        parse_options=pcsv.ParseOptions(newlines_in_values=True),
        convert_options=pcsv.ConvertOptions(
            column_types=schema,
            null_values=[""],
            strings_can_be_null=True,
            true_values=["true"],
            false_values=["false"],
        ),
    ).cast(schema)


def document_tables(doc: Document) -> Dict[str, pa.Table]:
    """One document's rows as one table per output file."""
    return {stem: table(stem, doc.csv_rows(stem)) for stem in FILES}


def concat(documents: Iterable[Document]) -> Dict[str, pa.Table]:
    """Several documents' rows as one table per output file."""
    rows: Dict[str, List[Sequence[str]]] = {stem: [] for stem in FILES}
    for doc in documents:
        for stem in FILES:
            rows[stem].extend(doc.csv_rows(stem))
    return {stem: table(stem, r) for stem, r in rows.items()}


def write_parquet(documents: Iterable[Document], out: str, *, row_group_rows: int = 100_000) -> Dict[str, str]:
    """``OUT/<stem>.parquet`` for every output file, written as documents
    come (rows are buffered up to ``row_group_rows`` per file, so memory
    stays bounded however many documents there are). zstd-compressed."""
    os.makedirs(out, exist_ok=True)
    paths = {stem: os.path.join(out, f"{stem}.parquet") for stem in FILES}
    writers = {stem: pq.ParquetWriter(paths[stem], SCHEMAS[stem], compression="zstd") for stem in FILES}
    pending: Dict[str, List[Sequence[str]]] = {stem: [] for stem in FILES}
    try:
        for doc in documents:
            for stem in FILES:
                pending[stem].extend(doc.csv_rows(stem))
                if len(pending[stem]) >= row_group_rows:
                    writers[stem].write_table(table(stem, pending[stem]))
                    pending[stem] = []
        for stem in FILES:
            if pending[stem]:
                writers[stem].write_table(table(stem, pending[stem]))
    finally:
        for w in writers.values():
            w.close()
    return paths
