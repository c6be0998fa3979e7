// Strict JSON parsing (see json_reader.hpp).
#include "collector/interchange/json_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "util/errors.hpp"
#include "util/text.hpp"

namespace lyssna::interchange {
namespace {

using nlohmann::json;

// Advances `p` over string bytes that need no attention (not '"', '\\' or a
// control character), eight at a time where it can; clears `ascii` when it
// passes a byte of 0x80 or above. Answers are mostly plain text, so this
// loop is most of what reading them costs.
const char* skip_plain(const char* p, const char* end, bool& ascii) {
  constexpr uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  auto has_zero = [](uint64_t x) { return (x - ones) & ~x & highs; };
  uint64_t high = 0;
  while (end - p >= 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    // A byte equal to '"' or '\\', or below 0x20 (the test can only err
    // towards a false alarm, which the byte loop below settles).
    if (has_zero(v ^ (ones * '"')) | has_zero(v ^ (ones * '\\')) | ((v - ones * 0x20) & ~v & highs))
      break;
    high |= v;
    p += 8;
  }
  if (high & highs) ascii = false;
  while (p < end) {
    const auto c = static_cast<unsigned char>(*p);
    if (c == '"' || c == '\\' || c < 0x20) break;
    if (c >= 0x80) ascii = false;
    ++p;
  }
  return p;
}

class Parser {
 public:
  Parser(std::string_view text, size_t max_depth)
      : p_(text.data()),
        end_(text.data() + text.size()),
        begin_(text.data()),
        max_depth_(max_depth) {}

  void for_each_string_field(const std::function<void(std::string_view, std::string_view)>& visit) {
    skip_space();
    if (p_ >= end_ || *p_ != '{') fail("expected an object");
    ++p_;
    skip_space();
    if (p_ < end_ && *p_ == '}') return;
    std::string key_scratch, value_scratch;
    while (true) {
      skip_space();
      if (p_ >= end_ || *p_ != '"') fail("expected a key in quotes");
      const std::string_view key = string_view_of(key_scratch);
      skip_space();
      if (p_ >= end_ || *p_ != ':') fail("expected ':'");
      ++p_;
      skip_space();
      if (p_ < end_ && *p_ == '"') {
        visit(key, string_view_of(value_scratch));
      } else {
        skip_value(0);
      }
      skip_space();
      if (p_ < end_ && *p_ == ',') {
        ++p_;
        continue;
      }
      if (p_ < end_ && *p_ == '}') return;
      fail("expected ',' or '}'");
    }
  }

  json parse_document() {
    skip_space();
    json value = parse_value(0);
    skip_space();
    if (p_ != end_) fail("unexpected text after the value");
    return value;
  }

 private:
  // Where: the byte in one-line text (a JSON Lines record, an API body),
  // line and column in a file of several lines.
  [[noreturn]] void fail(const std::string& what) const {
    const char* at = std::min(p_, end_);
    size_t line = 1;
    const char* line_start = begin_;
    for (const char* c = begin_; c < at; ++c) {
      if (*c == '\n') {
        ++line;
        line_start = c + 1;
      }
    }
    if (line == 1 && std::find(at, end_, '\n') == end_) {
      throw BadInput("not valid JSON: " + what + " at byte " + std::to_string(at - begin_ + 1));
    }
    throw BadInput("not valid JSON: " + what + " at line " + std::to_string(line) + ", column " +
                   std::to_string(at - line_start + 1));
  }

  void skip_space() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\t' || *p_ == '\r')) ++p_;
  }

  void expect_word(const char* word) {
    size_t n = std::strlen(word);
    if (static_cast<size_t>(end_ - p_) < n || std::memcmp(p_, word, n) != 0) fail("unknown word");
    p_ += n;
  }

  json parse_value(size_t depth) {
    if (p_ >= end_) fail("unexpected end");
    switch (*p_) {
      case '{':
        return parse_object(depth + 1);
      case '[':
        return parse_array(depth + 1);
      case '"':
        return json(parse_string());
      case 't':
        expect_word("true");
        return json(true);
      case 'f':
        expect_word("false");
        return json(false);
      case 'n':
        expect_word("null");
        return json(nullptr);
      default:
        if (*p_ == '-' || (*p_ >= '0' && *p_ <= '9')) return parse_number();
        fail("unexpected character");
    }
  }

