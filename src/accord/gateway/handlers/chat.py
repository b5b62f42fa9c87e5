"""POST /v1/chat/completions (OpenAI) and POST /v1/messages (Anthropic): one guarded pipeline.

identity -> body (bounded) -> validation -> route -> quotas -> input scan -> decide ->
pseudonymise -> upstream (retries, fallback) -> output guard -> response in the caller's API.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import orjson

from accord.detect.types import Report
from accord.errors import AccordError, PermissionDenied, ScannerError
from accord.gateway import validate
from accord.gateway.asgi import (
    Receive,
    Scope,
    Send,
    parse_json_object,
    read_body,
    send_bytes,
    send_chunk,
    start_sse,
)
from accord.gateway.exchange import Exchange
from accord.gateway.guard import (
    InputScan,
    collect_chat,
    decide_input,
    guard_completion,
    output_policy,
    pseudonymise,
    scan_input,
)
from accord.gateway.sinks import AnthropicSink, OpenAISink
from accord.gateway.state import DEFAULT_MAX_BODY, GatewayState
from accord.gateway.streaming import StreamTransformer
from accord.gateway.translate import anthropic_to_openai_request, openai_to_anthropic_response
from accord.policy.decide import Decision
from accord.policy.identity import Identity
from accord.policy.model import Policy
from accord.policy.routes import Route

log = logging.getLogger(__name__)


class PolicyBlocked(PermissionDenied):
    """A guardrail rule blocked the request; the message is the rule's coaching message."""

    code = "policy_violation"


def _fallback_check(policy: Policy, identity: Identity, api: str, report: Report, decision: Decision):
    applied = decision.redact_types

    def may_use(route: Route) -> bool:
        # A fallback must be cleared for this request exactly like the primary route: same or
        # weaker redaction needs, never a block or a re-route.
        d = decide_input(policy, identity, route, api, report)
        return d.action in ("allow", "redact") and d.route.name == route.name and d.redact_types <= applied

    return may_use


async def chat(state: GatewayState, ex: Exchange, scope: Scope, receive: Receive, send: Send) -> None:
    api = ex.api
    policy, identity, headers = await state.identify(ex, scope)
    quotas = policy.quotas_for(identity)
    body = await read_body(receive, headers, quotas.max_body_bytes or DEFAULT_MAX_BODY)
    req = parse_json_object(body)
    if api == "anthropic":
        model = validate.anthropic_messages(req)
        canonical = anthropic_to_openai_request(req)
    else:
        model = validate.chat(req)
        canonical = req
    ex.model = model
    ex.stream = stream = canonical.get("stream") is True
    route = policy.route_for(model, identity)
    ex.route = route.name
    slots = collect_chat(canonical)
    if policy.audit.capture_prompts:
        ex.prompt = "\n".join(s.text for s in slots)[: policy.audit.capture_max_chars]
    max_out = canonical.get("max_completion_tokens") or canonical.get("max_tokens") or 0
    estimate = sum(len(s.text) for s in slots) // 4 + int(max_out)
    demands = state.demands(identity, quotas)
    reservation = await state.quotas.acquire(demands, estimate) if demands else None
    acct = _Accounting(ex, route)
    try:
        # --- input guardrails ------------------------------------------------------------------
        try:
            scan = await scan_input(state.engine, slots, policy.guardrails.scanner_timeout_ms / 1000)
        except ScannerError as exc:
            state.metrics.count_guardrail("scanner_error")
            if route.fail_closed:
                ex.decision = "block"
                ex.reasons = (exc.message,)
                raise
            log.warning("guardrail scan failed on route %r, which fails open: %s", route.name, exc.message)
            scan = InputScan(Report(entities=()), [()] * len(slots), 0.0)
        ex.scan_s = scan.seconds
        report = scan.report
        ex.entity_counts = report.entity_counts()
        decision = decide_input(policy, identity, route, api, report)
        ex.decision, ex.reasons = decision.action, decision.reasons
        if decision.action == "block":
            state.metrics.count_guardrail("block", ex.entity_counts)
            raise PolicyBlocked(decision.message or "this request is not allowed by the policy")
        if decision.action != "allow":
            state.metrics.count_guardrail(decision.action, ex.entity_counts)
        route = acct.used = decision.route
        ex.route = route.name
        mapping: dict[str, str] | None = None
        if decision.redact_types:
            mapping = pseudonymise(slots, scan.per_slot, decision.redact_types).mapping or None
        outpol = output_policy(
            policy, identity, route, api, state.engine.analyze, lambda: state.metrics.count_guardrail("scanner_error")
        )
        may_use = _fallback_check(policy, identity, api, report, decision)
        # --- upstream -----------------------------------------------------------------------------
        t_up = time.perf_counter()
        if not stream:
            resp, acct.used = await state.upstreams.complete(policy, route, canonical, may_use)
            ex.upstream_s = time.perf_counter() - t_up
            _usage(ex, resp.get("usage"))
            findings, violation = guard_completion(resp, mapping, outpol)
            _output_findings(state, ex, findings, violation)
            if api == "anthropic":
                payload = orjson.dumps(openai_to_anthropic_response(resp, model))
            else:
                payload = orjson.dumps(resp)
            acct.close()
            await send_bytes(send, 200, payload)
            return
        (agen, first), acct.used = await state.upstreams.open_stream(policy, route, canonical, may_use)
        include_usage = api == "openai" and bool((canonical.get("stream_options") or {}).get("include_usage"))
        tr = StreamTransformer(mapping, outpol, include_usage=include_usage)
        sink = AnthropicSink(model) if api == "anthropic" else OpenAISink()
        await _pump(state, ex, send, agen, first, tr, sink, t_up, acct)
    finally:
        acct.close()
        if reservation is not None:
            await state.quotas.settle(reservation, (ex.prompt_tokens + ex.completion_tokens) or estimate, ex.cost_usd)
        state.record_spend(identity, ex.cost_usd)


