// Response records as CSV rows (interchange.md section 1): the six record
// columns, then one column per question id; `multi` values joined with ';'.
// Cell text becomes typed answers through the questionnaire.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "collector/interchange/record.hpp"
#include "collector/questionnaire/questionnaire.hpp"

namespace lyssna::interchange {

std::vector<std::string> csv_header(const questionnaire::Questionnaire& q);
std::vector<std::string> record_to_csv(const Record& r, const questionnaire::Questionnaire& q);

// Reads rows under one header. Rows name their survey; `find_survey`
// returns its questionnaire (nullptr when unknown).
class CsvRecordReader {
 public:
  using SurveyLookup = std::function<const questionnaire::Questionnaire*(const std::string&)>;
  // Throws BadInput (field = the column) for a header without the record
  // columns or with a name twice.
  CsvRecordReader(const std::vector<std::string>& header, SurveyLookup find_survey);
  // Throws BadInput naming the field ("answers.safe_night", "submitted_at", ...).
  Record read(const std::vector<std::string>& row) const;
  // The column names, trimmed, in file order.
  const std::vector<std::string>& header() const { return header_; }

 private:
  std::vector<std::string> header_;
  std::map<std::string, size_t> record_columns_;
  SurveyLookup find_survey_;
};

}  // namespace lyssna::interchange
