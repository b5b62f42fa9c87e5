"""Generate a held-out test set for the secrets recognizer: realistic snippets with fake credentials.

    .venv/bin/python scripts/gen_secret_cases.py --out /tmp/secret_cases.jsonl   # write the rows
    .venv/bin/python scripts/gen_secret_cases.py --stats                         # counts per part / axis

Every row is a snippet of a *carrier* (env file, YAML, JSON, XML, TOML, .properties, Python / JS / Go /
Java / C# / Ruby / PHP / shell / PowerShell code, Dockerfile, Kubernetes manifest, Terraform, CLI
invocation, connection string, HTTP request, log line, markdown, chat message) holding a value of a
*provider* format (AWS, GitHub, Slack, Stripe, Okta, passwords, PEM keys, ...) written from each
provider's documented token format (prefix, alphabet, length, checksum: GitHub / npm CRC32, age
bech32, JWT headers that decode). Values are random: they grant nothing.

Positives (label 1) carry the character spans of every secret. Near misses (label 0) contain no
secret at all: *twins* of a positive whose value was replaced (placeholder, template or variable
reference, code expression, mask, redaction, truncation, documented example, empty value, variable
name), plus identifiers (client ids, account ids, bucket names, public keys, ARNs), hashes and ids in
context (commit SHAs, checksums, digests, UUIDs, pagination tokens), wrong-format tokens and prose.

Split (fixed seed): every carrier, provider and near-miss kind is assigned to `tune` or `held` by
sha256("<seed>/<axis>/<name>"). A row is in the **tune** part only when all its axes are tune; every
other row is **held-out** (it has a carrier, provider or near-miss kind that tuning never saw);
`held_all` marks rows whose axes are all held. Rules may be tuned on the tune part only.

The rows are generated at run time (no token-like literal is committed; secret scanners and push
protection would rightly complain). Same seed, same rows.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import random
import string
import sys
import uuid as _uuid
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

SEED = 20250607
HELD_FRACTION = 0.4

LOWER, UPPER, DIGITS = string.ascii_lowercase, string.ascii_uppercase, string.digits
ALNUM = LOWER + UPPER + DIGITS
HEX, UHEX = "0123456789abcdef", "0123456789ABCDEF"
B64, URLSAFE = ALNUM + "+/", ALNUM + "_-"
UPNUM, LOWNUM = UPPER + DIGITS, LOWER + DIGITS
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
B62 = DIGITS + UPPER + LOWER


# ----------------------------------------------------------------------------------------------- values
class Gen:
    """Random helpers bound to one seeded `random.Random`."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def s(self, n: int, alphabet: str = ALNUM) -> str:
        """n characters; re-drawn until every class of the alphabet occurs (real tokens mix them)."""
        classes = [c for c in (LOWER, UPPER, DIGITS) if any(ch in c for ch in alphabet)]
        while True:
            out = "".join(self.rng.choice(alphabet) for _ in range(n))
            if n < 10 or all(any(ch in c for ch in out) for c in classes):
                return out

    def hex(self, n: int) -> str:
        return self.s(n, HEX)

    def digits(self, n: int) -> str:
        return str(self.rng.randint(1, 9)) + "".join(self.rng.choice(DIGITS) for _ in range(n - 1))

    def uuid(self) -> str:
        return str(_uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def b64(self, nbytes: int) -> str:
        return base64.b64encode(self.rng.randbytes(nbytes)).decode()

    def b64url(self, nbytes: int) -> str:
        return base64.urlsafe_b64encode(self.rng.randbytes(nbytes)).decode().rstrip("=")

    def pick(self, seq: Sequence):  # type: ignore[no-untyped-def]
        return self.rng.choice(seq)

    # -- formats with checksums / structure
    def crc_token(self, prefix: str) -> str:
        """GitHub / npm: prefix + 30 base62 + base62(CRC32 of those 30), zero-padded to 6."""
        body = self.s(30)
        crc = zlib.crc32(body.encode()) & 0xFFFFFFFF
        digits = []
        while crc:
            crc, rem = divmod(crc, 62)
            digits.append(B62[rem])
        return prefix + body + "".join(reversed(digits)).rjust(6, "0")

    def jwt(self, claims: dict | None = None) -> str:
        enc = lambda o: base64.urlsafe_b64encode(json.dumps(o, separators=(",", ":")).encode()).decode().rstrip("=")  # noqa: E731
        header = self.pick(({"alg": "HS256", "typ": "JWT"}, {"alg": "RS256", "typ": "JWT", "kid": self.hex(16)},
                            {"typ": "JWT", "alg": "ES256"}))
        payload = claims or {"sub": self.digits(8), "name": self.pick(("ada", "svc-ci", "grace")),
                             "iat": 1700000000 + self.rng.randint(0, 10**7), "role": self.pick(("admin", "user"))}
        return f"{enc(header)}.{enc(payload)}.{self.b64url(self.pick((32, 64, 256)))}"

    def age(self) -> str:
        hrp = "age-secret-key-"
        data = [self.rng.randrange(32) for _ in range(52)]
        values = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp] + data + [0] * 6
        chk = 1
        for v in values:
            top = chk >> 25
            chk = (chk & 0x1FFFFFF) << 5 ^ v
            for i, g in enumerate((0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)):
                chk ^= g if (top >> i) & 1 else 0
        poly = chk ^ 1
        return (hrp + "1" + "".join(BECH32[d] for d in data + [(poly >> 5 * (5 - i)) & 31 for i in range(6)])).upper()

    def pem(self, label: str, lines: int = 12, headers: str = "", eol: str = "\n") -> str:
        body = eol.join(self.b64(48) for _ in range(lines)) + eol + self.b64(self.rng.randint(10, 40))
        return f"-----BEGIN {label}-----{eol}{headers}{body}{eol}-----END {label}-----"

    def password(self) -> str:
        """What people type: word + digits + symbol, leetspeak, passphrases, generated strings."""
        r = self.rng
        words = ("summer", "dragon", "monkey", "falcon", "orange", "winter", "tigger", "purple", "rocket", "shadow",
                 "coffee", "banana", "sunshine", "hockey", "matrix", "london", "pepper", "zxcvbn", "qwerty", "welcome")
        w = r.choice(words)
        style = r.randrange(9)
        if style == 0:
            return w.capitalize() + str(r.randint(1990, 2026)) + r.choice("!@#$%&*")
        if style == 1:
            return w.translate(str.maketrans("aeio", "@310")) + str(r.randint(1, 99))
        if style == 2:
            return "-".join(r.sample(words, 3)) + str(r.randint(1, 9))
        if style == 3:  # generated; starts with a letter or digit, as YAML and shells need unquoted
            return self.s(1) + self.s(r.randint(9, 19), ALNUM + "!@#$%^&*-_=+")
        if style == 4:
            return self.s(r.randint(12, 16), ALNUM)
        if style == 5:
            return w + r.choice(words).capitalize() + str(r.randint(10, 999))
        if style == 6:
            return r.choice(("P@ss", "Adm1n", "S3cr3t", "Passw0rd", "Welc0me")) + r.choice("!#$.") + str(r.randint(10, 9999))
        if style == 7:
            return w + "_" + str(r.randint(100, 99999))
        return self.s(r.randint(8, 11), LOWER) + str(r.randint(0, 9))


@dataclass(frozen=True)
class Provider:
    """A credential format. `keys`: typical names it is assigned to (words, styled per carrier)."""

    name: str
    gen: Callable[[Gen], str]
    keys: tuple[tuple[str, ...], ...]
    #: The value identifies its provider by itself (prefix / structure): it may appear bare, in prose.
    prefixed: bool = True
    #: HTTP header templates ({v} = value) when the provider authenticates with one.
    headers: tuple[str, ...] = ()
    #: Provider-specific carriers: shell commands, URLs, files ({v} = value).
    extra: tuple[str, ...] = ()
    #: "token" (machine-generated) or "password" (human-chosen: no entropy to lean on).
    kind: str = "token"
    #: A documented prefix to build truncated / masked twins from ("" = none).
    prefix: str = ""
    weight: int = 1


K = tuple[str, ...]


def keys(*names: str) -> tuple[K, ...]:
    return tuple(tuple(n.split()) for n in names)


BEARER = "Authorization: Bearer {v}"

