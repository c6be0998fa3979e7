// The answers' workbook (see answers_xlsx.hpp).
#include "app/answers_xlsx.hpp"

#include "collector/interchange/csv.hpp"
#include "collector/interchange/record_csv.hpp"
#include "collector/storage/response_store.hpp"
#include "collector/storage/survey_store.hpp"
#include "util/errors.hpp"
#include "util/xlsx_book.hpp"

namespace lyssna::app {

XlsxExport export_answers_xlsx(Services& services, const Actor& actor, const std::string& survey,
                               const std::string& path) {
  return export_answers_xlsx(services, actor, survey, path, util::xlsx_max_rows - 1);
}

XlsxExport export_answers_xlsx(Services& services, const Actor& actor, const std::string& survey,
                               const std::string& path, uint32_t rows_per_sheet) {
  auto db = services.readers().acquire();
  const storage::UnmappedReads unmapped(*db);
  // From this connection, not the survey cache, whose refresh counts every
  // survey's answers through the mapped file.
  const auto q = storage::load_survey(*db, survey);
  if (!q) throw NotFound("survey '" + survey + "' does not exist", "survey");
  if (rows_per_sheet < 1 || rows_per_sheet > util::xlsx_max_rows - 1)
    throw Error("rows per sheet out of range");
  const auto header = interchange::csv_header(*q);
  util::XlsxBook book(path);
  XlsxExport result;
  util::XlsxSheet* sheet = nullptr;
  std::string joined;
  // Each text through the guard, as in the CSV.
  auto text = [&](uint16_t column, const std::string& value) {
    sheet->text(column, interchange::spreadsheet_safe(value));
  };
  storage::for_each_response(*db, survey, [&](const interchange::Record& r) {
    if (!sheet || sheet->rows() > rows_per_sheet) {
      if (sheet) result.truncated += sheet->truncated();
      sheet = &book.add_sheet(survey);
      sheet->header(header);
      ++result.sheets;
    }
    // The CSV's cells (record_to_csv) written straight from the record.
    text(0, r.id);
    text(1, r.survey);
    text(2, r.lang);
    text(3, r.channel);
    if (r.session) text(4, *r.session);
    text(5, r.submitted_at);
    for (size_t i = 0; i < q->question_count(); ++i) {
      const auto column = static_cast<uint16_t>(6 + i);
      const auto it = r.answers.find(q->question_at(i).id);
      if (it == r.answers.end() || it->is_null()) continue;
      if (it->is_string()) {
        text(column, it->get_ref<const std::string&>());
      } else if (it->is_number()) {
        sheet->number(column, it->get<double>());
      } else if (it->is_array()) {
        joined.clear();
        for (const auto& item : *it) {
          if (!joined.empty()) joined.push_back(';');
          joined += item.is_string() ? item.get<std::string>() : item.dump();
        }
        text(column, joined);
      } else {
        text(column, it->dump());
      }
    }
    sheet->end_row();
    ++result.rows;
  });
  if (!sheet) {
    // No answers yet: the header alone.
    sheet = &book.add_sheet(survey);
    sheet->header(header);
    ++result.sheets;
  }
  result.truncated += sheet->truncated();
  book.close();
  record_audit(services, actor, AuditAction::responses_exported, survey,
               "xlsx, " + std::to_string(result.rows) + " answers");
  return result;
}

}  // namespace lyssna::app
