"""yusuan (预算): Chinese government budget-disclosure PDFs into exact data.

The same pipeline as the ``yusuan`` command line, in Python::

    import yusuan
    doc = yusuan.extract("samples/rsj2019_budget_cidfont.pdf")
    doc.metadata["department"]        # '武汉市东西湖区人力资源和社会保障局'
    doc.facts[0]["value"]             # Decimal('26583300.00'), yuan
    tables = doc.to_arrow()           # {'facts': pyarrow.Table, ...}

Every document goes through the Rust library's one pipeline function, and
its rows are those ``yusuan extract`` writes to its CSVs, typed by the
schema the CSVs follow: decimals as :class:`decimal.Decimal` (never a
float), whole numbers as ``int``, ``true``/``false`` as ``bool``, an empty
field as ``None``. The columns come from the Rust schema
(:data:`FILES`), so a column added there appears here by itself.

``pyarrow`` (``to_arrow``, Parquet, Spark) and ``pandas`` (``to_pandas``)
are optional: ``pip install 'yusuan[pandas]'``.
"""

from __future__ import annotations

import os
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterable, Iterator, List, Optional, Tuple, Union

from . import _native

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import pyarrow

__all__ = [
    "FILES",
    "Column",
    "Document",
    "Error",
    "UnreadableError",
    "TooLargeError",
    "NotPdfError",
    "EncryptedError",
    "TimedOutError",
    "InternalError",
    "extract",
    "extract_many",
    "read_folder",
    "to_arrow",
    "write_parquet",
    "__version__",
    "panel",
]

__version__: str = _native.__version__


class Column:
    """One column of an output file: its name, type and description.

    ``type`` is one of ``string``, ``integer``, ``decimal`` (exact: money in
    yuan, or the unit the row's ``unit`` gives), ``number`` (a measurement,
    e.g. an OCR confidence) and ``boolean``.
    """

    __slots__ = ("name", "type", "description")

    def __init__(self, name: str, type: str, description: str) -> None:
        self.name = name
        self.type = type
        self.description = description

    def __repr__(self) -> str:
        return f"Column({self.name!r}, {self.type!r})"


#: Every output file (``documents``, ``facts``, ``tables``, ``line_items``,
#: ``projects``, ``indicators``, ``checks``) and its columns, in the order of
#: the CSVs, read from the Rust schema.
FILES: Dict[str, Tuple[Column, ...]] = {
    stem: tuple(Column(*c) for c in columns) for stem, columns in _native.files()
}

_STEMS: Tuple[str, ...] = tuple(FILES)


