//! Words too common to be worth indexing, per language, folded as the index stores words
//! (`más` is `mas`). The client has the same tables (`assets/search-engine.js` for English,
//! `assets/search-<code>.js` for the others; tested in `terms.rs`).

/// Words too common to be worth indexing (English; the client drops them from queries too).
pub const EN: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "because",
    "been", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have",
    "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "me", "my",
    "no", "not", "of", "on", "one", "or", "our", "out", "she", "so", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "to", "up", "us", "was", "we",
    "were", "what", "when", "which", "who", "will", "with", "would", "you", "your",
];

/// Spanish words too common to be worth indexing, folded (`más` is `mas`).
pub const ES: &[&str] = &[
    "a", "al", "algo", "algunas", "algunos", "ante", "antes", "como", "con", "contra", "cual",
    "cuando", "de", "del", "desde", "donde", "durante", "e", "el", "ella", "ellas", "ellos", "en",
    "entre", "era", "eran", "es", "esa", "esas", "ese", "eso", "esos", "esta", "estan", "estar",
    "estas", "este", "esto", "estos", "fue", "ha", "han", "hasta", "hay", "he", "la", "las", "le",
    "les", "lo", "los", "mas", "me", "mi", "mis", "mucho", "muchos", "muy", "nada", "ni", "no",
    "nos", "nosotros", "o", "os", "otra", "otras", "otro", "otros", "para", "pero", "poco", "por",
    "porque", "que", "quien", "quienes", "se", "ser", "si", "sin", "sobre", "son", "su", "sus",
    "tambien", "te", "ti", "tiene", "tienen", "todo", "todos", "tu", "tus", "un", "una", "uno",
    "unos", "y", "ya", "yo",
];

/// German words too common to be worth indexing, folded (`für` is `fur`).
pub const DE: &[&str] = &[
    "aber", "alle", "allem", "allen", "aller", "alles", "als", "also", "am", "an", "ander",
    "andere", "anderem", "anderen", "anderer", "anderes", "auch", "auf", "aus", "bei", "beim",
    "bin", "bis", "bist", "da", "damit", "dann", "das", "dass", "dem", "den", "der", "des", "dich",
    "die", "dir", "doch", "dort", "du", "durch", "ein", "eine", "einem", "einen", "einer", "eines",
    "er", "es", "euch", "euer", "fur", "hat", "hatte", "hier", "ich", "ihm", "ihn", "ihr", "im",
    "in", "ins", "ist", "ja", "jede", "jedem", "jeden", "jeder", "jedes", "kann", "kein", "keine",
    "man", "mein", "mich", "mir", "mit", "muss", "nach", "nicht", "noch", "nun", "nur", "ob",
    "oder", "ohne", "sehr", "sein", "sich", "sie", "sind", "so", "soll", "sondern", "uber", "um",
    "und", "uns", "unser", "vom", "von", "vor", "war", "waren", "was", "weil", "welche", "wenn",
    "wer", "werden", "wie", "wieder", "will", "wir", "wird", "wo", "zu", "zum", "zur", "zwischen",
];

/// French words too common to be worth indexing, folded (`été` is `ete`, `même` is `meme`).
pub const FR: &[&str] = &[
    "ai", "aie", "aient", "aies", "ait", "as", "au", "aura", "aurai", "auraient", "aurais",
    "aurait", "auras", "aurez", "auriez", "aurions", "aurons", "auront", "aux", "avaient", "avais",
    "avait", "avec", "avez", "aviez", "avions", "avons", "ayant", "ayez", "ayons", "ce", "ceci",
    "cela", "ces", "cet", "cette", "dans", "de", "des", "du", "elle", "elles", "en", "es", "est",
    "et", "etaient", "etais", "etait", "etant", "ete", "etes", "etiez", "etions", "eu", "eue",
    "eues", "eurent", "eus", "eut", "eux", "furent", "fus", "fut", "ici", "il", "ils", "je", "la",
    "le", "les", "leur", "leurs", "lui", "ma", "mais", "me", "meme", "mes", "moi", "mon", "ne",
    "nos", "notre", "nous", "on", "ont", "ou", "par", "pas", "pour", "qu", "que", "quel", "quelle",
    "quelles", "quels", "qui", "sa", "sans", "se", "sera", "serai", "seraient", "serais", "serait",
    "seras", "serez", "seriez", "serions", "serons", "seront", "ses", "soi", "soient", "sois",
    "soit", "sommes", "son", "sont", "soyez", "soyons", "suis", "sur", "ta", "te", "tes", "toi",
    "ton", "tu", "un", "une", "vos", "votre", "vous",
];

/// Italian words too common to be worth indexing, folded (`più` is `piu`, `perché` is `perche`).
pub const IT: &[&str] = &[
    "abbia", "abbiamo", "ad", "agl", "agli", "ai", "al", "all", "alla", "alle", "allo", "anche",
    "avete", "aveva", "avevano", "avrebbe", "avuto", "che", "chi", "ci", "coi", "col", "come",
    "con", "contro", "cui", "da", "dagl", "dagli", "dai", "dal", "dall", "dalla", "dalle", "dallo",
    "degl", "degli", "dei", "del", "dell", "della", "delle", "dello", "di", "dov", "dove", "ed",
    "era", "erano", "fosse", "fu", "gli", "ha", "hai", "hanno", "ho", "il", "in", "io", "la", "le",
    "lei", "li", "lo", "loro", "lui", "ma", "mi", "mia", "mie", "miei", "mio", "ne", "negl",
    "negli", "nei", "nel", "nell", "nella", "nelle", "nello", "noi", "non", "nostra", "nostre",
    "nostri", "nostro", "per", "perche", "piu", "quale", "quanta", "quante", "quanti", "quanto",
    "quella", "quelle", "quelli", "quello", "questa", "queste", "questi", "questo", "sarebbe",
    "se", "sei", "si", "sia", "siamo", "siano", "siete", "sono", "su", "sua", "sue", "sugl",
    "sugli", "sui", "sul", "sull", "sulla", "sulle", "sullo", "suo", "suoi", "ti", "tra", "tu",
    "tua", "tue", "tuo", "tuoi", "tutti", "tutto", "un", "una", "uno", "vi", "voi", "vostra",
    "vostre", "vostri", "vostro",
];
