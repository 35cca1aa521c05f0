// Verdicts over the shared corpora:
// - ../shared/corpus/validation: agreement with manifest.json, per source. All 20 verdicts recorded
//   from real AWS must agree; of the linter verdicts that do not depend on a linter option, at
//   least 97% must agree, and the files where we differ must be exactly the ones listed (with
//   their reasons) in docs/validation.md.
// - ../shared/corpus/real-world and ../shared/examples: deployed definitions validate without
//   crashing and without errors (one real-world file is really broken, see below).
// - ../shared/corpus/conformance: definitions AWS accepted and executed validate without errors.
#include "asl/asldocument.h"
#include "shared.h"
#include "validate/validator.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QtTest>

using namespace sw;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

Diagnostics validateFile(const QString &path, validate::MachineType type = validate::MachineType::Standard)
{
    const asl::AslDocument doc = asl::AslDocument::fromText(readAll(path));
    validate::Options o;
    o.type = type;
    return validate::validate(doc, o);
}

QString errorsOf(const Diagnostics &ds)
{
    QStringList out;
    for (const Diagnostic &d : ds) {
        if (d.isError())
            out.append(QStringLiteral("%1:%2 %3 %4 (%5)")
                           .arg(d.pos.line)
                           .arg(d.pos.column)
                           .arg(d.code, d.message, d.pointer));
    }
    return out.join(QLatin1Char('\n'));
}

// Where our verdict differs from the manifest, and why (docs/validation.md explains each).
const QMap<QString, QString> &knownDisagreements()
{
    static const QMap<QString, QString> m{
        {QStringLiteral("invalid/asl-validator__invalid-jsonata-surround-syntax-no-spaces.json"),
         QStringLiteral("AWS accepts \"{%expr%}\" without blanks (deployed definitions use \"{%$f(...) %}\" "
                        "and \"{% $x%}\")")},
        {QStringLiteral("invalid/asl-validator__invalid-json-surround-syntax-extra-spaces.json"),
         QStringLiteral("blanks and newlines inside {% %} are JSONata whitespace")},
        {QStringLiteral("valid/asl-validator__valid-task-credentials.json"),
         QStringLiteral(
             "AWS requires Credentials.RoleArn (recorded: EMPTY_CREDENTIALS, INVALID_CREDENTIALS_FIELD)")},
        {QStringLiteral("valid/statelint__task-with-credentials.json"),
         QStringLiteral("AWS requires Credentials.RoleArn; roleArn is another field")},
    };
    return m;
}

} // namespace

class TestValidationCorpus : public QObject
{
    Q_OBJECT

private slots:
    void agreement();
    void realWorld_data();
    void realWorld();
    void conformanceDefinitions();
};

