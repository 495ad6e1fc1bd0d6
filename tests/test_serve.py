"""`phi-audit serve`: the real server on a free loopback port, driven over HTTP as an upload pipeline would."""

from __future__ import annotations

import base64
import hashlib
import io
import re
import socket
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from pypdf import PdfWriter

from auditor.policy import load_policy
from auditor.store import FindingsStore
from auditor.store.service_checks import checks_of
from tests.hostile.make_hostile import dicom_bytes, dicom_with_overlong_length, note, png_bytes, png_declaring, zip_bytes
from tests.store_sql import rows as store_rows

pytestmark = pytest.mark.slow

PHI_AUDIT = str(Path(sys.executable).with_name("phi-audit"))
TOKEN = "0123456789abcdef0123456789abcdef"
NOTE = b"Patient Dana Whitfield, DOB 03/04/1961, call 617-555-0142 about her diabetes.\n"
RAW_VALUES = ("Whitfield", "617-555-0142", "03/04/1961", "Okafor", "DOE^JANE", "4417782")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def _running_server(root: Path, *options: str, readiness: list[int] | None = None):
    """The service as production starts it (the CLI, a 0600 token file), ready: (client, store, log file).
    `readiness` gets the status of every `/readyz` answered while waiting."""
    token_file = root / "token"
    token_file.write_text(TOKEN + "\n")
    token_file.chmod(0o600)
    port = _free_port()
    with open(root / "server.log", "w+") as log:
        process = subprocess.Popen(
            [PHI_AUDIT, "serve", "--store", str(root / "audit.db"), "--port", str(port), "--token-file", str(token_file), *options],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        client = httpx.Client(base_url=f"http://127.0.0.1:{port}", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120)
        try:
            _wait_ready(client, process, root / "server.log", [] if readiness is None else readiness)
            yield client, root / "audit.db", root / "server.log"
        finally:
            client.close()
            process.terminate()
            process.wait(timeout=60)


def _wait_ready(client: httpx.Client, process: subprocess.Popen, log: Path, statuses: list[int]) -> None:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()
        try:
            statuses.append(client.get("/readyz").status_code)
            if statuses[-1] == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail("the server never became ready")


@pytest.fixture(scope="module")
def readiness() -> list[int]:
    """The `/readyz` statuses the module's server answered while it was starting."""
    return []


@pytest.fixture(scope="module")
def server(tmp_path_factory, readiness):
    """A server with a 1 MiB upload limit."""
    options = ("--max-upload-mb", "1", "--time-limit", "90")
    with _running_server(tmp_path_factory.mktemp("serve"), *options, readiness=readiness) as running:
        yield running


def _scanning_processes(client: httpx.Client) -> list:
    """The service's scanning processes (its lanes' pool processes), found by the port it listens on."""
    import psutil

    (service,) = [
        p
        for p in psutil.process_iter(["cmdline"])
        if "serve" in (p.info["cmdline"] or []) and str(client.base_url.port) in p.info["cmdline"]
    ]
    return [child for child in service.children(recursive=True) if "spawn_main" in " ".join(child.cmdline())]


def _upload(client, name: str, data: bytes, **params):
    return client.post("/v1/check", files={"file": (name, data)}, params=params)


def _pdf_with_author(author: str) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Author": author, "/Title": "Discharge summary"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_healthz_needs_no_token_and_everything_else_does(server):
    client, _, _ = server
    anonymous = httpx.Client(base_url=client.base_url)
    assert anonymous.get("/healthz").json() == {"status": "ok"}
    for path in ("/readyz", "/openapi.json", "/docs", "/v1/report", "/v1/items/x"):
        assert anonymous.get(path).status_code == 401
        assert anonymous.get(path, headers={"Authorization": "Bearer " + "f" * 32}).status_code == 401
    assert anonymous.post("/v1/check", files={"file": ("a.txt", NOTE)}).status_code == 401
    assert anonymous.get("/readyz").headers["www-authenticate"] == "Bearer"


def test_readyz_answers_503_until_every_scanning_process_has_loaded_its_models(server, readiness):
    """The HTTP server is up before the models are: /readyz said 503 while the lanes' processes were loading them."""
    client, _, _ = server
    assert readiness[0] == 503 and readiness[-1] == 200 and set(readiness[:-1]) == {503}, readiness
    assert client.get("/readyz").json()["ready"] is True
    assert len(_scanning_processes(client)) == 2, "one text process and one media process, each warmed"


def test_openapi_describes_the_versioned_endpoints_and_docs_are_served_offline(server):
    client, _, _ = server
    spec = client.get("/openapi.json").json()
    assert {"/v1/check", "/v1/items/{locator}", "/v1/report", "/healthz", "/readyz"} <= set(spec["paths"])
    body = spec["paths"]["/v1/check"]["post"]["requestBody"]["content"]
    assert {"multipart/form-data", "application/json"} <= set(body)
    docs = client.get("/docs").text
    assert "cdn." not in docs and "https://" not in docs.replace("https://swagger.io", "")
    assets = re.findall(r'(?:src|href)="(/static-offline-docs/[^"]+)"', docs)
    assert any(asset.endswith(".js") for asset in assets) and any(asset.endswith(".css") for asset in assets), docs
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
        assert httpx.get(str(client.base_url) + asset).status_code == 401


def test_no_cors_headers_are_sent(server):
    """A page on another origin cannot read answers from a browser: no Access-Control-* header, preflights refused."""
    client, _, _ = server
    origin = {"Origin": "https://elsewhere.example"}
    preflight = client.options("/v1/check", headers={**origin, "Access-Control-Request-Method": "POST"})
    upload = client.post("/v1/check", files={"file": ("a.txt", b"Lovely weather.\n")}, headers=origin)
    answers = [preflight, client.get("/readyz", headers=origin), upload]
    assert preflight.status_code == 405 and answers[2].status_code == 200
    assert not [name for answer in answers for name in answer.headers if name.lower().startswith("access-control-")]


def test_a_text_upload_gets_its_verdict_with_masked_findings_and_is_recorded_by_sha256(server):
    client, store, _ = server
    response = _upload(client, "dana whitfield notes.txt", NOTE)
    assert response.status_code == 200
    check = response.json()
    assert check["verdict"] == "high" and check["accept"] is False and check["complete"] is True
    assert check["policy"] == {"name": "hipaa-safe-harbor", "version": load_policy().version}
    assert {"names", "phone", "dates"} <= {f["identifier"] for f in check["findings"]}
    assert check["item"].endswith("/upload.txt"), "the client's file name (it may name the patient) is not kept"
    assert not any(value in response.text for value in RAW_VALUES)
    with FindingsStore.open_existing(store, read_only=True) as opened:
        (recorded,) = checks_of(opened, hashlib.sha256(NOTE).hexdigest())
    assert (recorded.id, recorded.item, recorded.verdict, recorded.accept, recorded.size) == (
        check["check"],
        check["item"],
        "high",
        False,
        len(NOTE),
    )


def test_a_clean_text_is_accepted(server):
    client, _, _ = server
    check = _upload(client, "a.txt", b"The weather was lovely and the park was full of dogs.\n").json()
    assert (check["verdict"], check["accept"], check["errors"]) == ("none", True, [])


@pytest.mark.parametrize(
    "name, data, identifier",
    [
        ("scan.dcm", dicom_bytes("DOE^JANE"), "names"),
        ("photo.png", png_bytes("Call Dana Whitfield at 617-555-0142"), "phone"),
        ("summary.pdf", _pdf_with_author("Dana Whitfield"), "names"),
        ("rows.csv", b"id,note\n1,call 617-555-0142 now\n2,all fine\n", "phone"),
        ("bundle.zip", zip_bytes({"a/note.txt": NOTE, "b/scan.dcm": dicom_bytes("DOE^JANE")}), "names"),
    ],
)
def test_each_kind_of_upload_is_read_and_scanned_as_a_scan_reads_it(server, name, data, identifier):
    client, _, _ = server
    check = _upload(client, name, data).json()
    assert identifier in {f["identifier"] for f in check["findings"]}
    assert check["accept"] is False
    assert not any(value in str(check) for value in RAW_VALUES)


def test_an_archive_gives_a_verdict_per_member(server):
    client, _, _ = server
    check = _upload(client, "bundle.zip", zip_bytes({"a.txt": NOTE, "b.txt": b"Nothing to see here at all.\n"})).json()
    risks = {v["item"].rsplit("!", 1)[1]: v["risk"] for v in check["verdicts"]}
    assert risks == {"a.txt": "high", "b.txt": "none"}
    assert check["verdict"] == "high"


def test_a_json_post_is_judged_with_its_media_and_its_items_can_be_read_back(server):
    client, _, _ = server
    post = {
        "text": "Got my results back today, the lupus is flaring.",
        "author": "dana_w",
        "created_at": "2026-11-02T10:00:00Z",
        "media": [{"name": "x.png", "content_base64": base64.b64encode(png_bytes("Dana Whitfield 617-555-0142")).decode()}],
    }
    response = client.post("/v1/check", json=post)
    assert response.status_code == 200
    check = response.json()
    assert check["item"].endswith("post.jsonl#post")
    (verdict,) = check["verdicts"]
    assert verdict["risk"] == "high" and "phone" in verdict["identifiers"] and "condition" in verdict["health"]
    stored = client.get(f"/v1/items/{check['item'].replace('#', '%23')}").json()
    assert stored["kind"] == "post" and stored["verdict"]["risk"] == "high"
    (medium,) = stored["media"]
    assert client.get(f"/v1/items/{medium}").json()["parent"] == check["item"]
    assert "dana_w" not in response.text and client.get("/v1/items/no/such/item").status_code == 404


def test_an_oversize_upload_is_refused_with_413(server):
    client, _, _ = server
    assert _upload(client, "big.txt", b"a" * (2 * 1024 * 1024)).status_code == 413


def test_an_oversize_body_without_a_declared_length_is_refused_with_413_as_it_arrives(server):
    client, _, _ = server

    def chunks():  # 2 MiB sent chunked, so the server learns its size only by reading it
        yield b'{"text": "'
        yield from [b"a" * 65536] * 32

    response = client.post("/v1/check", content=chunks(), headers={"content-type": "application/json"})
    assert response.request.headers["transfer-encoding"] == "chunked" and response.status_code == 413
    assert client.get("/healthz").status_code == 200


def test_connections_past_the_limit_get_503_and_the_server_recovers(server):
    """At most 32 connections are served at once (each may hold an upload in memory): the next request gets 503."""
    client, _, _ = server
    idle = [socket.create_connection(("127.0.0.1", client.base_url.port)) for _ in range(32)]
    try:
        time.sleep(0.5)
        assert httpx.get(str(client.base_url) + "/healthz").status_code == 503
    finally:
        for connection in idle:
            connection.close()
    time.sleep(0.5)
    assert httpx.get(str(client.base_url) + "/healthz").status_code == 200


@pytest.mark.parametrize(
    "headers, body, status",
    [
        ({"content-type": "multipart/form-data"}, b"--x\r\nnot a part", 400),  # no boundary
        (
            {"content-type": "multipart/form-data; boundary=x"},
            b'--x\r\nContent-Disposition: form-data; name="other"\r\n\r\nv\r\n--x--\r\n',
            400,
        ),
        ({"content-type": "application/json"}, b'{"text": "unclosed', 400),
        ({"content-type": "application/json"}, b'{"body": "no text field"}', 422),
        ({"content-type": "application/json"}, b'{"text": "hi", "media": [{"content_base64": "%%%"}]}', 422),
        ({"content-type": "text/plain"}, b"hello", 415),
    ],
)
def test_malformed_bodies_are_refused_with_a_reason_and_no_raw_input(server, headers, body, status):
    client, _, _ = server
    response = client.post("/v1/check", content=body, headers=headers)
    assert response.status_code == status
    assert "unclosed" not in response.text and "no text field" not in response.text


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("bomb.png", png_declaring(40_000, 40_000), r"40000×40000|decompression bomb"),
        ("broken.dcm", dicom_with_overlong_length(), r"."),
        ("bomb.zip", zip_bytes({"zeros.txt": b"0" * (20 * 1024 * 1024), "inside.txt": note(7).encode()}), r"zip bomb"),
        ("noise.bin", bytes(range(256)) * 8, r"unsupported file type"),
    ],
)
def test_a_hostile_upload_gets_200_with_its_error_and_the_server_stays_healthy(server, name, data, reason):
    client, _, _ = server
    response = _upload(client, name, data)
    assert response.status_code == 200
    check = response.json()
    assert check["accept"] is False and check["complete"] is False
    assert any(re.search(reason, error["reason"]) for error in check["errors"]), check["errors"]
    assert client.get("/healthz").status_code == 200
    assert _upload(client, "after.txt", NOTE).json()["verdict"] == "high"


