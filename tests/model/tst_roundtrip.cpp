// Lossless round trip over real definitions: every file of ../shared/corpus/real-world,
// ../shared/examples and the bundled examples loads, and writes back with the same values in the
// same order (checked token by token, independently of our reader), byte for byte when the input
// was 2-space indented (recognised by an independent layout check).
#include "asl/asldocument.h"
#include "shared.h"

#include <QDirIterator>
#include <QJsonDocument>
#include <QtTest>

using namespace sw;

namespace {

// The text with all whitespace outside strings removed: equal for two texts exactly when they hold
// the same tokens in the same order (same values, member order and spellings).
QByteArray tokens(const QByteArray &t)
{
    QByteArray out;
    out.reserve(t.size());
    bool inString = false;
    for (qsizetype i = 0; i < t.size(); ++i) {
        const char c = t[i];
        if (inString) {
            out.append(c);
            if (c == '\\' && i + 1 < t.size())
                out.append(t[++i]);
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
            out.append(c);
        } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
            out.append(c);
        }
    }
    if (out.startsWith("\xEF\xBB\xBF"))
        out.remove(0, 3);
    return out;
}

// True when the text is laid out as JSON.stringify(value, null, 2) would: one value per line,
// nesting indented by exactly two spaces, `"key": value`, empty containers as {} and [].
bool looksTwoSpaceIndented(const QByteArray &text)
{
    if (text.contains('\t') || text.contains('\r'))
        return false;
    QList<QByteArray> lines = text.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    int expected = 0;
    for (const QByteArray &line : lines) {
        int indent = 0;
        while (indent < line.size() && line[indent] == ' ')
            ++indent;
        const QByteArray body = line.mid(indent);
        if (body.isEmpty() || body.endsWith(' '))
            return false;
        const bool closes = body.startsWith('}') || body.startsWith(']');
        if (closes)
            expected -= 2;
        if (indent != expected)
            return false;
        // Scan the line outside strings: structural characters allowed only at its end.
        QByteArray tail = body;
        if (tail.endsWith(','))
            tail.chop(1);
        bool inString = false;
        int structural = 0;
        for (qsizetype i = 0; i < tail.size(); ++i) {
            const char c = tail[i];
            if (inString) {
                if (c == '\\')
                    ++i;
                else if (c == '"')
                    inString = false;
                continue;
            }
            if (c == '"') {
                inString = true;
            } else if (c == ':') {
                if (i + 1 >= tail.size() || tail[i + 1] != ' ' || (i > 0 && tail[i - 1] == ' '))
                    return false;
            } else if (c == '{' || c == '[' || c == '}' || c == ']' || c == ',') {
                ++structural;
            }
        }
        const bool opens = tail.endsWith('{') || tail.endsWith('[');
        const bool emptyPair = tail.endsWith("{}") || tail.endsWith("[]");
        const bool closer = tail == "}" || tail == "]";
        if (!(structural == 0 || (structural == 1 && (opens || closer)) || (structural == 2 && emptyPair)))
            return false;
        if (opens)
            expected += 2;
    }
    return expected == 0;
}

void addFiles(const QString &dir, const QString &prefix)
{
    QDirIterator it(dir, {QStringLiteral("*.json")}, QDir::Files, QDirIterator::Subdirectories);
    QStringList files;
    while (it.hasNext())
        files.append(it.next());
    files.sort();
    for (const QString &f : files) {
        if (f.endsWith(QLatin1String("manifest.json")) || f.endsWith(QLatin1String("sources.json")) ||
            f.endsWith(QLatin1String("INDEX.json")) || f.contains(QLatin1String("NOT_JSON")))
            continue;
        QTest::newRow(qPrintable(prefix + QDir(dir).relativeFilePath(f))) << f;
    }
}

} // namespace

class TestRoundTrip : public QObject
{
    Q_OBJECT
private slots:
    void layoutCheckIsSound()
    {
        QVERIFY(looksTwoSpaceIndented("{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": \"x\"\n}\n"));
        QVERIFY(!looksTwoSpaceIndented("{\n  \"a\": [1, 2]\n}\n"));
        QVERIFY(!looksTwoSpaceIndented("{\n    \"a\": 1\n}\n"));
        QVERIFY(!looksTwoSpaceIndented("{\n  \"a\" : 1\n}\n"));
        QVERIFY(!looksTwoSpaceIndented("{ \"a\": 1 }\n"));
    }

    void files_data()
    {
        QTest::addColumn<QString>("file");
        const QString shared = sharedDir();
        addFiles(sourceDir() + QStringLiteral("/resources/examples"), QStringLiteral("bundled/"));
        if (shared.isEmpty())
            return;
        addFiles(shared + QStringLiteral("/examples"), QStringLiteral("examples/"));
        addFiles(shared + QStringLiteral("/corpus/real-world"), QStringLiteral("real-world/"));
        addFiles(shared + QStringLiteral("/corpus/validation"), QStringLiteral("validation/"));
    }
    void files()
    {
        QFETCH(QString, file);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray in = f.readAll();
        const asl::AslDocument doc = asl::AslDocument::fromText(in);
        QVERIFY2(doc.parsed, qPrintable(doc.readDiagnostics.value(0).message));
        const QByteArray out = doc.toText();
        QCOMPARE(tokens(out), tokens(in));
        QCOMPARE(QJsonDocument::fromJson(out), QJsonDocument::fromJson(in));
        if (looksTwoSpaceIndented(in)) {
            QByteArray a = in, b = out;
            while (a.endsWith('\n'))
                a.chop(1);
            while (b.endsWith('\n'))
                b.chop(1);
            QCOMPARE(b, a);
        }
    }

    void sharedPresent()
    {
        if (sharedDir().isEmpty())
            QSKIP("../shared is absent: only the bundled examples were round-tripped");
    }
};

QTEST_GUILESS_MAIN(TestRoundTrip)
#include "tst_roundtrip.moc"
