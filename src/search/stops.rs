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

/// Portuguese words too common to be worth indexing, folded (`não` is `nao`).
pub const PT: &[&str] = &[
    "ao", "aos", "aquela", "aquelas", "aquele", "aqueles", "aquilo", "as", "ate", "com", "como",
    "da", "das", "de", "dela", "delas", "dele", "deles", "depois", "desde", "do", "dos", "ela",
    "elas", "ele", "eles", "em", "entre", "era", "eram", "essa", "essas", "esse", "esses", "esta",
    "estamos", "estao", "estar", "estas", "estava", "estavam", "este", "estes", "esteve", "estou",
    "eu", "foi", "foram", "fui", "ha", "havia", "houve", "isso", "isto", "ja", "lhe", "lhes",
    "mais", "mas", "me", "mesmo", "meu", "meus", "minha", "minhas", "muito", "na", "nao", "nas",
    "nem", "no", "nos", "nossa", "nossas", "nosso", "nossos", "num", "numa", "os", "ou", "para",
    "pela", "pelas", "pelo", "pelos", "por", "porque", "qual", "quando", "que", "quem", "sao",
    "se", "seja", "sejam", "sem", "ser", "sera", "seria", "seu", "seus", "so", "sobre", "somos",
    "sou", "sua", "suas", "tambem", "te", "tem", "temos", "tenha", "tenho", "ter", "teu", "teus",
    "teve", "tinha", "tinham", "tu", "tua", "tuas", "um", "uma", "umas", "uns", "voce", "voces",
    "vos",
];

/// Dutch words too common to be worth indexing (the Snowball list and a few pronouns).
pub const NL: &[&str] = &[
    "aan", "al", "alles", "als", "altijd", "andere", "ben", "bij", "daar", "dan", "dat", "de",
    "der", "deze", "die", "dit", "doch", "doen", "door", "dus", "een", "eens", "en", "er", "ge",
    "geen", "geweest", "haar", "had", "heb", "hebben", "heeft", "hem", "hen", "het", "hier", "hij",
    "hoe", "hun", "iemand", "iets", "ik", "in", "is", "ja", "je", "jij", "jullie", "kan", "kon",
    "kunnen", "maar", "me", "meer", "men", "met", "mij", "mijn", "moet", "na", "naar", "niet",
    "niets", "nog", "nu", "of", "om", "omdat", "onder", "ons", "onze", "ook", "op", "over",
    "reeds", "te", "tegen", "toch", "toen", "tot", "uit", "uw", "van", "veel", "voor", "want",
    "waren", "was", "wat", "werd", "wezen", "wie", "wij", "wil", "worden", "wordt", "zal", "ze",
    "zelf", "zich", "zij", "zijn", "zo", "zonder", "zou",
];

/// Swedish words too common to be worth indexing, folded (`på` is `pa`; `här` and `har` are
/// one word): the Snowball list less `sitta` (to sit).
pub const SV: &[&str] = &[
    "alla", "allt", "an", "ar", "at", "att", "av", "blev", "bli", "blir", "blivit", "da", "dar",
    "de", "dem", "den", "denna", "deras", "dess", "dessa", "det", "detta", "dig", "din", "dina",
    "ditt", "du", "efter", "ej", "eller", "en", "er", "era", "ert", "ett", "for", "fran", "ha",
    "hade", "han", "hans", "har", "henne", "hennes", "hon", "honom", "hur", "icke", "ingen",
    "inom", "inte", "jag", "ju", "kan", "kunde", "man", "med", "mellan", "men", "mig", "min",
    "mina", "mitt", "mot", "mycket", "nagon", "nagot", "nagra", "nar", "ni", "nu", "och", "om",
    "oss", "over", "pa", "sa", "sadan", "sadana", "sadant", "samma", "sedan", "sig", "sin", "sina",
    "sjalv", "skulle", "som", "till", "under", "upp", "ut", "utan", "vad", "var", "vara", "varfor",
    "varit", "varje", "vars", "vart", "vem", "vi", "vid", "vilka", "vilkas", "vilken", "vilket",
];

/// Russian words too common to be worth indexing, folded (`ё` is `е`; `й` stays, a letter of
/// its own): the Snowball list less its content words (`человек`, `жизнь`, `хорошо`, forms of
/// `сказать`, `два`, ...), plus `это`, `эта`, `также` and `мои` (the plural of `мой`).
// rustfmt counts Cyrillic in bytes and would give each word a line of its own.
#[rustfmt::skip]
pub const RU: &[&str] = &[
    "без", "более", "больше", "будет", "будто", "бы", "был", "была", "были", "было", "быть", "вам",
    "вас", "вдруг", "ведь", "во", "вот", "впрочем", "все", "всегда", "всего", "всех", "всю", "вы",
    "где", "да", "даже", "для", "до", "другой", "его", "ее", "ей", "ему", "если", "есть", "еще",
    "же", "за", "зачем", "здесь", "из", "или", "им", "иногда", "их", "как", "какая", "какой",
    "когда", "конечно", "кто", "куда", "ли", "между", "меня", "мне", "много", "может", "можно",
    "мои", "мой", "моя", "мы", "на", "над", "надо", "наконец", "нас", "не", "него", "нее", "ней",
    "нельзя", "нет", "ни", "нибудь", "никогда", "ним", "них", "ничего", "но", "ну", "об", "один",
    "он", "она", "они", "опять", "от", "перед", "по", "под", "после", "потом", "потому", "почти",
    "при", "про", "раз", "разве", "сам", "свою", "себе", "себя", "сейчас", "со", "совсем", "так",
    "также", "такой", "там", "тебя", "тем", "теперь", "то", "тогда", "того", "тоже", "только",
    "том", "тот", "тут", "ты", "уж", "уже", "хоть", "чего", "чем", "через", "что", "чтоб", "чтобы",
    "чуть", "эта", "эти", "это", "этого", "этой", "этом", "этот", "эту",
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
