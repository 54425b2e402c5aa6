"""The README's commands: `make run` takes PORT=, and the screenshot tour installs what it needs."""

import importlib.util
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _make_dry_run(*args):
    return subprocess.run(["make", "-n", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def test_make_run_serves_on_the_port_given():
    assert "runserver 127.0.0.1:8011" in _make_dry_run("run", "PORT=8011")


def test_make_run_serves_on_8000_by_default():
    assert "runserver 127.0.0.1:8000" in _make_dry_run("run")


def test_the_screenshot_tour_installs_chromium_and_the_cjk_font_like_make_test(monkeypatch):
    spec = importlib.util.spec_from_file_location("screenshot_tour", ROOT / "scripts" / "screenshot_tour.py")
    tour = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tour)
    calls = []
    monkeypatch.setattr(tour.subprocess, "run", lambda args, **kw: calls.append(args))
    tour.ensure_system_packages()
    assert calls == [["bash", str(ROOT / "scripts" / "system_deps.sh"), "chromium", "fonts-noto-cjk"]]
    assert "chromium" in (ROOT / "scripts" / "system_deps.sh").read_text()
