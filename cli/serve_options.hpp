// The options of `lyssna serve` turned into the server's (command_serve.cpp),
// apart from starting it, so that their rules are tested without a server.
#pragma once

#include "cli/commands.hpp"
#include "http/server.hpp"

namespace lyssna::cli {

// Reads --token from LYSSNA_API_TOKEN when not given. Throws BadInput
// naming the option: a number out of range, a token under 16 characters, a
// cap per client not below --threads.
http::ServerOptions serve_options(const Context& c, const ParsedArgs& a);

}  // namespace lyssna::cli
