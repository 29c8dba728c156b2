"""``python -m yusuan parquet DIR OUT``: a ``yusuan extract`` output folder
as Parquet files (``OUT/<file>.parquet``, exact decimals), readable by
DuckDB, pandas, Spark and Polars without a schema written by hand.

``python -m yusuan panel DIR... --out FILE.parquet``: ``yusuan panel`` as
one Parquet file with the same types.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Optional, Sequence

from . import panel, write_parquet


def main(argv: Optional[Sequence[str]] = None) -> int:
    p = argparse.ArgumentParser(prog="python -m yusuan", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    pq = sub.add_parser("parquet", help="an extract output folder as Parquet files")
    pq.add_argument("dir", help="output folder of `yusuan extract` (its docs/*.json are read)")
    pq.add_argument("out", help="folder for <file>.parquet")
    pn = sub.add_parser("panel", help="yusuan panel of output folders as one Parquet file")
    pn.add_argument("dirs", nargs="+", help="output folders of `yusuan extract`")
    pn.add_argument("--out", required=True, help="the Parquet file to write")
    args = p.parse_args(argv)
    if args.command == "panel":
        import pyarrow.parquet as pq

        try:
            t = panel(args.dirs)
            tmp = f"{args.out}.tmp-{os.getpid()}"
            pq.write_table(t, tmp, compression="zstd")
            os.replace(tmp, args.out)
        except (OSError, ValueError) as e:
            print(f"yusuan: {e}", file=sys.stderr)
            return 2
        print(f"yusuan: panel of {t.num_rows} rows × {t.num_columns} columns → {args.out}", file=sys.stderr)
        return 0
    try:
        paths = write_parquet(args.dir, args.out)
    except (OSError, ValueError) as e:
        print(f"yusuan: {e}", file=sys.stderr)
        return 2
    print(f"yusuan: wrote {len(paths)} Parquet files to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
