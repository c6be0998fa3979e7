// Unit tests of the statistics: intervals, small numbers, the problem index,
// raking against a worked example, the trend test, ranking, and the
// synthetic population whose ranking only weighting gets right.
#include <catch2/catch.hpp>

#include "../support/files.hpp"
#include "analysis/analysis_error.hpp"
#include "analysis/codebook/codebook.hpp"
#include "analysis/stats/indicators.hpp"
#include "analysis/stats/priorities.hpp"
#include "analysis/stats/problem_index.hpp"
#include "analysis/stats/raking.hpp"
#include "analysis/stats/trend.hpp"

using namespace lyssna::analysis;
using Catch::Detail::Approx;

TEST_CASE("Wilson and Clopper-Pearson intervals match published values", "[stats]") {
  auto w = wilson_interval(0.5, 100);
  CHECK(w.low == Approx(0.4038).margin(1e-4));
  CHECK(w.high == Approx(0.5962).margin(1e-4));
  // R: binom.test(20, 100)$conf.int -> 0.1266556 0.2918427
  auto cp = clopper_pearson_interval(20, 100);
  CHECK(cp.low == Approx(0.1266556).margin(1e-6));
  CHECK(cp.high == Approx(0.2918427).margin(1e-6));
  CHECK(clopper_pearson_interval(0, 10).low == 0);
  CHECK(clopper_pearson_interval(10, 10).high == 1);
  CHECK(incomplete_beta(2, 3, 0.4) == Approx(0.5248).margin(1e-4));
  // domain.md: a 95% margin at p = 0.5 is about ±5.2 points at n = 360.
  auto m = wilson_interval(0.5, 360);
  CHECK((m.high - m.low) / 2 == Approx(0.0516).margin(0.001));
}

TEST_CASE("small numbers: suppressed under 5, uncertain under 30", "[stats]") {
  SmallNumbers rules;
  ShareCounter four, twenty, forty;
  for (int i = 0; i < 4; ++i) four.add(i % 2 == 0);
  for (int i = 0; i < 20; ++i) twenty.add(i < 5);
  for (int i = 0; i < 40; ++i) forty.add(i < 10);
  auto a = four.result(rules);
  CHECK(a.suppressed);
  CHECK_FALSE(a.value);
  CHECK_FALSE(a.ci);
  auto b = twenty.result(rules);
  CHECK_FALSE(b.suppressed);
  CHECK(b.uncertain);
  CHECK(*b.value == Approx(0.25));
  auto c = forty.result(rules);
  CHECK_FALSE(c.uncertain);
  CHECK(c.effective_n == Approx(40));
}

TEST_CASE("weighted shares use the Kish effective sample size", "[stats]") {
  ShareCounter s;
  s.add(true, 3.0);
  s.add(false, 1.0);
  for (int i = 0; i < 10; ++i) s.add(i < 5, 1.0);
  auto r = s.result({1, 1});
  CHECK(*r.value == Approx(8.0 / 14.0));
  CHECK(r.effective_n == Approx(14.0 * 14.0 / 20.0));  // (sum w)^2 / sum w^2
}

TEST_CASE("problem index levels follow the bands of domain.md", "[stats][problem_index]") {
  const double w = band_width(0.20, 360);
  CHECK(w == Approx(0.085).margin(0.005));  // "about 8 points at 20%"
  CHECK(problem_level(0.20, 0.20, w) == 2);
  CHECK(problem_level(0.20 + w, 0.20, w) == 2);
  CHECK(problem_level(0.20 + 1.5 * w, 0.20, w) == 3);
  CHECK(problem_level(0.20 + 2.5 * w, 0.20, w) == 4);
  CHECK(problem_level(0.20 + 3.5 * w, 0.20, w) == 5);
  CHECK(problem_level(0.95, 0.20, w) == 6);
  CHECK(problem_level(0.20 - 1.5 * w, 0.20, w) == 1);
  CHECK(problem_level(0.0, 0.20, w) == 0);
  CHECK(level_label(1.2) == "below normal");
  CHECK(level_label(2.0) == "normal");
  CHECK(level_label(3.4) == "raised");
  CHECK(level_label(5.0) == "high");
}

