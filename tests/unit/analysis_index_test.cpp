// Unit tests of the index: documents, theme tagging through compounds,
// missing diacritics and negation, manual codes, search with filters and
// snippets, discovery, and the watermark that makes indexing resumable.
#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <regex>
#include <sstream>

#include <sys/wait.h>
#include <unistd.h>

#include "../support/files.hpp"
#include "../support/temp_dir.hpp"
#include "analysis/analysis_error.hpp"
#include "analysis/codebook/tagger.hpp"
#include "analysis/discover/emergent_themes.hpp"
#include "analysis/discover/term_bridge.hpp"
#include "analysis/index/document_builder.hpp"
#include "analysis/index/search.hpp"
#include "analysis/index/text_index.hpp"
#include "analysis/index/xapian_errors.hpp"
#include "analysis/quotes/quote.hpp"

using namespace lyssna::analysis;
using nlohmann::json;

namespace {

std::shared_ptr<const LanguageResources> resources() {
  static auto r = build_resources(
      {{"sv", lyssna::test::source_file("analysis/data/lexicon/sv.txt")}}, json::parse(R"({
        "sv": {"cues": ["inte", "ingen", "inget", "inga"], "no_problem": ["inget problem"], "clause_breaks": ["men"],
               "list_words": ["eller"]},
        "en": {"cues": ["no", "not", "never"], "no_problem": ["no issues"], "clause_breaks": ["but"],
               "list_words": ["or"]}})"));
  return r;
}

const Codebook& codebook() {
  static Codebook c = parse_codebook(json::parse(R"({"id": "test", "themes": [
    {"id": "lighting", "terms": {"sv": ["mörk", "+belysning", "+lampa", "gångtunnel"], "en": ["dark", "+light"]}},
    {"id": "drugs", "terms": {"sv": ["knark", "narkotika", "langning"], "en": ["drug*"]}},
    {"id": "traffic", "terms": {"sv": ["trafik", "kör fort"], "en": ["speeding"]}},
    {"id": "transport", "terms": {"sv": ["busshållplats"], "en": ["bus stop"]}},
    {"id": "police", "terms": {"sv": ["polis", "ingen kommer"], "en": ["never came"]}}]})"));
  return c;
}

struct Fixture {
  std::map<std::string, std::string> texts;
  TextSource source() {
    return [this](const std::vector<std::string>& ids) {
      std::vector<std::vector<TextAnswer>> out;
      for (const auto& id : ids) out.push_back({{"free_text", texts[id]}});
      return out;
    };
  }
  lyssna::test::TempDir dir;
  TextIndex index{dir.file("index"), TextIndex::Mode::update};
  TextAnalyzer analyzer{resources()};
  int64_t seq = 0;

  void add(const std::string& id, const std::string& lang, const std::string& text,
           const std::string& area = "handen") {
    Response r;
    r.seq = ++seq;
    r.survey = "s";
    r.id = id;
    r.lang = lang;
    r.channel = "online";
    r.submitted_epoch = 1772648525 + seq * 86400;
    r.answers = {{"area", area}, {"free_text", text}};
    texts[id] = text;
    index.put(build_document(analyzer, r, {{"free_text", text}}), unique_term("s", id));
  }
  // Record id -> theme ids, for readable checks.
  std::map<std::string, std::vector<std::string>> tag(const std::vector<ManualCode>& manual = {},
                                                      const Codebook& c = codebook()) {
    index.commit(seq, "test");
    Tagger tagger(c, analyzer);
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& row : tagger.tag(index.database(), "s", manual).rows) {
      auto& themes = out[row.record_id];
      for (auto t : row.themes) themes.push_back(c.themes[t].id);
    }
    return out;
  }
  // The documents no theme of the codebook matched.
  std::set<Xapian::docid> unmatched() {
    auto themes = tag();
    std::set<Xapian::docid> out;
    for (const auto& doc : survey_documents(index.database(), "s")) {
      if (themes[doc.record_id].empty()) out.insert(doc.docid);
    }
    return out;
  }
};

using Themes = std::vector<std::string>;

}  // namespace

