"""The native module (Rust, PyO3): thin; see python/src/lib.rs."""

from typing import Iterator, List, Optional, Tuple, Union
import os

__version__: str
MAX_FILE_MB: int
FILE_TIMEOUT: float

class Record:
    doc_id: str
    status: str
    warnings: List[str]
    error: str
    failure: Optional[str]
    source_path: str
    def rows(self) -> List[List[List[str]]]: ...
    def csv(self) -> List[bytes]: ...
    def pages(self) -> List[Tuple[int, str, bool, str]]: ...
    def json(self) -> str: ...

class Documents(Iterator[Record]):
    def __next__(self) -> Record: ...
    def __len__(self) -> int: ...

def files() -> List[Tuple[str, List[Tuple[str, str, str]]]]: ...
def extract(
    source: Union[str, os.PathLike[str], bytes],
    *,
    ocr: str = "auto",
    password: Optional[str] = None,
    timeout: Optional[float] = None,
    name: Optional[str] = None,
) -> Record: ...
def extract_many(
    paths: List[str],
    *,
    jobs: Optional[int] = None,
    ocr: str = "auto",
    password: Optional[str] = None,
    timeout: Optional[float] = None,
) -> Documents: ...
def record_ids(dir: Union[str, os.PathLike[str]]) -> List[str]: ...
def read_record(dir: Union[str, os.PathLike[str]], doc_id: str) -> Record: ...
def panel(dirs: List[str]) -> Tuple[List[Tuple[str, str, str]], List[List[str]]]: ...
