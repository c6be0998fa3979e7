// Responses over time: how many arrived per day (or per week, when the
// survey's answers span more than timeline_max_days), by channel, language
// and area. Aggregates only; read from SQLite without the text index.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "collector/questionnaire/questionnaire.hpp"
#include "collector/storage/response_counts.hpp"
#include "collector/storage/sqlite.hpp"

namespace lyssna::reports {

struct SurveyContext;

// Longest span of answers, in days, still shown day by day.
inline constexpr int64_t timeline_max_days = 62;

struct TimelineSeries {
  std::string key;              // the channel, language or area id ("" for no area)
  int64_t total = 0;            // responses in the series
  std::vector<int64_t> counts;  // per bucket, aligned with ResponseTimeline::starts
};

struct ResponseTimeline {
  std::string survey;
  std::optional<std::string> area;  // the timeline of this area only
  std::string bucket = "day";       // "day", or "week" (weeks begin on Monday, UTC)
  std::vector<int64_t> starts;      // epoch seconds at which each bucket begins; no gaps
  std::vector<int64_t> totals;      // responses per bucket
  int64_t total = 0;
  // Channels seen (online, paper, dialogue, kiosk first); the survey's
  // languages, then any other seen; the survey's areas, then areas it no
  // longer has, then responses without an area (key "").
  std::vector<TimelineSeries> channels, languages, areas;
};

// The timeline of `counts` (count_responses_by_day), narrowed to `area`
// when given. Pure, for tests.
ResponseTimeline build_timeline(const std::vector<storage::ResponseCount>& counts,
                                const questionnaire::Questionnaire& survey,
                                const std::optional<std::string>& area);

// Throws Invalid (field "area") for an area the survey does not have.
ResponseTimeline response_timeline(storage::Database& db,
                                   const questionnaire::Questionnaire& survey,
                                   const std::optional<std::string>& area);
// The same for a survey opened for analysis: the counts are read once per
// prepared survey (a new answer makes a new one) and kept in its memo, so
// that a warm page does not scan every answer again (a json_extract over
// 100,000 rows took about half a second).
ResponseTimeline response_timeline(const SurveyContext& ctx,
                                   const std::optional<std::string>& area);

}  // namespace lyssna::reports
