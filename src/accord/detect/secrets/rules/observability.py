"""Observability and product analytics: Datadog, New Relic, Sentry, Grafana, Dynatrace,
Honeycomb, Splunk, Sumo Logic, Rollbar, Bugsnag, PagerDuty, Opsgenie, PostHog, Segment,
LaunchDarkly, Elastic, Logz.io, Lightstep."""

from __future__ import annotations

from accord.detect.secrets.rule import SecretRule, keyed, tok

_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"


def _prefixed(rule_id: str, body: str, keywords: tuple[str, ...], description: str, *, entropy: float = 3.0,
              score: float = 0.96, left: str = "A-Za-z0-9_\\-") -> SecretRule:
    return SecretRule(id=rule_id, description=description, pattern=tok(body, left=left), keywords=keywords,
                      entropy=entropy, score=score)


def _keyed(rule_id: str, keys: str, value: str, keywords: tuple[str, ...], description: str, *,
           entropy: float = 3.0, score: float = 0.86) -> SecretRule:
    return SecretRule(id=rule_id, description=description, pattern=keyed(keys, value), keywords=keywords,
                      entropy=entropy, score=score)


RULES: tuple[SecretRule, ...] = (
    _keyed("datadog-api-key", r"datadog[\w.\-]{0,20}api[_\-.]?key|\bdd[_\-.]?api[_\-.]?key|DD_API_KEY", r"[a-f0-9]{32}",
           ("datadog", "dd_api", "dd-api", "ddapi"), "Datadog API key (32 hex) next to a Datadog name", score=0.9),
    _keyed("datadog-app-key", r"datadog[\w.\-]{0,20}app(?:lication)?[_\-.]?key|\bdd[_\-.]?app(?:lication)?[_\-.]?key",
           r"[a-f0-9]{40}", ("datadog", "dd_app", "dd-app", "ddapp"),
           "Datadog application key (40 hex) next to a Datadog name", score=0.9),
    _keyed("datadog-access-token", r"datadog", r"[a-z0-9]{40}", ("datadog",),
           "Datadog access token next to a Datadog name"),
    _prefixed("new-relic-user-api-key", r"NRAK-[A-Z0-9]{27}", ("nrak-",), "New Relic user API key"),
    _prefixed("new-relic-insert-key", r"NRII-[A-Za-z0-9_\-]{32}", ("nrii-",), "New Relic Insights insert key"),
    _prefixed("new-relic-insights-query-key", r"NRIQ-[A-Za-z0-9_\-]{32}", ("nriq-",), "New Relic Insights query key"),
    _prefixed("new-relic-browser-key", r"NRJS-[a-f0-9]{19}", ("nrjs-",), "New Relic browser API key", score=0.9),
    _prefixed("new-relic-rest-api-key", r"NRRA-[a-f0-9]{42}", ("nrra-",), "New Relic REST API key"),
    _prefixed("new-relic-admin-key", r"NRAA-[a-f0-9]{27}", ("nraa-",), "New Relic admin API key"),
    _prefixed("new-relic-pixie-key", rf"px-(?:api|dep)-{_UUID}", ("px-api-", "px-dep-"), "New Relic Pixie API / deploy key"),
    _prefixed("new-relic-license-key", r"[a-z0-9]{36}NRAL", ("nral",), "New Relic ingest license key (ends in NRAL)",
              entropy=3.0, left="A-Za-z0-9"),
    _keyed("new-relic-license-key-legacy", r"new[_\-.]?relic[\w.\-]{0,20}license|NRIA_LICENSE_KEY", r"[a-f0-9]{40}",
           ("relic", "nria"), "New Relic legacy license key (40 hex) next to a New Relic name"),
    SecretRule(
        id="sentry-dsn",
        description="Sentry DSN: the public key of a client DSN (https://<key>@o<org>.ingest.sentry.io/<project>)",
        pattern=r"https?://(?P<secret>[a-f0-9]{32})(?::[a-f0-9]{32})?@[a-z0-9.\-]{0,40}sentry[a-z0-9.\-]{0,40}/\d{1,12}",
        keywords=("sentry",),
        entropy=3.0,
        score=0.8,
    ),
    _prefixed("sentry-org-token", r"sntrys_eyJ[A-Za-z0-9+/=_]{50,400}_[A-Za-z0-9+/]{43}", ("sntrys_",),
              "Sentry organisation auth token", entropy=4.0, score=0.98),
    _prefixed("sentry-user-token", r"sntryu_[a-f0-9]{64}", ("sntryu_",), "Sentry user auth token", score=0.98),
    _keyed("sentry-auth-token-legacy", r"sentry[\w.\-]{0,20}(?:token|key)", r"[a-f0-9]{64}", ("sentry",),
           "Sentry legacy auth token (64 hex) next to a Sentry name"),
    _prefixed("grafana-cloud-token", r"glc_[A-Za-z0-9+/]{32,400}={0,2}", ("glc_",), "Grafana Cloud access policy token",
              entropy=3.5),
    _prefixed("grafana-service-account-token", r"glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}", ("glsa_",),
              "Grafana service account token"),
    _prefixed("grafana-api-key", r"eyJrIjoi[A-Za-z0-9_\-]{40,400}={0,2}", ("eyjrijoi",),
              "Grafana API key (base64 JSON starting {\"k\":)", entropy=3.5),
    _prefixed("dynatrace-api-token", r"dt0[a-z][0-9]{2}\.[A-Z0-9]{24}\.[A-Z0-9]{64}", ("dt0",),
              "Dynatrace API / platform token", entropy=3.5),
    _prefixed("honeycomb-api-key", r"hc[a-z]{2,3}_[a-z0-9]{58}", ("hc",), "Honeycomb API key (current format)",
              score=0.9),
    _keyed("honeycomb-api-key-legacy", r"honeycomb", r"[a-f0-9]{32}|[A-Za-z0-9]{22}", ("honeycomb",),
           "Honeycomb legacy API key next to a Honeycomb name"),
    _keyed("splunk-hec-token", r"splunk[\w.\-]{0,20}(?:token|hec)|\bhec[_\-.]?token", _UUID, ("splunk", "hec"),
           "Splunk HTTP Event Collector token next to a Splunk name"),
    _keyed("sumologic-access-key", r"sumo[\w.\-]{0,20}(?:key|token|secret)", r"[A-Za-z0-9]{64}", ("sumo",),
           "Sumo Logic access key next to a Sumo name", entropy=3.5),
    _keyed("rollbar-access-token", r"rollbar", r"[a-f0-9]{32}", ("rollbar",),
           "Rollbar access token next to a Rollbar name"),
    _keyed("bugsnag-api-key", r"bugsnag", r"[a-f0-9]{32}", ("bugsnag",), "Bugsnag API key next to a Bugsnag name"),
    _keyed("pagerduty-api-key", r"pager[_\-.]?duty", r"(?:u\+)?[A-Za-z0-9_+\-]{20}", ("pager",),
           "PagerDuty REST API key next to a PagerDuty name", entropy=3.5),
    _keyed("opsgenie-api-key", r"opsgenie", _UUID, ("opsgenie",), "Opsgenie API key next to an Opsgenie name"),
    _prefixed("posthog-personal-api-key", r"phx_[A-Za-z0-9]{43}", ("phx_",), "PostHog personal API key",
              entropy=3.5),
    _keyed("segment-write-key", r"segment[\w.\-]{0,20}(?:write[_\-.]?key|token)", r"[A-Za-z0-9]{32}", ("segment",),
           "Segment write key / token next to a Segment name", entropy=3.5),
    _keyed("launchdarkly-key", r"launch[_\-.]?darkly", r"(?:api|sdk|mob)-" + _UUID + r"|[A-Za-z0-9=_\-]{40}",
           ("launchdarkly", "launch"), "LaunchDarkly API / SDK key next to a LaunchDarkly name", score=0.9),
    _keyed("elastic-api-key", r"elastic[\w.\-]{0,20}(?:api[_\-.]?key|password)|ELASTIC_PASSWORD",
           r"[A-Za-z0-9_=\-]{20,100}", ("elastic",), "Elastic / Elastic Cloud API key next to an Elastic name",
           entropy=3.5),
    _keyed("logzio-token", r"logz(?:io)?[\w.\-]{0,20}token", r"[A-Za-z]{32}", ("logz",),
           "Logz.io shipping token next to a Logz.io name", entropy=3.5),
    _keyed("lightstep-access-token", r"lightstep", r"[A-Za-z0-9/+]{84}|[A-Za-z0-9]{32}", ("lightstep",),
           "Lightstep access token next to a Lightstep name", entropy=3.5),
)
