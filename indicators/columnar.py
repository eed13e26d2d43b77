"""The read model's columnar copy on disk: Arrow IPC files, one folder per version of the
store, written once and memory-mapped by every process that reads the store.

A server's workers then hold one copy of the claims' text between them (the operating
system shares the mapped pages), and a worker that starts finds the claims already in
columns instead of reading a million rows out of SQL. Text columns are mapped without a
copy; numbers and dates, a small part of the whole, are copied into each process.

The folder sits beside a SQLite file (``.<name>.read-model``) or, for other databases, in
the system's temporary folder; ``$IMPACT_MONITOR_CACHE`` names another folder, or ``off``.
It is a cache: deleting it loses nothing.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa

from indicators.paths import sqlite_file
from indicators.schemas import columns

KEEP_VERSIONS = 3
"""Folders of older versions are removed once a newer one is written (a process that still
maps one keeps its pages: removing a mapped file is safe)."""


def cache_root(url: str, birth: str) -> Path | None:
    """The folder holding the columnar copies of the store at ``url`` whose first audit
    entry is ``birth`` (a store made again at the same address gets another folder);
    None: no cache."""
    chosen = os.environ.get("IMPACT_MONITOR_CACHE", "").strip()
    if chosen.lower() == "off" or not birth:
        return None
    store_key = hashlib.sha256(f"{url}\n{birth}".encode()).hexdigest()[:16]
    if chosen:
        return Path(chosen) / store_key
    file = sqlite_file(url)
    if file is not None:
        return file.parent / f".{file.name}.read-model" / store_key
    return Path(tempfile.gettempdir()) / "impact-monitor-read-model" / store_key


def folder(root: Path, version: int) -> Path:
    return root / f"v{version}"


def has(root: Path | None, version: int) -> bool:
    return root is not None and (folder(root, version) / "done").exists()


@contextlib.contextmanager
def building(root: Path) -> Iterator[None]:
    """Hold the folder's lock while a copy is made: other processes wait, then map it."""
    root.mkdir(parents=True, exist_ok=True)
    with (root / ".lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def save(root: Path, version: int, frames: dict[str, pd.DataFrame]) -> bool:
    """Write the frames (claim tables and ``sources``) as version ``version``; False when
    that version is already there. The folder appears whole or not at all."""
    target = folder(root, version)
    if has(root, version):
        return False
    root.mkdir(parents=True, exist_ok=True)
    work = root / f".v{version}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    work.mkdir()
    try:
        for name, frame in frames.items():
            table = pa.Table.from_pandas(frame, preserve_index=False)
            with (
                pa.OSFile(str(work / f"{name}.arrow"), "wb") as sink,
                pa.ipc.new_file(sink, table.schema) as writer,
            ):
                writer.write_table(table)
        (work / "done").write_text(str(version), encoding="utf-8")
        try:
            work.rename(target)
        except OSError:  # another process wrote the same version first
            shutil.rmtree(work, ignore_errors=True)
            return False
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    _prune(root, version)
    return True


def load(root: Path, version: int, names: list[str]) -> dict[str, pd.DataFrame] | None:
    """The frames of version ``version`` (None when that copy is not there), text columns
    mapped from disk, the rest in each column's schema type."""
    if not has(root, version):
        return None
    out = {}
    for name in names:
        path = folder(root, version) / f"{name}.arrow"
        table = pa.ipc.open_file(pa.memory_map(str(path))).read_all()
        out[name] = _typed(table, name)
    return out


def _typed(table: pa.Table, name: str) -> pd.DataFrame:
    schema = {spec.name: spec.dtype for spec in columns(name)}
    data = {}
    for column_name in table.column_names:
        column = table.column(column_name)
        dtype = schema.get(column_name, "")
        if dtype == "string[pyarrow]" and pa.types.is_large_string(column.type):
            data[column_name] = pd.arrays.ArrowStringArray(column)  # mapped, not copied
        elif dtype.startswith("datetime64"):
            data[column_name] = pd.Series(column.to_pandas()).astype("datetime64[ns]")
        elif dtype:
            data[column_name] = pd.Series(column.to_pandas()).astype(dtype)
        else:
            data[column_name] = column.to_pandas()
    return pd.DataFrame(data)


def _prune(root: Path, newest: int) -> None:
    versions = sorted(
        (int(p.name[1:]) for p in root.glob("v*") if p.name[1:].isdigit()), reverse=True
    )
    for old in versions[KEEP_VERSIONS:]:
        if old < newest:
            shutil.rmtree(folder(root, old), ignore_errors=True)
