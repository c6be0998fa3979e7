// Tags the labelled texts and scores them (see labelled_evaluation.hpp).
#include "analysis/codebook/labelled_evaluation.hpp"

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <system_error>

#include "analysis/analysis_error.hpp"
#include "analysis/codebook/tagger.hpp"
#include "analysis/index/document_builder.hpp"
#include "analysis/index/text_index.hpp"
#include "analysis/text/analyzer.hpp"

namespace lyssna::analysis {

namespace {

using nlohmann::json;

// A directory under the system's temporary one, removed with everything in it.
class TemporaryDirectory {
 public:
  TemporaryDirectory() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "lyssna-accuracy-XXXXXX").string();
    if (!mkdtemp(pattern.data()))
      throw AnalysisError("cannot create a temporary directory " + pattern);
    path_ = pattern;
  }
  ~TemporaryDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::string text_field(const json& record, const char* name, int line) {
  auto it = record.find(name);
  if (it == record.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
    throw BadSpecification("labelled texts, line " + std::to_string(line) + ": \"" + name +
                           "\" must be a non-empty string");
  }
  return it->get<std::string>();
}

std::set<std::string> themes_field(const json& record, int line) {
  auto it = record.find("themes");
  if (it == record.end() || !it->is_array()) {
    throw BadSpecification("labelled texts, line " + std::to_string(line) +
                           ": \"themes\" must be an array");
  }
  std::set<std::string> themes;
  for (const auto& t : *it) {
    if (!t.is_string()) {
      throw BadSpecification("labelled texts, line " + std::to_string(line) +
                             ": \"themes\" must hold strings");
    }
    themes.insert(t.get<std::string>());
  }
  return themes;
}

}  // namespace

Evaluation LabelledRun::score(const std::string& part) const {
  auto it = gold.find(part);
  return evaluate(it == gold.end() ? ThemesById{} : it->second, predicted);
}

LabelledRun run_on_labelled(const Codebook& codebook,
                            std::shared_ptr<const LanguageResources> resources,
                            std::string_view labelled_jsonl) {
  TemporaryDirectory dir;
  const std::string index_path = (dir.path() / "index").string();
  TextAnalyzer analyzer(resources);
  LabelledRun run;
  {
    TextIndex index(index_path, TextIndex::Mode::rebuild);
    std::istringstream lines{std::string(labelled_jsonl)};
    int64_t seq = 0;
    int line_number = 0;
    for (std::string line; std::getline(lines, line);) {
      ++line_number;
      if (line.empty()) continue;
      const json record = json::parse(line, nullptr, false);
      if (!record.is_object()) {
        throw BadSpecification("labelled texts, line " + std::to_string(line_number) +
                               ": not a JSON object");
      }
      Response r;
      r.seq = ++seq;
      r.survey = "eval";
      r.id = text_field(record, "id", line_number);
      r.lang = text_field(record, "lang", line_number);
      r.channel = "online";
      const std::string text = text_field(record, "text", line_number);
      const std::string split = text_field(record, "split", line_number);
      if (!run.texts.emplace(r.id, text).second) {
        throw BadSpecification("labelled texts, line " + std::to_string(line_number) + ": id " +
                               r.id + " occurs twice");
      }
      index.put(build_document(analyzer, r, {{"free_text", text}}), unique_term(r.survey, r.id));
      const auto themes = themes_field(record, line_number);
      run.gold[split + "/" + r.lang][r.id] = themes;
      run.gold[split + "/all"][r.id] = themes;
    }
    index.commit(seq, resources->fingerprint);
  }
  TextIndex index(index_path, TextIndex::Mode::read_only);
  Tagger tagger(codebook, analyzer);
  for (const auto& row : tagger.tag(index.database(), "eval").rows) {
    auto& themes = run.predicted[row.record_id];
    for (auto t : row.themes) themes.insert(codebook.themes[t].id);
  }
  return run;
}

}  // namespace lyssna::analysis
