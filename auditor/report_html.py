"""The audit report as one self-contained HTML file an ethics board can file: no script, no stylesheet, font or
image fetched from anywhere. The charts are the dashboard's Altair charts rendered to inline SVG by vl-convert
(Altair's own HTML export would load Vega from a CDN).

Every value from the corpus (locators, masked evidence, error reasons) is HTML-escaped by Jinja's autoescape.
"""

from __future__ import annotations

import jinja2
import vl_convert
from markupsafe import Markup

from auditor.report import TOP_ITEMS, AuditReport, more_hint
from auditor.report_charts import count_chart, frame_of, risk_chart
from auditor.words import ANNEX_E_ACTIONS, SOURCE_WORDS

#: What the scanners cannot see: printed in every report so a clean result is not read as proof of safety.
LIMITS = (
    "Text is read by pattern and dictionary recognisers and a small English language model: names in other "
    "languages, misspellings, and identifiers written out in words can be missed.",
    "Burned-in text is read by OCR (tesseract): handwriting, low-contrast, rotated or very small text can be missed.",
    "Faces are found by a short-range face detector: faces in profile, partly hidden or far away can be missed; "
    "other biometrics (fingerprints, voice, gait) are not looked for.",
    "Video and audio are not scanned; PDF images are read only where a page has no text layer.",
    "Links are not followed: what a URL points to is not checked.",
    "Items marked not fully scanned lost coverage (unreadable, a scanner failed or was unavailable) and are never counted as safe.",
    "Evidence is masked and values are matched across items by keyed digest: the report never holds a raw value.",
)

_METHOD = (
    "Every item (post, text file, CSV row, image, DICOM file, PDF) went through every scanner that reads its kind: "
    "text, DICOM headers, image and PDF metadata, burned-in text (OCR), faces, barcodes, and medical-image detection. "
    "Each finding is mapped to one of the 18 HIPAA Safe Harbor identifiers (45 CFR 164.514(b)(2)) or to a health-information "
    "category, and the policy's rules judge each item together with the media it shares."
)

