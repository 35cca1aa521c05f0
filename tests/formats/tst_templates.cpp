// CloudFormation and SAM templates: the machines a template declares and how each is written,
// definitions read from every form (inline with intrinsic functions, DefinitionString plain,
// Fn::Sub and Fn::Join, DefinitionUri files), placeholders with the values the template gives,
// and saving an edit back with only the edited lines changed (the issue's acceptance test on a
// DefinitionString with Fn::Sub and DefinitionSubstitutions).
#include "formats/cfntemplate.h"
#include "formats/placeholders.h"
#include "formats/sourcefile.h"
#include "formats/yaml.h"
#include "shared.h"
#include "json/jsonreader.h"
#include "json/jsonwriter.h"

#include <QtTest>

using namespace sw;
using namespace sw::formats;

namespace {

QString dataDir()
{
    return sourceDir() + QStringLiteral("/tests/formats/data");
}

QByteArray readData(const QString &name)
{
    QFile f(dataDir() + QLatin1Char('/') + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

struct Diff
{
    QList<int> removed; // 1-based lines of the old text
    QList<QByteArray> added;
};

// Lines removed from `a` and added in `b`, around one contiguous change (common prefix/suffix).
Diff diff(const QByteArray &a, const QByteArray &b)
{
    const QList<QByteArray> x = a.split('\n'), y = b.split('\n');
    qsizetype pre = 0;
    while (pre < x.size() && pre < y.size() && x.at(pre) == y.at(pre))
        ++pre;
    qsizetype suf = 0;
    while (suf < x.size() - pre && suf < y.size() - pre &&
           x.at(x.size() - 1 - suf) == y.at(y.size() - 1 - suf))
        ++suf;
    Diff d;
    for (qsizetype i = pre; i < x.size() - suf; ++i)
        d.removed.append(int(i + 1));
    d.added = y.mid(pre, y.size() - suf - pre);
    return d;
}

Json *state(Json &root, const QString &name)
{
    return root.mutableValue(u"States")->mutableValue(name);
}

} // namespace

class TestTemplates : public QObject
{
    Q_OBJECT
private slots:
    void listsMachines();
    void subWithSubstitutionsSavesOnlyEditedLines();
    void subPlaceholdersAndPositions();
    void inlineYamlKeepsIntrinsicsAndComments();
    void renamedStateKeepsItsIntrinsic();
    void jsonTemplateForms_data();
    void jsonTemplateForms();
    void subListAndOneLineForms();
    void definitionUriFile();
    void readOnlyReasons();
    void sourceFileKinds();
    void plainFilesKeepTheirFormatting();
    void placeholdersResolve();
    void rawPlaceholdersRoundTrip();
};

void TestTemplates::listsMachines()
{
    const CfnTemplate t = CfnTemplate::parse(readData(QStringLiteral("sam-inline.yaml")));
    QVERIFY2(t.ok(), qPrintable(t.error()));
    QCOMPARE(t.machines().size(), 3);
    QCOMPARE(t.machines().at(0).logicalId, QStringLiteral("InlineMachine"));
    QVERIFY(t.machines().at(0).form == CfnTemplate::Form::Inline);
    QCOMPARE(t.machines().at(0).resourceType, QStringLiteral("AWS::Serverless::StateMachine"));
    QCOMPARE(t.machines().at(0).pos.line, 13);
    QVERIFY(t.machines().at(1).form == CfnTemplate::Form::LocalFile);
    QCOMPARE(t.machines().at(1).localPath, QStringLiteral("statemachine/file-machine.asl.json"));
    QVERIFY(t.machines().at(2).form == CfnTemplate::Form::S3);
    QVERIFY(t.machines().at(2).readOnlyReason.contains(QLatin1String("s3://my-bucket/machines/s3.asl.json")));

    const CfnTemplate none = CfnTemplate::parse("Resources:\n  B:\n    Type: AWS::S3::Bucket\n");
    QVERIFY(!none.ok());
    QVERIFY(none.error().contains(QLatin1String("declares no")));
}

// Acceptance (issue 8): DefinitionString with Fn::Sub and DefinitionSubstitutions opens, takes an
// edit and saves back with only the edited line changed.
void TestTemplates::subWithSubstitutionsSavesOnlyEditedLines()
{
    const QByteArray text = readData(QStringLiteral("cfn-sub.yaml"));
    const CfnTemplate t = CfnTemplate::parse(text);
    QVERIFY2(t.ok(), qPrintable(t.error()));
    QCOMPARE(t.machines().size(), 1);
    QVERIFY(t.machines().first().form == CfnTemplate::Form::Sub);
    const CfnTemplate::Definition d = t.definition(0);
    QVERIFY2(d.ok, qPrintable(d.error));
    QVERIFY(d.readOnlyReason.isEmpty());
    QCOMPARE(d.root[u"StartAt"].toString(), QStringLiteral("Process"));

    Json edited = d.root;
    state(edited, QStringLiteral("Process"))->insert(QStringLiteral("TimeoutSeconds"), Json(60));
    const CfnTemplate::Saved saved = t.save(0, edited);
    QVERIFY2(saved.ok, qPrintable(saved.error));
    const Diff changed = diff(text, saved.text);
    QCOMPARE(changed.removed, QList<int>{39});
    QCOMPARE(changed.added, QList<QByteArray>{"              \"TimeoutSeconds\": 60,"});

    // It reopens as the edited definition; a second edit (a new state) adds lines only there.
    const CfnTemplate again = CfnTemplate::parse(saved.text);
    QVERIFY(sameDocument(again.definition(0).root, edited));
    Json second = edited;
    state(second, QStringLiteral("Wait"))->insert(QStringLiteral("Next"), Json("Audit"));
    second.mutableValue(u"States")->insertAt(
        2, QStringLiteral("Audit"),
        Json{{QStringLiteral("Type"), Json("Pass")}, {QStringLiteral("Next"), Json("Done")}});
    const CfnTemplate::Saved saved2 = again.save(0, second);
    QVERIFY2(saved2.ok, qPrintable(saved2.error));
    // The smallest diff is an insertion after line 44: the old `"Next": "Done"` line now ends Audit.
    const Diff changed2 = diff(saved.text, saved2.text);
    QVERIFY(changed2.removed.isEmpty());
    QCOMPARE(changed2.added,
             (QList<QByteArray>{"              \"Next\": \"Audit\"", "            },",
                                "            \"Audit\": {", "              \"Type\": \"Pass\","}));
    QCOMPARE(saved2.text.split('\n').value(43), QByteArray("              \"Seconds\": ${WaitSeconds},"));
}

void TestTemplates::subPlaceholdersAndPositions()
{
    const CfnTemplate t = CfnTemplate::parse(readData(QStringLiteral("cfn-sub.yaml")));
    const CfnTemplate::Definition d = t.definition(0);
    QVERIFY(d.syntax == PlaceholderSyntax::FnSub);
    QCOMPARE(d.placeholders.size(), 3);
    QCOMPARE(d.placeholders.at(0).name, QStringLiteral("Stage"));
    QCOMPARE(d.placeholders.at(0).source, QStringLiteral("template parameter"));
    QCOMPARE(d.placeholders.at(0).value, Json("dev"));
    QCOMPARE(d.placeholders.at(1).name, QStringLiteral("ProcessFunctionArn"));
    QVERIFY(d.placeholders.at(1).source.startsWith(QLatin1String("DefinitionSubstitutions (Fn::GetAtt")));
    QVERIFY(d.placeholders.at(1).value.isUndefined());
    QCOMPARE(d.placeholders.at(2).name, QStringLiteral("WaitSeconds"));
    QVERIFY(d.placeholders.at(2).raw);
    QCOMPARE(d.placeholders.at(2).value, Json(5));
    // Positions point into the template: "Next": "Done" of Wait is on line 45, column 23.
    QCOMPARE(jsonpointer::locate(d.root, u"/States/Wait/Next"), (SourcePos{45, 23}));
}

void TestTemplates::inlineYamlKeepsIntrinsicsAndComments()
{
    const QByteArray text = readData(QStringLiteral("sam-inline.yaml"));
    const CfnTemplate t = CfnTemplate::parse(text);
    const CfnTemplate::Definition d = t.definition(0);
    QVERIFY2(d.ok, qPrintable(d.error));
    QCOMPARE(d.root[u"States"][u"Check"][u"Resource"].toString(), QStringLiteral("${CheckerFunction.Arn}"));
    QCOMPARE(d.placeholders.at(0).source, QStringLiteral("!GetAtt CheckerFunction.Arn"));
    QCOMPARE(d.placeholders.at(1).name, QStringLiteral("ItemsTable"));

    Json edited = d.root;
    state(edited, QStringLiteral("Check"))
        ->mutableValue(u"Retry")
        ->mutableItem(0)
        ->insert(QStringLiteral("MaxAttempts"), Json(5));
    const CfnTemplate::Saved saved = t.save(0, edited);
    QVERIFY2(saved.ok, qPrintable(saved.error));
    const Diff changed = diff(text, saved.text);
    QCOMPARE(changed.removed, QList<int>{27});
    QCOMPARE(changed.added, QList<QByteArray>{"                MaxAttempts: 5"});
    // The intrinsic and the flow sequence beside the edit are as they were.
    QVERIFY(saved.text.contains("            Resource: !GetAtt CheckerFunction.Arn   # the checker\n"));
    QVERIFY(saved.text.contains("              - ErrorEquals: [States.TaskFailed]\n"));
}

void TestTemplates::renamedStateKeepsItsIntrinsic()
{
    const QByteArray text = readData(QStringLiteral("sam-inline.yaml"));
    const CfnTemplate t = CfnTemplate::parse(text);
    Json edited = t.definition(0).root;
    edited.mutableValue(u"States")->renameKey(u"Check", QStringLiteral("Inspect"));
    edited.insert(QStringLiteral("StartAt"), Json("Inspect"));
    const CfnTemplate::Saved saved = t.save(0, edited);
    QVERIFY2(saved.ok, qPrintable(saved.error));
    QVERIFY(saved.text.contains("Resource: !GetAtt CheckerFunction.Arn"));
    QVERIFY(saved.text.contains("          Inspect:\n"));
    // Everything outside the Definition is byte for byte the same.
    const qsizetype defStart = text.indexOf("      Definition:");
    QCOMPARE(saved.text.left(defStart), text.left(defStart));
    const qsizetype policies = text.indexOf("      Policies:");
    QCOMPARE(saved.text.mid(saved.text.indexOf("      Policies:")), text.mid(policies));
}

void TestTemplates::jsonTemplateForms_data()
{
    QTest::addColumn<int>("machine");
    QTest::addColumn<int>("form");
    QTest::addColumn<QList<int>>("removed");
    QTest::addColumn<int>("added");
    // Fn::Join with a nested join around !GetAtt: one item changes, one is added.
    QTest::newRow("Fn::Join") << 0 << int(CfnTemplate::Form::Join) << QList<int>{40} << 2;
    QTest::newRow("inline") << 1 << int(CfnTemplate::Form::Inline) << QList<int>{64} << 2;
    QTest::newRow("string") << 2 << int(CfnTemplate::Form::String) << QList<int>{74} << 1;
}

void TestTemplates::jsonTemplateForms()
{
    QFETCH(int, machine);
    QFETCH(int, form);
    QFETCH(QList<int>, removed);
    QFETCH(int, added);
    const QByteArray text = readData(QStringLiteral("cfn-join.json"));
    const CfnTemplate t = CfnTemplate::parse(text);
    QVERIFY2(t.ok(), qPrintable(t.error()));
    QVERIFY(t.syntax() == CfnTemplate::Syntax::Json);
    QCOMPARE(int(t.machines().at(machine).form), form);
    const CfnTemplate::Definition d = t.definition(machine);
    QVERIFY2(d.ok, qPrintable(d.error));
    Json edited = d.root;
    Json *first = edited.mutableValue(u"States")->mutableValue(edited[u"StartAt"].toString());
    first->insert(QStringLiteral("TimeoutSeconds"), Json(60));
    const CfnTemplate::Saved saved = t.save(machine, edited);
    QVERIFY2(saved.ok, qPrintable(saved.error));
    const Diff changed = diff(text, saved.text);
    QCOMPARE(changed.removed, removed);
    QCOMPARE(changed.added.size(), added);
    if (machine != 2) QVERIFY(saved.text.contains("\"Fn::GetAtt\": [\n"));
}

void TestTemplates::subListAndOneLineForms()
{
    const QByteArray text = "Resources:\n"
                            "  A:\n"
                            "    Type: AWS::StepFunctions::StateMachine\n"
                            "    Properties:\n"
                            "      DefinitionString:\n"
                            "        Fn::Sub:\n"
                            "          - |-\n"
                            "            {\n"
                            "              \"StartAt\": \"P\",\n"
                            "              \"States\": {\"P\": {\"Type\": \"Pass\", \"Result\": "
                            "\"${Greeting}\", \"End\": true}}\n"
                            "            }\n"
                            "          - Greeting: hello\n"
                            "  B:\n"
                            "    Type: AWS::StepFunctions::StateMachine\n"
                            "    Properties:\n"
                            "      DefinitionString: '{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": "
                            "\"Pass\", \"End\": true}}}'  # one line\n";
    const CfnTemplate t = CfnTemplate::parse(text);
    QVERIFY2(t.ok(), qPrintable(t.error()));
    const CfnTemplate::Definition a = t.definition(0);
    QVERIFY2(a.ok, qPrintable(a.error));
    QCOMPARE(a.placeholders.first().value, Json("hello"));
    QCOMPARE(a.placeholders.first().source, QStringLiteral("Fn::Sub variable"));
    Json edited = a.root;
    edited.insert(QStringLiteral("StartAt"), Json("Q"));
    edited.mutableValue(u"States")->renameKey(u"P", QStringLiteral("Q"));
    CfnTemplate::Saved saved = t.save(0, edited);
    QVERIFY2(saved.ok, qPrintable(saved.error));
    QCOMPARE(diff(text, saved.text).removed, (QList<int>{9, 10}));

    const CfnTemplate::Definition b = t.definition(1);
    QVERIFY(b.ok);
    edited = b.root;
    edited.insert(QStringLiteral("Comment"), Json("one line"));
    saved = t.save(1, edited);
    QVERIFY2(saved.ok, qPrintable(saved.error));
    const Diff d = diff(text, saved.text);
    QCOMPARE(d.removed, QList<int>{16});
    QVERIFY(d.added.first().endsWith("  # one line"));
}

void TestTemplates::definitionUriFile()
{
    const QString path = dataDir() + QStringLiteral("/sam-inline.yaml");
    const SourceFile f = SourceFile::load(path);
    QVERIFY2(f.ok(), qPrintable(f.error()));
    QVERIFY(f.kind() == SourceKind::CloudFormation);
    QCOMPARE(f.machines().size(), 3);
    QCOMPARE(f.machines().at(1).externalPath,
             dataDir() + QStringLiteral("/statemachine/file-machine.asl.json"));
    const OpenedDefinition o = f.open(1);
    QVERIFY2(o.ok, qPrintable(o.error));
    QCOMPARE(o.path, f.machines().at(1).externalPath);
    QCOMPARE(o.document.machine.states.size(), size_t(2));
    QCOMPARE(o.placeholders.size(), 2);
    QCOMPARE(o.placeholders.at(0).name, QStringLiteral("CheckerArn"));
    QVERIFY(o.placeholders.at(0).source.startsWith(QLatin1String("DefinitionSubstitutions (Fn::GetAtt")));
    QCOMPARE(o.placeholders.at(1).value, Json("items"));

    // Simulating with them resolved: the template's value, and the user's for the one it cannot give.
    const Resolution r =
        resolveDefinition(o, {{QStringLiteral("CheckerArn"), Json("arn:aws:lambda:us-east-1:1:function:c")}});
    QVERIFY(r.unresolved.isEmpty());
    QCOMPARE(r.definition[u"States"][u"Check"][u"Resource"].toString(),
             QStringLiteral("arn:aws:lambda:us-east-1:1:function:c"));
    QCOMPARE(r.definition[u"States"][u"Record"][u"Parameters"][u"TableName"].toString(),
             QStringLiteral("items"));
    QCOMPARE(resolveDefinition(o).unresolved, QStringList{QStringLiteral("CheckerArn")});

    // Saving writes the definition file (JSON formatting kept), not the template.
    Json edited = o.document.root;
    edited.insert(QStringLiteral("TimeoutSeconds"), Json(300));
    const SaveResult s = f.save(1, edited);
    QVERIFY2(s.ok, qPrintable(s.error));
    QCOMPARE(s.path, o.path);
    const QByteArray original = readData(QStringLiteral("statemachine/file-machine.asl.json"));
    // Line 23 closes States: it takes a comma and the new member follows.
    const Diff d = diff(original, s.text);
    QCOMPARE(d.removed, QList<int>{23});
    QCOMPARE(d.added, (QList<QByteArray>{"  },", "  \"TimeoutSeconds\": 300"}));
}

void TestTemplates::readOnlyReasons()
{
    const SourceFile f = SourceFile::read(
        QStringLiteral("t.yaml"), "Resources:\n"
                                  "  A:\n"
                                  "    Type: AWS::StepFunctions::StateMachine\n"
                                  "    Properties:\n"
                                  "      DefinitionString: !If [IsProd, '{}', '{}']\n"
                                  "  B:\n"
                                  "    Type: AWS::StepFunctions::StateMachine\n"
                                  "    Properties:\n"
                                  "      Definition:\n"
                                  "        StartAt: X\n"
                                  "        States:\n"
                                  "          X: {Type: Task, Resource: !Select [0, !Ref Arns], End: true}\n");
    QVERIFY2(f.ok(), qPrintable(f.error()));
    QVERIFY(f.machines().at(0).readOnlyReason.contains(QLatin1String("Fn::If")));
    QVERIFY(!f.open(0).ok);
    const OpenedDefinition b = f.open(1);
    QVERIFY(b.ok);
    QVERIFY(b.readOnlyReason.contains(QLatin1String("Fn::Select at /States/X/Resource")));
    QVERIFY(
        !f.save(1, b.document.root.isObject() ? Json{{QStringLiteral("StartAt"), Json("Y")}} : Json()).ok);
}

void TestTemplates::sourceFileKinds()
{
    const QByteArray mentions =
        "{\"Comment\": \"deployed as AWS::StepFunctions::StateMachine by the Resources stack\"}";
    QVERIFY(SourceFile::kindFor(QStringLiteral("a.asl.json"), mentions) == SourceKind::AslJson);
    QVERIFY(SourceFile::kindFor(QStringLiteral("template.json"), mentions) == SourceKind::CloudFormation);
    QVERIFY(SourceFile::kindFor(QStringLiteral("a.ASL.YML"), "StartAt: A\n") == SourceKind::AslYaml);
    QVERIFY(SourceFile::kindFor(QStringLiteral("main.tf"), QByteArray()) == SourceKind::Terraform);
    QVERIFY(SourceFile::kindFor(QStringLiteral("flow.json"), "{}") == SourceKind::AslJson);
    const SourceFile missing = SourceFile::load(dataDir() + QStringLiteral("/no-such-file.asl.json"));
    QVERIFY(!missing.ok());
    QVERIFY(missing.error().contains(QLatin1String("cannot read")));
}

void TestTemplates::plainFilesKeepTheirFormatting()
{
    // Four-space JSON stays four-space; only the edited member's lines change.
    const QByteArray json =
        "{\n    \"StartAt\": \"A\",\n    \"States\": {\n        \"A\": {\n            \"Type\": \"Pass\",\n"
        "            \"End\": true\n        }\n    }\n}\n";
    const SourceFile f = SourceFile::read(QStringLiteral("flow.asl.json"), json);
    const OpenedDefinition o = f.open(0);
    QVERIFY2(o.ok, qPrintable(o.error));
    Json edited = o.document.root;
    state(edited, QStringLiteral("A"))->insert(QStringLiteral("Comment"), Json("c"));
    const SaveResult s = f.save(0, edited);
    QVERIFY(s.ok);
    QCOMPARE(s.path, QStringLiteral("flow.asl.json"));
    const Diff d = diff(json, s.text);
    QCOMPARE(d.removed, QList<int>{6});
    QCOMPARE(d.added, (QList<QByteArray>{"            \"End\": true,", "            \"Comment\": \"c\""}));

    // YAML through the same entry point.
    const SourceFile y = SourceFile::read(QStringLiteral("flow.asl.yaml"),
                                          "StartAt: A  # first\nStates:\n  A: {Type: Pass, End: true}\n");
    const OpenedDefinition oy = y.open(0);
    QVERIFY(oy.ok);
    QVERIFY(oy.textKind == SourceKind::AslYaml);
    Json e = oy.document.root;
    e.insert(QStringLiteral("Comment"), Json("yaml"));
    const SaveResult sy = y.save(0, e);
    QVERIFY(sy.ok);
    QCOMPARE(sy.text,
             QByteArray("StartAt: A  # first\nStates:\n  A: {Type: Pass, End: true}\nComment: yaml\n"));
}

void TestTemplates::placeholdersResolve()
{
    const Json def = JsonReader::parse(
                         R"({"Comment":"${Stage} run","States":{"A":{"Resource":"${Fn}","Seconds":"${Wait}",)"
                         R"("Literal":"${!Keep}","Missing":"${Nope}"}}})")
                         .value;
    const QList<Placeholder> found =
        findPlaceholders(def, PlaceholderSyntax::FnSub, {QStringLiteral("Wait")});
    QCOMPARE(found.size(), 4);
    QCOMPARE(found.at(2).name, QStringLiteral("Wait"));
    QVERIFY(found.at(2).raw);
    QCOMPARE(found.at(2).pointers, QStringList{QStringLiteral("/States/A/Seconds")});
    const QHash<QString, Json> values{{QStringLiteral("Stage"), Json("prod")},
                                      {QStringLiteral("Fn"), Json("arn:aws:lambda:us-east-1:1:function:f")},
                                      {QStringLiteral("Wait"), Json("15")}};
    const Resolution r = resolvePlaceholders(def, values, PlaceholderSyntax::FnSub, {QStringLiteral("Wait")});
    QCOMPARE(r.definition[u"Comment"].toString(), QStringLiteral("prod run"));
    QCOMPARE(r.definition[u"States"][u"A"][u"Resource"].toString(),
             QStringLiteral("arn:aws:lambda:us-east-1:1:function:f"));
    QCOMPARE(r.definition[u"States"][u"A"][u"Seconds"], Json(15));
    QCOMPARE(r.definition[u"States"][u"A"][u"Literal"].toString(), QStringLiteral("${Keep}"));
    QCOMPARE(r.unresolved, QStringList{QStringLiteral("Nope")});
    QVERIFY(r.errors.isEmpty());
}

void TestTemplates::rawPlaceholdersRoundTrip()
{
    const QByteArray text = "{\n  \"MaxConcurrency\": ${Limit},\n  \"Name\": \"${Limit}x\"\n}";
    const ProtectedText p = protectRawPlaceholders(text);
    QCOMPARE(p.rawNames, QSet<QString>{QStringLiteral("Limit")});
    const JsonReader::Result r = JsonReader::parse(p.json);
    QVERIFY(r.ok);
    QCOMPARE(r.value[u"MaxConcurrency"].toString(), QStringLiteral("${Limit}"));
    QCOMPARE(unprotectRawPlaceholders(JsonWriter::pretty(r.value), p.rawNames), text);
}

QTEST_GUILESS_MAIN(TestTemplates)
#include "tst_templates.moc"