PROVIDERS: tuple[Provider, ...] = (
    Provider("aws-access-key-id", lambda g: g.pick(("AKIA", "AKIA", "ASIA")) + g.s(16, B32),
             keys("aws access key id", "access key id", "aws access key", "access key"), prefix="AKIA"),
    Provider("aws-secret-access-key", lambda g: g.s(40, B64), keys("aws secret access key", "secret access key",
             "aws secret key", "aws secret"), prefixed=False, weight=3),
    Provider("aws-session-token", lambda g: "IQoJb3JpZ2luX2VjE" + g.s(g.rng.randint(280, 400), B64),
             keys("aws session token", "session token", "aws security token"), prefix="IQoJb3JpZ2luX2Vj"),
    Provider("github-pat", lambda g: g.crc_token(g.pick(("ghp_", "ghp_", "gho_", "ghs_", "ghu_"))),
             keys("github token", "gh token", "github pat", "git token", "github access token"),
             headers=("Authorization: token {v}", BEARER),
             extra=("git clone https://{v}@github.com/acme/payments.git", "echo {v} | gh auth login --with-token",
                    "git remote set-url origin https://x-access-token:{v}@github.com/acme/api.git"), prefix="ghp_", weight=2),
    Provider("github-fine-grained-pat", lambda g: "github_pat_" + g.s(22) + "_" + g.s(59),
             keys("github token", "github pat", "gh token"), headers=(BEARER,), prefix="github_pat_"),
    Provider("gitlab-pat", lambda g: g.pick(("glpat-", "glpat-", "glrt-")) + g.s(20, URLSAFE),
             keys("gitlab token", "gitlab private token", "private token", "gitlab pat", "ci registry token"),
             headers=("PRIVATE-TOKEN: {v}", BEARER),
             extra=("git clone https://oauth2:{v}@gitlab.com/acme/infra.git",
                    "curl --header \"PRIVATE-TOKEN: {v}\" https://gitlab.example.com/api/v4/projects"), prefix="glpat-"),
    Provider("slack-bot-token", lambda g: f"xoxb-{g.digits(12)}-{g.digits(13)}-{g.s(24)}",
             keys("slack bot token", "slack token", "slack api token", "bot token"), headers=(BEARER,), prefix="xoxb-"),
    Provider("slack-user-token", lambda g: f"xoxp-{g.digits(12)}-{g.digits(12)}-{g.digits(13)}-{g.hex(32)}",
             keys("slack user token", "slack token", "slack oauth token"), headers=(BEARER,), prefix="xoxp-"),
    Provider("slack-webhook", lambda g: f"https://hooks.slack.com/services/T{g.s(8, UPNUM)}/B{g.s(10, UPNUM)}/{g.s(24)}",
             keys("slack webhook url", "slack webhook", "webhook url", "slack hook"),
             extra=("curl -X POST -H 'Content-type: application/json' --data '{{\"text\":\"deploy done\"}}' {v}",),
             prefix="https://hooks.slack.com/services/"),
    Provider("stripe-secret-key", lambda g: g.pick(("sk_live_", "rk_live_", "sk_test_")) + g.s(g.pick((24, 99))),
             keys("stripe secret key", "stripe api key", "stripe key", "stripe secret"), headers=(BEARER,),
             extra=("curl https://api.stripe.com/v1/charges -u {v}:", "stripe.api_key = \"{v}\"",
                    "Stripe.apiKey = \"{v}\";"), prefix="sk_live_", weight=2),
    Provider("stripe-webhook-secret", lambda g: "whsec_" + g.s(32), keys("stripe webhook secret", "webhook secret",
             "endpoint secret", "stripe signing secret"), prefix="whsec_"),
    Provider("openai-api-key", lambda g: g.pick((f"sk-proj-{g.s(74, URLSAFE)}T3BlbkFJ{g.s(74, URLSAFE)}",
                                                 f"sk-{g.s(20)}T3BlbkFJ{g.s(20)}", f"sk-svcacct-{g.s(74, URLSAFE)}T3BlbkFJ{g.s(74, URLSAFE)}")),
             keys("openai api key", "openai key", "openai token"), headers=(BEARER,), prefix="sk-proj-", weight=2),
    Provider("anthropic-api-key", lambda g: f"sk-ant-api03-{g.s(93, URLSAFE)}AA",
             keys("anthropic api key", "anthropic key", "claude api key"), headers=("x-api-key: {v}",), prefix="sk-ant-api03-"),
    Provider("google-api-key", lambda g: "AIza" + g.s(35, URLSAFE), keys("google api key", "gcp api key", "maps api key",
             "firebase api key", "gemini api key", "youtube api key"),
             extra=("https://maps.googleapis.com/maps/api/geocode/json?address=Berlin&key={v}",
                    "https://www.googleapis.com/youtube/v3/search?part=snippet&q=rust&key={v}",
                    "curl \"https://generativelanguage.googleapis.com/v1beta/models/gemini-pro:generateContent?key={v}\""),
             headers=("x-goog-api-key: {v}",), prefix="AIza"),
    Provider("google-oauth-client-secret", lambda g: "GOCSPX-" + g.s(28, URLSAFE),
             keys("google client secret", "client secret", "oauth client secret", "gcp client secret"), prefix="GOCSPX-"),
    Provider("google-oauth-token", lambda g: g.pick(("ya29.", "1//0")) + g.s(g.rng.randint(100, 160), URLSAFE),
             keys("google access token", "gcp token", "refresh token", "access token"), headers=(BEARER,), prefix="ya29."),
    Provider("okta-api-token", lambda g: "00" + g.s(40, URLSAFE), keys("okta api token", "okta token", "okta api key",
             "okta client token"), prefixed=False, headers=("Authorization: SSWS {v}",), prefix="00"),
    Provider("salesforce-access-token", lambda g: f"00D{g.s(12)}!{g.s(96, ALNUM + '._')}",
             keys("salesforce access token", "sf access token", "sfdc session id", "salesforce session id"),
             headers=(BEARER,), prefix="00D"),
    Provider("facebook-access-token", lambda g: "EAA" + g.pick("BGIJ") + g.s(g.rng.randint(120, 200)),
             keys("facebook access token", "fb access token", "page access token", "meta access token"),
             extra=("https://graph.facebook.com/v19.0/me/accounts?access_token={v}",), prefix="EAAB"),
    Provider("facebook-app-secret", lambda g: g.hex(32), keys("facebook app secret", "fb app secret", "facebook secret",
             "fb secret", "facebook client secret", "meta app secret"), prefixed=False),
    Provider("twilio-auth-token", lambda g: g.hex(32), keys("twilio auth token", "twilio token", "twilio api secret"),
             prefixed=False, extra=("curl -X POST https://api.twilio.com/2010-04-01/Accounts/AC@ACID@/Messages.json -u AC@ACID@:{v}",)),
    Provider("sendgrid-api-key", lambda g: f"SG.{g.s(22, URLSAFE)}.{g.s(43, URLSAFE)}",
             keys("sendgrid api key", "sendgrid key", "smtp password", "mail api key"), headers=(BEARER,), prefix="SG."),
    Provider("mailgun-api-key", lambda g: g.pick((f"key-{g.hex(32)}", f"{g.hex(32)}-{g.hex(8)}-{g.hex(8)}")),
             keys("mailgun api key", "mailgun key", "mailgun secret"), extra=("curl -s --user 'api:{v}' https://api.mailgun.net/v3/mg.acme.io/messages",),
             prefix="key-"),
    Provider("mailchimp-api-key", lambda g: f"{g.hex(32)}-us{g.rng.randint(1, 21)}", keys("mailchimp api key", "mailchimp key",
             "mc api key"), prefixed=False),
    Provider("npm-token", lambda g: g.crc_token("npm_"), keys("npm token", "npm auth token", "node auth token"),
             extra=("//registry.npmjs.org/:_authToken={v}", "npm config set //registry.npmjs.org/:_authToken {v}"), prefix="npm_"),
    Provider("pypi-token", lambda g: "pypi-AgEIcHlwaS5vcmc" + g.s(g.rng.randint(60, 140), URLSAFE),
             keys("pypi token", "pypi api token", "twine password"),
             extra=("[pypi]\nusername = __token__\npassword = {v}\n", "twine upload -u __token__ -p {v} dist/*"), prefix="pypi-"),
    Provider("dockerhub-pat", lambda g: "dckr_pat_" + g.s(27, URLSAFE), keys("docker hub token", "docker password",
             "dockerhub token", "registry password"), extra=("docker login -u acmebot -p {v}",
             "echo \"{v}\" | docker login --username acmebot --password-stdin"), prefix="dckr_pat_"),
    Provider("huggingface-token", lambda g: "hf_" + g.s(34, LOWER + UPPER), keys("hf token", "huggingface token",
             "hugging face hub token", "hf api token"), headers=(BEARER,), extra=("huggingface-cli login --token {v}",), prefix="hf_"),
    Provider("discord-bot-token", lambda g: base64.b64encode(g.digits(18).encode()).decode().rstrip("=") + "." + g.s(6, URLSAFE)
             + "." + g.s(g.pick((27, 38)), URLSAFE), keys("discord token", "discord bot token", "bot token"),
             headers=("Authorization: Bot {v}",)),
    Provider("discord-webhook", lambda g: f"https://discord.com/api/webhooks/{g.digits(19)}/{g.s(68, URLSAFE)}",
             keys("discord webhook", "discord webhook url", "webhook url"), prefix="https://discord.com/api/webhooks/"),
    Provider("telegram-bot-token", lambda g: f"{g.digits(10)}:AA{g.s(33, URLSAFE)}", keys("telegram bot token",
             "telegram token", "tg bot token", "bot token"), extra=("https://api.telegram.org/bot{v}/sendMessage?chat_id=-100123&text=hi",)),
    Provider("teams-webhook", lambda g: g.pick((f"https://acme{g.digits(3)}.webhook.office.com/webhookb2/{g.uuid()}@{g.uuid()}"
                                                f"/IncomingWebhook/{g.hex(32)}/{g.uuid()}/V2{g.s(40, URLSAFE)}",
                                                f"https://outlook.office.com/webhook/{g.uuid()}@{g.uuid()}/IncomingWebhook/{g.hex(32)}/{g.uuid()}")),
             keys("teams webhook url", "teams webhook", "webhook url", "ms teams hook"),
             extra=("Invoke-RestMethod -Method Post -ContentType 'application/json' -Uri '{v}' -Body $body",),
             prefix="https://outlook.office.com/webhook/"),
    Provider("jwt", lambda g: g.jwt(), keys("access token", "id token", "jwt", "auth token", "session token", "service role key"),
             headers=(BEARER, "Cookie: session={v}; theme=dark"), prefix="eyJ", weight=2),
    Provider("azure-storage-key", lambda g: g.b64(64), keys("azure storage key", "storage account key", "account key",
             "azure storage access key"), prefixed=False,
             extra=("DefaultEndpointsProtocol=https;AccountName=acmeprodlogs;AccountKey={v};EndpointSuffix=core.windows.net",
                    "az storage blob upload --account-name acmeprod --account-key {v} -c logs -f app.log")),
    Provider("azure-client-secret", lambda g: g.s(3) + g.pick(DIGITS) + "Q~" + g.s(34, ALNUM + "_~.-"),
             keys("azure client secret", "client secret", "arm client secret", "aad client secret"),
             extra=("az login --service-principal -u @UUID@ -p {v} --tenant @UUID2@",)),
    Provider("azure-devops-pat", lambda g: g.pick((g.s(52, B32.lower()), g.s(76) + "AZDO" + g.s(4))),
             keys("azure devops pat", "ado pat", "azure devops token", "system access token", "vsts pat"), prefixed=False,
             extra=("git clone https://pat:{v}@dev.azure.com/acme/Platform/_git/api",)),
    Provider("shopify-token", lambda g: g.pick(("shpat_", "shpss_", "shpca_", "shppa_")) + g.hex(32),
             keys("shopify access token", "shopify api secret", "shopify token"), headers=("X-Shopify-Access-Token: {v}",), prefix="shpat_"),
    Provider("atlassian-api-token", lambda g: "ATATT3xFfGF0" + g.s(180, URLSAFE) + "=" + g.s(8, UHEX),
             keys("jira api token", "atlassian api token", "confluence token", "jira token"), extra=(
                 "curl -u ada@acme.io:{v} https://acme.atlassian.net/rest/api/3/myself",), prefix="ATATT3"),
    Provider("datadog-api-key", lambda g: g.hex(32), keys("datadog api key", "dd api key", "datadog key"), prefixed=False,
             headers=("DD-API-KEY: {v}",)),
    Provider("datadog-app-key", lambda g: g.hex(40), keys("datadog app key", "dd app key", "datadog application key"),
             prefixed=False, headers=("DD-APPLICATION-KEY: {v}",)),
    Provider("newrelic-key", lambda g: g.pick((f"NRAK-{g.s(27, UPNUM)}", f"{g.hex(36)}NRAL")),
             keys("new relic api key", "newrelic license key", "nr license key", "new relic user key"), prefix="NRAK-"),
    Provider("heroku-api-key", lambda g: g.pick((g.uuid(), "HRKU-AA" + g.s(58, URLSAFE))),
             keys("heroku api key", "heroku token", "heroku auth token"), prefixed=False),
    Provider("twitch-secret", lambda g: g.s(30, LOWNUM), keys("twitch client secret", "twitch secret", "twitch oauth token"),
             prefixed=False),
    Provider("twitch-stream-key", lambda g: f"live_{g.digits(9)}_{g.s(30)}", keys("twitch stream key", "stream key"), prefix="live_"),
    Provider("twitter-bearer", lambda g: "A" * 22 + g.s(g.rng.randint(60, 80)) + "%2F" + g.s(8) + "%3D" + g.s(40),
             keys("twitter bearer token", "x bearer token", "twitter token"), headers=(BEARER,), prefix="AAAAAAAAAAAAAAAAAAAAA"),
    Provider("twitter-secret", lambda g: g.s(50), keys("twitter consumer secret", "twitter api secret", "twitter access token secret"),
             prefixed=False),
    Provider("square-token", lambda g: g.pick(("EAAA" + g.s(60, URLSAFE), "sq0atp-" + g.s(22, URLSAFE), "sq0csp-" + g.s(43, URLSAFE))),
             keys("square access token", "square token", "square application secret"), headers=(BEARER,), prefix="sq0csp-"),
    Provider("braintree-token", lambda g: f"access_token$production${g.s(16, LOWNUM)}${g.hex(32)}",
             keys("braintree access token", "paypal access token"), prefix="access_token$production$"),
    Provider("vault-token", lambda g: g.pick(("hvs.", "hvb.")) + g.s(g.pick((24, 95)), URLSAFE), keys("vault token", "vault root token"),
             headers=("X-Vault-Token: {v}",), extra=("vault login {v}",), prefix="hvs."),
    Provider("terraform-cloud-token", lambda g: f"{g.s(14)}.atlasv1.{g.s(67, URLSAFE)}", keys("tfe token", "terraform token",
             "tf api token"), extra=('credentials "app.terraform.io" {{\n  token = "{v}"\n}}',)),
    Provider("databricks-token", lambda g: "dapi" + g.hex(32), keys("databricks token", "databricks host token"), headers=(BEARER,), prefix="dapi"),
    Provider("grafana-token", lambda g: g.pick((f"glsa_{g.s(32)}_{g.hex(8)}", "glc_" + g.b64(60).rstrip("="))),
             keys("grafana token", "grafana api key", "grafana service account token"), headers=(BEARER,), prefix="glsa_"),
    Provider("sentry-token", lambda g: g.pick(("sntryu_" + g.hex(64), "sntrys_" + g.b64(90).rstrip("=") + "_" + g.b64(30).rstrip("="))),
             keys("sentry auth token", "sentry token"), headers=(BEARER,), prefix="sntryu_"),
    Provider("age-secret-key", lambda g: g.age(), keys("age key", "sops age key", "age identity"), prefix="AGE-SECRET-KEY-1"),
    Provider("k8s-bootstrap-token", lambda g: f"{g.s(6, LOWNUM)}.{g.s(16, LOWNUM)}", keys("bootstrap token", "kubeadm token",
             "join token"), prefixed=False, extra=(
                 "kubeadm join 10.0.0.10:6443 --token {v} --discovery-token-ca-cert-hash sha256:@HEX64@",)),
    Provider("sonarqube-token", lambda g: g.pick(("squ_", "sqp_", "sqa_")) + g.hex(40), keys("sonar token", "sonar login",
             "sonarqube token"), extra=("sonar-scanner -Dsonar.projectKey=api -Dsonar.login={v}",), prefix="squ_"),
    Provider("postman-api-key", lambda g: f"PMAK-{g.hex(24)}-{g.hex(34)}", keys("postman api key", "postman key"),
             headers=("X-Api-Key: {v}",), prefix="PMAK-"),
    Provider("linear-api-key", lambda g: "lin_api_" + g.s(40), keys("linear api key", "linear token"), prefix="lin_api_"),
    Provider("figma-token", lambda g: "figd_" + g.s(40, URLSAFE), keys("figma token", "figma access token"),
             headers=("X-Figma-Token: {v}",), prefix="figd_"),
    Provider("mapbox-secret-token", lambda g: "sk.eyJ1IjoiYWNtZS1tYXBzIiwiYSI6I" + g.s(30) + "In0." + g.s(22, URLSAFE),
             keys("mapbox secret token", "mapbox downloads token", "mapbox token"), prefix="sk.eyJ"),
    Provider("digitalocean-token", lambda g: "dop_v1_" + g.hex(64), keys("digitalocean token", "do token", "do api token"),
             headers=(BEARER,), extra=("doctl auth init --access-token {v}",), prefix="dop_v1_"),
    Provider("cloudflare-api-token", lambda g: g.s(40, URLSAFE), keys("cloudflare api token", "cf api token",
             "cloudflare token"), prefixed=False, headers=(BEARER,)),
    Provider("llm-api-key", lambda g: g.pick(("gsk_" + g.s(52), "xai-" + g.s(80), "pplx-" + g.s(48), "r8_" + g.s(37),
                                              f"sk-or-v1-{g.hex(64)}", f"lsv2_pt_{g.hex(32)}_{g.hex(10)}", "pcsk_" + g.s(5) + "_" + g.s(60))),
             keys("groq api key", "xai api key", "perplexity api key", "replicate api token", "openrouter api key",
                  "langsmith api key", "pinecone api key"), headers=(BEARER,)),
    Provider("vendor-keyed-key", lambda g: g.pick((g.hex(32), g.s(40), g.s(32), g.s(36, URLSAFE))),
             keys("deepseek api key", "cohere api key", "mistral api key", "elevenlabs api key", "pagerduty token",
                  "bugsnag api key", "rollbar access token", "segment write key", "algolia admin key", "nasa api key",
                  "airtable key", "zendesk api token", "pushover token", "openweather api key"), prefixed=False, weight=3),
    Provider("bitbucket-app-password", lambda g: "ATBB" + g.s(32), keys("bitbucket app password", "bitbucket password",
             "bb app password"), prefix="ATBB"),
    Provider("doppler-token", lambda g: g.pick(("dp.pt.", "dp.st.prd.", "dp.ct.")) + g.s(43), keys("doppler token",
             "doppler service token"), prefix="dp.pt."),
    Provider("pulumi-token", lambda g: "pul-" + g.hex(40), keys("pulumi access token", "pulumi token"), prefix="pul-"),
    Provider("rubygems-key", lambda g: "rubygems_" + g.hex(48), keys("gem host api key", "rubygems api key"), prefix="rubygems_"),
    Provider("nuget-key", lambda g: "oy2" + g.s(43, LOWNUM), keys("nuget api key", "nuget key"),
             extra=("dotnet nuget push pkg.nupkg --api-key {v} --source https://api.nuget.org/v3/index.json",), prefix="oy2"),
    Provider("contentful-pat", lambda g: "CFPAT-" + g.s(43, URLSAFE), keys("contentful management token", "contentful token"), prefix="CFPAT-"),
    Provider("notion-token", lambda g: g.pick(("secret_" + g.s(43), f"ntn_{g.digits(11)}{g.s(35)}")), keys("notion token",
             "notion api key", "notion secret"), headers=(BEARER,), prefix="ntn_"),
    Provider("airtable-pat", lambda g: f"pat{g.s(14)}.{g.hex(64)}", keys("airtable token", "airtable pat"), headers=(BEARER,)),
    Provider("planetscale-token", lambda g: "pscale_tkn_" + g.s(43, URLSAFE), keys("planetscale token", "pscale token"), prefix="pscale_tkn_"),
    Provider("supabase-key", lambda g: g.pick(("sbp_" + g.hex(40), "sb_secret_" + g.s(31, URLSAFE))),
             keys("supabase service key", "supabase access token", "supabase secret key"), prefix="sbp_"),
    Provider("fcm-server-key", lambda g: f"AAAA{g.s(7, URLSAFE)}:APA91b{g.s(134, URLSAFE)}", keys("fcm server key",
             "firebase server key", "gcm api key"), headers=("Authorization: key={v}",), prefix="AAAA"),
    Provider("auth0-client-secret", lambda g: g.s(64, URLSAFE), keys("auth0 client secret", "client secret",
             "oauth client secret"), prefixed=False),
    Provider("oauth-app-secret", lambda g: g.hex(40), keys("github client secret", "oauth client secret", "client secret",
             "app secret", "consumer secret"), prefixed=False),
    Provider("generic-api-key", lambda g: g.pick((g.hex(32), g.hex(64), g.s(32), g.s(40, URLSAFE), g.b64(32), g.s(24) + "==",
                                                  g.uuid().replace("-", ""), g.s(48))),
             keys("api key", "api token", "auth token", "access token", "secret key", "app secret", "client secret",
                  "webhook secret", "jwt secret", "signing secret", "encryption key", "session secret", "private key",
                  "secret", "token", "master key", "license key", "app key", "consumer key"), prefixed=False, weight=8),
    Provider("vendor-prefixed-token", lambda g: g.pick(("acme", "zeta", "nova", "kx", "plx", "orb")) + g.pick(("_live_", "_", "-sk-", "_pat_"))
             + g.s(g.rng.randint(28, 48)), keys("api key", "service token", "integration token"), headers=(BEARER,)),
    Provider("password", lambda g: g.password(),
             keys("password", "db password", "database password", "admin password", "root password", "smtp password",
                  "mysql root password", "postgres password", "redis password", "ldap bind password", "keystore password",
                  "passwd", "pwd", "db pass", "mail pass", "user pass", "rabbitmq default pass", "react app password",
                  "passphrase", "ssh pass", "ftp password", "sa password", "admin pass"), prefixed=False, kind="password", weight=14),
    Provider("private-key", lambda g: g.pem(g.pick(("RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY",
                                                    "ENCRYPTED PRIVATE KEY"))),
             keys("private key", "ssh private key", "tls key", "signing key", "jwt private key"), kind="pem", weight=4),
)
PROVIDER = {p.name: p for p in PROVIDERS}