def test_the_zip_bomb_member_is_refused_and_its_neighbour_still_scanned(server):
    client, _, _ = server
    check = _upload(client, "bomb.zip", zip_bytes({"zeros.txt": b"0" * (20 * 1024 * 1024), "inside.txt": note(7).encode()})).json()
    assert [e["item"].rsplit("!", 1)[1] for e in check["errors"] if "zip bomb" in e["reason"]] == ["zeros.txt"]
    assert any(f["identifier"] == "phone" and f["item"].endswith("!inside.txt") for f in check["findings"])


def test_concurrent_checks_each_get_their_own_answer_from_the_same_warm_processes(server):
    """Models load once per scanning process: checks are answered by the processes that were warmed, none started for them."""
    client, _, _ = server
    warmed = {process.pid for process in _scanning_processes(client)}
    uploads = [(f"n{i}.txt", NOTE if i % 2 else b"Lovely weather in the park today.\n") for i in range(10)]
    uploads += [("scan.dcm", dicom_bytes("DOE^JANE")), ("photo.png", png_bytes())]
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda upload: _upload(client, *upload), uploads))
    assert all(answer.status_code == 200 for answer in answers)
    verdicts = [answer.json()["verdict"] for answer in answers[:10]]
    assert verdicts == ["none" if i % 2 == 0 else "high" for i in range(10)]
    assert len({answer.json()["check"] for answer in answers}) == len(uploads)
    assert {process.pid for process in _scanning_processes(client)} == warmed and len(warmed) == 2


