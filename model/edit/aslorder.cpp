#include "aslorder.h"

#include "asl/statemachine.h"

#include <QStringList>

namespace sw::edit {

namespace {

const QStringList &machineOrder()
{
    static const QStringList keys{
        QStringLiteral("Comment"),        QStringLiteral("QueryLanguage"),   QStringLiteral("Version"),
        QStringLiteral("TimeoutSeconds"), QStringLiteral("ProcessorConfig"), QStringLiteral("StartAt"),
        QStringLiteral("States"),
    };
    return keys;
}

const QStringList &stateOrder()
{
    static const QStringList keys{
        QStringLiteral("Type"),
        QStringLiteral("Comment"),
        QStringLiteral("QueryLanguage"),
        QStringLiteral("Resource"),
        QStringLiteral("Credentials"),
        QStringLiteral("InputPath"),
        QStringLiteral("Items"),
        QStringLiteral("ItemsPath"),
        QStringLiteral("ItemReader"),
        QStringLiteral("ItemSelector"),
        QStringLiteral("Parameters"),
        QStringLiteral("Arguments"),
        QStringLiteral("Result"),
        QStringLiteral("ItemBatcher"),
        QStringLiteral("MaxConcurrency"),
        QStringLiteral("MaxConcurrencyPath"),
        QStringLiteral("ToleratedFailurePercentage"),
        QStringLiteral("ToleratedFailurePercentagePath"),
        QStringLiteral("ToleratedFailureCount"),
        QStringLiteral("ToleratedFailureCountPath"),
        QStringLiteral("Label"),
        QStringLiteral("ItemProcessor"),
        QStringLiteral("Iterator"),
        QStringLiteral("ResultWriter"),
        QStringLiteral("Branches"),
        QStringLiteral("Seconds"),
        QStringLiteral("SecondsPath"),
        QStringLiteral("Timestamp"),
        QStringLiteral("TimestampPath"),
        QStringLiteral("Choices"),
        QStringLiteral("Default"),
        QStringLiteral("Error"),
        QStringLiteral("ErrorPath"),
        QStringLiteral("Cause"),
        QStringLiteral("CausePath"),
        QStringLiteral("TimeoutSeconds"),
        QStringLiteral("TimeoutSecondsPath"),
        QStringLiteral("HeartbeatSeconds"),
        QStringLiteral("HeartbeatSecondsPath"),
        QStringLiteral("ResultSelector"),
        QStringLiteral("ResultPath"),
        QStringLiteral("OutputPath"),
        QStringLiteral("Output"),
        QStringLiteral("Assign"),
        QStringLiteral("Retry"),
        QStringLiteral("Catch"),
        QStringLiteral("Next"),
        QStringLiteral("End"),
    };
    return keys;
}

const QStringList &retrierOrder()
{
    static const QStringList keys{
        QStringLiteral("ErrorEquals"),    QStringLiteral("Comment"),     QStringLiteral("IntervalSeconds"),
        QStringLiteral("MaxAttempts"),    QStringLiteral("BackoffRate"), QStringLiteral("MaxDelaySeconds"),
        QStringLiteral("JitterStrategy"),
    };
    return keys;
}

const QStringList &catcherOrder()
{
    static const QStringList keys{
        QStringLiteral("ErrorEquals"), QStringLiteral("Comment"), QStringLiteral("ResultPath"),
        QStringLiteral("Output"),      QStringLiteral("Assign"),  QStringLiteral("Next"),
    };
    return keys;
}

// Choice rules and nested conditions: the operator (any comparison name) ranks right after
// Variable; Assign/Output/Next close a top-level rule.
int conditionRank(QStringView key, bool topLevel)
{
    static const QStringList head{QStringLiteral("Comment"), QStringLiteral("Condition"),
                                  QStringLiteral("Variable")};
    static const QStringList tail{QStringLiteral("And"), QStringLiteral("Or"), QStringLiteral("Not")};
    static const QStringList rule{QStringLiteral("Assign"), QStringLiteral("Output"), QStringLiteral("Next")};
    if (const qsizetype i = head.indexOf(key); i >= 0) return int(i);
    bool isPath = false;
    if (asl::comparisonOpFromString(key, &isPath) != asl::ComparisonOp::None) return 3;
    if (const qsizetype i = tail.indexOf(key); i >= 0) return 4 + int(i);
    if (topLevel) {
        if (const qsizetype i = rule.indexOf(key); i >= 0) return 7 + int(i);
    }
    return -1;
}

bool isIndex(QStringView token)
{
    bool ok = false;
    return token.toInt(&ok) >= 0 && ok;
}

} // namespace

ObjectKind objectKindInState(QStringView relative)
{
    const QStringList t = jsonpointer::split(relative);
    if (t.isEmpty()) return ObjectKind::State;
    if (t.size() == 2 && isIndex(t.at(1))) {
        if (t.at(0) == QLatin1String("Retry")) return ObjectKind::Retrier;
        if (t.at(0) == QLatin1String("Catch")) return ObjectKind::Catcher;
        if (t.at(0) == QLatin1String("Choices")) return ObjectKind::ChoiceRule;
    }
    if (t.size() > 2 && t.at(0) == QLatin1String("Choices")) {
        // Inside a rule: And/Or items (".../And/0") and the Not operand (".../Not").
        const QString &last = t.last();
        const QString &before = t.at(t.size() - 2);
        if (last == QLatin1String("Not") ||
            (isIndex(last) && (before == QLatin1String("And") || before == QLatin1String("Or"))))
            return ObjectKind::Condition;
    }
    if (t.size() == 2 &&
        (t.at(0) == QLatin1String("ItemProcessor") || t.at(0) == QLatin1String("Iterator")) &&
        t.at(1) == QLatin1String("ProcessorConfig"))
        return ObjectKind::ProcessorConfig;
    return ObjectKind::Other;
}

int canonicalRank(ObjectKind kind, QStringView key)
{
    const auto rank = [key](const QStringList &keys) { return int(keys.indexOf(key)); };
    switch (kind) {
    case ObjectKind::Machine:
        return rank(machineOrder());
    case ObjectKind::State:
        return rank(stateOrder());
    case ObjectKind::Retrier:
        return rank(retrierOrder());
    case ObjectKind::Catcher:
        return rank(catcherOrder());
    case ObjectKind::ChoiceRule:
        return conditionRank(key, true);
    case ObjectKind::Condition:
        return conditionRank(key, false);
    case ObjectKind::ProcessorConfig:
        return key == QLatin1String("Mode") ? 0 : key == QLatin1String("ExecutionType") ? 1 : -1;
    case ObjectKind::Other:
        break;
    }
    return -1;
}

void setMember(Json &obj, const QString &key, const Json &value, ObjectKind kind)
{
    if (!obj.isObject()) return;
    if (value.isUndefined()) {
        obj.remove(key);
        return;
    }
    if (obj.contains(key)) {
        obj.insert(key, value); // in place
        return;
    }
    const int rank = canonicalRank(kind, key);
    if (rank < 0) {
        obj.insert(key, value); // appended
        return;
    }
    // Right after the last key that canonically precedes it (authored orders are not always
    // canonical: after ResultPath rather than before an early Next); else before the first key
    // that follows it; else last.
    const auto &members = obj.members();
    qsizetype after = -1;
    qsizetype before = -1;
    for (qsizetype i = 0; i < members.size(); ++i) {
        const int other = canonicalRank(kind, members.at(i).key);
        if (other >= 0 && other < rank) after = i;
        if (other > rank && before < 0) before = i;
    }
    if (after >= 0)
        obj.insertAt(after + 1, key, value);
    else if (before >= 0)
        obj.insertAt(before, key, value);
    else
        obj.insert(key, value);
}

void replaceMember(Json &obj, QStringView oldKey, const QString &newKey, const Json &value, ObjectKind kind)
{
    if (!obj.isObject()) return;
    if (!obj.contains(oldKey)) {
        setMember(obj, newKey, value, kind);
        return;
    }
    if (oldKey != newKey) obj.remove(newKey); // never two members with the new name
    const qsizetype i = obj.indexOf(oldKey);
    obj.remove(oldKey);
    if (value.isUndefined()) return;
    obj.insertAt(i, newKey, value);
}

} // namespace sw::edit
