"""Writing copies under the output folder so that no half-written file ever appears there.

Every file is written in a staging folder beside the output folder (`.<name>.partial`, same file system),
flushed to disk, then renamed into place: a run killed at any point leaves under DIR only whole files (older
copies or new ones), and the next run clears the staging folder. Archive members are collected per archive
and the archive is written whole at the end, with the same member names (nested archives nested again).

A copy's path is its source's with each identifier the name scanner found in a file, folder or member name
replaced in the run's text style (`jane-doe-mri.dcm` -> `[NAME]-mri.dcm`): `CopyNames`.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from auditor.corpus.locators import escaped
from auditor.redact.spans import Replacer, Span


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


class CopyNames:
    """Where each source file's copy goes: its path with the spans of its names' identifier findings (source
    `name`, indexing `auditor.corpus.names.name_text`) replaced by `replacer`, each archive and folder renamed
    once for all its members, and never two sources on one path (a later one gets `-2`, `-3` before its suffix).
    `aliases` are the stored (masked, auditor/locator_masks.py) names of true ones: asked for by either, a copy's
    path is made from the true name."""

    def __init__(
        self, files: Iterable[str], spans: dict[str, list[Span]], replacer: Replacer, aliases: Mapping[str, str] | None = None
    ) -> None:
        self._aliases = dict(aliases or {})
        segments: dict[str, tuple[str, str]] = {}  # source prefix (`a.zip`, `a.zip!m.png`) -> (parent prefix, copy's segment)
        self._placed: dict[str, list[tuple[int, int]]] = {}  # source prefix -> replacements in its copy's segment
        for file in files:
            parts = file.split("!")
            start = 0
            for depth, part in enumerate(parts):
                name, at, place = part.partition("@")
                text = unquote(name)  # what name_text reads, so the spans index it
                inside = [
                    Span(max(s.start, start) - start, min(s.end, start + len(text)) - start, s.identifier, s.digest)
                    for s in spans.get(file, [])
                    if s.start < start + len(text) and start < s.end
                ]
                start += len(text) + 1
                prefix = "!".join(parts[: depth + 1])
                if inside:
                    new, self._placed[prefix] = _renamed(text, inside, replacer)
                    segments[prefix] = ("!".join(parts[:depth]), new + at + place)
                elif prefix not in segments:
                    segments[prefix] = ("!".join(parts[:depth]), part)
        self._copies: dict[str, str] = {}
        taken: set[str] = set()
        unchanged_first = sorted(segments, key=lambda p: (p.count("!"), segments[p][1] != p.rsplit("!", 1)[-1], p))
        for prefix in unchanged_first:
            parent, segment = segments[prefix]
            path = _free(f"{self._copies[parent]}!{segment}" if parent else segment, taken)
            taken.add(path)
            self._copies[prefix] = path

    def of(self, file: str) -> str:
        """The copy's path of the source file (or archive member) `file`."""
        file = self._aliases.get(file, file)
        return self._copies.get(file, file)

    def placed(self, file: str) -> list[tuple[int, int]]:
        """Where the replacements are in `name_text` of the copy's path of `file` (a surrogate there is no residue)."""
        parts = self._aliases.get(file, file).split("!")
        places: list[tuple[int, int]] = []
        start = 0
        for depth in range(len(parts)):
            prefix = "!".join(parts[: depth + 1])
            places += [(start + s, start + e) for s, e in self._placed.get(prefix, [])]
            start += len(unquote(self.of(prefix).rsplit("!", 1)[-1].partition("@")[0])) + 1
        return places


def _renamed(text: str, spans: list[Span], replacer: Replacer) -> tuple[str, list[tuple[int, int]]]:
    """`text` (one unescaped name) with `spans` replaced, escaped again; a replacement makes no folder and the
    name keeps its suffix (the copy is read as the same kind of file)."""
    new, placed = replacer.replace(text, spans)
    chars = list(new)
    for start, end in placed:
        chars[start:end] = [c if c != "/" else "_" for c in chars[start:end]]
    new = "".join(chars)
    suffix = PurePosixPath(text).suffix
    if PurePosixPath(new).suffix.lower() != suffix.lower():
        new += suffix
    return escaped(new), placed


def _free(path: str, taken: set[str]) -> str:
    """`path`, or `stem-N.suffix` for the first N that no other copy has taken."""
    if path not in taken:
        return path
    suffix = PurePosixPath(path.rsplit("!", 1)[-1]).suffix
    stem = path[: len(path) - len(suffix)]
    number = 2
    while f"{stem}-{number}{suffix}" in taken:
        number += 1
    return f"{stem}-{number}{suffix}"