TEXTS = [
    NOTE,
    b"Seen by Dr. Amara Okafor on 12/01/2024; MRN 4417782. Follow-up for hypertension.\n",
    b"My brother Tomasz Wojcik (tomasz.w@example.com) was admitted with pneumonia last week.\n",
    b"Lovely weather in the park today.\n",
    b"Name,Phone,Condition\nRuth Castellanos,(212) 555-0199,asthma\nLeo Brandt,415-555-0123,none\n",
]


def _findings_without_item(check: dict) -> list[tuple]:
    return sorted(
        (f["item"].rsplit("/", 1)[-1], f["entity"], f["field"], str(f["span"]), f["evidence"], f["digest"], f["score"])
        for f in check["findings"]
    )


def test_concurrent_text_checks_are_batched_and_find_exactly_what_single_checks_find(server):
    client, _, _ = server
    names = ["a.txt", "b.txt", "c.txt", "d.txt", "e.csv"]
    alone = [_findings_without_item(_upload(client, name, text).json()) for name, text in zip(names, TEXTS)]
    assert all(alone[:3]) and alone[3] == [] and alone[4]
    before = client.get("/readyz").json()["text_batches"]
    uploads = [(names[i % 5], TEXTS[i % 5]) for i in range(40)]
    with ThreadPoolExecutor(16) as pool:
        answers = list(pool.map(lambda upload: _upload(client, *upload), uploads))
    after = client.get("/readyz").json()["text_batches"]
    assert [a.status_code for a in answers] == [200] * 40
    assert [_findings_without_item(a.json()) for a in answers] == [alone[i % 5] for i in range(40)]
    assert after["checks"] - before["checks"] == 40
    assert after["calls"] - before["calls"] < 40, "checks arriving together share a scan call"


