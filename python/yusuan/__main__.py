"""``python -m yusuan parquet DIR OUT``: a ``yusuan extract`` output folder
as Parquet files (``OUT/<file>.parquet``, exact decimals), readable by
DuckDB, pandas, Spark and Polars without a schema written by hand.
"""

from __future__ import annotations

import argparse
import sys
from typing import Optional, Sequence

from . import write_parquet


def main(argv: Optional[Sequence[str]] = None) -> int:
    p = argparse.ArgumentParser(prog="python -m yusuan", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    pq = sub.add_parser("parquet", help="an extract output folder as Parquet files")
    pq.add_argument("dir", help="output folder of `yusuan extract` (its docs/*.json are read)")
    pq.add_argument("out", help="folder for <file>.parquet")
    args = p.parse_args(argv)
    try:
        paths = write_parquet(args.dir, args.out)
    except (OSError, ValueError) as e:
        print(f"yusuan: {e}", file=sys.stderr)
        return 2
    print(f"yusuan: wrote {len(paths)} Parquet files to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
