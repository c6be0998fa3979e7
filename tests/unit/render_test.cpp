// Unit tests of rendering: the template engine, language choice and the
// interface catalogs.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "app/audit.hpp"
#include "app/roles.hpp"
#include "assets/assets.hpp"
#include "http/language.hpp"
#include "render/catalog.hpp"
#include "render/template_engine.hpp"

using namespace lyssna;
using nlohmann::json;

TEST_CASE("every value is HTML-escaped", "[template]") {
  auto t = render::Template::compile("<p title=\"{{v}}\">{{v}}</p>", "t");
  CHECK(t.render({{"v", "<script>alert('x')</script> & \"q\""}}) ==
        "<p title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;\">"
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</p>");
}

TEST_CASE("sections, inverted sections, dotted names and scopes", "[template]") {
  auto t = render::Template::compile(
      "{{#items}}[{{name}}:{{label}}{{#on}}*{{/on}}]{{/items}}{{^items}}none{{/items}}"
      "{{#obj}}{{a.b}}{{/obj}}{{! ignored }}{{missing}}{{#flag}}yes{{/flag}}{{^flag}}no{{/flag}}",
      "t");
  json data = {{"label", "outer"},
               {"items", {{{"name", "x"}, {"on", true}}, {{"name", "y"}, {"label", "inner"}}}},
               {"obj", {{"a", {{"b", 7}}}}},
               {"flag", ""}};
  CHECK(t.render(data) == "[x:outer*][y:inner]7no");
  CHECK(t.render({{"items", json::array()}, {"flag", true}}) == "noneyes");
}

TEST_CASE("template syntax errors name the template and line", "[template]") {
  CHECK_THROWS_WITH(render::Template::compile("a\n{{#x}}b", "page"),
                    Catch::Contains("template 'page' line 2"));
  CHECK_THROWS_WITH(render::Template::compile("{{/x}}", "page"), Catch::Contains("closes nothing"));
  CHECK_THROWS_WITH(render::Template::compile("{{{raw}}}", "page"), Catch::Contains("unescaped"));
  CHECK_THROWS_WITH(render::Template::compile("{{x", "page"), Catch::Contains("never closed"));
}

TEST_CASE("every built-in template compiles", "[template]") {
  for (const auto& path : assets::list("web/templates/")) {
    INFO(path);
    auto name = path.substr(14, path.size() - 14 - 5);
    CHECK_NOTHROW(render::get_template(name));
  }
}

TEST_CASE("language negotiation", "[language]") {
  const std::vector<std::string> survey = {"sv", "en", "ar", "fa", "fi", "so"};
  struct Case {
    const char* explicit_choice;
    const char* accept;
    const char* expected;
  };
  const std::vector<Case> cases = {
      {"", "", "sv"},
      {"ar", "en", "ar"},
      {"AR", "", "ar"},
      {"de", "fi", "fi"},
      {"", "sv-SE,sv;q=0.9,en-US;q=0.8,en;q=0.7", "sv"},
      {"", "de-DE,de;q=0.9,en;q=0.5,fa;q=0.6", "fa"},
      {"", "so;q=0.2, fi;q=0.3", "fi"},
      {"", "en;q=0", "sv"},
      {"", "prs", "fa"},
      {"", "*", "sv"},
      {"", "garbage;;;q=x,,", "sv"},
  };
  for (const auto& c : cases) {
    INFO(c.explicit_choice << " | " << c.accept);
    CHECK(http::choose_language(survey, c.explicit_choice, c.accept) == c.expected);
  }
}

namespace {

json read_catalog(const std::string& path) {
  auto asset = assets::require(path);
  return json::parse(asset.bytes);
}

std::set<std::string> placeholders(const std::string& s) {
  std::set<std::string> out;
  std::regex re("\\{[a-z_]+\\}");
  for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator(); ++it) {
    out.insert(it->str());
  }
  return out;
}

}  // namespace

TEST_CASE("every catalog has exactly the English keys with the same placeholders", "[i18n]") {
  for (const char* dir : {"i18n/", "i18n/trygghet/"}) {
    json english = read_catalog(std::string(dir) + "en.json");
    for (const char* lang : {"sv", "ar", "so", "fi", "fa"}) {
      INFO(dir << lang);
      json catalog = read_catalog(std::string(dir) + lang + ".json");
      for (const auto& [key, value] : english.items()) {
        INFO(key);
        REQUIRE(catalog.contains(key));
        CHECK_FALSE(catalog[key].get<std::string>().empty());
        CHECK(placeholders(catalog[key].get<std::string>()) ==
              placeholders(value.get<std::string>()));
      }
      CHECK(catalog.size() == english.size());
    }
  }
  json english = read_catalog("i18n/en.json");
  json described = read_catalog("i18n/qqq.json");
  for (const auto& [key, value] : english.items()) {
    INFO(key);
    CHECK(described.contains(key));
  }
}

// The workspace's catalog in one language ("qqq": the descriptions): its
// shared file and every part's (i18n/workspace/<part>.<lang>.json).
json workspace_catalog(const std::string& lang) {
  const std::string dir = "i18n/workspace/";
  json out = json::object();
  for (const auto& path : assets::list(dir)) {
    const std::string name = path.substr(dir.size());
    const std::string suffix = lang + ".json";
    if (name != suffix &&
        !(name.size() > suffix.size() + 1 &&
          name.compare(name.size() - suffix.size() - 1, std::string::npos, "." + suffix) == 0))
      continue;
    const json part = read_catalog(path);
    for (const auto& [key, value] : part.items()) {
      INFO(path << ": " << key);
      CHECK_FALSE(out.contains(key));
      out[key] = value;
    }
  }
  return out;
}