class Error(Exception):
    """A document that yielded nothing.

    ``str(error)`` is the one-line reason ``yusuan extract`` writes to
    ``documents.csv`` (``not a PDF file (no %PDF header)``); ``kind`` names
    the failure (``unreadable``, ``too_large``, ``not_pdf``, ``encrypted``,
    ``timed_out``, ``internal``); ``path`` is the path or name given;
    ``document`` is the failed :class:`Document` (its ``metadata`` is the
    ``documents.csv`` row, status ``failed``).
    """

    kind = "error"

    def __init__(self, message: str, *, path: str = "", document: Optional["Document"] = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.document = document


class UnreadableError(Error):
    """The file could not be read (missing, permission, I/O)."""

    kind = "unreadable"


class TooLargeError(Error):
    """Over a size or object limit."""

    kind = "too_large"


class NotPdfError(Error):
    """Not a PDF, damaged beyond repair, or without pages."""

    kind = "not_pdf"


class EncryptedError(Error):
    """Encrypted with a password that was not given (``password=``)."""

    kind = "encrypted"


class TimedOutError(Error):
    """Over its time limit (``timeout=``, 120 s by default as in the CLI)."""

    kind = "timed_out"


class InternalError(Error):
    """A bug of yusuan's, caught: please report it with the file."""

    kind = "internal"


_ERRORS: Dict[str, type] = {
    c.kind: c
    for c in (Error, UnreadableError, TooLargeError, NotPdfError, EncryptedError, TimedOutError, InternalError)
}


def _typer(ty: str) -> Callable[[str], Any]:
    if ty == "decimal":
        return lambda s: Decimal(s) if s else None
    if ty == "integer":
        return lambda s: int(s) if s else None
    if ty == "number":
        return lambda s: float(s) if s else None
    if ty == "boolean":
        return lambda s: (s == "true") if s else None
    return lambda s: s if s else None


_TYPERS: Dict[str, Tuple[Tuple[str, Callable[[str], Any]], ...]] = {
    stem: tuple((c.name, _typer(c.type)) for c in cols) for stem, cols in FILES.items()
}


class Document:
    """One processed PDF: what ``docs/<doc_id>.json`` and one document's
    rows of the CSVs hold.

    ``metadata`` is its ``documents.csv`` row; ``facts``, ``tables``,
    ``line_items``, ``projects``, ``indicators`` and ``checks`` are its rows
    of those files, each a dict keyed by column name. ``status`` is ``ok``,
    ``partial`` (``warnings`` say what could not be read) or ``failed``
    (``error`` is the :class:`Error`; only :func:`extract_many` and
    :func:`read_folder` hand out failed documents, :func:`extract` raises).
    """

    __slots__ = ("_record", "_rows", "_typed")

    def __init__(self, record: "_native.Record") -> None:
        self._record = record
        self._rows: Optional[Dict[str, List[List[str]]]] = None
        self._typed: Dict[str, List[Dict[str, Any]]] = {}

    def __repr__(self) -> str:
        return f"<yusuan.Document {self.doc_id} {self.status} {self.source_path!r}>"

    @property
    def doc_id(self) -> str:
        """First 16 hex digits of the SHA-256 of the PDF's bytes."""
        return self._record.doc_id

    @property
    def status(self) -> str:
        """``ok``, ``partial`` or ``failed``."""
        return self._record.status

    @property
    def warnings(self) -> List[str]:
        """What could not be read, one line each (empty when ``ok``)."""
        return self._record.warnings

    @property
    def source_path(self) -> str:
        """The path (or the ``name=`` given with bytes) it was read from."""
        return self._record.source_path

    @property
    def error(self) -> Optional[Error]:
        """The failure as an :class:`Error` (``None`` unless ``failed``)."""
        kind = self._record.failure
        if kind is None:
            return None
        cls = _ERRORS.get(kind, Error)
        return cls(self._record.error, path=self.source_path, document=self)

    def csv_rows(self, name: str) -> List[List[str]]:
        """The rows of output file ``name`` (``facts``, …) exactly as the
        CSV's text: what ``yusuan extract`` writes for this document."""
        if self._rows is None:
            self._rows = dict(zip(_STEMS, self._record.rows()))
        try:
            return self._rows[name]
        except KeyError:
            raise KeyError(f"{name!r}: not an output file (one of {', '.join(_STEMS)})") from None

    def rows(self, name: str) -> List[Dict[str, Any]]:
        """The rows of output file ``name``, typed by its columns."""
        typed = self._typed.get(name)
        if typed is None:
            typers = _TYPERS[name] if name in _TYPERS else ()
            typed = [{c: t(v) for (c, t), v in zip(typers, row)} for row in self.csv_rows(name)]
            self._typed[name] = typed
        return typed

    @property
    def metadata(self) -> Dict[str, Any]:
        """The ``documents.csv`` row: department, region, year, kind, status…"""
        return self.rows("documents")[0]

    @property
    def facts(self) -> List[Dict[str, Any]]:
        """``facts.csv``: one figure per metric, ``value`` a ``Decimal``."""
        return self.rows("facts")

    @property
    def tables(self) -> List[Dict[str, Any]]:
        """``tables.csv``: every cell of every table."""
        return self.rows("tables")

    @property
    def line_items(self) -> List[Dict[str, Any]]:
        """``line_items.csv``: amounts of classified tables by 科目 code."""
        return self.rows("line_items")

    @property
    def projects(self) -> List[Dict[str, Any]]:
        """``projects.csv``: budget projects."""
        return self.rows("projects")

    @property
    def indicators(self) -> List[Dict[str, Any]]:
        """``indicators.csv``: performance-target indicators."""
        return self.rows("indicators")

    @property
    def checks(self) -> List[Dict[str, Any]]:
        """``checks.csv``: consistency checks run on the document."""
        return self.rows("checks")

    @property
    def pages(self) -> List[Dict[str, Any]]:
        """Every page's text: ``{"page", "kind", "ocr", "text"}``."""
        return [
            {"page": p, "kind": k, "ocr": o, "text": t} for p, k, o, t in self._record.pages()
        ]

    def to_json(self) -> str:
        """The whole record as JSON, as ``docs/<doc_id>.json`` holds it."""
        return self._record.json()

    def to_arrow(self) -> Dict[str, "pyarrow.Table"]:
        """Every output file as a ``pyarrow.Table`` (needs pyarrow).

        Money-only columns are ``decimal128(20, 2)``; columns whose unit
        varies by row (``value``: yuan, pct, persons…) and the checks'
        figures are ``decimal128(38, 10)``, so that no value is ever
        rounded; a value that does not fit raises rather than round.
        """
        from . import _arrow

        return _arrow.document_tables(self)

    def to_pandas(self) -> Dict[str, "pandas.DataFrame"]:
        """Every output file as a ``pandas.DataFrame`` (needs pandas and
        pyarrow); decimal columns hold ``decimal.Decimal`` objects."""
        return {name: t.to_pandas() for name, t in self.to_arrow().items()}


def _raise_failed(doc: Document) -> Document:
    err = doc.error
    if err is not None:
        raise err
    return doc


Source = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview]


