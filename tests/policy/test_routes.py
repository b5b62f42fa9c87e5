"""Route resolution and permissions: route_for, routes_for, tenants, quotas."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from accord.detect.types import DataClass
from accord.errors import NotFound, PermissionDenied
from accord.policy import Policy

from .conftest import who

POLICY = """
routes:
  - {name: ext, provider: openai, api_key: $env:T_KEY, models: ["gpt-*", "o1*"], max_class: internal,
     price: {input_per_1m: 1, output_per_1m: 2},
     model_prices: {"gpt-4o-mini*": {input_per_1m: 0.15, output_per_1m: 0.6}}}
  - {name: claude, provider: anthropic, api_key: $env:T_KEY, models: ["claude-*"]}
  - {name: fixed, provider: openai, base_url: "http://127.0.0.1:8000/v1/", model: llama-3-70b, private: true,
     max_class: restricted, fallback: echo}
  - {name: echo, provider: echo, private: true}
teams:
  eng: {routes: ["*"], quotas: {rpm: 100}}
  sales: {routes: [ext, echo], tenant: acme}
  "*": {routes: [echo]}
tenants:
  acme: {routes: ["*"], quotas: {monthly_budget_usd: 500}}
  default: {routes: [echo, ext, fixed]}
quotas:
  key: {rpm: 60, concurrent: 4, max_body_bytes: 1048576}
  team: {rpm: 1000, tpm: 200000}
  tenant: {monthly_budget_usd: 1000}
"""


@pytest.fixture
def policy(make_policy: Callable[..., Policy]) -> Policy:
    return make_policy(POLICY)


@pytest.mark.parametrize(
    ("model", "route", "upstream"),
    [
        ("gpt-4o-mini", "ext", "gpt-4o-mini"),
        ("o1-preview", "ext", "o1-preview"),
        ("fixed", "fixed", "llama-3-70b"),
        ("echo", "echo", "echo"),
    ],
)
def test_route_for_resolves_names_and_patterns(policy: Policy, model: str, route: str, upstream: str) -> None:
    r = policy.route_for(model, who("eng"))
    assert (r.name, r.upstream_model) == (route, upstream)


def test_pass_through_route_is_not_reachable_by_its_bare_name(policy: Policy) -> None:
    with pytest.raises(NotFound):
        policy.route_for("ext", who("eng"))


def test_unknown_model_lists_what_the_caller_may_use(policy: Policy) -> None:
    with pytest.raises(NotFound) as info:
        policy.route_for("mistral-large", who("eng"))
    assert info.value.http_status == 404 and "echo" in (info.value.hint or "")


def test_team_may_not_use_route(policy: Policy) -> None:
    with pytest.raises(PermissionDenied) as info:
        policy.route_for("fixed", who("sales", tenant="acme"))
    assert info.value.http_status == 403 and "sales" in str(info.value)


def test_unlisted_team_falls_back_to_star(policy: Policy) -> None:
    assert [r.name for r in policy.routes_for(who("marketing"))] == ["echo"]
    with pytest.raises(PermissionDenied):
        policy.route_for("gpt-4o", who("marketing"))


def test_team_bound_to_other_tenant_does_not_apply(policy: Policy) -> None:
    # `sales` belongs to acme; a `sales` team in tenant default gets the "*" entry instead.
    assert [r.name for r in policy.routes_for(who("sales", tenant="default"))] == ["echo"]
    assert [r.name for r in policy.routes_for(who("sales", tenant="acme"))] == ["ext", "echo"]


def test_tenant_limits_routes_and_unknown_tenant_gets_nothing(policy: Policy) -> None:
    assert [r.name for r in policy.routes_for(who("eng", tenant="default"))] == ["ext", "fixed", "echo"]
    assert policy.routes_for(who("eng", tenant="globex")) == []
    with pytest.raises(PermissionDenied):
        policy.route_for("echo", who("eng", tenant="globex"))


def test_model_ids_for_listing(policy: Policy) -> None:
    ids = {r.name: r.model_ids() for r in policy.routes}
    assert ids == {"ext": [], "claude": [], "fixed": ["fixed"], "echo": ["echo"]}


def test_route_defaults_and_normalisation(policy: Policy) -> None:
    fixed = policy.route("fixed")
    assert fixed is not None and fixed.base_url == "http://127.0.0.1:8000/v1" and fixed.fallback == "echo"
    claude = policy.route("claude")
    assert claude is not None and claude.base_url == "https://api.anthropic.com"
    echo = policy.route("echo")
    assert echo is not None
    assert (echo.max_class, echo.fail_closed, echo.output_scan, echo.timeout_s, echo.retries) == (
        DataClass.PUBLIC, True, True, 60.0, 1,
    )  # fmt: skip


def test_prices(policy: Policy) -> None:
    mini = policy.route_for("gpt-4o-mini-2024-07-18", who("eng"))
    assert mini.cost(1_000_000, 2_000_000) == pytest.approx(0.15 + 1.2)
    other = policy.route_for("gpt-4.1", who("eng"))
    assert other.cost(500_000, 0) == pytest.approx(0.5)
    assert policy.route_for("echo", who("eng")).cost(10**6, 10**6) == 0.0


def test_effective_quotas_merge_defaults_and_overrides(policy: Policy) -> None:
    q = policy.quotas_for(who("eng", tenant="acme"))
    assert (q.key.rpm, q.key.concurrent) == (60, 4)
    assert (q.team.rpm, q.team.tpm) == (100, 200000), "team override wins, unset values keep the default"
    assert q.tenant.monthly_budget_usd == 500
    assert q.max_body_bytes == 1048576
    assert policy.quotas_for(who("eng", tenant="default")).tenant.monthly_budget_usd == 1000


@pytest.mark.parametrize(
    "bad",
    [
        'base_url: "ftp://x"',
        "timeout_s: 0",
        "retries: 11",
        'name: "has space"',
        "models: ['']",
    ],
)
def test_route_field_validation(make_policy: Callable[..., Policy], bad: str) -> None:
    from accord.errors import ConfigError

    key = bad.split(":")[0]
    base = {"name": "name: r", "base_url": "", "timeout_s": "", "retries": "", "models": ""}
    fields = {k: v for k, v in base.items() if v and k != key}
    body = ", ".join([*fields.values(), "provider: openai", bad])
    with pytest.raises(ConfigError) as info:
        make_policy(f"routes:\n  - {{{body}}}\n")
    assert info.value.line == 2 and key in (info.value.field or "")
