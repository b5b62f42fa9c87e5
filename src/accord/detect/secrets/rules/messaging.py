"""E-mail and SMS APIs: SendGrid, Mailgun, Mailchimp/Mandrill, Postmark, Brevo (Sendinblue),
Twilio, Vonage, Plivo, Mailjet, SparkPost, MailerSend, Resend, MessageBird, Sendbird, Intercom."""

from __future__ import annotations

from functools import partial

from accord.detect.secrets.rule import UUID, SecretRule, keyed, keyed_rule, tok

_keyed = partial(keyed_rule, entropy=3.0, score=0.86)


RULES: tuple[SecretRule, ...] = (
    SecretRule(
        id="sendgrid-api-key",
        description="SendGrid API key (SG.<22>.<43>)",
        pattern=tok(r"SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}"),
        keywords=("sg.",),
        entropy=3.5,
        score=0.98,
    ),
    SecretRule(
        id="mailgun-api-key",
        description="Mailgun private API key (key- + 32 hex)",
        pattern=tok(r"key-[a-f0-9]{32}"),
        keywords=("key-",),
        entropy=3.0,
        score=0.9,
    ),
    SecretRule(
        id="mailgun-api-key-v2",
        description="Mailgun API key, current format (<32 hex>-<8 hex>-<8 hex>) next to a Mailgun name",
        # (Not as a bare token: a pattern that starts with a hex class costs every scan a lot.)
        pattern=keyed(r"mailgun", r"[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}"),
        keywords=("mailgun",),
        entropy=3.0,
        score=0.92,
    ),
    SecretRule(
        id="mailchimp-api-key",
        description="Mailchimp Marketing API key (32 hex + data-centre suffix -usNN)",
        pattern=tok(r"[a-f0-9]{32}-us[0-9]{1,2}"),
        keywords=("-us",),
        entropy=3.0,
        score=0.93,
    ),
    _keyed("mandrill-api-key", r"mandrill", r"[A-Za-z0-9_\-]{22}", ("mandrill",),
           "Mailchimp Transactional (Mandrill) API key next to a Mandrill name", entropy=3.5),
    _keyed("postmark-server-token", r"postmark", UUID, ("postmark",),
           "Postmark server / account API token (UUID) next to a Postmark name", score=0.9),
    SecretRule(
        id="brevo-api-key",
        description="Brevo (Sendinblue) API / SMTP key (xkeysib- / xsmtpsib- + 64 hex + 16)",
        pattern=tok(r"x(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16}"),
        keywords=("xkeysib-", "xsmtpsib-"),
        entropy=3.0,
        score=0.98,
    ),
    SecretRule(
        id="twilio-api-key",
        description="Twilio API key SID (SK + 32 hex)",
        pattern=tok(r"SK[0-9a-fA-F]{32}", left="A-Za-z0-9", right="A-Za-z0-9"),
        keywords=("sk",),
        entropy=3.0,
        validator=lambda v: any(c.isdigit() for c in v[2:]) and any(c.isalpha() for c in v[2:]),
        score=0.9,
    ),
    _keyed("twilio-auth-token", r"twilio[\w.\-]{0,20}(?:auth[_\-.]?token|secret|api[_\-.]?key)|TWILIO_TOKEN",
           r"[A-Za-z0-9]{32}", ("twilio",), "Twilio auth token / API key secret next to a Twilio name",
           entropy=3.5, score=0.9),
    SecretRule(
        id="twilio-auth-token-positional",
        description="Twilio auth token passed right after its account SID: Client('AC...', '<token>'), new Twilio(sid, token)",
        pattern=r"(?<![A-Za-z0-9])AC[0-9a-f]{32}[\"'`][ \t]{0,4},[ \t]{0,4}[\"'`](?P<secret>[0-9a-f]{32})[\"'`]",
        keywords=("ac",),
        entropy=3.0,
        score=0.9,
    ),
    _keyed("vonage-api-secret", r"(?:vonage|nexmo)[\w.\-]{0,20}secret", r"[A-Za-z0-9]{16}", ("vonage", "nexmo"),
           "Vonage (Nexmo) API secret next to a Vonage name", entropy=3.0),
    _keyed("plivo-auth-token", r"plivo[\w.\-]{0,20}(?:token|secret)", r"[A-Za-z0-9]{40}", ("plivo",),
           "Plivo auth token next to a Plivo name", entropy=3.5),
    _keyed("mailjet-api-secret", r"mailjet[\w.\-]{0,20}(?:secret|key)|MJ_APIKEY_PRIVATE", r"[a-f0-9]{32}",
           ("mailjet", "mj_apikey"), "Mailjet API secret key next to a Mailjet name"),
    _keyed("sparkpost-api-key", r"sparkpost", r"[a-f0-9]{40}", ("sparkpost",),
           "SparkPost API key next to a SparkPost name"),
    SecretRule(
        id="mailersend-api-token",
        description="MailerSend API token (mlsn. + 64 hex)",
        pattern=tok(r"mlsn\.[a-f0-9]{64}"),
        keywords=("mlsn.",),
        entropy=3.0,
        score=0.97,
    ),
    SecretRule(
        id="resend-api-key",
        description="Resend API key (re_<8>_<24>)",
        pattern=tok(r"re_[A-Za-z0-9]{8}_[A-Za-z0-9]{24}"),
        keywords=("re_",),
        entropy=3.5,
        score=0.95,
    ),
    _keyed("messagebird-api-key", r"message[_\-.]?bird", rf"[A-Za-z0-9]{{25}}|{UUID}", ("messagebird", "message"),
           "MessageBird API key next to a MessageBird name"),
    _keyed("sendbird-api-token", r"sendbird", r"[a-f0-9]{40}", ("sendbird",),
           "Sendbird API token next to a Sendbird name"),
    _keyed("intercom-access-token", r"intercom", r"[A-Za-z0-9=_\-]{59,60}", ("intercom",),
           "Intercom access token next to an Intercom name", entropy=3.5),
    _keyed("telnyx-api-key", r"telnyx", r"KEY[A-Z0-9]{32}_[A-Za-z0-9]{22}", ("telnyx",),
           "Telnyx API v2 key next to a Telnyx name"),
)
