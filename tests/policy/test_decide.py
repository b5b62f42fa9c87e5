"""`decide` on its own: table-driven, one row per situation, no detectors and no I/O involved."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from accord.detect.types import DataClass, Report
from accord.errors import NotFound
from accord.policy import Policy, RequestInfo, decide
from accord.policy.decide import render, residual_class

from .conftest import report, who

POLICY = """
routes:
  - {name: ext, provider: openai, api_key: $env:T_KEY, max_class: confidential, models: ["gpt-*"]}
  - {name: ext-internal, provider: openai, api_key: $env:T_KEY, max_class: internal}
  - {name: local, provider: echo, max_class: restricted, private: true}
  - {name: local-conf, provider: echo, max_class: confidential, private: true}
teams:
  eng: {routes: ["*"]}
  sales: {routes: [ext]}
rules:
  - name: secrets-ext
    when: {entities: [SECRET], external: true}
    action: block
    message: "No secrets to {route}: {types}. Use the private route."
  - name: injection
    when: {injection: true}
    action: block
    message: "Looks like prompt injection."
  - name: pii
    when: {entities: [EMAIL_ADDRESS, PHONE_NUMBER]}
    action: redact
  - name: hr-docs
    when: {categories: [hr]}
    action: route
    target: local
  - name: sales-cards
    when: {entities: [CREDIT_CARD], teams: [sales]}
    action: block
    message: "Sales may not send card numbers; use the payments tool."
  - name: urls-ok
    when: {entities: [URL]}
    action: allow
  - name: low-score-person
    when: {entities: [PERSON], min_score: 0.8}
    action: redact
  - name: two-ibans
    when: {entities: [IBAN_CODE], min_count: 2}
    action: redact
  - name: aws-keys-anywhere
    when: {secret_kinds: ["aws-*"], routes: [local-conf]}
    action: block
    message: "AWS keys stay out of {route}."
  - name: out-mask-email
    direction: output
    when: {entities: [EMAIL_ADDRESS]}
    action: redact
  - name: out-block-injection
    direction: both
    when: {injection: true, min_injection_score: 0.95}
    action: block
    message: "Strong injection signal."
