"""Passwords on command lines and in SQL: the tools whose password flag is short (`-p`, `-pw`,
`-w`, `-a`, `/p:`) and so only means "password" after the tool's name.

Each alternative is `<tool name> ... <its password flag> <value>` on one line; the value is
quoted or runs to the next space. Generic suppression drops `$VAR`, `%VAR%`, `<password>`,
placeholders and masks. Long flags (`--password x`, `-Password x`) are `generic-cli-password`'s.
"""

from __future__ import annotations

from accord.detect.secrets.rule import SecretRule

#: A flag's value: double- or single-quoted, or a bare word (shell metacharacters and the comma
#: between mount options end it).
_VALUE = (
    r"(?:\"(?P<secret_dq>[^\"\r\n]{1,128})\"|'(?P<secret_sq>[^'\r\n]{1,128})'|"
    r"(?P<secret>[^\s\"'|;&<>`,\-][^\s\"'|;&<>`,]{0,127}))"
)
#: The rest of the command line before the flag (lazy, bounded: linear time).
_ARGS = r"[^\n|;&]{0,240}?"

#: SQL that sets a password: MySQL `IDENTIFIED BY`, PostgreSQL `WITH [LOGIN] PASSWORD`, SQL Server
#: `CREATE LOGIN x WITH PASSWORD =`, Oracle `ALTER USER x IDENTIFIED BY`.
_SQL_CONTEXT = (
    r"(?i:\bidentified[ \t]{1,4}by(?:[ \t]{1,4}password)?"
    r"|\b(?:create|alter)[ \t]{1,4}(?:user|login|role)[ \t]{1,4}[^\s;]{1,64}[ \t]{1,4}(?:with[ \t]{1,4})?"
    r"(?:(?:login|encrypted)[ \t]{1,4})?password)"
)
_SQL_PREFILTER = r"(?i:identified[ \t]{1,4}by|(?:create|alter)[ \t]{1,4}(?:user|login|role)[ \t])"

#: (tool, flag) pairs: the flag follows the tool's name on the same line.
_TOOL_FLAGS = (
    rf"\bsshpass{_ARGS}[ \t]-p[ \t]{{0,4}}",  # sshpass -p secret / -psecret
    rf"(?i:\b(?:plink|pscp|psftp|kitty)(?:\.exe)?){_ARGS}[ \t]-pw[ \t]{{1,4}}",
    rf"\bsmbclient{_ARGS}[ \t](?:-U|--user(?:=|[ \t]))[ \t]{{0,4}}[\"']?[^\s%\"']{{1,64}}%",
    rf"\b(?:mount(?:\.cifs)?|smbmount){_ARGS}[ ,]password=",
    rf"\bldap(?:search|modify|add|delete|passwd|whoami|compare|modrdn){_ARGS}[ \t]-w[ \t]{{1,4}}",
    rf"\bredis-cli{_ARGS}[ \t]-a[ \t]{{1,4}}",
    rf"(?i:\b(?:sqlcmd|bcp|osql|isql)(?:\.exe)?){_ARGS}[ \t]-P[ \t]{{0,4}}",
    rf"\bmongo(?:sh|dump|restore|export|import|stat|top)?{_ARGS}[ \t]-p[ \t]{{1,4}}",
    rf"\bdocker[ \t]+login{_ARGS}[ \t]-p[ \t]{{1,4}}",
    rf"\baz[ \t]+login{_ARGS}[ \t]-p[ \t]{{1,4}}",
    rf"\b(?:evil-winrm|crackmapexec|cme|netexec|nxc|hydra|medusa|rdesktop|xfreerdp|wfreerdp){_ARGS}[ \t]-p[ \t]{{1,4}}",
    rf"(?i:\b(?:xfreerdp|wfreerdp|mstsc)(?:\.exe)?){_ARGS}[ \t]/p:",
    rf"(?i:\bwmic(?:\.exe)?){_ARGS}[ \t]/password:",
    rf"(?i:\bschtasks(?:\.exe)?){_ARGS}[ \t]/rp[ \t]{{1,4}}",
    rf"(?i:\bnet(?:\.exe)?[ \t]+use){_ARGS}[ \t]/u(?:ser)?:[^\s]{{1,100}}[ \t]{{1,4}}",
    rf"\bkeytool{_ARGS}[ \t]-(?:storepass|keypass|srcstorepass|deststorepass|srckeypass|destkeypass)[ \t]{{1,4}}",
    rf"\b(?:openssl|keytool){_ARGS}[ \t]-pass(?:in|out)?[ \t]{{1,4}}pass:",
    rf"\b7z[a-z]?(?:\.exe)?{_ARGS}[ \t]-p",
    rf"\bzip{_ARGS}[ \t](?:-P|--password)[ \t]{{1,4}}",
    r"\bhtpasswd(?:[ \t]+-[A-Za-z]+){1,4}[ \t]+[^\s]{1,200}[ \t]+[^\s]{1,64}[ \t]+",
)


