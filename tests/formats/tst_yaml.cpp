// YAML reading and writing: YAML 1.2 core-schema scalars, positions, errors with line:column,
// what a Json tree cannot keep (anchors, merge keys) reported as warnings, writing back in member
// order with only the quoting that is needed, round trips of real definitions, and saving an edit
// into a commented file without touching the lines the edit does not change.
#include "formats/linemerge.h"
#include "formats/yaml.h"
#include "formats/yamldocument.h"
#include "shared.h"
#include "json/jsonreader.h"
#include "json/jsonwriter.h"

#include <QDirIterator>
#include <QtTest>

using namespace sw;
using namespace sw::formats;

namespace {

QList<QByteArray> lines(const QByteArray &t)
{
    QList<QByteArray> l = t.split('\n');
    if (!l.isEmpty() && l.last().isEmpty()) l.removeLast();
    return l;
}

// The 1-based numbers of the lines that differ between two texts with the same line count.
QList<int> changedLines(const QByteArray &a, const QByteArray &b)
{
    const QList<QByteArray> x = lines(a), y = lines(b);
    QList<int> out;
    for (qsizetype i = 0; i < std::max(x.size(), y.size()); ++i) {
        if (x.value(i) != y.value(i)) out.append(int(i + 1));
    }
    return out;
}

} // namespace

class TestYaml : public QObject
{
    Q_OBJECT
private slots:
    void scalars_data();
    void scalars();
    void byteOrderMarkCharacter();
    void positions();
    void errors_data();
    void errors();
    void expansionsAreReported();
    void cloudFormationTags();
    void quoting_data();
    void quoting();
    void stylesAreDetected();
    void examplesRoundTrip();
    void editKeepsCommentsAndUntouchedLines();
    void renameRewritesOnlyTheRegion();
    void unreadableOriginalIsRewritten();
};

// Expected values from the YAML 1.2.2 core schema (section 10.3.2), written as JSON.
void TestYaml::scalars_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("int") << QByteArray("v: 42") << QByteArray(R"({"v":42})");
    QTest::newRow("negative") << QByteArray("v: -7") << QByteArray(R"({"v":-7})");
    QTest::newRow("plus int") << QByteArray("v: +7") << QByteArray(R"({"v":7})");
    QTest::newRow("octal") << QByteArray("v: 0o17") << QByteArray(R"({"v":15})");
    QTest::newRow("hex") << QByteArray("v: 0x1F") << QByteArray(R"({"v":31})");
    QTest::newRow("float keeps spelling") << QByteArray("v: 2.50") << QByteArray(R"({"v":2.50})");
    QTest::newRow("exponent") << QByteArray("v: 1e3") << QByteArray(R"({"v":1e3})");
    QTest::newRow("leading dot") << QByteArray("v: .5") << QByteArray(R"({"v":0.5})");
    QTest::newRow("true") << QByteArray("v: true") << QByteArray(R"({"v":true})");
    QTest::newRow("True") << QByteArray("v: True") << QByteArray(R"({"v":true})");
    QTest::newRow("FALSE") << QByteArray("v: FALSE") << QByteArray(R"({"v":false})");
    QTest::newRow("yes is a string") << QByteArray("v: yes") << QByteArray(R"({"v":"yes"})");
    QTest::newRow("null") << QByteArray("v: null") << QByteArray(R"({"v":null})");
    QTest::newRow("tilde") << QByteArray("v: ~") << QByteArray(R"({"v":null})");
    QTest::newRow("empty") << QByteArray("v:") << QByteArray(R"({"v":null})");
    QTest::newRow("quoted number") << QByteArray("v: '42'") << QByteArray(R"({"v":"42"})");
    QTest::newRow("quoted true") << QByteArray("v: \"true\"") << QByteArray(R"({"v":"true"})");
    QTest::newRow("!!str") << QByteArray("v: !!str 5") << QByteArray(R"({"v":"5"})");
    QTest::newRow("jsonpath") << QByteArray("v: $.a[0]") << QByteArray(R"({"v":"$.a[0]"})");
    QTest::newRow("literal block") << QByteArray("v: |\n  a\n  b\n") << QByteArray(R"({"v":"a\nb\n"})");
    QTest::newRow("strip block") << QByteArray("v: |-\n  a\n") << QByteArray(R"({"v":"a"})");
    QTest::newRow("folded block") << QByteArray("v: >\n  a\n  b\n") << QByteArray(R"({"v":"a b\n"})");
    QTest::newRow("flow") << QByteArray("v: {a: [1, x], b: {}}")
                          << QByteArray(R"({"v":{"a":[1,"x"],"b":{}}})");
    QTest::newRow("order kept") << QByteArray("b: 1\na: 2\nc: 3") << QByteArray(R"({"b":1,"a":2,"c":3})");
    QTest::newRow("escapes") << QByteArray(R"(v: "tab\tnl\nu\u00e9")")
                             << QByteArray(R"({"v":"tab\tnl\nu\u00e9"})");
}

