"""The README's Python, Parquet, DuckDB, SQLite and Spark snippets run as
written: every fenced block preceded by ``<!-- test: KIND -->`` is run, in
order, in one folder holding ``samples/``, with the CLI built from this
repository and this Python on PATH. Queries must return rows."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES, cli_binary

# `<!-- test: sql sqlite FILE -->` queries FILE (default: yusuan.db).
BLOCK = re.compile(r"<!-- test: (\w+)(?: (\w+))?(?: ([\w.]+))? -->\n+```(\w+)\n(.*?)```", re.S)


def snippets():
    return [
        (m.group(1), m.group(2), m.group(3), m.group(5))
        for m in BLOCK.finditer((ROOT / "README.md").read_text("utf-8"))
    ]


def test_readme_snippets_run(tmp_path):
    duckdb = pytest.importorskip("duckdb")
    pytest.importorskip("pyspark")
    (tmp_path / "samples").symlink_to(SAMPLES)
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(cli_binary().parent), str(Path(sys.executable).parent), env.get("PATH", "")])
    env["PYSPARK_PYTHON"] = sys.executable
    ran = Counter()
    for kind, sub, db, code in snippets():
        where = f"README {kind} {sub or ''} snippet:\n{code}"
        if kind == "sh":
            p = subprocess.run(["bash", "-euo", "pipefail", "-c", code], cwd=tmp_path, env=env,
                               capture_output=True, text=True)
            assert p.returncode == 0, f"{where}\n{p.stderr[-3000:]}"
            if "yusuan.spark" in code:
                ran["spark"] += 1
        elif kind == "python":
            p = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
            assert p.returncode == 0, f"{where}\n{p.stderr[-3000:]}"
            assert p.stdout.strip(), f"{where}\nprinted nothing"
            if "pyspark" in code:
                ran["spark"] += 1
        elif kind == "sql" and sub == "duckdb":
            cwd = os.getcwd()
            os.chdir(tmp_path)
            try:
                rows = duckdb.connect().execute(code).fetchall()
            finally:
                os.chdir(cwd)
            assert rows, f"{where}\nno rows"
        elif kind == "sql" and sub == "sqlite":
            rows = sqlite3.connect(tmp_path / (db or "yusuan.db")).execute(code).fetchall()
            assert rows, f"{where}\nno rows"
        else:
            pytest.fail(f"unknown snippet kind: {kind} {sub}")
        ran[sub or kind] += 1
    assert ran["python"] >= 3 and ran["sh"] >= 3 and ran["duckdb"] >= 2 and ran["sqlite"] >= 2, ran
    assert ran["spark"] >= 2, ran