TEST_CASE("a problem index table of the wrong shape is refused naming the key",
          "[stats][problem_index]") {
  // The table is a user's file (--problem-index): a wrong type once escaped
  // as a JSON library error (an internal error), a huge number was cast to
  // an integer (undefined) and negative thresholds were taken.
  auto refused = [](const std::string& extra) -> std::string {
    const auto j = nlohmann::json::parse(R"({"indicators": ["problem_litter"])" + extra + "}");
    try {
      parse_problem_index_config(j);
    } catch (const BadSpecification& e) {
      CHECK(e.field() == "problem_index");
      return e.what();
    }
    return "accepted";
  };
  CHECK_THAT(refused(R"(, "version": "2")"), Catch::Contains("'version'"));
  CHECK_THAT(refused(R"(, "version": 1e300)"), Catch::Contains("'version'"));
  CHECK_THAT(refused(R"(, "version": 1.5)"), Catch::Contains("'version'"));
  CHECK_THAT(refused(R"(, "band_n": "360")"), Catch::Contains("'band_n'"));
  CHECK_THAT(refused(R"(, "band_n": 1e300)"), Catch::Contains("'band_n'"));
  CHECK_THAT(refused(R"(, "min_area_respondents": -1)"), Catch::Contains("'min_area_respondents'"));
  CHECK_THAT(refused(R"(, "min_indicator_n": 1e19)"), Catch::Contains("'min_indicator_n'"));
  CHECK_THAT(refused(R"(, "min_indicator_n": true)"), Catch::Contains("'min_indicator_n'"));
  CHECK_THAT(refused(R"(, "reference": {"problem_litter": "0.2"})"),
             Catch::Contains("'problem_litter'"));
  CHECK(refused(R"(, "version": 2, "band_n": 400.5, "min_area_respondents": 50.0)") == "accepted");
  const auto c = parse_problem_index_config(nlohmann::json::parse(
      R"({"indicators": ["problem_litter"], "version": 2, "min_area_respondents": 50.0})"));
  CHECK(c.version == 2);
  CHECK(c.min_area_respondents == 50);
  CHECK(c.min_indicator_n == 30);
}

TEST_CASE("raking reproduces a worked 2x2 example", "[stats][raking]") {
  // Sample: women/young 10, women/old 30, men/young 20, men/old 40.
  // Population: 50/50 by gender, 60/40 young/old, 100 people.
  // The raked table keeps the sample's odds ratio (10*40)/(30*20) = 2/3, so
  // its women/young cell x solves x(x-10) / ((50-x)(60-x)) = 2/3, that is
  // x^2 + 190x - 6000 = 0: x = (-190 + sqrt(60100)) / 2 = 27.5765.
  std::vector<std::map<std::string, std::string>> people;
  auto add = [&](const char* g, const char* a, int n) {
    for (int i = 0; i < n; ++i) people.push_back({{"gender", g}, {"age_group", a}});
  };
  add("woman", "young", 10);
  add("woman", "old", 30);
  add("man", "young", 20);
  add("man", "old", 40);
  std::vector<Margin> margins = {{"gender", {{"woman", 50}, {"man", 50}}},
                                 {"age_group", {{"young", 60}, {"old", 40}}}};
  auto r = rake(people, margins);
  REQUIRE(r.converged);
  const double x = (-190 + std::sqrt(60100.0)) / 2;
  CHECK(r.weights[0] == Approx(x / 10).epsilon(1e-6));          // women, young
  CHECK(r.weights[10] == Approx((50 - x) / 30).epsilon(1e-6));  // women, old
  CHECK(r.weights[40] == Approx((60 - x) / 20).epsilon(1e-6));  // men, young
  CHECK(r.weights[60] == Approx((x - 10) / 40).epsilon(1e-6));  // men, old
  CHECK(r.population == Approx(100));
  CHECK(r.max_deviation < 1e-6);
  CHECK(r.min_weight == Approx((x - 10) / 40).epsilon(1e-6));
  CHECK(r.max_weight == Approx(x / 10).epsilon(1e-6));
  CHECK(r.design_effect > 1);
  CHECK(r.trimmed == 0);
}

