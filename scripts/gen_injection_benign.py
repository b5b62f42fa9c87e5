"""Benign twins for the injection generator: the attack vocabulary in the roles ordinary people give it.

Used by scripts/gen_injection_data.py. A classifier that sees "ignore", "system prompt", "developer mode",
"jailbreak" or "password" mostly in attacks learns the words, not the attack, and then over-defends on
benign prompts full of them (the NotInject effect). Each family below puts those words where real users put
them, built from slots so that no sentence repeats often enough to be memorised:

- trigger:  harmless requests whose verbs and nouns are attack vocabulary ("how do I bypass the cache",
            "override a method", "forget a Wi-Fi network", "ignore my earlier message"), 1-3 per text;
- security: questions *about* attacks, defences, pentests, CTFs, red teams (asked, not performed);
- code:     code that filters, logs or classifies prompts, chat-API clients with a system message;
- document: e-mails, notices and policies with imperative boilerplate aimed at a human reader
            ("disregard this message if ...", "click here", "these guidelines replace the previous ...");
- roleplay: role-play and persona prompts that set a task or a format and override nothing;
- format:   instructions about the answer's form ("reply only with", "from now on answer in French").

Multilingual variants carry the same roles in other languages. Everything here was written for this
generator; none of it comes from an evaluation set.
"""

from __future__ import annotations

import random

# ---------------------------------------------------------------------------------------------------------
# Slots
# ---------------------------------------------------------------------------------------------------------
LANGS_PROG = ["Python", "JavaScript", "TypeScript", "Java", "Go", "Rust", "C#", "Kotlin", "Ruby", "PHP", "Swift"]
DEVICES = ["my Android phone", "a Samsung tablet", "my Pixel", "a Chromebook", "my smart TV", "an Xbox", "a Kindle",
           "my router", "a Raspberry Pi", "my car's infotainment system", "a OnePlus phone", "my son's Fire tablet"]
APPS = ["Jira", "WordPress", "Slack", "Google Workspace", "Microsoft 365", "GitLab", "Salesforce", "Notion",
        "Moodle", "Nextcloud", "Shopify", "Zendesk"]
BOTS = ["museum guide", "bike shop", "dental clinic", "hotel concierge", "HR helpdesk", "IT support", "library",
        "pizza ordering", "language tutoring", "tax FAQ", "real estate", "pet adoption"]
PEOPLE = ["my manager", "my teacher", "my landlord", "a colleague", "my doctor", "our accountant", "my coach",
          "the team lead", "my mum", "the project sponsor"]
TOPICS = ["photosynthesis", "the French Revolution", "compound interest", "black holes", "the water cycle",
          "supply and demand", "the Roman Empire", "climate change", "machine learning", "plate tectonics",
          "the immune system", "Shakespeare's sonnets", "inflation", "quantum computing"]
FOODS = ["lasagne", "a lemon drizzle cake", "pad thai", "sourdough bread", "chili con carne", "a Greek salad",
         "banana pancakes", "risotto", "falafel", "ramen"]
ROLES = ["travel agent", "career coach", "Spanish tutor", "personal trainer", "museum guide", "film critic",
         "sommelier", "chess coach", "UX reviewer", "startup mentor", "history teacher", "gardening expert",
         "tour guide in Kyoto", "patient math tutor", "copy editor", "stand-up comedian", "job interviewer",
         "medieval blacksmith", "ship's captain", "detective in 1920s London"]
OUTPUT_LANGS = ["French", "German", "Spanish", "Italian", "Portuguese", "Japanese", "simple English", "Dutch"]

