"""Prometheus metrics without a client library: plain dicts on the hot path, text rendered on scrape.

An observation is a dict increment or a `bisect` into fixed buckets (well under a microsecond);
`prometheus_client` costs several microseconds per labelled observation because of its locks and
label lookups. Values are per process: with `--workers N`, scrape each worker or run one worker per
container (docs/gateway.md).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

# Latency buckets in seconds: fine-grained below 10 ms, where the gateway's own costs live.
LATENCY_BUCKETS = (0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)


class Histogram:
    __slots__ = ("buckets", "count", "counts", "sum")

    def __init__(self, buckets: tuple[float, ...] = LATENCY_BUCKETS) -> None:
        self.buckets = buckets
        self.counts = [0] * (len(buckets) + 1)
        self.sum = 0.0
        self.count = 0

    def observe(self, value: float) -> None:
        self.counts[bisect_left(self.buckets, value)] += 1
        self.sum += value
        self.count += 1


def _labels(names: tuple[str, ...], values: tuple[str, ...], extra: str = "") -> str:
    parts = [f'{n}="{_escape(v)}"' for n, v in zip(names, values, strict=True)]
    if extra:
        parts.append(extra)
    return "{" + ",".join(parts) + "}" if parts else ""


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


class Metrics:
    def __init__(self) -> None:
        # (endpoint, route, status, decision) -> count
        self.requests: dict[tuple[str, str, str, str], int] = {}
        # (stage, endpoint) -> histogram; stage in scan | upstream | total
        self.latency: dict[tuple[str, str], Histogram] = {}
        # (route, kind) -> tokens; kind in prompt | completion
        self.tokens: dict[tuple[str, str], int] = {}
        self.cost: dict[tuple[str], float] = {}
        # (action,) -> count; action in block | redact | route | output_block | output_redact
        self.guardrail: dict[tuple[str], int] = {}
        self.entities: dict[tuple[str], int] = {}
        self.upstream_errors: dict[tuple[str, str], int] = {}
        self.gauges: dict[str, Callable[[], float]] = {}

    def count_request(self, endpoint: str, route: str, status: int, decision: str) -> None:
        key = (endpoint, route, str(status), decision)
        self.requests[key] = self.requests.get(key, 0) + 1

    def observe(self, stage: str, endpoint: str, seconds: float) -> None:
        h = self.latency.get((stage, endpoint))
        if h is None:
            h = self.latency[(stage, endpoint)] = Histogram()
        h.observe(seconds)

    def add_usage(self, route: str, prompt: int, completion: int, cost: float) -> None:
        for kind, n in (("prompt", prompt), ("completion", completion)):
            if n:
                self.tokens[(route, kind)] = self.tokens.get((route, kind), 0) + n
        if cost:
            self.cost[(route,)] = self.cost.get((route,), 0.0) + cost

    def count_guardrail(self, action: str, entity_counts: dict[str, int] | None = None) -> None:
        self.guardrail[(action,)] = self.guardrail.get((action,), 0) + 1
        for t, n in (entity_counts or {}).items():
            self.entities[(t,)] = self.entities.get((t,), 0) + n

    def count_upstream_error(self, route: str, kind: str) -> None:
        key = (route, kind)
        self.upstream_errors[key] = self.upstream_errors.get(key, 0) + 1

    def render(self) -> bytes:
        out: list[str] = []

        def counter(name: str, help_: str, labels: tuple[str, ...], data: dict, kind: str = "counter") -> None:
            out.append(f"# HELP {name} {help_}")
            out.append(f"# TYPE {name} {kind}")
            for key, value in sorted(data.items()):
                out.append(f"{name}{_labels(labels, key)} {value}")

        counter("accord_requests_total", "Requests by endpoint, model route, HTTP status and guardrail decision.",
                ("endpoint", "route", "status", "decision"), self.requests)
        out.append("# HELP accord_latency_seconds Gateway latency by stage: scan (guardrails), upstream, total.")
        out.append("# TYPE accord_latency_seconds histogram")
        for (stage, endpoint), h in sorted(self.latency.items()):
            names, values = ("stage", "endpoint"), (stage, endpoint)
            cumulative = 0
            for bound, n in zip(h.buckets, h.counts, strict=False):
                cumulative += n
                le = 'le="' + str(bound) + '"'
                out.append(f"accord_latency_seconds_bucket{_labels(names, values, le)} {cumulative}")
            inf = 'le="+Inf"'
            out.append(f"accord_latency_seconds_bucket{_labels(names, values, inf)} {h.count}")
            out.append(f"accord_latency_seconds_sum{_labels(names, values)} {h.sum}")
            out.append(f"accord_latency_seconds_count{_labels(names, values)} {h.count}")
        counter("accord_tokens_total", "Tokens by model route and kind (prompt, completion).", ("route", "kind"), self.tokens)
        counter("accord_cost_usd_total", "Cost in USD from the policy's price table, by model route.", ("route",), self.cost)
        counter("accord_guardrail_actions_total", "Guardrail actions: block, redact, route, output_block, output_redact, scanner_error.",
                ("action",), self.guardrail)
        counter("accord_entities_total", "Entities detected in requests and responses, by type.", ("type",), self.entities)
        counter("accord_upstream_errors_total", "Upstream failures by route and kind (retry, fallback, error, timeout).",
                ("route", "kind"), self.upstream_errors)
        for name, fn in sorted(self.gauges.items()):
            out.append(f"# TYPE {name} gauge")
            try:
                out.append(f"{name} {float(fn())}")
            except Exception:  # a gauge that cannot be read is left out, never breaks the scrape
                continue
        return ("\n".join(out) + "\n").encode()