ROOT = Path(__file__).resolve().parent.parent
#: A CT slice with a burned-in banner (name, MRN, dates, facility), and the same banner on a JPEG: data the
#: scanners were not written against (tests/fixtures/burned_in/holdout, made by make_burned_in.py).
BURNED_IN = ROOT / "tests/fixtures/burned_in/holdout"


def _copy_of(check: dict) -> tuple[dict, bytes]:
    redacted = check["redacted"]
    assert redacted["status"] == "written", redacted
    (copy,) = redacted["files"]
    return copy, base64.b64decode(copy["content_base64"])


def _identifiers(check: dict) -> set[str]:
    return {f["identifier"] for f in check["findings"] if f["identifier"]}


def test_a_redacted_post_comes_back_with_its_identifiers_replaced_and_verified(server):
    client, _, _ = server
    post = {"text": "Dana Whitfield (DOB 03/04/1961, 617-555-0142) is home after the lupus flare.", "author": "dana_w"}
    check = client.post("/v1/check", params={"redact": "true"}, json=post).json()
    redacted = check["redacted"]
    assert redacted["status"] == "written" and redacted["passes"] >= 1, redacted
    text = redacted["post"]["text"]
    assert "[NAME]" in text and "[PHONE]" in text and "lupus flare" in text
    assert not any(value in text for value in ("Whitfield", "617-555-0142", "03/04/1961"))
    assert client.post("/v1/check", json={"text": text}).json()["verdict"] == "none", "the copy checks clean"
    assert "dana_w" not in str(redacted)


