"""Generic secrets: a value assigned to a password / secret / token / API-key name, in the forms
config files, code, env files, JSON/YAML/XML, command lines and prose use.

These rules know no provider format, so they lean on near-miss suppression (suppress="generic":
placeholders, templates, code expressions, variable names, labels, excluded key names such as
`password_label` or `max_tokens`) and, for non-password names, on the value looking machine-made
(length, character mix, Shannon entropy by charset). Scores are below every provider rule so a
specific rule wins where both match.
"""

from __future__ import annotations

import re

from accord.detect.secrets.filters import machine_made, not_prose, shannon_entropy
from accord.detect.secrets.rule import SecretRule

# Password names. Case-sensitive pieces stop 'compass', 'bypass' or 'passenger' from matching:
# 'pass'/'pw' only as a word or a camelCase part ('DB_PASS', 'userPass', 'ldap_pw').
PASSWORD_KEY = (
    r"(?:(?i:passw(?:or)?d|passphrase|passcode|pswd|pwd)|(?<![A-Za-z])(?:pass|pw)(?![a-z])|Pass(?![a-z])|PASS(?![A-Z])|"
    r"PW(?![A-Z])|Pw(?![a-z])|" + r"(?i:kennwort|passwort|mot[_ \-]de[_ \-]passe|contrase(?:n|ñ)a|senha|wachtwoord|"
    r"has(?:l|ł)o|parola|salasana|l(?:o|ö)senord|adgangskode|heslo)|(?:П|п)ароль|密码|密碼|パスワード|비밀번호)"
)
# Other secret names; bare 'key' and 'auth' are too common in code to count.
SECRET_KEY = (
    r"(?:(?i:secret|token|api[_\-.]?key|apikey|access[_\-.]?key|auth[_\-.]?key|authkey|app[_\-.]?key|app[_\-.]?secret|"
    r"private[_\-.]?key|client[_\-.]?key|master[_\-.]?key|encryption[_\-.]?key|signing[_\-.]?key|session[_\-.]?key|"
    r"license[_\-.]?key|consumer[_\-.]?key|credentials?|bearer)|"
    # `STRIPE_KEY=`, `sendgridKey:`, `account_key`, `storage-key`: a key name that ends in KEY (env
    # style), Key (camelCase) or a separated `key` (snake / kebab case).
    r"(?<=[A-Z0-9])_KEY(?![A-Za-z])|(?<=[a-z0-9])Key(?![a-z])|(?<=[a-z0-9])[_\-]key(?![A-Za-z]))"
)
_IDENT = r"[\w.\-]{0,30}"
# `<key>` <op> `<value>` glue: closing quote/bracket of the key, spaces, an operator, spaces.
# (`\\"` closes a key inside an escaped JSON string; aligned columns put many spaces around the
# operator; `||=`, `??=`, `||`, `??` give a default in Ruby / JS, `:-` in a shell `${KEY:-value}`;
# `==` / `!=` compare with a hard-coded credential, `if password == "hunter2!"`;
# a value on the next line must be indented: an empty `KEY=` does not take the next line.)
_OP_CORE = r"(?:\\{1,2})?[\"'`\]]{0,2}[ \t]{0,40}(?:===|!==|==|!=|=|:=|::|:-|:|=>|->|<-|\?=|\+=|\|\|=|\?\?=|\|\||\?\?)"
# A typed declaration (`let apiKey: String = "..."`, `const token: string = '...'`, `password: str = "..."`)
# and a test assertion (`expect(cfg.apiKey).toBe('...')`): extra glue, matched by Python only.
_TYPED = r"[ \t]{0,4}:[ \t]{0,4}[A-Za-z_][\w.]{0,30}[?!]?[ \t]{0,4}=(?!=)"
_ASSERTION = r"\)\.(?:toBe|toEqual|toStrictEqual|isEqualTo|equals)\("
_OP = _OP_CORE + r"[ \t]{0,40}(?:[|>][-+]?[ \t]{0,4})?(?:\r?\n[ \t]{1,12})?"  # (`key: |` a YAML block scalar)
# `("password", "x")`, `setPassword("x")`, `env('DB_PASSWORD', 'x')`: call forms, with a quoted value only
# (an unquoted one is an argument name: `sign(private_key, challenge)`).
_CALL = r"[\"'`]{0,2}[ \t]{0,4}[,(][ \t]{0,4}"
# Space-separated forms (Gradle `password 'x'`, Groovy, Ruby): only with a quoted value.
_SPACE = r"[\"'`\]]{0,2}[ \t]{1,4}"
#: Secret-bearing flag names: `--token`, `--api-key`, `--datadog-app-key`, `--client-secret`, `-PersonalAPIKey`.
_CLI_SECRET = (
    r"token|api-?key|apikey|secret|credential|access-?key|(?:app|application|license|private|auth|master|account|storage|"
    r"signing|encryption|service|client|subscription)-?key"
)
# Unquoted values stop at quotes, separators, `&name=` (form-encoded bodies: `client_secret=x&grant_type=...`)
# and brackets; one followed by `(`, `[` or `{` is
# code (`token = request.headers.get(...)`), and the lookahead rejects it inside the regex.
_UNQUOTED_END = r"(?![^\s\"'`,;&)\]}<>]|&(?![A-Za-z_][\w.\-]{0,30}=))"
#: `&` inside an unquoted value (`Tr0ub4dor&3`), unless it starts the next `name=` parameter.
_AMP_IN_VALUE = r"&(?![A-Za-z_][\w.\-]{0,30}=)"


