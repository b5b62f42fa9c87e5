"""Catalog quality: size and breadth, most-specific suffix, ordinary domains never AI, user entries."""

from __future__ import annotations

import pytest

from accord.discover.catalog import CATEGORIES, load_catalog
from accord.discover.heuristics import ai_like_reason, ordinary_domains
from accord.errors import ConfigError


def test_broad_landscape(catalog):
    assert len(catalog) >= 300
    by_cat = catalog.by_category()
    assert all(len(by_cat[c]) >= 10 for c in CATEGORIES), {c: len(v) for c, v in by_cat.items()}
    hq = [s.risk.hq_country for s in catalog]
    assert hq.count("CN") >= 25 and sum(hq.count(c) for c in ("FR", "DE", "GB", "SE", "NL")) >= 20
    for sid in ("deepseek", "kimi", "qwen-chat", "doubao", "ernie-bot", "chatglm", "baichuan", "hailuo-chat",
                "iflytek-spark", "le-chat", "aleph-alpha", "deepl", "notion-ai", "grammarly", "canva-magic-studio",
                "zoom-ai-companion", "otter"):
        assert sid in catalog, sid


@pytest.mark.parametrize(
    "host,service",
    [
        ("copilot.microsoft.com", "microsoft-copilot"),
        ("www.microsoft.com", None),
        ("gemini.google.com", "gemini"),
        ("www.google.com", None),
        ("mail.google.com", None),
        ("sora.chatgpt.com", "sora"),
        ("operator.chatgpt.com", "openai-operator"),
        ("cdn.chatgpt.com", "chatgpt"),
        ("chat.openai.com", "chatgpt"),
        ("api.openai.com", "openai-platform"),
        ("chat.mistral.ai", "le-chat"),
        ("codestral.mistral.ai", "codestral"),
        ("api.mistral.ai", "mistral-platform"),
        ("api.githubcopilot.com", "github-copilot"),
        ("github.com", None),
        ("raw.githubusercontent.com", None),
        ("api.deepseek.com", "deepseek-api"),
        ("chat.deepseek.com", "deepseek"),
        ("bedrock-runtime.eu-west-1.amazonaws.com", "aws-bedrock"),
        ("s3.eu-west-1.amazonaws.com", None),
        ("europe-west4-aiplatform.googleapis.com", "vertex-ai"),
        ("storage.googleapis.com", None),
        ("myres.openai.azure.com", "azure-openai"),
        ("portal.azure.com", None),
        ("tongyi.aliyun.com", "qwen-chat"),
        ("www.aliyun.com", None),
        ("yiyan.baidu.com", "ernie-bot"),
        ("www.baidu.com", None),
        ("dash.dropbox.com", "dropbox-dash"),
        ("www.dropbox.com", None),
    ],
)
def test_most_specific_suffix_wins(catalog, host, service):
    m = catalog.matcher.match(host)
    assert (m.service_id if m else None) == service


def test_no_ordinary_business_domain_is_ai(catalog):
    for domain in sorted(ordinary_domains()):
        for host in (domain, f"www.{domain}"):
            assert catalog.matcher.match(host) is None, host
        # Subdomains are only AI when the catalog names them explicitly (ai.azure.com); never by heuristic.
        for host in (domain, f"www.{domain}", f"chat.{domain}", f"ai.{domain}", f"gpt.{domain}"):
            assert ai_like_reason(host) is None, host


def test_no_catalog_domain_is_an_ordinary_one(catalog):
    ordinary = ordinary_domains()
    for svc in catalog:
        assert not set(svc.domains) & ordinary, svc.id


def test_unknown_is_a_value_not_a_guess(catalog):
    values = {s.risk.trains_on_customer_inputs_by_default for s in catalog}
    assert values <= {True, False, "unknown"} and "unknown" in values
    assert all(s.risk.hq_country == "unknown" or len(s.risk.hq_country) == 2 for s in catalog)
    assert catalog.get("deepseek").risk.data_regions == ("CN",)


def test_extra_entries_add_and_replace(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "services:\n"
        "  - id: internal-llm\n    name: Corp LLM\n    vendor: Us\n    category: chat_assistant\n    domains: [llm.corp.example]\n"
        "  - id: chatgpt\n    name: ChatGPT (ours)\n    vendor: OpenAI\n    category: chat_assistant\n    domains: [chatgpt.com]\n"
    )
    cat = load_catalog([extra])
    assert cat.match("llm.corp.example").id == "internal-llm"
    assert cat.get("chatgpt").name == "ChatGPT (ours)"
    assert cat.match("chat.openai.com").id == "openai-platform"  # the replacement no longer lists it


def test_extra_entry_errors_name_file_line_and_field(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("services:\n  - id: x\n    name: X\n    vendor: V\n    category: chatbot\n")
    with pytest.raises(ConfigError) as err:
        load_catalog([bad])
    assert f"{bad}:5:" in str(err.value) and "category" in str(err.value)
    dup = tmp_path / "dup.yaml"
    dup.write_text(
        "services:\n  - {id: a, name: A, vendor: V, category: writing, domains: [a.example]}\n"
        "  - {id: b, name: B, vendor: V, category: writing, domains: [a.example]}\n"
    )
    with pytest.raises(ConfigError, match="listed by both"):
        load_catalog([dup])
    with pytest.raises(ConfigError, match="not found"):
        load_catalog([tmp_path / "missing.yaml"])


def test_search(catalog):
    assert {s.id for s in catalog.search("moonshot")} >= {"kimi", "moonshot-platform"}
    assert catalog.search("no-such-thing-anywhere") == []
