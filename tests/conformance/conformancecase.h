#pragma once

// Runs one case of ../shared/corpus/conformance (recorded on real AWS) and compares the outcome by
// the corpus README's rules: JSON-equal outputs; exact error; exact cause, or causeJson (the cause
// parsed as JSON), or causePattern (an anchored regular expression).

#include "asl/asldocument.h"
#include "engine/execution.h"
#include "engine/mockloader.h"
#include "json/jsonreader.h"
#include "json/jsonwriter.h"
#include "jsonata/jsonataengine.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

struct ConformanceResult
{
    bool passed = false;
    QString detail; // why it failed
};

inline QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline ConformanceResult runConformanceCase(const QString &dir, sw::sim::JsonataEngine *jsonata)
{
    using namespace sw;
    ConformanceResult res;
    const QString name = QDir(dir).dirName();
    const asl::AslDocument doc = asl::AslDocument::fromText(readAll(dir + QStringLiteral("/definition.asl.json")));
    if (!doc.parsed) {
        res.detail = QStringLiteral("definition does not parse");
        return res;
    }
    const Json input = JsonReader::parse(readAll(dir + QStringLiteral("/input.json"))).value;
    const Json expected = JsonReader::parse(readAll(dir + QStringLiteral("/expected.json"))).value;
    std::unique_ptr<sim::TaskBackend> backend;
    if (QFile::exists(dir + QStringLiteral("/mocks.json"))) {
        QString error;
        backend = sim::loadMocks(dir + QStringLiteral("/mocks.json"), name, QStringLiteral("RecordedExecution"), &error);
        if (!backend) {
            res.detail = QStringLiteral("mocks: ") + error;
            return res;
        }
    }
    sim::ExecutionOptions o;
    o.input = input;
    o.backend = backend.get();
    o.jsonata = jsonata;
    o.stateMachineName = name.left(80);
    sim::Execution ex(std::make_shared<const sim::Program>(doc.machine), o);
    ex.runToCompletion();

    const QString status = sim::toString(ex.status());
    const QString want = expected.value(u"status").toString();
    if (status != want) {
        res.detail = QStringLiteral("status %1, expected %2 (error %3: %4)").arg(status, want, ex.error(), ex.cause());
        return res;
    }
    if (want == QLatin1String("SUCCEEDED")) {
        if (!(ex.output() == expected.value(u"output"))) {
            res.detail = QStringLiteral("output %1\n   expected %2").arg(JsonWriter::compactString(ex.output()),
                                                                       JsonWriter::compactString(expected.value(u"output")));
            return res;
        }
        res.passed = true;
        return res;
    }
    const Json wantError = expected.value(u"error");
    const bool errorOk = wantError.isNull() ? ex.error().isNull() : ex.error() == wantError.toString();
    if (!errorOk) {
        res.detail = QStringLiteral("error '%1', expected '%2'").arg(ex.error(), wantError.isNull() ? QStringLiteral("null") : wantError.toString());
        return res;
    }
    bool causeOk = false;
    QString wantCause;
    if (expected.contains(u"causeJson")) {
        const auto r = JsonReader::parse(ex.cause().toUtf8());
        causeOk = r.ok && r.value == expected.value(u"causeJson");
        wantCause = JsonWriter::compactString(expected.value(u"causeJson"));
    } else if (expected.contains(u"causePattern")) {
        const QRegularExpression re(expected.value(u"causePattern").toString());
        causeOk = re.match(ex.cause()).hasMatch();
        wantCause = expected.value(u"causePattern").toString();
    } else {
        const Json c = expected.value(u"cause");
        causeOk = c.isNull() ? ex.cause().isNull() : ex.cause() == c.toString();
        wantCause = c.isNull() ? QStringLiteral("null") : c.toString();
    }
    if (!causeOk) {
        res.detail = QStringLiteral("cause '%1'\n   expected '%2'").arg(ex.cause(), wantCause);
        return res;
    }
    res.passed = true;
    return res;
}