_TEMPLATE = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string(
    """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>phi-audit report — {{ r.policy }}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
.charts{display:flex;flex-wrap:wrap;gap:1.5rem}.risk-high{color:#c62828;font-weight:bold}.risk-medium{color:#e65100}
code,pre{background:#f4f4f4;padding:.1rem .3rem}.source{margin-bottom:.4rem}figure{margin:0}
pre{padding:.5rem;white-space:pre-wrap}
</style></head><body>
<h1>phi-audit audit report</h1>
<table>
<tr><th>Generated</th><td>{{ r.generated_at }}</td></tr>
<tr><th>Policy</th><td>{{ r.policy }} {{ r.policy_version }}</td></tr>
<tr><th>Scope</th><td>{{ (r.scope.paths or []) | join(", ") }}</td></tr>
<tr><th>Last scan</th><td>{{ r.scope.started_at }} – {{ r.scope.finished_at or "not finished" }} ({{ r.scope.status }})</td></tr>
<tr><th>Store</th><td>{{ r.store }}</td></tr>
</table>
<h2>Summary</h2>
<p>{{ r.items }} item(s) ({% for kind, n in r.items_by_kind | dictsort %}{{ kind }} {{ n }}{% if not loop.last %}, {% endif %}{% endfor %}),
{{ r.findings }} finding(s). High risk: {{ r.items_by_risk.high }}, medium: {{ r.items_by_risk.medium }},
low: {{ r.items_by_risk.low }}, none: {{ r.items_by_risk.none }}.
<strong>Not fully scanned: {{ r.incomplete_items }}</strong> (lost coverage, not cleared).</p>
<div class="charts">{% for chart in charts %}<figure>{{ chart }}</figure>{% endfor %}</div>
<h2>Highest-risk items (up to {{ top }})</h2>
{% if r.riskiest %}<table><tr><th>Risk</th><th>Item</th><th>Why (the rules that decided it)</th><th>Identifiers</th><th>Health</th><th>Evidence (masked), by where it was found</th></tr>
{% for item in r.riskiest %}<tr><td class="risk-{{ item.risk }}">{{ item.risk }}{% if not item.complete %}<br>not fully scanned{% endif %}</td>
<td>{{ item.item }}<br><small>{{ item.kind }}</small></td>
<td>{{ item.decided_by | join(", ") }}{% set others = item.rules | reject("in", item.decided_by) | list %}{% if others %}
<details><summary>{{ others | length }} lower rule(s) also fired</summary>{{ others | join(", ") }}</details>{% endif %}</td>
<td>{{ item.identifiers | join(", ") or "-" }}</td><td>{{ item.health | join(", ") or "-" }}</td>
<td>{% for group in item.evidence %}<div class="source"><strong>{{ source_words[group.source] }}</strong>: {{ group.total }} finding(s)
{% for line in group.shown %}<br>{{ line }}{% if group.actions[loop.index0] %} <abbr title="{{ group.actions[loop.index0] }}">Annex E</abbr>{% endif %}{% endfor %}
{% if group.more %}<br><em>+{{ group.more }} more: {{ more_hint(r.store, item.item) }}</em>{% endif %}</div>{% endfor %}</td></tr>
{% endfor %}</table>
<p><small>Annex E (DICOM PS3.15): what de-identification must do with a header attribute.
{% for code, meaning in annex_e | dictsort %}<strong>{{ code | replace("_", "/") }}</strong> {{ meaning }}{% if not loop.last %}; {% endif %}{% endfor %}.</small></p>
{% else %}<p>None.</p>{% endif %}
<h2>Items with findings in their pixels ({{ r.pixel_items | length }})</h2>
{% if r.pixel_items %}<table><tr><th>Item</th><th>Type</th><th>Findings</th><th>Of them identifiers</th></tr>
{% for e in r.pixel_items %}<tr><td>{{ e.item }}</td><td>{{ e.kind }}</td><td>{{ e.findings }}</td><td>{{ e.identifiers }}</td></tr>{% endfor %}</table>
{% else %}<p>None: no burned-in text, face or barcode was found.</p>{% endif %}
{{ reidentification }}
<h2>Per-item errors ({{ r.errors | length }})</h2>
{% if r.errors %}<table><tr><th>Item</th><th>Stage</th><th>Reason</th></tr>
{% for e in r.errors %}<tr><td>{{ e.item }}</td><td>{{ e.stage }}</td><td>{{ e.reason }}</td></tr>{% endfor %}</table>{% else %}<p>None: every item was read and scanned.</p>{% endif %}
{% if r.redacted %}<h2>Redacted copies</h2><p>{{ r.redacted.finished_at }} to {{ r.redacted.out }}: written {{ r.redacted.written }}, refused {{ r.redacted.refused }}, still showing an identifier {{ r.redacted.residual }}.</p>
{% if r.redacted.residual_items or r.redacted.refused_items %}<table><tr><th>Item</th><th>Outcome</th></tr>{% for x in r.redacted.residual_items %}<tr><td>{{ x.item }}</td><td>residual: {{ x.identifiers | join(", ") }}</td></tr>{% endfor %}{% for x in r.redacted.refused_items %}<tr><td>{{ x.item }}</td><td>refused: {{ x.reason }}</td></tr>{% endfor %}</table>{% endif %}{% endif %}
<h2>Method</h2><p>{{ method }}</p>
<p>Scanners and versions: {% for name, version in (r.scope.scanners or {}) | dictsort %}{{ name }} {{ version }}{% if not loop.last %}, {% endif %}{% endfor %}.</p>
<h2>Limits: what the scanners cannot see</h2><ul>{% for limit in limits %}<li>{{ limit }}</li>{% endfor %}</ul>
<h2>Reproduce</h2><pre>{{ r.reproduce | join("\\n") }}</pre>
</body></html>
"""
)


def _svg(chart) -> Markup:
    """A chart as inline SVG; its text comes from counts and names the tool itself defines."""
    return Markup(vl_convert.vegalite_to_svg(chart.to_dict()))


def render_html(report: AuditReport) -> str:
    """The report as a self-contained HTML document."""
    charts = [
        risk_chart(frame_of(report.items_by_risk, "risk")),
        count_chart(frame_of(report.items_by_identifier, "identifier"), "identifier", "Items exposing each Safe Harbor identifier"),
        count_chart(frame_of(report.items_by_health, "health"), "health", "Items with health information"),
        count_chart(frame_of(report.findings_by_source, "source"), "source", "Findings by source", unit="findings"),
        count_chart(frame_of(report.items_by_kind, "kind"), "kind", "Items by type"),
    ]
    from auditor.risk.report import render_sections

    reidentification = render_sections(report.reidentification) if report.reidentification else ""
    return _TEMPLATE.render(
        r=report,
        charts=[_svg(chart) for chart in charts],
        top=TOP_ITEMS,
        method=_METHOD,
        limits=LIMITS,
        source_words=SOURCE_WORDS,
        more_hint=more_hint,
        annex_e=ANNEX_E_ACTIONS,
        reidentification=reidentification,
    )