def extract(
    source: Source,
    *,
    ocr: str = "auto",
    password: Optional[str] = None,
    timeout: Optional[float] = None,
    name: Optional[str] = None,
) -> Document:
    """Extract one PDF, from a path or from bytes.

    ``ocr``: ``auto`` (scanned and undecodable pages are read by Tesseract
    when it is installed), ``always`` or ``never``, as ``--ocr``;
    ``password`` for an encrypted file (the empty one is always tried);
    ``timeout`` in seconds (default 120, as ``--file-timeout``); ``name``:
    the ``source_path`` reported for bytes.

    The GIL is released while the document is processed. A document that
    yields nothing raises an :class:`Error` subclass with the one-line
    reason the CLI prints; a damaged one that still yields pages comes back
    with status ``partial`` and its ``warnings``.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        record = _native.extract(
            bytes(source), ocr=ocr, password=password, timeout=timeout, name=name or ""
        )
    else:
        record = _native.extract(os.fspath(source), ocr=ocr, password=password, timeout=timeout)
    return _raise_failed(Document(record))


def extract_many(
    paths: Union[Source, Iterable[Union[str, "os.PathLike[str]"]]],
    *,
    jobs: Optional[int] = None,
    ocr: str = "auto",
    password: Optional[str] = None,
    timeout: Optional[float] = None,
) -> Iterator[Document]:
    """Extract many PDFs in parallel, yielding each document as it finishes.

    ``paths``: files and folders (walked for ``*.pdf`` as ``yusuan extract``
    walks them). ``jobs``: worker threads (default: all cores). The work
    runs in Rust with the GIL released. A file that yields nothing does not
    stop the others: it comes back as a document with status ``failed``
    and its :attr:`Document.error` (``raise doc.error`` to raise it).
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    native = _native.extract_many(
        [os.fspath(p) for p in paths], jobs=jobs, ocr=ocr, password=password, timeout=timeout
    )
    for record in native:
        yield Document(record)


def read_folder(path: Union[str, "os.PathLike[str]"]) -> Iterator[Document]:
    """The documents of a ``yusuan extract`` output folder (its
    ``docs/*.json`` records), one at a time in ``doc_id`` order: the same
    rows as the folder's CSVs, typed, ready for :func:`to_arrow` or
    :func:`write_parquet`. A failed document's ``error`` is an
    :class:`Error` of the base class (the record keeps the reason, not the
    kind)."""
    folder = os.fspath(path)
    if not os.path.isdir(os.path.join(folder, "docs")):
        raise FileNotFoundError(f"{folder}: not an extract output folder (no docs/ in it)")
    for doc_id in _native.record_ids(folder):
        yield Document(_native.read_record(folder, doc_id))


def to_arrow(documents: Iterable[Document]) -> Dict[str, "pyarrow.Table"]:
    """Several documents' rows as one ``pyarrow.Table`` per output file."""
    from . import _arrow

    return _arrow.concat(documents)


def panel(dirs: Iterable[Union[str, "os.PathLike[str]"]]) -> "pyarrow.Table":
    """``yusuan panel`` of ``yusuan extract`` output folders as a typed
    Arrow table: one row per (``dept_key``, ``year``, ``doc_kind``), and per
    metric its figure (money ``decimal128(20, 2)``, other units
    ``decimal128(38, 10)``), the document and the page it came from. The
    same rows as ``yusuan panel DIR... --out panel.csv``."""
    from . import _arrow

    columns, rows = _native.panel([os.fspath(d) for d in dirs])
    return _arrow.typed_table([Column(*c) for c in columns], rows)


def write_parquet(
    documents: Union[Iterable[Document], str, "os.PathLike[str]"],
    out: Union[str, "os.PathLike[str]"],
) -> Dict[str, str]:
    """Write ``OUT/<file>.parquet`` for every output file (documents,
    facts, tables, …) with exact decimals; ``documents`` are documents or
    a ``yusuan extract`` output folder. Returns the paths written."""
    from . import _arrow

    if isinstance(documents, (str, os.PathLike)):
        documents = read_folder(documents)
    return _arrow.write_parquet(documents, os.fspath(out))
