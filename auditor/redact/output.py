"""Writing copies under the output folder so that no half-written file ever appears there.

Every file is written in a staging folder beside the output folder (`.<name>.partial`, same file system),
flushed to disk, then renamed into place: a run killed at any point leaves under DIR only whole files (older
copies or new ones), and the next run clears the staging folder. Archive members are collected per archive
and the archive is written whole at the end, with the same member names (nested archives nested again).
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import zipfile
from pathlib import Path


class CopyWriter:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.staging = out.parent / f".{out.name}.partial"
        shutil.rmtree(self.staging, ignore_errors=True)  # what a killed run left half-written
        self.staging.mkdir(parents=True, mode=0o700)
        out.mkdir(parents=True, exist_ok=True)
        self._archives: dict[str, dict] = {}

    def put(self, locator: str, data: bytes) -> str:
        """Write the copy of the file at `locator` (`a/b.txt`, `x.zip!m/y.png`); returns its sha256."""
        if "!" in locator:
            archive, member = locator.split("!", 1)
            node = self._archives.setdefault(archive, {})
            while "!" in member:
                inner, member = member.split("!", 1)
                node = node.setdefault(inner, {})
            node[member] = data
        else:
            self.write_file(locator, data)
        return hashlib.sha256(data).hexdigest()

    def remove(self, locator: str) -> None:
        """Delete an earlier run's copy of a file that is refused now (it could only be that file's copy)."""
        target = self.out / locator.split("!", 1)[0]
        if "!" not in locator and target.is_file():
            target.unlink()

    def write_file(self, relative: str, data: bytes) -> Path:
        target = self.out / relative
        if not target.resolve().is_relative_to(self.out.resolve()):
            raise ValueError(f"{relative!r} would be written outside {self.out}")
        target.parent.mkdir(parents=True, exist_ok=True)
        self.staging.mkdir(parents=True, mode=0o700, exist_ok=True)
        temporary = self.staging / f"{os.getpid()}-{hashlib.sha1(relative.encode()).hexdigest()}"
        with open(temporary, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
        return target

    def finish(self) -> dict[str, str]:
        """Write every archive whole; returns each archive's sha256 by its locator."""
        written = {}
        for archive, members in self._archives.items():
            data = _zip_of(members)
            self.write_file(archive, data)
            written[archive] = hashlib.sha256(data).hexdigest()
        return written

    def close(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def _zip_of(members: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in sorted(members.items()):
            archive.writestr(name, content if isinstance(content, bytes) else _zip_of(content))
    return buffer.getvalue()
