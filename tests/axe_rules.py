"""axe-core in an open page, as tests/site/test_browser.py runs it (the pinned package, tests/js/package.json,
`make setup-test`: npm ci; every WCAG 2.0/2.1 A and AA rule), for tests that open pages of their own builds."""
from __future__ import annotations

from conftest import ROOT

AXE = ROOT / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
AXE_RULES = "{runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']}"


def serious_violations(page, where: str) -> list[str]:
    """axe's serious and critical violations in an open page, each as `where: rule (impact) target`."""
    assert AXE.exists(), "axe-core is missing: run `make setup-test` (npm ci --prefix tests/js)"
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(f"axe.run(document, {AXE_RULES})")
    return [f"{where}: {v['id']} ({v['impact']}) {v['nodes'][0]['target']}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]