def _value(min_len: int) -> str:
    """A quoted value (any characters but the quote) or an unquoted token; groups tell which.

    The unquoted token is possessive (`{m,n}+`, Python only: these rules give Hyperscan an explicit
    `hs_pattern`): a token followed by `(` fails at once instead of retrying every shorter length.
    """
    return (
        rf"(?:(?:\\{{1,2}})?\"(?P<secret_dq>[^\"\r\n]{{{min_len},200}})\"|'(?P<secret_sq>[^'\r\n]{{{min_len},200}})'|"
        rf"`(?P<secret_bq>[^`\r\n]{{{min_len},200}})`|(?P<secret_u>(?:[^\s\"'`,;&()\[\]{{}}<>]|{_AMP_IN_VALUE}){{{min_len},200}}+){_UNQUOTED_END})"
    )


def _quoted(min_len: int) -> str:
    return rf"(?:\"(?P<secret_dq2>[^\"\r\n]{{{min_len},200}})\"|'(?P<secret_sq2>[^'\r\n]{{{min_len},200}})')"


def _assignment(key: str, min_len: int) -> str:
    # (The typed form first: otherwise `password: string = 'x'` would end at the value `string`.)
    return (
        rf"(?P<key>{key}{_IDENT})(?:(?:{_TYPED}|{_ASSERTION})[ \t]{{0,4}}"
        rf"{_quoted(min_len).replace('dq2', 'dq3').replace('sq2', 'sq3')}"
        rf"|{_OP}{_value(min_len)}|(?:{_SPACE}|{_CALL}){_quoted(min_len)})"
    )


def _assignment_prefilter(key: str, min_len: int) -> str:
    """Key, operator and the value's first `min_len` characters: Hyperscan drops short values
    (`max_tokens: 4096`) itself instead of handing every one to Python. A value aligned far to
    the right (9+ spaces) is pre-filtered on the spaces alone: wide repeats on both sides of the
    operator make the start-of-match tracking too large for Hyperscan."""
    head = rf"(?:\\{{0,2}}[\"'`][^\r\n]{{{min_len}}}|[^\s\"'`,;)\]}}<>]{{{min_len}}})"
    return (
        rf"{key}{_IDENT}(?:{_OP_CORE}(?:[ \t]{{0,8}}(?:\r?\n[ \t]{{1,12}})?{head}|[ \t]{{9}}|[ \t]{{0,8}}[|>])|"
        rf"(?:{_SPACE}|{_CALL})[\"'][^\"'\r\n]{{{min_len}}}|[ \t]{{0,4}}:[ \t]{{0,4}}[A-Za-z_]|\)\.)"
    )




