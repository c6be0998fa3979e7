// Answers by channel and day (see response_counts.hpp).
#include "app/response_counts.hpp"

#include <algorithm>
#include <set>

#include "app/surveys.hpp"
#include "collector/storage/response_counts.hpp"
#include "util/clock.hpp"

namespace lyssna::app {

ResponseCounts response_counts(Services& services, const std::string& survey) {
  require_survey(services, survey);
  // The dashboard's counts by day, channel, language and area, summed over
  // language and area here.
  std::vector<storage::ResponseCount> rows;
  {
    auto db = services.readers().acquire();
    rows = storage::count_responses_by_day(*db, survey);
  }
  ResponseCounts out;
  std::set<std::string> channels;
  for (const auto& r : rows) channels.insert(r.channel);
  out.channels.assign(channels.begin(), channels.end());
  out.channel_totals.assign(out.channels.size(), 0);
  for (const auto& r : rows) {  // ordered by day
    const std::string date = clock::format_date(r.day * 86400);
    if (out.days.empty() || out.days.back().day != date)
      out.days.push_back({date, std::vector<int64_t>(out.channels.size(), 0), 0});
    const size_t c =
        static_cast<size_t>(std::lower_bound(out.channels.begin(), out.channels.end(), r.channel) -
                            out.channels.begin());
    auto& day = out.days.back();
    day.counts[c] += r.count;
    day.total += r.count;
    out.channel_totals[c] += r.count;
    out.total += r.count;
  }
  return out;
}

}  // namespace lyssna::app
