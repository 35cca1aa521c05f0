# Builds the JavaScript resource of the JSONata engine (cmake -P, run at build time):
#   cmake -DLIBRARY=<jsonata.js> -DSANDBOX=<sandbox.js> -DOUTPUT=<file> -P makesandbox.cmake
#
# Qt 6.4's JavaScript engine cannot parse async/await, and jsonata 2.x is written with them. Every
# function of the library is async only so that user-supplied extension functions may return
# promises; Stepwise supplies none, so removing the keywords leaves the same evaluator running
# synchronously (docs/jsonata.md has the measurements behind this choice). The edit is exact: the
# pinned file must contain the expected number of each keyword form, or the build stops.

foreach(var LIBRARY SANDBOX OUTPUT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "makesandbox.cmake: -D${var}=... is required")
  endif()
endforeach()

file(READ "${LIBRARY}" lib)
file(READ "${SANDBOX}" sandbox)

# The character before a keyword must not continue an identifier or be a member access.
set(pre "([^A-Za-z0-9_$.])")

function(count_matches out regex text)
  string(REGEX MATCHALL "${regex}" found "${text}")
  list(LENGTH found n)
  set(${out} ${n} PARENT_SCOPE)
endfunction()

count_matches(n_async_function "${pre}async function[ (]" "${lib}")
count_matches(n_async_arrow "${pre}async \\(" "${lib}")
count_matches(n_await "${pre}await " "${lib}")
# jsonata 2.0.6: 43 async functions, 3 async arrow functions, 104 awaits.
if(NOT n_async_function EQUAL 43 OR NOT n_async_arrow EQUAL 3 OR NOT n_await EQUAL 104)
  message(FATAL_ERROR
    "makesandbox.cmake: ${LIBRARY} is not the jsonata 2.0.6 this build expects "
    "(found ${n_async_function} async functions, ${n_async_arrow} async arrows, ${n_await} awaits; "
    "expected 43, 3, 104). Update the expected counts only after re-checking docs/jsonata.md.")
endif()

string(REGEX REPLACE "${pre}async (function[ (])" "\\1\\2" lib "${lib}")
string(REGEX REPLACE "${pre}async \\(" "\\1(" lib "${lib}")
string(REGEX REPLACE "${pre}await " "\\1" lib "${lib}")

count_matches(left "${pre}(async|await)[^A-Za-z0-9_$:]" "${lib}")
if(NOT left EQUAL 0)
  message(FATAL_ERROR "makesandbox.cmake: ${left} async/await keywords remain in ${LIBRARY}")
endif()

string(FIND "${sandbox}" "// @JSONATA_LIBRARY@" at)
if(at LESS 0)
  message(FATAL_ERROR "makesandbox.cmake: ${SANDBOX} has no '// @JSONATA_LIBRARY@' line")
endif()
string(REPLACE "// @JSONATA_LIBRARY@" "${lib}" out "${sandbox}")

# Write only when the content changes, so the resource is not rebuilt needlessly.
set(old "")
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
endif()
if(NOT old STREQUAL out)
  file(WRITE "${OUTPUT}" "${out}")
endif()
