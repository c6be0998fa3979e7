// The citizen promise as the cooperation agreement's table (Bilaga 2):
// one row per activity with its focus area, prioritised area, the
// activity, the parties with coordinating responsibility, the frequency
// and the follow-up indicator in words, in one language (a text missing in
// it falls back to Swedish), and that table written as CSV or XLSX.
// promise_table() is pure over a loaded promise and its kommun's parties.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "app/promise.hpp"

namespace lyssna::app {

struct PromiseTable {
  std::string lang;
  std::vector<std::string> header;             // the six column names in `lang`
  std::vector<std::vector<std::string>> rows;  // six cells each
};

// A survey indicator in words, for one without words of its own. The
// default names the standard questionnaire's indicators from the
// workspace catalog (ws.dashboard.indicator.*) and any other by its id,
// with the area's id after it.
using IndicatorWords = std::function<std::string(const Indicator&, const std::string& lang)>;

// The rows of the promise's focus areas in order, each activity a row (a
// focus area without activities a row of its own title). `parties`: the
// kommun's list (promise_parties); a party not in it shows by its id.
PromiseTable promise_table(const Promise& promise, const std::vector<PromiseParty>& parties,
                           const std::string& lang, const IndicatorWords& indicator_words = {});
// The same for a stored promise. Throws NotFound "promise".
PromiseTable load_promise_table(Services& services, int64_t promise, const std::string& lang);

// CSV for a spreadsheet (every cell through the spreadsheet guard, CRLF).
void write_promise_table_csv(const PromiseTable& table, std::ostream& out);
// An XLSX workbook of one sheet at `path`. Throws Error when it cannot be written.
void write_promise_table_xlsx(const PromiseTable& table, const std::string& path);

}  // namespace lyssna::app
