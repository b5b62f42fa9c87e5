"""Key/value structures beyond `key = value`: the name and the value sit apart.

* XML entries whose name is an attribute: `<entry key="db.password">x</entry>`, `<param name="apiKey">`;
* declared defaults: Terraform `variable "db_password" { default = "x" }`, ARM / Packer
  `"adminPassword": {"type": "securestring", "defaultValue": "x"}`, Helm `.Values.token | default "x"`;
* tables printed by tools and docs: `Access Token      00D...`, `| API Key | 3f9a... |`;
* PostgreSQL `.pgpass` lines (`host:port:db:user:password`).

The name decides the value check (`SecretRule.by_key`): a password name takes any value that is not
prose, another secret name needs a machine-made one.
"""

from __future__ import annotations

from accord.detect.secrets.rule import SecretRule, either
from accord.detect.secrets.rules.generic import PASSWORD_KEY, SECRET_KEY

#: A name holding a password or a secret, inside a quoted attribute or string.
_NAME = rf"[^\"\r\n]{{0,40}}(?:{PASSWORD_KEY}|{SECRET_KEY})[^\"\r\n]{{0,40}}"
_NAME_NO_BACKSLASH = rf"[^\"\\\r\n]{{0,40}}(?:{PASSWORD_KEY}|{SECRET_KEY})[^\"\\\r\n]{{0,40}}"
_QUOTED_VALUE = r"\"(?P<secret>[^\"\r\n]{1,300})\""

_TABLE_NOUN = (
    r"(?i:password|passwd|passphrase|secret|token|api[ \-]?key|access[ \-]?key|secret[ \-]?key|private[ \-]?key|"
    r"client[ \-]?secret|credentials?)"
)

RULES: tuple[SecretRule, ...] = (
    SecretRule(
        id="generic-xml-entry",
        description="<entry key=\"...password...\">value</entry>-style XML (Java properties XML, .NET, Ant, Spring)",
        pattern=rf"(?<=[ \t])(?i:key|name)[ \t]{{0,2}}=[ \t]{{0,2}}\"(?P<key>{_NAME})\"[^<>\r\n]{{0,80}}>[ \t]{{0,4}}"
        r"(?P<secret>[^<\s][^<\r\n]{0,298}[^<\s]|[^<\s])[ \t]{0,4}</",
        hs_pattern=r"(?i:key|name)[ \t]{0,2}=[ \t]{0,2}\"[^\"\r\n]{0,40}(?i:pass|pw|secret|token|key|credential|bearer)",
        keywords=("key", "name"),
        by_key=True,
        score=0.78,
        suppress="generic",
    ),
    SecretRule(
        id="generic-declared-default",
        description="default value declared for a secret variable (Terraform variable default, ARM / Packer "
        "defaultValue, Helm `| default`)",
        pattern=either(
            rf"variable[ \t]{{1,4}}\"(?P<key>{_NAME})\"[ \t]{{0,4}}\{{[^}}]{{0,400}}?\bdefault[ \t]{{0,8}}=[ \t]{{0,8}}{_QUOTED_VALUE}",
            rf"\"(?P<key>{_NAME})\"[ \t]{{0,4}}:[ \t]{{0,4}}\{{[^}}]{{0,400}}?\"default(?:Value)?\"[ \t]{{0,4}}:[ \t]{{0,4}}"
            + _QUOTED_VALUE,
            rf"\.Values\.(?P<key>[\w.]{{0,60}}(?:{PASSWORD_KEY}|{SECRET_KEY})\w{{0,30}})[ \t]{{0,4}}\|[ \t]{{0,4}}default[ \t]{{1,4}}"
            + _QUOTED_VALUE,
        ),
        hs_pattern=r"variable[ \t]{1,4}\"|\"[^\"\r\n]{0,40}(?i:pass|pw|secret|token|key|credential)[^\"\r\n]{0,40}\"[ \t]{0,4}:"
        r"[ \t]{0,4}\{|\.Values\.[\w.]{0,60}(?i:pass|pw|secret|token|key|credential)",
        keywords=("default", "variable"),
        by_key=True,
        score=0.78,
        suppress="generic",
    ),
    SecretRule(
        id="generic-table-row",
        description="a secret in a table row printed by a tool or written in docs: 'Access Token   00D...', "
        "'| API Key | 3f9a... |', '| `DB_PASSWORD` | `...` |'",
        pattern=either(
            r"(?<![A-Za-z0-9_\-])(?P<key>" + _TABLE_NOUN + r")(?:[ \t]{2,40}|[ \t]?[|│][ \t]{0,8})`?"
            r"(?P<secret>[^\s`|│]{6,300})`?[ \t]{0,8}(?:[|│]|\r?$)",
            # a markdown row whose name cell is a code span holding a variable name
            rf"\|[ \t]{{0,4}}`(?P<key>[\w.\-]{{0,40}}(?:{PASSWORD_KEY}|{SECRET_KEY})[\w.\-]{{0,40}})`[ \t]{{0,4}}\|[ \t]{{0,4}}`?"
            r"(?P<secret>[^\s`|]{3,300})`?[ \t]{0,4}\|",
        ),
        # (two spaces, or a markdown cell border `| `: the cheapest pre-filter that still sees both)
        hs_pattern=_TABLE_NOUN + r"(?:[ \t]{2}|[ \t]?\|[ \t])|\|[ \t]{0,4}`[\w.\-]{0,40}(?i:pass|pw|secret|token|key|credential)",
        keywords=("pass", "pw", "secret", "token", "key", "credential"),
        by_key=True,
        score=0.72,
        suppress="generic",
    ),
    SecretRule(
        id="generic-php-serialized",
        description="a secret in PHP serialize() output: s:12:\"db_password\";s:9:\"hunter2!!\";",
        pattern=rf"s:[0-9]{{1,4}}:\\{{0,2}}\"(?P<key>{_NAME_NO_BACKSLASH})\\{{0,2}}\";s:[0-9]{{1,4}}:\\{{0,2}}\""
        r"(?P<secret>[^\"\\\r\n]{1,300})\\{0,2}\"",
        hs_pattern=r"s:[0-9]{1,4}:\\{0,2}\"[^\"\r\n]{0,40}(?i:pass|pw|secret|token|key|credential)",
        keywords=("s:",),
        by_key=True,
        score=0.78,
        suppress="generic",
    ),
    SecretRule(
        id="pgpass-password",
        description="password field of a PostgreSQL .pgpass line (hostname:port:database:username:password)",
        pattern=r"^[ \t]{0,4}[A-Za-z0-9.\-*]{1,100}:(?:[0-9]{2,5}|\*):[^\s:\"'\\]{1,64}:[^\s:\"'\\]{1,64}:"
        r"(?P<secret>[^\s\"'\\]{1,128})$",
        # A window rule on the usual ports: a pre-filter that starts at every line costs each scan.
        keywords=(":5432:", ":*:", ":5433:", ":6432:", ":26257:"),
        window=240,
        score=0.82,
        suppress="generic",
    ),
)
