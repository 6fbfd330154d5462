"""The report's lock: one run at a time on an output folder.

``OutputLock`` takes an exclusive ``flock`` on ``.<name>.report-lock`` beside the folder, so a
second run on the same ``--out`` is refused while the first runs.  The kernel drops the lock
when its holder ends, however it ends, so a lock file left by a crash is simply taken over.
"""
from __future__ import annotations

import errno
import fcntl
import os
from pathlib import Path

from .errors import ReportBusy


def lock_path(out: Path) -> Path:
    return out.parent / f".{out.name}.report-lock"



class OutputLock:
    """An exclusive, non-blocking ``flock`` on ``lock_path(out)``, held for the whole run.

    ``flock`` locks belong to the open file: the kernel releases them when the process ends,
    even by SIGKILL, so a lock file left behind by a crash does not block the next run.  The
    file is removed on release; a run that opened the file just before it was removed notices
    (the path no longer names the file it locked) and tries again.
    """

    def __init__(self, out: Path):
        self.out = out
        self.path = lock_path(out)
        self.fd: int | None = None

    def acquire(self) -> None:
        self.out.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(10):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as error:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
                os.close(fd)
                if error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise
                raise ReportBusy(
                    f"{self.out}: another report run{f' (process {holder})' if holder.isdigit() else ''} "
                    f"is writing this folder (lock {self.path.name}); wait for it to finish or choose another --out"
                ) from None
            try:
                same = os.stat(self.path, follow_symlinks=False).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                os.ftruncate(fd, 0)
                os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
                self.fd = fd
                return
            os.close(fd)  # removed by its previous holder after we opened it: try again
        raise ReportBusy(f"{self.out}: could not take the lock {self.path.name}; another run keeps replacing it")

    def release(self) -> None:
        if self.fd is None:
            return
        try:
            self.path.unlink(missing_ok=True)
        finally:
            os.close(self.fd)  # closing drops the lock
            self.fd = None

    def __enter__(self) -> "OutputLock":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
