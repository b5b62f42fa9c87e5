"""Databases: passwords in connection URIs, ODBC / ADO.NET / JDBC connection strings, CLI flags
and server configs, plus database-as-a-service tokens (PlanetScale, Databricks, ClickHouse, Neon,
MongoDB Atlas, Snowflake, InfluxDB, Firebase)."""

from __future__ import annotations

from accord.detect.secrets.rule import UUID, SecretRule, keyed, tok
from accord.detect.secrets.rules.tokens import url_rule

_VALUE_END = r"(?=[;\"'<\r\n]|$)"

RULES: tuple[SecretRule, ...] = (
    url_rule("postgres-uri-password", r"postgres(?:ql)?|pgsql|postgis|cockroach(?:db)?|timescale|redshift",
             "password in a PostgreSQL (or compatible) connection URI", 0.95),
    url_rule("mysql-uri-password", r"mysql(?:x)?|mariadb|mysql2|tidb|singlestore|memsql",
             "password in a MySQL / MariaDB connection URI", 0.95),
    url_rule("mongodb-uri-password", r"mongodb(?:\+srv)?", "password in a MongoDB connection URI", 0.95),
    url_rule("redis-uri-password", r"rediss?|valkey|keydb|dragonfly|memcached",
             "password in a Redis / Valkey connection URI", 0.95),
    url_rule("amqp-uri-password", r"amqps?|rabbitmq|mqtts?|nats|kafka|stomp",
             "password in a message-broker URI (AMQP, MQTT, NATS, Kafka)", 0.95),
    url_rule("mssql-uri-password", r"mssql|sqlserver|oracle|db2|jdbc:[a-z0-9]{2,20}|odbc|clickhouse|snowflake|"
             r"neo4j(?:\+s)?|bolt|couchbases?|cassandra|scylla|elasticsearch|opensearch|influxdb|presto|trino",
             "password in a database URI (SQL Server, Oracle, JDBC, ClickHouse, Neo4j, ...)", 0.95),
    url_rule("ldap-uri-password", r"ldaps?", "password in an LDAP URI", 0.95),
    url_rule("mail-uri-password", r"smtps?|imaps?|pop3s?|submission", "password in a mail server URI", 0.95),
    SecretRule(
        id="connection-string-password",
        description="Password / Pwd in an ODBC, ADO.NET, OLE DB or Azure connection string",
        pattern=r"[;{\"'][ \t]{0,2}(?P<key>(?i:password|pwd|passwd|user[ _]?password))[ \t]{0,2}=[ \t]{0,2}"
        r"(?:\{(?P<secret_b>[^}\r\n]{1,128})\}|(?P<secret>[^;\"'<>\s{][^;\"'<>\r\n]{0,127}?))[ \t]*" + _VALUE_END,
        hs_pattern=r"[;{\"'][ \t]{0,2}(?i:password|pwd|passwd|user[ _]?password)[ \t]{0,2}=",
        keywords=("pwd", "password", "passwd"),
        validator=lambda v: not v.startswith(("&", "+")),
        score=0.87,
        suppress="generic",
    ),
    SecretRule(
        id="jdbc-url-password",
        description="password parameter of a JDBC URL (or the user/password@ of an Oracle thin URL)",
        # (also Oracle's thin form, jdbc:oracle:thin:scott/tiger@//host:1521/orcl)
        pattern=r"jdbc:[a-z0-9]{2,20}:(?:[^\s\"'<>]{0,300}?[?&;:](?i:password|pwd)=(?P<secret>[^&;\s\"'<>#]{1,128})"
        r"|thin:[^\s/:@\"'<>]{1,64}/(?P<secret_o>[^\s@\"'<>]{1,128})@)",
        hs_pattern=r"jdbc:[a-z0-9]{2,20}:",
        keywords=("jdbc:",),
        score=0.93,
        suppress="generic",
    ),
    SecretRule(
        id="mysql-cli-password",
        description="password given on a mysql / mysqldump / mysqladmin command line (-pSECRET, --password=)",
        pattern=r"\bmysql(?:dump|admin|import|sh|check)?\b[^\n|;&]{0,200}?(?:[ \t]-p(?P<secret>[^\s'\"\-][^\s'\"]{2,127})|"
        r"[ \t]-p[\"'](?P<secret_q>[^\s'\"]{3,127})[\"']|[ \t]--password=[\"']?(?P<secret_l>[^\s'\"]{3,128}))",
        hs_pattern=r"mysql",
        keywords=("mysql",),
        score=0.92,
        suppress="generic",
    ),
    SecretRule(
        id="redis-config-password",
        description="requirepass / masterauth in a redis.conf",
        pattern=r"^[ \t]*(?:requirepass|masterauth)[ \t]{1,8}[\"']?(?P<secret>[^\s\"']{4,128})",
        keywords=("requirepass", "masterauth"),
        score=0.92,
        suppress="generic",
    ),
    SecretRule(
        id="planetscale-token",
        description="PlanetScale service token, OAuth token or database password (pscale_tkn_/oauth_/pw_)",
        pattern=tok(r"pscale_(?:tkn|oauth|pw)_[A-Za-z0-9_=.\-]{32,64}", right="A-Za-z0-9_=.\\-"),
        keywords=("pscale_",),
        entropy=3.0,
        score=0.97,
    ),
    SecretRule(
        id="databricks-token",
        description="Databricks personal access token (dapi + 32 hex)",
        pattern=tok(r"dapi[a-f0-9]{32}(?:-\d)?"),
        keywords=("dapi",),
        entropy=3.0,
        score=0.96,
    ),
    SecretRule(
        id="clickhouse-cloud-secret",
        description="ClickHouse Cloud API secret key (4b1d prefix)",
        pattern=tok(r"4b1d[A-Za-z0-9]{38}", left="A-Za-z0-9", right="A-Za-z0-9"),
        keywords=("4b1d",),
        entropy=4.0,
        score=0.93,
    ),
    SecretRule(
        id="neon-api-key",
        description="Neon API key (napi_ prefix)",
        pattern=tok(r"napi_[a-z0-9]{64}"),
        keywords=("napi_",),
        entropy=3.5,
        score=0.96,
    ),
    SecretRule(
        id="mongodb-atlas-private-key",
        description="MongoDB Atlas API private key (UUID) next to an Atlas private key name",
        pattern=keyed(r"atlas[\w.\-]{0,20}private[_\-.]?key|mongodb[_\-.]?atlas[\w.\-]{0,20}(?:key|secret)", UUID),
        keywords=("atlas",),
        score=0.9,
    ),
    SecretRule(
        id="snowflake-password",
        description="Snowflake password / private key passphrase next to a Snowflake name",
        pattern=keyed(r"snowflake[\w.\-]{0,20}(?:password|passphrase|token)", r"[^\s\"'`,;]{6,128}"),
        keywords=("snowflake",),
        score=0.9,
        suppress="generic",
    ),
    SecretRule(
        id="influxdb-token",
        description="InfluxDB 2.x API token (86 base64 characters + '==') next to an Influx name",
        pattern=keyed(r"influx[\w.\-]{0,20}token", r"[A-Za-z0-9_\-]{86}==", right="A-Za-z0-9_\\-="),
        keywords=("influx",),
        entropy=4.0,
        score=0.93,
    ),
    SecretRule(
        id="firebase-database-secret",
        description="Firebase Realtime Database legacy secret (40 characters) next to a Firebase name",
        pattern=keyed(r"firebase[\w.\-]{0,20}(?:secret|token|key)", r"[A-Za-z0-9]{40}"),
        keywords=("firebase",),
        entropy=4.0,
        score=0.88,
    ),
    SecretRule(
        id="upstash-token",
        description="Upstash Redis / QStash REST token next to an Upstash name",
        pattern=keyed(r"upstash[\w.\-]{0,30}token|qstash[\w.\-]{0,20}(?:token|key)", r"[A-Za-z0-9_=\-]{40,200}"),
        keywords=("upstash", "qstash"),
        entropy=4.0,
        score=0.9,
    ),
)
