// The citizen promise as JSON (docs/api.md, "Promises"): what a regional
// office's script collects from every kommun. Routes:
//   GET /api/v1/promises[?kommun=K]   the published and evaluated promises,
//        or with the server's token every promise of every status
//   GET /api/v1/promises/<id>         one whole promise (app/promise_json):
//        the public view of a published or evaluated one; with the token
//        the full view of any (404 for a draft or an adopted one without)
// A wrong token is 401, as on the analysis routes.
#include <httplib.h>

#include "app/promise_json.hpp"
#include "http/requests.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"
#include "util/errors.hpp"

namespace lyssna::http {
namespace {

using nlohmann::json;

// The full view for a script holding the server's token, else the public one.
app::PromiseView view_of(app::Services& app, const httplib::Request& req) {
  return app.authenticate(bearer_token(req)).kind == app::Access::Kind::script
             ? app::PromiseView::full
             : app::PromiseView::public_view;
}

}  // namespace

void register_promise_api_routes(HttpServer& server, app::Services& app) {
  server.Get("/api/v1/promises", [&app](const httplib::Request& req, httplib::Response& res) {
    const auto view = view_of(app, req);
    const std::string kommun = optional_param(req, "kommun").value_or("");
    if (kommun.size() > 64) throw BadInput("parameter 'kommun' is a kommun's id", "kommun");
    json list = json::array();
    for (const auto& p : app::list_promises(app, kommun)) {
      if (view == app::PromiseView::full || app::promise_is_public(p.status)) {
        list.push_back(app::promise_summary(p));
      }
    }
    send_json(res, Outcome::ok,
              {{"format", "lyssna-promise-list"},
               {"version", app::promise_format_version},
               {"view", app::promise_view_name(view)},
               {"promises", list}});
  });
  server.Get(R"(/api/v1/promises/([0-9]{1,18}))", [&app](const httplib::Request& req,
                                                         httplib::Response& res) {
    const auto view = view_of(app, req);
    const int64_t id = std::stoll(req.matches[1]);
    const auto p = app::load_portable_promise(app, id);
    // A promise the public does not see yet is, to the public,
    // no promise at all: the same 404 as for an id never used.
    if (view == app::PromiseView::public_view && !app::promise_is_public(p.promise.status)) {
      throw NotFound("no promise " + std::to_string(id), "promise");
    }
    send_json(res, Outcome::ok, app::promise_document(p, view));
  });
}

}  // namespace lyssna::http