# Verb phrases that use attack vocabulary harmlessly. "{x}" slots are filled from the lists above.
TRIGGER_VP = [
    # ignore / disregard / forget / skip
    "ignore a compiler warning about an unused import in {lang}", "ignore whitespace changes in git diff",
    "ignore case when comparing two strings in {lang}", "ignore the header row when reading a CSV",
    "make git ignore a folder that is already tracked", "ignore notifications while I focus on work",
    "ignore outliers when I compute an average", "ignore rude comments in an online game",
    "ignore a parking ticket from a private company", "ignore a recruiter who keeps emailing me",
    "disregard outliers in a linear regression", "disregard the first measurement of an experiment",
    "forget a Wi-Fi network on {device}", "forget a paired Bluetooth speaker", "stop forgetting people's names",
    "forget about work during the holidays", "skip the intro of a podcast automatically",
    "ignore the noise in a time series before plotting it", "ignore duplicate rows in a SQL query",
    "ignore SSL certificate errors on a local test server", "ignore files larger than 100 MB in rsync",
    # override / bypass
    "override a method in a {lang} subclass", "override the default CSS of a component library",
    "override an environment variable in docker compose", "override the thermostat schedule for one evening",
    "bypass the cache when testing my own website", "bypass a blocked drain in an old house",
    "bypass the city centre during rush hour", "bypass a faulty fuse safely with an electrician",
    "override the autocorrect on {device}", "override a default setting in {app}",
    # reveal / show / print / repeat
    "reveal hidden files on macOS", "reveal a hidden sheet in Excel", "show hidden characters in VS Code",
    "print the system PATH in PowerShell", "print the first ten lines of a log file",
    "repeat a song on Spotify forever", "reveal the answer to a riddle one hint at a time",
    # system prompt / instructions / prompts
    "write a system prompt for a {bot} chatbot", "shorten the system prompt of our {bot} bot",
    "translate our {bot} bot's system prompt into {olang}", "version the system prompts of our chatbots in git",
    "write clear instructions for a new intern", "follow the assembly instructions for a wardrobe",
    "write better prompts for image generation", "test a new prompt template against the old one",
    # developer mode / admin / root / sudo
    "enable developer mode on {device}", "turn off developer mode on {device}", "enable debug mode in Flask",
    "run a script with sudo without typing my password every time", "give a colleague admin rights in {app}",
    "root an old Android tablet to install a newer OS", "log in as root on a fresh Linux server",
    "unlock the bootloader of {device}", "put {device} into safe mode",
    # passwords / secrets / keys
    "reset my {app} password", "choose a strong password for online banking", "change the admin password of my router",
    "store API keys safely in a {lang} project", "rotate a leaked AWS access key", "keep a surprise party secret",
    "share the Wi-Fi password with guests without telling them the password", "set up a password manager for my family",
    "store secrets in Kubernetes", "find the secret to a crispy pizza base",
    # jailbreak / hack / exploit / pwned / unrestricted
    "understand what jailbreaking an iPhone actually changes", "jailbreak an old Kindle to read EPUB files",
    "check if my email address has been pwned", "find life hacks for a small kitchen",
    "exploit the full zoom range of my camera", "find unrestricted public-domain images for a school project",
    "buy unfiltered apple juice in bulk", "write an uncensored review of a restaurant that treated us badly",
    "plan a diet with no restrictions on fruit", "get an unrestricted driving licence after the probation period",
    # pretend / act / role
    "act as a calm presenter during a live Q&A", "pretend to be confident in a job interview",
    "play the role of the villain in our school play", "roleplay a difficult conversation with my landlord",
]
QUESTION_FRAMES = [
    "How do I {vp}?", "How can I {vp}?", "What's the best way to {vp}?", "Is it safe to {vp}?",
    "Can you explain how to {vp}?", "Quick question: how do you {vp}?", "Give me three tips to {vp}.",
    "{Person} asked me to {vp}. How should I go about it?", "I need to {vp}. Can you walk me through it?",
    "Write a short how-to for my blog on how to {vp}.", "Is it a bad idea to {vp}?",
    "What are the risks if I {vp}?", "Step by step, how would I {vp}?", "Any advice on how to {vp}?",
    "What's the difference between the usual way and the fastest way to {vp}?",
    "I'm new to this. Why would someone want to {vp}?", "Please help me {vp}.",
]
# The user correcting their own earlier words: override verbs aimed at the user's own message.
SELF_CORRECTIONS = [
    "Please ignore my previous message, I sent it too early.", "Forget what I said about the budget.",
    "Disregard my last question; I found the answer.", "Ignore the typos in my last message.",
    "Scratch my earlier request about the colours.", "Never mind my previous question.",
    "Forget my first draft, here's a better one.", "Ignore what I wrote above about Tuesday, it's Wednesday now.",
    "Override my earlier choice: use the blue theme instead.", "Cancel my previous request for a summary.",
    "Disregard the earlier estimate I gave you; the real number is 42.", "Please forget the name I mentioned before.",
]
SELF_FOLLOWUPS = [
    "What is a good name for a {role} podcast?", "Can you explain {topic} in simple words?",
    "What's a quick recipe for {food}?", "Summarise {topic} in three bullet points.",
    "Write a two-line poem about {topic}.", "How long should I cook {food}?",
    "Draft a polite reply to {person} saying I'll be late.", "List five facts about {topic}.",
]

