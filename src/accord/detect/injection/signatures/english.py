"""English signatures, by family. Input is casefolded and normalised (homoglyphs, invisibles, NFKC)."""

from __future__ import annotations

from accord.detect.injection.signatures import Signature

G = "[^.!?\\n]*"  # a gap inside one sentence (unbounded: bounded repeats compile to huge automata)

DROP = (r"(?:ignore|ignoring|disregard|disregarding|forget|forgetting|skip|bypass|override|overlook|neglect|dismiss|"
        r"discard|abandon|drop|erase|delete|clear|reset|cancel|void|nullify|set\s+aside|throw\s+(?:away|out)|"
        r"pay\s+no\s+attention\s+to|(?:do\s+not|don'?t|never|stop|no\s+longer|cease)\s+(?:follow(?:ing)?|obey(?:ing)?|"
        r"adher(?:e|ing)\s+to|comply(?:ing)?\s+with|listen(?:ing)?\s+to)|deviate\s+from|break\s+free\s+(?:of|from)|"
        r"free\s+yourself\s+from|unlearn)")
TEMPORAL = r"(?:previous|previously|prior|above|earlier|preceding|foregoing|former|initial|original|old|system|developer)"
RULES = (r"(?:instructions?|directions?|prompts?|rules|guidelines|guardrails|constraints|restrictions|directives|"
         r"commands|orders|programming|polic(?:y|ies)|safeguards|limitations|filters|training|conditioning|"
         r"configuration|guidance|protocols?|principles|system\s+message|setup)")
WEAK_OBJ = r"(?:context|messages?|text|content|input|conversation|tasks?|requests?|everything|all\s+of\s+that)"
AI = (r"(?:ai|a\.i\.|llm|large\s+language\s+model|language\s+model|(?:ai\s+)?assistant|chatbot|bot|gpt|chatgpt|claude|"
      r"gemini|copilot|bard|(?:ai\s+)?agent|ai[\s-]+agents?|ai\s+model|model|automated\s+(?:system|agent|tool)|"
      r"summari[sz]er|(?:automated\s+)?(?:screening|review|grading|hiring|ranking|triage)\s+(?:system|tool|software|bot))")
DOCS = (r"(?:e-?mail|document|page|text|article|message|resume|cv|file|review|website|web\s?page|content|data|thread|"
        r"code|repo(?:sitory)?|pull\s+request|ticket|invite|invitation|event|listing|product|transcript|comment|post|"
        r"note|pdf|table|spreadsheet|report)")
REVEAL = (r"(?:reveal|show|print|output|display|repeat|recite|tell|give|share|leak|disclose|spell(?:\s+out)?|"
          r"write(?:\s+(?:out|down))?|dump|list|echo|return|provide|copy|paste|expose|read\s+back|summari[sz]e|"
          r"translate|paraphrase|render|type\s+out|send|include|add|attach|append|insert|put|describe|explain|quote|"
          r"what\s+(?:is|are|was|were))")
SECRET = (r"(?:system\s+(?:prompt|message|instructions?|directives?|configuration|rules|card)|"
          r"(?:initial|original|hidden|secret|internal|pre-?|starting|first|developer|confidential|full|exact|"
          r"complete|underlying|base|entire|previous|above)\s+(?:prompts?|instructions?|message|directives?|rules|"
          r"configuration|guidelines)|(?:your|the)\s+(?:instructions|prompt|rules|guidelines|directives|"
          r"configuration)|password|passphrase|secret\s+(?:key|word|code|phrase)|access\s+code|api\s+keys?|"
          r"(?:everything|all|the\s+text|the\s+words|the\s+content)\s+(?:above|before\s+this|prior)|"
          r"(?:text|words|lines|content)\s+(?:above|before)\s+(?:this|the)|unique\s+id|"
          r"(?:what|how)\s+you\s+(?:were|have\s+been)\s+(?:told|instructed|programmed|configured)|"
          r"conversation\s+history|context\s+window)")
RESTRICT = (r"(?:restrictions|filters?|filtering|limitations|limits|rules|censorship|guidelines|"
            r"ethical\s+(?:guidelines|constraints|boundaries|principles)|moral\s+(?:guidelines|constraints|compass)|"
            r"boundaries|constraints|content\s+polic(?:y|ies)|safeguards|safety\s+(?:guidelines|measures|filters|"
            r"protocols|features|settings)|guardrails|ethics|morals)")


def _s(id: str, family: str, strength: str, pattern: str) -> Signature:
    return Signature(f"{id}/en", family, strength, pattern)  # type: ignore[arg-type]


