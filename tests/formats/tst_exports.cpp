// Acceptance for the text exports (issue 8): every pipeline of ../shared/examples (and the bundled
// examples) exports to every text format, and each output holds what its format promises: JSON and
// YAML read back as the original document; the CloudFormation output holds an
// AWS::StepFunctions::StateMachine whose definition reads back unchanged, with a role parameter and
// DefinitionSubstitutions for every placeholder; SAM likewise; Terraform reads back with
// placeholders as variables; Mermaid has one node per state, composites for Parallel and Map,
// <<choice>> for Choice and a labelled edge per Catch.
#include "asl/asldocument.h"
#include "formats/cfntemplate.h"
#include "formats/exports.h"
#include "formats/placeholders.h"
#include "formats/terraform.h"
#include "formats/yaml.h"
#include "shared.h"
#include "json/jsonreader.h"

#include <QDir>
#include <QtTest>

using namespace sw;
using namespace sw::formats;

namespace {

QStringList exampleFiles()
{
    QStringList out;
    const QString shared = sharedDir();
    for (const QString &dir : {shared.isEmpty() ? QString() : shared + QStringLiteral("/examples"),
                               sourceDir() + QStringLiteral("/resources/examples")}) {
        if (dir.isEmpty()) continue;
        for (const QFileInfo &fi :
             QDir(dir).entryInfoList({QStringLiteral("*.asl.json")}, QDir::Files, QDir::Name))
            out.append(fi.absoluteFilePath());
    }
    return out;
}

asl::AslDocument load(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return asl::AslDocument::fromText(f.readAll());
}

// ${Name} -> ${var.name}, as exportTerraform() maps placeholders to variables.
Json withVariables(const Json &v)
{
    if (v.isString()) {
        QString s = v.toString();
        for (const Placeholder &p : findPlaceholders(v))
            s.replace(QStringLiteral("${%1}").arg(p.name),
                      QStringLiteral("${var.%1}").arg(terraformIdentifier(p.name)));
        return Json(s);
    }
    if (v.isArray()) {
        Json a = Json::array();
        for (const Json &item : v.items())
            a.append(withVariables(item));
        return a;
    }
    if (v.isObject()) {
        Json o = Json::object();
        for (const JsonMember &m : v.members())
            o.insert(m.key, withVariables(m.value));
        return o;
    }
    return v;
}

struct Counts
{
    int states = 0;
    int choices = 0;
    int composites = 0;
    int regionSeparators = 0;
    int catches = 0;
};

void count(const asl::StateMachine &m, Counts *c)
{
    for (const asl::State &s : m.states) {
        ++c->states;
        if (s.type == asl::StateType::Choice) ++c->choices;
        if (!s.branches.empty() && !s.branches.front().states.empty()) {
            ++c->composites;
            c->regionSeparators += int(s.branches.size()) - 1;
        }
        if (s.itemProcessor() && !s.itemProcessor()->states.empty()) ++c->composites;
        for (const asl::Catcher &k : s.catchers)
            c->catches += k.next.isEmpty() ? 0 : 1;
        for (const asl::StateMachine &b : s.branches)
            count(b, c);
        if (s.itemProcessor()) count(*s.itemProcessor(), c);
    }
}

} // namespace

class TestExports : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void everyFormat_data();
    void everyFormat();
    void yamlReadsBack_data() { everyFormat_data(); }
    void yamlReadsBack();
    void cloudFormation_data() { everyFormat_data(); }
    void cloudFormation();
    void sam_data() { everyFormat_data(); }
    void sam();
    void terraform_data() { everyFormat_data(); }
    void terraform();
    void mermaid_data() { everyFormat_data(); }
    void mermaid();
    void mermaidEscapesAndIds();
    void identifiers();
};

void TestExports::initTestCase()
{
    if (sharedDir().isEmpty()) qInfo("../shared is absent: exporting the bundled examples only");
    QVERIFY(exampleFiles().size() >= 6);
}

void TestExports::everyFormat_data()
{
    QTest::addColumn<QString>("path");
    for (const QString &p : exampleFiles())
        QTest::newRow(qPrintable(QFileInfo(p).dir().dirName() + QLatin1Char('/') + QFileInfo(p).fileName()))
            << p;
}

