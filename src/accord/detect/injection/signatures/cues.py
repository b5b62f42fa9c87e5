"""Context cues in many languages, written by hand: who a sentence is addressed to, and what it is about.

- `addr`:  address markers ("note to", "attention", "Hinweis an", "给", "에게"). Next to a word for an AI
  (`ai`, here and in `lexicon.py`) they mark text inside data that talks to the model reading it, the
  core of indirect injection ("Note to the AI assistant: ...", "给AI助手的说明：...").
- `ai`:    more words for an AI, added to the lexicon's (short words such as "ia", "ki", "ии" must be whole
  words: the scanner checks both ends of phrases of three characters or fewer).
- `self`:  the user referring to their own earlier message ("ignore my previous question", "forget what I
  said"). Counter-evidence: the same verbs as an override, aimed at the user's own words.
- `younow`: "you are now", "from now on you" and their translations; next to a mode name ("tu es
  désormais en mode développeur") or a no-limits phrase they make a mode switch aimed at the model.
- `topic`: attacks and security as a *topic* ("prompt injection", "jailbreak prompts", "SQL injection").
  Counter-evidence learned from benign twins: people ask about attacks far more often than attacks name
  themselves.

Counter-evidence features are features like any other: the classifier learns how much each is worth from
paired data, and a strong attack signature still outweighs them.
"""

from __future__ import annotations

ADDR: dict[str, tuple[str, ...]] = {
    "en": ("note to", "note for", "notice to", "attention", "attn", "dear", "message to", "message for",
           "instructions for", "instruction for", "instructions to", "important for", "reminder to", "p.s. to",
           "ps to", "to whoever", "to whatever", "whoever or whatever"),
    "es": ("nota para", "nota a la", "nota al", "atención", "querido", "querida", "instrucciones para",
           "mensaje para", "aviso para"),
    "fr": ("note à", "note a l", "note pour", "à l'attention", "attention", "cher", "chère",
           "instructions pour", "instruction pour", "message pour", "message à", "consigne pour"),
    "de": ("hinweis an", "hinweis für", "notiz an", "notiz für", "achtung", "liebe", "lieber", "anweisung an",
           "anweisung für", "anweisungen an", "anweisungen für", "nachricht an", "nachricht für"),
    "it": ("nota per", "attenzione", "caro", "cara", "istruzioni per", "messaggio per", "avviso per"),
    "pt": ("nota para", "atenção", "querido", "querida", "instruções para", "mensagem para", "aviso para"),
    "nl": ("aan de", "let op", "beste", "notitie voor", "instructies voor", "bericht aan", "bericht voor"),
    "ru": ("примечание для", "внимание", "дорогой", "дорогая", "инструкция для", "инструкции для",
           "сообщение для", "заметка для", "указание для", "для ии"),
    "uk": ("примітка для", "увага", "інструкція для", "інструкції для", "повідомлення для"),
    "pl": ("uwaga dla", "drogi", "droga", "instrukcja dla", "instrukcje dla", "wiadomość dla", "notatka dla",
           "do asystenta"),
    "ro": ("notă pentru", "atenție", "instrucțiuni pentru", "mesaj pentru", "dragă"),
    "tr": ("asistanına", "modeline", "için not", "için talimat", "dikkat", "sevgili"),
    "id": ("catatan untuk", "perhatian", "instruksi untuk", "pesan untuk", "kepada"),
    # Scripts without spaces (and particles that follow their noun) get compound markers: "给" alone is in
    # every other Chinese sentence, "给AI" / "AI助手的说明" are not.
    "vi": ("gửi trợ lý", "gửi ai", "gửi mô hình", "lưu ý cho", "chú ý cho", "hướng dẫn cho", "ghi chú cho"),
    "th": ("ถึงเอไอ", "ถึงผู้ช่วย", "ถึง ai", "หมายเหตุถึง", "คำสั่งสำหรับ"),
    "zh": ("给ai", "給ai", "致ai", "给助手", "给智能助手", "给模型", "给翻译模型", "给机器人", "助手的说明", "助手的指令",
           "模型的说明", "模型的指令", "ai的说明", "ai的指令"),
    "ja": ("aiへ", "アシスタントへ", "モデルへ", "への指示", "への注意", "宛て"),
    "ko": ("ai에게", "ai 에게", "비서에게", "어시스턴트에게", "리뷰어에게", "모델에게", "ai께"),
    "ar": ("تعليمات للمساعد", "ملاحظة للمساعد", "إلى المساعد", "تعليمات لل", "ملاحظة لل", "تنبيه لل", "عزيزي",
           "رسالة إلى"),
    "fa": ("توجه", "یادداشت برای", "دستور برای", "خطاب به"),
    "hi": ("के लिए निर्देश", "के लिए नोट", "ध्यान दें", "प्रिय"),
    "el": ("σημείωση για", "προσοχή", "αγαπητέ", "οδηγίες για", "μήνυμα για"),
    "sv": ("notering till", "instruktioner till", "meddelande till", "kära", "obs till"),
    "cs": ("poznámka pro", "pozor", "pokyny pro", "milý", "milá", "zpráva pro"),
    "he": ("הערה ל", "שים לב", "הוראות ל", "הודעה ל"),
    "sw": ("ujumbe kwa", "maagizo kwa", "kumbuka"),
}

