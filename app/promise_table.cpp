// The agreement's table of a promise (see promise_table.hpp).
#include "app/promise_table.hpp"

#include "collector/interchange/csv.hpp"
#include "render/catalog.hpp"
#include "util/xlsx_book.hpp"

namespace lyssna::app {
namespace {

std::string words(const std::string& lang, const std::string& key,
                  const std::map<std::string, std::string>& params = {}) {
  return render::Catalogs::get().text(lang, key, params);
}

// The text in `lang`, else Swedish (the language a required text has).
std::string in_language(const Texts& texts, const std::string& lang) {
  for (const std::string& l : {lang, std::string("sv")}) {
    auto it = texts.find(l);
    if (it != texts.end() && !it->second.empty()) return it->second;
  }
  return "";
}

std::string default_indicator_words(const Indicator& indicator, const std::string& lang) {
  const std::string key = "ws.dashboard.indicator." + indicator.indicator_id;
  std::string name = render::Catalogs::get().text(lang, key);
  if (name == key) name = indicator.indicator_id;
  if (indicator.area.empty()) return name;
  return words(lang, "ws.promise_table.indicator_area",
               {{"indicator", name}, {"area", indicator.area}});
}

std::string frequency_words(const ActivityInput& a, const std::string& lang) {
  std::string text = in_language(a.frequency, lang);
  if (!text.empty() || !a.target) return text;
  return words(lang, "ws.promise_table.target",
               {{"count", std::to_string(a.target->count)},
                {"unit", words(lang, "ws.promise_table.unit." +
                                         std::string(period_unit_name(a.target->unit)))}});
}

}  // namespace

PromiseTable promise_table(const Promise& promise, const std::vector<PromiseParty>& parties,
                           const std::string& lang, const IndicatorWords& indicator_words) {
  PromiseTable t;
  t.lang = lang;
  for (const char* column :
       {"focus_area", "prioritised_area", "activity", "responsibility", "frequency", "indicator"}) {
    t.header.push_back(words(lang, std::string("ws.promise_table.") + column));
  }
  auto party_name = [&](int64_t id) {
    for (const auto& p : parties) {
      if (p.id != id) continue;
      std::string name = in_language(p.names, lang);
      return name.empty() ? p.code : name;
    }
    return std::to_string(id);
  };
  for (const auto& focus : promise.focus_areas) {
    const std::string title = in_language(focus.titles, lang);
    if (focus.activities.empty()) {
      t.rows.push_back({title, "", "", "", "", ""});
      continue;
    }
    for (const auto& activity : focus.activities) {
      const auto& a = activity.input;
      std::string responsible;
      for (int64_t party : a.parties) {
        if (!responsible.empty()) responsible += ", ";
        responsible += party_name(party);
      }
      std::string indicator = in_language(a.indicator.texts, lang);
      if (indicator.empty() && a.indicator.kind == Indicator::Kind::survey_indicator) {
        indicator = indicator_words ? indicator_words(a.indicator, lang)
                                    : default_indicator_words(a.indicator, lang);
      }
      t.rows.push_back({title, in_language(a.prioritised_areas, lang), in_language(a.texts, lang),
                        responsible, frequency_words(a, lang), indicator});
    }
  }
  return t;
}

PromiseTable load_promise_table(Services& services, int64_t promise, const std::string& lang) {
  const Promise p = load_promise(services, promise);
  return promise_table(p, promise_parties(services, p.header.kommun), lang);
}

void write_promise_table_csv(const PromiseTable& table, std::ostream& out) {
  interchange::write_spreadsheet_csv(out, table.header, table.rows);
}

void write_promise_table_xlsx(const PromiseTable& table, const std::string& path) {
  util::XlsxBook book(path);
  auto& sheet = book.add_sheet(words(table.lang, "ws.promise_table.sheet"));
  sheet.header(table.header);
  std::vector<util::XlsxCell> cells;
  for (const auto& row : table.rows) {
    cells.clear();
    for (const auto& cell : row) cells.emplace_back(interchange::spreadsheet_safe(cell));
    sheet.row(cells);
  }
  book.close();
}

}  // namespace lyssna::app
