// The form's first pages (see first_pages.hpp).
#include "http/first_pages.hpp"

#include <string_view>

#include "assets/assets.hpp"
#include "util/errors.hpp"

namespace lyssna::http {
namespace {

constexpr std::string_view record_id_marker = "\x01record-id\x01";

}  // namespace

std::shared_ptr<const FirstPages::Parts> FirstPages::get(
    const questionnaire::QuestionnairePtr& survey, const std::string& lang, const Render& render) {
  const std::string key = survey->id + "\n" + lang;
  {
    std::lock_guard lock(mutex_);
    auto it = pages_.find(key);
    if (it != pages_.end() && it->second.survey == survey && !assets::live_reload())
      return it->second.parts;
  }
  const std::string marker(record_id_marker);
  const std::string html = render(marker);
  const auto pos = html.find(marker);
  if (pos == std::string::npos) throw Error("the form template lost the record id");
  auto parts = std::make_shared<Parts>();
  parts->before = html.substr(0, pos);
  parts->after = html.substr(pos + marker.size());
  std::lock_guard lock(mutex_);
  // A page per survey and language; a bound all the same, against many surveys.
  if (pages_.size() > 1000 && !pages_.count(key)) pages_.clear();
  pages_[key] = Entry{survey, parts};
  return parts;
}

}  // namespace lyssna::http
