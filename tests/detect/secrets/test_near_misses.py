"""Must-not-fire table: placeholders, documented examples, hashes that are not keys, variable
references, code, file paths, labels and ordinary prose."""

from __future__ import annotations

import pytest

from accord.detect.secrets import SecretsRecognizer
from tests.detect.secrets.fakes import B64, hexs, r, uuid

NEAR_MISSES: list[tuple[str, str]] = [
    # documented example keys (AWS IAM user guide)
    ("aws example id", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE"),
    ("aws example secret", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
    # templating and variable references
    ("env var", 'password = "${DB_PASSWORD}"'),
    ("jinja", "password: {{ vault_db_password }}"),
    ("gha secret", "token: ${{ secrets.GITHUB_TOKEN }}"),
    ("shell var", 'export PGPASSWORD="$gdcapi_db_password"'),
    ("dollar prefix", '"password": "$super$ecret",'),
    ("quoted var", "- echo 'export DATABASE_PASSWORD=\"'$PRECOMPILE_PASSWORD'\"' >> .env"),
    ("windows var", "set PASSWORD=%DB_PASSWORD%"),
    ("erb", "password: <%= ENV['DB_PASSWORD'] %>"),
    ("bearer var", 'curl -H "Authorization: Bearer $TOKEN" https://api.example.com'),
    ("bearer template", "Authorization: Bearer <your-token-here>"),
    ("url var", "DATABASE_URL=postgres://app:${DB_PASS}@db:5432/app"),
    # placeholders and masks
    ("angle placeholder", 'api_key = "<your-api-key>"'),
    ("your key", "OPENAI_API_KEY=your_api_key_here"),
    ("changeme", 'secret: "changeme"'),
    ("html escaped", '"password": "&lt;YOURPASSWORD&gt;"'),
    ("masked stars", 'password: "********"'),
    ("masked x", "token: xxxxxxxxxxxxxxxxxxxxxxxx"),
    ("masked url", "https://admin:****@db.example.com"),
    ("sequential", 'api_key = "1234567890abcdef"'),
    ("github placeholder", "GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
    ("stripe placeholder", "sk_live_XXXXXXXXXXXXXXXXXXXXXXXX"),
    ("repeated", "SECRET_KEY=aaaaaaaaaaaaaaaaaaaaaaaa"),
    ("interleaved", "license_key: a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8NRAL"),
    ("dummy", 'client_secret = "dummy-secret-for-tests"'),
    ("test word", 'password = "test"'),
    ("redacted", "password=[REDACTED]"),
    # code, not values
    ("getenv", 'password = os.getenv("DB_PASSWORD")'),
    ("environ", "api_key = os.environ['OPENAI_API_KEY']"),
    ("attribute", "password = self.password"),
    ("call", "token = request.headers.get('X-Token')"),
    ("variable", "password = user_password"),
    ("dict literal", '"private_key": private_hex,'),
    ("argument names", "def sign(private_key_hex, challenge_hex):"),
    ("concatenation", 'String usernamePassword = "application:" + appKey + ":" + appSecret;'),
    ("label", 'usernameLabel:"Username or email:",passwordLabel:"Password:",rememberMeLabel:"Remember me:"'),
    ("routes", "put '/forgot-password' => \"cms/sites/passwords#update\", as: 'update_password'"),
    ("key names", 'name="ws_plugin__s2member_amazon_s3_comp_files_access_key" id="x-access-key"'),
    ("max tokens", "max_tokens: 4096\ntemperature: 0.2"),
    ("token type", 'token_type = "bearer"'),
    ("password policy", "PASSWORD_MIN_LENGTH = 12"),
    ("password field", 'password_field = "user_password"'),
    ("file path", 'private_key = "/etc/ssl/private/server.key"'),
    ("secrets file", "password_file: /run/secrets/db_password"),
    ("csrf", 'csrf_token = "' + r(32) + '"'),
    ("public key name", 'public_key = "' + r(44, B64) + '"'),
    # hashes and identifiers that are not keys
    ("git sha", "commit 3f786850e387550fdab836ed7e6dc881de23001b"),
    ("sha256 checksum", "sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  release.tar.gz"),
    ("checksum key", 'checksum = "' + hexs(64) + '"'),
    ("docker digest", "docker pull nginx@sha256:" + hexs(64)),
    ("npm integrity", '"integrity": "sha512-' + r(86, B64) + '=="'),
    ("uuid", "request_id=" + uuid() + " latency_ms=83"),
    ("public pem", "-----BEGIN PUBLIC KEY-----\n" + r(64, B64) + "\n-----END PUBLIC KEY-----"),
    ("certificate", "-----BEGIN CERTIFICATE-----\n" + r(64, B64) + "\n-----END CERTIFICATE-----"),
    ("ssh public key", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + r(43, B64) + " ada@laptop"),
    ("not a jwt", "eyJhbGciOi.eyJzdWIiOi.signature-like-tail"),
    ("stripe publishable", "pk_live_" + r(24)),
    ("aws arn", "arn:aws:iam::123456789012:role/deploy"),
    ("empty pem", "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----"),
    # prose
    ("prose password", "The password is incorrect, please try again."),
    ("prose reset", "Reset your password at the link below; the token expires in 24 hours."),
    ("prose api key", "Where do I find my API key in the dashboard?"),
    ("prose private key", "What is a private key and how does it differ from a public key?"),
    ("prose bearer", "A bearer token is sent in the Authorization header."),
    ("prose basic", "I have a basic understanding of Python."),
    ("prose password policy", "Your password must be at least 12 characters long."),
    ("prose multilingual", "Passwort vergessen? Le mot de passe doit contenir 12 caractères."),
    ("url without creds", "see https://example.com:8443/path?page=2&sort=asc"),
    ("email", "contact ada@example.com for access"),
    # elided, truncated, redacted and prefix-only values
    ("elided prefixed", "GITHUB_TOKEN=ghp_ab12..."),
    ("elided middle", 'stripe_key: "sk_live_…eUIs"'),
    ("elided after match", "CONTENTFUL_MANAGEMENT_TOKEN: CFPAT-2fhN..."),
    ("prefix only", "registry_password: 'dckr_pat_',"),
    ("redacted in brackets", "<backend>\n  <metaAccessToken>(redacted)</metaAccessToken>\n</backend>"),
    ("redacted env", "ENV POSTGRES_PASSWORD (redacted)"),
    ("masked tail", "TWITTER_CONSUMER_SECRET=****oUNT"),
    ("padded body", 'variable "bitbucket_app_password" {\n  default = "ATBB0000000000000000000000000000"\n}'),
    ("cli masked", "access_key     ****************QX7D shared-credentials-file"),
    # a provider name promising a format the value does not have
    ("aws secret wrong length", "export AWS_SECRET_ACCESS_KEY=" + hexs(42)),
    ("github token wrong shape", "GITHUB_TOKEN=ghp_" + r(30)),
    ("slack token wrong shape", "app --slack-token=" + r(32) + " --verbose"),
    # public parts and identifiers (brief: never report another token type's public half)
    ("stripe publishable key name", "STRIPE_PUBLISHABLE_KEY=pk_live_" + r(24)),
    ("posthog project key", "posthog_api_key: phc_" + r(43)),
    ("gcp private key id", '{"type": "service_account", "private_key_id": "' + hexs(40) + '", "private_key": "..."}'),
    ("twilio account sid", "TWILIO_ACCOUNT_SID=AC" + hexs(32)),
    ("google client id", "GOOGLE_CLIENT_ID=" + "4815162342-" + r(32).lower() + ".apps.googleusercontent.com"),
    ("next page token", "next_page_token: " + r(40, B64.replace("+", "-").replace("/", "_"))),
    ("object key", "s3_key: uploads/2024/05/" + uuid() + ".pdf"),
    ("kms key arn", "kms_key_id = arn:aws:kms:eu-west-1:123456789012:key/" + uuid()),
    ("cache key", 'cache_key = "v2-deps-' + hexs(40) + '"'),
    # empty values must not take the next line
    ("empty env value", "API_KEY=\nPORT=8080\nLOG_LEVEL=info"),
    ("empty yaml value", "password:\nusername: deploy"),
    # PEM bodies that are not keys
    ("pem placeholder in json", '{"private_key": "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n"}'),
    ("base64 pem placeholder", "tls.key: LS0tLS1CRUdJTiBFTkNSWVBURUQgUFJJVkFURSBLRVktLS0tLQpNSUlFcEFJQkFBS0NBUUVBLi4uCi0tLS0tRU5EIEVOQ1JZUFRFRCBQUklWQVRFIEtFWS0tLS0t"),
    # command lines, SQL and prose with references instead of values
    ("psexec variable", "psexec \\\\%HOST% -u %USER% -p %PASS% cmd"),
    ("sshpass env", 'sshpass -p "$SSH_PASS" scp build.tgz deploy@host:/srv'),
    ("sql variable", "CREATE USER app WITH PASSWORD '${DB_PASSWORD}';"),
    ("net user prompt", "net user backup * /add"),
    ("table header", "KEY               VALUE\nToken             <redacted>"),
    ("prose with password reset", "Log in with password reset link sent to your inbox."),
    ("use as prose", "You can use this endpoint as the token exchange for mobile clients."),
    ("login prose", "login: please use SSO / contact IT"),
    ("comparison with variable", "if password == confirm_password:\n    return True"),
    ("dotted code value", "token = self.auth.token"),
    ("typed parameter", 'def connect(host: str, password: str = "") -> None:'),
    ("typed field", "interface Creds {\n  password: string;\n  token?: string;\n}"),
    ("typed none", "api_key: Optional[str] = None"),
    ("table with placeholder", "| `DB_PASSWORD` | `<your password>` |"),
    ("self-naming values", 'auth=("victim_username", "victim_password")\nREACT_APP_MAILER_PASSWORD=smtp_password'),
]


@pytest.fixture(scope="module")
def recognizer() -> SecretsRecognizer:
    return SecretsRecognizer()


@pytest.mark.parametrize(("name", "text"), NEAR_MISSES, ids=[n for n, _ in NEAR_MISSES])
def test_must_not_fire(recognizer: SecretsRecognizer, name: str, text: str) -> None:
    found = [(e.kind, text[e.start : e.end]) for e in recognizer.analyze(text)]
    assert found == [], f"{name}: unexpected secrets {found}"


def test_explain_gives_the_reason(recognizer: SecretsRecognizer) -> None:
    reasons = dict((rule, reason) for rule, _, reason in recognizer.explain("aws_access_key_id = AKIAIOSFODNN7EXAMPLE"))
    assert reasons["aws-access-key-id"] == "documented example key"
