// Snippet parts (see snippet_view.hpp).
#include "http/snippet_view.hpp"

namespace lyssna::http {

nlohmann::json marked_parts(const std::string& snippet) {
  nlohmann::json parts = nlohmann::json::array();
  auto add = [&](std::string text, bool marked) {
    if (!text.empty()) parts.push_back({{"text", std::move(text)}, {"marked", marked}});
  };
  size_t pos = 0;
  while (pos < snippet.size()) {
    const size_t open = snippet.find("**", pos);
    if (open == std::string::npos) break;
    const size_t close = snippet.find("**", open + 2);
    if (close == std::string::npos) break;
    add(snippet.substr(pos, open - pos), false);
    add(snippet.substr(open + 2, close - open - 2), true);
    pos = close + 2;
  }
  add(snippet.substr(pos), false);
  return parts;
}

std::string url_encode(const std::string& value) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace lyssna::http
