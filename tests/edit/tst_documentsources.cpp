// The Document opens definitions kept in YAML files and CloudFormation/SAM/Terraform templates and
// saves edits back into them, leaving the rest of the file alone. Expected texts are the original
// files with the edited line replaced by hand, never the program's own output.
#include "edit/document.h"
#include "formats/sourcefile.h"
#include "validate/validator.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace sw;

namespace {

QString dataDir() { return QStringLiteral(STEPWISE_SOURCE_DIR "/tests/formats/data"); }

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

// `text` with the one line that contains `from` changed to contain `to` instead.
QByteArray replacedLine(const QByteArray &text, const QByteArray &from, const QByteArray &to)
{
    QList<QByteArray> lines = text.split('\n');
    int hits = 0;
    for (QByteArray &line : lines) {
        if (line.contains(from)) {
            line.replace(from, to);
            ++hits;
        }
    }
    return hits == 1 ? lines.join('\n') : QByteArray();
}

Json withMember(Json root, const QStringList &path, const Json &value)
{
    if (path.size() == 1) {
        root.insert(path.first(), value);
        return root;
    }
    const Json child = root.value(path.first());
    root.insert(path.first(), withMember(child, path.mid(1), value));
    return root;
}

} // namespace

class TestDocumentSources : public QObject
{
    Q_OBJECT
private slots:
    void cloudFormationSubSavesOnlyTheEditedLine()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("orders.yaml"));
        const QByteArray original = readFile(dataDir() + QStringLiteral("/cfn-sub.yaml"));
        QVERIFY(writeFile(path, original));

        edit::Document doc;
        QCOMPARE(doc.loadFile(path), QString());
        QVERIFY(doc.source().has_value());
        QCOMPARE(doc.source()->kind, QStringLiteral("CloudFormation/SAM template"));
        QVERIFY(doc.source()->readOnlyReason.isEmpty());
        QCOMPARE(doc.machine().states.size(), size_t(3));
        // Placeholders stay as written: the definition is edited as authored.
        QCOMPARE(doc.root()[u"Comment"].toString(), QStringLiteral("Processes one order (${Stage})"));
        // "Seconds": ${WaitSeconds} is a number once deployed: valid with the template's raw
        // placeholders, a schema error for the bare definition.
        QCOMPARE(doc.source()->rawPlaceholders, QSet<QString>{QStringLiteral("WaitSeconds")});
        validate::Options options;
        options.rawPlaceholders = doc.source()->rawPlaceholders;
        QVERIFY(!hasErrors(validate::validate(doc.asl(), options)));
        const Diagnostics bare = validate::validate(doc.asl());
        QCOMPARE(bare.size(), 1);
        QCOMPARE(bare.first().pointer, QStringLiteral("/States/Wait/Seconds"));

        doc.setRoot(withMember(doc.root(), {QStringLiteral("States"), QStringLiteral("Process"),
                                            QStringLiteral("TimeoutSeconds")},
                               Json(60)));
        QCOMPARE(doc.saveFile(), QString());
        const QByteArray expected = replacedLine(original, "\"TimeoutSeconds\": 30,", "\"TimeoutSeconds\": 60,");
        QVERIFY(!expected.isEmpty());
        QCOMPARE(readFile(path), expected);

        // The saved template opens again with the edit, and a second save changes nothing more.
        edit::Document again;
        QCOMPARE(again.loadFile(path), QString());
        QCOMPARE(again.root()[u"States"][u"Process"][u"TimeoutSeconds"].toInteger(), 60);
        QCOMPARE(doc.saveFile(), QString());
        QCOMPARE(readFile(path), expected);
    }

    void aslYamlKeepsCommentsAndOrder()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("flow.asl.yaml"));
        const QByteArray original = "# A two-state flow.\n"
                                    "Comment: Demo   # kept\n"
                                    "StartAt: First\n"
                                    "States:\n"
                                    "  First:\n"
                                    "    Type: Pass\n"
                                    "    Next: Second\n"
                                    "  Second:\n"
                                    "    Type: Wait\n"
                                    "    Seconds: 5\n"
                                    "    End: true\n";
        QVERIFY(writeFile(path, original));
        edit::Document doc;
        QCOMPARE(doc.loadFile(path), QString());
        QVERIFY(doc.source().has_value());
        QCOMPARE(doc.source()->kind, QStringLiteral("ASL YAML"));
        QCOMPARE(doc.machine().startAt, QStringLiteral("First"));
        doc.setRoot(withMember(doc.root(), {QStringLiteral("States"), QStringLiteral("Second"),
                                            QStringLiteral("Seconds")},
                               Json(10)));
        QCOMPARE(doc.saveFile(), QString());
        QCOMPARE(readFile(path), replacedLine(original, "Seconds: 5", "Seconds: 10"));
    }

    void templateMachinesAndTheirFiles()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sam.yaml"));
        const QByteArray original = readFile(dataDir() + QStringLiteral("/sam-inline.yaml"));
        const QString external = dir.filePath(QStringLiteral("statemachine/file-machine.asl.json"));
        const QByteArray externalOriginal = readFile(dataDir() + QStringLiteral("/statemachine/file-machine.asl.json"));
        QVERIFY(writeFile(path, original));
        QVERIFY(writeFile(external, externalOriginal));

        edit::Document doc;
        QCOMPARE(doc.loadFile(path), QString());
        QCOMPARE(doc.source()->machines.size(), 3);
        QCOMPARE(doc.source()->index, 0);
        QCOMPARE(doc.machine().startAt, QStringLiteral("Check"));

        // The second machine's definition is the local file DefinitionUri names: saving writes
        // that file and leaves the template as it was.
        QCOMPARE(doc.openMachine(1), QString());
        QCOMPARE(doc.source()->index, 1);
        QCOMPARE(doc.source()->definitionPath, external);
        QCOMPARE(doc.filePath(), path);
        Json edited = doc.root();
        edited.insert(QStringLiteral("TimeoutSeconds"), Json(300));
        doc.setRoot(edited);
        QCOMPARE(doc.saveFile(), QString());
        QCOMPARE(readFile(path), original);
        edit::Document reread;
        QCOMPARE(reread.loadFile(external), QString());
        QCOMPARE(reread.root()[u"TimeoutSeconds"].toInteger(), 300);
        QCOMPARE(reread.machine().states.size(), size_t(2));

        // A definition kept in S3 opens nowhere: saving is refused with the reason, nothing written.
        const QString s3Reason = doc.openMachine(2);
        if (s3Reason.isEmpty()) {
            QVERIFY(!doc.source()->readOnlyReason.isEmpty());
            QVERIFY(!doc.saveFile().isEmpty());
        } else {
            QVERIFY2(s3Reason.contains(QLatin1String("S3"), Qt::CaseInsensitive) ||
                         s3Reason.contains(QLatin1String("bucket"), Qt::CaseInsensitive),
                     qPrintable(s3Reason));
            QCOMPARE(doc.source()->index, 1); // still the machine that opened
        }
        QCOMPARE(readFile(path), original);
    }

    void badTemplatesGiveALocatedError()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken.yaml"));
        QVERIFY(writeFile(path, "Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n"
                                "    Properties:\n      Definition: [unclosed\n"));
        edit::Document doc;
        const QString error = doc.loadFile(path);
        QVERIFY(!error.isEmpty());
        QVERIFY2(error.startsWith(path + QLatin1Char(':')), qPrintable(error));

        const QString none = dir.filePath(QStringLiteral("none.yaml"));
        QVERIFY(writeFile(none, "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n"));
        const QString noMachine = doc.loadFile(none);
        QVERIFY2(!noMachine.isEmpty(), "a template without a state machine must not open as one");
    }

    void plainJsonHasNoSource()
    {
        edit::Document doc;
        doc.loadText("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Succeed\"}}}");
        QVERIFY(!doc.source().has_value());
    }
};

QTEST_GUILESS_MAIN(TestDocumentSources)
#include "tst_documentsources.moc"
