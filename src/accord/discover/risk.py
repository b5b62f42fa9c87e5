"""The risk score: 0-100 from a service's documented attributes, with weights from the policy.

    score = round(100 * sum(weight_i * value_i) / sum(weight_i))     over the active factors

value_i is 1 when the risky fact holds, 0 when the reassuring fact holds, and
`risk_weights.unknown_factor` (default 0.5) when the catalog records it as unknown. Factors:

| factor              | risky (1)                               | reassuring (0)                 |
|---------------------|-----------------------------------------|--------------------------------|
| trains_on_inputs    | trains on customer inputs by default    | does not                       |
| retention           | long (>30 days / until deleted)         | none; short (<=30 days) = 0.5  |
| no_enterprise_tier  | no enterprise tier                      | enterprise tier offered        |
| no_sso              | no SSO                                  | SSO                            |
| no_soc2             | no SOC 2 report                         | SOC 2                          |
| no_iso27001         | no ISO 27001 certificate                | ISO 27001                      |
| jurisdiction        | HQ in `discover.elevated_jurisdictions` | HQ elsewhere                   |
| data_residency      | no region in `discover.required_regions`| offers one of them             |

`jurisdiction` and `data_residency` are active only when their policy list is set, so the
default score spans the six attribute factors alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.discover.catalog.model import RiskAttributes
from accord.policy.sections.discover import DiscoverPolicy


@dataclass(frozen=True, slots=True)
class Factor:
    name: str
    weight: float
    value: float
    #: Whether the risky statement the factor names holds ("yes"/"no"/"unknown"), or what was
    #: recorded ("long", "CN" ...), for the report and the coaching page.
    observed: str

    @property
    def points(self) -> float:
        return self.weight * self.value


@dataclass(frozen=True, slots=True)
class RiskBreakdown:
    score: int
    factors: tuple[Factor, ...]


def _tri(value: object, *, risky_when: bool, unknown: float) -> tuple[float, str]:
    if value == "unknown":
        return unknown, "unknown"
    risky = value is risky_when
    return (1.0 if risky else 0.0), ("yes" if risky else "no")


def risk_breakdown(attrs: RiskAttributes, policy: DiscoverPolicy) -> RiskBreakdown:
    w = policy.risk_weights
    u = w.unknown_factor
    factors: list[Factor] = []

    def add(name: str, weight: float, pair: tuple[float, str]) -> None:
        factors.append(Factor(name, weight, pair[0], pair[1]))

    add("trains_on_inputs", w.trains_on_inputs, _tri(attrs.trains_on_customer_inputs_by_default, risky_when=True, unknown=u))
    retention = {"none": 0.0, "short": 0.5, "long": 1.0, "unknown": u}[attrs.retention]
    add("retention", w.retention, (retention, attrs.retention))
    add("no_enterprise_tier", w.no_enterprise_tier, _tri(attrs.enterprise_tier, risky_when=False, unknown=u))
    add("no_sso", w.no_sso, _tri(attrs.sso, risky_when=False, unknown=u))
    add("no_soc2", w.no_soc2, _tri(attrs.soc2, risky_when=False, unknown=u))
    add("no_iso27001", w.no_iso27001, _tri(attrs.iso27001, risky_when=False, unknown=u))
    if policy.elevated_jurisdictions:
        if attrs.hq_country == "unknown":
            add("jurisdiction", w.jurisdiction, (u, "unknown"))
        else:
            hit = attrs.hq_country in policy.elevated_jurisdictions
            add("jurisdiction", w.jurisdiction, (1.0 if hit else 0.0, attrs.hq_country))
    if policy.required_regions:
        if attrs.data_regions == "unknown":
            add("data_residency", w.data_residency, (u, "unknown"))
        else:
            ok = any(r in policy.required_regions for r in attrs.data_regions)
            add("data_residency", w.data_residency, (0.0 if ok else 1.0, ",".join(attrs.data_regions)))
    total = sum(f.weight for f in factors)
    score = 0 if total <= 0 else round(100 * sum(f.points for f in factors) / total)
    return RiskBreakdown(score=int(score), factors=tuple(factors))


def risk_score(attrs: RiskAttributes, policy: DiscoverPolicy) -> int:
    return risk_breakdown(attrs, policy).score


def service_status(service_id: str, policy: DiscoverPolicy) -> str:
    return policy.services.get(service_id, policy.default_status)
