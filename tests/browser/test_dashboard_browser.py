"""The dashboard in a real browser: `phi-audit dashboard` on a scan of the sample corpus, driven by Playwright
through Debian's chromium (scripts/install-system-deps.sh installs it; no browser is ever downloaded).

It clicks overview → filter → items → one item, checks that real content renders, that no planted PHI value
reaches the page's HTML, and saves screenshots of the overview and the item page as test artifacts: in
pytest's temporary folder, or where PHI_AUDIT_SCREENSHOTS says (`PHI_AUDIT_SCREENSHOTS=docs/img` refreshes
the README's, so that a plain test run leaves the work tree clean).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from auditor import scan
from auditor.store import FindingsStore
from tests.browser.served import CHROMIUM, ROOT, launch_chromium, open_item, served
from tests.store_sql import rows as store_rows

OPENED = "posts.jsonl#p0007"  # a post whose shared screenshot has a name, birth date and MRN drawn in


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory) -> Path:
    """A scan of data/sample; PHI_AUDIT_SAMPLE_STORE names one already made (the scan takes a while)."""
    if os.environ.get("PHI_AUDIT_SAMPLE_STORE"):
        return Path(os.environ["PHI_AUDIT_SAMPLE_STORE"])
    store = tmp_path_factory.mktemp("browser") / "sample.db"
    scan([ROOT / "data" / "sample"], store, workers=1)
    return store


@pytest.fixture(scope="module")
def dashboard_url(sample_store):
    """The dashboard started the way a user starts it, on a free local port; stopped after the tests."""
    with served(sample_store) as url:
        yield url


def _planted_values(items: set[str] | None = None, shortest: int = 4) -> set[str]:
    """The labelled identifier values of `items` (all items when None), from the sample's truth files (text,
    metadata and pixels); values shorter than `shortest` would match unrelated page text."""
    values = set()
    for name in ("sample.labels.jsonl", "sample.pixel-labels.jsonl"):
        for line in (ROOT / "data" / name).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if items is None or record["item"] in items:
                values |= {label["text"] for label in record["labels"] if label["identifier"] and len(label["text"]) >= shortest}
    return values


@pytest.fixture
def screenshots(tmp_path) -> Path:
    folder = Path(os.environ.get("PHI_AUDIT_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _count(store: Path, sql: str) -> int:
    """A count from the store the dashboard shows, so the test follows the sample as it grows."""
    with FindingsStore.open_existing(store, read_only=True) as opened:
        return store_rows(opened, sql)[0][0]


def test_overview_filter_and_item_in_chromium(sample_store, dashboard_url, screenshots):
    from playwright.sync_api import expect, sync_playwright

    assert Path(CHROMIUM).exists(), "chromium is missing: run scripts/install-system-deps.sh"
    planted = _planted_values({OPENED, "media/p0007.png"})
    assert {"Bernard", "198.51.100.77", "GARCIA, MARIA", "00482913"} <= planted
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        outside = []
        page.on(
            "request",
            lambda request: (
                None if request.url.startswith(dashboard_url) or request.url.startswith("data:") else outside.append(request.url)
            ),
        )

        page.goto(dashboard_url)
        expect(page.get_by_role("heading", name="Overview")).to_be_visible(timeout=60_000)
        items = page.get_by_test_id("stMetric").filter(has_text="Items")
        expect(items).to_contain_text(str(_count(sample_store, "SELECT COUNT(*) FROM items")))
        expect(page.locator(".vega-embed")).to_have_count(6, timeout=30_000)
        high = _count(sample_store, "SELECT COUNT(*) FROM verdicts WHERE policy = 'hipaa-safe-harbor' AND risk = 'high'")
        expect(page.get_by_test_id("stMetric").filter(has_text="High risk")).to_contain_text(str(high))
        page.set_viewport_size({"width": 1400, "height": 1500})
        page.wait_for_timeout(1500)  # let the charts finish drawing
        page.screenshot(path=str(screenshots / "dashboard-overview.png"))
        page.set_viewport_size({"width": 1400, "height": 1000})
        overview_html = page.content()

        search = page.get_by_label("Path contains, or author is")
        search.fill("p0007")
        search.press("Enter")
        expect(items).to_contain_text("2", timeout=30_000)

        page.get_by_role("link", name="Items", exact=True).click()
        expect(page.get_by_role("heading", name="Items", exact=True)).to_be_visible(timeout=30_000)
        expect(page.get_by_text("2 item(s) match the filters")).to_be_visible()
        # the post and its screenshot are both high (the screenshot's name and MRN are a clinical context): pick the post
        page.get_by_test_id("stSelectbox").filter(has_text="Open an item of this page").click()
        page.get_by_role("option", name=OPENED).click()
        page.get_by_role("button", name="Open item").click()

        expect(page.get_by_role("heading", name="Why this risk")).to_be_visible(timeout=60_000)
        expect(page.get_by_test_id("stCode").first).to_contain_text(OPENED)
        expect(page.get_by_text("Author: **********")).to_be_visible()  # a handle with digits in it is masked whole
        expect(page.locator("mark").filter(has_text="B******")).to_be_visible()
        expect(page.locator("mark").filter(has_text="***.**.***.**")).to_be_visible()
        expect(page.get_by_test_id("stImage").first).to_be_visible(timeout=30_000)
        expect(page.get_by_text("image, frame 0: 5 box(es)")).to_be_visible()
        page.set_viewport_size({"width": 1400, "height": 2600})  # the app scrolls inside its own frame
        page.wait_for_timeout(1500)
        page.screenshot(path=str(screenshots / "dashboard-item.png"))

        html = page.content()

        page.get_by_role("link", name="Downloads").click()
        with page.expect_download(timeout=60_000) as download:
            page.get_by_role("button", name="Findings (CSV)").click()
        exported = Path(download.value.path()).read_text(encoding="utf-8")
        browser.close()
    header, *rows = exported.splitlines()
    assert header.startswith("item,source,field,entity,identifier,health,span,bbox")
    assert len(rows) == 10 and all(row.startswith(("posts.jsonl#p0007,", "media/p0007.png,")) for row in rows)
    assert not [value for value in planted if value in exported]
    leaked = sorted(value for value in planted if value in html)
    assert not leaked, f"raw PHI in the item page: {leaked}"
    everywhere = _planted_values(shortest=6)
    assert len(everywhere) > 300
    leaked = sorted(value for value in everywhere if value in overview_html)
    assert not leaked, f"raw PHI in the overview: {leaked}"
    assert not outside, f"the page fetched from outside the dashboard: {outside}"


def test_risk_composition_and_person_clusters_in_chromium(sample_store, dashboard_url, screenshots):
    """The Risk page shows k and the smallest classes and opens one to its masked evidence; the Composition page
    draws corpus-against-population bars; both follow the sidebar's filters; Linked items lists person-clusters."""
    from playwright.sync_api import expect, sync_playwright

    from auditor.risk.measures import measure
    from auditor.store import FindingsStore

    with FindingsStore.open_existing(sample_store, read_only=True) as store:
        expected = measure(store, ("age", "sex", "region", "month"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 1400})
        page.goto(dashboard_url)
        expect(page.get_by_role("heading", name="Overview")).to_be_visible(timeout=60_000)

        page.get_by_role("link", name="Risk", exact=True).click()
        expect(page.get_by_role("heading", name="Re-identification risk")).to_be_visible(timeout=60_000)
        expect(page.get_by_test_id("stMetric").filter(has_text="Sample-uniques")).to_contain_text(
            f"{100 * expected.unique_share:.1f}%", timeout=30_000
        )
        expect(page.get_by_text(f"{expected.subjects} subjects in {expected.classes} classes")).to_be_visible()
        expect(page.get_by_text("is below the threshold of 5")).to_be_visible()
        expect(page.locator(".vega-embed")).to_have_count(1, timeout=30_000)
        page.wait_for_timeout(1000)
        page.screenshot(path=str(screenshots / "dashboard-risk.png"), full_page=True)
        risk_html = page.content()

        page.get_by_role("link", name="Composition", exact=True).click()
        expect(page.get_by_role("heading", name="Who this corpus represents")).to_be_visible(timeout=60_000)
        expect(page.get_by_text("over-represented against the US population")).to_be_visible(timeout=30_000)
        expect(page.locator(".vega-embed").first).to_be_visible(timeout=30_000)
        subjects = page.get_by_test_id("stMetric").filter(has_text="Subjects")
        expect(subjects).to_contain_text(str(expected.subjects))
        page.wait_for_timeout(1000)
        page.screenshot(path=str(screenshots / "dashboard-composition.png"), full_page=True)

        kinds = page.get_by_test_id("stSidebar").get_by_text("Item type")
        expect(kinds).to_be_visible()
        search = page.get_by_label("Path contains, or author is")
        search.fill("dicom/")
        search.press("Enter")
        dicoms = _count(
            sample_store, "SELECT COUNT(*) FROM items WHERE locator LIKE '%dicom/%' AND parent IS NULL AND kind != 'unreadable'"
        )
        expect(subjects).to_contain_text(str(dicoms), timeout=30_000)

        search.fill("")
        search.press("Enter")
        page.get_by_role("link", name="Linked items", exact=True).click()
        expect(page.get_by_role("heading", name="Linked items")).to_be_visible(timeout=60_000)
        expect(page.get_by_text("Person-clusters (", exact=False)).to_be_visible(timeout=30_000)
        linked_html = page.content()
        browser.close()
    for value in _planted_values():
        assert value not in risk_html and value not in linked_html


