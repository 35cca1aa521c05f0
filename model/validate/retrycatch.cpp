#include "checks.h"

#include "expressions.h"

#include <QSet>

#include <limits>

namespace sw::validate {

namespace {

const QString kAll = QStringLiteral("States.ALL");

// ErrorEquals of one row. `seen` holds the error names of the rows before; returns the names.
// A row whose names were all handled before (or that follows States.ALL) can never match.
void checkErrorEquals(Reporter &r, const Fields &row, bool isLast, const QString &rowKind,
                      QSet<QString> &seen)
{
    const Json *v = row.get(u"ErrorEquals");
    if (!v) return;
    bool allStrings = v->isArray() && !v->isEmpty();
    for (const Json &e : v->items())
        allStrings = allStrings && e.isString() && !e.stringRef().isEmpty();
    if (!allStrings) {
        row.mustBe(u"ErrorEquals", QStringLiteral("a non-empty array of error names (strings)"));
        return;
    }
    QStringList names;
    for (const Json &e : v->items())
        names.append(e.toString());
    if (names.contains(kAll)) {
        if (names.size() > 1)
            row.fail(u"ErrorEquals", QStringLiteral("'States.ALL' must appear alone in 'ErrorEquals'"));
        if (!isLast)
            row.fail(u"ErrorEquals",
                     QStringLiteral("A %1 with 'States.ALL' must be the last one").arg(rowKind));
    }
    bool covered = seen.contains(kAll);
    if (!covered) {
        covered = true;
        for (const QString &n : names)
            covered = covered && seen.contains(n);
    }
    if (covered)
        r.warning(
            code::ShadowedErrorHandler, row.ptr(u"ErrorEquals"),
            QStringLiteral("This %1 can never be used: every error it names is handled by an earlier one")
                .arg(rowKind),
            row.pos(u"ErrorEquals"));
    for (const QString &n : names)
        seen.insert(n);
}

} // namespace

void checkRetriers(Reporter &r, const asl::State &s, const Fields &f)
{
    const Json *retry = f.get(u"Retry");
    if (!retry || !f.array(u"Retry")) return;
    QSet<QString> seen;
    for (qsizetype i = 0; i < retry->size(); ++i) {
        const Json &rowJson = retry->at(i);
        const QString p = child(f.ptr(u"Retry"), i);
        if (!rowJson.isObject()) {
            r.error(code::Schema, p, QStringLiteral("A Retrier must be a JSON object"), retry->itemPos(i));
            continue;
        }
        const Fields row(r, rowJson, p, s.queryLanguage);
        row.onlyKnown({QStringLiteral("ErrorEquals"), QStringLiteral("IntervalSeconds"),
                       QStringLiteral("MaxAttempts"), QStringLiteral("BackoffRate"),
                       QStringLiteral("MaxDelaySeconds"), QStringLiteral("JitterStrategy"),
                       QStringLiteral("Comment")},
                      QStringLiteral(" in a Retrier"));
        if (row.require(u"ErrorEquals"))
            checkErrorEquals(r, row, i == retry->size() - 1, QStringLiteral("Retrier"), seen);
        row.integer(u"IntervalSeconds", 1, 99999999, false);
        row.integer(u"MaxAttempts", 0, 99999999, false);
        row.number(u"BackoffRate", 1.0, std::numeric_limits<double>::max(), false);
        row.integer(u"MaxDelaySeconds", 1, 31622400, false);
        row.oneOf(u"JitterStrategy", {QStringLiteral("FULL"), QStringLiteral("NONE")});
        row.string(u"Comment");
    }
}

void checkCatchers(Reporter &r, const asl::State &s, const Fields &f)
{
    const Json *catches = f.get(u"Catch");
    if (!catches || !f.array(u"Catch")) return;
    const bool jsonata = f.isJsonata();
    QSet<QString> seen;
    for (qsizetype i = 0; i < catches->size(); ++i) {
        const Json &rowJson = catches->at(i);
        const QString p = child(f.ptr(u"Catch"), i);
        if (!rowJson.isObject()) {
            r.error(code::Schema, p, QStringLiteral("A Catcher must be a JSON object"), catches->itemPos(i));
            continue;
        }
        const Fields row(r, rowJson, p, s.queryLanguage);
        QStringList allowed{QStringLiteral("ErrorEquals"), QStringLiteral("Next"), QStringLiteral("Comment"),
                            QStringLiteral("Assign")};
        allowed << (jsonata ? QStringLiteral("Output") : QStringLiteral("ResultPath"));
        row.onlyKnown(allowed, jsonata ? QStringLiteral(" in a Catcher of a JSONata state")
                                       : QStringLiteral(" in a Catcher of a JSONPath state"));
        if (row.require(u"ErrorEquals"))
            checkErrorEquals(r, row, i == catches->size() - 1, QStringLiteral("Catcher"), seen);
        row.require(u"Next");
        row.string(u"Next", true);
        row.string(u"Comment");
        if (jsonata) {
            if (const Json *v = row.get(u"Output")) checkJsonataStrings(r, *v, row.ptr(u"Output"), true);
            if (const Json *v = row.get(u"Assign"); v && row.object(u"Assign"))
                checkJsonataStrings(r, *v, row.ptr(u"Assign"), true);
        } else {
            row.path(u"ResultPath", PathKind::Result, true);
            if (const Json *v = row.get(u"Assign"); v && row.object(u"Assign"))
                checkPayloadTemplate(r, *v, row.ptr(u"Assign"));
        }
    }
}

} // namespace sw::validate
