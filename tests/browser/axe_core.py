"""axe-core, the accessibility engine, for the browser tests: fetched, checked, injected.

axe-core comes from npm at test setup (`make test` runs ``python -m tests.browser.axe_core
fetch``), checked against its pinned sha512 before anything is written, into the
git-ignored ``vendor/`` folder, like plotly.js (tracker/plotly_bundle.py). It is never
committed. :func:`serious_violations` injects it into a page and runs the WCAG 2.1 A and
AA rules.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tracker.npm_fetch import keep_whole, npm_file

PACKAGE = "axe-core"
VERSION = "4.14.1"
# `npm view axe-core@4.14.1 dist.integrity`
INTEGRITY = (
    "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ"
    "=="
)
AXE_PATH = Path(__file__).resolve().parents[2] / "vendor" / f"axe-core-{VERSION}.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = ("serious", "critical")


def fetch(destination: Path = AXE_PATH) -> Path:
    """Fetch the pinned axe-core with ``npm pack``; refuse it unless its sha512 matches
    :data:`INTEGRITY`. Raises RuntimeError when it can't."""
    return keep_whole(destination, npm_file(PACKAGE, VERSION, INTEGRITY, "package/axe.min.js"))


def axe_script() -> Path:
    """The fetched axe-core, fetching it first when a test run starts without `make`."""
    return AXE_PATH if AXE_PATH.exists() else fetch()


# axe.run on the whole document; only what the tests need comes back to Python.
RUN_AXE = """tags => axe.run(document, {runOnly: {type: "tag", values: tags},
                                      resultTypes: ["violations"]})
    .then(result => result.violations.map(rule => ({
        id: rule.id,
        impact: rule.impact,
        help: rule.help,
        nodes: rule.nodes.map(node => ({
            impact: node.impact,
            target: node.target.join(" "),
            html: node.html,
            summary: node.failureSummary,
        })),
    })))"""


def serious_violations(page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on ``page`` (a Playwright page) of impact
    serious or critical: each a rule ``id``, its ``help`` and the failing ``nodes``."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(axe_script()))
    found = page.evaluate(RUN_AXE, WCAG_21_AA)
    blocking = []
    for rule in found:
        nodes = [node for node in rule["nodes"] if node["impact"] in BLOCKING_IMPACTS]
        if nodes:
            blocking.append({**rule, "nodes": nodes})
    return blocking


def describe(violations: list[dict]) -> str:
    """The violations as lines a person can act on: rule, element, what is wrong."""
    lines = []
    for rule in violations:
        lines.append(f"{rule['id']} ({rule['help']}): {len(rule['nodes'])} element(s)")
        for node in rule["nodes"][:6]:
            summary = " ".join(node["summary"].split())[:300]
            lines.append(f"  - {node['target'][-120:]}\n    {node['html'][:160]}\n    {summary}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if argv != ["fetch"]:
        print("usage: python -m tests.browser.axe_core fetch", file=sys.stderr)
        return 2
    if AXE_PATH.exists():
        return 0
    try:
        fetch()
    except (RuntimeError, OSError, subprocess.SubprocessError) as problem:
        # The accessibility tests will fail with this too; the rest of the suite can run.
        print(f"Could not fetch {PACKAGE}@{VERSION} ({problem}).", file=sys.stderr)
        return 0
    print(f"Fetched {PACKAGE}@{VERSION} into {AXE_PATH}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