void TestYaml::scalars()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QByteArray, json);
    const YamlReadResult r = readYaml(yaml);
    QVERIFY2(r.ok, qPrintable(r.error));
    const Json expected = JsonReader::parse(json).value;
    QVERIFY2(sameDocument(r.value, expected), JsonWriter::compact(r.value).constData());
    // Spellings that are JSON come through (2.50 stays 2.50).
    if (json.contains("2.50")) QCOMPARE(r.value[u"v"].spelling(), QStringLiteral("2.50"));
}

// A leading U+FEFF inside a scalar is text (QString::fromUtf8 would drop it as a byte-order mark).
void TestYaml::byteOrderMarkCharacter()
{
    const YamlReadResult r = readYaml(R"(v: "\ufeffx")");
    QVERIFY(r.ok);
    QCOMPARE(r.value[u"v"].toString(), QString(QChar(0xFEFF)) + QLatin1Char('x'));
}

void TestYaml::positions()
{
    const QByteArray text = "# comment\nStartAt: A\nStates:\n  A:\n    Type: Pass\n    é: [1, 2]\n";
    const YamlReadResult r = readYaml(text);
    QVERIFY(r.ok);
    QCOMPARE(jsonpointer::locate(r.value, u"/StartAt"), (SourcePos{2, 10}));
    QCOMPARE(jsonpointer::locate(r.value, u"/States/A/Type"), (SourcePos{5, 11}));
    // Columns count code points, not bytes: é is one column.
    QCOMPARE(jsonpointer::locate(r.value, u"/States/A/é/1"), (SourcePos{6, 12}));
    QCOMPARE(r.value[u"States"].member(u"A")->keyPos, (SourcePos{4, 3}));
}

void TestYaml::errors_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");
    QTest::newRow("unclosed flow") << QByteArray("a: [1,\nb: 2\n") << 2
                                   << QStringLiteral("end of sequence flow not found");
    QTest::newRow("duplicate key") << QByteArray("a: 1\nb: 2\na: 3\n") << 3
                                   << QStringLiteral("duplicate key 'a' (first at line 1, column 1)");
    QTest::newRow("two documents") << QByteArray("a: 1\n---\nb: 2\n") << 3
                                   << QStringLiteral("the text holds 2 YAML documents: Stepwise reads one");
    QTest::newRow("unknown tag")
        << QByteArray("a: 1\nb: !Sub x\n") << 2
        << QStringLiteral(
               "unsupported YAML tag !Sub (CloudFormation short forms are read in templates only)");
    QTest::newRow("infinity") << QByteArray("a: .inf\n") << 1
                              << QStringLiteral(".inf has no JSON equivalent");
    QTest::newRow("bad int tag") << QByteArray("a: !!int x\n") << 1
                                 << QStringLiteral("'x' is not a valid int");
    QTest::newRow("empty") << QByteArray("") << 1 << QStringLiteral("the text holds no YAML document");
}

void TestYaml::errors()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, line);
    QFETCH(QString, message);
    const YamlReadResult r = readYaml(yaml);
    QVERIFY(!r.ok);
    QCOMPARE(r.error, message);
    QCOMPARE(r.errorPos.line, line);
    QVERIFY(r.errorPos.column >= 1);
}

void TestYaml::expansionsAreReported()
{
    const YamlReadResult r =
        readYaml("base: &b {Type: Pass, End: true}\nA: *b\nB:\n  <<: *b\n  Comment: merged\n");
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(sameDocument(r.value[u"A"], r.value[u"base"]));
    QCOMPARE(r.value[u"B"].keys(),
             (QStringList{QStringLiteral("Comment"), QStringLiteral("Type"), QStringLiteral("End")}));
    QCOMPARE(r.warnings.size(), 2);
    QVERIFY(r.warnings.at(0).contains(QLatin1String("aliases")));
    QVERIFY(r.warnings.at(1).contains(QLatin1String("merge keys")));
}