TEST_CASE("themes are found through compounds, missing diacritics and inflections",
          "[index][themes]") {
  Fixture f;
  f.add("compound", "sv", "Gatubelysningen är trasig sedan i höstas");
  f.add("drugs", "sv", "Narkotikaförsäljning vid torget varje kväll");
  f.add("no-diacritics", "sv", "sjukt mork gangtunnel vid skolan");
  f.add("phrase", "sv", "Bilarna kör alldeles för fort på Storgatan");
  f.add("english", "en", "Dealers selling drugs near the dark underpass");
  f.add("nothing", "sv", "Jag trivs bra här, tack!");
  auto t = f.tag();
  CHECK(t["compound"] == Themes{"lighting"});
  CHECK(t["drugs"] == Themes{"drugs"});
  CHECK(t["no-diacritics"] == Themes{"lighting"});
  CHECK(t["phrase"] == Themes{"traffic"});
  CHECK(t["english"] == Themes{"lighting", "drugs"});
  CHECK(t["nothing"].empty());
}

TEST_CASE("a negated mention does not count, a lacking good thing does",
          "[index][themes][negation]") {
  Fixture f;
  f.add("no-problem", "sv", "Trafiken är inget problem här men det är mörkt");
  f.add("no-issues", "en", "No issues with drugs, but the bus stop feels unsafe");
  f.add("no-light", "sv", "Det finns ingen belysning på gångvägen");
  f.add("no-drugs", "sv", "Ingen knarkförsäljning som jag sett");
  auto t = f.tag();
  CHECK(t["no-problem"] == Themes{"lighting"});
  CHECK(t["no-issues"] == Themes{"transport"});
  CHECK(t["no-light"] == Themes{"lighting"});
  CHECK(t["no-drugs"].empty());
}

TEST_CASE("a word negated in one place and mentioned plainly in another counts",
          "[index][themes][negation]") {
  // Long answers negate a word in one sentence and ask for it in another;
  // the negated mention once hid every other mention of the word.
  Fixture f;
  f.add("both", "sv", "Polisen kom inte när vi ringde. Vi vill ha mer polis på kvällarna.");
  f.add("only-negated", "sv", "Polisen kom inte när vi ringde. Men det är mörkt i parken.");
  f.add("no-problem-then-plain", "sv", "Knark är inget problem. Fast i år har det kommit knark.");
  auto t = f.tag();
  CHECK(t["both"] == Themes{"police"});
  CHECK(t["only-negated"] == Themes{"lighting"});
  CHECK(t["no-problem-then-plain"] == Themes{"drugs"});
}

TEST_CASE("a term that names an absence matches it", "[index][themes][negation]") {
  // "ingen kommer", "never came": the negation word is the term's point, not
  // a sign that the term is denied (it was never found).
  Fixture f;
  f.add("nobody", "sv", "Vi ringer och ringer men ingen kommer");
  f.add("never", "en", "We called about the fight and they never came");
  auto t = f.tag();
  CHECK(t["nobody"] == Themes{"police"});
  CHECK(t["never"] == Themes{"police"});
}

TEST_CASE("a negation carries on through a list", "[index][themes][negation]") {
  Fixture f;
  f.add("sv-list", "sv", "Inga skjutningar eller gäng eller knark här, bara lugnt");
  f.add("en-list", "en", "No shootings or gangs or drugs around here, quiet");
  auto t = f.tag();
  CHECK(t["sv-list"].empty());
  CHECK(t["en-list"].empty());
}

TEST_CASE("Arabic terms never match Persian answers, nor Persian terms Arabic ones",
          "[index][themes]") {
  // (A case of the rule below: a term matches answers in its own language.)
  // The Arabic stemmer cuts "الادمان" (addiction) to "ادم", which is a whole
  // Persian word ("آدم", a person); Persian words are not stemmed at all.
  const Codebook c = parse_codebook(json::parse(R"({"id": "t", "themes": [
    {"id": "drugs", "terms": {"ar": ["الادمان"], "fa": ["معتاد*"]}},
    {"id": "police", "terms": {"ar": ["شرط*"], "fa": ["پلیس"]}}]})"));
  Fixture f;
  f.add("fa-person", "fa", "شب‌ها آدم می‌ترسه از پارک رد بشه");
  f.add("fa-condition", "fa", "به شرط اینکه کسی کمک کنه");
  f.add("ar-addiction", "ar", "الادمان منتشر بين الشباب");
  f.add("ar-police", "ar", "نريد الشرطة في الحي");
  f.add("fa-addict", "fa", "معتادها تو پارک");
  f.add("ar-persian-word", "ar", "معتادها");
  f.add("sv-arabic-word", "sv", "الادمان");  // other languages keep both
  auto t = f.tag({}, c);
  CHECK(t["fa-person"].empty());
  CHECK(t["fa-condition"].empty());
  CHECK(t["ar-addiction"] == Themes{"drugs"});
  CHECK(t["ar-police"] == Themes{"police"});
  CHECK(t["fa-addict"] == Themes{"drugs"});
  CHECK(t["ar-persian-word"].empty());
  CHECK(t["sv-arabic-word"] == Themes{"drugs"});
}

