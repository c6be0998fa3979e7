// Command-line parsing (see args.hpp).
#include "cli/args.hpp"

#include <cerrno>
#include <cstdlib>

#include "util/errors.hpp"

namespace lyssna::cli {

std::optional<std::string> ParsedArgs::value(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string ParsedArgs::value_or(const std::string& name, const std::string& fallback) const {
  return value(name).value_or(fallback);
}

std::optional<long long> ParsedArgs::number(const std::string& name, long long min,
                                            long long max) const {
  auto v = value(name);
  if (!v) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  long long n = std::strtoll(v->c_str(), &end, 10);
  if (v->empty() || *end != '\0' || errno != 0 || n < min || n > max) {
    throw BadInput(name + " must be a whole number from " + std::to_string(min) + " to " +
                       std::to_string(max) + ", not '" + *v + "'",
                   name);
  }
  return n;
}

ParsedArgs parse_args(const CommandSpec& spec, const std::vector<std::string>& args) {
  ParsedArgs parsed;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      parsed.help = true;
      continue;
    }
    if (a.size() > 2 && a.compare(0, 2, "--") == 0) {
      std::string name = a, inline_value;
      bool has_inline = false;
      if (auto eq = a.find('='); eq != std::string::npos) {
        name = a.substr(0, eq);
        inline_value = a.substr(eq + 1);
        has_inline = true;
      }
      const OptionSpec* option = nullptr;
      for (const auto& o : spec.options) {
        if (o.name == name) option = &o;
      }
      if (!option) {
        throw BadInput("unknown option " + name + " for 'lyssna " + spec.name + "' (see --help)",
                       name);
      }
      if (option->value_name.empty()) {
        if (has_inline) throw BadInput(name + " takes no value", name);
        parsed.flags_.insert(name);
      } else if (has_inline) {
        parsed.values_[name] = inline_value;
      } else {
        if (i + 1 >= args.size())
          throw BadInput(name + " needs a value (" + option->value_name + ")", name);
        parsed.values_[name] = args[++i];
      }
      continue;
    }
    parsed.positionals.push_back(a);
  }
  if (parsed.help) return parsed;
  if (parsed.positionals.size() < spec.min_positionals ||
      parsed.positionals.size() > spec.max_positionals) {
    throw BadInput("usage: " + spec.usage + " (see 'lyssna " + spec.name + " --help')");
  }
  return parsed;
}

std::string help_text(const CommandSpec& spec) {
  std::string out = "usage: " + spec.usage + "\n\n" + spec.summary + "\n";
  if (!spec.details.empty()) out += "\n" + spec.details + "\n";
  out += "\noptions:\n";
  for (const auto& o : spec.options) {
    std::string left = "  " + o.name + (o.value_name.empty() ? "" : " " + o.value_name);
    if (left.size() < 26) left.append(26 - left.size(), ' ');
    out += left + " " + o.help + "\n";
  }
  out +=
      "  --db PATH                  database file (default: lyssna.db in the working directory)\n";
  out += "  --help                     show this text\n";
  return out;
}

}  // namespace lyssna::cli
