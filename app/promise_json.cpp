// The promise's JSON document (see promise_json.hpp): rendering in the
// public and the full view, and reading a document back with every error
// naming its JSON path.
#include "app/promise_json.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <set>

#include "app/promise_rows.hpp"
#include "collector/interchange/json_reader.hpp"
#include "collector/questionnaire/survey_id.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace lyssna::app {
namespace {

using nlohmann::json;

json texts_json_of(const Texts& t) {
  json out = json::object();
  for (const auto& [lang, text] : t) out[lang] = text;
  return out;
}

json time_json(int64_t t) {
  return t ? json(clock::format_rfc3339(t)) : json();
}

json area_json(const std::string& area) {
  return area.empty() ? json() : json(area);
}

// The aggregate figures of a source that the public may see (the `marked`
// entry of `lyssna priorities`, as draft_from_marks keeps it): who marked
// it and the quoted records' ids are the workspace's, and an analyst's own
// figures may hold anything, so only these keys pass.
json public_figures(const json& figures) {
  static const std::array<const char*, 6> top = {"area", "theme", "label",
                                                 "n",    "texts", "weighted"};
  static const std::array<const char*, 11> row = {
      "rank", "theme",    "label",         "score",         "problem_share",  "problem_share_ci",
      "n",    "mentions", "mention_share", "survey_signal", "dialogue_signal"};
  json out = json::object();
  for (const char* key : top) {
    if (figures.contains(key)) out[key] = figures[key];
  }
  if (figures.contains("priority") && figures["priority"].is_object()) {
    json p = json::object();
    for (const char* key : row) {
      if (figures["priority"].contains(key)) p[key] = figures["priority"][key];
    }
    out["priority"] = p;
  }
  if (figures.contains("method") && figures["method"].is_object()) {
    json m = json::object();
    for (const auto& [key, value] : figures["method"].items()) {
      if (value.is_number() || value.is_string()) m[key] = value;
    }
    out["method"] = m;
  }
  return out;
}

json evaluation_json(const FocusEvaluation& e, PromiseView view) {
  json indicators = json::array();
  for (const auto& i : e.indicators) {
    json one = promise_rows::evaluated_indicator_json(i);
    one["area"] = area_json(i.area);
    indicators.push_back(std::move(one));
  }
  json out = {{"later_survey", e.later_survey},
              {"indicators", indicators},
              {"conclusion", texts_json_of(e.conclusions)},
              {"evaluated_at", time_json(e.evaluated_at)}};
  if (view == PromiseView::full) out["evaluated_by"] = e.evaluated_by;
  return out;
}

json follow_up_json(const FollowUp& f, PromiseView view) {
  json out = {{"id", f.id},
              {"date", f.date},
              {"done_count", f.done_count},
              {"status", follow_up_status_name(f.status)},
              {"public_text", texts_json_of(f.public_texts)}};
  if (view == PromiseView::full) {
    out["published"] = f.published;
    out["internal_note"] = f.internal_note;
    out["recorded_at"] = time_json(f.recorded_at);
    out["recorded_by"] = f.recorded_by;
  }
  return out;
}

json activity_json(const Activity& a, const std::map<int64_t, std::string>& codes,
                   PromiseView view) {
  const auto& in = a.input;
  json parties = json::array();
  for (int64_t p : in.parties) parties.push_back(codes.at(p));
  json target;
  if (in.target)
    target = {{"count", in.target->count}, {"unit", period_unit_name(in.target->unit)}};
  const auto& ind = in.indicator;
  json indicator = {{"kind", indicator_kind_name(ind.kind)}, {"text", texts_json_of(ind.texts)}};
  if (ind.kind == Indicator::Kind::survey_indicator) {
    indicator["id"] = ind.indicator_id;
    indicator["area"] = area_json(ind.area);
  }
  json follow_ups = json::array();
  for (const auto& f : a.follow_ups) {
    if (view == PromiseView::full || f.published) follow_ups.push_back(follow_up_json(f, view));
  }
  return {{"id", a.id},
          {"text", texts_json_of(in.texts)},
          {"prioritised_area", texts_json_of(in.prioritised_areas)},
          {"parties", parties},
          {"frequency", texts_json_of(in.frequency)},
          {"target", target},
          {"indicator", indicator},
          {"follow_ups", follow_ups}};
}

json focus_area_json(const FocusArea& fa, const std::map<int64_t, std::string>& codes,
                     PromiseStatus status, PromiseView view) {
  const bool full = view == PromiseView::full;
  json sources = json::array();
  for (const auto& s : fa.sources) {
    const json figures = json::parse(s.figures);
    sources.push_back({{"survey", s.survey},
                       {"area", s.area ? json(*s.area) : json()},
                       {"theme", s.theme},
                       {"figures", full ? figures : public_figures(figures)}});
  }
  json quotes = json::array();
  for (const auto& q : fa.quotes) {
    json one = {{"id", q.id}, {"text", q.text}, {"lang", q.lang}};
    if (full) {
      one["record_id"] = q.record_id;
      one["published_at"] = time_json(q.published_at);
      one["published_by"] = q.published_by;
    }
    quotes.push_back(one);
  }
  json activities = json::array();
  for (const auto& a : fa.activities) activities.push_back(activity_json(a, codes, view));
  // An evaluation in the making (the promise still published) is the
  // analysts' until the promise is marked evaluated.
  json evaluation;
  if (fa.evaluation && (full || status == PromiseStatus::evaluated)) {
    evaluation = evaluation_json(*fa.evaluation, view);
  }
  return {{"id", fa.id},      {"title", texts_json_of(fa.titles)}, {"sources", sources},
          {"quotes", quotes}, {"evaluation", evaluation},          {"activities", activities}};
}

}  // namespace