"""

# (id, route, team, report, action, final route, redact types, deciding rule, message fragment)
CASES = [
    ("clean allowed", "ext", "eng", report(), "allow", "ext", set(), None, None),
    ("pass-through model name", "gpt-4o-mini", "eng", report(), "allow", "ext", set(), None, None),
    ("email redacted", "ext", "eng", report("EMAIL_ADDRESS"), "redact", "ext", {"EMAIL_ADDRESS"}, "pii", None),
    ("email+phone redacted", "ext", "eng", report("EMAIL_ADDRESS", "PHONE_NUMBER"), "redact", "ext",
     {"EMAIL_ADDRESS", "PHONE_NUMBER"}, "pii", None),
    ("secret to external blocked", "ext", "eng", report("SECRET"), "block", "ext", set(), "secrets-ext",
     "No secrets to ext: SECRET"),
    ("secret to private allowed", "local", "eng", report("SECRET"), "allow", "local", set(), None, None),
    ("block beats redact", "ext", "eng", report("SECRET", "EMAIL_ADDRESS"), "block", "ext", set(), "secrets-ext", None),
    ("injection blocked everywhere", "local", "eng", report(injection=0.7), "block", "local", set(), "injection",
     "prompt injection"),
    ("no injection below threshold", "ext", "eng", report(injection=0.3), "allow", "ext", set(), None, None),
    ("route rule to private", "ext", "eng", report(categories=("hr",)), "route", "local", set(), "hr-docs", None),
    ("route keeps redaction", "ext", "eng", report("EMAIL_ADDRESS", categories=("hr",)), "route", "local",
     {"EMAIL_ADDRESS"}, "hr-docs", None),
    ("block beats route", "ext", "eng", report("SECRET", categories=("hr",)), "block", "ext", set(), "secrets-ext",
     None),
    ("team-scoped block applies", "ext", "sales", report("CREDIT_CARD"), "block", "ext", set(), "sales-cards",
     "payments tool"),
    ("team-scoped block skips others; class too high", "ext", "eng", report("CREDIT_CARD"), "block", "ext", set(),
     "clearance", "restricted"),
    ("allow rule never weakens block", "ext", "eng", report("URL", "SECRET"), "block", "ext", set(),
     "secrets-ext", None),
    ("allow rule records a reason", "ext", "eng", report("URL", cls=DataClass.PUBLIC), "allow", "ext", set(),
     None, None),
    ("min_score filters weak entities", "ext", "eng", report("PERSON", score=0.5), "allow", "ext", set(), None,
     None),
    ("min_score keeps strong entities", "ext", "eng", report("PERSON", score=0.9), "redact", "ext", {"PERSON"},
     "low-score-person", None),
    ("min_count not reached", "ext", "eng", report("IBAN_CODE"), "allow", "ext", set(), None, None),
    ("min_count reached", "ext", "eng", report("IBAN_CODE", "IBAN_CODE"), "redact", "ext", {"IBAN_CODE"},
     "two-ibans", None),
    ("secret kind glob on scoped route", "local-conf", "eng",
     report("SECRET", kinds={"SECRET": "aws-access-key-id"}, cls=DataClass.CONFIDENTIAL), "block", "local-conf",
     set(), "aws-keys-anywhere", "AWS keys stay out of local-conf"),
    ("secret kind glob no match", "local-conf", "eng",
     report("SECRET", kinds={"SECRET": "github-pat"}, cls=DataClass.CONFIDENTIAL), "block", "local-conf", set(),
     "clearance", None),
    ("clearance: restricted to confidential route blocked", "ext", "eng", report(cls=DataClass.RESTRICTED),
     "block", "ext", set(), "clearance", "cleared only up to confidential"),
    ("clearance: redaction lowers the class", "ext-internal", "eng", report("EMAIL_ADDRESS"), "redact",
     "ext-internal", {"EMAIL_ADDRESS"}, "pii", None),
    ("clearance: unredacted entity keeps class", "ext-internal", "eng", report("IBAN_CODE"), "block",
     "ext-internal", set(), "clearance", None),
    ("output is not clearance-checked", "ext", "eng", report(cls=DataClass.RESTRICTED), "block", "ext", set(),
     "clearance", None),
]
_ids = [c[0] for c in CASES]


@pytest.fixture(scope="module")
def policy(tmp_path_factory: pytest.TempPathFactory) -> Policy:
    from accord.policy import load_policy

    from .conftest import ENV

    p = tmp_path_factory.mktemp("decide") / "accord.yaml"
    p.write_text(POLICY, encoding="utf-8")
    return load_policy(p, env=ENV)


@pytest.mark.parametrize(("name", "route", "team", "rep", "action", "final", "redact", "rule", "msg"), CASES, ids=_ids)
def test_input_decisions(
    policy: Policy, name: str, route: str, team: str, rep: Report, action: str, final: str,
    redact: set[str], rule: str | None, msg: str | None,
) -> None:  # fmt: skip
    d = decide(policy, who(team), RequestInfo(route=route, api="openai"), rep)
    assert (d.action, d.route.name, set(d.redact_types), d.rule) == (action, final, redact, rule)
    if msg is not None:
        assert d.message is not None and msg in d.message
    if action == "block":
        assert d.message, "every block carries a coaching message"
    else:
        assert d.message is None
    if action != "allow" or rule is not None:
        assert d.reasons, "non-trivial decisions explain themselves"


OUTPUT_CASES = [
    ("clean output", report(), "allow", set(), None),
    ("secret hidden -> cut", report("SECRET"), "block", set(), "guardrails.output"),
    ("email masked by output rule", report("EMAIL_ADDRESS"), "redact", {"EMAIL_ADDRESS"}, "out-mask-email"),
    ("input-only rules ignored on output", report("PHONE_NUMBER"), "allow", set(), None),
    ("both-direction block", report(injection=0.99), "block", set(), "out-block-injection"),
    ("weak injection on output ignored", report(injection=0.7), "allow", set(), None),
]


@pytest.mark.parametrize(("name", "rep", "action", "redact", "rule"), OUTPUT_CASES, ids=[c[0] for c in OUTPUT_CASES])
def test_output_decisions(policy: Policy, name: str, rep: Report, action: str, redact: set[str], rule: str | None) -> None:
    d = decide(policy, who(), RequestInfo(route="ext", api="openai", direction="output"), rep)
    assert (d.action, set(d.redact_types), d.rule) == (action, redact, rule)
    assert d.route.name == "ext"


def test_output_redact_mode_masks_hidden_types(make_policy: Callable[..., Policy]) -> None:
    p = make_policy(
        """
        routes: [{name: local, provider: echo, max_class: restricted, private: true}]
        teams: {"*": {routes: ["*"]}}
        guardrails: {output_action: redact, output_hidden: [SECRET], output_visible: [EMAIL_ADDRESS, SECRET]}
        """
    )
    d = decide(p, who(), RequestInfo("local", "openai", "output"), report("SECRET", "EMAIL_ADDRESS", "PHONE_NUMBER"))
    # SECRET is hidden explicitly; PHONE_NUMBER is not in the visible list.
    assert d.action == "redact" and d.redact_types == {"SECRET", "PHONE_NUMBER"}


CLEARANCE_ROUTE = """
routes:
  - {name: ext, provider: openai, api_key: $env:T_KEY, max_class: internal}
  - {name: small, provider: echo, max_class: confidential, private: true}
  - {name: vault, provider: echo, max_class: restricted, private: true}
