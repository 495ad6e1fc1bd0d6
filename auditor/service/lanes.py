"""Scanning for the service: two process pools ("lanes") of the scan's own `BatchScanner`, off the event loop.

Text checks (plain text, CSV, JSON posts without media) go to the `text` lane, everything with bytes to
scan (images, DICOM, PDF, archives) to the `media` lane, so a slow DICOM never makes a text check wait behind
it. Text checks arriving together are micro-batched into one scan call (`batching.py`). Each process builds its scanners once and scans a few warm-up items before it takes a check, so its models
are loaded when the service says it is ready (`/readyz`). A process that dies (a crash in a decoder) breaks
its pool: the lane starts a new pool, and the check that was scanning is tried once more, then reported.
"""

from __future__ import annotations

import asyncio
import io
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from auditor.engines.orphans import exit_with_parent
from auditor.evidence import EvidenceKeeper
from auditor.model import Item
from auditor.service.batching import MicroBatcher
from auditor.service.uploads import read_post_upload
from auditor.worker import BatchScanner, ItemResult

#: Items per call into a worker: a large archive is spread over the lane's processes.
CHUNK = 32

# One BatchScanner per lane process, made by its initializer.
_lane_scanner: BatchScanner | None = None


def _start_lane_process(key: bytes, lane: str, item_time_limit: float) -> None:
    """Pool initializer: scanners built once, models loaded by scanning the lane's warm-up items."""
    global _lane_scanner
    exit_with_parent()  # a lane process must not outlive a killed service, holding its models' memory
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    _lane_scanner = BatchScanner(EvidenceKeeper(key), item_time_limit=item_time_limit)
    _lane_scanner.scan(warm_up_items(lane))


def _scan_in_lane(items: Sequence[Item]) -> list[ItemResult]:
    assert _lane_scanner is not None, "_start_lane_process was not run in this process"
    return _lane_scanner.scan(items)


#: A made-up post naming every kind of identifier the text scanner looks for, so each of its recognizers has loaded
#: what it loads on first use (name model, phone metadata, date parsing, health terms) before the lane is ready.
WARM_UP_TEXT = (
    "Warm-up: Jordan Sample (DOB 01/02/1970, MRN 1234567) of 12 Main Street, Springfield, called 617-555-0100 and "
    "wrote to jordan@example.org about her asthma and the MRI at https://example.org/r/1 on Monday 3 March 2025."
)


def warm_up_items(lane: str) -> list[Item]:
    """Items that make every scanner of the lane load its models, read as a check's are: a post with its author and
    time, and for the media lane an image with printed words (OCR, faces, barcodes), a DICOM file (one of pydicom's
    own test files) and a PDF; their findings are not kept."""
    post = read_post_upload("warm-up/", WARM_UP_TEXT, "jordan_s", "2025-03-03T09:00:00Z", [])
    items = [entry for entry in post.entries if isinstance(entry, Item)]
    if lane == "text":
        return items
    from PIL import Image, ImageDraw
    from pydicom.data import get_testdata_file
    from pypdf import PdfWriter

    image = Image.new("L", (320, 80), 255)
    ImageDraw.Draw(image).text((10, 30), "WARM UP 12", fill=0)
    png = io.BytesIO()
    image.save(png, "PNG")
    ct_small = get_testdata_file("CT_small.dcm")  # shipped with pydicom: its path (None were it missing)
    if not isinstance(ct_small, str):
        raise FileNotFoundError("pydicom's test file CT_small.dcm is missing")
    dicom = io.BytesIO(Path(ct_small).read_bytes())
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    pdf = io.BytesIO()
    writer.write(pdf)
    for name, kind, data in (("warm-up.png", "image", png), ("warm-up.dcm", "dicom", dicom), ("warm-up.pdf", "pdf", pdf)):
        items.append(Item(name, kind, "warm-up", payload=data.getvalue(), size=len(data.getvalue())))
    return items


class ScanLanes:
    """The two lanes of one service: `text` and `media` process pools, started warm, restarted when broken."""

    def __init__(self, key: bytes, workers: dict[str, int], item_time_limit: float) -> None:
        self._key = key
        self._workers = workers
        self._item_time_limit = item_time_limit
        self._pools: dict[str, ProcessPoolExecutor] = {}
        self._ready: set[str] = set()
        self._warming: set[asyncio.Task] = set()  # held until done: the loop keeps only weak references to tasks
        # one batch per text process and one queued behind them, so a process never waits for the next batch
        self.text_batches = MicroBatcher(lambda items: self._scan_retrying("text", items), CHUNK, workers["text"] + 1)

    @property
    def ready(self) -> bool:
        return self._ready == set(self._workers)

    def start(self) -> None:
        for lane in self._workers:
            self._pools[lane] = self._new_pool(lane)

    def _new_pool(self, lane: str) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(
            self._workers[lane], mp_context=context, initializer=_start_lane_process, initargs=(self._key, lane, self._item_time_limit)
        )

    async def warm_up(self) -> None:
        """Wait until every process of every lane has loaded its models (each answers a ping once it has)."""
        await asyncio.gather(*(self._warm_up(lane) for lane in self._workers))

    async def _warm_up(self, lane: str) -> None:
        loop = asyncio.get_running_loop()
        answered: set[int] = set()
        while len(answered) < self._workers[lane]:
            pool = self._pools[lane]
            pings = [loop.run_in_executor(pool, os.getpid) for _ in range(self._workers[lane])]
            answered |= set(await asyncio.gather(*pings))
            if len(answered) < self._workers[lane]:
                await asyncio.sleep(0.2)
        self._ready.add(lane)

    @staticmethod
    def lane_of(items: Sequence[Item]) -> str:
        return "media" if any(item.payload is not None for item in items) else "text"

    async def scan(self, items: Sequence[Item]) -> list[ItemResult]:
        """The items' results, scanned in chunks across the lane's processes (text checks batched with those
        arriving with them). Raises BrokenProcessPool when a process died on these items twice (the lane has a
        new pool by then)."""
        lane = self.lane_of(items)
        if lane == "text":
            return await self.text_batches.scan(items)
        return await self._scan_retrying(lane, items)

    async def _scan_retrying(self, lane: str, items: Sequence[Item]) -> list[ItemResult]:
        pool = self._pools[lane]
        try:
            return await _scan_in_pool(pool, items)
        except BrokenProcessPool:
            self._restart(lane, pool)
        pool = self._pools[lane]
        try:
            return await _scan_in_pool(pool, items)
        except BrokenProcessPool:
            self._restart(lane, pool)
            raise

    def _restart(self, lane: str, broken: ProcessPoolExecutor) -> None:
        """A new pool for the lane, unless another check has made one since `broken` broke; the lane is not ready
        again until the new processes have loaded their models."""
        if self._pools[lane] is broken:
            self._pools[lane] = self._new_pool(lane)
            broken.shutdown(wait=False, cancel_futures=True)
            self._ready.discard(lane)
            warming = asyncio.get_running_loop().create_task(self._warm_up(lane))
            self._warming.add(warming)
            warming.add_done_callback(self._warming.discard)

    def close(self) -> None:
        for pool in self._pools.values():
            pool.shutdown(wait=False, cancel_futures=True)


async def _scan_in_pool(pool: ProcessPoolExecutor, items: Sequence[Item]) -> list[ItemResult]:
    loop = asyncio.get_running_loop()
    chunks = [items[start : start + CHUNK] for start in range(0, len(items), CHUNK)]
    done = await asyncio.gather(*(loop.run_in_executor(pool, _scan_in_lane, chunk) for chunk in chunks))
    return [result for chunk in done for result in chunk]
