"""Shared fixtures: the repository, the ``yusuan`` CLI, its output on the
samples (what every other way of getting the rows is compared with), and
the CSV text typed independently of the package."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Dict, List

import pytest

import yusuan

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"


def cli_binary() -> Path:
    """The CLI built from this repository: ``YUSUAN_BIN``, else
    ``target/release/yusuan`` (``.ci/run`` builds it), else debug."""
    env = os.environ.get("YUSUAN_BIN")
    candidates = [Path(env)] if env else []
    candidates += [ROOT / "target/release/yusuan", ROOT / "target/debug/yusuan"]
    for c in candidates:
        if c.is_file():
            return c
    pytest.skip("the yusuan CLI is not built (cargo build --release, or set YUSUAN_BIN)")


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(cli_binary()), *args], cwd=cwd, capture_output=True, text=True)
    # 0: all ok; 1: some partial or failed (the run completed).
    assert proc.returncode in (0, 1), proc.stderr
    return proc


def read_csv(folder: Path, stem: str) -> List[List[str]]:
    """The rows of ``folder/<stem>.csv``, header checked against the schema."""
    with open(folder / f"{stem}.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == [c.name for c in yusuan.FILES[stem]], f"{stem}.csv header"
    return rows[1:]


def by_doc(rows: List[List[str]]) -> Dict[str, List[List[str]]]:
    out: Dict[str, List[List[str]]] = defaultdict(list)
    for r in rows:
        out[r[0]].append(r)
    return dict(out)


def typed_value(ty: str, text: str):
    """The CSV text as the value a typed format must give back (written
    here, apart from the package, so the package is checked against it)."""
    if text == "":
        return None
    if ty == "decimal":
        return Decimal(text)
    if ty == "integer":
        return int(text)
    if ty == "number":
        return float(text)
    if ty == "boolean":
        return {"true": True, "false": False}[text]
    return text


def typed_rows(stem: str, rows: List[List[str]], skip=()) -> Counter:
    """CSV rows as a multiset of typed tuples (columns in ``skip`` left out)."""
    cols = yusuan.FILES[stem]
    return Counter(
        tuple(typed_value(c.type, v) for c, v in zip(cols, r) if c.name not in skip) for r in rows
    )


def arrow_rows(stem: str, table, skip=()) -> Counter:
    """A pyarrow table's rows (the schema's columns only) as a multiset of
    tuples, comparable with :func:`typed_rows`."""
    names = [c.name for c in yusuan.FILES[stem] if c.name not in skip]
    cols = [table.column(n).to_pylist() for n in names]
    out = []
    for row in zip(*cols) if cols else []:
        # Arrow's decimals carry the column's scale (29344500.0000000000):
        # the same number as the CSV's 29344500.00, and equal to it.
        out.append(tuple(row))
    return Counter(out)


@pytest.fixture(scope="session")
def cli_out(tmp_path_factory) -> Path:
    """``yusuan extract samples/ --out DIR`` (OCR as by default)."""
    out = tmp_path_factory.mktemp("cli") / "out"
    run_cli("extract", str(SAMPLES), "--out", str(out), "--quiet")
    return out


@pytest.fixture(scope="session")
def mixed_inputs(tmp_path_factory) -> Path:
    """The samples plus files that cannot be read, in one folder."""
    d = tmp_path_factory.mktemp("mixed") / "in"
    d.mkdir()
    for pdf in sorted(SAMPLES.glob("*.pdf")):
        shutil.copy(pdf, d / pdf.name)
    (d / "not_a_pdf.pdf").write_bytes(b"<html>404 Not Found</html>\n")
    (d / "empty.pdf").write_bytes(b"")
    return d


@pytest.fixture(scope="session")
def cli_mixed_never(tmp_path_factory, mixed_inputs) -> Path:
    """``yusuan extract`` with ``--ocr never`` over :func:`mixed_inputs`."""
    out = tmp_path_factory.mktemp("cli_mixed") / "out"
    run_cli("extract", str(mixed_inputs), "--out", str(out), "--quiet", "--ocr", "never")
    return out