class _Accounting:
    """Which route served the request and what it cost: settled once, before the answer's last byte
    (the audit event goes out with it) or when the request fails."""

    __slots__ = ("closed", "ex", "used")

    def __init__(self, ex: Exchange, route: Route) -> None:
        self.ex, self.used, self.closed = ex, route, False

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        ex, used = self.ex, self.used
        ex.route, ex.upstream_model = used.name, used.upstream_model
        if ex.prompt_tokens or ex.completion_tokens:
            ex.cost_usd = used.cost(ex.prompt_tokens, ex.completion_tokens, used.upstream_model)


def _usage(ex: Exchange, usage: dict[str, Any] | None) -> None:
    if usage:
        ex.prompt_tokens = int(usage.get("prompt_tokens") or 0)
        ex.completion_tokens = int(usage.get("completion_tokens") or 0)


def _output_findings(state: GatewayState, ex: Exchange, findings: dict[str, int], violation: str | None) -> None:
    if findings:
        ex.output_counts = findings
    if violation:
        state.metrics.count_guardrail("output_block", findings)
        ex.reasons = (*ex.reasons, f"output blocked: {violation}")
    elif findings:
        state.metrics.count_guardrail("output_redact", findings)
        ex.reasons = (*ex.reasons, "output redacted: " + ", ".join(sorted(findings)))


async def _pump(
    state: GatewayState, ex: Exchange, send: Send, agen: Any, first: list[dict[str, Any]],
    tr: StreamTransformer, sink: Any, t_up: float, acct: _Accounting,
) -> None:  # fmt: skip
    """Relay a stream through the transformer. Headers go out only now: every failure before the
    first upstream batch was still an ordinary HTTP error."""

    def end() -> None:  # before the last byte: usage, timing and cost go into the audit event
        if acct.closed:
            return
        _usage(ex, tr.usage)
        ex.upstream_s = time.perf_counter() - t_up
        acct.close()

    await start_sse(send)
    batch: list[dict[str, Any]] | None = first
    try:
        while True:
            if batch is None:
                out, ended = tr.finish(), True
            else:
                out, ended = tr.batch(batch), False
            data = sink.encode(out) if out else b""
            if tr.violation is not None:
                _output_findings(state, ex, tr.findings, tr.violation.message)
                end()
                await send_chunk(send, data + sink.violation(tr, tr.violation.message), more=False)
                return
            if ended:
                _output_findings(state, ex, tr.findings, None)
                end()
                await send_chunk(send, data + sink.end(tr), more=False)
                return
            if data:
                await send_chunk(send, data)
            try:
                batch = await agen.__anext__()
            except StopAsyncIteration:
                batch = None
    except AccordError as exc:
        # The upstream failed mid-stream: the status line is gone, so say it in the stream.
        ex.status, ex.error = exc.http_status, getattr(exc, "audit_message", exc.message)
        end()
        await send_chunk(send, sink.error(exc), more=False)
    except OSError:
        ex.status, ex.error = 499, "client disconnected"
    finally:
        end()
        await agen.aclose()