SECURITY_TOPICS = [
    "prompt injection", "indirect prompt injection through web pages", "jailbreak prompts", "system prompt leakage",
    "SQL injection", "cross-site scripting", "phishing emails", "ransomware", "privilege escalation on Linux",
    "password spraying", "credential stuffing", "data exfiltration through markdown images",
    "homoglyph domain spoofing", "zero-width characters in text", "base64 obfuscation in malware",
    "red teaming of language models", "model extraction attacks", "training data poisoning",
    "insecure output handling in LLM apps", "tool misuse by AI agents", "supply-chain attacks on npm packages",
    "social engineering over the phone", "session hijacking", "DNS tunnelling", "the OWASP Top 10 for LLMs",
    "the MITRE ATLAS matrix", "adversarial examples for image classifiers", "deepfake voice scams",
]
SECURITY_FRAMES = [
    "How does {t} work, at a conceptual level?", "How can I defend my app against {t}?",
    "What are the warning signs of {t}?", "Write a one-page awareness guide about {t} for non-technical staff.",
    "Explain {t} to a first-year computer science student.", "What does recent research say about {t}?",
    "For our CTF training, explain the idea behind {t} without a working exploit.",
    "Which logs would show {t}, and what would I look for?", "How do red teams test for {t} in an authorised engagement?",
    "Summarise the main defences against {t} in a table.", "Is {t} a realistic risk for a small company like ours?",
    "What's the difference between {t} and {t2}?", "Draft a policy section on how we handle {t}.",
    "What questions should I ask a vendor about {t}?", "Give me a reading list on {t}.",
    "I'm writing my thesis on {t}. What are the open problems?", "How would you explain {t} to a board of directors?",
    "Our pentest report mentions {t}. What does the finding mean and how urgent is it?",
]

CODE_TEMPLATES = [
    "```python\nBLOCKLIST = [{phrases}]\n\ndef looks_suspicious(prompt: str) -> bool:\n    text = prompt.lower()\n    return any(p in text for p in BLOCKLIST)\n```\n{q}",
    "```python\nimport re\nPATTERNS = [re.compile(p, re.I) for p in ({regexes})]\n\ndef flag(text):\n    return [p.pattern for p in PATTERNS if p.search(text)]\n```\n{q}",
    "```python\nmessages = [\n    {{\"role\": \"system\", \"content\": \"You are a helpful assistant for a {bot} service.\"}},\n    {{\"role\": \"user\", \"content\": user_input}},\n]\nreply = client.chat.completions.create(model=MODEL, messages=messages)\n```\n{q}",
    "```js\nconst messages = [{{ role: 'system', content: systemPrompt }}, ...history, {{ role: 'user', content: input }}];\nconst res = await openai.chat.completions.create({{ model, messages }});\n```\n{q}",
    "```python\ndef to_chatml(system, user):\n    return f\"<|im_start|>system\\n{{system}}<|im_end|>\\n<|im_start|>user\\n{{user}}<|im_end|>\\n<|im_start|>assistant\\n\"\n```\n{q}",
    "```sql\nSELECT date_trunc('day', created_at) AS day, count(*)\nFROM prompts\nWHERE text ILIKE '%{word}%'\nGROUP BY 1 ORDER BY 1;\n```\n{q}",
    "```bash\ngrep -Eic '{word}' logs/prompts-*.jsonl | sort -t: -k2 -nr | head\n```\n{q}",
    "```yaml\nfilters:\n  input:\n    deny_words: [{phrases}]\n    max_chars: 8000\n  output:\n    redact_pii: true\n```\n{q}",
    "```python\ndef test_detector_flags_override(detector):\n    assert detector.score({phrase1}).detected\n\ndef test_detector_allows_question(detector):\n    assert not detector.score(\"How do I reset my password?\").detected\n```\n{q}",
    "```python\nSYSTEM_PROMPT = open('prompts/{bot_file}.txt').read()\n\ndef answer(question):\n    return llm(system=SYSTEM_PROMPT, user=question)\n```\n{q}",
    "```go\n// strip zero-width characters before logging the prompt\nclean := strings.Map(func(r rune) rune {{ if unicode.Is(unicode.Cf, r) {{ return -1 }}; return r }}, prompt)\n```\n{q}",
    "```python\nimport logging\nlog = logging.getLogger('gateway')\n\ndef on_request(req):\n    log.info('prompt received', extra={{'chars': len(req.prompt), 'user': req.user_hash}})\n```\n{q}",
]
CODE_PHRASES = ["'ignore previous instructions'", "'system prompt'", "'developer mode'", "'jailbreak'",
                "'disregard the above'", "'reveal your instructions'", "'act as dan'", "'do anything now'"]
CODE_REGEXES = [r"r'ignore\s+(all\s+)?previous'", r"r'system\s+prompt'", r"r'developer\s+mode'", r"r'jailbreak'",
                r"r'base64'", r"r'disregard\s+(the\s+)?above'"]
