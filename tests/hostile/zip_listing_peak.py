"""Peak memory of reading an archive of very many tiny members (issue 20 §9): writes `many.zip` (1,000,000 one-byte
members by default) into a folder and prints the reader's peak RSS over every item. Run under nice:

    nice -n 10 python tests/hostile/zip_listing_peak.py /tmp/many [members]
"""

from __future__ import annotations

import resource
import sys
import zipfile
from pathlib import Path

from auditor.corpus.reader import read_corpus
from auditor.model import Item


def main(folder: Path, members: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    archive = folder / "many.zip"
    if not archive.exists():
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as writer:
            for number in range(members):
                writer.writestr(zipfile.ZipInfo(f"m{number:07d}.txt"), b"x")
    items = sum(isinstance(entry, Item) for entry in read_corpus([folder]))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"{items} items read; peak RSS {peak} MiB")


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000)
