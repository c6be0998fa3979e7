// Just enough HTML reading for integration tests: the hidden fields of a
// form page, so a test can post the next page the way a browser would.
#pragma once

#include <regex>
#include <string>
#include <utility>
#include <vector>

namespace lyssna::test {

inline std::string unescape_html(std::string s) {
  const std::pair<const char*, const char*> entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : entities) {
    for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + 1)) {
      s.replace(pos, std::string(from).size(), to);
    }
  }
  return s;
}

using Fields = std::vector<std::pair<std::string, std::string>>;

inline Fields hidden_fields(const std::string& html) {
  Fields out;
  std::regex re("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator();
       ++it) {
    out.emplace_back(unescape_html((*it)[1].str()), unescape_html((*it)[2].str()));
  }
  return out;
}

inline std::string field_value(const Fields& fields, const std::string& name) {
  for (const auto& [k, v] : fields) {
    if (k == name) return v;
  }
  return "";
}

inline int count_occurrences(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (size_t pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + 1))
    ++n;
  return n;
}

}  // namespace lyssna::test
