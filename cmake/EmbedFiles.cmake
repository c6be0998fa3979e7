# Compiles files from the source tree into the binary as a sorted table of
# {path, bytes, hash, mime}, so that copying `lyssna` alone is enough to run it.
#
# lyssna_embed_files(<output.cpp> <namespace-function> DIRS <dir>...)
# Paths in the table are relative to the source root, e.g. "web/static/lyssna.css".
# A file whose type has no known MIME type fails the build (see embed_files_script.cmake).
function(lyssna_embed_files output function_name)
  cmake_parse_arguments(ARG "" "" "DIRS" ${ARGN})
  set(files)
  foreach(dir IN LISTS ARG_DIRS)
    file(GLOB_RECURSE found CONFIGURE_DEPENDS RELATIVE "${PROJECT_SOURCE_DIR}"
         "${PROJECT_SOURCE_DIR}/${dir}/*")
    list(APPEND files ${found})
  endforeach()
  list(FILTER files EXCLUDE REGEX "(^|/)(\\.|README)")
  list(SORT files)
  set(absolute)
  foreach(f IN LISTS files)
    list(APPEND absolute "${PROJECT_SOURCE_DIR}/${f}")
  endforeach()
  string(REPLACE ";" "|" file_arg "${files}")
  add_custom_command(
    OUTPUT "${output}"
    COMMAND ${CMAKE_COMMAND} -DROOT=${PROJECT_SOURCE_DIR} "-DFILES=${file_arg}"
            -DOUTPUT=${output} -DFUNCTION=${function_name}
            -P "${PROJECT_SOURCE_DIR}/cmake/embed_files_script.cmake"
    DEPENDS ${absolute} "${PROJECT_SOURCE_DIR}/cmake/embed_files_script.cmake"
    COMMENT "Embedding ${function_name} files"
    VERBATIM)
endfunction()