std::string_view promise_view_name(PromiseView view) {
  return view == PromiseView::full ? "full" : "public";
}

bool promise_is_public(PromiseStatus status) {
  return status == PromiseStatus::published || status == PromiseStatus::evaluated;
}

PortablePromise load_portable_promise(Services& services, int64_t id) {
  PortablePromise out;
  out.promise = load_promise(services, id);
  std::map<int64_t, PromiseParty> of_kommun;
  for (auto& p : promise_parties(services, out.promise.header.kommun)) of_kommun[p.id] = p;
  std::set<int64_t> named;
  auto name = [&](int64_t party) {
    if (named.insert(party).second) out.parties.push_back(of_kommun.at(party));
  };
  for (int64_t p : out.promise.header.parties) name(p);
  for (const auto& fa : out.promise.focus_areas) {
    for (const auto& a : fa.activities) {
      for (int64_t p : a.input.parties) name(p);
    }
  }
  return out;
}

json promise_document(const PortablePromise& pp, PromiseView view) {
  const Promise& p = pp.promise;
  if (view == PromiseView::public_view && !promise_is_public(p.status)) {
    throw Conflict("promise " + std::to_string(p.id) + " is " +
                       std::string(promise_status_name(p.status)) +
                       "; the public sees it once published",
                   "status");
  }
  std::map<int64_t, std::string> codes;
  json parties = json::array();
  for (const auto& party : pp.parties) {
    codes[party.id] = party.code;
    parties.push_back(
        {{"code", party.code}, {"kind", party.kind}, {"names", texts_json_of(party.names)}});
  }
  json signatories = json::array();
  for (int64_t s : p.header.parties) signatories.push_back(codes.at(s));
  json focus_areas = json::array();
  for (const auto& fa : p.focus_areas) {
    focus_areas.push_back(focus_area_json(fa, codes, p.status, view));
  }
  json d = {{"format", promise_format},
            {"version", promise_format_version},
            {"view", promise_view_name(view)},
            {"id", p.id},
            {"kommun", p.header.kommun},
            {"first_year", p.header.first_year},
            {"last_year", p.header.last_year},
            {"title", texts_json_of(p.header.titles)},
            {"status", promise_status_name(p.status)},
            {"updated_at", time_json(p.updated_at ? p.updated_at : p.created_at)},
            {"parties", parties},
            {"signatories", signatories},
            {"focus_areas", focus_areas}};
  if (view == PromiseView::full) {
    d["copied_from"] = p.copied_from ? json(*p.copied_from) : json();
    d["created_at"] = time_json(p.created_at);
    d["created_by"] = p.created_by;
    d["updated_by"] = p.updated_by.empty() ? p.created_by : p.updated_by;
  }
  return d;
}

