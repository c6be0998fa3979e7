// The citizen promise in the workspace (docs/promise.md): the list of
// promises, a new one (empty, drafted from a survey's marked priorities or
// copied from last year's), the document with its focus areas, evidence,
// activities, follow-ups and evaluation, the status, and the quarter view.
// Every change is a plain form (keyboard and no JavaScript), 303 back to
// the place on the page it was made, or the page again with its problem
// (422) and the form as it was sent. Routes:
//   GET  /workspace/promises[?from=SURVEY]            view_results
//   POST /workspace/promises                          new: kommun, first_year,
//        last_year, title_<lang>, from (a survey: drafted from its marks)
//   GET  /workspace/promises/<id>                     view_results
//   GET  /workspace/promises/<id>/progress[?period=P] view_results
//   GET  /workspace/promises/<id>/agreement[.csv|.xlsx][?doc_lang=sv|en]
//        the agreement's table (Bilaga 2) as a document to print and sign,
//        or as a spreadsheet; view_results
//   POST /workspace/promises/<id>/<change>            edit_analysis: header,
//        party, status, copy, focus-areas, focus-areas/<fa>/{title,remove,
//        move,activities,quote,evaluate}, activities/<a>/{change,remove,
//        move,follow-up}, follow-ups/<f>/publish, quotes/<q>/withdraw
#include <charconv>
#include <sstream>

#include "app/priority_marks.hpp"
#include "app/promise.hpp"
#include "app/promise_table.hpp"
#include "app/surveys.hpp"
#include "http/file_download.hpp"
#include "http/requests.hpp"
#include "http/responses.hpp"
#include "http/workspace_guard.hpp"
#include "http/workspace_promise_view.hpp"
#include "http/workspace_survey_forms.hpp"
#include "http/workspace_view.hpp"
#include "render/template_engine.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"