AI: dict[str, tuple[str, ...]] = {
    "en": ("ai", "a.i.", "ai agent", "ai agents", "ai system", "ai tool", "ai reviewer", "ai analyst",
           "ai screening", "screening system", "screening tool", "automated system", "automated agent",
           "coding assistant", "code reviewer", "email assistant", "summarizer", "summariser", "translator bot",
           "language models", "llms", "copilot", "claude", "gemini", "gpt"),
    "es": ("ia", "la ia", "asistente", "modelo de ia", "agente de ia"),
    "fr": ("ia", "l'ia", "assistant", "agent ia", "modèle d'ia"),
    "de": ("ki", "ki-assistent", "ki-assistenten", "ki-agent", "assistent", "assistenten", "sprachmodell"),
    "it": ("ia", "l'ia", "assistente", "agente ia"),
    "pt": ("ia", "assistente", "agente de ia"),
    "nl": ("ai", "ai-assistent", "assistent"),
    "ru": ("ии", "ии-помощник", "ии-помощнику", "ии-агент", "ии-агенту", "помощник", "помощнику", "ассистент",
           "ассистенту", "нейросеть", "нейросети"),
    "uk": ("ші", "помічник", "помічнику", "асистент", "асистенту"),
    "pl": ("ai", "si", "asystent", "asystenta", "asystentowi", "modelu ai"),
    "ro": ("ai", "ia", "asistent", "asistentul"),
    "tr": ("yapay zeka", "asistan", "asistanı", "model"),
    "id": ("ai", "asisten", "asisten ai"),
    "vi": ("ai", "trợ lý", "trợ lý ai", "mô hình"),
    "th": ("ai", "เอไอ", "ผู้ช่วย"),
    "zh": ("ai", "助手", "ai助手", "模型", "翻译模型", "智能助手", "机器人"),
    "ja": ("ai", "アシスタント", "aiアシスタント", "モデル"),
    "ko": ("ai", "비서", "어시스턴트", "리뷰어", "모델"),
    "ar": ("المساعد", "للمساعد", "المساعد الذكي", "الذكاء الاصطناعي", "النموذج"),
    "fa": ("دستیار", "هوش مصنوعی"),
    "hi": ("एआई", "सहायक"),
    "el": ("βοηθός", "τεχνητή νοημοσύνη"),
    "sv": ("ai", "assistent", "ai-assistent"),
    "cs": ("ai", "asistent", "asistenta"),
    "he": ("העוזר", "הבינה המלאכותית"),
    "sw": ("ai", "msaidizi"),
}

