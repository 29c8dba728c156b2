"""``frictionless validate DIR/datapackage.json`` passes on every output
folder: the checked-in sample output, a fresh ``yusuan extract samples/``,
and the real corpus's output when ``../shared/corpus`` is there (skipped
otherwise, as the Rust tests do). The validator is the command a user runs
(the README says so), from the same environment as this Python; any error
it reports — a value that is not its field's type, a header that is not
the schema's, a row of the wrong width — fails the test with the
validator's own report."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_cli


def frictionless_command() -> str:
    pytest.importorskip("frictionless")
    beside = Path(sys.executable).parent / "frictionless"
    found = str(beside) if beside.is_file() else shutil.which("frictionless")
    if not found:
        pytest.skip("the frictionless command is not installed")
    return found


def validate(folder: Path) -> None:
    descriptor = folder / "datapackage.json"
    assert descriptor.is_file(), f"{descriptor} missing"
    # --json: a report that says valid or not, whatever the terminal.
    p = subprocess.run(
        [frictionless_command(), "validate", "--json", str(descriptor)],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    assert p.returncode == 0, f"frictionless validate {descriptor}:\n{p.stdout[-4000:]}\n{p.stderr[-2000:]}"
    assert '"valid": true' in p.stdout, p.stdout[-4000:]


def test_the_checked_in_sample_output_validates():
    validate(ROOT / "samples" / "expected" / "output")


def test_a_fresh_extract_of_the_samples_validates(cli_out):
    validate(cli_out)


def test_the_real_corpus_output_validates(tmp_path):
    corpus = ROOT.parent / "shared" / "corpus" / "real"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus not found")
    out = tmp_path / "real"
    run_cli("extract", str(corpus), "--out", str(out), "--quiet")
    validate(out)


def test_an_invalid_folder_fails(tmp_path, cli_out):
    """The validator is not a formality: a money value that is no number
    makes it fail (so the tests above could fail)."""
    out = tmp_path / "broken"
    shutil.copytree(cli_out, out, ignore=shutil.ignore_patterns("docs"))
    facts = (out / "facts.csv").read_text("utf-8").splitlines(keepends=True)
    header = facts[0].rstrip("\n").split(",")
    value = header.index("value")
    # The first row whose cells up to `value` hold no quoted comma.
    for i, line in enumerate(facts[1:], start=1):
        cells = line.split(",")
        if '"' not in ",".join(cells[: value + 1]):
            cells[value] = "125万元"
            facts[i] = ",".join(cells)
            break
    (out / "facts.csv").write_text("".join(facts), "utf-8")
    with pytest.raises(AssertionError):
        validate(out)
