// Response counts (see response_counts.hpp).
#include "collector/storage/response_counts.hpp"

namespace lyssna::storage {

std::vector<ResponseCount> count_responses_by_day(Database& db, const std::string& survey) {
  // The day is floored, so that an answer before 1970 (never seen, but
  // allowed by the record) falls on its own day and not on day 0.
  StatementUse s(db.cached(
      "SELECT (submitted_epoch - ((submitted_epoch % 86400) + 86400) % 86400) / 86400 AS day, "
      "channel, lang, coalesce(json_extract(answers, '$.area'), '') AS area, count(*) "
      "FROM responses WHERE survey = :survey "
      "GROUP BY day, channel, lang, area ORDER BY day, channel, lang, area"));
  s->bind(":survey", survey);
  std::vector<ResponseCount> out;
  while (s->step()) {
    out.push_back({s->integer(0), s->text(1), s->text(2), s->text(3), s->integer(4)});
  }
  return out;
}

}  // namespace lyssna::storage
