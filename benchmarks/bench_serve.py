"""A bounded load test of `phi-audit serve` on loopback, then the same texts through `phi-audit scan`.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_serve.py [--texts 2000 --text-concurrency 16] [--images 200 --image-concurrency 4]
                                                            [--workers 1 --text-workers 1]

Starts the server as production does (the CLI, a 0600 token file, a fresh store), waits for /readyz, then sends
the generated posts (data/make_sample.py) one JSON post per request at the given concurrency, then the sample's
images, DICOM files and PDFs as multipart uploads. Reports requests/s, p50/p95/p99 latency, errors (anything but
200) and the peak RSS of the server with its scanning processes (sampled every 0.2 s), and the posts/s of
`phi-audit scan --workers (workers + text-workers)` on a posts.jsonl of the same texts, start-up included.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import psutil

REPO = Path(__file__).resolve().parents[1]
PHI_AUDIT = str(Path(sys.executable).with_name("phi-audit"))
MEDIA_FOLDERS = ("images", "photos", "dicom", "documents")


class PeakRss:
    """The largest RSS of a process and its children together, sampled in a thread."""

    def __init__(self, pid: int) -> None:
        self.process = psutil.Process(pid)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(0.2):
            try:
                tree = [self.process, *self.process.children(recursive=True)]
                self.peak = max(self.peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


async def load(client: httpx.AsyncClient, requests: list[dict], concurrency: int) -> tuple[float, list[float], int]:
    """(seconds, latencies, errors) of sending every request with at most `concurrency` in flight."""
    gate = asyncio.Semaphore(concurrency)
    latencies: list[float] = []
    errors = 0

    async def one(request: dict) -> None:
        nonlocal errors
        async with gate:
            started = time.perf_counter()
            response = await client.post("/v1/check", **request)
            latencies.append(time.perf_counter() - started)
            if response.status_code != 200:
                errors += 1

    started = time.perf_counter()
    await asyncio.gather(*(one(request) for request in requests))
    return time.perf_counter() - started, latencies, errors


def row(name: str, concurrency: int, seconds: float, latencies: list[float], errors: int) -> str:
    cuts = statistics.quantiles(latencies, n=100)
    p50, p95, p99 = (f"{1000 * cuts[i]:.0f}" for i in (49, 94, 98))
    return f"| {name} | {len(latencies)} | {concurrency} | {len(latencies) / seconds:.1f} | {p50} | {p95} | {p99} | {errors} |"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", type=int, default=2000)
    parser.add_argument("--text-concurrency", type=int, default=16)
    parser.add_argument("--images", type=int, default=200)
    parser.add_argument("--image-concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--text-workers", type=int, default=1)
    args = parser.parse_args()
    from benchmarks.bench_text import make_corpus

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        posts = _posts(make_corpus(args.texts, folder) / "posts.jsonl")[: args.texts]
        corpus = folder / "same-texts"
        corpus.mkdir()
        (corpus / "posts.jsonl").write_text(
            "".join(json.dumps({"id": str(n), "text": text}) + "\n" for n, text in enumerate(posts)), encoding="utf-8"
        )
        texts = [{"json": {"text": text}} for text in posts]
        media = sorted(p for name in MEDIA_FOLDERS for p in (REPO / "data" / "sample" / name).rglob("*") if p.is_file())
        uploads = [{"files": {"file": (path.name, path.read_bytes())}} for path in (media * (args.images // len(media) + 1))[: args.images]]
        token = folder / "token"
        token.write_text(secrets.token_hex(16))
        token.chmod(0o600)
        port = _free_port()
        server = subprocess.Popen(
            [
                PHI_AUDIT,
                "serve",
                "--store",
                str(folder / "serve.db"),
                "--port",
                str(port),
                "--token-file",
                str(token),
                "--workers",
                str(args.workers),
                "--text-workers",
                str(args.text_workers),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        rss = PeakRss(server.pid)
        try:
            rows = asyncio.run(_drive(port, token.read_text(), texts, uploads, args))
        finally:
            server.terminate()
            server.wait(timeout=60)
        peak = rss.stop()
        workers = args.workers + args.text_workers
        started = time.perf_counter()
        scan = [PHI_AUDIT, "scan", str(corpus), "--store", str(folder / "scan.db"), "--workers", str(workers), "--no-progress"]
        subprocess.run(scan, check=True, capture_output=True)
        scan_seconds = time.perf_counter() - started
    print(f"load: {os.getloadavg()[0]:.2f} (1 min) · server: --workers {args.workers} --text-workers {args.text_workers}\n")
    print("| requests | n | concurrency | requests/s | p50 ms | p95 ms | p99 ms | errors |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    print("\n".join(rows))
    print(f"\nserver peak RSS (with its scanning processes): {peak / 2**20:.0f} MiB")
    rate = len(posts) / scan_seconds
    print(
        f"phi-audit scan --workers {workers} of the same {len(posts)} posts: {scan_seconds:.1f} s, {rate:.1f} posts/s (start-up included)"
    )


def _posts(export: Path) -> list[str]:
    """The texts of the generated export's well-formed records (it also holds deliberately broken ones)."""
    texts = []
    for line in export.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and isinstance(record.get("text"), str) and record["text"].strip():
            texts.append(record["text"])
    return texts


async def _drive(port: int, token: str, texts: list[dict], uploads: list[dict], args: argparse.Namespace) -> list[str]:
    limits = httpx.Limits(max_connections=max(args.text_concurrency, args.image_concurrency))
    async with httpx.AsyncClient(
        base_url=f"http://127.0.0.1:{port}", headers={"Authorization": f"Bearer {token}"}, timeout=300, limits=limits
    ) as client:
        started = time.monotonic()
        while True:
            try:
                if (await client.get("/readyz")).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.5)
        print(f"ready after {time.monotonic() - started:.1f} s")
        text_run = await load(client, texts, args.text_concurrency)
        batches = (await client.get("/readyz")).json()["text_batches"]
        print(f"text checks micro-batched: {batches['checks']} checks in {batches['calls']} scan calls")
        image_run = await load(client, uploads, args.image_concurrency)
    return [
        row("text (JSON posts)", args.text_concurrency, *text_run),
        row("images, DICOM, PDF (multipart)", args.image_concurrency, *image_run),
    ]


if __name__ == "__main__":
    main()
