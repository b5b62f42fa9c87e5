"""The risk formula, its weights from the policy, statuses, and the AI-like host heuristic."""

from __future__ import annotations

import pytest

from accord.discover.catalog import RiskAttributes
from accord.discover.exfil import find_exfil
from accord.discover.heuristics import ai_like_reason
from accord.discover.risk import risk_breakdown, risk_score, service_status
from accord.policy.sections.discover import DiscoverPolicy, ExfilSettings

RISKY = RiskAttributes(trains_on_customer_inputs_by_default=True, retention="long", enterprise_tier=False, sso=False,
                       soc2=False, iso27001=False, hq_country="CN", data_regions=("CN",))
SAFE = RiskAttributes(trains_on_customer_inputs_by_default=False, retention="none", enterprise_tier=True, sso=True,
                      soc2=True, iso27001=True, hq_country="DE", data_regions=("EU",))


def test_extremes_and_unknown():
    p = DiscoverPolicy()
    assert risk_score(RISKY, p) == 100
    assert risk_score(SAFE, p) == 0
    assert risk_score(RiskAttributes(), p) == 50  # every factor unknown at the default 0.5


def test_weights_and_optional_factors_from_policy():
    p = DiscoverPolicy.model_validate({"risk_weights": {"trains_on_inputs": 80, "unknown_factor": 1.0}})
    only_trains = RiskAttributes(trains_on_customer_inputs_by_default=True, retention="none", enterprise_tier=True,
                                 sso=True, soc2=True, iso27001=True)
    assert risk_score(only_trains, p) == round(100 * 80 / 135)
    j = DiscoverPolicy(elevated_jurisdictions=("cn",), required_regions=("eu",))
    names = [f.name for f in risk_breakdown(SAFE, j).factors]
    assert names[-2:] == ["jurisdiction", "data_residency"]
    assert risk_score(SAFE, j) == 0 and risk_score(RISKY, j) == 100
    short = SAFE.model_copy(update={"retention": "short"})
    assert risk_score(short, DiscoverPolicy()) == round(100 * 7.5 / 80)


def test_status_comes_from_the_policy():
    p = DiscoverPolicy(services={"chatgpt": "sanctioned"}, default_status="tolerated")
    assert service_status("chatgpt", p) == "sanctioned"
    assert service_status("claude", p) == "tolerated"
    assert service_status("claude", DiscoverPolicy()) == "unsanctioned"


@pytest.mark.parametrize(
    "host,ai_like",
    [
        ("newstartup.ai", True),
        ("chat.internal-tools.net", True),
        ("my-llm.example.io", True),
        ("gpt4free.example.com", True),
        ("copilot-clone.net", True),
        ("ml.datacorp.io", True),
        ("chat.google.com", False),
        ("ai.google.com", False),
        ("fullmoon.com", False),
        ("html.example.com", False),
        ("mail.example.ml", False),
        ("10.0.0.1", False),
        ("localhost", False),
    ],
)
def test_ai_like_heuristic(host, ai_like):
    assert (ai_like_reason(host) is not None) == ai_like


def test_exfil_robust_z_score():
    s = ExfilSettings(min_bytes=1_000_000, z_threshold=3.5, min_days=3)
    rows = [("u", f"2024-05-0{d}", "chatgpt", 1000 + d) for d in range(1, 6)] + [("u", "2024-05-06", "claude", 5_000_000)]
    [alert] = find_exfil(rows, s)
    assert (alert.day, alert.service_id, alert.bytes_out, alert.active_days) == ("2024-05-06", "claude", 5_000_000, 6)
    assert find_exfil(rows[:1] + rows[-1:], s) == []  # too few days for a baseline
    assert find_exfil([("u", "d1", "x", 10), ("u", "d2", "x", 10), ("u", "d3", "x", 999_999)], s) == []  # below min_bytes
