#include "schema.h"

#include "fields.h"

namespace sw::validate {

namespace {

using asl::StateType;

enum TypeBit : quint8 {
    Pass = 1 << 0,
    Task = 1 << 1,
    Choice = 1 << 2,
    Wait = 1 << 3,
    Succeed = 1 << 4,
    Fail = 1 << 5,
    Parallel = 1 << 6,
    Map = 1 << 7,
    All = 0xff,
};

enum class Lang { Both, JsonPath, Jsonata };

struct FieldRule
{
    const char *name;
    quint8 types;
    Lang lang;
};

constexpr quint8 kFlow = All & ~(Choice | Succeed | Fail); // states with Next/End

// Which state types and query languages accept each field (ASL spec and AWS developer guide).
const FieldRule kStateFields[] = {
    {"Type", All, Lang::Both},
    {"Comment", All, Lang::Both},
    {"QueryLanguage", All, Lang::Both},
    {"Next", kFlow, Lang::Both},
    {"End", kFlow, Lang::Both},
    {"InputPath", All & ~Fail, Lang::JsonPath},
    {"OutputPath", All & ~Fail, Lang::JsonPath},
    {"Parameters", Pass | Task | Parallel | Map, Lang::JsonPath},
    {"ResultSelector", Task | Parallel | Map, Lang::JsonPath},
    {"ResultPath", Pass | Task | Parallel | Map, Lang::JsonPath},
    {"Result", Pass, Lang::JsonPath},
    {"Arguments", Task | Parallel, Lang::Jsonata},
    {"Output", All & ~Fail, Lang::Jsonata},
    {"Assign", All & ~(Succeed | Fail), Lang::Both},
    {"Resource", Task, Lang::Both},
    {"TimeoutSeconds", Task, Lang::Both},
    {"TimeoutSecondsPath", Task, Lang::JsonPath},
    {"HeartbeatSeconds", Task, Lang::Both},
    {"HeartbeatSecondsPath", Task, Lang::JsonPath},
    {"Credentials", Task, Lang::Both},
    {"Retry", Task | Parallel | Map, Lang::Both},
    {"Catch", Task | Parallel | Map, Lang::Both},
    {"Choices", Choice, Lang::Both},
    {"Default", Choice, Lang::Both},
    {"Seconds", Wait, Lang::Both},
    {"SecondsPath", Wait, Lang::JsonPath},
    {"Timestamp", Wait, Lang::Both},
    {"TimestampPath", Wait, Lang::JsonPath},
    {"Error", Fail, Lang::Both},
    {"ErrorPath", Fail, Lang::JsonPath},
    {"Cause", Fail, Lang::Both},
    {"CausePath", Fail, Lang::JsonPath},
    {"Branches", Parallel, Lang::Both},
    {"ItemProcessor", Map, Lang::Both},
    {"Iterator", Map, Lang::JsonPath},
    {"ItemsPath", Map, Lang::JsonPath},
    {"Items", Map, Lang::Jsonata},
    {"ItemSelector", Map, Lang::Both},
    {"ItemReader", Map, Lang::Both},
    {"ItemBatcher", Map, Lang::Both},
    {"ResultWriter", Map, Lang::Both},
    {"MaxConcurrency", Map, Lang::Both},
    {"MaxConcurrencyPath", Map, Lang::JsonPath},
    {"ToleratedFailurePercentage", Map, Lang::Both},
    {"ToleratedFailurePercentagePath", Map, Lang::JsonPath},
    {"ToleratedFailureCount", Map, Lang::Both},
    {"ToleratedFailureCountPath", Map, Lang::JsonPath},
    {"Label", Map, Lang::Both},
};

quint8 bitOf(StateType t)
{
    switch (t) {
    case StateType::Pass:
        return Pass;
    case StateType::Task:
        return Task;
    case StateType::Choice:
        return Choice;
    case StateType::Wait:
        return Wait;
    case StateType::Succeed:
        return Succeed;
    case StateType::Fail:
        return Fail;
    case StateType::Parallel:
        return Parallel;
    case StateType::Map:
        return Map;
    case StateType::Unknown:
        break;
    }
    return 0;
}

const FieldRule *ruleFor(QStringView key)
{
    for (const FieldRule &f : kStateFields) {
        if (key == QLatin1String(f.name)) return &f;
    }
    return nullptr;
}

// Unknown fields and fields of another state type are reported at the state, as AWS locates
// them, with the position of the key; so are fields of the other query language, with AWS's
// wording (measured against ValidateStateMachineDefinition).
void checkFieldPresence(Reporter &r, const asl::State &s, bool languageChecked)
{
    const quint8 bit = bitOf(s.type);
    const bool jsonata = s.queryLanguage == asl::QueryLanguage::JSONata;
    const QString language = jsonata ? QStringLiteral("JSONata") : QStringLiteral("JSONPath");
    for (const JsonMember &m : s.json.members()) {
        const FieldRule *rule = ruleFor(m.key);
        if (!rule) {
            r.error(code::Schema, s.pointer,
                    QStringLiteral("The field \"%1\" is not supported by Step Functions").arg(m.key),
                    m.keyPos);
        } else if (!(rule->types & bit)) {
            r.error(code::Schema, s.pointer,
                    QStringLiteral("The field \"%1\" is not supported by Step Functions in a %2 state")
                        .arg(m.key, s.typeName),
                    m.keyPos);
        } else if (languageChecked &&
                   ((rule->lang == Lang::JsonPath && jsonata) || (rule->lang == Lang::Jsonata && !jsonata))) {
            r.error(
                code::Schema, s.pointer,
                QStringLiteral("The QueryLanguage is set to '%1', but field '%2' is only supported for the "
                               "'%3' QueryLanguage")
                    .arg(language, m.key, jsonata ? QStringLiteral("JSONPath") : QStringLiteral("JSONata")),
                m.keyPos);
        }
    }
}

void checkRequired(const Fields &f, const asl::State &s)
{
    const bool jsonata = s.queryLanguage == asl::QueryLanguage::JSONata;
    switch (s.type) {
    case StateType::Task:
        f.require(u"Resource");
        break;
    case StateType::Choice:
        f.require(u"Choices");
        break;
    case StateType::Parallel:
        f.require(u"Branches");
        break;
    case StateType::Map:
        if (!f.has(u"ItemProcessor") && !f.has(u"Iterator")) f.require(u"ItemProcessor");
        break;
    case StateType::Wait:
        if (!f.has(u"Seconds") && !f.has(u"Timestamp") && !f.has(u"SecondsPath") && !f.has(u"TimestampPath"))
            f.failHere(jsonata ? QStringLiteral("One of the fields 'Seconds' or 'Timestamp' is required")
                               : QStringLiteral("One of the fields 'Seconds', 'SecondsPath', 'Timestamp' or "
                                                "'TimestampPath' is required"));
        break;
    default:
        break;
    }
}

} // namespace

bool checkMachineObject(Reporter &r, const Json &machine, const QString &pointer, MachineKind kind)
{
    const QString where = pointer.isEmpty() ? QStringLiteral("/") : pointer;
    if (!machine.isObject()) {
        r.error(code::Schema, where,
                QStringLiteral("A state machine must be a JSON object, not %1")
                    .arg(QLatin1String(machine.typeName())));
        return false;
    }
    QStringList missing;
    if (!machine.contains(u"States")) missing.append(QStringLiteral("States"));
    if (!machine.contains(u"StartAt")) missing.append(QStringLiteral("StartAt"));
    if (!missing.isEmpty())
        r.error(code::Schema, where,
                QStringLiteral("These fields are required: [%1]").arg(missing.join(QStringLiteral(", "))));

    const Fields f(r, machine, pointer, asl::QueryLanguage::JSONPath);
    QStringList allowed{QStringLiteral("StartAt"), QStringLiteral("States"), QStringLiteral("Comment")};
    switch (kind) {
    case MachineKind::Top:
        allowed << QStringLiteral("TimeoutSeconds") << QStringLiteral("Version")
                << QStringLiteral("QueryLanguage");
        break;
    case MachineKind::ItemProcessor:
    case MachineKind::Iterator:
        allowed << QStringLiteral("ProcessorConfig");
        break;
    case MachineKind::Branch:
        break;
    }
    f.onlyKnown(allowed);
    f.string(u"StartAt", true);
    f.string(u"Comment");
    f.object(u"States");
    if (kind == MachineKind::Top) {
        f.integer(u"TimeoutSeconds", 0, 99999999, false);
        f.string(u"Version");
        f.oneOf(u"QueryLanguage", {QStringLiteral("JSONPath"), QStringLiteral("JSONata")});
    }
    if (f.has(u"ProcessorConfig") && f.object(u"ProcessorConfig")) {
        const QString cp = child(pointer, u"ProcessorConfig");
        const Fields c(r, machine[u"ProcessorConfig"], cp, asl::QueryLanguage::JSONPath);
        c.onlyKnown({QStringLiteral("Mode"), QStringLiteral("ExecutionType")});
        c.oneOf(u"Mode", {QStringLiteral("INLINE"), QStringLiteral("DISTRIBUTED")});
        c.oneOf(u"ExecutionType", {QStringLiteral("STANDARD"), QStringLiteral("EXPRESS")});
    }
    return true;
}

bool checkStateSchema(Reporter &r, const asl::State &s, asl::QueryLanguage topLanguage, bool downgradeAllowed)
{
    if (!s.json.isObject()) {
        r.error(code::Schema, s.pointer,
                QStringLiteral("The state \"%1\" must be a JSON object, not %2")
                    .arg(s.name, QLatin1String(s.json.typeName())));
        return false;
    }
    const Fields f(r, s.json, s.pointer, s.queryLanguage);
    if (!f.require(u"Type")) return false;
    if (s.type == StateType::Unknown) {
        f.oneOf(u"Type", {QStringLiteral("Task"), QStringLiteral("Pass"), QStringLiteral("Choice"),
                          QStringLiteral("Wait"), QStringLiteral("Succeed"), QStringLiteral("Fail"),
                          QStringLiteral("Parallel"), QStringLiteral("Map")});
        return false;
    }
    f.oneOf(u"QueryLanguage", {QStringLiteral("JSONPath"), QStringLiteral("JSONata")});
    // AWS answers a downgrade with this one diagnostic for the state, not with the fields its
    // refused language would forbid.
    bool downgrade = false;
    if (!downgradeAllowed && topLanguage == asl::QueryLanguage::JSONata &&
        s.json.value(u"QueryLanguage").toString() == QLatin1String("JSONPath")) {
        r.error(code::Schema, s.pointer,
                QStringLiteral(
                    "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine"));
        downgrade = true;
    }
    checkFieldPresence(r, s, !downgrade);
    checkRequired(f, s);

    if (bitOf(s.type) & kFlow) {
        f.string(u"Next", true);
        f.boolean(u"End");
        const bool end = s.json.value(u"End").toBool();
        if (end && f.has(u"Next"))
            f.exclusive({u"Next", u"End"});
        else if (!end && !f.has(u"Next"))
            f.failHere(QStringLiteral("The state must have either a 'Next' field or \"End\": true"));
    }
    f.exclusive({u"Seconds", u"SecondsPath", u"Timestamp", u"TimestampPath"});
    f.exclusive({u"Error", u"ErrorPath"});
    f.exclusive({u"Cause", u"CausePath"});
    f.exclusive({u"TimeoutSeconds", u"TimeoutSecondsPath"});
    f.exclusive({u"HeartbeatSeconds", u"HeartbeatSecondsPath"});
    f.exclusive({u"ItemProcessor", u"Iterator"});
    f.exclusive({u"ItemsPath", u"Items"});
    if (s.type == StateType::Map) f.exclusive({u"Parameters", u"ItemSelector"});
    f.exclusive({u"MaxConcurrency", u"MaxConcurrencyPath"});
    f.exclusive({u"ToleratedFailurePercentage", u"ToleratedFailurePercentagePath"});
    f.exclusive({u"ToleratedFailureCount", u"ToleratedFailureCountPath"});
    return true;
}

} // namespace sw::validate
