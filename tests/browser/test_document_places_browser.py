"""A document's item page in a real browser: each finding of a Word file says where it is in the file (the table's
`where` column, and the highlighted text's tooltip), with the evidence masked and no raw value on the page.

The store is a scan of the committed fixtures (tests/fixtures/documents); the screenshot goes where
PHI_AUDIT_SCREENSHOTS says (`docs/img` refreshes the README's), else to pytest's temporary folder.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from auditor import scan
from tests.browser.served import launch_chromium, open_item, served

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "documents"
RAW = ("Mary Major", "Walter Stone", "Jane Roe", "asthma")


@pytest.fixture(scope="module")
def document_store(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("documents")
    shutil.copytree(FIXTURES, root / "corpus")
    scan([root / "corpus"], root / "audit.db", scanner_names=["text", "document_metadata"])
    return root / "audit.db"


def test_a_word_files_item_page_says_where_each_finding_is_in_the_file(document_store, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    screenshots = Path(os.environ.get("PHI_AUDIT_SCREENSHOTS") or tmp_path)
    screenshots.mkdir(parents=True, exist_ok=True)
    with served(document_store) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        open_item(page, url, "visit.docx")
        name = page.locator("mark").filter(has_text="M*** M****")
        expect(name).to_have_attribute("title", "names; in the file at paragraph 2, characters 12-22", timeout=30_000)
        expect(page.locator("mark").filter(has_text="W***** S****")).to_have_attribute(
            "title", "names; in the file at table 1, row 1, cell 2, characters 0-12"
        )
        # the grid draws on a canvas; its cells are also in the accessible table Glide keeps beside it
        page.get_by_role("heading", name="All findings").scroll_into_view_if_needed()
        grid = page.get_by_test_id("stDataFrame").filter(has=page.locator("th", has_text="where"))
        expect(grid.locator("td", has_text="paragraph 2, characters 27-33")).to_be_attached(timeout=30_000)
        expect(grid.locator("td", has_text="table 1, row 1, cell 2, characters 0-12")).to_be_attached()
        page.set_viewport_size({"width": 1400, "height": 1800})
        page.wait_for_timeout(1500)
        page.screenshot(path=str(screenshots / "dashboard-item-document.png"))
        html = page.content()
        browser.close()
    assert not [value for value in RAW if value in html]
