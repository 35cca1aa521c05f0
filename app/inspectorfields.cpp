#include "inspectorfields.h"

#include "expr/syntax.h"
#include "validate/jsonatasyntax.h"
#include "json/jsonreader.h"
#include "json/jsonwriter.h"

namespace sw::gui::inspector {

namespace {

const QString kConfiguration = QStringLiteral("Configuration");
const QString kInput = QStringLiteral("Input");
const QString kOutput = QStringLiteral("Output");
const QString kVariables = QStringLiteral("Variables");

FieldSpec f(const QString &group, const char *key, FieldKind kind, const QString &hint = QString())
{
    return FieldSpec{group, QString::fromLatin1(key), kind, {}, hint};
}

bool isExpression(const QString &text)
{
    const QString t = text.trimmed();
    return t.startsWith(QLatin1String("{%")) && t.endsWith(QLatin1String("%}"));
}

} // namespace

QString kindName(FieldKind kind)
{
    switch (kind) {
    case FieldKind::Text:
        return QStringLiteral("text");
    case FieldKind::Integer:
        return QStringLiteral("integer");
    case FieldKind::Number:
        return QStringLiteral("number");
    case FieldKind::Enum:
        return QStringLiteral("enum");
    case FieldKind::Path:
        return QStringLiteral("path");
    case FieldKind::ResultPath:
        return QStringLiteral("resultpath");
    case FieldKind::Json:
        return QStringLiteral("json");
    }
    return {};
}

QList<FieldSpec> machineFields()
{
    FieldSpec ql = f(kConfiguration, "QueryLanguage", FieldKind::Enum);
    ql.options = {QString(), QStringLiteral("JSONPath"), QStringLiteral("JSONata")};
    return {f(kConfiguration, "Comment", FieldKind::Text), ql,
            f(kConfiguration, "TimeoutSeconds", FieldKind::Integer, QStringLiteral("no limit (1 year)")),
            f(kConfiguration, "Version", FieldKind::Text, QStringLiteral("1.0"))};
}

QList<FieldSpec> stateFields(const QString &type, bool jsonata)
{
    const bool task = type == QLatin1String("Task");
    const bool pass = type == QLatin1String("Pass");
    const bool wait = type == QLatin1String("Wait");
    const bool choice = type == QLatin1String("Choice");
    const bool parallel = type == QLatin1String("Parallel");
    const bool map = type == QLatin1String("Map");
    const bool succeed = type == QLatin1String("Succeed");
    const bool fail = type == QLatin1String("Fail");

    QList<FieldSpec> out;
    out.append(f(kConfiguration, "Comment", FieldKind::Text));
    FieldSpec ql = f(kConfiguration, "QueryLanguage", FieldKind::Enum);
    ql.options = {QString(), QStringLiteral("JSONPath"), QStringLiteral("JSONata")};
    out.append(ql);
    if (task) {
        out.append(f(kConfiguration, "Resource", FieldKind::Text,
                     QStringLiteral("arn:aws:states:::service:action")));
        out.append(
            f(kConfiguration, "TimeoutSeconds", FieldKind::Integer, QStringLiteral("60 (default 99999999)")));
        if (!jsonata) out.append(f(kConfiguration, "TimeoutSecondsPath", FieldKind::Path));
        out.append(f(kConfiguration, "HeartbeatSeconds", FieldKind::Integer));
        if (!jsonata) out.append(f(kConfiguration, "HeartbeatSecondsPath", FieldKind::Path));
        out.append(
            f(kConfiguration, "Credentials", FieldKind::Json, QStringLiteral("{\"RoleArn\": \"...\"}")));
    }
    if (wait) {
        out.append(f(kConfiguration, "Seconds", FieldKind::Integer));
        out.append(f(kConfiguration, "Timestamp", FieldKind::Text, QStringLiteral("2026-01-01T00:00:00Z")));
        if (!jsonata) {
            out.append(f(kConfiguration, "SecondsPath", FieldKind::Path));
            out.append(f(kConfiguration, "TimestampPath", FieldKind::Path));
        }
    }
    if (fail) {
        out.append(f(kConfiguration, "Error", FieldKind::Text));
        out.append(f(kConfiguration, "Cause", FieldKind::Text));
        if (!jsonata) {
            out.append(f(kConfiguration, "ErrorPath", FieldKind::Path));
            out.append(f(kConfiguration, "CausePath", FieldKind::Path));
        }
    }
    if (map) {
        if (jsonata)
            out.append(
                f(kConfiguration, "Items", FieldKind::Json, QStringLiteral("{% $states.input.items %}")));
        else
            out.append(f(kConfiguration, "ItemsPath", FieldKind::Path, QStringLiteral("$.items")));
        out.append(f(kConfiguration, "MaxConcurrency", FieldKind::Integer, QStringLiteral("0 (no limit)")));
        if (!jsonata) out.append(f(kConfiguration, "MaxConcurrencyPath", FieldKind::Path));
        out.append(f(kConfiguration, "ToleratedFailurePercentage", FieldKind::Number));
        out.append(f(kConfiguration, "ToleratedFailureCount", FieldKind::Integer));
        out.append(f(kConfiguration, "Label", FieldKind::Text));
        out.append(f(kConfiguration, "ItemReader", FieldKind::Json));
        out.append(f(kConfiguration, "ItemBatcher", FieldKind::Json));
        out.append(f(kConfiguration, "ResultWriter", FieldKind::Json));
    }
    if (fail) return out; // Fail has no input or output processing

    if (!jsonata) out.append(f(kInput, "InputPath", FieldKind::Path, QStringLiteral("$")));
    if (map) out.append(f(kInput, "ItemSelector", FieldKind::Json));
    if (task || parallel || (pass && !jsonata))
        out.append(f(kInput, jsonata ? "Arguments" : "Parameters", FieldKind::Json));
    if (pass) out.append(f(kOutput, "Result", FieldKind::Json));
    if (!jsonata && (task || parallel || map)) out.append(f(kOutput, "ResultSelector", FieldKind::Json));
    if (!jsonata && !choice && !succeed && !wait)
        out.append(f(kOutput, "ResultPath", FieldKind::ResultPath, QStringLiteral("$")));
    if (jsonata)
        out.append(f(kOutput, "Output", FieldKind::Json, QStringLiteral("{% $states.result %}")));
    else
        out.append(f(kOutput, "OutputPath", FieldKind::Path, QStringLiteral("$")));
    if (!succeed)
        out.append(f(kVariables, "Assign", FieldKind::Json, QStringLiteral("{\"name\": \"value\"}")));
    return out;
}

QString displayValue(const Json &value, FieldKind kind)
{
    if (value.isUndefined()) return {};
    if (value.isString() && kind != FieldKind::Json) return value.toString();
    if (kind == FieldKind::Json && (value.isObject() || value.isArray()))
        return QString::fromUtf8(JsonWriter::pretty(value));
    return QString::fromUtf8(JsonWriter::compact(value));
}

QString inlineText(const Json &value)
{
    return value.isString()    ? value.toString()
           : value.isDefined() ? QString::fromUtf8(JsonWriter::compact(value))
                               : QString();
}

QString checkJsonataString(const QString &text)
{
    if (!isExpression(text)) return {};
    const QString t = text.trimmed();
    const QString inner = t.mid(2, t.size() - 4);
    const validate::JsonataCheck c = validate::checkJsonata(inner);
    if (c.isOk()) return {};
    return QStringLiteral("JSONata, column %1: %2").arg(c.offset + 3).arg(c.message);
}

QString checkExpressions(const Json &value, bool jsonata)
{
    if (value.isString()) return jsonata ? checkJsonataString(value.toString()) : QString();
    if (value.isArray()) {
        for (const Json &item : value.items()) {
            if (QString e = checkExpressions(item, jsonata); !e.isEmpty()) return e;
        }
        return {};
    }
    if (!value.isObject()) return {};
    for (const JsonMember &m : value.members()) {
        if (!jsonata && m.key.endsWith(QLatin1String(".$"))) {
            if (!m.value.isString())
                return QStringLiteral("%1: a \".$\" field takes a path or an intrinsic function").arg(m.key);
            QString error;
            if (!expr::isValidPathOrIntrinsic(m.value.toString(), &error))
                return QStringLiteral("%1: %2").arg(m.key, error);
            continue;
        }
        if (QString e = checkExpressions(m.value, jsonata); !e.isEmpty())
            return QStringLiteral("%1: %2").arg(m.key, e);
    }
    return {};
}

Json parseValue(const QString &text, FieldKind kind, const QStringList &options, bool jsonata, QString *error)
{
    error->clear();
    const QString t = kind == FieldKind::Json || kind == FieldKind::Text ? text : text.trimmed();
    if (t.trimmed().isEmpty()) return Json();
    const auto fail = [error](const QString &e) {
        *error = e;
        return Json();
    };
    if (jsonata && isExpression(t) && kind != FieldKind::Json && kind != FieldKind::Enum) {
        if (QString e = checkJsonataString(t); !e.isEmpty()) return fail(e);
        return Json(t.trimmed());
    }
    switch (kind) {
    case FieldKind::Text:
        return Json(t);
    case FieldKind::Integer: {
        bool ok = false;
        const qint64 v = t.toLongLong(&ok);
        if (!ok || v < 0) return fail(QStringLiteral("a whole number, 0 or more"));
        return Json(v);
    }
    case FieldKind::Number: {
        const JsonReader::Result r = JsonReader::parse(t.toUtf8());
        if (!r.ok || !r.value.isNumber()) return fail(QStringLiteral("a number"));
        return r.value;
    }
    case FieldKind::Enum:
        if (!options.contains(t))
            return fail(QStringLiteral("one of %1").arg(options.join(QStringLiteral(", "))));
        return Json(t);
    case FieldKind::Path:
    case FieldKind::ResultPath: {
        if (t == QLatin1String("null")) return Json(nullptr);
        QString e;
        const bool ok = kind == FieldKind::Path ? expr::isValidPath(t, &e) : expr::isValidResultPath(t, &e);
        if (!ok) return fail(e.isEmpty() ? QStringLiteral("not a valid path") : e);
        return Json(t);
    }
    case FieldKind::Json: {
        if (jsonata && isExpression(t)) {
            if (QString e = checkJsonataString(t); !e.isEmpty()) return fail(e);
            return Json(t.trimmed());
        }
        const JsonReader::Result r = JsonReader::parse(t.toUtf8());
        if (!r.ok)
            return fail(QStringLiteral("line %1, column %2: %3")
                            .arg(r.errorPos.line)
                            .arg(r.errorPos.column)
                            .arg(r.error));
        if (QString e = checkExpressions(r.value, jsonata); !e.isEmpty()) return fail(e);
        return r.value;
    }
    }
    return Json();
}

} // namespace sw::gui::inspector
