// Table views of the results (see tables.hpp).
#include "reports/tables.hpp"

#include <algorithm>
#include <cstdio>

#include "util/clock.hpp"
#include "util/text.hpp"

namespace lyssna::reports {
namespace {

// At most `limit` characters (code points), an ellipsis marking a cut.
std::string shortened(const std::string& s, size_t limit) {
  if (text::code_points(s) <= limit) return s;
  size_t bytes = 0, kept = 0;
  while (bytes < s.size() && kept < limit - 1) {
    ++bytes;
    while (bytes < s.size() && (static_cast<unsigned char>(s[bytes]) & 0xC0) == 0x80) ++bytes;
    ++kept;
  }
  return s.substr(0, bytes) + "…";
}

}  // namespace

std::string percent(std::optional<double> share) {
  if (!share) return "–";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", *share * 100);
  return buf;
}

std::string fixed(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

TextTable table(const ThemeSummary& r) {
  TextTable t{{"theme", "label", "answers", "share"}, {}, {false, false, true, true}};
  for (const auto& c : r.themes)
    t.rows.push_back({c.theme, c.local_label, std::to_string(c.count), percent(c.share)});
  t.rows.push_back({"(none)", "", std::to_string(r.untagged),
                    percent(r.texts ? double(r.untagged) / double(r.texts) : 0)});
  return t;
}

TextTable table(const ThemesPerResponse& r) {
  TextTable t{{"id", "themes"}, {}, {false, false}};
  for (const auto& line : r.responses) t.rows.push_back({line.id, text::join(line.themes, " ")});
  return t;
}

TextTable table(const SearchReport& r) {
  TextTable t{{"id", "area", "lang", "date", "%", "snippet"},
              {},
              {false, false, false, false, true, false}};
  for (const auto& h : r.hits) {
    std::vector<std::string> snippets;
    for (const auto& s : h.snippets) snippets.push_back(s.text);
    t.rows.push_back({h.record_id.substr(0, 8), h.area, h.lang,
                      clock::format_date(h.submitted_epoch), std::to_string(h.percent),
                      text::join(snippets, " | ")});
  }
  return t;
}

TextTable table(const DiscoverReport& r) {
  TextTable t{{"answers", "languages", "terms", "example"}, {}, {true, false, false, false}};
  for (const auto& c : r.candidates) {
    // The languages of its quotes: one at least for each language it was written in.
    std::vector<std::string> languages;
    for (const auto& q : c.quotes) {
      if (std::find(languages.begin(), languages.end(), q.lang) == languages.end())
        languages.push_back(q.lang);
    }
    t.rows.push_back({std::to_string(c.count), text::join(languages, ", "),
                      text::join(c.terms, ", "),
                      c.quotes.empty() ? "" : shortened(c.quotes.front().text, 88)});
  }
  return t;
}

TextTable table(const IndicatorReport& r) {
  // Indicators down, the total and the chosen grouping across.
  std::vector<const analysis::IndicatorGroup*> columns;
  for (const auto& g : r.groups) {
    if (g.by == "total" || g.by == r.table_by) columns.push_back(&g);
  }
  TextTable t{{"indicator"}, {}, {false}};
  for (const auto* g : columns) {
    t.header.push_back(g->by == "total" ? "total" : g->value);
    t.numeric.push_back(true);
  }
  for (size_t i = 0; i < r.definitions.size(); ++i) {
    std::vector<std::string> row = {r.definitions[i].id};
    for (const auto* g : columns) {
      const auto& s = g->values[i].share;
      row.push_back(s.suppressed ? "(n<" + std::to_string(r.small.suppress_below) + ")"
                                 : percent(s.value) + (s.uncertain ? "*" : ""));
    }
    t.rows.push_back(row);
  }
  if (r.table_by == "area") {
    std::vector<std::string> row = {"problem index (0-6)"};
    for (const auto* g : columns) {
      std::string cell = "–";
      for (const auto& a : r.problem_index) {
        if (g->by == "area" && a.area == g->value && a.index)
          cell = fixed(*a.index, 2) + " " + a.label;
      }
      row.push_back(cell);
    }
    t.rows.push_back(row);
  }
  return t;
}

TextTable table(const PriorityReport& r) {
  TextTable t{{"rank", "theme", "score", "problem share", "95% CI", "mention share", "n"},
              {},
              {true, false, true, true, false, true, true}};
  for (const auto& [row, label] : r.priorities) {
    t.rows.push_back(
        {std::to_string(row.rank), row.theme, fixed(row.score, 2), percent(row.problem_share),
         row.problem_share_ci
             ? percent(row.problem_share_ci->low) + "–" + percent(row.problem_share_ci->high)
             : "–",
         percent(row.mention_share), std::to_string(row.n)});
  }
  return t;
}

TextTable table(const TrendReport& r) {
  TextTable t{{"indicator", r.earlier, r.survey, "change", "p", "verdict"},
              {},
              {false, true, true, true, true, false}};
  for (const auto& row : r.indicators) {
    const auto& c = row.change;
    t.rows.push_back({row.indicator, percent(row.earlier.value), percent(row.later.value),
                      c.difference ? std::string(*c.difference >= 0 ? "+" : "") +
                                         fixed(*c.difference * 100, 1) + " pp"
                                   : std::string("–"),
                      c.p_value ? fixed(*c.p_value, 3) : "–", c.verdict});
  }
  return t;
}

}  // namespace lyssna::reports
