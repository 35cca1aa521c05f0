#include "checks.h"

#include "expressions.h"

namespace sw::validate {

namespace {

using asl::StateType;

constexpr qint64 kMaxSeconds = 99999999;

// Parameters, ResultSelector, ItemSelector (JSONPath) or Arguments, Output, ItemSelector (JSONata).
void checkDataFields(Reporter &r, const asl::State &s, const Fields &f)
{
    if (!f.isJsonata()) {
        f.path(u"InputPath", PathKind::Path, true);
        f.path(u"OutputPath", PathKind::Path, true);
        f.path(u"ResultPath", PathKind::Result, true);
        for (QStringView key : {u"Parameters", u"ResultSelector", u"ItemSelector"}) {
            if (const Json *v = f.get(key)) checkPayloadTemplate(r, *v, f.ptr(key));
        }
        if (s.type == StateType::Pass) {
            if (const Json *v = f.get(u"Result")) checkPassResult(r, *v, f.ptr(u"Result"));
        }
        if (const Json *v = f.get(u"Assign"); v && f.object(u"Assign"))
            checkPayloadTemplate(r, *v, f.ptr(u"Assign"));
        return;
    }
    if (const Json *v = f.get(u"Arguments")) {
        if (v->isString() && !asl::isJsonataExpression(*v))
            f.mustBe(u"Arguments", QStringLiteral("a JSON object or a JSONata expression"));
        else
            checkJsonataStrings(r, *v, f.ptr(u"Arguments"));
    }
    for (QStringView key : {u"Output", u"ItemSelector"}) {
        if (const Json *v = f.get(key)) checkJsonataStrings(r, *v, f.ptr(key));
    }
    if (const Json *v = f.get(u"Items"); v && v->isArray()) // a string Items is checked in mapchecks
        checkJsonataStrings(r, *v, f.ptr(u"Items"));
    if (const Json *v = f.get(u"Assign"); v && f.object(u"Assign"))
        checkJsonataStrings(r, *v, f.ptr(u"Assign"));
}

void checkCredentials(Reporter &r, const Fields &f)
{
    const Json *v = f.get(u"Credentials");
    if (!v || !f.object(u"Credentials")) return;
    Fields c(r, *v, f.ptr(u"Credentials"),
             f.isJsonata() ? asl::QueryLanguage::JSONata : asl::QueryLanguage::JSONPath);
    if (f.isJsonata()) {
        c.onlyKnown({QStringLiteral("RoleArn")});
        if (c.require(u"RoleArn") && c.string(u"RoleArn", true))
            c.jsonataString(u"RoleArn", *c.get(u"RoleArn"));
        return;
    }
    c.onlyKnown({QStringLiteral("RoleArn"), QStringLiteral("RoleArn.$")});
    if (!c.has(u"RoleArn") && !c.has(u"RoleArn.$")) c.require(u"RoleArn");
    c.exclusive({u"RoleArn", u"RoleArn.$"});
    if (!c.has(u"RoleArn") || !isCloudFormationIntrinsic(*c.get(u"RoleArn"))) c.string(u"RoleArn", true);
    checkPayloadTemplate(r, *v, c.pointer());
}

void checkTask(Reporter &r, const Fields &f, bool expressScope)
{
    checkResource(r, f, true, expressScope);
    const bool timeoutOk = f.integer(u"TimeoutSeconds", 1, kMaxSeconds);
    const bool heartbeatOk = f.integer(u"HeartbeatSeconds", 1, kMaxSeconds);
    f.path(u"TimeoutSecondsPath", PathKind::Reference);
    f.path(u"HeartbeatSecondsPath", PathKind::Reference);
    const Json *timeout = f.get(u"TimeoutSeconds");
    const Json *heartbeat = f.get(u"HeartbeatSeconds");
    if (timeoutOk && heartbeatOk && timeout && heartbeat && timeout->isNumber() && heartbeat->isNumber() &&
        heartbeat->toDouble() >= timeout->toDouble()) {
        f.fail(u"HeartbeatSeconds",
               QStringLiteral(
                   "The value for the field 'HeartbeatSeconds' must be smaller than 'TimeoutSeconds'"));
    }
    checkCredentials(r, f);
}

void checkWait(const Fields &f)
{
    f.integer(u"Seconds", 0, kMaxSeconds);
    f.timestamp(u"Timestamp");
    f.path(u"SecondsPath", PathKind::Reference);
    f.path(u"TimestampPath", PathKind::Reference);
}

void checkFail(Reporter &r, const Fields &f)
{
    for (QStringView key : {u"Error", u"Cause"}) {
        const Json *v = f.get(key);
        if (!v) continue;
        if (!v->isString()) {
            f.mustBe(key, f.isJsonata() ? QStringLiteral("a string or a JSONata expression")
                                        : QStringLiteral("a string"));
            continue;
        }
        if (f.jsonataString(key, *v)) continue;
        if (!f.isJsonata() && looksLikePathOrIntrinsic(v->stringRef()))
            r.warning(code::NoPath, f.ptr(key),
                      QStringLiteral(
                          "The value of '%1' looks like a path, but the field name does not end with 'Path': "
                          "it is used as a literal string (use '%1Path')")
                          .arg(key),
                      f.pos(key));
    }
    f.path(u"ErrorPath", PathKind::PathOrIntrinsic);
    f.path(u"CausePath", PathKind::PathOrIntrinsic);
}

} // namespace

void checkStateValues(Reporter &r, const asl::State &s, bool expressScope)
{
    const Fields f(r, s.json, s.pointer, s.queryLanguage);
    f.string(u"Comment");
    checkDataFields(r, s, f);
    switch (s.type) {
    case StateType::Task:
        checkTask(r, f, expressScope);
        break;
    case StateType::Wait:
        checkWait(f);
        break;
    case StateType::Fail:
        checkFail(r, f);
        break;
    case StateType::Choice:
        checkChoiceRules(r, s, f);
        break;
    case StateType::Parallel:
        f.array(u"Branches", true);
        break;
    case StateType::Map:
        checkMapFields(r, s, f);
        break;
    default:
        break;
    }
    if (s.type == StateType::Task || s.type == StateType::Parallel || s.type == StateType::Map) {
        checkRetriers(r, s, f);
        checkCatchers(r, s, f);
    }
}

} // namespace sw::validate
