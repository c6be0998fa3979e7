// Record export (see exporter.hpp).
#include "collector/interchange/exporter.hpp"

#include "collector/interchange/csv.hpp"
#include "collector/interchange/record_csv.hpp"
#include "collector/storage/response_store.hpp"
#include "collector/storage/survey_store.hpp"
#include "util/errors.hpp"

namespace lyssna::interchange {

int64_t export_records(storage::Database& db, const std::string& survey, Format format,
                       std::ostream& out) {
  std::optional<questionnaire::Questionnaire> q;
  if (!survey.empty()) {
    q = storage::load_survey(db, survey);
    if (!q) throw NotFound("survey '" + survey + "' does not exist");
  }
  if (format == Format::csv && !q) {
    throw BadInput("CSV export needs --survey: its columns are that survey's questions", "survey");
  }
  int64_t count = 0;
  if (format == Format::csv) out << spreadsheet_csv_line(csv_header(*q));
  std::string line;
  storage::for_each_response(db, survey, [&](const Record& r) {
    if (format == Format::csv) {
      out << spreadsheet_csv_line(record_to_csv(r, *q));
    } else {
      line = record_to_jsonl(r);
      line.push_back('\n');
      out.write(line.data(), static_cast<std::streamsize>(line.size()));
    }
    ++count;
  });
  out.flush();
  if (!out) throw Error("writing the export failed (disk full or closed pipe?)");
  return count;
}

}  // namespace lyssna::interchange