TEST_CASE("the workspace's catalog: Swedish has exactly the English keys, each described",
          "[i18n]") {
  json english = workspace_catalog("en");
  json swedish = workspace_catalog("sv");
  json described = workspace_catalog("qqq");
  for (const auto& [key, value] : english.items()) {
    INFO(key);
    CHECK(key.rfind("ws.", 0) == 0);
    REQUIRE(swedish.contains(key));
    CHECK_FALSE(swedish[key].get<std::string>().empty());
    CHECK(placeholders(swedish[key].get<std::string>()) == placeholders(value.get<std::string>()));
    CHECK(described.contains(key));
  }
  CHECK(swedish.size() == english.size());
  CHECK(described.size() == english.size());
  // Templates see the keys nested: a key may not be another's prefix
  // ("ws.audit.action" and "ws.audit.action.login" cannot both be texts).
  for (const auto& [key, value] : english.items()) {
    for (const auto& [other, text] : english.items()) {
      INFO(key << " / " << other);
      CHECK(other.rfind(key + ".", 0) != 0);
    }
  }
  // The keys the workspace's pages make from names: every role and action.
  for (app::Role role :
       {app::Role::viewer, app::Role::facilitator, app::Role::analyst, app::Role::admin}) {
    CHECK(english.contains("ws.role." + std::string(app::role_name(role))));
    CHECK(english.contains("ws.role_desc." + std::string(app::role_name(role))));
  }
  for (int a = 0;; ++a) {
    const auto action = static_cast<app::AuditAction>(a);
    const std::string name(app::audit_action_name(action));
    if (name == "unknown") break;
    INFO(name);
    CHECK(app::parse_audit_action(name) == action);
    CHECK(english.contains("ws.audit.action." + name));
  }
  // Merged into the language's catalog, with English filling the others.
  const auto& catalogs = render::Catalogs::get();
  CHECK(catalogs.text("sv", "ws.logout") == "Logga ut");
  CHECK(catalogs.text("ar", "ws.logout") == "Log out");
  CHECK(catalogs.text("sv", "form.next") == read_catalog("i18n/sv.json")["form.next"]);
}

// The room's catalog in one language (i18n/room/<part>.<lang>.json).
json room_catalog(const std::string& lang) {
  const std::string dir = "i18n/room/";
  json out = json::object();
  for (const auto& path : assets::list(dir)) {
    const std::string name = path.substr(dir.size());
    const std::string suffix = "." + lang + ".json";
    if (name.size() <= suffix.size() ||
        name.compare(name.size() - suffix.size(), std::string::npos, suffix) != 0)
      continue;
    const json catalog = read_catalog(path);  // items() of a temporary would dangle
    for (const auto& [key, value] : catalog.items()) {
      INFO(path << ": " << key);
      CHECK_FALSE(out.contains(key));
      out[key] = value;
    }
  }
  return out;
}

TEST_CASE("the room's catalogs: every language has exactly the English keys, each described",
          "[i18n]") {
  json english = room_catalog("en");
  json described = room_catalog("qqq");
  for (const char* lang : {"sv", "ar", "so", "fi", "fa"}) {
    INFO(lang);
    json catalog = room_catalog(lang);
    for (const auto& [key, value] : english.items()) {
      INFO(key);
      CHECK(key.rfind("room.", 0) == 0);
      REQUIRE(catalog.contains(key));
      CHECK_FALSE(catalog[key].get<std::string>().empty());
      CHECK(placeholders(catalog[key].get<std::string>()) ==
            placeholders(value.get<std::string>()));
    }
    CHECK(catalog.size() == english.size());
  }
  for (const auto& [key, value] : english.items()) {
    INFO(key);
    CHECK(described.contains(key));
  }
  CHECK(described.size() == english.size());
}

TEST_CASE("every catalog key a template uses exists", "[i18n]") {
  json english = read_catalog("i18n/en.json");
  english.update(workspace_catalog("en"));
  english.update(room_catalog("en"));
  std::regex re("\\{\\{\\s*t\\.([a-z_.]+)\\s*\\}\\}");
  for (const auto& path : assets::list("web/templates/")) {
    std::string text(assets::require(path).bytes);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator();
         ++it) {
      INFO(path << ": " << (*it)[1].str());
      CHECK(english.contains((*it)[1].str()));
    }
  }
}

TEST_CASE("catalog lookup falls back to English and fills placeholders", "[i18n]") {
  render::Catalogs c({{"en", {{"a", "Step {current} of {total}"}, {"b", "B"}}},
                      {"sv", {{"a", "Steg {current} av {total}"}}}});
  CHECK(c.text("sv", "a", {{"current", "2"}, {"total", "5"}}) == "Steg 2 av 5");
  CHECK(c.text("sv", "b") == "B");
  CHECK(c.text("xx", "b") == "B");
  CHECK(c.text("sv", "missing") == "missing");
  CHECK(c.for_template("sv")["a"] == "Steg {current} av {total}");
  CHECK(render::is_rtl("ar"));
  CHECK(render::is_rtl("fa"));
  CHECK_FALSE(render::is_rtl("so"));
}
