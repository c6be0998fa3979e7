// Static files from web/static/, compiled into the binary. Routes:
//   GET /static/<hash>/<name>   immutable for a year when <hash> is current
//   GET /favicon.ico            204, so browsers stop asking
//   GET /                       the surveys open for answers now
#include <httplib.h>

#include "app/surveys.hpp"
#include "assets/assets.hpp"
#include "collector/form/form_view.hpp"
#include "http/language.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"
#include "render/template_engine.hpp"
#include "util/clock.hpp"

namespace lyssna::http {

void register_static_routes(HttpServer& server, app::Services& app) {
  server.Get("/static/([0-9a-f]{16})/([a-z0-9_.-]{1,64})",
             [](const httplib::Request& req, httplib::Response& res) {
               const std::string name = req.matches[2];
               auto asset = assets::find("web/static/" + name);
               if (!asset) {
                 res.status = 404;
                 return;
               }
               set_security_headers(res);
               // A page from before an upgrade asks for an old hash: serve the
               // current file, but do not let it be cached as that version.
               res.set_header("Cache-Control", req.matches[1] == asset->hash
                                                   ? "public, max-age=31536000, immutable"
                                                   : "no-cache");
               res.set_content(std::string(asset->bytes), asset->mime);
             });
  server.Get("/favicon.ico",
             [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
  server.Get("/", [&app](const httplib::Request& req, httplib::Response& res) {
    // Residents arrive with a survey's link; this page lists the ones they
    // can answer now (a closed survey's link would only say it is closed).
    const std::string lang =
        choose_language({"en", "sv", "ar", "so", "fi", "fa"}, req.get_param_value("lang"),
                        req.get_header_value("Accept-Language"));
    nlohmann::json view = form::base_view(lang, "Lyssna");
    nlohmann::json list = nlohmann::json::array();
    for (const auto& q : app::open_surveys(app, clock::now_seconds())) {
      list.push_back(
          {{"href", "/s/" + q->id + "?lang=" + (q->supports(lang) ? lang : q->default_language())},
           {"title", questionnaire::localized(q->title, lang, q->default_language())},
           {"id", q->id}});
    }
    view["surveys"] = list;
    send_html(res, 200, render::get_template("index").render(view));
  });
}

}  // namespace lyssna::http
