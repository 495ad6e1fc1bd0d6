"""Where a corpus's files come from: a folder on disk or the members of a zip archive, behind one interface
so every reader works the same inside an archive as outside it.

A tree lists its files by a relative name and reads them with size limits; what it refuses (a member that
would leave the archive, a link that leaves the corpus root, a file over the limit) comes back as an
ItemError, never as silence.
"""

from __future__ import annotations

import errno
import os
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterator, Protocol

from auditor.model import ItemError

#: Largest single file or archive member read (bytes); larger ones are reported, not read.
MAX_FILE_BYTES = 256 * 1024 * 1024
#: Largest total uncompressed size read from one archive, and the largest compression ratio of a member.
MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200


class TooLarge(Exception):
    """A file or member over the read limits."""


class FileChanged(Exception):
    """A file that changed while it was being read."""


class Tree(Protocol):
    """A set of files addressed by relative POSIX names."""

    #: What locators of this tree's files start with: "" for a folder, "bundle.zip!" for an archive.
    prefix: str

    def walk(self) -> Iterator[str | ItemError]:
        """Every file's relative name, sorted; refusals as ItemErrors."""

    def read(self, name: str) -> bytes:
        """The file's bytes; raises TooLarge, OSError or KeyError."""

    def exists(self, name: str) -> bool: ...


@dataclass
class FolderTree:
    """A folder on disk, walked recursively. Links are followed only while they stay inside the root."""

    root: Path
    prefix: str = ""
    only: str | None = None  # a single file of the folder, when the user named a file

    def __post_init__(self) -> None:
        self._real_root = self.root.resolve()
        self._real_names: dict[str, str] = {}  # locator name -> file name, for names that are not UTF-8

    def walk(self) -> Iterator[str | ItemError]:
        if self.only is not None:
            yield self.only
            return
        yield from self._walk_folder(self.root, seen=set())

    def _walk_folder(self, folder: Path, seen: set[tuple[int, int]]) -> Iterator[str | ItemError]:
        try:
            info = folder.stat()
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            yield ItemError(self._locator(folder), "read", f"cannot list folder: {error.strerror or error}")
            return
        if (info.st_dev, info.st_ino) in seen:
            yield ItemError(self._locator(folder), "read", "folder link loops back on itself; not followed")
            return
        seen = seen | {(info.st_dev, info.st_ino)}
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                refusal = self._link_refusal(path)
                if refusal:
                    yield ItemError(self._locator(path), "read", refusal)
                    continue
            try:
                mode = path.stat().st_mode
            except OSError as error:
                yield ItemError(self._locator(path), "read", f"cannot read: {error.strerror or error}")
                continue
            if stat.S_ISDIR(mode):
                yield from self._walk_folder(path, seen)
            elif stat.S_ISREG(mode):
                yield self._name(path)
            else:
                yield ItemError(self._locator(path), "read", "not a regular file (device, socket or pipe); not read")

    def _link_refusal(self, link: Path) -> str | None:
        """Why a link is not followed (it loops, or leaves the corpus root), or None to follow it."""
        try:
            target = link.resolve(strict=True)
        except RuntimeError:  # Python 3.11 reports a link loop this way
            return "link loops back on itself; not followed"
        except OSError as error:
            if error.errno == errno.ELOOP:
                return "link loops back on itself; not followed"
            target = link.resolve()  # a dangling link: reported by the stat that follows if it stays inside
        try:
            target.relative_to(self._real_root)
        except ValueError:
            return "link points outside the corpus root; not followed"
        return None

    def _inside_root(self, path: Path) -> bool:
        try:
            path.resolve().relative_to(self._real_root)
        except (ValueError, OSError, RuntimeError):
            return False
        return True

    def _name(self, path: Path) -> str:
        """The file's relative name as a locator can hold it: bytes that are not UTF-8 are shown as `\\xff`."""
        real = path.relative_to(self.root).as_posix()
        shown = real.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        if shown != real:
            self._real_names[shown] = real
        return shown

    def _locator(self, path: Path) -> str:
        try:
            return self.prefix + self._name(path)
        except ValueError:
            return self.prefix + path.as_posix().encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")

    def read(self, name: str) -> bytes:
        """The file's bytes, read at most once past its size: a file that grows, shrinks or is replaced while
        it is read raises FileChanged rather than giving a mix of two versions."""
        with open(self.root / self._real_names.get(name, name), "rb") as file:
            before = os.fstat(file.fileno())
            if before.st_size > MAX_FILE_BYTES:
                raise TooLarge(f"{before.st_size} bytes is over the {MAX_FILE_BYTES}-byte limit")
            data = file.read(before.st_size + 1)
            after = os.fstat(file.fileno())
        if len(data) != before.st_size or (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns):
            raise FileChanged("file changed while it was being read; scan again to read it")
        return data

    def exists(self, name: str) -> bool:
        path = self.root / self._real_names.get(name, name)
        return path.is_file() and self._inside_root(path)


class ZipTree:
    """The members of a zip archive, read in memory with bounds on size and compression ratio."""

    def __init__(self, data: bytes, prefix: str) -> None:
        import io

        self.prefix = prefix
        self._zip = zipfile.ZipFile(io.BytesIO(data))
        self._members = {info.filename: info for info in self._zip.infolist() if not info.is_dir()}
        self._read_so_far = 0

    def walk(self) -> Iterator[str | ItemError]:
        for name in sorted(self._members):
            if _escapes(name):
                yield ItemError(self.prefix + name, "read", "archive member's name leaves the archive (absolute or '..'); refused")
            else:
                yield name

    def read(self, name: str) -> bytes:
        info = self._members[name]
        if info.file_size > MAX_FILE_BYTES:
            raise TooLarge(f"member declares {info.file_size} bytes, over the {MAX_FILE_BYTES}-byte limit")
        if info.compress_size and info.file_size / info.compress_size > MAX_COMPRESSION_RATIO:
            raise TooLarge(f"member compression ratio {info.file_size // info.compress_size}:1 looks like a zip bomb")
        if self._read_so_far + info.file_size > MAX_ARCHIVE_BYTES:
            raise TooLarge(f"archive's total uncompressed size is over the {MAX_ARCHIVE_BYTES}-byte limit")
        with self._zip.open(info) as member:
            data = member.read(info.file_size + 1)
        if len(data) > info.file_size:
            raise TooLarge("member is larger than its header declares")
        self._read_so_far += len(data)
        return data

    def exists(self, name: str) -> bool:
        return name in self._members and not _escapes(name)


def _escapes(name: str) -> bool:
    path = PurePosixPath(name.replace("\\", "/"))
    return path.is_absolute() or ".." in path.parts or (len(name) > 1 and name[1] == ":")