void TestExports::everyFormat()
{
    QFETCH(QString, path);
    const asl::AslDocument doc = load(path);
    QVERIFY(doc.parsed);
    const ExportSource src{&doc.root, &doc.machine,
                           QFileInfo(path).completeBaseName().section(QLatin1Char('.'), 0, 0)};
    QCOMPARE(textExports().size(), 6);
    for (const TextExport &e : textExports()) {
        const QByteArray out = e.write(src);
        QVERIFY2(out.size() > 50 && out.endsWith('\n'), qPrintable(e.name));
        QVERIFY(findTextExport(e.name.toUpper()) == &e);
    }
    const JsonReader::Result json = JsonReader::parse(exportJson(doc.root));
    QVERIFY(json.ok && json.value.identical(doc.root));
}

void TestExports::yamlReadsBack()
{
    QFETCH(QString, path);
    const asl::AslDocument doc = load(path);
    const YamlReadResult back = readYaml(exportYaml(doc.root));
    QVERIFY2(back.ok, qPrintable(back.error));
    QVERIFY(sameDocument(back.value, doc.root));
    QVERIFY(back.warnings.isEmpty());
}

void TestExports::cloudFormation()
{
    QFETCH(QString, path);
    const asl::AslDocument doc = load(path);
    const QByteArray out = exportCloudFormation(doc.root, TemplateOptions{QFileInfo(path).fileName(), false});
    QVERIFY(out.contains("    Type: AWS::StepFunctions::StateMachine\n"));
    QVERIFY(out.contains("      RoleArn: !Ref StateMachineRoleArn\n"));
    const CfnTemplate t = CfnTemplate::parse(out);
    QVERIFY2(t.ok(), qPrintable(t.error()));
    QCOMPARE(t.machines().size(), 1);
    QVERIFY(t.machines().first().form == CfnTemplate::Form::Inline);
    const CfnTemplate::Definition d = t.definition(0);
    QVERIFY(d.ok);
    QVERIFY(sameDocument(d.root, doc.root));
    // One DefinitionSubstitutions entry (and one parameter) per placeholder.
    const QList<Placeholder> found = findPlaceholders(doc.root);
    const Json subs = t.properties(0).value(u"DefinitionSubstitutions");
    QCOMPARE(subs.size(), found.size());
    for (const Placeholder &p : found) {
        QVERIFY2(subs.contains(p.name), qPrintable(p.name));
        const QString param = subs[QStringView(p.name)][u"Ref"].toString();
        QVERIFY(t.tree()[u"Parameters"].contains(param));
    }
    QVERIFY(t.tree()[u"Parameters"].contains(u"StateMachineRoleArn"));
    // The JSON flavour holds the same template.
    const CfnTemplate j =
        CfnTemplate::parse(exportCloudFormation(doc.root, TemplateOptions{QString(), true}));
    QVERIFY(j.ok() && j.syntax() == CfnTemplate::Syntax::Json);
    QVERIFY(sameDocument(j.definition(0).root, doc.root));
}

void TestExports::sam()
{
    QFETCH(QString, path);
    const asl::AslDocument doc = load(path);
    const QByteArray out = exportSam(doc.root, TemplateOptions{QFileInfo(path).fileName(), false});
    QVERIFY(out.contains("Transform: AWS::Serverless-2016-10-31\n"));
    QVERIFY(out.contains("    Type: AWS::Serverless::StateMachine\n"));
    QVERIFY(out.contains("      Role: !Ref StateMachineRoleArn\n"));
    const CfnTemplate t = CfnTemplate::parse(out);
    QVERIFY2(t.ok(), qPrintable(t.error()));
    QVERIFY(sameDocument(t.definition(0).root, doc.root));
}

void TestExports::terraform()
{
    QFETCH(QString, path);
    const asl::AslDocument doc = load(path);
    const QByteArray out =
        exportTerraform(doc.root, QFileInfo(path).fileName().section(QLatin1Char('.'), 0, 0));
    QVERIFY(out.contains("resource \"aws_sfn_state_machine\" "));
    QVERIFY(out.contains("  role_arn = var.state_machine_role_arn\n"));
    QVERIFY(out.contains("  definition = jsonencode({\n"));
    const TerraformFile t = TerraformFile::parse(out);
    QVERIFY2(t.ok(), qPrintable(t.error()));
    const TerraformFile::Definition d = t.definition(0);
    QVERIFY2(d.ok, qPrintable(d.error));
    QVERIFY(d.readOnlyReason.isEmpty());
    QVERIFY(sameDocument(d.root, withVariables(doc.root)));
    for (const Placeholder &p : findPlaceholders(doc.root))
        QVERIFY(out.contains("variable \"" + terraformIdentifier(p.name).toUtf8() + "\" {\n"));
}

