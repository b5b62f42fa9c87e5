"""The policy model and its decisions: pure, no I/O beyond reading the policy file."""

from accord.policy.identity import Identity

__all__ = ["Identity"]