def test_an_image_with_a_burned_in_name_comes_back_covered_and_without_metadata(server):
    client, _, _ = server
    original = (BURNED_IN / "ct_00.jpg").read_bytes()
    check = _upload(client, "ct.jpg", original, redact="true").json()
    assert "names" in _identifiers(check)
    copy, data = _copy_of(check)
    assert copy["name"] == "upload.jpg" and copy["boxes"] >= 1 and copy["removed"].get("names", 0) >= 1
    assert copy["sha256"] == hashlib.sha256(data).hexdigest() and data != original
    again = _upload(client, "copy.jpg", data).json()
    assert not _identifiers(again) & {"names", "mrn", "dates"}, again["findings"]


def test_a_dicom_file_comes_back_with_its_header_emptied_and_its_banner_filled(server):
    import pydicom

    client, _, _ = server
    original = (BURNED_IN / "ct_00.dcm").read_bytes()
    check = _upload(client, "ct.dcm", original, redact="true").json()
    assert {"names", "mrn"} <= _identifiers(check)
    copy, data = _copy_of(check)
    dataset = pydicom.dcmread(io.BytesIO(data))
    assert str(dataset.PatientName) != str(pydicom.dcmread(io.BytesIO(original)).PatientName)
    assert dataset.PatientIdentityRemoved == "YES" and copy["boxes"] >= 1
    again = _upload(client, "copy.dcm", data).json()
    assert not _identifiers(again) & {"names", "mrn", "dates"}, again["findings"]


def test_a_pdf_comes_back_rebuilt_without_its_author(server):
    from pypdf import PdfReader

    client, _, _ = server
    check = _upload(client, "summary.pdf", _pdf_with_author("Dana Whitfield"), redact="true").json()
    assert "names" in _identifiers(check)
    _copy, data = _copy_of(check)
    assert b"Whitfield" not in data and "Whitfield" not in str(PdfReader(io.BytesIO(data)).metadata or {})
    assert not _identifiers(_upload(client, "copy.pdf", data).json())


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("broken.dcm", dicom_with_overlong_length(), "not fully scanned"),
        ("bundle.zip", zip_bytes({"a.txt": NOTE}), "archive's copy is not made by the service"),
        ("page.html", b"<p>Dana Whitfield has <b>diabetes</b></p>", "its redacted copy is not made yet"),
    ],
)
def test_an_upload_that_cannot_be_made_clean_gets_no_copy_and_says_why(server, name, data, reason):
    client, _, _ = server
    response = _upload(client, name, data, redact="true")
    assert response.status_code == 200
    redacted = response.json()["redacted"]
    assert redacted["status"] == "refused" and reason in redacted["reason"] and redacted["files"] == [], redacted
    assert response.json()["accept"] is False


