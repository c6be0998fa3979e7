// Manual coding and codebooks (see coding.hpp).
#include "app/coding.hpp"

#include <map>
#include <memory>

#include "app/codebook_editing.hpp"
#include "app/surveys.hpp"
#include "collector/storage/analysis_store.hpp"
#include "collector/storage/response_store.hpp"
#include "indexing/language_data.hpp"
#include "util/errors.hpp"

namespace lyssna::app {

namespace {

// The audit entry's note of a change: "+theme -theme", cut at a theme
// boundary to the log's limit.
std::string coding_note(const CodingChange& change) {
  std::string note;
  auto append = [&](char sign, const std::string& theme) {
    const size_t extra = (note.empty() ? 0 : 1) + 1 + theme.size();
    if (note.size() + extra > max_audit_detail) return;
    if (!note.empty()) note += ' ';
    note += sign;
    note += theme;
  };
  for (const auto& theme : change.add) append('+', theme);
  for (const auto& theme : change.remove) append('-', theme);
  return note;
}

}  // namespace

void code_response(Services& services, const Actor& actor, const std::string& survey,
                   const CodingChange& change) {
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
  const int64_t now = services.now();
  std::string target = survey + "/" + change.record_id;
  if (target.size() > max_audit_target) target.resize(max_audit_target);
  services.writer().execute([&](storage::Database& db) {
    for (const auto& theme : change.add)
      storage::add_manual_code(db, survey, {change.record_id, theme, true, now, actor.name});
    for (const auto& theme : change.remove)
      storage::add_manual_code(db, survey, {change.record_id, theme, false, now, actor.name});
    record_audit(db, now, actor, AuditAction::response_recoded, target, coding_note(change));
  });
}

analysis::Codebook codebook_of(Services& services, const std::string& survey) {
  require_survey(services, survey);
  auto db = services.readers().acquire();
  return indexing::codebook_for(*db, survey);
}

std::function<bool(const std::string& survey, const std::string& theme)> codebook_theme_check(
    Services& services) {
  auto read = std::make_shared<std::map<std::string, analysis::Codebook>>();
  return [&services, read](const std::string& survey, const std::string& theme) {
    auto it = read->find(survey);
    if (it == read->end()) it = read->emplace(survey, codebook_of(services, survey)).first;
    return it->second.find(theme) != nullptr;
  };
}

void set_codebook(Services& services, const Actor& actor, const std::string& survey,
                  const analysis::Codebook& codebook) {
  require_survey(services, survey);
  const std::string definition = analysis::to_json(codebook).dump();
  const int64_t now = services.now();
  services.writer().execute([&](storage::Database& db) {
    storage::save_codebook(db, survey, definition);
    record_audit(db, now, actor, AuditAction::codebook_changed, survey,
                 std::to_string(codebook.themes.size()) + " themes");
  });
}

void set_codebook(Services& services, const Actor& actor, const std::string& survey,
                  const analysis::Codebook& codebook, const std::string& base,
                  const std::string& note) {
  require_survey(services, survey);
  const std::string definition = analysis::to_json(codebook).dump();
  const int64_t now = services.now();
  const std::string detail = note.substr(0, max_audit_detail);  // theme ids: ASCII
  services.writer().execute([&](storage::Database& db) {
    if (codebook_fingerprint(indexing::codebook_for(db, survey)) != base) {
      throw Conflict("the codebook of survey '" + survey +
                     "' was changed since this preview was made");
    }
    storage::save_codebook(db, survey, definition);
    record_audit(db, now, actor, AuditAction::codebook_changed, survey, detail);
  });
}

void reset_codebook(Services& services, const Actor& actor, const std::string& survey) {
  require_survey(services, survey);
  const int64_t now = services.now();
  services.writer().execute([&](storage::Database& db) {
    storage::delete_codebook(db, survey);
    record_audit(db, now, actor, AuditAction::codebook_changed, survey, "default codebook");
  });
}

}  // namespace lyssna::app
