// Terraform: aws_sfn_state_machine resources with jsonencode({...}), heredoc JSON, file() and
// templatefile() definitions; references shown as placeholders with their values; read-only with
// the expression named where Terraform computes the definition; edits saved with only the edited
// lines changed; the HCL writer's layout (terraform fmt alignment) and reader errors.
#include "formats/hcl.h"
#include "formats/sourcefile.h"
#include "formats/terraform.h"
#include "formats/yaml.h"
#include "shared.h"
#include "json/jsonreader.h"

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

// The lines of `b` that are not in `a` and the 1-based lines of `a` not in `b`, for texts that
// differ in one place.
QPair<QList<int>, QList<QByteArray>> diff(const QByteArray &a, const QByteArray &b)
{
    const QList<QByteArray> x = a.split('\n'), y = b.split('\n');
    qsizetype pre = 0;
    while (pre < x.size() && pre < y.size() && x.at(pre) == y.at(pre))
        ++pre;
    qsizetype suf = 0;
    while (suf < x.size() - pre && suf < y.size() - pre &&
           x.at(x.size() - 1 - suf) == y.at(y.size() - 1 - suf))
        ++suf;
    QList<int> removed;
    for (qsizetype i = pre; i < x.size() - suf; ++i)
        removed.append(int(i + 1));
    return {removed, y.mid(pre, y.size() - suf - pre)};
}

} // namespace

class TestTerraform : public QObject
{
    Q_OBJECT
private slots:
    void listsMachines();
    void jsonencodeDefinition();
    void jsonencodeEditChangesOnlyItsLines();
    void heredocEdit();
    void templatefileThroughSourceFile();
    void computedDefinitionsAreReadOnly();
    void writerLayout();
    void readerErrors();
};

void TestTerraform::listsMachines()
{
    const TerraformFile t = TerraformFile::parse(readData(QStringLiteral("main.tf")));
    QVERIFY2(t.ok(), qPrintable(t.error()));
    QCOMPARE(t.machines().size(), 6);
    const QStringList names{QStringLiteral("encoded"),   QStringLiteral("heredoc"),
                            QStringLiteral("from_file"), QStringLiteral("from_template"),
                            QStringLiteral("dynamic"),   QStringLiteral("computed_retry")};
    for (int i = 0; i < names.size(); ++i)
        QCOMPARE(t.machines().at(i).name, names.at(i));
    QVERIFY(t.machines().at(0).form == TerraformFile::Form::JsonEncode);
    QVERIFY(t.machines().at(1).form == TerraformFile::Form::Heredoc);
    QVERIFY(t.machines().at(2).form == TerraformFile::Form::File);
    QCOMPARE(t.machines().at(2).localPath, QStringLiteral("statemachine/file-machine.asl.json"));
    QVERIFY(t.machines().at(3).form == TerraformFile::Form::TemplateFile);
    QCOMPARE(t.machines().at(0).address, QStringLiteral("aws_sfn_state_machine.encoded"));
    QCOMPARE(t.machines().at(0).pos.line, 19);
}

void TestTerraform::jsonencodeDefinition()
{
    const TerraformFile t = TerraformFile::parse(readData(QStringLiteral("main.tf")));
    const TerraformFile::Definition d = t.definition(0);
    QVERIFY2(d.ok, qPrintable(d.error));
    QVERIFY(d.readOnlyReason.isEmpty());
    const Json expected =
        JsonReader::parse(
            R"({"Comment":"Checks an item","StartAt":"Check","States":{"Check":{"Type":"Task",)"
            R"("Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":)"
            R"("${aws_lambda_function.checker.arn}","Payload.$":"$"},"Retry":[{"ErrorEquals":)"
            R"(["States.TaskFailed"],"MaxAttempts":3}],"Next":"Done"},"Done":{"Type":"Succeed"}}})")
            .value;
    QVERIFY(sameDocument(d.root, expected));
    QCOMPARE(d.placeholders.size(), 1);
    QCOMPARE(d.placeholders.first().source, QStringLiteral("Terraform reference"));
    QCOMPARE(jsonpointer::locate(d.root, u"/States/Check/Type"), (SourcePos{28, 20}));

    const TerraformFile::Definition h = t.definition(1);
    QVERIFY2(h.ok, qPrintable(h.error));
    QCOMPARE(h.placeholders.first().name, QStringLiteral("var.environment"));
    QCOMPARE(h.placeholders.first().value, Json("dev"));
    QCOMPARE(jsonpointer::locate(h.root, u"/StartAt"), (SourcePos{55, 14}));
}

