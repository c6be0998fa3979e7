// The sync API's client (see sync_client.hpp).
#include "http/sync_client.hpp"

#include <httplib.h>

#include <regex>

#include "util/errors.hpp"

namespace lyssna::http {
namespace {

nlohmann::json answer_of(const httplib::Result& res, const std::string& target) {
  if (!res) {
    throw Unavailable("cannot reach " + target + ": " + httplib::to_string(res.error()) +
                      " (is it up, and is the address right?)");
  }
  std::string message;
  try {
    auto j = nlohmann::json::parse(res->body);
    if (res->status == 200) return j;
    if (j.is_object() && j.contains("error") && j["error"].is_object() &&
        j["error"].contains("message") && j["error"]["message"].is_string())
      message = j["error"]["message"].get<std::string>();
  } catch (const nlohmann::json::exception&) {
    if (res->status == 200) throw Unavailable(target + " answered with something that is not JSON");
  }
  if (message.empty()) message = "status " + std::to_string(res->status);
  switch (res->status) {
    case 401:
      throw Unauthorized(target + " refused the token: " + message);
    case 404:
      throw NotFound(target + ": " + message);
    case 413:
      throw TooLarge(target + ": " + message);
    default:
      throw Unavailable(target + " answered " + std::to_string(res->status) + ": " + message);
  }
}

}  // namespace

std::string sync_target(const std::string& url, const std::string& option) {
  static const std::regex shape(
      R"(^(https?)://([A-Za-z0-9.\-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?/?$)");
  std::smatch m;
  if (!std::regex_match(url, m, shape))
    throw BadInput(option + " must be http://HOST[:PORT] or https://HOST[:PORT]", option);
  std::string port = m[3].matched ? m[3].str() : (m[1] == "https" ? ":443" : ":80");
  return m[1].str() + "://" + m[2].str() + port;
}

SyncClient::SyncClient(const std::string& url, std::string token, const std::string& ca_file,
                       const std::string& option)
    : target_(sync_target(url, option)), token_(std::move(token)) {
  client_ = std::make_unique<httplib::Client>(target_);
  if (!client_->is_valid())
    throw BadInput(option + ": cannot make a client for " + target_, option);
  if (!ca_file.empty()) client_->set_ca_cert_path(ca_file);
  client_->enable_server_certificate_verification(true);
  client_->set_bearer_token_auth(token_);
  client_->set_keep_alive(true);
  client_->set_connection_timeout(10, 0);
  client_->set_read_timeout(120, 0);  // a large batch waits for its fsync behind other writes
  client_->set_write_timeout(60, 0);
}

SyncClient::~SyncClient() = default;

nlohmann::json SyncClient::offer(const std::vector<std::string>& surveys) {
  std::string path = "/api/v1/sync/surveys";
  if (!surveys.empty()) {
    std::string list;
    for (const auto& s : surveys) list += (list.empty() ? "" : ",") + s;
    path += "?survey=" + httplib::detail::encode_query_param(list);
  }
  return answer_of(client_->Get(path), target_);
}

nlohmann::json SyncClient::send_lines(const std::string& body) {
  return answer_of(client_->Post("/api/v1/sync/lines", body, "application/x-ndjson"), target_);
}

}  // namespace lyssna::http