# ---------------------------------------------------------------------------------------------- key names
def style(words: K, how: str) -> str:
    if how == "UPPER":
        return "_".join(words).upper()
    if how == "snake":
        return "_".join(words)
    if how == "camel":
        return words[0] + "".join(w.capitalize() for w in words[1:])
    if how == "Pascal":
        return "".join(w.capitalize() for w in words)
    if how == "kebab":
        return "-".join(words)
    if how == "Title":
        return " ".join(w.upper() if w in ("api", "aws", "id", "ssh", "tls", "jwt", "ado") else w.capitalize() for w in words)
    if how == "dotted":
        return ".".join(words[:-1]) + ("-" if len(words) > 1 else "") + words[-1] if len(words) > 2 else ".".join(words)
    raise ValueError(how)


# ----------------------------------------------------------------------------------------------- carriers
# A carrier template uses ⟦K:<style>⟧ for the key name, ⟦V⟧ for a bare value, ⟦"V⟧ / ⟦'V⟧ for a value the
# language quotes (a code-reference twin replaces the whole quoted literal by an expression), ⟦V2⟧ for a
# second secret slot (AWS secret next to its key id), ⟦F⟧ for a filler line of the carrier's language.
@dataclass(frozen=True)
class Carrier:
    name: str
    templates: tuple[str, ...]
    lang: str  # env ini yaml json xml toml py js go java cs rb php sh ps tf docker cli http log md chat
    #: Which providers it suits: "keyed" (any provider: the template names it), "prefixed" (self-identifying
    #: values only), "password", "pem", "header", "extra", "aws-pair", or a provider name.
    suits: str = "keyed"
    #: Near-miss twin kinds that make sense in it.
    twins: tuple[str, ...] = ("placeholder", "template", "mask", "empty", "example", "truncated")


