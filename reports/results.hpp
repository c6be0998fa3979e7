// The results of the analyses as plain values. Each report returns one of
// these; documents.hpp turns it into its JSON document (the shapes of
// docs/output-formats.md), tables.hpp into its table for people, and pages
// for analysts can be built from the same values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/discover/emergent_themes.hpp"
#include "analysis/index/search.hpp"
#include "analysis/stats/indicators.hpp"
#include "analysis/stats/priorities.hpp"
#include "analysis/stats/problem_index.hpp"
#include "analysis/stats/raking.hpp"
#include "analysis/stats/trend.hpp"

namespace lyssna::reports {

struct ThemeCount {
  std::string theme;
  std::string label;        // in English, as the documents carry it
  std::string local_label;  // in the survey's default language, for people
  int64_t count = 0;        // answers with free text that carry the theme
  double share = 0;         // count / texts
};

// `themes`: how many answers with free text carry each theme.
struct ThemeSummary {
  std::string survey;
  std::optional<std::string> area;
  std::string codebook;
  int64_t texts = 0;               // answers with free text in scope
  int64_t untagged = 0;            // of them, with no theme
  std::vector<ThemeCount> themes;  // in codebook order
};

// `themes --per-response`: the contract's lines (interchange.md section 5).
struct ResponseThemes {
  std::string id;
  std::vector<std::string> themes;
};
struct ThemesPerResponse {
  std::string survey;
  std::vector<ResponseThemes> responses;  // by record id
};

struct SearchReport {
  std::string survey;
  std::string query;
  size_t offset = 0;
  int64_t total = 0;
  bool total_exact = false;
  std::vector<analysis::SearchHit> hits;
};

struct DiscoverReport {
  std::string survey;
  int64_t texts = 0;        // answers with free text
  int64_t unmatched = 0;    // of them, carrying no theme
  int64_t non_answers = 0;  // of those, saying nothing ("vet inte"): left out
  std::vector<analysis::CandidateTheme> candidates;
  std::vector<std::string> warnings;  // sentences: a bilingual dictionary missing
};

struct IndicatorReport {
  std::string survey;
  analysis::SmallNumbers small;
  std::vector<std::string> groupings;  // the breakdowns listed, "total" first
  std::string table_by;                // the breakdown the table shows beside the total
  std::vector<analysis::IndicatorDefinition> definitions;
  std::vector<analysis::IndicatorGroup> groups;  // every group of every grouping, in order
  int problem_index_version = 1;
  std::vector<analysis::AreaProblemIndex> problem_index;
  std::optional<analysis::RakingResult> weighting;  // weights left out
};

struct RankedTheme {
  analysis::PriorityRow ranking;
  std::string label;  // in English
};

struct PriorityReport {
  std::string survey;
  std::optional<std::string> area;
  int64_t respondents = 0;              // in scope
  int64_t texts = 0;                    // answers with free text in scope
  std::vector<RankedTheme> priorities;  // rank 1 first
  analysis::PriorityMethod method;
  int64_t votes = 0, ballots = 0;                   // the dot votes in scope and their ballots
  std::optional<analysis::RakingResult> weighting;  // weights left out
};

// The priorities an analyst marked to become promises (app/priority_marks),
// each with the figures that put it there: its row of the survey's priority
// report for the mark's area, made now with the survey's stored margins and
// blend. `ranking` is empty for a theme the codebook no longer has.
struct MarkedPriority {
  std::optional<std::string> area;  // empty: the whole survey
  std::string theme, label;         // label in English
  int64_t marked_at = 0;
  std::string marked_by;
  std::optional<analysis::PriorityRow> ranking;
  int64_t respondents = 0, texts = 0;  // of the report in scope
  bool weighted = false;
  analysis::PriorityMethod method;
};

struct MarkedPriorities {
  std::string survey;
  std::vector<MarkedPriority> marked;  // whole survey first, then by area and theme
};

struct TrendRow {
  std::string indicator;  // an indicator id, or "mentions_<theme>"
  analysis::Share earlier, later;
  analysis::Change change;
};

struct TrendReport {
  std::string survey;  // the later survey
  std::string earlier;
  bool weighted_later = false, weighted_earlier = false;  // each side raked to its margins
  std::vector<TrendRow> indicators;
};

}  // namespace lyssna::reports
