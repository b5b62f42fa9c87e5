"""Built-in secret rules, one module per family; each module exports `RULES: tuple[SecretRule, ...]`.

Every rule is written from the provider's documented token format (prefix, alphabet, length,
checksum). Open-source scanners' rule lists (gitleaks, trufflehog, Nosey Parker, detect-secrets)
served only as a checklist of which providers exist.
"""
