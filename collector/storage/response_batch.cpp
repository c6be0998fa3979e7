// Batch reads of responses (see response_batch.hpp). The batch travels as
// one JSON array bound to one parameter and is unpacked by json_each, so the
// SQL text stays constant whatever the batch's size.
#include "collector/storage/response_batch.hpp"

#include <nlohmann/json.hpp>

namespace lyssna::storage {
namespace {

std::vector<RawRecord> read_rows(Statement& s) {
  std::vector<RawRecord> out;
  while (s.step()) {
    out.push_back(
        {s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.integer(5), s.text(6)});
  }
  return out;
}

}  // namespace

std::vector<RawRecord> raw_records_by_id(Database& db, const std::string& survey,
                                         const std::vector<std::string>& ids) {
  if (ids.empty()) return {};
  StatementUse s(
      db.cached("SELECT seq, survey, id, lang, channel, submitted_epoch, answers FROM responses "
                "WHERE survey = :survey AND id IN (SELECT value FROM json_each(:ids))"));
  s->bind(":survey", survey)
      .bind(":ids",
            nlohmann::json(ids).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return read_rows(*s);
}

std::vector<RawRecord> raw_records_by_seq(Database& db, const std::vector<int64_t>& seqs) {
  if (seqs.empty()) return {};
  StatementUse s(
      db.cached("SELECT seq, survey, id, lang, channel, submitted_epoch, answers FROM responses "
                "WHERE seq IN (SELECT value FROM json_each(:seqs)) ORDER BY seq"));
  s->bind(":seqs", nlohmann::json(seqs).dump());
  return read_rows(*s);
}

}  // namespace lyssna::storage
