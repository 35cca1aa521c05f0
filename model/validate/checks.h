#pragma once

#include "fields.h"
#include "sizelimits.h"
#include "reporter.h"

#include "asl/statemachine.h"

namespace sw::validate {

// The value checks of one state, split by topic. Each runs after checkStateSchema() accepted the
// state (an object with a valid Type) and reports through the Reporter.

// Everything about one state's field values; `expressScope` is true when the state runs in an
// Express workflow (the whole machine, or the child workflows of an EXPRESS Distributed Map).
void checkStateValues(Reporter &r, const asl::State &s, bool expressScope);

// Retry and Catch rows (statechecks are split so each file keeps to one topic).
void checkRetriers(Reporter &r, const asl::State &s, const Fields &f);
void checkCatchers(Reporter &r, const asl::State &s, const Fields &f);

// Choices and Default of a Choice state, with nested And/Or/Not rules.
void checkChoiceRules(Reporter &r, const asl::State &s, const Fields &f);

// Map-specific fields: ItemsPath/Items, concurrency, tolerated failures, Label, ItemReader,
// ItemBatcher, ResultWriter.
void checkMapFields(Reporter &r, const asl::State &s, const Fields &f);

// A Resource value (Task, ItemReader, ResultWriter): an ARN, a `${Placeholder}` substitution, or
// at least a URI; for Express workflows, no .sync, .waitForTaskToken or activity.
void checkResource(Reporter &r, const Fields &f, bool isTask, bool expressScope);

// True for strings that are, or contain, deployment-time substitutions: `${Name}` (CloudFormation
// DefinitionSubstitutions, SAM, Terraform templatefile, CDK tokens) or `#{Name}` (serverless).
bool containsPlaceholder(QStringView text);
// A CloudFormation intrinsic function object ({"Ref": ...}, {"Fn::GetAtt": ...}, {"Fn::Sub": ...}):
// definitions embedded in a template have them resolved before AWS sees the definition.
bool isCloudFormationIntrinsic(const Json &value);

// The size of the definition as Stepwise writes it (2-space indented) and minified; a warning
// (DEFINITION_TOO_LARGE) when it is over MaxDefinitionSize. Counts without serialising.
void checkDefinitionSize(Reporter &r);

} // namespace sw::validate
