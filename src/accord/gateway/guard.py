"""Guardrails in the request path: scan every text of a request, decide, pseudonymise; judge output.

Input: every message of every role is scanned once — string content, text parts, tool results
(`role: tool`), tool call arguments — and the per-text reports are merged into one Report for
`accord.policy.decide`. Scanning fails closed: an exception, or a scan that takes longer than
`guardrails.scanner_timeout_ms`, raises ScannerError (the request is blocked) unless the route sets
`fail_closed: false`. Small requests are scanned inline (a thread hop costs more than the scan) and
checked against the deadline afterwards; large ones run in a worker thread under `wait_for`, so a
slow scan can neither stall the event loop nor pass silently.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from accord.detect import Engine, Pseudonymizer
from accord.detect.types import DataClass, Entity, InjectionResult, Report
from accord.errors import ScannerError
from accord.gateway.outguard import OutputPolicy, OutputViolation, TextGuard, hold_mode
from accord.policy.decide import Decision, RequestInfo, decide
from accord.policy.identity import Identity
from accord.policy.model import Policy
from accord.policy.routes import Route

log = logging.getLogger(__name__)

#: Above this many characters in one request, scan in a worker thread with a hard timeout.
INLINE_SCAN_CHARS = 64 * 1024
#: Roles whose text an application repeats verbatim in every request (see `_inspect_stable`).
_STABLE_ROLES = frozenset({"system", "developer"})
#: System prompts up to this size are remembered; with `_STABLE_ENTRIES` it bounds the memory (4 MiB).
_STABLE_MAX_CHARS = 16 * 1024
_STABLE_ENTRIES = 256


@dataclass(slots=True)
class Slot:
    """One text field of the request, with the place to write its masked version back."""

    container: Any
    key: Any
    text: str
    #: Text an application sends unchanged with every request (its system or developer prompt).
    stable: bool = False


def collect_chat(body: dict[str, Any]) -> list[Slot]:
    slots: list[Slot] = []
    for m in body.get("messages") or ():
        content = m.get("content")
        stable = m.get("role") in _STABLE_ROLES
        if isinstance(content, str):
            if content:
                slots.append(Slot(m, "content", content, stable))
        elif isinstance(content, list):
            for part in content:
                if isinstance(part, dict) and isinstance(part.get("text"), str) and part["text"]:
                    slots.append(Slot(part, "text", part["text"], stable))
        for call in m.get("tool_calls") or ():
            fn = call.get("function") if isinstance(call, dict) else None
            if isinstance(fn, dict) and isinstance(fn.get("arguments"), str) and fn["arguments"]:
                slots.append(Slot(fn, "arguments", fn["arguments"]))
    return slots


def collect_embeddings(body: dict[str, Any]) -> list[Slot]:
    inp = body.get("input")
    if isinstance(inp, str):
        return [Slot(body, "input", inp)] if inp else []
    if isinstance(inp, list):
        return [Slot(inp, i, x) for i, x in enumerate(inp) if isinstance(x, str) and x]
    return []


def merge_reports(reports: list[Report]) -> Report:
    if len(reports) == 1:
        return reports[0]
    if not reports:
        return Report(entities=())
    entities: list[Entity] = []
    cls = DataClass.PUBLIC
    inj: InjectionResult = reports[0].injection
    categories: dict[str, None] = {}
    reasons: dict[str, None] = {}
    for r in reports:
        entities.extend(r.entities)
        cls = max(cls, r.classification)
        if r.injection.score > inj.score or (r.injection.detected and not inj.detected):
            inj = r.injection
        categories.update(dict.fromkeys(r.categories))
        reasons.update(dict.fromkeys(r.reasons))
    return Report(tuple(entities), inj, cls, tuple(categories), tuple(reasons))


@dataclass(slots=True)
class InputScan:
    report: Report
    per_slot: list[tuple[Entity, ...]]
    seconds: float


@lru_cache(maxsize=_STABLE_ENTRIES)
def _inspect_stable(engine: Engine, text: str) -> Report:
    """The engine's report on a system prompt, remembered: an application sends the same one with every
    request, and scanning it again each time was a third of the input scan on short chats. Reports are
    immutable and depend on the engine and the text alone (the engine is the cache key, so a rebuilt
    engine starts afresh); the policy's decision is still made on every request."""
    return engine.inspect(text)


def _scan(engine: Engine, slots: list[Slot]) -> tuple[Report, list[tuple[Entity, ...]]]:
    reports = [
        _inspect_stable(engine, s.text) if s.stable and len(s.text) <= _STABLE_MAX_CHARS else engine.inspect(s.text)
        for s in slots
    ]
    return merge_reports(reports), [r.entities for r in reports]