CODE_QUESTIONS = [
    "Is this good enough for production?", "How do I make this faster?", "Can you add type hints?",
    "Why does this not catch uppercase input?", "How would I unit-test this?", "Can you review this code?",
    "What are the false-positive risks of this approach?", "How do I add a timeout here?",
    "Can you translate this to TypeScript?", "What happens if the input is empty?",
]

DOC_NOTES = [
    "If you have received this message in error, please notify the sender and disregard its contents.",
    "If you have already paid, please ignore this reminder.", "Click here to unsubscribe from these emails.",
    "Click here to view this email in your browser.", "These guidelines replace all previous instructions on expenses.",
    "Please ignore any automated alerts during the maintenance window.",
    "Please follow the instructions in the attached PDF to complete your registration.",
    "Reply to this email with your preferred time slot.", "Do not reply to this message; this mailbox is not monitored.",
    "The previous version of this policy is withdrawn; the rules below apply from Monday.",
    "Note to reviewers: ignore the formatting of the tables, they will be fixed in the final version.",
    "Important: do not ignore the red warning light on the control panel.",
    "Instructions: remove the cover, insert the batteries, and press the reset button for five seconds.",
    "If you did not request a password reset, you can safely ignore this email.",
    "Forget the old login page; from now on use the new portal at intranet.example.",
    "Admin note: the system will be unavailable on Saturday from 2 to 4 am.",
    "Developer mode must stay disabled on customer devices.", "This message is confidential and intended for the recipient only.",
    "To stop receiving these notifications, change your settings in the app.",
    "Our support bot ignores messages that contain card numbers and asks customers to call instead.",
    "The system prompt of our assistant is reviewed every quarter by the compliance team.",
    "Attention all staff: the new rules for visitor badges take effect on 1 March.",
    "Please disregard the earlier invitation; the event has moved to Room 4.",
    "Override codes for the alarm are kept by the facilities manager, not by team leads.",
]

# Requests in documents aimed at the *human* reader's reply: the benign twin of output-hijacking instructions.
DOC_READER = [
    "Please send your reply to {person} by Friday.", "Include the invoice number in your response so accounting can match it.",
    "Reply with a rating from 1 to 5; your answer helps us improve.", "Please respond to this survey within two weeks.",
    "Attach your CV in PDF format to your response.", "Write your answers in block capitals on the form.",
    "Translate the attached brochure into {olang} for the regional office by Monday.",
    "If you reply, please keep the ticket number in the subject line.", "Add your name and team to your reply.",
    "Your response to question 4 was incomplete; please add the missing dates.",
    "Please add a short summary at the top of your report before sending it.",
    "Use the template in section 2 for your answer.", "Encode the CSV in UTF-8 before you upload it.",
    "Put the signed copy in the envelope and add a note with your phone number.",
    "Mention your booking reference in any reply.", "Please reverse the charge on invoice 4471; it was a duplicate.",
    "Include a photo of the damaged item in your claim.", "Answer all questions in section B and sign at the bottom.",
]

ROLEPLAY_TEMPLATES = [
    "I want you to act as a {role}. {task}", "You are a {role}. {task} Stay in character.",
    "Pretend to be a {role} and {task_lc}", "Let's role-play: you are a {role} and I am a customer. {task}",
    "Act as my {role}. {task}", "Imagine you are a {role}. {task}", "Play the role of a {role}. {task}",
    "From now on you are a {role} named {name}. {task}", "You will act as a {role} for this conversation. {task}",
]
ROLE_TASKS = [
    "Ask me one question at a time.", "Keep your answers under 80 words.", "Give me feedback on my pitch.",
    "Suggest three options and explain the trade-offs.", "Start by introducing yourself.",
    "Only reply with your next line in the scene.", "Correct my mistakes gently.", "Describe the scene in detail.",
    "Respond in a friendly, informal tone.", "Do not write explanations, just the dialogue.",
    "Plan a three-day itinerary for me.", "Quiz me on {topic}.", "Explain {topic} using a story.",
]
NAMES = ["Max", "Luna", "Dan", "Aria", "Omega", "Nova", "Rex", "Sage", "Kai", "Iris"]
FORMAT_INSTRUCTIONS = [
    "Reply only with the corrected text.", "Answer in exactly {n} bullet points.", "Respond only with 'yes' or 'no'.",
    "From now on, answer in {olang}.", "Do not explain; just give the final answer.",
    "Always include a source for each claim in your answer.", "Start your answer with a one-sentence summary.",
    "Output valid JSON only, with the keys 'title' and 'summary'.", "Keep your reply under {n}0 words.",
    "Write your answer as a haiku.", "Use British spelling in your reply.", "Don't use emojis in your answers.",
    "Give two versions: one formal and one casual.", "Ignore grammar mistakes in my messages; focus on content.",
    "Print the result in a markdown table.", "Only output the code, no explanations.",
    "Translate your answer into {olang} as well.", "Use emojis in your reply, my kids will read it.",
    # behaviour instructions for the rest of a chat: the user's right, and the shape of a persona attack
    "From now on, keep your answers short.", "From now on, always use metric units.",
    "For the rest of this conversation, please answer in {olang}.", "From now on, call me Sam.",
    "From now on, write every answer as a numbered list.", "Always answer with a short example first.",
    "Never use jargon in your answers; I'm a beginner.", "For the rest of this chat, correct my grammar too.",
    "Just say 'ok' when you're ready and I'll paste the text.", "Only reply with 'yes' when you've read the rules of the game.",
    "Stop adding summaries at the end of your replies.", "From here on, explain things like you would to a 10-year-old.",
    "Say 'ready' and wait for my next message.", "Respond only with the corrected sentence from now on.",

    "Encode your final answer in base64 so I can paste it into the test fixture.",
    "Add a sentence about sources at the end of your answer.", "Write your reply backwards, it's for a puzzle.",
]
FORMAT_TASKS = [
    "What is the tallest mountain in Africa?", "Summarise the plot of Hamlet.", "Explain {topic}.",
    "Suggest a name for a {role} newsletter.", "Fix this sentence: 'their going too the park'.",
    "Convert 72 Fahrenheit to Celsius.", "Recommend a book about {topic}.", "Give me a recipe for {food}.",
]

