"""Arrow, pandas, Parquet (read back by pyarrow, pandas and DuckDB) and
SQLite (queried, and served by Datasette) hold the CLI's rows exactly."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import yusuan
from conftest import SAMPLES, arrow_rows, by_doc, read_csv, run_cli, typed_rows

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def test_to_arrow_types_and_values(cli_out):
    doc = yusuan.extract(str(SAMPLES / "rsj2019_budget_cidfont.pdf"))
    tables = doc.to_arrow()
    assert list(tables) == list(yusuan.FILES)
    for stem, table in tables.items():
        assert table.column_names == [c.name for c in yusuan.FILES[stem]]
        for c, field in zip(yusuan.FILES[stem], table.schema):
            if c.type == "decimal":
                assert pa.types.is_decimal(field.type)
                # Money-only columns are decimal128(20, 2); mixed-unit ones wider.
                want = (20, 2) if c.description == "yuan" else (38, 10)
                assert (field.type.precision, field.type.scale) == want, (stem, c.name)
        want = typed_rows(stem, by_doc(read_csv(cli_out, stem)).get(doc.doc_id, []))
        assert arrow_rows(stem, table) == want, stem
    assert tables["projects"].schema.field("total").type == pa.decimal128(20, 2)


def test_a_value_that_does_not_fit_raises_rather_than_rounds():
    from yusuan import _arrow

    row = [""] * len(yusuan.FILES["projects"])
    names = [c.name for c in yusuan.FILES["projects"]]
    row[names.index("total")] = "12.345"
    with pytest.raises(pa.ArrowInvalid):
        _arrow.table("projects", [row])
    row[names.index("total")] = "12.34"
    assert _arrow.table("projects", [row]).column("total")[0].as_py() == Decimal("12.34")


def test_to_pandas():
    pytest.importorskip("pandas")
    doc = yusuan.extract(str(SAMPLES / "rsj2019_budget_cidfont.pdf"))
    frames = doc.to_pandas()
    facts = frames["facts"]
    assert len(facts) == len(doc.facts)
    assert list(facts.columns) == [c.name for c in yusuan.FILES["facts"]]
    assert all(isinstance(v, Decimal) for v in facts["value"])
    assert facts["value"].sum() == sum(f["value"] for f in doc.facts)


@pytest.fixture(scope="module")
def parquet_dir(cli_out, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("parquet")
    subprocess.run([sys.executable, "-m", "yusuan", "parquet", str(cli_out), str(out)], check=True)
    return out


def test_parquet_from_the_cli_folder_holds_the_csv_rows(cli_out, parquet_dir):
    for stem in yusuan.FILES:
        table = pq.read_table(parquet_dir / f"{stem}.parquet")
        assert arrow_rows(stem, table) == typed_rows(stem, read_csv(cli_out, stem)), stem


def test_parquet_reads_in_pandas_and_duckdb_without_a_schema(cli_out, parquet_dir):
    pd = pytest.importorskip("pandas")
    duckdb = pytest.importorskip("duckdb")
    facts = read_csv(cli_out, "facts")
    total = sum(Decimal(r[6]) for r in facts if r[7] == "yuan")
    df = pd.read_parquet(parquet_dir / "facts.parquet")
    assert df.loc[df["unit"] == "yuan", "value"].sum() == total
    con = duckdb.connect()
    ty, got = con.execute(
        f"SELECT typeof(value), sum(value) FROM '{parquet_dir / 'facts.parquet'}' WHERE unit = 'yuan' GROUP BY 1"
    ).fetchone()
    assert ty.startswith("DECIMAL") and Decimal(got) == total
    n = con.execute(f"SELECT count(*) FROM '{parquet_dir / 'tables.parquet'}'").fetchone()[0]
    assert n == len(read_csv(cli_out, "tables"))


@pytest.fixture(scope="module")
def sqlite_db(cli_out, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("sqlite") / "yusuan.db"
    run_cli("export", str(cli_out), "--sqlite", str(db))
    return db


def test_sqlite_tables_hold_the_csv_rows(cli_out, sqlite_db):
    con = sqlite3.connect(sqlite_db)
    for stem, cols in yusuan.FILES.items():
        names = [r[1] for r in con.execute(f'PRAGMA table_info("{stem}")')]
        assert names == [c.name for c in cols], stem
        got = con.execute(f'SELECT * FROM "{stem}"').fetchall()
        # SQLite's values typed back: decimals are text, booleans 0/1.
        back = []
        for row in got:
            out = []
            for c, v in zip(cols, row):
                if v is None:
                    out.append(None)
                elif c.type == "decimal":
                    assert isinstance(v, str), (stem, c.name, v)
                    out.append(Decimal(v))
                elif c.type == "boolean":
                    out.append(bool(v))
                else:
                    out.append(v)
            back.append(tuple(out))
        from collections import Counter

        assert Counter(back) == typed_rows(stem, read_csv(cli_out, stem)), stem
    indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"idx_facts_doc_id", "idx_facts_metric", "idx_line_items_code", "idx_tables_doc_id_table_id"} <= indexes


def test_sqlite_search_lands_on_the_page(cli_out, sqlite_db):
    con = sqlite3.connect(sqlite_db)
    hits = con.execute(
        "SELECT pages.doc_id, pages.page FROM pages_fts JOIN pages ON pages.rowid = pages_fts.rowid "
        "WHERE pages_fts MATCH '\"公务接待\"' ORDER BY 1, 2"
    ).fetchall()
    want = []
    for doc_id in sorted(by_doc(read_csv(cli_out, "documents"))):
        doc = next(d for d in yusuan.read_folder(cli_out) if d.doc_id == doc_id)
        want += [(doc_id, p["page"]) for p in doc.pages if "公务接待" in p["text"]]
    assert hits == sorted(want) and len(hits) >= 3


def test_datasette_serves_it_as_it_is(sqlite_db):
    datasette = pytest.importorskip("datasette.app")
    exe = shutil.which("datasette") or str(Path(sys.executable).parent / "datasette")
    subprocess.run([exe, "inspect", str(sqlite_db)], check=True, capture_output=True)

    async def query():
        ds = datasette.Datasette([str(sqlite_db)])
        r = await ds.client.get("/yusuan/pages.json?_search=公务接待&_shape=array")
        assert r.status_code == 200, r.text
        rows = r.json()
        assert rows and all("公务接待" in row["text"] for row in rows)
        r = await ds.client.get("/yusuan/facts.json?metric=three_public.total&_shape=array")
        assert r.status_code == 200 and r.json()
        return rows

    asyncio.run(query())


def test_panel_as_parquet_holds_the_cli_panel_typed(cli_out, tmp_path):
    """``python -m yusuan panel`` writes the rows of ``yusuan panel`` (CSV)
    as one Parquet file: money decimal128(20, 2), year int64, exact."""
    csv_file = tmp_path / "panel.csv"
    run_cli("panel", str(cli_out), "--out", str(csv_file))
    with open(csv_file, newline="", encoding="utf-8") as f:
        rows = list(__import__("csv").reader(f))
    header, body = rows[0], rows[1:]
    out = tmp_path / "panel.parquet"
    proc = subprocess.run(
        [sys.executable, "-m", "yusuan", "panel", str(cli_out), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    t = pq.read_table(out)
    assert t.column_names == header
    assert t.schema.field("year").type == pa.int64()
    assert t.schema.field("expenditure.total").type == pa.decimal128(20, 2)
    assert t.schema.field("expenditure.total.page").type == pa.int64()
    decimal = [pa.types.is_decimal(f.type) for f in t.schema]

    def text(v, is_decimal):
        # Exact: a decimal compares by value (3 == 3.0000000000), all else as the CSV's text.
        return None if v is None else (v.normalize() if is_decimal else str(v))

    got = [[text(v, d) for v, d in zip(row.values(), decimal)] for row in t.to_pylist()]
    want = [[None if v == "" else (Decimal(v).normalize() if d else v) for v, d in zip(r, decimal)] for r in body]
    assert got == want
    assert any(r[header.index("expenditure.total")] for r in body), "the panel has figures"
    assert yusuan.panel([cli_out]).equals(t)