teams: {"*": {routes: [ext]}}
rules:
  - name: no-iban-in-small
    when: {entities: [IBAN_CODE], routes: [small]}
    action: block
    message: "not in {route}"
clearance: {on_exceeds_class: route}
"""


@pytest.mark.parametrize(
    ("rep", "action", "final", "rule"),
    [
        (report(cls=DataClass.INTERNAL), "allow", "ext", None),
        (report("EMAIL_ADDRESS"), "route", "small", "clearance"),
        (report(cls=DataClass.RESTRICTED), "route", "vault", "clearance"),
        (report("SECRET", cls=DataClass.CONFIDENTIAL), "route", "vault", "clearance"),  # SECRET is restricted
        # The first private route cleared for it is `small`, where a scoped rule blocks IBANs.
        (report("IBAN_CODE"), "block", "small", "no-iban-in-small"),
    ],
)
def test_clearance_reroutes_to_first_cleared_private_route(
    make_policy: Callable[..., Policy], rep: Report, action: str, final: str, rule: str | None
) -> None:
    p = make_policy(CLEARANCE_ROUTE)
    d = decide(p, who(), RequestInfo("ext", "openai"), rep)
    assert (d.action, d.route.name, d.rule) == (action, final, rule)


def test_clearance_named_route_too_low_blocks(make_policy: Callable[..., Policy]) -> None:
    p = make_policy(CLEARANCE_ROUTE.replace("{on_exceeds_class: route}", "{on_exceeds_class: route, route: small}"))
    assert decide(p, who(), RequestInfo("ext", "openai"), report("EMAIL_ADDRESS")).route.name == "small"
    d = decide(p, who(), RequestInfo("ext", "openai"), report(cls=DataClass.RESTRICTED))
    assert d.action == "block" and d.rule == "clearance" and "restricted" in (d.message or "")


def test_route_rule_sends_to_private_target_by_class(make_policy: Callable[..., Policy]) -> None:
    text = """
    routes:
      - {name: ext, provider: openai, api_key: $env:T_KEY, max_class: restricted}
      - {name: vault, provider: openai, base_url: "http://10.0.0.1/v1", max_class: restricted, private: true}
    teams: {"*": {routes: ["*"]}}
    rules:
      - {name: r, when: {min_class: confidential}, action: route, target: vault}
    """
    p = make_policy(text)
    d = decide(p, who(), RequestInfo("ext", "openai"), report("EMAIL_ADDRESS"))
    assert d.action == "route" and d.route.name == "vault"


def test_request_info_accepts_a_resolved_route(policy: Policy) -> None:
    route = policy.route_for("gpt-4o", who())
    d = decide(policy, who(), RequestInfo(route=route, api="openai"), report("EMAIL_ADDRESS"))
    assert d.route is route and d.route.model == "gpt-4o"


def test_unknown_route_raises_not_found(policy: Policy) -> None:
    with pytest.raises(NotFound):
        decide(policy, who(), RequestInfo(route="nope", api="openai"), report())


def test_decide_is_pure(policy: Policy) -> None:
    rep = report("EMAIL_ADDRESS", categories=("hr",))
    first = decide(policy, who(), RequestInfo("ext", "openai"), rep)
    assert all(decide(policy, who(), RequestInfo("ext", "openai"), rep) == first for _ in range(3))


def test_render_fills_only_known_placeholders() -> None:
    assert render("{route} {class} {unknown} {", {"route": "r", "class": "c"}) == "r c {unknown} {"


def test_residual_class_keeps_non_entity_signals(policy: Policy) -> None:
    marked = report("EMAIL_ADDRESS", cls=DataClass.RESTRICTED)  # e.g. a "RESTRICTED" marking in the text
    assert residual_class(policy, marked, frozenset({"EMAIL_ADDRESS"})) == DataClass.RESTRICTED
    assert residual_class(policy, report("EMAIL_ADDRESS"), frozenset({"EMAIL_ADDRESS"})) == DataClass.PUBLIC