TEST_CASE("a wildcard also finds its own word where the stemmer cuts it shorter",
          "[index][themes]") {
  // Finnish "sylki" (spat) and "sylkee" stem to "sylk", which "sylki*" does
  // not begin: the word's own stems are looked up beside the wildcard.
  const Codebook c = parse_codebook(json::parse(R"({"id": "t", "themes": [
    {"id": "harassment", "terms": {"fi": ["sylki*"]}}]})"));
  Fixture f;
  f.add("spat", "fi", "Hän sylki minua kohti");
  f.add("spits", "fi", "Se sylkee aina");
  f.add("other", "fi", "Hän sylkäisi");  // "sylk" + more: neither the stem nor the prefix
  auto t = f.tag({}, c);
  CHECK(t["spat"] == Themes{"harassment"});
  CHECK(t["spits"] == Themes{"harassment"});
  CHECK(t["other"].empty());
}

TEST_CASE("a term matches answers in its own language, a Swedish term every answer",
          "[index][themes]") {
  // English "slag" is the stem of Swedish "slagen" (beaten); Swedish words
  // turn up in answers in every language.
  const Codebook c = parse_codebook(json::parse(R"({"id": "t", "themes": [
    {"id": "harassment", "terms": {"en": ["slag"], "sv": ["våldtäkt"]}}]})"));
  Fixture f;
  f.add("sv-beaten", "sv", "Hon blev slagen");
  f.add("en-slur", "en", "He called her a slag");
  f.add("en-swedish", "en", "There was a våldtäkt in the park");
  f.add("de-english", "de", "slag");  // a language the theme has no terms for
  auto t = f.tag({}, c);
  CHECK(t["sv-beaten"].empty());
  CHECK(t["en-slur"] == Themes{"harassment"});
  CHECK(t["en-swedish"] == Themes{"harassment"});
  CHECK(t["de-english"] == Themes{"harassment"});
}

TEST_CASE("a near term finds two words close together in either order", "[index][themes]") {
  // "ungdomarna vid kiosken skriker": a young people's word and a disorder
  // word, however many ways residents put them together.
  const Codebook c = parse_codebook(json::parse(R"({"themes": [
    {"id": "disorder", "terms": {"sv": ["ungdomar/killar ~ skriker/bråkar"]}}]})"));
  Fixture f;
  f.add("between", "sv", "Killarna vid kiosken på torget skriker varje kväll");
  f.add("reversed", "sv", "Det bråkar och skriker ungdomarna hela natten");
  f.add("far-apart", "sv",
        "Ungdomarna här är trevliga och hjälpsamma mot alla grannar i huset, men på natten skriker "
        "någon");
  f.add("other-answer", "sv", "Ungdomar");
  f.add("negated", "sv", "Inga ungdomar som skriker här");
  f.add("one-side", "sv", "Folk skriker på torget");
  auto t = f.tag({}, c);
  CHECK(t["between"] == Themes{"disorder"});
  CHECK(t["reversed"] == Themes{"disorder"});
  CHECK(t["far-apart"].empty());
  CHECK(t["negated"].empty());
  CHECK(t["one-side"].empty());
}

TEST_CASE("manual codes win over the automatic themes and follow renames", "[index][themes]") {
  Fixture f;
  f.add("a", "sv", "Mörkt och knark överallt");
  f.add("b", "sv", "Inget att klaga på");
  auto t = f.tag({{"a", "drugs", false}, {"b", "traffic", true}, {"a", "no_such_theme", true}});
  CHECK(t["a"] == Themes{"lighting"});
  CHECK(t["b"] == Themes{"traffic"});
  // A later code for the same theme wins.
  auto again = f.tag({{"a", "drugs", false}, {"a", "drugs", true}});
  CHECK(again["a"] == Themes{"lighting", "drugs"});
  Codebook renamed = codebook();
  renamed.themes[0].id = "light_and_place";
  renamed.renamed["lighting"] = "light_and_place";
  auto r = f.tag({{"b", "lighting", true}}, renamed);
  CHECK(r["b"] == Themes{"light_and_place"});
}