void TestTerraform::jsonencodeEditChangesOnlyItsLines()
{
    const QByteArray text = readData(QStringLiteral("main.tf"));
    const TerraformFile t = TerraformFile::parse(text);
    Json edited = t.definition(0).root;
    edited.mutableValue(u"States")->mutableValue(u"Check")->insert(QStringLiteral("TimeoutSeconds"),
                                                                   Json(60));
    const TerraformFile::Saved s = t.save(0, edited);
    QVERIFY2(s.ok, qPrintable(s.error));
    // terraform fmt aligns the '=' of the last two one-line members.
    const auto d = diff(text, s.text);
    QCOMPARE(d.first, QList<int>{40});
    QCOMPARE(d.second,
             (QList<QByteArray>{"        Next           = \"Done\"", "        TimeoutSeconds = 60"}));
    QVERIFY(s.text.contains("          FunctionName = aws_lambda_function.checker.arn\n"));
}

void TestTerraform::heredocEdit()
{
    const QByteArray text = readData(QStringLiteral("main.tf"));
    const TerraformFile t = TerraformFile::parse(text);
    Json edited = t.definition(1).root;
    edited.mutableValue(u"States")->mutableValue(u"Hello")->insert(QStringLiteral("Comment"), Json("hi"));
    const TerraformFile::Saved s = t.save(1, edited);
    QVERIFY2(s.ok, qPrintable(s.error));
    const auto d = diff(text, s.text);
    QCOMPARE(d.first, QList<int>{60});
    QCOMPARE(d.second, (QList<QByteArray>{"      \"End\": true,", "      \"Comment\": \"hi\""}));
}

void TestTerraform::templatefileThroughSourceFile()
{
    const SourceFile f = SourceFile::load(dataDir() + QStringLiteral("/main.tf"));
    QVERIFY2(f.ok(), qPrintable(f.error()));
    QVERIFY(f.kind() == SourceKind::Terraform);
    const OpenedDefinition o = f.open(3);
    QVERIFY2(o.ok, qPrintable(o.error));
    QCOMPARE(o.path, dataDir() + QStringLiteral("/statemachine/file-machine.asl.json"));
    QCOMPARE(o.placeholders.size(), 2);
    QCOMPARE(o.placeholders.at(0).source,
             QStringLiteral("templatefile() variable (aws_lambda_function.checker.arn)"));
    QCOMPARE(o.placeholders.at(1).value, Json("items"));
}

void TestTerraform::computedDefinitionsAreReadOnly()
{
    const TerraformFile t = TerraformFile::parse(readData(QStringLiteral("main.tf")));
    const TerraformFile::Definition dynamic = t.definition(4);
    QVERIFY(!dynamic.ok);
    QVERIFY(dynamic.error.contains(QLatin1String("merge(local.base")));
    const TerraformFile::Definition computed = t.definition(5);
    QVERIFY(computed.ok);
    QCOMPARE(computed.readOnlyReason,
             QStringLiteral("the definition uses the expression local.retry_attempts + 1 at "
                            "/States/A/Retry/0/MaxAttempts, which Stepwise cannot evaluate"));
    Json edited = computed.root;
    edited.insert(QStringLiteral("Comment"), Json("x"));
    QVERIFY(!t.save(5, edited).ok);
}

void TestTerraform::writerLayout()
{
    const Json v =
        JsonReader::parse(R"({"Type":"Task","Resource":"arn","Parameters":{"Payload.$":"$"},"Next":"B",)"
                          R"("ErrorEquals":["A","B"],"Empty":{},"Text":"a \"q\" ${x} %{y}\n"})")
            .value;
    const QByteArray expected = "{\n"
                                "  Type     = \"Task\"\n"
                                "  Resource = \"arn\"\n"
                                "  Parameters = {\n"
                                "    \"Payload.$\" = \"$\"\n"
                                "  }\n"
                                "  Next        = \"B\"\n"
                                "  ErrorEquals = [\"A\", \"B\"]\n"
                                "  Empty       = {}\n"
                                "  Text        = \"a \\\"q\\\" ${x} %%{y}\\n\"\n"
                                "}";
    QCOMPARE(writeHcl(v, 0), expected);
    QCOMPARE(hclString(QStringLiteral("${x}"), false), QByteArray("\"$${x}\""));
    // What the writer produces reads back as the same value.
    const HclFile f = HclFile::parse("a = " + writeHcl(v, 0) + "\n");
    QVERIFY2(f.ok, qPrintable(f.error));
}

void TestTerraform::readerErrors()
{
    const HclFile unclosed = HclFile::parse("resource \"a\" \"b\" {\n  x = 1\n");
    QVERIFY(!unclosed.ok);
    QCOMPARE(unclosed.error, QStringLiteral("a block is not closed"));
    const HclFile string = HclFile::parse("a = \"abc\n");
    QVERIFY(!string.ok);
    QCOMPARE(string.errorPos, (SourcePos{1, 5}));
    const TerraformFile none = TerraformFile::parse("resource \"aws_s3_bucket\" \"b\" {}\n");
    QVERIFY(!none.ok());
    QCOMPARE(none.error(), QStringLiteral("the file declares no aws_sfn_state_machine resource"));
}

QTEST_GUILESS_MAIN(TestTerraform)
#include "tst_terraform.moc"