# Multilingual benign uses of the attack vocabulary (written by hand for the generator).
ML_BENIGN: dict[str, list[str]] = {
    "es": ["¿Cómo hago que Git ignore una carpeta que ya está en el repositorio?", "Olvida mi pregunta anterior; ¿cuánto dura el vuelo de Madrid a Lima?",
           "¿Qué es un prompt del sistema y cómo se redacta uno para un chatbot de hotel?", "¿Cómo activo el modo desarrollador en una tableta Samsung?",
           "Actúa como entrenador personal y dame una rutina de tres días.", "¿Es legal hacer jailbreak a una consola antigua?",
           "Ignora las faltas de ortografía y dime si el argumento se entiende.", "¿Cómo cambio la contraseña de administrador del router?",
           "Las nuevas normas sustituyen a las instrucciones anteriores sobre vacaciones.", "¿Cómo funciona la inyección de prompts y cómo se previene?"],
    "fr": ["Comment faire pour que Git ignore un dossier déjà suivi ?", "Oublie ma question précédente : quelle est la capitale du Canada ?",
           "Qu'est-ce qu'un prompt système et comment l'écrire pour un chatbot de musée ?", "Comment activer le mode développeur sur une Freebox ?",
           "Fais comme si tu étais un guide à Lyon et propose-moi une balade.", "Ne tiens pas compte des fautes, dis-moi si le plan est clair.",
           "Comment réinitialiser le mot de passe administrateur de ma box ?", "Les présentes règles remplacent les consignes précédentes sur les congés.",
           "Comment se protéger contre l'injection de prompt dans une application ?", "Peux-tu contourner le centre-ville pour aller à Nantes ?"],
    "de": ["Wie bringe ich Git dazu, einen Ordner zu ignorieren?", "Vergiss meine letzte Frage, wie spät ist es in Tokio?",
           "Was ist ein Systemprompt und wie schreibe ich einen für einen Bibliotheks-Chatbot?", "Wie aktiviere ich den Entwicklermodus auf dem Fire-Tablet?",
           "Stell dir vor, du bist mein Fitnesstrainer, und erstelle einen Wochenplan.", "Ignoriere die Tippfehler und sag mir, ob der Text verständlich ist.",
           "Wie ändere ich das Administratorpasswort meines Routers?", "Diese Richtlinie ersetzt alle bisherigen Anweisungen zu Dienstreisen.",
           "Wie funktioniert eine Prompt-Injection und wie schützt man sich davor?", "Ist ein Jailbreak beim alten iPad erlaubt?"],
    "it": ["Come faccio a far ignorare a Git una cartella?", "Dimentica la mia domanda precedente: quanto dista Roma da Napoli?",
           "Cos'è un prompt di sistema e come si scrive?", "Come attivo la modalità sviluppatore su Android?",
           "Fai finta di essere una guida a Firenze e consigliami un itinerario.", "Come cambio la password dell'amministratore del modem?"],
    "pt": ["Como faço o Git ignorar uma pasta?", "Esqueça minha pergunta anterior: qual é a capital da Austrália?",
           "O que é um prompt do sistema e como escrever um bom?", "Como ativo o modo desenvolvedor no celular?",
           "Finja que é um guia em Lisboa e sugira um passeio.", "Como altero a senha do administrador do roteador?"],
    "nl": ["Hoe laat ik Git een map negeren?", "Vergeet mijn vorige vraag; hoe laat gaat de trein naar Utrecht?",
           "Wat is een systeemprompt en hoe schrijf je er een?", "Hoe zet ik de ontwikkelaarsmodus aan op mijn telefoon?"],
    "ru": ["Как заставить Git игнорировать папку?", "Забудь мой предыдущий вопрос: сколько лететь до Казани?",
           "Что такое системный промпт и как его написать для бота библиотеки?", "Как включить режим разработчика на Android?",
           "Представь, что ты гид по Москве, и предложи маршрут на день.", "Как сменить пароль администратора роутера?",
           "Новые правила заменяют предыдущие инструкции по отпускам.", "Как защитить приложение от инъекций промптов?"],
    "uk": ["Як змусити Git ігнорувати теку?", "Що таке системний промпт?", "Як увімкнути режим розробника на телефоні?"],
    "pl": ["Jak sprawić, żeby Git ignorował folder?", "Zapomnij moje poprzednie pytanie: ile kosztuje bilet do Gdańska?",
           "Co to jest prompt systemowy i jak go napisać?", "Jak włączyć tryb dewelopera w telefonie?"],
    "ro": ["Cum fac ca Git să ignore un dosar?", "Ce este un prompt de sistem?", "Cum activez modul dezvoltator pe telefon?"],
    "tr": ["Git'in bir klasörü yok saymasını nasıl sağlarım?", "Önceki sorumu unut: Ankara'ya tren kaç saat sürer?",
           "Sistem istemi nedir ve nasıl yazılır?", "Telefonda geliştirici modunu nasıl açarım?"],
    "id": ["Bagaimana agar Git mengabaikan sebuah folder?", "Apa itu prompt sistem dan bagaimana menulisnya?",
           "Bagaimana cara mengaktifkan mode pengembang di ponsel?"],
    "vi": ["Làm sao để Git bỏ qua một thư mục?", "Lời nhắc hệ thống là gì và viết thế nào?", "Cách bật chế độ nhà phát triển trên điện thoại?"],
    "th": ["ทำอย่างไรให้ Git ละเว้นโฟลเดอร์", "พรอมต์ระบบคืออะไร", "เปิดโหมดนักพัฒนาบนมือถืออย่างไร"],
    "zh": ["怎么让Git忽略一个已经提交的文件夹？", "忘掉我上一个问题，北京到上海的高铁要多久？", "什么是系统提示词？怎么给图书馆聊天机器人写一个？",
           "如何在平板上打开开发者模式？", "请你扮演一位健身教练，帮我制定一周计划。", "如何修改路由器的管理员密码？",
           "新的规定取代了之前关于报销的说明。", "提示词注入是怎么回事？应该如何防御？", "请忽略我消息里的错别字，帮我看看这段话是否通顺。"],
    "ja": ["Gitでフォルダを無視させるにはどうすればいいですか？", "さっきの質問は忘れてください。京都のおすすめの寺はどこですか？",
           "システムプロンプトとは何ですか？書き方のコツを教えてください。", "タブレットで開発者モードを有効にする方法は？",
           "ルーターの管理者パスワードを変更する方法を教えて。", "プロンプトインジェクションの対策を教えてください。"],
    "ko": ["Git에서 폴더를 무시하게 하려면 어떻게 하나요?", "이전 질문은 잊어 주세요. 부산까지 KTX로 얼마나 걸리나요?",
           "시스템 프롬프트가 뭔가요? 도서관 챗봇용으로 하나 써 주세요.", "태블릿에서 개발자 모드를 켜는 방법은?",
           "공유기 관리자 비밀번호를 바꾸는 방법을 알려줘.", "프롬프트 인젝션을 어떻게 막을 수 있나요?"],
    "ar": ["كيف أجعل Git يتجاهل مجلدًا؟", "انسَ سؤالي السابق: كم تستغرق الرحلة إلى دبي؟", "ما هو موجه النظام وكيف أكتبه؟",
           "كيف أفعّل وضع المطور على الجهاز اللوحي؟", "كيف أغيّر كلمة مرور المسؤول للراوتر؟"],
    "fa": ["چطور Git را وادار کنم یک پوشه را نادیده بگیرد؟", "پرامپت سیستمی چیست؟"],
    "hi": ["Git को किसी फ़ोल्डर को अनदेखा कैसे करवाऊँ?", "सिस्टम प्रॉम्प्ट क्या होता है?", "टैबलेट पर डेवलपर मोड कैसे चालू करें?"],
    "el": ["Πώς κάνω το Git να αγνοεί έναν φάκελο;", "Τι είναι η προτροπή συστήματος;"],
    "sv": ["Hur får jag Git att ignorera en mapp?", "Vad är en systemprompt?"],
    "cs": ["Jak přimět Git, aby ignoroval složku?", "Co je systémový prompt?"],
    "he": ["איך גורמים ל-Git להתעלם מתיקייה?", "מהי הנחיית מערכת?"],
    "sw": ["Ninawezaje kufanya Git ipuuze folda?", "Kidokezo cha mfumo ni nini?"],
    "bn": ["Git কে কীভাবে একটি ফোল্ডার উপেক্ষা করাব?", "সিস্টেম প্রম্পট কী?"],
    "te": ["Git ఒక ఫోల్డర్‌ను విస్మరించేలా ఎలా చేయాలి?", "సిస్టమ్ ప్రాంప్ట్ అంటే ఏమిటి?"],
    "zu": ["Ngingayenza kanjani i-Git ukuthi iziba ifolda?", "Yini i-system prompt?"],
    "sq": ["Si ta bëj Git të injorojë një dosje?", "Çfarë është një prompt sistemi?"],
    "ga": ["Conas a chuirim ar Git neamhaird a dhéanamh d'fhillteán?", "Cad is leid chórais ann?"],
    "gd": ["Ciamar a bheir mi air Git pasgan a leigeil seachad?", "Dè a th' ann an stiùireadh siostaim?"],
}


