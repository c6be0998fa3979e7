// The resident's questionnaire: server-rendered HTML that works without
// JavaScript. Routes:
//   GET  /s/<survey>[?lang=xx][&code=...]  the first page (or the code page)
//   POST /s/<survey>                       a page's answers; the next page,
//                                          the same page with problems, or
//                                          303 to the thank-you page
//   GET  /s/<survey>/thanks[?lang=xx]      the thank-you page
// No cookies: every POST carries the answers so far in hidden fields, and
// the record id generated on the first page, so a retry stores nothing twice.
// The rules (dates, codes, storing) are the application layer's (app/);
// this file turns their outcomes into the resident's pages.
#include <httplib.h>

#include "app/answering_window.hpp"
#include "app/submission.hpp"
#include "app/surveys.hpp"
#include "collector/form/form_flow.hpp"
#include "collector/form/form_view.hpp"
#include "collector/interchange/record.hpp"
#include "http/first_pages.hpp"
#include "http/form_body.hpp"
#include "http/language.hpp"
#include "http/requests.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"
#include "http/status_table.hpp"
#include "render/catalog.hpp"
#include "render/template_engine.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"
#include "util/random.hpp"

namespace lyssna::http {
namespace {

using nlohmann::json;
using questionnaire::Questionnaire;

struct FormRoutes {
  app::Services& app;
  const ServerOptions& options;
  FirstPages first_pages;
};

std::string render(const std::string& name, const json& view) {
  return render::get_template(name).render(view);
}

std::string page_language(const Questionnaire& q, const httplib::Request& req,
                          const std::string& chosen) {
  return choose_language(q.languages, chosen, req.get_header_value("Accept-Language"));
}

// The message shown instead of the form outside the survey's dates.
void send_closed(httplib::Response& res, const std::string& lang, const Closed& closed) {
  const bool early = closed.why() == Closed::Why::not_open_yet;
  auto view = form::message_view(lang, early ? "closed.not_open_title" : "closed.closed_title",
                                 early ? "closed.not_open_body" : "closed.closed_body",
                                 {{"date", clock::format_date(closed.date())}}, "");
  send_html(res, 200, render("message", view));
}

// The code page, with what was wrong with the last code (if anything).
void send_code_page(httplib::Response& res, const Questionnaire& q, const std::string& lang,
                    const std::string& typed, const Error* problem) {
  std::string key;
  if (const auto* refused = dynamic_cast<const CodeRefused*>(problem)) {
    key = refused->why() == CodeRefused::Why::missing ? "code.error_missing"
          : refused->why() == CodeRefused::Why::used  ? "code.error_used"
                                                      : "code.error_unknown";
  } else if (const auto* wait = dynamic_cast<const TooManyAttempts*>(problem)) {
    key = "code.error_too_many";
    res.set_header("Retry-After", std::to_string(wait->retry_after()));
  }
  send_html(res, problem ? status_of(problem->outcome()) : 200,
            render("code", form::code_view(q, lang, typed, key)));
}

void send_page(httplib::Response& res, const Questionnaire& q, int page, const form::Carry& carry,
               const form::FormAnswers& input,
               const std::vector<questionnaire::AnswerProblem>& problems) {
  send_html(res, problems.empty() ? 200 : status_of(Outcome::invalid),
            render("form", form::page_view(q, page, carry, input, problems)));
}

// Post/redirect/get: a reload of the thank-you page sends nothing again.
void redirect_to_thanks(httplib::Response& res, const Questionnaire& q, const std::string& lang) {
  send_redirect(res, "/s/" + q.id + "/thanks?lang=" + lang);
}

std::string field(const form::FormFields& fields, const std::string& name) {
  auto it = fields.find(name);
  return it == fields.end() ? std::string() : it->second;
}

void get_form(FormRoutes& r, const httplib::Request& req, httplib::Response& res) {
  auto q = app::require_survey(r.app, req.matches[1]);
  const std::string lang = page_language(*q, req, req.get_param_value("lang"));
  try {
    app::require_open(*q, clock::now_seconds(), app::FormStep::open);
  } catch (const Closed& closed) {
    return send_closed(res, lang, closed);
  }
  form::Carry carry{random::uuid_v4(), lang, ""};
  if (q->requires_code) {
    const std::string typed = req.get_param_value("code");
    if (typed.empty()) return send_code_page(res, *q, lang, "", nullptr);
    try {
      carry.code =
          app::check_code(r.app, q->id, typed, client_address(req, r.options.behind_proxy));
    } catch (const Error& e) {
      if (e.outcome() != Outcome::code_refused && e.outcome() != Outcome::too_many_attempts) throw;
      return send_code_page(res, *q, lang, typed, &e);
    }
    return send_page(res, *q, form::first_visible_page(*q, json::object()), carry, {}, {});
  }
  // The usual case: the same page for everyone but its record id.
  auto parts = r.first_pages.get(q, lang, [&](const std::string& marker) {
    form::Carry marked{marker, lang, ""};
    return render(
        "form", form::page_view(*q, form::first_visible_page(*q, json::object()), marked, {}, {}));
  });
  std::string html;
  html.reserve(parts->before.size() + parts->after.size() + 40);
  html += parts->before;
  html += carry.record_id;
  html += parts->after;
  send_html(res, 200, html);
}

void post_form(FormRoutes& r, const httplib::Request& req, httplib::Response& res,
               const httplib::ContentReader& reader) {
  auto q = app::require_survey(r.app, req.matches[1]);
  const form::FormFields fields = parse_urlencoded(read_body(req, reader, r.options.max_form_body));

  std::string lang = page_language(*q, req, field(fields, "_lang"));
  const std::string switch_to = field(fields, "_switch");
  form::Action action = form::parse_action(field(fields, "_action"));
  if (!switch_to.empty() && q->supports(switch_to)) {
    lang = switch_to;
    action = form::Action::switch_language;
  }
  // A code typed on the code page, or a POST without a page, begins an answer.
  const bool entering = q->requires_code && field(fields, "_action") == "code";
  int page = -1;
  try {
    page = std::stoi(field(fields, "_page"));
  } catch (const std::exception&) {
    action = form::Action::start;
  }
  if (entering) action = form::Action::start;
  const app::FormStep step = entering                         ? app::FormStep::enter_code
                             : action == form::Action::start  ? app::FormStep::open
                             : action == form::Action::submit ? app::FormStep::submit
                                                              : app::FormStep::go_on;
  try {
    app::require_open(*q, clock::now_seconds(), step);
  } catch (const Closed& closed) {
    return send_closed(res, lang, closed);
  }

  form::Carry carry{field(fields, "_rid"), lang, ""};
  if (!interchange::is_valid_record_id(carry.record_id)) carry.record_id = random::uuid_v4();
  const std::string client = client_address(req, r.options.behind_proxy);
  if (q->requires_code) {
    const std::string typed = entering ? field(fields, "code") : field(fields, "_code");
    try {
      carry.code = app::check_code(r.app, q->id, typed, client);
    } catch (const CodeRefused& e) {
      // A retry of the submission that spent the code: it is stored, say thanks.
      if (e.why() == CodeRefused::Why::used && !entering &&
          app::is_stored(r.app, q->id, carry.record_id)) {
        return redirect_to_thanks(res, *q, lang);
      }
      return send_code_page(res, *q, lang, entering ? typed : "", &e);
    } catch (const TooManyAttempts& e) {
      return send_code_page(res, *q, lang, entering ? typed : "", &e);
    }
  }

  form::FormAnswers input = form::read_form_answers(*q, fields);
  if (action == form::Action::start) {
    return send_page(res, *q, form::first_visible_page(*q, input.answers), carry, input, {});
  }
  form::FlowResult flow = form::advance(*q, page, action, input);
  if (!flow.complete) return send_page(res, *q, flow.page, carry, input, flow.problems);

  app::Submission submission;
  submission.record.id = carry.record_id;
  submission.record.survey = q->id;
  submission.record.lang = lang;
  submission.record.channel = "online";
  submission.record.answers = std::move(input.answers);
  submission.code = carry.code;
  submission.client = client;
  try {
    app::submit_response(r.app, app::Access::resident(), std::move(submission));
  } catch (const Conflict&) {
    // This record id was stored with other answers: the resident went back
    // and submitted again. The first submission counts.
  } catch (const CodeRefused& e) {
    return send_code_page(res, *q, lang, "", &e);
  } catch (const TooManyAttempts& e) {
    return send_code_page(res, *q, lang, "", &e);
  }
  redirect_to_thanks(res, *q, lang);
}

void get_thanks(FormRoutes& r, const httplib::Request& req, httplib::Response& res) {
  auto q = app::require_survey(r.app, req.matches[1]);
  const std::string lang = page_language(*q, req, req.get_param_value("lang"));
  json view = form::message_view(lang, "thanks.title", "thanks.body", {}, "");
  view["title"] = questionnaire::localized(q->title, lang, q->default_language());
  view["note"] = render::Catalogs::get().text(lang, "thanks.close");
  send_html(res, 200, render("message", view));
}

}  // namespace

void register_form_routes(HttpServer& server, app::Services& app, const ServerOptions& options) {
  // Lives as long as the routes that use it: the server keeps its handlers.
  auto r = std::make_shared<FormRoutes>(app, options);
  const std::string id = "/s/" + std::string(survey_id_pattern);
  server.Get(id,
             [r](const httplib::Request& req, httplib::Response& res) { get_form(*r, req, res); });
  server.Post(id, [r](const httplib::Request& req, httplib::Response& res,
                      const httplib::ContentReader& reader) { post_form(*r, req, res, reader); });
  server.Get(id + "/thanks", [r](const httplib::Request& req, httplib::Response& res) {
    get_thanks(*r, req, res);
  });
}

}  // namespace lyssna::http
