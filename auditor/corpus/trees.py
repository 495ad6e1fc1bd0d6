"""Where a corpus's files come from: a folder on disk or the members of a zip archive, behind one interface
so every reader works the same inside an archive as outside it.

A tree lists its files by a relative name and reads them with size limits; what it refuses (a member that
would leave the archive, a link that leaves the corpus root, a file over the limit) comes back as an
ItemError, never as silence.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import struct
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any, Protocol, overload

from auditor.corpus.locators import escaped
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

    def locator(self, name: str) -> str:
        """The locator of the file called `name` (its separators escaped)."""


@dataclass
class FolderTree:
    """A folder on disk, walked recursively. Links are followed only while they stay inside the root.

    A file is read through a descriptor checked to be the file listed: opened without following a last link
    (`O_NOFOLLOW`) and without waiting (`O_NONBLOCK`: a FIFO swapped in cannot hang the scan), then `fstat`-ed
    (a regular file, the same device, inode and change time as when listed) and its path read back (still under the root).
    Files this process holds open (its own store, the store's -wal and -shm, a log) are never read.
    """

    root: Path
    prefix: str = ""
    only: str | None = None  # a single file of the folder, when the user named a file

    def __post_init__(self) -> None:
        self._real_root = self.root.resolve()
        self._listed: dict[str, tuple[int, int, int]] = {}  # name -> (device, inode, ctime) when listed
        self._targets: dict[str, Path] = {}  # name -> where a link inside the root leads

    def locator(self, name: str) -> str:
        """The name as a locator holds it: separators escaped, bytes that are not UTF-8 shown as `\\xff`."""
        return self.prefix + escaped(name).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")

    def walk(self) -> Iterator[str | ItemError]:
        own = _open_files()
        if self.only is not None:
            yield from self._listing(self.root / self.only, own)
            return
        yield from self._walk_folder(self.root, seen=set(), own=own)

    def _walk_folder(self, folder: Path, seen: set[tuple[int, int]], own: set[tuple[int, int]]) -> Iterator[str | ItemError]:
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
                yield from self._walk_folder(path, seen, own)
            else:
                yield from self._listing(path, own)

    def _listing(self, path: Path, own: set[tuple[int, int]]) -> Iterator[str | ItemError]:
        """The file's name, remembered with its device and inode; an ItemError for what is not read."""
        try:
            info = path.stat()
        except OSError as error:
            yield ItemError(self._locator(path), "read", f"cannot read: {error.strerror or error}")
            return
        if not stat.S_ISREG(info.st_mode):
            yield ItemError(self._locator(path), "read", "not a regular file (device, socket or pipe); not read")
        elif (info.st_dev, info.st_ino) in own:
            yield ItemError(
                self._locator(path),
                "read",
                "a file this scan holds open (its findings store, the store's -wal or -shm, a log); never read as corpus",
            )
        else:
            name = path.relative_to(self.root).as_posix()
            self._listed[name] = _identity(info)
            if path.is_symlink():
                self._targets[name] = path.resolve()
            yield name

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

    def _locator(self, path: Path) -> str:
        try:
            return self.locator(path.relative_to(self.root).as_posix())
        except ValueError:
            return self.prefix + path.as_posix().encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")

    def read(self, name: str) -> bytes:
        """The file's bytes, read at most once past its size: a file that grows, shrinks or is replaced while
        it is read raises FileChanged rather than giving a mix of two versions; one swapped since it was listed
        (for a link, a FIFO, another file) is refused."""
        return read_listed(self.where(name))

    def head(self, name: str, size: int) -> tuple[bytes, int]:
        """The file's first `size` bytes (all of it, read as `read` reads it, when it is no longer) and its size,
        with the same checks as `read`: what sniffing a file takes, when its bytes are left for another to read."""
        return read_listed(self.where(name), head=size)

    def where(self, name: str) -> ListedFile:
        """The listed file called `name`: what another process needs to read it with this tree's checks."""
        path = self._targets.get(name) or os.path.join(self.root, name)
        return ListedFile(str(path), self._listed.get(name), str(self._real_root))

    def exists(self, name: str) -> bool:
        path = self.root / name
        return path.is_file() and self._inside_root(path)


def _identity(info: os.stat_result) -> tuple[int, int, int]:
    """What tells a file from one put in its place: device, inode (which a new file may reuse) and change time."""
    return (info.st_dev, info.st_ino, info.st_ctime_ns)


@dataclass(frozen=True, slots=True)
class ListedFile:
    """A file of a folder as its walk listed it: where to open it (the file, or where its link inside the root
    leads), its identity then (device, inode, change time; None when not listed) and the root it must stay under."""

    path: str
    listed: tuple[int, int, int] | None
    root: str


@overload
def read_listed(file: ListedFile) -> bytes: ...
@overload
def read_listed(file: ListedFile, head: int) -> tuple[bytes, int]: ...
def read_listed(file: ListedFile, head: int | None = None) -> bytes | tuple[bytes, int]:
    """The bytes of a listed file, through a descriptor checked to be that file (`FolderTree`'s checks); with
    `head`, (its first `head` bytes, its size): a file no longer than that is read and checked whole."""
    fd = os.open(file.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        before = os.fstat(fd)
        _check_descriptor(fd, file, before)
        if before.st_size > MAX_FILE_BYTES:
            raise TooLarge(f"{before.st_size} bytes is over the {MAX_FILE_BYTES}-byte limit")
        if head is not None and before.st_size > head:
            return os.read(fd, head), before.st_size
        data = _read_at_most(fd, before.st_size + 1)
        after = os.fstat(fd)
    finally:
        os.close(fd)
    if len(data) != before.st_size or (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns):
        raise FileChanged("file changed while it was being read; scan again to read it")
    return data if head is None else (data, len(data))


def _check_descriptor(fd: int, file: ListedFile, info: os.stat_result) -> None:
    """Raise FileChanged unless the opened file is the regular file listed, still under the root."""
    if not stat.S_ISREG(info.st_mode):
        raise FileChanged("no longer a regular file (swapped for a pipe, device or socket after it was listed); not read")
    if file.listed is not None and file.listed != _identity(info):
        raise FileChanged("replaced by another file after it was listed; scan again to read it")
    try:
        opened = os.readlink(f"/proc/self/fd/{fd}")  # a string: pathlib's parsing cost more than the read's checks
    except OSError:  # no /proc to ask (not Linux)
        return
    if not _under(opened, file.root):
        raise FileChanged("its path leaves the corpus root (a folder swapped for a link after it was listed); not read")


def _read_at_most(fd: int, limit: int) -> bytes:
    """Up to `limit` bytes, in one read for a regular file: reading in chunks and joining them copied every byte
    once more (the largest cost of reading a folder of scans after hashing it). `limit` is bounded by the
    caller (MAX_FILE_BYTES), and a read that comes back short goes on in chunks."""
    first = os.read(fd, limit)
    if len(first) >= limit or not first:
        return first
    chunks = [first]
    remaining = limit - len(first)
    while remaining > 0:
        chunk = os.read(fd, min(remaining, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _under(path: str, root: str) -> bool:
    """Whether the absolute, normal `path` is `root` or inside it."""
    return path == root or path.startswith(root.rstrip("/") + "/")


def _open_files() -> set[tuple[int, int]]:
    """(device, inode) of every regular file this process holds open when a walk starts (Linux /proc; empty
    elsewhere): a scan opens its store, and so its -wal and -shm, before it lists the corpus."""
    found: set[tuple[int, int]] = set()
    try:
        descriptors = os.listdir("/proc/self/fd")
    except OSError:
        return found
    for descriptor in descriptors:
        try:
            info = os.stat(f"/proc/self/fd/{descriptor}")
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode):
            found.add((info.st_dev, info.st_ino))
    return found


class ZipTree:
    """The members of a zip archive, read in memory with bounds on size and compression ratio.

    The member list is read from the central directory one entry at a time and only each member's name and
    the place of its entry are kept: zipfile's own listing builds a ZipInfo for every member up front, which
    for an archive of a million tiny members is most of a gigabyte. A member's entry is decoded when it is read.
    """

    def __init__(self, data: bytes, prefix: str) -> None:
        self.prefix = prefix
        self._file = io.BytesIO(data)
        self._members: dict[str, int] = {}  # name (with its place when repeated) -> offset of its central entry
        start, stop, self._concat = _central_directory(self._file)
        for offset, name in _central_entries(self._file, start, stop):
            if not name.endswith("/"):
                self._members[_unique_member(name, self._members)] = offset
        self._read_so_far = 0

    def locator(self, name: str) -> str:
        """A member's locator; the second member of a name is `name@2` (two members may share a name)."""
        member, _, place = name.partition(_REPEAT)
        return self.prefix + escaped(member) + (f"@{place}" if place else "")

    def walk(self) -> Iterator[str | ItemError]:
        for name in sorted(self._members):
            if _escapes(name):
                yield ItemError(self.locator(name), "read", "archive member's name leaves the archive (absolute or '..'); refused")
            else:
                yield name

    def read(self, name: str) -> bytes:
        info = _member_info(self._file, self._members[name], self._concat)
        if info.file_size > MAX_FILE_BYTES:
            raise TooLarge(f"member declares {info.file_size} bytes, over the {MAX_FILE_BYTES}-byte limit")
        if info.compress_size and info.file_size / info.compress_size > MAX_COMPRESSION_RATIO:
            raise TooLarge(f"member compression ratio {info.file_size // info.compress_size}:1 looks like a zip bomb")
        if self._read_so_far + info.file_size > MAX_ARCHIVE_BYTES:
            raise TooLarge(f"archive's total uncompressed size is over the {MAX_ARCHIVE_BYTES}-byte limit")
        with _open_member(self._file, info) as member:
            data = member.read(info.file_size + 1)
        if len(data) > info.file_size:
            raise TooLarge("member is larger than its header declares")
        self._read_so_far += len(data)
        return data

    def exists(self, name: str) -> bool:
        return name in self._members and not _escapes(name)


# Fields of zipfile's end-of-central-directory record (zipfile._EndRecData, which also finds a zip64 record).
_ECD_SIZE, _ECD_OFFSET, _ECD_LOCATION = 5, 6, 9
_ZIP64_EXTRA = 0x0001
_UTF8_NAME = 0x800
_ENCRYPTED, _PATCHED, _STRONG_ENCRYPTION = 0x1, 0x20, 0x40
# zipfile's record layouts and its end-record finder are private (typeshed declares none of them): typed here once.
_zipfile: Any = zipfile
_end_rec_data: Callable[[IO[bytes]], list[Any] | None] = _zipfile._EndRecData
_STRING_END_ARCHIVE64: bytes = _zipfile.stringEndArchive64
_SIZE_END_CENT_DIR64: int = _zipfile.sizeEndCentDir64
_SIZE_END_CENT_DIR64_LOCATOR: int = _zipfile.sizeEndCentDir64Locator
_SIZE_CENTRAL_DIR: int = _zipfile.sizeCentralDir
_STRUCT_CENTRAL_DIR: str = _zipfile.structCentralDir
_STRING_CENTRAL_DIR: bytes = _zipfile.stringCentralDir
_SIZE_FILE_HEADER: int = _zipfile.sizeFileHeader
_STRUCT_FILE_HEADER: str = _zipfile.structFileHeader
_STRING_FILE_HEADER: bytes = _zipfile.stringFileHeader


def _central_directory(file: io.BytesIO) -> tuple[int, int, int]:
    """Where the central directory starts and stops, and how far the archive is from the file's start (data
    prepended to it, as in a self-extracting archive)."""
    end = _end_rec_data(file)  # the stdlib's finder of the end record (zip64 and comments included); no public one
    if not end:
        raise zipfile.BadZipFile("File is not a zip file")
    concat = end[_ECD_LOCATION] - end[_ECD_SIZE] - end[_ECD_OFFSET]
    if end[0] == _STRING_END_ARCHIVE64:
        concat -= _SIZE_END_CENT_DIR64 + _SIZE_END_CENT_DIR64_LOCATOR
    start = end[_ECD_OFFSET] + concat
    if start < 0:
        raise zipfile.BadZipFile("Bad offset for central directory")
    return start, start + end[_ECD_SIZE], concat


def _central_entries(file: io.BytesIO, offset: int, stop: int) -> Iterator[tuple[int, str]]:
    """(offset of the entry, member name) of each central directory entry, in the archive's order."""
    while offset < stop:
        header, name = _central_entry(file, offset)
        yield offset, name
        offset += _SIZE_CENTRAL_DIR + header[12] + header[13] + header[14]


def _central_entry(file: io.BytesIO, offset: int) -> tuple[tuple, str]:
    file.seek(offset)
    raw = file.read(_SIZE_CENTRAL_DIR)
    if len(raw) != _SIZE_CENTRAL_DIR:
        raise zipfile.BadZipFile("Truncated central directory")
    header = struct.unpack(_STRUCT_CENTRAL_DIR, raw)
    if header[0] != _STRING_CENTRAL_DIR:
        raise zipfile.BadZipFile("Bad magic number for central directory")
    name = file.read(header[12])
    return header, name.decode("utf-8" if header[5] & _UTF8_NAME else "cp437")


def _member_info(file: io.BytesIO, offset: int, concat: int) -> zipfile.ZipInfo:
    """The ZipInfo of the member whose central entry is at `offset`, as zipfile itself would build it."""
    header, name = _central_entry(file, offset)
    info = zipfile.ZipInfo(name)
    info.extra = file.read(header[13])
    info.flag_bits, info.compress_type = header[5], header[6]
    info.CRC, info.compress_size, info.file_size = header[9], header[10], header[11]
    info.header_offset = header[18]
    _apply_zip64(info)
    info.header_offset += concat
    return info


def _apply_zip64(info: zipfile.ZipInfo) -> None:
    """The sizes and offset a zip64 extra field holds in place of the 0xFFFFFFFF its entry shows."""
    extra = info.extra
    while len(extra) >= 4:
        kind, size = struct.unpack("<HH", extra[:4])
        if kind == _ZIP64_EXTRA:
            values = iter(struct.unpack(f"<{size // 8}Q", extra[4 : 4 + size - size % 8]))
            for field in ("file_size", "compress_size", "header_offset"):
                if getattr(info, field) == 0xFFFFFFFF:
                    setattr(info, field, next(values, getattr(info, field)))
            return
        extra = extra[4 + size :]


def _open_member(file: io.BytesIO, info: zipfile.ZipInfo) -> zipfile.ZipExtFile:
    """A reader of the member's bytes (decompressed, CRC-checked by zipfile), after checking its local header."""
    file.seek(info.header_offset)
    raw = file.read(_SIZE_FILE_HEADER)
    if len(raw) != _SIZE_FILE_HEADER:
        raise zipfile.BadZipFile("Truncated file header")
    local = struct.unpack(_STRUCT_FILE_HEADER, raw)
    if local[0] != _STRING_FILE_HEADER:
        raise zipfile.BadZipFile("Bad magic number for file header")
    if info.flag_bits & (_ENCRYPTED | _STRONG_ENCRYPTION):
        raise RuntimeError("member is encrypted; not read")
    if info.flag_bits & _PATCHED:
        raise NotImplementedError("member is compressed patched data; not read")
    if file.read(local[10]) != info.orig_filename.encode("utf-8" if info.flag_bits & _UTF8_NAME else "cp437"):
        raise zipfile.BadZipFile("member's name in its local header differs from the central directory's")
    file.seek(local[11], io.SEEK_CUR)  # the local extra field
    return zipfile.ZipExtFile(file, "r", info)


#: Between a member's name and its place among members of the same name, in a tree's own names (never in a zip name).
_REPEAT = "\x00"


def _unique_member(name: str, members: dict[str, int]) -> str:
    """`name`, or `name` and its place when an earlier member has the same name (both are read)."""
    place = 1
    key = name
    while key in members:
        place += 1
        key = f"{name}{_REPEAT}{place}"
    return key


def _escapes(name: str) -> bool:
    path = PurePosixPath(name.replace("\\", "/"))
    return path.is_absolute() or ".." in path.parts or (len(name) > 1 and name[1] == ":")
