// Manual coding and codebooks (see coding.hpp).
#include "app/coding.hpp"

#include "app/surveys.hpp"
#include "collector/storage/analysis_store.hpp"
#include "collector/storage/response_store.hpp"
#include "indexing/language_data.hpp"
#include "util/errors.hpp"

namespace lyssna::app {

void code_response(Services& services, const std::string& survey, const CodingChange& change) {
  require_survey(services, survey);
  if (change.add.empty() && change.remove.empty())
    throw Invalid("give themes to add and/or remove", "add");
  {
    auto db = services.readers().acquire();
    if (!storage::find_response(*db, survey, change.record_id)) {
      throw NotFound("survey '" + survey + "' has no response '" + change.record_id + "'", "id");
    }
    const auto codebook = indexing::codebook_for(*db, survey);
    for (const auto* list : {&change.add, &change.remove}) {
      for (const auto& theme : *list) {
        if (codebook.resolve(theme).empty()) {
          throw Invalid("the codebook of survey '" + survey + "' has no theme '" + theme + "'",
                        list == &change.add ? "add" : "remove");
        }
      }
    }
  }
  services.writer().execute([&](storage::Database& db) {
    for (const auto& theme : change.add)
      storage::add_manual_code(db, survey, {change.record_id, theme, true, 0});
    for (const auto& theme : change.remove)
      storage::add_manual_code(db, survey, {change.record_id, theme, false, 0});
  });
}

analysis::Codebook codebook_of(Services& services, const std::string& survey) {
  require_survey(services, survey);
  auto db = services.readers().acquire();
  return indexing::codebook_for(*db, survey);
}

void set_codebook(Services& services, const std::string& survey,
                  const analysis::Codebook& codebook) {
  require_survey(services, survey);
  const std::string definition = analysis::to_json(codebook).dump();
  services.writer().execute(
      [&](storage::Database& db) { storage::save_codebook(db, survey, definition); });
}

void reset_codebook(Services& services, const std::string& survey) {
  require_survey(services, survey);
  services.writer().execute([&](storage::Database& db) { storage::delete_codebook(db, survey); });
}

}  // namespace lyssna::app
