"""Payments, commerce and crypto exchanges: Stripe, Square, PayPal/Braintree, Adyen, Shopify,
Flutterwave, Plaid, GoCardless, Razorpay, Paystack, Mollie, Checkout.com, Chargebee, Coinbase,
Binance, Kraken, KuCoin, Bittrex, EasyPost, Duffel, Shippo, Lob."""

from __future__ import annotations

from functools import partial

from accord.detect.secrets.rule import UUID, SecretRule, keyed_rule, prefixed_rule

_prefixed = partial(prefixed_rule, entropy=3.0, score=0.96)
_keyed = partial(keyed_rule, entropy=3.0, score=0.86)


RULES: tuple[SecretRule, ...] = (
    # Stripe: test-mode keys are secrets too (they read and write the account's test data).
    _prefixed("stripe-secret-key", r"sk_(?:live|test|prod)_[A-Za-z0-9]{24,247}", ("sk_live_", "sk_test_", "sk_prod_"),
              "Stripe secret API key (live or test mode)", score=0.97),
    _prefixed("stripe-restricted-key", r"rk_(?:live|test|prod)_[A-Za-z0-9]{24,247}", ("rk_live_", "rk_test_", "rk_prod_"),
              "Stripe restricted API key", score=0.97),
    _prefixed("stripe-webhook-secret", r"whsec_[A-Za-z0-9+/=]{32,100}", ("whsec_",), "Stripe webhook signing secret",
              entropy=3.5),
    _prefixed("square-access-token", r"sq0atp-[A-Za-z0-9_\-]{22}|EAAA[A-Za-z0-9_\-]{60}", ("sq0atp-", "eaaa"),
              "Square access token (sq0atp- legacy, EAAA current)", entropy=3.5),
    _prefixed("square-oauth-secret", r"sq0csp-[A-Za-z0-9_\-]{43}", ("sq0csp-",), "Square OAuth application secret",
              entropy=3.5),
    _prefixed("braintree-access-token", r"access_token\$(?:production|sandbox)\$[a-z0-9]{16}\$[a-f0-9]{32}",
              ("access_token$",), "PayPal Braintree access token", score=0.98),
    _keyed("paypal-client-secret", r"paypal[\w.\-]{0,20}(?:secret|token)", r"[A-Za-z0-9_\-]{80}", ("paypal",),
           "PayPal REST client secret (80 characters) next to a PayPal name", entropy=4.0),
    _keyed("braintree-private-key", r"braintree[\w.\-]{0,20}(?:private[_\-.]?key|secret)", r"[a-f0-9]{32}",
           ("braintree",), "Braintree private key (32 hex) next to a Braintree name"),
    _keyed("adyen-api-key", r"adyen", r"AQE[A-Za-z0-9_\-+/=.]{50,300}", ("adyen",),
           "Adyen API key (AQE prefix) next to an Adyen name", entropy=4.0, score=0.9),
    _prefixed("shopify-access-token", r"shp(?:at|ca|pa)_[a-fA-F0-9]{32}", ("shpat_", "shpca_", "shppa_"),
              "Shopify admin / custom / private app access token", score=0.97),
    _prefixed("shopify-shared-secret", r"shpss_[a-fA-F0-9]{32}", ("shpss_",), "Shopify app shared secret", score=0.97),
    _prefixed("flutterwave-secret-key", r"FLWSECK(?:_TEST)?-[a-h0-9]{32}-X", ("flwseck",), "Flutterwave secret key"),
    _prefixed("flutterwave-encryption-key", r"FLWSECK(?:_TEST)?[a-h0-9]{12}", ("flwseck",),
              "Flutterwave encryption key", score=0.9),
    _prefixed("plaid-access-token", rf"access-(?:sandbox|development|production)-{UUID}", ("access-",),
              "Plaid access token", score=0.95),
    _keyed("plaid-secret", r"plaid[\w.\-]{0,20}secret", r"[a-f0-9]{30}", ("plaid",),
           "Plaid secret (30 hex) next to a Plaid name"),
    _keyed("gocardless-access-token", r"gocardless", r"(?:live|sandbox)_[A-Za-z0-9_=\-]{40}", ("gocardless",),
           "GoCardless access token next to a GoCardless name", entropy=3.5, score=0.92),
    _prefixed("razorpay-key-id", r"rzp_(?:live|test)_[A-Za-z0-9]{14}", ("rzp_",), "Razorpay key id", score=0.9),
    _keyed("razorpay-key-secret", r"razorpay[\w.\-]{0,20}secret", r"[A-Za-z0-9]{24}", ("razorpay",),
           "Razorpay key secret next to a Razorpay name", entropy=3.5),
    _prefixed("paystack-secret-key", r"sk_(?:live|test)_[a-f0-9]{40}", ("sk_live_", "sk_test_"),
              "Paystack secret key (sk_live_/sk_test_ + 40 hex)", score=0.975),
    _keyed("mollie-api-key", r"mollie", r"(?:live|test)_[A-Za-z0-9]{30}", ("mollie",),
           "Mollie API key next to a Mollie name", entropy=3.5, score=0.92),
    _keyed("checkout-secret-key", r"checkout[\w.\-]{0,20}(?:secret|key)", r"sk_(?:sbox_)?[a-z0-9]{26}|sk_(?:sbox_)?" + UUID,
           ("checkout",), "Checkout.com secret key next to a Checkout name", score=0.9),
    _keyed("chargebee-api-key", r"chargebee", r"(?:live|test)_[A-Za-z0-9]{28,34}", ("chargebee",),
           "Chargebee API key next to a Chargebee name", entropy=3.5, score=0.92),
    _keyed("coinbase-access-token", r"coinbase", r"[A-Za-z0-9_\-]{64}", ("coinbase",),
           "Coinbase access token next to a Coinbase name", entropy=3.5),
    _keyed("binance-api-key", r"binance", r"[A-Za-z0-9]{64}", ("binance",),
           "Binance API key / secret (64 characters) next to a Binance name", entropy=3.5),
    _keyed("kraken-access-token", r"kraken", r"[A-Za-z0-9/=_+\-]{80,90}", ("kraken",),
           "Kraken API key / private key next to a Kraken name", entropy=4.0),
    _keyed("kucoin-access-token", r"kucoin", rf"[a-f0-9]{{24}}|{UUID}", ("kucoin",),
           "KuCoin API key / secret next to a KuCoin name"),
    _keyed("bittrex-access-key", r"bittrex", r"[a-z0-9]{32}", ("bittrex",),
           "Bittrex access / secret key next to a Bittrex name"),
    _prefixed("easypost-api-token", r"EZ[AT]K[A-Za-z0-9]{54}", ("ezak", "eztk"), "EasyPost production / test API key",
              entropy=3.5),
    _prefixed("duffel-api-token", r"duffel_(?:test|live)_[A-Za-z0-9_\-=]{43}", ("duffel_",), "Duffel API token"),
    _prefixed("shippo-api-token", r"shippo_(?:live|test)_[a-fA-F0-9]{40}", ("shippo_",), "Shippo API token"),
    _keyed("lob-api-key", r"\blob[_\-.]", r"(?:live|test)_(?:pub_)?[a-f0-9]{31,35}", ("lob",),
           "Lob API key next to a Lob name", score=0.9),
    _keyed("finicity-secret", r"finicity", r"[a-f0-9]{32}|[A-Za-z0-9]{20}", ("finicity",),
           "Finicity API token / client secret next to a Finicity name"),
)
