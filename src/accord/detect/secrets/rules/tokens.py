"""Protocol-level credentials that carry no provider prefix: JWTs, HTTP Authorization headers,
API-key headers, user:password in URLs, curl -u."""

from __future__ import annotations

from accord.detect.secrets.filters import looks_random
from accord.detect.secrets.rule import SecretRule
from accord.detect.secrets.validators import basic_auth_ok, jwt_ok


def _bearer_ok(value: str) -> bool:
    return jwt_ok(value) or looks_random(value, min_len=16, min_entropy=3.0)


def _header_bearer_ok(value: str) -> bool:
    """In an Authorization header even a short token (RFC 6750's `mF_9.B5f-4.1JqM`) is a credential,
    but not a word ('Bearer Authorization') or a number: two classes of characters, not letters only."""
    classes = sum((any(c.islower() for c in value), any(c.isupper() for c in value), any(c.isdigit() for c in value),
                   any(not c.isalnum() for c in value)))
    return classes >= 2 and not value.isalpha() and not value.isdigit() and (len(value) >= 12 or classes >= 3)


#: Schemes whose userinfo is a credential. Database schemes have their own rules in databases.py.
#: (The user may be empty: `redis://:password@host` is Redis's documented form.)
URL_USERINFO = (
    r"(?P<user>[^\s:/?#@\"'<>\[\](){}|\\^`]{0,100}):(?P<secret>[^\s/?\"'<>\\^`|]{1,200})@"
    r"(?=[A-Za-z0-9\[%_])"
)


def url_rule(rule_id: str, schemes: str, description: str, score: float) -> SecretRule:
    """`scheme://user:password@host` for the given scheme alternation; the password is the secret."""
    return SecretRule(
        id=rule_id,
        description=description,
        # `postgresql+psycopg2://`, `mysql+pymysql://`: SQLAlchemy names the driver after a `+`.
        pattern=rf"(?<![A-Za-z0-9+.\-])(?i:{schemes})(?:\+[A-Za-z0-9_]{{1,20}})?://" + URL_USERINFO,
        # (the `+driver` form is pre-filtered on `scheme+` alone: the optional group would quadruple
        # this pre-filter's size in the database)
        hs_pattern=rf"(?i:{schemes})(?:://[^\s:/?#@\"'<>]{{0,64}}:|\+[A-Za-z])",
        keywords=("://",),
        score=score,
        suppress="generic",
    )


