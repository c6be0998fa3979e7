// The template engine (see template_engine.hpp).
#include "render/template_engine.hpp"

#include <map>
#include <mutex>

#include "assets/assets.hpp"
#include "util/errors.hpp"

namespace lyssna::render {

struct Template::Node {
  enum Kind { text, value, section, inverted, partial } kind = text;
  std::string content;  // text, or the name looked up
  std::vector<Node> children;
};

namespace {

using nlohmann::json;
using Node = Template::Node;

std::string trim_name(std::string_view s) {
  size_t b = s.find_first_not_of(" \t");
  size_t e = s.find_last_not_of(" \t");
  return b == std::string_view::npos ? std::string() : std::string(s.substr(b, e - b + 1));
}

size_t line_at(std::string_view source, size_t pos) {
  return 1 + static_cast<size_t>(
                 std::count(source.begin(), source.begin() + static_cast<long>(pos), '\n'));
}

std::vector<Node> parse(std::string_view source, const std::string& name) {
  std::vector<Node> root;
  std::vector<std::vector<Node>*> stack = {&root};
  std::vector<std::pair<std::string, size_t>> open;  // section name, position
  size_t pos = 0;
  auto fail = [&](const std::string& what, size_t at) {
    throw Error("template '" + name + "' line " + std::to_string(line_at(source, at)) + ": " +
                what);
  };
  while (pos < source.size()) {
    size_t start = source.find("{{", pos);
    if (start == std::string_view::npos) start = source.size();
    if (start > pos)
      stack.back()->push_back({Node::text, std::string(source.substr(pos, start - pos)), {}});
    if (start == source.size()) break;
    size_t end = source.find("}}", start + 2);
    if (end == std::string_view::npos) fail("'{{' is never closed", start);
    std::string_view tag = source.substr(start + 2, end - start - 2);
    pos = end + 2;
    if (tag.empty()) fail("empty tag", start);
    char sigil = tag[0];
    std::string tag_name = trim_name(tag.substr(1));
    switch (sigil) {
      case '!':
        break;
      case '#':
      case '^': {
        stack.back()->push_back({sigil == '#' ? Node::section : Node::inverted, tag_name, {}});
        stack.push_back(&stack.back()->back().children);
        open.emplace_back(tag_name, start);
        break;
      }
      case '/':
        if (open.empty() || open.back().first != tag_name)
          fail("'{{/" + tag_name + "}}' closes nothing open", start);
        open.pop_back();
        stack.pop_back();
        break;
      case '>':
        stack.back()->push_back({Node::partial, tag_name, {}});
        break;
      case '{':
      case '&':
        fail("unescaped output is not supported; all data is escaped", start);
        break;
      default:
        stack.back()->push_back({Node::value, trim_name(tag), {}});
    }
  }
  if (!open.empty()) fail("'{{#" + open.back().first + "}}' is never closed", open.back().second);
  return root;
}

const json* lookup(const std::vector<const json*>& scopes, const std::string& name) {
  if (name == ".") return scopes.back();
  std::string_view first = name;
  std::string_view rest;
  if (auto dot = name.find('.'); dot != std::string::npos) {
    first = std::string_view(name).substr(0, dot);
    rest = std::string_view(name).substr(dot + 1);
  }
  const json* found = nullptr;
  for (auto it = scopes.rbegin(); it != scopes.rend(); ++it) {
    if ((*it)->is_object()) {
      auto f = (*it)->find(first);
      if (f != (*it)->end()) {
        found = &*f;
        break;
      }
    }
  }
  while (found && !rest.empty()) {
    auto dot = rest.find('.');
    std::string_view part = rest.substr(0, dot);
    rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
    if (!found->is_object()) return nullptr;
    auto f = found->find(part);
    found = f == found->end() ? nullptr : &*f;
  }
  return found;
}

bool truthy(const json* v) {
  if (!v || v->is_null()) return false;
  if (v->is_boolean()) return v->get<bool>();
  if (v->is_string()) return !v->get_ref<const std::string&>().empty();
  if (v->is_array() || v->is_object()) return !v->empty();
  if (v->is_number()) return v->get<double>() != 0;
  return true;
}

void append_value(const json* v, std::string& out) {
  if (!v || v->is_null()) return;
  if (v->is_string()) {
    out += escape_html(v->get_ref<const std::string&>());
  } else if (v->is_boolean()) {
    out += v->get<bool>() ? "true" : "false";
  } else {
    out += escape_html(v->dump());
  }
}

void render_nodes(const std::vector<Node>& nodes, std::vector<const json*>& scopes,
                  std::string& out, int depth) {
  if (depth > 32) throw Error("templates nest more than 32 levels (a partial including itself?)");
  for (const auto& node : nodes) {
    switch (node.kind) {
      case Node::text:
        out += node.content;
        break;
      case Node::value:
        append_value(lookup(scopes, node.content), out);
        break;
      case Node::section: {
        const json* v = lookup(scopes, node.content);
        if (!truthy(v)) break;
        if (v->is_array()) {
          for (const auto& item : *v) {
            scopes.push_back(&item);
            render_nodes(node.children, scopes, out, depth + 1);
            scopes.pop_back();
          }
        } else {
          scopes.push_back(v);
          render_nodes(node.children, scopes, out, depth + 1);
          scopes.pop_back();
        }
        break;
      }
      case Node::inverted:
        if (!truthy(lookup(scopes, node.content)))
          render_nodes(node.children, scopes, out, depth + 1);
        break;
      case Node::partial:
        // A partial sees the same scopes as the place that includes it.
        render_nodes(get_template(node.content).nodes(), scopes, out, depth + 1);
        break;
    }
  }
}

}  // namespace

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

Template Template::compile(std::string_view source, std::string name) {
  Template t;
  t.nodes_ = std::make_shared<const std::vector<Node>>(parse(source, name));
  t.name_ = std::move(name);
  return t;
}

void Template::render(const json& data, std::string& out) const {
  std::vector<const json*> scopes = {&data};
  render_nodes(*nodes_, scopes, out, 0);
}

std::string Template::render(const json& data) const {
  std::string out;
  render(data, out);
  return out;
}

const Template& get_template(const std::string& name) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<Template>> cache;
  std::lock_guard lock(mutex);
  auto it = cache.find(name);
  if (it != cache.end() && !assets::live_reload()) return *it->second;
  auto asset = assets::find("web/templates/" + name + ".html");
  if (!asset) throw Error("template '" + name + "' does not exist");
  auto compiled = std::make_unique<Template>(Template::compile(asset->bytes, name));
  auto& slot = cache[name];
  if (assets::live_reload() && slot) {
    // Keep old versions alive: a render on another thread may still use them.
    static std::vector<std::unique_ptr<Template>> retired;
    retired.push_back(std::move(slot));
  }
  slot = std::move(compiled);
  return *slot;
}

}  // namespace lyssna::render
