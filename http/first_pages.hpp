// First pages of the resident's form, which differ only by their record id:
// rendered once per survey definition and language and stored as the text
// before and after the id, so serving one costs two copies and a fresh UUID.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "collector/questionnaire/questionnaire.hpp"

namespace lyssna::http {

// Thread-safe.
class FirstPages {
 public:
  struct Parts {
    std::string before, after;
  };
  // Renders the page with `marker` where the record id goes.
  using Render = std::function<std::string(const std::string& marker)>;

  // The first page of `survey` in `lang`, rendered with `render` unless it
  // was rendered from this very definition before. The cache is keyed by
  // the definition the caller holds (and holds it, so its address is never
  // another's), not by a stamp read apart from it: a survey changed in
  // between is never served under another definition's page. Throws Error
  // when the rendered page lacks the marker.
  std::shared_ptr<const Parts> get(const questionnaire::QuestionnairePtr& survey,
                                   const std::string& lang, const Render& render);

 private:
  struct Entry {
    questionnaire::QuestionnairePtr survey;  // what `parts` was rendered from
    std::shared_ptr<const Parts> parts;
  };
  std::mutex mutex_;
  std::map<std::string, Entry> pages_;  // by survey id and language
};

}  // namespace lyssna::http