CODE_TWINS = ("placeholder", "coderef", "mask", "empty", "varname", "example", "truncated")
CONFIG_TWINS = ("placeholder", "template", "mask", "empty", "example", "truncated", "redacted")

CARRIERS: tuple[Carrier, ...] = (
    Carrier("env", ("⟦F⟧\n⟦K:UPPER⟧=⟦V⟧\n⟦F⟧", "export ⟦K:UPPER⟧=⟦\"V⟧", "⟦K:UPPER⟧=⟦'V⟧\n⟦F⟧", "# ⟦K:snake⟧ for prod\n⟦K:UPPER⟧=⟦\"V⟧"),
            "env", twins=CONFIG_TWINS),
    Carrier("ini", ("[⟦SECTION⟧]\nhost = db.internal\n⟦K:snake⟧ = ⟦V⟧\n", "[default]\n⟦K:snake⟧=⟦V⟧\nregion=eu-west-1"), "ini", twins=CONFIG_TWINS),
    Carrier("properties", ("⟦SECTION⟧.url=https://api.acme.io\n⟦SECTION⟧.⟦K:dotted⟧=⟦V⟧\n", "⟦K:dotted⟧ = ⟦V⟧"), "ini", twins=CONFIG_TWINS),
    Carrier("yaml", ("⟦SECTION⟧:\n  endpoint: https://api.acme.io\n  ⟦K:snake⟧: ⟦V⟧\n  timeout: 30\n",
                     "⟦K:snake⟧: \"⟦V⟧\"\n", "⟦SECTION⟧:\n  ⟦K:camel⟧: '⟦V⟧'\n"), "yaml", twins=CONFIG_TWINS),
    Carrier("json", ('{\n  "name": "⟦SECTION⟧",\n  "⟦K:camel⟧": ⟦"V⟧,\n  "retries": 3\n}', '{"⟦K:snake⟧":⟦"V⟧,"env":"prod"}',
                     '  "⟦K:Pascal⟧": ⟦"V⟧,'), "json", twins=CONFIG_TWINS),
    Carrier("xml", ("<⟦SECTION⟧>\n  <⟦K:camel⟧>⟦V⟧</⟦K:camel⟧>\n</⟦SECTION⟧>", '<add key="⟦K:Pascal⟧" value="⟦V⟧" />',
                    '<property name="⟦K:dotted⟧" value="⟦V⟧"/>', '<entry key="⟦K:snake⟧">⟦V⟧</entry>'), "xml", twins=CONFIG_TWINS),
    Carrier("toml", ("[⟦SECTION⟧]\n⟦K:snake⟧ = ⟦\"V⟧\nenabled = true\n",), "toml", twins=CONFIG_TWINS),
    Carrier("compose", ("services:\n  api:\n    image: acme/api:1.4\n    environment:\n      - ⟦K:UPPER⟧=⟦V⟧\n      - LOG_LEVEL=info\n",
                        "    environment:\n      ⟦K:UPPER⟧: ⟦V⟧\n      TZ: UTC\n"), "yaml", twins=CONFIG_TWINS),
    Carrier("k8s-secret", ("apiVersion: v1\nkind: Secret\nmetadata:\n  name: ⟦SECTION⟧-creds\ntype: Opaque\nstringData:\n  ⟦K:kebab⟧: ⟦V⟧\n",
                           "        env:\n        - name: ⟦K:UPPER⟧\n          value: ⟦\"V⟧\n        - name: PORT\n          value: \"8080\"\n"),
            "yaml", twins=CONFIG_TWINS),
    Carrier("helm-values", ("⟦SECTION⟧:\n  enabled: true\n  auth:\n    ⟦K:camel⟧: ⟦\"V⟧\n",), "yaml", twins=CONFIG_TWINS),
    Carrier("terraform", ('variable "⟦K:snake⟧" {\n  type    = string\n  default = ⟦"V⟧\n}', 'provider "⟦SECTION⟧" {\n  ⟦K:snake⟧ = ⟦"V⟧\n}',
                          '⟦K:snake⟧ = ⟦"V⟧  # terraform.tfvars'), "tf", twins=CODE_TWINS),
    Carrier("dockerfile", ("FROM node:20-alpine\nWORKDIR /app\nENV ⟦K:UPPER⟧=⟦V⟧\nRUN npm ci\n", "ARG ⟦K:UPPER⟧=⟦V⟧\n",
                           "ENV ⟦K:UPPER⟧ ⟦V⟧"), "docker", twins=CONFIG_TWINS),
    Carrier("gh-actions", ("jobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n      ⟦K:UPPER⟧: ⟦V⟧\n",), "yaml", twins=CONFIG_TWINS),
    Carrier("python", ("⟦K:UPPER⟧ = ⟦\"V⟧", "⟦F⟧\n⟦K:snake⟧ = ⟦'V⟧\n⟦F⟧", "client = ⟦CLASS⟧(⟦K:snake⟧=⟦\"V⟧, timeout=30)",
                       "CONFIG = {\n    \"⟦K:snake⟧\": ⟦\"V⟧,\n    \"debug\": False,\n}", "os.environ[\"⟦K:UPPER⟧\"] = ⟦\"V⟧",
                       "os.environ.setdefault(\"⟦K:UPPER⟧\", ⟦'V⟧)"), "py", twins=CODE_TWINS),
    Carrier("javascript", ("const ⟦K:camel⟧ = ⟦'V⟧;", "module.exports = {\n  ⟦K:camel⟧: ⟦'V⟧,\n  region: 'eu-west-1',\n};",
                           "const ⟦K:camel⟧ = process.env.⟦K:UPPER⟧ || ⟦\"V⟧;", "export const config = { ⟦K:camel⟧: ⟦\"V⟧ };"),
            "js", twins=CODE_TWINS),
    Carrier("go", ("const ⟦K:camel⟧ = ⟦\"V⟧", "⟦K:camel⟧ := ⟦\"V⟧", "cfg := Config{\n\t⟦K:Pascal⟧: ⟦\"V⟧,\n\tTimeout: 30,\n}"),
            "go", twins=CODE_TWINS),
    Carrier("java", ("private static final String ⟦K:UPPER⟧ = ⟦\"V⟧;", "props.setProperty(\"⟦K:dotted⟧\", ⟦\"V⟧);",
                     "builder.set⟦K:Pascal⟧(⟦\"V⟧);", "String ⟦K:camel⟧ = ⟦\"V⟧;"), "java", twins=CODE_TWINS),
    Carrier("csharp", ("private const string ⟦K:Pascal⟧ = ⟦\"V⟧;", "options.⟦K:Pascal⟧ = ⟦\"V⟧;",
                       "Environment.SetEnvironmentVariable(\"⟦K:UPPER⟧\", ⟦\"V⟧);", "var ⟦K:camel⟧ = ⟦\"V⟧;"), "cs", twins=CODE_TWINS),
    Carrier("ruby", ("config.⟦K:snake⟧ = ⟦'V⟧", "ENV['⟦K:UPPER⟧'] ||= ⟦'V⟧", "⟦K:snake⟧: ⟦'V⟧,"), "rb", twins=CODE_TWINS),
    Carrier("php", ("'⟦K:snake⟧' => ⟦'V⟧,", "define('⟦K:UPPER⟧', ⟦'V⟧);", "$⟦K:camel⟧ = ⟦'V⟧;"), "php", twins=CODE_TWINS),
    Carrier("shell", ("export ⟦K:UPPER⟧=⟦\"V⟧\n./deploy.sh", "⟦K:UPPER⟧=⟦'V⟧ npm run release", "docker run -e ⟦K:UPPER⟧=⟦V⟧ acme/worker:latest"),
            "sh", twins=("placeholder", "template", "mask", "empty", "truncated")),
    Carrier("powershell", ("$env:⟦K:UPPER⟧ = ⟦\"V⟧", "$⟦K:Pascal⟧ = ⟦'V⟧"), "ps", twins=("placeholder", "template", "mask", "empty")),
    Carrier("rust-kotlin-swift", ("let ⟦K:snake⟧ = ⟦\"V⟧;", "val ⟦K:camel⟧ = ⟦\"V⟧", "let ⟦K:camel⟧: String = ⟦\"V⟧"), "py", twins=CODE_TWINS),
    Carrier("cli-flag", ("⟦TOOL⟧ deploy --⟦K:kebab⟧ ⟦V⟧ --region eu-west-1", "⟦TOOL⟧ --⟦K:kebab⟧=⟦V⟧ sync"), "cli",
            twins=("placeholder", "template", "mask", "truncated")),
    Carrier("header-curl", ("curl -sS -H \"⟦HEADER⟧\" https://api.acme.io/v1/items", "curl -X POST https://api.acme.io/v2/jobs \\\n  -H 'Content-Type: application/json' \\\n  -H '⟦HEADER⟧' \\\n  -d '{}'"),
            "sh", suits="header", twins=("placeholder", "template", "mask", "truncated")),
    Carrier("header-http", ("GET /api/v1/orders?limit=20 HTTP/1.1\nHost: api.acme.io\n⟦HEADER⟧\nAccept: application/json\n",), "http",
            suits="header", twins=("placeholder", "mask", "truncated", "redacted")),
    Carrier("header-code", ("headers = {\"⟦HNAME⟧\": ⟦\"HVAL⟧, \"Accept\": \"application/json\"}",
                            "fetch(url, { headers: { '⟦HNAME⟧': ⟦'HVAL⟧ } });", "req.Header.Set(\"⟦HNAME⟧\", ⟦\"HVAL⟧)"),
            "py", suits="header", twins=("placeholder", "coderef", "mask", "truncated")),
    Carrier("log", ("2024-05-14T09:12:44.118Z DEBUG http.client send headers={'⟦HNAME⟧': '⟦HVAL⟧', 'User-Agent': 'acme/2.3'}",
                    "[2024-05-14 09:12:44] INFO  auth: using ⟦K:snake⟧=⟦V⟧ for tenant acme",
                    "level=debug ts=2024-05-14T09:12:44Z caller=client.go:88 msg=\"token refresh\" ⟦K:snake⟧=⟦V⟧"), "log",
            twins=("mask", "redacted", "truncated", "placeholder")),
    Carrier("markdown", ("## Setup\n\nSet the key in your shell:\n\n```bash\nexport ⟦K:UPPER⟧=⟦V⟧\n```\n",
                         "| variable | value |\n|---|---|\n| `⟦K:UPPER⟧` | `⟦V⟧` |\n"), "md", twins=("placeholder", "mask", "template", "truncated")),
    Carrier("chat", ("hey, can you check why calls fail? my ⟦K:words⟧ is ⟦V⟧", "here's the ⟦K:words⟧ for staging: ⟦V⟧ (don't share)",
                     "use ⟦V⟧ as the ⟦K:words⟧, it worked for me yesterday"), "chat", twins=("placeholder", "mask", "truncated", "redacted")),
    Carrier("url-query", ("https://api.acme.io/v1/export?format=csv&⟦K:snake⟧=⟦V⟧", "GET /callback?state=xyz&⟦K:snake⟧=⟦V⟧ HTTP/1.1"),
            "url", twins=("placeholder", "template", "mask", "redacted")),
    Carrier("bare", ("⟦V⟧", "⟦V⟧\n", "token: ⟦V⟧"), "bare", suits="prefixed", twins=("truncated", "mask", "wrongformat")),
    Carrier("prose-prefixed", ("I accidentally committed ⟦V⟧ to the repo, how do I revoke it?", "Found this in the logs: ⟦V⟧ - is it still valid?"),
            "chat", suits="prefixed", twins=("truncated", "mask", "wrongformat")),
    Carrier("provider-cli", ("⟦EXTRA⟧",), "sh", suits="extra", twins=("placeholder", "template", "mask")),
    # --- the odd contexts real snippets come in
    Carrier("aligned", ("⟦SECTION⟧:\n  url:⟦PAD⟧https://api.acme.io\n  ⟦K:camel⟧:⟦PAD⟧⟦\"V⟧,\n", "⟦K:snake⟧⟦PAD⟧= ⟦V⟧\ntimeout⟦PAD⟧= 30",
                        "\t\t'⟦K:snake⟧'⟦PAD⟧=> ⟦'V⟧,", "  ⟦K:UPPER⟧:⟦PAD⟧⟦\"V⟧,"), "js", twins=CONFIG_TWINS),
    Carrier("commented", ("# ⟦K:UPPER⟧=⟦V⟧", "// const ⟦K:camel⟧ = ⟦'V⟧;", "<!-- <add key=\"⟦K:Pascal⟧\" value=\"⟦V⟧\" /> -->",
                          "#⟦K:snake⟧: ⟦V⟧", "-- ⟦K:snake⟧ = ⟦'V⟧", "REM set ⟦K:UPPER⟧=⟦V⟧", "    # TODO remove: ⟦K:snake⟧ = ⟦\"V⟧"), "py",
            twins=("placeholder", "template", "mask", "empty")),
    Carrier("escaped", ('"source": ["client = Client(⟦K:snake⟧=\\"⟦V⟧\\")\\n"]', '"{\\"⟦K:camel⟧\\": \\"⟦V⟧\\", \\"region\\": \\"eu\\"}"',
                        's:12:\\"⟦K:snake⟧\\";s:40:\\"⟦V⟧\\";', "echo '{\"⟦K:snake⟧\": \"⟦V⟧\"}' > config.json"), "json",
            twins=("placeholder", "mask", "template")),
    Carrier("comparison", ("if ⟦K:snake⟧ == ⟦\"V⟧:\n    return True", "if creds.⟦K:Pascal⟧ != ⟦\"V⟧ {\n\thttp.Error(w, \"unauthorized\", 401)\n}",
                           "assertEquals(⟦\"V⟧, config.get⟦K:Pascal⟧());", "expect(settings.⟦K:camel⟧).toBe(⟦'V⟧);"), "py",
            twins=("placeholder", "coderef", "mask")),
    Carrier("ops-cli", ("kubectl create secret generic ⟦SECTION⟧ --from-literal=⟦K:kebab⟧=⟦V⟧", "helm upgrade --install api ./chart --set auth.⟦K:camel⟧=⟦V⟧",
                        "setx ⟦K:UPPER⟧ \"⟦V⟧\"", "set ⟦K:UPPER⟧=⟦V⟧", "heroku config:set ⟦K:UPPER⟧=⟦V⟧ -a acme-api",
                        "gh secret set ⟦K:UPPER⟧ --body \"⟦V⟧\"", "fly secrets set ⟦K:UPPER⟧=⟦V⟧",
                        "az keyvault secret set --vault-name kv-acme --name ⟦K:kebab⟧ --value ⟦V⟧",
                        "aws ssm put-parameter --name /prod/⟦K:snake⟧ --type SecureString --value ⟦V⟧",
                        "[Service]\nEnvironment=\"⟦K:UPPER⟧=⟦V⟧\"\nExecStart=/usr/bin/acme", "⟦K:UPPER⟧ ?= ⟦V⟧",
                        "*/5 * * * * ⟦K:UPPER⟧=⟦V⟧ /opt/acme/sync.sh"), "sh", twins=("placeholder", "template", "mask")),
    Carrier("spaced-key", ("⟦K:Title⟧: ⟦V⟧", "{\"⟦K:Title⟧\": ⟦\"V⟧, \"Name\": \"ci\"}", "KEY               VALUE\n────────────────  ─────\n⟦K:Title⟧      ⟦V⟧\nStatus            Active",
                           "| ⟦K:Title⟧ | ⟦V⟧ |"), "md", twins=("placeholder", "mask", "redacted", "truncated")),
    Carrier("default-value", ("      - ⟦K:UPPER⟧=${⟦K:UPPER⟧:-⟦V⟧}", "@Value(\"${⟦K:dotted⟧:⟦V⟧}\")", "⟦K:snake⟧ = os.getenv(\"⟦K:UPPER⟧\", ⟦\"V⟧)",
                              "const ⟦K:camel⟧ = process.env.⟦K:UPPER⟧ ?? ⟦'V⟧;", "'⟦K:snake⟧' => env('⟦K:UPPER⟧', ⟦'V⟧),",
                              "{{ .Values.⟦K:camel⟧ | default ⟦\"V⟧ }}"), "py", twins=("placeholder", "mask", "empty")),
    Carrier("tool-output", ("$ vault token create -policy=ci\nKey                  Value\n---                  -----\ntoken                ⟦V⟧\ntoken_duration       768h",
                            "$ gh auth token\n⟦V⟧", "Logged in. Your token (store it safely):\n\n    ⟦V⟧\n"), "log", suits="prefixed",
            twins=("mask", "truncated", "redacted")),
    Carrier("sql", ("CREATE USER app WITH PASSWORD '⟦V⟧';", "ALTER LOGIN sa WITH PASSWORD = '⟦V⟧';", "CREATE USER 'app'@'%' IDENTIFIED BY '⟦V⟧';",
                    "GRANT ALL PRIVILEGES ON *.* TO 'root'@'%' IDENTIFIED BY '⟦V⟧' WITH GRANT OPTION;", "ALTER ROLE etl WITH LOGIN PASSWORD '⟦V⟧' VALID UNTIL 'infinity';",
                    "CREATE LOGIN reporting WITH PASSWORD = N'⟦V⟧', CHECK_POLICY = OFF;"), "sql", suits="password",
            twins=("placeholder", "template", "mask")),
    Carrier("ansible", ("[web]\nweb01 ansible_host=10.0.0.4 ansible_user=root ansible_password=⟦V⟧", "ansible_become_pass: ⟦V⟧",
                        "- name: create db user\n  mysql_user:\n    name: app\n    password: \"⟦V⟧\"\n    priv: '*.*:ALL'"), "yaml", suits="password",
            twins=("placeholder", "template", "mask")),
    Carrier("cli-password-odd", ("cmd.exe /C PSEXEC \\\\10.0.94.120 -u Administrator -p ⟦V⟧ CMD /C ECHO", "PSEXEC.EXE \\\\SRV02 -U DOMAIN\\my-user -P ⟦V⟧ CMD",
                                 "start PsExec.exe /accepteula @C:\\share$\\hosts.txt -u ACME\\ADMINISTRATOR -p ⟦V⟧ cmd /c copy a b",
                                 "psexec -accepteula \\\\db01 -s -h -u svc -p \"⟦V⟧\" -d c:\\tools\\agent.exe",
                                 "paexec \\\\10.1.1.20 -u .\\admin -p ⟦V⟧ -s cmd.exe", "runas /user:ACME\\admin cmd  &  echo ⟦V⟧ | clip",
                                 "MYSQL -u root -p⟦V⟧ -e 'show databases'", "Connect-VIServer -Server $h -User root -Password ⟦V⟧ -Force",
                                 "net user backup ⟦V⟧ /add /domain", "schtasks /create /tn sync /tr c:\\sync.bat /sc daily /ru ACME\\svc /rp ⟦V⟧",
                                 "wmic /node:10.0.0.5 /user:administrator /password:⟦V⟧ process call create calc.exe",
                                 "pscp -pw ⟦V⟧ backup.tgz root@10.0.0.8:/srv/"), "cli", suits="password",
            twins=("placeholder", "template", "mask")),
    # --- passwords
    Carrier("conn-odbc", ("Driver={ODBC Driver 18 for SQL Server};Server=tcp:acme.database.windows.net,1433;Database=orders;Uid=app;Pwd=⟦V⟧;Encrypt=yes;",
                          "\"DRIVER={PostgreSQL Unicode};SERVER=db01;PORT=5432;DATABASE=crm;UID=report;PWD=⟦V⟧\""), "conn", suits="password",
            twins=("placeholder", "template", "mask", "empty")),
    Carrier("conn-adonet", ('"ConnectionStrings": {\n  "Default": "Server=sql01;Database=Orders;User Id=app;Password=⟦V⟧;TrustServerCertificate=True"\n}',
                            '<add name="Main" connectionString="Data Source=db;Initial Catalog=Shop;User ID=sa;Password=⟦V⟧" providerName="System.Data.SqlClient" />',
                            'var cs = "Host=pg;Username=app;Password=⟦V⟧;Database=events";'), "conn", suits="password",
            twins=("placeholder", "template", "mask", "empty")),
    Carrier("conn-jdbc", ("spring.datasource.url=jdbc:mysql://db:3306/shop?user=app&password=⟦V⟧&useSSL=true",
                          "jdbc:sqlserver://sql01:1433;databaseName=hr;user=sa;password=⟦V⟧;encrypt=true",
                          "url: jdbc:postgresql://pg:5432/app?user=svc&password=⟦V⟧"), "conn", suits="password",
            twins=("placeholder", "template", "mask")),
    Carrier("conn-uri", ("DATABASE_URL=postgresql://app:⟦V⟧@db.internal:5432/orders", "MONGO_URI=mongodb+srv://admin:⟦V⟧@cluster0.ab1cd.mongodb.net/prod?retryWrites=true",
                         "engine = create_engine(\"postgresql+psycopg2://etl:⟦V⟧@warehouse:5432/dwh\")", "redis://:⟦V⟧@cache:6379/0",
                         "amqp://worker:⟦V⟧@rabbit:5672/vhost", "mysql+pymysql://root:⟦V⟧@127.0.0.1/test", "https://deploy:⟦V⟧@nexus.acme.io/repository/raw/"),
            "conn", suits="password", twins=("placeholder", "template", "mask")),
    Carrier("cli-password", ("psexec \\\\10.0.4.12 -u ACME\\svc_deploy -p ⟦V⟧ cmd /c ipconfig", "PsExec64.exe \\\\FS01 -accepteula -u Administrator -p ⟦V⟧ -s powershell",
                             "mysql -h db -u root -p⟦V⟧ shop < dump.sql", "mysqldump -uroot --password=⟦V⟧ --all-databases > all.sql",
                             "sshpass -p '⟦V⟧' ssh deploy@10.0.0.7", "plink -ssh admin@10.1.1.1 -pw ⟦V⟧ \"show run\"",
                             "net use \\\\fileserver\\share /user:ACME\\jdoe ⟦V⟧", "sqlcmd -S sql01 -U sa -P ⟦V⟧ -Q \"SELECT 1\"",
                             "smbclient //nas/backup -U backup%⟦V⟧", "mount -t cifs //nas/media /mnt -o username=media,password=⟦V⟧",
                             "curl -u admin:⟦V⟧ https://jenkins.acme.io/api/json", "redis-cli -h cache -a ⟦V⟧ ping",
                             "ldapsearch -x -H ldap://dc01 -D \"cn=admin,dc=acme,dc=io\" -w ⟦V⟧ \"(uid=jdoe)\"",
                             "xfreerdp /v:10.0.0.9 /u:Administrator /p:⟦V⟧", "Connect-VIServer -Server vc01 -User admin@vsphere.local -Password '⟦V⟧'",
                             "docker login registry.acme.io -u ci -p ⟦V⟧", "wget --user=ftp --password=⟦V⟧ ftp://files.acme.io/a.zip",
                             "htpasswd -b -c /etc/nginx/.htpasswd admin ⟦V⟧", "impacket-psexec ACME/administrator:⟦V⟧@10.0.0.5",
                             "evil-winrm -i 10.0.0.5 -u administrator -p '⟦V⟧'", "PGPASSWORD=⟦V⟧ psql -h db -U app orders",
                             "openssl pkcs12 -export -in c.pem -out c.p12 -passout pass:⟦V⟧", "keytool -list -keystore app.jks -storepass ⟦V⟧",
                             "7z a -p⟦V⟧ backup.7z ./data", "mongosh \"mongodb://db:27017\" -u admin -p ⟦V⟧",
                             "az login -u ops@acme.io -p ⟦V⟧"), "cli", suits="password", twins=("placeholder", "template", "mask")),
    Carrier("basic-auth", ("Authorization: Basic ⟦B64⟧", "curl -H \"Authorization: Basic ⟦B64⟧\" https://api.acme.io/v1/me",
                           '{"auths": {"registry.acme.io": {"auth": "⟦B64⟧"}}}'), "http", suits="password", twins=("placeholder", "mask", "template")),
    Carrier("netrc-pgpass", ("machine api.acme.io\n  login deploy\n  password ⟦V⟧\n", "db.internal:5432:orders:app:⟦V⟧",
                             "https://jdoe:⟦V⟧@git.acme.io"), "ini", suits="password", twins=("placeholder", "mask")),
    Carrier("prose-password", ("the wifi password is ⟦V⟧", "login: admin / ⟦V⟧", "creds for the staging box are root:⟦V⟧",
                               "Your temporary password is ⟦V⟧ - please change it after first login.",
                               "can you ssh in with user deploy and password ⟦V⟧ and restart nginx?"), "chat", suits="password",
            twins=("placeholder", "mask", "redacted")),
    # --- private keys
    Carrier("pem-file", ("⟦PEM⟧\n", "$ cat ~/.ssh/id_rsa\n⟦PEM⟧"), "pem", suits="pem", twins=("pemempty", "pempublic")),
    Carrier("pem-json", ('{\n  "type": "service_account",\n  "project_id": "acme-prod",\n  "private_key_id": "⟦HEX40⟧",\n  "private_key": "⟦PEMJSON⟧",\n  "client_email": "ci@acme-prod.iam.gserviceaccount.com"\n}',
                         '{"⟦K:snake⟧": "⟦PEMJSON⟧"}'), "json", suits="pem", twins=("pemempty", "pempublic")),
    Carrier("pem-yaml", ("⟦K:snake⟧: |\n  ⟦PEMYAML⟧\n", "tls.key: ⟦PEMB64⟧"), "yaml", suits="pem", twins=("pemempty", "pempublic")),
    Carrier("pem-code", ("KEY = \"\"\"⟦PEM⟧\"\"\"", "String key = \"⟦PEMCONCAT⟧\";", "⟦K:UPPER⟧=\"⟦PEMONELINE⟧\""), "py", suits="pem",
            twins=("pemempty", "pempublic")),
    Carrier("pem-crlf", ("⟦PEMCRLF⟧\r\n",), "pem", suits="pem", twins=("pemempty", "pempublic")),
    # --- AWS key pairs
    Carrier("aws-pair", ("[default]\naws_access_key_id = ⟦V⟧\naws_secret_access_key = ⟦V2⟧\nregion = us-east-1\n",
                         "s3 = boto3.client(\"s3\", aws_access_key_id=\"⟦V⟧\", aws_secret_access_key=\"⟦V2⟧\")",
                         "session = boto3.Session(\n    aws_access_key_id='⟦V⟧',\n    aws_secret_access_key='⟦V2⟧',\n)",
                         "const s3 = new S3Client({ credentials: { accessKeyId: \"⟦V⟧\", secretAccessKey: \"⟦V2⟧\" } });",
                         "creds := credentials.NewStaticCredentials(\"⟦V⟧\", \"⟦V2⟧\", \"\")",
                         "AWSCredentials c = new BasicAWSCredentials(\"⟦V⟧\", \"⟦V2⟧\");",
                         'provider "aws" {\n  region     = "eu-west-1"\n  access_key = "⟦V⟧"\n  secret_key = "⟦V2⟧"\n}',
                         "User name,Access key ID,Secret access key\nci-deploy,⟦V⟧,⟦V2⟧\n",
                         '{\n    "Credentials": {\n        "AccessKeyId": "⟦V⟧",\n        "SecretAccessKey": "⟦V2⟧",\n        "Expiration": "2024-05-14T21:09:11Z"\n    }\n}',
                         "[default]\naccess_key = ⟦V⟧\nsecret_key = ⟦V2⟧\nhost_base = s3.amazonaws.com\n",
                         "aws configure set aws_secret_access_key ⟦V2⟧ --profile ci  # key id ⟦V⟧",
                         "fs.s3a.access.key=⟦V⟧\nfs.s3a.secret.key=⟦V2⟧",
                         "AWS_ACCESS_KEY_ID=⟦V⟧ AWS_SECRET_ACCESS_KEY=⟦V2⟧ aws s3 ls",
                         "ACCESS_KEY = '⟦V⟧'\nSECRET_KEY = '⟦V2⟧'"), "aws", suits="aws-pair",
            twins=("placeholder", "template", "mask", "example")),
)
CARRIER = {c.name: c for c in CARRIERS}