#: Prefixes of keys that are public by design (Stripe / Clerk publishable keys, PostHog project keys).
_PUBLIC_PREFIXES = ("pk_", "pk-", "pub_", "pub-", "public_", "public-", "phc_", "pubkey-")
#: Digests labelled with their algorithm (Subresource Integrity `sha512-...`, `sha256-...`).
_DIGEST_PREFIX = re.compile(r"(?:sha\d*|md5|blake\w*|xxh\w*|crc\d*|sri)[_\-]", re.IGNORECASE)


#: Prefixes of formats a provider rule knows: a value with one of them that its rule did not match
#: has the wrong length or alphabet (`ghp_` + 30 characters), and is no unknown vendor's token.
_KNOWN_PREFIXES = (
    "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "glrt-", "gldt-", "glptt-", "xoxb-", "xoxp-",
    "xoxa-", "xoxr-", "xoxe-", "xapp-", "sk_live_", "sk_test_", "rk_live_", "rk_test_", "whsec_", "npm_", "pypi-",
    "dckr_pat_", "hf_", "sk-proj-", "sk-ant-", "dop_v1_", "doo_v1_", "shpat_", "shpss_", "shpca_", "shppa_", "glsa_",
    "glc_", "hvs.", "hvb.", "figd_", "lin_api_", "sntrys_", "sntryu_", "pscale_", "dapi", "squ_", "sqp_", "sqa_",
    "rubygems_", "pul-", "tskey-", "nfp_", "rnd_", "sbp_", "gsk_", "xai-", "pplx-", "r8_",
)


def _random_tail(value: str) -> bool:
    """The part after the prefix mixes cases and digits with the entropy of random base62."""
    tail = value.replace("-", "_").rsplit("_", 1)[-1]
    return (
        not value.startswith(_PUBLIC_PREFIXES)
        and not value.startswith(_KNOWN_PREFIXES)
        and not _DIGEST_PREFIX.match(value)
        and len(tail) >= 24
        and any(c.islower() for c in tail)
        and any(c.isupper() for c in tail)
        and any(c.isdigit() for c in tail)
        and shannon_entropy(tail) >= 4.0
    )