CINE = "dicom/us_cine_0012.dcm"  # three frames: the banner (name, ID, date) on every one, reported on frame 0 only


def test_every_frame_of_a_cine_is_shown_with_every_box_and_reveal_resets_per_item(sample_store, dashboard_url, screenshots):
    from playwright.sync_api import expect, sync_playwright

    boxes = _count(sample_store, f"SELECT COUNT(DISTINCT bbox) FROM findings WHERE item = '{CINE}' AND bbox IS NOT NULL")
    assert boxes >= 4
    planted = _planted_values({CINE})
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        open_item(page, dashboard_url, CINE)
        page.get_by_text("Every frame of a multi-frame image").click()
        for frame in range(3):  # frames 1 and 2 carry the banner boxes found on frame 0
            expect(page.get_by_text(f"dicom, frame {frame}: {boxes} box(es)")).to_be_visible(timeout=60_000)
        expect(page.get_by_text("Annex E (DICOM PS3.15 Table E.1-1) says what de-identification must do").first).to_be_visible()
        expect(page.get_by_text("a name (Patient's Name), DICOM header").first).to_be_attached()
        page.set_viewport_size({"width": 1400, "height": 3000})
        page.wait_for_timeout(1500)
        page.screenshot(path=str(screenshots / "dashboard-item-cine.png"))
        html = page.content()

        page.set_viewport_size({"width": 1400, "height": 1000})
        page.get_by_text("Reveal raw values").click()
        expect(page.get_by_text("Raw values are shown.")).to_be_visible(timeout=30_000)
        open_item(page, dashboard_url, OPENED)
        expect(page.get_by_text("Raw values are shown.")).to_have_count(0)
        expect(page.get_by_role("switch", name="Reveal raw values (read again from the corpus: this shows PHI)")).not_to_be_checked()
        browser.close()
    leaked = sorted(value for value in planted if value in html)
    assert not leaked, f"raw PHI on the cine's page: {leaked}"


def test_items_page_is_read_at_1400_px_without_scrolling_sideways(sample_store, dashboard_url, screenshots):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{dashboard_url}/items")
        expect(page.get_by_role("heading", name="Items", exact=True)).to_be_visible(timeout=60_000)
        grid = page.get_by_test_id("stDataFrame").first
        expect(grid).to_be_visible(timeout=30_000)
        page.wait_for_timeout(1000)
        widths = grid.evaluate("el => [...el.querySelectorAll('.dvn-scroller')].map(s => [s.scrollWidth, s.clientWidth])")
        assert widths and all(scroll <= client + 1 for scroll, client in widths), widths
        page.screenshot(path=str(screenshots / "dashboard-items.png"))

        page.get_by_role("link", name="Linked items").click()
        expect(page.get_by_role("heading", name="Likely the same person", exact=False)).to_be_visible(timeout=60_000)
        expect(page.get_by_role("heading", name="Shared quasi-identifiers", exact=False)).to_be_visible()
        page.set_viewport_size({"width": 1400, "height": 1800})
        page.wait_for_timeout(1500)
        page.screenshot(path=str(screenshots / "dashboard-linked.png"))
        browser.close()