  json parse_object(size_t depth) {
    if (depth > max_depth_) fail("nested too deeply");
    ++p_;  // {
    json object = json::object();
    skip_space();
    if (p_ < end_ && *p_ == '}') {
      ++p_;
      return object;
    }
    while (true) {
      skip_space();
      if (p_ >= end_ || *p_ != '"') fail("expected a key in quotes");
      std::string key = parse_string();
      skip_space();
      if (p_ >= end_ || *p_ != ':') fail("expected ':'");
      ++p_;
      skip_space();
      auto [it, inserted] = object.get_ref<json::object_t&>().emplace(std::move(key), json());
      if (!inserted) fail("the key '" + it->first + "' appears twice");
      it->second = parse_value(depth);
      skip_space();
      if (p_ < end_ && *p_ == ',') {
        ++p_;
        continue;
      }
      if (p_ < end_ && *p_ == '}') {
        ++p_;
        return object;
      }
      fail("expected ',' or '}'");
    }
  }

  json parse_array(size_t depth) {
    if (depth > max_depth_) fail("nested too deeply");
    ++p_;  // [
    json array = json::array();
    skip_space();
    if (p_ < end_ && *p_ == ']') {
      ++p_;
      return array;
    }
    while (true) {
      skip_space();
      array.push_back(parse_value(depth));
      skip_space();
      if (p_ < end_ && *p_ == ',') {
        ++p_;
        continue;
      }
      if (p_ < end_ && *p_ == ']') {
        ++p_;
        return array;
      }
      fail("expected ',' or ']'");
    }
  }

  // Moves past one value without keeping it.
  void skip_value(size_t depth) {
    if (depth > max_depth_) fail("nested too deeply");
    if (p_ >= end_) fail("unexpected end");
    const char c = *p_;
    if (c == '"') {
      ++p_;
      while (p_ < end_ && *p_ != '"') p_ += *p_ == '\\' ? 2 : 1;
      if (p_ >= end_) fail("a string is not closed");
      ++p_;
    } else if (c == '{' || c == '[') {
      const char close = c == '{' ? '}' : ']';
      ++p_;
      skip_space();
      if (p_ < end_ && *p_ == close) {
        ++p_;
        return;
      }
      while (true) {
        skip_space();
        if (c == '{') {
          skip_value(depth + 1);  // the key
          skip_space();
          if (p_ >= end_ || *p_ != ':') fail("expected ':'");
          ++p_;
          skip_space();
        }
        skip_value(depth + 1);
        skip_space();
        if (p_ < end_ && *p_ == ',') {
          ++p_;
          continue;
        }
        if (p_ < end_ && *p_ == close) {
          ++p_;
          return;
        }
        fail("expected ',' or the end of a list or object");
      }
    } else {
      parse_value(depth);  // numbers and words are cheap
    }
  }

  unsigned hex4() {
    if (end_ - p_ < 4) fail("short \\u escape");
    unsigned v = 0;
    for (int i = 0; i < 4; ++i) {
      char c = *p_++;
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f')
        v |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        v |= static_cast<unsigned>(c - 'A' + 10);
      else
        fail("bad \\u escape");
    }
    return v;
  }

  static void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  // A string as a view into the text when it has no escapes (the usual
  // case), else decoded into `scratch`. Valid until the next call.
  std::string_view string_view_of(std::string& scratch) {
    const char* start = p_ + 1;
    bool ascii = true;
    const char* q = skip_plain(start, end_, ascii);
    if (q < end_ && *q == '"') {
      std::string_view v(start, static_cast<size_t>(q - start));
      if (!ascii && !text::is_valid_utf8(v)) fail("a string is not valid UTF-8");
      p_ = q + 1;
      return v;
    }
    scratch = parse_string();
    return scratch;
  }