TEST_CASE("search: phrases, boolean operators, folding, filters and snippets", "[index][search]") {
  Fixture f;
  f.add("1", "sv", "Mörkt vid gångtunneln på kvällarna", "jordbro");
  f.add("2", "sv", "Det är mörkt i parken och langning vid skolan", "handen");
  f.add("3", "en", "The underpass is dark and scary at night", "handen");
  f.index.commit(f.seq, "test");
  const auto& db = f.index.database();
  auto ids = [&](const std::string& q, SearchFilters filters = {}) {
    std::set<std::string> out;
    for (const auto& h : search(db, f.analyzer, "s", q, filters, 0, 50, f.source()).hits)
      out.insert(h.record_id);
    return out;
  };
  CHECK(ids("mork") == std::set<std::string>{"1", "2"});  // no diacritics needed
  CHECK(ids("mörkt") == std::set<std::string>{"1", "2"});
  CHECK(ids("tunnel") == std::set<std::string>{"1"});  // a part of "gångtunneln"
  CHECK(ids("\"vid gångtunneln\"") == std::set<std::string>{"1"});
  CHECK(ids("mörkt AND langning") == std::set<std::string>{"2"});
  CHECK(ids("mörkt NOT langning") == std::set<std::string>{"1"});
  CHECK(ids("dark OR langning") == std::set<std::string>{"2", "3"});
  SearchFilters jordbro;
  jordbro.areas = {"jordbro"};
  CHECK(ids("mörkt", jordbro) == std::set<std::string>{"1"});
  SearchFilters english;
  english.languages = {"en"};
  CHECK(ids("", english) == std::set<std::string>{"3"});
  SearchFilters later;
  later.from = 1772648525 + 2 * 86400;
  CHECK(ids("mörkt", later) == std::set<std::string>{"2"});
  Tagger tagger(codebook(), f.analyzer);
  SearchFilters drugs;
  drugs.theme = tagger.query("drugs");
  CHECK(ids("", drugs) == std::set<std::string>{"2"});
  auto hits = search(db, f.analyzer, "s", "mörkt", {}, 0, 1, f.source()).hits;
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].snippets[0].text.find("**") != std::string::npos);
  CHECK_NOTHROW(search(db, f.analyzer, "s", "\"unclosed AND (", {}, 0, 5,
                       f.source()));  // the parser is forgiving
}

TEST_CASE("snippets mark matches in the original spelling", "[index][search]") {
  TextAnalyzer a(resources());
  Xapian::Query q(Xapian::Query::OP_OR, Xapian::Query("Zmork"), Xapian::Query("Ztunnel"));
  CHECK(make_snippet("Mörkt vid gångtunneln.", "sv", q, a) == "**Mörkt** vid **gångtunneln**.");
  std::string long_text;
  for (int i = 0; i < 60; ++i) long_text += "ord ";
  long_text += "mörkt slut";
  auto s = make_snippet(long_text, "sv", q, a, 10);
  CHECK(s.rfind("…", 0) == 0);
  CHECK(s.find("**mörkt**") != std::string::npos);
  // A Swedish word in an English answer is found by its Swedish stems, and marked.
  CHECK(make_snippet("The gångtunneln is scary", "en", q, a) == "The **gångtunneln** is scary");
  // A phrase's words are marked where the phrase stands, not alone; what
  // AND_NOT leaves out is not marked.
  const Xapian::Query parts[] = {Xapian::Query("Zpa"), Xapian::Query("Znatt")};
  Xapian::Query phrase(Xapian::Query::OP_PHRASE, std::begin(parts), std::end(parts), 4);
  CHECK(make_snippet("Ute på gatan på natten", "sv", phrase, a) ==
        "Ute på gatan **på** **natten**");
  CHECK(make_snippet("Bussen på morgonen, sedan hem en natt", "sv", phrase, a) ==
        "Bussen på morgonen, sedan hem en natt");
  Xapian::Query kept(Xapian::Query::OP_AND_NOT, Xapian::Query("Zmork"), Xapian::Query("Ztunnel"));
  CHECK(make_snippet("Mörkt vid gångtunneln.", "sv", kept, a) == "**Mörkt** vid gångtunneln.");
  const Xapian::Query sides[] = {Xapian::Query("Zlamp"), Xapian::Query("Zsond")};
  Xapian::Query near(Xapian::Query::OP_NEAR, std::begin(sides), std::end(sides), 8);
  CHECK(make_snippet("Lampan är sönder", "sv", near, a) == "**Lampan** är **sönder**");
  CHECK(make_snippet("Lampan lyser", "sv", near, a) == "Lampan lyser");
  CHECK(redact_contact_details("Ring 070-123 45 67 eller mejla anna@example.se") ==
        "Ring […] eller mejla […]");
}