RULES: tuple[SecretRule, ...] = (
    SecretRule(
        id="cli-tool-password",
        description="password after a tool's short password flag (sshpass -p, plink -pw, smbclient -U u%p, "
        "ldapsearch -w, redis-cli -a, sqlcmd -P, docker login -p, net use /user:, wmic /password:, "
        "xfreerdp /p:, keytool -storepass, openssl pass:, 7z -p, htpasswd -b, ...)",
        pattern="(?:" + "|".join(_TOOL_FLAGS) + ")" + _VALUE,
        # (no `\b`: word-boundary assertions double this pre-filter's size in the database; the trailing
        # space keeps `amount` or `zipcode` from reaching Python)
        hs_pattern=r"(?i:sshpass|plink|pscp|psftp|kitty|smbclient|mount(?:\.cifs)?|smbmount|ldap[a-z]{3,8}|redis-cli|sqlcmd"
        r"|bcp|osql|isql|mongo[a-z]{0,7}|docker[ \t]{1,4}login|az[ \t]{1,4}login|evil-winrm|crackmapexec|cme|netexec|nxc"
        r"|hydra|medusa|rdesktop|[wx]freerdp|mstsc|wmic|schtasks|net(?:\.exe)?[ \t]{1,4}use|keytool|openssl|7z[a-z]?|zip"
        r"|htpasswd)(?:64)?(?:\.exe)?[ \t]",
        keywords=("-p", "-w", "-a", "-u", "/p", "/u", "/rp", "pass"),
        score=0.88,
        suppress="generic",
    ),
    SecretRule(
        id="net-user-password",
        description="password given to `net user <name> <password> /add` (Windows account creation)",
        pattern=r"(?i:\bnet(?:\.exe)?[ \t]+user)[ \t]+(?:\"[^\"\r\n]{1,64}\"|[^\s/\"]{1,64})[ \t]+" + _VALUE
        + r"(?=[ \t]+/(?i:add|domain|active|expires|fullname|comment|y\b))",
        hs_pattern=r"(?i:net(?:\.exe)?[ \t]+user)[ \t]+",
        keywords=("net",),
        score=0.88,
        suppress="generic",
    ),
    SecretRule(
        id="psexec-password",
        description="password passed to PsExec / PAExec with -p (any case: PSEXEC.EXE ... -P secret)",
        pattern=r"(?i:(?:ps|pa)exec(?:64)?(?:\.exe)?)\b[^\n|;&]{0,300}?[ \t](?i:-p)[ \t]{1,4}" + _VALUE,
        hs_pattern=r"(?i:(?:ps|pa)exec)",
        keywords=("exec",),
        score=0.9,
        suppress="generic",
    ),
    SecretRule(
        id="impacket-credentials",
        description="password in an Impacket target (domain/user:password@host) for psexec.py, wmiexec.py, ...",
        pattern=r"(?i:impacket-[a-z]{3,20}|(?:psexec|wmiexec|smbexec|atexec|dcomexec|secretsdump|getuserspns|getnpusers|"
        r"smbclient|mssqlclient|getst|gettgt)\.py)[ \t]+(?:-[^\s]{1,30}[ \t]+){0,6}[\"']?[^\s/:@\"']{1,64}/[^\s/:@\"']{1,64}:"
        r"(?P<secret>[^\s@\"']{1,128})@",
        hs_pattern=r"(?i:impacket-|exec\.py|secretsdump\.py|spns\.py|users\.py|client\.py|getst\.py|gettgt\.py)",
        keywords=("impacket", ".py"),
        score=0.9,
        suppress="generic",
    ),
    SecretRule(
        id="oracle-cli-credentials",
        description="user/password@db given to sqlplus, exp/imp, expdp/impdp, rman, sqlldr (Oracle command lines)",
        pattern=r"(?i:\b(?:sqlplus|sqlldr|expdp|impdp|exp|imp|rman|dgmgrl)(?:64)?(?:\.exe)?)(?:[ \t]{1,4}-[A-Za-z]{1,8})*[ \t]{1,4}"
        r"[\"']?[^\s/@\"']{1,64}/(?P<secret>[^\s@\"'/]{1,128})(?=@|[\"']?(?:[ \t]|$))",
        hs_pattern=r"(?i:sqlplus|sqlldr|expdp|impdp|exp|imp|rman|dgmgrl)(?:64)?(?:\.exe)?[ \t]",
        keywords=("sql", "exp", "imp", "rman", "dgmgrl"),
        score=0.86,
        suppress="generic",
    ),
    SecretRule(
        id="powershell-securestring",
        description="plain-text password turned into a SecureString: ConvertTo-SecureString \"...\" -AsPlainText",
        pattern=r"(?i:ConvertTo-SecureString)(?:[ \t]{1,4}-String)?[ \t]{1,4}(?:\"(?P<secret_dq>[^\"\r\n]{1,128})\"|"
        r"'(?P<secret_sq>[^'\r\n]{1,128})')(?=[^\n]{0,80}(?i:-AsPlainText))",
        hs_pattern=r"(?i:ConvertTo-SecureString)",
        keywords=("convertto-securestring",),
        score=0.88,
        suppress="generic",
    ),
    SecretRule(
        id="sql-password",
        description="password in SQL user management: IDENTIFIED BY '...', WITH [LOGIN] PASSWORD [=] '...'",
        pattern=_SQL_CONTEXT + r"[ \t]{0,4}=?[ \t]{0,4}N?'(?P<secret>[^'\r\n]{1,128})'",
        hs_pattern=_SQL_PREFILTER,
        keywords=("identified", "password"),
        score=0.88,
        suppress="generic",
    ),
)
