"""Screenshot tour of a running portal (desktop 1366 px and phone 390 px) for looking at pages.

Usage: .venv/bin/python scripts/screenshot_tour.py [BASE_URL] [OUT_DIR]
(defaults: http://127.0.0.1:8000, artifacts/tour). Signs in as the demo `staff` user.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(sys.argv[2] if len(sys.argv) > 2 else "artifacts/tour")
PAGES = [
    ("workbench", "/"),
    ("enterprise-list", "/enterprises/"),
    ("enterprise-search", "/enterprises/?q=光伏"),
    ("request-inbox", "/services/requests/"),
    ("request-form", "/services/requests/new/"),
    ("request-track", "/services/requests/track/"),
    ("request-metrics", "/services/requests/metrics/"),
    ("enterprise-import", "/enterprises/import/"),
    ("calendar", "/system/calendar/"),
]
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(locale="zh-CN", viewport={"width": 1366, "height": 900})
        page.goto(f"{BASE}/accounts/login/")
        page.fill("input[name=username]", "staff")
        page.fill("input[name=password]", "Xining@2026demo")
        page.click("button[type=submit]")
        for name, path in PAGES:
            for label, width in (("desktop", 1366), ("phone", 390)):
                page.set_viewport_size({"width": width, "height": 900})
                response = page.goto(BASE + path)
                page.screenshot(path=str(OUT / f"{name}-{label}.png"), full_page=True)
                print(f"{response.status if response else '?'} {path} -> {name}-{label}.png")
        browser.close()


if __name__ == "__main__":
    main()