TEST_CASE("contact details are masked in one pass, runs of seven digits or more",
          "[index][quotes]") {
  CHECK(redact_contact_details("Ring 0701234 nu") == "Ring […] nu");  // seven digits
  CHECK(redact_contact_details("Buss 123456 går") == "Buss 123456 går");
  CHECK(redact_contact_details("Ring +46 70 123 45 67.") == "Ring […].");
  CHECK(redact_contact_details("Mellan 12 och 34 - 56") == "Mellan 12 och 34 - 56");
  CHECK(redact_contact_details("nr 12-34 56-78, ok") == "nr […], ok");
  CHECK(redact_contact_details("Mejla a.b+c@sub.example.com.x1 idag") == "Mejla […].x1 idag");
  CHECK(redact_contact_details("x@@y.se och @a.se och b@c och d@e.f") ==
        "x@@y.se och @a.se och b@c och d@e.f");
  CHECK(redact_contact_details("åsa@ex.se") == "å[…]");  // ASCII local parts, as before
  // Addresses as the old regular expression found them, on many short texts
  // without digits (whose rule changed from eight characters to seven digits).
  const std::regex email(R"([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})");
  const std::string alphabet = "ab.@-+_% X";
  std::mt19937 random(7);
  for (int i = 0; i < 3000; ++i) {
    std::string text;
    for (int k = 0, n = static_cast<int>(random() % 18); k < n; ++k)
      text += alphabet[random() % alphabet.size()];
    INFO("'" << text << "'");
    CHECK(redact_contact_details(text) == std::regex_replace(text, email, "[…]"));
  }
  // A long answer of digits and at-signs (answers run to 20,000 characters)
  // once took quadratic time in the regular expression, and libstdc++'s
  // recursion risked the stack; now it is masked like any other.
  std::string hostile;
  while (hostile.size() < 20000) hostile += "1@1.1 ";
  CHECK(redact_contact_details(hostile).size() <= hostile.size() + 8);
  std::string at_signs(20000, '@'), letters(20000, 'a');
  CHECK(redact_contact_details(at_signs) == at_signs);
  CHECK(redact_contact_details(letters + "@" + letters + ".se") == "[…]");
  CHECK(redact_contact_details(std::string(20000, '7')) == "[…]");
}

TEST_CASE("discovery proposes co-occurring words the codebook misses", "[index][discover]") {
  Fixture f;
  const char* mornings[] = {"måndag", "tisdag", "onsdag", "torsdag", "fredag"};
  for (int i = 0; i < 5; ++i) {
    f.add("snow" + std::to_string(i), "sv",
          std::string("Snöröjningen på cykelbanan är usel, halka i ") + mornings[i]);
  }
  // The same text again, written otherwise: one quote, not two.
  f.add("snow5", "sv", "snöröjningen på CYKELBANAN är usel - halka i måndag!");
  for (int i = 0; i < 4; ++i)
    f.add("dog" + std::to_string(i), "sv", "Lösa hundar i parken skrämmer barnen");
  for (int i = 0; i < 5; ++i) f.add("dark" + std::to_string(i), "sv", "Mörkt vid skolan");
  const auto unmatched = f.unmatched();
  CHECK(unmatched.size() == 10);
  TermBridge bridge(nullptr, codebook(), {}, f.analyzer);
  auto found = discover_themes(f.index.database(), unmatched, f.analyzer, {{"pa", "ar", "i"}, {}},
                               bridge, f.source())
                   .candidates;
  REQUIRE(found.size() >= 2);
  CHECK(found[0].count == 6);
  std::string words;
  for (const auto& w : found[0].terms) words += w + " ";
  CHECK_THAT(words, Catch::Contains("halka") || Catch::Contains("snorojningen") ||
                        Catch::Contains("usel"));
  REQUIRE(found[0].quotes.size() == 3);
  std::set<std::string> shown;
  for (const auto& q : found[0].quotes) shown.insert(normalized_text(q.text));
  CHECK(shown.size() == 3);  // distinct texts
  CHECK(found[1].count == 4);
  // Lösa hundar: four answers, one text; shown once.
  CHECK(found[1].quotes.size() == 1);
}

