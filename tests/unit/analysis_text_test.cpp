// Unit tests of text analysis: folding, tokens, stems per language, Swedish
// compounds, negation, and theme queries compiled from codebook terms.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "../support/files.hpp"
#include "analysis/analysis_error.hpp"
#include "analysis/codebook/codebook.hpp"
#include "analysis/codebook/theme_query.hpp"
#include "analysis/text/analyzer.hpp"
#include "analysis/text/normalize.hpp"
#include "analysis/text/tokenizer.hpp"

using namespace lyssna::analysis;

namespace {

// The real lexicons, and negation rules written for these tests.
std::shared_ptr<const LanguageResources> test_resources() {
  static auto r =
      build_resources({{"sv", lyssna::test::source_file("analysis/data/lexicon/sv.txt")},
                       {"fi", lyssna::test::source_file("analysis/data/lexicon/fi.txt")}},
                      nlohmann::json::parse(R"({
        "sv": {"cues": ["inte", "ingen", "inget", "inga", "aldrig"],
               "no_problem": ["inget problem", "inga problem", "inte något problem"],
               "clause_breaks": ["men"], "list_words": ["eller"],
               "idioms": ["efter [mörkret]", "från [stationen]", "falsk [polis]", "i kväll"]},
        "en": {"cues": ["no", "not", "never"], "no_problem": ["no issues", "not a problem"], "clause_breaks": ["but"]},
        "ar": {"cues": ["لا", "ليس"], "no_problem": ["لا توجد مشكلة"], "clause_breaks": ["لكن"]}
      })"));
  return r;
}

std::vector<AnalyzedToken> analyse(const std::string& text, const std::string& lang) {
  TextAnalyzer a(test_resources());
  uint32_t position = 1;
  return a.analyze(text, lang, position);
}

const AnalyzedToken& token(const std::vector<AnalyzedToken>& tokens, const std::string& word) {
  for (const auto& t : tokens) {
    if (t.word == word) return t;
  }
  FAIL("no token " << word);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("folding removes diacritics and unifies Arabic and Persian letters", "[text]") {
  CHECK(fold_token("Mörkt", Profile::sv) == "morkt");
  CHECK(fold_token("GÅNGTUNNELN", Profile::sv) == "gangtunneln");
  CHECK(fold_token("Café", Profile::en) == "cafe");
  CHECK(fold_token("Straße", Profile::en) == "strasse");
  // Arabic: vowel marks, tatweel and hamza forms go; ى → ي; Arabic-Indic digits → 0-9.
  CHECK(fold_token("الإِضَاءَة", Profile::ar) == fold_token("الاضاءة", Profile::ar));
  CHECK(fold_token("مـشـكلة", Profile::ar) == fold_token("مشكلة", Profile::ar));
  CHECK(fold_token("على", Profile::ar) == fold_token("علي", Profile::ar));
  CHECK(fold_token("٢٠٢٦", Profile::ar) == "2026");
  // Persian: Arabic yeh and kaf become Persian ones.
  CHECK(fold_token("پارك", Profile::fa) == fold_token("پارک", Profile::fa));
  CHECK(fold_token("امني", Profile::fa) == fold_token("امنی", Profile::fa));
}

TEST_CASE("tokens carry positions, clauses and byte offsets", "[text]") {
  uint32_t position = 10, clause = 0;
  const std::string text = "Mörkt vid tunneln, don't go! پارک‌ها";
  auto tokens = tokenize(text, Profile::sv, Profile::sv, position, clause);
  std::vector<std::string> words;
  for (const auto& t : tokens) words.push_back(t.folded);
  CHECK(words == std::vector<std::string>{"morkt", "vid", "tunneln", "don't", "go", "پارک", "ها"});
  CHECK(tokens[0].position == 10);
  CHECK(tokens[2].clause != tokens[3].clause);  // the comma ends a clause
  CHECK(tokens[0].clause == tokens[2].clause);
  CHECK(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin) == "Mörkt");
  CHECK(text.substr(tokens[3].begin, tokens[3].end - tokens[3].begin) == "don't");
  // A Persian word in a Swedish answer is read as Persian (or Arabic).
  CHECK((tokens[5].profile == Profile::fa || tokens[5].profile == Profile::ar));
}

TEST_CASE("an over-long word is skipped, its position kept", "[text][limits]") {
  // A 300-letter "word" once became a 301-byte term, which Xapian refuses:
  // the indexer stopped at it for good. Latin, Arabic (two bytes a letter)
  // and a word that folding lengthens (ß -> ss) must all stay out.
  const std::string latin(300, 'a');
  std::string arabic, eszett;
  for (int i = 0; i < 60; ++i) arabic += "ب";
  for (int i = 0; i < 60; ++i) eszett += "ß";
  for (const auto& [word, profile] : std::vector<std::pair<std::string, Profile>>{
           {latin, Profile::sv}, {arabic, Profile::ar}, {eszett, Profile::sv}}) {
    INFO(word.size());
    uint32_t position = 1, clause = 0;
    auto tokens = tokenize("mörkt " + word + " tunnel", profile, Profile::sv, position, clause);
    REQUIRE(tokens.size() == 2);
    CHECK(tokens[0].position == 1);
    CHECK(tokens[1].position == 3);  // no phrase spans the skipped word
    for (const auto& t : tokens) CHECK(t.folded.size() <= max_word_bytes);
  }
  // A long real word stays.
  uint32_t position = 0, clause = 0;
  const std::string finnish = "lentokonesuihkuturbiinimoottoriapumekaanikkoaliupseerioppilas";
  CHECK(tokenize(finnish, Profile::fi, Profile::sv, position, clause).size() == 1);
}

TEST_CASE("each language has its stemmer, Somali and Persian are folded only", "[text]") {
  TextAnalyzer a(test_resources());
  CHECK(a.stem("belysningen", Profile::sv) == a.stem("belysning", Profile::sv));
  CHECK(a.stem("poliserna", Profile::sv) == a.stem("polis", Profile::sv));
  CHECK(a.stem("lights", Profile::en) == a.stem("light", Profile::en));
  CHECK(a.stem("poliisille", Profile::fi) == a.stem("poliisilla", Profile::fi));
  CHECK(a.stem(fold_token("المشكلة", Profile::ar), Profile::ar) ==
        a.stem(fold_token("مشكلة", Profile::ar), Profile::ar));
  CHECK(a.stem(fold_token("المخدرات", Profile::ar), Profile::ar) !=
        fold_token("المخدرات", Profile::ar));
  CHECK(a.stem("tuugooyin", Profile::so) == "tuugooyin");
}

TEST_CASE("Persian verbs read the same joined, after a non-joiner or after a space", "[text]") {
  // "می‌کنن", "میکنن" and "می کنن" are one word as residents type it.
  uint32_t position = 1, clause = 0;
  const std::string text =
      "پارک می‌کنن، پارک میکنن، پارک می کنن، نمی‌دونم";
  auto tokens = tokenize(text, Profile::fa, Profile::sv, position, clause);
  std::vector<std::string> words;
  for (const auto& t : tokens) words.push_back(t.folded);
  const std::string verb = fold_token("میکنن", Profile::fa);
  const std::string park = fold_token("پارک", Profile::fa);
  CHECK(words == std::vector<std::string>{park, verb, park, verb, park, verb,
                                          fold_token("نمیدونم", Profile::fa)});
  CHECK(tokens[1].position == tokens[0].position + 1);
  CHECK(tokens[2].position == tokens[1].position + 1);  // no position left empty
  CHECK(text.substr(tokens[5].begin, tokens[5].end - tokens[5].begin) == "می کنن");
  // Only in Persian, and not across a clause.
  position = 1, clause = 0;
  CHECK(tokenize("می. کنن", Profile::fa, Profile::sv, position, clause).size() == 2);
}

TEST_CASE("an Arabic word with its conjunction is found without it", "[text]") {
  // The stemmer strips the article but keeps "و" before it: "والحشيش".
  TextAnalyzer a(test_resources());
  auto has = [&](const std::string& word, const std::string& base) {
    auto stems = a.stems_of(fold_token(word, Profile::ar), Profile::ar);
    return std::find(stems.begin(), stems.end(),
                     a.stem(fold_token(base, Profile::ar), Profile::ar)) != stems.end();
  };
  CHECK(has("والحشيش", "حشيش"));
  CHECK(has("والشرطة", "الشرطة"));
  CHECK(has("فالسرقة", "سرقة"));
  CHECK(a.stems_of(fold_token("ولاد", Profile::ar), Profile::ar).size() == 1);  // no article
}

TEST_CASE("Somali spellings with and without doubled letters fold alike", "[text]") {
  CHECK(fold_token("Booliiska", Profile::so) == fold_token("boliska", Profile::so));
  CHECK(fold_token("dhallinyarada", Profile::so) == fold_token("dhalinyarada", Profile::so));
  CHECK(fold_token("2000", Profile::so) == "2000");            // digits stay
  CHECK(fold_token("booliiska", Profile::sv) == "booliiska");  // only Somali
}

TEST_CASE("Swedish words in a Somali or English answer get their Swedish stems", "[text]") {
  // Code-switching: "fritidsgården-ka", "busshållplatsen" inside Somali.
  auto t = analyse("Fritidsgården waa la xiray, busshållplatsen iyo kulanka", "so");
  auto has = [&](const AnalyzedToken& token, const std::string& stem) {
    return std::find(token.extra_stems.begin(), token.extra_stems.end(), stem) !=
           token.extra_stems.end();
  };
  TextAnalyzer a(test_resources());
  CHECK(has(token(t, "fritidsgarden"), a.stem("fritidsgard", Profile::sv)));
  // (Somali folding writes doubled letters once; the Swedish stems come from the word as written.)
  CHECK(has(token(t, "bushalplatsen"), a.stem("hallplats", Profile::sv)));
  CHECK(token(t, "kulanka").extra_stems.empty());  // a Somali word (a meeting), not "kula"
  CHECK(token(t, "wa").extra_stems.empty());
  // In English only a word with å, ä or ö is taken for Swedish.
  auto en = analyse("The fritidsgården closed, and the station is dark", "en");
  CHECK(has(token(en, "fritidsgarden"), a.stem("fritidsgard", Profile::sv)));
  CHECK(token(en, "station").extra_stems.empty());
}

TEST_CASE("Swedish and Finnish compounds are split into their parts", "[text][compound]") {
  TextAnalyzer a(test_resources());
  auto parts = [&](const std::string& w, Profile p) {
    return a.split_compound(fold_token(w, p), p);
  };
  using Parts = std::vector<std::string>;
  CHECK(parts("gatubelysningen", Profile::sv) == Parts{"gata", "belysning"});
  CHECK(parts("narkotikaförsäljning", Profile::sv) == Parts{"narkotika", "forsaljning"});
  CHECK(parts("busshållplatsen", Profile::sv) == Parts{"buss", "hallplats"});
  CHECK(parts("trafiksäkerhet", Profile::sv) ==
        Parts{"trafik", "sakerhet"});  // not trafik-s-åkerhet
  CHECK(parts("cykelstölder", Profile::sv).front() == "cykel");
  CHECK(parts("ungdomsgäng", Profile::sv) == Parts{"ungdom", "gang"});
  CHECK(parts("skolvägen", Profile::sv).front() == "skola");
  CHECK(parts("huumekauppa", Profile::fi) == Parts{"huume", "kauppa"});
  CHECK(parts("katuvalaistus", Profile::fi) == Parts{"katu", "valaistus"});
  // Missing diacritics still split.
  CHECK(parts("gangtunneln", Profile::sv) == Parts{"gang", "tunnel"});
  // Ordinary words, inflected or not, are not split.
  CHECK(parts("belysning", Profile::sv).empty());
  CHECK(parts("platsen", Profile::sv).empty());
  CHECK(parts("kvällarna", Profile::sv).empty());
  // An inflection the stemmer misses still reaches the lemma's stem.
  auto stems = a.stems_of("tunneln", Profile::sv);
  CHECK(std::find(stems.begin(), stems.end(), a.stem("tunnel", Profile::sv)) != stems.end());
}

TEST_CASE("negation: no-problem clauses and lacking things", "[text][negation]") {
  auto t = analyse("Trafiken är inget problem här men det är mörkt vid tunneln", "sv");
  CHECK(token(t, "trafiken").mention == Mention::no_problem);
  CHECK(token(t, "morkt").mention == Mention::present);
  CHECK(token(t, "tunneln").mention == Mention::present);

  auto lack = analyse("Det finns ingen belysning alls. Knarkförsäljning syns inte.", "sv");
  CHECK(token(lack, "belysning").mention == Mention::lacking);
  CHECK(token(lack, "knarkforsaljning").mention ==
        Mention::lacking);  // the cue comes two words after
  CHECK(token(lack, "ingen").cue);

  auto en = analyse("No issues with drugs, but the bus stop feels unsafe.", "en");
  CHECK(token(en, "drugs").mention == Mention::no_problem);
  CHECK(token(en, "bus").mention == Mention::present);

  auto far = analyse("Inte så mycket klotter längre", "sv");
  CHECK(token(far, "klotter").mention == Mention::lacking);
  auto distant = analyse("Jag vet inte vad man ska göra åt all skadegörelse", "sv");
  CHECK(token(distant, "skadegorelse").mention == Mention::present);  // the cue is too far away

  // A list word carries the negation on, forward and back.
  auto list = analyse("Inga skjutningar eller sprängningar eller knark, bara klotter", "sv");
  CHECK(token(list, "knark").mention == Mention::lacking);
  CHECK(token(list, "klotter").mention == Mention::present);
  auto back = analyse("Klotter eller skadegörelse eller knark syns inte", "sv");
  CHECK(token(back, "klotter").mention == Mention::lacking);
  auto beyond = analyse("Inte mycket att göra åt det eller knark", "sv");
  CHECK(token(beyond, "knark").mention == Mention::present);  // "eller" is out of reach
}

TEST_CASE("negation: a denied problem word clears its clause", "[text][negation]") {
  // "never had any trouble with crime or drugs": the words the trouble is
  // about stand beyond the cue's reach, but none of them is a complaint.
  auto r = build_resources({{"sv", lyssna::test::source_file("analysis/data/lexicon/sv.txt")}},
                           nlohmann::json::parse(R"({
      "en": {"cues": ["no", "never"], "problem_words": ["trouble", "problem"], "clause_breaks": ["but"]},
      "sv": {"cues": ["inga"], "problem_words": ["problem"]}})"));
  TextAnalyzer a(r);
  auto run = [&](const std::string& text, const std::string& lang) {
    uint32_t position = 1;
    return a.analyze(text, lang, position);
  };
  auto never = run("I have never had any trouble with crime or drugs, but it is dark", "en");
  CHECK(token(never, "crime").mention == Mention::no_problem);
  CHECK(token(never, "drugs").mention == Mention::no_problem);
  CHECK(token(never, "dark").mention == Mention::present);  // another clause
  // A problem word that is not denied changes nothing.
  auto plain = run("The problem is that there is no lighting near the drugs", "en");
  CHECK(token(plain, "drugs").mention == Mention::present);
  CHECK(token(plain, "lighting").mention == Mention::lacking);
  // Nor does a cue that reaches no problem word.
  auto far = run("Never seen anything like the trouble with drugs here", "en");
  CHECK(token(far, "drugs").mention == Mention::present);
  // A compound's part counts: "inga trafikproblem" is no traffic complaint.
  auto compound = run("Inga trafikproblem alls här vid skolan", "sv");
  CHECK(token(compound, "skolan").mention == Mention::no_problem);
}

TEST_CASE("negation: cues written as a verb prefix reach back only", "[text][negation]") {
  // Persian negates the verb ("نمیاد", does not come; "نداریم", we do not
  // have), which ends its clause: what it denies stands before it.
  auto r = build_resources({}, nlohmann::json::parse(R"({
      "fa": {"cues": ["نه", "نمی*", "ندار*"], "reach_back": 2, "list_words": ["یا"]}})"));
  TextAnalyzer a(r);
  auto run = [&](const std::string& text) {
    uint32_t position = 1;
    return a.analyze(text, "fa", position);
  };
  auto f = [](const char* w) { return fold_token(w, Profile::fa); };
  auto have = run("ما اینجا مواد مخدر یا دزدی نداریم");
  CHECK(token(have, f("نداریم")).cue);
  CHECK(token(have, f("مواد")).mention == Mention::lacking);
  CHECK(token(have, f("دزدی")).mention == Mention::lacking);
  CHECK(token(have, f("اینجا")).mention == Mention::present);  // out of reach
  // Forward it reaches nothing: "they don't know that BankID ...".
  auto know = run("نمی‌دونن BankID رو به کسی بدن");
  CHECK(token(know, f("نمیدونن")).cue);
  CHECK(token(know, "bankid").mention == Mention::present);
  // A whole word is a cue as before, both ways; a prefix alone is no cue.
  auto no = run("نه پلیس");
  CHECK(token(no, f("پلیس")).mention == Mention::lacking);
  auto bare = run("ندار");  // the prefix with nothing after it
  CHECK_FALSE(token(bare, f("ندار")).cue);
  // Reaches are bounded.
  CHECK_THROWS_WITH(build_resources({}, nlohmann::json::parse(R"({"fa": {"reach_back": 11}})")),
                    Catch::Contains("fa.reach_back"));
  CHECK_THROWS_WITH(build_resources({}, nlohmann::json::parse(R"({"fa": {"reach_forward": -1}})")),
                    Catch::Contains("fa.reach_forward"));
}

TEST_CASE("negation: a cue's reach back stops at a conjunction", "[text][negation]") {
  // "... hedersförtryck och ingen vågar prata om det": nobody dares, the
  // oppression is there.
  auto r = build_resources({}, nlohmann::json::parse(R"({
      "sv": {"cues": ["ingen", "inte"], "back_stops": ["och"]}})"));
  TextAnalyzer a(r);
  uint32_t position = 1;
  auto t = a.analyze("Det är hedersförtryck och ingen vågar prata om det", "sv", position);
  CHECK(token(t, "hedersfortryck").mention == Mention::present);
  CHECK(token(t, "vagar").mention == Mention::lacking);  // forward as before
  auto back = a.analyze("Knark finns inte", "sv", position);
  CHECK(token(back, "knark").mention == Mention::lacking);
}

TEST_CASE("idioms: a one-word idiom is that word's form, not its stem", "[text][negation]") {
  // Finnish "pimeällä" (in the dark: a time) stems as "pimeää" (it is dark).
  auto r = build_resources({}, nlohmann::json::parse(R"({
      "fi": {"idioms": ["[pimeällä]", "[valepoliisi]"]}})"));
  TextAnalyzer a(r);
  uint32_t position = 1;
  auto t = a.analyze("Pimeällä en mene ulos, puistossa on pimeää", "fi", position);
  CHECK(token(t, "pimealla").mention == Mention::no_problem);
  CHECK(token(t, "pimeaa").mention == Mention::present);
  CHECK(a.stem("pimealla", Profile::fi) == a.stem("pimeaa", Profile::fi));  // why it matters
  auto fake = a.analyze("Soitto valepoliisilta", "fi", position);  // inflected: it begins so
  CHECK(token(fake, "valepoliisilta").mention == Mention::no_problem);
}

TEST_CASE("idioms: words that are no mention in a set phrase", "[text][negation]") {
  // "After dark" is a time, "from the station" a place passed on the way,
  // a "fake police" no police: none is a complaint about what it names.
  auto t = analyse("Jag går inte hem från pendeltågsstationen efter mörkret", "sv");
  CHECK(token(t, "pendeltagsstationen").mention == Mention::no_problem);  // a compound's part
  CHECK(token(t, "morkret").mention == Mention::no_problem);
  CHECK(token(t, "fran").mention == Mention::lacking);          // outside the brackets: as before
  auto fake = analyse("En falsk otrevlig polis ringde", "sv");  // one word may stand between
  CHECK(token(fake, "polis").mention == Mention::no_problem);
  CHECK(token(fake, "otrevlig").mention == Mention::no_problem);  // it goes with the later word
  CHECK(token(fake, "falsk").mention == Mention::present);
  auto plain = analyse("Det är mörkret vid stationen", "sv");
  CHECK(token(plain, "morkret").mention == Mention::present);
  CHECK(token(plain, "stationen").mention == Mention::present);
  auto all = analyse("Hit i kväll", "sv");  // without brackets every word
  CHECK(token(all, "i").mention == Mention::no_problem);
  CHECK(token(all, "kvall").mention == Mention::no_problem);
  CHECK_THROWS_WITH(
      build_resources({}, nlohmann::json::parse(R"({"sv": {"idioms": ["efter [] mörkret"]}})")),
      Catch::Contains("idiom 'efter [] mörkret'"));
}

TEST_CASE("codebook terms compile to queries over stems without negated mentions", "[codebook]") {
  TextAnalyzer a(test_resources());
  // Left out where the word is only negated: marked XN or XL, and not also
  // mentioned plainly (XP).
  CHECK(compile_term("belysningen", "sv", a).get_description() ==
        "Query((Zbelysning AND_NOT ((XNbelysning OR XLbelysning) AND_NOT XPbelysning)))");
  // Desirable: a lacking mention still counts.
  CHECK(compile_term("+Belysning", "sv", a).get_description() ==
        "Query((Zbelysning AND_NOT (XNbelysning AND_NOT (XPbelysning OR XLbelysning))))");
  CHECK(compile_term("kör fort", "sv", a).get_description() ==
        "Query(((Zkor PHRASE 4 Zfort) AND_NOT ((XNkor OR XLkor) AND_NOT XPkor)))");
  CHECK(compile_term("narkot*", "sv", a).get_description() ==
        "Query((WILDCARD SYNONYM Znarkot AND_NOT ((WILDCARD SYNONYM XNnarkot OR WILDCARD SYNONYM "
        "XLnarkot) AND_NOT WILDCARD SYNONYM XPnarkot)))");
  CHECK(compile_term("mörk", "sv", a).get_description() ==
        compile_term("mork", "sv", a).get_description());
  CHECK(compile_term("lights", "en", a).get_description() ==
        "Query((Zlight AND_NOT ((XNlight OR XLlight) AND_NOT XPlight)))");
  // An inflection the stemmer misses reaches its lemma too.
  CHECK(compile_term("tunneln", "sv", a).get_description() ==
        "Query(((Ztunneln OR Ztunnel) AND_NOT (((XNtunneln OR XNtunnel) OR (XLtunneln OR "
        "XLtunnel)) AND_NOT (XPtunneln OR XPtunnel))))");
  // A term holding a negation word looks for the absence: its next word is
  // checked, and counts when lacking. (The negation word itself is always
  // marked XN, so checking it would leave every answer out.)
  CHECK(compile_term("ingen kommer", "sv", a).get_description() ==
        "Query(((Zing PHRASE 4 Zkomm) AND_NOT (XNkomm AND_NOT (XPkomm OR XLkomm))))");
  CHECK(compile_term("aldrig", "sv", a).get_description() == "Query(Zaldr)");
  // Near: a word of each side within eight positions, either side negated leaves it out.
  CHECK(compile_term("killar/ungdomar ~ skriker", "sv", a).get_description() ==
        "Query((((Zkill OR Zungdom) NEAR 8 Zskrik) AND_NOT ((((XNkill OR XNungdom) OR (XLkill OR "
        "XLungdom)) AND_NOT (XPkill OR XPungdom)) OR ((XNskrik OR XLskrik) AND_NOT XPskrik))))");
}

TEST_CASE("near terms have one word or alternatives on each side", "[codebook]") {
  auto problem = [](const std::string& term) -> std::string {
    try {
      parse_codebook(nlohmann::json{{"themes", {{{"id", "t"}, {"terms", {{"sv", {term}}}}}}}});
    } catch (const BadSpecification& e) {
      return e.what();
    }
    return "accepted";
  };
  CHECK(problem("ungdomar/killar ~ skriker") == "accepted");
  CHECK(problem("+ungdomar ~ fritidsgård") == "accepted");
  CHECK_THAT(problem("ungdomar ~ skriker högt"), Catch::Contains("one word or words/like/these"));
  CHECK_THAT(problem("ungdom* ~ skriker"), Catch::Contains("whole words only"));
  CHECK_THAT(problem("ungdomar//killar ~ skriker"), Catch::Contains("empty word"));
  CHECK_THAT(problem("ungdomar/ ~ skriker"), Catch::Contains("empty word"));
  CHECK_THAT(problem("ungdomar~skriker"), Catch::Contains("outside the form"));
  std::string many = "a";
  for (size_t i = 1; i <= max_near_alternatives; ++i) many += "/a" + std::to_string(i);
  CHECK_THAT(problem(many + " ~ skriker"), Catch::Contains("more than 30 words"));
}

TEST_CASE("a whole word is one the lexicon knows, inflected or compounded", "[codebook]") {
  TextAnalyzer a(test_resources());
  CHECK(a.whole_word("belysning", Profile::sv));
  CHECK(a.whole_word("belysningen", Profile::sv));
  CHECK(a.whole_word("gatubelysningen", Profile::sv));
  CHECK_FALSE(a.whole_word("belysn", Profile::sv));  // a cut word, as wildcards are
  CHECK(a.whole_word("anything", Profile::en));      // no lexicon: every word
}

TEST_CASE("a codebook has at most 1000 themes of at most 1000 terms", "[codebook]") {
  // Tagging numbers themes in 16 bits and keeps a byte per response and
  // theme: a codebook of 70,000 themes wrapped the numbers around.
  auto codebook_of = [](size_t themes, size_t terms) {
    nlohmann::json list = nlohmann::json::array();
    for (size_t t = 0; t < themes; ++t) {
      nlohmann::json words = nlohmann::json::array();
      for (size_t k = 0; k < terms; ++k) words.push_back("ord" + std::to_string(k));
      list.push_back({{"id", "t" + std::to_string(t)}, {"terms", {{"sv", words}}}});
    }
    return nlohmann::json{{"themes", list}};
  };
  auto refused = [](const nlohmann::json& j) -> std::string {
    try {
      parse_codebook(j);
    } catch (const BadSpecification& e) {
      return e.what();
    }
    return "accepted";
  };
  CHECK(refused(codebook_of(max_codebook_themes, 1)) == "accepted");
  CHECK_THAT(refused(codebook_of(max_codebook_themes + 1, 1)),
             Catch::Contains("1001 themes") && Catch::Contains("1000"));
  CHECK(refused(codebook_of(1, max_theme_terms)) == "accepted");
  CHECK_THAT(refused(codebook_of(1, max_theme_terms + 1)),
             Catch::Contains("theme 't0'") && Catch::Contains("more than 1000 terms"));
  auto wrong_id = codebook_of(1, 1);
  wrong_id["id"] = 7;
  CHECK_THAT(refused(wrong_id), Catch::Contains("'id'"));
}