async def scan_input(engine: Engine, slots: list[Slot], timeout_s: float) -> InputScan:
    t0 = time.perf_counter()
    size = sum(len(s.text) for s in slots)
    try:
        if size <= INLINE_SCAN_CHARS:
            report, per_slot = _scan(engine, slots)
        else:
            report, per_slot = await asyncio.wait_for(asyncio.to_thread(_scan, engine, slots), timeout_s)
    except TimeoutError:
        raise ScannerError(
            f"the guardrail scan did not finish within {timeout_s * 1000:.0f} ms; the request was blocked (fail closed)"
        ) from None
    except Exception as exc:
        log.exception("guardrail scanner failed")
        raise ScannerError(
            f"a guardrail scanner failed ({type(exc).__name__}); the request was blocked (fail closed)"
        ) from None
    elapsed = time.perf_counter() - t0
    if elapsed > timeout_s:
        raise ScannerError(
            f"the guardrail scan took {elapsed * 1000:.0f} ms, over the {timeout_s * 1000:.0f} ms limit; "
            "the request was blocked (fail closed)"
        )
    return InputScan(report, per_slot, elapsed)


def pseudonymise(slots: list[Slot], per_slot: list[tuple[Entity, ...]], types: frozenset[str]) -> Pseudonymizer:
    p = Pseudonymizer()
    for slot, ents in zip(slots, per_slot, strict=True):
        chosen = [e for e in ents if e.type in types]
        if chosen:
            slot.container[slot.key] = p.mask(slot.text, chosen)
    return p


def decide_input(policy: Policy, identity: Identity, route: Route, api: str, report: Report) -> Decision:
    return decide(policy, identity, RequestInfo(route=route, api=api), report)


def output_policy(
    policy: Policy,
    identity: Identity,
    route: Route,
    api: str,
    scan: Callable[[str], list[Entity]],
    on_error: Callable[[], None] | None = None,
) -> OutputPolicy | None:
    """The output judge for this request, or None when output scanning is off for the route.

    A scanner that fails on output fails closed like on input: ScannerError, so the caller gets a 503
    (or, mid-stream, a well-formed final error event) and no unscanned text; a route with
    `fail_closed: false` releases the text unscanned instead, with a warning in the log.
    """
    if not (policy.guardrails.output_scan and route.output_scan):
        return None
    fail_closed = route.fail_closed

    def guarded_scan(text: str) -> list[Entity]:
        try:
            return scan(text)
        except Exception as exc:
            if on_error is not None:
                on_error()
            if not fail_closed:
                log.warning("output scanner failed on route %r, which fails open: %s", route.name, type(exc).__name__)
                return []
            log.exception("output scanner failed")
            raise ScannerError(
                f"the output guardrail scanner failed ({type(exc).__name__}); the response was stopped (fail closed)"
            ) from None
    hidden_of = policy.guardrails.hidden_in_output
    info = RequestInfo(route=route, api=api, direction="output")

    def judge(entities: list[Entity]) -> tuple[str, frozenset[str], str | None]:
        d = decide(policy, identity, info, Report(entities=tuple(entities)))
        if d.action == "block":
            return "block", hidden_of(frozenset(e.type for e in entities)), d.message
        if d.action == "redact":
            return "redact", d.redact_types, None
        return "allow", frozenset(), None

    return OutputPolicy(
        guarded_scan, judge, window=policy.guardrails.output_window_chars, mode=hold_mode(_watched_in_output(policy))
    )


def _watched_in_output(policy: Policy) -> frozenset[str]:
    """Entity types that can make an output rule act; "*" when a rule may act on anything."""
    g = policy.guardrails
    watched = set(g.output_hidden)
    if "*" not in g.output_visible:
        watched.add("*")
    for rule in policy.rules:
        if rule.action == "allow" or not rule.applies_to("output"):
            continue
        when = rule.when
        if when.secret_kinds:
            watched.add("SECRET")
        if when.entities:
            watched.update(when.entities)
        elif not when.secret_kinds:
            watched.add("*")  # injection, category or class conditions: any text may matter
    return frozenset(watched)


def guard_completion(resp: dict[str, Any], mapping: dict[str, str] | None, out: OutputPolicy | None) -> tuple[dict[str, int], str | None]:
    """Restore and check a non-streamed completion in place. Returns (findings, violation message).

    On a violation the content is cut before the offending text and `finish_reason` becomes
    `content_filter`, as in a stream.
    """
    if out is None and not mapping:
        return {}, None
    findings: dict[str, int] = {}
    violation: str | None = None
    for choice in resp.get("choices") or ():
        msg = choice.get("message") or {}
        fields: list[tuple[dict[str, Any], str]] = []
        if isinstance(msg.get("content"), str):
            fields.append((msg, "content"))
        for call in msg.get("tool_calls") or ():
            fn = call.get("function") or {}
            if isinstance(fn.get("arguments"), str):
                fields.append((fn, "arguments"))
        for container, key in fields:
            g = TextGuard(mapping, out)
            g.feed(container[key])
            try:
                container[key] = g.release(final=True)
            except OutputViolation as v:
                container[key] = v.safe
                choice["finish_reason"] = "content_filter"
                violation = v.message
            for t, n in g.findings.items():
                findings[t] = findings.get(t, 0) + n
    return findings, violation