TEST_CASE("discovery never proposes the survey's places, nor the parts of their names",
          "[index][discover]") {
  Fixture f;
  for (int i = 0; i < 6; ++i)
    f.add("jb" + std::to_string(i), "sv", "Otryggt i Jordbro centrum " + std::to_string(i));
  const auto unmatched = f.unmatched();
  TermBridge bridge(nullptr, codebook(), {}, f.analyzer);
  auto terms_of = [&](const DiscoverOptions& options) {
    std::set<std::string> terms;
    for (const auto& c : discover_themes(f.index.database(), unmatched, f.analyzer,
                                         {{"i", "vid"}, {}}, bridge, f.source(), options)
                             .candidates)
      terms.insert(c.terms.begin(), c.terms.end());
    return terms;
  };
  // Without the places, the area is the commonest "theme".
  CHECK(terms_of({}).count("jordbro") == 1);
  DiscoverOptions options;
  options.places = {"jordbro", "Jordbro"};
  const auto terms = terms_of(options);
  for (const char* place : {"jordbro", "jord", "bro"}) CHECK(terms.count(place) == 0);
  CHECK(terms.count("otryggt") == 1);  // what the answers say of the place stays
}

TEST_CASE("discovery never proposes the words of answers that say nothing", "[index][discover]") {
  Fixture f;
  // "Vet inte" and its kin are the commonest answers no theme matches.
  for (int i = 0; i < 8; ++i)
    f.add("dk" + std::to_string(i), "sv", i % 2 ? "Vet inte." : "vet ej, ingen aning");
  for (int i = 0; i < 3; ++i) f.add("en" + std::to_string(i), "en", "Don't know");
  for (int i = 0; i < 4; ++i)
    f.add("snow" + std::to_string(i), "sv", "Snöröjningen är usel i år " + std::to_string(i));
  for (int i = 0; i < 6; ++i) f.add("dark" + std::to_string(i), "sv", "Mörkt vid skolan");
  const auto unmatched = f.unmatched();
  REQUIRE(unmatched.size() == 15);
  const auto vocabulary = parse_discover_vocabulary(
      json::parse(R"({"sv": ["i", "ar"], "en": ["know"]})"),
      json::parse(
          R"({"_comment": "", "sv": ["vet inte", "vet ej", "ingen aning"], "en": ["don't know"]})"));
  auto terms_of = [](const Discovery& found) {
    std::set<std::string> terms;
    for (const auto& c : found.candidates) terms.insert(c.terms.begin(), c.terms.end());
    return terms;
  };
  TermBridge bridge(nullptr, codebook(), vocabulary.stopwords, f.analyzer);
  auto found =
      discover_themes(f.index.database(), unmatched, f.analyzer, vocabulary, bridge, f.source());
  REQUIRE(found.candidates.size() == 1);
  const auto terms = terms_of(found);
  CHECK(terms.count("snorojningen") + terms.count("usel") > 0);
  for (const char* nothing : {"vet", "inte", "ingen", "aning", "don't"})
    CHECK(terms.count(nothing) == 0);
  // Without the phrases, "vet inte" and the rest become a theme.
  const auto unguarded = terms_of(discover_themes(f.index.database(), unmatched, f.analyzer,
                                                  {vocabulary.stopwords, {}}, bridge, f.source()));
  CHECK(unguarded.count("vet") == 1);
  CHECK_THROWS_AS(parse_discover_vocabulary(json::parse(R"({"sv": "vet inte"})"), json::object()),
                  BadSpecification);
}

TEST_CASE("an answer that is a stop phrase and one word more says nothing", "[index][discover]") {
  // "Vet inte riktigt" once came back as a candidate theme: "riktigt" stands
  // outside the phrase, so the words were judged one by one and it passed.
  Fixture f;
  for (int i = 0; i < 5; ++i)
    f.add("dk" + std::to_string(i), "sv", "Vet inte riktigt, det är bra som det är.");
  for (int i = 0; i < 3; ++i) f.add("here" + std::to_string(i), "sv", "vet inte, bor inte här");
  for (int i = 0; i < 4; ++i)
    f.add("snow" + std::to_string(i), "sv", "Snöröjningen är usel i år " + std::to_string(i));
  // Saying "vet inte" and something more is an answer.
  f.add("more", "sv", "Vet inte vem man ringer, men snöröjningen är usel och halkan farlig");
  for (int i = 0; i < 5; ++i) f.add("dark" + std::to_string(i), "sv", "Mörkt vid skolan");
  const auto unmatched = f.unmatched();
  REQUIRE(unmatched.size() == 13);
  const auto vocabulary = parse_discover_vocabulary(
      json::parse(R"({"sv": ["det", "är", "som", "bra", "i", "år", "inte", "här", "men", "och",
                             "man", "vem"]})"),
      json::parse(R"({"sv": ["vet inte"]})"));
  TermBridge bridge(nullptr, codebook(), vocabulary.stopwords, f.analyzer);
  const auto found =
      discover_themes(f.index.database(), unmatched, f.analyzer, vocabulary, bridge, f.source());
  CHECK(found.non_answers == 8);
  REQUIRE(found.candidates.size() == 1);
  const auto& c = found.candidates[0];
  CHECK(c.count == 5);
  for (const auto& term : c.terms) {
    INFO(term);
    CHECK((term != "riktigt" && term != "bor" && term != "vet"));
  }
  for (const auto& q : c.quotes) CHECK_THAT(q.text, !Catch::StartsWith("Vet inte riktigt"));
}

