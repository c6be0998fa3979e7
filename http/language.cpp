// Language negotiation (see language.hpp).
#include "http/language.hpp"

#include <algorithm>
#include <cstdlib>

#include "util/text.hpp"

namespace lyssna::http {
namespace {

// Codes browsers send for languages the catalogs carry under another code.
std::string canonical(std::string primary) {
  if (primary == "prs" || primary == "pes") return "fa";  // Dari, Iranian Persian
  if (primary == "som") return "so";
  if (primary == "swe") return "sv";
  return primary;
}

}  // namespace

std::string choose_language(const std::vector<std::string>& available,
                            std::string_view explicit_choice, std::string_view accept_language) {
  auto has = [&](const std::string& l) {
    return std::find(available.begin(), available.end(), l) != available.end();
  };
  std::string chosen = text::to_lower_ascii(text::trim(explicit_choice));
  if (!chosen.empty() && has(chosen)) return chosen;

  std::string best;
  double best_q = 0;
  for (const auto& entry : text::split(accept_language.substr(0, 1024), ',')) {
    auto parts = text::split(entry, ';');
    std::string tag = text::to_lower_ascii(text::trim(parts[0]));
    if (tag.empty() || tag == "*") continue;
    double q = 1.0;
    for (size_t i = 1; i < parts.size(); ++i) {
      std::string p = text::trim(parts[i]);
      if (p.size() > 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') q = std::atof(p.c_str() + 2);
    }
    std::string primary = canonical(tag.substr(0, tag.find('-')));
    if (q > best_q && has(primary)) {
      best = primary;
      best_q = q;
    }
  }
  if (!best.empty()) return best;
  return available.empty() ? std::string("en") : available.front();
}

}  // namespace lyssna::http
