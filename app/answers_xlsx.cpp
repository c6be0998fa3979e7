// The answers' workbook (see answers_xlsx.hpp).
#include "app/answers_xlsx.hpp"

#include "app/surveys.hpp"
#include "collector/interchange/csv.hpp"
#include "collector/interchange/record_csv.hpp"
#include "collector/storage/response_store.hpp"
#include "util/errors.hpp"
#include "util/xlsx_book.hpp"

namespace lyssna::app {

XlsxExport export_answers_xlsx(Services& services, const Actor& actor, const std::string& survey,
                               const std::string& path) {
  return export_answers_xlsx(services, actor, survey, path, util::xlsx_max_rows - 1);
}

XlsxExport export_answers_xlsx(Services& services, const Actor& actor, const std::string& survey,
                               const std::string& path, uint32_t rows_per_sheet) {
  const auto q = require_survey(services, survey);
  if (rows_per_sheet < 1 || rows_per_sheet > util::xlsx_max_rows - 1)
    throw Error("rows per sheet out of range");
  const auto header = interchange::csv_header(*q);
  // Which columns hold number answers: the record's six, then the questions.
  std::vector<bool> numeric(header.size(), false);
  for (size_t i = 0; i < q->question_count(); ++i) {
    numeric[6 + i] = q->question_at(i).type == questionnaire::QuestionType::number;
  }
  util::XlsxBook book(path);
  XlsxExport result;
  util::XlsxSheet* sheet = nullptr;
  std::vector<util::XlsxCell> cells(header.size());
  auto db = services.readers().acquire();
  storage::for_each_response(*db, survey, [&](const interchange::Record& r) {
    if (!sheet || sheet->rows() > rows_per_sheet) {
      if (sheet) result.truncated += sheet->truncated();
      sheet = &book.add_sheet(survey);
      sheet->header(header);
      ++result.sheets;
    }
    const auto row = interchange::record_to_csv(r, *q);
    for (size_t i = 0; i < row.size() && i < cells.size(); ++i) {
      if (row[i].empty()) {
        cells[i] = std::monostate{};
        continue;
      }
      if (numeric[i]) {
        const auto it = r.answers.find(header[i]);
        if (it != r.answers.end() && it->is_number()) {
          cells[i] = it->get<double>();
          continue;
        }
      }
      cells[i] = interchange::spreadsheet_safe(row[i]);
    }
    sheet->row(cells);
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