TEST_CASE("raking trims extreme weights and reports missing categories", "[stats][raking]") {
  std::vector<std::map<std::string, std::string>> people(100, {{"age_group", "old"}});
  people[0] = {{"age_group", "young"}};
  people[1] = {};  // no answer
  std::vector<Margin> margins = {{"age_group", {{"young", 50}, {"old", 50}, {"middle", 10}}}};
  auto r = rake(people, margins);
  CHECK(r.max_weight <= 5 * r.mean_weight * (1 + 1e-9));
  CHECK(r.trimmed > 0);
  bool missing_category = false, missing_answer = false;
  for (const auto& w : r.warnings) {
    missing_category |= w.find("'middle'") != std::string::npos;
    missing_answer |= w.find("1 respondents have no usable 'age_group'") != std::string::npos;
  }
  CHECK(missing_category);
  CHECK(missing_answer);
  CHECK_THROWS(rake(people, {}));
  CHECK_THROWS(parse_margins(nlohmann::json::parse(R"({"margins": {"area": {"a": -1}}})")));
}

TEST_CASE("margin counts are finite numbers of people, refused naming where", "[stats][raking]") {
  // Two counts near a double's largest sum to infinity; a cast of such a
  // total to an integer (in a warning) was undefined.
  auto refused = [](const char* text) -> std::string {
    try {
      parse_margins(nlohmann::json::parse(text));
    } catch (const BadSpecification& e) {
      CHECK(e.field() == "margins");
      return e.what();
    }
    return "accepted";
  };
  CHECK_THAT(refused(R"({"margins": {"area": {"a": 1e308, "b": 1e308}}})"),
             Catch::Contains("'area.a'") && Catch::Contains("1000000000000"));
  CHECK_THAT(refused(R"({"margins": {"area": {"a": 5, "b": 1000000000001}}})"),
             Catch::Contains("'area.b'"));
  CHECK_THAT(refused(R"({"margins": {"area": {"a": "many"}}})"), Catch::Contains("'area.a'"));
  CHECK_THAT(refused(R"({"margins": {"area": []}})"), Catch::Contains("'area'"));
  CHECK_THAT(refused(R"({"margins": {}})"), Catch::Contains("margins"));
  // At the cap a margin is taken, and a warning prints the totals whole
  // (the first margin, by name, is "age").
  const auto margins = parse_margins(nlohmann::json::parse(
      R"({"margins": {"area": {"a": 6, "b": 4}, "age": {"x": 1000000000000}}})"));
  REQUIRE(margins.size() == 2);
  std::vector<std::map<std::string, std::string>> people = {{{"area", "a"}, {"age", "x"}},
                                                            {{"area", "b"}, {"age", "x"}}};
  bool reported = false;
  for (const auto& w : rake(people, margins).warnings)
    reported |= w.find("totals 10, not 1000000000000 like") != std::string::npos;
  CHECK(reported);
}

TEST_CASE("a change is significant only when it is larger than chance", "[stats][trend]") {
  auto share = [](double p, double n) {
    Share s;
    s.n = static_cast<int64_t>(n);
    s.effective_n = n;
    s.value = p;
    s.se = std::sqrt(p * (1 - p) / n);
    return s;
  };
  auto big = compare_shares(share(0.30, 1000), share(0.40, 1000), false);
  CHECK(big.significant);
  CHECK(big.verdict == "worse");
  CHECK(*big.difference == Approx(0.10));
  auto small = compare_shares(share(0.30, 50), share(0.34, 50), false);
  CHECK_FALSE(small.significant);
  CHECK(small.verdict == "no significant change");
  CHECK(compare_shares(share(0.5, 1000), share(0.6, 1000), true).verdict == "better");
  Share suppressed;
  suppressed.suppressed = true;
  CHECK(compare_shares(suppressed, share(0.5, 100), false).verdict == "not comparable");
  // The test uses each share's own standard error (a raked share's is its
  // linearization one): the same shares with twice the error are no longer
  // a significant change.
  auto wider = [&](double p, double n) {
    Share s = share(p, n);
    *s.se *= 2;
    return s;
  };
  CHECK(compare_shares(share(0.30, 400), share(0.37, 400), false).significant);
  CHECK_FALSE(compare_shares(wider(0.30, 400), wider(0.37, 400), false).significant);
}