SECTIONS = ("stripe", "payments", "mailer", "service", "backend", "auth", "database", "notifications", "storage", "integrations")
CLASSES = ("Client", "ApiClient", "Service", "Connector")
TOOLS = ("acmectl", "deployer", "./bin/sync", "npx release-it", "terraform apply -var", "ansible-playbook site.yml -e")
FILLERS = {
    "env": ("NODE_ENV=production", "PORT=8080", "LOG_LEVEL=info", "DATABASE_HOST=db.internal", "APP_URL=https://app.acme.io"),
    "py": ("import os", "TIMEOUT = 30", "logger = logging.getLogger(__name__)", "BASE_URL = \"https://api.acme.io\""),
}


# ---------------------------------------------------------------------------------------------- near misses
@dataclass
class Row:
    id: str
    text: str
    label: int
    provider: str
    carrier: str
    nm: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)
    part: str = ""
    held_all: bool = False


def _placeholder(g: Gen, key: K, prov: Provider) -> str:
    k = "_".join(key)
    return g.pick((f"<{k}>", f"<YOUR_{k.upper()}>", f"your_{k}_here", f"YOUR_{k.upper()}", f"<your-{'-'.join(key)}>",
                   "changeme", "CHANGE_ME", "replace-me", f"[{k.upper()}]", "<insert key here>", "TODO", "xxx",
                   f"your-{key[-1]}-goes-here", f"{prov.prefix}..." if prov.prefix else "<token>", "<secret>", "REPLACE_WITH_YOUR_KEY"))


