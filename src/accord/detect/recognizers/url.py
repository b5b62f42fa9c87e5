"""URL: scheme URLs and bare `www.` hosts. Low base score: URLs are rarely sensitive by themselves."""

from accord.detect.recognizers.base import Pattern, PatternRecognizer

# Each pattern consumes the character that ends the URL (or the end of text) so that Hyperscan
# reports one end per URL instead of one per character; `strip` then trims it.
_TAIL = r"[^\s<>\"'`]{2,}(?:[\s<>\"'`]|$)"

RECOGNIZER = PatternRecognizer(
    name="url",
    entity="URL",
    patterns=(
        Pattern("url-scheme", rf"\b(?:https?|ftp|sftp|wss?)://[A-Za-z0-9]{_TAIL}", 0.6, caseless=True),
        Pattern("url-www", rf"\bwww\.[A-Za-z0-9\-]+\.[A-Za-z]{_TAIL}", 0.55, caseless=True),
    ),
    strip=".,;:!?)]}'\"<>` \t\r\n",
)
