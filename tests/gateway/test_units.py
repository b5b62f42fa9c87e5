"""Pure pieces of the gateway: SSE parsing at any chunking, the output guard's hold-back, limits."""

from __future__ import annotations

import asyncio

import pytest

from accord.detect.types import Entity
from accord.errors import QuotaExceeded
from accord.gateway.limits import Demand, MemoryQuotas
from accord.gateway.outguard import OutputPolicy, OutputViolation, TextGuard
from accord.gateway.sse import SSEParser
from accord.policy.settings import Quota

STREAM = b'event: a\r\ndata: {"x":1}\r\n\r\ndata: line1\ndata: line2\n\n: comment\n\ndata: [DONE]\n\n'


@pytest.mark.parametrize("size", [1, 2, 3, 7, len(STREAM)])
def test_sse_parser_any_chunking(size: int) -> None:
    p = SSEParser()
    events = []
    for i in range(0, len(STREAM), size):
        events += p.feed(STREAM[i : i + size])
    events += p.flush()
    assert [(e.event, e.data) for e in events] == [("a", b'{"x":1}'), (None, b"line1\nline2"), (None, b"[DONE]")]


def _secret_scan(text: str) -> list[Entity]:
    i = text.find("SECRETVALUE")
    return [Entity("SECRET", i, i + 11, 1.0)] if i >= 0 else []


def _judge(entities):
    types = frozenset(e.type for e in entities) & {"SECRET"}
    return ("block", types, "stopped") if types else ("allow", frozenset(), None)


def test_guard_never_releases_a_split_secret_and_holds_at_most_the_window() -> None:
    text = "x" * 100 + "SECRETVALUE" + "y" * 10
    g = TextGuard(None, OutputPolicy(_secret_scan, _judge, window=16))
    out = ""
    with pytest.raises(OutputViolation) as v:
        for ch in text:
            g.feed(ch)
            out += g.release()
            assert len(g._raw) <= 16  # the hold-back never exceeds the window
    assert "SECRET" not in out and (out + v.value.safe) == "x" * 100


def test_guard_restores_split_placeholders_without_scanning() -> None:
    mapping = {"<EMAIL_ADDRESS_1>": "a@b.co"}
    g = TextGuard(mapping, None)
    out = ""
    for ch in "hi <EMAIL_ADDRESS_1>, <EMAIL_ADDRESS_2> <b>":
        g.feed(ch)
        out += g.release()
        assert len(g._raw) < len("<EMAIL_ADDRESS_1>")
    out += g.release(final=True)
    assert out == "hi a@b.co, <EMAIL_ADDRESS_2> <b>"


def test_memory_quotas_atomic_and_settle() -> None:
    now = [0.0]
    q = MemoryQuotas(clock=lambda: now[0])
    demands = [Demand("key:a", Quota(rpm=5, concurrent=1)), Demand("team:t", Quota(tpm=100))]

    async def run() -> None:
        res = await q.acquire(demands, 10)
        with pytest.raises(QuotaExceeded):  # the concurrency cap: nothing else may be consumed
            await q.acquire(demands, 10)
        assert q._buckets[("team:t", "tpm")].level == 90
        await q.settle(res, 60, 0.0)  # real usage was higher: the difference is charged
        assert q._buckets[("team:t", "tpm")].level == 40
        await q.settle(await q.acquire(demands, 40), 40, 0.0)
        with pytest.raises(QuotaExceeded) as exc:
            await q.acquire(demands, 10)
        assert exc.value.retry_after >= 1
        now[0] += 60.0  # a minute later the buckets are full again
        await q.acquire(demands, 10)

    asyncio.run(run())


def test_bench_policy_is_valid() -> None:
    """bench/gateway.sh and bench/gateway_profile.py share bench/gateway_policy.yaml: it must stay loadable
    with the guardrails the benchmark claims to measure (redaction on, output scan on)."""
    from pathlib import Path

    from accord.policy import load_policy

    policy = load_policy(Path(__file__).resolve().parents[2] / "bench" / "gateway_policy.yaml", env={})
    assert {r.name for r in policy.active_routes} == {"mock-gpt", "mock-gpt-stream"}
    assert policy.guardrails.output_scan and any(r.action == "redact" for r in policy.rules)


@pytest.mark.parametrize(
    ("watched", "mode"),
    [
        (frozenset({"SECRET"}), "token"),
        (frozenset({"SECRET", "EMAIL_ADDRESS", "PSEUDONYM"}), "token"),
        (frozenset({"SECRET", "PHONE_NUMBER"}), "digits"),
        (frozenset({"SECRET", "PERSON"}), "window"),
        (frozenset({"*"}), "window"),
    ],
)
def test_hold_mode_follows_the_types_output_rules_act_on(watched, mode) -> None:
    from accord.gateway.outguard import hold_mode

    assert hold_mode(watched) == mode


def test_token_mode_releases_words_at_once_but_never_a_split_secret() -> None:
    """Time to first token: with only whitespace-free types watched, finished words go out at once."""
    text = "Here is the key you asked for: SECRETVALUE and more words"
    g = TextGuard(None, OutputPolicy(_secret_scan, _judge, window=64, mode="token"))
    out = ""
    released_after_first_word = None
    with pytest.raises(OutputViolation) as v:
        for ch in text:
            g.feed(ch)
            out += g.release()
            if released_after_first_word is None and len(out) > 0:
                released_after_first_word = len(g._raw) + len(out)
    assert released_after_first_word == len("Here ")  # the first word left as soon as it was complete
    assert "SECRET" not in out and (out + v.value.safe) == "Here is the key you asked for: "


def test_digits_mode_holds_space_separated_digit_groups() -> None:
    def phone_scan(text: str) -> list[Entity]:
        i = text.find("+1 415 555 0100")
        return [Entity("PHONE_NUMBER", i, i + 15, 1.0)] if i >= 0 else []

    def judge(entities):
        return ("block", frozenset({"PHONE_NUMBER"}), "stopped")

    g = TextGuard(None, OutputPolicy(phone_scan, judge, window=64, mode="digits"))
    out = ""
    with pytest.raises(OutputViolation):
        for ch in "Call +1 415 555 0100 today":
            g.feed(ch)
            out += g.release()
    assert "415" not in out and out.startswith("Call")


def test_system_prompts_are_scanned_once_and_still_judged_every_time() -> None:
    from accord.detect import default_engine
    from accord.gateway import guard

    engine = default_engine()
    system = "You are the support bot of Acme. Escalate to ops-lead@acme-corp.com when unsure."
    before = guard._inspect_stable.cache_info()
    reports = []
    for user in ("my phone is +1 415 555 0137", "no personal data here"):
        body = {"messages": [{"role": "system", "content": system}, {"role": "user", "content": user}]}
        slots = guard.collect_chat(body)
        assert [s.stable for s in slots] == [True, False]
        reports.append(asyncio.run(guard.scan_input(engine, slots, 5.0)))
    after = guard._inspect_stable.cache_info()
    assert after.hits >= before.hits + 1  # the second request reused the system prompt's report
    # every request still carries the system prompt's findings, and its own user message's
    for scan in reports:
        assert [e.type for e in scan.per_slot[0]] == ["EMAIL_ADDRESS"]
    assert {e.type for e in reports[0].per_slot[1]} == {"PHONE_NUMBER"} and reports[1].per_slot[1] == ()
    # user messages are never remembered: the same text is scanned afresh
    body = {"messages": [{"role": "user", "content": system}]}
    assert [s.stable for s in guard.collect_chat(body)] == [False]
