# Writes the stepwise(1) man page from the built program's own help: `stepwise --help` for the
# synopsis and description, and `stepwise COMMAND --help` for every command it lists, so the
# page never drifts from the program. Run with -DSTEPWISE=<program> -DOUTPUT=<stepwise.1>.
if(NOT STEPWISE OR NOT OUTPUT)
  message(FATAL_ERROR "genman.cmake needs -DSTEPWISE=<program> and -DOUTPUT=<file>")
endif()

function(run_help out)
  execute_process(COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen ${STEPWISE} ${ARGN}
                  OUTPUT_VARIABLE text RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${STEPWISE} ${ARGN} failed (${rc}): ${err}")
  endif()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# Text as roff: backslashes escaped, hyphens as \- (so options copy and paste as ASCII), and
# lines that start with a control character protected with \&.
function(roff out text)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REPLACE "-" "\\-" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

run_help(help --help)
run_help(version --version)
string(STRIP "${version}" version)

# "Commands:" lists one command per line: two spaces, the name, its summary.
string(REGEX MATCH "Commands:\n(  [a-z][^\n]*\n)+" block "${help}")
string(REGEX MATCHALL "\n  [a-z][a-z-]*" names "${block}")

string(TIMESTAMP date "%Y-%m-%d" UTC) # honours SOURCE_DATE_EPOCH
roff(description "${help}")
set(page ".TH STEPWISE 1 \"${date}\" \"${version}\" \"User Commands\"\n")
string(APPEND page ".SH NAME\nstepwise \\- design, simulate and cost AWS Step Functions state machines\n")
string(APPEND page ".SH SYNOPSIS\n.B stepwise\n.RI [ FILE ]\n.br\n.B stepwise\n.I COMMAND\n.RI [ OPTIONS ...]\n")
string(APPEND page ".SH DESCRIPTION\nWithout a command, \\fBstepwise\\fR opens the designer (on \\fIFILE\\fR when one is given).\n")
string(APPEND page "The commands run without a display.\n")
string(APPEND page ".PP\n.nf\n${description}.fi\n.SH COMMANDS\n")
foreach(entry IN LISTS names)
  string(STRIP "${entry}" name)
  run_help(text ${name} --help)
  roff(text "${text}")
  string(APPEND page ".SS \"stepwise ${name}\"\n.nf\n${text}.fi\n")
endforeach()
string(APPEND page ".SH FILES\n.TP\n.I *.asl.json, *.asl.yaml, *.asl.yml\nState machine definitions (the MIME types application/x\\-amazon\\-states\\-language+json and +yaml).\n")
string(APPEND page ".TP\n.I FILE.layout.json\nPositions of the states pinned in the designer, kept beside the definition.\n")
string(APPEND page ".SH SEE ALSO\nThe Amazon States Language specification: https://states\\-language.net/spec.html\n")
file(WRITE "${OUTPUT}" "${page}")
