"""Write a file under a temporary name in the target folder, then rename it into place.

Why: a failed, cancelled or killed export must never leave a half-written workbook under the
name the user chose (or destroy the good file that was there). os.replace in the same folder
is atomic, so the target is either the old file or the complete new one.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from crm.errors import InputError

log = logging.getLogger(__name__)

_PROBLEMS = {
    errno.EACCES: "the folder is not writable (permission denied)",
    errno.EPERM: "the folder is not writable (permission denied)",
    errno.EROFS: "the folder is on a read-only disk",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "the folder does not exist",
    errno.EISDIR: "a folder has that name",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.EINVAL: "the file name is not valid",
}


def _file_mode() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


_MODE = _file_mode()  # mkstemp makes 0600 files; the export should look like any saved file

# The temporary file was written in the folder, so a refusal at the rename is about the file
# already there: open in Excel (Windows refuses to replace an open file), read-only, or owned
# by someone else in a shared folder. "The folder is not writable" would send the user to
# the wrong place.
_REPLACE_REFUSED = frozenset({errno.EACCES, errno.EPERM, errno.EBUSY, errno.ETXTBSY})
REPLACE_PROBLEM = (
    "the file already there cannot be replaced (is it open in another program, or read-only?)"
)


class ExportError(InputError):
    """The export could not be written where the user asked (plain words, names the file)."""


def problem_of(exc: OSError) -> str:
    return _PROBLEMS.get(exc.errno, exc.strerror or str(exc))


def xlsx_path(out_path: str | os.PathLike) -> Path:
    """The path to write: `.xlsx` is added when missing, since Excel goes by the extension."""
    path = Path(out_path).expanduser()
    if not path.name or str(out_path).endswith(("/", os.sep)):
        raise ExportError("needs a file name, not a folder", file=str(out_path))
    if path.suffix.lower() != ".xlsx":
        # `export ~/Documents` means "into that folder", not "~/Documents.xlsx beside it"
        if _is_dir(path):
            raise ExportError("needs a file name, not a folder", file=str(out_path))
        path = path.with_name(path.name + ".xlsx")
    return path


def _is_dir(path: Path) -> bool:
    try:  # is_dir() raises on a name too long for the file system: atomic_file says so
        return path.is_dir()
    except OSError:
        return False


@contextlib.contextmanager
def atomic_file(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; on success rename it to `target`.

    Any exception (including Cancelled) removes the temporary file and leaves `target` as it
    was. OSErrors become ExportError with a plain message.
    """
    folder = target.parent
    try:  # is_dir() itself fails on a name too long for the file system
        if target.is_dir():
            raise ExportError(_PROBLEMS[errno.EISDIR], file=str(target))
        if not folder.is_dir():
            raise ExportError(_PROBLEMS[errno.ENOENT], file=str(target))
        fd, tmp_name = tempfile.mkstemp(prefix=f".~{target.stem[:40]}-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ExportError(problem_of(exc), file=str(target)) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    renaming = False
    try:
        yield tmp
        os.chmod(tmp, _MODE)
        renaming = True
        os.replace(tmp, target)
    except OSError as exc:
        _discard(tmp)
        problem = problem_of(exc)
        if renaming and exc.errno in _REPLACE_REFUSED:
            problem = REPLACE_PROBLEM
        raise ExportError(problem, file=str(target)) from exc
    except BaseException:
        _discard(tmp)
        raise
    log.info("wrote %s", target)


def _discard(tmp: Path) -> None:
    try:
        tmp.unlink(missing_ok=True)
    except OSError:
        log.warning("could not remove the temporary file %s", tmp)
