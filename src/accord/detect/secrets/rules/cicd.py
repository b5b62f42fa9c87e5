"""CI/CD, code quality and infrastructure-as-code: CircleCI, Travis, Jenkins, Drone, Buildkite,
Harness, Octopus Deploy, SonarQube, Snyk, Codecov, Code Climate, Dependency-Track, Terraform
Cloud, Pulumi, HashiCorp Vault, Doppler, 1Password, Infracost, Prefect, Scalingo, StackHawk,
Kubernetes."""

from __future__ import annotations

import base64
import binascii
from functools import partial

from accord.detect.secrets.rule import UUID, SecretRule, keyed, prefixed_rule, tok
from accord.detect.secrets.validators import pem_body_ok

_prefixed = partial(prefixed_rule, entropy=3.0, score=0.96)


def _b64_pem_private_key(value: str) -> bool:
    """Decodes to a PEM private key block with a real body (not `...` or `<your key here>`)."""
    try:
        pem = base64.b64decode(value + "=" * (-len(value) % 4)).decode("ascii", "replace")
    except (ValueError, binascii.Error):
        return False
    if "PRIVATE KEY" not in pem[:80]:
        return False
    parts = pem.split("-----", 2)  # ['', 'BEGIN ... PRIVATE KEY', body + '-----END ...']
    return len(parts) == 3 and pem_body_ok(parts[2].split("-----END", 1)[0])


