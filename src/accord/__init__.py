"""Accord: a self-hosted AI control plane (gateway, detection, discovery, data governance)."""

__version__ = "0.1.0"