TEST_CASE("no input makes a term too long for the index", "[index][limits]") {
  // Xapian refuses terms over 245 bytes; one such document once stopped the
  // indexer for good. Long words, long ids and long areas all get in.
  Fixture f;
  const std::string long_survey(200, 's'), long_id(128, 'i'), long_area(240, 'a');
  Response r;
  r.seq = 1;
  r.survey = long_survey;
  r.id = long_id;
  r.lang = "sv";
  r.answers = {{"area", long_area}};
  std::string arabic;
  for (int i = 0; i < 150; ++i) arabic += "ب";
  const auto doc = build_document(
      f.analyzer, r,
      {{"free_text", "Mörkt " + std::string(300, 'x') + " " + arabic + " vid tunneln"}});
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
    CHECK((*t).size() <= max_term_bytes);
  f.index.put(doc, unique_term(long_survey, long_id));
  f.index.put(doc, unique_term(long_survey, long_id));  // the unique term still replaces
  f.index.commit(1, "test");
  CHECK(f.index.database().get_doccount() == 1);
  // Filters built the same way find it.
  SearchFilters by_area;
  by_area.areas = {long_area};
  auto hits =
      search(f.index.database(), f.analyzer, long_survey, "tunnel", by_area, 0, 10, f.source());
  CHECK(hits.total == 1);
  by_area.areas = {std::string(240, 'a').replace(239, 1, "b")};  // long areas stay distinct
  CHECK(search(f.index.database(), f.analyzer, long_survey, "tunnel", by_area, 0, 10, f.source())
            .total == 0);
  CHECK(filter_term("XS", "short") == "XSshort");
}

TEST_CASE("a document the index cannot take is refused alone, and nothing else is lost",
          "[index][limits]") {
  Fixture f;
  f.add("a", "sv", "Mörkt vid tunneln");
  Xapian::Document bad;
  bad.add_term("Z" + std::string(300, 'x'));
  CHECK_THROWS_AS(f.index.put(bad, unique_term("s", "bad")), RejectedDocument);
  f.add("b", "sv", "Bilarna kör fort");
  f.index.record_set_aside({{3, "s", "bad", "too long"}});
  f.index.commit(3, "test");
  // Xapian itself would have dropped "a" with the bad document.
  CHECK(f.index.database().get_doccount() == 2);
  TextIndex reader(f.dir.file("index"), TextIndex::Mode::read_only);
  REQUIRE(reader.set_aside().size() == 1);
  CHECK(reader.set_aside()[0].id == "bad");
  f.index.record_set_aside({});
  f.index.commit(3, "test");
  CHECK(f.index.set_aside().empty());
}

TEST_CASE("search counts its matches exactly and says so", "[index][search]") {
  Fixture f;
  for (int i = 0; i < 150; ++i)
    f.add("d" + std::to_string(i), "sv", i % 3 ? "Mörkt vid tunneln" : "Bilarna kör fort");
  f.index.commit(f.seq, "test");
  auto r = search(f.index.database(), f.analyzer, "s", "mörkt OR tunnel", {}, 0, 5, f.source());
  CHECK(r.total == 100);
  CHECK(r.total_exact);
  CHECK(r.hits.size() == 5);
  SearchFilters swedish;
  swedish.languages = {"sv"};  // a filter on values, checked document by document
  CHECK(search(f.index.database(), f.analyzer, "s", "tunnel", swedish, 0, 5, f.source()).total ==
        100);
}

