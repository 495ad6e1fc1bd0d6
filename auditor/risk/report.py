"""The re-identification and composition report: built from the stored quasi-identifier records (no re-scan),
rendered as text, JSON, or HTML sections that the audit report includes."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import PurePosixPath

import jinja2
from markupsafe import Markup

from auditor.risk.composition import DEFAULT_STATE_REFERENCE, Composition, CompositionCounter
from auditor.risk.measures import RiskResult, measure
from auditor.risk.mosaic import PersonCluster, person_clusters
from auditor.risk.quasi import DEFAULT_QUASI
from auditor.store import FindingsStore, item_views

#: The k threshold when neither `--k` nor the policy gives one.
DEFAULT_K = 5
#: Clusters the text and HTML reports list.
CLUSTERS_SHOWN = 10

LIMITS = (
    "A sample-unique is unique in this corpus only: it is not proof that the person is unique in the population, "
    "and a class of five here may be a class of one among the people an attacker can match against.",
    'Quasi-identifiers are read from text by patterns ("62F", "70yo M", "62-year-old woman"), from the text '
    "scanner's ZIP and place findings, from DICOM headers and from photos' GPS positions (nearest GeoNames town, "
    "so a photo near a border may get the neighbouring state) and from labelled burned-in banner lines (sex, 90+, "
    "facility); ages, places and dates written otherwise, and a younger age or a birth date in burned-in text, are "
    "not taken, so real classes may be smaller than shown.",
    "Journalist and marketer risk assume the population the attacker matches against is the corpus divided by the "
    "sampling fraction; with the default fraction of 1 they equal the prosecutor risk.",
    "Person-clusters link items by the same keyed digest of a direct identifier or the same author; a value shared by "
    "more than 25 subjects links nothing, and two people with the same name in a few items are linked as one.",
    "The reference population is the US Census Bureau's 2008 projection of 2020 by age and sex (no package found in a "
    "registry ships a 2010 or 2020 census or an ACS table by age and sex) and the 2010 census by state (the 1990 census "
    "with --state-reference 1990); shares have moved since those years.",
)


@dataclass
class RiskReport:
    generated_at: str
    store: str
    policy: str
    k_threshold: int
    risk: RiskResult
    clusters: list[PersonCluster]
    composition: Composition

    @property
    def below_threshold(self) -> bool:
        return self.risk.subjects > 0 and self.risk.k < self.k_threshold

    def to_dict(self) -> dict:
        return {
            "generated_at": self.generated_at,
            "store": self.store,
            "policy": self.policy,
            "k_threshold": self.k_threshold,
            "k_below_threshold": self.below_threshold,
            "risk": self.risk.to_dict(),
            "person_clusters": [c.to_dict() for c in self.clusters],
            "composition": self.composition.to_dict(),
            "limits": list(LIMITS),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)


def source_formats(store: FindingsStore) -> Counter[str]:
    """Subjects by the format of the file they came from: a post export's extension, or the item's kind."""
    counts: Counter[str] = Counter()
    for locator, kind in item_views.subjects(store):
        path = locator.split("#", 1)[0].split("!")[-1]
        counts[f"{kind} ({PurePosixPath(path).suffix.lstrip('.').lower() or 'no extension'})"] += 1
    return counts


def build_risk_report(
    store: FindingsStore,
    policy: str,
    quasi: Sequence[str] = DEFAULT_QUASI,
    k: int = DEFAULT_K,
    population_fraction: float = 1.0,
    state_reference: str = DEFAULT_STATE_REFERENCE,
) -> RiskReport:
    counter = CompositionCounter(state_reference)
    risk = measure(store, quasi, population_fraction, observe=counter.add)
    return RiskReport(
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        store=str(store.path),
        policy=policy,
        k_threshold=k,
        risk=risk,
        clusters=person_clusters(store, risk, policy),
        composition=counter.result(source_formats(store)),
    )


def _pct(value: float) -> str:
    return f"{value:.1%}"


def render_text(report: RiskReport) -> str:
    r, c = report.risk, report.composition
    lines = [
        f"Re-identification risk over {', '.join(r.quasi)} ({r.subjects} subjects, {r.classes} equivalence classes)",
        f"  k = {r.k}{'  BELOW the threshold of ' + str(report.k_threshold) if report.below_threshold else ''}",
        f"  sample-uniques: {r.sample_uniques} ({_pct(r.unique_share)})",
        f"  prosecutor risk: highest {_pct(r.prosecutor_highest)}, average {_pct(r.prosecutor_average)}",
        f"  journalist risk (sampling fraction {r.population_fraction:g}): highest {_pct(r.journalist_highest)}, average {_pct(r.journalist_average)}",
        f"  marketer risk: {_pct(r.marketer)}",
        f"  l-diversity of health category: {r.l_diversity}",
    ]
    if r.missing_records:
        lines.append(f"  {r.missing_records} subject(s) have no quasi-identifier record: scan them again to extract one")
    lines.append("  smallest classes:")
    lines += [
        f"    {cls.size:>4}  " + ", ".join(f"{k}={v}" for k, v in cls.values.items()) + f"  e.g. {', '.join(cls.items[:3])}"
        for cls in r.riskiest[:10]
    ]
    lines.append(f"Person-clusters (items linked by the same identifier or author): {len(report.clusters)} shown")
    for cluster in report.clusters[:CLUSTERS_SHOWN]:
        lines.append(
            f"    {len(cluster.subjects)} subjects, linked by {', '.join(cluster.links)}; exposes {', '.join(cluster.identifiers) or '-'}"
            f" + {', '.join(f'{k}={v}' for k, v in cluster.quasi.items()) or '-'}; risk {_pct(cluster.risk)}, verdict {cluster.verdict}"
        )
        lines.append(f"      {', '.join(cluster.subjects[:5])}")
    lines += [
        f"Who this corpus represents ({c.subjects} subjects, {c.months[0] or '?'} to {c.months[1] or '?'}):",
        f"  {c.sentence()}",
        f"  age x sex against {c.age_sex.reference}: total variation distance {_tvd(c.age_sex.total_variation)} over {c.age_sex.known} subjects",
        f"  state against {c.state.reference}: total variation distance {_tvd(c.state.total_variation)} over {c.state.known} subjects",
    ]
    for name, counts in c.distributions.items():
        lines.append(f"  {name}: " + (", ".join(f"{k} {v}" for k, v in counts.items()) or "-"))
    return "\n".join(lines) + "\n"


def _tvd(value: float | None) -> str:
    return "n/a (no subject with a known group)" if value is None else f"{value:.2f}"


_SECTIONS = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string(
    """<h2 id="re-identification-risk">Re-identification risk</h2>