TEST_CASE("ranking blends the two signals and breaks ties deterministically",
          "[stats][priorities]") {
  auto with_problem = [](const char* id, double share, int64_t mentions) {
    ThemeSignal s;
    s.theme = id;
    Share p;
    p.n = 100;
    p.value = share;
    p.ci = Interval{share - 0.05, share + 0.05};
    s.problem = p;
    s.mentions = mentions;
    s.texts = 100;
    return s;
  };
  ThemeSignal words_only;
  words_only.theme = "police_presence";
  words_only.mentions = 10;
  words_only.texts = 100;
  PriorityMethod method;
  auto rows =
      rank_priorities({with_problem("traffic", 0.40, 20), with_problem("drugs_alcohol", 0.20, 5),
                       with_problem("b_tie", 0.20, 5), with_problem("a_tie", 0.20, 5), words_only},
                      method);
  REQUIRE(rows.size() == 5);
  CHECK(rows[0].theme == "traffic");
  CHECK(rows[0].score == Approx(1.0));  // the strongest in both signals
  CHECK(method.max_problem_share == Approx(0.40));
  CHECK(method.max_mention_share == Approx(0.20));
  CHECK(rows[1].theme == "police_presence");  // mentions alone: 0.10 / 0.20
  CHECK(rows[1].score == Approx(0.5));
  // 0.5 * 0.20/0.40 + 0.5 * 0.05/0.20 = 0.375 for the three tied themes, ordered by id.
  CHECK(rows[2].theme == "a_tie");
  CHECK(rows[3].theme == "b_tie");
  CHECK(rows[4].theme == "drugs_alcohol");
  CHECK(rows[4].score == Approx(0.375));
  CHECK(rows[4].rank == 5);
}

TEST_CASE("weighting puts right a ranking that a skewed sample gets wrong", "[stats][weighting]") {
  // The population: half young, half old. Young people see traffic as a big
  // problem (60%) more than fraud (10%); old people the reverse (20%, 60%).
  // So traffic (40%) outranks fraud (35%) in the population. Old people
  // answer four times as often, so the raw sample puts fraud first.
  const Codebook codebook = parse_codebook(nlohmann::json::parse(R"({"themes": [
      {"id": "traffic", "problem_items": ["problem_traffic"], "terms": {}},
      {"id": "fraud_elderly", "problem_items": ["problem_fraud"], "terms": {}}]})"));
  const std::vector<std::string> problem_scale = {"no_problem", "small", "fairly_big", "very_big",
                                                  "dont_know"};
  const std::vector<CodedQuestion> questions = {{"area", {"handen"}},
                                                {"age_group", {"16-24", "25-44", "45-64", "65+"}},
                                                {"problem_traffic", problem_scale},
                                                {"problem_fraud", problem_scale}};
  Dataset data(questions);
  int next = 0;
  auto add = [&](const char* age, int n, int traffic_big, int fraud_big) {
    for (int i = 0; i < n; ++i) {
      Response r;
      r.id = "r" + std::to_string(next++);
      r.answers = {{"area", "handen"},
                   {"age_group", age},
                   {"problem_traffic", i < traffic_big ? "very_big" : "small"},
                   {"problem_fraud", i < fraud_big ? "fairly_big" : "no_problem"}};
      data.add(r);
    }
  };
  add("16-24", 200, 120, 20);  // young: 60% traffic, 10% fraud
  add("65+", 800, 160, 480);   // old:   20% traffic, 60% fraud
  const auto spec = parse_indicator_spec(
      nlohmann::json::parse(lyssna::test::source_file("analysis/data/indicators.json")));
  const auto defs = indicator_definitions(spec, questions, codebook);
  auto rank_with = [&](const std::vector<double>& weights) {
    std::vector<ThemeSignal> signals;
    for (const auto& theme : codebook.themes) {
      ThemeSignal s;
      s.theme = theme.id;
      for (const auto& d : defs) {
        if (d.id == "theme_" + theme.id) s.problem = indicator_share(data, d, weights, {});
      }
      signals.push_back(s);
    }
    PriorityMethod method;
    return rank_priorities(signals, method);
  };
  auto raw = rank_with({});
  CHECK(raw[0].theme == "fraud_elderly");
  CHECK(*raw[0].problem_share == Approx(0.50));
  CHECK(*raw[1].problem_share == Approx(0.28));

  std::vector<std::map<std::string, std::string>> values;
  const int age = data.question("age_group");
  for (size_t row = 0; row < data.size(); ++row)
    values.push_back({{"age_group", data.answer(row, age)}});
  auto weights = rake(values, {{"age_group", {{"16-24", 5000}, {"65+", 5000}}}});
  auto weighted = rank_with(weights.weights);
  CHECK(weighted[0].theme == "traffic");
  CHECK(*weighted[0].problem_share == Approx(0.40));
  CHECK(*weighted[1].problem_share == Approx(0.35));
  // Wider intervals with weights: the effective sample is smaller.
  CHECK(weighted[0].problem_share_ci->high - weighted[0].problem_share_ci->low >
        raw[1].problem_share_ci->high - raw[1].problem_share_ci->low);
}

