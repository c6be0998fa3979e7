// A small logic-less template engine (a subset of Mustache) with HTML
// escaping on by default. Templates live in web/templates/; C++ only builds
// the JSON data they show.
//
//   {{name}}        value, HTML-escaped      {{a.b}} dotted lookup, {{.}} current
//   {{#name}}..{{/name}}  list: once per item; object: with it on top; true: once
//   {{^name}}..{{/name}}  when missing, false, null, "" or []
//   {{>name}}       the template web/templates/name.html
//   {{! comment }}
// There is deliberately no unescaped form: every byte of data is escaped.
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace lyssna::render {

std::string escape_html(std::string_view text);

class Template {
 public:
  // Throws Error naming the template and line on a syntax error.
  static Template compile(std::string_view source, std::string name);
  // Appends the rendering to `out`. Partials come from the template registry.
  void render(const nlohmann::json& data, std::string& out) const;
  std::string render(const nlohmann::json& data) const;

  struct Node;
  const std::vector<Node>& nodes() const { return *nodes_; }

 private:
  std::string name_;
  std::shared_ptr<const std::vector<Node>> nodes_;
};

// Compiled templates by name ("form" -> web/templates/form.html), compiled
// once (or on every call when assets are read live from disk). Thread-safe.
const Template& get_template(const std::string& name);

}  // namespace lyssna::render