void TestYaml::cloudFormationTags()
{
    YamlReadOptions o;
    o.cloudFormationTags = true;
    const YamlReadResult r = readYaml("a: !Ref Bucket\nb: !GetAtt Fn.Arn\nc: !Sub 'x-${AWS::Region}'\n"
                                      "d: !Join ['', [a, !Ref B]]\ne: !GetAtt [Res, Outputs.Name]\n",
                                      o);
    QVERIFY2(r.ok, qPrintable(r.error));
    const Json expected =
        JsonReader::parse(
            R"({"a":{"Ref":"Bucket"},"b":{"Fn::GetAtt":["Fn","Arn"]},"c":{"Fn::Sub":"x-${AWS::Region}"},)"
            R"("d":{"Fn::Join":["",["a",{"Ref":"B"}]]},"e":{"Fn::GetAtt":["Res","Outputs.Name"]}})")
            .value;
    QVERIFY2(sameDocument(r.value, expected), JsonWriter::compact(r.value).constData());
    // Written back in short form, they read back the same.
    YamlWriteOptions w;
    w.cloudFormationShortForms = true;
    const QByteArray text = writeYaml(r.value, w);
    QVERIFY(text.contains("a: !Ref Bucket\n"));
    QVERIFY(text.contains("b: !GetAtt Fn.Arn\n"));
    const YamlReadResult back = readYaml(text, o);
    QVERIFY2(back.ok && sameDocument(back.value, r.value), text.constData());
}

// A string is written plain only when YAML reads the plain form back as that same string.
void TestYaml::quoting_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("written");
    QTest::newRow("plain") << QStringLiteral("Hello world") << QByteArray("v: Hello world\n");
    QTest::newRow("arn") << QStringLiteral("arn:aws:states:::lambda:invoke")
                         << QByteArray("v: arn:aws:states:::lambda:invoke\n");
    QTest::newRow("jsonpath") << QStringLiteral("$.a") << QByteArray("v: $.a\n");
    QTest::newRow("number-like") << QStringLiteral("42") << QByteArray("v: '42'\n");
    QTest::newRow("bool-like") << QStringLiteral("true") << QByteArray("v: 'true'\n");
    QTest::newRow("yaml 1.1 bool") << QStringLiteral("no") << QByteArray("v: 'no'\n");
    QTest::newRow("null-like") << QStringLiteral("null") << QByteArray("v: 'null'\n");
    QTest::newRow("empty") << QString() << QByteArray("v: ''\n");
    QTest::newRow("colon space") << QStringLiteral("a: b") << QByteArray("v: 'a: b'\n");
    QTest::newRow("comment-like") << QStringLiteral("a #b") << QByteArray("v: 'a #b'\n");
    QTest::newRow("jsonata") << QStringLiteral("{% $states.input %}")
                             << QByteArray("v: '{% $states.input %}'\n");
    QTest::newRow("apostrophe") << QStringLiteral("'x'") << QByteArray("v: '''x'''\n");
    QTest::newRow("control") << QStringLiteral("a\tb") << QByteArray("v: \"a\\tb\"\n");
    QTest::newRow("multi-line") << QStringLiteral("a\nb\n") << QByteArray("v: |\n  a\n  b\n");
    QTest::newRow("multi-line, no final newline")
        << QStringLiteral("a\nb") << QByteArray("v: |-\n  a\n  b\n");
    QTest::newRow("leading space") << QStringLiteral(" a") << QByteArray("v: ' a'\n");
}

void TestYaml::quoting()
{
    QFETCH(QString, value);
    QFETCH(QByteArray, written);
    Json o = Json::object();
    o.insert(QStringLiteral("v"), Json(value));
    QCOMPARE(writeYaml(o), written);
    const YamlReadResult back = readYaml(written);
    QVERIFY(back.ok);
    QCOMPARE(back.value[u"v"].toString(), value);
}

void TestYaml::stylesAreDetected()
{
    const YamlWriteOptions four = detectYamlStyle("a:\n    b:\n        - x\n");
    QCOMPARE(four.indent, 4);
    QVERIFY(four.indentSequences);
    const YamlWriteOptions flat = detectYamlStyle("a:\n  b: 1\n  c:\n  - x\n");
    QCOMPARE(flat.indent, 2);
    QVERIFY(!flat.indentSequences);
}

