"""AI and ML providers: OpenAI, Anthropic, Hugging Face, Cohere, Replicate, Groq, Perplexity,
xAI, Mistral, DeepSeek, Together, Fireworks, OpenRouter, NVIDIA, LangSmith, Pinecone, Weights &
Biases, ElevenLabs, AssemblyAI, Deepgram, Voyage, Stability, Anyscale."""

from __future__ import annotations

from functools import partial

from accord.detect.secrets.rule import SecretRule, keyed_rule, prefixed_rule

_prefixed = partial(prefixed_rule, entropy=3.5, score=0.97)
_keyed = partial(keyed_rule, entropy=3.5, score=0.88)


RULES: tuple[SecretRule, ...] = (
    # OpenAI keys embed "T3BlbkFJ" (base64 of "OpenAI") in their middle.
    _prefixed("openai-api-key",
              r"sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_\-]{20,250}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}",
              ("sk-",), "OpenAI API key (project sk-proj-, service account sk-svcacct-, admin, legacy)", score=0.97),
    _prefixed("openai-api-key-legacy", r"sk-[A-Za-z0-9]{48}", ("sk-",),
              "OpenAI-style secret key (sk- + 48 alphanumerics; also used by compatible APIs)", score=0.9),
    _prefixed("anthropic-api-key", r"sk-ant-api\d\d-[A-Za-z0-9_\-]{80,120}", ("sk-ant-api",), "Anthropic API key",
              score=0.98),
    _prefixed("anthropic-admin-key", r"sk-ant-admin\d\d-[A-Za-z0-9_\-]{80,120}", ("sk-ant-admin",),
              "Anthropic Admin API key", score=0.98),
    _prefixed("anthropic-oauth-token", r"sk-ant-o(?:at|rt)\d\d-[A-Za-z0-9_\-]{80,120}", ("sk-ant-o",),
              "Anthropic OAuth access / refresh token (Claude Code)", score=0.98),
    _prefixed("huggingface-token", r"hf_[A-Za-z]{34}", ("hf_",), "Hugging Face user access token", entropy=3.0),
    _prefixed("huggingface-org-token", r"api_org_[A-Za-z]{34}", ("api_org_",), "Hugging Face organisation API token",
              entropy=3.0),
    _keyed("cohere-api-key", r"cohere|co[_\-.]?api[_\-.]?key", r"[A-Za-z0-9]{40}", ("cohere", "co_api", "co-api"),
           "Cohere API key (40 characters) next to a Cohere name", entropy=4.0),
    _prefixed("replicate-api-token", r"r8_[A-Za-z0-9]{37}", ("r8_",), "Replicate API token"),
    _prefixed("groq-api-key", r"gsk_[A-Za-z0-9]{52}", ("gsk_",), "Groq API key"),
    _prefixed("perplexity-api-key", r"pplx-[A-Za-z0-9]{48}", ("pplx-",), "Perplexity API key"),
    _prefixed("xai-api-key", r"xai-[A-Za-z0-9]{80}", ("xai-",), "xAI (Grok) API key"),
    _keyed("mistral-api-key", r"mistral", r"[A-Za-z0-9]{32}", ("mistral",),
           "Mistral AI API key next to a Mistral name"),
    _keyed("deepseek-api-key", r"deepseek", r"sk-[a-f0-9]{32}", ("deepseek",),
           "DeepSeek API key next to a DeepSeek name", entropy=3.0, score=0.92),
    _keyed("together-api-key", r"together", r"[a-f0-9]{64}|tgp_v1_[A-Za-z0-9_\-]{43}", ("together",),
           "Together AI API key next to a Together name", entropy=3.0),
    _prefixed("fireworks-api-key", r"fw_[A-Za-z0-9]{24}", ("fw_",), "Fireworks AI API key", score=0.9),
    _prefixed("openrouter-api-key", r"sk-or-v1-[a-f0-9]{64}", ("sk-or-v1-",), "OpenRouter API key", entropy=3.0),
    _prefixed("nvidia-api-key", r"nvapi-[A-Za-z0-9_\-]{64}", ("nvapi-",), "NVIDIA NGC / NIM API key"),
    _prefixed("langsmith-api-key", r"lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}", ("lsv2_",),
              "LangSmith personal / service key", entropy=3.0),
    _prefixed("pinecone-api-key", r"pcsk_[A-Za-z0-9]{5,6}_[A-Za-z0-9]{40,70}", ("pcsk_",), "Pinecone API key"),
    _keyed("pinecone-api-key-legacy", r"pinecone", r"[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}",
           ("pinecone",), "Pinecone legacy API key (UUID) next to a Pinecone name", entropy=3.0),
    _keyed("wandb-api-key", r"wandb|weights[_\-.]?and[_\-.]?biases", r"[a-f0-9]{40}|local-[a-f0-9]{40}",
           ("wandb", "weights"), "Weights & Biases API key next to a wandb name", entropy=3.0),
    _prefixed("elevenlabs-api-key", r"sk_[a-f0-9]{48}", ("sk_",), "ElevenLabs API key", entropy=3.0, score=0.9),
    _keyed("assemblyai-api-key", r"assembly[_\-.]?ai", r"[a-f0-9]{32}", ("assembly",),
           "AssemblyAI API key next to an AssemblyAI name", entropy=3.0),
    _keyed("deepgram-api-key", r"deepgram", r"[a-f0-9]{40}", ("deepgram",),
           "Deepgram API key next to a Deepgram name", entropy=3.0),
    _prefixed("voyage-api-key", r"pa-[A-Za-z0-9_\-]{43}", ("pa-",), "Voyage AI API key", score=0.85),
    _keyed("stability-api-key", r"stability", r"sk-[A-Za-z0-9]{48}", ("stability",),
           "Stability AI API key next to a Stability name", score=0.93),
    _prefixed("anyscale-api-key", r"esecret_[A-Za-z0-9]{26}", ("esecret_",), "Anyscale endpoint secret"),
    _keyed("gemini-api-key", r"gemini|google[_\-.]?ai|generative[_\-.]?ai", r"AIza[0-9A-Za-z_\-]{35}",
           ("gemini", "google", "generative"), "Google Gemini / AI Studio API key next to a Gemini name", score=0.96),
    _keyed("azure-ai-search-key", r"search[_\-.]?(?:api[_\-.]?)?(?:admin[_\-.]?)?key|azure[_\-.]?search",
           r"[A-Za-z0-9]{52}", ("search",), "Azure AI Search admin key next to a search key name"),
)