RULES: tuple[SecretRule, ...] = (
    _prefixed("circleci-token", r"CCI(?:PAT|PRJ)_[A-Za-z0-9]{22}_[a-f0-9]{40}", ("ccipat_", "cciprj_"),
              "CircleCI personal or project API token"),
    SecretRule(
        id="circleci-token-legacy",
        description="CircleCI legacy API token (40 hex) next to a CircleCI name",
        pattern=keyed(r"circle[\w.\-]{0,10}(?:token|key)", r"[a-f0-9]{40}"),
        keywords=("circle",),
        entropy=3.0,
        score=0.88,
    ),
    SecretRule(
        id="travisci-token",
        description="Travis CI API token (22 characters) next to a Travis name",
        pattern=keyed(r"travis", r"[A-Za-z0-9_\-]{22}"),
        keywords=("travis",),
        entropy=3.5,
        score=0.85,
    ),
    SecretRule(
        id="jenkins-token",
        description="Jenkins API token (32-34 hex) or crumb (UUID) next to a Jenkins name",
        pattern=keyed(r"jenkins", rf"[a-f0-9]{{64}}|[a-f0-9]{{32,34}}|{UUID}"),
        keywords=("jenkins",),
        entropy=3.0,
        score=0.88,
    ),
    SecretRule(
        id="droneci-token",
        description="Drone CI access token (32 characters) next to a Drone name",
        pattern=keyed(r"drone", r"[A-Za-z0-9]{32}"),
        keywords=("drone",),
        entropy=3.5,
        score=0.85,
    ),
    _prefixed("buildkite-token", r"bkua_[a-f0-9]{40}", ("bkua_",), "Buildkite user API access token"),
    SecretRule(
        id="buildkite-agent-token",
        description="Buildkite agent token next to a Buildkite agent name",
        pattern=keyed(r"buildkite[\w.\-]{0,10}agent[\w.\-]{0,10}token", r"[a-f0-9]{50}|[A-Za-z0-9]{40,60}"),
        keywords=("buildkite",),
        entropy=3.5,
        score=0.88,
    ),
    _prefixed("harness-token", r"(?:pat|sat)\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20}", ("pat.", "sat."),
              "Harness personal / service account token"),
    _prefixed("octopus-deploy-api-key", r"API-[A-Z0-9]{26}", ("api-",), "Octopus Deploy API key", score=0.9),
    _prefixed("sonarqube-token", r"sq[pau]_[a-f0-9]{40}", ("sqp_", "sqa_", "squ_"),
              "SonarQube / SonarCloud user, project or global analysis token"),
    SecretRule(
        id="sonarqube-token-legacy",
        description="SonarQube legacy token (40 hex) next to a sonar login/token name",
        pattern=keyed(r"sonar[\w.\-]{0,10}(?:login|token|key)", r"[a-f0-9]{40}"),
        keywords=("sonar",),
        entropy=3.0,
        score=0.88,
    ),
    SecretRule(
        id="snyk-token",
        description="Snyk API token (UUID) next to a Snyk name",
        pattern=keyed(r"snyk", UUID),
        keywords=("snyk",),
        score=0.88,
    ),
    SecretRule(
        id="codecov-token",
        description="Codecov upload / access token next to a Codecov name",
        pattern=keyed(r"codecov", rf"{UUID}|[a-f0-9]{{32}}"),
        keywords=("codecov",),
        entropy=3.0,
        score=0.88,
    ),
    SecretRule(
        id="codeclimate-reporter-id",
        description="Code Climate test reporter id / repo token (64 hex)",
        pattern=keyed(r"codeclimate|cc[_\-.]?test[_\-.]?reporter", r"[a-f0-9]{64}"),
        keywords=("codeclimate", "reporter"),
        entropy=3.0,
        score=0.88,
    ),
    _prefixed("dependency-track-api-key", r"odt_[A-Za-z0-9]{32,40}", ("odt_",), "OWASP Dependency-Track API key",
              entropy=3.5),
    _prefixed("terraform-cloud-token", r"[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=\-]{60,70}", ("atlasv1",),
              "Terraform Cloud / Enterprise user, team or organisation API token", entropy=3.5, score=0.97),
    _prefixed("pulumi-access-token", r"pul-[a-f0-9]{40}", ("pul-",), "Pulumi access token"),
    _prefixed("vault-service-token", r"hvs\.[A-Za-z0-9_\-]{24,200}", ("hvs.",),
              "HashiCorp Vault service token (1.10+)", entropy=3.5, score=0.97),
    _prefixed("vault-batch-token", r"hvb\.[A-Za-z0-9_\-]{100,300}", ("hvb.",),
              "HashiCorp Vault batch token (1.10+)", entropy=3.5, score=0.97),
    _prefixed("vault-recovery-token", r"hvr\.[A-Za-z0-9_\-]{24,200}", ("hvr.",),
              "HashiCorp Vault recovery token", entropy=3.5, score=0.97),
    SecretRule(
        id="vault-token-legacy",
        description="HashiCorp Vault legacy service token (s. + 24) next to a Vault token name",
        pattern=keyed(r"vault[\w.\-]{0,20}token|root[_\-. ]?token|x-vault-token", r"s\.[A-Za-z0-9]{24}"),
        keywords=("token",),
        entropy=3.5,
        score=0.9,
    ),
    SecretRule(
        id="vault-unseal-key",
        description="HashiCorp Vault unseal / recovery key share as printed by `vault operator init`",
        pattern=r"(?i:Unseal|Recovery) Key \d{1,2}:[ \t]{1,4}(?P<secret>[A-Za-z0-9+/]{43,44}={0,2}|[a-f0-9]{64,66})(?![A-Za-z0-9+/=])",
        keywords=("key",),
        entropy=3.0,
        score=0.95,
    ),
    SecretRule(
        id="doppler-token",
        description="Doppler token (personal dp.pt., service dp.st., CLI dp.ct., service account dp.sa., SCIM, audit)",
        pattern=tok(r"dp\.(?:pt|ct|sa|scrt|scim|audit|st(?:\.[a-z0-9_\-]{2,35})?)\.[A-Za-z0-9]{40,44}"),
        keywords=("dp.",),
        entropy=3.5,
        score=0.97,
    ),
    _prefixed("onepassword-service-account-token", r"ops_eyJ[A-Za-z0-9+/]{250,2000}={0,3}", ("ops_eyj",),
              "1Password service account token", entropy=4.0, score=0.98, right="A-Za-z0-9+/="),
    SecretRule(
        id="onepassword-secret-key",
        description="1Password account secret key (A3-XXXXXX-...)",
        pattern=tok(r"A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}"),
        keywords=("a3-",),
        entropy=3.5,
        score=0.96,
    ),
    _prefixed("infracost-api-key", r"ico-[A-Za-z0-9]{32}", ("ico-",), "Infracost API key", entropy=3.5),
    _prefixed("prefect-api-key", r"pnu_[A-Za-z0-9]{36}", ("pnu_",), "Prefect Cloud API key", entropy=3.5),
    _prefixed("scalingo-api-token", r"tk-us-[A-Za-z0-9_\-]{48}", ("tk-us-",), "Scalingo API token", entropy=3.5),
    _prefixed("stackhawk-api-key", r"hawk\.[A-Za-z0-9]{20}\.[A-Za-z0-9]{20}", ("hawk.",), "StackHawk API key",
              entropy=3.5),
    SecretRule(
        id="kubernetes-client-key-data",
        description="Base64-encoded PEM private key (kubeconfig client-key-data, Helm values, k8s Secret data)",
        pattern=tok(r"LS0tLS1CRUdJTi[A-Za-z0-9+/]{100,16000}={0,2}", left="A-Za-z0-9+/", right="A-Za-z0-9+/="),
        keywords=("ls0tls1crudjti",),
        validator=_b64_pem_private_key,
        score=0.97,
        suppress="off",
    ),
    SecretRule(
        id="jenkins-initial-admin-password",
        description="Jenkins setup wizard admin password (32 hex) as printed in the log or read from initialAdminPassword",
        pattern=r"(?i:password to proceed to installation:|secrets/initialAdminPassword\r?\n)\s{0,10}(?P<secret>[a-f0-9]{32})(?![A-Za-z0-9])",
        hs_pattern=r"(?i:password to proceed to installation:|secrets/initialAdminPassword\r?\n)",
        keywords=("password to proceed", "initialadminpassword"),
        entropy=3.0,
        score=0.93,
    ),
    SecretRule(
        id="kubernetes-bootstrap-token",
        description="Kubernetes bootstrap token (<6>.<16>) next to a token name",
        pattern=r"(?i:bootstrap[_\-.]?token|kubeadm[^\n]{0,200}?--token)[\"'\]]{0,2}[ \t]{0,4}[:= ][ \t]{0,4}[\"']?"
        r"(?P<secret>[a-z0-9]{6}\.[a-z0-9]{16})(?![A-Za-z0-9])",
        hs_pattern=r"(?i:bootstrap[_\-.]?token|kubeadm)",
        keywords=("token",),
        entropy=3.0,
        score=0.88,
    ),
)
