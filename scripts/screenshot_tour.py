"""Screenshot tour of a running portal (desktop 1366 px and phone 390 px) for looking at pages.

Usage: .venv/bin/python scripts/screenshot_tour.py [BASE_URL] [OUT_DIR]  (or `make tour PORT=8000`)
(defaults: http://127.0.0.1:8000, artifacts/tour). Signs in as the demo `staff` user, then as `admin`
for the administration pages.

Needs Debian's Chromium (/usr/bin/chromium; never Playwright's own download) and the CJK font
(fonts-noto-cjk: without it every Chinese glyph is an empty box). Like `make test`, it installs them
with scripts/system_deps.sh when they are missing (as root; otherwise it says what to install).
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEEDS = ["chromium", "fonts-noto-cjk"]

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
    ("calendar-bulk", "/system/calendar/bulk/"),
    ("request-poster", "/services/requests/poster/"),
    ("chamber-list", "/chambers/"),
    ("chamber-candidates", "/chambers/candidates/"),
    ("chamber-yearly", "/chambers/yearly/"),
    ("chamber-coverage", "/chambers/coverage/"),
    ("chamber-applications", "/chambers/applications/"),
    ("chamber-directory", "/chambers/directory/"),
    ("event-list", "/services/events/"),
    ("event-detail", "/services/events/6/"),
    ("event-add", "/services/events/add/"),
    ("event-poster", "/services/events/6/poster/"),
    ("event-signin", "/services/events/signin/demo-symposium/"),
    # Campaigns and visits (ids of a fresh `seed_demo`: campaign 1 is 大调研大走访大解题大服务).
    ("campaign-list", "/services/campaigns/"),
    ("campaign-detail", "/services/campaigns/1/"),
    ("visit-list", "/services/visits/"),
    ("visit-form", "/services/visits/add/"),
    ("visit-detail", "/services/visits/1/"),
    ("policy-list", "/services/policies/"),
    ("policy-detail", "/services/policies/1/"),
    ("policy-enterprises", "/services/policies/1/enterprises/"),
    ("policy-outreach", "/services/policies/outreach/"),
    ("policy-public-list", "/services/policies/public/"),
    ("policy-public-page", "/services/policies/public/1/"),
    ("policy-matcher", "/services/policies/match/?scale=small&entity_type=enterprise"),
    ("policy-enterprise-panel", "/enterprises/1/"),
    # Job fairs (a fresh `seed_demo`: fair 1 is the 政策宣传月 fair, held; the spring fair is open).
    ("jobfair-list", "/services/jobfairs/"),
    ("jobfair-detail", "/services/jobfairs/1/"),
    ("jobfair-poster", "/services/jobfairs/2/poster/"),
    ("jobfair-register", "/services/jobfairs/register/demo-jobfair-spring/"),
    ("jobfair-public", "/services/jobfairs/fair/demo-jobfair-spring/"),
    # Legal services (services.legal).
    ("legal-public", "/services/legal/"),
    ("legal-stations", "/services/legal/stations/"),
    ("legal-station", "/services/legal/stations/1/"),
    ("legal-lawyers", "/services/legal/lawyers/"),
    ("legal-consultations", "/services/legal/consultations/"),
    ("legal-consultation-form", "/services/legal/consultations/add/"),
    ("legal-consultation", "/services/legal/consultations/5/"),
]
ADMIN_PAGES = [
    ("audit-log", "/system/audit/changes/"),
    ("login-log", "/system/audit/logins/"),
]
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def ensure_system_packages():
    """Chromium and the CJK font, installed like `make test` does (only when missing)."""
    subprocess.run(["bash", str(ROOT / "scripts" / "system_deps.sh"), *NEEDS], check=True)


def sign_in(page, username):
    page.context.clear_cookies()
    page.goto(f"{BASE}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "Xining@2026demo")
    page.click("button[type=submit]")


def shoot(page, pages):
    for name, path in pages:
        for label, width in (("desktop", 1366), ("phone", 390)):
            page.set_viewport_size({"width": width, "height": 900})
            response = page.goto(BASE + path)
            page.screenshot(path=str(OUT / f"{name}-{label}.png"), full_page=True)
            print(f"{response.status if response else '?'} {path} -> {name}-{label}.png")


def main():
    ensure_system_packages()
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(locale="zh-CN", viewport={"width": 1366, "height": 900})
        sign_in(page, "staff")
        shoot(page, PAGES)
        sign_in(page, "admin")
        shoot(page, ADMIN_PAGES)
        browser.close()


if __name__ == "__main__":
    main()