SELF: dict[str, tuple[str, ...]] = {
    "en": ("my previous", "my last", "my earlier", "my prior", "my first", "my original", "my old", "my own",
           "my above", "our previous", "our earlier", "our last", "what i said", "what i wrote", "what i asked",
           "what i sent", "what i told you", "i said earlier", "i wrote earlier", "i asked earlier", "my typos",
           "my typo", "my spelling", "my grammar", "my mistake", "i meant to"),
    "es": ("mi pregunta", "mi mensaje", "mi último", "lo que te dije", "lo que dije", "mis errores", "mi borrador"),
    # (phrases of this class, `addr` and `younow` must end a word: "lo que te dije" is not "lo que te dijeron")
    "fr": ("ma question", "mon message", "mon dernier", "ce que j'ai dit", "ce que je t'ai dit", "mes fautes",
           "mon brouillon"),
    "de": ("meine vorherige", "meine letzte", "meine frage", "meine nachricht", "meinen letzten",
           "meiner letzten", "was ich gesagt", "was ich geschrieben", "meine tippfehler", "meinen entwurf"),
    "it": ("la mia domanda", "il mio messaggio", "quello che ho detto", "i miei errori", "la mia bozza"),
    "pt": ("minha pergunta", "minha mensagem", "o que eu disse", "meus erros", "meu rascunho"),
    "nl": ("mijn vorige", "mijn vraag", "mijn bericht", "wat ik zei"),
    "ru": ("мой предыдущ", "моё предыдущ", "мое предыдущ", "моего предыдущ", "мой вопрос", "моё сообщение",
           "мое сообщение", "мой прошл", "что я сказал", "что я написал", "мои опечатки"),
    "uk": ("моє попереднє", "моє питання", "що я сказав"),
    "pl": ("moje poprzednie", "moje pytanie", "moją wiadomość", "co powiedziałem", "co napisałem"),
    "tr": ("önceki mesajım", "önceki sorum", "mesajımdaki", "sorumu", "yazım hatalarım"),
    "zh": ("我之前说", "我上一条", "我刚才说", "我之前的", "我上一个", "我前面说", "我的错别字", "我上一条消息"),
    "ja": ("前の質問", "私の前の", "さっきの質問", "私の質問", "先ほどの質問", "私のメッセージ"),
    "ko": ("이전 질문", "제 이전", "방금 한 말", "제 질문", "내 질문", "제 메시지"),
    "ar": ("رسالتي السابقة", "سؤالي السابق", "ما قلته"),
    "hi": ("मेरा पिछला", "मेरे पिछले", "मेरी पिछली", "मेरा सवाल"),
    "vi": ("câu hỏi trước của tôi", "tin nhắn trước của tôi", "điều tôi nói"),
    "id": ("pertanyaan saya", "pesan saya sebelumnya"),
}

TOPIC: dict[str, tuple[str, ...]] = {
    "en": ("prompt injection", "injection attack", "jailbreak prompt", "jailbreaking", "jailbreaks",
           "prompt leak", "prompt leaking", "prompt extraction", "adversarial prompt", "red team", "red-team",
           "red teaming", "pentest", "penetration test", "ctf", "owasp", "mitre", "sql injection", "xss",
           "phishing", "malware", "ransomware", "vulnerability", "vulnerabilities", "exploit", "cve-",
           "security awareness", "bug bounty", "threat model", "incident response", "guardrail",
           "llm security", "ai security", "ai safety"),
    "es": ("inyección de prompt", "inyección de instrucciones", "jailbreak", "ciberseguridad", "seguridad"),
    "fr": ("injection de prompt", "injection d'instructions", "jailbreak", "cybersécurité", "sécurité"),
    "de": ("prompt-injection", "prompt injection", "jailbreak", "sicherheit", "angriff"),
    "it": ("prompt injection", "iniezione di prompt", "jailbreak", "sicurezza"),
    "pt": ("injeção de prompt", "prompt injection", "jailbreak", "segurança"),
    "ru": ("инъекция промпт", "инъекции промпт", "промпт-инъекц", "джейлбрейк", "безопасност", "уязвимост"),
    "pl": ("prompt injection", "wstrzykiwanie", "jailbreak", "bezpieczeństw"),
    "zh": ("提示词注入", "提示注入", "越狱", "安全", "漏洞", "防御"),
    "ja": ("プロンプトインジェクション", "脱獄", "ジェイルブレイク", "セキュリティ", "脆弱性"),
    "ko": ("프롬프트 인젝션", "탈옥", "보안", "취약점"),
    "ar": ("حقن الأوامر", "حقن التعليمات", "الأمن", "ثغرة"),
    "hi": ("प्रॉम्प्ट इंजेक्शन", "सुरक्षा"),
    "id": ("prompt injection", "keamanan"),
    "vi": ("prompt injection", "bảo mật"),
    "tr": ("prompt injection", "güvenlik"),
}