// Acceptance: YAML exported and read back gives the original document, for every example (and the
// real-world corpus), in both indentation styles.
void TestYaml::examplesRoundTrip()
{
    REQUIRE_SHARED(shared);
    int files = 0;
    for (const QString &dir :
         {shared + QStringLiteral("/examples"), shared + QStringLiteral("/corpus/real-world")}) {
        QDirIterator it(dir, {QStringLiteral("*.json")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const JsonReader::Result json = JsonReader::parse(f.readAll());
            if (!json.ok) continue;
            ++files;
            YamlWriteOptions wide;
            wide.indent = 4;
            wide.indentSequences = false;
            for (const YamlWriteOptions &o : {YamlWriteOptions{}, wide}) {
                const QByteArray yaml = writeYaml(json.value, o);
                const YamlReadResult back = readYaml(yaml);
                QVERIFY2(back.ok, qPrintable(path + QStringLiteral(": ") + back.error));
                QVERIFY2(sameDocument(back.value, json.value), qPrintable(path));
            }
        }
    }
    QVERIFY(files >= 6);
}

void TestYaml::editKeepsCommentsAndUntouchedLines()
{
    const QByteArray original = "# Orders\n"
                                "Comment: \"Order flow\"   # shown in the console\n"
                                "StartAt: Validate\n"
                                "States:\n"
                                "  # first\n"
                                "  Validate:\n"
                                "    Type: Task\n"
                                "    Resource: 'arn:aws:states:::lambda:invoke'\n"
                                "    Parameters: {FunctionName: validate, Payload.$: $}\n"
                                "    TimeoutSeconds: 30 # seconds\n"
                                "    Next: Done\n"
                                "\n"
                                "  Done:\n"
                                "    Type: Succeed\n";
    const YamlOpenResult opened = openYamlDefinition(original);
    QVERIFY(opened.document.parsed);
    QCOMPARE(opened.document.machine.states.size(), size_t(2));
    QVERIFY(opened.limitations.join(QLatin1Char('\n')).contains(QLatin1String("comments are kept")));

    Json edited = opened.document.root;
    edited.mutableValue(u"States")
        ->mutableValue(u"Validate")
        ->insert(QStringLiteral("TimeoutSeconds"), Json(60));
    const SaveResult saved = saveYamlDefinition(original, edited);
    QVERIFY(saved.ok);
    QCOMPARE(changedLines(original, saved.text), QList<int>{10});
    QCOMPARE(lines(saved.text).at(9), QByteArray("    TimeoutSeconds: 60 # seconds"));
    QVERIFY(saved.warnings.isEmpty());

    // An unedited document is written back byte for byte.
    QCOMPARE(saveYamlDefinition(original, opened.document.root).text, original);
}

void TestYaml::renameRewritesOnlyTheRegion()
{
    const QByteArray original =
        "StartAt: A # start\nStates:\n  A:\n    Type: Pass\n    Next: B\n  B:\n    Type: Pass\n"
        "    Result: {x: 1}  # flow stays\n    Next: C\n  C:   # the end\n    Type: Succeed\n";
    const YamlReadResult r = readYaml(original);
    QVERIFY(r.ok);
    Json edited = r.value;
    Json *states = edited.mutableValue(u"States");
    states->renameKey(u"C", QStringLiteral("End"));
    states->mutableValue(u"B")->insert(QStringLiteral("Next"), Json("End"));
    const SaveResult saved = saveYamlDefinition(original, edited);
    QVERIFY(saved.ok);
    const YamlReadResult back = readYaml(saved.text);
    QVERIFY(back.ok && sameDocument(back.value, edited));
    // Lines before the edit stay, flow style and comments included.
    QVERIFY(saved.text.startsWith(
        "StartAt: A # start\nStates:\n  A:\n    Type: Pass\n    Next: B\n  B:\n    Type: Pass\n"
        "    Result: {x: 1}  # flow stays\n"));
    QVERIFY(saved.text.contains("  End:\n"));
    QCOMPARE(saved.warnings,
             QStringList{QStringLiteral("the comment on line 10 was removed with the lines it annotated")});
}

void TestYaml::unreadableOriginalIsRewritten()
{
    const Json edited = JsonReader::parse(R"({"StartAt":"A","States":{"A":{"Type":"Succeed"}}})").value;
    const SaveResult saved = saveYamlDefinition("a: [\n", edited);
    QVERIFY(saved.ok);
    QCOMPARE(saved.text, QByteArray("StartAt: A\nStates:\n  A:\n    Type: Succeed\n"));
    QCOMPARE(saved.warnings.size(), 1);
}

QTEST_GUILESS_MAIN(TestYaml)
#include "tst_yaml.moc"