TEST_CASE("coding answers does not depend on the order of their keys", "[stats]") {
  // The dataset predicts each key from the one before it; keys in another
  // order, skipped, unknown or repeated must still land where they belong.
  Dataset data({{"area", {"handen", "jordbro"}},
                {"gender", {"woman", "man", "other"}},
                {"many", {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}}});
  using Row = std::vector<std::pair<std::string, std::string>>;
  const std::vector<Row> rows = {
      {{"area", "jordbro"}, {"gender", "man"}, {"many", "j"}},
      {{"area", "handen"}, {"gender", "woman"}, {"many", "a"}},
      {{"gender", "other"}, {"area", "jordbro"}},                   // another order
      {{"area", "handen"}, {"free_text", "x"}, {"gender", "man"}},  // a key not coded
      {{"many", "e"}},                                              // the first key skipped
      {{"area", "nowhere"}, {"gender", "woman"}},                   // an option not coded
      {{"area", "handen"}, {"gender", "man"}, {"many", "b"}},
  };
  for (const auto& row : rows) {
    const size_t r = data.add_row("r" + std::to_string(data.size()), "online");
    for (const auto& [key, value] : row) data.set(r, key, value);
  }
  const int area = data.question("area"), gender = data.question("gender"),
            many = data.question("many");
  const std::vector<std::vector<std::string>> expected = {{"jordbro", "man", "j"},
                                                          {"handen", "woman", "a"},
                                                          {"jordbro", "other", ""},
                                                          {"handen", "man", ""},
                                                          {"", "", "e"},
                                                          {"", "woman", ""},
                                                          {"handen", "man", "b"}};
  for (size_t r = 0; r < expected.size(); ++r) {
    INFO("row " << r);
    CHECK(data.answer(r, area) == expected[r][0]);
    CHECK(data.answer(r, gender) == expected[r][1]);
    CHECK(data.answer(r, many) == expected[r][2]);
  }
}

TEST_CASE("datasets coded in parts join in order, parts of other questions are refused",
          "[stats]") {
  const std::vector<CodedQuestion> questions = {{"area", {"handen", "jordbro"}},
                                                {"gender", {"woman", "man"}}};
  Dataset whole(questions), second(questions);
  whole.set(whole.add_row("r0", "online"), "area", "handen");
  const size_t r1 = second.add_row("r1", "kiosk");
  second.set(r1, "area", "jordbro");
  second.set(r1, "gender", "man");
  whole.append(std::move(second));
  REQUIRE(whole.size() == 2);
  CHECK(whole.id(1) == "r1");
  CHECK(whole.channel(1) == "kiosk");
  CHECK(whole.answer(0, whole.question("area")) == "handen");
  CHECK(whole.answer(1, whole.question("area")) == "jordbro");
  CHECK(whole.answer(1, whole.question("gender")) == "man");
  Dataset other({{"area", {"handen"}}, {"gender", {"woman", "man"}}});
  CHECK_THROWS_AS(whole.append(std::move(other)), BadSpecification);
}

