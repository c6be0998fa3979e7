// The resident's questionnaire: server-rendered HTML that works without
// JavaScript. Routes:
//   GET  /s/<survey>[?lang=xx][&code=...]  the first page (or the code page)
//   POST /s/<survey>                       a page's answers; the next page,
//                                          the same page with problems, or
//                                          303 to the thank-you page
//   GET  /s/<survey>/thanks[?lang=xx]      the thank-you page
// No cookies: every POST carries the answers so far in hidden fields, and
// the record id generated on the first page, so a retry stores nothing twice.
#include <httplib.h>

#include "assets/assets.hpp"
#include "collector/codes/invitation_codes.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"
#include "util/random.hpp"
#include "util/text.hpp"
#include "collector/form/form_flow.hpp"
#include "collector/form/form_view.hpp"
#include "http/app_state.hpp"
#include "http/form_body.hpp"
#include "http/language.hpp"
#include "collector/interchange/record.hpp"
#include "render/catalog.hpp"
#include "render/template_engine.hpp"
#include "collector/storage/code_store.hpp"
#include "collector/storage/response_store.hpp"

namespace lyssna::http {
namespace {

using nlohmann::json;
using questionnaire::Questionnaire;

// Answers started before the closing time may still arrive a little after it.
constexpr int64_t closing_grace_seconds = 3600;

std::string render(const std::string& name, const json& view) {
  return render::get_template(name).render(view);
}

// Message shown instead of the form outside the survey's dates, if any.
bool send_if_closed(const Questionnaire& q, const std::string& lang, int64_t grace,
                    httplib::Response& res) {
  const int64_t now = clock::now_seconds();
  if (q.opens_at && now < *q.opens_at) {
    auto view = form::message_view(lang, "closed.not_open_title", "closed.not_open_body",
                                   {{"date", clock::format_date(*q.opens_at)}}, "");
    send_html(res, 200, render("message", view));
    return true;
  }
  if (q.closes_at && now >= *q.closes_at + grace) {
    auto view = form::message_view(lang, "closed.closed_title", "closed.closed_body",
                                   {{"date", clock::format_date(*q.closes_at)}}, "");
    send_html(res, 200, render("message", view));
    return true;
  }
  return false;
}

questionnaire::QuestionnairePtr find_survey(Server::State& s, const httplib::Request& req) {
  auto q = s.surveys.find(req.matches[1]);
  if (!q) throw NotFound("no survey '" + std::string(req.matches[1]) + "'");
  return q;
}

std::string page_language(const Questionnaire& q, const httplib::Request& req, const std::string& chosen) {
  return choose_language(q.languages, chosen, req.get_header_value("Accept-Language"));
}

// The invitation code's state, or the catalog key of what is wrong with it.
// Wrong codes count against the client: after too many it must wait.
std::string code_problem(Server::State& s, const httplib::Request& req, const Questionnaire& q,
                         const std::string& typed, std::string& normalized) {
  if (text::trim(typed).empty()) return "code.error_missing";
  const std::string client = client_address(s, req);
  const int64_t now = clock::now_seconds();
  if (s.code_guesses.blocked_for(client, now)) return "code.error_too_many";
  auto code = codes::normalize_code(typed);
  if (!code) {
    s.code_guesses.failed(client, now);
    return "code.error_unknown";
  }
  normalized = *code;
  auto db = s.readers.acquire();
  switch (storage::code_state(*db, q.id, codes::hash_code(*code))) {
    case storage::CodeState::unknown:
      s.code_guesses.failed(client, now);
      return "code.error_unknown";
    case storage::CodeState::used: return "code.error_used";
    case storage::CodeState::unused: return "";
  }
  return "";
}

void send_code_page(httplib::Response& res, const Questionnaire& q, const std::string& lang,
                    const std::string& typed, const std::string& error_key) {
  const bool too_many = error_key == "code.error_too_many";
  if (too_many) res.set_header("Retry-After", "900");
  send_html(res, error_key.empty() ? 200 : too_many ? 429 : 422,
            render("code", form::code_view(q, lang, typed, error_key)));
}

void send_page(httplib::Response& res, const Questionnaire& q, int page, const form::Carry& carry,
               const form::FormAnswers& input, const std::vector<questionnaire::AnswerProblem>& problems) {
  send_html(res, problems.empty() ? 200 : 422,
            render("form", form::page_view(q, page, carry, input, problems)));
}

// Post/redirect/get: a reload of the thank-you page sends nothing again.
void redirect_to_thanks(httplib::Response& res, const Questionnaire& q, const std::string& lang) {
  res.status = 303;
  res.set_header("Location", "/s/" + q.id + "/thanks?lang=" + lang);
  res.set_header("Cache-Control", "no-store");
}

bool already_stored(Server::State& s, const Questionnaire& q, const std::string& record_id) {
  auto db = s.readers.acquire();
  return storage::find_response(*db, q.id, record_id).has_value();
}

std::string field(const form::FormFields& fields, const std::string& name) {
  auto it = fields.find(name);
  return it == fields.end() ? std::string() : it->second;
}

void get_form(Server::State& s, const httplib::Request& req, httplib::Response& res) {
  auto q = find_survey(s, req);
  const std::string lang = page_language(*q, req, req.get_param_value("lang"));
  if (send_if_closed(*q, lang, 0, res)) return;
  form::Carry carry{random::uuid_v4(), lang, ""};
  if (q->requires_code) {
    std::string typed = req.get_param_value("code");
    if (typed.empty()) return send_code_page(res, *q, lang, "", "");
    std::string problem = code_problem(s, req, *q, typed, carry.code);
    if (!problem.empty()) return send_code_page(res, *q, lang, typed, problem);
    return send_page(res, *q, form::first_visible_page(*q, json::object()), carry, {}, {});
  }
  // The usual case: the same page for everyone but its record id.
  const std::string key = q->id + "\n" + std::to_string(s.surveys.stamp()) + "\n" + lang;
  auto parts = s.first_pages.get(key, [&](const std::string& marker) {
    form::Carry marked{marker, lang, ""};
    return render("form", form::page_view(*q, form::first_visible_page(*q, json::object()), marked, {}, {}));
  });
  std::string html;
  html.reserve(parts->before.size() + parts->after.size() + 40);
  html += parts->before;
  html += carry.record_id;
  html += parts->after;
  send_html(res, 200, html);
}

void post_form(Server::State& s, const httplib::Request& req, httplib::Response& res,
               const httplib::ContentReader& reader) {
  auto q = find_survey(s, req);
  const std::string body = read_body(req, res, reader, s.options.max_form_body);
  const form::FormFields fields = parse_urlencoded(body);

  std::string lang = page_language(*q, req, field(fields, "_lang"));
  const std::string switch_to = field(fields, "_switch");
  form::Action action = form::parse_action(field(fields, "_action"));
  if (!switch_to.empty() && q->supports(switch_to)) {
    lang = switch_to;
    action = form::Action::switch_language;
  }
  if (send_if_closed(*q, lang, closing_grace_seconds, res)) return;

  form::Carry carry{field(fields, "_rid"), lang, ""};
  if (!interchange::is_valid_record_id(carry.record_id)) carry.record_id = random::uuid_v4();
  if (q->requires_code) {
    const bool entering = field(fields, "_action") == "code";
    std::string typed = entering ? field(fields, "code") : field(fields, "_code");
    std::string problem = code_problem(s, req, *q, typed, carry.code);
    if (problem == "code.error_used" && !entering && already_stored(s, *q, carry.record_id)) {
      // A retry of the submission that spent the code: it is stored, say thanks.
      return redirect_to_thanks(res, *q, lang);
    }
    if (!problem.empty()) return send_code_page(res, *q, lang, entering ? typed : "", problem);
    if (entering) action = form::Action::start;
  }

  int page = -1;
  try {
    page = std::stoi(field(fields, "_page"));
  } catch (const std::exception&) {
    action = form::Action::start;
  }
  form::FormAnswers input = form::read_form_answers(*q, fields);
  if (action == form::Action::start) {
    return send_page(res, *q, form::first_visible_page(*q, input.answers), carry, input, {});
  }
  form::FlowResult flow = form::advance(*q, page, action, input);
  if (!flow.complete) return send_page(res, *q, flow.page, carry, input, flow.problems);

  storage::InsertRequest request;
  request.record.id = carry.record_id;
  request.record.survey = q->id;
  request.record.lang = lang;
  request.record.channel = "online";
  request.record.submitted_epoch = clock::now_seconds();
  request.record.submitted_at = clock::format_rfc3339(request.record.submitted_epoch);
  request.record.answers = std::move(input.answers);
  if (!carry.code.empty()) request.code_hash = codes::hash_code(carry.code);
  request.same_id_is_duplicate = true;
  switch (s.writer.submit(std::move(request))) {
    case storage::InsertStatus::stored:
    case storage::InsertStatus::duplicate:
    case storage::InsertStatus::conflict:
      break;
    case storage::InsertStatus::code_used:
      return send_code_page(res, *q, lang, "", "code.error_used");
    case storage::InsertStatus::code_unknown:
      return send_code_page(res, *q, lang, "", "code.error_unknown");
  }
  redirect_to_thanks(res, *q, lang);
}

void get_thanks(Server::State& s, const httplib::Request& req, httplib::Response& res) {
  auto q = find_survey(s, req);
  const std::string lang = page_language(*q, req, req.get_param_value("lang"));
  json view = form::message_view(lang, "thanks.title", "thanks.body", {}, "");
  view["title"] = questionnaire::localized(q->title, lang, q->default_language());
  view["note"] = render::Catalogs::get().text(lang, "thanks.close");
  send_html(res, 200, render("message", view));
}

}  // namespace

std::shared_ptr<const PageCache::Parts> PageCache::get(const std::string& key, const Render& render) {
  {
    std::lock_guard lock(mutex_);
    auto it = pages_.find(key);
    if (it != pages_.end() && !assets::live_reload()) return it->second;
  }
  std::string html = render(marker);
  auto parts = std::make_shared<Parts>();
  auto pos = html.find(marker);
  if (pos == std::string::npos) throw Error("the form template lost the record id");
  parts->before = html.substr(0, pos);
  parts->after = html.substr(pos + std::string(marker).size());
  std::lock_guard lock(mutex_);
  if (pages_.size() > 1000) pages_.clear();  // old survey revisions
  pages_[key] = parts;
  return parts;
}

void register_form_routes(Server::State& s) {
  const std::string id = "([a-z0-9][a-z0-9_-]{0,63})";
  s.server.Get("/s/" + id, [&s](const httplib::Request& req, httplib::Response& res) { get_form(s, req, res); });
  s.server.Post("/s/" + id, [&s](const httplib::Request& req, httplib::Response& res,
                                 const httplib::ContentReader& reader) { post_form(s, req, res, reader); });
  s.server.Get("/s/" + id + "/thanks",
               [&s](const httplib::Request& req, httplib::Response& res) { get_thanks(s, req, res); });
}

}  // namespace lyssna::http