def test_without_redact_there_is_no_copy(server):
    client, _, _ = server
    assert _upload(client, "a.txt", NOTE).json()["redacted"] is None


def test_a_finding_in_a_document_says_where_in_the_file_it_is(server):
    import docx

    client, _, _ = server
    document = docx.Document()
    document.add_paragraph("Follow-up visit.")
    document.add_paragraph("Dana Whitfield called from 617-555-0142 about her diabetes.")
    buffer = io.BytesIO()
    document.save(buffer)
    check = _upload(client, "visit.docx", buffer.getvalue()).json()
    places = {f["identifier"]: f["where"] for f in check["findings"] if f["source"] == "text" and f["identifier"]}
    assert places["phone"] == "paragraph 2, characters 27-39"
    assert places["names"].startswith("paragraph 2, characters 0-")
    assert all(f["where"] is None for f in _upload(client, "a.txt", NOTE).json()["findings"])


def test_the_report_and_the_store_hold_no_raw_value_and_the_log_no_locator(server):
    client, store, log = server
    _upload(client, "a.txt", NOTE)
    report = client.get("/v1/report")
    assert report.status_code == 200 and report.json()["items"] > 0
    with sqlite3.connect(store) as db:
        dumped = "\n".join(db.iterdump())
    assert not any(value in dumped or value in report.text for value in RAW_VALUES)
    logged = log.read_text()
    assert "POST /v1/check 200" in logged and "GET /v1/items/{locator:path} 200" in logged
    assert "checks/" not in logged and not any(value in logged for value in (*RAW_VALUES, "Dana", "dana_w"))


def test_it_refuses_to_listen_beyond_loopback_without_a_token_or_with_a_readable_token_file(tmp_path):
    serve = [PHI_AUDIT, "serve", "--store", str(tmp_path / "a.db")]
    refused = subprocess.run([*serve, "--host", "0.0.0.0"], capture_output=True, text=True, timeout=120, check=False)
    assert refused.returncode == 2 and "without a token" in refused.stderr
    loose = tmp_path / "token"
    loose.write_text(TOKEN)
    for mode in (0o644, 0o640, 0o604):  # readable by the world, by the group, by others outside the group
        loose.chmod(mode)
        refused = subprocess.run([*serve, "--token-file", str(loose)], capture_output=True, text=True, timeout=120, check=False)
        assert refused.returncode == 2 and "chmod 600" in refused.stderr, oct(mode)
    loose.chmod(0o600)
    loose.write_text("short")
    refused = subprocess.run([*serve, "--token-file", str(loose)], capture_output=True, text=True, timeout=120, check=False)
    assert refused.returncode == 2 and "at least 32 characters" in refused.stderr


