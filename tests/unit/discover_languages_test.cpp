// Unit tests of discovery across languages: how distinctive terms become
// candidate themes (translations made one, co-occurrence within a language,
// groups that are part of others) and the bridge between languages (the
// codebook's parallel terms, the dictionaries, lemmas).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "../support/files.hpp"
#include "analysis/codebook/codebook.hpp"
#include "analysis/discover/term_bridge.hpp"
#include "analysis/discover/term_groups.hpp"
#include "analysis/text/resources.hpp"

using namespace lyssna::analysis;
using nlohmann::json;

namespace {

using Docs = std::set<Xapian::docid>;

Docs range(Xapian::docid first, Xapian::docid last) {
  Docs out;
  for (auto d = first; d <= last; ++d) out.insert(d);
  return out;
}

// Answers 1-99 Swedish, 100-199 English, 200- Arabic.
int language_of(Xapian::docid d) {
  return d < 100 ? 0 : d < 200 ? 1 : 2;
}

std::vector<std::vector<std::string>> stems_of(const std::vector<TermGroup>& groups,
                                               const std::vector<DiscoveredTerm>& terms) {
  std::vector<std::vector<std::string>> out;
  for (const auto& g : groups) {
    out.emplace_back();
    for (size_t i : g.terms) out.back().push_back(terms[i].stem);
  }
  return out;
}

using Stems = std::vector<std::vector<std::string>>;

std::shared_ptr<const LanguageResources> swedish_resources() {
  static auto r = build_resources(
      {{"sv", lyssna::test::source_file("analysis/data/lexicon/sv.txt")}}, json::object());
  return r;
}

}  // namespace

TEST_CASE("translations of each other are one concept, whatever answers hold them",
          "[discover][languages]") {
  // One concern in three languages: no answer holds words of two of them.
  std::vector<DiscoveredTerm> terms = {
      {"sno", Profile::sv, {"snow"}, range(1, 6)},
      {"snow", Profile::en, {"snow"}, range(100, 104)},
      {"ثلج", Profile::ar, {"ice", "snow"}, range(200, 202)},
      {"vint", Profile::sv, {"winter"}, range(1, 4)},
      {"winter", Profile::en, {"winter"}, range(101, 104)},
      {"شتاء", Profile::ar, {"winter"}, Docs{200, 201, 203}},
  };
  auto groups = group_terms(terms, language_of, 0.25);
  REQUIRE(groups.size() == 1);
  CHECK(groups[0].docs.size() == 6 + 5 + 4);
  CHECK(stems_of(groups, terms) == Stems{{"sno", "snow", "ثلج", "vint", "winter", "شتاء"}});

  // Without the translations, each language is a candidate of its own.
  for (auto& t : terms) t.pivots.clear();
  groups = group_terms(terms, language_of, 0.25);
  CHECK(stems_of(groups, terms) == Stems{{"sno", "vint"}, {"snow", "winter"}, {"ثلج", "شتاء"}});
}

TEST_CASE("within a language, co-occurrence decides, not a shared translation",
          "[discover][languages]") {
  // Two Swedish words for noise, in different answers: two concerns as far
  // as anyone can tell (the grouping within a language is co-occurrence).
  const std::vector<DiscoveredTerm> terms = {
      {"buller", Profile::sv, {"nois"}, range(1, 4)},
      {"ovasen", Profile::sv, {"nois", "din"}, range(10, 13)},
  };
  CHECK(group_terms(terms, language_of, 0.25).size() == 2);
}

TEST_CASE("a word is compared with the answers of its own languages", "[discover][languages]") {
  // The concern: 4 Swedish answers and 12 English ones. "plog" is in two of
  // the Swedish ones (and three Swedish answers about something else).
  const std::vector<DiscoveredTerm> terms = {
      {"sno", Profile::sv, {"snow"}, range(1, 4)},
      {"snow", Profile::en, {"snow"}, range(100, 111)},
      {"plog", Profile::sv, {"plough"}, Docs{1, 2, 50, 51, 52}},
  };
  // Against the Swedish answers the overlap is 2/7; against all, 2/19.
  const auto groups = group_terms(terms, language_of, 0.25);
  REQUIRE(groups.size() == 1);
  CHECK(groups[0].docs.count(50) == 1);
}

