"""Near-miss suppression: values shaped like secrets that are not secrets.

Two levels (chosen per rule by `SecretRule.suppress`):

* strict, for provider formats with a distinctive prefix: templating and variable references,
  masked or repeated characters, sequential runs, and documented example keys.
* generic, for keyword-context rules, adds placeholder words (`changeme`, `your-api-key`, `dummy`,
  `test`, `redacted`...), code expressions (`os.environ[...]`, `config.password`, `getenv(...)`),
  variable-like identifiers (`user_password`), file paths, and labels (`"Password:"`).

Each check returns a short reason string (for debugging and tests) or None.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

#: Published example credentials from provider documentation. They are public knowledge, carry no
#: access, and appear in tutorials pasted into prompts; flagging them is a false positive.
#: (AWS IAM user guide: access key example; Stripe API docs: the sample test key.)
KNOWN_EXAMPLES: frozenset[str] = frozenset(
    {
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
        "AKIAI44QH8DHBEXAMPLE",
        "ASIAIOSFODNN7EXAMPLE",
    }
)

_TEMPLATE = re.compile(
    r"""^(?:
        \$\{[^}]*\}?            # ${VAR}
      | \$\(.*                  # $(command)
      | \$[A-Za-z_][\w.]*$      # $VAR, $var.attr
      | \$\d+$ | \$\{\d+\}      # positional
      | \{\{.*                  # {{ template }}
      | \{%.*                   # {% jinja %}
      | <%.*                    # <%= erb %>
      | %[A-Za-z_][\w.]*%$      # %VAR% (Windows)
      | @[A-Za-z_][\w.]*@$      # @VAR@ (autoconf)
      | \#\{.*                  # #{ruby}
      | %\([\w]+\)s$            # %(name)s
      | %[sdrv]$
      | \{\d*\}$ | \{[A-Za-z_]\w*\}$   # {0} {name} format fields
      | <[^<>]{1,60}>$          # <your-key>
      | &lt;.*                  # HTML-escaped <...>
      | \[[A-Za-z _-]{1,60}\]$  # [YOUR KEY]
      | env\(.* | process\.env.* | os\.environ.* | getenv\(.* | ENV\[.*
      | secrets\.[A-Za-z_].* | vars\.[A-Za-z_].*
    )""",
    re.VERBOSE | re.ASCII,
)

_EMBEDDED_TEMPLATE = re.compile(r"\$\{[^}]{1,80}\}|\{\{[^}]{1,80}\}\}|<%=?|%\{[^}]+\}|\$\([^)]+\)")

_MASK = re.compile(r"^[\s*xX•#._-]*$|(?:\*{3,}|x{5,}|X{5,}|•{3,}|#{4,}|\.{4,})")

_EXAMPLE_MARK = re.compile(r"EXAMPLE|(?i:example[_-]?key)")
#: Values shown shortened (`ghp_ab12...`, `sk_live_…eUIs`): dashboards, CLIs and docs elide secrets.
_ELIDED = re.compile(r"\.{3}|…")

#: Whole-value placeholder words (case-insensitive, separators ignored) for generic rules.
_PLACEHOLDER_WORDS = frozenset(
    """
    changeme changeit changethis change changemenow replaceme replace replacethis
    placeholder example examplekey examplepassword examplesecret sample samplekey
    dummy dummykey dummypassword dummysecret dummytoken fake fakekey fakepassword faketoken
    test testing test123 testkey testpassword testsecret testtoken tests
    foo bar baz foobar qux hello world helloworld
    null none nil undefined true false empty blank default na n/a tbd todo fixme
    redacted removed hidden masked censored yoursecret yourpassword token mytoken yourtoken
    apikey myapikey yourapikey key mykey yourkey value string str required optional notset unset
    unknown xxx
    """.split()
)

_PLACEHOLDER_PREFIX = re.compile(
    r"^(?:your|insert|enter|put|add|replace|paste|fill)[_\-\s.]?"
    r"(?:own[_\-\s.]?|real[_\-\s.]?|actual[_\-\s.]?|new[_\-\s.]?)?"
    r"(?:[a-z0-9]+[_\-\s.]?){0,3}(?:key|token|secret|pass(?:word|wd|phrase)?|pwd|id|here|value|credentials?)"
    r"(?:[_\-\s.]?here)?$",
    re.IGNORECASE,
)
_PLACEHOLDER_INFIX = re.compile(
    r"(?i)(?:^|[_\-.\s])(?:placeholder|changeme|change[_-]?me|replace[_-]?me|dummy|redacted|"
    r"your[_-]?(?:api[_-]?)?(?:key|token|secret|password)|example|sample|fake)(?:$|[_\-.\s])"
)

# Code expressions on the right of an assignment: calls, indexing, keywords, concatenation
# (dotted names and leading operators: `_code_expression`).
_CODE = re.compile(
    r"""^(?:
        [A-Za-z_][\w.]{0,60}\(                   # call(
      | [A-Za-z_][\w.]{0,60}\[                   # index[
      | (?:new|await|function|lambda|def|return|async|typeof|require|import)\b
      | [A-Za-z_]\w*\s+\+\s+                      # a + b
      | \(\s*\)|\[\s*\]|\{\s*\}                  # empty literals
      | [A-Z][A-Za-z]{2,15}-[A-Z][A-Za-z]{2,40}$ # a PowerShell cmdlet: ConvertTo-SecureString, Get-Secret
      | !                                        # negation / C# null-forgiving
    )""",
    re.VERBOSE | re.ASCII,
)
_PATH = re.compile(r"^[A-Za-z]:\\|^file://|\.(?:pem|key|json|txt|p12|pfx|jks|crt|env|ya?ml)$", re.ASCII)
_UNIX_PATH = re.compile(r"(?:~|\.{1,2})?/(?:[\w.\-]+/)*[\w.\-]*", re.ASCII)
_LOWER_SEGMENT = re.compile(r"/[a-z0-9_.\-]*", re.ASCII)
#: A path segment no one would name a directory: 8+ characters mixing lower, upper and digits.
_RANDOM_SEGMENT = re.compile(r"(?=[^/]*[a-z])(?=[^/]*[A-Z])(?=[^/]*[0-9])[A-Za-z0-9+=]{8,}", re.ASCII)


def _is_path(v: str) -> bool:
    """`/run/secrets/db`, `~/.ssh/id_rsa`, `C:\\keys`, `key.pem`; not a base64 secret that happens to
    start with `/` (`/owDqsEAArGpeYpxVQ8jpJhBE7iq5dQEujFhXuWe`)."""
    if _PATH.search(v):
        return True
    if not _UNIX_PATH.fullmatch(v):
        return False
    if any(_RANDOM_SEGMENT.fullmatch(seg) for seg in v.split("/")):
        return False  # base64 with slashes in it, not directories
    return v.count("/") >= 2 or bool(_LOWER_SEGMENT.fullmatch(v.lstrip("~.")))
#: Word parts of a variable name that holds a value rather than being one (`user_password`,
#: `authToken`, `cfgSecret`); compared word by word, so `hockey_55086` or `monkey42` are not names.
_IDENT_WORDS = frozenset(
    """
    pass passwd password passwords pwd pw pswd passphrase secret secrets token tokens key keys apikey auth cred creds
    credential credentials user username usr login name input value val vals param params arg args argv config conf
    cfg env data form field hash hashed salt str string text var vars opt opts option options setting settings
    result response resp request req res ctx context self this new old current default my your tmp temp raw plain
    encrypted decrypted access api client app private session bearer jwt header headers
    """.split()
)
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


#: Words in a key name that make it describe a secret rather than hold one
#: (`password_label`, `token_url`, `max_tokens`, `public_key`, `secret_name`, `csrf_token`).
_EXCLUDED_KEY_WORDS = frozenset(
    """
    label labels placeholder hint prompt text title message msg error errors field fields name names type types
    length len size count min max regex pattern policy policies format url uri urls path paths file filename files
    dir directory endpoint route routes header headers param params enabled enable disabled required version id ids
    mode reset forgot strength rule rules validator validation validate icon input btn button link view page pages
    template class form hash hashed digest encrypted encoding algorithm algo provider ttl timeout expiry expires
    expiration expire public publishable pub csrf xsrf next continuation tokens tokenizer tokenize num total cache
    sort primary foreign partition column col index idx alias event events lifetime scope scopes audience issuer
    prefix suffix variable ref reference location manager helper util utils
    spec mock example sample description desc doc docs help usage show hide visible toggle
    confirmation strategy rotation rotate generator generate salt idempotency correlation trace request dedup
    object row item record lookup map dict i18n translation locale lang list sort cache hot keyboard press
    endpoints accessor fingerprint checksum etag nonce cursor page paging pagination kid arn region bucket
    """.split()
)


_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_WORD_THEN_NUMBER = re.compile(r"[A-Z]?[a-z]{3,}[0-9!@#$%^&*._\-]{0,6}")
_NON_ALNUM = re.compile(r"[^A-Za-z0-9]+")
# (Brackets too: `(redacted)`, `[removed]`, `*hidden*` are the words themselves.)
_WORD_SEPARATORS = re.compile(r"[\s_\-.!()\[\]{}<>*#]")


def key_words(key: str) -> list[str]:
    """`DB_PASSWORD_FILE` / `passwordLabel` / `api-key.url` -> lower-case words."""
    return [w for w in _NON_ALNUM.split(_CAMEL.sub(r"\1 \2", key).lower()) if w]


def excluded_key(key: str) -> bool:
    return any(w in _EXCLUDED_KEY_WORDS for w in key_words(key))


def shannon_entropy(value: str) -> float:
    """Bits per character of the value's own character distribution."""
    if not value:
        return 0.0
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in Counter(value).values())


def _sequential(value: str) -> bool:
    """'1234567890', 'abcdefgh', '9876...' : consecutive code points over most of the value."""
    if len(value) < 6:
        return False
    steps = sum(1 for a, b in zip(value, value[1:], strict=False) if abs(ord(b) - ord(a)) == 1)
    return steps >= 0.8 * (len(value) - 1)


def _interleaved_sequence(value: str) -> bool:
    """'a1b2c3d4e5...', 'ABCDEFGH12345678': letters and digits each run in order (9 wraps to 0)."""
    letters = [c for c in value.lower() if c.isalpha()]
    digits = [c for c in value if c.isdigit()]
    if len(letters) + len(digits) < 0.9 * len(value) or len(value) < 12:
        return False

    def ordered(seq: list[str], wrap: bool) -> bool:
        if len(seq) < 4:
            return len(seq) == 0 or len(seq) < 0.2 * len(value)
        ok = 0
        for a, b in zip(seq, seq[1:], strict=False):
            step = ord(b) - ord(a)
            ok += step == 1 or (wrap and a == "9" and b == "0")
        return ok >= 0.8 * (len(seq) - 1)

    return ordered(letters, False) and ordered(digits, True)


_LONG_RUN = re.compile(r"(.)\1{15,}")


def _low_diversity(value: str) -> bool:
    """Repeated characters or short repeated units ('aaaa', 'abababab', '00000000'), or a body
    padded with one character ('ATBB000000000000000000000000')."""
    distinct = len(set(value))
    if len(value) >= 8 and distinct <= 2:
        return True
    if _LONG_RUN.search(value):
        return True
    for unit in range(1, 5):
        if len(value) >= 3 * unit + 2 and value == (value[:unit] * (len(value) // unit + 1))[: len(value)]:
            return True
    return False


@lru_cache(maxsize=4096)
def strict_reason(value: str) -> str | None:
    """Why a value matched by a specific provider rule is not a real secret, or None."""
    if value in KNOWN_EXAMPLES:
        return "documented example key"
    if _EXAMPLE_MARK.search(value):
        return "marked as an example"
    if _TEMPLATE.match(value) or _EMBEDDED_TEMPLATE.search(value):
        return "template or variable reference"
    if _MASK.search(value):
        return "masked value"
    if _ELIDED.search(value):
        return "elided value"
    if 1 < len(value) <= 12 and value[-1] in "_-" and value[:-1].replace("_", "").replace("-", "").isalnum():
        return "prefix only"  # `dckr_pat_`, `pscale_tkn_`: a format's prefix with its body left out
    core = value.strip("\"'`")
    if _low_diversity(core):
        return "repeated characters"
    # A prefixed token whose random part is sequential or repeated ('ghp_xxxx', 'sk_live_1234567890').
    tail = re.split(r"[_\-.]", core)[-1]
    if len(tail) >= 8 and (_low_diversity(tail) or _sequential(tail)):
        return "placeholder body"
    if _sequential(core) or _interleaved_sequence(core) or _interleaved_sequence(tail):
        return "sequential characters"
    return None


def _normalise_word(value: str) -> str:
    return _WORD_SEPARATORS.sub("", value.lower())


# (An operator then a space or a name: `+ appKey`, `+new Buffer(`, `|| fallback`; a base64 value
# may start with `+` or `/` too, `+h4nUGz//X3kn...`, and is no expression.)
#: Keys that providers publish in web pages on purpose and that grant nothing: Stripe publishable
#: keys, PostHog project keys, Supabase publishable keys. Not secrets; never reported. (Mapbox public
#: tokens are billed to their owner: `mapbox-public-token` reports them at a low score.)
_PUBLIC_TOKEN_PREFIXES = ("pk_live_", "pk_test_", "phc_", "sb_publishable_")
#: A value that is a snake- or kebab-case name ending in what it stands for (`smtp_password`,
#: `victim_password`, `my-api-key`): a template's description of the value, not the value. (CamelCase
#: `myPassword` stays reported: connection-string samples use it and so do people.)
_NAME_LIKE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[_\-][A-Za-z0-9]+)+", re.ASCII)
_SELF_NAMING = frozenset("password passwd pass pwd secret token key apikey".split())
_CONTINUATION = re.compile(r"^(?:[&|,;:]|[.+](?:\s|[A-Za-z_$][\w$]*(?:[\s(.\[]|$)))")
_DOTTED = re.compile(r"[A-Za-z_]\w{0,30}(?:\.[A-Za-z_]\w{0,30}){1,6}(?:\(.*)?", re.ASCII)
#: A segment of a dotted name in code: a word with at most a short number (`cfg`, `self`, `v2`,
#: `API_KEY`); a random token's segments mix letters and digits throughout (`x5gtky.hmwidchse356dfj4`).
_WORDY = re.compile(r"[A-Za-z_]+[0-9]{0,2}|[A-Z][A-Z0-9_]*|[a-z_]+(?:_[a-z0-9]+)*", re.ASCII)
#: An object path or key prefix: lower-case segments separated by `/` (`uploads/2024/05/report.pdf`).
_RELATIVE_PATH = re.compile(r"[a-z0-9_.\-]+(?:/[a-z0-9_.\-]+)+/?|[a-z0-9_\-]+(?::[a-z0-9_\-]+){2,}", re.ASCII)


def _code_expression(v: str, quoted: bool) -> bool:
    """Code on the right-hand side. A quoted value is a string literal, never code, except for a
    leading concatenation operator (`"+new Buffer(...)"` is the tail of one literal and the start
    of an expression)."""
    if _CONTINUATION.match(v):
        return True
    if quoted:
        return False
    m = _DOTTED.fullmatch(v)
    if m:
        segments = v.split("(", 1)[0].split(".")
        return all(_WORDY.fullmatch(seg) for seg in segments)
    return bool(_CODE.match(v))


#: Names that promise one provider's documented format (words of the key, all present) and that
#: format. A value of another shape under such a name is a placeholder, a fake or a truncated copy
#: (`AWS_SECRET_ACCESS_KEY=<42 hex>`), not that credential; provider rules report the real ones.
_NAMED_FORMATS: tuple[tuple[frozenset[str], re.Pattern[str]], ...] = tuple(
    (frozenset(words.split()), re.compile(fmt))
    for words, fmt in (
        ("aws secret", r"[A-Za-z0-9/+]{40}"),
        ("secret access key", r"[A-Za-z0-9/+]{40}"),
        ("github token", r"gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_\w{40,255}|[a-f0-9]{40}|v1\.[a-f0-9]{40}"),
        ("gh token", r"gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_\w{40,255}|[a-f0-9]{40}"),
        ("slack token", r"xox[abposre]-[A-Za-z0-9\-]{10,250}"),
        ("stripe secret", r"(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,247}|whsec_[A-Za-z0-9+/=]{20,}"),
        ("openai key", r"sk-[A-Za-z0-9_\-]{20,250}"),
        ("anthropic key", r"sk-ant-[A-Za-z0-9_\-]{20,250}"),
        ("okta token", r"00[A-Za-z0-9_\-]{40}"),
        ("google api key", r"AIza[A-Za-z0-9_\-]{35}"),
        ("sendgrid key", r"SG\.[A-Za-z0-9_\-]{16,32}\.[A-Za-z0-9_\-]{16,64}"),
    )
)


def named_format_mismatch(key: str, value: str) -> bool:
    """The key names a provider with a fixed token format and the value does not have it."""
    if not key:
        return False
    words = set(key_words(key))
    words |= {w[:-1] for w in words if w.endswith("s")}  # tokens -> token, keys -> key
    return any(need <= words and not fmt.fullmatch(value) for need, fmt in _NAMED_FORMATS)


@lru_cache(maxsize=4096)
def generic_reason(value: str, key: str = "", quoted: bool = False) -> str | None:
    """`strict_reason` plus the checks for keyword-context values (passwords, generic tokens).
    `quoted`: the value is a string literal (code checks do not apply)."""
    reason = strict_reason(value)
    if reason:
        return reason
    if key and excluded_key(key):
        return "key names a property of the secret, not the secret"
    v = value.strip()
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'`":
        v = v[1:-1]
    if not v:
        return "empty"
    if _TEMPLATE.match(v) or re.match(r"\$[A-Za-z_{(]", v):
        return "template or variable reference"
    if "-----BEGIN" in v or "-----END" in v:
        return "PEM armour (left to the private key rules)"
    word = _normalise_word(v)
    if word in _PLACEHOLDER_WORDS or word.rstrip("0123456789") in _PLACEHOLDER_WORDS and len(word) <= 12:
        return "placeholder word"
    if _PLACEHOLDER_PREFIX.match(v) or _PLACEHOLDER_INFIX.search(v):
        return "placeholder phrase"
    if _NAME_LIKE.fullmatch(v):
        words = key_words(v)
        if len(words) >= 2 and words[-1] in _SELF_NAMING:
            return "placeholder naming the value"  # 'smtp_password', 'victim_password'
    if _code_expression(v, quoted):
        return "code expression"
    if _is_path(v) or _RELATIVE_PATH.fullmatch(v):
        return "file path"
    if _UUID.match(v) and not key:
        return "uuid"
    if named_format_mismatch(key, v):
        return "not the format its provider name promises"
    if v.startswith(_PUBLIC_TOKEN_PREFIXES):
        return "public by design (publishable / browser key)"
    if re.fullmatch(r"[A-Za-z][A-Za-z_ ]*[:?]", v):
        return "label"  # 'Password:', 'Forgot password?'

    return None


def looks_like_identifier(value: str) -> bool:
    """An unquoted right-hand side that reads as a variable name: `user_password`, `authToken`."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value):
        return False
    return any(w in _IDENT_WORDS for w in key_words(value)) or value.isupper() and "_" in value


def looks_random(value: str, *, min_len: int = 10, min_entropy: float = 3.0) -> bool:
    """A machine-generated token rather than a word: long enough, mixed, high entropy.

    Thresholds depend on the charset: a hex string carries at most 4 bits per character, so the
    same absolute entropy means more for hex than for base64.
    """
    if len(value) < min_len:
        return False
    classes = sum(
        (
            any(c.islower() for c in value),
            any(c.isupper() for c in value),
            any(c.isdigit() for c in value),
            any(not c.isalnum() for c in value),
        )
    )
    if value.isdigit() and len(value) < 20:
        return False  # numbers: ports, ids, timeouts
    if len(value) < 20 and _WORD_THEN_NUMBER.fullmatch(value):
        return False  # 'password123', 'Summer2024!': a word with a suffix, typed by a person
    ent = shannon_entropy(value)
    if re.fullmatch(r"[0-9a-fA-F]+", value):
        return len(value) >= 16 and any(c.isdigit() for c in value) and ent >= min(min_entropy, 3.0)
    if classes < 2:
        # one class of letters only ("thisisnotasecret"): words, not tokens, unless very long
        return len(value) >= 32 and ent >= 4.0
    if value.isalpha():
        # Letters only: a word ("Probability", "CamelCaseName") unless capitals are scattered
        # through it the way they are in a random token.
        inner_upper = sum(1 for c in value[1:] if c.isupper())
        if len(value) < 16 or inner_upper < 3:
            return False
    limit = min_entropy if len(value) >= 16 else min(min_entropy, math.log2(len(value)) - 0.4)
    return ent >= limit


_STOPWORDS = frozenset("the your is to a an of for and be must will please enter with you this that at least".split())


def not_prose(value: str) -> bool:
    """Quoted sentences ('Please enter your password') are labels, not passwords."""
    words = value.split()
    return len(words) < 4 or not any(w.lower() in _STOPWORDS for w in words)


def machine_made(value: str) -> bool:
    """A token a program generated (API keys, client secrets), not a word or a sentence."""
    return looks_random(value, min_len=10, min_entropy=3.0) and not_prose(value)


#: Words of a key name that make it a password (any value a person chose counts) rather than
#: another secret (whose value must look machine-made).
_PASSWORD_WORDS = frozenset(
    "password passwd passwords pass pwd pw pswd passphrase passcode pin kennwort passwort contrasena senha "
    "wachtwoord haslo parola salasana losenord adgangskode heslo".split()
)


def is_password_name(key: str) -> bool:
    """`DB_PASSWORD`, `userPass`, `ansible_become_pass`, `Passphrase`: a password's name."""
    return any(w in _PASSWORD_WORDS or w.startswith("passw") for w in key_words(key)) or any(
        k in key for k in ("пароль", "Пароль", "密码", "密碼", "パスワード", "비밀번호", "mot_de_passe", "mot de passe", "contraseña")
    )


_CHOSEN_SECRET = re.compile(r"(?=.*[0-9_\-!@#$%^&*+=~.?])[^\s]{8,64}")


def value_fits_name(value: str, key: str) -> bool:
    """Is `value` what its name says? A password is whatever a person chose (not a sentence);
    a `...secret` (`client_secret`, `SESSION_SECRET`, `creds.Secret`) may be chosen too, but then
    looks like a passphrase (8+ characters with a digit or symbol: `open-sesame`, `dev-key-2024`);
    a token or key is machine-made."""
    if is_password_name(key):
        return not_prose(value)
    words = key_words(key)
    if words and words[-1] in ("secret", "secrets") and _CHOSEN_SECRET.fullmatch(value):
        return True
    return machine_made(value)
