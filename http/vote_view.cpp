// Dot voting's template data (see vote_view.hpp).
#include "http/vote_view.hpp"

#include <algorithm>

#include "render/svg_chart.hpp"

namespace lyssna::http {

using nlohmann::json;

namespace {

// Pixels: a label line of 30 px text, then a 40 px bar; sized for a
// projector at the back of a hall (the CSS sets the same font size).
constexpr int row_height = 96;
constexpr int label_baseline = 34;
constexpr int bar_top = 46;
constexpr int bar_height = 40;

// The longest bar ends at 90% of the width: the counts stand after the
// bars, on the page's ground, never on a bar.
constexpr double bar_span = 0.9;

std::string width_of(int64_t dots, int64_t most) {
  return render::percent(most > 0 ? bar_span * double(dots) / double(most) : 0);
}

}  // namespace

json vote_chart(const std::vector<LabelledTally>& rows, int64_t ballots) {
  int64_t most = 0, total = 0;
  for (const auto& r : rows) {
    most = std::max(most, r.tally.dots);
    total += r.tally.dots;
  }
  json out = json::array();
  int y = 0;
  for (const auto& r : rows) {
    out.push_back({{"candidate", r.tally.candidate},
                   {"label", r.label},
                   {"dots", r.tally.dots},
                   {"text_y", y + label_baseline},
                   {"bar_y", y + bar_top},
                   {"count_y", y + bar_top + bar_height - 10},
                   {"bar_height", bar_height},
                   {"width", width_of(r.tally.dots, most)},
                   {"track", render::percent(bar_span)}});
    y += row_height;
  }
  return {{"height", std::max(y, row_height)},
          {"rows", out},
          {"total_dots", total},
          {"ballots", ballots}};
}

json tally_document(const app::Vote& vote, const std::vector<LabelledTally>& rows) {
  int64_t most = 0, total = 0;
  for (const auto& r : rows) {
    most = std::max(most, r.tally.dots);
    total += r.tally.dots;
  }
  json candidates = json::array();
  for (const auto& r : rows) {
    candidates.push_back({{"id", r.tally.candidate},
                          {"label", r.label},
                          {"dots", r.tally.dots},
                          {"ballots", r.tally.ballots},
                          {"width", width_of(r.tally.dots, most)}});
  }
  return {{"vote", vote.line.id},    {"session", vote.line.session},
          {"open", vote.is_open},    {"ballots", vote.ballots},
          {"dots", total},           {"dots_per_ballot", vote.line.dots_per_ballot},
          {"candidates", candidates}};
}

std::string custom_slug(const std::string& label) {
  std::string out;
  for (size_t i = 0; i < label.size() && out.size() < 40; ++i) {
    unsigned char c = static_cast<unsigned char>(label[i]);
    if (c == 0xC3 && i + 1 < label.size()) {
      const unsigned char d = static_cast<unsigned char>(label[++i]);
      c = (d == 0xA5 || d == 0xA4 || d == 0x85 || d == 0x84) ? 'a'
          : (d == 0xB6 || d == 0x96)                         ? 'o'
          : (d == 0xA9 || d == 0x89)                         ? 'e'
                                                             : '-';
    }
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += static_cast<char>(c);
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

}  // namespace lyssna::http