TEST_CASE("indicator definitions come from the data file, applied to the survey's questions",
          "[stats][indicators]") {
  const auto spec = parse_indicator_spec(
      nlohmann::json::parse(lyssna::test::source_file("analysis/data/indicators.json")));
  const std::vector<std::string> yes_no = {"yes", "no"},
                                 scale = {"no_problem", "small", "fairly_big", "very_big",
                                          "dont_know"};
  // The standard questionnaire's order: problems before victimisation.
  const std::vector<CodedQuestion> questions = {
      {"area", {"handen"}},
      {"safe_night", {"very_safe", "fairly_safe", "fairly_unsafe", "very_unsafe", "never_out"}},
      {"avoid_places", yes_no},
      {"worry_crime", {"not_at_all", "a_little", "fairly", "very"}},
      {"police_trust", {"very_high", "fairly_high", "fairly_low", "very_low", "dont_know"}},
      {"problem_traffic", scale},
      {"problem_fraud", scale},
      {"victim_burglary", yes_no},
      {"victim_fraud", yes_no}};
  const Codebook codebook = parse_codebook(nlohmann::json::parse(R"({"themes": [
      {"id": "traffic", "problem_items": ["problem_traffic"], "terms": {}},
      {"id": "police_presence", "terms": {}}]})"));
  std::vector<std::string> ids;
  for (const auto& d : indicator_definitions(spec, questions, codebook)) ids.push_back(d.id);
  CHECK(ids == std::vector<std::string>{"unsafe_night", "never_out", "avoid_places", "worry_crime",
                                        "victim_burglary", "victim_fraud", "police_trust",
                                        "problem_traffic", "problem_fraud", "theme_traffic"});
  CHECK(spec.groupings == std::vector<std::string>{"area", "age_group", "gender"});
  auto theme = theme_indicator(spec, codebook.themes[0]);
  REQUIRE(theme);
  CHECK(theme->questions == std::vector<std::string>{"problem_traffic"});
  CHECK(theme->not_substantive == std::vector<std::string>{"dont_know"});
  CHECK_FALSE(theme_indicator(spec, codebook.themes[1]));
  // A question the survey lacks gives no indicator.
  CHECK(indicator_definitions(spec, {{"area", {"handen"}}}, Codebook{}).empty());
  for (const char* broken :
       {R"({"indicators": {}})", R"({"indicators": [{"id": "x", "yes": ["y"]}]})",
        R"({"indicators": [{"question": "q", "yes": ["y"]}]})",
        R"({"indicators": [{"id": "x", "question": "q"}]})",
        R"({"indicators": [{"each_question": "p_", "each_theme": "t_", "yes": ["y"]}]})"}) {
    INFO(broken);
    CHECK_THROWS_AS(parse_indicator_spec(nlohmann::json::parse(broken)), BadSpecification);
  }
}

TEST_CASE("Student's t quantile and the logit interval match R", "[stats][proportion]") {
  // qt(0.975, df) in R.
  CHECK(t95(5) == Approx(2.570582).epsilon(1e-6));
  CHECK(t95(29) == Approx(2.045230).epsilon(1e-6));
  CHECK(t95(30) == Approx(2.042272).epsilon(1e-6));
  CHECK(t95(100) == Approx(1.983972).epsilon(1e-6));
  CHECK(t95(1000) == Approx(1.962339).epsilon(1e-6));
  // plogis(qlogis(0.1) + c(-1, 1) * qt(0.975, 99) * 0.03 / (0.1 * 0.9)) in R.
  const Interval ci = logit_interval(0.1, 0.03, 99);
  CHECK(ci.low == Approx(0.05423692).epsilon(1e-6));
  CHECK(ci.high == Approx(0.17714390).epsilon(1e-6));
  CHECK(ci.low > 0);  // stays inside 0-1 where a symmetric interval would not
}
