// Answers by channel and day (see response_tally.hpp).
#include "collector/storage/response_tally.hpp"

namespace lyssna::storage {

std::vector<DayChannelCount> count_by_day_and_channel(Database& db, const std::string& survey) {
  StatementUse s(db.cached(
      "SELECT date(submitted_epoch, 'unixepoch') AS day, channel, count(*) FROM responses "
      "WHERE survey = :survey GROUP BY day, channel ORDER BY day, channel"));
  s->bind(":survey", survey);
  std::vector<DayChannelCount> out;
  while (s->step()) out.push_back({s->text(0), s->text(1), s->integer(2)});
  return out;
}

}  // namespace lyssna::storage