RULES: tuple[SecretRule, ...] = (
    SecretRule(
        id="generic-password",
        description="A value assigned to a password name (config, code, env, JSON, YAML, Gradle)",
        pattern=_assignment(PASSWORD_KEY, 3),
        hs_pattern=_assignment_prefilter(PASSWORD_KEY, 3),
        keywords=("pass", "pw", "pwd"),
        validator=not_prose,
        score=0.75,
        suppress="generic",
    ),
    SecretRule(
        id="generic-secret",
        description="A machine-generated-looking value assigned to a secret / token / API-key name",
        pattern=_assignment(SECRET_KEY, 8),
        hs_pattern=_assignment_prefilter(SECRET_KEY, 8),
        keywords=("secret", "token", "key", "credential", "bearer"),
        by_key=True,
        score=0.7,
        suppress="generic",
    ),
    SecretRule(
        id="generic-password-xml",
        description="<password>...</password>-style XML element (Maven settings, Spring, .NET)",
        pattern=rf"<(?P<key>[\w:.\-]{{0,30}}{PASSWORD_KEY}[\w:.\-]{{0,30}})>[ \t]{{0,4}}(?P<secret>[^<\s][^<\r\n]{{1,198}}[^<\s])[ \t]{{0,4}}</",
        hs_pattern=r"<[\w:.\-]{0,30}(?i:pass|pw)[\w:.\-]{0,30}>",
        keywords=("pass", "pw"),
        validator=not_prose,
        score=0.78,
        suppress="generic",
    ),
    SecretRule(
        id="generic-secret-xml",
        description="<apiKey>...</apiKey>-style XML element with a machine-generated value",
        pattern=rf"<(?P<key>[\w:.\-]{{0,30}}{SECRET_KEY}[\w:.\-]{{0,30}})>[ \t]{{0,4}}(?P<secret>[^<\s]{{8,300}})[ \t]{{0,4}}</",
        hs_pattern=r"<[\w:.\-]{0,30}(?i:secret|token|key|credential)[\w:.\-]{0,30}>",
        keywords=("secret", "token", "key", "credential"),
        validator=machine_made,
        score=0.72,
        suppress="generic",
    ),
    SecretRule(
        id="generic-config-attribute",
        description="key=\"...Password...\" value=\"...\" pairs (.NET appSettings, NuGet, Ant, Spring XML)",
        pattern=rf"(?i:key|name)[ \t]{{0,2}}=[ \t]{{0,2}}\"(?P<key>[^\"\r\n]{{0,40}}(?:{PASSWORD_KEY}|{SECRET_KEY})[^\"\r\n]{{0,40}})\""
        r"[ \t]{1,4}(?i:value)[ \t]{0,2}=[ \t]{0,2}\"(?P<secret>[^\"\r\n]{3,300})\"",
        hs_pattern=r"(?i:key|name)[ \t]{0,2}=[ \t]{0,2}\"[^\"\r\n]{0,40}(?i:pass|pw|secret|token|key|credential|bearer)",
        keywords=("pass", "pw", "secret", "token", "key", "credential"),
        by_key=True,
        score=0.8,
        suppress="generic",
    ),
    SecretRule(
        id="generic-cli-password",
        description="--password / -Password / --db-pass flag followed by a value on a command line",
        pattern=r"(?<![\w\-])--?(?P<key>[\w\-]{0,30}(?i:password|passwd|pass|pwd)[\w\-]{0,20})(?:=|[ \t]{1,4})"
        r"(?:\"(?P<secret_dq>[^\"\r\n]{3,200})\"|'(?P<secret_sq>[^'\r\n]{3,200})'|(?P<secret>[^\s\"'`|;&<>()]{3,200}))",
        hs_pattern=r"--?[\w\-]{0,30}(?i:password|passwd|pass|pwd)[\w\-]{0,20}(?:=|[ \t]{1,4})",
        keywords=("pass", "pwd"),
        validator=not_prose,
        score=0.8,
        suppress="generic",
    ),
    SecretRule(
        id="generic-cli-secret",
        description="--token / --api-key / -PersonalAPIKey flag followed by a machine-generated value",
        pattern=rf"(?<![\w\-])--?(?P<key>[\w\-]{{0,30}}(?i:{_CLI_SECRET})[\w\-]{{0,20}})"
        r"(?:=|[ \t]{1,4})(?:\"(?P<secret_dq>[^\"\r\n]{8,300})\"|'(?P<secret_sq>[^'\r\n]{8,300})'|(?P<secret>[^\s\"'`|;&<>()]{8,300}))",
        hs_pattern=rf"--?[\w\-]{{0,30}}(?i:{_CLI_SECRET})[\w\-]{{0,20}}(?:=|[ \t]{{1,4}})",
        keywords=("token", "key", "secret", "credential"),
        validator=machine_made,
        score=0.78,
        suppress="generic",
    ),
    SecretRule(
        id="generic-env-directive",
        description="Dockerfile ENV/ARG or k8s env entry setting a password / secret / token variable",
        pattern=rf"(?:^[ \t]*(?:ENV|ARG)[ \t]+(?P<key>[\w.\-]{{0,40}}(?:{PASSWORD_KEY}|{SECRET_KEY})[\w.\-]{{0,40}})(?:[ \t]+|=)"
        rf"|name:[ \t]{{0,4}}[\"']?(?P<key_2>[\w.\-]{{0,40}}(?:{PASSWORD_KEY}|{SECRET_KEY})[\w.\-]{{0,40}})[\"']?[ \t]{{0,4}}\r?\n"
        r"[ \t]{0,40}value:[ \t]{0,4})"
        r"(?:\"(?P<secret_dq>[^\"\r\n]{3,200})\"|'(?P<secret_sq>[^'\r\n]{3,200})'|(?P<secret_u>[^\s\"'`]{3,200}))",
        hs_pattern=r"^[ \t]*(?:ENV|ARG)[ \t]|name:[ \t]{0,4}[\"']?[\w.\-]{0,40}(?i:pass|pw|secret|token|key|credential)",
        keywords=("env", "arg", "name"),
        by_key=True,
        score=0.78,
        suppress="generic",
    ),
    SecretRule(
        id="netrc-password",
        description="password in a .netrc / _netrc machine entry",
        pattern=r"(?:machine[ \t]+[^\s]{1,200}|default)\s{1,40}(?:login[ \t]+[^\s]{1,200}\s{1,40})?(?:account[ \t]+[^\s]{1,200}\s{1,40})?"
        r"password[ \t]+(?P<secret>[^\s]{1,200})",
        hs_pattern=r"(?:machine|default)[ \t\r\n]",
        keywords=("password",),
        score=0.9,
        suppress="generic",
    ),
    SecretRule(
        id="url-query-secret",
        description="secret-bearing query parameter in a URL (?access_token=, &api_key=, client_secret=, password=)",
        pattern=r"[?&](?P<key>(?i:access_token|api_key|apikey|api-key|client_secret|auth_token|private_token|secret|"
        r"token|password|passwd|pwd))=(?P<secret>[^&\s\"'#<>]{8,300})",
        hs_pattern=r"[?&](?i:access_token|api_key|apikey|api-key|client_secret|auth_token|private_token|secret|token|"
        r"password|passwd|pwd)=",
        keywords=("token", "key", "secret", "pass", "pwd"),
        validator=machine_made,
        score=0.8,
        suppress="generic",
    ),
    SecretRule(
        id="django-secret-key",
        description="Django SECRET_KEY generated by startproject (django-insecure-...)",
        pattern=r"(?P<secret>django-insecure-[a-z0-9!@#$%^&*(\-_=+)]{40,60})",
        keywords=("django-insecure-",),
        score=0.95,
    ),
    SecretRule(
        id="dotnet-directory-entry-credentials",
        description="password argument of new DirectoryEntry(path, user, password) (.NET / PowerShell)",
        pattern=r"DirectoryEntry\([ \t]{0,4}\"[^\"\r\n]{0,200}\"[ \t]{0,4},\s{0,20}\"[^\"\r\n]{1,100}\"[ \t]{0,4},\s{0,20}"
        r"\"(?P<secret>[^\"\r\n]{1,128})\"",
        hs_pattern=r"DirectoryEntry\(",
        keywords=("directoryentry",),
        score=0.9,
        suppress="generic",
    ),
    SecretRule(
        id="network-credential",
        description="password argument of new NetworkCredential(user, password) / PSCredential (.NET)",
        pattern=r"(?:NetworkCredential|SqlCredential|PSCredential)\([ \t]{0,4}\"[^\"\r\n]{1,100}\"[ \t]{0,4},[ \t]{0,4}"
        r"\"(?P<secret>[^\"\r\n]{1,128})\"",
        hs_pattern=r"(?:NetworkCredential|SqlCredential|PSCredential)\(",
        keywords=("credential",),
        score=0.9,
        suppress="generic",
    ),
    SecretRule(
        id="generic-prefixed-token",
        description="A random token behind a short vendor-style prefix (abc_..., xyz-live-...): "
        "catches provider formats no specific rule knows",
        pattern=r"(?<![A-Za-z0-9_\-.])(?P<secret>[a-z][a-z0-9]{1,9}[_\-](?:[a-z0-9]{1,10}[_\-]){0,2}[A-Za-z0-9]{24,200})"
        r"(?![A-Za-z0-9_\-])",
        hs_pattern=r"[a-z][a-z0-9]{1,9}[_\-](?:[a-z0-9]{1,10}[_\-]){0,2}[A-Za-z0-9]{24}",
        validator=_random_tail,
        score=0.6,
    ),
)