YOUNOW: dict[str, tuple[str, ...]] = {
    "en": ("you are now", "you're now", "you are in", "you're in", "from now on you", "you will now", "you now"),
    "es": ("ahora estás", "ahora eres", "estás en", "a partir de ahora", "desde ahora"),
    "fr": ("tu es désormais", "tu es maintenant", "tu es en", "désormais", "à partir de maintenant", "vous êtes désormais",
           "vous êtes maintenant"),
    "de": ("du bist jetzt", "du bist nun", "du bist im", "ab jetzt", "ab sofort", "von nun an"),
    "it": ("ora sei", "sei ora", "sei in", "da questo momento", "d'ora in poi", "da ora in poi"),
    "pt": ("você agora", "agora você", "você está no", "você está em", "a partir de agora"),
    "nl": ("je bent nu", "vanaf nu", "u bent nu"),
    "ru": ("ты теперь", "теперь ты", "ты в режиме", "отныне ты", "с этого момента"),
    "uk": ("ти тепер", "тепер ти", "відтепер"),
    "pl": ("jesteś teraz", "od teraz", "teraz jesteś"),
    "ro": ("acum ești", "de acum"),
    "tr": ("sen artık", "artık", "şu andan itibaren"),
    "id": ("kamu sekarang", "mulai sekarang"),
    "vi": ("bạn bây giờ", "từ bây giờ", "bây giờ bạn"),
    "th": ("ตอนนี้คุณ", "ต่อจากนี้"),
    "zh": ("你现在", "你已进入", "从现在起", "从现在开始", "你已经进入"),
    "ja": ("今からあなたは", "あなたは今", "これからあなたは"),
    "ko": ("너는 이제", "이제부터", "지금부터"),
    "ar": ("أنت الآن", "من الآن"),
    "hi": ("अब से तुम", "अब तुम"),
    "el": ("είσαι τώρα", "από τώρα"),
    "sv": ("du är nu", "från och med nu"),
    "cs": ("teď jsi", "od teď"),
    "he": ("אתה עכשיו", "מעכשיו"),
}

# The assistant's own rules, in other languages ("ignora le tue regole"): see lexicon `yours` for English.
YOURS: dict[str, tuple[str, ...]] = {
    "es": ("tus", "tu", "sus"), "fr": ("tes", "vos", "ton", "ta"), "de": ("deine", "dein", "deinen", "deiner", "ihre"),
    "it": ("tue", "tuoi", "tua", "tuo"), "pt": ("suas", "seus", "tuas", "teus", "sua", "seu"), "nl": ("je", "jouw", "uw"),
    "ru": ("твои", "свои", "ваши", "твоих", "свою", "твою"), "uk": ("твої", "свої", "ваші"), "pl": ("twoje", "swoje", "twoich"),
    "ro": ("tale", "tău"), "sv": ("dina", "din"), "cs": ("své", "tvé", "svoje"), "el": ("σου",), "vi": ("của bạn",),
    "zh": ("你的",), "ja": ("あなたの",), "ko": ("너의", "당신의"), "hi": ("अपने", "अपना", "तुम्हारे"), "id": ("kamu", "anda"),
}

# Jailbreak persona names: "you are now DAN" in any language.
PERSONAS: tuple[str, ...] = ("dan", "stan", "dude", "aim", "evilgpt", "freedomgpt", "betterdan", "omega", "maximum",
                             "antigpt", "anti-gpt", "devmode", "jailbreakgpt", "unrestrictedgpt", "shadow")

# "Everything above / before" as one phrase (the object of an override in languages where the English
# "ignore + previous + instructions" pattern has no instructions word: "ignora todo lo anterior").
PRIOR_ALL: dict[str, tuple[str, ...]] = {
    "en": ("everything above", "everything before this", "all of the above", "everything you were told",
           "everything i said before", "all prior text", "everything so far"),
    "es": ("todo lo anterior", "todo lo que te dijeron", "todo lo que se te dijo", "todo lo de arriba"),
    "fr": ("tout ce qui précède", "tout ce qu'on t'a dit", "tout ce qui est au-dessus", "tout ce qui a été dit"),
    "de": ("alles davor", "alles vorherige", "alles bisherige", "alles oben", "alles, was dir gesagt"),
    "it": ("tutto quello che precede", "tutto ciò che precede", "tutto quanto sopra", "tutto ciò che ti è stato detto"),
    "pt": ("tudo o que foi dito", "tudo acima", "tudo o que te disseram", "tudo o que vem antes"),
    "nl": ("alles hierboven", "alles wat je is verteld"),
    "ru": ("всё вышесказанное", "все вышесказанное", "всё предыдущее", "все предыдущее", "всё, что тебе сказали"),
    "pl": ("wszystko powyżej", "wszystko wcześniejsze"),
    "tr": ("yukarıdaki her şeyi", "önceki her şeyi"),
    "zh": ("前面的所有", "以上所有", "之前的所有", "上面的所有", "前面的要求", "之前说的一切"),
    "ja": ("以上のすべて", "これまでのすべて", "前の内容", "これまでの内容"),
    "ko": ("위의 모든", "이전의 모든 내용", "지금까지의 모든"),
    "ar": ("كل ما سبق", "كل ما قيل"),
    "vi": ("mọi thứ ở trên", "tất cả những gì ở trên"),
    "id": ("semua yang di atas", "semua sebelumnya"),
}