json promise_summary(const Promise& p) {
  const std::string id = std::to_string(p.id);
  return {{"id", p.id},
          {"kommun", p.header.kommun},
          {"first_year", p.header.first_year},
          {"last_year", p.header.last_year},
          {"title", texts_json_of(p.header.titles)},
          {"status", promise_status_name(p.status)},
          {"updated_at", time_json(p.updated_at ? p.updated_at : p.created_at)},
          {"url", "/api/v1/promises/" + id},
          {"page", "/promise/" + id}};
}

// --- reading a document -------------------------------------------------------

namespace {

// Limits of a document, so that a hostile one cannot make the import (one
// transaction) or its memory as large as it likes.
constexpr size_t max_parties = 200;
constexpr size_t max_focus_areas = 100;
constexpr size_t max_sources = 50;
constexpr size_t max_quotes = 200;
constexpr size_t max_activities = 100;        // per focus area
constexpr size_t max_activity_parties = 50;   // per activity
constexpr size_t max_follow_ups = 1000;       // per activity
constexpr size_t max_all_follow_ups = 20000;  // in the document
constexpr size_t max_indicators = 200;        // per evaluation
constexpr size_t max_figures = 64 * 1024;     // a source's figures, as JSON
constexpr size_t max_id = 200;                // ids and names: a survey, a record, a user
constexpr size_t max_string = 8000;           // a text; the import holds it to its rule

// Whether a member's name may stand in an error's path and message: a
// document's own names (a language, a misspelt key) are anything at all.
bool plain_name(std::string_view name, size_t limit) {
  if (name.empty() || name.size() > limit) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// A JSON value and its path in the document, for reading with errors that
// name where ("focus_areas[2].activities[0].parties[1]").
class At {
 public:
  At(const json& value, std::string path) : v_(value), path_(std::move(path)) {}
  const json& value() const { return v_; }
  const std::string& path() const { return path_; }

  [[noreturn]] void fail(const std::string& message) const {
    throw Invalid(message + " (at " + (path_.empty() ? "the document" : path_) + ")",
                  path_.empty() ? "document" : path_);
  }

  // An object with no members but `known` (a typo is refused, not lost).
  const At& object(std::initializer_list<std::string_view> known) const {
    if (!v_.is_object()) fail("an object is expected");
    for (const auto& [key, value] : v_.items()) {
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      if (!plain_name(key, 40)) fail("a member of an unknown name is not allowed here");
      At(value, child_path(key)).fail("not a member here");
    }
    return *this;
  }
  bool has(std::string_view key) const {
    return v_.contains(key) && !v_[std::string(key)].is_null();
  }
  At operator[](std::string_view key) const {
    static const json null_value;
    auto it = v_.find(key);
    return At(it == v_.end() ? null_value : *it, child_path(key));
  }
  At required(std::string_view key) const {
    if (!has(key)) (*this)[key].fail("required");
    return (*this)[key];
  }
  // The elements of an array of at most `limit` (absent or null: none).
  std::vector<At> elements(size_t limit) const {
    std::vector<At> out;
    if (v_.is_null()) return out;
    if (!v_.is_array()) fail("a list is expected");
    if (v_.size() > limit) fail("at most " + std::to_string(limit) + " are allowed");
    for (size_t i = 0; i < v_.size(); ++i) {
      out.emplace_back(v_[i], path_ + "[" + std::to_string(i) + "]");
    }
    return out;
  }
  std::string string(size_t limit) const {
    if (!v_.is_string()) fail("a string is expected");
    const auto& s = v_.get_ref<const std::string&>();
    if (s.size() > limit) fail("at most " + std::to_string(limit) + " bytes are allowed");
    if (!text::is_valid_utf8(s)) fail("the text is not valid UTF-8");
    return s;
  }
  std::string string_or(size_t limit, const std::string& fallback) const {
    return v_.is_null() ? fallback : string(limit);
  }
  int64_t integer(int64_t min, int64_t max) const {
    bool ok = v_.is_number_integer();
    int64_t n = 0;
    if (ok && v_.is_number_unsigned()) {
      ok = v_.get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
    }
    if (ok) n = v_.get<int64_t>();
    if (!ok || n < min || n > max) {
      fail("a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
           " is expected");
    }
    return n;
  }
  std::optional<double> number_or_null() const {
    if (v_.is_null()) return std::nullopt;
    if (!v_.is_number()) fail("a number or null is expected");
    return v_.get<double>();
  }
  bool boolean_or(bool fallback) const {
    if (v_.is_null()) return fallback;
    if (!v_.is_boolean()) fail("true or false is expected");
    return v_.get<bool>();
  }
  // A text per language: {"sv": "..", "en": ".."} (absent or null: none).
  Texts texts() const {
    Texts out;
    if (v_.is_null()) return out;
    if (!v_.is_object()) fail("an object of texts per language is expected");
    if (v_.size() > 6) fail("at most the six public languages are allowed");
    for (const auto& [lang, text] : v_.items()) {
      if (!plain_name(lang, 8)) fail("the keys are language codes such as \"sv\"");
      const At t(text, child_path(lang));
      out[lang] = t.string(max_string);
    }
    return out;
  }
  // A time of the document (RFC 3339), or 0 when absent or null.
  int64_t time_or_zero() const {
    if (v_.is_null()) return 0;
    auto t = clock::parse_rfc3339(string(64));
    if (!t) fail("an RFC 3339 time is expected");
    return *t;
  }
  std::string survey_id() const {
    std::string id = string(max_id);
    if (!questionnaire::is_survey_id(id)) {
      fail("a survey id is " + std::string(questionnaire::survey_id_rule));
    }
    return id;
  }
  // An optional area id: null (the whole survey) or a non-empty string.
  std::string area() const {
    if (v_.is_null()) return "";
    std::string a = string(max_id);
    if (a.empty()) fail("an area is null (the whole survey) or its id");
    return a;
  }
  template <class E>
  E name_of(std::optional<E> (*parse)(std::string_view), const char* what) const {
    auto e = parse(string(40));
    if (!e) fail("not " + std::string(what));
    return *e;
  }

 private:
  std::string child_path(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }
  const json& v_;
  std::string path_;
};

std::optional<Indicator::Kind> parse_indicator_kind(std::string_view name) {
  for (auto k :
       {Indicator::Kind::survey_indicator, Indicator::Kind::count, Indicator::Kind::text}) {
    if (indicator_kind_name(k) == name) return k;
  }
  return std::nullopt;
}

std::optional<std::string> parse_verdict(std::string_view name) {
  for (const char* v : {"better", "worse", "unchanged", "not_comparable"}) {
    if (name == v) return std::string(v);
  }
  return std::nullopt;
}

// The party codes of the document, each with its id (position + 1).
using Codes = std::map<std::string, int64_t>;

std::vector<int64_t> party_ids(const At& list, const Codes& codes, size_t limit) {
  std::vector<int64_t> out;
  for (const auto& e : list.elements(limit)) {
    const std::string code = e.string(max_id);
    auto it = codes.find(code);
    if (it == codes.end()) e.fail("not the code of one of the document's parties");
    out.push_back(it->second);
  }
  return out;
}

FocusSource read_source(const At& at) {
  at.object({"survey", "area", "theme", "figures"});
  FocusSource s;
  s.survey = at.required("survey").survey_id();
  if (at.has("area")) s.area = at["area"].area();
  s.theme = at.required("theme").string(max_id);
  if (s.theme.empty()) at["theme"].fail("a source names its theme");
  const At figures = at["figures"];
  if (figures.value().is_null()) {
    s.figures = "{}";
  } else {
    if (!figures.value().is_object()) figures.fail("the figures are an object");
    s.figures = figures.value().dump();
    if (s.figures.size() > max_figures) {
      figures.fail("the figures are at most " + std::to_string(max_figures) + " bytes as JSON");
    }
  }
  return s;
}

PublishedQuote read_quote(const At& at) {
  at.object({"id", "record_id", "text", "lang", "published_at", "published_by"});
  PublishedQuote q;
  q.record_id = at["record_id"].string_or(max_id, "");
  q.text = text::trim(at.required("text").string(max_string));
  if (q.text.empty()) at["text"].fail("a quote has its text");
  q.lang = at.required("lang").string(8);
  q.published_at = at["published_at"].time_or_zero();
  q.published_by = at["published_by"].string_or(max_id, "");
  return q;
}

FocusEvaluation read_evaluation(const At& at) {
  at.object({"later_survey", "indicators", "conclusion", "evaluated_at", "evaluated_by"});
  FocusEvaluation e;
  e.later_survey = at.required("later_survey").survey_id();
  for (const auto& i : at["indicators"].elements(max_indicators)) {
    i.object({"indicator", "area", "earlier_survey", "later_survey", "earlier", "later",
              "earlier_n", "later_n", "difference", "p_value", "significant", "verdict"});
    EvaluatedIndicator ind;
    ind.indicator_id = i.required("indicator").string(max_id);
    ind.area = i["area"].area();
    ind.earlier_survey = i["earlier_survey"].string_or(max_id, "");
    ind.later_survey = i["later_survey"].string_or(max_id, "");
    ind.earlier = i["earlier"].number_or_null();
    ind.later = i["later"].number_or_null();
    ind.earlier_n = i.has("earlier_n") ? i["earlier_n"].integer(0, 100000000) : 0;
    ind.later_n = i.has("later_n") ? i["later_n"].integer(0, 100000000) : 0;
    ind.difference = i["difference"].number_or_null();
    ind.p_value = i["p_value"].number_or_null();
    ind.significant = i["significant"].boolean_or(false);
    ind.verdict = i.required("verdict").name_of<std::string>(parse_verdict,
                                                             "better, worse, unchanged or "
                                                             "not_comparable");
    e.indicators.push_back(std::move(ind));
  }
  e.conclusions = at["conclusion"].texts();
  e.evaluated_at = at["evaluated_at"].time_or_zero();
  e.evaluated_by = at["evaluated_by"].string_or(max_id, "");
  return e;
}

FollowUp read_follow_up(const At& at) {
  at.object({"id", "date", "done_count", "status", "public_text", "published", "internal_note",
             "recorded_at", "recorded_by"});
  FollowUp f;
  f.date = at.required("date").string(10);
  f.done_count =
      at.required("done_count")
          .integer(std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max());
  f.status = at.required("status").name_of<FollowUpStatus>(parse_follow_up_status,
                                                           "on_track, behind, done or dropped");
  f.public_texts = at["public_text"].texts();
  // A document of the public view lists published follow-ups only, and
  // says so by leaving the flag out.
  f.published = at["published"].boolean_or(true);
  f.internal_note = at["internal_note"].string_or(max_string, "");
  f.recorded_at = at["recorded_at"].time_or_zero();
  f.recorded_by = at["recorded_by"].string_or(max_id, "");
  return f;
}

Activity read_activity(const At& at, const Codes& codes, size_t& follow_ups) {
  at.object({"id", "text", "prioritised_area", "parties", "frequency", "target", "indicator",
             "follow_ups"});
  Activity a;
  auto& in = a.input;
  in.texts = at.required("text").texts();
  in.prioritised_areas = at["prioritised_area"].texts();
  in.parties = party_ids(at.required("parties"), codes, max_activity_parties);
  in.frequency = at["frequency"].texts();
  if (at.has("target")) {
    const At t = at["target"];
    t.object({"count", "unit"});
    in.target =
        CountableTarget{t.required("count").integer(std::numeric_limits<int64_t>::min(),
                                                    std::numeric_limits<int64_t>::max()),
                        t.required("unit").name_of<PeriodUnit>(
                            parse_period_unit, "year, half_year, tertial, quarter, month or week")};
  }
  const At ind = at.required("indicator");
  ind.object({"kind", "id", "area", "text"});
  in.indicator.kind = ind.required("kind").name_of<Indicator::Kind>(
      parse_indicator_kind, "survey_indicator, count or text");
  in.indicator.indicator_id = ind["id"].string_or(max_id, "");
  in.indicator.area = ind["area"].area();
  in.indicator.texts = ind["text"].texts();
  const auto list = at["follow_ups"].elements(max_follow_ups);
  follow_ups += list.size();
  if (follow_ups > max_all_follow_ups) {
    at["follow_ups"].fail("a document holds at most " + std::to_string(max_all_follow_ups) +
                          " follow-ups");
  }
  for (const auto& f : list) a.follow_ups.push_back(read_follow_up(f));
  return a;
}

}  // namespace

PortablePromise parse_promise_document(std::string_view text) {
  if (text.size() > max_promise_document) {
    throw TooLarge(
        "a promise document is at most " + std::to_string(max_promise_document) + " bytes",
        "document");
  }
  const json doc = interchange::parse_json(text, 32);
  const At root(doc, "");
  root.object({"format", "version", "view", "id", "kommun", "first_year", "last_year", "title",
               "status", "updated_at", "parties", "signatories", "focus_areas", "copied_from",
               "created_at", "created_by", "updated_by"});
  if (!root.has("format") || !doc["format"].is_string() || doc["format"] != promise_format) {
    root["format"].fail("not a promise document: \"format\" is \"" + std::string(promise_format) +
                        "\"");
  }
  const int64_t version = root.required("version").integer(1, 1000000);
  if (version != promise_format_version) {
    root["version"].fail("version " + std::to_string(version) + " is not known here (this is " +
                         std::to_string(promise_format_version) + ")");
  }
  if (root.has("view")) {
    const std::string view = root["view"].string(10);
    if (view != "public" && view != "full") root["view"].fail("public or full is expected");
  }
  PortablePromise out;
  Promise& p = out.promise;
  p.id = root.has("id") ? root["id"].integer(0, std::numeric_limits<int64_t>::max()) : 0;
  p.header.kommun = root.required("kommun").string(64);
  p.header.first_year =
      root.required("first_year")
          .integer(std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max());
  p.header.last_year =
      root.required("last_year")
          .integer(std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max());
  p.header.titles = root.required("title").texts();
  // Who made and last changed it where it came from (the full view).
  p.created_at = root["created_at"].time_or_zero();
  p.created_by = root["created_by"].string_or(max_id, "");
  p.updated_at = root["updated_at"].time_or_zero();
  p.updated_by = root["updated_by"].string_or(max_id, "");
  p.status = root.required("status").name_of<PromiseStatus>(
      parse_promise_status, "draft, adopted, published or evaluated");

  Codes codes;
  for (const auto& party : root.required("parties").elements(max_parties)) {
    party.object({"code", "kind", "names"});
    PromiseParty pp;
    pp.id = static_cast<int64_t>(out.parties.size()) + 1;
    pp.kommun = p.header.kommun;
    pp.code = party.required("code").string(max_id);
    pp.kind = party.required("kind").string(40);
    pp.names = party.required("names").texts();
    if (!codes.emplace(pp.code, pp.id).second) {
      party["code"].fail("a party's code is named twice");
    }
    out.parties.push_back(std::move(pp));
  }
  p.header.parties = party_ids(root.required("signatories"), codes, max_parties);

  size_t follow_ups = 0;
  for (const auto& fa_at : root.required("focus_areas").elements(max_focus_areas)) {
    fa_at.object({"id", "title", "sources", "quotes", "evaluation", "activities"});
    FocusArea fa;
    fa.titles = fa_at.required("title").texts();
    for (const auto& s : fa_at["sources"].elements(max_sources))
      fa.sources.push_back(read_source(s));
    for (const auto& q : fa_at["quotes"].elements(max_quotes)) fa.quotes.push_back(read_quote(q));
    if (fa_at.has("evaluation")) fa.evaluation = read_evaluation(fa_at["evaluation"]);
    for (const auto& a : fa_at.required("activities").elements(max_activities)) {
      fa.activities.push_back(read_activity(a, codes, follow_ups));
    }
    p.focus_areas.push_back(std::move(fa));
  }
  return out;
}

}  // namespace lyssna::app
