// The answers as SPSS or Stata files (see answers_stat_file.hpp).
#include "app/answers_stat_file.hpp"

#include <algorithm>

#include "app/answer_variables.hpp"
#include "collector/storage/response_store.hpp"
#include "collector/storage/survey_store.hpp"
#include "render/catalog.hpp"
#include "util/errors.hpp"

namespace lyssna::app {
namespace {

using Kind = AnswerVariable::Kind;

std::string words(const std::string& lang, const std::string& key,
                  const std::map<std::string, std::string>& params = {}) {
  return render::Catalogs::get().text(lang, key, params);
}

int64_t field_bytes(const storage::RecordFieldBytes& b, const std::string& field) {
  if (field == "id") return b.id;
  if (field == "lang") return b.lang;
  if (field == "channel") return b.channel;
  if (field == "session") return b.session;
  return b.submitted_at;
}

}  // namespace

StatFileExport export_answers_stat_file(Services& services, const Actor& actor,
                                        const std::string& survey, util::StatFormat format,
                                        const std::string& labels, std::ostream& out) {
  if (labels != "sv" && labels != "en") throw Invalid("labels are sv or en", "labels");
  auto db = services.readers().acquire();
  const storage::UnmappedReads unmapped(*db);
  // From this connection, not the survey cache, whose refresh counts every
  // survey's answers through the mapped file.
  const auto q = storage::load_survey(*db, survey);
  if (!q) throw NotFound("survey '" + survey + "' does not exist", "survey");
  const auto variables = answer_variables(*q, labels);
  util::StatFileWriter file(format, out);
  std::vector<size_t> handles(variables.size());
  StatFileExport result;
  storage::for_each_response(
      *db, survey,
      [&](storage::Database& snapshot) {
        // Declared inside the snapshot the rows come from: the count and
        // the widths are those of exactly these rows.
        const auto fields = storage::max_record_field_bytes(snapshot, survey);
        const auto limit = static_cast<int64_t>(file.max_string_bytes());
        file.set_file_label(questionnaire::localized(q->title, labels, q->default_language()));
        file.add_note(words(labels, "ws.exports.note_labels", {{"survey", survey}}));
        for (size_t i = 0; i < variables.size(); ++i) {
          const auto& v = variables[i];
          if (v.kind == Kind::field || v.kind == Kind::text) {
            const int64_t widest = v.kind == Kind::field
                                       ? field_bytes(fields, v.field)
                                       : storage::max_answer_bytes(snapshot, survey, v.name);
            handles[i] = file.add_text(v.name, v.label,
                                       static_cast<size_t>(std::clamp<int64_t>(widest, 1, limit)));
            if (widest > limit) {
              file.add_note(
                  words(labels, "ws.exports.note_truncated",
                        {{"variable", file.name(handles[i])}, {"bytes", std::to_string(limit)}}));
            }
          } else if (v.kind == Kind::number) {
            handles[i] = file.add_number(v.name, v.label);
          } else {
            std::vector<util::StatValueLabel> value_labels;
            for (const auto& [code, text] : v.value_labels) value_labels.push_back({code, text});
            handles[i] =
                file.add_code(v.name, v.label, file.add_value_labels(v.name, value_labels));
          }
          if (file.name(handles[i]) != v.name) {
            file.add_note(words(labels, "ws.exports.note_renamed",
                                {{"variable", file.name(handles[i])}, {"question", v.name}}));
          }
        }
        file.begin(storage::count_responses(snapshot, survey));
      },
      [&](const interchange::Record& r) {
        for (size_t i = 0; i < variables.size(); ++i) {
          bool unknown = false;
          const auto value = answer_value(variables[i], r, &unknown);
          if (unknown) ++result.unknown;
          if (value.text) {
            file.set_text(handles[i], *value.text);
          } else if (value.number) {
            if (variables[i].kind == Kind::number) {
              file.set_number(handles[i], *value.number);
            } else {
              file.set_code(handles[i], static_cast<int32_t>(*value.number));
            }
          }
        }
        file.end_row();
        ++result.rows;
      });
  file.finish();
  result.truncated = file.truncated();
  const char* name = format == util::StatFormat::sav ? "sav" : "dta";
  record_audit(
      services, actor, AuditAction::responses_exported, survey,
      std::string(name) + ", " + std::to_string(result.rows) + " answers, labels " + labels);
  return result;
}

}  // namespace lyssna::app
