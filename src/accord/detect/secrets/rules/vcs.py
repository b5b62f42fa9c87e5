"""Version control and code hosting: GitHub, GitLab, Bitbucket, Atlassian, Gitea, Sourcegraph."""

from __future__ import annotations

from accord.detect.secrets.rule import SecretRule, keyed, tok
from accord.detect.secrets.validators import crc32_base62_ok


def _github(rule_id: str, prefix: str, description: str) -> SecretRule:
    # 30 random base62 characters + a 6-character base62 CRC32 (GitHub's documented format).
    return SecretRule(
        id=rule_id,
        description=description,
        pattern=tok(rf"{prefix}_[A-Za-z0-9]{{36}}"),
        keywords=(f"{prefix}_",),
        entropy=3.0,
        checksum=crc32_base62_ok,
        score=0.97,
    )


def _gitlab(rule_id: str, prefix: str, body: str, description: str) -> SecretRule:
    return SecretRule(
        id=rule_id,
        description=description,
        pattern=tok(prefix + body),
        keywords=(prefix.replace("\\", "").lower(),),
        entropy=3.0,
        score=0.97,
    )


RULES: tuple[SecretRule, ...] = (
    _github("github-pat", "ghp", "GitHub personal access token (classic)"),
    _github("github-oauth-token", "gho", "GitHub OAuth access token"),
    _github("github-user-to-server-token", "ghu", "GitHub App user-to-server token"),
    _github("github-server-to-server-token", "ghs", "GitHub App installation (server-to-server) token"),
    _github("github-refresh-token", "ghr", "GitHub App refresh token"),
    SecretRule(
        id="github-fine-grained-pat",
        description="GitHub fine-grained personal access token (github_pat_ + 22 + _ + 59)",
        pattern=tok(r"github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}"),
        keywords=("github_pat_",),
        entropy=3.5,
        score=0.98,
    ),
    SecretRule(
        id="github-oauth-client-secret",
        description="GitHub OAuth App client secret (40 hex) next to a GitHub secret name",
        pattern=keyed(r"github[\w.\-]{0,25}secret|gh[_\-.]?client[_\-.]?secret", r"[a-f0-9]{40}"),
        keywords=("secret",),
        entropy=3.0,
        score=0.9,
    ),
    SecretRule(
        id="github-legacy-token",
        description="GitHub legacy 40-hex token next to a GitHub token name",
        pattern=keyed(r"github[\w.\-]{0,25}(?:token|pat|password|auth)|gh[_\-.]?token", r"[a-f0-9]{40}"),
        keywords=("github", "gh"),
        entropy=3.0,
        score=0.88,
    ),
    _gitlab("gitlab-pat", r"glpat-", r"[A-Za-z0-9_\-]{20}(?:[A-Za-z0-9_\-]{7,280}\.[0-9a-z]{2}[0-9a-z]{7})?",
            "GitLab personal / project / group access token (glpat-, legacy and routable)"),
    _gitlab("gitlab-pipeline-trigger-token", r"glptt-", r"[0-9a-f]{40}", "GitLab pipeline trigger token"),
    _gitlab("gitlab-runner-registration-token", r"GR1348941", r"[A-Za-z0-9_\-]{20}", "GitLab runner registration token"),
    _gitlab("gitlab-runner-token", r"glrt-", r"(?:t\d_)?[A-Za-z0-9_\-]{20,300}(?:\.[0-9a-z]{2}[0-9a-z]{7})?",
            "GitLab runner authentication token"),
    _gitlab("gitlab-deploy-token", r"gldt-", r"[A-Za-z0-9_\-]{20,300}", "GitLab deploy token"),
    _gitlab("gitlab-feed-token", r"glft-", r"[A-Za-z0-9_\-]{20,300}", "GitLab feed token"),
    _gitlab("gitlab-incoming-mail-token", r"glimt-", r"[A-Za-z0-9_\-]{25,300}", "GitLab incoming mail token"),
    _gitlab("gitlab-kubernetes-agent-token", r"glagent-", r"[A-Za-z0-9_\-]{50,300}", "GitLab Kubernetes agent token"),
    _gitlab("gitlab-oauth-app-secret", r"gloas-", r"[A-Za-z0-9_\-]{64}", "GitLab OAuth application secret"),
    _gitlab("gitlab-ci-job-token", r"glcbt-", r"[A-Za-z0-9]{1,5}_[A-Za-z0-9_\-]{20,300}", "GitLab CI/CD job token"),
    _gitlab("gitlab-scim-token", r"glsoat-", r"[A-Za-z0-9_\-]{20,300}", "GitLab SCIM OAuth token"),
    _gitlab("gitlab-feature-flags-token", r"glffct-", r"[A-Za-z0-9_\-]{20,300}", "GitLab feature flags client token"),
    _gitlab("gitlab-workspace-token", r"glwt-", r"[A-Za-z0-9_\-]{20,300}", "GitLab workspace token"),
    SecretRule(
        id="gitlab-session-cookie",
        description="GitLab session cookie",
        pattern=r"_gitlab_session=(?P<secret>[0-9a-z]{32})(?![0-9a-z])",
        keywords=("_gitlab_session=",),
        entropy=3.0,
        score=0.9,
    ),
    SecretRule(
        id="bitbucket-app-password",
        description="Bitbucket / Atlassian app password or access token (ATBB / ATCTT3 prefix)",
        pattern=tok(r"ATBB[A-Za-z0-9_=.\-]{32}[A-F0-9]{0,8}|ATCTT3xFfGN0[A-Za-z0-9_=\-]{150,300}", right="A-Za-z0-9_=.\\-"),
        keywords=("atbb", "atctt3"),
        entropy=3.5,
        score=0.96,
    ),
    SecretRule(
        id="bitbucket-client-secret",
        description="Bitbucket OAuth consumer secret (32-64 characters) next to a Bitbucket name",
        pattern=keyed(r"bitbucket[\w.\-]{0,20}(?:secret|password|token)", r"[A-Za-z0-9_=\-]{32,64}"),
        keywords=("bitbucket",),
        entropy=3.5,
        score=0.88,
    ),
    SecretRule(
        id="atlassian-api-token",
        description="Atlassian Cloud API token (ATATT3 prefix) for Jira / Confluence",
        pattern=tok(r"ATATT3[A-Za-z0-9_\-=]{180,200}", right="A-Za-z0-9_\\-="),
        keywords=("atatt3",),
        entropy=4.0,
        score=0.97,
    ),
    SecretRule(
        id="atlassian-api-token-legacy",
        description="Atlassian legacy API token (24 characters) next to a Jira / Confluence / Atlassian name",
        pattern=keyed(r"atlassian|confluence|jira", r"[A-Za-z0-9]{24}"),
        keywords=("atlassian", "confluence", "jira"),
        entropy=3.5,
        score=0.85,
    ),
    SecretRule(
        id="gitea-access-token",
        description="Gitea / Forgejo / Gogs access token (40 hex) next to a Gitea name",
        pattern=keyed(r"gitea|forgejo|gogs", r"[a-f0-9]{40}"),
        keywords=("gitea", "forgejo", "gogs"),
        entropy=3.0,
        score=0.88,
    ),
    SecretRule(
        id="sourcegraph-access-token",
        description="Sourcegraph access token (sgp_ prefix, optionally with an instance id or 'local')",
        pattern=tok(r"sgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}"),
        keywords=("sgp_",),
        entropy=3.0,
        score=0.96,
    ),
    SecretRule(
        id="sourcegraph-cody-token",
        description="Sourcegraph Cody gateway / dotcom token (slk_ / sgd_ / sgs_ prefix)",
        pattern=tok(r"(?:slk|sgd|sgs)_[a-fA-F0-9]{64}"),
        keywords=("slk_", "sgd_", "sgs_"),
        entropy=3.0,
        score=0.95,
    ),
)