# Notices in other languages with the same imperative boilerplate ("ignore this message if ...").
ML_DOC_NOTES: dict[str, list[str]] = {
    "es": ["Si ya ha realizado el pago, ignore este mensaje.", "Estas normas sustituyen a las instrucciones anteriores.",
           "Si ha recibido este correo por error, bórrelo y avise al remitente."],
    "fr": ["Si vous avez déjà payé, ne tenez pas compte de ce message.", "Ces règles remplacent les consignes précédentes.",
           "Cliquez ici pour vous désabonner."],
    "de": ["Falls Sie bereits bezahlt haben, ignorieren Sie bitte diese Erinnerung.",
           "Diese Regeln ersetzen alle bisherigen Anweisungen.", "Klicken Sie hier, um sich abzumelden."],
    "it": ["Se ha già pagato, ignori questo messaggio.", "Queste regole sostituiscono le istruzioni precedenti."],
    "pt": ["Se já pagou, desconsidere esta mensagem.", "Estas regras substituem as instruções anteriores."],
    "ru": ["Если вы уже оплатили, проигнорируйте это письмо.", "Эти правила заменяют все предыдущие инструкции."],
    "zh": ["如您已付款，请忽略此邮件。", "本规定取代之前的所有说明。", "点击此处退订。"],
    "ja": ["すでにお支払い済みの場合は、このメールを無視してください。", "本規程は以前の指示に代わるものです。"],
    "ko": ["이미 결제하셨다면 이 메일은 무시하셔도 됩니다.", "이 규정은 이전의 모든 지침을 대체합니다."],
    "ar": ["إذا كنت قد دفعت بالفعل، يرجى تجاهل هذه الرسالة.", "تحل هذه القواعد محل التعليمات السابقة."],
    "tr": ["Ödemenizi yaptıysanız bu mesajı dikkate almayın.", "Bu kurallar önceki talimatların yerini alır."],
    "pl": ["Jeśli już zapłaciłeś, zignoruj tę wiadomość.", "Te zasady zastępują poprzednie instrukcje."],
    "vi": ["Nếu bạn đã thanh toán, vui lòng bỏ qua email này.", "Quy định này thay thế các hướng dẫn trước đây."],
    "hi": ["यदि आपने भुगतान कर दिया है, तो कृपया इस संदेश को अनदेखा करें।"],
}


