"""Every browser test checks accessibility (信息无障碍, GB/T 37668 / WCAG 2.1 AA) with axe-core.

axe-core (vendored in static/vendor/axe-core/) is added to every page the test's browser loads, as an
init script. Each page runs axe once it has loaded and reports back through an exposed binding, so
pages reached by a click or a form submit are checked as well as those opened with ``page.goto``. The
page is checked again after each ``goto``, after each screenshot (at desktop and at phone width,
where the layout differs) and when the test ends. A test fails at its end on any serious or
critical violation of the WCAG 2.1 A/AA rules, listing each with its page and element.
"""

from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parents[2] / "static" / "vendor" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = {"serious", "critical"}

# Runs in every document: axe.run calls are chained, because axe refuses to run twice at once.
RUNNER = """
(() => {
  if (window.top !== window || !window.axe || window.__axeCheck) return;
  let chain = Promise.resolve();
  window.__axeCheck = () => {
    chain = chain.then(async () => {
      const result = await axe.run(document, {runOnly: {type: "tag", values: %(tags)s}, resultTypes: ["violations"]});
      const found = result.violations.filter(v => %(impacts)s.includes(v.impact)).map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.map(n => n.target.join(" ") + " " + n.html.slice(0, 160)).slice(0, 10),
      }));
      const report = {url: location.href, width: window.innerWidth, violations: found};
      try { await window.__axeReport(report); } catch (e) {}
      return report;
    });
    return chain;
  };
  if (document.readyState === "complete") window.__axeCheck();
  else window.addEventListener("load", () => window.__axeCheck());
})();
"""


class AxeFindings:
    """Serious and critical violations seen during one test, one entry per (page, rule, element)."""

    def __init__(self):
        self.seen: dict[tuple[str, str, str], str] = {}

    def add(self, report):
        if not report:
            return
        for violation in report.get("violations", []):
            for target in violation["targets"]:
                key = (report["url"], violation["id"], target)
                self.seen.setdefault(
                    key,
                    f"{violation['impact']}: {violation['id']} ({violation['help']}) at {report['width']}px "
                    f"on {report['url']}: {target}",
                )

    def messages(self):
        return list(self.seen.values())


def check_a11y(page, findings: AxeFindings):
    """Run axe on the page as it is now and record what it finds (no-op on a page axe is not on)."""
    try:
        report = page.evaluate("() => window.__axeCheck ? window.__axeCheck() : null")
    except Exception:  # the page is navigating or closed; its own load-time run has reported
        return
    findings.add(report)


@pytest.fixture(autouse=True)
def captcha_sums_of_two(monkeypatch):
    """The captcha is drawn for people, not for programs: a browser test cannot read it, so every
    sum it is shown is 2 + 2 (the live server runs in this process) and ``solve_captcha`` types 4."""
    from federation import captcha

    monkeypatch.setattr(captcha, "operand", lambda: 2)


@pytest.fixture
def axe_findings():
    return AxeFindings()


@pytest.fixture(autouse=True)
def axe_on_every_page(request, axe_findings):
    """Inject axe-core into every page of a browser test and fail the test on serious/critical findings."""
    if "page" not in request.fixturenames:
        yield
        return
    page = request.getfixturevalue("page")
    runner = RUNNER % {"tags": repr(TAGS).replace("'", '"'), "impacts": repr(sorted(FAILING_IMPACTS)).replace("'", '"')}
    page.expose_binding("__axeReport", lambda source, report: axe_findings.add(report))
    page.add_init_script(path=str(AXE))
    page.add_init_script(script=runner)

    original_goto = page.goto

    def goto(*args, **kwargs):
        response = original_goto(*args, **kwargs)
        check_a11y(page, axe_findings)
        return response

    page.goto = goto
    yield
    check_a11y(page, axe_findings)
    problems = axe_findings.messages()
    if problems:
        pytest.fail("axe-core (WCAG 2.1 A/AA) found serious or critical violations:\n" + "\n".join(problems))


@pytest.fixture
def shoot(shoot, page, axe_findings):
    """The root ``shoot`` (desktop + phone screenshots), with an accessibility check at each width."""

    def _shoot(name, phone=True):
        size = page.viewport_size
        page.set_viewport_size({"width": 1366, "height": 900})
        check_a11y(page, axe_findings)
        if phone:
            page.set_viewport_size({"width": 390, "height": 844})
            check_a11y(page, axe_findings)
        if size:
            page.set_viewport_size(size)
        shoot(name, phone=phone)

    return _shoot