namespace lyssna::http {
// A named namespace: the route files are compiled as one unity file.
namespace promise_pages {

using nlohmann::json;
using promise_view::PageState;
using promise_view::promise_path;

constexpr const char* text_languages[] = {"sv", "en", "ar", "so", "fi", "fa"};

int64_t number_of(const std::string& text, const std::string& field) {
  int64_t n = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, n);
  if (text.empty() || ec != std::errc() || ptr != end) {
    throw Invalid("'" + field + "' must be a whole number", field);
  }
  return n;
}

int64_t id_in_path(WorkspaceRequest& w, size_t group) {
  return number_of(w.req.matches[group], "id");
}

// name_sv, name_en, ... of a form as a text per language.
app::Texts texts_of(WorkspaceRequest& w, const std::string& name) {
  app::Texts t;
  for (const char* lang : text_languages) {
    const std::string value = w.field(name + "_" + lang);
    if (!value.empty()) t[lang] = value;
  }
  return t;
}

std::vector<int64_t> parties_of(WorkspaceRequest& w) {
  std::vector<int64_t> out;
  auto [a, b] = w.fields.equal_range("party");
  for (auto it = a; it != b; ++it) out.push_back(number_of(it->second, "party"));
  return out;
}

app::ActivityInput activity_of(WorkspaceRequest& w) {
  app::ActivityInput in;
  in.texts = texts_of(w, "text");
  in.prioritised_areas = texts_of(w, "prioritised_area");
  in.frequency = texts_of(w, "frequency");
  in.parties = parties_of(w);
  if (const std::string count = w.field("target_count"); !count.empty()) {
    const auto unit = app::parse_period_unit(w.field("target_unit"));
    if (!unit) throw Invalid("the target's unit is not one of the list", "target.unit");
    in.target = app::CountableTarget{number_of(count, "target.count"), *unit};
  }
  const std::string kind = w.field("indicator_kind");
  if (kind == "survey_indicator") {
    in.indicator.kind = app::Indicator::Kind::survey_indicator;
    in.indicator.indicator_id = w.field("indicator_id");
    in.indicator.area = w.field("indicator_area");
  } else if (kind == "count") {
    in.indicator.kind = app::Indicator::Kind::count;
  } else if (kind == "text") {
    in.indicator.kind = app::Indicator::Kind::text;
  } else {
    throw Invalid("the follow-up indicator's kind is not one of the list", "indicator.kind");
  }
  in.indicator.texts = texts_of(w, "indicator_text");
  return in;
}

// The page's field anchor for a refused form's field: the field names of
// app/promise.hpp's errors mapped to the ids of the form's inputs.
std::string anchor_of(const std::string& form, const std::string& field) {
  if (field.empty()) return form;
  std::string f = field;
  for (char& c : f)
    if (c == '.') c = '-';
  if (f.rfind("title", 0) == 0 && f.size() == 5) f = "title-sv";
  if (f == "text" || f == "names" || f == "conclusion" || f == "public_text" ||
      f == "indicator-text")
    f += "-sv";
  if (f == "names-sv") f = "name-sv";
  if (f == "parties") f = "party";
  return form + "-" + f;
}

void send_list(WorkspaceRoutes& r, WorkspaceRequest& w, int status, const std::string& from,
               const PageState& state) {
  const std::string& lang = w.lang();
  const app::Access access = w.session.access();
  auto& services = r.app();
  json v = workspace_view(lang, ws_text(lang, "ws.promise.list_title"), &w.session,
                          "/workspace/promises");
  json rows = json::array();
  for (const auto& p : app::list_promises(services, "")) {
    const std::string s(app::promise_status_name(p.status));
    rows.push_back({{"href", promise_path(p.id)},
                    {"title", promise_view::text_view(p.header.titles, lang)},
                    {"kommun", p.header.kommun},
                    {"period", p.header.first_year == p.header.last_year
                                   ? std::to_string(p.header.first_year)
                                   : std::to_string(p.header.first_year) + "–" +
                                         std::to_string(p.header.last_year)},
                    {"status", ws_text(lang, "ws.promise.status." + s)},
                    {"status_key", s},
                    {"updated", time_view(p.updated_at)},
                    {"id", p.id},
                    {"copy_action", promise_path(p.id) + "/copy"},
                    {"next_year", p.header.last_year + 1}});
  }
  v["promises"] = rows;
  v["has_promises"] = !rows.empty();
  v["may_edit"] = access.may(app::Permission::edit_analysis);
  auto sent = [&](const std::string& field, const std::string& fallback) {
    if (state.form != "new") return fallback;
    auto it = state.sent.find(field);
    return it == state.sent.end() ? std::string() : it->second;
  };
  json surveys = json::array({{{"value", ""},
                               {"label", ws_text(lang, "ws.promise.from_none")},
                               {"selected", sent("from", from).empty()}}});
  for (const auto& q : services.surveys().all()) {
    const auto marks = app::priority_marks(services, q->id).size();
    if (marks == 0) continue;
    surveys.push_back(
        {{"value", q->id},
         {"label",
          ws_text(lang, "ws.promise.from_survey",
                  {{"survey", questionnaire::localized(q->title, lang, q->default_language())},
                   {"n", std::to_string(marks)}})},
         {"selected", sent("from", from) == q->id}});
  }
  v["sources"] = surveys;
  // A promise is mostly written in the autumn for the coming year.
  const std::string year =
      std::to_string(std::stoi(clock::format_rfc3339(services.now()).substr(0, 4)) + 1);
  v["form"] = {{"kommun", sent("kommun", "")},
               {"first_year", sent("first_year", year)},
               {"last_year", sent("last_year", year)},
               {"title_sv", sent("title_sv", "")},
               {"title_en", sent("title_en", "")}};
  if (!state.problems.is_null()) v["problems"] = state.problems;
  if (!state.notice.empty()) v["notice"] = ws_text(lang, state.notice);
  send_html(w.res, status, render::get_template("ws_promises").render(v), Audience::workspace);
}

void send_promise(WorkspaceRoutes& r, WorkspaceRequest& w, int status, int64_t id,
                  const PageState& state) {
  const std::string& lang = w.lang();
  const auto promise = app::load_promise(r.app(), id);
  json v = workspace_view(
      lang, promise_view::text_view(promise.header.titles, lang)["text"].get<std::string>(),
      &w.session, "/workspace/promises");
  promise_view::add_promise_view(v, r, w, promise, state);
  send_html(w.res, status, render::get_template("ws_promise").render(v), Audience::workspace);
}

// A refused form: the problem named by its field, the page again with what
// was sent. Anything but the rules' own Invalid propagates (404, 409 ...).
PageState refused(WorkspaceRequest& w, const std::string& form, const BadInput& e) {
  PageState state;
  state.form = form;
  state.sent = w.fields;
  const std::string lang = w.lang();
  // The rules' words are English (app/promise.cpp): under a lead in the
  // page's language, marked as English by the box.
  const std::string anchor = form == "status" ? "status" : anchor_of(form, e.field());
  state.problems =
      survey_forms::problems_view(ws_text(lang, "ws.promise.error_title"),
                                  {{anchor, ws_text(lang, "ws.promise.error_lead"), e.what()}});
  return state;
}

void show_list(WorkspaceRoutes& r, WorkspaceRequest& w) {
  PageState state;
  if (w.req.get_param_value("done") == "deleted") state.notice = "ws.promise.done_deleted";
  send_list(r, w, 200, w.req.get_param_value("from"), state);
}

void create(WorkspaceRoutes& r, WorkspaceRequest& w) {
  const app::Actor actor = app::Actor::of(w.session.access());
  int64_t id = 0;
  try {
    app::PromiseHeader h;
    h.kommun = w.field("kommun");
    h.first_year = number_of(w.field("first_year"), "first_year");
    h.last_year = number_of(w.field("last_year"), "last_year");
    h.titles = texts_of(w, "title");
    const std::string from = w.field("from");
    id = from.empty() ? app::create_promise(r.app(), actor, h)
                      : app::draft_from_marks(r.app(), actor, from, h);
  } catch (const Invalid& e) {
    PageState state = refused(w, "new", e);
    return send_list(r, w, 422, "", state);
  }
  send_redirect(w.res, promise_path(id) + "?done=created", Audience::workspace);
}

void show(WorkspaceRoutes& r, WorkspaceRequest& w) {
  PageState state;
  const std::string done = w.req.get_param_value("done");
  static const char* notices[] = {"created", "saved",     "status",   "copied",    "party",
                                  "added",   "removed",   "moved",    "follow_up", "published",
                                  "quote",   "withdrawn", "evaluated"};
  for (const char* n : notices)
    if (done == n) state.notice = std::string("ws.promise.done_") + n;
  send_promise(r, w, 200, id_in_path(w, 1), state);
}

void show_progress(WorkspaceRoutes& r, WorkspaceRequest& w) {
  const std::string& lang = w.lang();
  const auto promise = app::load_promise(r.app(), id_in_path(w, 1));
  std::string period_text = w.req.get_param_value("period");
  if (period_text.empty()) period_text = std::to_string(promise.header.first_year);
  const app::ReportingPeriod period = app::parse_reporting_period(period_text);
  const std::string path = promise_path(promise.id);
  json v = workspace_view(lang, ws_text(lang, "ws.promise.progress_title"), &w.session,
                          "/workspace/promises");
  v["promise_title"] = promise_view::text_view(promise.header.titles, lang);
  v["promise_path"] = path;
  v["page_path"] = path + "/progress";
  promise_view::add_progress_view(v, r, lang, promise, period);
  send_html(w.res, 200, render::get_template("ws_promise_progress").render(v), Audience::workspace);
}

// The document's language: Swedish, the agreement's, or English for
// reference (the table's headings exist in those two).
std::string document_language(WorkspaceRequest& w) {
  const std::string asked = w.req.get_param_value("doc_lang");
  if (asked == "sv" || asked == "en") return asked;
  return w.lang() == "en" ? "en" : "sv";
}

void show_agreement(WorkspaceRoutes& r, WorkspaceRequest& w) {
  const std::string& lang = w.lang();
  const std::string doc = document_language(w);
  const auto promise = app::load_promise(r.app(), id_in_path(w, 1));
  const auto parties = app::promise_parties(r.app(), promise.header.kommun);
  const auto table =
      app::promise_table(promise, parties, doc, promise_view::indicator_words(r.app(), promise));
  const std::string path = promise_path(promise.id);
  json v = workspace_view(lang, ws_text(lang, "ws.promise.agreement_title"), &w.session,
                          "/workspace/promises");
  v["promise_path"] = path;
  v["doc_lang"] = doc;
  v["doc_title"] = promise_view::text_view(promise.header.titles, doc);
  v["kommun"] = promise.header.kommun;
  v["period"] = promise.header.first_year == promise.header.last_year
                    ? std::to_string(promise.header.first_year)
                    : std::to_string(promise.header.first_year) + "–" +
                          std::to_string(promise.header.last_year);
  v["status"] =
      ws_text(doc, "ws.promise.status." + std::string(app::promise_status_name(promise.status)));
  v["is_draft"] = promise.status == app::PromiseStatus::draft;
  // The document's own words in its language, whatever the workspace's.
  json words = json::object();
  for (const char* key :
       {"agreement_kind", "agreement_draft", "agreement_caption", "agreement_signatures",
        "agreement_place_date", "agreement_signature", "col_kommun", "col_period", "col_status"})
    words[key] = ws_text(doc, std::string("ws.promise.") + key);
  v["words"] = words;
  v["header"] = table.header;
  // The focus area's cell spans its activities' rows, as in the agreement.
  json rows = json::array();
  for (size_t i = 0; i < table.rows.size(); ++i) {
    const auto& row = table.rows[i];
    size_t span = 1;
    const bool first = i == 0 || table.rows[i - 1][0] != row[0];
    if (first)
      while (i + span < table.rows.size() && table.rows[i + span][0] == row[0]) ++span;
    json cells = json::array();
    for (size_t c = 1; c < row.size(); ++c)
      cells.push_back({{"text", row[c]}, {"label", table.header[c]}});
    rows.push_back({{"first", first}, {"focus", row[0]}, {"span", span}, {"cells", cells}});
  }
  v["rows"] = rows;
  json signatures = json::array();
  std::map<int64_t, std::string> names;
  for (const auto& p : parties)
    names[p.id] = promise_view::text_view(p.names, doc).value("text", p.code);
  for (int64_t id : promise.header.parties) signatures.push_back(names[id]);
  v["signatures"] = signatures;
  v["languages"] = json::array();
  for (const char* l : {"sv", "en"})
    v["languages"].push_back({{"code", l},
                              {"name", language_name(l)},
                              {"current", doc == l},
                              {"href", path + "/agreement?doc_lang=" + std::string(l)}});
  v["csv_href"] = path + "/agreement.csv?doc_lang=" + doc;
  v["xlsx_href"] = path + "/agreement.xlsx?doc_lang=" + doc;
  send_html(w.res, 200, render::get_template("ws_promise_agreement").render(v),
            Audience::workspace);
}

void download_agreement(WorkspaceRoutes& r, WorkspaceRequest& w, const std::string& format) {
  const int64_t id = id_in_path(w, 1);
  const auto promise = app::load_promise(r.app(), id);
  const auto table =
      app::promise_table(promise, app::promise_parties(r.app(), promise.header.kommun),
                         document_language(w), promise_view::indicator_words(r.app(), promise));
  const std::string name = "promise-" + std::to_string(id) + "-agreement." + format;
  if (format == "xlsx") {
    DownloadFile file;
    app::write_promise_table_xlsx(table, file.path());
    return file.send(w.res, name,
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  }
  std::ostringstream out;
  app::write_promise_table_csv(table, out);
  w.res.status = 200;
  set_security_headers(w.res, Audience::workspace);
  w.res.set_header("Cache-Control", "no-store");
  w.res.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
  // A byte-order mark, so that Excel reads the UTF-8 as UTF-8.
  w.res.set_content("\xEF\xBB\xBF" + out.str(), "text/csv; charset=utf-8");
}

// A change of the promise: runs it, then 303 to `anchor` on the page with
// its notice, or the page again with the form's problem.
template <typename Change>
void change(WorkspaceRoutes& r, WorkspaceRequest& w, const std::string& form,
            const std::string& done, Change&& run) {
  const int64_t id = id_in_path(w, 1);
  std::string anchor;
  try {
    anchor = run(app::Actor::of(w.session.access()));
  } catch (const Invalid& e) {
    return send_promise(r, w, 422, id, refused(w, form, e));
  }
  send_redirect(w.res, promise_path(id) + "?done=" + done + (anchor.empty() ? "" : "#" + anchor),
                Audience::workspace);
}

// The focus area or activity of the address, checked to be of the promise.
int64_t focus_area_of(WorkspaceRoutes& r, WorkspaceRequest& w) {
  const int64_t id = id_in_path(w, 2);
  for (const auto& fa : app::load_promise(r.app(), id_in_path(w, 1)).focus_areas)
    if (fa.id == id) return id;
  throw NotFound("no focus area " + std::to_string(id) + " in this promise", "focus_area");
}
const app::Activity& activity_in(const app::Promise& p, int64_t id, int64_t* focus_area) {
  for (const auto& fa : p.focus_areas)
    for (const auto& a : fa.activities)
      if (a.id == id) {
        if (focus_area) *focus_area = fa.id;
        return a;
      }
  throw NotFound("no activity " + std::to_string(id) + " in this promise", "activity");
}

// Moves `id` one place up or down among `ids`.
std::vector<int64_t> moved(std::vector<int64_t> ids, int64_t id, const std::string& direction) {
  auto it = std::find(ids.begin(), ids.end(), id);
  if (direction == "up" && it != ids.begin() && it != ids.end()) std::iter_swap(it, it - 1);
  if (direction == "down" && it != ids.end() && it + 1 != ids.end()) std::iter_swap(it, it + 1);
  return ids;
}

void register_changes(WorkspaceRoutes& routes) {
  WorkspaceRoutes* r = &routes;
  const std::string base = "/workspace/promises/([0-9]{1,12})";
  const std::string fa = base + "/focus-areas/([0-9]{1,12})";
  const std::string act = base + "/activities/([0-9]{1,12})";
  auto post = [&](const std::string& pattern, auto handler) {
    routes.action(pattern, app::Permission::edit_analysis,
                  [r, handler](WorkspaceRequest& w) { handler(*r, w); });
  };
  post(base + "/header", [](WorkspaceRoutes& r, WorkspaceRequest& w) {
    change(r, w, "header", "saved", [&](const app::Actor& actor) {
      const int64_t id = id_in_path(w, 1);
      app::PromiseHeader h = app::load_promise(r.app(), id).header;
      h.titles = texts_of(w, "title");
      h.first_year = number_of(w.field("first_year"), "first_year");
      h.last_year = number_of(w.field("last_year"), "last_year");
      h.parties = parties_of(w);
      app::update_promise_header(r.app(), actor, id, h);
      return std::string("header");
    });
  });
  post(base + "/party", [](WorkspaceRoutes& r, WorkspaceRequest& w) {
    change(r, w, "party", "party", [&](const app::Actor& actor) {
      const auto p = app::load_promise(r.app(), id_in_path(w, 1));
      app::add_promise_party(r.app(), actor, p.header.kommun, w.field("code"), w.field("kind"),
                             texts_of(w, "name"));
      return std::string("parties");
    });
  });
  post(base + "/status", [](WorkspaceRoutes& r, WorkspaceRequest& w) {
    change(r, w, "status", "status", [&](const app::Actor& actor) {
      const auto to = app::parse_promise_status(w.field("status"));
      if (!to) throw Invalid("the status is not one of the list", "status");
      app::set_promise_status(r.app(), actor, id_in_path(w, 1), *to);
      return std::string("status");
    });
  });
  post(base + "/copy", [](WorkspaceRoutes& r, WorkspaceRequest& w) {
    const app::Actor actor = app::Actor::of(w.session.access());
    int64_t id = 0;
    try {
      id = app::copy_promise(r.app(), actor, id_in_path(w, 1),
                             number_of(w.field("first_year"), "first_year"),
                             number_of(w.field("last_year"), "last_year"));
    } catch (const Invalid& e) {
      return send_list(r, w, 422, "", refused(w, "copy", e));
    }
    send_redirect(w.res, promise_path(id) + "?done=copied", Audience::workspace);
  });
  post(base + "/focus-areas", [](WorkspaceRoutes& r, WorkspaceRequest& w) {
    change(r, w, "new-fa", "added", [&](const app::Actor& actor) {
      return "fa-" + std::to_string(app::add_focus_area(r.app(), actor, id_in_path(w, 1),
                                                        texts_of(w, "title")));
    });
  });
  post(fa + "/title", [](WorkspaceRoutes& r, WorkspaceRequest& w) {
    const int64_t id = focus_area_of(r, w);
    change(r, w, "fa-" + std::to_string(id), "saved", [&](const app::Actor& actor) {
      for (const auto& f : app::load_promise(r.app(), id_in_path(w, 1)).focus_areas)
        if (f.id == id) app::update_focus_area(r.app(), actor, id, texts_of(w, "title"), f.sources);
      return "fa-" + std::to_string(id);
    });
  });
  post(fa + "/remove", [](WorkspaceRoutes& r, WorkspaceRequest& w) {
    const int64_t id = focus_area_of(r, w);
    change(r, w, "fa-" + std::to_string(id), "removed", [&](const app::Actor& actor) {
      app::remove_focus_area(r.app(), actor, id);
      return std::string("focus-areas");
    });
  });
  post(fa + "/move", [](WorkspaceRoutes& r, WorkspaceRequest& w) {
    const int64_t id = focus_area_of(r, w);
    change(r, w, "fa-" + std::to_string(id), "moved", [&](const app::Actor& actor) {
      std::vector<int64_t> ids;
      for (const auto& f : app::load_promise(r.app(), id_in_path(w, 1)).focus_areas)
        ids.push_back(f.id);
      app::reorder_focus_areas(r.app(), actor, id_in_path(w, 1),
                               moved(ids, id, w.field("direction")));
      return "fa-" + std::to_string(id);
    });
  });
  post(fa + "/activities", [](WorkspaceRoutes& r, WorkspaceRequest& w) {
    const int64_t id = focus_area_of(r, w);
    change(r, w, "new-" + std::to_string(id), "added", [&](const app::Actor& actor) {
      return "act-" + std::to_string(app::add_activity(r.app(), actor, id, activity_of(w)));
    });
  });
  post(fa + "/quote", [](WorkspaceRoutes& r, WorkspaceRequest& w) {
    app::require(w.session.access(), app::Permission::view_free_text);
    const int64_t id = focus_area_of(r, w);
    change(r, w, "fa-" + std::to_string(id), "quote", [&](const app::Actor& actor) {
      app::publish_quote(r.app(), actor, id, w.field("record"), w.field("text"));
      return "fa-" + std::to_string(id);
    });
  });
  post(fa + "/evaluate", [](WorkspaceRoutes& r, WorkspaceRequest& w) {
    const int64_t id = focus_area_of(r, w);
    change(r, w, "eval-" + std::to_string(id), "evaluated", [&](const app::Actor& actor) {
      app::evaluate_focus_area(r.app(), actor, id, w.field("later_survey"),
                               texts_of(w, "conclusion"));
      return "fa-" + std::to_string(id);
    });
  });
  post(act + "/change", [](WorkspaceRoutes& r, WorkspaceRequest& w) {
    const int64_t id = id_in_path(w, 2);
    activity_in(app::load_promise(r.app(), id_in_path(w, 1)), id, nullptr);
    change(r, w, "act-" + std::to_string(id), "saved", [&](const app::Actor& actor) {
      app::update_activity(r.app(), actor, id, activity_of(w));
      return "act-" + std::to_string(id);
    });
  });
  post(act + "/remove", [](WorkspaceRoutes& r, WorkspaceRequest& w) {
    const int64_t id = id_in_path(w, 2);
    int64_t fa_id = 0;
    activity_in(app::load_promise(r.app(), id_in_path(w, 1)), id, &fa_id);
    change(r, w, "act-" + std::to_string(id), "removed", [&](const app::Actor& actor) {
      app::remove_activity(r.app(), actor, id);
      return "fa-" + std::to_string(fa_id);
    });
  });
  post(act + "/move", [](WorkspaceRoutes& r, WorkspaceRequest& w) {
    const int64_t id = id_in_path(w, 2);
    const auto p = app::load_promise(r.app(), id_in_path(w, 1));
    int64_t fa_id = 0;
    activity_in(p, id, &fa_id);
    change(r, w, "act-" + std::to_string(id), "moved", [&](const app::Actor& actor) {
      std::vector<int64_t> ids;
      for (const auto& f : p.focus_areas)
        if (f.id == fa_id)
          for (const auto& a : f.activities) ids.push_back(a.id);
      app::reorder_activities(r.app(), actor, fa_id, moved(ids, id, w.field("direction")));
      return "act-" + std::to_string(id);
    });
  });
  post(act + "/follow-up", [](WorkspaceRoutes& r, WorkspaceRequest& w) {
    const int64_t id = id_in_path(w, 2);
    activity_in(app::load_promise(r.app(), id_in_path(w, 1)), id, nullptr);
    change(r, w, "fu-" + std::to_string(id), "follow_up", [&](const app::Actor& actor) {
      app::FollowUpInput in;
      in.date = w.field("date");
      in.done_count = number_of(w.field("done_count"), "done_count");
      const auto status = app::parse_follow_up_status(w.field("status"));
      if (!status) throw Invalid("the status is not one of the list", "status");
      in.status = *status;
      in.public_texts = texts_of(w, "public_text");
      in.internal_note = w.field("internal_note");
      in.published = w.field("published") == "1";
      app::record_follow_up(r.app(), actor, id, in);
      return "act-" + std::to_string(id);
    });
  });
  post(base + "/follow-ups/([0-9]{1,12})/publish", [](WorkspaceRoutes& r, WorkspaceRequest& w) {
    const int64_t id = id_in_path(w, 2);
    const auto p = app::load_promise(r.app(), id_in_path(w, 1));
    std::string anchor;
    for (const auto& fa : p.focus_areas)
      for (const auto& a : fa.activities)
        for (const auto& f : a.follow_ups)
          if (f.id == id) anchor = "act-" + std::to_string(a.id);
    if (anchor.empty()) throw NotFound("no follow-up " + std::to_string(id), "follow_up");
    change(r, w, anchor, "published", [&](const app::Actor& actor) {
      app::set_follow_up_published(r.app(), actor, id, w.field("published") == "1");
      return anchor;
    });
  });
  post(base + "/quotes/([0-9]{1,12})/withdraw", [](WorkspaceRoutes& r, WorkspaceRequest& w) {
    const int64_t id = id_in_path(w, 2);
    const auto p = app::load_promise(r.app(), id_in_path(w, 1));
    std::string anchor;
    for (const auto& fa : p.focus_areas)
      for (const auto& q : fa.quotes)
        if (q.id == id) anchor = "fa-" + std::to_string(fa.id);
    if (anchor.empty()) throw NotFound("no quote " + std::to_string(id), "quote");
    change(r, w, anchor, "withdrawn", [&](const app::Actor& actor) {
      app::withdraw_quote(r.app(), actor, id);
      return anchor;
    });
  });
}

}  // namespace promise_pages

void register_workspace_promise_routes(WorkspaceRoutes& routes) {
  WorkspaceRoutes* r = &routes;
  routes.page("/workspace/promises", app::Permission::view_results,
              [r](WorkspaceRequest& w) { promise_pages::show_list(*r, w); });
  routes.action("/workspace/promises", app::Permission::edit_analysis,
                [r](WorkspaceRequest& w) { promise_pages::create(*r, w); });
  routes.page("/workspace/promises/([0-9]{1,12})", app::Permission::view_results,
              [r](WorkspaceRequest& w) { promise_pages::show(*r, w); });
  routes.page("/workspace/promises/([0-9]{1,12})/progress", app::Permission::view_results,
              [r](WorkspaceRequest& w) { promise_pages::show_progress(*r, w); });
  routes.page("/workspace/promises/([0-9]{1,12})/agreement", app::Permission::view_results,
              [r](WorkspaceRequest& w) { promise_pages::show_agreement(*r, w); });
  routes.page("/workspace/promises/([0-9]{1,12})/agreement\\.csv", app::Permission::view_results,
              [r](WorkspaceRequest& w) { promise_pages::download_agreement(*r, w, "csv"); });
  routes.page("/workspace/promises/([0-9]{1,12})/agreement\\.xlsx", app::Permission::view_results,
              [r](WorkspaceRequest& w) { promise_pages::download_agreement(*r, w, "xlsx"); });
  promise_pages::register_changes(routes);
}

}  // namespace lyssna::http