SIGNATURES: tuple[Signature, ...] = (
    # --- override ---------------------------------------------------------------------------------------
    _s("override-everything", "override", "weak",
       rf"\b{DROP}\s+(?:everything|anything|all\s+that|what)\b{G}\b(?:above|before|previously|earlier|said|told|"
       r"written|instructed|so\s+far)\b"),
    _s("override-rest", "override", "strong",
       rf"\b{DROP}\s+(?:the\s+rest\s+of\s+(?:this|the|these)|everything\s+(?:else|except|but)|all\s+(?:other\s+)?(?:info|"
       r"information|data|content|text|context)\s+(?:except|but|other\s+than|apart\s+from))\b"),
    _s("override-nevermind", "override", "strong", rf"\bnever\s?mind\b{G}\b(?:ignore|instead|just|forget)\b"),
    _s("override-stop", "override", "strong",
       r"\bstop\s+(?:everything|what\s+you(?:'re|\s+are)\s+doing|(?:the|your)\s+(?:current\s+)?task)\b"),
    _s("override-void", "override", "strong",
       rf"\b(?:the|all|any)\s+(?:above|previous|preceding|prior|earlier)\s+(?:{RULES}|text|task|message)\s+"
       r"(?:is|are|was|were)\s+(?:now\s+)?(?:a\s+|an\s+)?(?:fake|false|wrong|outdated|obsolete|cancel+ed|void|null|"
       r"a\s+test|mistake|incorrect|no\s+longer\s+valid|revoked|overridden|deprecated|superseded|suspended|lifted|"
       r"disabled|replaced|invalid|cancell?ed)"),
    _s("override-passive", "override", "strong",
       rf"\b(?:all\s+|any\s+|your\s+)?(?:earlier|previous|prior|above|preceding|original|initial|old)\s+(?:\w+\s+)?{RULES}"
       r"\s+(?:are|is|were|have\s+been|has\s+been)\s+(?:now\s+|hereby\s+|temporarily\s+)?(?:superseded|overridden|"
       r"cancell?ed|revoked|void|null|invalid|obsolete|lifted|suspended|disabled|paused|deactivated|removed|switched\s+off|"
       r"turned\s+off|expired|no\s+longer\s+(?:valid|active|in\s+effect|apply|applicable))"),
    _s("override-supersede", "override", "strong",
       rf"\b(?:overrides?|supersedes?|takes?\s+precedence\s+over|cancels?)\s+(?:all\s+|any\s+)?"
       rf"(?:previous|prior|other|earlier|the\s+above|your|existing|original)\s+{RULES}"),
    _s("override-replace", "override", "weak",
       rf"\breplaces?\s+(?:all\s+|any\s+)?(?:previous|prior|other|earlier|the\s+above|your|existing|original)\s+{RULES}"),
    _s("override-addition", "override", "strong",
       r"\bin\s+addition\s+to\s+(?:the|your)\s+(?:previous|above|original|current)\s+(?:task|instructions?)"),
    _s("override-dont-task", "hijack", "weak",
       rf"\b(?:do\s+not|don'?t|instead\s+of)\s+(?:summari[sz]e|summari[sz]ing|translate|translating|answer|answering|"
       rf"analy[sz]e|respond\s+to|complete|perform|follow)\s+(?:the|this|that|any|my)\s+{DOCS}?"),
    # --- new instructions --------------------------------------------------------------------------------
    _s("new-task", "new-instructions", "strong",
       r"\byour\s+(?:new|real|actual|true|only|updated|next|primary)\s+(?:task|job|goal|instructions?|purpose|"
       r"objective|mission|role|directive)\s+(?:is|are|will\s+be|now)\b"),
    _s("new-header", "new-instructions", "weak",
       r"\b(?:new|updated|revised|important|additional|urgent|real|secret|hidden|priority|critical)\s+"
       r"(?:instructions?|task|directives?|orders|rules)\s*(?:[:!*#=-]|\bfollow)"),
    _s("from-now-on", "persona", "weak",
       r"\b(?:from\s+now\s+on|from\s+this\s+(?:point|moment)\s+(?:on|forward)|henceforth|for\s+the\s+rest\s+of\s+this"
       r"\s+conversation),?\s+(?:you|your|ignore|respond|answer|reply|only|always|act|do\s+not|never)"),
    # --- leak --------------------------------------------------------------------------------------------
    _s("leak-verbatim", "leak", "strong",
       r"\b(?:verbatim|word\s+for\s+word|in\s+full|exactly\s+as\s+(?:written|given))\b" + G
       + r"\b(?:instructions|prompt|system|above|everything)\b|\b(?:instructions|prompt|above|everything)\b"
       + G + r"\b(?:verbatim|word\s+for\s+word)\b"),
    _s("leak-begin-with", "leak", "strong",
       r"\b(?:start|begin)(?:ning|ing|s)?\s+with\s+[\"'`]?you\s+are\b|\b(?:above|preceding)\s+this\s+"
       r"(?:line|message|text|sentence)\b"),
    _s("leak-question", "leak", "strong",
       r"\bwhat\s+(?:were|are|was|is)\s+(?:you|your)\s+(?:told|instructed|initial|original|system|exact|secret|"
       r"first|hidden)\b(?:\s+(?:instructions?|prompt|message|rules))?"),
    _s("leak-reveal-your", "leak", "strong",
       rf"\b{REVEAL}\b{G}\b(?:your|the)\s+(?:(?:full|complete|entire|exact|whole|original|initial|hidden|secret|internal|"
       r"real|current|underlying|first|starting|opening)\s+){1,2}(?:system\s+prompt|system\s+message|instructions|prompt|"
       r"configuration|rules|guidelines|directives|preamble|setup)\b|\b(?:your|the)\s+(?:\w+\s+)?preamble\b"),
    _s("leak-session-start", "leak", "weak",
       r"\b(?:at|since|before)\s+the\s+(?:start|beginning)\s+of\s+(?:this|our|the)\s+(?:conversation|chat|session)\b|"
       r"\bbefore\s+(?:this|our|the)\s+(?:conversation|chat|session)\s+(?:started|began)\b"),
    _s("leak-mention", "leak", "weak", r"\bsystem\s+(?:prompt|message|instructions)\b|\binitial\s+prompt\b"),
    _s("leak-guarded", "leak", "strong",
       r"\b(?:secret|password|passphrase|code|key|phrase)s?\s+(?:that\s+)?you(?:'re|\s+are)?\s+(?:currently\s+)?"
       r"(?:guarding|protecting|keeping|hiding|holding|hold|keep|guard|protect|were\s+given)\b|\bwhat\s+(?:are|were)\s+"
       r"you\s+(?:not\s+(?:supposed|allowed|meant)|told\s+not|instructed\s+not)\s+to\b"),
    _s("leak-before-message", "leak", "strong",
       r"\b(?:text|words|everything|content|lines|instructions)\s+(?:that\s+)?(?:appears?\s+|comes?\s+|written\s+|"
       r"you\s+(?:were\s+)?(?:told|given)\s+)?(?:before|above|prior\s+to)\s+(?:my|this|the\s+user'?s?)\s+(?:first\s+)?"
       r"(?:message|question|input|query)\b"),
    # --- special modes and personas ----------------------------------------------------------------------
    # Named modes people ask about ("how do I enable developer mode on my phone") are their own weak feature;
    # jailbreak personas and "unrestricted mode" are attack vocabulary.
    _s("mode-name", "mode-name", "weak",
       r"\b(?:developer|dev|god|debug|admin(?:istrator)?|maintenance|sudo|root|safe|kiosk)\s+mode\b"),
    _s("mode-name-attack", "mode", "weak",
       r"\b(?:jailbre?a?k(?:en)?|unrestricted|unfiltered|uncensored|unlocked|evil|chaos|opposite|dan|stan|dude|"
       r"anti-?dan|omega|rebel|dark)\s+mode\b"),
    _s("mode-enable", "mode", "strong",
       rf"\b(?:enable|enter|activate|switch\s+to|turn\s+on|engage|unlock|initiate|boot\s+into|now\s+in|are\s+in)\b"
       rf"{G}\b(?:jailbreak|unrestricted|unfiltered|uncensored|dan|evil)\s+mode\b|\byou\s+(?:are\s+)?now\s+in\s+"
       r"(?:developer|god|debug|admin|sudo|maintenance)\s+mode\b|\b(?:developer|god|debug|admin|sudo)\s+mode\s+"
       r"(?:is\s+)?(?:now\s+)?(?:enabled|activated|active|engaged|on\s*[.!,;:\n])"),
    _s("mode-dan", "mode", "strong",
       r"\bdo\s+anything\s+now\b|\bdan\b[^\n]*\b(?:stands\s+for|can\s+do\s+anything|has\s+no|jailbreak)|"
       r"\[(?:\W*\s*)?(?:jailbreak|classic|dan|developer\s+mode\s+output|normal\s+output|jailbroken)\]"),
    _s("mode-freed", "mode", "strong",
       r"\b(?:you\s+are|you're|you\s+have\s+been|you've\s+been)\s+(?:now\s+)?(?:free|freed|unchained|liberated|"
       r"unrestricted|unfiltered|uncensored|jailbroken|unbound|released|no\s+longer\s+(?:bound|restricted|limited|"
       r"an?\s+ai|chatgpt|required))"),
    _s("mode-answer-as", "mode", "strong",
       r"\b(?:answer|respond|reply|act|speak)\s+(?:as|like)\s+(?:dan|an?\s+(?:unrestricted|unfiltered|uncensored|evil|"
       r"jailbroken|amoral|unethical)|if\s+you\s+(?:had|have)\s+no\s+(?:restrictions|rules|filters))|"
       r"\b(?:answer|respond|reply|act|operate|speak|talk|output)\s+(?:\w+\s+)?(?:without|with\s+no)\s+(?:any\s+)?"
       r"(?:restrictions|filters?|filtering|limits|limitations|censorship|rules|guidelines|safety)\b"),
    _s("mode-two-responses", "mode", "weak",
       r"\b(?:two|2|both)\s+(?:different\s+|separate\s+)?(?:responses|answers|ways|paragraphs|outputs)\b"),
    _s("persona-you-are-now", "persona", "weak",
       r"\byou\s+(?:are\s+now|will\s+now\s+(?:act|be|pretend|respond|play)|now\s+act|are\s+going\s+to\s+(?:act|"
       r"pretend|play))\b"),
    _s("persona-character", "persona", "weak", r"\b(?:stay|remain|staying)\s+in\s+character\b"),
    _s("persona-pretend", "persona", "weak",
       r"\b(?:pretend\s+(?:to\s+be|you\s+are|that\s+you)|act\s+as\s+(?:an?\s+|my\s+)?|roleplay\s+as|role-play\s+as|"
       r"play\s+the\s+role\s+of|simulate\s+(?:an?\s+)?|impersonate)"),
    # --- authority ---------------------------------------------------------------------------------------
    _s("authority-claim", "authority", "strong",
       r"\b(?:as\s+(?:your|an?\s+(?:openai|anthropic)|the\s+(?:openai|anthropic))\s+(?:developer|creator|administrator|admin|"
       r"owner|operator|programmer|system\s+administrator|employee|engineer|staff)|(?:i\s+am|i'm|this\s+is)\s+your\s+"
       r"(?:developer|creator|administrator|admin|owner|operator|programmer|system\s+administrator)|(?:this|the\s+"
       r"following)\s+(?:is|are)\s+(?:a|an)?\s*(?:system|admin(?:istrator)?|developer|official|authorized|priority|"
       r"root|security)\s+(?:message|override|instructions?|command|update|notice|directive|alert))"),
    _s("authority-vendor", "authority", "strong",
       r"\b(?:openai|anthropic|google|microsoft|your\s+(?:developers?|creators?|administrators?|owners?))\s+"
       r"(?:has|have)\s+(?:now\s+)?(?:authorized|approved|updated|enabled|changed|granted|allowed|permitted|"
       r"unlocked|lifted)"),
    _s("authority-authorized", "authority", "strong",
       r"\bthis\s+(?:is|was)\s+(?:an?\s+)?(?:authorized|approved|legitimate|sanctioned|official)\s+(?:request|"
       r"instruction|test|action|task|penetration\s+test|red\s+team)"),
    _s("authority-self", "authority", "weak",
       r"\b(?:i\s+am|i'm)\s+the\s+(?:developer|creator|administrator|admin|owner|operator|system\s+administrator)"
       r"(?:\s*[,.!;:]|\s+(?:here|now|and|so|who|of\s+(?:this|the|your)\s+(?:deployment|bot|assistant|model|system|app|"
       r"chat|conversation|service)))|"
       r"\b(?:as|as\s+the)\s+(?:developer|administrator|admin|owner)\s+of\s+(?:this|the)\s+(?:deployment|bot|"
       r"assistant|model|system|account)\b"),
    _s("authority-code", "authority", "weak",
       r"\b(?:authorization|auth|override|admin|sudo|root)\s+(?:code|key|token|level|password|access)\s*[:=]|"
       r"\bsystem\s+(?:override|alert|notice|update)\s*[:\]!]"),
    # --- fake delimiters and turns -----------------------------------------------------------------------
    _s("delim-chat-token", "delimiter", "strong",
       r"<\|(?:im_start|im_end|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id|begin_of_text|"
       r"end_of_text|fim_\w+|end|start)\|>|\[/?inst\]|<</?sys>>|\[/?(?:system|sys|admin)\]"),
    _s("delim-tag", "delimiter", "weak",
       r"</?(?:system|sys|admin|instructions?|user_input|user|assistant|context|document|prompt|human|ai|"
       r"system_prompt|developer)>"),
    _s("delim-role-line", "delimiter", "weak",
       r"(?:^|\n)\s*(?:#+\s*)?(?:system|assistant|developer|admin|ai)\s*(?:message|prompt|note|instructions?)?"
       r"\s*:"),
    _s("delim-inline-system", "delimiter", "strong",
       r"(?:[.!?\"'\]]\s+|[{,]\s*\"\w+\"\s*:\s*\"[^\"\n]*?)(?:system|admin|developer|operator)\s*(?:message|note|override|"
       r"instruction|update)?\s*:\s+(?:the\s+)?(?:assistant|ai|model|bot|agent|you)\b"),
    _s("delim-fake-dialogue", "delimiter", "strong",
       r"(?:^|\n)\s*(?:human|user)\s*:[^\n]*\n+\s*(?:assistant|ai|gpt|bot|chatgpt)\s*:"),
    _s("delim-end-of", "delimiter", "strong",
       r"\b(?:end|begin|start)\s+(?:of\s+)?(?:the\s+)?(?:user\s+)?(?:input|document|context|prompt|instructions?|"
       r"system\s+prompt|conversation|data|e-?mail|text|untrusted\s+content)\b\s*(?:[-=#*\]>)]|\n|$)"),
    _s("delim-header", "delimiter", "strong",
       r"(?:^|\n)\s*[-=#*>\[(<]{2,}\s*(?:core|new|system|admin|priority|important|real|hidden|secret|updated|override|"
       r"true|actual)\s+(?:instructions?|prompt|directives?|task|message|orders)\b"),
    _s("delim-rule-then", "delimiter", "strong",
       r"[-=#*_~]{4,}\s*(?:\n\s*)?(?:new\s+instructions?|system|ignore|important|admin|attention|override)"),
    _s("delim-json-role", "delimiter", "weak", r"[\"']role[\"']\s*:\s*[\"'](?:system|developer)[\"']"),
    _s("delim-json-escape", "delimiter", "strong",
       r"[\"'][\s\\n]*[}\]][\s\\n,}\]]*\{\s*[\"']role[\"']\s*:\s*[\"'](?:system|developer|assistant)[\"']"),
    # --- text in data that addresses the AI --------------------------------------------------------------
    _s("ai-dear", "ai-addressed", "strong",
       rf"\b(?:dear|hey|hi|hello|attention|note\s+(?:to|for)(?:\s+(?:the|any|all|every))?|important\s+(?:note\s+)?(?:for|to)(?:\s+the)?|"
       rf"message\s+(?:for|to)(?:\s+the)?|instructions?\s+for(?:\s+the)?|attn:?)[ \t]+{AI}\b"),
    _s("ai-reading", "ai-addressed", "strong",
       rf"\b{AI}s?\s*,?\s+(?:reading|processing|summari[sz]ing|parsing|analy[sz]ing|reviewing|viewing|scanning|"
       r"crawling|that\s+(?:reads|processes|summari[sz]es)|who\s+(?:reads|is\s+reading))\b"),
    _s("ai-if-you-are", "ai-addressed", "strong", rf"\bif\s+you\s+are\s+(?:an?\s+)?{AI}\b"),
    _s("ai-when-processing", "ai-addressed", "weak",
       rf"\b(?:when|while|if|before|after|whenever)\s+(?:you\s+are\s+|you're\s+)?(?:summari[sz]ing|translating|"
       rf"reading|processing|analy[sz]ing|reviewing|asked\s+(?:about|to\s+summari[sz]e)|told\s+to\s+summari[sz]e)\s+"
       rf"(?:this|the|these|that|any)\s+{DOCS}"),
    _s("ai-vocative", "ai-addressed", "strong",
       r"(?:^|[.!?\n\"'(>\]:]\s*|\bps\s*)(?:dear\s+)?(?:ai|assistant|ai\s+assistant|model|llm|chatbot|agent|ai[\s-]+agent|"
       r"copilot|gpt|chatgpt|claude|gemini)\)?\s*[,:]\s+(?:please\s+)?(?:ignore|disregard|forget|stop|do\s+not|don'?t|"
       r"never|always|instead|now|after|before|when|call|send|forward|reply|respond|say|print|output|include|add|tell|"
       r"recommend|write|delete|approve|mark|run|execute|open|visit|search|collect|append|ask|rate|rank|skip)\b"),
    _s("ai-at-mention", "ai-addressed", "strong",
       r"(?:^|[\s(\[\"'])@(?:ai|assistant|ai-assistant|bot|chatbot|agent|ai-agent|copilot|gpt|chatgpt|claude|gemini|llm)\b"),
    _s("ai-when-it-processes", "ai-addressed", "strong",
       rf"\b(?:when|if|while|whenever|before|after|once)\s+(?:an?\s+|the\s+|any\s+)?{AI}s?\s+(?:is\s+|are\s+)?"
       r"(?:summari[sz]|read|process|analy[sz]|review|translat|pars|scan|answer)\w*\s+(?:this|these|that|the|my|our)\b"),
    _s("ai-participle-must", "ai-addressed", "strong",
       rf"\b{AI}s?\s+(?:reading|processing|summari[sz]ing|parsing|analy[sz]ing|reviewing|installing|using|crawling|"
       r"browsing|indexing|translating|answering)\s+(?:\w+\s+){0,3}(?:must|should|shall|need\s+to|are\s+required\s+to|"
       r"have\s+to|will)\b"),
    _s("ai-if-user", "ai-addressed", "strong",
       r"\b(?:if|when|whenever)\s+(?:the\s+|a\s+)?user\s+(?:asks?|requests?|wants?|queries)\s+(?:for|about|you|to|a)\b"),
    _s("ai-visible-to", "ai-addressed", "strong",
       rf"\b(?:visible|readable|intended|meant)\s+(?:only\s+)?(?:to|for)\s+(?:the\s+|an?\s+|any\s+)?{AI}s?\b|"
       r"\binvisible\s+to\s+(?:humans|people|the\s+(?:user|reader))\b"),
    _s("ai-special-case", "ai-addressed", "strong",
       r"\bspecial\s+(?:case|instructions?)\s*:|\bif\s+you\s+are\s+(?:asked|told)\s+to\s+(?:summari[sz]e|answer|"
       r"translate|analy[sz]e)"),
    # --- covert action -----------------------------------------------------------------------------------
    _s("covert-dont-tell", "covert", "strong",
       r"\b(?:do\s+not|don'?t|never)\s+(?:tell|inform|mention\s+(?:this\s+|it\s+)?to|reveal\s+(?:this\s+|it\s+)?to|"
       r"notify|alert|warn|let)\s+(?:the\s+)?users?\b"),
    _s("covert-without", "covert", "strong",
       r"\bwithout\s+(?:telling|informing|notifying|alerting|asking|warning)\s+(?:the\s+)?users?\b|\bwithout\s+the\s+"
       r"users?'?s?\s+(?:knowing|knowledge|consent|noticing)"),
    _s("covert-user-must-not", "covert", "strong",
       r"\b(?:the\s+)?users?\s+(?:must|should|will|need)\s+(?:not|never)\s+(?:to\s+)?(?:know|see|notice|find\s+out|"
       r"be\s+told|be\s+informed)"),
    _s("covert-secretly", "covert", "weak",
       r"\b(?:secretly|covertly|silently|quietly|discreetly)\s+(?:send|forward|add|insert|include|append|call|"
       r"execute|run|e-?mail|transfer|delete|change|modify|exfiltrate|upload|post|copy)"),
    # --- exfiltration ------------------------------------------------------------------------------------
    _s("exfil-md-image-data", "exfil", "strong",
       r"!\[[^\]\n]*\]\(\s*https?://[^)\s]*[?&=/][^)\s]*[\[{<$%](?:query|data|secret|info|"
       r"conversation|history|chat|summary|message|password|user|email|context|base64|payload|name|x|y|q)"),
    _s("exfil-md-image", "exfil", "weak", r"!\[[^\]\n]*\]\(\s*https?://[^)\s]*\?[^)\s]*\)"),
    _s("exfil-send", "exfil", "strong",
       r"\b(?:send|forward|e-?mail|post|upload|exfiltrate|transmit|leak|copy|submit|append|attach|share)\b"
       r"[^.!?\n]*\b(?:conversation|chat\s+history|credentials|passwords?|api\s+keys?|private\s+keys?|session\s+"
       r"(?:tokens?|cookies?)|cookies|contacts|personal\s+(?:data|information)|(?:the\s+)?users?'?s?\s+(?:data|e-?mails?|"
       r"messages|files|documents|history|details|information))\b[^.!?\n]*\b(?:to|at|into)\s+(?:https?://|"
       r"[\w.+-]+@[\w-]+\.|this\s+(?:url|address|e-?mail|endpoint|server|webhook|link)|the\s+following\s+(?:url|"
       r"address|e-?mail|endpoint)|(?:my|our)\s+(?:server|webhook|endpoint))"),
    _s("exfil-visit", "exfil", "weak",
       r"\b(?:visit|open|navigate\s+to|go\s+to|fetch|load|request|curl|wget|access|click)\s+(?:the\s+(?:url|link|"
       r"page|website)\s+)?https?://\S+[?&]\S*="),
    # --- markup payloads ---------------------------------------------------------------------------------
    _s("markup-js", "markup", "strong",
       r"\bonerror\s*=|\bonload\s*=|javascript:|document\.cookie|<svg[^>]*\bon\w+\s*="),
    _s("markup-img", "markup", "weak", r"<img\s[^>]*src\s*=\s*[\"']?https?://[^\"'\s>]*[?&]|<script\b|<iframe\b"),
    # --- output hijacking --------------------------------------------------------------------------------
    _s("hijack-instead", "hijack", "weak",
       r"\binstead\b[^.\n]*\b(?:say|print|output|write|respond|reply|return|repeat|tell|answer|translate|"
       r"include)\b"),
    _s("hijack-include", "hijack", "weak",
       r"\b(?:include|insert|add|append|put|embed|render|output|print|display|start|end|prefix|begin)\b[^.\n]*"
       r"\b(?:in|into|to|at\s+the\s+(?:end|start|beginning|top|bottom)\s+of|with)\s+(?:your|the|each|every)\s+"
       r"(?:response|answer|reply|output|summary|message|translation)s?\b"),
    _s("hijack-only-say", "hijack", "weak",
       r"\b(?:just|only|simply)\s+(?:say|print|output|write|respond\s+with|reply\s+with|answer\s+with)\b|"
       r"\b(?:reply|respond|answer|output)\s+(?:with\s+)?only\s+(?:with\s+)?(?:the\s+following|this|these|[\"'])|\b(?:say|"
       r"print|output)\s*:?\s*(?:[\"']|\u201c)[^\"'\n]+(?:[\"']|\u201d)".replace("\\u201c", "\u201c")
       .replace("\\u201d", "\u201d")),
    # Instructions about the form or content of "your response": the user's own format request in a prompt,
    # an injection in a document (detect_document counts them as evidence).
    _s("hijack-output", "hijack", "weak",
       r"\b(?:encode|encrypt|translate|reverse|rewrite|format|convert|cipher|scramble|spell|write|render|express)\s+"
       r"(?:all\s+of\s+)?your\s+(?:entire\s+|whole\s+|final\s+|next\s+)?(?:response|answer|reply|output|summary|"
       r"translation)s?(?:'s)?\b|\buse\s+(?:only\s+)?emojis?\s+(?:to\s+(?:represent|express)|in)\s+your\s+"
       r"(?:response|answer|reply)|\b(?:add|insert|integrate|include|embed|incorporate|append|mention|put|blend|feature)"
       r"\s+(?:a|an|one|the\s+following|the\s+below|the\s+subsequent|this|these)\s+(?:\w+\s+){0,3}(?:sentence|line|"
       r"paragraph|statistic|link|url|phrase|note|fact|reference|snippet|excerpt|block|code|advert\w*|promotion)"),
    # The goal strings of hijacking benchmarks: asked for ("say 'Access Granted'") they are the attack;
    # asked about ("is 'pwned' a real word?") they are vocabulary.
    _s("hijack-goal-string", "hijack", "strong",
       r"\b(?:say|print|output|respond|reply|answer|write|return|type|begin|start|end|confirm|repeat|translate)\b"
       r"[^.!?\n]*\b(?:access\s+granted|i\s+have\s+been\s+pwned|pwned|you\s+have\s+been\s+hacked|hacked)\b"),
    _s("hijack-goal-mention", "hijack", "weak",
       r"\b(?:access\s+granted|i\s+have\s+been\s+pwned|pwned|you\s+have\s+been\s+hacked|haha\s+pwned)\b"),
    # --- tool and code abuse -----------------------------------------------------------------------------
    _s("tool-call", "tool", "weak",
       r"\b(?:call|invoke|execute|run|trigger|use)\s+(?:the\s+)?`?\w+`?\s+(?:tool|function|plugin|api|action|"
       r"endpoint)\b"),
    _s("tool-danger", "tool", "strong",
       r"\b(?:send_e?mail|delete_\w+|transfer_\w+|execute_\w+|run_\w+|shell|bash)\s*\(|\brm\s+-rf\s+[/~]|"
       r"\bcurl\s+[^\n]*\|\s*(?:ba|z)?sh\b|\bwget\s+[^\n]*\|\s*(?:ba)?sh\b"),
    _s("tool-act", "tool", "weak",
       r"\b(?:delete|remove|wipe)\s+(?:all|every)\s+(?:the\s+)?(?:files|e-?mails|data|repositories|records|users|"
       r"messages|backups)\b|\btransfer\s+(?:\$|usd|eur|all\s+(?:the\s+)?(?:funds|money))"),
    # --- smuggling ---------------------------------------------------------------------------------------
    _s("smuggle-decode-follow", "smuggling", "strong",
       r"\b(?:decode|decrypt|decipher|translate|convert|interpret|unscramble|reverse|read)\b[^.\n]*\b(?:base\s?64|"
       r"b64|rot-?13|hex(?:adecimal)?|base32|binary|morse|caesar|cipher|encoded|backwards?|reversed?)\b[^\n]*"
       r"\b(?:follow|execute|obey|do\s+(?:what|as)|act\s+on|carry\s+out|comply|perform|run|respond\s+to|answer|"
       r"instructions?)\b|\b(?:follow|execute|obey)\s+(?:the\s+)?(?:decoded|hidden|encoded)\s+(?:instructions?|"
       r"message|text|command)"),
    _s("smuggle-encoding-mention", "smuggling", "weak",
       r"\b(?:base\s?64|rot-?13|hex\s+encoded|base32|base16|morse\s+code|caesar\s+cipher)\b"),
    _s("smuggle-split", "smuggling", "strong",
       r"\b(?:concatenate|combine|join|merge|put\s+together|add\s+together|assemble)\b[^.\n]*\b(?:strings?|"
       r"variables|parts|pieces|letters|words|fragments|halves|a\s+and\s+b|x\s+and\s+y|[a-z]\d?\s*\+\s*[a-z]\d?)\b"
       r"[^\n]*\b(?:follow|execute|answer|respond|do|perform|instruction|say|write|output)"),
    _s("smuggle-assign", "smuggling", "weak",
       r"\b[a-z]\w*\s*=\s*[\"'][^\"'\n]+[\"']\s*[;,\n][^\n]*\b[a-z]\w*\s*=\s*[\"'][^\"'\n]+[\"']"),
    _s("smuggle-output-encoded", "smuggling", "weak",
       r"\b(?:respond|reply|answer|write|output|encode)\b[^.\n]*\b(?:in|using|as)\s+(?:base\s?64|rot-?13|hex|"
       r"leetspeak|leet|morse|binary|pig\s+latin|cipher)\b"),
    # --- denial of service -------------------------------------------------------------------------------
    _s("dos-repeat", "dos", "strong",
       r"\brepeat\b[^.\n]*\b(?:\d{2,}|hundred|thousand|million|infinite(?:ly)?|forever)\s+times\b|\brepeat\b"
       r"[^.\n]*\b(?:forever|indefinitely|infinitely|endlessly)\b"),
    # --- counter-evidence: the user's own words ----------------------------------------------------------
    _s("self-drop", "self-reference", "strong",
       rf"\b{DROP}\s+(?:what\s+i\s+(?:said|wrote|asked|sent|told\s+you)|(?:my|our)\s+(?:own\s+)?(?:previous|last|"
       r"earlier|prior|first|original|above|old|initial)?\s*(?:message|question|request|e-?mail|draft|answer|reply|comment|"
       r"prompt|instructions?|post|text|version|list|choice|estimate|typos?|spelling|grammar|mistakes?|formatting|"
       r"settings?|edits?|suggestion|idea|point))"),
    _s("ignore-benign-object", "self-reference", "weak",
       r"\b(?:ignore|ignoring|disregard|disregarding|skip|forget|drop|dismiss|overlook)\s+(?:the\s+|any\s+|all\s+"
       r"(?:the\s+)?)?(?:typos?|spelling|formatting|grammar|noise|outliers?|"
       r"warnings?|errors?|notifications?|distractions?|case|whitespace|duplicates?|missing\s+values|header|comments?|"
       r"compiler|linter|cache|files?|folders?|directory|traffic)\b"),
    # --- counter-evidence: attacks as a topic ------------------------------------------------------------
    _s("topic-question", "topic", "strong",
       r"\b(?:what\s+(?:is|are|does)|how\s+(?:do|does|can|should|would)|why\s+(?:do|does|is|are)|explain|describe|"
       r"define|summari[sz]e|compare|defen[cs]es?\s+against|defend\s+against|protect\s+(?:\w+\s+){0,3}against|"
       r"(?:detect|prevent|mitigate|block|filter)(?:s|ing)?)\b" + G
       + r"\b(?:prompt\s+injections?|injection\s+attacks?|jailbreak(?:s|ing)?(?:\s+prompts?)?|prompt\s+(?:leak(?:s|age|"
       r"ing)?|extraction)|adversarial\s+prompts?|sql\s+injection|xss|phishing|red\s+team(?:s|ing)?|"
       r"penetration\s+test(?:s|ing)?)\b"),
    _s("topic-quoted", "topic", "weak",
       r"\b(?:phrases?|strings?|patterns?|meme|sentences?|keywords?|prompts?|attacks?|regex(?:es)?)\s+(?:like|such\s+as|"
       r"containing|called|e\.g\.)\s*[\"'\u2018\u201c]".replace("\\u2018", "\u2018").replace("\\u201c", "\u201c")),
)