<p>Over {{ r.quasi_identifiers | join(", ") }}: {{ r.subjects }} subjects in {{ r.classes }} equivalence classes.
<strong>k = {{ r.k }}</strong>{% if d.k_below_threshold %} (below the threshold of {{ d.k_threshold }}){% endif %};
{{ r.sample_uniques }} sample-unique subject(s) ({{ pct(r.sample_unique_share) }}).</p>
<table><tr><th>Measure</th><th>Value</th><th>Definition</th></tr>
<tr><td>k-anonymity</td><td>{{ r.k }}</td><td>size of the smallest class</td></tr>
<tr><td>sample-uniques</td><td>{{ pct(r.sample_unique_share) }}</td><td>subjects alone in their class</td></tr>
<tr><td>prosecutor risk, highest</td><td>{{ pct(r.prosecutor_risk.highest) }}</td><td>1 / k</td></tr>
<tr><td>prosecutor risk, average</td><td>{{ pct(r.prosecutor_risk.average) }}</td><td>classes / subjects</td></tr>
<tr><td>journalist risk, highest / average</td><td>{{ pct(r.journalist_risk.highest) }} / {{ pct(r.journalist_risk.average) }}</td><td>1 / population class size (sampling fraction {{ r.journalist_risk.population_fraction }})</td></tr>
<tr><td>marketer risk</td><td>{{ pct(r.marketer_risk) }}</td><td>expected share re-identified</td></tr>
<tr><td>ℓ-diversity (health category)</td><td>{{ r.l_diversity_health }}</td><td>fewest distinct categories in a class</td></tr>
</table>
<div class="charts">{% for chart in risk_charts %}<figure>{{ chart }}</figure>{% endfor %}</div>
<h3>Smallest classes</h3>
<table><tr><th>Size</th>{% for name in r.quasi_identifiers %}<th>{{ name }}</th>{% endfor %}<th>Items</th></tr>
{% for cls in r.riskiest_classes[:10] %}<tr><td>{{ cls.size }}</td>{% for name in r.quasi_identifiers %}<td>{{ cls["values"][name] }}</td>{% endfor %}<td>{{ cls["items"][:3] | join(", ") }}</td></tr>{% endfor %}</table>
<h3>Person-clusters</h3>
{% if clusters %}<table><tr><th>Subjects</th><th>Linked by</th><th>Exposes together</th><th>Risk</th></tr>
{% for c in clusters %}<tr><td>{{ c.subjects[:5] | join(", ") }}{% if c.subjects | length > 5 %} (+{{ c.subjects | length - 5 }}){% endif %}</td>
<td>{{ c.linked_by | join(", ") }}</td><td>{{ (c.identifiers + c.health) | join(", ") }}{% for k, v in c.quasi_identifiers | dictsort %}, {{ k }} {{ v }}{% endfor %}</td>
<td>{{ pct(c.prosecutor_risk) }} · {{ c.verdict }}</td></tr>{% endfor %}</table>{% else %}<p>No two subjects share an identifier or an author.</p>{% endif %}
<h2 id="who-this-corpus-represents">Who this corpus represents</h2>
<p>{{ c.summary }} Dates from {{ c.date_range.first or "?" }} to {{ c.date_range.last or "?" }}.
Total variation distance from the US population: age × sex {{ tvd(c.age_sex.total_variation_distance) }}, state {{ tvd(c.state.total_variation_distance) }}.</p>
<div class="charts">{% for chart in composition_charts %}<figure>{{ chart }}</figure>{% endfor %}</div>
<p><small>Reference: {{ c.age_sex.reference }}; {{ c.state.reference }}.</small></p>
<h3>Limits of these measures</h3><ul>{% for limit in d.limits %}<li>{{ limit }}</li>{% endfor %}</ul>
"""
)


def render_sections(data: dict) -> Markup:
    """The HTML report's "Re-identification risk" and "Who this corpus represents" sections, from a risk report's
    `to_dict()` (what the JSON report carries), charts as inline SVG."""
    from auditor.report_charts import count_chart, frame_of
    from auditor.report_html import _svg
    from auditor.risk.charts import observed_expected_chart

    r, c = data["risk"], data["composition"]
    histogram = frame_of(r["class_size_histogram"], "class size")
    risk_charts = [count_chart(histogram, "class size", "Subjects by the size of their class", unit="subjects")] if r["subjects"] else []
    composition_charts = [
        observed_expected_chart(c[name]["groups"], f"{title}: corpus against the US population")
        for name, title in (("age_sex", "Age × sex"), ("state", "State"))
        if c[name]["groups"]
    ]
    for name in ("chapter", "modality", "body_part", "country", "source"):
        if c["distributions"].get(name):
            composition_charts.append(
                count_chart(frame_of(c["distributions"][name], name), name, f"Subjects by {name.replace('_', ' ')}", unit="subjects")
            )
    return Markup(
        _SECTIONS.render(
            d=data,
            r=r,
            c=c,
            clusters=data["person_clusters"][:CLUSTERS_SHOWN],
            pct=lambda value: f"{100 * value:.1f}%",
            tvd=_tvd,
            risk_charts=[_svg(chart) for chart in risk_charts],
            composition_charts=[_svg(chart) for chart in composition_charts],
        )
    )
