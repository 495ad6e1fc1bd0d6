"""`phi-audit risk --format html`: the risk and composition sections as one self-contained page (no script,
no stylesheet, font or image fetched), styled as the audit report."""

from __future__ import annotations

import jinja2

from auditor.risk.report import RiskReport, render_sections

_PAGE = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string(
    """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>phi-audit re-identification risk</title>
<style>
body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
.charts{display:flex;flex-wrap:wrap;gap:1.5rem}
</style></head><body>
<h1>phi-audit re-identification risk and composition</h1>
<p>Store {{ r.store }}, policy {{ r.policy }}, generated {{ r.generated_at }}.</p>
{{ sections }}
</body></html>
"""
)


def render_risk_html(report: RiskReport) -> str:
    return _PAGE.render(r=report, sections=render_sections(report.to_dict()))