void TestValidationCorpus::agreement()
{
    REQUIRE_SHARED(shared);
    const QString dir = shared + QStringLiteral("/corpus/validation/");
    const QJsonObject manifest =
        QJsonDocument::fromJson(readAll(dir + QStringLiteral("manifest.json"))).object();
    QVERIFY2(manifest.size() >= 200, "manifest.json missing or unreadable");

    struct Tally
    {
        int agree = 0;
        int total = 0;
    };
    QMap<QString, Tally> bySource;
    Tally aws;
    Tally rest;
    QStringList disagreements;
    for (auto it = manifest.begin(); it != manifest.end(); ++it) {
        const QJsonObject entry = it.value().toObject();
        const QString source = entry.value(QLatin1String("source")).toString();
        const bool express =
            entry.value(QLatin1String("stateMachineType")).toString() == QLatin1String("EXPRESS");
        const Diagnostics ds = validateFile(dir + it.key(), express ? validate::MachineType::Express
                                                                    : validate::MachineType::Standard);
        const QString verdict = hasErrors(ds) ? QStringLiteral("invalid") : QStringLiteral("valid");
        const bool agrees = verdict == entry.value(QLatin1String("verdict")).toString();
        const QString notes = entry.value(QLatin1String("notes")).toString();
        const bool optionDependent =
            notes.contains(QLatin1String("checkPaths")) || notes.contains(QLatin1String("checkArn"));

        Tally &t = bySource[optionDependent ? source + QStringLiteral(" (option-dependent)") : source];
        ++t.total;
        t.agree += agrees;
        Tally &group = source.startsWith(QLatin1String("localstack-aws")) ? aws : rest;
        if (optionDependent) continue;
        ++group.total;
        group.agree += agrees;
        if (!agrees) {
            disagreements.append(it.key());
            if (!knownDisagreements().contains(it.key()))
                qWarning().noquote() << "unexpected disagreement:" << it.key() << "manifest says"
                                     << entry.value(QLatin1String("verdict")).toString() << '\n'
                                     << errorsOf(ds);
        }
    }
    for (auto it = bySource.cbegin(); it != bySource.cend(); ++it)
        qInfo().noquote()
            << QStringLiteral("%1: %2/%3 agree").arg(it.key(), -40).arg(it->agree).arg(it->total);
    qInfo().noquote() << QStringLiteral("AWS-recorded: %1/%2; the rest (option-independent): %3/%4 = %5%")
                             .arg(aws.agree)
                             .arg(aws.total)
                             .arg(rest.agree)
                             .arg(rest.total)
                             .arg(100.0 * rest.agree / rest.total, 0, 'f', 1);

    QCOMPARE(aws.total, 20);
    QCOMPARE(aws.agree, aws.total);
    QVERIFY2(rest.agree * 100 >= rest.total * 97, "below 97% agreement with the linter verdicts");
    disagreements.sort();
    QStringList expected = knownDisagreements().keys();
    expected.sort();
    QCOMPARE(disagreements, expected);
}

void TestValidationCorpus::realWorld_data()
{
    QTest::addColumn<QString>("path");
    const QString shared = sharedDir();
    if (shared.isEmpty()) return;
    for (const QString &sub : {QStringLiteral("/corpus/real-world"), QStringLiteral("/examples")}) {
        QDirIterator it(shared + sub, {QStringLiteral("*.json")}, QDir::Files);
        while (it.hasNext()) {
            const QString path = it.next();
            if (!path.endsWith(QLatin1String("sources.json")))
                QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
        }
    }
}

void TestValidationCorpus::realWorld()
{
    REQUIRE_SHARED(shared);
    QFETCH(QString, path);
    const Diagnostics ds = validateFile(path);
    // Deployed definitions are valid, except this one: its "States" object holds
    // "QueryLanguage": "JSONata" as if it were a state, so AWS rejects it (a state must be an object)
    // and every state falls back to JSONPath, where Arguments and Output do not exist.
    if (path.endsWith(QLatin1String("sfn-workflows-collection__shared-fallback-state-jsonata.asl.json"))) {
        QVERIFY(hasErrors(ds));
        bool stateNotObject = false;
        for (const Diagnostic &d : ds)
            stateNotObject =
                stateNotObject || (d.pointer == QLatin1String("/States/QueryLanguage") && d.isError());
        QVERIFY(stateNotObject);
        return;
    }
    QVERIFY2(!hasErrors(ds), qPrintable(errorsOf(ds)));
}

void TestValidationCorpus::conformanceDefinitions()
{
    REQUIRE_SHARED(shared);
    QDirIterator it(shared + QStringLiteral("/corpus/conformance"), {QStringLiteral("definition.asl.json")},
                    QDir::Files, QDirIterator::Subdirectories);
    int count = 0;
    QStringList failures;
    while (it.hasNext()) {
        const QString path = it.next();
        ++count;
        const Diagnostics ds = validateFile(path);
        if (hasErrors(ds)) failures.append(path + QLatin1Char('\n') + errorsOf(ds));
    }
    qInfo() << count << "definitions that AWS executed, all expected valid";
    QVERIFY(count > 400);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1String("\n\n"))));
}

QTEST_GUILESS_MAIN(TestValidationCorpus)
#include "tst_validationcorpus.moc"
