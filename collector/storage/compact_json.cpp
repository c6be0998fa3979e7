// Compact JSON writer (see compact_json.hpp).
#include "collector/storage/compact_json.hpp"

namespace lyssna::storage {
void append_json_string(std::string_view s, std::string& out) {
  static const char hex[] = "0123456789abcdef";
  out.push_back('"');
  size_t run = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        out += "\\u00";
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 15]);
    }
  }
  out.append(s.substr(run));
  out.push_back('"');
}

void append_compact_json(const nlohmann::json& v, std::string& out) {
  switch (v.type()) {
    case nlohmann::json::value_t::object: {
      out.push_back('{');
      bool first = true;
      for (const auto& [key, item] : v.items()) {
        if (!first) out.push_back(',');
        first = false;
        append_json_string(key, out);
        out.push_back(':');
        append_compact_json(item, out);
      }
      out.push_back('}');
      break;
    }
    case nlohmann::json::value_t::array: {
      out.push_back('[');
      for (size_t i = 0; i < v.size(); ++i) {
        if (i) out.push_back(',');
        append_compact_json(v[i], out);
      }
      out.push_back(']');
      break;
    }
    case nlohmann::json::value_t::string:
      append_json_string(v.get_ref<const std::string&>(), out);
      break;
    default:
      out += v.dump();  // numbers, booleans, null: nlohmann's exact forms
  }
}

std::string compact_json(const nlohmann::json& value) {
  std::string out;
  out.reserve(256);
  append_compact_json(value, out);
  return out;
}

}  // namespace lyssna::storage