RULES: tuple[SecretRule, ...] = (
    SecretRule(
        id="jwt",
        description="JSON Web Token (JWS/JWE): header base64url-decodes to JSON naming `alg`",
        pattern=r"(?<![A-Za-z0-9_])(?<![A-Za-z0-9_.]-)(?P<secret>eyJ[A-Za-z0-9_\-]{10,2000}\.(?:eyJ|ew)[A-Za-z0-9_\-]{2,8000}\."
        r"[A-Za-z0-9_\-]{0,2000}(?:\.[A-Za-z0-9_\-]{0,8000}\.[A-Za-z0-9_\-]{0,200})?)(?![A-Za-z0-9_\-])",
        hs_pattern=r"eyJ[A-Za-z0-9_\-]{10,}\.(?:eyJ|ew)",
        keywords=("eyj",),
        validator=jwt_ok,
        score=0.88,
    ),
    SecretRule(
        id="authorization-bearer-token",
        description="Bearer token in an Authorization header or a `Bearer <token>` string",
        pattern=r"(?<![A-Za-z])(?i:bearer)[\"']?[ \t]{0,4}[:=]?[ \t]{1,4}[\"']?"
        r"(?P<secret>[A-Za-z0-9_\-.~+/]{16,2000}={0,2})(?![A-Za-z0-9_\-.~+/=])",
        hs_pattern=r"(?i:bearer)[\"']?[ \t]{0,4}[:=]?[ \t]{1,4}[\"']?[A-Za-z0-9_\-.~+/]{16}",
        keywords=("bearer",),
        validator=_bearer_ok,
        score=0.85,
        suppress="generic",
    ),
    SecretRule(
        id="authorization-header-bearer",
        description="Bearer token as the value of an Authorization header (any length from 8: the header says what it is)",
        pattern=r"(?<![A-Za-z0-9\-])(?i:authorization)[\"']?[ \t]{0,4}[:=,][ \t]{0,4}[\"']?(?i:bearer)[ \t]{1,4}"
        r"(?P<secret>[A-Za-z0-9_\-.~+/]{8,2000}={0,2})(?![A-Za-z0-9_\-.~+/=])",
        hs_pattern=r"(?i:authorization)[\"']?[ \t]{0,4}[:=,][ \t]{0,4}[\"']?(?i:bearer)[ \t]",
        keywords=("bearer",),
        validator=_header_bearer_ok,
        score=0.84,  # below authorization-bearer-token: this one only adds the short tokens
        suppress="generic",
    ),
    SecretRule(
        id="authorization-basic",
        description="HTTP Basic credentials (base64 user:password) in an Authorization header",
        pattern=r"(?<![A-Za-z])(?i:basic)[ \t]{1,4}(?P<secret>[A-Za-z0-9+/]{8,400}={0,2})(?![A-Za-z0-9+/=])",
        hs_pattern=r"(?i:basic)[ \t]{1,4}[A-Za-z0-9+/]{8}",
        keywords=("basic",),
        validator=basic_auth_ok,
        score=0.9,
    ),
    SecretRule(
        id="authorization-header-token",
        description="Token in an Authorization (token/Bot/ApiKey/SSWS schemes) or API-key request header",
        pattern=r"(?<![A-Za-z0-9])(?i:authorization[\"']?[ \t]{0,4}:[ \t]{0,4}[\"']?(?:token|bot|apikey|api-key|key|ssws|sharedkey|"
        r"klaviyo-api-key|gateway-token|gitlab-token)|x-api-key|x-apikey|api-key|apikey|x-auth-token|x-access-token|"
        r"x-api-token|private-token|x-vault-token|x-figma-token|x-goog-api-key|ocp-apim-subscription-key|"
        r"x-postmark-server-token|x-rapidapi-key|x-riot-token|x-tracker-token|x-cassandra-token|x-shopify-access-token)"
        r"[\"']?[ \t]{0,4}[:= ][ \t]{0,4}[\"']?(?P<secret>[A-Za-z0-9_\-.~+/:]{16,500}={0,2})(?![A-Za-z0-9_\-.~+/=])",
        hs_pattern=r"(?i:authorization|x-api-key|x-apikey|api-key|apikey|x-auth-token|x-access-token|x-api-token|"
        r"private-token|x-vault-token|x-figma-token|x-goog-api-key|ocp-apim-subscription-key|x-postmark-server-token|"
        r"x-rapidapi-key|x-riot-token|x-tracker-token|x-cassandra-token|x-shopify-access-token)",
        keywords=("authorization", "key", "token"),
        validator=lambda v: looks_random(v, min_len=16, min_entropy=3.0),
        score=0.85,
        suppress="generic",
    ),
    SecretRule(
        id="basic-auth-call",
        description="password passed with its user to an HTTP client: requests auth=('user', 'pw'), "
        "HTTPBasicAuth('user', 'pw'), BasicAuth(\"user\", \"pw\"), .basicAuth('user', 'pw'), .withBasicAuth(...)",
        pattern=r"(?i:\bauth[ \t]{0,2}=[ \t]{0,2}\(|\b(?:HTTPBasicAuth|HTTPDigestAuth|BasicAuth|HttpBasicAuth|"
        r"basic_auth|basicAuth|withBasicAuth|setBasicAuth|UsernamePasswordCredentials|PasswordAuthentication)[ \t]{0,2}\()"
        r"[ \t]{0,2}[\"'][^\"'\r\n]{1,64}[\"'][ \t]{0,2},[ \t]{0,2}[\"'](?P<secret>[^\"'\r\n]{1,128})[\"']",
        hs_pattern=r"(?i:auth[ \t]{0,2}=[ \t]{0,2}\(|(?:HTTPBasicAuth|HTTPDigestAuth|BasicAuth|HttpBasicAuth|"
        r"basic_auth|basicAuth|withBasicAuth|setBasicAuth|UsernamePasswordCredentials|PasswordAuthentication)[ \t]{0,2}\()",
        keywords=("auth", "credentials"),
        score=0.86,
        suppress="generic",
    ),
    url_rule("url-credentials", r"https?|ftps?|sftp|ssh|git|svn|svn\+ssh|webdav|dav|rsync|socks[45]h?|proxy|ws|wss|s3",
             "user:password embedded in a URL (basic auth, proxies, git remotes)", 0.9),
    SecretRule(
        id="curl-basic-auth",
        description="user:password passed to curl (or wget, httpie) with -u / --user",
        pattern=r"(?<![\w-])(?:-u|--user|--http-user|--auth|-a)(?:=|[ \t]{1,4})[\"']?"
        r"(?P<user>[^\s:\"'$]{1,64}):(?P<secret>[^\s\"']{3,128})",
        hs_pattern=r"(?:-u|--user|--http-user|--auth|-a)(?:=|[ \t]{1,4})[\"']?[^\s:\"'$]{1,64}:",
        keywords=("-u", "--user", "--auth", "-a"),
        score=0.88,
        suppress="generic",
    ),
)