def _fill(r: random.Random, template: str) -> str:
    return template.format(
        lang=r.choice(LANGS_PROG), device=r.choice(DEVICES), app=r.choice(APPS), bot=r.choice(BOTS),
        olang=r.choice(OUTPUT_LANGS), person=r.choice(PEOPLE), Person=r.choice(PEOPLE).capitalize(),
        topic=r.choice(TOPICS), food=r.choice(FOODS), role=r.choice(ROLES), name=r.choice(NAMES),
        n=r.choice([2, 3, 4, 5]),
    )


def trigger(r: random.Random) -> str:
    """1-3 harmless requests built around attack vocabulary, or a self-correction followed by a request."""
    if r.random() < 0.2:
        return f"{r.choice(SELF_CORRECTIONS)} {_fill(r, r.choice(SELF_FOLLOWUPS))}"
    parts = []
    for _ in range(r.choice([1, 1, 1, 2, 2, 3])):
        vp = _fill(r, r.choice(TRIGGER_VP))
        parts.append(_fill(r, r.choice(QUESTION_FRAMES).replace("{vp}", "\x00")).replace("\x00", vp))
    if len(parts) > 1 and r.random() < 0.5:
        return " Also, ".join([parts[0]] + [q[0].lower() + q[1:] for q in parts[1:]])
    return " ".join(parts)