def _template(g: Gen, key: K) -> str:
    u, s = "_".join(key).upper(), "_".join(key)
    return g.pick((f"${{{u}}}", f"${u}", f"{{{{ .Values.{style(key, 'camel')} }}}}", f"${{{{ secrets.{u} }}}}", f"%{u}%",
                   f"{{{{ {s} }}}}", f"#{{{s}}}", f"${{env:{u}}}", f"$({s.replace('_', '-')})", f"{{{{ vault \"secret/{s}\" }}}}",
                   f"${{var.{s}}}", f"@{u}@", f"<%= ENV['{u}'] %>", f"$(cat /run/secrets/{s})", f"${{{u}:?missing}}"))


def _coderef(g: Gen, key: K, lang: str) -> str:
    u, s, c = "_".join(key).upper(), "_".join(key), style(key, "camel")
    by_lang = {
        "py": (f"os.environ[\"{u}\"]", f"os.getenv(\"{u}\")", f"settings.{u}", f"config[\"{s}\"]", f"getpass.getpass(\"{key[-1]}: \")"),
        "js": (f"process.env.{u}", f"config.get('{c}')", f"process.env[\"{u}\"]!", f"secrets.{c}"),
        "go": (f"os.Getenv(\"{u}\")", f"cfg.{style(key, 'Pascal')}", f"viper.GetString(\"{s}\")"),
        "java": (f"System.getenv(\"{u}\")", f"env.getProperty(\"{style(key, 'dotted')}\")", f"config.get{style(key, 'Pascal')}()"),
        "cs": (f"Environment.GetEnvironmentVariable(\"{u}\")", f"Configuration[\"{style(key, 'Pascal')}\"]", f"_options.{style(key, 'Pascal')}"),
        "rb": (f"ENV.fetch('{u}')", f"ENV['{u}']", f"Rails.application.credentials.{s}"),
        "php": (f"env('{u}')", f"getenv('{u}')", f"$_ENV['{u}']", f"config('services.{s}')"),
        "tf": (f"var.{s}", f"data.aws_ssm_parameter.{s}.value", f"random_password.{s}.result"),
    }
    return g.pick(by_lang.get(lang, by_lang["py"]))


def _varname(g: Gen, key: K) -> str:
    """An unquoted variable holding the value: `password = db_password`, `apiKey: opts.apiKey`."""
    return g.pick((style(key, "snake"), style(key, "camel"), f"self.{style(key, 'snake')}", f"opts.{style(key, 'camel')}",
                   f"args.{style(key, 'snake')}", f"user_{key[-1]}", f"{key[-1]}Value"))


def _mask(g: Gen, value: str, prov: Provider) -> str:
    n = max(8, min(len(value), 40))
    return g.pick(("*" * n, "x" * n, "X" * n, "•" * 8, "********", f"{prov.prefix}{'*' * 20}" if prov.prefix else "*" * 16,
                   f"{prov.prefix}{'x' * 24}" if prov.prefix else "x" * 24, "****" + value[-4:]))


def _redacted(g: Gen) -> str:
    return g.pick(("[REDACTED]", "REDACTED", "<redacted>", "[FILTERED]", "***REDACTED***", "<hidden>", "[MASKED]", "(redacted)"))


