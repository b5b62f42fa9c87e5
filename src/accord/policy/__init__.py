"""The policy model and its decisions: pure, no I/O beyond reading the policy file."""

from accord.policy.decide import Decision, RequestInfo, decide
from accord.policy.default import default_policy_text, write_default_policy
from accord.policy.holder import PolicyHolder
from accord.policy.identity import Identity
from accord.policy.loader import load_policy, load_policy_bytes
from accord.policy.model import Policy, Team, Tenant
from accord.policy.routes import Price, Route
from accord.policy.rules import Rule, When
from accord.policy.secrets import Secret
from accord.policy.settings import EffectiveQuotas, Quota

__all__ = [
    "Decision",
    "EffectiveQuotas",
    "Identity",
    "Policy",
    "PolicyHolder",
    "Price",
    "Quota",
    "RequestInfo",
    "Route",
    "Rule",
    "Secret",
    "Team",
    "Tenant",
    "When",
    "decide",
    "default_policy_text",
    "load_policy",
    "load_policy_bytes",
    "write_default_policy",
]
