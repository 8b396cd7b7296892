"""One writer per warehouse: an `fcntl.flock` on `OUT/.lock`, held for the whole build.

A second build into the same OUT refuses at once with a one-line message naming the holder's pid (or,
with `wait=True` / a number of seconds, waits for it). The lock is advisory and only builds take it:
readers (`pantau query`, DuckDB sessions opened with `read_only=True`, polars over `OUT/parquet`) are
never blocked, because a build never changes a published release, it swaps in a new one
(see `pantau.pipeline.store`). The kernel drops the lock when the holder dies, even by SIGKILL, so a crashed
build never leaves a stale lock behind.

    from pantau.pipeline.lock import build_lock
    with build_lock("build"):            # raises LockHeld if another build is writing build/
        run_the_build()
"""

from __future__ import annotations

import datetime as _dt
import fcntl
import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".lock"

_held: dict[str, int] = {}  # realpath(OUT) -> depth, for this process (re-entrant)
_held_guard = threading.Lock()


class LockHeld(RuntimeError):
    """Another process is building into the same OUT; the message is one line for the user."""

    def __init__(self, out: Path, holder: dict | None, waited: float | None = None):
        self.out = out
        self.holder = holder or {}
        pid = self.holder.get("pid")
        who = f"pid {pid}" if pid else "another process"
        since = f", since {self.holder['started']}" if self.holder.get("started") else ""
        if waited is None:
            msg = f"{out} is locked by another pantau build ({who}{since}); wait for it to finish or build with --wait"
        else:
            msg = f"{out} is still locked by another pantau build ({who}{since}) after waiting {waited:.0f}s"
        super().__init__(msg)


def lock_path(out: str | os.PathLike) -> Path:
    return Path(out) / LOCK_NAME


def lock_holder(out: str | os.PathLike) -> dict | None:
    """Who holds (or last held) the lock on OUT: `{"pid": int, "started": str, "command": str}`, or None.

    Only meaningful while `is_locked(out)`; the file keeps the last holder's line after it is released.
    """
    try:
        line = lock_path(out).read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return None
    if not line:
        return None
    parts = line[0].split("\t")
    try:
        pid = int(parts[0])
    except ValueError:
        return None
    return {"pid": pid, "started": parts[1] if len(parts) > 1 else "", "command": parts[2] if len(parts) > 2 else ""}


def is_locked(out: str | os.PathLike) -> bool:
    """True while some process holds the build lock on OUT (tries the lock without keeping it)."""
    p = lock_path(out)
    if not p.exists():
        return False
    key = os.path.realpath(out)
    if _held.get(key):
        return True
    fd = os.open(p, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


@contextmanager
def build_lock(out: str | os.PathLike, *, wait: bool | float = False, poll: float = 0.1) -> Iterator[Path]:
    """Hold the exclusive build lock on OUT for the `with` block.

    `wait=False` (default): raise `LockHeld` at once if another process holds it. `wait=True`: wait as
    long as it takes. `wait=<seconds>`: wait up to that long, then raise `LockHeld`. Re-entrant within
    one process (the build can take it and `publish_build` take it again inside), so Prefect tasks
    running in threads of the flow's process share the flow's lock.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    key = os.path.realpath(out)
    with _held_guard:
        if _held.get(key):
            _held[key] += 1
            reentered = True
        else:
            reentered = False
    if reentered:
        try:
            yield out
        finally:
            with _held_guard:
                _held[key] -= 1
        return

    fd = os.open(lock_path(out), os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        _acquire(fd, out, wait, poll)
        info = "\t".join(
            [
                str(os.getpid()),
                _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                " ".join(os.path.basename(a) if i == 0 else a for i, a in enumerate(sys.argv))[:300],
            ]
        )
        os.ftruncate(fd, 0)
        os.pwrite(fd, (info + "\n").encode("utf-8", "replace"), 0)
        with _held_guard:
            _held[key] = 1
        try:
            yield out
        finally:
            with _held_guard:
                _held.pop(key, None)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _acquire(fd: int, out: Path, wait: bool | float, poll: float) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        if not wait:
            raise LockHeld(out, lock_holder(out)) from None
    if wait is True:
        fcntl.flock(fd, fcntl.LOCK_EX)  # blocks until the holder finishes (or dies)
        return
    t0 = time.monotonic()
    deadline = t0 + float(wait)
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise LockHeld(out, lock_holder(out), waited=time.monotonic() - t0) from None
            time.sleep(poll)
