"""Chat and webhooks: Slack, Discord, Telegram, Microsoft Teams / Power Automate, Google Chat,
Mattermost, Gitter, Zulip, Twitch, LINE."""

from __future__ import annotations

from functools import partial

from accord.detect.secrets.rule import UUID, SecretRule, keyed_rule, tok

_URL_END = r"(?![A-Za-z0-9_\-])"


def _slack(rule_id: str, body: str, keywords: tuple[str, ...], description: str, score: float = 0.97) -> SecretRule:
    return SecretRule(id=rule_id, description=description, pattern=tok(body), keywords=keywords, entropy=3.0,
                      score=score)
_keyed = partial(keyed_rule, entropy=3.5, score=0.86)


RULES: tuple[SecretRule, ...] = (
    _slack("slack-bot-token", r"xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24,34}", ("xoxb-",), "Slack bot token"),
    _slack("slack-bot-token-legacy", r"xoxb-[0-9]{8,14}-[A-Za-z0-9]{18,26}", ("xoxb-",), "Slack legacy bot token",
           score=0.95),
    _slack("slack-user-token", r"xoxp-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{28,34}", ("xoxp-",),
           "Slack user token"),
    _slack("slack-app-token", r"xapp-\d-[A-Z0-9]{9,12}-\d{10,14}-[a-f0-9]{40,80}", ("xapp-",),
           "Slack app-level token"),
    _slack("slack-config-token", r"xoxe\.xox[bp]-\d-[A-Za-z0-9]{150,180}|xoxe-\d-[A-Za-z0-9]{140,160}", ("xoxe",),
           "Slack configuration access / refresh token"),
    _slack("slack-legacy-token", r"xox[os]-\d{5,15}-\d{5,15}-\d{5,15}-[a-fA-F0-9]{20,64}", ("xoxo-", "xoxs-"),
           "Slack legacy (workspace / session) token"),
    _slack("slack-workspace-token", r"xox[ar]-(?:\d-)?[0-9a-zA-Z]{8,48}", ("xoxa-", "xoxr-"),
           "Slack workspace access / refresh token", score=0.93),
    SecretRule(
        id="slack-webhook-url",
        description="Slack incoming webhook / workflow trigger URL",
        pattern=r"(?P<secret>https?://hooks\.slack\.com/(?:services|workflows|triggers)/T[A-Z0-9]{6,12}/"
        r"[A-Za-z0-9]{6,12}/[A-Za-z0-9/]{16,80})" + _URL_END,
        keywords=("hooks.slack.com",),
        score=0.97,
    ),
    SecretRule(
        id="discord-bot-token",
        description="Discord bot token (base64 user id . timestamp . HMAC)",
        pattern=tok(r"[MNO][A-Za-z0-9_\-]{23,27}\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27,40}", left="A-Za-z0-9_\\-."),
        entropy=4.0,
        validator=lambda v: any(c.isdigit() for c in v) and any(c.isupper() for c in v[2:]),
        score=0.9,
    ),
    SecretRule(
        id="discord-webhook-url",
        description="Discord webhook URL (id + token)",
        pattern=r"(?P<secret>https?://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/\d{17,20}/[A-Za-z0-9_\-]{60,70})"
        + _URL_END,
        keywords=("/api/webhooks/",),
        score=0.97,
    ),
    _keyed("discord-client-secret", r"discord[\w.\-]{0,20}(?:secret|token)", r"[A-Za-z0-9_\-]{32}|[a-f0-9]{64}",
           ("discord",), "Discord OAuth client secret next to a Discord name"),
    SecretRule(
        id="telegram-bot-token",
        description="Telegram Bot API token (<bot id>:AA<33 characters>)",
        # Also inside Bot API URLs: https://api.telegram.org/bot<token>/sendMessage
        pattern=r"(?:(?<=bot)|(?<![A-Za-z0-9_\-:]))(?P<secret>[0-9]{8,10}:AA[A-Za-z0-9_\-]{33})(?![A-Za-z0-9_\-])",
        keywords=(":aa",),
        entropy=3.5,
        score=0.95,
    ),
    SecretRule(
        id="microsoft-teams-webhook",
        description="Microsoft Teams incoming webhook URL (webhook.office.com / outlook.office.com)",
        # (the legacy host has no tenant part: https://outlook.office.com/webhook/...)
        pattern=r"(?P<secret>https://(?:[a-z0-9\-]{1,40}\.)?(?:webhook|outlook)\.office(?:365)?\.com/webhook(?:b2)?/"
        rf"{UUID}@{UUID}/IncomingWebhook/[a-f0-9]{{32}}/{UUID}(?:/[A-Za-z0-9_\-]{{10,60}})?)" + _URL_END,
        keywords=("office",),
        score=0.97,
    ),
    SecretRule(
        id="power-automate-webhook",
        description="Power Automate / Logic Apps HTTP trigger URL (Teams workflows): the sig parameter",
        pattern=r"\.logic\.azure\.com(?::443)?/workflows/[a-f0-9]{32}/triggers/[^\s\"'?]{1,200}\?[^\s\"']{0,300}?sig="
        r"(?P<secret>[A-Za-z0-9_\-%]{40,50})",
        keywords=("logic.azure.com",),
        score=0.95,
    ),
    SecretRule(
        id="google-chat-webhook",
        description="Google Chat incoming webhook URL: the token parameter",
        pattern=r"chat\.googleapis\.com/v1/spaces/[A-Za-z0-9_\-]{5,20}/messages\?[^\s\"']{0,100}?token="
        r"(?P<secret>[A-Za-z0-9_\-%]{30,80})",
        keywords=("chat.googleapis.com",),
        score=0.95,
    ),
    _keyed("mattermost-access-token", r"mattermost", r"[a-z0-9]{26}", ("mattermost",),
           "Mattermost personal access token next to a Mattermost name"),
    _keyed("gitter-access-token", r"gitter", r"[a-z0-9_\-]{40}", ("gitter",), "Gitter access token"),
    _keyed("zulip-api-key", r"zulip", r"[A-Za-z0-9]{32}", ("zulip",), "Zulip API key next to a Zulip name"),
    _keyed("twitch-api-token", r"twitch", r"[a-z0-9]{30}", ("twitch",), "Twitch API token next to a Twitch name"),
    _keyed("line-channel-token", r"line[_\-.]?(?:channel|notify|bot)[\w.\-]{0,20}(?:token|secret)",
           r"[A-Za-z0-9+/=]{32,200}", ("line",), "LINE messaging channel access token / secret"),
    _keyed("rocketchat-token", r"rocket[_\-.]?chat[\w.\-]{0,20}token", r"[A-Za-z0-9_\-]{43}", ("rocket",),
           "Rocket.Chat personal access token"),
)
