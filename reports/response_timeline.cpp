// Responses over time (see response_timeline.hpp).
#include "reports/response_timeline.hpp"

#include <algorithm>
#include <map>

#include "reports/survey_context.hpp"
#include "util/errors.hpp"

namespace lyssna::reports {
// Named, not anonymous: the library is compiled as one unity file.
namespace timeline_detail {

constexpr int64_t seconds_per_day = 86400;

int64_t floor_mod(int64_t a, int64_t b) {
  return ((a % b) + b) % b;
}

// The Monday on or before `day` (day 0, 1970-01-01, was a Thursday).
int64_t week_start(int64_t day) {
  return day - floor_mod(day + 3, 7);
}

// Series in the order `first` lists, then the others by key; `keep_empty`
// keeps the listed ones that have no responses.
std::vector<TimelineSeries> ordered_series(std::map<std::string, TimelineSeries> seen,
                                           const std::vector<std::string>& first, size_t buckets,
                                           bool keep_empty) {
  std::vector<TimelineSeries> out;
  for (const auto& key : first) {
    auto it = seen.find(key);
    if (it != seen.end()) {
      out.push_back(std::move(it->second));
      seen.erase(it);
    } else if (keep_empty) {
      out.push_back({key, 0, std::vector<int64_t>(buckets, 0)});
    }
  }
  // Keys are sorted, and "" (no area) sorts first: put it last.
  TimelineSeries none;
  bool has_none = false;
  for (auto& [key, series] : seen) {
    if (key.empty()) {
      none = std::move(series);
      has_none = true;
    } else {
      out.push_back(std::move(series));
    }
  }
  if (has_none) out.push_back(std::move(none));
  return out;
}

}  // namespace timeline_detail

ResponseTimeline build_timeline(const std::vector<storage::ResponseCount>& counts,
                                const questionnaire::Questionnaire& survey,
                                const std::optional<std::string>& area) {
  ResponseTimeline t;
  t.survey = survey.id;
  t.area = area;
  auto in_scope = [&](const storage::ResponseCount& c) { return !area || c.area == *area; };
  std::optional<int64_t> first, last;
  for (const auto& c : counts) {
    if (!in_scope(c) || c.count <= 0) continue;
    first = first ? std::min(*first, c.day) : c.day;
    last = last ? std::max(*last, c.day) : c.day;
  }
  int64_t step = 1, start = 0;
  size_t buckets = 0;
  if (first) {
    if (*last - *first + 1 > timeline_max_days) {
      t.bucket = "week";
      step = 7;
      start = timeline_detail::week_start(*first);
    } else {
      start = *first;
    }
    buckets = static_cast<size_t>((*last - start) / step + 1);
  }
  for (size_t i = 0; i < buckets; ++i)
    t.starts.push_back((start + static_cast<int64_t>(i) * step) * timeline_detail::seconds_per_day);
  t.totals.assign(buckets, 0);
  std::map<std::string, TimelineSeries> channels, languages, areas;
  auto add = [&](std::map<std::string, TimelineSeries>& series, const std::string& key,
                 size_t bucket, int64_t n) {
    auto& s = series[key];
    if (s.counts.empty()) {
      s.key = key;
      s.counts.assign(buckets, 0);
    }
    s.counts[bucket] += n;
    s.total += n;
  };
  for (const auto& c : counts) {
    if (!in_scope(c) || c.count <= 0) continue;
    const auto bucket = static_cast<size_t>((c.day - start) / step);
    t.totals[bucket] += c.count;
    t.total += c.count;
    add(channels, c.channel, bucket, c.count);
    add(languages, c.lang, bucket, c.count);
    add(areas, c.area, bucket, c.count);
  }
  static const std::vector<std::string> known_channels = {"online", "paper", "dialogue", "kiosk"};
  std::vector<std::string> area_ids;
  for (const auto& a : survey.areas) {
    if (!area || a.id == *area) area_ids.push_back(a.id);
  }
  t.channels = timeline_detail::ordered_series(std::move(channels), known_channels, buckets, false);
  t.languages =
      timeline_detail::ordered_series(std::move(languages), survey.languages, buckets, true);
  t.areas = timeline_detail::ordered_series(std::move(areas), area_ids, buckets, true);
  return t;
}

ResponseTimeline response_timeline(storage::Database& db,
                                   const questionnaire::Questionnaire& survey,
                                   const std::optional<std::string>& area) {
  if (area && std::none_of(survey.areas.begin(), survey.areas.end(),
                           [&](const questionnaire::Option& a) { return a.id == *area; })) {
    throw Invalid("survey '" + survey.id + "' has no area '" + *area + "'", "area");
  }
  return build_timeline(storage::count_responses_by_day(db, survey.id), survey, area);
}

ResponseTimeline response_timeline(const SurveyContext& ctx,
                                   const std::optional<std::string>& area) {
  ctx.require_area(area);
  const auto counts = memoized<std::vector<storage::ResponseCount>>(ctx, "response_counts", [&] {
    return storage::count_responses_by_day(ctx.db, ctx.survey());
  });
  return build_timeline(counts, ctx.questionnaire, area);
}

}  // namespace lyssna::reports