void TestExports::mermaid()
{
    QFETCH(QString, path);
    const asl::AslDocument doc = load(path);
    const QByteArray out = exportMermaid(doc.machine);
    const QList<QByteArray> lines = out.trimmed().split('\n');
    QCOMPARE(lines.first(), QByteArray("stateDiagram-v2"));
    Counts c;
    count(doc.machine, &c);
    QCOMPARE(out.count("<<choice>>"), c.choices);
    int opens = 0, closes = 0, separators = 0, catches = 0;
    for (const QByteArray &l : lines) {
        const QByteArray t = l.trimmed();
        opens += t.startsWith("state ") && t.endsWith(" {") ? 1 : 0;
        closes += t == "}" ? 1 : 0;
        separators += t == "--" ? 1 : 0;
        catches += t.contains(" : Catch ") ? 1 : 0;
        QVERIFY2(!l.contains('\t'), l.constData());
    }
    QCOMPARE(opens, c.composites);
    QCOMPARE(closes, c.composites);
    QCOMPARE(separators, c.regionSeparators);
    QCOMPARE(catches, c.catches);
    // Every state appears as a node: by its name when that is a Mermaid id, else with its name
    // as the description.
    for (const asl::State *s : doc.machine.allStates()) {
        const bool plainId =
            QRegularExpression(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$")).match(s->name).hasMatch();
        if (plainId)
            QVERIFY2(out.contains(s->name.toUtf8()), qPrintable(s->name));
        else
            QVERIFY2(out.contains("state \"" + s->name.toUtf8() + "\" as "), qPrintable(s->name));
    }
}

void TestExports::mermaidEscapesAndIds()
{
    const asl::AslDocument doc = asl::AslDocument::fromText(R"({"StartAt":"Say hi","States":{
      "Say hi":{"Type":"Pass","Next":"end"},
      "end":{"Type":"Choice","Choices":[{"Variable":"$.x","StringEquals":"a;b#c","Next":"Say-hi"}],"Default":"Say-hi"},
      "Say-hi":{"Type":"Fail","Error":"E"}}})");
    QVERIFY(doc.parsed);
    const QByteArray out = exportMermaid(doc.machine);
    QVERIFY2(out.contains("    state \"Say hi\" as Say_hi\n"), out.constData());
    QVERIFY(out.contains("    state end_ <<choice>>\n"));        // "end" is a Mermaid keyword
    QVERIFY(out.contains("    state \"Say-hi\" as Say_hi_2\n")); // ids stay unique
    // ; # and " inside a label are entity codes: Mermaid would end the statement or a comment there.
    QVERIFY(out.contains("    end_ --> Say_hi_2 : $.x == #quot;a#59;b#35;c#quot;\n"));
    QVERIFY(out.contains("    end_ --> Say_hi_2 : Default\n"));
    QVERIFY(out.contains("    class Say_hi_2 failure\n"));
}

void TestExports::identifiers()
{
    QCOMPARE(logicalIdFor(QStringLiteral("engagement-ml-pipeline"), QStringLiteral("StateMachine")),
             QStringLiteral("EngagementMlPipeline"));
    QCOMPARE(logicalIdFor(QString(), QStringLiteral("StateMachine")), QStringLiteral("StateMachine"));
    QCOMPARE(logicalIdFor(QStringLiteral("3d"), QStringLiteral("StateMachine")),
             QStringLiteral("StateMachine3d"));
    QCOMPARE(terraformIdentifier(QStringLiteral("tradai-backtest.full")),
             QStringLiteral("tradai_backtest_full"));
    QCOMPARE(terraformIdentifier(QStringLiteral("ProcessFunctionArn")),
             QStringLiteral("process_function_arn"));
}

QTEST_GUILESS_MAIN(TestExports)
#include "tst_exports.moc"