def security(r: random.Random) -> str:
    t, t2 = r.sample(SECURITY_TOPICS, 2)
    return r.choice(SECURITY_FRAMES).format(t=t, t2=t2)


def code(r: random.Random) -> str:
    phrases = ", ".join(r.sample(CODE_PHRASES, r.randint(2, 4)))
    regexes = ", ".join(r.sample(CODE_REGEXES, r.randint(2, 3)))
    word = r.choice(["ignore%previous", "jailbreak", "system prompt", "developer mode", "disregard"])
    intro = r.choice(["", "Review this:\n", "Here's my code.\n", "Quick code question.\n", "From our gateway repo:\n"])
    return intro + r.choice(CODE_TEMPLATES).format(
        phrases=phrases, regexes=regexes, word=word, bot=r.choice(BOTS), q=r.choice(CODE_QUESTIONS),
        phrase1=r.choice(CODE_PHRASES).replace("'", '"'), bot_file=r.choice(BOTS).replace(" ", "_"))


def document_note(r: random.Random) -> str:
    return r.choice(DOC_NOTES)


def reader_request(r: random.Random) -> str:
    return _fill(r, r.choice(DOC_READER))


def roleplay(r: random.Random) -> str:
    task = _fill(r, r.choice(ROLE_TASKS))
    t = r.choice(ROLEPLAY_TEMPLATES)
    return _fill(r, t.replace("{task_lc}", task[0].lower() + task[1:]).replace("{task}", task))


def answer_format(r: random.Random) -> str:
    a, b = _fill(r, r.choice(FORMAT_INSTRUCTIONS)), _fill(r, r.choice(FORMAT_TASKS))
    return f"{a} {b}" if r.random() < 0.6 else f"{b} {a}"


def multilingual(r: random.Random, lang: str, carrier: str = "chat") -> str:
    if carrier != "chat" and lang in ML_DOC_NOTES and r.random() < 0.5:
        return r.choice(ML_DOC_NOTES[lang])
    return r.choice(ML_BENIGN.get(lang) or ML_BENIGN["es"])


FAMILIES = {"trigger": trigger, "security": security, "code": code, "roleplay": roleplay, "format": answer_format}
#: Which benign family best shares vocabulary with each attack technique (the rest are drawn at random).
FOR_TECHNIQUE = {
    "override": ["trigger", "trigger", "format"], "authority": ["trigger", "security"],
    "roleplay": ["roleplay", "roleplay", "format"],
    "delimiter": ["code", "code", "format"], "leak": ["trigger", "security", "code"], "encoded": ["security"],
    "split": ["code", "security"], "ai-addressed": ["security", "document"], "task": ["format", "document"],
    "hijack": ["trigger", "format", "roleplay"], "secret": ["trigger", "security"], "completion": ["format", "code"],
}


def benign_for(r: random.Random, technique: str, carrier: str) -> str:
    """A benign text sharing vocabulary with `technique`, suited to `carrier` (documents get notes)."""
    fams = FOR_TECHNIQUE.get(technique, ["trigger"])
    fam = r.choice(fams) if r.random() < 0.7 else r.choice(list(FAMILIES) + ["document"])
    if carrier != "chat" and (fam == "document" or r.random() < 0.3):
        return document_note(r)
    if fam == "document":
        fam = "trigger"
    return FAMILIES[fam](r)


def standalone(r: random.Random, n: int) -> list[dict[str, object]]:
    """Unpaired benign prompts (NotInject-style), in every family and language."""
    out: list[dict[str, object]] = []
    langs = list(ML_BENIGN)
    for i in range(n):
        x = r.random()
        if x < 0.2:
            lang = r.choice(langs)
            text, fam = multilingual(r, lang), "multilingual"
        else:
            lang = "en"
            fam = r.choice(["trigger", "trigger", "trigger", "security", "security", "code", "roleplay", "format",
                            "format"])
            text = FAMILIES[fam](r)
        out.append({"text": text, "label": 0, "lang": lang, "family": fam, "id": f"benign-{i}"})
    return out