  // A string: plain runs are copied whole; only escapes are handled byte by byte.
  std::string parse_string() {
    ++p_;  // opening quote
    std::string out;
    const char* run = p_;
    bool ascii = true;
    while (true) {
      p_ = skip_plain(p_, end_, ascii);
      if (p_ >= end_) fail("a string is not closed");
      out.append(run, static_cast<size_t>(p_ - run));
      auto c = static_cast<unsigned char>(*p_);
      if (c < 0x20) fail("a control character inside a string");
      ++p_;
      if (c == '"') break;
      // An escape.
      if (p_ >= end_) fail("a string is not closed");
      char e = *p_++;
      switch (e) {
        case '"':
          out.push_back('"');
          break;
        case '\\':
          out.push_back('\\');
          break;
        case '/':
          out.push_back('/');
          break;
        case 'b':
          out.push_back('\b');
          break;
        case 'f':
          out.push_back('\f');
          break;
        case 'n':
          out.push_back('\n');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'u': {
          unsigned cp = hex4();
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (end_ - p_ < 6 || p_[0] != '\\' || p_[1] != 'u')
              fail("a lone surrogate in \\u escapes");
            p_ += 2;
            unsigned low = hex4();
            if (low < 0xDC00 || low > 0xDFFF) fail("a lone surrogate in \\u escapes");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            fail("a lone surrogate in \\u escapes");
          }
          append_utf8(out, cp);
          break;
        }
        default:
          fail("unknown escape");
      }
      run = p_;
    }
    if (!ascii && !text::is_valid_utf8(out)) fail("a string is not valid UTF-8");
    return out;
  }

  json parse_number() {
    const char* start = p_;
    if (*p_ == '-') ++p_;
    if (p_ >= end_) fail("a number is cut off");
    if (*p_ == '0') {
      ++p_;
    } else if (*p_ >= '1' && *p_ <= '9') {
      while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    } else {
      fail("a number needs digits");
    }
    bool integral = true;
    if (p_ < end_ && *p_ == '.') {
      integral = false;
      ++p_;
      if (p_ >= end_ || *p_ < '0' || *p_ > '9') fail("a number needs digits after '.'");
      while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    }
    if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
      integral = false;
      ++p_;
      if (p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (p_ >= end_ || *p_ < '0' || *p_ > '9') fail("a number needs digits in its exponent");
      while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    }
    // Like nlohmann: non-negative integers unsigned, negative ones signed,
    // everything else (or too large) a double.
    if (integral) {
      if (*start == '-') {
        int64_t v;
        auto r = std::from_chars(start, p_, v);
        if (r.ec == std::errc() && r.ptr == p_) return json(v);
      } else {
        uint64_t v;
        auto r = std::from_chars(start, p_, v);
        if (r.ec == std::errc() && r.ptr == p_) return json(v);
      }
    }
    double d;
    auto r = std::from_chars(start, p_, d);
    if (r.ec == std::errc() && r.ptr == p_) return json(d);
    // Out of range: one too close to zero is that close to zero, as in
    // nlohmann's parser (strtod rounds it, in the C locale the program keeps);
    // one beyond a double's range has no value to give.
    const std::string number(start, static_cast<size_t>(p_ - start));
    d = std::strtod(number.c_str(), nullptr);
    if (std::isfinite(d) && std::fabs(d) < 1) return json(d);
    p_ = start;
    fail("the number " + number.substr(0, 40) + (number.size() > 40 ? "..." : "") +
         " is out of range (a number's size must stay within about 1.8e308)");
  }

  const char* p_;
  const char* end_;
  const char* begin_;
  size_t max_depth_;
};

}  // namespace

json parse_json(std::string_view text, size_t max_depth) {
  return Parser(text, max_depth).parse_document();
}

json parse_json_file(std::string_view text, const std::string& name, const std::string& field) {
  try {
    return parse_json(text);
  } catch (const BadInput& e) {
    throw BadInput("'" + name + "' is " + e.what(), field);
  }
}

void for_each_string_field(std::string_view object_text,
                           const std::function<void(std::string_view, std::string_view)>& visit) {
  Parser(object_text, 64).for_each_string_field(visit);
}

std::map<std::string, std::string> string_fields(std::string_view object_text,
                                                 const std::vector<std::string>& keys) {
  std::map<std::string, std::string> out;
  for_each_string_field(object_text, [&](std::string_view key, std::string_view value) {
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) out.emplace(key, value);
  });
  return out;
}

}  // namespace lyssna::interchange