def _slow_dicom(frames: int, side: int = 320) -> bytes:
    """A multi-frame DICOM file whose every frame burns in different lines of text: each frame is OCR'd."""
    import numpy as np
    import pydicom
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.load_default(size=16)
    pixels = []
    for frame in range(frames):
        image = Image.new("L", (side, side), 0)
        for line in range(side // 64):
            ImageDraw.Draw(image).text((10 + 5 * frame, 16 + 64 * line), f"DOE JANE MRN {4417000 + 10 * frame + line}", fill=255, font=font)
        pixels.append(np.asarray(image))
    dataset = pydicom.dcmread(io.BytesIO(dicom_bytes("DOE^JANE", description=None)))
    dataset.Rows, dataset.Columns, dataset.NumberOfFrames = side, side, frames
    dataset.SamplesPerPixel, dataset.PhotometricInterpretation = 1, "MONOCHROME2"
    dataset.BitsAllocated, dataset.BitsStored, dataset.HighBit, dataset.PixelRepresentation = 8, 8, 7, 0
    dataset.add_new(0x7FE00010, "OB", np.stack(pixels).tobytes())
    buffer = io.BytesIO()
    dataset.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()


def test_a_slow_dicom_check_does_not_hold_up_text_checks(server):
    """Files and texts are scanned by different processes: texts sent while a DICOM's frames are OCR'd come back first."""
    client, _, _ = server
    with ThreadPoolExecutor(1) as pool:
        slow = pool.submit(_upload, client, "cine.dcm", _slow_dicom(8))  # 0.8 MB, some 10-20 s of OCR
        time.sleep(1)  # let the DICOM reach the media lane first
        texts = [_upload(client, f"{n}.txt", NOTE) for n in range(2)]
        assert [text.json()["verdict"] for text in texts] == ["high"] * 2
        assert not slow.done(), "a text check waited for the DICOM"
        dicom = slow.result().json()
    assert dicom["complete"] is True, dicom["errors"]
    assert {f["field"] for f in dicom["findings"]} >= {"ocr:frame:0", "ocr:frame:7"}, "every frame's pixels were read"


#: Pages of an upload that takes OCR several seconds (a page of one text line reads in about 30 ms here): long
#: enough to kill its scanning processes midway, and far over a one-second limit.
PAGES = 200


def _many_pages() -> bytes:
    return zip_bytes({f"scan{n}.png": png_bytes(f"Patient Dana Whitfield {n}", size=(640, 480)) for n in range(PAGES)})


def test_a_scanning_process_that_dies_mid_check_is_replaced_and_the_check_still_answered(server):
    client, _, _ = server
    pages = _many_pages()
    with ThreadPoolExecutor(1) as pool:
        slow = pool.submit(_upload, client, "pages.zip", pages)
        time.sleep(1)
        scanners = _scanning_processes(client)
        assert scanners
        for child in scanners:
            child.kill()
        readiness = []
        while not slow.done():
            readiness.append(client.get("/readyz").status_code)
            time.sleep(0.2)
        answer = slow.result()
    assert answer.status_code == 200
    assert (answer.json()["complete"], answer.json()["errors"]) == (True, []), "scanned again, whole, by the new processes"
    assert 503 in readiness, "not ready while the new processes load their models"
    assert client.get("/healthz").status_code == 200
    assert _upload(client, "after.txt", NOTE).json()["verdict"] == "high"
    deadline = time.monotonic() + 120
    while client.get("/readyz").status_code != 200:
        assert time.monotonic() < deadline, "ready again once the new processes have loaded their models"
        time.sleep(0.2)


@pytest.fixture(scope="module")
def hurried(tmp_path_factory):
    """A server whose requests may take one second."""
    with _running_server(tmp_path_factory.mktemp("hurried"), "--time-limit", "1") as running:
        yield running


def test_a_body_that_does_not_arrive_within_the_time_limit_gets_408(hurried):
    client, _, _ = hurried
    with socket.create_connection(("127.0.0.1", client.base_url.port), timeout=30) as raw:
        raw.sendall(
            b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
            + TOKEN.encode()
            + b"\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
            + b'{"text": "Dana'
        )
        started = time.monotonic()
        answer = raw.recv(4096)
    assert answer.startswith(b"HTTP/1.1 408") and time.monotonic() - started < 10, answer
    assert client.get("/healthz").status_code == 200


def test_a_check_over_the_time_limit_is_answered_and_recorded_as_not_scanned(hurried):
    pages = _many_pages()
    client, store, _ = hurried
    started = time.monotonic()
    check = _upload(client, "pages.zip", pages).json()
    assert time.monotonic() - started < 10, "answered soon after the one-second limit, not when the scan would have ended"
    assert check["accept"] is False and check["complete"] is False
    assert {error["stage"] for error in check["errors"]} == {"scan:time_limit"}
    with FindingsStore.open_existing(store, read_only=True) as opened:
        (recorded,) = checks_of(opened, hashlib.sha256(pages).hexdigest())
        assert recorded.complete is False
        assert store_rows(opened, "SELECT COUNT(*) FROM items WHERE locator LIKE ?", (check["item"] + "!%",))[0][0] == PAGES
