"""Credentials stated in prose: chat messages, tickets, e-mails, docs.

People write "my API key is 3f9a...", "here's the client secret for staging: ...", "login: admin /
hunter2!", "creds are root:Tr0ub4dor&3", "use 9f8e... as the token". Nothing marks these but the
words around them, so values must carry their own evidence: a token name needs a machine-made
value (`filters.machine_made`); a password needs a digit or symbol when it is not quoted, so
"the password is incorrect" stays prose.
"""

from __future__ import annotations

from accord.detect.secrets.filters import machine_made, not_prose
from accord.detect.secrets.rule import SecretRule, either

#: Names of non-password secrets as people write them ("datadog application key", "client secret").
_SECRET_NOUN = (
    r"(?i:api[ \-]?key|api[ \-]?token|access[ \-]?key|secret[ \-]?key|(?:app|application|license|private|client|account|"
    r"master|admin|service|webhook|signing|encryption|storage|subscription|integration|auth|bot|deploy)[ \-](?:key|secret|token)"
    r"|secret|token|credentials?|pat|personal access token)"
)
_PASSWORD_NOUN = r"(?i:password|passwd|passphrase|passcode|pin code|pwd|pass)"
#: "for staging", "of the bot", "on prod": a qualifier between the noun and "is" / ":".
_QUALIFIER = r"(?:[ \t]{1,4}(?i:for|of|on|in|to)[ \t][^\n.;:=]{1,40}?)?"
#: An unquoted password must contain a digit or a symbol ("hunter2", "Tr0ub4dor&3"), not be a word.
_HAS_DIGIT_OR_SYMBOL = r"(?=[^\s\"']{0,24}[0-9!@#$%^&*_+=~?])"
#: The pre-filter's view of a password value: a quote, or a digit / symbol within its first 25 characters.
_PW_HEAD = r"(?:[\"'`]|\xe2\x80[\x98\x9c]|[^\s\"']{0,24}[0-9!@#$%^&*_+=~?])"  # bytes: curly quotes in UTF-8
# (A trailing `!` stays: `Falcon1990!` is a password more often than an exclamation.)
_PAIR_PASSWORD = rf"(?P<secret>{_HAS_DIGIT_OR_SYMBOL}[^\s\"'`]{{3,63}}[^\s\"'`.,;:?)])"
_PW_VALUE = (
    r"(?:[\"'“‘`](?P<secret_q>[^\"'”’`\r\n]{3,64})[\"'”’`]"
    rf"|(?P<secret_u>{_HAS_DIGIT_OR_SYMBOL}[^\s\"'”’`]{{3,63}}[^\s\"'”’`.,;:?)]))"
)

RULES: tuple[SecretRule, ...] = (
    SecretRule(
        id="generic-secret-prose",
        description="An API key / token stated in prose: 'my API key is 3f9a...', 'the client secret for staging: ...'",
        pattern=rf"(?<![A-Za-z])(?P<key>{_SECRET_NOUN}){_QUALIFIER}[ \t]{{0,4}}(?i:[ \t]is|[ \t]was|:)[ \t]{{1,4}}"
        r"(?:[\"'“‘`](?P<secret_q>[^\s\"'”’`]{10,300})[\"'”’`]|(?P<secret_u>[^\s\"'”’`()\[\]{}]{9,299}[^\s\"'”’`.,;:!?()\[\]{}]))",
        hs_pattern=rf"{_SECRET_NOUN}{_QUALIFIER}[ \t]{{0,4}}(?i:[ \t]is|[ \t]was|:)[ \t]{{1,4}}[^\s]{{10}}",
        keywords=("key", "secret", "token", "credential", "pat"),
        validator=machine_made,
        score=0.7,
        suppress="generic",
    ),
    SecretRule(
        id="generic-password-prose",
        description="A password stated in prose: 'the password is \"x\"', 'my db pass for staging: hunter2!'",
        pattern=rf"(?<![A-Za-z])(?P<key>{_PASSWORD_NOUN}){_QUALIFIER}"
        r"[ \t]{0,4}(?i:[ \t]is|[ \t]was|[ \t]will be|[ \t]is set to|[ \t]set to|[ \t]should be|[ \t]=|:)[ \t]{1,4}" + _PW_VALUE,
        hs_pattern=rf"{_PASSWORD_NOUN}{_QUALIFIER}[ \t]{{0,4}}(?i:[ \t]is|[ \t]was|[ \t]will be|[ \t]is set to|[ \t]set to|"
        r"[ \t]should be|[ \t]=|:)[ \t]{1,4}" + _PW_HEAD,
        keywords=("pass", "pin", "pwd"),
        validator=not_prose,
        score=0.72,
        suppress="generic",
    ),
    SecretRule(
        id="generic-password-prose-with",
        description="A password after 'with / and / using password': 'ssh in as deploy with password Kzf3Bav!'",
        pattern=rf"(?i:\b(?:with|and|using|use))[ \t]{{1,4}}(?i:the[ \t]{{1,4}})?(?P<key>{_PASSWORD_NOUN})[ \t]{{1,4}}" + _PW_VALUE,
        hs_pattern=rf"(?i:with|and|using|use)[ \t]{{1,4}}(?i:the[ \t]{{1,4}})?{_PASSWORD_NOUN}[ \t]",
        keywords=("pass", "pwd"),
        validator=not_prose,
        score=0.7,
        suppress="generic",
    ),
    SecretRule(
        id="credential-pair-prose",
        description="user and password written as a pair in prose: 'login: admin / hunter2!', 'creds are root:S3cret!'",
        pattern=either(
            r"\b(?i:login|creds?|credentials):[ \t]{0,4}[\w.@\-]{1,64}[ \t]{0,4}/[ \t]{0,4}" + _PAIR_PASSWORD,
            r"\b(?i:login|creds?|credentials)(?i:[ \t]for[ \t][^\n:]{1,40}?)?[ \t](?i:is|are)[ \t]{1,4}[\"'`]?[\w.@\-]{1,32}:"
            + _PAIR_PASSWORD,
        ),
        # A window rule on phrases (not the bare words, which code and prose use all the time).
        keywords=("login:", "creds:", "credentials:", "creds ", "cred ", "credentials for", "credentials are",
                  "credentials is", "login for", "login is"),
        window=160,
        validator=lambda v: len(v) >= 5 and not v.startswith(("//", "http")),
        score=0.7,
        suppress="generic",
    ),
    SecretRule(
        id="secret-prose-use-as",
        description="'use <value> as the <password / key / token>': the value comes before its name",
        pattern=r"(?i:\b(?:use|try))[ \t]{1,4}[\"'`]?(?P<secret>[^\s\"'`]{6,200})[\"'`]?[ \t]{1,4}(?i:as)[ \t]{1,4}"
        r"(?i:(?:the|my|your|our|a)[ \t]{1,4})?(?:[\w\-]{1,20}[ \t]{1,4}){0,3}"
        rf"(?P<key>{_PASSWORD_NOUN}|{_SECRET_NOUN})(?![A-Za-z])",
        # A window rule: Hyperscan looks for " as " only, Python for the pattern around it.
        keywords=(" as ",),
        window=240,
        by_key=True,
        score=0.7,
        suppress="generic",
    ),
)