TEST_CASE("the index records how far it got, so indexing resumes after a crash", "[index]") {
  lyssna::test::TempDir dir;
  {
    TextIndex index(dir.file("index"), TextIndex::Mode::update);
    CHECK(index.indexed_through() == 0);
    TextAnalyzer a(resources());
    Response r;
    r.survey = "s";
    r.id = "x";
    r.lang = "sv";
    index.put(build_document(a, r, {{"free_text", "mörkt"}}), unique_term("s", "x"));
    index.commit(41, "fp");
  }
  // A process that dies mid-batch: no destructor runs, nothing is committed.
  pid_t child = fork();
  if (child == 0) {
    TextIndex index(dir.file("index"), TextIndex::Mode::update);
    TextAnalyzer a(resources());
    Response r;
    r.survey = "s";
    r.id = "y";
    r.lang = "sv";
    index.put(build_document(a, r, {{"free_text", "aldrig sparat"}}), unique_term("s", "y"));
    _exit(0);
  }
  int status = 0;
  waitpid(child, &status, 0);
  TextIndex reopened(dir.file("index"), TextIndex::Mode::update);
  CHECK(reopened.indexed_through() == 41);
  CHECK(reopened.fingerprint() == "fp");
  CHECK(reopened.database().get_doccount() == 1);
  CHECK_THROWS_AS(TextIndex(dir.file("index"), TextIndex::Mode::update), IndexBusy);
  TextIndex reader(dir.file("index"), TextIndex::Mode::read_only);
  CHECK(reader.database().get_doccount() == 1);
}

TEST_CASE("a read the writer's commits overtook reads again at the latest revision",
          "[index][revisions]") {
  // The server's indexer commits up to once a second; a report's reader that
  // is two commits behind finds its revision overwritten (Xapian's
  // DatabaseModifiedError), which once ended the request as an internal error.
  Fixture f;
  constexpr int responses = 3000;
  auto write_round = [&](const std::string& words) {
    for (int i = 0; i < responses; ++i)
      f.add("r" + std::to_string(i), "sv", words + " vid tunnel nummer " + std::to_string(i));
    f.index.commit(f.seq, "test");
  };
  write_round("mörkt");
  TextIndex reader(f.dir.file("index"), TextIndex::Mode::read_only);
  Tagger tagger(codebook(), f.analyzer);
  auto traffic = [&](const Xapian::Database& db) {
    size_t count = 0;
    for (const auto& row : tagger.tag(db, "s").rows) count += row.has(2);  // "traffic"
    return count;
  };
  int reads = 0;
  const size_t found = reader.read([&](const Xapian::Database& db) {
    if (++reads == 1) {
      for (const char* words : {"knark", "trafik", "trafik och knark"}) write_round(words);
    }
    return traffic(db);
  });
  CHECK(reads == 2);
  CHECK(found == responses);  // the latest revision's texts
  // A writer that overtakes every attempt: the reader gives up, unavailable.
  try {
    reader.read([&](const Xapian::Database& db) {
      for (const char* words : {"mörkt", "knark", "trafik"}) write_round(words);
      return traffic(db);
    });
    FAIL("the read was never overtaken");
  } catch (const IndexChanged& e) {
    CHECK(e.outcome() == lyssna::Outcome::unavailable);
  }
}

TEST_CASE("Xapian's errors become the library's, with the outcome each means", "[index][errors]") {
  auto outcome_of = [](const Xapian::Error& e) {
    try {
      rethrow_xapian_error(e, "reading");
    } catch (const IndexChanged& changed) {
      CHECK(std::string(changed.what()).rfind("reading: ", 0) == 0);
      return std::string("changed");
    } catch (const AnalysisError& other) {
      CHECK(std::string(other.what()).rfind("reading: ", 0) == 0);
      return std::string(lyssna::outcome_name(other.outcome()));
    }
    return std::string("nothing thrown");
  };
  CHECK(outcome_of(Xapian::DatabaseModifiedError("revision discarded")) == "changed");
  CHECK(outcome_of(Xapian::DatabaseCorruptError("bad block")) == "unavailable");
  CHECK(outcome_of(Xapian::DatabaseOpeningError("no such file")) == "unavailable");
  CHECK(outcome_of(Xapian::InvalidArgumentError("a bug")) == "internal");
}