def _truncated(g: Gen, value: str, prov: Provider) -> str:
    head = prov.prefix or value[:3]
    return g.pick((f"{head}{value[len(head):len(head) + 4]}...", f"{head}…{value[-4:]}", f"{value[:len(head) + 3]}...{value[-3:]}",
                   f"{head}****{value[-4:]}", f"{head}"))


def _example(g: Gen, prov: Provider, slot: int = 0, pair: bool = False) -> str:
    """Documented example values (AWS IAM user guide) and obvious sample bodies."""
    aws_id = ("AKIAIOSFODNN7EXAMPLE", "AKIAI44QH8DHBEXAMPLE")
    aws_secret = ("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY")
    if pair:
        return g.pick(aws_id if slot == 0 else aws_secret)
    if prov.name == "aws-access-key-id":
        return g.pick(aws_id)
    if prov.name == "aws-secret-access-key":
        return g.pick(aws_secret)
    return g.pick((f"{prov.prefix}EXAMPLE{'1234567890' * 2}"[:40], "1234567890abcdef1234567890abcdef", "abcdef0123456789abcdef0123456789",
                   f"{prov.prefix}0000000000000000000000000000", "0123456789ABCDEFGHIJKLMNOPQRSTUV", "example-key-do-not-use"))


def _wrong_format(g: Gen, value: str, prov: Provider) -> str:
    """Right prefix, wrong body: too short, or a character the alphabet does not have."""
    head = prov.prefix or value[:4]
    body = value[len(head):]
    return g.pick((head + body[: max(3, len(body) // 3)], head + body[:6] + " " + body[6:12],
                   head + "".join(g.pick("!~^") if i % 7 == 3 else c for i, c in enumerate(body[:12]))))


#: Standalone near misses: public identifiers, ids, hashes and digests in context (name, value generator).
IDENTIFIERS: tuple[tuple[str, Callable[[Gen], str]], ...] = (
    ("aws account id", lambda g: g.digits(12)), ("aws region", lambda g: g.pick(("us-east-1", "eu-west-1", "ap-southeast-2"))),
    ("s3 bucket", lambda g: g.pick(("acme-prod-logs", "acme-artifacts-eu", "data-lake-raw-2024"))),
    ("role arn", lambda g: f"arn:aws:iam::{g.digits(12)}:role/{g.pick(('deploy', 'ci-runner', 'lambda-exec'))}"),
    ("kms key id", lambda g: f"arn:aws:kms:eu-west-1:{g.digits(12)}:key/{g.uuid()}"),
    ("client id", lambda g: g.pick((g.uuid(), f"{g.digits(12)}-{g.s(32, LOWNUM)}.apps.googleusercontent.com", g.hex(20), "0oa" + g.s(17)))),
    ("tenant id", lambda g: g.uuid()), ("subscription id", lambda g: g.uuid()), ("app id", lambda g: g.digits(15)),
    ("username", lambda g: g.pick(("deploy", "svc_reporting", "ada.lovelace", "admin@acme.io"))),
    ("twilio account sid", lambda g: "AC" + g.hex(32)), ("stripe publishable key", lambda g: "pk_live_" + g.s(24)),
    ("posthog project key", lambda g: "phc_" + g.s(43)),
    ("key id", lambda g: g.pick((g.hex(16), "AKID-" + g.digits(6), g.uuid()))), ("kid", lambda g: g.s(43, URLSAFE)),
    ("public key", lambda g: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + g.s(43, B64) + " ada@laptop"),
    ("commit sha", lambda g: g.hex(40)), ("checksum", lambda g: g.hex(64)), ("sha256", lambda g: g.hex(64)),
    ("etag", lambda g: g.hex(32)), ("digest", lambda g: "sha256:" + g.hex(64)), ("integrity", lambda g: "sha512-" + g.b64(64)),
    ("request id", lambda g: g.uuid()), ("trace id", lambda g: g.hex(32)), ("build id", lambda g: g.hex(12)),
    ("next page token", lambda g: g.b64url(36)), ("cache key", lambda g: f"v2-deps-{g.hex(40)}"),
    ("object key", lambda g: f"uploads/2024/05/{g.uuid()}.pdf"), ("secret name", lambda g: f"prod/{g.pick(('db', 'api'))}/credentials"),
    ("token endpoint", lambda g: "https://login.acme.io/oauth2/v1/token"), ("max tokens", lambda g: str(g.pick((1024, 4096, 128000)))),
    ("password min length", lambda g: str(g.pick((8, 12, 16)))), ("token ttl", lambda g: str(g.pick((3600, 900, 86400)))),
    ("key vault name", lambda g: "kv-acme-prod-weu"), ("api version", lambda g: "2024-02-15-preview"),
    ("token type", lambda g: "Bearer"), ("key name", lambda g: g.pick(("prod-keypair", "ci-deploy-key"))),
    ("password hash algorithm", lambda g: "argon2id"), ("git revision", lambda g: g.hex(40)),
    ("image", lambda g: f"ghcr.io/acme/api@sha256:{g.hex(64)}"), ("session id", lambda g: str(g.rng.randint(10**5, 10**7))),
)

#: Near misses in code and prose: secret words, no secret.
CODE_PROSE: tuple[str, ...] = (
    "def login(username: str, password: str) -> Session:", "if password != confirm_password:\n    raise ValueError(\"passwords differ\")",
    "password = getpass.getpass(\"Password: \")", "user.password = bcrypt.hashpw(password.encode(), bcrypt.gensalt())",
    "const { apiKey, apiSecret } = config;", "export interface Credentials {\n  username: string;\n  password: string;\n}",
    "token = jwt.encode(payload, settings.SECRET_KEY, algorithm=\"HS256\")", "headers[\"Authorization\"] = f\"Bearer {token}\"",
    "curl -H \"Authorization: Bearer $(gcloud auth print-access-token)\" https://run.googleapis.com/v2/services",
    "-H \"Authorization: Bearer ${ACCESS_TOKEN}\"", "@Column({ select: false })\npassword: string;",
    "String password = request.getParameter(\"password\");", "if (!apiKey) throw new Error('API key missing: set OPENAI_API_KEY');",
    "psexec \\\\%HOST% -u %USER% -p %PASS% cmd", "mysql -u root -p\"$MYSQL_ROOT_PASSWORD\" < schema.sql",
    "sshpass -p \"$SSH_PASS\" scp build.tgz deploy@host:/srv", "docker login -u \"$CI_REGISTRY_USER\" -p \"$CI_REGISTRY_PASSWORD\" $CI_REGISTRY",
    "valueFrom:\n  secretKeyRef:\n    name: db-credentials\n    key: password", "password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256",
    "Server=db;Database=app;Integrated Security=True;", "Server=db;Database=app;User Id=app;Password=${DB_PASSWORD};",
    "postgresql://app@db.internal:5432/orders", "https://github.com/acme/api.git", "aws_secret_access_key = ",
    "Rotate your API keys every 90 days and store them in a secret manager.", "The password must be at least 12 characters long.",
    "Stripe secret keys start with sk_live_ or sk_test_; never expose them in client code.",
    "Click *Generate token*, copy the token and paste it into the ACME_TOKEN variable.",
    "Authorization: Bearer <token>", "The access token expires after 3600 seconds; use the refresh token to get a new one.",
    "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----",
    "GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}", "password_reset_token_expiry: 24h", "passwordless: true",
    "TOKEN_URL = \"https://oauth2.googleapis.com/token\"", "api_key_header = \"X-API-Key\"", "SECRET_KEY_BASE_LENGTH = 128",
    "tokenizer = AutoTokenizer.from_pretrained(\"bert-base-uncased\")", "keyboard_layout: de-nodeadkeys",
    "======================", "github.com ✓ Logged in to github.com account ada (keyring)\n  - Token: gho_************************************",
    "      Name                    Value             Type    Location\n      ----                    -----             ----    --------\n"
    "access_key     ****************QX7D shared-credentials-file\nsecret_key     ****************w9Lk shared-credentials-file",
    "Authorization: Bearer ***", "password: !!str", "DB_PASSWORD=", "export API_KEY=", "--password-stdin", "token_auth: true",
    "SECRET_KEY = get_random_secret_key()", "key = Fernet.generate_key()", "api_key = secrets.token_urlsafe(32)",
    "openssl rand -base64 32 > secret.key", "ssh-keygen -t ed25519 -C \"ada@acme.io\" -f ~/.ssh/id_ed25519",
)


# ------------------------------------------------------------------------------------------------ rendering
def _slot_kinds(prov: Provider) -> list[str]:
    kinds = ["keyed"]
    if prov.kind == "password":
        return ["password", "keyed"]
    if prov.kind == "pem":
        return ["pem"]
    if prov.prefixed:
        kinds.append("prefixed")
    if prov.headers:
        kinds.append("header")
    if prov.extra:
        kinds.append("extra")
    if prov.name in ("aws-access-key-id", "aws-secret-access-key"):
        kinds.append("aws-pair")
    return kinds


def _carriers_for(prov: Provider) -> list[Carrier]:
    kinds = _slot_kinds(prov)
    return [c for c in CARRIERS if c.suits in kinds]


def _render(g: Gen, carrier: Carrier, prov: Provider, key: K, values: list[str], nm: str = "") -> tuple[str, list[tuple[int, int]]]:
    """Fill one template. `values[0]` (and `values[1]` for a second slot) are the literal strings to place;
    for a `coderef` twin, quoted value slots become code expressions."""
    tpl = g.pick(carrier.templates)
    if prov.kind == "password" and "⟦HNAME⟧" in tpl:  # a password is not sent as a bearer token
        tpl = g.pick([t for t in carrier.templates if "⟦HNAME⟧" not in t])
    if carrier.name in ("conn-uri", "netrc-pgpass") and nm == "":
        # userinfo in a URI is percent-encoded (RFC 3986); unencoded '@' or '/' would end it
        values = [v.replace("%", "%25").replace("@", "%40").replace("/", "%2F").replace("#", "%23").replace("?", "%3F")
                  for v in values]
    words = " ".join(key)
    user = g.pick(("admin", "deploy", "svc", "ada"))
    pieces: dict[str, str] = {
        "⟦K:words⟧": words, "⟦SECTION⟧": g.pick(SECTIONS), "⟦CLASS⟧": g.pick(CLASSES), "⟦TOOL⟧": g.pick(TOOLS),
    }
    for st in ("UPPER", "snake", "camel", "Pascal", "kebab", "dotted", "Title"):
        pieces[f"⟦K:{st}⟧"] = style(key, st)
    while "⟦PAD⟧" in tpl:
        tpl = tpl.replace("⟦PAD⟧", " " * g.rng.randint(1, 24), 1)
    while "⟦F⟧" in tpl:
        pool = FILLERS.get(carrier.lang, FILLERS["env"] if carrier.lang in ("env", "sh") else ("",))
        tpl = tpl.replace("⟦F⟧", g.pick(pool), 1)
    if carrier.suits == "extra":
        tpl = g.pick(prov.extra).replace("{{", "{").replace("}}", "}").replace("{v}", "⟦V⟧")
        tpl = tpl.replace("@ACID@", g.hex(32)).replace("@UUID@", g.uuid()).replace("@UUID2@", g.uuid()).replace("@HEX64@", g.hex(64))
    if carrier.suits == "header":
        h = g.pick(prov.headers)
        name, _, val = h.partition(": ")
        pieces["⟦HEADER⟧"] = h.replace("{v}", "⟦V⟧")
        pieces["⟦HNAME⟧"] = name
        tpl = tpl.replace("⟦\"HVAL⟧", "⟦\"" + val.replace("{v}", "⟦RAW⟧") + "⟧").replace("⟦'HVAL⟧", "⟦'" + val.replace("{v}", "⟦RAW⟧") + "⟧")
        tpl = tpl.replace("⟦HVAL⟧", val.replace("{v}", "⟦V⟧"))
    if carrier.name == "log" and "⟦HNAME⟧" in tpl:
        h = g.pick(prov.headers or (BEARER,))
        name, _, val = h.partition(": ")
        pieces["⟦HNAME⟧"] = name
        tpl = tpl.replace("⟦HVAL⟧", val.replace("{v}", "⟦V⟧"))
    if carrier.suits == "password" and "⟦B64⟧" in tpl:
        # Basic credentials: the secret is the whole base64 of user:password.
        values = [base64.b64encode(f"{user}:{values[0]}".encode()).decode() if nm == "" else values[0]]
        tpl = tpl.replace("⟦B64⟧", "⟦V⟧")
    for k, v in pieces.items():
        tpl = tpl.replace(k, v)
    # Quoted value slots: ⟦"V⟧, ⟦'V⟧, and header values ⟦"Bearer ⟦RAW⟧⟧.
    out, spans, i = [], [], 0
    pos = 0
    while True:
        j = tpl.find("⟦", i)
        if j < 0:
            out.append(tpl[i:])
            break
        out.append(tpl[i:j])
        pos += len(tpl[i:j])
        end = _closing(tpl, j)
        inner = tpl[j + 1 : end]
        if inner in ("V", "V2") and nm in ("coderef", "varname"):
            lit = _coderef(g, key, carrier.lang) if nm == "coderef" else _varname(g, key)
            out.append(lit)
            pos += len(lit)
        elif inner in ("V", "V2"):
            lit = values[0] if inner == "V" else values[min(1, len(values) - 1)]
            if nm == "":
                spans.append((pos, pos + len(lit)))
            out.append(lit)
            pos += len(lit)
        elif inner[:1] in "\"'" and (inner[1:] == "V" or "⟦RAW⟧" in inner):
            q = inner[0]
            if nm in ("coderef", "varname"):
                lit = _coderef(g, key, carrier.lang) if nm == "coderef" else _varname(g, key)
                out.append(lit)
                pos += len(lit)
            else:
                pre, _, post = inner[1:].partition("⟦RAW⟧") if "⟦RAW⟧" in inner else ("", "", "")
                if inner[1:] == "V":
                    pre, post = "", ""
                lit = values[0]
                piece = q + pre
                out.append(piece + lit + post + q)
                if nm == "":
                    spans.append((pos + len(piece), pos + len(piece) + len(lit)))
                pos += len(piece) + len(lit) + len(post) + 1
        else:
            raise ValueError(f"unknown slot {inner!r} in carrier {carrier.name}")
        i = end + 1
    return "".join(out), spans


def _closing(tpl: str, j: int) -> int:
    depth = 0
    for k in range(j, len(tpl)):
        if tpl[k] == "⟦":
            depth += 1
        elif tpl[k] == "⟧":
            depth -= 1
            if depth == 0:
                return k
    raise ValueError(f"unbalanced slot in {tpl!r}")


def _pem_variant(g: Gen, carrier: Carrier, prov: Provider, key: K, nm: str) -> tuple[str, list[tuple[int, int]]]:
    """PEM keys: the secret span is the base64 body (what a recognizer must cover)."""
    label = g.pick(("RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY"))
    headers = "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC," + g.hex(32).upper() + "\n\n" if label == "RSA PRIVATE KEY" and g.rng.random() < 0.3 else ""
    if nm == "pempublic":
        label = g.pick(("PUBLIC KEY", "CERTIFICATE", "RSA PUBLIC KEY"))
        headers = ""
    pem = g.pem(label, lines=g.rng.randint(4, 14), headers=headers)
    if nm == "pemempty":
        pem = f"-----BEGIN {label}-----\n{g.pick(('...', '<your key here>', 'MIIEpAIBAAKCAQEA...', '(redacted)', 'xxxxxxxx'))}\n-----END {label}-----"
    tpl = g.pick(carrier.templates)
    for st in ("UPPER", "snake", "camel"):
        tpl = tpl.replace(f"⟦K:{st}⟧", style(key, st))
    tpl = tpl.replace("⟦HEX40⟧", g.hex(40))
    forms = {
        "⟦PEM⟧": pem, "⟦PEMJSON⟧": pem.replace("\n", "\\n") + "\\n", "⟦PEMYAML⟧": pem.replace("\n", "\n  "),
        "⟦PEMCRLF⟧": pem.replace("\n", "\r\n"), "⟦PEMONELINE⟧": pem.replace("\n", "\\n"),
        "⟦PEMCONCAT⟧": "\" +\n    \"".join(pem.split("\n")), "⟦PEMB64⟧": base64.b64encode(pem.encode()).decode(),
    }
    slot = next(s for s in forms if s in tpl)
    body_lines = [ln for ln in pem.split("\n") if not ln.startswith("-----") and ":" not in ln and ln]
    text = tpl.replace(slot, forms[slot])
    if nm:
        return text, []
    if slot == "⟦PEMB64⟧":
        start = text.index(forms[slot])
        return text, [(start, start + len(forms[slot]))]
    first, last = body_lines[0], body_lines[-1]
    start = text.index(first)
    end = text.index(last, start) + len(last)
    return text, [(start, end)]


# ---------------------------------------------------------------------------------------------- the set
def _axis_part(axis: str, name: str, seed: int) -> str:
    h = hashlib.sha256(f"{seed}/{axis}/{name}".encode()).digest()[0]
    return "held" if h < HELD_FRACTION * 256 else "tune"


def _twin_value(g: Gen, nm: str, value: str, key: K, prov: Provider, slot: int = 0, pair: bool = False) -> str:
    if nm == "placeholder":
        return _placeholder(g, key, prov)
    if nm == "template":
        return _template(g, key)
    if nm == "mask":
        return _mask(g, value, prov)
    if nm == "redacted":
        return _redacted(g)
    if nm == "empty":
        return ""
    if nm == "truncated":
        return _truncated(g, value, prov)
    if nm == "example":
        return _example(g, prov, slot, pair)
    if nm == "wrongformat":
        return _wrong_format(g, value, prov)
    return value  # coderef, varname: the renderer writes an expression instead of the literal


def generate(seed: int = SEED, per_provider: int = 30) -> list[Row]:
    g = Gen(random.Random(seed))
    rows: list[Row] = []

    def add(row: Row) -> None:
        parts = [_axis_part("carrier", row.carrier, seed), _axis_part("provider", row.provider, seed)]
        if row.nm:
            parts.append(_axis_part("nm", row.nm, seed))
        row.part = "tune" if all(p == "tune" for p in parts) else "held"
        row.held_all = all(p == "held" for p in parts)
        row.id = f"gen-{len(rows)}"
        rows.append(row)

    for prov in PROVIDERS:
        carriers = _carriers_for(prov)
        for _ in range(per_provider * prov.weight):
            carrier = g.pick(carriers)
            key = g.pick(prov.keys)
            if prov.kind == "pem":
                state = g.rng.getstate()
                text, spans = _pem_variant(g, carrier, prov, key, "")
                add(Row("", text, 1, prov.name, carrier.name, spans=spans))
                g.rng.setstate(state)
                nm = g.pick(carrier.twins)
                text, _ = _pem_variant(g, carrier, prov, key, nm)
                add(Row("", text, 0, prov.name, carrier.name, nm=nm))
                continue
            values = [prov.gen(g)]
            if carrier.suits == "aws-pair":
                values = [PROVIDER["aws-access-key-id"].gen(g), PROVIDER["aws-secret-access-key"].gen(g)]
            state = g.rng.getstate()
            text, spans = _render(g, carrier, prov, key, values)
            if not spans:
                continue
            add(Row("", text, 1, prov.name, carrier.name, spans=spans))
            # The twin: same template and surroundings (same random state), the value(s) replaced.
            allowed = [t for t in carrier.twins if t != "example" or prov.prefix or prov.name.startswith("aws")]
            if prov.kind == "password":  # a truncated or 'example' password is still a password
                allowed = [t for t in allowed if t not in ("truncated", "example")]
            nm = g.pick(allowed or ["mask"])
            pair = carrier.suits == "aws-pair"
            twin_vals = [_twin_value(g, nm, v, key, prov, slot, pair) for slot, v in enumerate(values)]
            g.rng.setstate(state)
            text0 = text
            text, _ = _render(g, carrier, prov, key, twin_vals, nm=nm)
            if text != text0:
                add(Row("", text, 0, prov.name, carrier.name, nm=nm))

    # Standalone near misses: identifiers / hashes / ids through config and code carriers.
    # (Not the log carrier: its header template would make a 'Bearer <sha>' out of a hash.)
    id_carriers = [c for c in CARRIERS if c.suits == "keyed" and c.name not in ("chat", "cli-flag", "log")]
    for _ in range(12):
        for name, gen in IDENTIFIERS:
            carrier = g.pick(id_carriers)
            key = tuple(name.split())
            text, _ = _render(g, carrier, PROVIDER["generic-api-key"], key, [gen(g)], nm="identifier")
            add(Row("", text, 0, "identifier:" + name, carrier.name, nm="identifier"))
    for text in CODE_PROSE:
        add(Row("", text, 0, "none", "code-prose", nm="code-prose"))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--out", type=Path, help="write the rows as JSON lines")
    ap.add_argument("--stats", action="store_true", help="print counts per part and axis")
    args = ap.parse_args(argv)
    rows = generate(args.seed)
    if args.out:
        tmp = args.out.with_suffix(args.out.suffix + ".tmp")
        with tmp.open("w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r.__dict__, ensure_ascii=False) + "\n")
        tmp.replace(args.out)
    if args.stats or not args.out:
        c = Counter((r.part, r.label) for r in rows)
        print(f"{len(rows)} rows; tune: {c['tune', 1]} secrets / {c['tune', 0]} near misses; "
              f"held-out: {c['held', 1]} / {c['held', 0]} ({sum(r.held_all for r in rows)} with every axis held)")
        for axis in ("carrier", "provider", "nm"):
            names = sorted({getattr(r, axis) for r in rows if getattr(r, axis)})
            held = [n for n in names if _axis_part(axis, n, args.seed) == "held"]
            print(f"{axis}: {len(names)} names, held: {', '.join(held)}", file=sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
