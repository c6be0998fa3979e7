// Record import (see importer.hpp).
#include "collector/interchange/importer.hpp"

#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "collector/core/errors.hpp"
#include "collector/interchange/csv.hpp"
#include "collector/interchange/line_reader.hpp"
#include "collector/interchange/progress_bar.hpp"
#include "collector/interchange/record.hpp"
#include "collector/interchange/record_csv.hpp"
#include "collector/questionnaire/answers.hpp"
#include "collector/storage/response_store.hpp"
#include "collector/storage/survey_store.hpp"

namespace lyssna::interchange {
namespace {

struct Numbered {
  size_t line;
  storage::InsertRequest request;
};

std::string where(size_t line, const std::string& field) {
  std::string out = "line " + std::to_string(line);
  if (!field.empty()) out += ", field '" + field + "'";
  return out;
}

class Importer {
 public:
  Importer(storage::Database& db, const ImportOptions& options, const ProblemSink& sink)
      : db_(db), options_(options), sink_(sink),
        progress_("import", options.total_bytes, options.progress) {}

  const questionnaire::Questionnaire* survey(const std::string& id) {
    auto it = surveys_.find(id);
    if (it == surveys_.end()) {
      auto loaded = storage::load_survey(db_, id);
      it = surveys_.emplace(id, loaded ? std::make_unique<questionnaire::Questionnaire>(*loaded)
                                       : nullptr).first;
    }
    return it->second.get();
  }

  void refuse(size_t line, const std::string& field, const std::string& message) {
    ++report_.refused;
    sink_(where(line, field) + ": " + message);
  }

  // Checks a parsed record against its questionnaire and queues it.
  void accept(size_t line, Record record) {
    const auto* q = survey(record.survey);
    if (!q) {
      refuse(line, "survey", "survey '" + record.survey +
                                 "' does not exist in this database (load its definition first: "
                                 "lyssna survey load FILE)");
      return;
    }
    auto problems = questionnaire::check_answers(*q, record.answers);
    if (!problems.empty()) {
      const auto& p = problems.front();
      refuse(line, p.question.empty() ? "answers" : "answers." + p.question, p.message);
      return;
    }
    batch_.push_back({line, {std::move(record), std::nullopt, false}});
    if (batch_.size() >= options_.batch_size) flush();
  }

  void flush() {
    if (batch_.empty()) return;
    std::vector<storage::InsertStatus> outcomes;
    {
      storage::WriteTransaction tx(db_);
      for (const auto& item : batch_) outcomes.push_back(storage::insert_response(db_, item.request));
      tx.commit();
    }
    for (size_t i = 0; i < batch_.size(); ++i) {
      switch (outcomes[i]) {
        case storage::InsertStatus::stored: ++report_.taken; break;
        case storage::InsertStatus::duplicate: ++report_.duplicates; break;
        default:
          refuse(batch_[i].line, "id",
                 "a different record with id '" + batch_[i].request.record.id +
                     "' exists already in survey '" + batch_[i].request.record.survey + "'");
      }
    }
    batch_.clear();
  }

  void progress(uint64_t bytes) {
    progress_.update(bytes, static_cast<uint64_t>(report_.taken + report_.duplicates + report_.refused));
  }

  ImportReport finish(uint64_t bytes) {
    flush();
    progress(bytes);
    progress_.finish();
    return report_;
  }

 private:
  storage::Database& db_;
  const ImportOptions& options_;
  const ProblemSink& sink_;
  ProgressBar progress_;
  ImportReport report_;
  std::map<std::string, std::unique_ptr<questionnaire::Questionnaire>> surveys_;
  std::vector<Numbered> batch_;
};

ImportReport import_jsonl(Importer& importer, std::istream& in) {
  LineReader reader(in);
  std::string line;
  while (reader.next(line)) {
    size_t n = reader.line_number();
    if (reader.too_long()) {
      importer.refuse(n, "", "the line is longer than 1 MiB");
    } else if (line.find_first_not_of(" \t") != std::string::npos) {
      try {
        importer.accept(n, record_from_json(nlohmann::json::parse(line)));
      } catch (const nlohmann::json::parse_error& e) {
        importer.refuse(n, "", std::string("not valid JSON: ") + e.what());
      } catch (const BadInput& e) {
        importer.refuse(n, e.field(), e.what());
      }
    }
    if ((n & 1023) == 0) importer.progress(reader.bytes_read());
  }
  return importer.finish(reader.bytes_read());
}

ImportReport import_csv(Importer& importer, std::istream& in) {
  CsvReader reader(in);
  std::optional<CsvRecordReader> records;
  uint64_t rows = 0;
  while (auto row = reader.next()) {
    if (!row->error.empty()) {
      importer.refuse(row->line, "", row->error);
      continue;
    }
    try {
      if (!records) {
        records.emplace(row->fields, [&](const std::string& id) { return importer.survey(id); });
        continue;
      }
      importer.accept(row->line, records->read(row->fields));
    } catch (const BadInput& e) {
      if (!records) {
        // Without a header no row can be read: report once and stop.
        importer.refuse(row->line, e.field(), e.what());
        break;
      }
      importer.refuse(row->line, e.field(), e.what());
    }
    if ((++rows & 1023) == 0) importer.progress(reader.bytes_read());
  }
  return importer.finish(reader.bytes_read());
}

}  // namespace

Format sniff_format(std::istream& in) {
  // One byte of look-ahead is all a pipe reliably gives back. JSON Lines
  // records start with '{'; CSV starts with a header (or a byte-order mark).
  return in.peek() == '{' ? Format::jsonl : Format::csv;
}

ImportReport import_records(storage::Database& db, std::istream& in, const ImportOptions& options,
                            const ProblemSink& report_problem) {
  Importer importer(db, options, report_problem);
  return options.format == Format::csv ? import_csv(importer, in) : import_jsonl(importer, in);
}

}  // namespace lyssna::interchange
