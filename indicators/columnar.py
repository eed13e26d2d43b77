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

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from indicators.paths import sqlite_file
from indicators.schemas import CLAIM_TABLES, columns

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
    store_key = hashlib.sha256(f"{url}\n{birth}\n{_shape()}".encode()).hexdigest()[:16]
    if chosen:
        return Path(chosen) / store_key
    file = sqlite_file(url)
    if file is not None:
        return file.parent / f".{file.name}.read-model" / store_key
    return Path(tempfile.gettempdir()) / "impact-monitor-read-model" / store_key


def _shape() -> str:
    """The columns the copies hold: a store upgraded to new columns (a migration writes no
    audit entry, so its version stays) is copied again, not read from a copy without them."""
    return ";".join(
        f"{name}:" + ",".join(f"{c.name} {c.dtype}" for c in columns(name))
        for name in (*CLAIM_TABLES, "sources")
    )


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
    that version is already there. The folder appears whole or not at all. Rows are
    written in claim id order (the order a read of the store gives), so what a reader
    builds from the copy does not depend on the order in which changes arrived."""
    target = folder(root, version)
    if has(root, version):
        return False
    root.mkdir(parents=True, exist_ok=True)
    work = root / f".v{version}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    work.mkdir()
    try:
        for name, frame in frames.items():
            table = _in_id_order(_arrow_table(frame))
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


MISSING = "__missing"
"""Suffix of the column that marks the missing values of a nullable number or flag."""


def _arrow_table(frame: pd.DataFrame) -> pa.Table:
    """The frame as Arrow, laid out to be mapped back without a copy: text as Arrow text,
    numbers and days as plain values (a nullable one with a column marking what is
    missing), so a reader's numbers are views of the mapped file."""
    arrays, fields = [], []
    for name in frame.columns:
        column = frame[name]
        dtype = column.dtype
        if isinstance(dtype, pd.core.dtypes.dtypes.BaseMaskedDtype):
            values = column.array._data
            marks = column.array._mask
            kind = "masked-bool" if values.dtype == bool else "masked"
            arrays += [pa.array(values.view(np.uint8) if values.dtype == bool else values),
                       pa.array(marks.view(np.uint8))]  # fmt: skip
            fields += [pa.field(name, arrays[-2].type, metadata={"layout": kind}),
                       pa.field(name + MISSING, pa.uint8())]  # fmt: skip
        elif dtype.kind == "M":
            values = column.to_numpy(dtype="datetime64[ns]").view(np.int64)
            arrays.append(pa.array(values))
            fields.append(pa.field(name, pa.int64(), metadata={"layout": "datetime64[ns]"}))
        elif dtype.kind in "fiu":
            arrays.append(pa.array(column.to_numpy(), from_pandas=False))
            fields.append(pa.field(name, arrays[-1].type, metadata={"layout": "numpy"}))
        else:
            held = column.array
            arrays.append(
                pa.array(held)
                if hasattr(held, "__arrow_array__")
                else pa.array(column.to_numpy(), from_pandas=True)
            )
            if pa.types.is_string(arrays[-1].type):
                arrays[-1] = arrays[-1].cast(pa.large_string())
            fields.append(pa.field(name, arrays[-1].type))
    return pa.Table.from_arrays(
        [a.combine_chunks() if isinstance(a, pa.ChunkedArray) else a for a in arrays],
        schema=pa.schema(fields),
    )


def _in_id_order(table: pa.Table) -> pa.Table:
    key = next((k for k in ("claim_id", "source_id") if k in table.column_names), None)
    if key is None or table.num_rows < 2:
        return table
    ids = table.column(key)
    if pc.all(pc.less_equal(ids[:-1], ids[1:])).as_py():
        return table
    return table.take(pc.sort_indices(ids))


def load(root: Path, version: int, names: list[str]) -> dict[str, pd.DataFrame] | None:
    """The frames of version ``version`` (None when that copy is not there), mapped from
    disk: text, numbers and days are views of the file, shared by every process."""
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
    for field in table.schema:
        if field.name.endswith(MISSING):
            continue
        layout = (field.metadata or {}).get(b"layout", b"").decode()
        column = table.column(field.name)
        if layout:
            values = _view(column)
            if layout == "datetime64[ns]":
                data[field.name] = pd.Series(values.view("datetime64[ns]"), copy=False)
            elif layout.startswith("masked"):
                marks = _view(table.column(field.name + MISSING)).view(bool)
                if layout == "masked-bool":
                    kind, values = pd.arrays.BooleanArray, values.view(bool)
                elif values.dtype.kind in "iu":
                    kind = pd.arrays.IntegerArray
                else:
                    kind = pd.arrays.FloatingArray
                data[field.name] = pd.Series(kind(values, marks, copy=False), copy=False)
            else:
                data[field.name] = pd.Series(values, copy=False)
            continue
        dtype = schema.get(field.name, "")
        if pa.types.is_large_string(column.type):
            data[field.name] = pd.arrays.ArrowStringArray(column)  # mapped, not copied
        elif dtype:
            data[field.name] = pd.Series(column.to_pandas()).astype(dtype)
        else:
            data[field.name] = column.to_pandas()
    return pd.DataFrame(data, copy=False)


def _view(column: pa.ChunkedArray) -> np.ndarray:
    """The values of a column without nulls, as a view of the mapped file."""
    chunk = column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()
    return chunk.to_numpy(zero_copy_only=True)


def _prune(root: Path, newest: int) -> None:
    versions = sorted(
        (int(p.name[1:]) for p in root.glob("v*") if p.name[1:].isdigit()), reverse=True
    )
    for old in versions[KEEP_VERSIONS:]:
        if old < newest:
            shutil.rmtree(folder(root, old), ignore_errors=True)