TEST_CASE("a group whose answers are mostly another's is part of that one",
          "[discover][languages]") {
  const std::vector<DiscoveredTerm> terms = {
      {"snorojning", Profile::sv, {}, range(1, 10)},
      {"plogar", Profile::sv, {}, Docs{1, 2, 11}},    // overlap 2/11: a group of its own, first
      {"hundar", Profile::sv, {}, Docs{20, 21, 22}},  // nothing in common
  };
  const auto groups = group_terms(terms, language_of, 0.25);
  CHECK(stems_of(groups, terms) == Stems{{"snorojning", "plogar"}, {"hundar"}});
  CHECK(groups[0].docs == range(1, 11));
}

TEST_CASE("groups come most answers first, ties by their words", "[discover][languages]") {
  const std::vector<DiscoveredTerm> terms = {
      {"b", Profile::sv, {}, range(1, 3)},
      {"a", Profile::sv, {}, range(10, 12)},
      {"c", Profile::sv, {}, range(20, 25)},
  };
  const auto groups = group_terms(terms, language_of, 0.25);
  CHECK(stems_of(groups, terms) == Stems{{"c"}, {"a"}, {"b"}});
}

TEST_CASE("the codebook's labels and single-word terms bridge languages without a dictionary",
          "[discover][languages]") {
  const Codebook codebook = parse_codebook(json::parse(R"({"id": "t", "themes": [
    {"id": "winter", "label": {"sv": "Vinterväghållning", "en": "Winter roads", "fa": "برف‌روبی"},
     "terms": {"so": ["baraf*"], "fa": ["برف"], "sv": ["snöröjning", "halka på trottoaren"]}},
    {"id": "noise", "label": {"en": "Noise"}, "terms": {"en": ["noisy"]}}]})"));
  TextAnalyzer analyzer(swedish_resources());
  TermBridge bridge(nullptr, codebook, {"på"}, analyzer);
  using V = std::vector<std::string>;
  CHECK(bridge.pivots(Profile::fa, "برف") == V{"#winter"});
  CHECK(bridge.pivots(Profile::so, "barafka") == V{"#winter"});  // wildcard
  CHECK(bridge.pivots(Profile::so, "bar").empty());
  CHECK(bridge.pivots(Profile::sv, analyzer.stem("snorojning", Profile::sv)) == V{"#winter"});
  // A phrase's words are not the theme's words.
  CHECK(bridge.pivots(Profile::sv, analyzer.stem("trottoaren", Profile::sv)).empty());
  CHECK(bridge.pivots(Profile::sv, analyzer.stem("halka", Profile::sv)).empty());
  // English stands for itself, and the label's words for the theme.
  CHECK(bridge.pivots(Profile::en, "winter") == V{"winter", "#winter"});
  CHECK(bridge.pivots(Profile::en, "nois") == V{"nois", "#noise"});
  CHECK(bridge.pivots(Profile::sv, "okand").empty());
}

TEST_CASE("the bridge looks words up by their lemma as well as their stem",
          "[discover][languages]") {
  const EnglishPivots dictionaries(std::string(LYSSNA_SOURCE_DIR) + "/tests/data/dictd",
                                   {{"tiny-swe-eng", "none", "sv", false}}, {});
  const Codebook empty;  // no themes: the dictionary alone
  TextAnalyzer analyzer(swedish_resources());
  TermBridge bridge(&dictionaries, empty, {}, analyzer);
  using V = std::vector<std::string>;
  CHECK(bridge.pivots(Profile::sv, "sno") == V{"snow", "snowfal"});
  // "snön": the stemmer leaves "snon", the lexicon knows "snö".
  REQUIRE(analyzer.stem("snon", Profile::sv) == "snon");
  CHECK(bridge.pivots(Profile::sv, "snon").empty());
  CHECK(bridge.pivots(Profile::sv, "snon", {"snon"}) == V{"snow", "snowfal"});
  CHECK(bridge.pivots(Profile::sv, "vint", {"vintern"}) == V{"winter"});
}
