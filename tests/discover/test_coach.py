"""The coaching page: what was blocked and why, the alternative, escaping, no external assets."""

from __future__ import annotations

import re

from accord.discover.coach import render_coach_page
from accord.policy.sections.discover import DiscoverPolicy

POLICY = DiscoverPolicy.model_validate(
    {
        "sanctioned_alternative": {
            "name": "Acme AI",
            "route": "gpt-4o-mini",
            "how_to_get_key": "Ask the IT desk for an Accord key.",
            "quickstart_url": "https://accord.acme.example/docs/quickstart",
        }
    }
)


def test_names_the_service_its_risk_and_the_alternative(catalog):
    page = render_coach_page("chat.deepseek.com", catalog=catalog, policy=POLICY)
    assert "DeepSeek Chat" in page and "unsanctioned" in page and "CN" in page
    assert "Trains its models on what you type by default" in page
    assert "gpt-4o-mini" in page and "Ask the IT desk" in page
    assert 'href="https://accord.acme.example/docs/quickstart"' in page


def test_accepts_the_whole_policy_object(catalog):
    class Whole:
        discover = POLICY

    assert "Acme AI" in render_coach_page("claude.ai", catalog=catalog, policy=Whole())


def test_host_from_the_query_string_is_escaped(catalog):
    evil = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
    page = render_coach_page(evil, catalog=catalog, policy=POLICY)
    assert "<script>" not in page and "<img" not in page and "onerror=alert(2)>" not in page
    assert "&lt;script&gt;" in page
    page = render_coach_page("chatgpt.com<script>", catalog=catalog, policy=POLICY)
    assert "<script>" not in page


def test_no_external_assets_or_scripts(catalog):
    page = render_coach_page("claude.ai", catalog=catalog, policy=POLICY)
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert not re.search(r'src="https?:', page)
    assert "default-src 'none'" in page


def test_unknown_host(catalog):
    page = render_coach_page("intranet.example", catalog=catalog, policy=DiscoverPolicy())
    assert "not in the AI service catalog" in page and "intranet.example" in page
