# Two ways to compile faster, chosen per target. Most compile time goes to
# the third-party headers (nlohmann/json in three files of four, Xapian,
# cpp-httplib, Catch2) and to the json templates every file instantiates and
# optimises again. Measured on the whole test build (CPU seconds): headers
# precompiled alone save about a tenth, unity batches with them about 40%.
#
#   lyssna_compile_faster(<target> [UNITY [BATCH <n>] [SEPARATE <file>...]]
#                         [PCH COMMON|HTTP|TESTS])
# UNITY  compiles the target's files in batches of 8 (or BATCH) per compiler
#        run (CMake's unity build), so each batch parses and instantiates
#        once. Names in anonymous namespaces (and file-level statics) must
#        then differ between the files of a batch: a file whose helper has
#        the name of another file's (the compiler says "redefinition of
#        '... {anonymous}::name'") is renamed, or listed after SEPARATE,
#        which compiles it on its own. The test programs take batches of 4:
#        their files are large, and smaller batches keep both cores busy
#        (the two programs' own code: 207 s CPU / 127 s wall file by file,
#        103 s / 115 s in batches of 8, 108 s / 69 s in batches of 4).
# PCH    precompiles a set of headers, parsed once per build tree:
#        COMMON  json, Xapian, SQLite and the standard headers most files
#                use, built once (target lyssna_pch_common) and reused
#        HTTP    COMMON and httplib.h, for the one target that serves HTTP
#        TESTS   HTTP and catch2/catch.hpp, built once (lyssna_pch_tests) for
#                the test programs; never for the file defining Catch's
#                runner, which must see catch.hpp after CATCH_CONFIG_RUNNER
# -DLYSSNA_UNITY=OFF -DLYSSNA_PCH=OFF compile every file on its own, which
# also checks that each includes what it uses (a precompiled header or an
# earlier file of a batch makes names visible that the file did not include).
option(LYSSNA_PCH "Precompile the heavy third-party headers" ON)
option(LYSSNA_UNITY "Compile the files of the targets marked UNITY in batches" ON)

set(LYSSNA_PCH_COMMON
  <algorithm> <cstdint> <functional> <map> <memory> <mutex> <optional> <set>
  <sstream> <string> <string_view> <unordered_map> <vector>
  <nlohmann/json.hpp> <sqlite3.h> <xapian.h>)
set(LYSSNA_PCH_HTTP ${LYSSNA_PCH_COMMON} <httplib.h>)
set(LYSSNA_PCH_TESTS ${LYSSNA_PCH_HTTP} <catch2/catch.hpp>)

# A target that only builds a shared precompiled header, from an empty file.
function(_lyssna_pch_owner name headers)
  set(empty "${PROJECT_BINARY_DIR}/${name}.cpp")
  if(NOT EXISTS "${empty}")
    file(WRITE "${empty}" "// Empty: the target exists to build a precompiled header.\n")
  endif()
  add_library(${name} OBJECT "${empty}")
  target_link_libraries(${name} PRIVATE ${ARGN})
  target_precompile_headers(${name} PRIVATE ${headers})
endfunction()

function(lyssna_compile_faster target)
  cmake_parse_arguments(ARG "UNITY" "PCH;BATCH" "SEPARATE" ${ARGN})
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "lyssna_compile_faster: unknown arguments ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(ARG_UNITY AND LYSSNA_UNITY)
    if(NOT ARG_BATCH)
      set(ARG_BATCH 8)
    endif()
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE ${ARG_BATCH})
    if(ARG_SEPARATE)
      set_source_files_properties(${ARG_SEPARATE} TARGET_DIRECTORY ${target}
        PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
    endif()
  endif()
  if(NOT ARG_PCH OR NOT LYSSNA_PCH)
    return()
  endif()
  if(ARG_PCH STREQUAL "COMMON")
    if(NOT TARGET lyssna_pch_common)
      _lyssna_pch_owner(lyssna_pch_common "${LYSSNA_PCH_COMMON}" nlohmann_json::nlohmann_json)
    endif()
    target_precompile_headers(${target} REUSE_FROM lyssna_pch_common)
  elseif(ARG_PCH STREQUAL "HTTP")
    target_precompile_headers(${target} PRIVATE ${LYSSNA_PCH_HTTP})
  elseif(ARG_PCH STREQUAL "TESTS")
    if(NOT TARGET lyssna_pch_tests)
      # The test programs' compile flags: httplib's definitions come with it.
      _lyssna_pch_owner(lyssna_pch_tests "${LYSSNA_PCH_TESTS}"
        nlohmann_json::nlohmann_json PkgConfig::HTTPLIB Catch2::Catch2)
      # Built as the test programs are (tests/CMakeLists.txt), or GCC
      # would not use it for them.
      target_compile_options(lyssna_pch_tests PRIVATE ${LYSSNA_TEST_CODE_OPTIONS})
    endif()
    target_precompile_headers(${target} REUSE_FROM lyssna_pch_tests)
  else()
    message(FATAL_ERROR "lyssna_compile_faster: unknown PCH set ${ARG_PCH}")
  endif()
endfunction()
