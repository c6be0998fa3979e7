// A promise's own text in the reader's language, or the Swedish one marked
// as such: shared by the public page and its Atom feed.
#pragma once

#include <map>
#include <string>

#include "render/catalog.hpp"

namespace lyssna::http {

struct PickedText {
  std::string text;
  std::string lang;  // the language of `text`; "" when there is none
  bool fallback = false;
};

// The text in `lang`, else Swedish, else the first language there is.
inline PickedText pick_text(const std::map<std::string, std::string>& texts,
                            const std::string& lang) {
  auto usable = [&](const std::string& l) {
    auto it = texts.find(l);
    return it != texts.end() && !it->second.empty() ? &it->second : nullptr;
  };
  if (const auto* t = usable(lang)) return {*t, lang, false};
  if (const auto* t = usable("sv")) return {*t, "sv", true};
  for (const auto& [l, t] : texts) {
    if (!t.empty()) return {t, l, true};
  }
  return {};
}

// "(in Swedish)", or "(in <language>)" for another, in the interface's `lang`.
inline std::string fallback_marker(const std::string& lang, const std::string& text_lang) {
  const auto& catalogs = render::Catalogs::get();
  if (text_lang == "sv") return catalogs.text(lang, "promise.in_swedish");
  const std::string name =
      catalogs.has(text_lang) ? catalogs.text(text_lang, "lang.name") : text_lang;
  return catalogs.text(lang, "promise.in_language", {{"language", name}});
}

}  // namespace lyssna::http
